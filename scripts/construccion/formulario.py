"""El formulario del validador, generado del JSON Schema de la solicitud al construir el sitio.

Se genera en HTML estático (no en el navegador) para que se pueda usar de inmediato, antes de
que cargue el motor. Cada campo lleva `name` = la ruta del dato en la solicitud
(`factura.proveedor.dv`), la misma que devuelve el informe en `campo`; así un hallazgo lleva al campo.
"""

from __future__ import annotations

from html import escape
from typing import Any

from checker.modelos import NOMBRES_DOCUMENTO

# Etiquetas legibles de los valores cerrados (la presentación; el valor enviado es el del esquema).
ETIQUETAS = {
    "factura_electronica": "Factura electrónica de venta", "cuenta_de_cobro": "Cuenta de cobro",
    "documento_soporte": "Documento soporte", "nota_credito": "Nota crédito", "nota_debito": "Nota débito",
    "juridica": "Jurídica", "natural": "Natural", "pendiente": "Pendiente", "confirmada": "Confirmada",
    "1": "1 · producción", "2": "2 · pruebas", "01": "01 · IVA", "03": "03 · ICA", "04": "04 · INC",
    **NOMBRES_DOCUMENTO,
}
# Nombre de cada fila de una lista, para el botón «Agregar …» y la leyenda de la fila.
FILAS = {"plan_de_pagos": "pago", "entregas": "entrega", "lineas": "línea", "impuestos": "impuesto"}
# Los tres grupos del formulario, en el orden en que el proveedor los conoce: su factura, el contrato, el pago.
GRUPOS_RAIZ = (
    ("factura", "La factura", "Se llena sola al cargar el XML de su factura electrónica."),
    ("contrato", "El contrato", "Se llena con los archivos de datos abiertos de SECOP II (vea «El contrato, desde "
                 "los datos abiertos»), o a mano."),
    ("pago", "El pago", "El pago del plan al que va la factura y lo que pide SECOP II al enviarla."),
)
GLOSARIO = {"nit": "NIT", "dv": "DV", "rp": "RP", "cufe": "CUFE", "ibc": "IBC", "pila": "PILA"}


