"""Escribe /validador/sw.js: el service worker del validador con su versión y su lista de precarga.

La lista sale del sitio construido: los recursos que enlaza la página del validador, el motor
(manifiesto, Pyodide, ruedas), los ejemplos, lo que usa la búsqueda y el sitemap (la navegación
instantánea de Material lo pide). La versión es la huella de
todo eso: cualquier cambio del sitio que afecte al validador da un service worker nuevo.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]
FUENTE = RAIZ / "overrides" / "validador" / "sw.js"
_RECURSO = re.compile(r'<(?:script|link)\b[^>]*?(?:src|href)="([^"#?]+)"')


def precarga(sitio: Path) -> list[str]:
    """Rutas (relativas a la raíz del sitio) de lo que el validador necesita sin conexión."""
    pagina = (sitio / "validador" / "index.html").read_text(encoding="utf-8")
    rutas = {"validador/"}
    for url in _RECURSO.findall(pagina):
        if "://" not in url:
            destino = (sitio / "validador" / url).resolve()
            if destino.is_file():
                rutas.add(destino.relative_to(sitio.resolve()).as_posix())
    motor = sitio / "assets" / "validador" / "motor"
    manifiesto = json.loads((motor / "manifiesto.json").read_text())
    rutas |= {"assets/validador/validador.js", "validador/trabajador.js", "validador/arranque.js"}
    rutas |= {p.relative_to(sitio).as_posix() for p in (motor / manifiesto["pyodide"]).iterdir() if p.suffix not in (".br", ".gz")}
    rutas |= {f"assets/validador/motor/{r['url']}" for r in manifiesto["ruedas"]}
    rutas |= {p.relative_to(sitio).as_posix() for p in (sitio / "assets" / "generado" / "ejemplos").rglob("*")
              if p.is_file() and p.suffix not in (".br", ".gz")}
    rutas |= {p.relative_to(sitio).as_posix() for p in (sitio / "assets" / "javascripts" / "workers").glob("*.js")}
    rutas |= {"sitemap.xml", "search/search_index.json", "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
              "assets/javascripts/lunr/min/lunr.es.min.js"}
    return sorted(r for r in rutas if r == "validador/" or (sitio / r).is_file())


def version(sitio: Path, rutas: list[str]) -> str:
    huella = hashlib.sha256(FUENTE.read_bytes())
    for ruta in rutas:
        archivo = sitio / ruta / "index.html" if ruta.endswith("/") else sitio / ruta
        huella.update(ruta.encode() + b"\0" + archivo.read_bytes())
    return huella.hexdigest()[:16]


def escribir(sitio: Path) -> str:
    rutas = precarga(sitio)
    v = version(sitio, rutas)
    # Rutas relativas a /validador/sw.js, para que el sitio funcione también bajo un subdirectorio.
    relativas = ["./" if r == "validador/" else f"../{r}" for r in rutas]
    cabecera = f"const VERSION = {json.dumps(v)};\nconst PRECACHE = {json.dumps(relativas, indent=1)};\n"
    # El tema ya copió la fuente a /validador/sw.js (su alcance es /validador/); aquí se le antepone la cabecera.
    (sitio / "validador" / "sw.js").write_text(cabecera + FUENTE.read_text(encoding="utf-8"), encoding="utf-8")
    return v
