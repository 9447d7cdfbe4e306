"""make dev: el servidor de autoría arranca rápido, regenera lo que sale de checker/ y avisa que no trae el validador."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from checker import CATALOGO
from scripts.construccion import gancho_mkdocs

RAIZ = Path(__file__).resolve().parents[2]


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def autoria():
    puerto = _puerto_libre()
    proceso = subprocess.Popen([sys.executable, "-m", "scripts.servidores.autoria", "--puerto", str(puerto)], cwd=RAIZ,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    inicio, base = time.monotonic(), f"http://127.0.0.1:{puerto}"
    try:
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                if proceso.poll() is not None or time.monotonic() - inicio > 120:
                    pytest.fail(f"make dev no arrancó: {proceso.stderr.read().decode()[-2000:]}")
                time.sleep(0.1)
        yield base, time.monotonic() - inicio
    finally:
        os.killpg(proceso.pid, signal.SIGTERM)
        proceso.wait(timeout=30)


def _leer(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode("utf-8")


def test_el_servidor_de_autoria_sirve_la_primera_pagina_en_pocos_segundos(autoria):
    _, segundos = autoria
    assert segundos < 60  # ~4 s en la máquina de desarrollo (README); el margen es para CI con 2 núcleos ocupados


def test_la_pagina_de_reglas_se_genera_desde_checker(autoria):
    base, _ = autoria
    html = _leer(base + "/reglas/")
    assert all(f'id="{r.id.lower()}"' in html for r in CATALOGO.values())


def test_la_pagina_del_validador_dice_que_el_motor_no_esta_en_autoria(autoria):
    base, _ = autoria
    html = _leer(base + "/validador/")
    assert "El validador no está disponible en el modo de autoría" in html and "make serve" in html
    assert "livereload" in html  # la recarga en vivo de mkdocs serve


def test_el_aviso_de_autoria_solo_va_en_el_validador_y_solo_al_servir():
    class Pagina:
        class file:
            src_uri = "validador/index.md"

    gancho_mkdocs.on_startup("build", dirty=False)
    assert gancho_mkdocs.on_page_content("<p>x</p>", Pagina, None, None) == "<p>x</p>"
    gancho_mkdocs.on_startup("serve", dirty=False)
    try:
        assert gancho_mkdocs.on_page_content("<p>x</p>", Pagina, None, None).startswith(gancho_mkdocs.AVISO)
        Pagina.file.src_uri = "reglas.md"
        assert gancho_mkdocs.on_page_content("<p>x</p>", Pagina, None, None) == "<p>x</p>"
    finally:
        gancho_mkdocs.on_startup("build", dirty=False)
