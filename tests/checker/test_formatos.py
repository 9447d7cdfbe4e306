from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from checker.formatos import ValorNoValido, cantidad, cifra, leer_dinero, pesos, texto_exacto


@pytest.mark.parametrize("texto, valor", [
    ("1.785.000,00", "1785000.00"),
    ("1.785.000", "1785000"),
    ("$ 1.785.000,50", "1785000.50"),
    ("1785000.00", "1785000.00"),
    (1785000, "1785000"),
    (0.1, "0.1"),
    ("-2.500,5", "-2500.5"),
])
def test_lee_valores_en_formato_colombiano_y_json(texto, valor):
    assert leer_dinero(texto) == Decimal(valor)


@pytest.mark.parametrize("texto", ["", "abc", "1,2,3", "1.78.000,00", "NaN", "Infinity", True, None, [1], "1e400000"])
def test_rechaza_lo_que_no_es_un_valor_en_pesos(texto):
    with pytest.raises(ValorNoValido):
        leer_dinero(texto)


def test_muestra_pesos_a_la_colombiana():
    assert pesos(Decimal("1785000")) == "$ 1.785.000,00"
    assert pesos(Decimal("-12.5")) == "-$ 12,50"


@given(st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_lo_que_se_muestra_se_vuelve_a_leer_igual(valor):
    assert leer_dinero(pesos(valor).replace("$ ", "")) == valor


@given(st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.none(), st.booleans()))
def test_cualquier_entrada_da_un_decimal_o_un_error_claro(entrada):
    try:
        assert isinstance(leer_dinero(entrada), Decimal)
    except ValorNoValido as exc:
        assert str(exc)


@pytest.mark.parametrize("numero, esperado", [(0, "0 errores"), (1, "1 error"), (2, "2 errores"), (31, "31 errores")])
def test_cantidad_concuerda_el_sustantivo_con_el_numero(numero, esperado):
    assert cantidad(numero, "error", "errores") == esperado


def test_cantidad_muestra_un_decimal_sin_los_ceros_del_xml():
    assert cantidad(Decimal("20.000000"), "unidad", "unidades") == "20 unidades"
    assert cantidad(Decimal("1.000"), "unidad", "unidades") == "1 unidad"
    assert cantidad(Decimal("2.5"), "unidad", "unidades") == "2,5 unidades"


@pytest.mark.parametrize("valor, esperado", [("20.000000", "20"), ("2.50", "2,5"), ("1", "1"), ("0.125", "0,125"), ("100", "100")])
def test_cifra_quita_los_ceros_de_mas_y_usa_coma_decimal(valor, esperado):
    assert cifra(Decimal(valor)) == esperado


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=3)
       | st.decimals(allow_nan=False, allow_infinity=False, min_value=Decimal("-1e6"), max_value=Decimal("1e6"), places=6))
def test_el_texto_exacto_de_un_valor_se_vuelve_a_leer_igual(valor):
    # Lo que el motor escribe (el JSON de la factura leída, que llena el formulario) vuelve a entrar por leer_dinero.
    assert leer_dinero(texto_exacto(valor)) == valor


def test_tres_decimales_no_se_confunden_con_los_miles():
    assert texto_exacto(Decimal("850.000")) == "850.0000"
    assert leer_dinero(texto_exacto(Decimal("1.785"))) == Decimal("1.785")
    assert texto_exacto(Decimal("1785000.00")) == "1785000.00"
    assert texto_exacto(Decimal("1E+3")) == "1000"


@pytest.mark.parametrize("escrito, leido", [("12,5", "12.5"), ("1,044", "1.044"), ("1.044", "1.044"), ("12.5", "12.5"),
                                            ("30 %", "30"), (12.5, "12.5")])
def test_un_porcentaje_se_lee_con_coma_o_con_punto_decimal(escrito, leido):
    # Antes, «12,5» daba «Escriba un número.» (salida 2), aunque los valores en pesos sí se leen a la colombiana.
    from checker.modelos import Anticipo

    assert Anticipo.model_validate({"valor": "1", "porcentaje_amortizacion": escrito}).porcentaje_amortizacion == Decimal(leido)


@pytest.mark.parametrize("escrito, leido", [("4.000,00", "4000.00"), ("3.966,67", "3966.67"), ("3966.67", "3966.67")])
def test_una_tasa_de_cambio_se_lee_como_un_valor_en_pesos(escrito, leido):
    from checker.modelos import TasaDeCambio

    assert TasaDeCambio.model_validate({"moneda_origen": "USD", "tasa": escrito}).tasa == Decimal(leido)


def test_una_tasa_con_tres_decimales_se_escribe_y_se_vuelve_a_leer_igual():
    # 26,512 (una moneda con pocos pesos por unidad): antes se escribía «26.512» y se volvía a leer como 26.512 pesos
    # (puntos de miles), al pasar la factura del XML a la solicitud (la CLI con --contrato, la página).
    from checker.modelos import TasaDeCambio

    tasa = TasaDeCambio.model_validate({"moneda_origen": "MXN", "tasa": Decimal("26.512")})
    assert TasaDeCambio.model_validate(tasa.model_dump(mode="json")).tasa == Decimal("26.512")
