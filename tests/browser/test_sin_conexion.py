"""Sin conexión: después de una visita, todo el sitio (y el validador, una vez abierto) funciona con el
servidor apagado; una versión nueva reemplaza la copia guardada al recargar, sin mezclas.

El servidor se apaga de verdad (no solo se emula la red cortada): nada que no responda el service
worker puede llegar.
"""

from __future__ import annotations

import re
import shutil
from urllib.parse import urlparse

import pytest

ESPERA = 60_000
PROCEDIMIENTO = "/procedimientos/enviar-solicitud-de-pago/"


def _guardado(sitio) -> set[str]:
    """Las rutas que /sw.js guarda: el sitio (después de la primera visita) y el motor (en el validador)."""
    texto = (sitio / "sw.js").read_text(encoding="utf-8")
    sitio_ = re.search(r"const SITIO = (\[.*?\n\]);", texto, re.S).group(1)
    motor = re.search(r"const MOTOR = (\[.*?\n\]);", texto, re.S).group(1)
    rutas = {"/" + r for r in re.findall(r'^\["([^"]+)"', sitio_, re.M)} | {"/" + r for r in re.findall(r'"([^"]+)"', motor)}
    return {"/" if r == "/./" else r for r in rutas}


@pytest.fixture
def propio(sitio):
    """Un servidor solo para esta prueba, que la prueba puede apagar."""
    from scripts.servidores import servidor as srv

    s = srv.en_segundo_plano(sitio, 0)
    s.base = f"http://127.0.0.1:{s.server_address[1]}"
    yield s
    s.shutdown()
    s.server_close()


def _apagar(s) -> None:
    s.shutdown()
    s.server_close()  # desde aquí, cualquier pedido que llegue a la red falla


def _en_pantalla(pagina, selector: str) -> bool:
    return pagina.eval_on_selector(selector, "e => { const r = e.getBoundingClientRect(); "
                                             "return r.top >= 0 && r.top < innerHeight; }")


def test_sin_haber_abierto_el_validador_con_red_sin_conexion_dice_por_que_no_valida(navegador, sitio, propio):
    """El motor se guarda solo al abrir el validador con red: sin eso, la página abre y explica qué pasa."""
    contexto = navegador.new_context(locale="es-CO")
    try:
        inicio = contexto.new_page()
        inicio.goto(f"{propio.base}/")
        inicio.wait_for_selector("html[data-sitio-sin-conexion=listo]", timeout=ESPERA)
        _apagar(propio)
        pagina = contexto.new_page()
        pagina.goto(f"{propio.base}/validador/#ejemplo=tipica")
        pagina.wait_for_selector("[data-validador][data-estado=error]", timeout=ESPERA)
        texto = pagina.locator("[data-progreso]").inner_text()
        assert "No se pudo preparar el validador" in texto and "primera vez que se abre con conexión" in texto
    finally:
        contexto.close()


