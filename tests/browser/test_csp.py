"""La política de seguridad (CSP) en Chromium: ninguna página ni el validador la violan, también sin conexión.

Cada contexto escucha `securitypolicyviolation` desde antes de cualquier script de la página
(`add_init_script`). Lo que viola la CSP dentro de un worker (p. ej. compilar el wasm sin
'wasm-unsafe-eval') no llega a ese evento de la página: llega a su consola, que también se mira.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

RAIZ = Path(__file__).resolve().parents[2]
XML = RAIZ / "tests" / "checker" / "xml"
ESPERA = 60_000
ESCUCHA = """
window.__violaciones = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violaciones.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
});
"""
# Lo que Chromium escribe en la consola (de la página o de un worker) al bloquear algo o al no entender
# una cabecera de seguridad.
_AVISO = re.compile(r"Content Security Policy|Content-Security-Policy|Permissions-Policy|Unrecognized feature", re.I)


@pytest.fixture
def vigilada(navegador, servidor):
    """Una página del sitio servido con sus cabeceras, que anota toda violación de la CSP."""
    contexto = navegador.new_context(locale="es-CO")
    contexto.add_init_script(ESCUCHA)
    pagina = contexto.new_page()
    pagina.avisos = []
    pagina.on("console", lambda m: _AVISO.search(m.text) and pagina.avisos.append(m.text[:300]))
    pagina.on("pageerror", lambda e: pagina.avisos.append(f"error: {e}"))
    yield pagina
    contexto.close()


def _violaciones(pagina) -> list[str]:
    return pagina.evaluate("window.__violaciones") + pagina.avisos


def _paginas(sitio: Path, servidor: str) -> list[str]:
    urls = re.findall(r"<loc>(.*?)</loc>", (sitio / "sitemap.xml").read_text(encoding="utf-8"))
    return [servidor + urlparse(u).path for u in urls]


def test_la_escucha_ve_un_script_en_linea_sin_huella_y_la_csp_lo_bloquea(vigilada, servidor):
    # Si esta falla, las demás no prueban nada: la escucha tiene que ver una violación real.
    respuesta = vigilada.goto(f"{servidor}/")
    assert "'self'" in respuesta.headers["content-security-policy"]
    vigilada.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__corrio = 1';"
                      " document.body.append(s); }")
    vigilada.wait_for_timeout(200)
    assert vigilada.evaluate("window.__corrio") is None
    assert any(v.startswith("script-src") for v in vigilada.evaluate("window.__violaciones"))


def test_ninguna_pagina_del_sitio_viola_la_csp(vigilada, servidor, sitio):
    urls = _paginas(sitio, servidor)
    assert len(urls) >= 15
    encontradas = {}
    for url in urls:
        vigilada.goto(url, wait_until="networkidle")
        if _violaciones(vigilada):
            encontradas[url] = _violaciones(vigilada)
        vigilada.avisos.clear()
    # La búsqueda (su worker y el índice, que se construye con la primera consulta) y la navegación
    # instantánea de Material, que vuelve a correr los scripts del contenido.
    vigilada.goto(f"{servidor}/", wait_until="networkidle")
    vigilada.locator("input.md-search__input").click()
    vigilada.keyboard.type("factura rechazada", delay=20)  # teclas reales: Material busca mientras se escribe
    vigilada.wait_for_selector(".md-search-result__item", timeout=ESPERA)
    vigilada.locator(".md-search-result__item a").first.click()
    vigilada.wait_for_load_state("networkidle")
    vigilada.locator(".md-nav__link[href$='reglas/']").first.click()
    vigilada.wait_for_selector("h2#nit-001")
    if _violaciones(vigilada):
        encontradas["búsqueda y navegación instantánea"] = _violaciones(vigilada)
    assert encontradas == {}


def test_el_validador_funciona_con_la_csp_tambien_sin_conexion(vigilada, servidor):
    # Enlace de formador: el ejemplo se llena y se valida.
    vigilada.goto(f"{servidor}/validador/#ejemplo=tipica")
    vigilada.wait_for_selector("[data-validador][data-estado=resultado]", timeout=ESPERA)
    assert vigilada.get_attribute("[data-informe]", "data-aprobable") == "true"
    # Un XML de la DIAN cargado como archivo.
    vigilada.locator("[data-archivo-xml]").set_input_files(str(XML / "nit-errado.xml"))
    # Con la CSP, wait_for_function pide una función («() => …»): una expresión suelta se evalúa con
    # eval dentro de la página, y la página lo prohíbe.
    vigilada.wait_for_function("() => document.querySelector(\"[name='factura.proveedor.dv']\").value === '5'",
                               timeout=ESPERA)
    vigilada.locator("[data-validar]").click()
    vigilada.wait_for_selector("[data-informe][data-aprobable=false]", timeout=ESPERA)
    assert "NIT-001" in vigilada.locator("[data-informe] [data-regla]").evaluate_all("xs => xs.map(x => x.dataset.regla)")
    # Sin conexión, con el service worker y la instantánea de memoria, bajo la misma CSP.
    vigilada.wait_for_selector("[data-validador][data-sin-conexion=listo]", timeout=ESPERA)
    vigilada.wait_for_selector("[data-validador][data-instantanea]", timeout=ESPERA)
    assert _violaciones(vigilada) == []
    vigilada.context.set_offline(True)
    vigilada.goto(f"{servidor}/validador/#ejemplo=factura-rechazada")
    vigilada.reload()
    vigilada.wait_for_selector("[data-validador][data-estado=resultado]", timeout=ESPERA)
    assert vigilada.get_attribute("[data-informe]", "data-aprobable") == "false"
    assert _violaciones(vigilada) == []
