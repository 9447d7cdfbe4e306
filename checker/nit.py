"""Dígito de verificación (DV) del NIT, como lo calcula la DIAN."""

from __future__ import annotations

import re

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


def clave_documento(texto: str) -> str:
    """El número de un documento para compararlo con otro: sin puntos, espacios ni guiones y en mayúsculas.

    En un NIT o una cédula quedan sus dígitos (`800.197.268` -> `800197268`); en un pasaporte o un documento
    extranjero, también sus letras (`ab-123 456` -> `AB123456`): quitárselas lo confundiría con otro documento.
    """
    return "".join(c for c in texto if c.isalnum()).upper()


def mismo_documento(a: str, b: str) -> bool:
    """¿Es el mismo documento? Iguales (sin puntos, espacios ni guiones), o uno es el NIT del otro con su DV pegado
    al final (`9012345677` y `901234567`), como pueden publicarlo los datos abiertos (por confirmar)."""
    x, y = clave_documento(a), clave_documento(b)
    if x == y:
        return bool(x)
    if not (x.isdigit() and y.isdigit()):
        return False
    corto, largo = sorted((x, y), key=len)
    return (len(largo) == len(corto) + 1 and largo.startswith(corto) and 0 < len(corto) <= len(_PESOS)
            and int(largo[-1]) == digito_verificacion(corto))


def documento_en_cufe(texto: str) -> str:
    """El número del emisor o del adquiriente como entra en el CUFE: el de un NIT o una cédula, solo sus dígitos (en
    el formulario se admiten puntos); uno con letras (pasaporte, documento extranjero), tal como viene en el XML."""
    texto = texto.strip()
    return solo_digitos(texto) if re.fullmatch(r"[0-9.\s]+", texto) else texto
