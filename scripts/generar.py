"""Escribe, antes de cada build, lo que el sitio toma de `checker/` y del glosario.

- docs/reglas.md: la página de reglas, desde el catálogo (nada copiado a mano);
- docs/fuentes.md: el catálogo de fuentes, dónde se usa cada una y lo que sigue por confirmar;
- includes/abreviaturas.md: las abreviaturas del glosario (tooltips en todo el sitio);
- docs/assets/generado/: JSON Schema, catálogo y casos de ejemplo que usa el validador.

Escribe Markdown y JSON simples, sin API de plugins de MkDocs, para que el sitio pueda
cambiar de generador (p. ej. Zensical) sin reescribir esto.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

from html import escape  # noqa: E402

from checker import datos_abiertos, ejemplos  # noqa: E402
from checker.api import esquemas, limites  # noqa: E402
from formulario import Formulario  # noqa: E402
from checker.informe import NOMBRE_SEVERIDAD  # noqa: E402
from checker import parametros  # noqa: E402
from checker.formatos import pesos, porcentaje  # noqa: E402
from checker.reglas import CATALOGO, como_datos  # noqa: E402

GLOSARIO = RAIZ / "docs" / "guias" / "glosario.md"
TERMINO = re.compile(r"^### (?P<termino>[^{\n]+?) \{ #(?P<ancla>[a-z0-9-]+) \}\n\n\*\*(?P<corta>[^*\n]+)\*\*", re.M)
ICONO = {"error": ":material-close-octagon:", "advertencia": ":material-alert:", "informacion": ":material-information:"}


def _json(datos: object) -> str:
    return json.dumps(datos, ensure_ascii=False, indent=2)


NOMBRE_CORRIGE = {"proveedor": "el proveedor", "entidad": "la entidad"}


def pagina_de_reglas() -> str:
    reglas = sorted(CATALOGO.values(), key=lambda r: r.id)
    partes = [
        "---\ntitle: Reglas de validación\n---\n",
        "<!-- Generado por scripts/generar.py desde checker/reglas/: no editar a mano. -->\n",
        "# Reglas de validación\n",
        "Estas son las reglas que revisa el [validador](validador/index.md). Cada regla tiene un identificador "
        "estable (por ejemplo `NIT-001`) y un enlace propio: `/reglas/#nit-001`.\n",
        "Cada regla tiene una severidad en cada **etapa**:\n\n"
        "- **Proveedor**: antes de enviar la solicitud en SECOP II (la que usa el validador por omisión).\n"
        "- **Entidad**: antes de aprobarla (`checker validar --etapa entidad`).\n\n"
        "Lo que solo la entidad puede corregir (el registro presupuestal, la entrega, la amortización del "
        "anticipo…) se le muestra al proveedor como información («La entidad revisará…»), nunca como error.\n",
        "- **Error**: la entidad rechazaría la solicitud o no podría aprobarla. Solo es error una regla con una "
        "fuente confirmada que lo diga.\n"
        "- **Advertencia**: revise el dato; la regla se apoya en una fuente *por confirmar* o en un criterio de "
        "la entidad.\n"
        "- **Información**: un dato útil que no impide aprobar.\n",
        "Las fuentes citadas están en la página de [fuentes](fuentes.md), que dice cuáles siguen por confirmar. "
        "Los ejemplos son cambios sobre un caso base completo ([típica](assets/generado/ejemplos/tipica.json), "
        "[persona natural](assets/generado/ejemplos/persona-natural.json)); las pruebas del proyecto ejecutan "
        "cada uno en las dos etapas.\n",
        "| Regla | Proveedor | Entidad | Corrige | Qué revisa |\n|---|---|---|---|---|\n" + "".join(
            f"| [{r.id}](#{r.id.lower()}) | {NOMBRE_SEVERIDAD[r.etapas['proveedor']]} "
            f"| {NOMBRE_SEVERIDAD[r.etapas['entidad']]} | {NOMBRE_CORRIGE[r.corrige]} | {r.titulo} |\n"
            for r in reglas),
    ]
    for r in reglas:
        partes.append(_seccion(r))
    partes.append(_parametros())
    return "\n".join(partes)


def _seccion(r) -> str:
    estado = "\n!!! warning \"Regla retirada\"\n    Esta regla ya no se aplica; se conserva para no romper enlaces.\n" if r.retirada else ""
    paso = f"[ver el paso]({r.paso.replace('/#', '.md#')})" if r.paso else "—"
    etapas = " · ".join(f"{nombre}: {ICONO[r.etapas[e]]} {NOMBRE_SEVERIDAD[r.etapas[e]]}"
                        for e, nombre in (("proveedor", "proveedor"), ("entidad", "entidad")))
    fuentes = "; ".join(f"[{c.texto()}](fuentes.md#{c.fuente})" for c in r.fuentes)
    al_proveedor = (f"**Lo que lee el proveedor:** {_sin_plantilla(r.mensaje_proveedor)}\n\n"
                    if r.mensaje_proveedor else "")
    return (
        f"## {r.id} · {r.titulo} {{ #{r.id.lower()} data-regla=\"{r.id}\" }}\n{estado}\n"
        f"**Severidad:** {etapas} · **Corrige:** {NOMBRE_CORRIGE[r.corrige]} · **Paso relacionado:** {paso}\n\n"
        f"**Mensaje:** {_sin_plantilla(r.mensaje)}\n\n"
        + al_proveedor +
        f"**Por qué:** {r.razon}\n\n"
        f"**Fuente:** {fuentes}\n\n"
        f"??? example \"Ejemplos (caso base: {r.base})\"\n"
        f"    Falla con estos cambios sobre el caso base ({_severidades(r)}):\n\n"
        f"    ```json\n" + _sangrar(_json(r.ejemplo_falla)) + "\n    ```\n\n"
        f"    Pasa con {'estos cambios' if r.ejemplo_pasa else 'el caso base sin cambios'}"
        + (":\n\n    ```json\n" + _sangrar(_json(r.ejemplo_pasa)) + "\n    ```\n" if r.ejemplo_pasa else ".\n")
    )


def _severidades(r) -> str:
    return ", ".join(f"{NOMBRE_SEVERIDAD[r.etapas[e]].lower()} para {NOMBRE_CORRIGE[e]}" for e in ("proveedor", "entidad"))


def _sin_plantilla(mensaje: str) -> str:
    # Los huecos de la plantilla se muestran como «…» en cursiva, para leer el mensaje tal cual.
    return re.sub(r"\{(\w+)\}", lambda m: f"*‹{m.group(1)}›*", mensaje)


def _sangrar(texto: str) -> str:
    return "\n".join("    " + linea for linea in texto.splitlines())


def _parametros() -> str:
    p = parametros
    smmlv = "".join(
        f"| {s.anio} | {pesos(s.valor)} | [{s.fuente}](fuentes.md#{s.fuente_id}) "
        f"| {'**transitorio**' if s.vigencia == 'transitorio' else 'definitivo'} "
        f"| {'confirmado' if s.confirmado else '**por confirmar**'} |\n" for s in p.SMMLV)
    arl = ", ".join(f"clase {c}: {porcentaje(t)} %" for c, t in p.TARIFA_ARL.items())
    return ("## Parámetros { #parametros }\n\n"
            "Los valores que usan las reglas de seguridad social, tal como están en `checker/parametros.py`. "
            "Un valor «por confirmar» se tomó de fuentes secundarias y falta leerlo en la norma. El SMMLV de 2026 "
            "es **transitorio**: el Decreto 1469 de 2025 fue suspendido por el Consejo de Estado y el Decreto 0159 "
            "de 2026 lo reexpidió con el mismo valor mientras llega el fallo definitivo.\n\n"
            "| Año | SMMLV | Norma | Vigencia | Estado |\n|---|---|---|---|---|\n" + smmlv + "\n"
            "| Parámetro | Valor | Norma | Estado |\n|---|---|---|---|\n"
            f"| IBC mínimo sobre el valor mensual del contrato, sin IVA (personas naturales con contrato de prestación "
            f"de servicios) | {porcentaje(p.IBC_PORCENTAJE_MINIMO)} % "
            "| [Decreto 1273 de 2018](fuentes.md#decreto-1273-2018) (Decreto 780 de 2016, art. 2.2.1.1.1.7) "
            "| **por confirmar** (fuentes secundarias) |\n"
            f"| Límites del IBC | {p.IBC_MINIMO_SMMLV} a {p.IBC_MAXIMO_SMMLV} SMMLV "
            "| [Decreto 1273 de 2018](fuentes.md#decreto-1273-2018) | **por confirmar** |\n"
            f"| Aporte a salud | {porcentaje(p.TARIFA_SALUD)} % del IBC | [Ley 100 de 1993](fuentes.md#ley-100-1993), "
            "art. 204 | **por confirmar** |\n"
            f"| Aporte a pensión | {porcentaje(p.TARIFA_PENSION)} % del IBC | [Ley 100 de 1993](fuentes.md#ley-100-1993), "
            "art. 20 | **por confirmar** |\n"
            f"| Fondo de Solidaridad Pensional | {porcentaje(p.TARIFA_FSP)} % adicional del IBC desde "
            f"{porcentaje(p.FSP_DESDE_SMMLV)} SMMLV (más por encima de 16 SMMLV) "
            "| [Ley 100 de 1993](fuentes.md#ley-100-1993), art. 27 | **por confirmar** |\n"
            f"| Riesgos laborales (ARL) | {arl}; solo en contratos de más de {p.ARL_MESES_MINIMOS} mes; clases I a "
            f"{_ROMANOS[p.CLASE_ARL_MAXIMA_DEL_CONTRATISTA]} las paga el contratista, las demás el contratante "
            "| [Decreto 1072 de 2015](fuentes.md#decreto-1072-2015), arts. 2.2.4.2.2.1 y 2.2.4.2.2.13 "
            "| **por confirmar** |\n")


_ROMANOS = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}


def pagina_de_fuentes() -> str:
    """Página mínima de fuentes, para que los enlaces de las reglas existan en este branch.

    La completa (usos en los pasos, lista de lo que sigue por confirmar) es la de i13p, que la reemplaza:
    una sección `## Título { #id }` por fuente, con emisor, fecha, dónde y estado.
    """
    from checker.fuentes import FUENTES, usos_en_reglas

    usos = usos_en_reglas()
    partes = ["---\ntitle: Fuentes\n---\n",
              "<!-- Generado por scripts/generar.py desde checker/fuentes.py: no editar a mano. -->\n",
              "# Fuentes { #fuentes }\n",
              "Una fuente **confirmada** se leyó en el documento original; una **por confirmar**, solo en fuentes "
              "secundarias.\n"]
    for f in FUENTES.values():
        estado = "confirmada" if f.confirmada else "**por confirmar**"
        reglas = ", ".join(f"[{r}](reglas.md#{r.lower()})" for r in sorted(usos.get(f.id, [])))
        partes.append(f"## {f.titulo} {{ #{f.id} }}\n\n"
                      f"**Emisor:** {f.emisor} · **Fecha:** {f.fecha or 'sin fecha'} · **Dónde:** {f.donde} · "
                      f"**Estado:** {estado}\n\n" + (f"{f.nota}\n\n" if f.nota else "")
                      + (f"**Reglas que la citan:** {reglas}\n" if reglas else ""))
    return "\n".join(partes)


def abreviaturas() -> str:
    texto = GLOSARIO.read_text(encoding="utf-8")
    lineas = [f"*[{m['termino'].strip()}]: {m['corta'].strip().rstrip('.')}" for m in TERMINO.finditer(texto)]
    if not lineas:
        raise SystemExit(f"{GLOSARIO}: no se encontraron términos con la forma «### TÉRMINO {{ #ancla }}».")
    return "<!-- Generado por scripts/generar.py desde docs/guias/glosario.md. -->\n" + "\n".join(lineas) + "\n"


# Ejemplos para formadores que son archivos, como los trae un proveedor: se cargan igual que al soltarlos
# en la página. Salen de los archivos de prueba (las pruebas los validan con el motor).
PRUEBAS = RAIZ / "tests" / "checker"
EJEMPLOS_DE_ARCHIVOS: dict[str, tuple[Path, ...]] = {
    "solo-factura": (PRUEBAS / "xml" / "factura.xml",),
    "datos-abiertos": (PRUEBAS / "xml" / "factura.xml", PRUEBAS / "datos_abiertos" / "contratos.json",
                       PRUEBAS / "datos_abiertos" / "plan_de_pagos.json"),
}


def nombres_de_ejemplos() -> list[str]:
    return sorted([*ejemplos.nombres(), *EJEMPLOS_DE_ARCHIVOS])


def validador() -> str:
    """El bloque del validador: la factura primero, el contrato desde los datos abiertos, formulario e informe."""
    ejemplos_html = "".join(f'<li><a href="#ejemplo={n}">{n.replace("-", " ")}</a></li>' for n in nombres_de_ejemplos())
    formulario = Formulario(esquemas()["solicitud"]).html()
    enlaces = "".join(
        f'<li><strong>{escape(c.titulo)}</strong>: '
        + " · ".join(f'<a data-enlace="{c.clave}-{f}" data-plantilla="{escape(datos_abiertos.plantilla_enlace(c, f))}" '
                     f'target="_blank" rel="noopener noreferrer">{f.upper()}</a>' for f in ("json", "csv"))
        + "</li>" for c in datos_abiertos.CONJUNTOS)
    return f"""<!-- Generado por scripts/generar.py desde el JSON Schema de checker/: no editar a mano. -->
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
    // Un archivo soltado antes de que cargue validador.js no abre otra página: espera aquí y validador.js lo toma.
    var soltados = window.__archivosValidador = [];
    raiz.addEventListener("dragover", function (e) {{ e.preventDefault(); }});
    raiz.addEventListener("drop", function (e) {{
      if (raiz.dataset.montado) return;
      e.preventDefault();
      soltados.push.apply(soltados, e.dataTransfer.files);
    }});
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
<div class="v-archivos v-soltar" data-soltar>
<p class="v-soltar-titulo"><label for="v-archivos"><strong>Suelte aquí el XML de su factura electrónica</strong>, o elíjalo:</label></p>
<input id="v-archivos" type="file" multiple accept=".xml,.json,.csv,application/xml,text/xml,application/json,text/csv" data-archivos aria-describedby="v-archivos-ayuda">
<p class="v-ayuda" id="v-archivos-ayuda">El informe de la factura aparece enseguida. También acepta, juntos o después, los
archivos del contrato (datos abiertos, JSON o CSV) y una solicitud guardada (JSON). Nada sale de su equipo.</p>
<details class="v-otras"><summary>Cargar un archivo de un tipo</summary>
<p><label for="v-xml">Factura electrónica (XML de la DIAN)</label><br>
<input id="v-xml" type="file" accept=".xml,application/xml,text/xml" data-archivo-xml></p>
<p><label for="v-json">Solicitud guardada (JSON)</label><br>
<input id="v-json" type="file" accept=".json,application/json" data-archivo-json></p>
</details>
</div>
<p data-mensaje class="v-mensaje" role="alert" hidden></p>
<section class="v-informe" data-informe hidden aria-live="polite" tabindex="-1"></section>
<section class="v-datos-abiertos" data-datos-abiertos aria-labelledby="v-datos-abiertos-titulo" tabindex="-1">
<h2 id="v-datos-abiertos-titulo">El contrato, desde los datos abiertos de SECOP II</h2>
<p>Con el contrato, el informe revisa también las partes, los valores, las fechas y el pago del plan. SECOP II publica
el contrato y su plan de pagos en <em>datos.gov.co</em>: escriba el número del contrato, abra los dos enlaces, guarde
cada archivo («Guardar como…») y suéltelos aquí. Esta página no consulta esos enlaces: los abre usted.</p>
<p class="v-campo"><label for="v-id-contrato">Número del contrato en SECOP II</label>
<input id="v-id-contrato" type="text" autocomplete="off" spellcheck="false" placeholder="CO1.PCCNTR.1234567"
 pattern="{datos_abiertos.PATRON_ID_CONTRATO}" data-id-contrato aria-describedby="v-id-contrato-ayuda">
