"""Chromium de Debian manejado por Playwright, con registro de todo pedido de red."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from scripts.entorno.navegador import ARGUMENTOS, FALTA, chromium


@pytest.fixture(scope="session")
def navegador():
    ruta = chromium()
    if ruta is None:
        if os.environ.get("CI") == "true":
            pytest.fail(FALTA)
        pytest.skip(FALTA)
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
    # Los que pidió el service worker (también están en `pedidos`): la copia del sitio sin conexión,
    # que baja en segundo plano después de la primera visita.
    de_fondo: list[str] = field(default_factory=list)


@pytest.fixture
def contexto(navegador, servidor):
    ctx = navegador.new_context(viewport={"width": 1280, "height": 900}, locale="es-CO",
                                permissions=["clipboard-read", "clipboard-write"])
    red = Red()

    def enrutar(route):
        url = route.request.url
        red.pedidos.append(url)
        if route.request.service_worker is not None:
            red.de_fondo.append(url)
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
def telefono(navegador):
    """Una página en un teléfono: 390 × 844, táctil."""
    ctx = navegador.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="es-CO")
    yield ctx.new_page()
    ctx.close()


@pytest.fixture
def pagina(contexto):
    page = contexto.new_page()
    errores: list[str] = []
    page.on("pageerror", lambda e: errores.append(str(e)))
    page.errores = errores
    page.red = contexto.red
    yield page
