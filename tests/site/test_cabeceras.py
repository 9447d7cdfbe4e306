"""Cabeceras del sitio servido como en producción: compresión, tipos, caché y seguridad."""

from __future__ import annotations

import gzip
import json
import re
import urllib.request
from pathlib import Path

import pytest


def _pedir(url: str, codificacion: str | None = "br, gzip", **cabeceras: str):
    pedido = urllib.request.Request(url, headers={**({"Accept-Encoding": codificacion} if codificacion else {}), **cabeceras})
    try:
        with urllib.request.urlopen(pedido) as r:
            return r.status, r.headers, r.read()  # sin distinguir mayúsculas, como HTTP
    except urllib.error.HTTPError as e:
        return e.code, e.headers, b""


@pytest.fixture(scope="module")
def motor(servidor, sitio):
    manifiesto = json.loads((sitio / "assets/validador/motor/manifiesto.json").read_text())
    return f"{servidor}/assets/validador/motor/", manifiesto


def test_el_wasm_va_en_brotli_con_su_tipo_y_cache_inmutable(motor):
    base, m = motor
    estado, h, cuerpo = _pedir(base + m["pyodide"] + "pyodide.asm.wasm")
    assert estado == 200 and h["Content-Type"] == "application/wasm" and h["Content-Encoding"] == "br"
    assert h["Vary"] == "Accept-Encoding" and h["Cache-Control"] == "public, max-age=31536000, immutable"
    assert int(h["Content-Length"]) == len(cuerpo) < 4_000_000


def test_sin_brotli_se_sirve_gzip_y_sin_compresion_el_original(motor):
    base, m = motor
    url = base + m["pyodide"] + "pyodide.asm.wasm"
    _, h, cuerpo = _pedir(url, "gzip")
    assert h["Content-Encoding"] == "gzip" and gzip.decompress(cuerpo)[:4] == b"\0asm"
    _, h, cuerpo = _pedir(url, None)
    assert "Content-Encoding" not in h and cuerpo[:4] == b"\0asm" and h["Content-Type"] == "application/wasm"


def test_las_ruedas_con_huella_son_inmutables_y_el_manifiesto_se_revalida(motor):
    base, m = motor
    for rueda in m["ruedas"]:
        _, h, _ = _pedir(base + rueda["url"])
        assert h["Cache-Control"].endswith("immutable") and h["Content-Type"] == "application/zip"
    _, h, _ = _pedir(base + "manifiesto.json")
    assert h["Cache-Control"] == "no-cache" and h["Content-Type"] == "application/json"


def test_el_html_va_comprimido_y_se_revalida(servidor):
    estado, h, _ = _pedir(f"{servidor}/validador/")
    assert estado == 200 and h["Content-Type"].startswith("text/html") and h["Content-Encoding"] == "br"
    assert h["Cache-Control"] == "no-cache"
    estado, _, _ = _pedir(f"{servidor}/validador/", **{"If-Modified-Since": h["Last-Modified"]})
    assert estado == 304


def test_los_recursos_de_material_con_huella_son_inmutables(servidor, sitio):
    [bundle] = (sitio / "assets/javascripts").glob("bundle.*.min.js")
    _, h, _ = _pedir(f"{servidor}/assets/javascripts/{bundle.name}")
    assert h["Cache-Control"].endswith("immutable") and h["Content-Type"] == "text/javascript"


def test_los_modulos_js_se_sirven_como_javascript(servidor, motor):
    base, m = motor
    _, h, _ = _pedir(base + m["pyodide"] + "pyodide.mjs")
    assert h["Content-Type"] == "text/javascript"
    _, h, _ = _pedir(f"{servidor}/validador/trabajador.js")
    assert h["Content-Type"] == "text/javascript" and h["Cache-Control"] == "no-cache"


# -- Cabeceras de seguridad (scripts/construccion/cabeceras.py) -------------------------------------------------

def _politica(texto: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in texto.split(";") if d.strip()}


