"""Aportes del contratista persona natural: 40 % sin IVA, Fondo de Solidaridad Pensional, ARL de más de un mes."""

from datetime import date
from decimal import Decimal

import pytest

from checker import ejemplos, validar
from checker.modelos import Contrato
from checker.reglas import ETAPAS
from checker.reglas.seguridad_social import dias_del_periodo, dura_mas_de_un_mes
from tests.conftest import HOY


def _reglas(cambios, etapa="proveedor"):
    caso = ejemplos.aplicar(ejemplos.cargar("persona-natural"), cambios)
    solicitud, perfil = ejemplos.separar(caso)
    return [(h.regla, h.severidad) for h in validar(solicitud, perfil=perfil, hoy=HOY, etapa=etapa).hallazgos]


_IBC_ALTO = {"contrato.valor_mensual": "20000000.00", "pago.aportes.ibc": "8000000.00",
             "pago.aportes.salud": "1000000.00", "pago.aportes.arl": "41800.00"}


@pytest.mark.parametrize("etapa", ETAPAS)
def test_desde_4_smmlv_la_pension_lleva_1_por_ciento_mas_para_el_fondo_de_solidaridad(etapa):
    # 8.000.000 ≥ 4 × 1.750.905 (SMMLV 2026): pensión 16 % = 1.280.000 no alcanza; con el 1 % (80.000) sí.
    assert _reglas(_IBC_ALTO | {"pago.aportes.pension": "1280000.00"}, etapa) == [("SS-006", "advertencia")]
    assert _reglas(_IBC_ALTO | {"pago.aportes.pension": "1360000.00"}, etapa) == []
    assert _reglas(_IBC_ALTO | {"pago.aportes.pension": "1280000.00", "pago.aportes.fondo_solidaridad": "80000.00"},
                   etapa) == []


def test_por_debajo_de_4_smmlv_no_se_pide_el_fondo_de_solidaridad():
    # 6.800.000 < 7.003.620 (4 SMMLV 2026): basta el 16 % de pensión.
    cambios = {"contrato.valor_mensual": "17000000.00", "pago.aportes.ibc": "6800000.00", "pago.aportes.salud": "850000.00",
               "pago.aportes.pension": "1088000.00", "pago.aportes.arl": "35500.00"}
    assert _reglas(cambios) == []


@pytest.mark.parametrize("inicio, fin, mas", [
    ("2026-03-01", "2026-03-31", False), ("2026-03-01", "2026-04-01", True), ("2026-02-01", "2026-02-28", False),
    # Del 31 de enero, un mes termina el 28 de febrero (febrero no tiene 31: su último día); antes, el 27, y un contrato
    # de 29 días «duraba más de un mes» (SS-007 pedía la ARL).
    ("2026-01-31", "2026-02-27", False), ("2026-01-31", "2026-02-28", False), ("2026-01-31", "2026-03-01", True),
    ("2026-01-28", "2026-02-27", False), ("2026-01-28", "2026-02-28", True), ("2026-12-15", "2027-01-14", False),
    ("2026-12-15", "2027-01-15", True), ("2026-03-01", "9999-12-31", True),
])
def test_un_mes_es_un_mes_calendario_desde_el_inicio(inicio, fin, mas):
    k = ejemplos.cargar("persona-natural")["contrato"] | {"fecha_inicio": inicio, "fecha_fin": fin}
    assert dura_mas_de_un_mes(Contrato.model_validate(k)) is mas


@pytest.mark.parametrize("etapa", ETAPAS)
def test_riesgos_laborales_solo_en_contratos_de_mas_de_un_mes(etapa):
    assert _reglas({"pago.aportes.arl": None}, etapa) == [("SS-007", "advertencia")]
    un_mes = {"pago.aportes.arl": None, "contrato.fecha_inicio": "2026-06-15", "contrato.fecha_fin": "2026-07-14",
              "pago.aportes.periodo": "2026-06"}
    assert _reglas(un_mes, etapa) == []
    # Con un aporte de ARL declarado pero bajo, en un contrato de un mes, tampoco se revisa la tarifa (SS-005).
    assert _reglas(un_mes | {"pago.aportes.arl": "10.00"}, etapa) == []
    assert _reglas({"pago.aportes.arl": "10.00"}, etapa) == [("SS-005", "advertencia")]


def test_las_clases_iv_y_v_no_piden_arl_al_contratista():
    assert _reglas({"pago.aportes.arl": None, "contrato.clase_riesgo_arl": 4}) == []


