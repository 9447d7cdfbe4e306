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
    # El dato es del perfil, no de la solicitud (antes, «La solicitud tiene 1 dato por corregir: reglas…»).
    assert [(x.campo, x.mensaje) for x in e.value.errores] == [("perfil.reglas", "reglas desconocidas: NOP-999")]
    assert str(e.value).startswith("El perfil de la entidad tiene 1 dato por corregir: perfil.reglas")


def test_un_perfil_incompleto_o_mal_escrito_se_nombra_como_perfil():
    # Antes: «La solicitud tiene 1 dato por corregir: entidad: Falta este dato» (parecía el contrato.entidad) y «El JSON
    # de el perfil».
    from checker.api import cargar_json
    from checker.errores import EntradaNoLegible

    solicitud, _ = ejemplos.separar(ejemplos.cargar("tipica"))
    with pytest.raises(EntradaNoValida) as e:
        validar(solicitud, perfil={"reglas": {}}, hoy=HOY)
    assert str(e.value).startswith("El perfil de la entidad tiene 1 dato por corregir: perfil.entidad")
    with pytest.raises(EntradaNoLegible, match=r"^El JSON del perfil debe ser un objeto"):
        cargar_json("[]", "el perfil")
    with pytest.raises(EntradaNoLegible, match=r"^El JSON de la solicitud está mal formado"):
        cargar_json("{", "la solicitud")
