"""Los dos comandos del README (`make serve`, `make test`), lo que corre CI y el orden de lo que instalan."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import RAIZ

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="sin make no hay comandos del README")


def pasos(objetivo: str) -> list[str]:
    """Las órdenes que `make` correría para el objetivo en una máquina sin nada hecho (`--always-make`)."""
    salida = subprocess.run(["make", "-n", "--always-make", objetivo], cwd=RAIZ, capture_output=True, text=True,
                            check=True).stdout
    return salida.splitlines()


def indice(lineas: list[str], texto: str) -> int:
    return next(i for i, linea in enumerate(lineas) if texto in linea)


@pytest.mark.parametrize("objetivo", ["serve", "build", "bench-navegador"])
def test_chromium_se_instala_antes_de_construir_el_sitio(objetivo):
    # La construcción hace la instantánea del motor en Chromium; sin él la omite y la primera visita del
    # sitio servido calcula en vez de restaurar (más lenta que la medida en el README).
    lineas = pasos(objetivo)
    assert indice(lineas, "instalar-chromium.sh") < indice(lineas, "scripts.construccion.construir")


def test_make_test_instala_chromium_antes_de_las_pruebas():
    lineas = pasos("test")
    assert indice(lineas, "instalar-chromium.sh") < indice(lineas, "-m pytest")


def test_ci_corre_exactamente_el_comando_de_pruebas_del_readme():
    readme = (RAIZ / "README.md").read_text(encoding="utf-8")
    bloque = re.search(r"## Los dos comandos.*?```console\n(.*?)```", readme, re.S).group(1)
    comandos = [linea.split("#")[0].strip() for linea in bloque.splitlines()]
    assert comandos == ["make serve", "make test"]
    ordenes = [linea for linea in (RAIZ / ".ci" / "run").read_text().splitlines()
               if linea.strip() and not linea.startswith(("#", "set ", "cd "))]
    assert ordenes == ["make test"]


def test_lo_que_instala_make_sirve_con_el_python_de_debian_12():
    # El README promete «Python 3.11 o más reciente»; el de Debian 12 es 3.11.2. pymdown-extensions 13 pide 3.11.5:
    # en una máquina así, `make serve` fallaba al instalar.
    from importlib.metadata import PackageNotFoundError, metadata

    from packaging.specifiers import SpecifierSet

    fijadas = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s#]+)", (RAIZ / "requisitos.txt").read_text(encoding="utf-8"), re.M)
    assert len(fijadas) > 20
    piden = {}
    for nombre, version in fijadas:
        try:
            datos = metadata(nombre)
        except PackageNotFoundError:
            continue  # las de otra plataforma (p. ej. solo Windows) no están en este entorno
        assert datos["Version"] == version, f"{nombre}: instalada {datos['Version']}, fijada {version}"
        requiere = datos.get("Requires-Python")
        if requiere and "3.11.2" not in SpecifierSet(requiere):
            piden[nombre] = requiere
    assert piden == {}
