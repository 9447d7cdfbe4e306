"""Las pruebas de red ven también lo que pide el worker: si no, las de privacidad no probarían nada."""


def test_el_registro_de_red_ve_los_pedidos_del_worker(pagina, servidor):
    vistos = []
    pagina.context.on("request", lambda r: vistos.append(r.url))
    pagina.goto(f"{servidor}/validador/")
    pagina.wait_for_selector("[data-validador][data-estado=listo]", timeout=60_000)
    for red in (vistos, pagina.red.pedidos):
        assert any(u.endswith("/pyodide.mjs") for u in red)  # lo importa el worker
        assert any(u.endswith("pyodide.asm.wasm") for u in red)
        assert any("/ruedas/" in u and u.endswith(".whl") for u in red)
