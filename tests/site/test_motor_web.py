"""El motor que sirve el sitio: versiones fijadas, huellas correctas, las mismas versiones que CPython."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]


def _manifiesto(sitio: Path) -> dict:
    return json.loads((sitio / "assets" / "validador" / "motor" / "manifiesto.json").read_text())


def test_pyodide_es_el_fijado_en_package_lock(sitio):
    bloqueo = json.loads((RAIZ / "package-lock.json").read_text())
    fijada = bloqueo["packages"]["node_modules/pyodide"]["version"]
    assert json.loads((RAIZ / "package.json").read_text())["devDependencies"]["pyodide"] == fijada
    assert _manifiesto(sitio)["version_pyodide"] == fijada and fijada.startswith("314.")
    carpeta = sitio / "assets" / "validador" / "motor" / _manifiesto(sitio)["pyodide"]
    assert carpeta.name.startswith(f"pyodide-{fijada}-")
    for nombre in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert (carpeta / nombre).is_file(), nombre
    # El índice de paquetes no se sirve; su cabecera, la de la versión fijada, va en el manifiesto.
    assert not (carpeta / "pyodide-lock.json").exists()
    bloqueo = json.loads((RAIZ / "node_modules" / "pyodide" / "pyodide-lock.json").read_text())
    assert _manifiesto(sitio)["bloqueo_info"] == bloqueo["info"]


def test_cada_rueda_servida_tiene_la_huella_del_manifiesto_y_viene_de_la_fijada(sitio):
    from scripts.construccion import motor_web

    motor = sitio / "assets" / "validador" / "motor"
    fijadas = dict(re.findall(r"^(\S+)==\S+ --hash=sha256:([0-9a-f]{64})$",
                              (RAIZ / "requisitos-pyodide.txt").read_text(), re.M))
    originales = {r.name: r for r in motor_web.ruedas_de_terceros()}
    nombres = set()
    for rueda in _manifiesto(sitio)["ruedas"]:
        servida = motor / rueda["url"]
        huella = hashlib.sha256(servida.read_bytes()).hexdigest()
        assert huella == rueda["sha256"] and rueda["url"].split("/")[1] == huella[:16]
        nombre = servida.name.split("-")[0].replace("_", "-").lower()
        nombres.add(nombre)
        if nombre == "checker":
            continue
        assert fijadas[nombre] == rueda["origen_sha256"], nombre
        # La rueda servida es la fijada, byte a byte, salvo cada módulo .py, que va compilado a .pyc, y el METADATA,
        # que lleva solo sus cabeceras; de pydantic faltan los módulos que el motor no importa (la prueba de abajo), y
        # de todas, lo que solo lee un verificador de tipos o un instalador (stubs, py.typed, RECORD, sboms/). La
        # licencia se queda.
        with zipfile.ZipFile(originales[servida.name]) as o, zipfile.ZipFile(servida) as s:
            compilados = {n[:-3] + ".pyc" if n.endswith(".py") else n for n in o.namelist()}
            faltan = compilados - set(s.namelist())
            assert set(s.namelist()) <= compilados
            de_herramientas = {n for n in compilados if n.endswith((".pyi", "/py.typed", ".dist-info/RECORD"))
                               or ".dist-info/sboms/" in n}
            assert de_herramientas <= faltan and any(n.endswith(".dist-info/RECORD") for n in de_herramientas)
            assert all(n.startswith("pydantic/") for n in faltan - de_herramientas), sorted(faltan)[:5]
            assert any("/licenses/" in n or n.endswith("LICENSE") for n in s.namelist()), servida.name
            for n in s.namelist():
                if n.endswith(".dist-info/METADATA"):
                    cabeceras = s.read(n)
                    assert o.read(n).startswith(cabeceras.rstrip(b"\n")) and b"\n\n" not in cabeceras, n
                    assert re.search(rb"^Name: ", cabeceras, re.M) and re.search(rb"^Version: ", cabeceras, re.M), n
                elif n.endswith(".pyc"):
                    assert s.read(n)[4:8] == b"\x01\x00\x00\x00", n
                else:
                    assert o.read(n) == s.read(n), n
    assert nombres == set(fijadas) | {"checker"}


# En otro proceso: los módulos de pydantic que CPython importa al correr los vectores de la prueba de paridad
# (todas las funciones de checker.api que usa la página, cada regla, cada XML de prueba, los datos abiertos).
_IMPORTADOS = """
import json, os, sys
from tests.pyodide.test_paridad import _en_cpython, _vectores
for v in _vectores():
    _en_cpython(v)
import pydantic
sitio = os.path.dirname(os.path.dirname(pydantic.__file__))
print(json.dumps(sorted(os.path.relpath(m.__file__, sitio) for m in list(sys.modules.values())
                        if (getattr(m, "__file__", None) or "").startswith(os.path.dirname(pydantic.__file__) + os.sep))))
