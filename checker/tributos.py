"""La tabla «Tributos» del anexo técnico de la DIAN como datos: código, nombre, clase y si entra al CUFE.

Fuente: `dian-anexo-tecnico-1-9` (checker/fuentes.py), tabla de códigos «Tributos». Los códigos y la regla
de que solo 01, 04 y 03 entran al CUFE están confirmados en los archivos de ejemplo de la DIAN (HECHOS §3
y §6); los nombres y la clase de cada uno están *por confirmar* contra la tabla del anexo (HECHOS §6 los
marca así; coinciden con listas de código públicas de proveedores de facturación).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional

FUENTE = "dian-anexo-tecnico-1-9"

Clase = Literal["porcentual", "por_unidad", "retencion", "otro"]


@dataclass(frozen=True)
class Tributo:
    codigo: str
    nombre: str
    clase: Clase  # porcentual (Percent), por unidad (PerUnitAmount × BaseUnitMeasure) o retención
    en_cufe: bool = False  # entra a la cadena del CUFE/CUDE (solo 01, 04 y 03)
    confirmado: bool = False  # nombre y clase leídos en la tabla del anexo


TRIBUTOS: dict[str, Tributo] = {t.codigo: t for t in (
    Tributo("01", "IVA", "porcentual", en_cufe=True, confirmado=True),
    Tributo("02", "IC (impuesto al consumo departamental nominal)", "por_unidad"),
    Tributo("03", "ICA", "porcentual", en_cufe=True, confirmado=True),
    Tributo("04", "INC (impuesto nacional al consumo)", "porcentual", en_cufe=True, confirmado=True),
    Tributo("05", "ReteIVA", "retencion"),
    Tributo("06", "ReteRenta", "retencion"),
    Tributo("07", "ReteICA", "retencion"),
    Tributo("08", "IC porcentual (impuesto al consumo departamental porcentual)", "porcentual"),
    Tributo("20", "FtoHorticultura", "porcentual"),
    Tributo("21", "Timbre", "porcentual"),
    Tributo("22", "INC bolsas", "por_unidad"),
    Tributo("23", "INCarbono", "por_unidad"),
    Tributo("24", "INCombustibles", "por_unidad"),
    Tributo("25", "Sobretasa combustibles", "por_unidad"),
    Tributo("26", "Sordicom", "otro"),
    Tributo("30", "IC datos", "otro"),
    Tributo("32", "ICL (impuesto al consumo de licores)", "otro"),
    Tributo("33", "INPP (impuesto nacional sobre productos plásticos)", "por_unidad"),
    Tributo("34", "IBUA (impuesto a las bebidas ultraprocesadas azucaradas)", "otro"),
    Tributo("35", "ICUI (impuesto a los comestibles ultraprocesados)", "porcentual"),
    Tributo("36", "ADV (ad valorem)", "otro"),
    Tributo("ZZ", "Otros tributos", "otro"),
)}

CODIGOS_CUFE = tuple(c for c, t in TRIBUTOS.items() if t.en_cufe)  # ("01", "03", "04")


def tributo(codigo: str) -> Optional[Tributo]:
    return TRIBUTOS.get(codigo)


def es_retencion(codigo: str) -> bool:
    t = TRIBUTOS.get(codigo)
    return t is not None and t.clase == "retencion"


def nombre(codigo: str) -> str:
    t = TRIBUTOS.get(codigo)
    return f"{codigo} {t.nombre.split(' (')[0]}" if t else f"{codigo} (código fuera de la tabla)"