def test_despues_de_visitar_el_inicio_el_sitio_funciona_con_el_servidor_apagado(navegador, sitio, propio):
    base = propio.base
    contexto = navegador.new_context(locale="es-CO")
    vistos: list[str] = []
    contexto.on("request", lambda r: vistos.append(r.url))
    try:
        inicio = contexto.new_page()
        inicio.goto(f"{base}/")
        inicio.wait_for_selector("html[data-sitio-sin-conexion=listo]", timeout=ESPERA)
        aviso = inicio.locator("[data-sin-conexion-aviso]")
        assert aviso.get_attribute("role") == "status"
        assert aviso.inner_text() == "Disponible sin conexión en este navegador."
        # El motor se guarda solo al abrir el validador: la visita al inicio no lo pidió.
        assert not any("/assets/validador/motor/" in u for u in vistos)
        assert not [c for c in inicio.evaluate("caches.keys()") if c.startswith("motor-archivos-")]

        # Quien usa el validador lo abre una vez con red (allí, y solo allí, se guarda el motor).
        validador = contexto.new_page()
        validador.goto(f"{base}/validador/")
        validador.wait_for_selector("[data-validador][data-sin-conexion=listo]", timeout=ESPERA)
        validador.wait_for_selector("[data-validador][data-instantanea=guardada]", timeout=ESPERA)
        validador.close()
        pedidos = {urlparse(u).path for u in vistos if u.startswith(base)}
        # La instantánea del sitio (primera visita con red rápida) no se guarda como archivo: sin red se
        # usa la que el worker dejó en este equipo.
        faltan = {p for p in pedidos if not p.endswith(("sw.js", ".bin"))} - _guardado(sitio)
        assert faltan == set()  # todo lo que se pidió con red está en la copia guardada

        _apagar(propio)

        # Un procedimiento nunca abierto, en una pestaña nueva, con su ancla de paso.
        pagina = contexto.new_page()
        errores: list[str] = []
        pagina.on("pageerror", lambda e: errores.append(str(e)))
        pagina.goto(f"{base}{PROCEDIMIENTO}#paso-3")
        assert pagina.locator("h1").inner_text().startswith("Radicar y enviar")
        assert _en_pantalla(pagina, "#paso-3")
        pagina.locator(".md-content p a[href$='#paso-2']").first.click()
        pagina.wait_for_function("() => location.hash === '#paso-2'")
        assert _en_pantalla(pagina, "#paso-2")

        # En otra página nunca abierta, la búsqueda (índice y worker) encuentra un procedimiento y lleva a él.
        pagina.goto(f"{base}/guias/")
        pagina.locator("input.md-search__input").click()
        pagina.keyboard.type("factura rechazada", delay=20)
        pagina.wait_for_selector(".md-search-result__item", timeout=10000)
        primero = pagina.locator(".md-search-result__item a").first
        assert "/procedimientos/corregir-factura-rechazada/" in primero.get_attribute("href")
        primero.click()
        pagina.wait_for_url("**/corregir-factura-rechazada/**")
        assert pagina.locator("h1").inner_text().startswith("Corregir y reenviar")

        # El validador desde un enlace de formador; los enlaces del informe llevan a la regla y al paso.
        pagina.goto(f"{base}/validador/#ejemplo=factura-rechazada")
        pagina.wait_for_selector("[data-validador][data-estado=resultado]", timeout=ESPERA)
        assert pagina.get_attribute("[data-validador]", "data-arranque") == "instantanea"
        # La búsqueda también funciona en el validador (su worker queda en el alcance del service worker).
        pagina.locator("input.md-search__input").click()
        pagina.keyboard.type("plan de pagos", delay=20)
        pagina.wait_for_selector(".md-search-result__item", timeout=10000)
        pagina.keyboard.press("Escape")
        # Se abren en otra pestaña (el informe y lo cargado se quedan en esta), también sin conexión.
        regla = pagina.locator("[data-informe] [data-regla='NIT-001'] a[href*='/reglas/#']").first
        with contexto.expect_page() as nueva:
            regla.click()
        de_la_regla = nueva.value
        de_la_regla.wait_for_url("**/reglas/#nit-001")
        assert _en_pantalla(de_la_regla, "#nit-001")
        de_la_regla.close()
        assert pagina.get_attribute("[data-validador]", "data-estado") == "resultado"
        paso = pagina.locator("[data-informe] a[href*='/procedimientos/'][href*='#paso-']").first
        destino = paso.get_attribute("href")
        with contexto.expect_page() as nueva:
            paso.click()
        del_paso = nueva.value
        del_paso.on("pageerror", lambda e: errores.append(str(e)))
        del_paso.wait_for_url(destino)
        ancla = "#" + destino.split("#", 1)[1]
        assert _en_pantalla(del_paso, ancla)
        # La hoja de impresión también está: sin la navegación del sitio al imprimir.
        del_paso.emulate_media(media="print")
        assert del_paso.eval_on_selector(".md-header", "e => getComputedStyle(e).display") == "none"
        assert errores == []

        # Un enlace mal copiado, sin red: la página 404 del sitio (en español, con sus enlaces), no el error del
        # navegador (antes, net::ERR_FAILED).
        perdida = contexto.new_page()
        respuesta = perdida.goto(f"{base}/procedimientos/no-existe/")
        assert respuesta is not None and respuesta.status == 404
        assert perdida.locator("h1").inner_text() == "No encontramos esta página"
        perdida.locator(".md-content").get_by_role("link", name="Procedimientos paso a paso").click()
        perdida.wait_for_url(f"{base}/procedimientos/")
    finally:
        contexto.close()


def _cambiar_pagina(copia, ruta: str, marca: str, sw=None) -> None:
    """Una construcción nueva con una página cambiada: la página, sus comprimidos y /sw.js (que `sw`, si
    se da, recibe y devuelve cambiado)."""
    from scripts.construccion import construir, sin_conexion

    html = copia / ruta / "index.html"
    html.write_text(html.read_text(encoding="utf-8").replace("</h1>", f" {marca}</h1>", 1), encoding="utf-8")
    sin_conexion.escribir(copia)
    if sw:
        texto = (copia / "sw.js").read_text(encoding="utf-8")
        assert sw(texto) != texto
        (copia / "sw.js").write_text(sw(texto), encoding="utf-8")
    construir.comprimir(copia)


