"""Construye el sitio estático: genera lo que viene de checker/, corre `mkdocs build --strict`, agrega el motor web
y escribe las versiones comprimidas (.br, .gz) de cada archivo.

Lo usan `make build` y las pruebas, para que ambos construyan exactamente lo mismo.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "scripts"))

import generar  # noqa: E402
import motor_web  # noqa: E402
import sin_conexion  # noqa: E402


def construir(destino: Path) -> Path:
    generar.main()
    entorno = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(destino)],
                   cwd=RAIZ, env=entorno, check=True)
    motor_web.instalar(destino)
    # En otro proceso: quien construye puede tener ya su propio Playwright corriendo (las pruebas).
    subprocess.run([sys.executable, str(RAIZ / "scripts" / "instantanea_sitio.py"), str(destino)], check=True,
                   stdout=subprocess.DEVNULL)
    sin_conexion.escribir(destino)
    comprimir(destino)
    return destino


def comprimir(destino: Path) -> None:
    """Versiones .br y .gz de cada archivo comprimible (ver scripts/comprimir.mjs)."""
    node = shutil.which("node")
    if node is None:
        raise SystemExit("Falta Node.js para comprimir el sitio (sudo apt-get install nodejs npm).")
    subprocess.run([node, str(RAIZ / "scripts" / "comprimir.mjs"), str(destino), str(RAIZ / "build" / "comprimidos")],
                   check=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--destino", type=Path, default=RAIZ / "site")
    construir(p.parse_args().destino.resolve())


if __name__ == "__main__":
    main()
