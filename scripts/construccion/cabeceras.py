"""Las cabeceras de seguridad del sitio, calculadas al construir: una CSP que solo permite el propio sitio.

Los scripts en línea (los del tema y los del validador) se permiten por la huella SHA-256 de su
texto, tomada de todas las páginas construidas: quien agregue uno no tiene que tocar nada aquí.
Escribe en la raíz del sitio:
- `_headers`: ruta y cabeceras (el formato de Netlify y Cloudflare Pages); lo lee scripts/servidores/servidor.py;
- `_cabeceras.nginx`: las mismas, como líneas `add_header … always;` que incluye la configuración de nginx del README.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

HEADERS = "_headers"
NGINX = "_cabeceras.nginx"
# Scripts que el navegador ejecuta; un bloque de datos (`type="application/json"`, el __config de
# Material) no se ejecuta y la CSP no lo mira.
_EJECUTABLES = {"", "text/javascript", "application/javascript", "module"}
_SCRIPT = re.compile(r"<script(?P<atributos>[^>]*)>(?P<texto>.*?)</script>", re.S | re.I)
_TIPO = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)

# Lo que no depende de las páginas. Por qué cada cosa:
# - 'wasm-unsafe-eval': compilar el WebAssembly de Pyodide (sin él, «CompileError: … violates the following
#   Content Security policy» en el worker y el motor no arranca); no permite eval ni new Function, que
#   Pyodide no usa (el validador funciona sin 'unsafe-eval', probado en Chromium).
# - worker-src 'self': el worker del motor, el de búsqueda y el service worker, todos del sitio.
# - style-src 'self', sin 'unsafe-inline': ni el HTML del tema ni el del validador llevan atributos
#   style ni <style> (medido en Chromium con todas las páginas y el validador: ninguna violación). Un
#   script que cambie estilos debe usar clases o `elemento.style.…` (CSSOM, que la CSP no bloquea),
#   no `setAttribute("style", …)` ni `style="…"` dentro de innerHTML.
# - img-src data:: los íconos del tema van como SVG en `data:` dentro del CSS.
# - frame-ancestors 'none': nadie puede meter el sitio en un marco (ni el formulario del validador).
POLITICA_FIJA = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "worker-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Referrer-Policy no-referrer: el sitio no necesita saber de dónde viene nadie, y al seguir un enlace a
# una fuente (SECOP II, DIAN) esa página no se entera de qué procedimiento leía el ciudadano.
# Permissions-Policy: nada de lo que el sitio no usa (portapapeles sí: «Copiar enlace»).
CABECERAS_FIJAS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": ", ".join(f"{f}=()" for f in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "hid", "magnetometer",
        "microphone", "midi", "payment", "serial", "usb")),
}


def scripts_en_linea(html: str) -> list[str]:
    """El texto de cada `<script>` en línea que el navegador ejecutaría."""
    encontrados = []
    for m in _SCRIPT.finditer(html):
        atributos = m["atributos"]
        if re.search(r"\bsrc\s*=", atributos, re.I):
            continue
        tipo = _TIPO.search(atributos)
        if (tipo[1].lower() if tipo else "") in _EJECUTABLES:
            encontrados.append(m["texto"])
    return encontrados


def huella(texto: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(texto.encode("utf-8")).digest()).decode() + "'"


def huellas(sitio: Path) -> list[str]:
    """Las huellas de todos los scripts en línea de todas las páginas, sin repetir y en orden estable."""
    return sorted({huella(t) for pagina in sitio.rglob("*.html") for t in scripts_en_linea(pagina.read_text(encoding="utf-8"))})


def politica(sitio: Path) -> str:
    directivas = {**POLITICA_FIJA, "script-src": [*POLITICA_FIJA["script-src"], *huellas(sitio)]}
    return "; ".join(f"{nombre} {' '.join(valores)}" for nombre, valores in directivas.items())


def cabeceras(sitio: Path) -> dict[str, str]:
    return {"Content-Security-Policy": politica(sitio), **CABECERAS_FIJAS}


def escribir(sitio: Path) -> dict[str, str]:
    """Escribe `_headers` y `_cabeceras.nginx` en la raíz del sitio; devuelve las cabeceras."""
    todas = cabeceras(sitio)
    (sitio / HEADERS).write_text("/*\n" + "".join(f"  {k}: {v}\n" for k, v in todas.items()), encoding="utf-8")
    (sitio / NGINX).write_text(
        "# Generado por scripts/construccion/cabeceras.py al construir: incluir en cada location (README).\n"
        + "".join(f"add_header {k} \"{v}\" always;\n" for k, v in todas.items()), encoding="utf-8")
    return todas


def leer(sitio: Path) -> dict[str, str]:
    """Las cabeceras de `_headers` (solo el bloque `/*`, el único que se escribe); vacío si no existe."""
    archivo = sitio / HEADERS
    if not archivo.is_file():
        return {}
    resultado, en_todo = {}, False
    for linea in archivo.read_text(encoding="utf-8").splitlines():
        if linea and not linea[0].isspace():
            en_todo = linea.strip() == "/*"
        elif en_todo and ":" in linea:
            nombre, valor = linea.strip().split(":", 1)
            resultado[nombre.strip()] = valor.strip()
    return resultado
