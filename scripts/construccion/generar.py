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
from html import escape
from pathlib import Path
from typing import Optional

from checker import datos_abiertos, ejemplos, parametros, pasos
from checker.api import esquemas, limites
from checker.formatos import pesos, porcentaje
from checker.fuentes import FUENTES
from checker.informe import NOMBRE_SEVERIDAD
from checker.reglas import CATALOGO, ETAPAS, FALTA, como_datos

from .formulario import Formulario

RAIZ = Path(__file__).resolve().parents[2]

GLOSARIO = RAIZ / "docs" / "guias" / "glosario.md"
TERMINO = re.compile(r"^### (?P<termino>[^{\n]+?) \{ #(?P<ancla>[a-z0-9-]+) \}\n\n\*\*(?P<corta>[^*\n]+)\*\*", re.M)
ICONO = {"error": ":material-close-octagon:", "advertencia": ":material-alert:", "informacion": ":material-information:"}


def _json(datos: object) -> str:
    return json.dumps(datos, ensure_ascii=False, indent=2)


NOMBRE_CORRIGE = {"proveedor": "el proveedor", "entidad": "la entidad"}


def _corrige(r) -> str:
    """Quién corrige; el dato que la entidad copia del «Detalle» al aprobar lo dice (Regla.la_entidad_lo_copia)."""
    return NOMBRE_CORRIGE[r.corrige] + (" (la entidad, al aprobar, lo copia del «Detalle» de la factura)"
                                        if r.la_entidad_lo_copia else "")


