"""Escribe /sw.js: el service worker del sitio entero con su versión y sus dos listas de precarga.

- SITIO: cada página y recurso del sitio construido con la huella de su contenido (el service worker
  la comprueba al guardarlo), salvo el motor del validador, los mapas de fuente, las versiones
  comprimidas y los idiomas de lunr que la búsqueda no usa.
- MOTOR: los archivos del motor del validador (Pyodide y ruedas), que se guardan solo cuando se abre
  el validador, en una caché con su propia huella (un sitio nuevo con el mismo motor no lo vuelve a bajar).
La versión es la huella de todo eso y de la fuente del service worker: cualquier cambio del sitio da
un service worker nuevo. /validador/sw.js (el de antes, solo del validador) se publica tal cual:
se da de baja solo.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]
FUENTE = RAIZ / "overrides" / "sw.js"
MOTOR_DIR = "assets/validador/motor/"
LUNR = "assets/javascripts/lunr/"
_FUERA = (".br", ".gz", ".map")
_NO_SE_GUARDAN = {"sw.js", "validador/sw.js", "sitemap.xml.gz", "_headers", "_cabeceras.nginx"}  # cabeceras: no se sirven


def huella(datos: bytes) -> str:
    """La misma que calcula el service worker: SHA-256, 16 cifras hexadecimales."""
    return hashlib.sha256(datos).hexdigest()[:16]


def _lunr_usados(sitio: Path) -> set[str]:
    """Los archivos de idioma que pide el worker de búsqueda de Material según los idiomas del índice."""
    idiomas = json.loads((sitio / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["lang"]
    usados = {f"{LUNR}min/lunr.{i}.min.js" for i in idiomas if i != "en"}
    if usados:
        usados.add(f"{LUNR}min/lunr.stemmer.support.min.js")
    if len(idiomas) > 1:
        usados.add(f"{LUNR}min/lunr.multi.min.js")
    if "ja" in idiomas or "jp" in idiomas:
        usados.add(f"{LUNR}tinyseg.js")
    if "th" in idiomas:
        usados.add(f"{LUNR}wordcut.js")
    return usados


def archivos_del_sitio(sitio: Path) -> list[str]:
    """Rutas (relativas a la raíz) de todo lo que el sitio necesita sin conexión, sin el motor."""
    lunr = _lunr_usados(sitio)
    rutas = []
    for archivo in sitio.rglob("*"):
        ruta = archivo.relative_to(sitio).as_posix()
        if (not archivo.is_file() or archivo.suffix in _FUERA or ruta in _NO_SE_GUARDAN
                or ruta.startswith(MOTOR_DIR) or (ruta.startswith(LUNR) and ruta not in lunr)):
            continue
        rutas.append(ruta)
    return sorted(rutas)


def url(ruta: str) -> str:
    """La URL (relativa a /sw.js) con que se pide una ruta: las páginas, por su carpeta."""
    if ruta == "index.html":
        return "./"
    return ruta.removesuffix("index.html") if ruta.endswith("/index.html") else ruta


def precarga(sitio: Path) -> list[tuple[str, str]]:
    """[url, huella] de cada archivo del sitio que se guarda después de la primera visita."""
    return [(url(r), huella((sitio / r).read_bytes())) for r in archivos_del_sitio(sitio)]


def motor(sitio: Path) -> list[str]:
    """Rutas de los archivos del motor que el worker del validador pide (según su manifiesto)."""
    carpeta = sitio / MOTOR_DIR
    manifiesto = json.loads((carpeta / "manifiesto.json").read_text())
    rutas = {p.relative_to(sitio).as_posix() for p in (carpeta / manifiesto["pyodide"]).iterdir()
             if p.suffix not in (".br", ".gz")}
    rutas |= {f"{MOTOR_DIR}{r['url']}" for r in manifiesto["ruedas"]}
    return sorted(rutas)


def _lista(elementos: list) -> str:
    return "[\n" + ",\n".join(json.dumps(e) for e in elementos) + "\n]"


def escribir(sitio: Path) -> str:
    """Publica /sw.js con su cabecera y devuelve la versión."""
    entradas = precarga(sitio)
    rutas_motor = motor(sitio)
    h_motor = hashlib.sha256()
    for ruta in rutas_motor:
        h_motor.update(ruta.encode() + b"\0" + (sitio / ruta).read_bytes())
    version_motor = h_motor.hexdigest()[:16]
    h = hashlib.sha256(FUENTE.read_bytes() + version_motor.encode())
    for ruta, hu in entradas:
        h.update(f"{ruta}\0{hu}\n".encode())
    v = h.hexdigest()[:16]
    cabecera = (f"const VERSION = {json.dumps(v)};\nconst SITIO = {_lista(entradas)};\n"
                f"const MOTOR_VERSION = {json.dumps(version_motor)};\nconst MOTOR = {_lista(rutas_motor)};\n")
    (sitio / "sw.js").write_text(cabecera + FUENTE.read_text(encoding="utf-8"), encoding="utf-8")
    return v
