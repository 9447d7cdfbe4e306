"""Cómo se lanza el Chromium de Debian en este proyecto (pruebas de navegador y benchmark)."""

from __future__ import annotations

import shutil
from typing import Optional

# Sin sandbox (corre como root en CI) y sin tráfico de fondo: en esta red cerrada, Chromium intenta
# conexiones que se rechazan o quedan colgadas.
ARGUMENTOS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--disable-default-apps"]
FALTA = "Falta Chromium: instálelo con «sudo apt-get install chromium» (make test lo intenta solo)."


def chromium() -> Optional[str]:
    """Ruta del ejecutable de Chromium, o None si no está instalado."""
    return shutil.which("chromium") or shutil.which("chromium-browser")
