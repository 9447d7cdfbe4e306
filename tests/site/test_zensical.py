"""Zensical, el sucesor de Material for MkDocs, construye los mismos docs/ desde el mismo mkdocs.yml.

Se compara con la construcción de Material (el accesorio `sitio`, que además corre generar): cada
página, cada ancla explícita de las fuentes (`{ #paso-N }`, las reglas, el glosario…), las
abreviaturas del glosario, y que ningún enlace interno lleve a un ancla que no existe. Lo que aún
no pasa a Zensical está en docs-dev/zensical.md.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker import CATALOGO
from tests.site.html import Pagina, enlaces_rotos, paginas

RAIZ = Path(__file__).resolve().parents[2]
# Zensical no tiene --site-dir y exige que el destino quede dentro del proyecto: mkdocs.yml lo toma de SITE_DIR.
DESTINO = Path("build") / "zensical" / "site"
_ANCLA = re.compile(r"\{[^}\n]*?#([A-Za-z0-9_-]+)[^}\n]*\}")


@pytest.fixture(scope="module")
def material(sitio: Path) -> dict[str, Pagina]:
    return paginas(sitio)


@pytest.fixture(scope="module")
def construido(sitio: Path) -> tuple[Path, str]:  # `sitio` primero: generar ya escribió reglas.md y el glosario
    shutil.rmtree(RAIZ / DESTINO, ignore_errors=True)
    r = subprocess.run([sys.executable, "-m", "zensical", "build", "--clean", "--strict"], cwd=RAIZ,
                       env={**os.environ, "SITE_DIR": str(DESTINO)}, capture_output=True, text=True, timeout=600)
    salida = r.stdout + r.stderr
    assert r.returncode == 0, salida
    return RAIZ / DESTINO, salida


@pytest.fixture(scope="module")
def zensical(construido) -> dict[str, Pagina]:
    return paginas(construido[0])


def anclas_de_las_fuentes(docs: Path) -> dict[str, set[str]]:
    """Las anclas explícitas (`{ #ancla }`) de cada página Markdown, por la URL de la página."""
    resultado = {}
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs).with_suffix("").as_posix()
        url = "" if rel == "index" else rel.removesuffix("index") if rel.endswith("/index") or rel == "index" else rel + "/"
        resultado[url] = set(_ANCLA.findall(md.read_text(encoding="utf-8")))
    return resultado


def anclas_que_faltan(esperadas: dict[str, set[str]], construidas: dict[str, Pagina]) -> list[str]:
    return [f"{url}#{a}" for url, anclas in esperadas.items() for a in sorted(anclas)
            if url not in construidas or a not in construidas[url].ids]


def test_zensical_construye_sin_avisos(construido):
    _, salida = construido
    assert "No issues found" in salida, salida


def test_zensical_tiene_cada_pagina(material, zensical):
    assert len(material) > 15
    assert sorted(set(material) - set(zensical)) == []


def test_zensical_tiene_cada_ancla_de_paso_de_regla_y_del_glosario(material, zensical):
    esperadas = anclas_de_las_fuentes(RAIZ / "docs")
    assert sum(a.startswith("paso-") for anclas in esperadas.values() for a in anclas) > 30
    assert {r.id.lower() for r in CATALOGO.values()} <= esperadas["reglas/"]
    assert anclas_que_faltan(esperadas, material) == []  # las fuentes dicen lo mismo que Material…
    assert anclas_que_faltan(esperadas, zensical) == []  # …y que Zensical
    for url, pagina in material.items():  # y los pasos de cada página son los mismos en ambos
        assert {i for i in zensical[url].ids if i.startswith("paso-")} == {i for i in pagina.ids if i.startswith("paso-")}, url


def test_zensical_lleva_las_abreviaturas_del_glosario(material, zensical):
    def todas(sitio: dict[str, Pagina]) -> dict[str, str]:
        return {texto: titulo for p in sitio.values() for texto, titulo in p.abreviaturas.items()}

    glosario = dict(re.findall(r"^\*\[(.+?)\]: (.+)$", (RAIZ / "includes" / "abreviaturas.md").read_text(encoding="utf-8"), re.M))
    assert len(glosario) > 10
    assert todas(zensical) == todas(material)
    assert set(todas(zensical)) == set(glosario)


def test_los_enlaces_internos_de_zensical_llevan_a_anclas_que_existen(construido, zensical):
    assert enlaces_rotos(construido[0], zensical) == []


def test_la_comparacion_ve_un_ancla_que_falta_y_un_enlace_roto(tmp_path):
    # Sin esto, las pruebas de arriba podrían no probar nada.
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<h2 id="paso-1">Uno</h2><a href="a/#paso-3">tres</a>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h2 id="paso-2">Dos</h2>', encoding="utf-8")
    sitio = paginas(tmp_path)
    assert anclas_que_faltan({"": {"paso-1"}, "a/": {"paso-2", "paso-3"}, "b/": {"paso-1"}}, sitio) == ["a/#paso-3", "b/#paso-1"]
    assert enlaces_rotos(tmp_path, sitio) == [": a/#paso-3 (no existe el ancla #paso-3)"]