def test_toda_respuesta_lleva_las_cabeceras_de_seguridad_del_sitio(servidor, sitio, motor):
    from scripts.construccion import cabeceras

    esperadas = cabeceras.leer(sitio)
    assert set(esperadas) == {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"}
    base, m = motor
    # La página, el script del worker (su CSP es la de su propia respuesta), el wasm, un 304 y un 404.
    _, h304, _ = _pedir(f"{servidor}/validador/")
    for url, extra in ((f"{servidor}/validador/", {}), (f"{servidor}/validador/trabajador.js", {}),
                       (base + m["pyodide"] + "pyodide.asm.wasm", {}), (f"{servidor}/no-existe/", {}),
                       (f"{servidor}/validador/", {"If-Modified-Since": h304["Last-Modified"]})):
        _, h, _ = _pedir(url, **extra)
        assert {k: h[k] for k in esperadas} == esperadas, url


def test_la_csp_solo_permite_el_propio_sitio_y_cada_script_en_linea_por_su_huella(sitio):
    from scripts.construccion import cabeceras

    p = _politica(cabeceras.leer(sitio)["Content-Security-Policy"])
    assert p["default-src"] == ["'self'"] and p["object-src"] == ["'none'"] and p["frame-ancestors"] == ["'none'"]
    assert p["style-src"] == ["'self'"] and p["connect-src"] == ["'self'"] and p["worker-src"] == ["'self'"]
    fuentes = set(p["script-src"])
    assert {"'unsafe-inline'", "'unsafe-eval'", "data:", "blob:", "*"}.isdisjoint(fuentes)
    en_linea = [(html, t) for html in sitio.rglob("*.html") for t in cabeceras.scripts_en_linea(html.read_text(encoding="utf-8"))]
    assert len(en_linea) > 40  # el tema pone scripts en línea en cada página
    sin_huella = [str(html.relative_to(sitio)) for html, t in en_linea if cabeceras.huella(t) not in fuentes]
    assert sin_huella == []
    assert fuentes - {cabeceras.huella(t) for _, t in en_linea} == {"'self'", "'wasm-unsafe-eval'"}


def test_solo_los_scripts_que_se_ejecutan_necesitan_huella():
    from scripts.construccion.cabeceras import scripts_en_linea

    html = ('<script>a()</script><script type="module">b()</script><script id="__config" type="application/json">{}</script>'
            '<script src="x.js"></script><SCRIPT type="text/javascript">\nc()\n</SCRIPT>')
    assert scripts_en_linea(html) == ["a()", "b()", "\nc()\n"]


def test_los_archivos_de_cabeceras_no_se_sirven(servidor):
    for nombre in ("_headers", "_cabeceras.nginx"):
        estado, _, _ = _pedir(f"{servidor}/{nombre}")
        assert estado == 404


def test_la_configuracion_de_nginx_documentada_pone_las_cabeceras_en_cada_location(sitio):
    from scripts.construccion import cabeceras

    guia = (Path(__file__).resolve().parents[2] / "docs-dev" / "produccion.md").read_text(encoding="utf-8")
    [nginx] = re.findall(r"```nginx\n(.*?)```", guia, re.S)
    # En nginx, un add_header dentro de un location anula los del server: el archivo va en cada uno.
    locations = re.findall(r"location [^{]*\{(.*?)\n    \}", nginx, re.S)
    assert locations and all(f"include {'/srv/pagos-secop-ii/site/'}{cabeceras.NGINX};" in cuerpo for cuerpo in locations)
    lineas = (sitio / cabeceras.NGINX).read_text(encoding="utf-8").splitlines()[1:]
    assert lineas == [f'add_header {k} "{v}" always;' for k, v in cabeceras.leer(sitio).items()]


def test_un_pedido_que_el_navegador_corta_no_ensucia_la_salida_y_otro_error_si(tmp_path, capsys):
    from scripts.servidores import servidor as srv

    s = srv.crear(tmp_path, 0)
    try:
        for error in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset")):
            try:
                raise error
            except ConnectionError:
                s.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("otro error")
        except ValueError:
            s.handle_error(None, ("127.0.0.1", 1))
        assert "ValueError: otro error" in capsys.readouterr().err
    finally:
        s.server_close()


def test_lo_que_no_existe_responde_404_con_la_pagina_del_sitio_en_espanol(servidor):
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"{servidor}/procedimientos/no-existe/")
    assert error.value.code == 404 and error.value.headers["Content-Type"].startswith("text/html")
    cuerpo = error.value.read().decode("utf-8")
    assert "No encontramos esta página" in cuerpo and "Not found" not in cuerpo and 'lang="es"' in cuerpo
    assert "Content-Security-Policy" in error.value.headers


def test_la_direccion_publica_se_da_al_construir(monkeypatch):
    # Los enlaces canónicos y sitemap.xml llevan site_url: al publicar se construye con SITE_URL.
    from mkdocs.config import load_config

    raiz = Path(__file__).resolve().parents[2]
    monkeypatch.setenv("SITE_URL", "https://pagos.example.org/")
    assert load_config(str(raiz / "mkdocs.yml")).site_url == "https://pagos.example.org/"
    monkeypatch.delenv("SITE_URL")
    assert load_config(str(raiz / "mkdocs.yml")).site_url == "http://127.0.0.1:8000/"
