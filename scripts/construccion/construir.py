"""Construye el sitio estático: genera lo que viene de checker/, corre `mkdocs build --strict`, agrega el motor web
y el service worker, calcula las cabeceras de seguridad y escribe las versiones comprimidas (.br, .gz) de cada archivo.

Lo usan `make build` y las pruebas, para que ambos construyan exactamente lo mismo.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import cabeceras, generar, motor_web, sin_conexion

RAIZ = Path(__file__).resolve().parents[2]


def construir(destino: Path) -> Path:
    generar.main()
    entorno = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(destino)],
                   cwd=RAIZ, env=entorno, check=True)
    motor_web.instalar(destino)
    # En otro proceso: quien construye puede tener ya su propio Playwright corriendo (las pruebas).
    subprocess.run([sys.executable, "-m", "scripts.construccion.instantanea_sitio", str(destino)], cwd=RAIZ, check=True,
                   stdout=subprocess.DEVNULL)
    sin_conexion.escribir(destino)
    cabeceras.escribir(destino)  # al final: toma los scripts en línea de las páginas ya escritas
    comprimir(destino)
    return destino


def comprimir(destino: Path) -> None:
    """Versiones .br y .gz de cada archivo comprimible (ver comprimir.mjs, en esta carpeta)."""
    node = shutil.which("node")
    if node is None:
        raise SystemExit("Falta Node.js para comprimir el sitio (sudo apt-get install nodejs npm).")
    subprocess.run([node, str(Path(__file__).with_name("comprimir.mjs")), str(destino), str(RAIZ / "build" / "comprimidos")],
                   check=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--destino", type=Path, default=RAIZ / "site")
    construir(p.parse_args().destino.resolve())


if __name__ == "__main__":
    main()
