"""Línea de órdenes: `checker validar`, `checker reglas`, `checker esquema`, `checker enlaces`.

Salida: 0 si la solicitud (o la factura sola) no tiene errores, 1 si los tiene, 2 si la entrada no se pudo leer.
También 2, con el informe de la factura sola, si la solicitud trae el contrato o el pago con un dato que no se reconoce
o está mal escrito, y como entidad si les falta alguno: sin ellos no corrió la revisión con el contrato y el pago.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, Optional, Sequence

from . import datos_abiertos, ejemplos, pasos
from .api import cargar_json, con_factura_de_xml, con_respuesta_de_la_dian, esquemas, validar_lo_que_haya
from .errores import FALTA_ESTE_DATO, EntradaNoLegible, EntradaNoValida, EtapaNoValida
from .informe import NOMBRE_SEVERIDAD, DeLosDatosAbiertos, ErrorDeEntrada, GrupoSinRevisar, Informe, informe_de_error
from .motor import validar, validar_factura
from .reglas import CATALOGO, ETAPAS, FALTA, como_datos
from .xml_dian import leer_xml

NOMBRE_ETAPA = {"proveedor": "proveedor (antes de enviar)", "entidad": "entidad (antes de aprobar)"}

SALIDA_APROBABLE, SALIDA_ERRORES, SALIDA_ILEGIBLE = 0, 1, 2


class _Analizador(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse escribe en inglés: una línea en español
        self.exit(SALIDA_ILEGIBLE, f"checker: orden no válida ({message}). Vea «checker --help».\n")


def _analizador() -> argparse.ArgumentParser:
    p = _Analizador(prog="checker", description="Revisa una solicitud de pago de SECOP II antes de "
                                               "enviarla (el proveedor) o de aprobarla (la entidad: --etapa entidad).")
    sub = p.add_subparsers(dest="orden", required=True, parser_class=_Analizador)
    v = sub.add_parser("validar", help="valida una solicitud JSON o una factura XML de la DIAN")
    v.add_argument("archivo", help="solicitud .json o factura .xml (Invoice o AttachedDocument), o el .zip en que llegó por correo")
    v.add_argument("--contrato", nargs="+", metavar="ARCHIVO",
                   help="si ARCHIVO es un XML: el JSON con el contrato y los datos del pago, o los archivos de datos "
                        "abiertos de SECOP II («Contratos Electrónicos» y «Plan de pagos», JSON o CSV), o ambos; "
                        "sin él, la factura XML se revisa sola")
    v.add_argument("--respuesta", metavar="ARCHIVO",
                   help="la respuesta de la DIAN (XML ApplicationResponse) en su propio archivo, si la factura no "
                        "viene en un AttachedDocument que la traiga")
    v.add_argument("--pago", metavar="ID", help="el ID de pago del plan al que va la factura (si no, se elige solo)")
    v.add_argument("--radicacion", metavar="NUMERO",
                   help="el número con que la entidad radicó la factura (SECOP II lo pide al enviarla; no está en los "
                        "datos abiertos)")
    v.add_argument("--id-contrato", metavar="CO1.PCCNTR.…",
                   help="el contrato de la factura, si los archivos de datos abiertos traen varios (si no, se elige por "
                        "las partes y la fecha de la factura)")
    v.add_argument("--perfil", help="JSON con el perfil de la entidad")
    v.add_argument("--json", action="store_true", help="imprime el informe en JSON")
    v.add_argument("--hoy", help="fecha de referencia AAAA-MM-DD (por omisión, hoy)")
    # Sin choices: argparse respondería en inglés; la etapa desconocida se explica en español (salida 2).
    v.add_argument("--etapa", default="proveedor",
                   help="proveedor (antes de enviar, por omisión) o entidad (antes de aprobar)")
    r = sub.add_parser("reglas", help="lista el catálogo de reglas")
    r.add_argument("--json", action="store_true", help="imprime el catálogo en JSON")
    sub.add_parser("esquema", help="imprime el JSON Schema de la solicitud y del perfil")
    e = sub.add_parser("enlaces", help="imprime los enlaces a las filas de un contrato en los datos abiertos de SECOP II")
    e.add_argument("id_contrato", nargs="?", help="el número del contrato en SECOP II, CO1.PCCNTR.1234567")
    e.add_argument("--factura", metavar="ARCHIVO",
                   help="sin el número: el XML de la factura (o su ZIP), para buscar los contratos de su emisor con la "
                        "entidad que la recibe")
    e.add_argument("--proveedor", metavar="NUMERO", help="sin el número ni la factura: el NIT o documento del proveedor")
    e.add_argument("--entidad", metavar="NUMERO", help="con --proveedor: el NIT de la entidad")
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _analizador().parse_args(argv)
    if args.orden == "reglas":
        return _reglas(args.json)
    if args.orden == "enlaces":
        return _enlaces(args)
    if args.orden == "esquema":
        _imprimir(json.dumps(esquemas(), ensure_ascii=False, indent=2))
        return SALIDA_APROBABLE
    try:
        informe = _validar(args)
    except (EntradaNoLegible, EntradaNoValida) as exc:
        print(f"checker: {exc}", file=sys.stderr)
        if args.json:  # quien lee JSON recibe JSON también aquí: el de checker.api (error y errores_de_entrada)
            errores = exc.errores if isinstance(exc, EntradaNoValida) else []
            etapa = args.etapa if args.etapa in ETAPAS else "proveedor"
            _imprimir(informe_de_error(str(exc), errores, etapa=etapa).model_dump_json(indent=2))
        return SALIDA_ILEGIBLE
    salida = salida_del_informe(informe)
    if salida == SALIDA_ILEGIBLE:  # como las otras salidas con 2: qué no se pudo leer, también en stderr
        print(f"checker: {EntradaNoValida(informe.errores_de_entrada)} Se revisó solo la factura.", file=sys.stderr)
    _imprimir(informe.model_dump_json(indent=2) if args.json else texto_del_informe(informe))
    return salida


def salida_del_informe(informe: Informe) -> int:
    """0 si no tiene errores, 1 si los tiene, 2 si el contrato o el pago de la solicitud no se pudieron leer y el
    informe es el de la factura sola (`Informe.revision_incompleta`: un dato que no se reconoce o está mal escrito, o
    cualquiera como entidad). Si solo faltan datos, como proveedor, es la solicitud a medio escribir que guarda la
    página y sale según las reglas."""
    if informe.revision_incompleta:
        return SALIDA_ILEGIBLE
    return SALIDA_APROBABLE if informe.aprobable else SALIDA_ERRORES


def _imprimir(texto: str) -> None:
    """Escribe en la salida; si quien la lee ya la cerró (`checker validar … | head`), no es un error: el resto
    va a /dev/null, sin traceback al cerrar (documentación de Python, `signal`, nota sobre SIGPIPE)."""
    try:
        print(texto, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


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
    args.etapa = args.etapa.strip().lower()  # «Entidad», como se escribe en una frase, también vale
    if args.etapa not in ETAPAS:
        raise EtapaNoValida(args.etapa)
    datos = _leer(args.archivo)
    # El mismo reconocimiento que la página (una respuesta de la DIAN sola la rechaza el lector del XML, con su mensaje).
    tipo = datos_abiertos.reconocer(datos)
    es_xml = tipo in ("factura_xml", "respuesta_xml")
    if not es_xml and tipo != "solicitud":
        _no_es_la_solicitud(args.archivo, datos, tipo)
    respuesta = _leer(args.respuesta) if args.respuesta else None
    try:
        hoy = date.fromisoformat(args.hoy) if args.hoy else None
    except ValueError:
        raise EntradaNoLegible("--hoy debe ser una fecha AAAA-MM-DD.") from None
    if es_xml and not args.contrato:
        perfil = _json_de_archivo(args.perfil, "el perfil") if args.perfil else None
        return validar_factura(leer_xml(datos, respuesta), perfil=perfil, hoy=hoy, etapa=args.etapa)
    usados: Optional[DeLosDatosAbiertos] = None
    if es_xml:
        solicitud, usados = _solicitud_con_contrato(args.contrato, datos, args.pago, respuesta, args.id_contrato)
    else:
        solicitud = _json_de_archivo(args.archivo, "la solicitud")
        try:
            # Un caso de ejemplo escrito como cambios sobre otro (checker/ejemplos/factura-rechazada.json), como en el sitio.
            solicitud = ejemplos.con_su_base(solicitud)
        except KeyError:
            raise EntradaNoLegible(f"«{args.archivo}» pide como base un ejemplo que no existe: los ejemplos son "
                                   + ", ".join(ejemplos.nombres()) + ".") from None
        if respuesta is not None:
            solicitud = con_respuesta_de_la_dian(solicitud, respuesta)
        if args.contrato:
            solicitud, usados = _solicitud_json_con_contrato(solicitud, args.contrato, args.pago, args.id_contrato)
        elif args.pago:
            solicitud["pago"] = {**(solicitud.get("pago") or {}), "id_pago": args.pago}
    if args.radicacion:
        solicitud["pago"] = {**(solicitud.get("pago") or {}), "numero_radicacion": args.radicacion.strip()}
    # Un caso puede traer el perfil de su entidad (como los ejemplos); --perfil manda sobre él.
    incluido = solicitud.pop("perfil", None)
    perfil = _json_de_archivo(args.perfil, "el perfil") if args.perfil else incluido
    if not es_xml and usados is None:
        # Una solicitud JSON (la que guarda la página, quizá con el contrato a medio escribir): lo mismo que la página.
        # Con el XML y --contrato, quien llama pidió la revisión con el contrato: lo que falte es un error de entrada.
        return validar_lo_que_haya(solicitud, perfil=perfil, hoy=hoy, etapa=args.etapa)
    try:
        informe = validar(solicitud, perfil=perfil, hoy=hoy, etapa=args.etapa)
    except EntradaNoValida as exc:
        if usados is None:
            raise
        # Sin la fila del contrato, falta lo que ella trae: la pista dice cómo agregarla.
        if not usados.con_el_contrato and any(e.campo in _DE_LA_FILA_DEL_CONTRATO for e in exc.errores):
            raise EntradaNoValida(exc.errores, pista=_PISTA_DEL_CONTRATO) from None
        # Con ella, un dato que falta es uno que publicó como «0» o «No Definido» (los avisos lo dicen): la página lo
        # pide en su campo; aquí, en la solicitud JSON que va con --contrato.
        if pista := _pista_de_lo_que_falta(exc.errores):
            raise EntradaNoValida(exc.errores, pista=pista) from None
        raise
    # El pago elegido y los avisos de los datos abiertos van también en el informe (en texto y con --json).
    return informe.model_copy(update={"datos_abiertos": usados}) if usados else informe


_DE_LA_FILA_DEL_CONTRATO = {"contrato.entidad", "contrato.contratista", "contrato.valor", "contrato.fecha_inicio",
                             "contrato.fecha_fin"}
_PISTA_DEL_CONTRATO = (
    f"Los archivos de datos abiertos no traen esos datos del contrato: agregue a --contrato el archivo de "
    f"«{datos_abiertos.CONTRATOS.titulo}» («checker enlaces CO1.PCCNTR.…» da su enlace) o una solicitud JSON "
    "con el contrato (la que guarda la página del validador con «Guardar la solicitud (JSON)»), que también va con "
    "--contrato.")


def _pista_de_lo_que_falta(errores: list[ErrorDeEntrada]) -> str:
    """Cómo dar en la CLI los datos del contrato que faltan: en una solicitud JSON que va con --contrato junto a los
    archivos (lo que estos no llenaron queda como ella lo trae: _fusionar)."""
    faltan = [e.campo for e in errores if e.campo.startswith("contrato.") and e.mensaje == FALTA_ESTE_DATO]
    if not faltan:
        return ""
    ejemplo: dict[str, Any] = {}
    for campo in faltan:
        *ruta, hoja = campo.split(".")
        donde = ejemplo
        for parte in ruta:
            donde = donde.setdefault(parte, {})
        donde[hoja] = "AAAA-MM-DD" if hoja.startswith("fecha") else "…"
    que, lo = ("ese dato", "escríbalo") if len(faltan) == 1 else ("esos datos", "escríbalos")
    return (f"Escriba {que} en una solicitud JSON y agréguela a --contrato, junto a los archivos de datos abiertos (si "
            f"ya pasa una, {lo} en ella): {json.dumps(ejemplo, ensure_ascii=False)}. Lo demás sale de los archivos.")


def _no_es_la_solicitud(ruta: str, datos: bytes, tipo: str) -> None:
    """El archivo principal no es la factura ni una solicitud: una página web o un libro de Excel guardados en su lugar,
    o un archivo de datos abiertos, que va con --contrato. Lo que no se reconoce sigue como JSON (dirá qué le falta)."""
    nombre = Path(ruta).name
    if (otro := datos_abiertos.otro_formato(datos_abiertos.texto_de(datos).lstrip("\ufeff \t\r\n"))) is not None:
        raise EntradaNoLegible(f"«{nombre}» {otro}")
    if tipo in ("contratos", "plan_de_pagos", "facturas", "datos_abiertos"):
        raise EntradaNoLegible(f"«{nombre}» es un archivo de datos abiertos de SECOP II: va con --contrato, junto al XML "
                               f"de la factura (checker validar factura.xml --contrato {nombre} …).")


def _solicitud_con_contrato(rutas: list[str], xml: bytes, id_pago: Optional[str] = None,
                            respuesta: Optional[bytes] = None, id_contrato: Optional[str] = None,
                            ) -> tuple[dict[str, Any], Optional[DeLosDatosAbiertos]]:
    """La solicitud que arman los archivos de `--contrato` con la factura del XML y, si hubo datos abiertos, lo que
    dijeron (el pago elegido y sus avisos).

    Cada archivo se reconoce por su contenido: una solicitud JSON (contrato y datos del pago) o filas de los
    datos abiertos de SECOP II; lo que dicen los datos abiertos manda sobre el contrato de la solicitud.
    """
    solicitud: dict[str, Any] = {}
    abiertos = []
    for ruta in rutas:
        datos = _leer(ruta)
        if datos_abiertos.reconocer(datos) == "solicitud":
            solicitud = _json_de_archivo(ruta, "el contrato")
        else:
            abiertos.append((ruta, datos))
    return _con_los_abiertos(con_factura_de_xml(solicitud, xml, respuesta), abiertos, id_pago, id_contrato)


def _con_los_abiertos(solicitud: dict[str, Any], abiertos: list[tuple[str, bytes]], id_pago: Optional[str],
                      id_contrato: Optional[str]) -> tuple[dict[str, Any], Optional[DeLosDatosAbiertos]]:
    usados = None
    if abiertos:
        solicitud, usados = _con_datos_abiertos(solicitud, abiertos, id_contrato, id_pago)
    if id_pago:
        solicitud["pago"] = {**(solicitud.get("pago") or {}), "id_pago": id_pago}
    return solicitud, usados


def _solicitud_json_con_contrato(solicitud: dict[str, Any], rutas: list[str], id_pago: Optional[str],
                                 id_contrato: Optional[str]) -> tuple[dict[str, Any], Optional[DeLosDatosAbiertos]]:
    """Una solicitud JSON con los archivos de datos abiertos de `--contrato` (antes se ignoraban en silencio)."""
    abiertos = [(ruta, _leer(ruta)) for ruta in rutas]
    if any(datos_abiertos.reconocer(d) == "solicitud" for _, d in abiertos):
        raise EntradaNoLegible("Con una solicitud JSON, --contrato lleva solo archivos de datos abiertos de SECOP II: "
                               "el contrato de otra solicitud JSON no se mezcla con el suyo.")
    if not isinstance(solicitud.get("factura"), dict):
        raise EntradaNoLegible("La solicitud no trae la factura: los datos abiertos de --contrato eligen el pago con ella.")
    return _con_los_abiertos(solicitud, abiertos, id_pago, id_contrato)


def _con_datos_abiertos(solicitud: dict[str, Any], archivos: list[tuple[str, bytes]],
                        id_contrato: Optional[str] = None, id_pago: Optional[str] = None,
                        ) -> tuple[dict[str, Any], DeLosDatosAbiertos]:
    anterior = solicitud.get("contrato") or {}
    try:
        # Un archivo de otro conjunto (el de facturas, el de adiciones) se deja fuera con un aviso si otro sirve.
        leidos, fuera = datos_abiertos.leer_archivos((Path(ruta).name, datos_abiertos.texto_de(datos))
                                                     for ruta, datos in archivos)
        resultado = datos_abiertos.combinar(leidos, solicitud["factura"].get("numero"),
                                            id_contrato or anterior.get("numero"),
                                            _de_la_factura(solicitud["factura"]), id_pago)
        # La CLI no tiene dónde escribir el valor de un pago que no lo trae: se revisa el resto del plan sin él.
        datos_abiertos.sin_pagos_sin_valor(resultado, id_pago)
    except datos_abiertos.VariosContratos as exc:
        # El mensaje es el de la página («Escriba el número del contrato…»): aquí el número va en una opción.
        raise EntradaNoLegible(f"{exc} En la CLI, con --id-contrato: checker validar FACTURA.xml --contrato … "
                               "--id-contrato CO1.PCCNTR.…") from None
    except datos_abiertos.DatosNoValidos as exc:
        raise EntradaNoLegible(str(exc)) from None
    # Lo que la solicitud JSON ya traía del contrato: un supuesto de los datos abiertos no lo reemplaza, y lo que
    # reemplaza lo publicado se dice (como en la página).
    escrito = _hojas(anterior, "contrato.")
    nuevo = datos_abiertos.sin_lo_supuesto({"contrato": resultado.contrato}, escrito, resultado.supuestos)["contrato"]
    avisos = fuera + resultado.avisos + [
        f"Se reemplazó lo que la solicitud traía en {r['campo']} ({r['antes']}) por {r['nuevo']}: es lo publicado."
        for r in datos_abiertos.reemplazados(escrito, {"contrato": nuevo})]
    eleccion = resultado.eleccion
    if eleccion and not id_pago:  # la elección dice cómo cambiarla en la página («ID de pago»); aquí es una opción
        eleccion += " En la CLI, otro pago se indica con --pago ID."
    for linea in ([eleccion] if eleccion else []) + avisos:
        print(f"checker: {linea}", file=sys.stderr)
    pago = solicitud.get("pago") or {}
    if resultado.id_pago and not pago.get("id_pago"):
        pago = {**pago, "id_pago": resultado.id_pago}
    if resultado.fecha_recepcion and not pago.get("fecha_recepcion_original"):
        pago = {**pago, "fecha_recepcion_original": resultado.fecha_recepcion}
        avisos.append(f"La fecha de recepción original ({resultado.fecha_recepcion}) es la que el plan de pagos publica "
                      "para esta factura: confírmela al aprobar.")
    return ({**solicitud, "contrato": _fusionar(anterior, nuevo), **({"pago": pago} if pago else {})},
            DeLosDatosAbiertos(eleccion=eleccion, avisos=avisos, con_el_contrato=resultado.con_el_contrato))


def _hojas(datos: dict[str, Any], prefijo: str) -> dict[str, Any]:
    """Los datos de un objeto por su ruta («contrato.contratista.numero»), sin las listas."""
    hojas: dict[str, Any] = {}
    for clave, valor in datos.items():
        if isinstance(valor, dict):
            hojas.update(_hojas(valor, f"{prefijo}{clave}."))
        elif valor is not None and not isinstance(valor, list):
            hojas[f"{prefijo}{clave}"] = valor
    return hojas


def _fusionar(anterior: dict[str, Any], nuevo: dict[str, Any]) -> dict[str, Any]:
    """Lo de `nuevo` manda, campo por campo (como llena el formulario la página): un dato que los datos abiertos
    no traen, como el documento del contratista cuando dice «No Definido», queda como estaba en la solicitud."""
    fusion = dict(anterior)
    for clave, valor in nuevo.items():
        previo = fusion.get(clave)
        fusion[clave] = _fusionar(previo, valor) if isinstance(previo, dict) and isinstance(valor, dict) else valor
    return fusion


def texto_del_informe(informe: Informe) -> str:
    # Con el contrato o el pago ilegibles (errores_de_entrada), la solicitud los trae: no «sin contrato».
    ilegibles = bool(informe.errores_de_entrada)
    # La marca es la de la salida: «✔» solo con 0, aunque la factura sola no tenga errores.
    marca = "✔" if salida_del_informe(informe) == SALIDA_APROBABLE else "✘"
    titular = f"{marca} {informe.titular}: {informe.explicacion}"
    revisadas = f"{informe.reglas_revisadas} reglas revisadas" + (f" ({informe.alcance})." if informe.alcance else ".")
    lineas = [titular, f"  Etapa: {NOMBRE_ETAPA.get(informe.etapa, informe.etapa)}; {revisadas}"]
    if informe.revisado:
        lineas.append(f"  {informe.revisado_en_texto}")
    lineas += _texto_datos_abiertos(informe) + _texto_respuesta_dian(informe) + [""] + _texto_entrada(informe)
    # Aparte lo que corrige el proveedor y lo que solo la entidad puede resolver, dicho a quien revisa (como la página).
    con_errores = any(h.corrige == "proveedor" and h.severidad == "error" for h in informe.hallazgos)
    rechazar = f"; cómo rechazar: /{pasos.RECHAZAR}" if con_errores else ""
    encabezados = {"proveedor": ("Lo que usted debe corregir o revisar:", "Lo que la entidad revisará al aprobar:"),
                   "entidad": ("Lo que el proveedor debe corregir o revisar (un error es motivo para rechazar; lo que "
                               f"dice cada uno sirve para escribir la justificación del rechazo{rechazar}):",
                               "Lo que usted (la entidad) debe resolver o revisar antes de aprobar:")}
    del_proveedor, de_la_entidad = encabezados.get(informe.etapa, encabezados["proveedor"])
    grupos = [(del_proveedor, [h for h in informe.hallazgos if h.corrige == "proveedor"]),
              (de_la_entidad, [h for h in informe.hallazgos if h.corrige == "entidad"])]
    for encabezado, hallazgos in grupos:
        if encabezado and hallazgos:
            lineas += [encabezado, ""]
        for h in hallazgos:
            lineas.append(f"[{NOMBRE_SEVERIDAD[h.severidad]}] {h.regla} · {h.titulo}" + (f" · {h.campo}" if h.campo else ""))
            lineas.append(f"    {h.mensaje}")
            lineas.append(f"    Fuente: {h.referencia}")
            lineas.append(f"    Más: /reglas/#{h.regla.lower()}" + (f" · paso: /{h.paso}" if h.paso else ""))
            lineas.append("")
        if encabezado == del_proveedor and informe.justificacion_del_rechazo:
            # Lo que la entidad escribe al hacer clic en «Rechazar», dicho al proveedor: listo para copiar.
            lineas += ["Justificación para «Rechazar» (dicha al proveedor, para copiar en SECOP II):", ""]
            lineas += [f"    {linea}" for linea in informe.justificacion_del_rechazo.splitlines()] + [""]
    if informe.grupos_sin_revisar:
        lineas.append("Sin revisar (faltan datos o no se pudieron leer):" if ilegibles else "Sin revisar (faltan datos):")
        # Juntos según lo que esperan: cada dato que falta se dice una vez, no en cada grupo.
        por_falta: dict[str, list[GrupoSinRevisar]] = {}
        for g in informe.grupos_sin_revisar:
            por_falta.setdefault(_lo_que_espera(g, ilegibles), []).append(g)
        for falta, grupos in por_falta.items():
            lineas.append(f"  Esperan {falta}:")
            for g in grupos:
                cuantas = "1 regla" if len(g.reglas) == 1 else f"{len(g.reglas)} reglas"
                lineas.append(f"    {g.grupo} · {g.titulo} ({cuantas})")
        necesita = {n for g in informe.grupos_sin_revisar for n in g.necesita}
        if ilegibles:  # la solicitud los trae: --contrato no es lo que falta
            necesita -= _DE_LA_SOLICITUD
        lineas += [f"  {como}" for datos, como in _COMO_DARLO if necesita & datos]
    return "\n".join(lineas).rstrip() + "\n"


def _texto_entrada(informe: Informe) -> list[str]:
    """Los datos del contrato o del pago que la solicitud trae y no se pudieron leer (o le faltan): sin esta lista, el
    informe de la factura sola parece el de la solicitud, y el dato por corregir solo se veía con --json."""
    entrada = informe.errores_de_entrada
    if not entrada:
        return []
    lineas = ["Datos de la solicitud que faltan o no se pudieron leer: la revisión con el contrato y el pago no corrió "
              "(se revisó solo la factura). Escríbalos o corríjalos en la solicitud JSON y revísela otra vez:", ""]
    lineas += [f"  {e.campo}: {e.mensaje}" for e in entrada]
    if informe.etapa == "entidad":
        lineas.append("  Sin esa revisión no corrieron las reglas de aprobación (APR): este informe no sirve para "
                      "aprobar.")
    return lineas + [""]


_DE_LA_SOLICITUD = frozenset({"contrato", "pago"})


def _lo_que_espera(grupo: GrupoSinRevisar, ilegibles: bool) -> str:
    """Lo que espera un grupo sin revisar. Si la solicitud trae el contrato o el pago y no se pudieron leer, no espera
    «el contrato» (que se pase con --contrato): espera que se corrijan esos datos."""
    if not ilegibles or not _DE_LA_SOLICITUD & set(grupo.necesita):
        return grupo.falta
    return " y ".join(["que se corrijan los datos de la solicitud de arriba",
                       *(FALTA[n] for n in grupo.necesita if n not in _DE_LA_SOLICITUD)])


# Cómo se da en la CLI cada dato que falta (GrupoSinRevisar.necesita): el contrato y el pago, con --contrato; la clave
# técnica, que no viaja en el XML, en la factura de una solicitud JSON (con el XML, esa solicitud va con --contrato y
# la clave se conserva: api.con_factura_de_xml).
_COMO_DARLO = (
    (_DE_LA_SOLICITUD, "Para revisarlas: checker validar FACTURA.xml --contrato CONTRATO.json (o los archivos de "
                       "datos abiertos de SECOP II: contratos.json plan_de_pagos.json)"),
    ({"clave_tecnica"}, "Con la clave técnica: escríbala en «factura.clave_tecnica» de la solicitud JSON; con el XML, en "
                        'una solicitud como {"factura": {"clave_tecnica": "…"}} que va con --contrato junto al contrato.'),
)


def _texto_datos_abiertos(informe: Informe) -> list[str]:
    """El pago revisado y por qué, y los avisos de los archivos de datos abiertos (también van a stderr al leerlos):
    en el informe que se guarda o se pega, que sin ellos no dice con qué pago del plan se comparó la factura."""
    d = informe.datos_abiertos
    if d is None:
        return []
    lineas = [f"  Pago revisado: {d.eleccion}"] if d.eleccion else []
    if d.avisos:
        lineas += ["  Avisos de los datos abiertos:"] + [f"    - {a}" for a in d.avisos]
    return lineas


def _texto_respuesta_dian(informe: Informe) -> list[str]:
    r = informe.respuesta_dian
    if r is None:
        return []
    estado = {"validada": "validada", "rechazada": "RECHAZADA", "ausente": "ausente en el archivo",
              "otra": "con un código que no es validación ni rechazo" if r.codigo else "sin código de respuesta"}[r.estado]
    if informe.respuesta_de_otro_documento:
        otro = r.documento or (f"{r.uuid[:12]}…" if r.uuid else "sin número")
        return [f"  Respuesta de la DIAN: la cargada es de otro documento ({otro}, "
                f"{estado}): no dice nada de esta factura (DIAN-003)."]
    lineas = [f"  Respuesta de la DIAN: {estado}" + (f" (código {r.codigo}: {r.descripcion})" if r.codigo else ".")]
    if r.estado == "ausente":
        lineas.append(f"    {r.descripcion}")
    # Cada una una vez, como las dice DIAN-002; las de rechazo, como motivo.
    motivos = r.motivos_del_rechazo() if r.estado == "rechazada" else []
    for n in r.notificaciones_unicas():
        es_motivo = n.rechaza or n in motivos
        lineas.append(f"    {'Motivo' if es_motivo else 'Notificación'} {n.codigo}: {n.sin_prefijo}")
    return lineas


def _de_la_factura(factura: dict[str, Any]) -> Optional[datos_abiertos.DeLaFactura]:
    return datos_abiertos.DeLaFactura.de({"contratista": (factura.get("proveedor") or {}).get("numero"),
                                          "entidad": (factura.get("adquiriente") or {}).get("numero"),
                                          "fecha": factura.get("fecha_emision"), "moneda": factura.get("moneda"),
                                          "valor_a_pagar": factura.get("valor_a_pagar"),
                                          "anticipo_descontado": factura.get("anticipo_descontado")})


def _enlaces(args: argparse.Namespace) -> int:
    try:
        if args.id_contrato:
            enlaces = datos_abiertos.enlaces(args.id_contrato)
        elif args.factura:
            factura = leer_xml(_leer(args.factura))
            enlaces = [datos_abiertos.enlaces_por_partes(factura.proveedor.numero, factura.adquiriente.numero)]
        elif args.proveedor and args.entidad:
            enlaces = [datos_abiertos.enlaces_por_partes(args.proveedor, args.entidad)]
        else:
            raise datos_abiertos.DatosNoValidos("Dé el número del contrato (CO1.PCCNTR.1234567), o --factura con el XML "
                                                "de la factura, o --proveedor y --entidad.")
    except (datos_abiertos.DatosNoValidos, EntradaNoLegible, EntradaNoValida) as exc:
        print(f"checker: {exc}", file=sys.stderr)
        return SALIDA_ILEGIBLE
    _imprimir("\n".join(f"{e['titulo']}:\n  {e['json']}\n  {e['csv']}" for e in enlaces))
    return SALIDA_APROBABLE


def _reglas(como_json: bool) -> int:
    if como_json:
        _imprimir(json.dumps(como_datos(), ensure_ascii=False, indent=2))
    else:
        _imprimir("\n".join([f"{'Regla':8} {'Proveedor':12} {'Entidad':12} {'Corrige':10} Qué revisa"] + [
            f"{r.id:8} {NOMBRE_SEVERIDAD[r.etapas['proveedor']]:12} {NOMBRE_SEVERIDAD[r.etapas['entidad']]:12} "
            f"{r.corrige:10} {r.titulo}" + (" (retirada)" if r.retirada else "") for r in CATALOGO.values()]))
    return SALIDA_APROBABLE
