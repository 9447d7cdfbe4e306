"""Paridad: los mismos vectores dan el mismo JSON en CPython y dentro de Pyodide (Node)."""

from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path

import pytest

from checker import CATALOGO, ejemplos
from checker.api import datos_abiertos_json, leer_xml_json, reconocer_archivo, validar_entrada_json, validar_json
from checker.reglas import ETAPAS
from checker.xml_dian import CODIFICACIONES
from tests.conftest import SIN_MUTAR, como_excel, como_zip, mutaciones, zip_del_correo

RAIZ = Path(__file__).resolve().parents[2]
XML = RAIZ / "tests" / "checker" / "xml"
DATOS = RAIZ / "tests" / "checker" / "datos_abiertos"
HOY = "2026-11-24"


def _vectores() -> list[dict]:
    vectores = []
    for etapa in ETAPAS:  # las dos etapas: la severidad, el mensaje y quién corrige cambian con ella
        for nombre in ejemplos.nombres():
            solicitud, perfil = ejemplos.separar(ejemplos.cargar(nombre))
            vectores.append({"solicitud": json.dumps(solicitud), "perfil": json.dumps(perfil) if perfil else None,
                             "etapa": etapa})
        for regla in CATALOGO.values():
            for cual in ("falla", "pasa"):
                solicitud, perfil = ejemplos.separar(ejemplos.de_regla(regla, cual))
                vectores.append({"solicitud": json.dumps(solicitud), "perfil": json.dumps(perfil) if perfil else None,
                                 "etapa": etapa})
    vectores.append({"solicitud": json.dumps(ejemplos.cargar("tipica")), "etapa": "supervisor"})
    tipica = json.dumps(ejemplos.cargar("tipica"))
    for archivo in sorted(XML.glob("*.xml")):
        datos = archivo.read_bytes()
        if archivo.name != "factura-iso-8859-1.xml":  # esa no es texto UTF-8: va solo en base64, como sus bytes
            vectores.append({"solicitud": tipica, "xml": datos.decode("utf-8")})
        vectores.append({"solicitud": tipica, "xml_base64": base64.b64encode(datos).decode()})
        vectores.append({"funcion": "leer_xml_json", "xml_base64": base64.b64encode(datos).decode()})
    utf16 = (XML / "factura.xml").read_text(encoding="utf-8").encode("utf-16")
    vectores.append({"solicitud": tipica, "xml_base64": base64.b64encode(utf16).decode()})
    # Cada codificación que acepta el lector, y UTF-8 con BOM (lo común en Windows): cada códec tiene que estar
    # en la biblioteca estándar recortada del navegador (scripts/construccion/compilar_pyc.mjs).
    texto = (XML / "factura.xml").read_text(encoding="utf-8")
    variantes = [b"\xef\xbb\xbf" + texto.encode("utf-8")]
    variantes += [texto.replace('encoding="UTF-8"', f'encoding="{nombre}"').encode(codec, "xmlcharrefreplace")
                  for nombre, codec in CODIFICACIONES.items()]
    for datos in variantes:
        vectores.append({"funcion": "leer_xml_json", "xml_base64": base64.b64encode(datos).decode()})
    for roto in ["", "{", "[]", "null", '{"contrato": 5}', json.dumps({"contrato": {}, "factura": {}, "pago": {}})]:
        vectores.append({"solicitud": roto})
    # La página «la factura primero»: reconocer archivos, el contrato de los datos abiertos, la factura sola.
    for archivo in sorted(DATOS.iterdir()) + [XML / "factura.xml", RAIZ / "checker" / "ejemplos" / "tipica.json"]:
        vectores.append({"funcion": "reconocer_archivo", "xml_base64": base64.b64encode(archivo.read_bytes()).decode()})
    # Los CSV guardados de nuevo con Excel («;», Windows-1252): el códec tiene que estar en el Python del navegador.
    for nombre in ("contratos.csv", "plan_de_pagos.csv"):
        vectores.append({"funcion": "reconocer_archivo", "xml_base64": base64.b64encode(como_excel(nombre)).decode()})
    for nombres in [("contratos.json", "plan_de_pagos.json"), ("contratos.csv", "plan_de_pagos.csv"),
                    ("plan_de_pagos.json",), ("plan_sin_columna.json",), ("plan_sin_columna.csv",), ("vacio.json",)]:
        archivos = [{"nombre": n, "texto": (DATOS / n).read_text(encoding="utf-8")} for n in nombres]
        vectores.append({"funcion": "datos_abiertos_json", "archivos": json.dumps(archivos), "factura": "FEV1234"})
    factura = base64.b64encode((XML / "factura.xml").read_bytes()).decode()
    for solicitud in ["{}", json.dumps({"contrato": {"entidad": {"tipo_documento": "NIT"}}}), tipica]:
        vectores.append({"funcion": "validar_entrada_json", "solicitud": solicitud, "xml_base64": factura})
    # El ZIP en que llega la factura por correo: zipfile tiene que estar en el Python restaurado, sin importar nada más.
    for datos in (zip_del_correo(), como_zip("factura.xml", "respuesta-rechazada.xml"),
                  como_zip("factura.xml", "factura-usd.xml"), zip_del_correo()[:-40]):
        cifrado = base64.b64encode(datos).decode()
        vectores.append({"funcion": "reconocer_archivo", "xml_base64": cifrado})
        vectores.append({"funcion": "leer_xml_json", "xml_base64": cifrado})
        vectores.append({"funcion": "validar_entrada_json", "solicitud": tipica, "xml_base64": cifrado})
    for v in vectores:
        v["hoy"] = HOY
        v.setdefault("etapa", "proveedor")
    return vectores