def pagina_de_reglas() -> str:
    reglas = sorted(CATALOGO.values(), key=lambda r: r.id)
    partes = [
        # Cada regla es una sección con todas las palabras del tema: sin bajarla, la página de reglas salía primero
        # en la búsqueda de casi todo («supervisor», «entrega», «validador»); un id («NIT-001») la sigue hallando.
        "---\ntitle: Reglas de validación\nsearch:\n  boost: 0.5\n---\n",
        "<!-- Generado por scripts/construccion/generar.py desde checker/reglas/: no editar a mano. -->\n",
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
            f"| {NOMBRE_SEVERIDAD[r.etapas['entidad']]} | {_corrige(r)} | {r.titulo} |\n"
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
    necesita = (" y ".join(FALTA[n] for n in r.necesita) if r.necesita
                else "solo la factura (corre también con la factura sola)")
    return (
        f"## {r.id} · {r.titulo} {{ #{r.id.lower()} data-regla=\"{r.id}\" }}\n{estado}\n"
        f"**Severidad:** {etapas} · **Corrige:** {_corrige(r)} · **Paso relacionado:** {paso}\n\n"
        f"**Necesita:** {necesita}\n\n"
        f"**Mensaje:** {_sin_plantilla(r.mensaje)}\n\n"
        + al_proveedor +
        f"**Por qué:** {r.razon}\n\n"
        f"**Fuente:** {fuentes}\n\n"
        f"??? example \"Ejemplos (caso base: {titulo_de_ejemplo(r.base)})\"\n"
        f"    Falla con estos cambios sobre el caso base ({_severidades(r)}):\n\n"
        + _cambios(r.ejemplo_falla) + "\n"
        f"    Pasa con {'estos cambios' if r.ejemplo_pasa else 'el caso base sin cambios'}"
        + (":\n\n" + _cambios(r.ejemplo_pasa) if r.ejemplo_pasa else ".\n")
    )


def _cambios(cambios: dict) -> str:
    """Los cambios de un ejemplo como tabla (campo, valor en JSON), no como bloque de código: el tema recorre cada
    bloque de código al cargar la página (medido en /reglas/, registro de mediciones del 2026-11-29)."""
    filas = "".join(f"    | `{campo}` | {_codigo(json.dumps(valor, ensure_ascii=False))} |\n" for campo, valor in cambios.items())
    return "    | Campo | Valor (JSON) |\n    |---|---|\n" + filas


def _codigo(texto: str) -> str:
    # Dentro de un código en línea, un «|» no parte la celda (Python-Markdown): no se escapa.
    return f"`` {texto} ``" if "`" in texto else f"`{texto}`"


def _severidades(r) -> str:
    return ", ".join(f"{NOMBRE_SEVERIDAD[r.etapas[e]].lower()} para {NOMBRE_CORRIGE[e]}" for e in ("proveedor", "entidad"))


def _sin_plantilla(mensaje: str) -> str:
    # Los huecos de la plantilla se muestran como «…» en cursiva, para leer el mensaje tal cual.
    return re.sub(r"\{(\w+)\}", lambda m: f"*‹{m.group(1)}›*", mensaje)


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
            "de 2026 lo reexpidió con el mismo valor mientras llega el fallo definitivo (**por confirmar** contra los "
            "textos de los decretos).\n\n"
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


DOCS = RAIZ / "docs"
GENERADAS = {"reglas.md", "fuentes.md"}  # páginas que escribe este script: no se leen como fuente de usos
ENCABEZADO = re.compile(r"^#{1,3} (?P<titulo>.+?)(?: \{ #(?P<ancla>[a-z0-9-]+)[^}]*\})?\s*$")
CITA_FUENTE = re.compile(r"fuentes\.md#(?P<id>[a-z0-9-]+)")
ENLACE_MD = re.compile(r"\[([^\]]+)\]\([^)]*\)")
POR_CONFIRMAR = re.compile(r"por\s+confirmar", re.I)


def _paginas_escritas() -> list[Path]:
    """Las páginas escritas a mano, en orden estable (las generadas no cuentan)."""
    return sorted(p for p in DOCS.rglob("*.md") if p.relative_to(DOCS).as_posix() not in GENERADAS)


def _titulo(texto: str, ruta: Path) -> str:
    m = re.search(r"^title:\s*(.+)$", texto, re.M) or re.search(r"^# (.+)$", texto, re.M)
    return m.group(1).strip() if m else ruta.stem


def _secciones(ruta: Path) -> list[tuple[str, Optional[str], str, str]]:
    """(título de la página, ancla, título de la sección, texto) de cada sección con ancla explícita.

    El texto antes del primer encabezado con ancla va con ancla None (la página entera)."""
    texto = ruta.read_text(encoding="utf-8")
    pagina = _titulo(texto, ruta)
    cuerpo = re.sub(r"\A---\n.*?\n---\n", "", texto, flags=re.S)
    secciones: list[tuple[str, Optional[str], str, str]] = []
    ancla, titulo, lineas = None, pagina, []
    for linea in cuerpo.splitlines():
        m = ENCABEZADO.match(linea)
        if m and m["ancla"]:
            secciones.append((pagina, ancla, titulo, "\n".join(lineas)))
            ancla, titulo, lineas = m["ancla"], m["titulo"].strip(), []
        else:
            lineas.append(linea)
    secciones.append((pagina, ancla, titulo, "\n".join(lineas)))
    return secciones


def _enlace(ruta: Path, ancla: Optional[str]) -> str:
    return ruta.relative_to(DOCS).as_posix() + (f"#{ancla}" if ancla else "")


def usos_en_paginas() -> dict[str, list[tuple[str, str]]]:
    """id de fuente -> [(texto del enlace, destino)] de cada sección de página que la cita."""
    usos: dict[str, list[tuple[str, str]]] = {}
    for ruta in _paginas_escritas():
        for pagina, ancla, titulo, texto in _secciones(ruta):
            nombre = pagina if ancla is None or titulo == pagina else f"{pagina} › {titulo}"
            for id_fuente in dict.fromkeys(m["id"] for m in CITA_FUENTE.finditer(texto)):
                usos.setdefault(id_fuente, []).append((nombre, _enlace(ruta, ancla)))
    return usos


def _usos_en_reglas() -> dict[str, list[str]]:
    """id de fuente -> ids de las reglas que la citan.

    Usa checker.fuentes.usos_en_reglas() si existe; si no, lee las citas (`fuentes`, tuplas de Cita)
    de cada regla del catálogo. Una regla que aún cita con texto libre (`fuente: str`) no cuenta."""
    from checker import fuentes as modulo

    usos: dict[str, list[str]] = {}
    if hasattr(modulo, "usos_en_reglas"):
        try:
            for id_fuente, reglas in dict(modulo.usos_en_reglas()).items():
                ids = {r if isinstance(r, str) else getattr(r, "id", None) or (r[0] if isinstance(r, tuple) else None)
                       for r in reglas}
                usos[id_fuente] = sorted(i for i in ids if isinstance(i, str))
            return usos
        except (TypeError, ValueError, AttributeError, IndexError):
            usos = {}  # otra forma de respuesta: se calcula aquí mismo
    for regla in CATALOGO.values():
        for cita in getattr(regla, "fuentes", ()) or ():
            id_fuente = getattr(cita, "fuente", cita)
            if isinstance(id_fuente, str):
                usos.setdefault(id_fuente, []).append(regla.id)
    return {k: sorted(set(v)) for k, v in usos.items()}


def afirmaciones_por_confirmar() -> list[tuple[str, str, str]]:
    """(dónde, destino, frase) de cada frase de una página escrita a mano que dice «por confirmar».

    Las portadas (inicio, índices) solo explican la convención y no se listan."""
    frases = []
    for ruta in _paginas_escritas():
        if ruta.name == "index.md":
            continue
        for pagina, ancla, titulo, texto in _secciones(ruta):
            nombre = pagina if ancla is None or titulo == pagina else f"{pagina} › {titulo}"
            # Un párrafo o un elemento de lista a la vez; el título de un aviso (!!! …) no es una afirmación.
            for bloque in re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.) )", texto):
                plano = " ".join(linea.strip() for linea in bloque.splitlines() if not re.match(r"\s*(!!!|\?\?\?)", linea))
                plano = re.sub(r"^(?:[-*]|\d+\.) ", "", plano)
                plano = ENLACE_MD.sub(r"\1", plano).replace("**", "")
                for frase in re.split(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿(«])", plano):
                    if POR_CONFIRMAR.search(frase):
                        frases.append((nombre, _enlace(ruta, ancla), POR_CONFIRMAR.sub("**por confirmar**", frase.strip())))
    return frases