@pytest.fixture
def copia_servida(sitio, tmp_path):
    """Una copia del sitio que la prueba puede reconstruir (una versión nueva) y su servidor, que puede apagar."""
    from scripts.servidores import servidor as srv

    copia = tmp_path / "site"
    shutil.copytree(sitio, copia)
    s = srv.en_segundo_plano(copia, 0)
    yield copia, f"http://127.0.0.1:{s.server_address[1]}", s
    s.shutdown()


def _con_una_version_nueva_esperando(pagina, copia, base: str, sw=None) -> list[str]:
    """Visita un procedimiento, publica una versión nueva (dos páginas cambiadas; `sw` como en _cambiar_pagina)
    y recarga: se ve entera la versión guardada, la nueva se baja en segundo plano y se avisa. Devuelve las
    cachés de antes de la versión nueva."""
    pagina.goto(f"{base}{PROCEDIMIENTO}")
    pagina.wait_for_selector("html[data-sitio-sin-conexion=listo]", timeout=ESPERA)
    antes = pagina.evaluate("caches.keys()")
    _cambiar_pagina(copia, "procedimientos/registrar-pago", "(versión nueva)")
    _cambiar_pagina(copia, PROCEDIMIENTO.strip("/"), "(versión nueva)", sw=sw)
    pagina.reload()
    assert "(versión nueva)" not in pagina.locator("h1").inner_text()
    pagina.wait_for_selector("html[data-sitio-sin-conexion=nueva]", timeout=ESPERA)
    assert "versión nueva" in pagina.locator("[data-sin-conexion-aviso]").inner_text()
    return antes


def _recargar_hasta_la_nueva(pagina, destino: str | None = None) -> tuple[list[str], list[str]]:
    """Recarga (o va a `destino`) y espera la versión nueva; devuelve las navegaciones que hubo y los
    errores y advertencias de la consola (de todas las páginas que pasaron por la pestaña)."""
    navegaciones: list[str] = []
    pagina.on("request", lambda r: navegaciones.append(r.url) if r.is_navigation_request() else None)
    avisos: list[str] = []
    pagina.on("console", lambda m: avisos.append(m.text) if m.type in ("error", "warning") else None)
    if destino:
        pagina.goto(destino)
    else:
        pagina.reload()
    pagina.wait_for_function("() => document.querySelector('h1')?.textContent.includes('(versión nueva)')",
                             timeout=ESPERA)
    pagina.wait_for_timeout(500)
    return navegaciones, avisos


def test_una_version_nueva_reemplaza_la_copia_guardada_al_recargar(navegador, copia_servida):
    copia, base, s = copia_servida
    contexto = navegador.new_context()
    try:
        pagina = contexto.new_page()
        antes = _con_una_version_nueva_esperando(pagina, copia, base)

        # La recarga siguiente ya es la versión nueva (una recarga de más, no una tras otra), y la copia
        # vieja se borró.
        navegaciones, _ = _recargar_hasta_la_nueva(pagina)
        assert len(navegaciones) <= 2, navegaciones
        pagina.wait_for_selector("html[data-sitio-sin-conexion=listo]", timeout=ESPERA)
        despues = pagina.evaluate("caches.keys()")
        sitios = [c for c in despues if c.startswith("sitio-")]
        assert len(sitios) == 1 and sitios[0] not in antes, (antes, despues)

        # Y sin servidor, la otra página cambiada sale de la copia nueva.
        s.shutdown()
        s.server_close()
        pagina.goto(f"{base}/procedimientos/registrar-pago/")
        assert "(versión nueva)" in pagina.locator("h1").inner_text()
    finally:
        contexto.close()


