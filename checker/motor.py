"""La función pública `validar`: solicitud (y perfil) adentro, informe afuera."""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping, Optional, Union

from pydantic import ValidationError

from .errores import EntradaNoValida, traducir
from .informe import ErrorDeEntrada, Informe
from .modelos import Solicitud
from .perfil import Perfil
from .reglas import CATALOGO, evaluar


def validar(solicitud: Union[Solicitud, Mapping[str, Any]], *,
            perfil: Union[Perfil, Mapping[str, Any], None] = None, hoy: Optional[date] = None) -> Informe:
    """Revisa la solicitud contra el catálogo. Lanza `EntradaNoValida` si faltan datos o no tienen la forma pedida."""
    try:
        modelo = solicitud if isinstance(solicitud, Solicitud) else Solicitud.model_validate(solicitud)
        perfil_modelo = perfil if perfil is None or isinstance(perfil, Perfil) else Perfil.model_validate(perfil)
    except ValidationError as exc:
        raise EntradaNoValida(traducir(exc)) from None
    _reglas_existen(perfil_modelo)
    return evaluar(modelo, perfil=perfil_modelo, hoy=hoy)


def _reglas_existen(perfil: Optional[Perfil]) -> None:
    """Un perfil que ajusta una regla que no existe es un error de la entidad, no algo que se ignora."""
    desconocidas = sorted(set(perfil.reglas) - set(CATALOGO)) if perfil else []
    if desconocidas:
        raise EntradaNoValida([ErrorDeEntrada(campo="reglas", mensaje="reglas desconocidas: " + ", ".join(desconocidas))])