def _celda(texto: str) -> str:
    return texto.replace("|", "\\|")


def pagina_de_fuentes() -> str:
    usos, reglas = usos_en_paginas(), _usos_en_reglas()
    fuentes = sorted(FUENTES.values(), key=lambda f: (f.confirmada, f.titulo.lstrip("«").lower()))
    estado = lambda f: "confirmada" if f.confirmada else "**por confirmar**"  # noqa: E731
    partes = [
        # Como la de reglas: nombra cada página y cada tema; se busca por el nombre de la fuente, no por el tema.
        "---\ntitle: Fuentes\nsearch:\n  boost: 0.1\n---\n",
        "<!-- Generado por scripts/construccion/generar.py desde checker/fuentes.py y las páginas: no editar a mano. -->\n",
        "# Fuentes { #fuentes }\n",
        "Cada paso de los procedimientos y cada regla del validador citan una de estas fuentes. Una fuente "
        "**confirmada** se leyó en el documento original; una **por confirmar** se conoce solo por fuentes "
        "secundarias, o falta leerla completa. Las direcciones son para que usted las consulte: este sitio "
        "no carga nada de ellas. Al final está la lista de [todo lo que sigue por confirmar](#por-confirmar).\n",
        "| Fuente | Emisor | Estado | Pasos y páginas | Reglas |\n|---|---|---|---|---|\n" + "".join(
            f"| [{_celda(f.titulo)}](#{f.id}) | {_celda(f.emisor)} | {estado(f)} | {len(usos.get(f.id, []))} "
            f"| {len(reglas.get(f.id, []))} |\n" for f in fuentes),
    ]
    for f in fuentes:
        lista = [f"- [{nombre}]({destino})" for nombre, destino in usos.get(f.id, [])]
        lista += [f"- Regla [{r}](reglas.md#{r.lower()})" for r in reglas.get(f.id, [])]
        partes.append(
            f"## {f.titulo} {{ #{f.id} }}\n\n"
            f"**Emisor:** {f.emisor} · **Fecha:** {f.fecha or 'sin fecha en el documento'} · **Estado:** {estado(f)}\n\n"
            f"**Dónde encontrarla:** {f.donde}\n\n"
            + (f"{f.nota}\n\n" if f.nota else "")
            + "**Dónde se usa:**\n\n" + ("\n".join(lista) if lista else "Ningún paso ni regla la cita todavía.") + "\n")
    partes.append(_lista_por_confirmar())
    return "\n".join(partes)


