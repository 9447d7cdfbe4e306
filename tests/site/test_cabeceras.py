"""Cabeceras del sitio servido como en producción: compresión, tipos y caché."""

from __future__ import annotations

import gzip
import json
import urllib.request

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
