"""Perfil de una entidad: qué soportes exige y qué reglas ajusta (JSON con su propio esquema).

Solo valida su forma: que cada regla nombrada exista lo revisa el motor (`checker.motor.validar`), que
conoce el catálogo; así el perfil no importa las reglas, que lo importan a él.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Ajuste = Literal["error", "advertencia", "informacion", "apagada"]


class Perfil(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entidad: str = Field(min_length=1, max_length=200, title="Nombre de la entidad")
    nit: Optional[str] = Field(None, pattern=r"^[0-9]{5,15}$", title="NIT de la entidad (sin DV)")
    soportes_requeridos: list[str] = Field(
        default_factory=list, max_length=50, title="Soportes que la entidad exige en cada solicitud",
        description="Identificadores, p. ej. factura_xml, planilla_pila, informe_supervision.")
    reglas: dict[str, Ajuste] = Field(
        default_factory=dict, title="Ajustes de severidad por regla",
        description="Por ejemplo {\"SS-004\": \"apagada\", \"APR-007\": \"advertencia\"}.")

