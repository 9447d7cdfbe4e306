"""Reglas de identidad: NIT con su DV, y que factura y contrato hablen de las mismas partes."""

from __future__ import annotations

from typing import Iterator

from .. import pasos
from ..modelos import Parte
from ..nit import digito_verificacion, solo_digitos
from .base import Contexto, Falla, regla
from .citas import ANEXO_DV, CCE_RECHAZAR, ET_617


def _partes(c: Contexto) -> Iterator[tuple[str, Parte]]:
    s = c.solicitud
    if s.contrato is not None:  # en modo «solo factura» no hay contrato
        yield "contrato.entidad", s.contrato.entidad
        yield "contrato.contratista", s.contrato.contratista
    yield "factura.proveedor", s.factura.proveedor
    yield "factura.adquiriente", s.factura.adquiriente


@regla(
    id="NIT-001", severidad="error", titulo="Dígito de verificación del NIT",
    mensaje="El NIT {nit} tiene dígito de verificación {dado}, pero le corresponde {esperado}: "
            "revise el NIT y su DV en el RUT y corríjalo.",
    razon="Un NIT con DV errado no identifica a nadie: la entidad no puede conciliar el pago con el RUT del "
          "contratista. Es información mal diligenciada por el proveedor, que la entidad rechaza.",
    fuentes=(ANEXO_DV, CCE_RECHAZAR),
    paso=pasos.DILIGENCIAR,
    ejemplo_falla={"factura.proveedor.dv": 5},
)
def nit_dv(c: Contexto) -> Iterator[Falla]:
    for ruta, parte in _partes(c):
        numero = solo_digitos(parte.numero)
        if parte.tipo_documento != "NIT" or parte.dv is None or not 0 < len(numero) <= 15:
            continue
        esperado = digito_verificacion(numero)
        if esperado != parte.dv:
            yield Falla(f"{ruta}.dv", {"nit": numero, "dado": parte.dv, "esperado": esperado})


def _mismo_documento(a: Parte, b: Parte) -> bool:
    return solo_digitos(a.numero) == solo_digitos(b.numero)


@regla(
    id="NIT-002", severidad="error", titulo="El emisor de la factura es el contratista",
    mensaje="La factura la emite {emisor}, pero el contratista del contrato es {contratista}: "
            "la factura debe emitirla el contratista.",
    razon="La factura la expide el vendedor, el contratista (Estatuto Tributario, por confirmar); una factura de un "
          "tercero es información mal diligenciada por el proveedor, que la entidad rechaza (respuesta CCE, confirmada).",
    fuentes=(ET_617, CCE_RECHAZAR),
    paso=pasos.DILIGENCIAR,
    necesita=("contrato",),
    ejemplo_falla={"factura.proveedor.numero": "900390126", "factura.proveedor.dv": 6, "factura.clave_tecnica": None},
)
def emisor_es_contratista(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    if not _mismo_documento(s.factura.proveedor, s.contrato.contratista):
        yield Falla("factura.proveedor.numero",
                    {"emisor": s.factura.proveedor.numero, "contratista": s.contrato.contratista.numero})


@regla(
    id="NIT-003", severidad="error", titulo="El adquiriente de la factura es la entidad",
    mensaje="La factura va dirigida a {adquiriente}, pero la entidad del contrato es {entidad}: "
            "emítala a nombre de la entidad contratante.",
    razon="La factura se expide a nombre del comprador, la entidad que firmó el contrato (Estatuto Tributario, por "
          "confirmar); a nombre de otro es información mal diligenciada por el proveedor, que la entidad rechaza (respuesta CCE, confirmada).",
    fuentes=(ET_617, CCE_RECHAZAR),
    paso=pasos.DILIGENCIAR,
    necesita=("contrato",),
    ejemplo_falla={"factura.adquiriente.numero": "800197268", "factura.adquiriente.dv": 4, "factura.clave_tecnica": None},
)
def adquiriente_es_entidad(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    if not _mismo_documento(s.factura.adquiriente, s.contrato.entidad):
        yield Falla("factura.adquiriente.numero",
                    {"adquiriente": s.factura.adquiriente.numero, "entidad": s.contrato.entidad.numero})
