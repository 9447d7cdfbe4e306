"""Sin conexión: después de una visita, /validador/ recarga y valida con la red cortada.

La red se corta con `context.set_offline(True)` y, además, se apaga el servidor: nada que no
responda el service worker puede llegar.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

ESPERA = 60_000


def _precarga(sitio) -> set[str]:
    texto = (sitio / "validador" / "sw.js").read_text(encoding="utf-8")
    lista = re.search(r"const PRECACHE = (\[.*?\]);", texto, re.S).group(1)
    return {"/validador/" if r == "./" else "/" + r.removeprefix("../") for r in re.findall(r'"([^"]+)"', lista)}


def test_despues_de_una_visita_valida_sin_conexion(navegador, sitio):
    import servidor as srv

    propio = srv.en_segundo_plano(sitio, 0)
    servidor = f"http://127.0.0.1:{propio.server_address[1]}"
    contexto = navegador.new_context()
    pagina = contexto.new_page()
    vistos: list[str] = []
    contexto.on("request", lambda r: vistos.append(r.url))
    pagina.goto(f"{servidor}/validador/")
    pagina.wait_for_selector("[data-validador][data-sin-conexion=listo]", timeout=ESPERA)
    assert "sin conexión" in pagina.locator("[data-progreso]").inner_text()
    pagina.wait_for_selector("[data-validador][data-instantanea=guardada]", timeout=ESPERA)

    # Todo lo que la página pidió en línea está en la precarga (si no, sin red faltaría).
    pedidos = {urlparse(u).path for u in vistos if u.startswith(servidor)}
    # La instantánea del sitio (primera visita con red rápida) no: sin red se usa la guardada en el equipo.
    faltan = {p for p in pedidos if not p.endswith(("/sw.js", ".bin"))} - _precarga(sitio)
    assert faltan == set()

    contexto.set_offline(True)
    propio.shutdown()
    propio.server_close()  # desde aquí, cualquier pedido que llegue a la red falla
    try:
        pagina.goto(f"{servidor}/validador/#ejemplo=factura-rechazada")
        pagina.reload()
        pagina.wait_for_selector("[data-validador][data-estado=resultado]", timeout=ESPERA)
        # Sin red, el motor arranca de la instantánea guardada en este equipo.
        assert pagina.get_attribute("[data-validador]", "data-arranque") == "instantanea"
        informe = pagina.locator("[data-informe]")
        assert informe.get_attribute("data-aprobable") == "false"
        assert "NIT-001" in informe.locator("[data-regla]").evaluate_all("xs => xs.map(x => x.dataset.regla)")
        # Y el formulario sigue validando casos nuevos sin red.
        pagina.locator("[data-archivo-json]").set_input_files(str(sitio / "assets/generado/ejemplos/tipica.json"))
        pagina.wait_for_function("document.querySelector(\"[name='factura.proveedor.dv']\").value === '7'")
        pagina.locator("[data-validar]").click()
        pagina.wait_for_function("document.querySelector('[data-informe]').dataset.aprobable === 'true'", timeout=ESPERA)
    finally:
        contexto.close()
