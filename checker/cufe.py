"""Cálculo del CUFE de una factura electrónica de venta y del CUDE (Anexo técnico DIAN 1.9).

El CUDE (tipo 03, notas crédito y débito) usa la misma cadena con el PIN del software en lugar de la clave
técnica: así lo implementan librerías públicas que siguen el anexo (p. ej. facho, «CUFE/CUDE/CUDS según
Anexo Técnico DIAN v1.9»); *por confirmar* contra el texto del anexo.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal

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


def _dos_decimales(valor: Decimal) -> str:
    return f"{valor.quantize(Decimal('0.01')):.2f}"


def cadena_cufe(d: DatosCufe) -> str:
    """La concatenación sin separadores que se somete a SHA-384."""
    partes = [
        d.num_fac, d.fec_fac, d.hor_fac, _dos_decimales(d.val_fac),
        "01", _dos_decimales(d.val_iva), "04", _dos_decimales(d.val_inc),
        "03", _dos_decimales(d.val_ica), _dos_decimales(d.val_tot),
        d.nit_ofe, d.num_adq, d.clave_tecnica, d.tipo_ambiente,
    ]
    return "".join(partes)


def calcular_cufe(d: DatosCufe) -> str:
    """SHA-384 en hexadecimal (96 caracteres) de la cadena del CUFE."""
    return hashlib.sha384(cadena_cufe(d).encode("utf-8")).hexdigest()
