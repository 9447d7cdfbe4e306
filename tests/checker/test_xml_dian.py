"""Lectura del XML de la DIAN: factura, contenedor, nota crédito y archivos hostiles o rotos."""

import json
import re
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from checker import EntradaNoLegible, EntradaNoValida, leer_xml, validar_factura
from checker.xml_dian import TAMANO_MAXIMO
from tests.conftest import HOY, SIN_MUTAR, mutaciones

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


@pytest.mark.parametrize("espacio", [
    "urn:dian:gov:co:facturaelectronica:Structures-2-1",
    "http://www.dian.gov.co/contratos/facturaelectronica/v1/Structures",
])
def test_la_numeracion_autorizada_se_lee_en_el_espacio_de_nombres_que_traiga_la_extension(espacio):
    # Hay programas que escriben sts:DianExtensions con otro espacio de nombres: antes la numeración no se leía y
    # FAC-006 y FAC-007 no corrían, sin decirlo (una factura fuera del rango salía «sin problemas»).
    original = _leer("factura.xml")
    f = leer_xml(original.replace(b"dian:gov:co:facturaelectronica:Structures-2-1", espacio.encode()))
    assert f.autorizacion == leer_xml(original).autorizacion and f.autorizacion.rango_hasta == 5000


@pytest.mark.parametrize("extranjero", ["21/815/08150", "AAA&010101AAA", "ÑAÑ010101AB1"])
def test_una_identificacion_tributaria_extranjera_con_barra_o_ampersand_se_lee(extranjero):
    # Tipo 50 (NIT de otro país): «21/815/08150» (Alemania), un RFC de México con «&» o «Ñ». Antes el XML entero quedaba
    # ilegible («El formato no es válido»).
    escrito = extranjero.replace("&", "&amp;")  # como lo escribe el XML
    xml = _leer("exportacion-cliente-extranjero.xml").replace(b">98-7654321<", f">{escrito}<".encode())
    f = leer_xml(xml)
    assert (f.adquiriente.numero, f.adquiriente.tipo_documento) == (extranjero, "NITE")


def test_un_subtotal_de_impuesto_por_cada_una_de_muchas_lineas_se_lee():
    # Hay programas que escriben en el encabezado un cac:TaxSubtotal por línea: con más de 100 el XML era ilegible
    # («La lista tiene demasiados elementos»). 125 subtotales de 80.000 + 15.200 suman lo mismo que el original.
    original = _leer("factura.xml").decode()
    inicio, fin = original.index("<cac:TaxSubtotal>"), original.index("</cac:TaxSubtotal>") + len("</cac:TaxSubtotal>")
    uno = (original[inicio:fin].replace(">10000000.00<", ">80000.00<").replace(">1900000.00</cbc:TaxAmount>",
                                                                               ">15200.00</cbc:TaxAmount>"))
    f = leer_xml((original[:inicio] + uno * 125 + original[fin:]).encode())
    assert len(f.impuestos) == 125 and sum(i.valor for i in f.impuestos) == Decimal("1900000.00")


def test_el_attached_document_da_la_misma_factura_que_el_invoice():
    del_contenedor = {"documento_xml", "contenedor", "respuesta_dian"}
    adjunto, factura = leer_xml(_leer("attached-document.xml")), leer_xml(_leer("factura.xml"))
    assert adjunto.model_dump(exclude=del_contenedor) == factura.model_dump(exclude=del_contenedor)
    assert (adjunto.documento_xml, factura.documento_xml) == ("AttachedDocument", "Invoice")
    assert adjunto.contenedor.emisor == "901234567" and adjunto.contenedor.receptor == "800100200"


def test_una_nota_credito_se_lee_como_tal():
    f = leer_xml(_leer("nota-credito.xml"))
    assert (f.tipo, f.numero, f.cufe_esquema) == ("nota_credito", "NC15", "CUDE-SHA384")


def test_una_nota_debito_se_lee_con_requested_o_con_legal_monetary_total():
    # La nota débito de UBL lleva RequestedMonetaryTotal; hay programas que escriben LegalMonetaryTotal.
    credito = _leer("nota-credito.xml").decode("utf-8")
    debito = (credito.replace("CreditNote", "DebitNote").replace("CreditedQuantity", "DebitedQuantity")
              .replace("<cbc:DebitNoteTypeCode>91</cbc:DebitNoteTypeCode>", ""))
    for totales in ("RequestedMonetaryTotal", "LegalMonetaryTotal"):
        f = leer_xml(debito.replace("LegalMonetaryTotal", totales).encode())
        assert (f.tipo, f.valor_total) == ("nota_debito", leer_xml(_leer("nota-credito.xml")).valor_total), totales


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


# --- Facturas como las emiten la DIAN y los proveedores (issue 12; HECHOS §6) ---


def test_lee_todos_los_tributos_de_tax_total_y_el_valor_por_unidad():
    f = leer_xml(_leer("factura-tributos.xml"))
    assert [i.codigo for i in f.impuestos] == ["01", "22", "32", "33", "34", "35"]
    bolsas = f.impuestos[1]
    assert (str(bolsas.valor), str(bolsas.valor_por_unidad), str(bolsas.unidades)) == ("1320.00", "66.00", "20.000000")
    assert (str(f.impuestos[5].base), str(f.impuestos[5].porcentaje)) == ("300000.00", "20.00")
    assert f.retenciones == []


def _con_bolsas_en_una_linea(bolsas: int) -> bytes:
    """factura-tributos.xml como el ejemplo de la DIAN: el INC bolsas con BaseUnitMeasure 1 en el documento y una
    línea de `bolsas` bolsas (sin valor, como en el ejemplo) que lleva el tributo por unidad."""
    xml = _leer("factura-tributos.xml").decode()
    xml = xml.replace('<cbc:BaseUnitMeasure unitCode="94">20.000000</cbc:BaseUnitMeasure>',
                      '<cbc:BaseUnitMeasure unitCode="94">1.000000</cbc:BaseUnitMeasure>')
    linea = f"""  <cac:InvoiceLine>
    <cbc:ID>5</cbc:ID>
    <cbc:InvoicedQuantity unitCode="94">{bolsas}.000000</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="COP">0.00</cbc:LineExtensionAmount>
    <cac:TaxTotal>
      <cbc:TaxAmount currencyID="COP">1320.00</cbc:TaxAmount>
      <cac:TaxSubtotal>
        <cbc:TaxAmount currencyID="COP">1320.00</cbc:TaxAmount>
        <cbc:BaseUnitMeasure unitCode="94">1.000000</cbc:BaseUnitMeasure>
        <cbc:PerUnitAmount currencyID="COP">66.00</cbc:PerUnitAmount>
        <cac:TaxCategory><cac:TaxScheme><cbc:ID>22</cbc:ID><cbc:Name>INC Bolsas</cbc:Name></cac:TaxScheme></cac:TaxCategory>
      </cac:TaxSubtotal>
    </cac:TaxTotal>
    <cac:Item><cbc:Description>Bolsas plásticas</cbc:Description></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="COP">0.00</cbc:PriceAmount><cbc:BaseQuantity unitCode="94">1</cbc:BaseQuantity></cac:Price>
  </cac:InvoiceLine>
</Invoice>"""
    return xml.replace("</Invoice>", linea).encode()


def test_el_tributo_por_unidad_se_multiplica_por_la_cantidad_de_las_lineas_que_lo_llevan():
    # FAX07 (resumen público del anexo): valor del tributo = valor por unidad × cantidad de la línea. En el ejemplo
    # de la DIAN, BaseUnitMeasure es 1: 66 × 1 no es 1320, pero 66 × 20 bolsas sí.
    from checker import api

    f = leer_xml(_con_bolsas_en_una_linea(20))
    assert (str(f.impuestos[1].unidades), str(f.impuestos[1].cantidad)) == ("1.000000", "20.000000")
    informe = json.loads(api.validar_xml_json(_con_bolsas_en_una_linea(20)))
    assert "MON-012" not in [h["regla"] for h in informe["hallazgos"]]
    informe = json.loads(api.validar_xml_json(_con_bolsas_en_una_linea(30)))
    [hallazgo] = [h for h in informe["hallazgos"] if h["regla"] == "MON-012"]
    assert "$ 66,00 por 30 unidades da $ 1.980,00" in hallazgo["mensaje"]