def _lista_por_confirmar() -> str:
    frases = afirmaciones_por_confirmar()
    lineas = [f"- [{nombre}]({destino}): {frase}" for nombre, destino, frase in frases]
    for regla in sorted(CATALOGO.values(), key=lambda r: r.id):
        citas = getattr(regla, "fuentes", ()) or ()
        dudosas = [c for c in citas if getattr(c, "por_confirmar", False)
                   or not getattr(FUENTES.get(getattr(c, "fuente", ""), None), "confirmada", True)]
        if dudosas:
            textos = ENLACE_MD.sub(r"\1", "; ".join(c.texto() if hasattr(c, "texto") else str(c) for c in dudosas))
            lineas.append(f"- Regla [{regla.id}](reglas.md#{regla.id.lower()}): {POR_CONFIRMAR.sub('**por confirmar**', textos)}")
        elif not citas and POR_CONFIRMAR.search(str(getattr(regla, "fuente", ""))):
            lineas.append(f"- Regla [{regla.id}](reglas.md#{regla.id.lower()}): "
                          f"{POR_CONFIRMAR.sub('**por confirmar**', regla.fuente)}")
    return ("## Lo que sigue por confirmar { #por-confirmar }\n\n"
            f"{len(lineas)} afirmaciones del sitio todavía no se han leído en una fuente primaria. Cada una lo "
            "dice en su página; aquí están juntas, con el enlace al paso o la sección donde aparecen. Si usted "
            "puede confirmar alguna, la fuente primaria es lo que falta.\n\n" + "\n".join(lineas) + "\n")


def abreviaturas() -> str:
    texto = GLOSARIO.read_text(encoding="utf-8")
    lineas = [f"*[{m['termino'].strip()}]: {m['corta'].strip().rstrip('.')}" for m in TERMINO.finditer(texto)]
    if not lineas:
        raise SystemExit(f"{GLOSARIO}: no se encontraron términos con la forma «### TÉRMINO {{ #ancla }}».")
    return "<!-- Generado por scripts/construccion/generar.py desde docs/guias/glosario.md. -->\n" + "\n".join(lineas) + "\n"


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


# Las etapas del catálogo (checker.reglas.ETAPAS) como las elige quien usa la página; la primera es la de omisión.
ETAPAS_PAGINA = {"proveedor": "El proveedor, antes de enviar la solicitud",
                 "entidad": "La entidad, antes de aprobarla"}


def titulo_de_ejemplo(nombre: str) -> str:
    """El nombre de un ejemplo como se lee: el id va en la dirección (#ejemplo=tipica), sin tildes ni espacios."""
    return {"tipica": "típica"}.get(nombre, nombre).replace("-", " ")