def test_el_40_por_ciento_se_calcula_sin_iva():
    # Sin valor mensual dado: 45.000.000 en 9 meses (275 días) ≈ 4.909.091 al mes con IVA. Si la factura
    # lleva 19 % de IVA, la base sin IVA es ≈ 4.125.286 y su 40 % ≈ 1.650.114: un IBC de 1.700.000 alcanza.
    con_iva = {"contrato.valor_mensual": None, "factura.tipo": "factura_electronica",
               "factura.valor_bruto": "4201680.67", "factura.impuestos": [{"codigo": "01", "valor": "798319.33"}],
               "factura.lineas": [], "pago.aportes.ibc": "1700000.00", "pago.aportes.salud": "212500.00",
               "pago.aportes.pension": "272000.00", "pago.aportes.arl": "8900.00"}
    assert "SS-003" not in {r for r, _ in _reglas(con_iva)}
    sin_iva = con_iva | {"factura.valor_bruto": "5000000.00", "factura.impuestos": []}
    assert ("SS-003", "advertencia") in _reglas(sin_iva)


@pytest.mark.parametrize("cambios", [{"contrato.prestacion_servicios": False}])
def test_la_regla_del_40_por_ciento_es_solo_para_prestacion_de_servicios_de_personas_naturales(cambios):
    # Sin prestación de servicios no se revisan aportes, y el validador lo dice (SS-008, información).
    assert _reglas(cambios | {"pago.aportes.ibc": "1000000.00"}) == [("SS-008", "informacion")]
    juridica = {"contrato.tipo_persona": "juridica", "pago.aportes": None,
                "pago.soportes": ["cuenta_de_cobro", "certificado_aportes"]}
    assert _reglas(juridica) == []


@pytest.mark.parametrize("etapa", ETAPAS)
def test_la_persona_juridica_acredita_sus_aportes_con_una_certificacion(etapa):
    juridica = {"contrato.tipo_persona": "juridica", "pago.aportes": None}
    assert _reglas(juridica | {"pago.soportes": ["cuenta_de_cobro"]}, etapa) == [("SS-009", "advertencia")]
    assert _reglas(juridica | {"pago.soportes": ["certificado_aportes"]}, etapa) == []


@pytest.mark.parametrize("etapa", ETAPAS)
def test_sin_planilla_se_advierte_y_el_perfil_de_la_entidad_la_vuelve_error(etapa):
    assert _reglas({"pago.aportes": None}, etapa) == [("SS-001", "advertencia")]
    caso = ejemplos.aplicar(ejemplos.cargar("persona-natural"), {"pago.aportes": None})
    informe = validar(caso, perfil={"entidad": "X", "reglas": {"SS-001": "error"}}, hoy=HOY, etapa=etapa)
    assert not informe.aprobable


def test_el_smmlv_2026_es_el_transitorio_y_el_fondo_usa_el_del_periodo():
    from checker.parametros import smmlv

    assert smmlv(2026).valor == 1750905 and smmlv(2026).vigencia == "transitorio"
    # Periodo 2025: 4 × 1.423.500 = 5.694.000; un IBC de 6.000.000 ya pide el fondo.
    cambios = {"contrato.fecha_inicio": "2025-11-01", "contrato.valor_mensual": "15000000.00",
               "pago.aportes.periodo": "2025-12", "pago.aportes.ibc": "6000000.00", "pago.aportes.salud": "750000.00",
               "pago.aportes.pension": "960000.00", "pago.aportes.arl": "31400.00"}
    assert ("SS-006", "advertencia") in _reglas(cambios)
    assert date(2026, 1, 1) > date(2025, 12, 31)


def test_por_encima_del_tope_de_25_smmlv_no_se_pide_el_40_por_ciento():
    # Valor mensual de 120 millones: el 40 % (48 millones) pasa el tope de 25 SMMLV de 2026; un IBC en el tope no
    # debe dar SS-003 (que pedía más) mientras SS-004 pediría menos.
    from checker import ejemplos
    from checker.parametros import smmlv

    tope = smmlv(2026).valor * 25
    caso = ejemplos.cargar("persona-natural")
    caso["contrato"]["valor_mensual"] = "120000000"
    aportes = caso["pago"]["aportes"]
    periodo = aportes["periodo"]
    assert periodo.startswith("2026")
    aportes["ibc"] = str(tope)
    reglas = {h.regla for h in validar(ejemplos.separar(caso)[0], hoy=HOY).hallazgos}
    assert not {"SS-003", "SS-004"} & reglas


