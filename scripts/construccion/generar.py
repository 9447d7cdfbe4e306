"""Escribe, antes de cada build, lo que el sitio toma de `checker/` y del glosario.

- docs/reglas.md: la página de reglas, desde el catálogo (nada copiado a mano);
- includes/abreviaturas.md: las abreviaturas del glosario (tooltips en todo el sitio);
- docs/assets/generado/: JSON Schema, catálogo y casos de ejemplo que usa el validador.

Escribe Markdown y JSON simples, sin API de plugins de MkDocs, para que el sitio pueda
cambiar de generador (p. ej. Zensical) sin reescribir esto.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from checker import ejemplos, parametros
from checker.api import esquemas, limites
from checker.formatos import pesos, porcentaje
from checker.informe import NOMBRE_SEVERIDAD
from checker.reglas import CATALOGO, como_datos

from .formulario import Formulario

RAIZ = Path(__file__).resolve().parents[2]

GLOSARIO = RAIZ / "docs" / "guias" / "glosario.md"
TERMINO = re.compile(r"^### (?P<termino>[^{\n]+?) \{ #(?P<ancla>[a-z0-9-]+) \}\n\n\*\*(?P<corta>[^*\n]+)\*\*", re.M)
ICONO = {"error": ":material-close-octagon:", "advertencia": ":material-alert:", "informacion": ":material-information:"}


def _json(datos: object) -> str:
    return json.dumps(datos, ensure_ascii=False, indent=2)


def pagina_de_reglas() -> str:
    partes = [
        "---\ntitle: Reglas de validación\n---\n",
        "<!-- Generado por scripts/construccion/generar.py desde checker/reglas/: no editar a mano. -->\n",
        "# Reglas de validación\n",
        "Estas son las reglas que revisa el [validador](validador/index.md) antes de que el proveedor envíe "
        "su solicitud de pago en SECOP II. Cada regla tiene un identificador estable (por ejemplo `NIT-001`) "
        "y un enlace propio: `/reglas/#nit-001`.\n",
        "- **Error**: la entidad rechazaría la solicitud; corríjalo antes de enviarla.\n"
        "- **Advertencia**: revise el dato; la regla se apoya en una fuente por confirmar o en un criterio de la entidad.\n"
        "- **Información**: un dato útil que no impide aprobar.\n",
        "Los ejemplos son cambios sobre un caso base completo ([típica](assets/generado/ejemplos/tipica.json), "
        "[persona natural](assets/generado/ejemplos/persona-natural.json)); las pruebas del proyecto ejecutan "
        "cada uno.\n",
        "| Regla | Severidad | Qué revisa |\n|---|---|---|\n" + "".join(
            f"| [{r.id}](#{r.id.lower()}) | {NOMBRE_SEVERIDAD[r.severidad]} | {r.titulo} |\n"
            for r in sorted(CATALOGO.values(), key=lambda r: r.id)),
    ]
    for r in sorted(CATALOGO.values(), key=lambda r: r.id):
        partes.append(_seccion(r))
    partes.append(_parametros())
    return "\n".join(partes)


def _seccion(r) -> str:
    estado = "\n!!! warning \"Regla retirada\"\n    Esta regla ya no se aplica; se conserva para no romper enlaces.\n" if r.retirada else ""
    paso = f"[ver el paso]({r.paso.replace('/#', '.md#')})" if r.paso else "—"
    return (
        f"## {r.id} · {r.titulo} {{ #{r.id.lower()} data-regla=\"{r.id}\" }}\n{estado}\n"
        f"{ICONO[r.severidad]} **Severidad:** {NOMBRE_SEVERIDAD[r.severidad]} · **Paso relacionado:** {paso}\n\n"
        f"**Mensaje:** {_sin_plantilla(r.mensaje)}\n\n"
        f"**Por qué:** {r.razon}\n\n"
        f"**Fuente:** {r.fuente}\n\n"
        f"??? example \"Ejemplos (caso base: {r.base})\"\n"
        f"    Falla con estos cambios sobre el caso base:\n\n"
        f"    ```json\n" + _sangrar(_json(r.ejemplo_falla)) + "\n    ```\n\n"
        f"    Pasa con {'estos cambios' if r.ejemplo_pasa else 'el caso base sin cambios'}"
        + (":\n\n    ```json\n" + _sangrar(_json(r.ejemplo_pasa)) + "\n    ```\n" if r.ejemplo_pasa else ".\n")
    )


def _sin_plantilla(mensaje: str) -> str:
    # Los huecos de la plantilla se muestran como «…» en cursiva, para leer el mensaje tal cual.
    return re.sub(r"\{(\w+)\}", lambda m: f"*‹{m.group(1)}›*", mensaje)


def _sangrar(texto: str) -> str:
    return "\n".join("    " + linea for linea in texto.splitlines())


def _parametros() -> str:
    p = parametros
    smmlv = "".join(f"| {s.anio} | {pesos(s.valor)} | {s.fuente} | {'confirmado' if s.confirmado else '**por confirmar**'} |\n"
                    for s in p.SMMLV)
    arl = ", ".join(f"clase {c}: {porcentaje(t)} %" for c, t in p.TARIFA_ARL.items())
    return ("## Parámetros { #parametros }\n\n"
            "Los valores que usan las reglas de seguridad social, tal como están en `checker/parametros.py`. "
            "Un valor «por confirmar» se tomó de fuentes secundarias y falta leerlo en la norma.\n\n"
            "| Año | SMMLV | Norma | Estado |\n|---|---|---|---|\n" + smmlv + "\n"
            "| Parámetro | Valor | Norma | Estado |\n|---|---|---|---|\n"
            f"| IBC mínimo sobre el valor mensual del contrato | {porcentaje(p.IBC_PORCENTAJE_MINIMO)} % "
            "| Decreto 1273 de 2018 (Decreto 780 de 2016, art. 2.2.1.1.1.7) | **por confirmar** (fuentes secundarias) |\n"
            f"| Límites del IBC | {p.IBC_MINIMO_SMMLV} a {p.IBC_MAXIMO_SMMLV} SMMLV | Decreto 1273 de 2018 | **por confirmar** |\n"
            f"| Aporte a salud | {porcentaje(p.TARIFA_SALUD)} % del IBC | — | **por confirmar** |\n"
            f"| Aporte a pensión | {porcentaje(p.TARIFA_PENSION)} % del IBC | — | **por confirmar** |\n"
            f"| Riesgos laborales (ARL) | {arl} | — | **por confirmar** |\n")


def abreviaturas() -> str:
    texto = GLOSARIO.read_text(encoding="utf-8")
    lineas = [f"*[{m['termino'].strip()}]: {m['corta'].strip().rstrip('.')}" for m in TERMINO.finditer(texto)]
    if not lineas:
        raise SystemExit(f"{GLOSARIO}: no se encontraron términos con la forma «### TÉRMINO {{ #ancla }}».")
    return "<!-- Generado por scripts/construccion/generar.py desde docs/guias/glosario.md. -->\n" + "\n".join(lineas) + "\n"


def validador() -> str:
    """El bloque del validador: zona de archivos, estado del motor, formulario e informe."""
    ejemplos_html = "".join(f'<li><a href="#ejemplo={n}">{n.replace("-", " ")}</a></li>' for n in ejemplos.nombres())
    formulario = Formulario(esquemas()["solicitud"]).html()
    return f"""<!-- Generado por scripts/construccion/generar.py desde el JSON Schema de checker/: no editar a mano. -->
