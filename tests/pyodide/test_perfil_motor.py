"""El perfil del arranque del motor (scripts/medicion/perfil_motor.mjs, el del registro de mediciones) corre sobre el sitio
construido y sus cifras cuadran con lo que el sitio sirve."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]


def _modelos_del_motor() -> int:
    import importlib
    import inspect
    import pkgutil

    import pydantic

    import checker

    clases = set()
    for modulo in pkgutil.walk_packages(checker.__path__, "checker."):
        if modulo.name.endswith("__main__"):
            continue  # correría la CLI
        for _, clase in inspect.getmembers(importlib.import_module(modulo.name), inspect.isclass):
            if issubclass(clase, pydantic.BaseModel) and clase.__module__.startswith("checker."):
                clases.add(clase)
    return len(clases)


def test_el_perfil_del_motor_corre_y_cuadra_con_el_sitio(node, sitio):
    r = subprocess.run([node, str(RAIZ / "scripts" / "medicion" / "perfil_motor.mjs"), str(sitio), "--veces", "1", "--calidad", "1"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    perfil = json.loads(r.stdout)
    fases = perfil["fases"]
    assert all(fases[k] > 0 for k in ("instanciar_e_iniciar_cpython", "iniciar_pyodide", "importar_motor"))
    assert fases["total"] >= sum(v for k, v in fases.items() if k != "total") - 5
    # Al importar, pydantic crea clases dataclass (Python compila sus métodos en ese momento).
    assert perfil["compilaciones_al_importar"]["dataclasses"][0] > 0
    # Construir los modelos: uno por cada clase de pydantic del motor.
    assert perfil["construir_modelos_al_importar_el_motor"][0] == _modelos_del_motor()
    # Pyodide, al iniciarse, importa módulos que el motor no pide (asyncio entre ellos).
    assert "asyncio" in dict(perfil["importaciones_al_iniciar_pyodide"])

    motor = sitio / "assets" / "validador" / "motor"
    manifiesto = json.loads((motor / "manifiesto.json").read_text())
    pyodide = motor / manifiesto["pyodide"]
    br = perfil["bytes_brotli"]
    assert br["pyodide"] == sum((pyodide / f"{n}.br").stat().st_size
                                for n in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"))
    assert br["biblioteca_estandar"] == (pyodide / "python_stdlib.zip.br").stat().st_size
    assert br["ruedas"] == sum((motor / f"{r['url']}.br").stat().st_size for r in manifiesto["ruedas"])
    assert br["motor_hoy"] == br["pyodide"] + br["biblioteca_estandar"] + br["ruedas"]
    for cual in ("python_iniciado", "motor_importado"):
        i = perfil["instantanea_al_construir"][cual]
        assert 0 < i["brotli"] < i["distinta"] < i["memoria"], cual
    iniciado = perfil["instantanea_al_construir"]["python_iniciado"]
    importado = perfil["instantanea_al_construir"]["motor_importado"]
    assert importado["distinta"] > iniciado["distinta"], "importar el motor cambia más memoria"
