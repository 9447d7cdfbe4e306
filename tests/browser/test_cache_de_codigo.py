"""La copia sin conexión guarda las respuestas de la red tal como llegaron, para que Chromium guarde con
ellas el JavaScript ya compilado (la caché de código de V8): así una pestaña nueva o el navegador
reiniciado no vuelven a compilar el tema. (Los módulos del worker del motor, `pyodide.asm.mjs`, se compilan
igual en cada pestaña nueva: Chromium produce su caché pero no la usa desde Cache Storage; medido,
docs-dev/registro-de-mediciones.md, 2026-11-29, 06:20 UTC.)

Una copia hecha con `new Response(...)` también se lee sin conexión, pero Chromium no le asocia caché
de código (medido: docs-dev/registro-de-mediciones.md, 2026-11-29); estas pruebas fallan con ella.
"""

from __future__ import annotations

import json
import re
import tempfile

ESPERA = 60_000
TEMA = "/assets/javascripts/bundle."

# Cada entrada de las cachés del sitio: su ruta y su tipo («basic»: la respuesta de la red;
# «default»: una respuesta construida en el service worker).
_ENTRADAS = """async () => {
  const filas = [];
  for (const nombre of await caches.keys()) {
    if (!nombre.startsWith("sitio-") && !nombre.startsWith("motor-archivos-")) continue;
    const cache = await caches.open(nombre);
    for (const pedido of await cache.keys()) {
      filas.push([nombre, new URL(pedido.url).pathname, (await cache.match(pedido)).type]);
    }
  }
  return filas;
}"""


def _lanzar(navegador, perfil: str):
    from scripts.entorno.navegador import ARGUMENTOS, chromium

    return navegador.browser_type.launch_persistent_context(perfil, executable_path=chromium(), headless=True,
                                                           args=ARGUMENTOS)


def _de_worker_clasico(sitio) -> list[str]:
    """Las carpetas que /sw.js guarda como copia limpia (su lista DE_WORKER_CLASICO)."""
    texto = (sitio / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const DE_WORKER_CLASICO = (\[.*?\]);", texto).group(1))


def test_los_scripts_se_guardan_como_llegaron_de_la_red(navegador, servidor, sitio):
    contexto = navegador.new_context(locale="es-CO")
    try:
        pagina = contexto.new_page()
        pagina.goto(f"{servidor}/validador/")
        pagina.wait_for_selector("[data-validador][data-sin-conexion=listo]", timeout=ESPERA)
        filas = pagina.evaluate(_ENTRADAS)
    finally:
        contexto.close()
    scripts = [(c, r, t) for c, r, t in filas if r.endswith((".js", ".mjs"))]
    # El tema, el validador, su worker y el JavaScript de Pyodide, del sitio y del motor.
    assert any(r.startswith(TEMA) for _, r, _ in scripts)
    assert any(r.endswith("/validador/trabajador.js") for _, r, _ in scripts)
    assert any(c.startswith("motor-archivos-") and r.endswith("pyodide.asm.mjs") for c, r, _ in scripts)
    # Salvo los del worker clásico de la búsqueda (importScripts no carga la respuesta con
    # «Content-Encoding»: se guarda una copia limpia), todos son la respuesta de la red.
    limpias = _de_worker_clasico(sitio)
    rutas = [r for _, r, _ in scripts]
    assert limpias and all(any(c in r for r in rutas) for c in limpias)  # la lista nombra carpetas que existen
    construidas = [r for _, r, t in scripts if t != "basic" and not any(f"/{c}" in r for c in limpias)]
    assert construidas == []


def test_una_copia_construida_de_otra_version_no_se_reutiliza(navegador, servidor):
    """Quien guardó el sitio con el service worker anterior (copias construidas con `new Response`) recibe
    la respuesta de la red para los mismos archivos, no otra vez la copia sin caché de código."""
    contexto = navegador.new_context(locale="es-CO")
    try:
        pagina = contexto.new_page()
        pagina.goto(f"{servidor}/sitemap.xml")  # del mismo origen, sin registrar el service worker
        tema = pagina.evaluate(r"""async () => {
          const html = await (await fetch("/")).text();
          const ruta = html.match(/assets\/javascripts\/bundle\.[0-9a-f]+\.min\.js/)[0];
          const url = new URL(ruta, location.origin).href;
          const red = await fetch(url);
          const copia = new Response(await red.arrayBuffer(), { headers: { "Content-Type": "text/javascript" } });
          await (await caches.open("sitio-version-anterior")).put(url, copia);
          return url;
        }""")
        pagina.goto(f"{servidor}/")
        pagina.wait_for_selector("html[data-sitio-sin-conexion=listo]", timeout=ESPERA)
        filas = pagina.evaluate(_ENTRADAS)
    finally:
        contexto.close()
    assert [t for c, r, t in filas if c.startswith("sitio-") and tema.endswith(r)] == ["basic"]


def test_tras_reiniciar_el_navegador_el_tema_sale_de_la_cache_de_codigo(navegador, servidor):
    """Otro proceso (el navegador reiniciado) lee el tema compilado de la caché, no lo compila otra vez."""
    with tempfile.TemporaryDirectory(prefix="perfil-") as perfil:
        contexto = _lanzar(navegador, perfil)
        try:
            pagina = contexto.pages[0] if contexto.pages else contexto.new_page()
            pagina.goto(f"{servidor}/")
            pagina.wait_for_selector("html[data-sitio-sin-conexion=listo]", timeout=ESPERA)
        finally:
            contexto.close()
        contexto = _lanzar(navegador, perfil)
        try:
            pagina = contexto.pages[0] if contexto.pages else contexto.new_page()
            sesion = contexto.new_cdp_session(pagina)
            eventos: list[dict] = []
            fin: list[bool] = []
            sesion.on("Tracing.dataCollected", lambda d: eventos.extend(d["value"]))
            sesion.on("Tracing.tracingComplete", lambda d: fin.append(True))
            sesion.send("Tracing.start", {"categories": "v8", "transferMode": "ReportEvents"})
            pagina.goto(f"{servidor}/procedimientos/enviar-solicitud-de-pago/", wait_until="load")
            assert pagina.evaluate("navigator.serviceWorker.controller !== null")  # la respondió la copia
            sesion.send("Tracing.end")
            while not fin:
                pagina.wait_for_timeout(50)
        finally:
            contexto.close()
    compilaciones = [e.get("args", {}).get("data", {}) for e in eventos if e.get("name") == "v8.compile"
                     and TEMA in json.dumps(e.get("args", {}))]
    assert compilaciones, "no se vio compilar el tema"
    assert any(d.get("consumedCacheSize", 0) > 0 and not d.get("cacheRejected") for d in compilaciones), compilaciones
