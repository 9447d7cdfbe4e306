"""Casos de ejemplo que se publican con el paquete: los casos base y los de cada regla.

Los ejemplos de una regla son cambios («ruta.con.puntos»: valor) sobre un caso base, para que
el catálogo muestre solo lo que cambia y las pruebas ejecuten el caso completo.
"""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any, Literal, Optional

from .reglas.base import Regla


def nombres() -> list[str]:
    return sorted(p.name[:-5] for p in resources.files(__package__).joinpath("ejemplos").iterdir()
                  if p.name.endswith(".json"))


def cargar(nombre: str) -> dict[str, Any]:
    """El caso de ejemplo `nombre` (sin .json): una solicitud, con su `perfil` si lo trae.

    Un archivo de ejemplo puede ser `{"base": "<otro ejemplo>", "cambios": {...}}`: se devuelve la
    base con esos cambios, para no copiar un caso entero por dos o tres datos distintos.
    """
    if nombre not in nombres():
        raise KeyError(f"no hay un ejemplo llamado {nombre!r}")
    texto = resources.files(__package__).joinpath("ejemplos", f"{nombre}.json").read_text(encoding="utf-8")
    return con_su_base(json.loads(texto))


def con_su_base(datos: dict[str, Any]) -> dict[str, Any]:
    """Un caso escrito como `{"base": "<ejemplo>", "cambios": {...}}`: la base con esos cambios; otro, tal cual.
    Lanza KeyError si la base no es un ejemplo."""
    if set(datos) == {"base", "cambios"} and isinstance(datos["base"], str) and isinstance(datos["cambios"], dict):
        return aplicar(cargar(datos["base"]), datos["cambios"])
    return datos


def aplicar(base: dict[str, Any], cambios: dict[str, Any]) -> dict[str, Any]:
    """Copia de `base` con cada «ruta.con.puntos» puesta al valor dado (índices de lista en la ruta)."""
    resultado = copy.deepcopy(base)
    for ruta, valor in cambios.items():
        *camino, ultima = ruta.split(".")
        nodo: Any = resultado
        for parte in camino:
            nodo = nodo[int(parte)] if isinstance(nodo, list) else nodo.setdefault(parte, {})
        if isinstance(nodo, list):
            nodo[int(ultima)] = valor
        else:
            nodo[ultima] = valor
    return resultado


def separar(caso: dict[str, Any]) -> tuple[dict[str, Any], Optional[dict[str, Any]]]:
    """Un caso trae la solicitud y, opcionalmente, el perfil de la entidad bajo la clave `perfil`."""
    solicitud = dict(caso)
    return solicitud, solicitud.pop("perfil", None)


def de_regla(regla: Regla, cual: Literal["falla", "pasa"]) -> dict[str, Any]:
    cambios = regla.ejemplo_falla if cual == "falla" else regla.ejemplo_pasa
    return aplicar(cargar(regla.base), cambios)
