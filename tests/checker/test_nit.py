import pytest
from hypothesis import given, strategies as st

from checker.nit import clave_documento, digito_verificacion, documento_en_cufe, mismo_documento, solo_digitos


@pytest.mark.parametrize("nit, dv", [
    ("800197268", 4),   # NIT de la DIAN, 800.197.268-4 (HECHOS §3)
    ("900390126", 6),   # schemeID="6" en un archivo firmado real (HECHOS §3)
    ("901234567", 7),
    ("800100200", 8),
])
def test_calcula_el_dv_de_nits_conocidos(nit, dv):
    assert digito_verificacion(nit) == dv


def test_rechaza_nit_que_no_es_numerico():
    with pytest.raises(ValueError):
        digito_verificacion("80019726A")


def test_solo_digitos_quita_puntos_y_guion():
    assert solo_digitos("800.197.268-4") == "8001972684"


def test_un_documento_con_letras_se_compara_con_sus_letras():
    # Un pasaporte X1234567 no es el Y1234567: sin las letras serían el mismo número.
    assert clave_documento("x-123.456 7") == clave_documento("X1234567") == "X1234567"
    assert clave_documento("X1234567") != clave_documento("Y1234567")
    assert clave_documento("800.197.268") == solo_digitos("800.197.268")


def test_en_el_cufe_un_nit_va_sin_puntos_y_un_documento_extranjero_tal_como_esta():
    assert documento_en_cufe(" 800.197.268 ") == "800197268"
    assert documento_en_cufe("98-7654321") == "98-7654321"
    assert documento_en_cufe("X1234567") == "X1234567"


@given(st.text(alphabet="0123456789", min_size=1, max_size=15))
def test_el_dv_esta_entre_0_y_9_y_cambia_si_cambia_un_digito(nit):
    dv = digito_verificacion(nit)
    assert 0 <= dv <= 9
    # Cambiar el último dígito en 1 cambia el DV (peso 3, primo con 11): así detecta errores de digitación.
    otro = nit[:-1] + str((int(nit[-1]) + 1) % 10)
    assert digito_verificacion(otro) != dv


@pytest.mark.parametrize("a, b, igual", [("9012345677", "901234567", True), ("901234567", "901.234.567-7", True),
                                         ("9012345673", "901234567", False), ("1020304050", "102030405", False),
                                         ("AB123", "ab-123", True), ("", "", False), ("901234567", "901234567", True)])
def test_mismo_documento_con_o_sin_el_dv_pegado(a, b, igual):
    assert mismo_documento(a, b) is igual
