"""La orden `checker`: códigos de salida 0/1/2, salida en español, nunca un traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker import CATALOGO, ejemplos

XML = Path(__file__).parent / "xml"


def correr(*args, cwd=None):
    r = subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, cwd=cwd)
    assert "Traceback" not in r.stderr + r.stdout
    return r


@pytest.fixture
def archivos(tmp_path):
    def escribir(nombre, caso):
        ruta = tmp_path / nombre
        ruta.write_text(json.dumps(caso), encoding="utf-8")
        return str(ruta)
    return escribir


def test_sale_con_0_si_la_solicitud_es_aprobable(archivos):
    r = correr("validar", archivos("s.json", ejemplos.cargar("tipica")), "--hoy", "2026-11-24")
    assert r.returncode == 0 and "parece aprobable" in r.stdout


def test_sale_con_1_y_explica_cada_error(archivos):
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"factura.proveedor.dv": 5, "pago.numero_radicacion": None})
    r = correr("validar", archivos("s.json", caso), "--hoy", "2026-11-24")
    assert r.returncode == 1
    assert "sería rechazada: 2 error(es)" in r.stdout
    assert "NIT-001" in r.stdout and "APR-004" in r.stdout and "/reglas/#nit-001" in r.stdout


def test_json_imprime_el_informe(archivos):
    r = correr("validar", archivos("s.json", ejemplos.cargar("persona-natural")), "--json", "--hoy", "2026-11-24")
    assert r.returncode == 0 and json.loads(r.stdout)["aprobable"] is True


def test_valida_un_xml_con_el_contrato_aparte(archivos):
    contrato = archivos("contrato.json", ejemplos.cargar("tipica"))
    r = correr("validar", str(XML / "attached-document.xml"), "--contrato", contrato, "--json", "--hoy", "2026-11-24")
    assert r.returncode == 0, r.stdout
    r = correr("validar", str(XML / "nit-errado.xml"), "--contrato", contrato, "--json", "--hoy", "2026-11-24")
    assert r.returncode == 1 and [h["regla"] for h in json.loads(r.stdout)["hallazgos"]] == ["NIT-001"]


def test_el_perfil_de_la_entidad_exige_soportes(archivos):
    perfil = archivos("perfil.json", {"entidad": "Alcaldía", "soportes_requeridos": ["acta_de_recibo"]})
    r = correr("validar", archivos("s.json", ejemplos.cargar("tipica")), "--perfil", perfil, "--json", "--hoy", "2026-11-24")
    assert r.returncode == 1 and json.loads(r.stdout)["hallazgos"][0]["regla"] == "SOP-001"


@pytest.mark.parametrize("contenido", [b"{ no es json", b"<Invoice><sin cerrar>", b"\x00\x01\x02", b"[1, 2]"])
def test_sale_con_2_y_una_linea_en_espanol_si_no_se_puede_leer(tmp_path, contenido):
    ruta = tmp_path / "malo.json"
    ruta.write_bytes(contenido)
    r = correr("validar", str(ruta), "--contrato", str(ruta))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith("checker: ") and r.stderr.count("\n") == 1


@pytest.mark.parametrize("args", [("validar", "no-existe.json"), ("validar", str(XML / "xxe.xml"), "--contrato", "x"),
                                  ("orden-rara",), ()])
def test_otras_entradas_imposibles_salen_con_2(args):
    r = correr(*args)
    assert r.returncode == 2 and r.stderr.startswith("checker: ")


def test_una_solicitud_con_campos_que_faltan_sale_con_2_y_los_nombra(archivos):
    caso = ejemplos.cargar("tipica")
    del caso["pago"]["id_pago"]
    r = correr("validar", archivos("s.json", caso))
    assert r.returncode == 2 and "pago.id_pago: Falta este dato." in r.stderr


def test_reglas_json_imprime_el_catalogo_completo():
    r = correr("reglas", "--json")
    datos = json.loads(r.stdout)
    assert r.returncode == 0 and [d["id"] for d in datos] == list(CATALOGO)
    assert all(d["ancla"] == d["id"].lower() for d in datos)


def test_la_orden_instalada_es_la_misma():
    import shutil

    orden = shutil.which("checker", path=str(Path(sys.executable).parent))
    assert orden, "pip install -e . instala la orden checker"
    r = subprocess.run([orden, "reglas"], capture_output=True, text=True)
    assert r.returncode == 0 and "NIT-001" in r.stdout


def test_un_perfil_dentro_de_la_solicitud_se_aplica(archivos):
    caso = ejemplos.cargar("tipica") | {"perfil": {"entidad": "Alcaldía", "soportes_requeridos": ["acta_de_recibo"]}}
    r = correr("validar", archivos("s.json", caso), "--json", "--hoy", "2026-11-24")
    assert r.returncode == 1 and json.loads(r.stdout)["hallazgos"][0]["regla"] == "SOP-001"


def test_una_factura_xml_sin_contrato_se_revisa_sola_y_lista_lo_que_falta():
    r = correr("validar", str(XML / "factura.xml"), "--hoy", "2026-11-24")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "solo la factura" in r.stdout and "Sin revisar" in r.stdout and "APR · " in r.stdout
    r = correr("validar", str(XML / "factura.xml"), "--json", "--hoy", "2026-11-24")
    informe = json.loads(r.stdout)
    assert r.returncode == 0 and informe["modo"] == "solo_factura" and informe["grupos_sin_revisar"]


def test_una_factura_xml_sola_con_errores_sale_con_1(tmp_path):
    ruta = tmp_path / "f.xml"
    ruta.write_bytes((XML / "nit-errado.xml").read_bytes())
    r = correr("validar", str(ruta), "--json", "--hoy", "2026-11-24")
    assert r.returncode == 1 and [h["regla"] for h in json.loads(r.stdout)["hallazgos"]] == ["NIT-001"]


def test_una_factura_ubl_incompleta_sale_con_1_y_no_con_2():
    r = correr("validar", str(XML / "factura-incompleta.xml"), "--json", "--hoy", "2026-11-24")
    assert r.returncode == 1, r.stderr
    assert {"FAC-002", "FAC-008", "FAC-009"} == {h["regla"] for h in json.loads(r.stdout)["hallazgos"]}


def test_una_factura_en_formato_anterior_a_2019_sale_con_2_y_lo_dice():
    r = correr("validar", str(XML / "factura-v1.xml"))
    assert r.returncode == 2 and "anterior a 2019" in r.stderr and "UBL 2.1" in r.stderr


def test_una_factura_rechazada_por_la_dian_sale_con_1_y_muestra_los_motivos():
    r = correr("validar", str(XML / "attached-rechazada.xml"), "--hoy", "2026-11-24")
    assert r.returncode == 1 and "Respuesta de la DIAN: RECHAZADA" in r.stdout and "FAD06" in r.stdout


def test_reglas_json_dice_que_necesita_cada_regla_y_trae_las_nuevas():
    datos = {d["id"]: d for d in json.loads(correr("reglas", "--json").stdout)}
    nuevas = {"FAC-008", "FAC-009", "FAC-010", "FAC-011", "MON-010", "MON-011", "MON-012", "MON-013", "NIT-004",
              "NIT-005", "NIT-006", "MDA-001", "MDA-002", "MDA-003", "MDA-004", "MDA-005", "DIAN-001", "DIAN-002",
              "DIAN-003", "DIAN-004"}
    assert nuevas <= set(datos)
    assert datos["FAC-004"]["necesita"] == [] and datos["MDA-001"]["necesita"] == ["contrato"]
    assert datos["APR-004"]["necesita"] == ["pago"] and datos["SS-001"]["necesita"] == ["contrato", "pago"]
