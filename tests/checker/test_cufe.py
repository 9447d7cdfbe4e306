import hashlib
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from checker import api
from checker.cufe import DatosCufe, cadena_cufe, calcular_cufe, cufes_posibles

ANEXO = DatosCufe(
    num_fac="323200000129", fec_fac="2019-01-16", hor_fac="10:53:10-05:00",
    val_fac=Decimal("1500000.00"), val_iva=Decimal("285000.00"), val_inc=Decimal("0"), val_ica=Decimal("0"),
    val_tot=Decimal("1785000.00"), nit_ofe="700085371", num_adq="800199436",
    clave_tecnica="693ff6f2a553c3646a063436fd4dd9ded0311471", tipo_ambiente="1",
)


def test_reproduce_el_cufe_del_ejemplo_del_anexo_tecnico():
    assert calcular_cufe(ANEXO) == (
        "8bb918b19ba22a694f1da11c643b5e9de39adf60311cf179179e9b33381030bc"
        "d4c3c3f156c506ed5908f9276f5bd9b4")


ANEXO_CADENA = ("3232000001292019-01-1610:53:10-05:001500000.0001285000.00040.00030.00"
                "1785000.00700085371800199436693ff6f2a553c3646a063436fd4dd9ded03114711")


def test_la_cadena_lleva_los_valores_con_dos_decimales_y_los_codigos_de_tributo():
    assert cadena_cufe(ANEXO) == ANEXO_CADENA


def test_cambiar_un_centavo_cambia_el_cufe():
    from dataclasses import replace

    assert calcular_cufe(replace(ANEXO, val_tot=Decimal("1785000.01"))) != calcular_cufe(ANEXO)


def test_los_valores_con_mas_de_dos_decimales_entran_truncados():
    # «con decimales a dos (2) dígitos truncados» (anexo §11.2, como lo citan implementaciones públicas).
    con_mas = replace(ANEXO, val_iva=Decimal("285000.046"), val_tot=Decimal("1785000.049"))
    cadena = ANEXO_CADENA.replace("285000.00", "285000.04").replace("1785000.00", "1785000.04")
    assert cadena_cufe(con_mas) == cadena
    assert calcular_cufe(con_mas) == hashlib.sha384(cadena.encode()).hexdigest()
    # Con dos decimales hay un solo CUFE posible; con más, también los de los valores redondeados.
    assert cufes_posibles(ANEXO) == {calcular_cufe(ANEXO)}
    redondeada = ANEXO_CADENA.replace("285000.00", "285000.05").replace("1785000.00", "1785000.05")
    assert cufes_posibles(con_mas) == {calcular_cufe(con_mas), hashlib.sha384(redondeada.encode()).hexdigest()}


# Los CUFE de las facturas de tests/checker/xml escritas a partir del anexo se calcularon con esta clave técnica (y el
# CUDE de la contingencia 03, con este PIN): recalculados con los datos que lee el validador, deben coincidir. Entran
# solo 01, 04 y 03 aunque la factura traiga otros tributos; los valores con seis decimales, truncados; el adquiriente
# extranjero (DE811569869) o persona natural (cédula solo en PartyIdentification), como viene.
CLAVE_DE_LAS_PRUEBAS = "fc8eac422eba16e22ffd8c6f94b3f40a6e38162c"
PIN_DE_LAS_PRUEBAS = "75315"
CON_CUFE = ["factura-tipo-04.xml", "exportacion-usd.xml", "factura-todos-los-tributos.xml", "factura-descuentos-anticipo.xml",
            "adquiriente-persona-natural.xml", "factura-espacios-de-nombres.xml", "factura-bom-crlf.xml",
            "factura-iso-8859-1.xml", "factura-una-linea-150-items.xml", "factura-seis-decimales.xml",
            "attached-tipo-04-notificaciones.xml"]


def _reglas_con(nombre: str, **factura: str) -> list[str]:
    xml = (Path(__file__).parent / "xml" / nombre).read_bytes()
    informe = json.loads(api.validar_entrada_json(json.dumps({"factura": factura}), xml=xml, hoy="2026-06-10",
                                                  etapa="entidad"))
    return [h["regla"] for h in informe["hallazgos"]]


@pytest.mark.parametrize("nombre", CON_CUFE)
def test_el_cufe_de_una_factura_como_las_reales_se_recalcula_con_su_clave_tecnica(nombre):
    assert "FAC-005" not in _reglas_con(nombre, clave_tecnica=CLAVE_DE_LAS_PRUEBAS)
    assert "FAC-005" in _reglas_con(nombre, clave_tecnica="0" * 40)  # se recalculó: con otra clave no coincide


def test_el_cude_de_la_factura_de_contingencia_se_recalcula_con_el_pin_del_software():
    assert "FAC-010" not in _reglas_con("factura-contingencia-03.xml", pin_software=PIN_DE_LAS_PRUEBAS)
    assert "FAC-010" in _reglas_con("factura-contingencia-03.xml", pin_software="11111")
