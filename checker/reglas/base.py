"""La forma de una regla del catálogo y el registro donde se inscriben."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable, Optional

from ..informe import Severidad
from ..modelos import Solicitud
from ..perfil import Perfil


@dataclass(frozen=True)
class Contexto:
    solicitud: Solicitud
    hoy: date
    perfil: Optional[Perfil] = None


@dataclass(frozen=True)
class Falla:
    """Lo que una regla encontró: el campo y los datos que completan su mensaje."""

    campo: Optional[str]
    datos: dict[str, Any] = field(default_factory=dict)


Revision = Callable[[Contexto], Iterable[Falla]]


@dataclass(frozen=True)
class Regla:
    id: str
    severidad: Severidad
    titulo: str
    mensaje: str  # plantilla con {nombres} que llena cada Falla
    razon: str
    fuente: str
    ejemplo_falla: dict[str, Any]  # cambios sobre el caso base que hacen fallar la regla
    ejemplo_pasa: dict[str, Any] = field(default_factory=dict)  # cambios que la hacen pasar ({} = caso base)
    base: str = "tipica"  # nombre del caso base en checker/ejemplos/
    paso: Optional[str] = None  # paso del procedimiento, ruta del sitio: "procedimientos/x/#paso-3"
    revisar: Optional[Revision] = None
    retirada: bool = False
    # Qué datos, además de la factura, necesita la regla: "contrato" (el contrato de SECOP II) y "pago"
    # (los datos de la solicitud: ID de pago, radicación, recepción…). Sin ellos la regla no corre
    # (modo «solo factura») y el informe dice qué dato la habilitaría.
    necesita: tuple[str, ...] = ()


CATALOGO: dict[str, Regla] = {}


def regla(**meta: Any) -> Callable[[Revision], Revision]:
    """Inscribe una función de revisión en el catálogo con sus metadatos."""

    def inscribir(funcion: Revision) -> Revision:
        nueva = Regla(revisar=funcion, **meta)
        if nueva.id in CATALOGO:
            raise ValueError(f"id de regla repetido: {nueva.id}")
        CATALOGO[nueva.id] = nueva
        return funcion

    return inscribir
