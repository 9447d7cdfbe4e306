"""Parámetros que cambian cada año (SMMLV), con su norma y si están confirmados.

Nunca como literales en el código de las reglas: las reglas los piden aquí por fecha.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional


@dataclass(frozen=True)
class Parametro:
    anio: int
    valor: Decimal
    fuente: str
    confirmado: bool  # leído en la fuente primaria (Diario Oficial / decreto)


SMMLV: tuple[Parametro, ...] = (
    Parametro(2025, Decimal("1423500"), "Decreto 1572 de 2024", confirmado=False),
    Parametro(2026, Decimal("1750905"),
              "Decreto 1469 de 2025, reexpedido con el mismo valor por el Decreto 0159 de 2026 "
              "tras la suspensión provisional del Consejo de Estado", confirmado=False),
)

# Tarifas de aportes de independientes: por confirmar contra el texto de la norma (HECHOS §2).
TARIFA_SALUD = Decimal("12.5")
TARIFA_PENSION = Decimal("16")
TARIFA_ARL = {1: Decimal("0.522"), 2: Decimal("1.044"), 3: Decimal("2.436"), 4: Decimal("4.350"), 5: Decimal("6.960")}
IBC_PORCENTAJE_MINIMO = Decimal("40")  # Decreto 1273 de 2018 (Decreto 780 de 2016, art. 2.2.1.1.1.7)
IBC_MINIMO_SMMLV = Decimal("1")
IBC_MAXIMO_SMMLV = Decimal("25")


def smmlv(anio: int) -> Optional[Parametro]:
    return next((p for p in SMMLV if p.anio == anio), None)
