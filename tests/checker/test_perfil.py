"""El perfil de entidad valida su forma; que sus reglas existan lo revisa el motor (sin ciclo de importación)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from checker import EntradaNoValida, Perfil, ejemplos, validar
from tests.conftest import HOY

PERFIL = Path(__file__).resolve().parents[2] / "checker" / "perfil.py"


def test_el_perfil_no_importa_las_reglas_que_lo_importan_a_el():
    importados = set()
    for nodo in ast.walk(ast.parse(PERFIL.read_text(encoding="utf-8"))):
        if isinstance(nodo, ast.ImportFrom):
            importados.add("." * nodo.level + (nodo.module or ""))
        elif isinstance(nodo, ast.Import):
            importados.update(a.name for a in nodo.names)
    assert not any("reglas" in m or m.startswith(".") and m.strip(".") in ("", "motor") for m in importados), importados


def test_un_perfil_ya_construido_con_una_regla_inexistente_tambien_se_rechaza():
    perfil = Perfil(entidad="X", reglas={"NOP-999": "apagada", "SS-004": "apagada"})  # la forma es válida
    solicitud, _ = ejemplos.separar(ejemplos.cargar("tipica"))
    with pytest.raises(EntradaNoValida, match=r"reglas desconocidas: NOP-999\.$") as e:
        validar(solicitud, perfil=perfil, hoy=HOY)
    assert [(x.campo, x.mensaje) for x in e.value.errores] == [("reglas", "reglas desconocidas: NOP-999")]
