"""Lectura y presentación de valores en formato colombiano (solo en los bordes).

Dentro del motor el dinero es `Decimal` y las fechas son `date`; aquí se convierten
los textos que escribe una persona ("1.785.000,00") y se muestran de vuelta.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_MILES_CON_PUNTO = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_PLANO = re.compile(r"^-?\d+(\.\d+)?$")
_MAXIMO_DIGITOS = 22  # un contrato público no llega a 10^20 pesos; más es un error de digitación


class ValorNoValido(ValueError):
    """El texto no es un valor en pesos que se pueda leer."""


def leer_dinero(valor: object) -> Decimal:
    """Convierte a `Decimal` un valor en pesos escrito a la colombiana o en JSON.

    Acepta `1785000`, `1785000.00`, `"1.785.000,00"`, `"1.785.000"`, `"$ 1.785.000"`.
    Rechaza textos ambiguos o que no son números, con un mensaje en español.
    """
    if isinstance(valor, bool):
        raise ValorNoValido("Escriba un valor en pesos, no verdadero/falso.")
    if isinstance(valor, Decimal):
        numero = valor
    elif isinstance(valor, int):
        numero = Decimal(valor)
    elif isinstance(valor, float):
        # repr() del float da el texto más corto que lo representa: 0.1 -> "0.1", no 0.1000000000000000055…
        numero = Decimal(repr(valor)) if valor == valor and abs(valor) != float("inf") else Decimal("NaN")
    elif isinstance(valor, str):
        numero = _decimal_de_texto(_normalizar(valor))
    else:
        raise ValorNoValido("Escriba un valor en pesos, por ejemplo 1.785.000,00.")
    if not numero.is_finite():
        raise ValorNoValido("Escriba un valor en pesos finito.")
    if numero.adjusted() >= _MAXIMO_DIGITOS or len(numero.as_tuple().digits) > 2 * _MAXIMO_DIGITOS:
        raise ValorNoValido("El valor tiene demasiados dígitos para ser un valor en pesos.")
    return numero


def leer_porcentaje(valor: object) -> object:
    """Un porcentaje escrito con coma decimal («12,5», «1,044») como `Decimal`; lo demás, tal cual, para que lo lea el
    modelo: con punto es decimal («1.044» es 1,044 %: un porcentaje no lleva puntos de miles)."""
    if isinstance(valor, str) and "," in valor:
        return leer_dinero(valor.replace(".", "").replace("%", ""))
    if isinstance(valor, str):
        return valor.replace("%", "").strip()
    return valor


def texto_exacto(valor: Decimal) -> str:
    """Un `Decimal` como texto que `leer_dinero` vuelve a leer igual. `str()` no basta: «850.000» (tres decimales,
    como los escribe una factura electrónica) se leería como ochocientos cincuenta mil; con un cero más no se
    confunde con los puntos de miles y vale lo mismo."""
    texto = format(valor, "f")
    return texto + "0" if _MILES_CON_PUNTO.match(texto) else texto


def _normalizar(texto: str) -> str:
    limpio = texto.strip().replace("$", "").replace("\u00a0", "").replace(" ", "")
    if "," in limpio:
        # Formato colombiano: punto para miles, coma para decimales.
        entero, _, decimales = limpio.rpartition(",")
        if "," in entero or not decimales.isdigit():
            raise ValorNoValido(f"No se entiende el valor «{texto.strip()[:40]}»: use 1.785.000,00.")
        if "." in entero and not _MILES_CON_PUNTO.match(entero):
            raise ValorNoValido(f"Los puntos de miles de «{texto.strip()[:40]}» no están bien puestos.")
        return entero.replace(".", "") + "." + decimales
    if _MILES_CON_PUNTO.match(limpio):
        return limpio.replace(".", "")
    return limpio


def _decimal_de_texto(texto: str) -> Decimal:
    if not _PLANO.match(texto):
        raise ValorNoValido(f"No se entiende el valor «{texto[:40]}»: use 1.785.000,00.")
    try:
        return Decimal(texto)
    except InvalidOperation as exc:  # pragma: no cover - la expresión regular ya lo impide
        raise ValorNoValido(f"No se entiende el valor «{texto[:40]}».") from exc


def es_masculino(nombre: str) -> bool:
    """El nombre del documento pide «el»: «documento soporte» es el único masculino (factura, cuenta de cobro y las
    notas son femeninos)."""
    return nombre.startswith("documento")


def cantidad(numero: int | Decimal, singular: str, plural: str) -> str:
    """El número con el sustantivo que concuerda: `1 error`, `2 errores`, `0 advertencias`, `20 unidades` (un
    `Decimal` se muestra con `cifra`)."""
    texto = cifra(numero) if isinstance(numero, Decimal) else str(numero)
    return f"{texto} {singular if numero == 1 else plural}"


def cifra(valor: Decimal) -> str:
    """Una cantidad sin los ceros que el XML agrega, con coma decimal: `20.000000` → `20`, `2.50` → `2,5`."""
    return format(valor.normalize(), "f").replace(".", ",")


def porcentaje(valor: Decimal) -> str:
    """Un porcentaje con coma decimal y los decimales con que se definió: `12,5`, `6,960`, `40`."""
    return str(valor).replace(".", ",")


def pesos(valor: Decimal) -> str:
    """Muestra un valor como lo lee una persona en Colombia: `$ 1.785.000,00`."""
    redondeado = valor.quantize(Decimal("0.01"))
    signo = "-" if redondeado < 0 else ""
    entero, _, decimales = f"{abs(redondeado):.2f}".partition(".")
    grupos = []
    while entero:
        grupos.insert(0, entero[-3:])
        entero = entero[:-3]
    return f"{signo}$ {'.'.join(grupos)},{decimales}"


def dinero(valor: Decimal, moneda: str = "COP") -> str:
    """Un valor con su moneda: `$ 1.785.000,00` si es en pesos, `USD 1.234,50` si es en otra moneda."""
    if moneda == "COP":
        return pesos(valor)
    return moneda + " " + pesos(valor).replace("$ ", "", 1)
