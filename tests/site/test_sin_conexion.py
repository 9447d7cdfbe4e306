"""El service worker del validador: precarga completa y versión que cambia con el contenido."""

from __future__ import annotations

import json
import shutil

from scripts.construccion import sin_conexion


def test_la_precarga_incluye_la_pagina_el_motor_y_los_ejemplos(sitio):
    rutas = sin_conexion.precarga(sitio)
    manifiesto = json.loads((sitio / "assets/validador/motor/manifiesto.json").read_text())
    assert "validador/" in rutas and "validador/trabajador.js" in rutas
    assert all(f"assets/validador/motor/{r['url']}" in rutas for r in manifiesto["ruedas"])
    assert all(f"assets/validador/motor/{manifiesto['pyodide']}{a}" in rutas for a in manifiesto["archivos_pyodide"])
    # Ni se sirve ni se precarga el índice de paquetes de Pyodide: el manifiesto trae su cabecera.
    assert not any(r.endswith("pyodide-lock.json") for r in rutas)
    assert manifiesto["bloqueo_info"]["abi_version"] and manifiesto["bloqueo_info"]["python"].startswith("3.14")
    assert "assets/generado/ejemplos/factura-rechazada.json" in rutas
    assert all((sitio / r).is_file() for r in rutas if r != "validador/")


def test_un_cambio_en_lo_precargado_da_otra_version(sitio, tmp_path):
    copia = tmp_path / "site"
    shutil.copytree(sitio, copia)
    antes = sin_conexion.escribir(copia)
    assert sin_conexion.escribir(copia) == antes  # misma entrada, misma versión
    (copia / "assets/validador/validador.js").write_text("// cambio\n", encoding="utf-8")
    assert sin_conexion.escribir(copia) != antes
    assert f'const VERSION = "{sin_conexion.escribir(copia)}"' in (copia / "validador/sw.js").read_text()


def test_el_service_worker_y_el_worker_del_motor_viven_en_el_alcance_del_validador(sitio):
    # El service worker de un worker se elige por la URL de su script: debe caer en /validador/.
    assert (sitio / "validador" / "sw.js").read_text().startswith("const VERSION")
    assert (sitio / "validador" / "trabajador.js").is_file()
    assert not (sitio / "assets" / "validador" / "trabajador.js").exists()
