"""Servidor estático del sitio construido, como lo serviría un alojamiento de producción.

Tipos MIME correctos (incluido `application/wasm`), caché larga para los archivos con huella en el
nombre y `no-cache` para el HTML. Solo escucha en 127.0.0.1.
"""

from __future__ import annotations

import argparse
import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
# Material pone una huella en el nombre de sus recursos: main.6f8fc17f.min.js
_CON_HUELLA = re.compile(r"\.[0-9a-f]{8,}\.(min\.)?(js|css)$")


class Manejador(SimpleHTTPRequestHandler):
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
    }

    def end_headers(self) -> None:
        self.send_header("Cache-Control", self._cache())
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def _cache(self) -> str:
        ruta = self.path.split("?", 1)[0]
        if _CON_HUELLA.search(ruta):
            return "public, max-age=31536000, immutable"
        if ruta.endswith("/") or ruta.endswith(".html"):
            return "no-cache"
        return "public, max-age=3600"

    def log_message(self, formato: str, *args: object) -> None:  # silencioso: las pruebas leen su propia salida
        pass


def crear(directorio: Path, puerto: int = 8000) -> ThreadingHTTPServer:
    manejador = functools.partial(Manejador, directory=str(directorio))
    return ThreadingHTTPServer(("127.0.0.1", puerto), manejador)


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