<span class="v-ayuda" id="v-id-contrato-ayuda" data-id-contrato-ayuda aria-live="polite">Está en la URL y en la
sección 1 del contrato en SECOP II; empieza por CO1.PCCNTR.</span></p>
<ul class="v-enlaces-datos" data-enlaces hidden>{enlaces}</ul>
</section>
<details class="v-ejemplos"><summary>Casos de ejemplo</summary><ul>{ejemplos_html}</ul></details>
<form class="v-formulario" data-formulario novalidate aria-label="Datos de la solicitud">
{formulario}
<div class="v-acciones">
<button type="submit" class="md-button md-button--primary" data-validar>Validar la solicitud</button>
<button type="button" class="md-button" data-guardar>Guardar la solicitud (JSON)</button>
<button type="button" class="md-button" data-limpiar>Vaciar el formulario</button>
</div>
</form>
</div>
"""


def escribir(ruta: Path, contenido: str) -> None:
    ruta.parent.mkdir(parents=True, exist_ok=True)
    if not ruta.exists() or ruta.read_text(encoding="utf-8") != contenido:
        ruta.write_text(contenido, encoding="utf-8")


def main() -> None:
    escribir(RAIZ / "docs" / "reglas.md", pagina_de_reglas())
    escribir(RAIZ / "docs" / "fuentes.md", pagina_de_fuentes())
    escribir(RAIZ / "includes" / "abreviaturas.md", abreviaturas())
    escribir(RAIZ / "includes" / "validador.html", validador())
    generado = RAIZ / "docs" / "assets" / "generado"
    for nombre, esquema in esquemas().items():
        escribir(generado / f"{nombre}.schema.json", _json(esquema) + "\n")
    escribir(generado / "catalogo.json", _json(como_datos()) + "\n")
    for nombre in ejemplos.nombres():
        escribir(generado / "ejemplos" / f"{nombre}.json", _json(ejemplos.cargar(nombre)) + "\n")
    for nombre, archivos in EJEMPLOS_DE_ARCHIVOS.items():
        for archivo in archivos:
            escribir(generado / "ejemplos" / "archivos" / archivo.name, archivo.read_text(encoding="utf-8"))
        lista = [{"nombre": a.name, "ruta": f"archivos/{a.name}"} for a in archivos]
        escribir(generado / "ejemplos" / f"{nombre}.json", _json({"archivos": lista}) + "\n")


if __name__ == "__main__":
    main()
