"""Punto de entrada JSON adentro / JSON afuera, que nunca lanza excepciones.

Lo usa cualquier anfitrión que hable texto (el validador del sitio, otro programa): recibe la
solicitud como JSON (y, si se tiene, el XML de la DIAN) y devuelve el informe como JSON. Con el XML
solo (`validar_xml_json` sin solicitud) revisa la factura sola.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any, Callable, Collection, Optional, Sequence, Union

from pydantic import BaseModel, ValidationError

from . import datos_abiertos, paquete
from .errores import CAMPO_RAIZ, NO_SE_RECONOCE, EntradaNoLegible, EntradaNoValida, EtapaNoValida, traducir
from .informe import FALTA_ESTE_DATO, ErrorDeEntrada, Informe, informe_de_error
from .modelos import Contrato, DatosDePago, Factura, Solicitud
from .motor import validar, validar_factura
from .perfil import Perfil
from .reglas import ETAPAS
from .xml_dian import TAMANO_MAXIMO, la_misma_factura, lectura, leer_respuesta, leer_xml


def validar_json(solicitud_json: str, xml: Optional[Union[str, bytes]] = None, perfil_json: Optional[str] = None,
                 hoy: Optional[str] = None, etapa: str = "proveedor", respuesta_xml: Optional[Union[str, bytes]] = None) -> str:
    """Informe en JSON de la solicitud `solicitud_json`; con `xml`, la factura sale de ese XML.

    `etapa`: «proveedor» (antes de enviar, por omisión) o «entidad» (antes de aprobar); otra da un
    informe con `error`. `respuesta_xml`: la respuesta de la DIAN (ApplicationResponse) en un archivo aparte.
    """
    return _informe(solicitud_json, xml, perfil_json, hoy, etapa, respuesta_xml).model_dump_json()


def validar_xml_json(xml: Union[str, bytes], solicitud_json: Optional[str] = None, perfil_json: Optional[str] = None,
                     hoy: Optional[str] = None, etapa: str = "proveedor", respuesta_xml: Optional[Union[str, bytes]] = None) -> str:
    """Informe en JSON de la factura `xml`. Sin `solicitud_json`, revisa la factura sola (modo «solo_factura»:
    el informe dice qué grupos de reglas no corrieron y qué dato los habilitaría); con ella, como `validar_json`.
    `respuesta_xml`: la respuesta de la DIAN (ApplicationResponse) en un archivo aparte."""
    if solicitud_json is not None:
        return validar_json(solicitud_json, xml=xml, perfil_json=perfil_json, hoy=hoy, etapa=etapa,
                            respuesta_xml=respuesta_xml)
    informe = _con_frontera(lambda: validar_factura(
        leer_xml(xml, respuesta_xml), perfil=cargar_json(perfil_json, "el perfil") if perfil_json else None,
        hoy=_fecha(hoy), etapa=etapa),
        etapa)
    return informe.model_copy(update={"modo": "solo_factura"}).model_dump_json()


def _fecha(hoy: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(hoy) if hoy else None
    except ValueError:
        raise EntradaNoLegible("La fecha de referencia no es una fecha AAAA-MM-DD.") from None


def _informe(solicitud_json: str, xml: Optional[Union[str, bytes]], perfil_json: Optional[str], hoy: Optional[str],
             etapa: str = "proveedor", respuesta_xml: Optional[Union[str, bytes]] = None) -> Informe:
    def correr() -> Informe:
        if etapa not in ETAPAS:
            raise EtapaNoValida(etapa)
        solicitud, perfil = _entrada(solicitud_json, xml, perfil_json, respuesta_xml)
        return validar(solicitud, perfil=perfil, hoy=_fecha(hoy), etapa=etapa)
    return _con_frontera(correr, etapa)


def _entrada(solicitud_json: str, xml: Optional[Union[str, bytes]], perfil_json: Optional[str],
             respuesta_xml: Optional[Union[str, bytes]] = None,
             leida: Optional[dict[str, Any]] = None, mostrados: Collection[str] = ()) -> tuple[dict[str, Any], Optional[dict[str, Any]]]:
    """La solicitud (con la factura del XML, si lo hay, y la respuesta de la DIAN del archivo aparte, si la hay) y
    el perfil, leídos de sus JSON. `leida` y `mostrados`: ver `con_lo_que_no_se_muestra`."""
    solicitud = cargar_json(solicitud_json, "la solicitud")
    if leida:
        solicitud = con_lo_que_no_se_muestra(solicitud, leida, mostrados)
    if xml is not None:
        solicitud = con_factura_de_xml(solicitud, xml, respuesta_xml)
    elif respuesta_xml is not None:
        solicitud = con_respuesta_de_la_dian(solicitud, respuesta_xml)
    return solicitud, cargar_json(perfil_json, "el perfil") if perfil_json else None


def con_lo_que_no_se_muestra(solicitud: dict[str, Any], leida: dict[str, Any], mostrados: Collection[str],
                             ruta: str = "factura") -> dict[str, Any]:
    """La solicitud de un formulario con lo que la factura leída (del XML o de una solicitud guardada) trae y el
    formulario no muestra: la respuesta de la DIAN, de qué XML salió, los bloques de cada parte, las retenciones.

    Así eso sigue con la factura aunque la persona corrija a mano otro dato (entonces se revisa lo del formulario, no
    el XML) y va en la solicitud que guarda. Lo que el formulario muestra manda, aunque esté vacío: `mostrados` son
    las rutas de sus campos y listas (`factura.numero`, `factura.lineas`)."""
    if not isinstance(solicitud.get("factura"), dict) or not isinstance(leida, dict):
        return solicitud
    factura = _completar(solicitud["factura"], leida, frozenset(mostrados), ruta)
    if "totales_tributos" not in solicitud["factura"] and not _mismos_tributos(factura.get("impuestos"),
                                                                                leida.get("impuestos")):
        # El total de cada tributo resume los del XML: con los impuestos corregidos a mano ya no es el suyo (el valor
        # total y el CUFE se revisan con los del formulario).
        factura.pop("totales_tributos", None)
    return {**solicitud, "factura": factura}


def _mismos_tributos(uno: Any, otro: Any) -> bool:
    def pares(tributos: Any) -> Optional[list[tuple[Any, Any]]]:
        try:
            return [(t.get("codigo"), Decimal(str(t.get("valor")))) for t in tributos or []]
        except (AttributeError, ArithmeticError, ValueError):
            return None
    return pares(uno) is not None and pares(uno) == pares(otro)


def _completar(datos: dict[str, Any], leido: dict[str, Any], mostrados: frozenset[str], ruta: str) -> dict[str, Any]:
    completo = dict(datos)
    for clave, valor in leido.items():
        camino = f"{ruta}.{clave}"
        if camino in mostrados:
            continue
        if isinstance(valor, dict) and any(m.startswith(camino + ".") for m in mostrados):
            anterior = completo.get(clave)
            completo[clave] = _completar(anterior if isinstance(anterior, dict) else {}, valor, mostrados, camino)
        elif clave not in completo:
            completo[clave] = valor
    return completo


def solicitud_completa_json(solicitud_json: str, leida: Optional[str] = None, en_el_formulario: Optional[str] = None) -> str:
    """La solicitud del formulario con lo que la factura leída trae y el formulario no muestra
    (`con_lo_que_no_se_muestra`; `leida`: JSON de la factura, `en_el_formulario`: JSON de la lista de rutas), para
    guardarla. Nunca lanza excepciones: si algo no se puede leer, devuelve la solicitud como llegó."""
    try:
        solicitud = json.loads(solicitud_json)
        if isinstance(solicitud, dict):
            return json.dumps(con_lo_que_no_se_muestra(solicitud, _objeto(leida), _lista(en_el_formulario)),
                              ensure_ascii=False)
    except (json.JSONDecodeError, RecursionError, TypeError, ValueError):
        pass
    return solicitud_json


def _con_frontera(correr: Callable[[], Informe], etapa: str = "proveedor") -> Informe:
    """Corre y convierte cualquier error en un informe con mensaje: el anfitrión nunca recibe una excepción."""
    try:
        return correr()
    except EntradaNoValida as exc:
        return informe_de_error(str(exc), exc.errores, etapa=_etapa(etapa))
    except EntradaNoLegible as exc:
        return informe_de_error(str(exc), etapa=_etapa(etapa))
    except Exception as exc:  # frontera: nunca un traceback para quien usa el validador
        return informe_de_error(f"Error inesperado del validador ({type(exc).__name__}); por favor repórtelo.",
                                etapa=_etapa(etapa))


def _etapa(etapa: object) -> str:
    # El informe de error repite la etapa pedida (recortada: puede venir cualquier cosa del anfitrión).
    return str(etapa)[:40]


def cargar_json(texto: str, que: str) -> dict[str, Any]:
    que = que.replace("el ", "del ", 1) if que.startswith("el ") else f"de {que}"  # «del perfil», «de la solicitud»
    if len(texto) > TAMANO_MAXIMO:
        raise EntradaNoLegible(f"El JSON {que} es demasiado grande (más de {TAMANO_MAXIMO // (1024 * 1024)} MiB).")
    try:
        datos = json.loads(texto)
    except json.JSONDecodeError as exc:
        raise EntradaNoLegible(f"El JSON {que} está mal formado (línea {exc.lineno}, columna {exc.colno}).") from None
    except RecursionError:
        raise EntradaNoLegible(f"El JSON {que} está anidado demasiado hondo.") from None
    if not isinstance(datos, dict):
        raise EntradaNoLegible(f"El JSON {que} debe ser un objeto {{…}}.")
    return datos


def con_factura_de_xml(solicitud: dict[str, Any], xml: Union[str, bytes],
                       respuesta_xml: Optional[Union[str, bytes]] = None) -> dict[str, Any]:
    """La solicitud con la factura leída del XML. La clave técnica y el PIN, que no viajan en el XML, se conservan."""
    factura = leer_xml(xml, respuesta_xml).model_dump(mode="json", exclude_none=True)
    anterior = solicitud.get("factura")
    for clave in ("clave_tecnica", "pin_software"):
        if isinstance(anterior, dict) and anterior.get(clave):
            factura[clave] = anterior[clave]
    return {**solicitud, "factura": factura}


def con_respuesta_de_la_dian(solicitud: dict[str, Any], respuesta_xml: Union[str, bytes]) -> dict[str, Any]:
    """La solicitud con la respuesta de la DIAN de un archivo aparte en su factura escrita a mano (con el XML de la
    factura, la agrega `con_factura_de_xml`)."""
    if not isinstance(solicitud.get("factura"), dict):
        return solicitud
    return {**solicitud, "factura": {**solicitud["factura"], "respuesta_dian": leer_respuesta(respuesta_xml)}}


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


def la_misma_factura_json(xmls: Sequence[Union[str, bytes, bytearray, memoryview]]) -> str:
    """`{"usar": [índices], "no_usados": [{"indice", "error"}]}`: de varios XML (o ZIP del correo) que llegan juntos,
    cuáles usar. Los que no son una factura que se pueda leer (mal formados, otro documento) quedan fuera con el
    motivo, si hay alguno que sí lo es (como en el ZIP del correo). De los demás, uno solo si son copias de la misma
    factura y se puede elegir sin que el veredicto dependa del orden (`xml_dian.la_misma_factura`: el AttachedDocument
    con la respuesta de la DIAN, o cualquiera si todos dicen lo mismo); todos si no (quien llama pide elegir uno).
    Nunca lanza excepciones."""
    try:
        lecturas = [lectura(x) for x in xmls]
    except Exception:  # frontera: ante la duda no se elige en silencio
        return json.dumps({"usar": list(range(len(xmls))), "no_usados": []})
    if not lecturas:
        return json.dumps({"usar": [], "no_usados": []})
    legibles = [i for i, x in enumerate(lecturas) if x.error is None] or [0]  # ninguno: el primero, con su error
    elegida = la_misma_factura([lecturas[i] for i in legibles]) if len(legibles) > 1 else 0
    usar = legibles if elegida is None else [legibles[elegida]]
    no_usados = [{"indice": i, "error": x.error} for i, x in enumerate(lecturas) if i not in usar and x.error]
    return json.dumps({"usar": usar, "no_usados": no_usados}, ensure_ascii=False)


def limites() -> dict[str, Any]:
    """Límites que un anfitrión puede aplicar antes de pasar un archivo (p. ej. no leer uno enorme)."""
    return {"tamano_maximo": TAMANO_MAXIMO, "tamano_maximo_zip": paquete.ZIP_MAXIMO}


def esquemas() -> dict[str, Any]:
    """JSON Schema de la solicitud y del perfil de entidad, exportados de los modelos."""
    return {"solicitud": Solicitud.model_json_schema(), "perfil": Perfil.model_json_schema()}


def reconocer_archivo(contenido: Union[str, bytes, bytearray, memoryview]) -> str:
    """`{"tipo": ...}`: qué es un archivo por su contenido (ver `datos_abiertos.reconocer`)."""
    try:
        datos = contenido.encode("utf-8") if isinstance(contenido, str) else bytes(contenido)
        return json.dumps({"tipo": datos_abiertos.reconocer(datos)})
    except Exception:  # frontera
        return json.dumps({"tipo": "desconocido"})


def datos_abiertos_json(archivos_json: str, numero_factura: Optional[str] = None,
                        id_contrato: Optional[str] = None, de_la_factura: Optional[str] = None,
                        id_pago: Optional[str] = None, escrito: Optional[str] = None,
                        reelegir: Optional[str] = None) -> str:
    """El contrato desde archivos de datos abiertos de SECOP II. Nunca lanza excepciones.

    `archivos_json`: `[{"nombre": "plan.csv", "texto": "..."}, ...]`. `de_la_factura` (JSON, opcional):
    `{"contratista": "901234567", "entidad": "800100200", "fecha": "2026-06-01", "valor_a_pagar": "11900000.00",
    "anticipo_descontado": "0", "moneda": "COP"}`, para elegir el contrato de la factura si los archivos traen varios y
    no se da `id_contrato`, y entre los pagos libres el que vale lo que ella cobra. `id_pago` (opcional): el pago del plan al que va la
    factura; si está en trámite, su factura se toma como esta misma. `escrito` (JSON, opcional): lo que la persona
    tenía escrito, `{"contrato.valor": "60.000.000", ...}`; `reemplazados` dice qué de eso cambia. `reelegir` (JSON,
    opcional): los mismos archivos otra vez para volver a elegir el pago (llegó el número de la factura, o se escribió
    otro «ID de pago»), con la lista de lo que la persona cambió a mano desde que se leyeron (`["contrato.plan_de_pagos.0
    .valor"]`): la `solicitud` trae entonces solo lo que cambia (`datos_abiertos.lo_del_pago`). Devuelve
    `{"solicitud": {"contrato": {...}, "pago": {"id_pago": ...}}, "eleccion": "...", "avisos": [...],
    "archivos": [...], "con_el_contrato": bool, "reemplazados": [{"campo", "antes", "nuevo"}]}` (`con_el_contrato`: si
    la fila de «Contratos Electrónicos» llenó el contrato) o `{"error": "..."}` si algún archivo no se puede usar
    (entonces no se usa ninguno). Un archivo de un conjunto que el validador no usa (o no reconoce) junto a otros que
    sirven no es un error: se deja fuera y un aviso lo nombra (`datos_abiertos.leer_archivos`).
    """
    try:
        try:
            archivos = json.loads(archivos_json)
        except (json.JSONDecodeError, RecursionError):
            archivos = None
        if not isinstance(archivos, list) or not archivos or not all(
                isinstance(a, dict) and isinstance(a.get("texto"), str) for a in archivos):
            return json.dumps({"error": "No llegó ningún archivo de datos abiertos."}, ensure_ascii=False)
        if sum(len(a["texto"]) for a in archivos) > TAMANO_MAXIMO:
            return json.dumps({"error": "Los archivos de datos abiertos son demasiado grandes: baje solo las filas del "
                               "contrato con los enlaces del validador."}, ensure_ascii=False)
        leidos, fuera = datos_abiertos.leer_archivos((str(a.get("nombre") or "archivo"), a["texto"]) for a in archivos)
        resultado = datos_abiertos.combinar(leidos, numero_factura or None, id_contrato or None,
                                            _de_la_factura(de_la_factura), id_pago or None)
        escrito_a_mano = _objeto(escrito)
        solicitud = datos_abiertos.sin_lo_supuesto(resultado.solicitud(), escrito_a_mano, resultado.supuestos)
        avisos = fuera + resultado.avisos
        if reelegir is not None:
            solicitud, mas = datos_abiertos.lo_del_pago(solicitud, _lista(reelegir))
            avisos = [*avisos, *mas]
        return json.dumps({"solicitud": solicitud, "eleccion": resultado.eleccion, "avisos": avisos,
                           "archivos": resultado.archivos, "con_el_contrato": resultado.con_el_contrato,
                           "reemplazados": datos_abiertos.reemplazados(escrito_a_mano, solicitud)}, ensure_ascii=False)
    except datos_abiertos.DatosNoValidos as exc:
        return json.dumps({"error": str(exc)}, ensure_ascii=False)
    except Exception as exc:  # frontera: nunca un traceback para quien usa el validador
        return json.dumps({"error": f"Error inesperado al leer los datos abiertos ({type(exc).__name__}); "
                           "por favor repórtelo."}, ensure_ascii=False)


def _lista(texto: str) -> list[str]:
    try:
        datos = json.loads(texto) if texto else []
    except (json.JSONDecodeError, RecursionError):
        return []
    return [str(x) for x in datos] if isinstance(datos, list) else []


def _objeto(texto: Optional[str]) -> dict[str, Any]:
    try:
        datos = json.loads(texto) if texto else {}
    except (json.JSONDecodeError, RecursionError):
        return {}
    return datos if isinstance(datos, dict) else {}


def _de_la_factura(texto: Optional[str]) -> Optional[datos_abiertos.DeLaFactura]:
    try:
        return datos_abiertos.DeLaFactura.de(json.loads(texto)) if texto else None
    except (json.JSONDecodeError, RecursionError):
        return None


def validar_entrada_json(solicitud_json: str, xml: Optional[Union[str, bytes]] = None,
                         perfil_json: Optional[str] = None, hoy: Optional[str] = None, etapa: str = "proveedor",
                         respuesta_xml: Optional[Union[str, bytes]] = None, leida: Optional[str] = None,
                         en_el_formulario: Optional[str] = None) -> str:
    """Informe de lo que haya: la factura sola mientras la solicitud no trae contrato, la solicitud completa si lo trae.

    Es lo que usa la página del validador, que llega con una factura y agrega el contrato después. Con `xml`, la
    factura sale de ese XML (conservando la clave técnica y el PIN de la solicitud), como en `validar_xml_json`;
    con `respuesta_xml`, la respuesta de la DIAN (ApplicationResponse) de un archivo aparte. Sin `xml` (la persona
    corrigió a mano un dato de la factura), `leida` (JSON de la factura leída) y `en_el_formulario` (JSON de las
    rutas de los campos del formulario) completan la solicitud con lo que el formulario no muestra
    (`con_lo_que_no_se_muestra`).
    """
    def correr() -> Informe:
        solicitud, perfil = _entrada(solicitud_json, xml, perfil_json, respuesta_xml,
                                     _objeto(leida), _lista(en_el_formulario))
        return validar_lo_que_haya(solicitud, perfil=perfil, hoy=_fecha(hoy), etapa=etapa)
    return _con_frontera(correr, etapa).model_dump_json()


def validar_lo_que_haya(solicitud: dict[str, Any], perfil: Optional[dict[str, Any]] = None, hoy: Optional[date] = None,
                        etapa: str = "proveedor") -> Informe:
    """El informe de lo que trae la solicitud: la factura sola mientras no trae contrato (o lo trae a medio escribir:
    el informe dice qué falta), la solicitud completa si lo trae. Es lo que hacen la página y la CLI con una solicitud
    guardada. Lanza las excepciones de `validar`."""
    if _con_datos(Contrato, solicitud.get("contrato")) and not _con_datos(Factura, solicitud.get("factura")):
        # El contrato llegó primero (los datos abiertos) y aún no hay factura: no es una lista de datos por
        # corregir, es lo que sigue.
        return informe_de_error(FALTA_LA_FACTURA, [ErrorDeEntrada(
            campo="factura", mensaje="Suelte el XML de la factura o escriba sus datos.")],
                                etapa=_etapa(etapa))

    def solo_la_factura(**extra: Any) -> Informe:
        try:
            informe = validar_factura(solicitud["factura"], perfil=perfil, hoy=hoy, etapa=etapa)
        except EntradaNoValida as exc:  # las rutas del informe son las de la solicitud: factura.numero
            raise EntradaNoValida([e.model_copy(update={"campo": f"factura.{e.campo}"}) for e in exc.errores]) from None
        informe = informe.model_copy(update={"modo": "solo_factura", **extra})
        # El contrato o el pago que no se pudieron leer: el informe no dice «aprobable» (Informe.revision_incompleta).
        return informe.model_copy(update={"aprobable": False}) if informe.revision_incompleta else informe

    if not _con_datos(Contrato, solicitud.get("contrato")) and isinstance(solicitud.get("factura"), dict):
        # Sin contrato, lo demás que trae la solicitud tampoco se ignora en silencio: un campo con otro nombre
        # («contrat», «pago.numro_radicacion») o un valor mal escrito se dice, como con el contrato completo.
        return solo_la_factura(errores_de_entrada=_mal_escrito_sin_contrato(solicitud))
    try:
        return validar(solicitud, perfil=perfil, hoy=hoy, etapa=etapa)
    except EntradaNoValida as exc:
        # El contrato a medio escribir (p. ej. solo su número): el informe de la factura sigue, y se dice qué
        # falta del contrato o del pago para la revisión completa, en vez de «No se pudo revisar».
        if exc.errores and isinstance(solicitud.get("factura"), dict) and all(
                e.campo.startswith(("contrato.", "pago.")) for e in exc.errores):
            return solo_la_factura(errores_de_entrada=exc.errores)
        raise


def _mal_escrito_sin_contrato(solicitud: dict[str, Any]) -> list[ErrorDeEntrada]:
    """De una solicitud sin contrato (o con uno sin sus datos obligatorios), los campos que no se reconocen y los valores
    que no se leen, fuera de la factura: lo que solo falta no cuenta (es la solicitud a medio escribir)."""
    errores = [ErrorDeEntrada(campo=clave, mensaje=NO_SE_RECONOCE) for clave in solicitud
               if clave not in Solicitud.model_fields]
    for clave, modelo in (("contrato", Contrato), ("pago", DatosDePago)):
        if clave not in solicitud:
            continue
        try:
            modelo.model_validate(solicitud[clave])
        except ValidationError as exc:
            errores += [e.model_copy(update={"campo": f"{clave}.{e.campo}" if e.campo != CAMPO_RAIZ else clave})
                        for e in traducir(exc) if e.mensaje != FALTA_ESTE_DATO]
    return errores


FALTA_LA_FACTURA = ("Falta la factura: el contrato ya está, ahora suelte el XML de la factura electrónica (o escriba "
                    "sus datos en «La factura») para revisarla contra él.")


def _con_datos(modelo: type[BaseModel], datos: Any) -> bool:
    """¿Trae `datos` alguno de los campos obligatorios de `modelo`? Un formulario manda también los valores por
    omisión (tipo de documento NIT, persona jurídica…): esos solos no son un contrato."""
    if not isinstance(datos, dict):
        return False
    for nombre, campo in modelo.model_fields.items():
        valor = datos.get(nombre)
        if not campo.is_required() or valor in (None, "", [], {}):
            continue
        anidado = campo.annotation
        if isinstance(anidado, type) and issubclass(anidado, BaseModel):
            if _con_datos(anidado, valor):
                return True
        else:
            return True
    return False
