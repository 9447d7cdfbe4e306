"""El punto de entrada JSON adentro / JSON afuera: siempre un informe, nunca una excepción."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from checker import ejemplos
from checker.api import esquemas, la_misma_factura_json, leer_xml_json, validar_json, validar_xml_json
from checker.informe import Informe, Revisado

XML = Path(__file__).parent / "xml"
CLAVES = {"aprobable", "etapa", "hallazgos", "resumen", "reglas_revisadas", "error", "errores_de_entrada",
          "modo", "reglas_ejecutadas", "grupos_sin_revisar", "respuesta_dian", "titular", "explicacion",
          "respuesta_de_otro_documento", "revisado", "revisado_en_texto", "datos_abiertos",
          "justificacion_del_rechazo", "alcance"}  # extensiones (2026-11-30)


def _tipica() -> str:
    return json.dumps(ejemplos.cargar("tipica"))


def test_devuelve_el_informe_como_json_con_el_contrato_de_campos():
    informe = json.loads(validar_json(_tipica(), hoy="2026-11-24"))
    assert set(informe) == CLAVES and informe["aprobable"] is True


def test_cada_hallazgo_trae_regla_severidad_campo_mensaje_y_referencia():
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"factura.proveedor.dv": 5})
    [h] = json.loads(validar_json(json.dumps(caso), hoy="2026-11-24"))["hallazgos"]
    assert {"regla", "severidad", "campo", "mensaje", "referencia"} <= set(h)
    assert (h["regla"], h["severidad"], h["campo"]) == ("NIT-001", "error", "factura.proveedor.dv")


def test_con_xml_la_factura_sale_del_xml_y_conserva_la_clave_tecnica():
    xml = (XML / "nit-errado.xml").read_text(encoding="utf-8")
    informe = json.loads(validar_json(_tipica(), xml=xml, hoy="2026-11-24"))
    # El DV errado dispara NIT-001; como la clave técnica se conserva, el CUFE (que no depende del DV) cuadra.
    assert [h["regla"] for h in informe["hallazgos"]] == ["NIT-001"]


def test_la_respuesta_de_la_dian_aparte_llega_al_informe_en_cada_entrada():
    # La página (validar_entrada_json) con la factura sola y con el contrato, y validar_xml_json sin solicitud.
    from checker.api import validar_entrada_json

    xml, respuesta = (XML / "factura.xml").read_bytes(), (XML / "respuesta-rechazada.xml").read_bytes()
    sola = json.loads(validar_entrada_json("{}", xml, hoy="2026-06-05", respuesta_xml=respuesta))
    completa = json.loads(validar_entrada_json(_tipica(), xml, hoy="2026-06-05", respuesta_xml=respuesta))
    xml_solo = json.loads(validar_xml_json(xml, hoy="2026-06-05", respuesta_xml=respuesta))
    for informe in (sola, completa, xml_solo):
        assert informe["respuesta_dian"]["estado"] == "rechazada" and informe["aprobable"] is False
        assert "DIAN-001" in [h["regla"] for h in informe["hallazgos"]]
    assert (sola["modo"], completa["modo"]) == ("solo_factura", "completo")
    # Un archivo que no es la respuesta da un informe con su error, no una excepción.
    malo = json.loads(validar_entrada_json("{}", xml, respuesta_xml=xml))
    assert "no es un ApplicationResponse" in malo["error"]


def test_la_respuesta_aparte_que_no_se_usa_lo_dice_el_informe_en_cada_entrada():
    # Con el AttachedDocument, que trae la suya, la de aparte no se usa: antes, en silencio.
    from checker.api import validar_entrada_json

    xml, respuesta = (XML / "attached-validada.xml").read_bytes(), (XML / "respuesta-rechazada.xml").read_bytes()
    for informe in (json.loads(validar_entrada_json("{}", xml, hoy="2026-06-05", respuesta_xml=respuesta)),
                    json.loads(validar_xml_json(xml, hoy="2026-06-05", respuesta_xml=respuesta))):
        assert informe["respuesta_dian"]["estado"] == "validada" and informe["aprobable"] is True
        assert "DIAN-005" in [h["regla"] for h in informe["hallazgos"]]


def test_un_xml_malformado_da_error_legible_sin_hallazgos():
    informe = json.loads(validar_json(_tipica(), xml=(XML / "malformada.xml").read_text(), hoy="2026-11-24"))
    assert informe["aprobable"] is False and "mal formado" in informe["error"]


def test_una_solicitud_incompleta_dice_que_campos_faltan_en_espanol():
    caso = ejemplos.cargar("tipica")
    del caso["factura"]["numero"]
    caso["contrato"]["fecha_inicio"] = "ayer"
    informe = json.loads(validar_json(json.dumps(caso)))
    campos = {e["campo"]: e["mensaje"] for e in informe["errores_de_entrada"]}
    assert campos == {"factura.numero": "Falta este dato.", "contrato.fecha_inicio": "Escriba una fecha como AAAA-MM-DD."}


def test_leer_xml_json_devuelve_la_factura_o_el_error():
    assert json.loads(leer_xml_json((XML / "attached-document.xml").read_text()))["factura"]["numero"] == "FEV1234"
    assert "DOCTYPE" in json.loads(leer_xml_json((XML / "bomba.xml").read_text()))["error"]


def test_los_esquemas_exportados_describen_la_solicitud_y_el_perfil():
    e = esquemas()
    # Los datos del pago pueden faltar todos (un contrato sin plan no tiene ID de pago): las reglas dicen qué falta.
    assert set(e["solicitud"]["required"]) == {"contrato", "factura"}
    assert e["solicitud"]["$defs"]["Factura"]["properties"]["numero"]["title"] == "Número de la factura"
    assert "soportes_requeridos" in e["perfil"]["properties"]


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                     lambda hijos: st.lists(hijos, max_size=4) | st.dictionaries(st.text(max_size=12), hijos, max_size=4),
                     max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(_json)
def test_cualquier_json_da_un_informe(datos):
    informe = json.loads(validar_json(json.dumps(datos)))
    assert set(informe) == CLAVES


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=300)))
def test_cualquier_texto_da_un_informe(texto, xml):
    informe = json.loads(validar_json(texto, xml=xml))
    assert set(informe) == CLAVES


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["contrato", "factura", "pago"]), st.text(max_size=10), _json)
def test_una_solicitud_real_con_un_campo_cualquiera_da_un_informe(seccion, campo, valor):
    caso = ejemplos.cargar("tipica")
    caso[seccion][campo or "x"] = valor
    assert set(json.loads(validar_json(json.dumps(caso)))) == CLAVES


def test_json_anidado_sin_fin_da_error_claro():
    informe = json.loads(validar_json("[" * 100000 + "]" * 100000))
    assert informe["error"]


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=20), st.none(), st.integers()))
def test_cualquier_etapa_da_un_informe(etapa):
    informe = json.loads(validar_json(_tipica(), hoy="2026-11-24", etapa=etapa))
    assert set(informe) == CLAVES
    assert informe["aprobable"] is (etapa in ("proveedor", "entidad")) and (informe["error"] is None) is informe["aprobable"]


def test_validar_xml_json_sin_solicitud_revisa_la_factura_sola_y_dice_que_falta():
    informe = json.loads(validar_xml_json((XML / "factura.xml").read_bytes(), hoy="2026-11-24"))
    assert set(informe) == CLAVES and informe["modo"] == "solo_factura" and informe["aprobable"] is True
    assert {"FAC-002", "MON-002", "NIT-001"} <= set(informe["reglas_ejecutadas"])
    assert informe["reglas_revisadas"] == len(informe["reglas_ejecutadas"])
    sin_revisar = {g["grupo"]: g for g in informe["grupos_sin_revisar"]}
    assert {"APR", "PAG", "SS", "FEC"} <= set(sin_revisar)
    assert "APR-004" in sin_revisar["APR"]["reglas"] and "contrato" in sin_revisar["FEC"]["falta"]
    assert not set(informe["reglas_ejecutadas"]) & {r for g in sin_revisar.values() for r in g["reglas"]}


def test_validar_xml_json_con_solicitud_es_validar_json():
    xml = (XML / "nit-errado.xml").read_text(encoding="utf-8")
    assert validar_xml_json(xml, _tipica(), hoy="2026-11-24") == validar_json(_tipica(), xml=xml, hoy="2026-11-24")


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300)), st.one_of(st.none(), st.text(max_size=30)))
def test_validar_xml_json_nunca_lanza(xml, hoy):
    informe = json.loads(validar_xml_json(xml, hoy=hoy))
    assert set(informe) == CLAVES and informe["modo"] == "solo_factura"


def test_el_contrato_sin_factura_dice_que_falta_la_factura_y_no_lista_sus_campos():
    # Quien suelta primero los datos abiertos del contrato leía «La solicitud tiene 7 datos por corregir:
    # factura.numero: Falta este dato.; …»: lo que sigue es la factura, no siete campos.
    from checker import ejemplos
    from checker.api import FALTA_LA_FACTURA, validar_entrada_json

    caso = ejemplos.cargar("tipica")
    caso["factura"] = {"proveedor": {"tipo_documento": "NIT"}, "adquiriente": {"tipo_documento": "NIT"}}  # lo del formulario
    informe = json.loads(validar_entrada_json(json.dumps(caso), hoy="2026-11-24"))
    assert informe["explicacion"] == FALTA_LA_FACTURA
    assert [e["campo"] for e in informe["errores_de_entrada"]] == ["factura"]
    assert "factura.numero" not in json.dumps(informe)


def test_con_solo_el_numero_del_contrato_el_informe_de_la_factura_sigue():
    # Quien tiene la factura y escribe el número del contrato: los errores de la factura no se pierden; se dice qué
    # falta del contrato para revisarla completa.
    from checker.api import validar_entrada_json

    xml = (XML / "nit-errado.xml").read_bytes()
    informe = json.loads(validar_entrada_json(json.dumps({"contrato": {"numero": "CO1.PCCNTR.1234567"}}), xml,
                                              hoy="2026-06-10"))
    assert informe["error"] is None and informe["modo"] == "solo_factura"
    assert "NIT-001" in {h["regla"] for h in informe["hallazgos"]}
    assert {"contrato.entidad", "contrato.contratista", "contrato.valor"} <= {e["campo"] for e in informe["errores_de_entrada"]}


def test_el_informe_dice_que_factura_de_quien_con_que_contrato_y_en_que_fecha_se_reviso():
    informe = json.loads(validar_json(_tipica(), hoy="2026-11-24"))
    assert informe["revisado"] == {"factura": "FEV1234", "documento": "factura", "proveedor": "901234567",
                                   "contrato": "CO1.PCCNTR.1234567", "fecha": "2026-11-24"}
    assert informe["revisado_en_texto"] == ("Factura FEV1234 de 901234567, contrato CO1.PCCNTR.1234567; revisada con "
                                            "fecha 2026-11-24.")
    xml = (XML / "factura.xml").read_text(encoding="utf-8")
    sola = json.loads(validar_xml_json(xml, hoy="2026-06-05"))
    assert sola["revisado"]["contrato"] is None and "sin contrato" in sola["revisado_en_texto"]


@pytest.mark.parametrize("tipo, nombre", [("nota_debito", "Nota débito"), ("nota_credito", "Nota crédito")])
def test_una_nota_no_se_llama_factura_en_el_informe(tipo, nombre):
    # Una nota débito del ambiente de pruebas salía como «Factura ND1 de …», «La factura tiene errores» y «La factura se
    # emitió en el ambiente de pruebas».
    caso = json.loads(_tipica())
    caso["factura"].update(tipo=tipo, ambiente="2", clave_tecnica=None)
    informe = json.loads(validar_json(json.dumps(caso), hoy="2026-11-24"))
    assert informe["revisado_en_texto"].startswith(f"{nombre} FEV1234 de 901234567")
    fac_011 = next(h for h in informe["hallazgos"] if h["regla"] == "FAC-011")
    assert fac_011["mensaje"].startswith(f"La {nombre.lower()} se emitió en el ambiente de pruebas")
    if tipo == "nota_debito":  # una nota crédito es siempre FAC-001: su titular es «El documento no es una factura»
        # Revisada sola (el XML sin contrato), el titular y lo que le sigue también la nombran.
        revisado = Revisado(factura="ND1", documento="nota débito", proveedor="901234567", fecha="2026-11-24")
        sola = Informe(aprobable=False, modo="solo_factura", revisado=revisado, resumen={"error": 1})
        assert (sola.titular, sola.explicacion) == ("La nota débito tiene errores", "1 error por corregir en la nota débito.")
        assert Informe(aprobable=True, modo="solo_factura", revisado=revisado).titular.startswith("La nota débito no tiene")


@pytest.mark.parametrize("nombres, usar", [
    # La factura suelta y su AttachedDocument (el mismo número y CUFE, como llegan en el correo): el AttachedDocument.
    (("factura.xml", "attached-validada.xml"), ["attached-validada.xml"]),
    # Dos copias que dicen lo mismo: una.
    (("factura.xml", "factura.xml"), ["factura.xml"]),
    # Facturas distintas, dos AttachedDocument con respuestas distintas de la DIAN o dos copias sueltas que no dicen lo
    # mismo: todas (la página pide elegir una; el veredicto no depende del orden).
    (("factura-usd.xml", "nota-credito.xml"), ["factura-usd.xml", "nota-credito.xml"]),
    (("attached-rechazada.xml", "attached-validada.xml"), ["attached-rechazada.xml", "attached-validada.xml"]),
    (("nit-errado.xml", "factura.xml"), ["nit-errado.xml", "factura.xml"]),
    # Un XML mal formado u otro documento junto a la factura: la factura, y el otro queda fuera con su motivo (antes,
    # «2 facturas distintas»). Una factura con datos por corregir sí es una factura.
    (("factura.xml", "malformada.xml"), ["factura.xml"]),
    (("attached-validada.xml", "no-dian.xml"), ["attached-validada.xml"]),
    (("factura.xml", "factura-incompleta.xml"), ["factura.xml", "factura-incompleta.xml"]),
])
def test_la_misma_factura_dice_cual_de_varios_xml_usar_en_cualquier_orden(nombres, usar):
    for orden in (nombres, nombres[::-1]):
        datos = [(XML / n).read_bytes() for n in orden]
        elegidos = [orden[i] for i in json.loads(la_misma_factura_json(datos))["usar"]]
        assert sorted(elegidos) == sorted(usar), orden


def test_la_misma_factura_lee_tambien_el_zip_del_correo():
    from tests.conftest import zip_del_correo

    datos = [(XML / "factura.xml").read_bytes(), zip_del_correo("attached-validada.xml")]
    assert json.loads(la_misma_factura_json(datos)) == {"usar": [1], "no_usados": []}
    # Ninguno se lee: se usa el primero (su error es el que se dice) y el otro queda fuera con el suyo.
    r = json.loads(la_misma_factura_json([b"PK\x03\x04roto", b"<x/>"]))
    assert r["usar"] == [0] and [n["indice"] for n in r["no_usados"]] == [1] and r["no_usados"][0]["error"]
    assert json.loads(la_misma_factura_json([])) == {"usar": [], "no_usados": []}
    malo = json.loads(la_misma_factura_json([(XML / n).read_bytes() for n in ("malformada.xml", "factura.xml")]))
    assert malo["usar"] == [1] and "mal formado" in malo["no_usados"][0]["error"]


def test_lo_que_el_formulario_no_muestra_sigue_con_la_factura_corregida_a_mano():
    # La página corrige a mano un dato de la factura leída del AttachedDocument: se revisa lo del formulario, y lo que
    # el formulario no muestra (la respuesta de la DIAN, de qué XML salió, los bloques de cada parte) sigue con ella.
    from checker.api import con_lo_que_no_se_muestra, solicitud_completa_json, validar_entrada_json

    leida = json.loads(leer_xml_json((XML / "attached-rechazada.xml").read_bytes()))["factura"]
    leida["proveedor"]["bloques"] = [{"bloque": "PartyTaxScheme", "numero": "901234567", "dv": 7, "tipo_documento": "31"}]
    assert leida["respuesta_dian"]["estado"] == "rechazada"
    mostrados = ["factura.numero", "factura.proveedor.numero", "factura.proveedor.nombre", "factura.lineas"]
    formulario = {"factura": {"numero": leida["numero"], "proveedor": {"numero": leida["proveedor"]["numero"],
                                                                       "nombre": "Otro nombre escrito a mano"}}}
    completa = con_lo_que_no_se_muestra(formulario, leida, mostrados)["factura"]
    assert completa["respuesta_dian"] == leida["respuesta_dian"] and completa["documento_xml"] == "AttachedDocument"
    # Lo que el formulario muestra manda (el nombre escrito, y las líneas aunque estén vacías); lo que no, se completa
    # también dentro de un grupo que sí muestra (los bloques del emisor).
    assert completa["proveedor"]["nombre"] == "Otro nombre escrito a mano" and "lineas" not in completa
    assert completa["proveedor"]["bloques"] == leida["proveedor"]["bloques"]
    # Un grupo que el formulario no muestra va entero; sin factura en el formulario, nada cambia.
    assert con_lo_que_no_se_muestra(formulario, leida, ["factura.numero"])["factura"]["proveedor"]["nombre"] == "Otro nombre escrito a mano"
    assert con_lo_que_no_se_muestra({"contrato": {}}, leida, mostrados) == {"contrato": {}}
    # Para guardarla (JSON adentro y afuera; lo que no se puede leer devuelve la solicitud como llegó).
    guardada = json.loads(solicitud_completa_json(json.dumps(formulario), json.dumps(leida), json.dumps(mostrados)))
    assert guardada == {"factura": completa}
    assert solicitud_completa_json("{roto", json.dumps(leida), "[]") == "{roto"
    assert json.loads(solicitud_completa_json(json.dumps(formulario), "no es json", "tampoco")) == formulario
    # Y al revisar: el rechazo de la DIAN sigue en el informe (sin el XML, la factura sale del formulario).
    tipica = json.loads(_tipica())
    tipica["factura"]["proveedor"]["nombre"] = "Otro nombre escrito a mano"
    campos = ["factura." + c for c in tipica["factura"]] + ["factura.proveedor." + c for c in tipica["factura"]["proveedor"]]
    sin = json.loads(validar_entrada_json(json.dumps(tipica), hoy="2026-06-05"))
    con = json.loads(validar_entrada_json(json.dumps(tipica), hoy="2026-06-05", leida=json.dumps(leida),
                                          en_el_formulario=json.dumps(campos)))
    assert "DIAN-001" not in {h["regla"] for h in sin["hallazgos"]}
    assert "DIAN-001" in {h["regla"] for h in con["hallazgos"]} and con["aprobable"] is False


def test_el_total_de_cada_tributo_del_xml_sigue_con_la_factura_mientras_sus_impuestos_no_se_corrijan():
    # El total de cada cac:TaxTotal (lo que entra al CUFE y al valor total) no está en el formulario: sigue con la
    # factura leída si la persona corrige otro dato, y no si corrige los impuestos (entonces mandan los del formulario).
    from checker.api import con_lo_que_no_se_muestra

    leida = json.loads(leer_xml_json((XML / "factura.xml").read_bytes()))["factura"]
    assert leida["totales_tributos"] == {"01": "1900000.00"}
    mostrados = ["factura.numero", "factura.impuestos"]
    igual = {"factura": {"numero": "otro", "impuestos": [{"codigo": "01", "valor": "1900000"}]}}
    assert con_lo_que_no_se_muestra(igual, leida, mostrados)["factura"]["totales_tributos"] == {"01": "1900000.00"}
    corregida = {"factura": {"numero": "otro", "impuestos": [{"codigo": "01", "valor": "2000000.00"}]}}
    assert "totales_tributos" not in con_lo_que_no_se_muestra(corregida, leida, mostrados)["factura"]
    # Si la solicitud ya trae los suyos (una guardada), se quedan.
    propia = {"factura": {**corregida["factura"], "totales_tributos": {"01": "2000000.00"}}}
    assert con_lo_que_no_se_muestra(propia, leida, mostrados)["factura"]["totales_tributos"] == {"01": "2000000.00"}
