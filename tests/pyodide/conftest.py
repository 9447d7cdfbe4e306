"""Lo común a las pruebas que corren el motor (o el código del worker) en Node."""

from __future__ import annotations

import os
import shutil

import pytest


@pytest.fixture(scope="module")
def node() -> str:
    ruta = shutil.which("node")
    if ruta is None:
        mensaje = "Falta Node.js para correr Pyodide (sudo apt-get install nodejs)."
        pytest.fail(mensaje) if os.environ.get("CI") == "true" else pytest.skip(mensaje)
    return ruta
