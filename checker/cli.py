"""Línea de órdenes: `checker validar`, `checker reglas`, `checker esquema`.

Salida: 0 si la solicitud (o la factura sola) no tiene errores, 1 si los tiene, 2 si la entrada no se pudo leer.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, Optional, Sequence

from .api import cargar_json, con_factura_de_xml, esquemas
from .errores import EntradaNoLegible, EntradaNoValida
from .informe import NOMBRE_SEVERIDAD, Informe
from .motor import validar, validar_factura
from .reglas import CATALOGO, como_datos

SALIDA_APROBABLE, SALIDA_ERRORES, SALIDA_ILEGIBLE = 0, 1, 2


class _Analizador(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse escribe en inglés: una línea en español
        self.exit(SALIDA_ILEGIBLE, f"checker: orden no válida ({message}). Vea «checker --help».\n")


def _analizador() -> argparse.ArgumentParser:
    p = _Analizador(prog="checker", description="Revisa una solicitud de pago de SECOP II antes de enviarla.")
    sub = p.add_subparsers(dest="orden", required=True, parser_class=_Analizador)
    v = sub.add_parser("validar", help="valida una solicitud JSON o una factura XML de la DIAN")
    v.add_argument("archivo", help="solicitud .json o factura .xml (Invoice o AttachedDocument)")
    v.add_argument("--contrato", help="JSON con el contrato y los datos del pago (si ARCHIVO es un XML); "
                                      "sin él, la factura XML se revisa sola")
    v.add_argument("--perfil", help="JSON con el perfil de la entidad")
    v.add_argument("--json", action="store_true", help="imprime el informe en JSON")
    v.add_argument("--hoy", help="fecha de referencia AAAA-MM-DD (por omisión, hoy)")
    r = sub.add_parser("reglas", help="lista el catálogo de reglas")
    r.add_argument("--json", action="store_true", help="imprime el catálogo en JSON")
    sub.add_parser("esquema", help="imprime el JSON Schema de la solicitud y del perfil")
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _analizador().parse_args(argv)
    if args.orden == "reglas":
        return _reglas(args.json)
    if args.orden == "esquema":
        print(json.dumps(esquemas(), ensure_ascii=False, indent=2))
        return SALIDA_APROBABLE
    try:
        informe = _validar(args)
    except (EntradaNoLegible, EntradaNoValida) as exc:
        print(f"checker: {exc}", file=sys.stderr)
        return SALIDA_ILEGIBLE
    print(informe.model_dump_json(indent=2) if args.json else texto_del_informe(informe))
    return SALIDA_APROBABLE if informe.aprobable else SALIDA_ERRORES


def _leer(ruta: str) -> bytes:
    try:
        return Path(ruta).read_bytes()
    except FileNotFoundError:
        raise EntradaNoLegible(f"No existe el archivo «{ruta}».") from None
    except IsADirectoryError:
        raise EntradaNoLegible(f"«{ruta}» es una carpeta, no un archivo.") from None
    except OSError:
        raise EntradaNoLegible(f"No se pudo leer «{ruta}» (permisos o disco).") from None


def _json_de_archivo(ruta: str, que: str) -> dict[str, Any]:
    datos = _leer(ruta)
    try:
        texto = datos.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EntradaNoLegible(f"«{ruta}» no está en UTF-8.") from None
    return cargar_json(texto, que)


def _validar(args: argparse.Namespace) -> Informe:
    datos = _leer(args.archivo)
    es_xml = datos.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") or datos.startswith((b"\xff\xfe", b"\xfe\xff"))
    try:
        hoy = date.fromisoformat(args.hoy) if args.hoy else None
    except ValueError:
        raise EntradaNoLegible("--hoy debe ser una fecha AAAA-MM-DD.") from None
    if es_xml and not args.contrato:
        perfil = _json_de_archivo(args.perfil, "el perfil") if args.perfil else None
        return validar_factura(datos, perfil=perfil, hoy=hoy)
    solicitud = _solicitud_con_contrato(args.contrato, datos) if es_xml else _json_de_archivo(args.archivo, "la solicitud")
    # Un caso puede traer el perfil de su entidad (como los ejemplos); --perfil manda sobre él.
    incluido = solicitud.pop("perfil", None)
    perfil = _json_de_archivo(args.perfil, "el perfil") if args.perfil else incluido
    return validar(solicitud, perfil=perfil, hoy=hoy)


def _solicitud_con_contrato(ruta_contrato: str, xml: bytes) -> dict[str, Any]:
    """La solicitud que arma `--contrato CONTRATO.json` con la factura del XML."""
    return con_factura_de_xml(_json_de_archivo(ruta_contrato, "el contrato"), xml)


def texto_del_informe(informe: Informe) -> str:
    errores, advertencias = informe.resumen.get("error", 0), informe.resumen.get("advertencia", 0)
    sola = informe.modo == "solo_factura"
    if informe.aprobable:
        titular = "✔ La factura no tiene errores en lo que se pudo revisar" if sola else "✔ La solicitud parece aprobable"
        titular += f" ({advertencias} advertencia(s) por revisar)." if advertencias else "."
    else:
        sujeto = "La factura tiene" if sola else "La solicitud sería rechazada:"
        titular = f"✘ {sujeto} {errores} error(es), {advertencias} advertencia(s)."
    lineas = [titular, f"  {informe.reglas_revisadas} reglas revisadas" + (" (solo la factura, sin contrato)." if sola else ".")]
    lineas += _texto_respuesta_dian(informe) + [""]
    for h in informe.hallazgos:
        lineas.append(f"[{NOMBRE_SEVERIDAD[h.severidad]}] {h.regla} · {h.titulo}" + (f" · {h.campo}" if h.campo else ""))
        lineas.append(f"    {h.mensaje}")
        lineas.append(f"    Fuente: {h.referencia}")
        lineas.append(f"    Más: /reglas/#{h.regla.lower()}" + (f" · paso: /{h.paso}" if h.paso else ""))
        lineas.append("")
    if informe.grupos_sin_revisar:
        lineas.append("Sin revisar (faltan datos):")
        for g in informe.grupos_sin_revisar:
            cuantas = "1 regla" if len(g.reglas) == 1 else f"{len(g.reglas)} reglas"
            lineas.append(f"  {g.grupo} · {g.titulo} ({cuantas}); falta: {g.falta}.")
        lineas.append("  Para revisarlas: checker validar FACTURA.xml --contrato CONTRATO.json")
    return "\n".join(lineas).rstrip() + "\n"


def _texto_respuesta_dian(informe: Informe) -> list[str]:
    r = informe.respuesta_dian
    if r is None:
        return []
    estado = {"validada": "validada", "rechazada": "RECHAZADA", "ausente": "ausente en el archivo",
              "otra": "con un código que no es validación ni rechazo"}[r.estado]
    lineas = [f"  Respuesta de la DIAN: {estado}" + (f" (código {r.codigo}: {r.descripcion})" if r.codigo else ".")]
    if r.estado == "ausente":
        lineas.append(f"    {r.descripcion}")
    lineas += [f"    Notificación {n.codigo}: {n.descripcion}" for n in r.notificaciones]
    return lineas


def _reglas(como_json: bool) -> int:
    if como_json:
        print(json.dumps(como_datos(), ensure_ascii=False, indent=2))
    else:
        for r in CATALOGO.values():
            print(f"{r.id:8} {NOMBRE_SEVERIDAD[r.severidad]:12} {r.titulo}")
    return SALIDA_APROBABLE
