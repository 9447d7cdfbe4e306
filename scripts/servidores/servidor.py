"""Servidor estático del sitio construido, configurado como un alojamiento de producción.

- Sirve la versión precomprimida (`.br` o `.gz`, escritas por scripts/construccion/comprimir.mjs) según
  `Accept-Encoding`, con `Content-Encoding` y `Vary: Accept-Encoding`;
- tipos MIME correctos, incluido `application/wasm` (necesario para compilar en streaming);
- caché: inmutable por un año lo que lleva huella en el nombre o en la carpeta; `no-cache` (revalidar
  siempre) para el HTML, el manifiesto del motor y los scripts sin huella;
- las cabeceras de seguridad (CSP y demás) que la construcción escribió en `_headers`
  (scripts/construccion/cabeceras.py), en toda respuesta; `_headers` y `_cabeceras.nginx` no se sirven.
Solo escucha en 127.0.0.1. La configuración equivalente para nginx está en el README.
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import os
import re
import sys
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional

from scripts.construccion import cabeceras as seguridad

RAIZ = Path(__file__).resolve().parents[2]
INMUTABLE = "public, max-age=31536000, immutable"
REVALIDAR = "no-cache"
# Con huella: main.6f8fc17f.min.js (Material), ruedas/<sha256[:16]>/…, pyodide-<versión>-<huella>/…
_CON_HUELLA = re.compile(r"(\.[0-9a-f]{8,}\.(min\.)?(js|css)$)|(/ruedas/[0-9a-f]{16}/)|(/pyodide-[0-9.]+-[0-9a-f]{12}/)")
CODIFICACIONES = (("br", ".br"), ("gzip", ".gz"))


def cache_control(ruta_url: str) -> str:
    return INMUTABLE if _CON_HUELLA.search(ruta_url) else REVALIDAR


class Manejador(SimpleHTTPRequestHandler):
    cabeceras: dict[str, str] = seguridad.CABECERAS_FIJAS  # las del sitio, si trae `_headers` (crear())
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/zip",
        ".zip": "application/zip",
        ".xml": "application/xml",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
    }

    def end_headers(self) -> None:
        self.send_header("Cache-Control", cache_control(self.path.split("?", 1)[0]))
        for nombre, valor in self.cabeceras.items():
            self.send_header(nombre, valor)
        super().end_headers()

    def send_head(self):  # noqa: ANN201 - misma firma que SimpleHTTPRequestHandler
        ruta = self.translate_path(self.path)
        if os.path.basename(ruta) in (seguridad.HEADERS, seguridad.NGINX):
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        if os.path.isdir(ruta):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # redirección 301 a la carpeta con «/»
            ruta = os.path.join(ruta, "index.html")
        elegida = self._codificada(ruta)
        if elegida is None:
            return super().send_head()
        archivo, codificacion = elegida
        original = os.stat(ruta)
        if self._no_modificado(original.st_mtime):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        f = open(archivo, "rb")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(ruta))
        self.send_header("Content-Encoding", codificacion)
        self.send_header("Content-Length", str(os.fstat(f.fileno()).st_size))
        self.send_header("Last-Modified", self.date_time_string(original.st_mtime))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return f

    def send_error(self, code: int, message: Optional[str] = None, explain: Optional[str] = None) -> None:
        # Lo que no existe responde con la página «no encontrada» del sitio (en español), como en producción
        # (`error_page 404 /404.html` en nginx), no con la de Python en inglés.
        pagina = os.path.join(self.directory, "404.html")
        if code != HTTPStatus.NOT_FOUND or not os.path.isfile(pagina):
            super().send_error(code, message, explain)
            return
        with open(pagina, "rb") as f:
            cuerpo = f.read()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(cuerpo)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(cuerpo)

    def _codificada(self, ruta: str) -> Optional[tuple[str, str]]:
        if not os.path.isfile(ruta):
            return None
        aceptadas = {c.split(";")[0].strip() for c in self.headers.get("Accept-Encoding", "").split(",")}
        for codificacion, extension in CODIFICACIONES:
            if codificacion in aceptadas and os.path.isfile(ruta + extension):
                return ruta + extension, codificacion
        return None

    def _no_modificado(self, mtime: float) -> bool:
        desde = self.headers.get("If-Modified-Since")
        if not desde or self.headers.get("If-None-Match"):
            return False
        try:
            return int(mtime) <= email.utils.parsedate_to_datetime(desde).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False

    def log_message(self, formato: str, *args: object) -> None:  # silencioso: las pruebas leen su propia salida
        pass


class Servidor(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # noqa: ANN001 - firma de socketserver
        # El navegador corta pedidos que ya no necesita (una pestaña que se cierra, una respuesta que no
        # lee entera): no es un error del servidor y no se imprime. Los demás, sí.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def crear(directorio: Path, puerto: int = 8000) -> ThreadingHTTPServer:
    propias = seguridad.leer(Path(directorio))
    clase = type("ManejadorDelSitio", (Manejador,), {"cabeceras": propias or Manejador.cabeceras})
    manejador = functools.partial(clase, directory=str(directorio))
    return Servidor(("127.0.0.1", puerto), manejador)


def en_segundo_plano(directorio: Path, puerto: int = 0) -> ThreadingHTTPServer:
    servidor = crear(directorio, puerto)
    threading.Thread(target=servidor.serve_forever, daemon=True).start()
    return servidor


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--directorio", type=Path, default=RAIZ / "site")
    p.add_argument("--puerto", type=int, default=8000)
    args = p.parse_args()
    servidor = crear(args.directorio, args.puerto)
    print(f"Sitio en http://127.0.0.1:{servidor.server_address[1]}/  (Ctrl+C para terminar)", flush=True)
    try:
        servidor.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