def _con_iva_redondeado_al_peso_en_cada_linea(lineas, en_la_linea=True, iva_del_documento=None):
    # Cada línea de 333.333,33 con su IVA del 19 % redondeado al peso (63.333,3327 → 63.333); el del documento, su suma.
    xml = _leer("factura.xml").decode()
    base, iva = Decimal("333333.33") * lineas, iva_del_documento or Decimal("63333.00") * lineas
    tributo = ('<cac:TaxTotal><cbc:TaxAmount currencyID="COP">{v}</cbc:TaxAmount><cac:TaxSubtotal>'
               '<cbc:TaxableAmount currencyID="COP">{b}</cbc:TaxableAmount><cbc:TaxAmount currencyID="COP">{v}</cbc:TaxAmount>'
               '<cac:TaxCategory><cbc:Percent>19.00</cbc:Percent><cac:TaxScheme><cbc:ID>01</cbc:ID><cbc:Name>IVA</cbc:Name>'
               '</cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>')
    linea = ('<cac:InvoiceLine><cbc:ID>{i}</cbc:ID><cbc:InvoicedQuantity unitCode="94">1</cbc:InvoicedQuantity>'
             '<cbc:LineExtensionAmount currencyID="COP">333333.33</cbc:LineExtensionAmount>{tributo}'
             '<cac:Item><cbc:Description>Vigilancia, puesto {i}</cbc:Description></cac:Item></cac:InvoiceLine>')
    cola = (tributo.format(v=iva, b=base) + '<cac:LegalMonetaryTotal>'
            f'<cbc:LineExtensionAmount currencyID="COP">{base}</cbc:LineExtensionAmount>'
            f'<cbc:TaxInclusiveAmount currencyID="COP">{base + iva}</cbc:TaxInclusiveAmount>'
            f'<cbc:PayableAmount currencyID="COP">{base + iva}</cbc:PayableAmount></cac:LegalMonetaryTotal>'
            + "".join(linea.format(i=i, tributo=tributo.format(v="63333.00", b="333333.33") if en_la_linea else "")
                      for i in range(1, lineas + 1)) + "</Invoice>")
    return (xml[:xml.index("<cac:TaxTotal>")] + cola).encode()


def _mon_012(xml):
    return [h.mensaje for h in validar_factura(xml, hoy=HOY).hallazgos if h.regla == "MON-012"]


def test_el_iva_redondeado_al_peso_en_cada_linea_que_lo_trae_no_manda_a_revisar_la_tarifa():
    # 12 líneas con su IVA redondeado al peso: 759.996 frente al 19 % de 3.999.999,96 (759.999,99), $ 3,99 de
    # diferencia, más que la holgura de ±2 pero no que medio peso por línea ($ 6). Antes, «revise la tarifa».
    xml = _con_iva_redondeado_al_peso_en_cada_linea(12)
    assert leer_xml(xml).impuestos[0].lineas == 12
    assert _mon_012(xml) == []
    # Más de medio peso por línea ya no es redondeo: se advierte, y se manda a revisar la tarifa.
    [mensaje] = _mon_012(_con_iva_redondeado_al_peso_en_cada_linea(12, iva_del_documento=Decimal("759990.00")))
    assert mensaje.endswith(": revise la tarifa, la base o el valor.") and "redondeo" not in mensaje


def test_sin_el_iva_en_las_lineas_el_mensaje_dice_que_el_redondeo_por_linea_explica_la_diferencia():
    xml = _con_iva_redondeado_al_peso_en_cada_linea(12, en_la_linea=False)
    assert leer_xml(xml).impuestos[0].lineas is None
    [mensaje] = _mon_012(xml)
    assert "la diferencia ($ 3,99) cabe en el redondeo al peso del tributo de cada una de las 12 líneas (hasta $ 6,00)" \
        in mensaje, mensaje


def test_las_retenciones_se_leen_aparte_de_los_tributos():
    f = leer_xml(_leer("factura-retenciones.xml"))
    assert [i.codigo for i in f.impuestos] == ["01"]
    assert [(r.codigo, str(r.valor)) for r in f.retenciones] == [("06", "400000.00"), ("05", "285000.00"), ("07", "96600.00")]


def test_lee_la_moneda_y_la_tasa_de_cambio():
    f = leer_xml(_leer("factura-usd.xml"))
    assert (f.moneda, f.codigo_tipo, f.monedas_en_valores) == ("USD", "02", [])
    t = f.tasa_cambio
    assert (t.moneda_origen, t.moneda_destino, str(t.tasa), t.fecha.isoformat()) == ("USD", "COP", "4000.00", "2026-06-01")
    assert leer_xml(_leer("factura.xml")).moneda == "COP"


def test_senala_los_valores_en_otra_moneda():
    xml = _leer("factura.xml").replace(b'<cbc:PayableAmount currencyID="COP">', b'<cbc:PayableAmount currencyID="USD">')
    assert leer_xml(xml).monedas_en_valores == ["USD"]


def test_lee_el_tipo_03_con_su_cude():
    f = leer_xml(_leer("factura-tipo-03.xml"))
    assert (f.tipo, f.codigo_tipo, f.cufe_esquema) == ("factura_electronica", "03", "CUDE-SHA384")


def test_lee_el_documento_soporte_como_tal_y_no_como_factura_de_venta():
    f = leer_xml(_leer("documento-soporte.xml"))
    assert (f.tipo, f.codigo_tipo, f.cufe_esquema) == ("documento_soporte", "05", "CUDS-SHA384")
    assert (f.proveedor.tipo_documento, f.proveedor.numero, f.adquiriente.numero) == ("CC", "1020304050", "800100200")
    # Basta una de las dos marcas (el tipo 05 o el CUDS); sin ninguna, es una factura de venta.
    solo_tipo = _leer("factura.xml").replace(b"<cbc:InvoiceTypeCode>01<", b"<cbc:InvoiceTypeCode>05<")
    solo_cuds = _leer("factura.xml").replace(b'schemeName="CUFE-SHA384"', b'schemeName="CUDS-SHA384"')
    assert leer_xml(solo_tipo).tipo == leer_xml(solo_cuds).tipo == "documento_soporte"
    assert leer_xml(_leer("factura.xml")).tipo == "factura_electronica"


@pytest.mark.parametrize("etapa, severidad", [("proveedor", "advertencia"), ("entidad", "informacion")])
def test_el_documento_soporte_no_se_revisa_como_factura_y_se_dice_quien_lo_expide(etapa, severidad):
    # Antes se leía como factura de venta: FAC-004 daba un error por el CUDS («una factura usa CUFE»), que el
    # proveedor no puede corregir porque el documento no es suyo. Lo expide la entidad (Resolución 000167 de 2021).
    from checker import validar_factura

    informe = validar_factura(_leer("documento-soporte.xml"), etapa=etapa)
    assert [(h.regla, h.severidad, h.campo) for h in informe.hallazgos] == [("FAC-012", severidad, "factura.tipo")]
    assert informe.aprobable
    assert "lo expide la entidad" in informe.hallazgos[0].mensaje


def test_un_tipo_que_no_es_de_factura_de_venta_se_advierte_sin_exigirle_un_cufe():
    # Un Invoice con otro InvoiceTypeCode (p. ej. un documento equivalente con CUDE) no es una factura de venta
    # mal hecha: antes FAC-004 daba un error («una factura electrónica de venta usa CUFE-SHA384») sin fuente para
    # ese tipo. Ahora se advierte que no es uno de los tipos de factura de venta, y no se le exige esquema.
    from checker import validar_factura

    xml = (_leer("factura.xml").replace(b"<cbc:InvoiceTypeCode>01<", b"<cbc:InvoiceTypeCode>20<")
           .replace(b'schemeName="CUFE-SHA384"', b'schemeName="CUDE-SHA384"'))
    informe = validar_factura(xml)
    assert [(h.regla, h.severidad) for h in informe.hallazgos] == [("FAC-013", "advertencia")]
    assert "«20»" in informe.hallazgos[0].mensaje and informe.aprobable
    # Con un tipo de factura de venta, el esquema sigue exigiéndose.
    otro = _leer("factura.xml").replace(b'schemeName="CUFE-SHA384"', b'schemeName="CUDE-SHA384"')
    assert [h.regla for h in validar_factura(otro).hallazgos] == ["FAC-004"]