class Formulario:
    def __init__(self, esquema: dict[str, Any], prefijo_enlaces: str = "../"):
        self.defs = esquema.get("$defs", {})
        self.raiz = esquema
        self.prefijo = prefijo_enlaces

    # -- esquema -----------------------------------------------------------------------------
    def _resolver(self, s: dict[str, Any]) -> dict[str, Any]:
        if "$ref" in s:
            return {**self.defs[s["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in s.items() if k != "$ref"}}
        return s

    def _sin_nulo(self, s: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """El esquema sin la rama `null` de un Optional, y si era opcional."""
        ramas = s.get("anyOf")
        if ramas and any(r.get("type") == "null" for r in ramas):
            resto = [r for r in ramas if r.get("type") != "null"]
            base = {k: v for k, v in s.items() if k != "anyOf"}
            interno = resto[0] if len(resto) == 1 else {"anyOf": resto}
            return {**self._resolver(interno), **base}, True
        return self._resolver(s), False

    @staticmethod
    def _tipo(s: dict[str, Any]) -> str:
        if "enum" in s:
            return "opcion"
        if s.get("type") == "boolean":
            return "booleano"
        if s.get("type") == "integer":
            return "entero"
        if s.get("format") == "date":
            return "fecha"
        if s.get("type") == "string" and "examples" in s and str(s.get("pattern", "")).startswith("^\\$"):
            return "dinero"
        if "anyOf" in s and {r.get("type") for r in s["anyOf"]} >= {"number", "string"}:
            return "decimal"
        if s.get("type") == "array":
            return "lista"
        if s.get("type") == "object" or "properties" in s:
            return "objeto"
        return "texto"

    # -- HTML --------------------------------------------------------------------------------
    def html(self) -> str:
        """Un grupo por lo que sabe el proveedor (la factura, el contrato, el pago): primero lo obligatorio,
        lo demás plegado en «Más datos…», que se abre solo cuando un hallazgo lleva a uno de sus campos."""
        requeridos = set(self.raiz.get("required", []))
        partes = []
        for nombre, leyenda, ayuda in GRUPOS_RAIZ:
            s = self._resolver(self.raiz["properties"][nombre])
            entradilla = f'<p class="v-entradilla">{escape(ayuda)}</p>'
            partes.append(self._objeto(nombre, s, nombre, nombre in requeridos, nivel=2, leyenda=escape(leyenda),
                                       plegar=True, entradilla=entradilla))
        return "\n".join(partes)

    def _es_lista_de_objetos(self, s: dict[str, Any]) -> bool:
        interno, _ = self._sin_nulo(s)
        return self._tipo(interno) == "lista" and self._tipo(self._resolver(interno.get("items", {}))) == "objeto"

    def _ayuda(self, s: dict[str, Any], ruta: str) -> str:
        trozos = [escape(s["description"])] if s.get("description") else []
        # En otra pestaña, como los enlaces del informe: seguir uno no borra lo cargado en el formulario.
        aparte = 'target="_blank" rel="noopener" data-aparte'
        oculto = '<span class="v-oculto"> (se abre en otra pestaña)</span>'
        if s.get("x-glosario"):
            termino = GLOSARIO.get(s["x-glosario"].rsplit("#", 1)[-1], "glosario")
            trozos.append(f'<a href="{self.prefijo}{s["x-glosario"]}" {aparte}>{termino} en el glosario{oculto}</a>')
        if s.get("x-paso"):
            trozos.append(f'<a href="{self.prefijo}{s["x-paso"]}" {aparte}>dónde se ve en SECOP II{oculto}</a>')
        if not trozos:
            return ""
        return f'<p class="v-ayuda" id="a-{ruta}">{" · ".join(trozos)}</p>'

    def _objeto(self, nombre: str, s: dict[str, Any], ruta: str, requerido: bool, nivel: int,
                leyenda: str | None = None, pie: str = "", plegar: bool = False, entradilla: str = "") -> str:
        requeridos = set(s.get("required", []))
        propiedades = s.get("properties", {}).items()
        if plegar:
            # Lo obligatorio y lo que el modelo pide mostrar primero (x-primero, p. ej. el ID de pago).
            primero = [(h, sub) for h, sub in propiedades if h in requeridos or self._sin_nulo(sub)[0].get("x-primero")]
            resto = [(h, sub) for h, sub in propiedades if (h, sub) not in primero]
        else:
            # Dentro de un grupo, las listas opcionales (p. ej. cómo identifica el XML a una parte) se pliegan.
            primero = [(h, sub) for h, sub in propiedades if h in requeridos or not self._es_lista_de_objetos(sub)]
            resto = [(h, sub) for h, sub in propiedades if h not in requeridos and self._es_lista_de_objetos(sub)]
        hijos = entradilla + "".join(self._campo(hijo, sub, f"{ruta}.{hijo}", hijo in requeridos, nivel + 1)
                                     for hijo, sub in primero)
        if resto:
            if plegar:
                que = f"Más datos de {(leyenda or nombre).lower()}".replace(" de el ", " del ")
            else:
                que = ", ".join(escape(self._sin_nulo(sub)[0].get("title", hijo)) for hijo, sub in resto)
            hijos += (f'<details class="v-mas" data-mas="{ruta}"><summary>{que} '
                      '<span class="v-opcional">(si aplica)</span></summary>'
                      + "".join(self._campo(hijo, sub, f"{ruta}.{hijo}", False, nivel + 1) for hijo, sub in resto)
                      + "</details>")
        if leyenda is None:
            opcional = "" if requerido else ' <span class="v-opcional">(si aplica)</span>'
            leyenda = escape(s.get("title", nombre)) + opcional
        return (f'<fieldset class="v-grupo v-nivel-{min(nivel, 4)}" data-ruta="{ruta}">'
                f"<legend>{leyenda}</legend>{self._ayuda(s, ruta)}{hijos}{pie}</fieldset>")

    def _campo(self, nombre: str, s_original: dict[str, Any], ruta: str, requerido: bool, nivel: int) -> str:
        if s_original.get("x-solo-xml"):
            return ""  # lo llena el lector del XML (bloques de las partes, respuesta de la DIAN…), no una persona
        s, _opcional = self._sin_nulo(s_original)
        tipo = self._tipo(s)
        if tipo == "objeto":
            return self._objeto(nombre, s, ruta, requerido, nivel)
        if tipo == "lista":
            items = self._resolver(s.get("items", {}))
            if self._tipo(items) == "objeto":
                return self._lista(nombre, s, items, ruta, nivel)
            tipo = "lista-texto"
        return self._entrada(nombre, s, ruta, requerido, tipo)

    def _entrada(self, nombre: str, s: dict[str, Any], ruta: str, requerido: bool, tipo: str) -> str:
        etiqueta = escape(s.get("title", nombre))
        marca = ' <span class="v-req" aria-hidden="true">*</span><span class="v-oculto"> (obligatorio)</span>' if requerido else ""
        ayuda = self._ayuda(s, ruta)
        atributos = [f'id="f-{ruta}"', f'name="{ruta}"', f'data-tipo="{tipo}"']
        if requerido:
            atributos.append('aria-required="true"')
        if ayuda:
            atributos.append(f'aria-describedby="a-{ruta}"')
        atr = " ".join(atributos)
        if tipo == "booleano":
            marcado = " checked" if s.get("default") is True else ""
            return (f'<div class="v-campo v-casilla"><input type="checkbox" {atr}{marcado}>'
                    f'<label for="f-{ruta}">{etiqueta}</label>{ayuda}</div>')
        if tipo == "opcion":
            defecto = s.get("default")
            vacia = "" if defecto is not None else '<option value="">(sin dato)</option>'
            opciones = "".join(
                f'<option value="{escape(str(v))}"{" selected" if v == defecto else ""}>'
                f"{escape(ETIQUETAS.get(str(v), str(v)))}</option>" for v in s["enum"])
            control = f"<select {atr}>{vacia}{opciones}</select>"
        else:
            extra = {
                "fecha": 'type="date"',
                "entero": 'type="number" inputmode="numeric" step="1"',
                "dinero": 'type="text" inputmode="decimal" autocomplete="off" placeholder="1.785.000,00"',
                "decimal": 'type="text" inputmode="decimal" autocomplete="off"',
                "lista-texto": 'type="text" autocomplete="off" placeholder="separados por comas"',
            }.get(tipo, 'type="text" autocomplete="off"')
            control = f"<input {extra} {atr}>"
        return (f'<div class="v-campo"><label for="f-{ruta}">{etiqueta}{marca}</label>'
                f"{control}{ayuda}</div>")

    def _lista(self, nombre: str, s: dict[str, Any], items: dict[str, Any], ruta: str, nivel: int) -> str:
        fila = FILAS.get(nombre, "elemento")
        # La leyenda de cada fila dice «Pago 1», «Entrega 2»…: el número lo pone la página.
        plantilla = self._objeto(
            fila, items, f"{ruta}.__i__", True, nivel + 1,
            leyenda=f"{escape(fila.capitalize())} <span data-numero></span>",
            pie=f'<button type="button" class="md-button v-quitar" data-quitar>Quitar {fila}</button>')
        titulo = escape(s.get("title", nombre))
        return (f'<fieldset class="v-grupo v-lista" data-lista="{ruta}"><legend>{titulo}</legend>{self._ayuda(s, ruta)}'
                f'<div data-filas></div><template data-fila>{plantilla}</template>'
                f'<button type="button" class="md-button" data-agregar>Agregar {fila}</button></fieldset>')