def validador() -> str:
    """El bloque del validador: la factura primero, el contrato desde los datos abiertos, formulario e informe."""
    ejemplos_html = "".join(f'<li><a href="#ejemplo={n}">{titulo_de_ejemplo(n)}</a></li>' for n in nombres_de_ejemplos())
    formulario = Formulario(esquemas()["solicitud"]).html()
    enlaces = "".join(
        f'<li><strong>{escape(c.titulo)}</strong>: '
        + " · ".join(f'<a data-enlace="{c.clave}-{f}" data-plantilla="{escape(datos_abiertos.plantilla_enlace(c, f))}" '
                     f'target="_blank" rel="noopener noreferrer" aria-label="{escape(c.titulo)}, {f.upper()} '
                     f'(se abre en otra pestaña)">{f.upper()}</a>' for f in ("json", "csv"))
        + "</li>" for c in datos_abiertos.CONJUNTOS)
    quien_revisa = "\n".join(
        f'<label><input type="radio" name="v-etapa" value="{e}"{" checked" if i == 0 else ""}> {ETAPAS_PAGINA[e]}</label>'
        for i, e in enumerate(ETAPAS))
    por_partes = " · ".join(
        f'<a data-enlace="contratos-partes-{f}" data-plantilla-partes="{escape(datos_abiertos.plantilla_por_partes(f))}" '
        f'target="_blank" rel="noopener noreferrer" aria-label="Contratos de quien emite la factura con la entidad, '
        f'{f.upper()} (se abre en otra pestaña)">{f.upper()}</a>' for f in ("json", "csv"))
    return f"""<!-- Generado por scripts/construccion/generar.py desde el JSON Schema de checker/: no editar a mano. -->
<div class="validador" data-validador data-estado="cargando" data-tamano-maximo="{limites()['tamano_maximo']}" data-tamano-maximo-zip="{limites()['tamano_maximo_zip']}" data-paso-rechazar="{pasos.RECHAZAR}">
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
    // «Vaciar el formulario» antes de que cargue validador.js: lo soltado o elegido hasta ahí no se usa, y
    // validador.js vacía el formulario al montarse (lo escrito antes del clic).
    raiz.addEventListener("click", function (e) {{
      if (raiz.dataset.montado || !e.target.closest("[data-limpiar]")) return;
      soltados.length = 0;
      raiz.querySelectorAll("input[type=file]").forEach(function (i) {{ i.value = ""; }});
      window.__vaciarValidador = true;
    }});
    raiz.setAttribute("data-preparando", "");
    document.addEventListener("DOMContentLoaded", function () {{
      setTimeout(function () {{ raiz.removeAttribute("data-preparando"); }});
    }});
  }})();
</script>
<noscript><p class="v-aviso">El validador del navegador necesita JavaScript. También puede usar la
<a href="#linea-de-ordenes">línea de comandos</a>.</p></noscript>
<div class="v-motor" role="status" aria-live="polite">
<progress data-progreso-barra max="100" value="0"></progress>
<span data-progreso>Preparando el validador… 0 %</span>
</div>
<div class="v-archivos v-soltar" data-soltar>
<p class="v-soltar-titulo"><label for="v-archivos"><strong>Suelte aquí el XML de la factura electrónica</strong>, o elíjalo:</label></p>
<input id="v-archivos" type="file" multiple accept=".xml,.zip,.json,.csv,.txt,application/xml,text/xml,application/zip,application/json,text/csv,text/plain" data-archivos aria-describedby="v-archivos-ayuda">
<p class="v-ayuda" id="v-archivos-ayuda">El informe de la factura aparece enseguida; sirve también el ZIP en que llegó por
correo (con su PDF). También acepta, juntos o después, los
archivos del contrato (datos abiertos, JSON o CSV) y una solicitud guardada (JSON). Nada sale de su equipo.</p>
<details class="v-otras"><summary>Cargar un archivo de un tipo</summary>
<p><label for="v-xml">Factura electrónica (XML de la DIAN, o el ZIP en que llegó)</label><br>
<input id="v-xml" type="file" accept=".xml,.zip,application/xml,text/xml,application/zip" data-archivo-xml></p>
<p><label for="v-json">Solicitud guardada (JSON)</label><br>
<input id="v-json" type="file" accept=".json,application/json" data-archivo-json></p>
</details>
</div>
<fieldset class="v-etapa" data-quien-revisa>
<legend>¿Quién revisa?</legend>
{quien_revisa}
</fieldset>
<p data-mensaje class="v-mensaje" role="alert" hidden></p>
<section class="v-informe" data-informe hidden aria-live="polite" tabindex="-1"></section>
<section class="v-datos-abiertos" data-datos-abiertos aria-labelledby="v-datos-abiertos-titulo" tabindex="-1">
<h2 id="v-datos-abiertos-titulo">El contrato, desde los datos abiertos de SECOP II</h2>
<p>Con el contrato, el informe revisa también las partes, los valores, las fechas y el pago del plan. SECOP II publica
el contrato y su plan de pagos en <em>datos.gov.co</em>: escriba el número del contrato, abra los dos enlaces, guarde
cada archivo («Guardar como…») y suéltelos aquí; sin el número, con su factura cargada, aparece el enlace a sus
contratos con la entidad. Esta página no consulta esos enlaces: los abre usted.</p>
<p class="v-campo"><label for="v-id-contrato">Número del contrato en SECOP II</label>
<input id="v-id-contrato" type="text" autocomplete="off" spellcheck="false" placeholder="CO1.PCCNTR.1234567"
 pattern="{datos_abiertos.PATRON_ID_CONTRATO_ESCRITO}" data-id-contrato aria-describedby="v-id-contrato-ayuda">
<span class="v-ayuda" id="v-id-contrato-ayuda" data-id-contrato-ayuda aria-live="polite">Está en la URL y en la
sección 1 del contrato en SECOP II; empieza por CO1.PCCNTR.</span></p>
<ul class="v-enlaces-datos" data-enlaces hidden>{enlaces}</ul>
<p class="v-enlaces-datos" data-enlaces-partes data-digitos-minimos="{datos_abiertos.DIGITOS_MINIMOS_PARTE}"
 data-digitos-maximos="{datos_abiertos.DIGITOS_MAXIMOS_PARTE}" hidden>
¿No tiene el número? Los contratos de quien emite la factura con la entidad que la recibe, en
<strong>{escape(datos_abiertos.CONTRATOS.titulo)}</strong>: {por_partes}. Guarde el archivo y suéltelo aquí: el
validador toma el contrato de su factura (por las partes y la fecha), escribe su número y le da el enlace del plan de
pagos.</p>
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
