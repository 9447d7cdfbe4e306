"""Reglas de forma de la factura electrónica DIAN: tipo, CUFE y numeración autorizada."""

from __future__ import annotations

from typing import Iterator, Optional

from .. import pasos
from ..cufe import PATRON_CUFE, DatosCufe, calcular_cufe
from ..modelos import Factura
from ..nit import solo_digitos
from .base import Contexto, Falla, regla
from .consultas import impuesto
from .citas import ANEXO_CUFE, ANEXO_NUMERACION, ANEXO_TIPOS, CCE_RECHAZAR

_NOTAS = {"nota_credito": "una nota crédito", "nota_debito": "una nota débito"}


@regla(
    id="FAC-001", severidad="error", titulo="El documento es una factura o cuenta de cobro",
    mensaje="El documento es {tipo}, no una factura: una solicitud de pago se hace con la factura electrónica "
            "de venta (o la cuenta de cobro / documento soporte).",
    razon="Las notas crédito y débito ajustan una factura ya emitida; no sirven para cobrar un pago del plan. "
          "Presentar una nota como factura es información mal diligenciada por el proveedor, que la entidad rechaza.",
    fuentes=(ANEXO_TIPOS, CCE_RECHAZAR),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.tipo": "nota_credito"},
)
def es_factura(c: Contexto) -> Iterator[Falla]:
    tipo = c.solicitud.factura.tipo
    if tipo in _NOTAS:
        yield Falla("factura.tipo", {"tipo": _NOTAS[tipo]})


def _electronica(f: Factura) -> bool:
    return f.tipo == "factura_electronica"


