"""Reglas de identidad: NIT con su DV, y que factura y contrato hablen de las mismas partes."""

from __future__ import annotations

from typing import Iterator

from .. import pasos
from ..modelos import Parte
from ..nit import digito_verificacion, mismo_documento, solo_digitos
from .base import Contexto, Falla, regla
from .citas import ANEXO_DV, ANEXO_PARTES, ANEXO_RESPUESTA, CCE_RECHAZAR, DUR_1625_CONSORCIOS, ET_617, LEY_80_7


def _partes_del_contrato(c: Contexto) -> Iterator[tuple[str, Parte]]:
    if c.solicitud.contrato is not None:  # en modo «solo factura» no hay contrato
        yield "contrato.entidad", c.solicitud.contrato.entidad
        yield "contrato.contratista", c.solicitud.contrato.contratista


def _partes_de_la_factura(c: Contexto) -> Iterator[tuple[str, Parte]]:
    yield "factura.proveedor", c.solicitud.factura.proveedor
    yield "factura.adquiriente", c.solicitud.factura.adquiriente


def _dv_errados(partes: Iterator[tuple[str, Parte]]) -> Iterator[Falla]:
    for ruta, parte in partes:
        numero = solo_digitos(parte.numero)
        if parte.tipo_documento != "NIT" or parte.dv is None or not 0 < len(numero) <= 15:
            continue
        esperado = digito_verificacion(numero)
        if esperado != parte.dv:
            yield Falla(f"{ruta}.dv", {"nit": numero, "dado": parte.dv, "esperado": esperado})


@regla(
    id="NIT-001", severidad="error", titulo="Dígito de verificación del NIT",
    mensaje="El NIT {nit} tiene dígito de verificación {dado}, pero le corresponde {esperado}. Rechace la factura con "
            "esa justificación: el proveedor revisa el NIT y su DV en el RUT, los corrige en la factura y la envía de "
            "nuevo.",
    mensaje_proveedor="El NIT {nit} tiene dígito de verificación {dado}, pero le corresponde {esperado}: "
                      "revise el NIT y su DV en el RUT y corríjalo.",
    razon="Un NIT con DV errado no identifica a nadie: la entidad no puede conciliar el pago con el RUT del "
          "contratista. Es información mal diligenciada por el proveedor, que la entidad rechaza. Solo los NIT de la "
          "factura: un DV errado en los datos del contrato no es de la factura (regla NIT-009).",
    fuentes=(ANEXO_DV, CCE_RECHAZAR),
    paso=pasos.DILIGENCIAR,
    ejemplo_falla={"factura.proveedor.dv": 5},
)
def nit_dv(c: Contexto) -> Iterator[Falla]:
    yield from _dv_errados(_partes_de_la_factura(c))


def _mismo_documento(a: Parte, b: Parte) -> bool:
    # El contrato de los datos abiertos puede traer el NIT con su DV pegado: es el mismo documento.
    return mismo_documento(a.numero, b.numero)


# Una factura emitida por otro NIT (con su DV; sin la clave técnica, que con otro emisor no daría el CUFE): el
# ejemplo de NIT-002 y, con un consorcio, el de NIT-007.
_FACTURA_DE_OTRO_NIT = {"factura.proveedor.numero": "900390126", "factura.proveedor.dv": 6, "factura.clave_tecnica": None}


@regla(
    id="NIT-002", severidad="error", titulo="Emisor de la factura y contratista",
    mensaje="La factura la emite {emisor}, pero el contratista del contrato es {contratista}: "
            "la factura debe emitirla el contratista.",
    razon="La factura la expide el vendedor, el contratista (Estatuto Tributario, por confirmar); una factura de un "
          "tercero es información mal diligenciada por el proveedor, que la entidad rechaza (respuesta CCE, confirmada). "
          "No se aplica si el contratista es un consorcio o una unión temporal: entonces puede facturar cada miembro "
          "(regla NIT-007).",
    fuentes=(ET_617, CCE_RECHAZAR),
    paso=pasos.DILIGENCIAR,
    necesita=("contrato",),
    ejemplo_falla=_FACTURA_DE_OTRO_NIT,
)
def emisor_es_contratista(c: Contexto) -> Iterator[Falla]:
    if not c.solicitud.contrato.consorcio_o_union_temporal:
        yield from _emisor_no_es_contratista(c)