def test_lee_cada_parte_en_todos_sus_bloques():
    f = leer_xml(_leer("partes-en-desacuerdo.xml"))
    assert [(b.bloque, b.numero, b.dv) for b in f.proveedor.bloques] == [
        ("PartyTaxScheme", "901234567", 7), ("PartyLegalEntity", "901234567", 5)]
    assert [b.numero for b in f.adquiriente.bloques] == ["800100200", "800100201"]
    assert (f.proveedor.numero, f.proveedor.dv) == ("901234567", 7)  # el bloque principal es PartyTaxScheme


def test_encuentra_al_adquiriente_persona_natural_identificado_solo_con_cedula():
    f = leer_xml(_leer("adquiriente-cedula.xml"))
    assert (f.adquiriente.tipo_documento, f.adquiriente.numero, f.adquiriente.dv) == ("CC", "1020304050", None)


@pytest.mark.parametrize("nombre, rol, esperado", [
    ("exportacion-cliente-extranjero.xml", "adquiriente", ("NITE", "98-7654321", None)),
    ("documento-soporte-extranjero.xml", "proveedor", ("PA", "X1234567", None)),
])
def test_lee_partes_identificadas_con_un_documento_con_letras(nombre, rol, esperado):
    parte = getattr(leer_xml(_leer(nombre)), rol)
    assert (parte.tipo_documento, parte.numero, parte.dv) == esperado


def test_un_nombre_o_una_descripcion_largos_se_recortan_y_la_factura_se_revisa():
    # El objeto del contrato copiado en la línea o el nombre de una unión temporal pasan a veces del largo que
    # admite el formulario; la DIAN valida esas facturas, así que no son un dato por corregir.
    from checker import validar_factura

    objeto = "PRESTACIÓN DE SERVICIOS PROFESIONALES DE APOYO A LA GESTIÓN " * 40
    xml = (_leer("factura.xml").decode("utf-8")
           .replace("Suministros Andinos de Ejemplo S.A.S.", "UNIÓN TEMPORAL " + "SERVICIOS INTEGRALES " * 15)
           .replace("Suministro de papelería, entrega 2", objeto, 1)).encode("utf-8")
    f = leer_xml(xml)
    assert len(f.proveedor.nombre) == 200 and f.proveedor.nombre.endswith("…")
    assert len(f.lineas[0].descripcion) <= 1000 and f.lineas[0].descripcion.startswith("PRESTACIÓN DE SERVICIOS")
    assert validar_factura(xml).hallazgos == validar_factura(_leer("factura.xml")).hallazgos


def test_una_hora_con_fraccion_de_segundo_se_lee_como_esta():
    # xs:time admite fracciones de segundo; el CUFE usa la hora tal como está escrita.
    xml = _leer("factura.xml").replace(b"<cbc:IssueTime>10:15:00-05:00<", b"<cbc:IssueTime>10:15:00.000-05:00<")
    assert leer_xml(xml).hora_emision == "10:15:00.000-05:00"


def test_un_tipo_de_documento_que_no_esta_en_la_tabla_no_se_toma_por_nit():
    xml = _leer("exportacion-cliente-extranjero.xml").replace(b'schemeName="50"', b'schemeName="43"')
    assert (leer_xml(xml).adquiriente.tipo_documento, leer_xml(xml).adquiriente.numero) == ("OTRO", "98-7654321")
    sin_esquema = _leer("factura.xml").replace(b' schemeName="31"', b"")
    assert leer_xml(sin_esquema).proveedor.tipo_documento == "NIT"
    # Un schemeName que no es un código de la tabla (aquí, largo) tampoco impide leer la factura.
    largo = _leer("factura.xml").replace(b'schemeName="31"', b'schemeName="31 - NIT"')
    assert leer_xml(largo).proveedor.tipo_documento == "OTRO"


_PDF_ADJUNTO = (b"<cac:Attachment><cac:ExternalReference><cbc:MimeCode>application/pdf</cbc:MimeCode>"
                b"<cbc:Description>JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+Pg==</cbc:Description>"
                b"</cac:ExternalReference></cac:Attachment>")


def test_un_contenedor_con_el_pdf_antes_que_la_factura_y_su_respuesta_se_lee_entero():
    # Algunos programas ponen la representación gráfica (PDF en base64) en otro bloque, antes que la factura o que
    # la respuesta de la DIAN: se lee el bloque que sí es la factura y el que sí es la respuesta (antes: «El XML está
    # mal formado» y la respuesta como «otra»).
    xml = _leer("attached-validada.xml")
    xml = xml.replace(b"  <cac:Attachment>", b"  " + _PDF_ADJUNTO + b"\n  <cac:Attachment>", 1)
    xml = xml.replace(b"  <cac:ParentDocumentLineReference>", b"  <cac:ParentDocumentLineReference><cbc:LineID>0</cbc:LineID>"
                      b"<cac:DocumentReference><cbc:ID>FEV1234</cbc:ID>" + _PDF_ADJUNTO +
                      b"</cac:DocumentReference></cac:ParentDocumentLineReference>\n  <cac:ParentDocumentLineReference>", 1)
    assert xml.count(b"application/pdf") == 2
    f = leer_xml(xml)
    assert (f.numero, f.documento_xml, f.respuesta_dian.estado, f.respuesta_dian.codigo) == (
        "FEV1234", "AttachedDocument", "validada", "02")


def test_un_contenedor_sin_factura_legible_dice_por_que():
    solo_pdf = re.sub(rb"  <cac:Attachment>.*?</cac:Attachment>\n", _PDF_ADJUNTO, _leer("attached-validada.xml"), count=1,
                      flags=re.S)
    with pytest.raises(EntradaNoLegible, match="no trae la factura en cac:Attachment"):
        leer_xml(solo_pdf)
    rota = _leer("attached-validada.xml").replace(b"<cbc:ID>FEV1234</cbc:ID>", b"<cbc:ID>FEV1234</cbc:IDX>", 1)
    with pytest.raises(EntradaNoLegible, match="mal formado"):
        leer_xml(rota)


def test_una_factura_ubl_incompleta_se_lee_para_senalar_lo_que_falta():
    f = leer_xml(_leer("factura-incompleta.xml"))
    assert (f.cufe, f.hora_emision, f.lineas, f.documento_xml) == (None, None, [], "Invoice")


def test_lee_la_respuesta_de_la_dian_que_trae_el_contenedor():
    r = leer_xml(_leer("attached-validada.xml")).respuesta_dian
    assert (r.estado, r.codigo, r.descripcion, r.documento) == ("validada", "02", "Documento validado por la DIAN", "FEV1234")
    assert [n.codigo for n in r.notificaciones] == ["RUT01"]  # la línea «0000 / 0» no dice nada
    r = leer_xml(_leer("attached-rechazada.xml")).respuesta_dian
    assert (r.estado, r.codigo) == ("rechazada", "04") and [n.codigo for n in r.notificaciones] == ["FAD06", "FAJ43b"]
    assert leer_xml(_leer("factura.xml")).respuesta_dian is None


def test_el_formato_anterior_a_2019_tiene_su_propio_mensaje():
    with pytest.raises(EntradaNoLegible, match="anterior a 2019") as info:
        leer_xml(_leer("factura-v1.xml"))
    assert "UBL 2.1" in str(info.value) and "llegó «Invoice»" not in str(info.value)


def test_un_invoice_fuera_del_espacio_de_nombres_de_ubl_lo_dice():
    xml = _leer("factura.xml").replace(b'xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"',
                                       b'xmlns="urn:ejemplo:otra:Invoice"')
    with pytest.raises(EntradaNoLegible, match="espacio de nombres"):
        leer_xml(xml)


