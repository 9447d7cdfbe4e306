"""La factura en el ZIP en que llega por correo (el AttachedDocument con su PDF y sus anexos)."""

import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from checker import api, paquete
from checker.errores import EntradaNoLegible, EntradaNoValida
from checker.xml_dian import TAMANO_MAXIMO, leer_xml
from tests.conftest import PDF_DE_EJEMPLO, como_zip, zip_del_correo

XML = Path(__file__).parent / "xml"


def test_el_zip_del_correo_da_la_misma_factura_que_su_xml():
    for nombre in ("attached-validada.xml", "attached-rechazada.xml", "factura-tributos.xml", "nota-credito.xml"):
        assert leer_xml(zip_del_correo(nombre)) == leer_xml((XML / nombre).read_bytes()), nombre
    assert leer_xml(zip_del_correo()).respuesta_dian.estado == "validada"


def test_la_factura_y_la_respuesta_de_la_dian_en_el_mismo_zip_se_leen_juntas():
    datos = como_zip("factura.xml", "respuesta-rechazada.xml")
    esperado = leer_xml((XML / "factura.xml").read_bytes(), (XML / "respuesta-rechazada.xml").read_bytes())
    assert leer_xml(datos) == esperado and esperado.respuesta_dian.estado == "rechazada"
    # La que se suelta aparte manda sobre la del ZIP (como con un AttachedDocument, la de adentro manda sobre ella).
    assert leer_xml(datos, (XML / "respuesta-validada.xml").read_bytes()).respuesta_dian.estado == "validada"


def test_lo_que_agrega_macos_al_comprimir_no_cuenta():
    datos = como_zip(("__MACOSX/._ad.xml", b"\x00\x05\x16\x07basura"),
                 ("._ad.xml", b"\x00\x05\x16\x07"), ("carpeta/ad.xml", (XML / "attached-validada.xml").read_bytes()))
    assert leer_xml(datos) == leer_xml((XML / "attached-validada.xml").read_bytes())


def test_se_reconoce_por_su_contenido_y_la_api_y_la_cli_lo_leen(tmp_path):
    datos = zip_del_correo()
    assert json.loads(api.reconocer_archivo(datos)) == {"tipo": "factura_xml"}
    assert json.loads(api.leer_xml_json(datos)) == json.loads(api.leer_xml_json((XML / "attached-validada.xml").read_bytes()))
    assert json.loads(api.validar_xml_json(datos))["aprobable"] is True
    assert api.limites()["tamano_maximo_zip"] == paquete.ZIP_MAXIMO > TAMANO_MAXIMO


def test_un_zip_con_el_attached_document_y_la_misma_factura_suelta_usa_el_attached_document():
    # Hay programas que mandan las dos: vale el AttachedDocument, que trae la respuesta de la DIAN (antes: «El ZIP
    # trae 2 documentos XML»). Con la factura suelta de otro número, se sigue pidiendo elegir.
    f = leer_xml(como_zip("attached-validada.xml", "factura.xml"))
    assert (f.numero, f.documento_xml, f.respuesta_dian.estado) == ("FEV1234", "AttachedDocument", "validada")
    with pytest.raises(EntradaNoLegible, match="trae 2 documentos XML"):
        leer_xml(como_zip("attached-validada.xml", "factura-tres-decimales.xml"))


def test_un_zip_con_dos_copias_sueltas_que_dicen_lo_mismo_usa_una_y_si_no_pide_elegir():
    # El mismo criterio que la página con los XML que se sueltan juntos (xml_dian.la_misma_factura): antes, en el ZIP,
    # dos copias de la misma factura con otros espacios o saltos de línea daban «El ZIP trae 2 documentos XML».
    original = (XML / "factura.xml").read_bytes()
    copia = original.replace(b"\n", b"\r\n")
    assert copia != original
    assert leer_xml(como_zip(("a.xml", original), ("b.xml", copia))) == leer_xml(original)
    # Dos copias del mismo número y CUFE que no dicen lo mismo (otro DV, que no entra en el CUFE): no se elige una.
    with pytest.raises(EntradaNoLegible, match="trae 2 documentos XML"):
        leer_xml(como_zip("factura.xml", "nit-errado.xml"))
    # El AttachedDocument y una copia suelta que no se puede leer como factura: vale el AttachedDocument.
    rota = original.replace(b"<cbc:IssueDate>", b"<cbc:IssueDate>x", 1)
    f = leer_xml(como_zip(("suelta.xml", rota), "attached-validada.xml"))
    assert (f.documento_xml, f.respuesta_dian.estado) == ("AttachedDocument", "validada")


