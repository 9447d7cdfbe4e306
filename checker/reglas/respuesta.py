"""Reglas de la respuesta de validación de la DIAN (ApplicationResponse: la del AttachedDocument o la de un archivo
aparte, cargado junto con la factura)."""

from __future__ import annotations

from typing import Iterator

from .. import pasos
from ..modelos import Factura, responde_a_otro
from .base import Contexto, Falla, regla
from .citas import ANEXO_CODIGO_RECHAZO, ANEXO_CODIGOS_RESPUESTA, ANEXO_RESPUESTA, CCE_RECHAZAR

def _sin_punto(texto: str) -> str:
    return texto.strip().rstrip(".")


def _linea(codigo: str, descripcion: str) -> str:
    return f"{codigo} {_sin_punto(descripcion)}".strip()


_VALIDADA = {"estado": "validada", "codigo": "02", "descripcion": "Documento validado por la DIAN",
             "documento": "FEV1234",
             "uuid": "0a24c2d678a9fa02329bc07d786d6d0c68dc82131a9b9214fb936f0e5adbf2f3c6f3514001f4b85ab3bc8d4f96e03391"}


def de_otro_documento(f: Factura) -> bool:
    """¿La respuesta de la DIAN nombra otro documento (otro número u otro CUFE) que esta factura?"""
    r = f.respuesta_dian
    if r is None or r.estado == "ausente":
        return False
    return responde_a_otro(r.documento, r.uuid, f.numero, f.cufe)


def validada_por_la_dian(f: Factura) -> bool:
    """¿El archivo trae la respuesta de la DIAN que validó este mismo documento?"""
    r = f.respuesta_dian
    return r is not None and r.estado == "validada" and not de_otro_documento(f)


@regla(
    id="DIAN-001", severidad="error", titulo="Rechazo de la DIAN",
    mensaje="La DIAN rechazó esta factura (código {codigo}: {descripcion}){motivos}. Una factura rechazada no es "
            "una factura electrónica válida: el proveedor debe corregirla y emitirla de nuevo.",
    mensaje_proveedor="La DIAN rechazó esta factura (código {codigo}: {descripcion}){motivos}. Una factura rechazada "
                      "no es una factura electrónica válida: corríjala y emítala de nuevo.",
    razon="La respuesta de la DIAN (ApplicationResponse), la que viaja en el AttachedDocument o la que se carga "
          "aparte, es su veredicto: con "
          "un rechazo la factura no existe para la DIAN y no se puede cobrar con ella. El código 04 del rechazo está "
          "por confirmar en el anexo; una factura que la DIAN no validó la entidad la rechaza.",
    fuentes=(ANEXO_RESPUESTA, ANEXO_CODIGO_RECHAZO, CCE_RECHAZAR),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.respuesta_dian": {"estado": "rechazada", "codigo": "04",
                                              "descripcion": "Documento con errores en campos mandatorios."}},
    ejemplo_pasa={"factura.respuesta_dian": _VALIDADA},
)
def no_rechazada(c: Contexto) -> Iterator[Falla]:
    r = c.solicitud.factura.respuesta_dian
    # La respuesta de otro documento no dice nada de esta factura: lo advierte DIAN-003, no se le cuenta el rechazo.
    if r is not None and r.estado == "rechazada" and not de_otro_documento(c.solicitud.factura):
        # La respuesta de un rechazo trae también notificaciones, que no son su motivo.
        rechazos = r.motivos_del_rechazo()
        avisos = [n for n in r.notificaciones_unicas() if n not in rechazos]
        motivos = "; ".join(_linea(n.codigo, n.sin_prefijo) for n in rechazos[:10])
        texto = f". Motivos: {motivos}" if motivos else ""
        if avisos:
            texto += (". Trae además notificaciones, que no son motivo de rechazo: " if motivos else
                      ". No dice el motivo; trae notificaciones, que no lo son: ")
            texto += "; ".join(_linea(n.codigo, n.sin_prefijo) for n in avisos[:10])
        yield Falla("factura.respuesta_dian", {"codigo": r.codigo or "—", "descripcion": _sin_punto(r.descripcion) or "sin descripción",
                                               "motivos": texto})


@regla(
    id="DIAN-002", severidad="informacion", titulo="Notificaciones de la DIAN",
    mensaje="La DIAN validó la factura con notificaciones: {detalle}. No impiden cobrarla{con_el_proveedor}.",
    mensaje_proveedor="La DIAN validó la factura con notificaciones: {detalle}. No impiden cobrarla{para_el_proveedor}.",
    razon="Las notificaciones acompañan a una factura validada: la DIAN la aceptó, pero señala algo por revisar, casi "
          "siempre en el RUT de una de las partes. Algunas solo anuncian un servicio de la DIAN («La validación del "
          "estado del RUT próximamente estará disponible», RUT01, en facturas reales): esas no piden nada.",
    fuentes=(ANEXO_RESPUESTA,),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.respuesta_dian": {**_VALIDADA, "notificaciones": [
        {"codigo": "RUT01", "descripcion": "La validación del estado del RUT próximamente estará disponible."}]}},
    ejemplo_pasa={"factura.respuesta_dian": _VALIDADA},
)
def notificaciones(c: Contexto) -> Iterator[Falla]:
    r = c.solicitud.factura.respuesta_dian
    if r is not None and r.notificaciones and validada_por_la_dian(c.solicitud.factura):
        unicas = r.notificaciones_unicas()
        detalle = "; ".join(_linea(n.codigo, n.sin_prefijo) for n in unicas[:10])
        anuncios = ": solo anuncian un servicio de la DIAN y no piden nada"
        solo_anuncios = all(_ANUNCIO in n.descripcion.lower() for n in unicas)
        yield Falla("factura.respuesta_dian.notificaciones", {
            "detalle": detalle,
            "con_el_proveedor": anuncios if solo_anuncios else "; revíselas con el proveedor",
            "para_el_proveedor": anuncios if solo_anuncios else "; revíselas para que no se repitan en las próximas facturas"})


