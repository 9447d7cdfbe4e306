"""Línea de órdenes: `checker validar`, `checker reglas`, `checker esquema`.

Salida: 0 si la solicitud es aprobable, 1 si tiene errores, 2 si la entrada no se pudo leer.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, Optional, Sequence

from .api import cargar_json, con_factura_de_xml, esquemas
from .errores import EntradaNoLegible, EntradaNoValida, EtapaNoValida
from .informe import NOMBRE_SEVERIDAD, Informe
from .motor import validar
from .reglas import CATALOGO, ETAPAS, como_datos

NOMBRE_ETAPA = {"proveedor": "proveedor (antes de enviar)", "entidad": "entidad (antes de aprobar)"}

SALIDA_APROBABLE, SALIDA_ERRORES, SALIDA_ILEGIBLE = 0, 1, 2


class _Analizador(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse escribe en inglés: una línea en español
        self.exit(SALIDA_ILEGIBLE, f"checker: orden no válida ({message}). Vea «checker --help».\n")


def _analizador() -> argparse.ArgumentParser:
    p = _Analizador(prog="checker", description="Revisa una solicitud de pago de SECOP II antes de enviarla.")
    sub = p.add_subparsers(dest="orden", required=True, parser_class=_Analizador)
    v = sub.add_parser("validar", help="valida una solicitud JSON o una factura XML de la DIAN")
    v.add_argument("archivo", help="solicitud .json o factura .xml (Invoice o AttachedDocument)")
    v.add_argument("--contrato", help="JSON con el contrato y los datos del pago (si ARCHIVO es un XML)")
    v.add_argument("--perfil", help="JSON con el perfil de la entidad")
    v.add_argument("--json", action="store_true", help="imprime el informe en JSON")
    v.add_argument("--hoy", help="fecha de referencia AAAA-MM-DD (por omisión, hoy)")
    # Sin choices: argparse respondería en inglés; la etapa desconocida se explica en español (salida 2).
    v.add_argument("--etapa", default="proveedor",
                   help="proveedor (antes de enviar, por omisión) o entidad (antes de aprobar)")
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
    if args.etapa not in ETAPAS:
        raise EtapaNoValida(args.etapa)
    datos = _leer(args.archivo)
    es_xml = datos.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") or datos.startswith((b"\xff\xfe", b"\xfe\xff"))
    if es_xml:
        if not args.contrato:
            raise EntradaNoLegible("Para validar una factura XML indique el contrato y los datos del pago con --contrato CONTRATO.json.")
        solicitud = con_factura_de_xml(_json_de_archivo(args.contrato, "el contrato"), datos)
    else:
        solicitud = _json_de_archivo(args.archivo, "la solicitud")
    # Un caso puede traer el perfil de su entidad (como los ejemplos); --perfil manda sobre él.
    incluido = solicitud.pop("perfil", None)
    perfil = _json_de_archivo(args.perfil, "el perfil") if args.perfil else incluido
    try:
        hoy = date.fromisoformat(args.hoy) if args.hoy else None
    except ValueError:
        raise EntradaNoLegible("--hoy debe ser una fecha AAAA-MM-DD.") from None
    return validar(solicitud, perfil=perfil, hoy=hoy, etapa=args.etapa)


def texto_del_informe(informe: Informe) -> str:
    errores, advertencias = informe.resumen.get("error", 0), informe.resumen.get("advertencia", 0)
    if informe.aprobable:
        titular = "✔ La solicitud parece aprobable"
        titular += f" ({advertencias} advertencia(s) por revisar)." if advertencias else "."
    else:
        titular = f"✘ La solicitud sería rechazada: {errores} error(es), {advertencias} advertencia(s)."
    lineas = [titular, f"  Etapa: {NOMBRE_ETAPA.get(informe.etapa, informe.etapa)}; "
                        f"{informe.reglas_revisadas} reglas revisadas.", ""]
    if informe.etapa == "proveedor":
        # El proveedor ve aparte lo que debe corregir y lo que solo la entidad puede revisar.
        grupos = [("Lo que usted debe corregir o revisar:", [h for h in informe.hallazgos if h.corrige == "proveedor"]),
                  ("Lo que la entidad revisará al aprobar:", [h for h in informe.hallazgos if h.corrige == "entidad"])]
    else:
        grupos = [("", informe.hallazgos)]
    for encabezado, hallazgos in grupos:
        if encabezado and hallazgos:
            lineas += [encabezado, ""]
        for h in hallazgos:
            lineas.append(f"[{NOMBRE_SEVERIDAD[h.severidad]}] {h.regla} · {h.titulo}" + (f" · {h.campo}" if h.campo else ""))
            lineas.append(f"    {h.mensaje}")
            lineas.append(f"    Fuente: {h.referencia}")
            lineas.append(f"    Más: /reglas/#{h.regla.lower()}" + (f" · paso: /{h.paso}" if h.paso else ""))
            lineas.append("")
    return "\n".join(lineas).rstrip() + "\n"


def _reglas(como_json: bool) -> int:
    if como_json:
        print(json.dumps(como_datos(), ensure_ascii=False, indent=2))
    else:
        print(f"{'Regla':8} {'Proveedor':12} {'Entidad':12} {'Corrige':10} Qué revisa")
        for r in CATALOGO.values():
            print(f"{r.id:8} {NOMBRE_SEVERIDAD[r.etapas['proveedor']]:12} {NOMBRE_SEVERIDAD[r.etapas['entidad']]:12} "
                  f"{r.corrige:10} {r.titulo}" + (" (retirada)" if r.retirada else ""))
    return SALIDA_APROBABLE