def _en_cpython(v: dict) -> str:
    xml = base64.b64decode(v["xml_base64"]) if "xml_base64" in v else v.get("xml")
    if v.get("funcion") == "leer_xml_json":
        return leer_xml_json(xml)
    if v.get("funcion") == "reconocer_archivo":
        return reconocer_archivo(xml)
    if v.get("funcion") == "datos_abiertos_json":
        return datos_abiertos_json(v["archivos"], v["factura"])
    if v.get("funcion") == "validar_entrada_json":
        return validar_entrada_json(v["solicitud"], xml=xml, hoy=v["hoy"], etapa=v["etapa"])
    return validar_json(v["solicitud"], xml=xml, perfil_json=v.get("perfil"), hoy=v["hoy"], etapa=v["etapa"])


@pytest.fixture(scope="module")
def vectores() -> list[dict]:
    return _vectores()


def _en_pyodide(node: str, sitio: Path, vectores: list[dict], carpeta: Path, *modo: str) -> dict:
    archivo = carpeta / "vectores.json"
    archivo.write_text(json.dumps(vectores), encoding="utf-8")
    motor = sitio / "assets" / "validador" / "motor"
    r = subprocess.run([node, str(RAIZ / "tests" / "pyodide" / "paridad.mjs"), str(motor), str(archivo), *modo],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    return json.loads(r.stdout)


def test_los_vectores_dan_el_mismo_json_en_cpython_y_en_pyodide(node, sitio, vectores, tmp_path):
    salida = _en_pyodide(node, sitio, vectores, tmp_path)
    assert salida["python"].startswith("3.14"), "los vectores corrieron en el Python de Pyodide"
    esperados = [_en_cpython(v) for v in vectores]
    distintos = [(i, e, o) for i, (e, o) in enumerate(zip(esperados, salida["informes"])) if e != o]
    assert len(salida["informes"]) == len(vectores) and distintos == []
    # Los vectores cubren casos aprobables, hallazgos de cada regla y entradas ilegibles.
    informes = [json.loads(e) for e in esperados]
    assert any(i.get("aprobable") is True for i in informes)
    assert {h["regla"] for i in informes for h in i.get("hallazgos", [])} == set(CATALOGO)
    assert any(i.get("error") for i in informes)
    assert {i.get("etapa") for i in informes} >= set(ETAPAS)


def test_restaurado_de_una_instantanea_da_el_mismo_json(node, sitio, vectores, tmp_path):
    """El motor restaurado de una instantánea de memoria (la de las visitas repetidas) responde igual
    que CPython a todos los vectores, sin los archivos de las ruedas en disco."""
    salida = _en_pyodide(node, sitio, vectores, tmp_path, "instantanea")
    assert salida["python"].startswith("3.14")
    assert salida["identica"] is True, "la instantánea sin sus páginas en cero vuelve idéntica"
    assert salida["guardadas"] < salida["paginas"], "las páginas en cero no se guardan"
    assert salida["prueba_igual"] is True
    assert salida["ruedas_en_disco"] is False, "el restaurado no tiene las ruedas desempacadas"
    assert salida["trozos_soltados"] is True, "la pestaña no carga con la instantánea leída después de restaurar"
    esperados = [_en_cpython(v) for v in vectores]
    distintos = [(i, e, o) for i, (e, o) in enumerate(zip(esperados, salida["informes"])) if e != o]
    assert len(salida["informes"]) == len(vectores) and distintos == []


def test_las_facturas_mutadas_dan_el_mismo_json_en_el_motor_restaurado(node, sitio, tmp_path):
    """Las facturas de la prueba de robustez (cada elemento quitado, vaciado, cambiado o duplicado), en el motor
    restaurado de las visitas repetidas: biblioteca estándar recortada y sin las ruedas en disco. Un camino raro
    que cargue tarde un módulo que no se publicó fallaría solo en el navegador."""
    vectores = []
    for archivo in sorted(XML.glob("*.xml")):
        if archivo.name in SIN_MUTAR:
            continue
        for _, xml in mutaciones(archivo.read_bytes()):
            vectores.append({"funcion": "validar_entrada_json", "solicitud": "{}", "hoy": HOY, "etapa": "proveedor",
                             "xml_base64": base64.b64encode(xml).decode()})
    salida = _en_pyodide(node, sitio, vectores, tmp_path, "instantanea")
    esperados = [_en_cpython(v) for v in vectores]
    distintos = [i for i, (e, o) in enumerate(zip(esperados, salida["informes"])) if e != o]
    assert len(salida["informes"]) == len(vectores) > 5000 and distintos == []