def test_la_respuesta_de_la_dian_en_su_propio_archivo_se_lee_con_la_factura():
    f = leer_xml(_leer("factura.xml"), _leer("respuesta-rechazada.xml"))
    r = f.respuesta_dian
    assert (r.estado, r.codigo, r.documento, f.documento_xml) == ("rechazada", "04", "FEV1234", "Invoice")
    assert [n.codigo for n in r.notificaciones] == ["FAD06", "FAJ43b"]
    # La confirmación «0 / … ha sido autorizada» de los archivos reales no es una notificación.
    validada = leer_xml(_leer("factura.xml"), _leer("respuesta-validada.xml")).respuesta_dian
    assert validada.estado == "validada" and [n.codigo for n in validada.notificaciones] == ["RUT01"]
    # El AttachedDocument ya trae la suya: esa manda.
    assert leer_xml(_leer("attached-validada.xml"), _leer("respuesta-rechazada.xml")).respuesta_dian.estado == "validada"
    with pytest.raises(EntradaNoLegible, match="no es un ApplicationResponse"):
        leer_xml(_leer("factura.xml"), _leer("factura.xml"))
    # Una respuesta dañada dice que lo dañado es la respuesta, no la factura.
    with pytest.raises(EntradaNoLegible, match="respuesta de la DIAN no se pudo leer. El XML está mal formado .*: descargue de nuevo el archivo de la respuesta"):
        leer_xml(_leer("factura.xml"), _leer("respuesta-validada.xml")[:-200])


@pytest.mark.parametrize("fecha, leida", [("2026-06-01-05:00", "2026-06-01"), ("2026-06-01Z", "2026-06-01"),
                                          ("01/06/2026", None), ("2026-02-30", None)])
def test_la_fecha_de_la_respuesta_de_la_dian_no_hace_ilegible_la_factura(fecha, leida):
    # xsd:date admite la zona horaria. Y la respuesta es de la DIAN: una fecha que no se entiende (solo se muestra,
    # ninguna regla la usa) no es un dato que el proveedor corrija en su factura.
    attached = _leer("attached-validada.xml").decode("utf-8")
    cambiada = attached.replace("<cbc:IssueDate>2026-06-01</cbc:IssueDate>\n  <cbc:IssueTime>10:15:40-05:00",
                                f"<cbc:IssueDate>{fecha}</cbc:IssueDate>\n  <cbc:IssueTime>10:15:40-05:00", 1)
    assert cambiada != attached
    r = leer_xml(cambiada.encode("utf-8")).respuesta_dian
    assert r.estado == "validada" and (r.fecha.isoformat() if r.fecha else None) == leida
    aparte = _leer("respuesta-validada.xml").replace(b"<cbc:IssueDate>2026-06-01</cbc:IssueDate>",
                                                    f"<cbc:IssueDate>{fecha}</cbc:IssueDate>".encode(), 1)
    r = leer_xml(_leer("factura.xml"), aparte).respuesta_dian
    assert r.estado == "validada" and (r.fecha.isoformat() if r.fecha else None) == leida


def test_un_doctype_dentro_de_un_texto_no_es_una_declaracion():
    # El HTML de una nota, en un CDATA o en un comentario, no declara nada: la factura se lee.
    xml = _leer("factura.xml").replace(
        b"<cbc:Note>Entrega 2 del contrato CO1.PCCNTR.1234567</cbc:Note>",
        b"<cbc:Note><![CDATA[<!DOCTYPE html><html><body>Entrega 2</body></html>]]></cbc:Note>"
        b"<!-- <!ENTITY x 'y'> -->", 1)
    assert b"<!DOCTYPE html>" in xml and leer_xml(xml).numero == "FEV1234"
    # La declaración de verdad sí se rechaza, también después de un comentario o de una instrucción que la «abren».
    for antes in (b"", b"<!-- <![CDATA[ -->", b"<?pi <![CDATA[ ?>"):
        hostil = _leer("xxe.xml").replace(b"<!DOCTYPE", antes + b"<!DOCTYPE", 1)
        with pytest.raises(EntradaNoLegible, match="DOCTYPE"):
            leer_xml(hostil)


def test_la_respuesta_de_la_dian_se_reconoce_por_su_contenido():
    from checker.datos_abiertos import reconocer

    assert reconocer(_leer("respuesta-validada.xml")) == "respuesta_xml"  # con un comentario antes de la raíz
    assert reconocer(_leer("attached-validada.xml")) == reconocer(_leer("factura.xml")) == "factura_xml"
    assert reconocer(b"<?xml version='1.0'?><!-- <ApplicationResponse> --><Invoice/>") == "factura_xml"
    # El sobre SOAP del servicio web de la DIAN con su DianResponse es una respuesta; otro sobre, no.
    assert reconocer(_leer("respuesta-servicio-rechazada.xml")) == "respuesta_xml"
    assert reconocer(b"<s:Envelope xmlns:s='http://www.w3.org/2003/05/soap-envelope'><s:Body/></s:Envelope>") == "factura_xml"


def test_una_respuesta_de_la_dian_sola_no_es_una_factura():
    respuesta = _leer("attached-validada.xml").decode("utf-8").split("<![CDATA[")[2].split("]]>")[0]
    with pytest.raises(EntradaNoLegible, match="ApplicationResponse"):
        leer_xml(respuesta)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["factura-tributos.xml", "attached-validada.xml", "partes-en-desacuerdo.xml",
                        "respuesta-validada.xml"]),
       st.integers(0, 20000), st.binary(min_size=1, max_size=8))
def test_las_facturas_nuevas_danadas_en_cualquier_punto_dan_factura_o_error_claro(nombre, posicion, basura):
    # La respuesta de la DIAN en su propio archivo se daña junto a una factura sana (va con ella).
    datos = _leer(nombre)
    posicion = min(posicion, len(datos))
    danado = datos[:posicion] + basura + datos[posicion:]
    try:
        leer_xml(_leer("factura.xml"), danado) if nombre.startswith("respuesta") else leer_xml(danado)
    except (EntradaNoLegible, EntradaNoValida) as exc:
        assert str(exc)


def test_leer_la_factura_de_200_lineas_no_se_vuelve_lento():
    from scripts.medicion.bench import factura_de_200_lineas

    xml = factura_de_200_lineas()
    leer_xml(xml)
    inicio = time.perf_counter()
    for _ in range(20):
        leer_xml(xml)
    # Holgado (la máquina de pruebas es compartida): atrapa un lector cuadrático, no mide; la cifra la da make bench.
    assert (time.perf_counter() - inicio) / 20 < 0.25


@pytest.mark.parametrize("nombre", sorted(p.name for p in XML.glob("*.xml") if p.name not in SIN_MUTAR))
def test_cada_elemento_quitado_vaciado_o_cambiado_da_informe_o_error_claro(nombre):
    # Lo que llega de otros programas de facturación puede traer un dato de menos, vacío o repetido: el
    # motor responde con un informe (o dice qué no pudo leer), nunca con un error sin explicar.
    import json

    from checker import api

    casos = 0
    for como, xml in mutaciones(_leer(nombre)):
        informe = json.loads(api.validar_entrada_json("{}", xml=xml))
        assert informe.get("titular"), como
        leido = json.loads(api.leer_xml_json(xml))
        assert leido.get("error") or leido.get("factura"), como
        casos += 1
    assert casos > 0


def test_una_factura_de_miles_de_lineas_se_lee():
    # Un contrato de suministros (medicamentos, papelería) factura miles de ítems: antes, más de 5000 líneas daba
    # «La lista tiene demasiados elementos».
    xml = _leer("factura.xml")
    linea = re.search(rb"<cac:InvoiceLine>.*?</cac:InvoiceLine>", xml, re.S)[0]
    muchas = xml.replace(linea, linea * 5200, 1)
    assert len(leer_xml(muchas).lineas) == 5201


def test_un_dato_del_xml_que_no_sirve_lo_dice_del_xml_y_no_de_la_solicitud():
    xml = _leer("factura.xml").replace(b"<cbc:IssueDate>2026-06-01</cbc:IssueDate>", b"<cbc:IssueDate>junio</cbc:IssueDate>", 1)
    with pytest.raises(EntradaNoValida) as exc:
        leer_xml(xml)
    # El elemento del XML, no el nombre del campo en el validador (el campo sigue en errores, para la página).
    assert str(exc.value) == "El XML de la factura tiene 1 dato por corregir: cbc:IssueDate: Escriba una fecha como AAAA-MM-DD."
    assert [e.campo for e in exc.value.errores] == ["fecha_emision"]