def test_si_la_version_nueva_tarda_en_activarse_la_recarga_espera_y_no_se_repite(navegador, copia_servida):
    """Con la máquina ocupada, la versión nueva puede tardar en activarse después del aviso: la página que
    responde la versión anterior espera a la nueva y recarga una sola vez, en la misma dirección (ancla
    incluida). Antes recargaba enseguida, y cada recarga que llegaba antes de la activación volvía a la
    versión anterior, una tras otra, sin dejarla activarse."""
    copia, base, _ = copia_servida
    contexto = navegador.new_context()
    try:
        pagina = contexto.new_page()
        # La versión nueva tarda 1,5 s en aceptar el aviso de activarse (como en una máquina lenta).
        lenta = "evento.waitUntil(new Promise((r) => setTimeout(r, 1500)).then(() => self.skipWaiting()));"
        _con_una_version_nueva_esperando(pagina, copia, base,
                                         sw=lambda texto: texto.replace("self.skipWaiting();", lenta, 1))
        # Sigue el enlace a un paso de otro procedimiento (como desde una diapositiva): llega a ese paso. El último
        # paso, que no cabe en la pantalla sin desplazarse (con el paso 2, la prueba pasaba sin ir al ancla).
        navegaciones, avisos = _recargar_hasta_la_nueva(pagina, f"{base}/procedimientos/registrar-pago/#paso-4")
        assert len(navegaciones) == 2, navegaciones
        # La página intermedia recarga con un script que su propia CSP permite por su huella.
        assert not [a for a in avisos if "Content Security Policy" in a], avisos
        assert pagina.evaluate("location.hash") == "#paso-4"
        pagina.wait_for_function("() => { const r = document.getElementById('paso-4').getBoundingClientRect();"
                                 " return r.top >= 0 && r.top < innerHeight; }", timeout=ESPERA)
    finally:
        contexto.close()


def test_con_dos_pestanas_la_version_nueva_espera_y_no_se_mezcla(navegador, copia_servida):
    copia, base, _ = copia_servida
    contexto = navegador.new_context()
    try:
        una = contexto.new_page()
        una.goto(f"{base}/")
        una.wait_for_selector("html[data-sitio-sin-conexion=listo]", timeout=ESPERA)
        otra = contexto.new_page()
        otra.goto(f"{base}/guias/")
        _cambiar_pagina(copia, "procedimientos/registrar-pago", "(versión nueva)")
        una.reload()
        una.wait_for_selector("html[data-sitio-sin-conexion=nueva]", timeout=ESPERA)
        # Con otra pestaña abierta en la versión anterior, recargar sigue mostrando la anterior entera.
        una.reload()
        una.goto(f"{base}/procedimientos/registrar-pago/")
        assert "(versión nueva)" not in una.locator("h1").inner_text()
        # Cerradas las pestañas de la versión anterior, la nueva se activa.
        otra.close()
        una.close()
        tercera = contexto.new_page()
        tercera.goto(f"{base}/procedimientos/registrar-pago/")
        tercera.wait_for_function("() => document.querySelector('h1').textContent.includes('(versión nueva)')",
                                  timeout=ESPERA)
    finally:
        contexto.close()


def test_el_service_worker_anterior_del_validador_se_da_de_baja(navegador, sitio, propio):
    contexto = navegador.new_context()
    try:
        pagina = contexto.new_page()
        pagina.goto(f"{propio.base}/validador/")
        # Como lo dejó registrado el sitio anterior: /validador/sw.js con alcance /validador/.
        pagina.evaluate("navigator.serviceWorker.register('/validador/sw.js', { scope: '/validador/' })")
        pagina.reload()
        pagina.wait_for_selector("html[data-sitio-sin-conexion=listo]", timeout=ESPERA)
        pagina.wait_for_function(
            "navigator.serviceWorker.getRegistrations().then(rs => rs.map(r => new URL(r.scope).pathname).join() === '/')",
            timeout=ESPERA)
    finally:
        contexto.close()


def test_quien_tenia_el_validador_guardado_lo_conserva_y_la_instantanea_no_se_borra(navegador, sitio, propio):
    motor = sorted(p for p in _guardado(sitio) if p.startswith("/assets/validador/motor/"))
    contexto = navegador.new_context()
    try:
        pagina = contexto.new_page()
        # Como lo dejó el sitio anterior: el motor en una caché «validador-…» y la instantánea del worker.
        pagina.route("**/assets/js/sin-conexion.js", lambda r: r.fulfill(body="", content_type="text/javascript"))
        pagina.goto(f"{propio.base}/")
        pagina.evaluate("""async (motor) => {
            await (await caches.open("validador-anterior")).addAll(motor);
            await (await caches.open("motor-instantanea")).put("/instantanea-de-prueba", new Response("x"));
        }""", motor)
        pagina.unroute("**/assets/js/sin-conexion.js")
        pagina.reload()
        pagina.wait_for_selector("html[data-sitio-sin-conexion=listo]", timeout=ESPERA)
        cajas = pagina.evaluate("""async () => {
            const r = {};
            for (const n of await caches.keys()) r[n] = (await (await caches.open(n)).keys()).length;
            return r;
        }""")
        assert "validador-anterior" not in cajas and cajas["motor-instantanea"] == 1, cajas
        (guardado,) = [n for n in cajas if n.startswith("motor-archivos-")]
        assert cajas[guardado] == len(motor)
    finally:
        contexto.close()