"""


def test_la_rueda_de_pydantic_trae_lo_que_el_motor_importa_y_no_lo_demas(sitio):
    """La rueda de pydantic del navegador lleva solo los módulos que importó el recorrido del motor al construir
    (scripts/construccion/compilar_pyc.mjs): cada módulo que CPython importa con los vectores de paridad está, y
    los que el motor no usa (funciones obsoletas y experimentales) no se bajan en la primera visita."""
    r = subprocess.run([sys.executable, "-c", _IMPORTADOS], capture_output=True, text=True, cwd=RAIZ, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    importados = {n[:-3] + ".pyc" for n in json.loads(r.stdout.splitlines()[-1])}
    assert "pydantic/main.pyc" in importados
    motor = sitio / "assets" / "validador" / "motor"
    servida = next(motor / x["url"] for x in _manifiesto(sitio)["ruedas"] if "/pydantic-2" in x["url"])
    with zipfile.ZipFile(servida) as z:
        publicados = set(z.namelist())
    assert importados <= publicados, sorted(importados - publicados)
    assert not any(n.startswith(("pydantic/deprecated/", "pydantic/experimental/", "pydantic/v1/")) for n in publicados)


def test_el_navegador_usa_las_mismas_versiones_que_cpython():
    cpython = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", (RAIZ / "requisitos.txt").read_text(), re.M))
    cpython = {k.lower().replace("_", "-"): v for k, v in cpython.items()}
    navegador = dict(re.findall(r"^(\S+)==(\S+) --hash", (RAIZ / "requisitos-pyodide.txt").read_text(), re.M))
    for paquete, version in navegador.items():
        assert cpython[paquete] == version, paquete


def test_la_rueda_de_checker_trae_el_paquete_y_sus_ejemplos(sitio):
    motor = sitio / "assets" / "validador" / "motor"
    [rueda] = [r for r in _manifiesto(sitio)["ruedas"] if "/checker-" in r["url"]]
    with zipfile.ZipFile(motor / rueda["url"]) as z:
        nombres = set(z.namelist())
    assert {"checker/api.pyc", "checker/reglas/identidad.pyc", "checker/ejemplos/tipica.json"} <= nombres


def test_solo_la_pagina_del_validador_lo_contiene(sitio):
    for html in sitio.rglob("*.html"):
        tiene = "data-validador" in html.read_text(encoding="utf-8")
        assert tiene == (html.relative_to(sitio).as_posix() == "validador/index.html"), html


def test_el_manifiesto_ubica_cada_biblioteca_nativa_dentro_de_su_rueda(sitio):
    """El worker recorta cada .so de su rueda con (inicio, bytes) para cargarlo antes de Python."""
    motor = sitio / "assets" / "validador" / "motor"
    manifiesto = _manifiesto(sitio)
    nativas = {(r["url"], n) for r in manifiesto["ruedas"]
               for n in zipfile.ZipFile(motor / r["url"]).namelist() if n.endswith(".so")}
    assert nativas and len(manifiesto["bibliotecas"]) == len(nativas)
    for b in manifiesto["bibliotecas"]:
        rueda = motor / manifiesto["ruedas"][b["rueda"]]["url"]
        recorte = rueda.read_bytes()[b["inicio"]:b["inicio"] + b["bytes"]]
        assert recorte == zipfile.ZipFile(rueda).read(b["ruta"])
        assert recorte[:4] == b"\0asm", "es un módulo wasm"
    assert re.fullmatch(r"[0-9a-f]{16}", manifiesto["huella"])


def test_el_worker_lleva_el_mismo_manifiesto_que_sirve_el_sitio(sitio):
    # Así empieza a bajar el motor sin esperar un viaje más por la red (con 4G, ~150 ms).
    primera, resto = (sitio / "validador" / "trabajador.js").read_text(encoding="utf-8").split("\n", 1)
    assert primera.startswith("const MANIFIESTO = ") and primera.endswith(";")
    assert json.loads(primera[len("const MANIFIESTO = "):-1]) == _manifiesto(sitio)
    assert "const MANIFIESTO" not in resto


def test_el_worker_lleva_arranque_adentro_y_no_lo_importa(sitio):
    # Un pedido menos antes de que el worker empiece; arranque.js sigue siendo un módulo en el repositorio.
    trabajador = (sitio / "validador" / "trabajador.js").read_text(encoding="utf-8")
    arranque = (RAIZ / "overrides" / "validador" / "arranque.js").read_text(encoding="utf-8")
    assert "arranque.js\";" not in trabajador and "\nimport " not in trabajador
    for nombre in re.findall(r"^export (?:async )?function (\w+)", arranque, flags=re.MULTILINE):
        assert re.search(rf"^(async )?function {nombre}\(", trabajador, flags=re.MULTILINE), nombre
    assert "\nexport " not in trabajador


def test_la_rueda_de_checker_lleva_solo_el_codigo_de_su_huella(tmp_path, monkeypatch):
    # Antes, la rueda se hacía desde la raíz: setuptools copia las fuentes a build/lib y conserva lo que ya había (un
    # módulo borrado, o la copia más nueva de otra rama que construyó en la misma carpeta), y la rueda guardada con la
    # huella de este código servía otro: el motor del navegador decía otra cosa que el de CPython.
    from scripts.construccion import motor_web

    monkeypatch.setattr(motor_web, "CACHE", tmp_path / "cache")
    ajena = RAIZ / "build" / "lib" / "checker"
    ajena.mkdir(parents=True, exist_ok=True)
    fantasma, informe = ajena / "fantasma_de_otra_rama.py", ajena / "informe.py"
    previo = informe.read_bytes() if informe.exists() else None
    try:
        fantasma.write_text("VALOR = 1\n", encoding="utf-8")
        informe.write_text("# el informe de otra rama\n", encoding="utf-8")  # más nuevo que la fuente
        with zipfile.ZipFile(motor_web.rueda_checker()) as z:
            nombres = set(z.namelist())
            assert "checker/fantasma_de_otra_rama.py" not in nombres
            assert z.read("checker/informe.py") == (RAIZ / "checker" / "informe.py").read_bytes()
    finally:
        fantasma.unlink(missing_ok=True)
        if previo is None:
            informe.unlink(missing_ok=True)
        else:
            informe.write_bytes(previo)