<div class="validador" data-validador data-estado="cargando" data-tamano-maximo="{limites()['tamano_maximo']}">
<script>
  // Arranca el motor mientras se lee la página, sin esperar al resto; validador.js lo adopta.
  // Solo en la carga de la página: la navegación instantánea de Material vuelve a correr este
  // script, y ahí validador.js usa el worker que ya tiene (o lo crea).
  (function () {{
    if (document.readyState !== "loading") return;
    try {{
      var cola = [];
      var w = new Worker(new URL("trabajador.js", location.href), {{ type: "module", name: "validador" }});
      w.onmessage = function (e) {{ cola.push(e.data); }};
      // Si el script del worker no llega (red caída, servidor), la página lo dice en vez de esperar.
      w.onerror = function () {{ cola.push({{ tipo: "fallo", mensaje: "no se pudo cargar el worker" }}); }};
      window.__motorValidador = {{ worker: w, cola: cola }};
    }} catch (e) {{}}
    // Mientras el tema inicia la página se pinta solo el primer grupo del formulario; los demás
    // (fuera de la pantalla) se muestran en cuanto el tema terminó (tras DOMContentLoaded), así su
    // primer estilo y diseño van en una tarea propia y no alargan la del tema. Sin JavaScript, o si
    // la página llegó por la navegación instantánea, se ve todo desde el principio.
    var raiz = document.currentScript.parentNode;
    raiz.setAttribute("data-preparando", "");
    document.addEventListener("DOMContentLoaded", function () {{
      setTimeout(function () {{ raiz.removeAttribute("data-preparando"); }});
    }});
  }})();