def _emisor_no_es_contratista(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    if not _mismo_documento(s.factura.proveedor, s.contrato.contratista):
        yield Falla("factura.proveedor.numero",
                    {"emisor": s.factura.proveedor.numero, "contratista": s.contrato.contratista.numero})


@regla(
    id="NIT-003", severidad="error", titulo="Adquirente de la factura y entidad",
    mensaje="La factura va dirigida a {adquiriente}, pero la entidad del contrato es {entidad}. Recházela con esa "
            "justificación: el proveedor la emite a nombre de la entidad contratante y la envía de nuevo.",
    mensaje_proveedor="La factura va dirigida a {adquiriente}, pero la entidad del contrato es {entidad}: "
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


_BLOQUE = {"PartyTaxScheme": "PartyTaxScheme", "PartyLegalEntity": "PartyLegalEntity",
           "PartyIdentification": "PartyIdentification"}
_ROL = {"proveedor": "del emisor", "adquiriente": "del adquiriente"}


def _bloques(c: Contexto) -> Iterator[tuple[str, Parte]]:
    f = c.solicitud.factura
    yield "proveedor", f.proveedor
    yield "adquiriente", f.adquiriente


@regla(
    id="NIT-004", severidad="advertencia", titulo="Documento de cada parte en los bloques del XML",
    mensaje="El documento {rol} no es el mismo en todos los bloques de la factura: {detalle}. La DIAN toma el de "
            "PartyTaxScheme; confirme con el proveedor cuál es el correcto.",
    mensaje_proveedor="El documento {rol} no es el mismo en todos los bloques de la factura: {detalle}. La DIAN toma "
                      "el de PartyTaxScheme; revise en su programa de facturación cuál es el correcto.",
    razon="Una parte aparece en PartyTaxScheme, PartyLegalEntity y PartyIdentification. Se han visto facturas "
          "validadas por la DIAN con bloques que no coinciden, así que no es motivo de rechazo seguro; pero la "
          "entidad puede no reconocer al contratista o a sí misma.",
    fuentes=(ANEXO_PARTES,),
    paso=pasos.DILIGENCIAR,
    ejemplo_falla={"factura.proveedor.bloques": [{"bloque": "PartyTaxScheme", "numero": "901234567", "dv": 7},
                                                 {"bloque": "PartyLegalEntity", "numero": "900390126", "dv": 6}]},
)
def bloques_coinciden(c: Contexto) -> Iterator[Falla]:
    for rol, parte in _bloques(c):
        # El mismo NIT con su DV pegado en un bloque (901234567-7) no es otro documento.
        bloques = parte.bloques
        if bloques and not all(mismo_documento(bloques[0].numero, b.numero) for b in bloques[1:]):
            detalle = ", ".join(f"{b.bloque} {b.numero}" for b in parte.bloques)
            yield Falla(f"factura.{rol}.bloques", {"rol": _ROL[rol], "detalle": detalle})


@regla(
    id="NIT-005", severidad="advertencia", titulo="DV del NIT en los bloques del XML",
    mensaje="En el bloque {bloque} el NIT {nit} {rol} tiene dígito de verificación {dado}, pero le corresponde "
            "{esperado}.",
    razon="El DV viaja en el atributo schemeID de cada bloque. El del bloque principal lo revisa NIT-001 (error); "
          "en los demás bloques se advierte, porque no se ha confirmado que la DIAN los valide.",
    fuentes=(ANEXO_DV,),
    paso=pasos.DILIGENCIAR,
    ejemplo_falla={"factura.proveedor.bloques": [{"bloque": "PartyTaxScheme", "numero": "901234567", "dv": 7},
                                                 {"bloque": "PartyLegalEntity", "numero": "901234567", "dv": 5}]},
)
def dv_en_bloques(c: Contexto) -> Iterator[Falla]:
    for rol, parte in _bloques(c):
        principal = (solo_digitos(parte.numero), parte.dv)
        for i, b in enumerate(parte.bloques):
            numero = solo_digitos(b.numero)
            if b.dv is None or (numero, b.dv) == principal or not 0 < len(numero) <= 15 or numero != b.numero.strip():
                continue
            esperado = digito_verificacion(numero)
            if esperado != b.dv:
                yield Falla(f"factura.{rol}.bloques.{i}.dv", {"bloque": b.bloque, "nit": numero, "rol": _ROL[rol],
                                                               "dado": b.dv, "esperado": esperado})


@regla(
    id="NIT-006", severidad="advertencia", titulo="Partes del contenedor y de la factura",
    mensaje="El AttachedDocument dice que lo envía {emisor_contenedor} a {receptor_contenedor}, pero la factura que "
            "contiene es de {emisor} a {adquiriente}: pida al proveedor el contenedor de esta factura.",
    mensaje_proveedor="El AttachedDocument dice que lo envía {emisor_contenedor} a {receptor_contenedor}, pero la "
                      "factura que contiene es de {emisor} a {adquiriente}: cargue el AttachedDocument de esta "
                      "factura.",
    razon="El AttachedDocument lo arma el emisor para el adquirente y no pasa por la validación de la DIAN (que "
          "valida la factura de adentro): unas partes distintas indican que la factura se metió en el contenedor "
          "de otra. Advierte porque la factura interna puede ser válida.",
    fuentes=(ANEXO_RESPUESTA,),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.contenedor": {"emisor": "900390126", "receptor": "800100200"}},
    ejemplo_pasa={"factura.contenedor": {"emisor": "901234567", "receptor": "800100200"}},
)
def contenedor_coincide(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    k = f.contenedor
    if k is None:
        return
    # El NIT con su DV pegado («800100200-8») es el mismo documento, como en las demás reglas de identidad.
    emisor_ok = k.emisor is None or mismo_documento(k.emisor, f.proveedor.numero)
    receptor_ok = k.receptor is None or mismo_documento(k.receptor, f.adquiriente.numero)
    if not (emisor_ok and receptor_ok):
        yield Falla("factura.contenedor", {"emisor_contenedor": k.emisor or "—", "receptor_contenedor": k.receptor or "—",
                                           "emisor": f.proveedor.numero, "adquiriente": f.adquiriente.numero})


@regla(
    id="NIT-007", corrige="entidad", etapas={"proveedor": "informacion", "entidad": "advertencia"},
    titulo="Factura de un miembro del consorcio o de la unión temporal",
    mensaje="La factura la emite {emisor}, y el contratista es el consorcio o la unión temporal {contratista}: "
            "confirme en el documento de constitución que {emisor} es uno de sus miembros y que el valor corresponde "
            "a su participación.",
    mensaje_proveedor="La entidad revisará que {emisor}, quien emite la factura, sea miembro del consorcio o de la "
                      "unión temporal {contratista} (el contratista) y que el valor corresponda a su participación.",
    razon="Un consorcio o una unión temporal puede facturar a nombre propio, con su NIT, o cada uno de sus miembros "
          "por separado o en conjunto (Decreto 1625 de 2016, por confirmar). Por eso una factura de otro NIT no es "
          "aquí un error (NIT-002 no se aplica), pero los datos abiertos no dicen quiénes son los miembros: lo "
          "revisa la entidad, que tiene el documento de constitución.",
    fuentes=(DUR_1625_CONSORCIOS, LEY_80_7),
    paso=pasos.REVISAR_ANEXOS,
    necesita=("contrato",),
    ejemplo_falla={"contrato.consorcio_o_union_temporal": True, **_FACTURA_DE_OTRO_NIT},
)
def emisor_miembro_del_consorcio(c: Contexto) -> Iterator[Falla]:
    if c.solicitud.contrato.consorcio_o_union_temporal:
        yield from _emisor_no_es_contratista(c)



@regla(
    id="NIT-008", severidad="informacion",
    titulo="Factura del consorcio o de la unión temporal con su propio NIT",
    mensaje="El contratista es un consorcio o una unión temporal y la factura la emite con su propio NIT "
            "({emisor}): la norma tributaria pide que la factura señale el porcentaje o el valor del ingreso que "
            "corresponde a cada miembro, con su nombre o razón social y su NIT (Decreto 1625 de 2016, por confirmar). "
            "Revise que la factura lo diga: en sus notas o en el grupo "
            "de los participantes del emisor (cac:ShareholderParty, con su porcentaje; por confirmar en el anexo).",
    razon="Cuando el consorcio o la unión temporal factura bajo su propio NIT, la norma tributaria pide que la "
          "factura indique la parte del ingreso de cada miembro y quién es cada uno (Decreto 1625 de 2016, por "
          "confirmar). Hay programas de facturación que lo escriben en cac:ShareholderParty, dentro de "
          "cac:PartyLegalEntity del emisor, con cbc:PartecipationPercent (lo citan reglas del anexo de la DIAN que no "
          "se han leído aquí: por confirmar); otros lo ponen en las notas. El validador no lee ese grupo: solo lo "
          "recuerda.",
    fuentes=(DUR_1625_CONSORCIOS,),
    paso=pasos.DILIGENCIAR,
    necesita=("contrato",),
    ejemplo_falla={"contrato.consorcio_o_union_temporal": True},
)
def consorcio_con_su_nit(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    if s.contrato.consorcio_o_union_temporal and _mismo_documento(s.factura.proveedor, s.contrato.contratista):
        yield Falla("factura.proveedor.numero", {"emisor": s.factura.proveedor.numero})


@regla(
    id="NIT-009", severidad="advertencia", titulo="Dígito de verificación del NIT en los datos del contrato",
    mensaje="En los datos del contrato, el NIT {nit} tiene dígito de verificación {dado}, pero le corresponde "
            "{esperado}: corrija el DV en el contrato del formulario (si vino de los datos abiertos de SECOP II, así "
            "está publicado). No es un error de la factura.",
    razon="El DV se calcula del NIT (anexo técnico). Un DV errado en los datos del contrato, escritos a mano o "
          "publicados en los datos abiertos, no dice nada de la factura, que trae los suyos (regla NIT-001); ninguna "
          "fuente dice que la entidad rechace una factura por eso: advertencia, para corregir lo escrito.",
    fuentes=(ANEXO_DV,),
    necesita=("contrato",),
    la_entidad_lo_copia=True,  # los datos del contrato los corrige quien los escribió: como entidad, ella
    ejemplo_falla={"contrato.entidad.dv": 3},
)
def nit_dv_del_contrato(c: Contexto) -> Iterator[Falla]:
    yield from _dv_errados(_partes_del_contrato(c))