@regla(
    id="FAC-002", severidad="advertencia", titulo="La factura electrónica trae su CUFE",
    mensaje="Falta el CUFE de la factura electrónica: cópielo de la representación gráfica o del XML (cbc:UUID) "
            "para que el validador pueda revisarlo.",
    razon="El CUFE identifica la factura ante la DIAN y toda factura electrónica validada lo trae. El formulario de "
          "SECOP II no lo pide (la entidad lo ve en el archivo anexo): que falte aquí no significa que la factura no "
          "lo tenga, por eso solo advierte.",
    fuentes=(ANEXO_CUFE,),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.cufe": None},
)
def cufe_presente(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if _electronica(f) and not f.cufe:
        yield Falla("factura.cufe")


@regla(
    id="FAC-003", severidad="error", titulo="El CUFE tiene la forma de un SHA-384",
    mensaje="El CUFE debe tener 96 caracteres hexadecimales (0-9, a-f); el dado tiene {largo} caracteres "
            "o caracteres no válidos.",
    razon="El CUFE es un SHA-384 en hexadecimal: 96 caracteres. Otro largo es un CUFE mal copiado, "
          "información mal diligenciada por el proveedor, que la entidad rechaza.",
    fuentes=(ANEXO_CUFE, CCE_RECHAZAR),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.cufe": "0a24c2d678a9fa02329bc07d786d6d0c"},
)
def cufe_forma(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if _electronica(f) and f.cufe and not PATRON_CUFE.match(f.cufe.lower()):
        yield Falla("factura.cufe", {"largo": len(f.cufe)})


@regla(
    id="FAC-004", severidad="error", titulo="El esquema del CUFE es CUFE-SHA384",
    mensaje="El esquema del identificador es «{esquema}»; una factura electrónica de venta usa «CUFE-SHA384».",
    razon="cbc:UUID lleva schemeName=\"CUFE-SHA384\" en la factura; CUDE-SHA384 es de notas y documentos soporte. "
          "Otro esquema es información mal diligenciada por el proveedor, que la entidad rechaza.",
    fuentes=(ANEXO_CUFE, CCE_RECHAZAR),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.cufe_esquema": "CUDE-SHA384"},
)
def cufe_esquema(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if _electronica(f) and f.cufe_esquema and f.cufe_esquema != "CUFE-SHA384":
        yield Falla("factura.cufe_esquema", {"esquema": f.cufe_esquema})


def cufe_recalculado(f: Factura) -> Optional[str]:
    """El CUFE que corresponde a los datos de la factura, si están todos (incluida la clave técnica)."""
    if not (f.clave_tecnica and f.hora_emision and f.ambiente):
        return None
    return calcular_cufe(DatosCufe(
        num_fac=f.numero, fec_fac=f.fecha_emision.isoformat(), hor_fac=f.hora_emision,
        val_fac=f.valor_bruto, val_iva=impuesto(f, "01"), val_inc=impuesto(f, "04"), val_ica=impuesto(f, "03"),
        val_tot=f.valor_a_pagar, nit_ofe=solo_digitos(f.proveedor.numero), num_adq=solo_digitos(f.adquiriente.numero),
        clave_tecnica=f.clave_tecnica, tipo_ambiente=f.ambiente,
    ))


@regla(
    id="FAC-005", severidad="error", titulo="El CUFE corresponde a los datos de la factura",
    mensaje="El CUFE no corresponde a los datos de la factura (número, fecha, hora, valores, NIT, clave técnica, "
            "ambiente): alguno fue alterado o mal digitado. Verifique la factura en el catálogo de la DIAN.",
    razon="El CUFE es el SHA-384 de esos datos; si no coincide, la factura que se presenta no es la validada "
          "por la DIAN (información mal diligenciada por el proveedor, que la entidad rechaza). Solo se revisa si se da la clave técnica, que no viaja en el XML.",
    fuentes=(ANEXO_CUFE, CCE_RECHAZAR),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.clave_tecnica": "0000000000000000000000000000000000000000"},
)
def cufe_coincide(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if not (_electronica(f) and f.cufe and PATRON_CUFE.match(f.cufe.lower())):
        return
    esperado = cufe_recalculado(f)
    if esperado is not None and esperado != f.cufe.lower():
        yield Falla("factura.cufe")


def _consecutivo(numero: str, prefijo: str) -> Optional[int]:
    resto = numero[len(prefijo):] if numero.startswith(prefijo) else None
    return int(resto) if resto and resto.isdigit() and len(resto) <= 18 else None


@regla(
    id="FAC-006", severidad="error", titulo="El número está en el rango autorizado",
    mensaje="La factura {numero} está fuera del rango autorizado por la DIAN ({prefijo}{desde} a {prefijo}{hasta}).",
    razon="Solo valen las facturas con prefijo y número dentro del rango de la resolución de numeración; otra es "
          "información mal diligenciada por el proveedor, que la entidad rechaza.",
    fuentes=(ANEXO_NUMERACION, CCE_RECHAZAR),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.autorizacion.rango_hasta": 1000},
)
def en_rango(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    a = f.autorizacion
    if not _electronica(f) or a is None or a.rango_desde is None or a.rango_hasta is None:
        return
    prefijo = a.prefijo or ""
    n = _consecutivo(f.numero, prefijo)
    if n is None or not a.rango_desde <= n <= a.rango_hasta:
        yield Falla("factura.numero", {"numero": f.numero, "prefijo": prefijo, "desde": a.rango_desde,
                                       "hasta": a.rango_hasta})


@regla(
    id="FAC-007", severidad="error", titulo="La emisión cae en la vigencia de la autorización",
    mensaje="La factura se emitió el {emision}, fuera de la vigencia de la autorización de numeración ({desde} a {hasta}).",
    razon="La resolución de numeración tiene vigencia; una factura emitida fuera de ella no es válida: "
          "información mal diligenciada por el proveedor, que la entidad rechaza.",
    fuentes=(ANEXO_NUMERACION, CCE_RECHAZAR),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.autorizacion.hasta": "2026-05-31"},
)
def en_vigencia(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    a = f.autorizacion
    if not _electronica(f) or a is None or a.desde is None or a.hasta is None:
        return
    if not a.desde <= f.fecha_emision <= a.hasta:
        yield Falla("factura.fecha_emision", {"emision": f.fecha_emision.isoformat(), "desde": a.desde.isoformat(),
                                              "hasta": a.hasta.isoformat()})
