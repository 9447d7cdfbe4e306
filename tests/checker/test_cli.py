"""La orden `checker`: códigos de salida 0/1/2, salida en español, nunca un traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker import CATALOGO, api, ejemplos
from tests.conftest import PDF_DE_EJEMPLO, como_excel, como_zip, zip_del_correo

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
    assert "sería rechazada: 2 errores por corregir" in r.stdout
    assert "NIT-001" in r.stdout and "APR-004" in r.stdout and "/reglas/#nit-001" in r.stdout


def test_a_la_entidad_la_cli_le_dice_que_rechace_lo_que_el_proveedor_corrige(archivos):
    # Las líneas que no suman el valor neto y el DV errado: antes la entidad leía «corrija las líneas o el valor neto»
    # y «revise el NIT y su DV en el RUT y corríjalo», que son para el proveedor. Ella rechaza con la justificación.
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"factura.lineas.1.valor": "3000000.00", "factura.proveedor.dv": 5})
    ruta = archivos("s.json", caso)
    entidad = correr("validar", ruta, "--etapa", "entidad", "--hoy", "2026-11-24")
    # Los errores son del proveedor: a la entidad no se le dice «por corregir antes de aprobarla» (antes sí).
    assert entidad.returncode == 1 and "sería rechazada: 2 errores del proveedor, motivo para rechazarla." in entidad.stdout
    assert "por corregir" not in entidad.stdout
    assert ("suman $ 9.000.000,00, pero el valor neto es $ 10.000.000,00. Recházela con esa justificación: el proveedor "
            "corrige las líneas o el valor neto y la envía de nuevo.") in entidad.stdout
    assert ("le corresponde 7. Rechace la factura con esa justificación: el proveedor revisa el NIT y su DV en el RUT, "
            "los corrige en la factura y la envía de nuevo.") in entidad.stdout
    antes, justificacion = entidad.stdout.split("Justificación para «Rechazar» (dicha al proveedor, para copiar en SECOP II):")
    assert "corrija" not in antes and "corríjalo" not in antes
    # La justificación para copiar sí le habla al proveedor (antes no había: la entidad la armaba con lo que le dice a ella).
    assert ("    - El NIT 901234567 tiene dígito de verificación 5, pero le corresponde 7: revise el NIT y su DV en el RUT y "
            "corríjalo. (NIT-001)") in justificacion and "Rech" not in justificacion.split("Lo que usted")[0]
    # El proveedor lee lo que corrige él, como antes.
    proveedor = correr("validar", ruta, "--hoy", "2026-11-24")
    assert "el valor neto es $ 10.000.000,00: corrija las líneas o el valor neto." in proveedor.stdout
    assert "le corresponde 7: revise el NIT y su DV en el RUT y corríjalo." in proveedor.stdout
    assert "con esa justificación" not in proveedor.stdout


def test_json_imprime_el_informe(archivos):
    r = correr("validar", archivos("s.json", ejemplos.cargar("persona-natural")), "--json", "--hoy", "2026-11-24")
    assert r.returncode == 0 and json.loads(r.stdout)["aprobable"] is True


def test_la_respuesta_de_la_dian_en_su_propio_archivo_va_con_la_factura(archivos):
    factura = str(XML / "factura.xml")
    r = correr("validar", factura, "--respuesta", str(XML / "respuesta-rechazada.xml"), "--hoy", "2026-06-05")
    assert r.returncode == 1 and "DIAN-001" in r.stdout and "RECHAZADA (código 04" in r.stdout
    r = correr("validar", factura, "--respuesta", str(XML / "respuesta-validada.xml"), "--hoy", "2026-06-05")
    assert r.returncode == 0 and "validada (código 02" in r.stdout and "DIAN-002" in r.stdout
    # También con el contrato aparte, y con una solicitud JSON escrita a mano.
    contrato = archivos("c.json", {k: v for k, v in ejemplos.cargar("tipica").items() if k != "factura"})
    r = correr("validar", factura, "--contrato", contrato, "--respuesta", str(XML / "respuesta-rechazada.xml"),
               "--hoy", "2026-06-05", "--json")
    assert r.returncode == 1 and json.loads(r.stdout)["respuesta_dian"]["estado"] == "rechazada"
    solicitud = archivos("s.json", ejemplos.cargar("tipica"))
    r = correr("validar", solicitud, "--respuesta", str(XML / "respuesta-rechazada.xml"), "--hoy", "2026-06-05", "--json")
    assert r.returncode == 1 and "DIAN-001" in [h["regla"] for h in json.loads(r.stdout)["hallazgos"]]


def test_la_respuesta_de_la_dian_sola_o_un_archivo_que_no_lo_es_dicen_que_hacer():
    r = correr("validar", str(XML / "respuesta-validada.xml"))
    assert r.returncode == 2 and "cárguelo junto con el XML de la factura" in r.stderr
    r = correr("validar", str(XML / "factura.xml"), "--respuesta", str(XML / "factura.xml"))
    assert r.returncode == 2 and "no es un ApplicationResponse sino «Invoice»" in r.stderr


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
    del caso["factura"]["numero"]
    r = correr("validar", archivos("s.json", caso))
    assert r.returncode == 2 and "factura.numero: Falta este dato" in r.stderr


def test_sin_id_de_pago_con_plan_es_un_hallazgo_y_sin_plan_se_informa_crear(archivos):
    # Sin plan de pagos no hay ID de pago (se usa «Crear», HECHOS §4): antes, «pago.id_pago: Falta este dato» y sin
    # informe. Con plan, PAG-002 lo pide.
    caso = ejemplos.cargar("tipica")
    del caso["pago"]["id_pago"]
    r = correr("validar", archivos("s.json", caso), "--hoy", "2026-06-10")
    assert r.returncode == 1 and "PAG-002" in r.stdout and "Falta el «ID de pago»" in r.stdout
    caso["contrato"]["plan_de_pagos"] = []
    r = correr("validar", archivos("s.json", caso), "--hoy", "2026-06-10", "--json")
    informe = json.loads(r.stdout)
    assert informe["error"] is None and "PAG-001" in {h["regla"] for h in informe["hallazgos"]}
    assert "PAG-002" not in {h["regla"] for h in informe["hallazgos"]}


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
    texto = r.stdout
    r = correr("validar", str(XML / "factura.xml"), "--json", "--hoy", "2026-11-24")
    informe = json.loads(r.stdout)
    assert r.returncode == 0 and informe["modo"] == "solo_factura" and informe["grupos_sin_revisar"]
    # Los grupos van juntos según lo que esperan: cada dato que falta se dice una vez.
    faltas = {g["falta"] for g in informe["grupos_sin_revisar"]}
    assert 1 < len(faltas) < len(informe["grupos_sin_revisar"])
    for falta in faltas:
        assert texto.count(f"Esperan {falta}:") == 1
        grupos = [g["grupo"] for g in informe["grupos_sin_revisar"] if g["falta"] == falta]
        bloque = texto.split(f"Esperan {falta}:\n", 1)[1].split("\n  Esperan ", 1)[0]
        assert [linea.split(" · ")[0].strip() for linea in bloque.splitlines() if " · " in linea] == grupos


def test_una_factura_xml_sola_con_errores_sale_con_1(tmp_path):
    ruta = tmp_path / "f.xml"
    ruta.write_bytes((XML / "nit-errado.xml").read_bytes())
    r = correr("validar", str(ruta), "--json", "--hoy", "2026-11-24")
    assert r.returncode == 1 and [h["regla"] for h in json.loads(r.stdout)["hallazgos"]] == ["NIT-001"]


DATOS = Path(__file__).parent / "datos_abiertos"


def test_una_factura_xml_con_los_datos_abiertos_del_contrato_se_revisa_completa():
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.json"),
               str(DATOS / "plan_de_pagos.json"), "--json", "--hoy", "2026-06-05")
    informe = json.loads(r.stdout)
    assert informe["modo"] == "completo" and "MON-004" in informe["reglas_ejecutadas"]
    # Faltan solo los datos de la radicación, que los datos abiertos no traen.
    assert r.returncode == 1 and {h["regla"] for h in informe["hallazgos"] if h["severidad"] == "error"} == {"APR-004"}
    assert "Se eligió el pago 98123402" in r.stderr and "aparece 2 veces" in r.stderr


def test_como_entidad_con_los_datos_abiertos_la_radicacion_es_un_dato_que_copia_no_un_rechazo():
    # Los datos abiertos no traen el número de radicación: la entidad lo copia del «Detalle» de la factura. Que falte
    # en lo que ella escribió no dice que el proveedor no lo diligenciara: el titular no es «sería rechazada».
    base = ("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.json"),
            str(DATOS / "plan_de_pagos.json"), "--json", "--hoy", "2026-06-05", "--etapa", "entidad")
    informe = json.loads(correr(*base).stdout)
    errores = {h["regla"]: h["corrige"] for h in informe["hallazgos"] if h["severidad"] == "error"}
    assert errores == {"APR-001": "entidad", "APR-004": "entidad", "APR-007": "entidad"}
    assert informe["titular"] == "Faltan los datos de aprobación de la entidad"
    assert informe["explicacion"].startswith("3 datos que usted ingresa al aprobar")
    texto = correr(*base[:-5], "--hoy", "2026-06-05", "--etapa", "entidad").stdout
    assert "sería rechazada" not in texto
    assert texto.index("[Error] APR-004") > texto.index("Lo que usted (la entidad) debe resolver")
    # Con el número, lo que falta es solo lo suyo; y el proveedor que no radicó sí tiene un error que corregir.
    con_numero = json.loads(correr(*base, "--radicacion", "RAD-2026-0099").stdout)
    assert "APR-004" not in {h["regla"] for h in con_numero["hallazgos"]}
    proveedor = json.loads(correr(*base[:-2]).stdout)
    assert {h["regla"]: h["corrige"] for h in proveedor["hallazgos"] if h["severidad"] == "error"} == {"APR-004": "proveedor"}
    assert proveedor["titular"] == "La solicitud sería rechazada"


@pytest.mark.parametrize("etapa", ["proveedor", "entidad"])
def test_un_dv_errado_en_los_datos_del_contrato_no_es_un_error_de_la_factura(tmp_path, etapa):
    # La entidad publicada con «800100200-3» (le corresponde 8): la factura trae el DV correcto. Antes, NIT-001 como
    # error del proveedor, «sería rechazada», por un dato que el proveedor no escribió ni puede corregir en su factura.
    contratos = tmp_path / "contratos.csv"
    contratos.write_text((DATOS / "contratos.csv").read_text(encoding="utf-8").replace(
        "ALCALDÍA MUNICIPAL DE EJEMPLO,800100200,", "ALCALDÍA MUNICIPAL DE EJEMPLO,800100200-3,", 1), encoding="utf-8")
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(contratos), str(DATOS / "plan_de_pagos.csv"),
               "--radicacion", "2026-ER-004512", "--json", "--hoy", "2026-06-10", "--etapa", etapa)
    informe = json.loads(r.stdout)
    dv = [(h["regla"], h["severidad"], h["campo"], h["corrige"]) for h in informe["hallazgos"] if h["regla"].startswith("NIT")]
    # Lo corrige quien escribió los datos del contrato: como entidad, ella.
    assert dv == [("NIT-009", "advertencia", "contrato.entidad.dv", etapa)]
    assert "No es un error de la factura" in next(h["mensaje"] for h in informe["hallazgos"] if h["regla"] == "NIT-009")
    if etapa == "proveedor":
        assert r.returncode == 0 and informe["aprobable"] is True
    # El mismo DV errado en la factura sí es su error.
    factura = tmp_path / "factura.xml"
    factura.write_bytes((XML / "factura.xml").read_bytes().replace(b'schemeID="8"', b'schemeID="3"'))
    informe = json.loads(correr("validar", str(factura), "--json").stdout)
    assert [(h["regla"], h["severidad"]) for h in informe["hallazgos"] if h["regla"].startswith("NIT-00")] == [("NIT-001", "error")]


def test_sin_la_factura_en_el_plan_la_cli_elige_el_pago_libre_que_vale_lo_que_ella_cobra(tmp_path):
    plan = json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
    for f in plan:
        if f["id_de_pago"] == "98123402":
            f["valor_a_pagar"] = f["valor_total"] = "5950000"
    ruta = tmp_path / "plan.json"
    ruta.write_text(json.dumps(plan), encoding="utf-8")
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.json"), str(ruta),
               "--radicacion", "2026-ER-004512", "--json", "--hoy", "2026-06-05")
    informe = json.loads(r.stdout)
    assert r.returncode == 0 and informe["aprobable"] is True, r.stdout
    assert "Se eligió el pago 98123403" in r.stderr and "MON-004" not in {h["regla"] for h in informe["hallazgos"]}


def test_con_un_consorcio_la_factura_de_un_miembro_no_cambia_el_veredicto_y_la_entidad_lo_revisa():
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos_consorcio.csv"),
               str(DATOS / "plan_de_pagos.json"), "--json", "--hoy", "2026-06-05")
    informe = json.loads(r.stdout)
    assert r.returncode == 1 and {h["regla"] for h in informe["hallazgos"] if h["severidad"] == "error"} == {"APR-004"}
    assert "NIT-007" in {h["regla"] for h in informe["hallazgos"]}
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos_consorcio.csv"),
               str(DATOS / "plan_de_pagos.json"), "--json", "--hoy", "2026-06-05", "--etapa", "entidad")
    assert {h["regla"]: h["severidad"] for h in json.loads(r.stdout)["hallazgos"]}["NIT-007"] == "advertencia"


def test_un_documento_no_definido_en_los_datos_abiertos_deja_el_de_la_solicitud(archivos, tmp_path):
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0] | {"documento_proveedor": "No Definido"}
    (tmp_path / "contratos.json").write_text(json.dumps([fila]), encoding="utf-8")
    solicitud = archivos("pago.json", {"contrato": {"contratista": {"numero": "901234567", "dv": 7}}})
    r = correr("validar", str(XML / "factura.xml"), "--contrato", solicitud, str(tmp_path / "contratos.json"),
               str(DATOS / "plan_de_pagos.json"), "--json", "--hoy", "2026-06-05")
    informe = json.loads(r.stdout)
    assert informe["error"] is None and "NIT-002" in informe["reglas_ejecutadas"], informe
    assert "documento_proveedor dice «No Definido»" in r.stderr
    # Sin el número en la solicitud, falta ese dato y se dice cuál.
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(tmp_path / "contratos.json"),
               str(DATOS / "plan_de_pagos.json"), "--json", "--hoy", "2026-06-05")
    assert r.returncode == 2 and "contrato.contratista.numero: Falta este dato" in r.stderr


def test_lo_que_los_datos_abiertos_suponen_no_reemplaza_lo_que_trae_la_solicitud(archivos, tmp_path):
    # «tipodocproveedor» «No Definido» y «es_grupo» «No Definido»: antes se ponían NIT, persona jurídica, sin prestación
    # de servicios (aunque el tipo de contrato lo dijera) y sin consorcio encima de lo que la solicitud decía, y las
    # reglas de persona natural no corrían.
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0] | {
        "tipodocproveedor": "No Definido", "es_grupo": "No Definido", "tipo_de_contrato": "Prestación de servicios"}
    (tmp_path / "contratos.json").write_text(json.dumps([fila]), encoding="utf-8")
    solicitud = archivos("pago.json", {"contrato": {"tipo_persona": "natural",
                                                    "consorcio_o_union_temporal": True, "valor": "60000000",
                                                    "contratista": {"tipo_documento": "CC", "numero": "901234567"}}})
    r = correr("validar", str(XML / "factura.xml"), "--contrato", solicitud, str(tmp_path / "contratos.json"),
               str(DATOS / "plan_de_pagos.json"), "--json", "--hoy", "2026-06-05")
    informe = json.loads(r.stdout)
    assert informe["error"] is None, informe
    assert "SS-001" in informe["reglas_ejecutadas"] and "SS-001" in {h["regla"] for h in informe["hallazgos"]}
    assert "NIT-007" in {h["regla"] for h in informe["hallazgos"]} or "NIT-008" in {h["regla"] for h in informe["hallazgos"]}
    # Lo publicado sí reemplaza lo escrito, y se dice (como en la página).
    assert "Se reemplazó lo que la solicitud traía en contrato.valor (60000000) por 47600000: es lo publicado." in r.stderr
    # Sin la solicitud, lo supuesto: NIT y persona jurídica (SS-009, la certificación de la persona jurídica).
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(tmp_path / "contratos.json"),
               str(DATOS / "plan_de_pagos.json"), "--json", "--hoy", "2026-06-05")
    assert "SS-009" in {h["regla"] for h in json.loads(r.stdout)["hallazgos"]} and "Se reemplazó" not in r.stderr


def test_solo_el_plan_sin_el_contrato_dice_como_dar_el_contrato_en_la_cli(archivos):
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "plan_de_pagos.json"), "--id-contrato",
               "CO1.PCCNTR.1234567", "--hoy", "2026-06-05")
    assert r.returncode == 2 and "contrato.valor: Falta este dato" in r.stderr
    assert "agregue a --contrato el archivo de «SECOP II - Contratos Electrónicos» («checker enlaces CO1.PCCNTR.…»" in r.stderr
    # Sin datos abiertos, una solicitud a la que le falta el contrato no recibe esa pista (no es de los archivos).
    r = correr("validar", str(XML / "factura.xml"), "--contrato", archivos("c.json", {"contrato": {"numero": "CO1.PCCNTR.1"}}))
    assert r.returncode == 2 and "contrato.valor: Falta este dato" in r.stderr and "agregue a --contrato" not in r.stderr
    # Con la fila del contrato, un dato mal escrito en la solicitud no es algo que falte en los archivos.
    mal = archivos("m.json", {"contrato": {"anticipo": {"valor": "1000", "porcentaje_amortizacion": "treinta"}}})
    r = correr("validar", str(XML / "factura.xml"), "--contrato", mal, str(DATOS / "contratos.json"),
               str(DATOS / "plan_de_pagos.json"), "--hoy", "2026-06-05")
    assert r.returncode == 2 and "porcentaje_amortizacion" in r.stderr and "agregue a --contrato" not in r.stderr


def test_los_datos_abiertos_completan_la_solicitud_json_y_pago_elige_el_id(archivos):
    caso = ejemplos.cargar("tipica")
    pago = caso["pago"] | {"id_pago": "98123402"}
    solicitud = archivos("pago.json", {"pago": pago})
    r = correr("validar", str(XML / "factura.xml"), "--contrato", solicitud, str(DATOS / "contratos.csv"),
               str(DATOS / "plan_de_pagos.csv"), "--json", "--hoy", "2026-06-05")
    informe = json.loads(r.stdout)
    # Sin entregas en el contrato (los datos abiertos no las traen), la entrega del pago no se encuentra.
    assert {h["regla"] for h in informe["hallazgos"]} == {"APR-005"}, informe["hallazgos"]
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.json"),
               str(DATOS / "plan_de_pagos.json"), "--pago", "98123401", "--json", "--hoy", "2026-06-05")
    assert "MON-004" in {h["regla"] for h in json.loads(r.stdout)["hallazgos"]}, "el pago 1 ya está facturado"


def test_los_csv_guardados_de_nuevo_con_excel_dan_el_mismo_informe(tmp_path):
    rutas = []
    for nombre in ("contratos.csv", "plan_de_pagos.csv"):
        (tmp_path / nombre).write_bytes(como_excel(nombre))
        rutas.append(str(tmp_path / nombre))
    excel = correr("validar", str(XML / "factura.xml"), "--contrato", *rutas, "--json", "--hoy", "2026-06-05")
    portal = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.csv"),
                    str(DATOS / "plan_de_pagos.csv"), "--json", "--hoy", "2026-06-05")
    assert excel.returncode == portal.returncode == 1, excel.stderr
    de_excel, del_portal = json.loads(excel.stdout), json.loads(portal.stdout)
    # Lo único distinto: el aviso de que el archivo se guardó de nuevo (va en los avisos de los datos abiertos).
    avisos_excel = de_excel.pop("datos_abiertos").pop("avisos")
    avisos_portal = del_portal.pop("datos_abiertos").pop("avisos")
    # Y cada fecha que se llenó dice cómo se leyó: en el guardado con Excel, toda fecha; en el del portal, la que
    # puede leerse de dos formas (02/01/2026).
    assert [a for a in avisos_excel if "Excel" not in a] == [a for a in avisos_portal if "se leyó como" not in a]
    assert any("Excel" in a for a in avisos_excel)
    leidas = [a.split(":")[0] for a in avisos_portal if "se leyó como" in a]
    assert leidas and all(any(a.startswith(f"{x} (el archivo se guardó de nuevo con Excel") for a in avisos_excel)
                          for x in leidas)
    assert de_excel == del_portal


def test_un_archivo_de_datos_abiertos_que_no_sirve_sale_con_2_y_lo_nombra():
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "plan_sin_columna.csv"))
    assert r.returncode == 2 and "plan_sin_columna.csv" in r.stderr and "valor_a_pagar" in r.stderr
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "vacio.json"))
    assert r.returncode == 2 and "no trae filas" in r.stderr
    # El conjunto «Facturas» no es el plan de pagos: solo, se dice cuál bajar, en vez de revisar con un plan a medias.
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "facturas.csv"))
    assert r.returncode == 2 and "facturas.csv" in r.stderr and "SECOP II - Plan de pagos" in r.stderr
    # Un archivo de un conjunto que no se conoce, solo: sus columnas y los conjuntos que el validador espera (antes,
    # «no tiene la columna id_contrato», que sí tiene).
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "otro_conjunto.json"))
    assert r.returncode == 2 and "no tiene la columna id_contrato" not in r.stderr, r.stderr
    assert "(sus columnas: descripcion, fecha_de_registro, id_adicion, id_contrato, tipo, valor)" in r.stderr
    assert "«SECOP II - Contratos Electrónicos» (jbjy-vk9h)" in r.stderr and "«SECOP II - Plan de pagos» (uymx-8p3j)" in r.stderr


@pytest.mark.parametrize("otro, dice", [
    ("facturas.json", "«facturas.json» es de «SECOP II - Facturas» (ibyt-yi2f)"),
    ("facturas.csv", "«facturas.csv» es de «SECOP II - Facturas» (ibyt-yi2f)"),
    # Un conjunto que el validador no conoce (sus columnas no son de HECHOS §5: solo cuenta que no son las que usa).
    ("otro_conjunto.json", "«otro_conjunto.json» no es de «SECOP II - Contratos Electrónicos» ni de «SECOP II - Plan de "
                           "pagos», los conjuntos que usa el validador (sus columnas: descripcion"),
])
def test_un_archivo_de_otro_conjunto_junto_al_contrato_y_el_plan_se_deja_fuera_con_un_aviso(otro, dice):
    # Antes, salida 2 y nada revisado, aunque el contrato y el plan estaban (el proveedor agrega el de sus facturas).
    base = [str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.json"), str(DATOS / "plan_de_pagos.json")]
    sin = correr("validar", *base, "--json", "--hoy", "2026-06-05")
    con = correr("validar", *base, str(DATOS / otro), "--json", "--hoy", "2026-06-05")
    assert con.returncode == sin.returncode == 1, con.stderr
    informe, esperado = json.loads(con.stdout), json.loads(sin.stdout)
    [aviso] = [a for a in informe["datos_abiertos"]["avisos"] if a not in esperado["datos_abiertos"]["avisos"]]
    assert aviso.startswith(dice) and aviso.endswith("no se usó; se revisó con los demás archivos.")
    assert f"checker: {aviso}" in con.stderr
    informe["datos_abiertos"]["avisos"].remove(aviso)
    assert informe == esperado
    # Con solo el contrato, también: se revisa sin el plan (y se dice que falta).
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.csv"), str(DATOS / otro),
               "--hoy", "2026-06-05")
    assert r.returncode == 1 and dice in r.stderr and "Agregue el plan de pagos" in r.stderr


def test_el_informe_en_texto_dice_el_pago_revisado_por_que_y_los_avisos():
    # Antes, solo en stderr: el informe que se guarda o se pega no decía con qué pago del plan se comparó la factura.
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.json"),
               str(DATOS / "plan_de_pagos.json"), str(DATOS / "facturas.json"), "--hoy", "2026-06-05")
    informe = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.json"),
                     str(DATOS / "plan_de_pagos.json"), str(DATOS / "facturas.json"), "--hoy", "2026-06-05", "--json")
    datos = json.loads(informe.stdout)["datos_abiertos"]
    cabeza = r.stdout.split("\n\n", 1)[0]
    assert f"\n  Pago revisado: {datos['eleccion']}\n" in cabeza and datos["eleccion"].startswith("Se eligió el pago 98123402")
    assert len(datos["avisos"]) > 1 and all(f"\n    - {a}" in cabeza for a in datos["avisos"])
    # stderr sigue igual: cada línea, con «checker: ».
    assert f"checker: {datos['eleccion']}" in r.stderr
    # En la CLI otro pago se indica con --pago, no en «ID de pago»; con --pago, la elección es esa.
    assert datos["eleccion"].endswith("En la CLI, otro pago se indica con --pago ID.")
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.json"),
               str(DATOS / "plan_de_pagos.json"), "--pago", "98123403", "--hoy", "2026-06-05")
    assert "  Pago revisado: Se usó el pago 98123403, el que se indicó.\n" in r.stdout


def test_con_el_contrato_lo_que_queda_sin_revisar_dice_el_dato_que_falta_y_no_pide_el_contrato(archivos):
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.json"),
               str(DATOS / "plan_de_pagos.json"), "--hoy", "2026-06-05")
    sin_revisar = r.stdout.split("Sin revisar (faltan datos):\n", 1)[1]
    assert "FAC · " in sin_revisar and "--contrato CONTRATO.json" not in sin_revisar
    assert 'escríbala en «factura.clave_tecnica»' in sin_revisar and '{"factura": {"clave_tecnica": "…"}}' in sin_revisar
    # Y es cierto: con esa solicitud junto a los archivos, la regla del CUFE corre.
    clave = archivos("clave.json", {"factura": {"clave_tecnica": "fc8eac422eba16e22ffd8c6f94b3f40a6e38162c"}})
    r = correr("validar", str(XML / "factura.xml"), "--contrato", clave, str(DATOS / "contratos.json"),
               str(DATOS / "plan_de_pagos.json"), "--hoy", "2026-06-05", "--json")
    informe = json.loads(r.stdout)
    assert "FAC-005" in informe["reglas_ejecutadas"] and informe["grupos_sin_revisar"] == []
    # La factura sola sigue diciendo cómo dar el contrato.
    r = correr("validar", str(XML / "factura.xml"), "--hoy", "2026-06-05")
    assert "Para revisarlas: checker validar FACTURA.xml --contrato CONTRATO.json" in r.stdout


def test_enlaces_imprime_las_urls_de_las_filas_del_contrato():
    r = correr("enlaces", "CO1.PCCNTR.1234567")
    assert r.returncode == 0 and "uymx-8p3j.csv?id_del_contrato=CO1.PCCNTR.1234567" in r.stdout
    r = correr("enlaces", "1234567")
    assert r.returncode == 2 and "CO1.PCCNTR" in r.stderr


def test_enlaces_sin_el_numero_busca_los_contratos_del_emisor_con_la_entidad_de_la_factura():
    por_partes = "jbjy-vk9h.json?$where=documento_proveedor%20like%20%27%25901234567%25%27%20AND%20nit_entidad%20like%20%27%25800100200%25%27"
    for args in (["--factura", str(XML / "factura.xml")], ["--proveedor", "901.234.567-7", "--entidad", "800100200"]):
        r = correr("enlaces", *args)
        assert r.returncode == 0 and por_partes in r.stdout and "uymx-8p3j" not in r.stdout, r.stderr
    for args in ([], ["--proveedor", "901234567"], ["--factura", str(DATOS / "contratos.json")]):
        r = correr("enlaces", *args)
        assert r.returncode == 2 and r.stderr.startswith("checker: ") and "Traceback" not in r.stderr


def test_los_datos_abiertos_con_varios_contratos_eligen_el_de_la_factura_o_el_de_id_contrato():
    archivos = [str(DATOS / "contratos_del_proveedor.json"), str(DATOS / "plan_de_pagos.json")]
    r = correr("validar", str(XML / "factura.xml"), "--contrato", *archivos, "--hoy", "2026-06-05", "--json")
    assert r.returncode == 1 and "se usó CO1.PCCNTR.1234567" in r.stderr
    assert [h["regla"] for h in json.loads(r.stdout)["hallazgos"] if h["severidad"] == "error"] == ["APR-004"]
    # El de 2025, dicho con --id-contrato: la factura de junio de 2026 queda fuera de su plazo (FEC-001).
    r = correr("validar", str(XML / "factura.xml"), "--contrato", archivos[0], "--id-contrato", "CO1.PCCNTR.1111111",
               "--pago", "1", "--hoy", "2026-06-05", "--json")
    informe = json.loads(r.stdout)
    assert "se usó" not in r.stderr and "FEC-001" in {h["regla"] for h in informe["hallazgos"]}


def test_con_varios_contratos_que_pueden_ser_el_de_la_factura_la_cli_dice_id_contrato(tmp_path):
    [fila] = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))
    otro = fila | {"id_contrato": "CO1.PCCNTR.7654321", "referencia_del_contrato": "CMA-046-2026"}
    ruta = tmp_path / "contratos.json"
    ruta.write_text(json.dumps([fila, otro]), encoding="utf-8")
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(ruta), "--hoy", "2026-06-05")
    # El mensaje de la página, y cómo se dice aquí (antes, solo «Escriba el número del contrato…»).
    assert r.returncode == 2 and "Escriba el número del contrato que quiere revisar" in r.stderr
    assert "En la CLI, con --id-contrato" in r.stderr
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(ruta), "--id-contrato", "CO1.PCCNTR.1234567",
               "--hoy", "2026-06-05")
    assert r.returncode == 1 and "--id-contrato" not in r.stderr
    # La página no recibe la pista de la CLI.
    respuesta = json.loads(api.datos_abiertos_json(json.dumps([{"nombre": "c.json", "texto": ruta.read_text()}])))
    assert "Escriba el número del contrato" in respuesta["error"] and "--id-contrato" not in respuesta["error"]


@pytest.mark.parametrize("columna, valor, campo, ejemplo", [
    ("valor_del_contrato", "0", "contrato.valor", '{"contrato": {"valor": "…"}}'),
    ("fecha_de_fin_del_contrato", "No Definido", "contrato.fecha_fin", '{"contrato": {"fecha_fin": "AAAA-MM-DD"}}'),
])
def test_un_dato_del_contrato_publicado_como_cero_o_no_definido_dice_como_darlo_en_la_cli(
        archivos, tmp_path, columna, valor, campo, ejemplo):
    [fila] = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))
    ruta = tmp_path / "contratos.json"
    ruta.write_text(json.dumps([fila | {columna: valor}]), encoding="utf-8")
    abiertos = [str(ruta), str(DATOS / "plan_de_pagos.json")]
    r = correr("validar", str(XML / "factura.xml"), "--contrato", *abiertos, "--hoy", "2026-06-05")
    assert r.returncode == 2 and f"{campo}: Falta este dato" in r.stderr
    assert f"Escriba ese dato en una solicitud JSON y agréguela a --contrato" in r.stderr and ejemplo in r.stderr
    # Y así se revisa: lo que los archivos no llenaron queda como lo trae la solicitud.
    dato = json.loads(ejemplo.replace("…", "47600000").replace("AAAA-MM-DD", "2026-12-31"))
    r = correr("validar", str(XML / "factura.xml"), "--contrato", archivos("c.json", dato), *abiertos, "--hoy", "2026-06-05")
    assert r.returncode == 1 and "Falta este dato" not in r.stderr, r.stderr


def test_etapa_entidad_cambia_la_severidad_y_el_codigo_de_salida(archivos):
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"pago.registro_presupuestal": None})
    ruta = archivos("s.json", caso)
    proveedor = correr("validar", ruta, "--hoy", "2026-11-24")
    assert proveedor.returncode == 0 and "Lo que la entidad revisará al aprobar:" in proveedor.stdout
    assert "[Información] APR-007" in proveedor.stdout and "Etapa: proveedor" in proveedor.stdout
    entidad = correr("validar", ruta, "--hoy", "2026-11-24", "--etapa", "entidad", "--json")
    informe = json.loads(entidad.stdout)
    assert entidad.returncode == 1 and informe["etapa"] == "entidad"
    # Solo le falta lo que ella ingresa al aprobar: no se le dice que la rechace.
    assert informe["titular"] == "Faltan los datos de aprobación de la entidad"
    assert informe["explicacion"] == "1 dato que usted ingresa al aprobar; ningún error del proveedor en lo revisado."
    texto = correr("validar", ruta, "--hoy", "2026-11-24", "--etapa", "entidad").stdout
    assert "Lo que usted (la entidad) debe resolver o revisar antes de aprobar:\n\n[Error] APR-007" in texto
    assert [(h["regla"], h["severidad"], h["corrige"]) for h in informe["hallazgos"]] == [("APR-007", "error", "entidad")]


def test_una_etapa_desconocida_sale_con_2_y_lo_dice_en_espanol(archivos):
    r = correr("validar", archivos("s.json", ejemplos.cargar("tipica")), "--etapa", "supervisor")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == "checker: La etapa «supervisor» no existe: use «proveedor» (antes de enviar la solicitud) " \
                       "o «entidad» (antes de aprobarla).\n"


def test_reglas_json_trae_etapas_quien_corrige_y_fuentes():
    datos = {d["id"]: d for d in json.loads(correr("reglas", "--json").stdout)}
    apr7 = datos["APR-007"]
    assert apr7["etapas"] == {"proveedor": "informacion", "entidad": "error"} and apr7["corrige"] == "entidad"
    assert apr7["severidad"] == "informacion"
    assert [f["id"] for f in apr7["fuentes"]] == ["cce-respuesta-p20211130011070", "decreto-111-1996"]
    assert apr7["fuente"] == CATALOGO["APR-007"].fuente


def test_reglas_en_texto_muestra_las_dos_etapas():
    r = correr("reglas")
    linea = next(l for l in r.stdout.splitlines() if l.startswith("APR-007"))
    assert "Información" in linea and "Error" in linea and "entidad" in linea


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


def test_el_zip_del_correo_se_revisa_como_su_xml_y_uno_sin_factura_sale_con_2(tmp_path):
    (tmp_path / "correo.zip").write_bytes(zip_del_correo())
    (tmp_path / "solo-pdf.zip").write_bytes(como_zip(("fv.pdf", PDF_DE_EJEMPLO)))
    del_zip = correr("validar", str(tmp_path / "correo.zip"), "--json", "--hoy", "2026-06-05")
    del_xml = correr("validar", str(XML / "attached-validada.xml"), "--json", "--hoy", "2026-06-05")
    assert del_zip.returncode == del_xml.returncode == 0, del_zip.stderr
    assert json.loads(del_zip.stdout) == json.loads(del_xml.stdout)
    con_contrato = correr("validar", str(tmp_path / "correo.zip"), "--contrato", str(DATOS / "contratos.json"),
                          str(DATOS / "plan_de_pagos.json"), "--json", "--hoy", "2026-06-05")
    assert json.loads(con_contrato.stdout)["modo"] == "completo"
    r = correr("validar", str(tmp_path / "solo-pdf.zip"))
    assert r.returncode == 2 and "no trae el XML de la factura" in r.stderr and "«fv.pdf»" in r.stderr
    (tmp_path / "factura.pdf").write_bytes(PDF_DE_EJEMPLO)
    r = correr("validar", str(tmp_path / "factura.pdf"))
    assert r.returncode == 2 and "es un PDF" in r.stderr and "Traceback" not in r.stderr


def test_con_json_una_entrada_ilegible_tambien_da_json_con_el_error(tmp_path):
    ruta = tmp_path / "malo.xml"
    ruta.write_bytes(b"<Invoice><sin cerrar>")
    r = correr("validar", str(ruta), "--json")
    informe = json.loads(r.stdout)
    assert r.returncode == 2 and r.stderr.startswith("checker: ")
    assert informe["aprobable"] is False and informe["error"] == r.stderr.removeprefix("checker: ").strip()
    sin_fecha = (XML / "factura.xml").read_text(encoding="utf-8").replace("<cbc:IssueDate>2026-06-01</cbc:IssueDate>", "")
    ruta.write_text(sin_fecha, encoding="utf-8")
    r = correr("validar", str(ruta), "--json")
    assert r.returncode == 2 and [e["campo"] for e in json.loads(r.stdout)["errores_de_entrada"]] == ["fecha_emision"]


@pytest.mark.parametrize("args", [("validar", str(XML / "factura.xml")), ("validar", str(XML / "factura.xml"), "--json"),
                                  ("reglas",), ("esquema",)])
def test_una_salida_cerrada_por_quien_la_lee_no_da_traceback(args):
    # `checker validar … | head -1`: quien lee cierra la tubería; aquí, cerrada antes de escribir (siempre igual).
    import os

    lectura, escritura = os.pipe()
    os.close(lectura)
    try:
        r = subprocess.run([sys.executable, "-m", "checker", *args], stdout=escritura, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(escritura)
    assert r.stderr == "" and r.returncode in (0, 1)


def _respuesta_de_otra_factura(tmp_path):
    otra = (XML / "respuesta-validada.xml").read_text(encoding="utf-8").replace("FEV1234", "FEV9999")
    ruta = tmp_path / "respuesta-otra.xml"
    ruta.write_text(otra.replace("0a24c2d678a9fa02", "ffffffffffffffff"), encoding="utf-8")
    return str(ruta)


def test_la_respuesta_de_otra_factura_no_se_muestra_como_la_validacion_de_esta(tmp_path):
    respuesta = _respuesta_de_otra_factura(tmp_path)
    r = correr("validar", str(XML / "factura.xml"), "--respuesta", respuesta, "--hoy", "2026-06-05")
    assert "Respuesta de la DIAN: la cargada es de otro documento (FEV9999, validada)" in r.stdout
    assert "validada (código 02" not in r.stdout and "DIAN-003" in r.stdout
    informe = json.loads(correr("validar", str(XML / "factura.xml"), "--respuesta", respuesta, "--json").stdout)
    assert informe["respuesta_de_otro_documento"] is True
    informe = json.loads(correr("validar", str(XML / "factura.xml"), "--respuesta", str(XML / "respuesta-validada.xml"),
                                "--json").stdout)
    assert informe["respuesta_de_otro_documento"] is False


def test_la_respuesta_aparte_junto_a_un_attached_document_con_la_suya_se_dice_que_no_se_uso(tmp_path):
    # Antes: salida 0 sin una palabra de que la respuesta cargada aparte (de otro documento) no se usó.
    adjunto = str(XML / "attached-validada.xml")
    r = correr("validar", adjunto, "--respuesta", _respuesta_de_otra_factura(tmp_path), "--hoy", "2026-06-05")
    assert r.returncode == 0 and "Respuesta de la DIAN: validada (código 02" in r.stdout
    dian_005 = r.stdout[r.stdout.index("DIAN-005"):]
    assert "que se cargó aparte no se usó: el AttachedDocument trae la suya" in dian_005
    assert "es del documento FEV9999 (ffffffffffff…), no de esta factura" in dian_005
    # De esta factura pero con otro veredicto: vale la del AttachedDocument (validada), y se dice.
    r = correr("validar", adjunto, "--respuesta", str(XML / "respuesta-rechazada.xml"), "--hoy", "2026-06-05", "--json")
    informe = json.loads(r.stdout)
    assert r.returncode == 0 and informe["respuesta_dian"]["estado"] == "validada"
    [h] = [h for h in informe["hallazgos"] if h["regla"] == "DIAN-005"]
    assert "de esta factura pero que la rechazó" in h["mensaje"]
    # Sin respuesta aparte, nada que decir.
    assert "DIAN-005" not in correr("validar", adjunto, "--hoy", "2026-06-05").stdout


def test_un_attached_document_sin_respuesta_no_se_explica_como_la_factura_sola(tmp_path):
    import re

    contenedor = (XML / "attached-document.xml").read_text(encoding="utf-8")
    ruta = tmp_path / "sin-respuesta.xml"
    ruta.write_text(re.sub(r"<cac:ParentDocumentLineReference>.*</cac:ParentDocumentLineReference>", "", contenedor,
                           flags=re.S), encoding="utf-8")
    sin = json.loads(correr("validar", str(ruta), "--json").stdout)["respuesta_dian"]
    assert sin["estado"] == "ausente" and sin["descripcion"].startswith("El AttachedDocument que se cargó no trae")
    sola = json.loads(correr("validar", str(XML / "factura.xml"), "--json").stdout)["respuesta_dian"]
    assert sola["estado"] == "ausente" and "Es lo normal si se cargó el XML de la factura sola" in sola["descripcion"]


def test_la_respuesta_del_servicio_web_de_la_dian_se_advierte_con_sus_reglas_sin_darla_por_rechazo(tmp_path):
    respuesta = XML / "respuesta-servicio-rechazada.xml"
    r = correr("validar", str(XML / "factura.xml"), "--respuesta", str(respuesta), "--hoy", "2026-06-05")
    assert r.returncode == 0 and "DIAN-001" not in r.stdout and "[Advertencia] DIAN-004" in r.stdout
    assert "    Motivo FAU14: Valor a Pagar de Factura es distinto" in r.stdout
    assert "    Notificación RUT01: La validación del estado del RUT" in r.stdout
    # El reenvío de una factura ya validada («Regla: 90») no es un rechazo de la factura.
    reenvio = tmp_path / "reenvio.xml"
    texto = respuesta.read_text(encoding="utf-8")
    inicio, fin = texto.index("<c:string>"), texto.rindex("</c:string>") + len("</c:string>")
    reenvio.write_text(texto[:inicio] + "<c:string>Regla: 90, Rechazo: Documento procesado anteriormente.</c:string>"
                       + texto[fin:], encoding="utf-8")
    r = correr("validar", str(XML / "factura.xml"), "--respuesta", str(reenvio), "--hoy", "2026-06-05")
    assert r.returncode == 0 and "DIAN-001" not in r.stdout


def test_la_entidad_con_errores_del_proveedor_lee_donde_se_explica_como_rechazar(archivos):
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"factura.proveedor.dv": 5})
    r = correr("validar", archivos("s.json", caso), "--hoy", "2026-11-24", "--etapa", "entidad")
    assert r.returncode == 1 and "cómo rechazar: /procedimientos/aprobar-o-rechazar-factura/#paso-6" in r.stdout
    r = correr("validar", archivos("s.json", caso), "--hoy", "2026-11-24")
    assert "cómo rechazar" not in r.stdout
    # Solo advertencias del proveedor: no hay qué rechazar.
    solo_advierte = ejemplos.aplicar(ejemplos.cargar("tipica"), {"pago.soportes": ["factura_xml"]})
    r = correr("validar", archivos("s.json", solo_advierte), "--hoy", "2026-11-24", "--etapa", "entidad")
    assert "SS-009" in r.stdout and "cómo rechazar" not in r.stdout


def test_con_datos_abiertos_un_pago_sin_valor_no_detiene_la_revision_y_json_trae_la_eleccion(tmp_path):
    plan = json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
    for f in plan:
        if f["id_de_pago"] == "98123404":
            f.pop("valor_a_pagar"), f.pop("valor_total", None)
    ruta = tmp_path / "plan.json"
    ruta.write_text(json.dumps(plan), encoding="utf-8")
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.json"), str(ruta),
               "--json", "--hoy", "2026-06-05")
    informe = json.loads(r.stdout)
    assert r.returncode in (0, 1) and informe["error"] is None
    assert informe["datos_abiertos"]["eleccion"].startswith("Se eligió el pago 98123402")
    assert any("98123404 no trae valor_a_pagar: se revisa el resto del plan sin él." in a
               for a in informe["datos_abiertos"]["avisos"])


def test_la_etapa_se_escribe_con_mayuscula_o_sin_ella(archivos):
    r = correr("validar", archivos("s.json", ejemplos.cargar("tipica")), "--hoy", "2026-11-24", "--etapa", "Entidad")
    assert r.returncode in (0, 1) and "Etapa: entidad" in r.stdout


def test_con_datos_abiertos_si_el_pago_de_la_factura_no_trae_valor_lo_dice_y_no_inventa_un_pag_002(tmp_path):
    # El pago 98123402 registra esta factura (FEV1234) pero la API no escribe su valor (null): sin él en el plan, PAG-002
    # decía «no está en el plan de pagos» (error falso, salida 1). Ahora la CLI dice qué falta y cómo darlo (salida 2).
    plan = json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
    for f in plan:
        if f["id_de_pago"] == "98123402":
            f.pop("valor_a_pagar"), f.pop("valor_total", None)
            f.update(estado="Enviado Por Proveedor", numero_de_factura="FEV1234")
    ruta = tmp_path / "plan.json"
    ruta.write_text(json.dumps(plan), encoding="utf-8")
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.json"), str(ruta),
               "--hoy", "2026-06-05")
    assert r.returncode == 2 and "PAG-002" not in r.stdout
    assert "el pago 98123402, el de esta factura, no trae valor_a_pagar" in r.stderr and "Guardar la solicitud" in r.stderr


@pytest.mark.parametrize("vacio", ["[]", "CABECERA"])
def test_con_datos_abiertos_un_plan_sin_filas_es_un_contrato_sin_plan_y_la_revision_sigue(tmp_path, vacio):
    # El portal responde sin filas el plan de un contrato que no tiene plan de pagos: antes la CLI salía con 2 y
    # culpaba al número del contrato, aunque el archivo del contrato lo traía.
    cabecera = (DATOS / "plan_de_pagos.csv").read_text(encoding="utf-8").splitlines()[0]
    ruta = tmp_path / ("plan.json" if vacio == "[]" else "plan.csv")
    ruta.write_text(cabecera + "\n" if vacio == "CABECERA" else vacio, encoding="utf-8")
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.json"), str(ruta),
               "--hoy", "2026-06-05")
    assert r.returncode in (0, 1) and "PAG-001" in r.stdout
    assert f"«{ruta.name}» no trae filas" in r.stderr and "«Crear»" in r.stderr
    solo = correr("validar", str(XML / "factura.xml"), "--contrato", str(ruta), "--hoy", "2026-06-05")
    assert solo.returncode == 2 and "revise el número del contrato" in solo.stderr


@pytest.mark.parametrize("rechazo, notificacion", [("Rechazo: ", "Notificación: "),
                                                  ("Regla: FAD06, Rechazo: ", "Regla: FAJ43b, Notificación: ")])
def test_en_un_rechazo_de_la_dian_una_notificacion_no_se_cuenta_como_motivo(tmp_path, rechazo, notificacion):
    # La respuesta de un rechazo trae también notificaciones («Notificación: …»): DIAN-001 y la cabecera las daban
    # como motivos del rechazo. También con la etiqueta después de la regla, como la escribe la DIAN en el
    # ApplicationResponse («Regla: FAJ43b, Notificación: …»): antes solo se reconocía al comienzo.
    xml = (XML / "attached-rechazada.xml").read_text(encoding="utf-8").replace(
        "Rechazo: valor del CUFE", f"{rechazo}valor del CUFE").replace(
        "Rechazo: nombre o razón social del adquiriente no coincide con el RUT",
        f"{notificacion}Nombre informado No corresponde al registrado en el RUT")
    assert xml.count(rechazo) == 1 and xml.count(notificacion) == 1
    ruta = tmp_path / "rechazada.xml"
    ruta.write_text(xml, encoding="utf-8")
    r = correr("validar", str(ruta), "--hoy", "2026-06-10")
    assert r.returncode == 1
    assert "Motivo FAD06: valor del CUFE" in r.stdout and "Notificación FAJ43b: Nombre informado" in r.stdout
    dian_001 = r.stdout[r.stdout.index("DIAN-001"):]
    assert "Motivos: FAD06 valor del CUFE" in dian_001
    assert "notificaciones, que no son motivo de rechazo: FAJ43b Nombre informado" in dian_001
    assert "FAJ43b" not in dian_001[:dian_001.index("notificaciones, que no")]


def test_un_archivo_que_no_es_la_factura_ni_la_solicitud_como_argumento_se_nombra(tmp_path):
    # Antes: «El JSON de la solicitud está mal formado (línea 1, columna 1)» para una página web, y el contrato de los
    # datos abiertos se leía como una solicitud incompleta.
    pagina = tmp_path / "contrato.html"
    pagina.write_text("<!DOCTYPE html><html><body>datos.gov.co</body></html>", encoding="utf-8")
    r = correr("validar", str(pagina))
    assert r.returncode == 2 and "página web (HTML)" in r.stderr
    r = correr("validar", str(DATOS / "contratos.json"))
    assert r.returncode == 2 and "va con --contrato" in r.stderr


def test_los_archivos_que_no_se_leen_no_le_hablan_a_la_entidad_de_su_programa_de_facturacion(tmp_path):
    # El lector no sabe quién revisa: antes, a la entidad (que recibe la factura y no tiene «programa de facturación»)
    # le pedía «use el XML que generó su programa de facturación» ante un valor editado a mano o una página web.
    editado = tmp_path / "factura.xml"
    editado.write_text((XML / "factura.xml").read_text(encoding="utf-8").replace(
        ">11900000.00</cbc:PayableAmount>", ">11.900.000,00</cbc:PayableAmount>"), encoding="utf-8")
    pagina = tmp_path / "contrato.html"
    pagina.write_text("<!DOCTYPE html><html><body>datos.gov.co</body></html>", encoding="utf-8")
    for archivo, dice in ((editado, "no es un número como los escribe el XML"), (pagina, "página web (HTML)")):
        r = correr("validar", str(archivo), "--etapa", "entidad")
        assert r.returncode == 2 and dice in r.stderr, r.stderr
        assert "su programa de facturación" not in r.stderr and "programa de facturación del emisor" in r.stderr


def test_en_un_rechazo_una_linea_sin_prefijo_junto_a_un_rechazo_con_prefijo_es_notificacion(tmp_path):
    # Las notificaciones de la DIAN a veces van sin «Notificación:» (RUT01, en archivos reales): junto a un «Rechazo:»,
    # no son motivo. Si ninguna línea dice «Rechazo:», no se sabe cuál lo es y todas cuentan (el fixture original).
    xml = (XML / "attached-rechazada.xml").read_text(encoding="utf-8").replace(
        "<cbc:ResponseCode>FAJ43b</cbc:ResponseCode>", "<cbc:ResponseCode>RUT01</cbc:ResponseCode>").replace(
        "Rechazo: nombre o razón social del adquiriente no coincide con el RUT",
        "La validación del estado del RUT próximamente estará disponible.")
    ruta = tmp_path / "rechazada.xml"
    ruta.write_text(xml, encoding="utf-8")
    r = correr("validar", str(ruta), "--hoy", "2026-06-10")
    assert "Motivo FAD06" in r.stdout and "Notificación RUT01" in r.stdout and "Motivo RUT01" not in r.stdout
    dian_001 = r.stdout[r.stdout.index("DIAN-001"):]
    assert "Motivos: FAD06" in dian_001 and "que no son motivo de rechazo: RUT01" in dian_001


def test_el_numero_de_radicacion_se_da_con_radicacion(tmp_path):
    # No está en los datos abiertos: sin una opción para darlo, toda revisión con ellos salía «sería rechazada» (APR-004).
    base = ("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.json"),
            str(DATOS / "plan_de_pagos.json"), "--hoy", "2026-06-05", "--json")
    sin = {h["regla"] for h in json.loads(correr(*base).stdout)["hallazgos"]}
    con = {h["regla"] for h in json.loads(correr(*base, "--radicacion", "2026-ER-004512").stdout)["hallazgos"]}
    assert "APR-004" in sin and "APR-004" not in con


def test_con_un_plan_publicado_sin_pagos_libres_no_se_afirma_que_el_pago_no_existe(tmp_path):
    # Si los datos abiertos solo traen los pagos con solicitud (por confirmar), el de esta factura puede no estar: antes
    # PAG-002 daba error («Falta el ID de pago»; con --pago, «no está en el plan») sin salida posible.
    plan = [f for f in json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
            if f["estado"] in ("Pagado", "Aprobado")]
    # La API de datos abiertos omite la columna vacía: un pago sin «estado» no hace del plan publicado uno escrito
    # (antes, con esa sola celda vacía, PAG-002 volvía a dar error).
    # (Un pago de $ 0 sin solicitud: no es el de esta factura.)
    otro = {k: v for k, v in plan[0].items() if k not in ("estado", "numero_de_factura", "valor_total", "valor_neto")}
    sin_estado = [*plan, {**otro, "id_de_pago": "98123409", "valor_a_pagar": "0"}]
    for i, filas in enumerate((plan, sin_estado)):
        (tmp_path / f"plan{i}.json").write_text(json.dumps(filas), encoding="utf-8")
    for ruta, extra in [(tmp_path / f"plan{i}.json", e) for i in range(2) for e in ([], ["--pago", "98123403"])]:
        r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.json"), str(ruta),
                   "--hoy", "2026-09-10", "--json", *extra)
        hallazgos = {h["regla"]: h["severidad"] for h in json.loads(r.stdout)["hallazgos"]}
        assert hallazgos.get("PAG-003") == "advertencia" and "PAG-002" not in hallazgos, hallazgos


def test_una_respuesta_de_la_dian_sin_codigo_no_dice_que_trae_un_codigo(tmp_path):
    # Antes: «con un código que no es validación ni rechazo» cuando la respuesta no trae código (DIAN-004 lo decía bien).
    texto = (XML / "attached-validada.xml").read_text(encoding="utf-8").replace(
        "<cbc:ResponseCode>02</cbc:ResponseCode>", "", 1)
    ruta = tmp_path / "sin-codigo.xml"
    ruta.write_text(texto, encoding="utf-8")
    r = correr("validar", str(ruta))
    assert "Respuesta de la DIAN: sin código de respuesta" in r.stdout and "con un código" not in r.stdout


def test_la_solicitud_que_guarda_la_pagina_con_solo_la_factura_da_el_informe_de_la_factura(tmp_path):
    # La página guarda el formulario entero: sin contrato, trae solo sus valores por omisión (tipo de documento NIT,
    # persona jurídica). Antes la CLI salía con 2 («6 datos por corregir: contrato.numero…») donde la página daba el
    # informe de la factura sola; con el contrato a medio escribir, el informe dice además qué falta.
    factura = json.loads(api.leer_xml_json((XML / "attached-rechazada.xml").read_bytes()))["factura"]
    por_omision = {"entidad": {"tipo_documento": "NIT"}, "contratista": {"tipo_documento": "NIT"},
                   "tipo_persona": "juridica", "prestacion_servicios": False, "consorcio_o_union_temporal": False}
    for contrato, faltan in ((por_omision, False), ({**por_omision, "numero": "CO1.PCCNTR.1234567"}, True)):
        ruta = tmp_path / "guardada.json"
        ruta.write_text(json.dumps({"factura": factura, "contrato": contrato}), encoding="utf-8")
        r = correr("validar", str(ruta), "--hoy", "2026-06-10", "--json")
        assert r.returncode == 1, r.stdout + r.stderr
        informe = json.loads(r.stdout)
        assert informe["modo"] == "solo_factura" and "DIAN-001" in {h["regla"] for h in informe["hallazgos"]}
        assert bool(informe["errores_de_entrada"]) == faltan


def test_una_solicitud_json_usa_los_datos_abiertos_de_contrato(tmp_path):
    # Antes, con una solicitud JSON (no el XML), --contrato, --pago y --id-contrato se ignoraban en silencio: el plan
    # pasado no se usaba y PAG-002 decía que el pago no estaba en el plan.
    solicitud = ejemplos.cargar("tipica")
    solicitud.pop("perfil", None)
    solicitud["pago"]["id_pago"] = "98123403"
    ruta = tmp_path / "s.json"
    ruta.write_text(json.dumps(solicitud), encoding="utf-8")
    r = correr("validar", str(ruta), "--contrato", str(DATOS / "contratos.json"), str(DATOS / "plan_de_pagos.json"),
               "--hoy", "2026-06-05", "--json")
    informe = json.loads(r.stdout)
    assert informe["datos_abiertos"] is not None and "PAG-002" not in {h["regla"] for h in informe["hallazgos"]}
    # Otra solicitud JSON en --contrato no se mezcla con la suya: se dice.
    r = correr("validar", str(ruta), "--contrato", str(ruta))
    assert r.returncode == 2 and "solo archivos de datos abiertos" in r.stderr


def test_la_fecha_de_recepcion_que_publica_el_plan_para_esta_factura_se_usa_y_se_dice():
    # Antes: APR-001 (error para la entidad, «Falta la fecha de recepción original») aunque el plan publicado trajera
    # la que el proveedor escribió al enviar esta factura; la CLI no tiene una opción para darla.
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.csv"),
               str(DATOS / "plan_de_pagos.csv"), "--etapa", "entidad", "--radicacion", "R1", "--hoy", "2026-06-10", "--json")
    informe = json.loads(r.stdout)
    assert "APR-001" not in {h["regla"] for h in informe["hallazgos"]}
    assert any("(2026-06-01) es la que el plan de pagos publica" in a for a in informe["datos_abiertos"]["avisos"])


@pytest.mark.parametrize("nombre", ejemplos.nombres())
def test_cada_caso_de_ejemplo_del_paquete_se_revisa_con_la_cli_como_en_el_sitio(nombre):
    # Antes, factura-rechazada.json (escrito como cambios sobre «tipica») salía con 2: «base: Este dato no se reconoce».
    ruta = Path(__file__).parents[2] / "checker" / "ejemplos" / f"{nombre}.json"
    r = correr("validar", str(ruta), "--hoy", "2026-06-10", "--json")
    assert r.returncode in (0, 1), r.stderr
    solicitud, perfil = ejemplos.separar(ejemplos.cargar(nombre))
    from checker import validar as validar_en_python
    from datetime import date
    esperado = validar_en_python(solicitud, perfil=perfil, hoy=date(2026, 6, 10))
    assert {h["regla"] for h in json.loads(r.stdout)["hallazgos"]} == {h.regla for h in esperado.hallazgos}


@pytest.mark.parametrize("nombre, cambio, campo", [
    ("tipica", {"pago.valor_neto": "25210084.03"}, "pago.valor_neto"),
    ("persona-natural", {"pago.aportes.periodo": "06-2026"}, "pago.aportes.periodo"),
])
def test_un_dato_del_pago_que_no_se_lee_sale_con_2_y_el_texto_lo_nombra(archivos, nombre, cambio, campo):
    # Antes: el informe de la factura sola, «✔ La factura no tiene errores en lo que se pudo revisar», salida 0, el
    # campo solo en errores_de_entrada de --json, y «Sin revisar» esperaba el contrato que la solicitud sí trae.
    ruta = archivos("s.json", ejemplos.aplicar(ejemplos.cargar(nombre), cambio))
    for etapa in ("proveedor", "entidad"):
        r = correr("validar", ruta, "--etapa", etapa, "--hoy", "2026-06-10")
        assert r.returncode == 2, r.stdout + r.stderr
        assert not r.stdout.startswith("✔") and f"\n  {campo}: " in r.stdout and campo in r.stderr
        assert "no se pudieron leer" in r.stdout and "Esperan el contrato" not in r.stdout and "--contrato" not in r.stdout
        r = correr("validar", ruta, "--etapa", etapa, "--hoy", "2026-06-10", "--json")
        informe = json.loads(r.stdout)
        assert r.returncode == 2 and informe["modo"] == "solo_factura"
        assert [e["campo"] for e in informe["errores_de_entrada"]] == [campo]


def test_como_entidad_el_contrato_a_medio_escribir_sale_con_2_y_no_aprueba(archivos):
    # Antes, como entidad, salida 0 con la factura sola: APR-001 y APR-007 (lo que la entidad resuelve antes de
    # aprobar) no corrían y un guion aprobaba. Como proveedor sigue el informe de la factura, con su salida (como en
    # la página mientras se escribe el contrato), y también dice qué falta.
    caso = ejemplos.cargar("tipica")
    del caso["contrato"]["fecha_inicio"]
    caso["pago"].update(fecha_recepcion_original=None, registro_presupuestal=None)
    ruta = archivos("s.json", caso)
    r = correr("validar", ruta, "--etapa", "entidad", "--hoy", "2026-06-10")
    assert r.returncode == 2 and "  contrato.fecha_inicio: Falta este dato." in r.stdout
    assert "reglas de aprobación (APR)" in r.stdout
    r = correr("validar", ruta, "--hoy", "2026-06-10")
    assert r.returncode == 0 and r.stdout.startswith("✔") and "  contrato.fecha_inicio: Falta este dato." in r.stdout


def test_un_plan_con_los_id_de_pago_en_notacion_cientifica_sale_con_2_y_la_pagina_lo_dice(tmp_path):
    # Antes, todos los «9,81E+07» se juntaban en un pago («aparece 4 veces … como lo publica SECOP II») y salía con 0.
    import csv
    import io
    filas = list(csv.reader(io.StringIO((DATOS / "plan_de_pagos.csv").read_text(encoding="utf-8"))))
    columna = filas[0].index("id_de_pago")
    for fila in filas[1:]:
        fila[columna] = "9,81E+07"
    salida = io.StringIO()
    csv.writer(salida, delimiter=";", lineterminator="\r\n").writerows(filas)
    plan = tmp_path / "plan.csv"
    plan.write_bytes(salida.getvalue().encode("cp1252"))
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(DATOS / "contratos.csv"), str(plan),
               "--hoy", "2026-06-05")
    assert r.returncode == 2 and "id_de_pago dice «9,81E+07»: Excel convirtió ese número en notación científica" in r.stderr
    pagina = json.loads(api.datos_abiertos_json(json.dumps([{"nombre": "plan.csv", "texto": salida.getvalue()}])))
    assert "notación científica" in pagina["error"]


def test_un_contrato_y_el_plan_de_otro_salen_con_2_y_dicen_como_indicar_cual(tmp_path):
    otro = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))
    otro[0]["id_contrato"] = "CO1.PCCNTR.2222222"
    contrato = tmp_path / "contrato.json"
    contrato.write_text(json.dumps(otro), encoding="utf-8")
    plan = [f for f in json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
            if f["id_del_contrato"] == "CO1.PCCNTR.1234567"]
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    r = correr("validar", str(XML / "factura.xml"), "--contrato", str(contrato), str(tmp_path / "plan.json"),
               "--hoy", "2026-06-05")
    assert r.returncode == 2 and "son de contratos distintos" in r.stderr and "--id-contrato" in r.stderr


def test_enlaces_acepta_el_numero_en_minusculas_y_con_espacios():
    r = correr("enlaces", "co1.pccntr.1234567 ")
    assert r.returncode == 0 and "id_contrato=CO1.PCCNTR.1234567" in r.stdout


def test_la_revision_incompleta_la_dicen_igual_la_salida_el_json_y_el_titular(archivos):
    # Antes, como entidad con el contrato a medio escribir (o con un dato del pago mal escrito), la CLI salía con 2
    # pero el JSON decía «aprobable: true», el titular «La factura no tiene errores en lo que se pudo revisar» y la
    # línea de lo revisado «sin contrato»: la regla vivía solo en la CLI, y la página y quien lee el JSON aprobaban.
    caso = ejemplos.cargar("tipica")
    del caso["contrato"]["fecha_inicio"]
    mal_escrito = ejemplos.aplicar(ejemplos.cargar("tipica"), {"pago.valor_neto": "25210084.03"})
    for solicitud, etapa, titular in (
            (caso, "entidad", "Faltan datos del contrato para revisar la solicitud"),
            (mal_escrito, "proveedor", "Hay datos del pago que no se pudieron leer"),
            (mal_escrito, "entidad", "Hay datos del pago que no se pudieron leer")):
        r = correr("validar", archivos("s.json", solicitud), "--etapa", etapa, "--hoy", "2026-06-10", "--json")
        informe = json.loads(r.stdout)
        assert r.returncode == 2 and informe["aprobable"] is False and informe["titular"] == titular, r.stdout
        assert informe["explicacion"].startswith("Se revisó solo la factura")
        assert "contrato sin revisar" in informe["revisado_en_texto"] and "sin contrato" not in informe["revisado_en_texto"]
        assert ("no sirve para aprobar" in informe["explicacion"]) == (etapa == "entidad")
        # La página recibe el mismo informe del motor (checker.api): el mismo veredicto.
        pagina = json.loads(api.validar_entrada_json(json.dumps(solicitud), hoy="2026-06-10", etapa=etapa))
        assert pagina["aprobable"] is False and pagina["titular"] == titular
    # Como proveedor, el contrato a medio escribir sigue siendo la solicitud que se está escribiendo: informe de la
    # factura, aprobable según sus reglas.
    r = correr("validar", archivos("s.json", caso), "--hoy", "2026-06-10", "--json")
    informe = json.loads(r.stdout)
    assert r.returncode == 0 and informe["aprobable"] is True and informe["modo"] == "solo_factura"


@pytest.mark.parametrize("cambio, campo", [
    (lambda s: s["pago"].update(numro_radicacion="R-1"), "pago.numro_radicacion"),
    (lambda s: s["pago"].update(fecha_recepcion_original="10/06/2026"), "pago.fecha_recepcion_original"),
    (lambda s: s.update(contrat=s.pop("contrato")), "contrat"),
    (lambda s: s.update(contrato={"numro": s["contrato"]["numero"]}), "contrato.numro"),
])
def test_sin_contrato_lo_demas_de_la_solicitud_mal_escrito_no_se_ignora(archivos, cambio, campo):
    # Antes, sin contrato (o con uno al que le falta su número), la solicitud se revisaba como la factura sola y lo
    # demás se ignoraba en silencio: un campo con otro nombre o una fecha mal escrita salían con 0, «✔».
    solicitud = ejemplos.cargar("tipica")
    solicitud.pop("perfil", None)
    cambio(solicitud)
    if campo.startswith("pago."):
        solicitud.pop("contrato")
    r = correr("validar", archivos("s.json", solicitud), "--hoy", "2026-06-10", "--json")
    informe = json.loads(r.stdout)
    assert r.returncode == 2 and informe["aprobable"] is False and informe["modo"] == "solo_factura", r.stdout
    assert campo in [e["campo"] for e in informe["errores_de_entrada"]]
    assert "Falta este dato." not in [e["mensaje"] for e in informe["errores_de_entrada"]]
    r = correr("validar", archivos("s.json", solicitud), "--hoy", "2026-06-10")
    assert r.returncode == 2 and r.stdout.startswith("✘") and f"  {campo}: " in r.stdout


# Documentos DIAN como los que circulan (escritos para estas pruebas a partir del anexo y de HECHOS §3 y §6): tipo 04,
# contingencia 03 con CUDE, exportación en USD con su tasa, todos los tributos de la tabla (por unidad y porcentuales),
# descuentos y cargos de línea y de documento con anticipo, redondeo y retenciones, adquiriente persona natural solo en
# PartyIdentification, otros prefijos y espacio de nombres por omisión, BOM y CRLF, ISO-8859-1, 150 líneas en una sola
# línea de texto, seis decimales y el AttachedDocument validado con notificaciones. Sus valores cuadran como dice el anexo
# (TaxInclusiveAmount = LineExtensionAmount + cada TaxTotal/TaxAmount; retenciones fuera; PayableAmount = total −
# descuentos + cargos − anticipo + redondeo): ninguno debe salir con un error, ni con una advertencia inventada.
DOCUMENTOS_VALIDOS = {
    "factura-tipo-04.xml": [], "factura-contingencia-03.xml": [], "exportacion-usd.xml": [],
    "factura-todos-los-tributos.xml": [], "factura-descuentos-anticipo.xml": ["MON-013"],
    "adquiriente-persona-natural.xml": [], "factura-espacios-de-nombres.xml": [], "factura-bom-crlf.xml": [],
    "factura-iso-8859-1.xml": ["MON-013"], "factura-una-linea-150-items.xml": [], "factura-seis-decimales.xml": [],
    "attached-tipo-04-notificaciones.xml": ["DIAN-002"],
}


@pytest.mark.parametrize("nombre", DOCUMENTOS_VALIDOS)
def test_un_documento_dian_valido_como_los_reales_sale_sin_errores_en_las_dos_etapas(nombre):
    # La CLI como entidad (la etapa más estricta); como proveedor, la misma función que ella llama, sin otro proceso.
    r = correr("validar", str(XML / nombre), "--hoy", "2026-06-10", "--etapa", "entidad", "--json")
    assert r.returncode == 0, r.stdout
    proveedor = api.validar_xml_json((XML / nombre).read_bytes(), hoy="2026-06-10", etapa="proveedor")
    for informe in (json.loads(r.stdout), json.loads(proveedor)):
        assert informe["aprobable"] is True and not informe["errores_de_entrada"] and not informe["error"], informe
        # Solo información (las retenciones declaradas, las notificaciones de una factura validada).
        assert [h["regla"] for h in informe["hallazgos"]] == DOCUMENTOS_VALIDOS[nombre]
        assert {h["severidad"] for h in informe["hallazgos"]} <= {"informacion"}


@pytest.mark.parametrize("nombre, regla, salida", [
    ("nota-credito-cude.xml", "FAC-001", 1),  # una nota crédito no cobra un pago
    ("nota-debito-cude.xml", "FAC-014", 0),  # la nota débito se advierte: ninguna fuente dice que se rechace
    ("attached-contingencia-rechazada.xml", "DIAN-001", 1),  # la DIAN la rechazó (04, FAD06), con una notificación
])
def test_una_nota_o_una_factura_rechazada_por_la_dian_da_solo_su_propio_hallazgo(nombre, regla, salida):
    r = correr("validar", str(XML / nombre), "--hoy", "2026-06-10", "--etapa", "entidad", "--json")
    assert r.returncode == salida, r.stdout
    proveedor = api.validar_xml_json((XML / nombre).read_bytes(), hoy="2026-06-10", etapa="proveedor")
    for informe in (json.loads(r.stdout), json.loads(proveedor)):
        assert [h["regla"] for h in informe["hallazgos"]] == [regla], informe
