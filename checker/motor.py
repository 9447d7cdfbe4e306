"""La función pública `validar`: solicitud (y perfil) adentro, informe afuera."""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping, Optional, Union

from pydantic import ValidationError

from .errores import EntradaNoValida, EtapaNoValida, traducir
from .informe import Informe
from .modelos import Solicitud
from .perfil import Perfil
from .reglas import ETAPAS, evaluar


def validar(solicitud: Union[Solicitud, Mapping[str, Any]], *,
            perfil: Union[Perfil, Mapping[str, Any], None] = None, hoy: Optional[date] = None,
            etapa: str = "proveedor") -> Informe:
    """Revisa la solicitud contra el catálogo con la severidad de la `etapa` («proveedor», antes de enviar, o
    «entidad», antes de aprobar). Lanza `EntradaNoValida` si faltan datos o no tienen la forma pedida, y
    `EtapaNoValida` si la etapa no existe."""
    if etapa not in ETAPAS:
        raise EtapaNoValida(etapa)
    try:
        modelo = solicitud if isinstance(solicitud, Solicitud) else Solicitud.model_validate(solicitud)
        perfil_modelo = perfil if perfil is None or isinstance(perfil, Perfil) else Perfil.model_validate(perfil)
    except ValidationError as exc:
        raise EntradaNoValida(traducir(exc)) from None
    return evaluar(modelo, perfil=perfil_modelo, hoy=hoy, etapa=etapa)
