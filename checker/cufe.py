"""Cálculo del CUFE de una factura electrónica de venta y del CUDE (Anexo técnico DIAN 1.9).

El CUDE (tipo 03, notas crédito y débito) usa la misma cadena con el PIN del software en lugar de la clave
técnica: así lo implementan librerías públicas que siguen el anexo (p. ej. facho, «CUFE/CUDE/CUDS según
Anexo Técnico DIAN v1.9»); *por confirmar* contra el texto del anexo.

Los valores entran «con punto decimal, con decimales a dos (2) dígitos truncados» (anexo, §11.2, como lo citan
varias implementaciones públicas; una dejó de recibir el rechazo FAD06 de la DIAN al pasar de redondear a truncar):
12037.046 entra como 12037.04. Solo importa cuando el XML trae más de dos decimales (la DIAN admite hasta seis).
Como esa cita está *por confirmar* en el texto del anexo, `cufes_posibles` da también el CUFE con los valores
redondeados: un CUFE que no es ninguno de ellos no corresponde a los datos, con cualquier lectura.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

PATRON_CUFE = re.compile(r"^[0-9a-f]{96}$")


@dataclass(frozen=True)
class DatosCufe:
    """Los campos que entran al CUFE, en el orden del anexo (HECHOS §3)."""

    num_fac: str
    fec_fac: str  # AAAA-MM-DD
    hor_fac: str  # HH:MM:SS-05:00
    val_fac: Decimal  # LineExtensionAmount
    val_iva: Decimal  # impuesto 01
    val_inc: Decimal  # impuesto 04
    val_ica: Decimal  # impuesto 03
    val_tot: Decimal  # PayableAmount
    nit_ofe: str
    num_adq: str
    clave_tecnica: str  # en el CUDE, el PIN del software
    tipo_ambiente: str  # 1 producción, 2 pruebas


TRUNCAR = ROUND_DOWN  # hacia cero: truncar un valor positivo


def _dos_decimales(valor: Decimal, redondeo: str = TRUNCAR) -> str:
    return f"{valor.quantize(Decimal('0.01'), rounding=redondeo):.2f}"


def _valores(d: DatosCufe) -> tuple[Decimal, ...]:
    return d.val_fac, d.val_iva, d.val_inc, d.val_ica, d.val_tot


def cadena_cufe(d: DatosCufe, redondeo: str = TRUNCAR) -> str:
    """La concatenación sin separadores que se somete a SHA-384."""
    val_fac, val_iva, val_inc, val_ica, val_tot = (_dos_decimales(v, redondeo) for v in _valores(d))
    partes = [
        d.num_fac, d.fec_fac, d.hor_fac, val_fac, "01", val_iva, "04", val_inc, "03", val_ica, val_tot,
        d.nit_ofe, d.num_adq, d.clave_tecnica, d.tipo_ambiente,
    ]
    return "".join(partes)


def calcular_cufe(d: DatosCufe, redondeo: str = TRUNCAR) -> str:
    """SHA-384 en hexadecimal (96 caracteres) de la cadena del CUFE."""
    return hashlib.sha384(cadena_cufe(d, redondeo).encode("utf-8")).hexdigest()


def cufes_posibles(d: DatosCufe) -> set[str]:
    """El CUFE con los valores truncados (el del anexo) y, si algún valor trae más de dos decimales, también con los
    valores redondeados (hacia arriba desde la mitad, o a la par), por si el emisor los redondeó."""
    if all(v == v.quantize(Decimal("0.01"), rounding=TRUNCAR) for v in _valores(d)):
        return {calcular_cufe(d)}
    return {calcular_cufe(d, r) for r in (TRUNCAR, ROUND_HALF_UP, ROUND_HALF_EVEN)}