@pytest.mark.parametrize("elemento, dice", [
    (rb"<cbc:TaxInclusiveAmount[^<]*</cbc:TaxInclusiveAmount>", "cbc:TaxInclusiveAmount en cac:LegalMonetaryTotal: Falta este dato."),
    (rb"<cbc:PayableAmount[^<]*</cbc:PayableAmount>", "cbc:PayableAmount en cac:LegalMonetaryTotal: Falta este dato."),
    (rb"<cbc:ID>FEV1234</cbc:ID>", "cbc:ID: Falta este dato."),
])
def test_un_total_o_un_dato_obligatorio_que_falta_se_nombra_por_su_elemento(elemento, dice):
    # Un XML real sin cbc:TaxInclusiveAmount decía «valor_total: Falta este dato», que nadie encuentra en su XML.
    xml = re.sub(elemento, b"", _leer("factura.xml"), count=1)
    with pytest.raises(EntradaNoValida) as exc:
        leer_xml(xml)
    assert str(exc.value) == f"El XML de la factura tiene 1 dato por corregir: {dice}"


@pytest.mark.parametrize("original, cambiado, dice", [
    (b"<cbc:IssueTime>10:15:00-05:00</cbc:IssueTime>", b"<cbc:IssueTime>10:15:00-05</cbc:IssueTime>",
     "cbc:IssueTime (HH:MM:SS con la zona horaria, como 10:15:00-05:00): El formato no es válido."),
    (b"<cbc:ProfileExecutionID>1</cbc:ProfileExecutionID>", b"<cbc:ProfileExecutionID>01</cbc:ProfileExecutionID>",
     "cbc:ProfileExecutionID (1 producción, 2 pruebas): Elija uno de los valores permitidos: '1' o '2'."),
    (b"<cbc:InvoiceTypeCode>01</cbc:InvoiceTypeCode>", b"<cbc:InvoiceTypeCode>1</cbc:InvoiceTypeCode>",
     "cbc:InvoiceTypeCode (el código del tipo, de dos dígitos: 01 venta, 02 exportación…): El formato no es válido."),
    (b"<cbc:DocumentCurrencyCode>COP</cbc:DocumentCurrencyCode>", b"<cbc:DocumentCurrencyCode>cop</cbc:DocumentCurrencyCode>",
     "cbc:DocumentCurrencyCode (el código ISO 4217 de tres letras mayúsculas, como COP o USD): El formato no es válido."),
])
def test_un_dato_con_forma_fija_se_nombra_por_su_elemento_con_la_forma_que_lleva(original, cambiado, dice):
    # Antes: «hora_emision: El formato no es válido», «ambiente: Elija uno de los valores permitidos»: nombres del
    # validador que nadie encuentra en su XML, y sin decir qué valor se espera.
    xml = _leer("factura.xml")
    assert original in xml
    with pytest.raises(EntradaNoValida) as exc:
        leer_xml(xml.replace(original, cambiado, 1))
    assert str(exc.value) == f"El XML de la factura tiene 1 dato por corregir: {dice}"


def test_una_tasa_de_cambio_en_cero_es_como_si_no_estuviera():
    # Algunos programas escriben cac:PaymentExchangeRate con la tasa en cero también en facturas en pesos: antes, el
    # XML era ilegible («tasa_cambio.tasa: Valor no válido»). En pesos no cambia nada; en otra moneda, MDA-003 lo dice.
    bloque = (b"<cac:PaymentExchangeRate><cbc:SourceCurrencyCode>COP</cbc:SourceCurrencyCode><cbc:SourceCurrencyBaseRate>"
              b"1.00</cbc:SourceCurrencyBaseRate><cbc:TargetCurrencyCode>COP</cbc:TargetCurrencyCode><cbc:TargetCurrencyBaseRate>"
              b"1.00</cbc:TargetCurrencyBaseRate><cbc:CalculationRate>0.00</cbc:CalculationRate></cac:PaymentExchangeRate>")
    xml = _leer("factura.xml").replace(b"<cac:LegalMonetaryTotal>", bloque + b"<cac:LegalMonetaryTotal>", 1)
    assert bloque in xml and leer_xml(xml).tasa_cambio is None
    usd = _leer("factura-usd.xml").replace(b"<cbc:CalculationRate>4000.00</cbc:CalculationRate>",
                                          b"<cbc:CalculationRate>0.00</cbc:CalculationRate>", 1)
    assert leer_xml(usd).tasa_cambio is None
    with pytest.raises(EntradaNoValida, match=r"cbc:CalculationRate en cac:PaymentExchangeRate \(un número mayor que cero\)"):
        leer_xml(usd.replace(b"<cbc:CalculationRate>0.00<", b"<cbc:CalculationRate>-4000.00<", 1))


def test_el_nombre_de_una_persona_natural_sale_de_cac_person():
    xml = _leer("adquiriente-cedula.xml").replace(
        b"<cac:PartyName><cbc:Name>Persona Natural de Ejemplo</cbc:Name></cac:PartyName>",
        b"<cac:Person><cbc:FirstName>Mar\xc3\xada Jos\xc3\xa9</cbc:FirstName><cbc:FamilyName>P\xc3\xa9rez N\xc3\xba\xc3\xb1ez"
        b"</cbc:FamilyName></cac:Person>")
    assert b"cac:Person" in xml
    assert leer_xml(xml).adquiriente.nombre == "María José Pérez Núñez"


def test_una_fecha_con_zona_horaria_se_lee_como_su_dia():
    # xsd:date admite la zona (2026-06-01-05:00); antes: «Escriba una fecha como AAAA-MM-DD».
    xml = _leer("factura.xml").replace(b"<cbc:IssueDate>2026-06-01</cbc:IssueDate>",
                                       b"<cbc:IssueDate>2026-06-01-05:00</cbc:IssueDate>", 1)
    assert leer_xml(xml).fecha_emision.isoformat() == "2026-06-01"


def test_sin_codigo_en_la_respuesta_se_dice_lo_que_declara_el_contenedor_sin_tomarlo_por_validada():
    # attached-document.xml: la respuesta no trae ResponseCode; el contenedor declara ValidationResultCode 02. No es
    # el veredicto de la DIAN (lo escribe quien arma el contenedor): se dice, y la respuesta sigue «otra».
    r = leer_xml(_leer("attached-document.xml")).respuesta_dian
    assert r.estado == "otra" and "declara el resultado 02 (cac:ResultOfVerification)" in r.descripcion
    sin = re.sub(rb"<cac:ResultOfVerification>.*?</cac:ResultOfVerification>", b"", _leer("attached-document.xml"), flags=re.S)
    assert "declara" not in leer_xml(sin).respuesta_dian.descripcion


def test_la_respuesta_del_servicio_web_de_la_dian_se_lee_como_la_respuesta():
    # Algunos programas guardan como «la respuesta de la DIAN» el sobre SOAP del servicio (GetStatusZip).
    from checker.xml_dian import leer_respuesta

    # IsValid=false no se toma por un rechazo (formato por confirmar; un reenvío también lo da): estado «otra».
    r = leer_respuesta(_leer("respuesta-servicio-rechazada.xml"))
    assert (r["estado"], r["codigo"], r["uuid"][:8]) == ("otra", "99", "0a24c2d6")
    assert r["descripcion"].endswith("(respuesta del servicio web de la DIAN, IsValid=false; reglas: FAU14, RUT01)")
    assert [n["codigo"] for n in r["notificaciones"]] == ["FAU14", "RUT01"]
    assert r["notificaciones"][0]["descripcion"].startswith("Rechazo: Valor a Pagar de Factura es distinto")
    valida = _leer("respuesta-servicio-rechazada.xml").replace(b"<b:IsValid>false", b"<b:IsValid>true")
    assert leer_respuesta(valida)["estado"] == "validada"
    f = leer_xml(_leer("factura.xml"), respuesta=_leer("respuesta-servicio-rechazada.xml"))
    assert f.respuesta_dian.estado == "otra"
    # También dentro del ZIP en que llega con la factura.
    from tests.conftest import como_zip

    f = leer_xml(como_zip("factura.xml", "respuesta-servicio-rechazada.xml"))
    assert (f.respuesta_dian.estado, f.respuesta_dian.codigo) == ("otra", "99")


