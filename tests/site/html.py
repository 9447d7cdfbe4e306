"""Lectura mínima del HTML construido (biblioteca estándar): ids, enlaces, recursos y abreviaturas."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse


@dataclass
class Pagina:
    ruta: Path
    ids: set[str] = field(default_factory=set)
    enlaces: list[str] = field(default_factory=list)  # <a href>
    recursos: list[tuple[str, str]] = field(default_factory=list)  # (etiqueta, url) que el navegador descarga
    abreviaturas: dict[str, str] = field(default_factory=dict)  # texto -> title
    h2: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (id, atributos)
    texto_por_id: dict[str, str] = field(default_factory=dict)  # texto de cada sección h2 con id


class _Lector(HTMLParser):
    def __init__(self, pagina: Pagina):
        super().__init__(convert_charrefs=True)
        self.p = pagina
        self._abbr: str | None = None
        self._seccion: str | None = None
        self._en_main = 0

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.p.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.p.enlaces.append(a["href"])
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.p.recursos.append((tag, a["src"]))
        if tag == "link" and a.get("href") and a.get("rel") not in ("canonical", "alternate", "prev", "next"):
            self.p.recursos.append((tag, a["href"]))
        if tag == "abbr":
            self._abbr = a.get("title", "")
        if tag == "h2" and a.get("id"):
            self.p.h2.append((a["id"], a))
            self._seccion = a["id"]
            self.p.texto_por_id[self._seccion] = ""

    def handle_endtag(self, tag):
        if tag == "abbr":
            self._abbr = None
        if tag == "article":
            self._seccion = None

    def handle_data(self, data):
        if self._abbr is not None:
            self.p.abreviaturas[data.strip()] = self._abbr
        if self._seccion is not None:
            self.p.texto_por_id[self._seccion] += data


def leer(ruta: Path) -> Pagina:
    pagina = Pagina(ruta)
    _Lector(pagina).feed(ruta.read_text(encoding="utf-8"))
    return pagina


def paginas(sitio: Path) -> dict[str, Pagina]:
    """Cada página HTML del sitio por su URL relativa (`procedimientos/registrar-pago/`)."""
    resultado = {}
    for html in sorted(sitio.rglob("*.html")):
        rel = html.relative_to(sitio).as_posix()
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        resultado[url] = leer(html)
    return resultado


BASE = "http://127.0.0.1:8000/"
_EXTERNO = ("http", "https", "mailto", "data")


def _destino(sitio: Path, url_pagina: str, href: str) -> tuple[Path, str]:
    absoluta = urlparse(urljoin(BASE + url_pagina, href))
    ruta = unquote(absoluta.path).lstrip("/")
    archivo = sitio / ruta
    if ruta == "" or ruta.endswith("/"):
        archivo = archivo / "index.html"
    return archivo, absoluta.fragment


def enlaces_rotos(sitio: Path, todas: dict[str, Pagina]) -> list[str]:
    """Cada enlace o recurso interno que no lleva a un archivo, o a un ancla que no existe en su página."""
    rotos = []
    for url, pagina in todas.items():
        for href in pagina.enlaces + [u for _, u in pagina.recursos]:
            if urlparse(href).scheme in _EXTERNO or href.startswith("//"):
                continue
            archivo, ancla = _destino(sitio, url, href)
            if not archivo.is_file():
                rotos.append(f"{url}: {href} (no existe {archivo.relative_to(sitio)})")
            elif ancla.startswith("ejemplo="):  # estado del validador: el caso de ejemplo debe existir
                if not (sitio / "assets" / "generado" / "ejemplos" / f"{ancla[len('ejemplo='):]}.json").is_file():
                    rotos.append(f"{url}: {href} (no existe el ejemplo)")
            elif ancla and archivo.suffix == ".html":
                destino = todas.get(archivo.relative_to(sitio).as_posix().removesuffix("index.html"))
                if destino is None or ancla not in destino.ids:
                    rotos.append(f"{url}: {href} (no existe el ancla #{ancla})")
    return rotos
