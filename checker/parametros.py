"""Parámetros que cambian cada año (SMMLV) y tarifas de aportes, con su norma y si están confirmados.

Nunca como literales en el código de las reglas: las reglas los piden aquí por fecha. Cada norma es
una fuente del catálogo (checker/fuentes.py, por su id).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional


@dataclass(frozen=True)
class Parametro:
    anio: int
    valor: Decimal
    fuente: str  # la norma, como se lee en la tabla de parámetros
    confirmado: bool  # leído en la fuente primaria (Diario Oficial / decreto)
    fuente_id: str = ""  # id en el catálogo de fuentes
    vigencia: str = "definitivo"  # «transitorio» mientras una decisión judicial lo tenga en suspenso


SMMLV: tuple[Parametro, ...] = (
    Parametro(2025, Decimal("1423500"), "Decreto 1572 de 2024", confirmado=False, fuente_id="decreto-1572-2024"),
    Parametro(2026, Decimal("1750905"),
              "Decreto 1469 de 2025, reexpedido con el mismo valor por el Decreto 0159 de 2026 "
              "tras la suspensión provisional del Consejo de Estado", confirmado=False,
              fuente_id="decreto-1469-2025", vigencia="transitorio"),
)

# Tarifas de aportes de independientes: por confirmar contra el texto de la norma (HECHOS §2).
TARIFA_SALUD = Decimal("12.5")
TARIFA_PENSION = Decimal("16")
TARIFA_ARL = {1: Decimal("0.522"), 2: Decimal("1.044"), 3: Decimal("2.436"), 4: Decimal("4.350"), 5: Decimal("6.960")}
CLASE_ARL_MAXIMA_DEL_CONTRATISTA = 3  # I a III las paga el contratista; IV y V, el contratante (Decreto 1072, por confirmar)
IBC_PORCENTAJE_MINIMO = Decimal("40")  # Decreto 1273 de 2018 (Decreto 780 de 2016, art. 2.2.1.1.1.7)
IBC_MINIMO_SMMLV = Decimal("1")
IBC_MAXIMO_SMMLV = Decimal("25")
# Fondo de Solidaridad Pensional: 1 % adicional desde 4 SMMLV de IBC (Ley 100 de 1993, art. 27; por confirmar).
# Por encima de 16 SMMLV el porcentaje sube; la regla revisa solo el mínimo del 1 %.
FSP_DESDE_SMMLV = Decimal("4")
TARIFA_FSP = Decimal("1")
ARL_MESES_MINIMOS = 1  # riesgos laborales solo en contratos de más de un mes (Decreto 1072, por confirmar)


def smmlv(anio: int) -> Optional[Parametro]:
    return next((p for p in SMMLV if p.anio == anio), None)