_DESDE_EL_16 = {"contrato.fecha_inicio": "2026-03-16", "pago.aportes.periodo": "2026-03",
                "pago.aportes.salud": None, "pago.aportes.pension": None, "pago.aportes.arl": "5300.00"}


def _mensajes(cambios):
    caso = ejemplos.aplicar(ejemplos.cargar("persona-natural"), cambios)
    solicitud, perfil = ejemplos.separar(caso)
    return {h.regla: h.mensaje for h in validar(solicitud, perfil=perfil, hoy=HOY).hallazgos}


@pytest.mark.parametrize("etapa", ETAPAS)
def test_en_el_mes_en_que_empieza_el_contrato_el_ibc_minimo_es_el_de_sus_dias(etapa):
    # Del 16 al 31 de marzo son 15 días de 30: 40 % de 5.000.000 × 15/30 = 1.000.000, sobre 1 SMMLV × 15/30.
    assert _reglas(_DESDE_EL_16 | {"pago.aportes.ibc": "1000000.00"}, etapa) == []
    assert _reglas(_DESDE_EL_16 | {"pago.aportes.ibc": "900000.00"}, etapa) == [("SS-003", "advertencia")]
    assert _reglas(_DESDE_EL_16 | {"pago.aportes.ibc": "800000.00"}, etapa) == [("SS-003", "advertencia"),
                                                                                ("SS-004", "advertencia")]


def test_el_mensaje_dice_los_dias_del_mes_parcial_y_no_en_un_mes_entero():
    mensajes = _mensajes(_DESDE_EL_16 | {"pago.aportes.ibc": "800000.00"})
    assert mensajes["SS-003"].endswith("($ 1.000.000,00, por los 15 días del contrato en 2026-03).")
    assert "el mínimo, por los 15 días del contrato en 2026-03" in mensajes["SS-004"]
    entero = _mensajes({"pago.aportes.ibc": "800000.00"})
    assert entero["SS-003"].endswith("($ 2.000.000,00).") and "días" not in entero["SS-004"]


def test_en_el_mes_en_que_termina_a_mitad_de_mes_tambien_cuentan_sus_dias():
    # Termina el 15 de noviembre: 15 días de 30 en el periodo 2026-11; la factura es posterior.
    cambios = {"contrato.fecha_fin": "2026-11-15", "factura.fecha_emision": "2026-11-20", "pago.aportes.periodo": "2026-11",
               "pago.aportes.ibc": "1000000.00", "pago.aportes.salud": None, "pago.aportes.pension": None,
               "pago.aportes.arl": None}
    assert "SS-003" not in _mensajes(cambios)
    assert "SS-003" in _mensajes(cambios | {"pago.aportes.ibc": "900000.00"})


@pytest.mark.parametrize("inicio, fin, periodo, dias", [
    ("2026-03-16", "2026-12-31", "2026-03", 15), ("2026-03-01", "2026-12-31", "2026-03", 30),
    ("2026-01-01", "2026-12-31", "2026-02", 30), ("2026-02-15", "2026-12-31", "2026-02", 14),
    ("2026-01-01", "2026-06-15", "2026-06", 15), ("2026-03-31", "2026-06-15", "2026-03", 1),
    ("2026-06-10", "2026-06-20", "2026-06", 11), ("2026-01-01", "2026-05-31", "2026-07", 30),
])
def test_dias_del_contrato_en_el_periodo_cotizado(inicio, fin, periodo, dias):
    k = ejemplos.cargar("persona-natural")["contrato"] | {"fecha_inicio": inicio, "fecha_fin": fin}
    assert dias_del_periodo(Contrato.model_validate(k), periodo) == dias


def test_un_contrato_de_menos_de_un_mes_no_se_reparte_dos_veces():
    # 15 días por 2.500.000, sin valor mensual: el «valor mensual» ya es el de esos días (40 % = 1.000.000).
    cambios = {"contrato.valor_mensual": None, "contrato.valor": "2500000.00", "contrato.fecha_inicio": "2026-06-16",
               "contrato.fecha_fin": "2026-06-30", "contrato.plan_de_pagos": [], "contrato.facturado_a_la_fecha": "0",
               "contrato.registro_presupuestal": None, "pago.id_pago": None, "pago.aportes.periodo": "2026-06",
               "pago.aportes.ibc": "600000.00", "pago.aportes.salud": None, "pago.aportes.pension": None,
               "pago.aportes.arl": None, "factura.fecha_emision": "2026-07-01"}
    assert "($ 1.000.000,00)." in _mensajes(cambios)["SS-003"]