@pytest.mark.parametrize("nombre, dice", [
    ("respuesta-servicio-rechazada.xml", "respuesta del servicio web de la DIAN (sobre SOAP con DianResponse), no la factura"),
])
def test_un_xml_que_no_es_factura_dice_que_es(nombre, dice):
    with pytest.raises(EntradaNoLegible, match=re.escape(dice)):
        leer_xml(_leer(nombre))


def test_una_nomina_electronica_no_se_toma_por_factura():
    nomina = (b'<?xml version="1.0" encoding="UTF-8"?><NominaIndividual xmlns="dian:gov:co:facturaelectronica:'
              b'NominaIndividual"><Periodo FechaIngreso="2026-01-01"/></NominaIndividual>')
    with pytest.raises(EntradaNoLegible, match="es una nómina electrónica"):
        leer_xml(nomina)
    with pytest.raises(EntradaNoLegible, match=re.escape("una nota crédito o débito (CreditNote, DebitNote)")):
        leer_xml(b"<Pedido/>")


def test_una_cantidad_negativa_en_la_linea_del_tributo_por_unidad_no_hace_ilegible_la_factura():
    f = leer_xml(_con_bolsas_en_una_linea(-20))
    assert str(f.impuestos[1].cantidad) == "-20.000000"


@pytest.mark.parametrize("elemento, valor, dice", [
    ("cbc:TaxInclusiveAmount", "abc", "cbc:TaxInclusiveAmount en cac:LegalMonetaryTotal trae «abc»"),
    # Escritos como los lee una persona: el XML de la DIAN no los escribe así (xsd:decimal); no se adivinan.
    ("cbc:PayableAmount", "11.900.000,00", "cbc:PayableAmount en cac:LegalMonetaryTotal trae «11.900.000,00»"),
    ("cbc:PayableAmount", "$ 11900000", "cbc:PayableAmount en cac:LegalMonetaryTotal trae «$ 11900000»"),
    ("cbc:LineExtensionAmount", "10000000,00", "cbc:LineExtensionAmount en cac:LegalMonetaryTotal trae «10000000,00»"),
    ("cbc:TaxAmount", "1.900.000", "cbc:TaxAmount del tributo 01 (cac:TaxTotal) trae «1.900.000»"),
    ("cbc:TaxableAmount", "1e7", "cbc:TaxableAmount del tributo 01 (cac:TaxTotal) trae «1e7»"),
    ("cbc:PriceAmount", "10,000,000", "cac:Price/cbc:PriceAmount de la línea 1 (cac:InvoiceLine) trae «10,000,000»"),
    # Lo mismo una cantidad o una tarifa: antes, «1,00» daba «lineas.0.cantidad: Escriba un número» y «1e3» pasaba.
    ("cbc:InvoicedQuantity", "1,00", "cbc:InvoicedQuantity de la línea 1 (cac:InvoiceLine) trae «1,00»"),
    ("cbc:InvoicedQuantity", "1e3", "cbc:InvoicedQuantity de la línea 1 (cac:InvoiceLine) trae «1e3»"),
    ("cbc:Percent", "19,00", "cbc:Percent del tributo 01 (cac:TaxTotal) trae «19,00»"),
])
def test_un_numero_del_xml_que_no_es_xsd_decimal_se_pide_corregir_sin_adivinarlo(elemento, valor, dice):
    xml = _leer("factura.xml")
    elemento_con_texto = rf"(<{elemento}(?: [^>]*)?>)[^<]*".encode()
    assert re.search(elemento_con_texto, xml)
    # El primero de cada uno; cbc:TaxAmount, todos: el primero es el de cac:TaxTotal, que el validador no lee.
    veces = 0 if elemento == "cbc:TaxAmount" else 1
    xml = re.sub(elemento_con_texto, lambda m: m[1] + valor.encode(), xml, count=veces)
    with pytest.raises(EntradaNoValida) as exc:
        leer_xml(xml)
    assert dice in str(exc.value) and "como 1785000.00" in str(exc.value)
    assert "1.785.000,00" not in str(exc.value)


def test_sin_el_nit_del_proveedor_se_nombra_el_elemento_que_lo_lleva():
    xml = _leer("factura.xml")
    proveedor = re.search(rb"<cac:AccountingSupplierParty>.*?</cac:AccountingSupplierParty>", xml, re.S)[0]
    sin_nit = re.sub(rb"<cbc:(CompanyID|ID)[^>]*>[^<]*</cbc:(CompanyID|ID)>", b"", proveedor)
    with pytest.raises(EntradaNoValida) as exc:
        leer_xml(xml.replace(proveedor, sin_nit))
    assert "cbc:CompanyID en cac:AccountingSupplierParty" in str(exc.value)


def test_lineas_en_blanco_o_una_marca_de_bytes_antes_de_la_declaracion_no_hacen_ilegible_el_xml():
    # Algunos programas (generadores en PHP) dejan líneas en blanco antes de <?xml; otros, la marca de orden de bytes
    # dentro del CDATA del AttachedDocument. Antes: «mal formado» y «no trae la factura».
    factura = _leer("factura.xml")
    assert leer_xml(b"\n\n  " + factura).numero == leer_xml(factura).numero
    adjunto = _leer("attached-validada.xml")
    for antes in ("\ufeff", "\ufeff\n", "\n\ufeff  "):
        con_marca = re.sub(rb"<!\[CDATA\[\s*<\?xml", f"<![CDATA[{antes}<?xml".encode(), adjunto, count=1)
        assert con_marca != adjunto
        assert leer_xml(con_marca).numero == leer_xml(adjunto).numero


def test_un_xml_sin_declaracion_que_no_es_utf8_lo_dice_sin_inventar_una_declaracion():
    with pytest.raises(EntradaNoLegible, match="no está en UTF-8 y no declara otra codificación"):
        leer_xml("<Invoice>Facturación</Invoice>".encode("latin-1"))
    with pytest.raises(EntradaNoLegible, match=r"no está en la codificación que declara \(utf-8\)"):
        leer_xml('<?xml version="1.0" encoding="UTF-8"?><Invoice>Facturación</Invoice>'.encode("latin-1"))


def test_la_factura_en_base64_dentro_del_attached_document_se_lee():
    # Hay programas que ponen la factura en base64 (con cbc:EncodingCode «Base64»); un PDF en base64 sigue sin ser la
    # factura. Antes: «El AttachedDocument no trae la factura».
    import base64

    adjunto = _leer("attached-validada.xml")
    cdata = re.search(rb"<!\[CDATA\[(.*?)\]\]>", adjunto, re.S)
    codificada = base64.b64encode(cdata[1].strip())
    en_base64 = adjunto.replace(cdata[0], codificada, 1)
    assert leer_xml(en_base64).numero == leer_xml(adjunto).numero
    con_pdf = adjunto.replace(cdata[0], base64.b64encode(b"%PDF-1.4 ..."), 1)
    with pytest.raises(EntradaNoLegible, match="no trae la factura"):
        leer_xml(con_pdf)


def test_un_utf16_con_bytes_invalidos_lo_dice_por_su_marca():
    with pytest.raises(EntradaNoLegible, match=r"la codificación que indica su marca de orden de bytes \(utf-16\)"):
        leer_xml(b"\xff\xfe<\x00a\x00\x00\xd8")


@pytest.mark.parametrize("escrito, leido", [("+5", "5"), (".5", "0.5"), ("5.", "5"), ("-0.40", "-0.40"), ("007", "7")])
def test_las_formas_validas_de_xsd_decimal_se_leen(escrito, leido):
    from checker.xml_dian import _numero

    assert _numero(escrito, "valor_total", "cbc:X") == Decimal(leido)


_SOBRE = ('<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Header/><s:Body>{}</s:Body></s:Envelope>')


def test_un_sobre_soap_que_no_es_la_respuesta_de_validacion_no_se_pide_cargar_como_respuesta():
    # Una petición o la respuesta de otra operación (el rango de numeración, el set de pruebas) se daban como «si es su
    # respuesta (DianResponse), cárguelo junto con el XML de la factura», y cargada así se rechazaba.
    rango = _SOBRE.format('<GetNumberingRangeResponse xmlns="http://wcf.dian.colombia"><GetNumberingRangeResult/>'
                          '</GetNumberingRangeResponse>')
    with pytest.raises(EntradaNoLegible) as otro:
        leer_xml(rango.encode())
    assert "«GetNumberingRangeResponse»" in str(otro.value) and "cárguelo junto" not in str(otro.value)
    respuesta = _SOBRE.format('<GetStatusZipResponse xmlns="http://wcf.dian.colombia"><GetStatusZipResult>'
                              '<DianResponse><IsValid>true</IsValid></DianResponse></GetStatusZipResult>'
                              '</GetStatusZipResponse>')
    with pytest.raises(EntradaNoLegible) as de_validacion:
        leer_xml(respuesta.encode())
    assert "DianResponse" in str(de_validacion.value) and "cárguelo junto con el XML de la factura" in str(de_validacion.value)



