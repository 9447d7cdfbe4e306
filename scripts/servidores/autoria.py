"""Servidor de autoría (make dev): `mkdocs serve` con recarga en vivo, para escribir una página y verla al guardar.

Vigila docs/, overrides/ (el tema), checker/ y scripts/construccion/; antes de cada build el gancho
scripts/construccion/gancho_mkdocs.py regenera la página de reglas, las abreviaturas del glosario y
el formulario. Sin modo estricto: un enlace roto se avisa en la terminal y el servidor sigue (make
test sí falla). El motor del validador no se construye aquí (tarda y no hace falta para escribir):
la página del validador lo dice; para probarlo, make serve.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--puerto", type=int, default=8000)
    args = p.parse_args()
    orden = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{args.puerto}", "--watch-theme", "--no-strict"]
    # El proceso pasa a ser mkdocs (exec): Ctrl+C o una señal lo terminan a él, sin dejar un servidor huérfano.
    os.chdir(RAIZ)
    os.execve(sys.executable, orden, {**os.environ, "NO_MKDOCS_2_WARNING": "1"})


if __name__ == "__main__":
    main()
