"""Punto de entrada JSON adentro / JSON afuera, que nunca lanza excepciones.

Lo usa cualquier anfitrión que hable texto (el validador del sitio, otro programa): recibe la
solicitud como JSON (y, si se tiene, el XML de la DIAN) y devuelve el informe como JSON.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Optional, Union

from .errores import EntradaNoLegible, EntradaNoValida, EtapaNoValida
from .informe import Informe, informe_de_error
from .modelos import Solicitud
from .motor import validar
from .perfil import Perfil
from .reglas import ETAPAS
from .xml_dian import TAMANO_MAXIMO, leer_xml


def validar_json(solicitud_json: str, xml: Optional[Union[str, bytes]] = None, perfil_json: Optional[str] = None,
                 hoy: Optional[str] = None, etapa: str = "proveedor") -> str:
    """Informe en JSON de la solicitud `solicitud_json`; con `xml`, la factura sale de ese XML.

    `etapa`: «proveedor» (antes de enviar, por omisión) o «entidad» (antes de aprobar); otra da un
    informe con `error`.
    """
    return _informe(solicitud_json, xml, perfil_json, hoy, etapa).model_dump_json()


def _informe(solicitud_json: str, xml: Optional[Union[str, bytes]], perfil_json: Optional[str], hoy: Optional[str],
             etapa: str = "proveedor") -> Informe:
    try:
        if etapa not in ETAPAS:
            raise EtapaNoValida(etapa)
        solicitud = cargar_json(solicitud_json, "la solicitud")
        if xml is not None:
            solicitud = con_factura_de_xml(solicitud, xml)
        perfil = cargar_json(perfil_json, "el perfil") if perfil_json else None
        fecha = date.fromisoformat(hoy) if hoy else None
        return validar(solicitud, perfil=perfil, hoy=fecha, etapa=etapa)
    except EntradaNoValida as exc:
        return informe_de_error(str(exc), exc.errores, etapa=_etapa(etapa))
    except EntradaNoLegible as exc:
        return informe_de_error(str(exc), etapa=_etapa(etapa))
    except ValueError:
        return informe_de_error("La fecha de referencia no es una fecha AAAA-MM-DD.", etapa=_etapa(etapa))
    except Exception as exc:  # frontera: nunca un traceback para quien usa el validador
        return informe_de_error(f"Error inesperado del validador ({type(exc).__name__}); por favor repórtelo.",
                                etapa=_etapa(etapa))


def _etapa(etapa: object) -> str:
    # El informe de error repite la etapa pedida (recortada: puede venir cualquier cosa del anfitrión).
    return str(etapa)[:40]


def cargar_json(texto: str, que: str) -> dict[str, Any]:
    if len(texto) > TAMANO_MAXIMO:
        raise EntradaNoLegible(f"El JSON de {que} es demasiado grande (más de {TAMANO_MAXIMO // (1024 * 1024)} MiB).")
    try:
        datos = json.loads(texto)
    except json.JSONDecodeError as exc:
        raise EntradaNoLegible(f"El JSON de {que} está mal formado (línea {exc.lineno}, columna {exc.colno}).") from None
    except RecursionError:
        raise EntradaNoLegible(f"El JSON de {que} está anidado demasiado hondo.") from None
    if not isinstance(datos, dict):
        raise EntradaNoLegible(f"El JSON de {que} debe ser un objeto {{…}}.")
    return datos


def con_factura_de_xml(solicitud: dict[str, Any], xml: Union[str, bytes]) -> dict[str, Any]:
    """La solicitud con la factura leída del XML. La clave técnica, que no viaja en el XML, se conserva."""
    factura = leer_xml(xml).model_dump(mode="json", exclude_none=True)
    anterior = solicitud.get("factura")
    if isinstance(anterior, dict) and anterior.get("clave_tecnica"):
        factura["clave_tecnica"] = anterior["clave_tecnica"]
    return {**solicitud, "factura": factura}


def leer_xml_json(xml: Union[str, bytes, bytearray, memoryview]) -> str:
    """`{"factura": {...}}` con los campos leídos del XML, o `{"error": "...", "errores_de_entrada": [...]}`."""
    try:
        factura = leer_xml(xml)
        return json.dumps({"factura": factura.model_dump(mode="json", exclude_none=True)}, ensure_ascii=False)
    except EntradaNoValida as exc:
        return json.dumps({"error": str(exc), "errores_de_entrada": [e.model_dump() for e in exc.errores]},
                          ensure_ascii=False)
    except EntradaNoLegible as exc:
        return json.dumps({"error": str(exc)}, ensure_ascii=False)
    except Exception as exc:  # frontera
        return json.dumps({"error": f"Error inesperado al leer el XML ({type(exc).__name__})."}, ensure_ascii=False)


def limites() -> dict[str, Any]:
    """Límites que un anfitrión puede aplicar antes de pasar un archivo (p. ej. no leer uno enorme)."""
    return {"tamano_maximo": TAMANO_MAXIMO}


def esquemas() -> dict[str, Any]:
    """JSON Schema de la solicitud y del perfil de entidad, exportados de los modelos."""
    return {"solicitud": Solicitud.model_json_schema(), "perfil": Perfil.model_json_schema()}