# -- varias respuestas de la DIAN en un AttachedDocument ------------------------------------------------------------

_CUFE = "0a24c2d678a9fa02329bc07d786d6d0c68dc82131a9b9214fb936f0e5adbf2f3c6f3514001f4b85ab3bc8d4f96e03391"


def _con_bloques(*cambios):
    """attached-validada.xml con un cac:ParentDocumentLineReference por cambio (código, número, CUFE), en ese orden."""
    texto = _leer("attached-validada.xml").decode("utf-8")
    inicio = texto.index("  <cac:ParentDocumentLineReference>")
    fin = texto.index("</cac:ParentDocumentLineReference>") + len("</cac:ParentDocumentLineReference>\n")
    bloque = texto[inicio:fin]
    bloques = []
    for codigo, numero, cufe in cambios:
        b = bloque.replace("<cbc:ResponseCode>02</cbc:ResponseCode>", f"<cbc:ResponseCode>{codigo}</cbc:ResponseCode>")
        b = b.replace("<cbc:ID>FEV1234</cbc:ID>", f"<cbc:ID>{numero}</cbc:ID>").replace(_CUFE, cufe)
        bloques.append(b)
    return (texto[:inicio] + "".join(bloques) + texto[fin:]).encode("utf-8")


def test_con_varias_respuestas_de_la_dian_vale_la_de_esta_factura():
    otro = "f" * 96
    # La de otro documento primero y la de esta después: antes se usaba la primera (DIAN-003, «es de otro documento»).
    r = leer_xml(_con_bloques(("02", "FEV1199", otro), ("02", "FEV1234", _CUFE))).respuesta_dian
    assert (r.estado, r.documento) == ("validada", "FEV1234")
    # Un acuse (030) antes de la validación: vale la validación (antes, DIAN-004 «ni validación ni rechazo»).
    r = leer_xml(_con_bloques(("030", "FEV1234", _CUFE), ("02", "FEV1234", _CUFE))).respuesta_dian
    assert r.estado == "validada"
    # Una validación y un rechazo de la misma factura: vale el rechazo, y se dice (antes, «validada» en silencio).
    r = leer_xml(_con_bloques(("02", "FEV1234", _CUFE), ("04", "FEV1234", _CUFE))).respuesta_dian
    assert r.estado == "rechazada" and "también una respuesta que la valida" in r.descripcion
    # Solo la de otro documento: es esa, y DIAN-003 lo dice.
    r = leer_xml(_con_bloques(("02", "FEV1199", otro))).respuesta_dian
    assert (r.estado, r.documento) == ("validada", "FEV1199")


def _con_documentos_de_respuesta(*cambios):
    """attached-validada.xml con un solo ApplicationResponse que trae un cac:DocumentResponse por cambio (código,
    número, CUFE), en ese orden."""
    texto = _leer("attached-validada.xml").decode("utf-8")
    inicio = texto.index("  <cac:DocumentResponse>")
    fin = texto.index("</cac:DocumentResponse>") + len("</cac:DocumentResponse>\n")
    bloque = texto[inicio:fin]
    bloques = [bloque.replace("<cbc:ResponseCode>02</cbc:ResponseCode>", f"<cbc:ResponseCode>{codigo}</cbc:ResponseCode>")
               .replace("<cbc:ID>FEV1234</cbc:ID>", f"<cbc:ID>{numero}</cbc:ID>").replace(_CUFE, cufe)
               for codigo, numero, cufe in cambios]
    return (texto[:inicio] + "".join(bloques) + texto[fin:]).encode("utf-8")


def test_con_varios_document_response_en_una_respuesta_vale_el_de_esta_factura():
    otro = "e" * 96
    # Un rechazo del mismo número con otro CUFE (la factura que se emitió de nuevo) y la validación de esta: antes se
    # leía solo el primero (DIAN-003, «la cargada es de otro documento (…, RECHAZADA)»).
    xml = _con_documentos_de_respuesta(("04", "FEV1234", otro), ("02", "FEV1234", _CUFE))
    r = leer_xml(xml).respuesta_dian
    assert (r.estado, r.uuid, [n.codigo for n in r.notificaciones]) == ("validada", _CUFE, ["RUT01"])
    assert {h.regla for h in validar_factura(xml).hallazgos}.isdisjoint({"DIAN-001", "DIAN-003"})
    # En el otro orden, igual; y la validación de otro documento antes del rechazo de esta no la tapa.
    assert leer_xml(_con_documentos_de_respuesta(("02", "FEV1234", _CUFE), ("04", "FEV1234", otro))).respuesta_dian.estado == "validada"
    xml = _con_documentos_de_respuesta(("02", "FEV1199", otro), ("04", "FEV1234", _CUFE))
    assert leer_xml(xml).respuesta_dian.estado == "rechazada"
    # La misma respuesta en su propio archivo, junto a la factura suelta: también la de esta factura.
    texto = xml.decode("utf-8")
    respuesta = texto[texto.index("<?xml", texto.index("ParentDocumentLineReference")):texto.index("]]>", texto.index("ParentDocumentLineReference"))]
    r = leer_xml(_leer("factura.xml"), respuesta.encode("utf-8")).respuesta_dian
    assert (r.estado, r.uuid) == ("rechazada", _CUFE)


def test_un_zip_con_un_xml_vacio_otro_que_no_es_factura_o_una_copia_usa_la_factura():
    from tests.conftest import como_zip

    metadatos = b"<?xml version='1.0'?><Metadatos><Programa>X</Programa></Metadatos>"
    for extra in (("vacio.xml", b""), ("metadata.xml", metadatos), ("copia/FEV1234.xml", _leer("attached-validada.xml"))):
        f = leer_xml(como_zip(("FEV1234.xml", _leer("attached-validada.xml")), extra))
        assert (f.numero, f.respuesta_dian.estado) == ("FEV1234", "validada"), extra[0]
    # Sin la factura, lo que no es factura se nombra; un ZIP dentro del ZIP, se dice qué hacer.
    with pytest.raises(EntradaNoLegible, match="«metadata.xml», dentro del ZIP: El XML no es una factura electrónica DIAN"):
        leer_xml(como_zip(("metadata.xml", metadatos)))
    with pytest.raises(EntradaNoLegible, match="si la factura está en «interno.zip», extráigalo"):
        leer_xml(como_zip(("interno.zip", como_zip("attached-validada.xml"))))
    # Un XML dañado sí se dice, aunque venga otro bueno: puede ser la factura.
    with pytest.raises(EntradaNoLegible, match="«rota.xml», dentro del ZIP"):
        leer_xml(como_zip("factura.xml", ("rota.xml", b"<Invoice><cbc:ID>")))


def test_una_moneda_de_la_tasa_mal_escrita_nombra_su_elemento():
    xml = _leer("factura-usd.xml").replace(b"<cbc:TargetCurrencyCode>COP</cbc:TargetCurrencyCode>",
                                          b"<cbc:TargetCurrencyCode>cop</cbc:TargetCurrencyCode>", 1)
    with pytest.raises(EntradaNoValida, match=r"cbc:TargetCurrencyCode en cac:PaymentExchangeRate \(el código ISO 4217"):
        leer_xml(xml)