def test_un_periodo_imposible_no_rompe_la_revision_y_lo_dice_ss_002():
    mensajes = _mensajes({"pago.aportes.periodo": "0000-06"})
    assert "SS-002" in mensajes


@pytest.mark.parametrize("inicio, fin, meses", [
    ("2026-02-01", "2026-03-31", "2"), ("2026-01-31", "2026-02-28", "1"), ("2026-03-01", "2026-03-31", "1"),
    ("2026-03-16", "2026-03-31", "0.5333333333333333333333333333"), ("2026-01-15", "2026-03-20", "2.2"),
])
def test_los_meses_del_plazo_son_meses_calendario_y_lo_que_sobra_en_dias_de_30(inicio, fin, meses):
    from checker.reglas.seguridad_social import meses_del_plazo

    k = ejemplos.cargar("persona-natural")["contrato"] | {"fecha_inicio": inicio, "fecha_fin": fin}
    assert meses_del_plazo(Contrato.model_validate(k)) == Decimal(meses)


def test_una_fecha_de_fin_en_el_anio_9999_no_rompe_la_revision():
    # Antes: «ValueError: year 10000 is out of range» con un traceback, y salida 1.
    caso = ejemplos.aplicar(ejemplos.cargar("persona-natural"), {"contrato.fecha_fin": "9999-12-31", "contrato.valor_mensual": None})
    solicitud, perfil = ejemplos.separar(caso)
    informe = validar(solicitud, perfil=perfil, hoy=HOY)
    assert informe.error is None and informe.reglas_revisadas > 0


def test_la_planilla_fuera_del_periodo_dice_por_que():
    # Antes, «fuera de los meses del contrato (…) o posterior a la factura» aunque el periodo estuviera en el contrato.
    def mensaje(periodo):
        caso = ejemplos.aplicar(ejemplos.cargar("persona-natural"), {"pago.aportes.periodo": periodo})
        solicitud, perfil = ejemplos.separar(caso)
        return next(h.mensaje for h in validar(solicitud, perfil=perfil, hoy=HOY).hallazgos if h.regla == "SS-002")
    k = ejemplos.cargar("persona-natural")
    factura = k["factura"]["fecha_emision"][:7]
    posterior = f"{int(factura[:4]) + (factura[5:] == '12')}-{int(factura[5:]) % 12 + 1:02d}"
    assert "posterior al mes de la factura" in mensaje(posterior) and "fuera de los meses" not in mensaje(posterior)
    assert "fuera de los meses del contrato" in mensaje("2000-01") and "posterior" not in mensaje("2000-01")


@pytest.mark.parametrize("etapa, que_hacer", [
    ("proveedor", "pregunte a la entidad qué soporte de aportes recibe para el primer pago"),
    ("entidad", "indique al proveedor qué soporte de aportes recibe para el primer pago"),
])
def test_en_el_primer_pago_la_planilla_del_mes_anterior_al_contrato_no_manda_a_anexar_una_que_no_existe(etapa, que_hacer):
    # Contrato desde el 1 de marzo, primera factura el 28 de marzo con la planilla de febrero: los aportes de marzo se
    # pagan mes vencido, en abril. Antes: «anexe la del periodo que cobra», imposible de cumplir.
    def mensaje(cambios):
        caso = ejemplos.aplicar(ejemplos.cargar("persona-natural"), {
            "factura.fecha_emision": "2026-03-28", "contrato.facturado_a_la_fecha": "0", "pago.aportes.periodo": "2026-02",
            **cambios})
        solicitud, perfil = ejemplos.separar(caso)
        return next(h.mensaje for h in validar(solicitud, perfil=perfil, hoy=HOY, etapa=etapa).hallazgos
                    if h.regla == "SS-002")
    primero = mensaje({})
    assert "el mes anterior al inicio del contrato (2026-03)" in primero and "se pagan mes vencido, en 2026-04" in primero
    assert que_hacer in primero and "por confirmar" in primero and "la del periodo que cobra" not in primero
    # Emitida en abril, sin nada facturado antes, sigue siendo la primera.
    assert que_hacer in mensaje({"factura.fecha_emision": "2026-04-03"})
    # Con algo ya facturado, o una planilla de dos meses antes, es la de siempre: fuera de los meses del contrato.
    for otra in ({"contrato.facturado_a_la_fecha": "5000000.00"}, {"pago.aportes.periodo": "2026-01"},
                 {"factura.fecha_emision": "2026-05-02"}):
        assert "fuera de los meses del contrato" in mensaje(otra) and "la del periodo que cobra" in mensaje(otra), otra


