"""El catálogo de reglas y su evaluación sobre una solicitud."""

from __future__ import annotations

from datetime import date
from typing import Any, Optional

from ..errores import EtapaNoValida
from ..informe import Hallazgo, Informe, informe_de
from ..modelos import Solicitud
from ..perfil import Perfil
from . import aprobacion, dian, fechas, identidad, montos, seguridad_social, soportes  # noqa: F401  (inscriben reglas)
from .base import CATALOGO, ETAPAS, Contexto, Etapa, Falla, Regla

__all__ = ["CATALOGO", "ETAPAS", "Etapa", "Regla", "como_datos", "evaluar"]


def evaluar(solicitud: Solicitud, *, perfil: Optional[Perfil] = None, hoy: Optional[date] = None,
            etapa: str = "proveedor") -> Informe:
    """Corre el catálogo con la severidad de la `etapa`; un ajuste del perfil vale para las dos etapas."""
    if etapa not in ETAPAS:
        raise EtapaNoValida(etapa)
    contexto = Contexto(solicitud=solicitud, hoy=hoy or date.today(), perfil=perfil)
    ajustes = perfil.reglas if perfil else {}
    hallazgos: list[Hallazgo] = []
    revisadas = 0
    for regla in CATALOGO.values():
        severidad = regla.severidad_en(etapa, ajustes.get(regla.id))
        if regla.retirada or severidad == "apagada" or regla.revisar is None:
            continue
        revisadas += 1
        for falla in regla.revisar(contexto):
            hallazgos.append(_hallazgo(regla, severidad, falla, etapa))
    return informe_de(hallazgos, revisadas, etapa=etapa)


def _hallazgo(regla: Regla, severidad: str, falla: Falla, etapa: str) -> Hallazgo:
    return Hallazgo(regla=regla.id, severidad=severidad, campo=falla.campo, titulo=regla.titulo,
                    mensaje=regla.mensaje_en(etapa).format(**falla.datos), referencia=regla.fuente, paso=regla.paso,
                    corrige=regla.corrige, fuentes=list(dict.fromkeys(c.fuente for c in regla.fuentes)))


def como_datos() -> list[dict[str, Any]]:
    """El catálogo como datos (JSON): lo imprime `checker reglas --json` y lo lee quien lo publique."""
    return [{
        "id": r.id, "ancla": r.id.lower(), "severidad": r.severidad, "etapas": dict(r.etapas), "corrige": r.corrige,
        "titulo": r.titulo, "mensaje": r.mensaje, "mensaje_proveedor": r.mensaje_proveedor,
        "razon": r.razon, "fuente": r.fuente, "fuentes": [c.como_datos() for c in r.fuentes], "paso": r.paso, "base": r.base,
        "ejemplo_falla": r.ejemplo_falla, "ejemplo_pasa": r.ejemplo_pasa, "retirada": r.retirada,
    } for r in CATALOGO.values()]