def test_el_attached_document_de_un_evento_dice_que_no_es_el_de_la_factura():
    # El contenedor de un evento (el comprador acusa recibo) trae un ApplicationResponse en cac:Attachment: antes,
    # «El archivo es una respuesta de la DIAN… cárguelo junto con el XML de la factura», que llevaba a otra salida 2.
    texto = (XML / "attached-validada.xml").read_text(encoding="utf-8")
    inicio = texto.index("<![CDATA[") + len("<![CDATA[")
    fin = texto.index("]]>", inicio)
    respuesta = (XML / "respuesta-validada.xml").read_text(encoding="utf-8").replace(
        "<cbc:ResponseCode>02</cbc:ResponseCode>", "<cbc:ResponseCode>030</cbc:ResponseCode>", 1)
    evento = texto[:inicio] + respuesta.split("?>", 1)[1] + texto[fin:]
    with pytest.raises(EntradaNoLegible) as e:
        leer_xml(evento.encode("utf-8"))
    assert "no trae una factura sino un ApplicationResponse (código 030)" in str(e.value)
    assert "no el de la factura" in str(e.value) and "cárguelo junto con el XML" not in str(e.value)


def test_una_factura_de_miles_de_lineas_de_mas_de_5_mib_se_lee():
    # Una factura de un proveedor de hospitales con 5.200 líneas pesa 5,4 MB (unos 1 KiB por línea): antes, «pesa más
    # de 5 MiB: una factura DIAN no es tan grande» (salida 2), sin fuente que lo diga.
    texto = (XML / "factura.xml").read_text(encoding="utf-8")
    grande = texto.replace("</Invoice>", "<!--" + "x" * (6 * 1024 * 1024) + "--></Invoice>")
    assert len(grande.encode("utf-8")) > 6 * 1024 * 1024 and TAMANO_MAXIMO > len(grande.encode("utf-8"))
    assert leer_xml(grande.encode("utf-8")) == leer_xml(texto.encode("utf-8"))


@pytest.mark.parametrize("escrito", ["EIN 12-3456789 (DE)", "TIN#98-7654321", "VAT: DE 123,456+7"])
def test_la_identificacion_tributaria_de_un_cliente_extranjero_se_lee_como_viene(escrito):
    # Antes: salida 2, «cbc:CompanyID en cac:AccountingCustomerParty…: El formato no es válido», por un paréntesis o
    # un «#» en el NIT de otro país (tipo 50).
    texto = (XML / "exportacion-cliente-extranjero.xml").read_text(encoding="utf-8").replace("98-7654321", escrito)
    assert leer_xml(texto.encode("utf-8")).adquiriente.numero == escrito


def test_los_tributos_de_cada_codigo_de_la_tabla_se_leen_y_suman_al_total():
    # 01, 02, 08, 20, 21, 22, 24, 25, 26, 30, 32, 33, 34, 35, 36 y ZZ: por unidad (PerUnitAmount y BaseUnitMeasure) o
    # porcentuales; el valor total es el neto más cada cac:TaxTotal/cbc:TaxAmount (HECHOS §6).
    f = leer_xml(_leer("factura-todos-los-tributos.xml"))
    assert sorted(f.totales_tributos) == ["01", "02", "08", "20", "21", "22", "24", "25", "26", "30", "32", "33", "34",
                                          "35", "36", "ZZ"]
    assert f.valor_total == f.valor_bruto + sum(f.totales_tributos.values()) == Decimal("2836710.00")
    bolsas = next(t for t in f.impuestos if t.codigo == "22")
    assert (bolsas.valor_por_unidad, bolsas.unidades, bolsas.cantidad, bolsas.valor) == (
        Decimal("66.00"), Decimal("1"), Decimal("10"), Decimal("660.00"))
    assert not f.retenciones


def test_descuentos_cargos_anticipo_redondeo_y_retenciones_se_leen_cada_uno_en_su_lugar():
    f = leer_xml(_leer("factura-descuentos-anticipo.xml"))
    assert (f.descuentos, f.cargos, f.anticipo_descontado, f.redondeo) == (
        Decimal("35000.00"), Decimal("100000.00"), Decimal("2000000.00"), Decimal("0.19"))
    assert f.valor_a_pagar == f.valor_total - f.descuentos + f.cargos - f.anticipo_descontado + f.redondeo
    assert [t.codigo for t in f.impuestos] == ["01"]  # las retenciones no entran a los tributos del total
    assert [(r.codigo, r.valor) for r in f.retenciones] == [
        ("06", Decimal("259999.96")), ("05", Decimal("185249.97")), ("07", Decimal("62789.99"))]


@pytest.mark.parametrize("variante, original", [
    ("factura-espacios-de-nombres.xml", "factura-tipo-04.xml"),  # raíz fe:, cbc por omisión, cac como ns2:, fecha con zona
    ("factura-bom-crlf.xml", "factura-todos-los-tributos.xml"),  # marca de orden de bytes y fin de línea de Windows
])
def test_otros_prefijos_la_fecha_con_zona_o_el_bom_no_cambian_lo_que_se_lee(variante, original):
    assert _leer(variante) != _leer(original)
    assert leer_xml(_leer(variante)) == leer_xml(_leer(original))


def test_la_variante_con_bom_y_crlf_los_conserva():
    # Si git normalizara el fin de línea o un editor quitara la marca, la prueba de arriba ya no probaría nada.
    datos = _leer("factura-bom-crlf.xml")
    assert datos.startswith(b"\xef\xbb\xbf<?xml") and datos.count(b"\r\n") == datos.count(b"\n") > 100
    assert b'encoding="ISO-8859-1"' in _leer("factura-iso-8859-1.xml") and "ñ".encode("latin-1") in _leer("factura-iso-8859-1.xml")


def test_una_factura_en_iso_8859_1_se_lee_con_sus_tildes():
    f = leer_xml(_leer("factura-iso-8859-1.xml"))
    assert f.lineas[0].descripcion == "Escritorios modulares de diseño ergonómico (año 2026)"
    assert f.adquiriente.nombre == "Alcaldía Municipal de Ejemplo"


def test_el_adquiriente_persona_natural_se_lee_de_party_identification_con_su_nombre_de_persona():
    f = leer_xml(_leer("adquiriente-persona-natural.xml"))
    a = f.adquiriente
    assert (a.numero, a.tipo_documento, a.dv, a.nombre, a.bloques) == ("1020304050", "CC", None, "María Ángela Muñoz Peña", [])
    # El emisor escribe su NIT con el DV pegado en PartyLegalEntity: es el mismo documento, con el DV de schemeID.
    assert (f.proveedor.numero, f.proveedor.dv, [b.numero for b in f.proveedor.bloques]) == (
        "901234567", 7, ["901234567", "901234567-7"])


def test_las_notas_con_cude_se_leen_con_su_tipo_y_su_total():
    credito, debito = leer_xml(_leer("nota-credito-cude.xml")), leer_xml(_leer("nota-debito-cude.xml"))
    assert (credito.tipo, credito.codigo_tipo, credito.cufe_esquema, credito.valor_a_pagar) == (
        "nota_credito", "91", "CUDE-SHA384", Decimal("595000.00"))
    # La nota débito lleva RequestedMonetaryTotal y ningún cbc:DebitNoteTypeCode.
    assert (debito.tipo, debito.codigo_tipo, debito.cufe_esquema, debito.valor_a_pagar) == (
        "nota_debito", None, "CUDE-SHA384", Decimal("120000.00"))


def test_la_exportacion_en_dolares_lee_su_tasa_y_el_adquiriente_extranjero():
    f = leer_xml(_leer("exportacion-usd.xml"))
    assert (f.codigo_tipo, f.moneda, f.monedas_en_valores, f.valor_a_pagar) == ("02", "USD", [], Decimal("1938.00"))
    t = f.tasa_cambio
    assert (t.moneda_origen, t.moneda_destino, t.tasa, t.fecha.isoformat()) == ("USD", "COP", Decimal("3912.45"), "2026-06-02")
    assert (f.adquiriente.numero, f.adquiriente.tipo_documento) == ("DE811569869", "NITE")


def test_el_attached_document_validado_trae_la_factura_de_otros_prefijos_y_las_notificaciones_una_vez():
    f = leer_xml(_leer("attached-tipo-04-notificaciones.xml"))
    assert f.model_dump(exclude={"documento_xml", "contenedor", "respuesta_dian"}) == leer_xml(
        _leer("factura-tipo-04.xml")).model_dump(exclude={"documento_xml", "contenedor", "respuesta_dian"})
    r = f.respuesta_dian
    assert (r.estado, r.codigo) == ("validada", "02")
    assert [n.codigo for n in r.notificaciones_unicas()] == ["RUT01", "FAJ43b", "FAK24"]