@pytest.mark.parametrize("datos, esperado", [
    (lambda: como_zip(("fv.pdf", PDF_DE_EJEMPLO), ("anexos.zip", como_zip(("a.pdf", PDF_DE_EJEMPLO)))),
     "no trae el XML de la factura (trae «fv.pdf», «anexos.zip»)"),
    (lambda: como_zip(), "no trae el XML de la factura (está vacío)"),
    (lambda: como_zip("factura.xml", "factura-usd.xml"), "trae 2 documentos XML («factura.xml», «factura-usd.xml»)"),
    (lambda: como_zip("respuesta-validada.xml"), "solo trae la respuesta de la DIAN («respuesta-validada.xml»)"),
    (lambda: como_zip("factura.xml", "malformada.xml"), "«malformada.xml», dentro del ZIP: El XML está mal formado"),
    (lambda: como_zip("xxe.xml"), "«xxe.xml», dentro del ZIP: El XML trae una declaración DOCTYPE"),
    (lambda: zip_del_correo()[:-30], "El ZIP está dañado o incompleto"),
    (lambda: como_zip("factura.xml", metodo=zipfile.ZIP_BZIP2), "con un método que el validador no lee"),
    (lambda: _cifrado(como_zip("factura.xml")), "protegido con contraseña"),
    (lambda: b"PK\x03\x04" + bytes(paquete.ZIP_MAXIMO), "El ZIP pesa más de 20 MiB"),
])
def test_un_zip_que_no_sirve_dice_por_que(datos, esperado):
    with pytest.raises(EntradaNoLegible) as exc:
        leer_xml(datos())
    assert esperado in str(exc.value)


def test_un_zip_con_varias_respuestas_usa_la_que_da_el_veredicto_de_esta_factura():
    # Antes: «El ZIP trae 2 respuestas de la DIAN» (salida 2) con la validación y un evento del comprador (un acuse de
    # recibo, que no es un veredicto) junto a la factura. Si dos respuestas de la factura se contradicen, vale el
    # rechazo, y se dice.
    validada = (XML / "respuesta-validada.xml").read_bytes()
    evento = validada.replace(b"<cbc:ResponseCode>02</cbc:ResponseCode>", b"<cbc:ResponseCode>030</cbc:ResponseCode>")
    assert evento != validada
    for orden in ((("evento.xml", evento), "respuesta-validada.xml"), ("respuesta-validada.xml", ("evento.xml", evento))):
        f = leer_xml(como_zip("factura.xml", *orden))
        assert (f.respuesta_dian.estado, f.respuesta_dian.codigo) == ("validada", "02"), orden
    ambas = leer_xml(como_zip("factura.xml", "respuesta-validada.xml", "respuesta-rechazada.xml"))
    assert ambas.respuesta_dian.estado == "rechazada" and "también una respuesta que la valida" in ambas.respuesta_dian.descripcion
    with pytest.raises(EntradaNoLegible, match="solo trae respuestas de la DIAN"):
        leer_xml(como_zip("respuesta-validada.xml", "respuesta-rechazada.xml"))


def _cifrado(datos: bytes) -> bytes:
    """Marca las entradas como cifradas (bit 0 de las banderas), como las deja un ZIP con contraseña."""
    b = bytearray(datos)
    for firma, desplazamiento in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = b.find(firma)
        while i >= 0:
            b[i + desplazamiento] |= 1
            i = b.find(firma, i + 4)
    return bytes(b)


def test_el_pdf_de_la_factura_dice_que_lo_que_sirve_es_el_xml(tmp_path):
    assert json.loads(api.reconocer_archivo(PDF_DE_EJEMPLO)) == {"tipo": "factura_xml"}
    with pytest.raises(EntradaNoLegible, match="es un PDF, la representación gráfica de la factura"):
        leer_xml(PDF_DE_EJEMPLO)
    r = json.loads(api.validar_xml_json(PDF_DE_EJEMPLO))
    assert "XML de la factura electrónica o el ZIP" in r["error"]


def test_una_bomba_de_compresion_se_corta_sin_descomprimirla_entera():
    # 64 MiB de espacios dentro de una factura se comprimen a unos 64 KiB: se lee hasta el tamaño de una factura.
    relleno = b"<Invoice>" + b" " * (64 * 1024 * 1024) + b"</Invoice>"
    datos = como_zip(("bomba.xml", relleno))
    assert len(datos) < 1024 * 1024
    with pytest.raises(EntradaNoLegible, match="pesan más de 16 MiB"):
        leer_xml(datos)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 20000), st.binary(min_size=1, max_size=8))
@example(posicion=2572, basura=b"\x00")  # el nombre de una entrada queda vacío (zipfile fallaba en is_dir)
def test_un_zip_danado_en_cualquier_punto_da_factura_o_error_claro(posicion, basura):
    datos = bytearray(zip_del_correo())
    posicion %= len(datos)
    datos[posicion:posicion + len(basura)] = basura
    try:
        leer_xml(bytes(datos))
    except (EntradaNoLegible, EntradaNoValida) as exc:
        assert str(exc)
    r = json.loads(api.validar_xml_json(bytes(datos)))
    assert "Error inesperado" not in (r.get("error") or "")
