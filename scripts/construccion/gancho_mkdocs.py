"""Gancho de MkDocs (`hooks:` en mkdocs.yml): regenera lo que sale de checker/ y del glosario antes de cada build.

Con él, `mkdocs serve` (make dev) recarga la página cuando cambia una regla, un término del glosario o
un paso: MkDocs vigila docs/, checker/ y scripts/construccion/ (`watch:`), y cada build corre generar.
Corre en otro proceso: el servidor de autoría ya importó checker y no vería la regla cambiada.
En `mkdocs serve` el motor del validador no se construye; la página del validador lo dice.
Zensical no corre ganchos de MkDocs (docs-dev/zensical.md): por eso generar es un script aparte.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]
AVISO = ('<div class="admonition warning" data-modo-autoria><p class="admonition-title">Modo de autoría</p>'
         "<p>El validador no está disponible en el modo de autoría (<code>make dev</code>): aquí no se construye "
         "su motor. Use <code>make serve</code> para probarlo.</p></div>\n")
_comando = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _comando
    _comando = command


def on_pre_build(config) -> None:  # noqa: ANN001 - MkDocsConfig; se evita importar la API de plugins
    r = subprocess.run([sys.executable, "-m", "scripts.construccion.generar"], cwd=RAIZ, capture_output=True, text=True)
    if r.returncode != 0:
        # En autoría, un error en una regla o en el glosario se muestra y el servidor sigue; al construir, para.
        mensaje = f"generar falló:\n{r.stderr.strip() or r.stdout.strip()}"
        if _comando != "serve":
            raise SystemExit(mensaje)
        print(mensaje, file=sys.stderr)


def on_page_content(html: str, page, config, files) -> str:  # noqa: ANN001
    if _comando == "serve" and page.file.src_uri == "validador/index.md":
        return AVISO + html
    return html
