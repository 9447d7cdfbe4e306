"""Errores que una persona puede encontrar, con mensajes en español que dicen qué corregir."""

from __future__ import annotations

from pydantic import ValidationError

from .formatos import cantidad
from .informe import FALTA_ESTE_DATO, ErrorDeEntrada


class EntradaNoLegible(Exception):
    """La entrada no se pudo leer (JSON o XML mal formado, hostil, demasiado grande…)."""


class EntradaNoValida(Exception):
    """La entrada se leyó, pero le faltan datos o tiene datos de tipo equivocado."""

    def __init__(self, errores: list[ErrorDeEntrada], de: str = "La solicitud", con_campo: bool = True, pista: str = ""):
        # `de`: lo que la persona entregó. Un XML no es «la solicitud»: quien soltó su factura lee «El XML de la
        # factura tiene…» y corrige en su programa de facturación. Sin `con_campo`, el mensaje de cada error ya dice
        # dónde (el elemento del XML) y el nombre del campo de la solicitud no le sirve a quien lo lee.
        self.errores = errores
        detalle = "; ".join(f"{e.campo}: {e.mensaje.rstrip('.')}" if con_campo else e.mensaje.rstrip(".")
                            for e in errores[:5])
        mas = f" (y {len(errores) - 5} más)" if len(errores) > 5 else ""
        # `pista`: cómo dar esos datos, si quien llama lo sabe (la CLI con datos abiertos).
        super().__init__(f"{de} tiene {cantidad(len(errores), 'dato', 'datos')} por corregir: {detalle}{mas}."
                         + (f" {pista}" if pista else ""))


CAMPO_RAIZ = "(raíz)"  # el campo de un error del objeto entero (p. ej. no es un objeto)
NO_SE_RECONOCE = "Este dato no se reconoce: revise el nombre del campo."
_MENSAJES = {
    "missing": FALTA_ESTE_DATO,
    "extra_forbidden": NO_SE_RECONOCE,
    "date_from_datetime_parsing": "Escriba una fecha como AAAA-MM-DD.",
    "date_parsing": "Escriba una fecha como AAAA-MM-DD.",
    "date_type": "Escriba una fecha como AAAA-MM-DD.",
    "date_from_datetime_inexact": "Escriba solo la fecha, AAAA-MM-DD.",
    "string_type": "Escriba un texto.",
    "string_too_short": "Este dato no puede quedar vacío.",
    "string_too_long": "El texto es demasiado largo.",
    "string_pattern_mismatch": "El formato no es válido.",
    "int_parsing": "Escriba un número entero.",
    "int_type": "Escriba un número entero.",
    "int_from_float": "Escriba un número entero.",
    "decimal_parsing": "Escriba un número.",
    "decimal_type": "Escriba un número.",
    "less_than_equal": "El valor es demasiado grande.",
    "greater_than_equal": "El valor es demasiado pequeño.",
    "literal_error": "Elija uno de los valores permitidos.",
    "bool_type": "Escriba verdadero o falso.",
    "bool_parsing": "Escriba verdadero o falso.",
    "list_type": "Se esperaba una lista.",
    "too_long": "La lista tiene demasiados elementos.",
    "model_type": "Se esperaba un objeto con campos.",
    "model_attributes_type": "Se esperaba un objeto con campos.",
    "dict_type": "Se esperaba un objeto con campos.",
}


def traducir(error: ValidationError) -> list[ErrorDeEntrada]:
    """Los errores de pydantic como (campo, mensaje en español)."""
    resultado = []
    for e in error.errors(include_url=False):
        campo = ".".join(str(p) for p in e["loc"]) or CAMPO_RAIZ
        if e["type"] == "literal_error" and e.get("ctx", {}).get("expected"):
            # «Elija uno de los valores permitidos: '1' o '2'.»
            mensaje = f"Elija uno de los valores permitidos: {str(e['ctx']['expected']).replace(' or ', ' o ')}."
        elif e["type"] == "value_error":
            # Los validadores propios ya escriben en español (p. ej. formatos.ValorNoValido).
            mensaje = str(e.get("ctx", {}).get("error", "")) or "Valor no válido."
        else:
            mensaje = _MENSAJES.get(e["type"], "Valor no válido.")
        resultado.append(ErrorDeEntrada(campo=campo, mensaje=mensaje))
    return resultado


class EtapaNoValida(EntradaNoLegible):
    """Se pidió una etapa que no existe (las etapas son «proveedor» y «entidad»)."""

    def __init__(self, etapa: object):
        super().__init__(f"La etapa «{str(etapa)[:40]}» no existe: use «proveedor» (antes de enviar la solicitud) "
                         "o «entidad» (antes de aprobarla).")
