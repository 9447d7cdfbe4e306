"""Lectura del XML de la DIAN: factura, contenedor, nota crédito y archivos hostiles o rotos."""

import time
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from checker import EntradaNoLegible, EntradaNoValida, leer_xml
from checker.xml_dian import TAMANO_MAXIMO

XML = Path(__file__).parent / "xml"


def _leer(nombre):
    return (XML / nombre).read_bytes()


def test_lee_una_factura_electronica():
    f = leer_xml(_leer("factura.xml"))
    assert (f.tipo, f.numero, f.fecha_emision.isoformat(), f.hora_emision) == (
        "factura_electronica", "FEV1234", "2026-06-01", "10:15:00-05:00")
    assert (f.proveedor.numero, f.proveedor.dv, f.adquiriente.numero, f.adquiriente.dv) == ("901234567", 7, "800100200", 8)
    assert [str(l.valor) for l in f.lineas] == ["6000000.00", "4000000.00"]
    assert [(i.codigo, str(i.valor)) for i in f.impuestos] == [("01", "1900000.00")]
    assert (str(f.valor_bruto), str(f.valor_total), str(f.valor_a_pagar)) == ("10000000.00", "11900000.00", "11900000.00")
    assert f.cufe_esquema == "CUFE-SHA384" and len(f.cufe) == 96 and f.ambiente == "1"
    a = f.autorizacion
    assert (a.prefijo, a.rango_desde, a.rango_hasta, a.desde.isoformat()) == ("FEV", 1, 5000, "2026-01-01")


def test_el_attached_document_da_la_misma_factura_que_el_invoice():
    del_contenedor = {"documento_xml", "contenedor", "respuesta_dian"}
    adjunto, factura = leer_xml(_leer("attached-document.xml")), leer_xml(_leer("factura.xml"))
    assert adjunto.model_dump(exclude=del_contenedor) == factura.model_dump(exclude=del_contenedor)
    assert (adjunto.documento_xml, factura.documento_xml) == ("AttachedDocument", "Invoice")
    assert adjunto.contenedor.emisor == "901234567" and adjunto.contenedor.receptor == "800100200"


def test_una_nota_credito_se_lee_como_tal():
    f = leer_xml(_leer("nota-credito.xml"))
    assert (f.tipo, f.numero, f.cufe_esquema) == ("nota_credito", "NC15", "CUDE-SHA384")


def test_lee_la_factura_en_utf16_y_latin1():
    texto = _leer("factura.xml").decode("utf-8")
    assert leer_xml(texto.encode("utf-16")).numero == "FEV1234"
    latin = texto.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1")
    assert leer_xml(latin).proveedor.nombre == "Suministros Andinos de Ejemplo S.A.S."


@pytest.mark.parametrize("nombre, mensaje", [
    ("malformada.xml", "mal formado"),
    ("bomba.xml", "DOCTYPE"),
    ("xxe.xml", "DOCTYPE"),
    ("no-dian.xml", "no es una factura electrónica DIAN"),
])
def test_rechaza_rapido_y_con_mensaje_claro(nombre, mensaje):
    inicio = time.perf_counter()
    with pytest.raises(EntradaNoLegible, match=mensaje):
        leer_xml(_leer(nombre))
    assert time.perf_counter() - inicio < 0.5


def test_xxe_no_lee_archivos_ni_los_muestra(tmp_path):
    secreto = tmp_path / "secreto.txt"
    secreto.write_text("CONTENIDO-SECRETO")
    xml = _leer("xxe.xml").replace(b"file:///etc/passwd", secreto.as_uri().encode())
    with pytest.raises(EntradaNoLegible) as info:
        leer_xml(xml)
    assert "CONTENIDO-SECRETO" not in str(info.value)


def test_rechaza_archivos_demasiado_grandes_sin_analizarlos():
    enorme = b"<Invoice>" + b" " * TAMANO_MAXIMO + b"</Invoice>"
    with pytest.raises(EntradaNoLegible, match="MiB"):
        leer_xml(enorme)


def test_rechaza_codificaciones_que_no_usa_la_dian():
    with pytest.raises(EntradaNoLegible, match="codificación"):
        leer_xml(b'<?xml version="1.0" encoding="EBCDIC-CP-US"?><a/>')
    with pytest.raises(EntradaNoLegible, match="codificación que declara"):
        leer_xml(b'<?xml version="1.0" encoding="UTF-8"?><a>\xff\xfe</a>')


def test_una_factura_sin_fecha_dice_que_campo_falta():
    xml = _leer("factura.xml").replace(b"<cbc:IssueDate>2026-06-01</cbc:IssueDate>", b"")
    with pytest.raises(EntradaNoValida) as info:
        leer_xml(xml)
    assert [e.campo for e in info.value.errores] == ["fecha_emision"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_cualquier_secuencia_de_bytes_da_factura_o_error_claro(datos):
    try:
        leer_xml(datos)
    except (EntradaNoLegible, EntradaNoValida) as exc:
        assert str(exc)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 4000), st.binary(min_size=1, max_size=8))
def test_una_factura_danada_en_cualquier_punto_da_factura_o_error_claro(posicion, basura):
    datos = _leer("factura.xml")
    posicion = min(posicion, len(datos))
    try:
        leer_xml(datos[:posicion] + basura + datos[posicion:])
    except (EntradaNoLegible, EntradaNoValida) as exc:
        assert str(exc)


def test_un_tributo_que_no_es_numero_da_error_de_campo():
    xml = _leer("factura.xml").replace(b'<cbc:TaxAmount currencyID="COP">1900000.00</cbc:TaxAmount>\n      <cac:TaxCategory>',
                                       b'<cbc:TaxAmount currencyID="COP">19x0000</cbc:TaxAmount>\n      <cac:TaxCategory>')
    assert xml != _leer("factura.xml")
    with pytest.raises(EntradaNoValida) as info:
        leer_xml(xml)
    assert [e.campo for e in info.value.errores] == ["impuestos"]
