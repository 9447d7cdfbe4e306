"""Regla de soportes: los documentos que la entidad exige en su perfil."""

from __future__ import annotations

from typing import Iterator

from .. import pasos
from .base import Contexto, Falla, regla
from .citas import CCE_SOPORTES, PERFIL_ENTIDAD


@regla(
    id="SOP-001", severidad="error", titulo="Soportes exigidos por la entidad",
    mensaje="Falta el soporte «{soporte}», que la entidad exige en cada solicitud de pago: pídaselo al proveedor.",
    mensaje_proveedor="Falta el soporte «{soporte}», que la entidad exige en cada solicitud de pago: anéxelo.",
    razon="Qué soportes acompañan la solicitud lo define el procedimiento interno de cada entidad; "
          "una entidad puede publicarlos en su perfil, y sin ellos rechaza la solicitud.",
    fuentes=(PERFIL_ENTIDAD, CCE_SOPORTES),
    paso=pasos.SOPORTES,
    necesita=("pago",),
    ejemplo_falla={"perfil": {"entidad": "Alcaldía Municipal de Ejemplo", "soportes_requeridos": ["certificado_cumplimiento"]}},
    ejemplo_pasa={"perfil": {"entidad": "Alcaldía Municipal de Ejemplo", "soportes_requeridos": ["informe_supervision"]}},
)
def soportes_exigidos(c: Contexto) -> Iterator[Falla]:
    if c.perfil is None:
        return
    for soporte in c.perfil.soportes_requeridos:
        if soporte not in c.solicitud.pago.soportes:
            yield Falla("pago.soportes", {"soporte": soporte})
