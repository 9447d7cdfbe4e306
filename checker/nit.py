"""Dígito de verificación (DV) del NIT, como lo calcula la DIAN."""

from __future__ import annotations

# Pesos de la DIAN, aplicados desde el dígito de la derecha (HECHOS §3).
_PESOS = (3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71)


def digito_verificacion(numero: str) -> int:
    """Devuelve el DV del NIT `numero` (solo dígitos, hasta 15)."""
    if not numero.isdigit() or not 0 < len(numero) <= len(_PESOS):
        raise ValueError("El NIT debe tener entre 1 y 15 dígitos.")
    suma = sum(int(d) * p for d, p in zip(reversed(numero), _PESOS))
    resto = suma % 11
    return resto if resto in (0, 1) else 11 - resto


def solo_digitos(texto: str) -> str:
    """Quita puntos, espacios y guiones de un número de identificación: `800.197.268` -> `800197268`."""
    return "".join(c for c in texto if c.isdigit())