def test_un_contrato_en_dolares_se_lleva_a_pesos_para_el_40_por_ciento():
    # Contrato de USD 20.000 mensuales, factura en dólares a 4.000: el mínimo del IBC es el 40 % de $ 80.000.000
    # (tope: 25 SMMLV). Antes se comparaba USD 8.000 con un IBC en pesos y pasaba con $ 1.750.905.
    base = ejemplos.cargar("persona-natural")
    cambios = {"contrato.moneda": "USD", "contrato.valor_mensual": "20000.00", "factura.moneda": "USD",
               "factura.tasa_cambio": {"moneda_origen": "USD", "moneda_destino": "COP", "tasa": "4000"},
               "pago.aportes.ibc": "1750905.00"}
    caso = ejemplos.aplicar(base, cambios)
    solicitud, perfil = ejemplos.separar(caso)
    reglas = {h.regla for h in validar(solicitud, perfil=perfil, hoy=HOY).hallazgos}
    assert "SS-003" in reglas
    # Sin la tasa no se puede comparar: no se dice nada del 40 % (MDA dice lo de la tasa).
    sin_tasa = ejemplos.aplicar(caso, {"factura.tasa_cambio": None})
    solicitud, perfil = ejemplos.separar(sin_tasa)
    assert "SS-003" not in {h.regla for h in validar(solicitud, perfil=perfil, hoy=HOY).hallazgos}


def test_una_planilla_de_un_anio_sin_smmlv_dice_que_no_se_revisaron_sus_limites():
    # Antes: con el IBC por debajo de cualquier salario mínimo, en un año que la tabla no tiene (2024, o 2027 desde
    # enero), el informe decía «sin problemas» y no listaba nada sin revisar: SS-004 y SS-006 no corrían en silencio.
    cambios = {"contrato.fecha_inicio": "2024-12-01", "pago.aportes.periodo": "2024-12", "pago.aportes.ibc": "700362.00",
               "pago.aportes.salud": "87546.00", "pago.aportes.pension": "112058.00", "pago.aportes.arl": "3656.00"}
    mensajes = _mensajes(cambios)
    assert "SS-004" not in mensajes
    assert "no tiene el SMMLV de 2024" in mensajes["SS-010"] and "(SS-004)" in mensajes["SS-010"]
    assert ("SS-010", "informacion") in _reglas(cambios)
    # Con un año que sí tiene, no se dice (y SS-004 revisa el rango).
    assert "SS-010" not in _mensajes({**cambios, "contrato.fecha_inicio": "2026-03-01", "pago.aportes.periodo": "2026-06"})


def test_un_contrato_de_menos_de_un_mes_que_cruza_dos_meses_reparte_el_minimo_entre_sus_planillas():
    # Del 20 de marzo al 10 de abril, $ 3.000.000: a la planilla de marzo le tocan 12 de los 22 días (40 % de
    # $ 1.636.363,64 = $ 654.545,45). Antes se pedía el 40 % del contrato entero ($ 1.200.000) en cada planilla.
    corto = {"contrato.valor": "3000000.00", "contrato.valor_mensual": None, "contrato.fecha_inicio": "2026-03-20",
             "contrato.fecha_fin": "2026-04-10", "contrato.registro_presupuestal.valor": "3000000.00",
             "contrato.facturado_a_la_fecha": "0", "contrato.plan_de_pagos": [], "pago.id_pago": None,
             "factura.fecha_emision": "2026-04-01", "pago.aportes.periodo": "2026-03"}
    justo = {"pago.aportes.ibc": "1750905.00", "pago.aportes.salud": "218864.00", "pago.aportes.pension": "280145.00"}
    assert "SS-003" not in _mensajes({**corto, **justo})
    bajo = _mensajes({**corto, **justo, "contrato.valor": "30000000.00", "contrato.registro_presupuestal.valor": "30000000.00"})
    assert "($ 6.545.454,55, por los 12 días del contrato en 2026-03)" in bajo["SS-003"], bajo.get("SS-003")