# Lo que dice una notificación que solo anuncia un servicio de la DIAN (RUT01 en facturas reales, HECHOS §6).
_ANUNCIO = "próximamente estará disponible"


@regla(
    id="DIAN-003", severidad="advertencia", titulo="Documento al que responde la DIAN",
    mensaje="La respuesta de la DIAN que se cargó es del documento {documento} ({uuid}…), no de esta "
            "factura ({numero}, {cufe}…): la validación que se ve no es la de esta factura.",
    razon="El ApplicationResponse nombra el documento que validó (ID y CUFE en cac:DocumentReference); si no es "
          "esta factura, su veredicto no dice nada de ella.",
    fuentes=(ANEXO_RESPUESTA,),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.respuesta_dian": {**_VALIDADA, "uuid": "f" * 96}},
    ejemplo_pasa={"factura.respuesta_dian": _VALIDADA},
)
def respuesta_de_esta_factura(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    r = f.respuesta_dian
    if r is not None and de_otro_documento(f):
        yield Falla("factura.respuesta_dian", {"documento": r.documento or "—", "uuid": (r.uuid or "—")[:12],
                                               "numero": f.numero, "cufe": (f.cufe or "—")[:12]})


@regla(
    id="DIAN-004", severidad="advertencia", titulo="Lectura de la respuesta de la DIAN",
    mensaje="La respuesta de la DIAN que se cargó no es una validación (02) ni un rechazo (04): {detalle}.{evento} "
            "Verifique la factura con su CUFE en catalogo-vpfe.dian.gov.co.",
    razon="Solo los códigos 02 (validado) y 04 (rechazado) dicen qué hizo la DIAN con la factura; otra respuesta "
          "(un evento, un archivo dañado) no lo dice.",
    fuentes=(ANEXO_CODIGOS_RESPUESTA,),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.respuesta_dian": {"estado": "otra", "codigo": "030", "descripcion": "Acuse de recibo"}},
    ejemplo_pasa={"factura.respuesta_dian": _VALIDADA},
)
def respuesta_legible(c: Contexto) -> Iterator[Falla]:
    r = c.solicitud.factura.respuesta_dian
    if r is not None and r.estado == "otra":
        sin_codigo = _sin_punto(r.descripcion) or "no trae código"
        detalle = f"código {r.codigo}: {_sin_punto(r.descripcion)}" if r.codigo else sin_codigo[:1].lower() + sin_codigo[1:]
        # Con un código que no es 02 ni 04, lo más probable es un evento sobre la factura, no la validación.
        evento = (" Puede ser un evento sobre la factura (un acuse de recibo, una aceptación), que no dice si la DIAN la "
                  "validó." if r.codigo else "")
        yield Falla("factura.respuesta_dian", {"detalle": detalle, "evento": evento})


_ESTADO = {"validada": "que la validó", "rechazada": "que la rechazó", "otra": "sin validación ni rechazo"}


@regla(
    id="DIAN-005", severidad="informacion", titulo="Respuesta de la DIAN cargada aparte",
    mensaje="La respuesta de la DIAN que se cargó aparte no se usó: el AttachedDocument trae la suya, y vale esa{detalle}.",
    razon="El AttachedDocument lleva la respuesta de la DIAN a la factura que contiene (cac:ParentDocumentLineReference): "
          "es la que recibió el comprador con la factura. Una respuesta cargada además en su propio archivo no la "
          "reemplaza; se dice que no se usó, y si es de otro documento o dice otra cosa, cuál.",
    fuentes=(ANEXO_RESPUESTA,),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.documento_xml": "AttachedDocument", "factura.respuesta_dian": _VALIDADA,
                   "factura.respuesta_aparte": {**_VALIDADA, "documento": "FEV1199", "uuid": "f" * 96}},
    ejemplo_pasa={"factura.documento_xml": "AttachedDocument", "factura.respuesta_dian": _VALIDADA},
)
def respuesta_aparte_sin_usar(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    aparte, propia = f.respuesta_aparte, f.respuesta_dian
    if aparte is None or propia is None:
        return
    if responde_a_otro(aparte.documento, aparte.uuid, f.numero, f.cufe):
        detalle = (f" (la cargada aparte es del documento {aparte.documento or '—'} ({(aparte.uuid or '—')[:12]}…), "
                   "no de esta factura)")
    elif aparte.estado != propia.estado:
        detalle = (f" (la cargada aparte es de esta factura pero {_ESTADO.get(aparte.estado, aparte.estado)}: consulte "
                   "el CUFE en catalogo-vpfe.dian.gov.co para saber cuál es la vigente)")
    else:
        detalle = " (la cargada aparte dice lo mismo)"
    yield Falla("factura.respuesta_aparte", {"detalle": detalle})
