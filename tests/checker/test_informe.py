"""El titular y la explicación del informe: los mismos para la CLI y para la página, calculados del informe."""

import json
from pathlib import Path

from checker.api import validar_json, validar_xml_json
from checker.informe import Hallazgo, informe_de, informe_de_error

XML = Path(__file__).parent / "xml"


def _hallazgo(severidad: str) -> Hallazgo:
    return Hallazgo(regla="NIT-001", severidad=severidad, mensaje="m", referencia="r")


def test_una_solicitud_con_errores_dice_que_seria_rechazada_y_cuantos_hay():
    informe = informe_de([_hallazgo("error"), _hallazgo("error"), _hallazgo("advertencia")], 3)
    assert informe.titular == "La solicitud sería rechazada"
    assert informe.explicacion == "2 errores por corregir antes de enviarla; 1 advertencia por revisar."


def test_sin_errores_dice_que_parece_aprobable_y_cuenta_las_advertencias():
    assert informe_de([], 3).titular == "La solicitud parece aprobable"
    assert informe_de([], 3).explicacion == "No se encontraron problemas."
    assert informe_de([_hallazgo("advertencia")], 3).explicacion == "Revise 1 advertencia antes de enviarla."


def test_el_titular_sigue_al_modo_aunque_se_cambie_despues():
    informe = informe_de([_hallazgo("error")], 3).model_copy(update={"modo": "solo_factura"})
    assert informe.titular == "La factura tiene errores"
    assert informe.explicacion == "1 error por corregir en la factura."


def test_los_conteos_concuerdan_en_singular_y_en_plural():
    dos = informe_de([_hallazgo("advertencia"), _hallazgo("advertencia")], 3)
    assert dos.explicacion == "Revise 2 advertencias antes de enviarla."
    uno = informe_de([_hallazgo("error"), _hallazgo("advertencia"), _hallazgo("advertencia")], 3)
    assert uno.explicacion == "1 error por corregir antes de enviarla; 2 advertencias por revisar."


def test_un_informe_de_error_lo_dice_en_el_titular():
    informe = informe_de_error("El XML está mal formado.")
    assert (informe.titular, informe.explicacion) == ("No se pudo revisar la solicitud", "El XML está mal formado.")


def test_el_json_del_informe_trae_el_titular_para_la_pagina():
    sola = json.loads(validar_xml_json((XML / "nit-errado.xml").read_bytes(), hoy="2026-11-24"))
    assert sola["titular"] == "La factura tiene errores"
    roto = json.loads(validar_json("{", hoy="2026-11-24"))
    assert roto["titular"] == "No se pudo revisar la solicitud" and roto["explicacion"] == roto["error"]


def test_una_nota_no_se_llama_factura_en_el_titular():
    nota = json.loads(validar_xml_json((XML / "nota-credito.xml").read_bytes(), hoy="2026-11-24"))
    assert "FAC-001" in {h["regla"] for h in nota["hallazgos"]}
    assert nota["titular"] == "El documento no es una factura"
    assert nota["explicacion"].endswith("por corregir en el documento.")


def test_un_documento_soporte_no_se_llama_factura_en_el_titular():
    # Sin errores, «La factura no tiene errores» no era cierto: no es una factura.
    for etapa in ("proveedor", "entidad"):
        informe = json.loads(validar_xml_json((XML / "documento-soporte.xml").read_bytes(), hoy="2026-11-24", etapa=etapa))
        assert "FAC-012" in {h["regla"] for h in informe["hallazgos"]}
        assert informe["titular"] == "El documento es un documento soporte, que expide la entidad"
        assert "factura no tiene errores" not in informe["explicacion"]


def test_la_nota_de_ajuste_del_documento_soporte_se_llama_por_su_nombre():
    # Una CreditNote con CUDS: FAC-012 la llamaba nota de ajuste del documento soporte, y el encabezado «Nota crédito».
    xml = (XML / "nota-credito.xml").read_bytes().replace(b'schemeName="CUDE-SHA384"', b'schemeName="CUDS-SHA384"')
    assert b"CUDS-SHA384" in xml
    informe = json.loads(validar_xml_json(xml, hoy="2026-11-24"))
    assert informe["revisado"]["documento"] == "nota de ajuste del documento soporte"
    assert informe["revisado_en_texto"].startswith("Nota de ajuste del documento soporte NC15 de ")
    assert informe["titular"] == "El documento es una nota de ajuste del documento soporte, que expide la entidad"
    # El tipo publicado no cambia: sigue siendo una nota crédito (con su esquema CUDS).
    from checker import leer_xml
    assert leer_xml(xml).tipo == "nota_credito"
    nota = json.loads(validar_xml_json((XML / "nota-credito.xml").read_bytes(), hoy="2026-11-24"))
    assert nota["revisado_en_texto"].startswith("Nota crédito NC15 de ")


def test_una_cuenta_de_cobro_no_dice_que_le_falta_la_respuesta_de_la_dian():
    # Antes: «Respuesta de la DIAN: ausente en el archivo… consulte el CUFE» en la cuenta de cobro de una persona no
    # obligada a facturar, que no tiene CUFE ni respuesta de la DIAN.
    from datetime import date

    from checker import ejemplos, validar

    solicitud, perfil = ejemplos.separar(ejemplos.cargar("persona-natural"))
    assert solicitud["factura"]["tipo"] == "cuenta_de_cobro"
    assert validar(solicitud, perfil=perfil, hoy=date(2026, 7, 3)).respuesta_dian is None
    factura = ejemplos.separar(ejemplos.cargar("tipica"))[0]
    assert validar(factura, hoy=date(2026, 6, 5)).respuesta_dian.estado == "ausente"
