"""Chromium de Debian manejado por Playwright, con registro de todo pedido de red."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest

ARGUMENTOS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--disable-default-apps"]


def _chromium() -> str | None:
    for nombre in ("chromium", "chromium-browser"):
        if ruta := shutil.which(nombre):
            return ruta
    return None


@pytest.fixture(scope="session")
def navegador():
    ruta = _chromium()
    if ruta is None:
        mensaje = "Falta Chromium: instálelo con «sudo apt-get install chromium» (make test lo intenta solo)."
        if os.environ.get("CI") == "true":
            pytest.fail(mensaje)
        pytest.skip(mensaje)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=ruta, headless=True, args=ARGUMENTOS)
        yield b
        b.close()


@dataclass
class Red:
    """Lo que pidió la página: cada URL, y las que intentaron salir de 127.0.0.1 (bloqueadas)."""

    pedidos: list[str] = field(default_factory=list)
    externos: list[str] = field(default_factory=list)


@pytest.fixture
def contexto(navegador, servidor):
    ctx = navegador.new_context(viewport={"width": 1280, "height": 900}, locale="es-CO",
                                permissions=["clipboard-read", "clipboard-write"])
    red = Red()

    def enrutar(route):
        url = route.request.url
        red.pedidos.append(url)
        if urlparse(url).hostname not in ("127.0.0.1",) and not url.startswith(("data:", "blob:")):
            red.externos.append(url)
            route.abort()
        else:
            route.continue_()

    ctx.route("**/*", enrutar)
    ctx.red = red
    yield ctx
    ctx.close()


@pytest.fixture
def pagina(contexto):
    page = contexto.new_page()
    errores: list[str] = []
    page.on("pageerror", lambda e: errores.append(str(e)))
    page.errores = errores
    page.red = contexto.red
    yield page