</script>
<noscript><p class="v-aviso">El validador del navegador necesita JavaScript. También puede usar la
<a href="#linea-de-ordenes">línea de órdenes</a>.</p></noscript>
<div class="v-motor" role="status" aria-live="polite">
<progress data-progreso-barra max="100" value="0"></progress>
<span data-progreso>Preparando el validador… 0 %</span>
</div>
<div class="v-archivos">
<p><label for="v-xml"><strong>Factura electrónica (XML de la DIAN)</strong>: llena los datos de la factura.</label><br>
<input id="v-xml" type="file" accept=".xml,application/xml,text/xml" data-archivo-xml></p>
<p><label for="v-json"><strong>Solicitud guardada (JSON)</strong>: retoma una solicitud anterior.</label><br>
<input id="v-json" type="file" accept=".json,application/json" data-archivo-json></p>
<p class="v-soltar" data-soltar>También puede soltar aquí un archivo .xml o .json.</p>
<p data-mensaje class="v-mensaje" role="alert" hidden></p>
</div>
<details class="v-ejemplos"><summary>Casos de ejemplo</summary><ul>{ejemplos_html}</ul></details>
<form class="v-formulario" data-formulario novalidate>
{formulario}
<div class="v-acciones">
<button type="submit" class="md-button md-button--primary" data-validar>Validar la solicitud</button>
<button type="button" class="md-button" data-guardar>Guardar la solicitud (JSON)</button>
<button type="button" class="md-button" data-limpiar>Vaciar el formulario</button>
</div>
</form>
<section class="v-informe" data-informe hidden aria-live="polite" tabindex="-1"></section>
</div>
"""


def escribir(ruta: Path, contenido: str) -> None:
    ruta.parent.mkdir(parents=True, exist_ok=True)
    if not ruta.exists() or ruta.read_text(encoding="utf-8") != contenido:
        ruta.write_text(contenido, encoding="utf-8")


def main() -> None:
    escribir(RAIZ / "docs" / "reglas.md", pagina_de_reglas())
    escribir(RAIZ / "includes" / "abreviaturas.md", abreviaturas())
    escribir(RAIZ / "includes" / "validador.html", validador())
    generado = RAIZ / "docs" / "assets" / "generado"
    for nombre, esquema in esquemas().items():
        escribir(generado / f"{nombre}.schema.json", _json(esquema) + "\n")
    escribir(generado / "catalogo.json", _json(como_datos()) + "\n")
    for nombre in ejemplos.nombres():
        escribir(generado / "ejemplos" / f"{nombre}.json", _json(ejemplos.cargar(nombre)) + "\n")


if __name__ == "__main__":
    main()
