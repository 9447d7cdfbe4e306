"""Cada regla del catálogo, con sus propios ejemplos: el que falla la dispara (y solo a ella), el que pasa no."""

import re
from decimal import Decimal

import pytest

from checker import CATALOGO, ejemplos, validar
from checker.reglas import ETAPAS
from tests.conftest import HOY

REGLAS = sorted(CATALOGO)


def _informe(caso, etapa="proveedor"):
    solicitud, perfil = ejemplos.separar(caso)
    return validar(solicitud, perfil=perfil, hoy=HOY, etapa=etapa)


@pytest.mark.parametrize("etapa", ETAPAS)
@pytest.mark.parametrize("id_regla", REGLAS)
def test_el_ejemplo_que_falla_dispara_solo_su_regla_con_la_severidad_de_la_etapa(id_regla, etapa):
    regla = CATALOGO[id_regla]
    informe = _informe(ejemplos.de_regla(regla, "falla"), etapa)
    assert {h.regla for h in informe.hallazgos} == {id_regla}
    assert {h.severidad for h in informe.hallazgos} == {regla.etapas[etapa]}
    assert {h.corrige for h in informe.hallazgos} == {regla.corrige_en(etapa)}
    assert informe.aprobable is (regla.etapas[etapa] != "error") and informe.etapa == etapa


@pytest.mark.parametrize("etapa", ETAPAS)
@pytest.mark.parametrize("id_regla", REGLAS)
def test_el_ejemplo_que_pasa_no_dispara_ninguna_regla(id_regla, etapa):
    informe = _informe(ejemplos.de_regla(CATALOGO[id_regla], "pasa"), etapa)
    assert informe.aprobable and informe.hallazgos == []


@pytest.mark.parametrize("etapa", ETAPAS)
@pytest.mark.parametrize("nombre", ["tipica", "persona-natural"])
def test_los_casos_base_son_aprobables_y_limpios(nombre, etapa):
    informe = _informe(ejemplos.cargar(nombre), etapa)
    assert informe.aprobable and informe.hallazgos == []
    assert informe.reglas_revisadas == len(CATALOGO)


@pytest.mark.parametrize("id_regla", REGLAS)
def test_cada_regla_esta_completa_en_el_catalogo(id_regla):
    r = CATALOGO[id_regla]
    assert re.fullmatch(r"(NIT|APR|PAG|MON|FEC|FAC|SS|SOP|MDA|DIAN)-\d{3}", r.id)
    assert r.titulo and r.mensaje and r.razon and r.fuente
    assert r.ejemplo_falla, "toda regla necesita un ejemplo que falle"
    assert r.paso is None or re.fullmatch(r"procedimientos/[a-z-]+/#paso-\d+", r.paso)


# El título de una regla se lee en el catálogo y junto a cada hallazgo («[Error] DIAN-001 · …», seguido de «La DIAN
# rechazó esta factura…»): nombra lo que se revisa, no afirma un resultado. Un título como «La DIAN no rechazó la
# factura» junto al error que dice lo contrario se lee al revés.
_AFIRMACION = re.compile(r"^(El|La|Los|Las|Cada|Todos|Todas|Sin)\b|\bno\b")


@pytest.mark.parametrize("id_regla", REGLAS)
def test_el_titulo_nombra_lo_que_se_revisa_sin_afirmar_un_resultado(id_regla):
    titulo = CATALOGO[id_regla].titulo
    assert not _AFIRMACION.search(titulo), f"{id_regla}: «{titulo}» afirma un resultado"


def test_los_mensajes_del_hallazgo_no_dejan_huecos_de_plantilla():
    for r in CATALOGO.values():
        for h in _informe(ejemplos.de_regla(r, "falla")).hallazgos:
            assert "{" not in h.mensaje and h.referencia == r.fuente


@pytest.mark.parametrize("etapa", ETAPAS)
def test_los_porcentajes_de_los_mensajes_van_con_coma_decimal(etapa):
    # «el 1.044 % del IBC» se lee «mil cuarenta y cuatro por ciento»: en Colombia, «1,044 %» (formatos.porcentaje).
    for r in CATALOGO.values():
        caso = ejemplos.de_regla(r, "falla")
        casos = [caso]
        if caso.get("contrato", {}).get("anticipo"):  # también con un porcentaje de amortización con decimales
            casos.append(ejemplos.aplicar(caso, {"contrato.anticipo.porcentaje_amortizacion": "12.5"}))
        for caso in casos:
            for h in _informe(caso, etapa).hallazgos:
                assert not re.search(r"\d\.\d+ ?%", h.mensaje), (h.regla, h.mensaje)


def test_la_factura_que_completa_el_contrato_amortiza_lo_que_queda_del_anticipo():
    # Anticipo de $ 14.280.000 al 30 %, $ 9.000.000 ya amortizados, y esta factura lleva lo facturado al valor del
    # contrato: queda $ 5.280.000 por amortizar. Antes se esperaba el 30 % ($ 3.570.000) y, declarado así, $ 1.710.000
    # del anticipo quedaban sin amortizar sin que nada lo dijera.
    def caso(amortizacion):
        return ejemplos.aplicar(ejemplos.cargar("tipica"), {
            "contrato.facturado_a_la_fecha": "35700000.00", "contrato.registro_presupuestal.valor": None,
            "contrato.plan_de_pagos.1.facturado": "0",
            "contrato.anticipo": {"valor": "14280000.00", "porcentaje_amortizacion": "30", "amortizado": "9000000.00"},
            "pago.amortizacion_anticipo": amortizacion})
    [h] = [h for h in _informe(caso("3570000.00"), "entidad").hallazgos if h.regla == "MON-009"]
    assert h.severidad == "advertencia" and "lo que queda del anticipo por amortizar serían $ 5.280.000,00" in h.mensaje
    assert "MON-009" not in {h.regla for h in _informe(caso("5280000.00"), "entidad").hallazgos}
    # Sin «amortizado» escrito no se sabe qué queda (los datos abiertos no lo traen): el porcentaje, no el anticipo
    # entero (antes, «serían $ 14.280.000», más que la factura).
    sin_lo_amortizado = ejemplos.aplicar(caso("1.00"), {"contrato.anticipo.amortizado": None})
    sin_lo_amortizado["contrato"]["anticipo"].pop("amortizado")
    [h] = [h for h in _informe(sin_lo_amortizado, "entidad").hallazgos if h.regla == "MON-009"]
    assert "con el 30 % pactado sobre el valor total serían $ 3.570.000,00" in h.mensaje
    # Lo que queda, sin pasar del valor de la factura.
    grande = ejemplos.aplicar(caso("1.00"), {"contrato.anticipo.amortizado": "0"})
    [h] = [h for h in _informe(grande, "entidad").hallazgos if h.regla == "MON-009"]
    assert "por amortizar serían $ 11.900.000,00" in h.mensaje
    # Antes de la última, el porcentaje pactado, dicho con coma decimal.
    antes = ejemplos.aplicar(caso("1000000.00"), {"contrato.facturado_a_la_fecha": "11900000.00",
                                                  "contrato.anticipo.porcentaje_amortizacion": "12,5"})
    [h] = [h for h in _informe(antes, "entidad").hallazgos if h.regla == "MON-009"]
    assert "con el 12,5 % pactado sobre el valor total serían $ 1.487.500,00" in h.mensaje


def test_el_perfil_puede_bajar_una_regla_a_advertencia_o_apagarla():
    caso = ejemplos.de_regla(CATALOGO["APR-004"], "falla")
    solicitud, _ = ejemplos.separar(caso)
    bajada = validar(solicitud, perfil={"entidad": "X", "reglas": {"APR-004": "advertencia"}}, hoy=HOY)
    assert bajada.aprobable and [h.severidad for h in bajada.hallazgos] == ["advertencia"]
    apagada = validar(solicitud, perfil={"entidad": "X", "reglas": {"APR-004": "apagada"}}, hoy=HOY)
    assert apagada.aprobable and apagada.hallazgos == []
    assert apagada.reglas_revisadas == len(CATALOGO) - 1


def test_el_perfil_rechaza_reglas_que_no_existen():
    from checker import EntradaNoValida

    solicitud, _ = ejemplos.separar(ejemplos.cargar("tipica"))
    with pytest.raises(EntradaNoValida, match="NOP-999"):
        validar(solicitud, perfil={"entidad": "X", "reglas": {"NOP-999": "apagada"}}, hoy=HOY)


def test_rechaza_nit_con_digito_de_verificacion_errado_y_dice_el_correcto():
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"factura.proveedor.dv": 5})
    [h] = _informe(caso).hallazgos
    assert (h.regla, h.campo) == ("NIT-001", "factura.proveedor.dv")
    assert "le corresponde 7" in h.mensaje


def test_la_fecha_de_recepcion_futura_depende_de_hoy():
    from datetime import date

    solicitud, _ = ejemplos.separar(ejemplos.cargar("tipica"))
    antes = validar(solicitud, hoy=date(2026, 6, 2))
    assert [h.regla for h in antes.hallazgos] == ["APR-002"]


def test_las_clases_de_riesgo_iv_y_v_no_se_cobran_al_contratista():
    caso = ejemplos.aplicar(ejemplos.cargar("persona-natural"), {"contrato.clase_riesgo_arl": 5, "pago.aportes.arl": "0"})
    assert _informe(caso).hallazgos == []
    caso = ejemplos.aplicar(caso, {"contrato.clase_riesgo_arl": 3})
    assert [(h.regla, h.campo) for h in _informe(caso).hallazgos] == [("SS-005", "pago.aportes.arl")]


def test_sin_valor_mensual_se_reparte_el_valor_en_la_duracion():
    from checker.modelos import Contrato
    from checker.reglas.seguridad_social import valor_mensual

    k = ejemplos.cargar("persona-natural")["contrato"] | {"valor_mensual": None}
    # 45.000.000 del 1 de marzo al 30 de noviembre: 9 meses calendario, 5.000.000 por mes (en meses de 30 días,
    # 275 días daban 4.909.091: de más o de menos según los meses que cruce el plazo).
    assert valor_mensual(Contrato.model_validate(k)) == 5000000
    # Febrero y marzo: 2 meses (59 días no son 1,97 meses); del 16 de marzo al 15 de diciembre, 9.
    febrero = k | {"valor": "10000000", "fecha_inicio": "2026-02-01", "fecha_fin": "2026-03-31"}
    assert valor_mensual(Contrato.model_validate(febrero)) == 5000000
    quincena = k | {"valor": "45000000", "fecha_inicio": "2026-03-16", "fecha_fin": "2026-12-15"}
    assert valor_mensual(Contrato.model_validate(quincena)) == 5000000
    # Lo que sobra de un mes cuenta en días de 30: 9 meses y 15 días.
    sobra = k | {"valor": "47500000", "fecha_inicio": "2026-03-01", "fecha_fin": "2026-12-15"}
    assert valor_mensual(Contrato.model_validate(sobra)) == 5000000


@pytest.mark.parametrize("etapa, entrega", [("proveedor", "informacion"), ("entidad", "advertencia")])
def test_el_ejemplo_para_formadores_se_rechaza_por_el_dv_que_corrige_el_proveedor(etapa, entrega):
    # El DV errado lo corrige el proveedor y es error en las dos etapas; la entrega sin confirmar es de la entidad.
    informe = _informe(ejemplos.cargar("factura-rechazada"), etapa)
    assert not informe.aprobable
    assert [(h.regla, h.severidad, h.corrige) for h in informe.hallazgos] == [
        ("NIT-001", "error", "proveedor"), ("APR-006", entrega, "entidad")]


def test_un_ejemplo_puede_ser_cambios_sobre_otro_y_se_carga_completo():
    completo = ejemplos.cargar("factura-rechazada")
    assert "base" not in completo and completo["factura"]["proveedor"]["dv"] == 5
    assert ejemplos.aplicar(ejemplos.cargar("tipica"), {"factura.proveedor.dv": 5})["factura"] == completo["factura"]


def test_los_textos_de_seguridad_social_salen_de_los_parametros(monkeypatch):
    from checker import parametros
    from checker.formatos import porcentaje

    ss3, ss5 = CATALOGO["SS-003"], CATALOGO["SS-005"]
    assert f"{porcentaje(parametros.IBC_PORCENTAJE_MINIMO)} %" in ss3.titulo + ss3.mensaje + ss3.razon
    for tarifa in (parametros.TARIFA_SALUD, parametros.TARIFA_PENSION, *parametros.TARIFA_ARL.values()):
        assert f"{porcentaje(tarifa)} %" in ss5.razon
    assert porcentaje(parametros.TARIFA_SALUD) == "12,5" and porcentaje(parametros.TARIFA_ARL[5]) == "6,960"


# Lo que promete el nombre de cada caso de ejemplo que lista el validador, en las dos etapas.
PROMESAS = {"tipica": True, "persona-natural": True, "factura-rechazada": False}


def test_cada_caso_de_ejemplo_declara_su_veredicto():
    assert set(PROMESAS) == set(ejemplos.nombres())


@pytest.mark.parametrize("etapa", ETAPAS)
@pytest.mark.parametrize("nombre", sorted(PROMESAS))
def test_cada_caso_de_ejemplo_da_el_veredicto_que_promete_su_nombre(nombre, etapa):
    informe = _informe(ejemplos.cargar(nombre), etapa)
    assert informe.aprobable is PROMESAS[nombre]
    if not informe.aprobable:  # rechazada por algo que el proveedor puede corregir antes de enviar
        assert any(h.severidad == "error" and h.corrige == "proveedor" for h in informe.hallazgos)


@pytest.mark.parametrize("id_regla", REGLAS)
def test_en_modo_solo_factura_ninguna_regla_lee_el_contrato_sin_declararlo(id_regla):
    """Una regla que lee el contrato o el pago debe declararlo en `necesita`: si no, revienta sin ellos."""
    from checker import validar_factura

    solicitud, perfil = ejemplos.separar(ejemplos.de_regla(CATALOGO[id_regla], "falla"))
    informe = validar_factura(solicitud["factura"], perfil=perfil, hoy=HOY)
    corrio = id_regla in informe.reglas_ejecutadas
    assert corrio == (not {"contrato", "pago"} & set(CATALOGO[id_regla].necesita))
    assert all(CATALOGO[r].necesita for g in informe.grupos_sin_revisar for r in g.reglas)


def test_un_anticipo_que_el_valor_a_pagar_no_resta_no_se_cuenta_dos_veces():
    # Hay programas (el módulo DIAN de Odoo, en sus pruebas) que escriben PrepaidAmount sin restarlo de PayableAmount.
    # Sumarle el anticipo al valor a pagar daba MON-004 y MON-006 (errores) con una cifra que la factura no trae
    # ($ 13.900.000); lo que sí se puede decir es que el valor a pagar no cuadra con el anticipo (MON-003, advertencia).
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"factura.anticipo_descontado": "2000000.00",
                                                        "factura.clave_tecnica": None})
    reglas = {h.regla: h.severidad for h in _informe(caso).hallazgos}
    assert reglas.get("MON-003") == "advertencia"
    assert not {"MON-004", "MON-006", "MON-007"} & set(reglas), reglas
    # Con el anticipo restado, como dice UBL, lo que cobra la factura sigue siendo el valor a pagar más el anticipo.
    restado = ejemplos.aplicar(caso, {"factura.valor_a_pagar": "9900000.00"})
    assert "MON-003" not in {h.regla for h in _informe(restado).hallazgos}


def test_con_anticipo_el_pago_del_plan_sin_lo_amortizado_no_es_un_cobro_de_mas():
    # Un plan que lleva cada pago sin lo que se amortiza (por confirmar): la factura de $ 11.900.000 que descuenta
    # $ 3.570.000 de anticipo pide pagar $ 8.330.000, lo que vale el pago. Antes: MON-004 error («le quedan
    # $ 8.330.000»). Si lo que pide pagar también pasa del pago, sigue siendo un cobro de más.
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {
        "factura.anticipo_descontado": "3570000.00", "factura.valor_a_pagar": "8330000.00", "factura.clave_tecnica": None,
        "contrato.plan_de_pagos.1.valor": "8330000.00"})
    assert "MON-004" not in {h.regla for h in _informe(caso).hallazgos}
    mas = ejemplos.aplicar(caso, {"contrato.plan_de_pagos.1.valor": "8000000.00"})
    assert {h.regla: h.severidad for h in _informe(mas).hallazgos}.get("MON-004") == "error"


def test_el_esquema_del_cufe_que_la_dian_valido_no_es_un_error():
    # Un tipo 03 con schemeName «CUFE-SHA384» y la respuesta de la DIAN que lo validó: antes, FAC-004 (error, «sería
    # rechazada») junto a «Respuesta de la DIAN: validada». Sin esa respuesta, o con la de otro documento, sigue.
    from checker.reglas.respuesta import _VALIDADA

    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"factura.codigo_tipo": "03", "factura.cufe_esquema": "CUFE-SHA384",
                                                        "factura.clave_tecnica": None})
    assert {h.regla: h.severidad for h in _informe(caso).hallazgos}.get("FAC-004") == "error"
    validada = ejemplos.aplicar(caso, {"factura.respuesta_dian": _VALIDADA})
    assert "FAC-004" not in {h.regla for h in _informe(validada).hallazgos}
    de_otro = ejemplos.aplicar(caso, {"factura.respuesta_dian": {**_VALIDADA, "documento": "OTRA-1"}})
    assert "FAC-004" in {h.regla for h in _informe(de_otro).hallazgos}


def test_una_tasa_de_cambio_que_no_va_a_pesos_no_se_usa_para_convertir():
    # Una factura en pesos con una tasa «de COP a USD» (como la escribe un programa, con la tasa al revés) en un contrato
    # en dólares: antes se multiplicaba por ella («La factura vale USD 47.600.000.000…», MON-004 y MON-006 errores);
    # MDA-005 decía «debería ir de COP a COP».
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {
        "contrato.moneda": "USD", "contrato.valor": "11900.00", "contrato.registro_presupuestal.valor": None,
        "contrato.facturado_a_la_fecha": "2975.00",
        "factura.tasa_cambio": {"moneda_origen": "COP", "moneda_destino": "USD", "tasa": "4000"}})
    for i in range(4):
        caso = ejemplos.aplicar(caso, {f"contrato.plan_de_pagos.{i}.valor": "2975.00"})
    hallazgos = {h.regla: h for h in _informe(caso).hallazgos}
    assert not {"MON-004", "MON-006"} & set(hallazgos), {r: h.mensaje for r, h in hallazgos.items()}
    assert hallazgos["MDA-002"].severidad == "advertencia"
    mda_005 = hallazgos["MDA-005"].mensaje
    assert "en una factura en pesos la tasa no hace falta" in mda_005 and "no se usa para convertir" in mda_005
    assert "de COP a COP" not in mda_005 and "pero" not in mda_005


def _en_dolares(a_pagar):
    """La factura típica en dólares (con IVA del 19 %) a 3.966,67 pesos por dólar, en el contrato en pesos."""
    total = Decimal(a_pagar)
    bruto = (total / Decimal("1.19")).quantize(Decimal("0.01"))
    return ejemplos.aplicar(ejemplos.cargar("tipica"), {
        "factura.moneda": "USD", "factura.clave_tecnica": None, "contrato.registro_presupuestal.valor": None,
        "factura.tasa_cambio": {"moneda_origen": "USD", "moneda_destino": "COP", "tasa": "3966.67"},
        "factura.valor_bruto": str(bruto), "factura.valor_total": a_pagar, "factura.valor_a_pagar": a_pagar,
        "factura.impuestos": [{"codigo": "01", "valor": str(total - bruto)}],
        "factura.lineas": [{"descripcion": "Suministro, entrega 2", "cantidad": "1", "valor_unitario": str(bruto),
                            "valor": str(bruto)}]})


def test_en_una_factura_convertida_la_diferencia_del_redondeo_no_es_un_cobro_de_mas():
    # USD 3.000,00 a 3.966,67 son $ 11.900.010,00 y la cuota es de $ 11.900.000,00: ningún valor en dólares da justo la
    # cuota (un centavo de dólar son $ 39,67). Antes: MON-004 (error) por $ 10; del otro lado, MON-005 por un «saldo».
    for a_pagar in ("3000.00", "2999.99"):
        reglas = {h.regla for h in _informe(_en_dolares(a_pagar)).hallazgos}
        assert not {"MON-004", "MON-005", "MON-006"} & reglas, (a_pagar, reglas)
    # Un dólar de más ($ 3.966,67) con la tasa de la factura pasa de la cuota: lo advierte MDA-001 (la tasa con que se
    # paga la define el contrato), no MON-004.
    de_mas = {h.regla: h for h in _informe(_en_dolares("3001.00")).hallazgos}
    assert "MON-004" not in de_mas and "pasa del saldo" in de_mas["MDA-001"].mensaje


def _en_pesos_con_centavos(a_pagar):
    bruto = (Decimal(a_pagar) / Decimal("1.19")).quantize(Decimal("0.01"))
    return ejemplos.aplicar(ejemplos.cargar("tipica"), {
        "factura.clave_tecnica": None, "factura.valor_bruto": str(bruto), "factura.valor_total": a_pagar,
        "factura.valor_a_pagar": a_pagar, "factura.impuestos": [{"codigo": "01", "valor": str(Decimal(a_pagar) - bruto)}],
        "factura.lineas": [{"descripcion": "Suministro, entrega 2", "cantidad": "1", "valor_unitario": str(bruto),
                            "valor": str(bruto)}]})


def test_en_pesos_los_centavos_frente_a_una_cuota_en_pesos_enteros_son_redondeo():
    # El IVA redondeado línea por línea deja la factura en $ 11.900.000,40 frente a una cuota de $ 11.900.000: antes,
    # MON-004 (error, «sería rechazada») por 40 centavos; del otro lado, MON-005 por un «saldo» de 40 centavos.
    for a_pagar in ("11900000.40", "11900000.99", "11899999.60"):
        reglas = {h.regla for h in _informe(_en_pesos_con_centavos(a_pagar)).hallazgos}
        assert not {"MON-004", "MON-005", "MON-006"} & reglas, (a_pagar, reglas)
    # Un peso de más sí es cobrar más que la cuota.
    de_mas = {h.regla: h.severidad for h in _informe(_en_pesos_con_centavos("11900001.00")).hallazgos}
    assert de_mas.get("MON-004") == "error"


def test_con_un_plan_que_suma_mas_que_el_contrato_lo_facturado_se_compara_con_el_plan():
    # Una adición que el valor publicado aún no muestra: el plan (que escribe la entidad) suma $ 59.500.000 y el contrato
    # $ 47.600.000. La última factura del plan daba MON-006 (error) sin que el proveedor pudiera corregir nada.
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"contrato.plan_de_pagos.3.valor": "23800000.00",
                                                        "contrato.facturado_a_la_fecha": "47600000.00",
                                                        "contrato.registro_presupuestal.valor": None})
    assert "MON-006" not in {h.regla for h in _informe(caso).hallazgos}
    de_mas = ejemplos.aplicar(caso, {"contrato.facturado_a_la_fecha": "50000000.00"})
    mon_006 = next(h for h in _informe(de_mas).hallazgos if h.regla == "MON-006")
    assert mon_006.severidad == "error" and "lo que suma el plan de pagos ($ 59.500.000,00)" in mon_006.mensaje


def test_mon_004_le_habla_a_quien_lo_lee():
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"contrato.plan_de_pagos.1.facturado": "5000000.00"})
    proveedor = next(h for h in _informe(caso).hallazgos if h.regla == "MON-004")
    entidad = next(h for h in _informe(caso, "entidad").hallazgos if h.regla == "MON-004")
    assert "pida a la entidad" in proveedor.mensaje and "pida a la entidad" not in entidad.mensaje


def test_sin_la_clave_tecnica_el_informe_dice_que_el_cufe_no_se_comprobo():
    # Con la factura sola (sin la clave técnica, que no viaja en el XML) el informe decía «no tiene errores en lo que se
    # pudo revisar» y no listaba FAC-005 entre lo no revisado: parecía que el CUFE se había comprobado.
    from checker import leer_xml, validar_factura
    from pathlib import Path
    factura = leer_xml((Path(__file__).parent / "xml" / "factura.xml").read_bytes())
    informe = validar_factura(factura, hoy=HOY)
    assert "FAC-005" not in informe.reglas_ejecutadas
    grupo = next(g for g in informe.grupos_sin_revisar if "FAC-005" in g.reglas)
    assert "clave técnica" in grupo.falta
    con_clave = validar_factura(factura.model_copy(update={"clave_tecnica": "fc8eac422eba16e22ffd8c6f94b3f40a6e38162c"}), hoy=HOY)
    assert "FAC-005" in con_clave.reglas_ejecutadas and not any("FAC-005" in g.reglas for g in con_clave.grupos_sin_revisar)


@pytest.mark.parametrize("cufe, dice", [("0a24c2d678a9fa02329bc07d786d6d0c", "tiene 32 caracteres"),
                                        ("z" * 96, "tiene caracteres que no son hexadecimales")])
def test_fac_003_dice_cual_de_los_dos_problemas_tiene_el_cufe(cufe, dice):
    # Decía «tiene 32 caracteres o caracteres no válidos», como si no supiera cuál.
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"factura.cufe": cufe, "factura.clave_tecnica": None})
    fac_003 = next(h for h in _informe(caso).hallazgos if h.regla == "FAC-003")
    assert fac_003.mensaje.endswith(f"el dado {dice}.")


@pytest.mark.parametrize("emision, fec_001", [("2026-11-30", False), ("2026-12-05", False), ("2026-12-31", False),
                                              ("2027-01-02", True), ("2026-02-28", True)])
def test_la_factura_del_ultimo_mes_emitida_el_mes_siguiente_no_esta_fuera_de_plazo(emision, fec_001):
    # El contrato termina el 30 de noviembre y el último mes se cobra mes vencido, en diciembre: antes FEC-001 advertía
    # «fuera del plazo de ejecución» en esa cuenta de cobro de rutina. Antes del inicio o pasado el mes siguiente, sí.
    caso = ejemplos.aplicar(ejemplos.cargar("persona-natural"), {"factura.fecha_emision": emision,
                                                                 "pago.fecha_recepcion_original": emision})
    assert ("FEC-001" in {h.regla for h in _informe(caso).hallazgos}) == fec_001


def test_una_respuesta_con_el_codigo_de_un_evento_dice_que_puede_ser_un_evento():
    # Un acuse o un recibo del bien (032) cargado como «la respuesta de la DIAN»: antes solo «no es una validación».
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"factura.clave_tecnica": None, "factura.respuesta_dian": {
        "estado": "otra", "codigo": "032", "descripcion": "Recibo del bien"}})
    [mensaje] = [h.mensaje for h in _informe(caso).hallazgos if h.regla == "DIAN-004"]
    assert "código 032: Recibo del bien" in mensaje and "Puede ser un evento sobre la factura" in mensaje


def test_el_ibua_por_cada_100_ml_no_es_un_tributo_que_no_cuadra():
    # Como lo escribe un programa certificado: BaseUnitMeasure 10.500 ml y $ 35 por cada 100 ml = $ 3.675. Antes MON-012
    # advertía «$ 35 por 10.500 unidades da $ 367.500». Otro tributo por unidad no se lee por cada 100.
    def con(codigo, valor):
        return ejemplos.aplicar(ejemplos.cargar("tipica"), {"factura.clave_tecnica": None, "factura.impuestos": [
            *ejemplos.cargar("tipica")["factura"]["impuestos"],
            {"codigo": codigo, "valor": valor, "valor_por_unidad": "35.00", "unidades": "10500"}]})
    assert "MON-012" not in {h.regla for h in _informe(con("34", "3675.00")).hallazgos}
    assert "MON-012" in {h.regla for h in _informe(con("22", "3675.00")).hallazgos}
    assert "MON-012" in {h.regla for h in _informe(con("34", "4000.00")).hallazgos}


def test_sin_la_lista_de_soportes_la_certificacion_no_se_da_por_faltante():
    # La entidad que revisa el XML con los datos abiertos no dio los soportes: antes SS-009 decía «la solicitud no la
    # trae entre sus soportes: pídasela al proveedor», sin haberlos visto.
    solicitud, _ = ejemplos.separar(ejemplos.cargar("tipica"))
    sin = {**solicitud, "pago": {k: v for k, v in solicitud["pago"].items() if k != "soportes"}}
    con = {**solicitud, "pago": {**solicitud["pago"], "soportes": ["factura_xml"]}}
    [no_dados] = [h.mensaje for h in validar(sin, etapa="entidad", hoy=HOY).hallazgos if h.regla == "SS-009"]
    [dados] = [h.mensaje for h in validar(con, etapa="entidad", hoy=HOY).hallazgos if h.regla == "SS-009"]
    assert "no la trae" not in no_dados and "revise que la solicitud la traiga" in no_dados
    assert "no la trae entre sus soportes: pídasela al proveedor" in dados


def test_fac_002_no_advierte_a_la_factura_escrita_a_mano_sin_cufe_y_si_al_xml_sin_cbc_uuid():
    # Advertía en toda factura escrita a mano, aunque el formulario de SECOP II no pide el CUFE: una advertencia que
    # nadie tenía que atender. Al XML sin cbc:UUID sí le falta, y el mensaje habla del XML (no «cópielo del XML»).
    from checker import leer_xml, validar_factura
    from pathlib import Path
    a_mano = ejemplos.aplicar(ejemplos.cargar("tipica"), {"factura.cufe": None, "factura.cufe_esquema": None})
    for etapa in ETAPAS:
        assert "FAC-002" not in {h.regla for h in _informe(a_mano, etapa).hallazgos}
    xml = (Path(__file__).parent / "xml" / "factura.xml").read_text(encoding="utf-8")
    sin_uuid = re.sub(r"<cbc:UUID[^>]*>[^<]*</cbc:UUID>", "", xml, count=1)
    assert sin_uuid != xml
    for etapa in ETAPAS:
        [fac_002] = [h for h in validar_factura(leer_xml(sin_uuid), hoy=HOY, etapa=etapa).hallazgos if h.regla == "FAC-002"]
        assert fac_002.severidad == "advertencia" and fac_002.mensaje.startswith("El XML de la factura no trae el CUFE")


def _con_su_pago(estado, facturado, factura="FEV1234", **otros):
    """La típica con el pago 2, el de la factura FEV1234, como lo publica el plan de pagos."""
    return ejemplos.aplicar(ejemplos.cargar("tipica"), {
        "contrato.plan_de_pagos.1.estado": estado, "contrato.plan_de_pagos.1.factura": factura,
        "contrato.plan_de_pagos.1.facturado": facturado, **otros})


@pytest.mark.parametrize("estado, factura", [("Aprobado", "FEV1234"), ("Pagado", "FEV1234"), ("Pagado", "fev 01234")])
@pytest.mark.parametrize("etapa", ETAPAS)
def test_la_factura_que_su_pago_ya_publica_aprobada_no_se_cuenta_dos_veces(estado, factura, etapa):
    # El pago 2 publica FEV1234 aprobada, con su valor en lo facturado del pago y del contrato (así lo muestra SECOP II).
    # Antes: MON-004 «le quedan $ 0,00: facture como máximo ese saldo» junto a APR-009, y con el contrato ya facturado
    # entero, MON-006 y MON-007: motivos para rechazar una factura que ya no se puede cambiar.
    caso = _con_su_pago(estado, "11900000.00", factura, **{
        "contrato.plan_de_pagos.2.facturado": "11900000.00", "contrato.plan_de_pagos.3.facturado": "11900000.00",
        "contrato.facturado_a_la_fecha": "47600000.00"})
    reglas = {h.regla for h in _informe(caso, etapa).hallazgos}
    assert reglas == {"APR-009"}, reglas


def test_lo_facturado_con_esta_es_el_mismo_se_cuente_o_no_en_su_pago():
    # SECOP II la cuenta en su pago y en lo facturado a la fecha; los datos abiertos la sacan de los dos
    # (datos_abiertos._cuotas): con esta factura, lo facturado es el mismo.
    from checker.modelos import Solicitud
    from checker.reglas.consultas import cuota_de, facturado_con_esta, saldo

    como_secop = Solicitud.model_validate(ejemplos.separar(_con_su_pago(
        "Pagado", "11900000.00", **{"contrato.facturado_a_la_fecha": "23800000.00"}))[0])
    sin_ella = Solicitud.model_validate(ejemplos.separar(_con_su_pago("Pagado", "0"))[0])
    for s in (como_secop, sin_ella):
        assert facturado_con_esta(s) == Decimal("23800000.00")
        assert saldo(s, cuota_de(s)) == Decimal("11900000.00")


@pytest.mark.parametrize("factura", ["FEV1234", "FEV1200"])
@pytest.mark.parametrize("etapa", ETAPAS)
def test_una_factura_rechazada_no_esta_facturada_en_su_pago(factura, etapa):
    # Tras «Rechazar», el proveedor corrige y envía de nuevo (HECHOS §1): la rechazada no cuenta, sea esta u otra.
    # Antes: MON-004 en las dos etapas, «le quedan $ 0,00».
    caso = _con_su_pago("Rechazado", "11900000.00", factura)
    assert _informe(caso, etapa).hallazgos == []


def test_lo_que_otras_facturas_facturaron_en_el_pago_sigue_contando():
    # Otra factura aprobada en el pago: el pago está facturado y esta cobra de más.
    otra = {h.regla: h for h in _informe(_con_su_pago("Aprobado", "11900000.00", "FEV1200")).hallazgos}
    assert otra["MON-004"].severidad == "error" and "le quedan $ 0,00" in otra["MON-004"].mensaje
    # Esta misma enviada en un pago que otra factura ya cubrió en parte: solo se descuenta ella.
    parte = {h.regla: h for h in _informe(_con_su_pago("Enviado Por Proveedor", "16900000.00")).hallazgos}
    assert "le quedan $ 6.900.000,00" in parte["MON-004"].mensaje
    # La misma en trámite, sin nada más en el pago, no se cobra contra sí misma.
    assert _informe(_con_su_pago("Enviado Por Proveedor", "11900000.00")).hallazgos == []


def _mensaje(caso, id_regla, etapa):
    return next(h.mensaje for h in _informe(caso, etapa).hallazgos if h.regla == id_regla)


def _de_2025_a_2026(cambios):
    # El contrato típico, desde agosto de 2025 (hasta noviembre de 2026).
    return ejemplos.aplicar(ejemplos.cargar("tipica"), {"contrato.fecha_inicio": "2025-08-01",
                                                        "factura.clave_tecnica": None, **cambios})


def test_mon_007_con_el_rp_de_una_vigencia_en_un_contrato_que_cruza_el_anio_no_afirma_que_se_paso():
    # Contrato de agosto de 2025 a noviembre de 2026 con el RP de 2026 (20 millones): lo facturado en todo el contrato
    # (23,8 millones) cuenta también lo de 2025, que no respalda ese RP. Antes: «más que el registro presupuestal», sin más.
    caso = _de_2025_a_2026({"contrato.registro_presupuestal": {"codigo": "RP-2026-0033", "valor": "20000000.00"},
                            "pago.registro_presupuestal": "RP-2026-0033"})
    assert _mensaje(caso, "MON-007", "entidad") == (
        "Con esta factura lo facturado en todo el contrato (2025 a 2026) llega a $ 23.800.000,00, más que el registro "
        "presupuestal RP-2026-0033 ($ 20.000.000,00); pero el código del RP nombra 2026, y si es el RP de la vigencia "
        "2026 respalda solo lo de ese año (lo de otros años va con el RP de su vigencia o con vigencias futuras): "
        "compare con él solo lo facturado con cargo a 2026.")
    assert _mensaje(caso, "MON-007", "proveedor").endswith(
        "lo facturado en todo el contrato (2025 a 2026) llega a $ 23.800.000,00 (si ese RP es el de la vigencia 2026, "
        "respalda solo lo de ese año).")
    # En un contrato de un solo año, con un RP sin año o con una factura que sola ya pasa del RP, se dice como siempre.
    sencillo = ("Con esta factura lo facturado llega a $ 23.800.000,00, más que el registro presupuestal {} "
                "($ {}).")
    assert _mensaje(ejemplos.aplicar(caso, {"contrato.fecha_inicio": "2026-02-01"}), "MON-007", "entidad") == \
        sencillo.format("RP-2026-0033", "20.000.000,00")
    assert _mensaje(ejemplos.aplicar(caso, {"contrato.registro_presupuestal.codigo": "RP-0033",
                                            "pago.registro_presupuestal": "RP-0033"}), "MON-007", "entidad") == \
        sencillo.format("RP-0033", "20.000.000,00")
    assert _mensaje(ejemplos.aplicar(caso, {"contrato.registro_presupuestal.valor": "10000000.00"}), "MON-007",
                    "entidad") == sencillo.format("RP-2026-0033", "10.000.000,00")


def test_apr_008_en_un_contrato_que_cruza_el_anio_dice_que_el_rp_puede_ser_el_de_otra_vigencia():
    caso = _de_2025_a_2026({"contrato.registro_presupuestal.codigo": "RP-2025-1190",
                            "pago.registro_presupuestal": "RP-2026-0033"})
    assert _mensaje(caso, "APR-008", "entidad") == (
        "El registro presupuestal RP-2026-0033 no es el que trae el contrato (RP-2025-1190): use el RP que respalda "
        "este contrato o, si el pago es de una adición, el RP de la adición; o, si el contrato tiene un RP por cada "
        "vigencia (va de 2025 a 2026), el de la vigencia del pago: RP-2026-0033 parece el de 2026.")
    assert _mensaje(caso, "APR-008", "proveedor").endswith("; puede ser el RP de la vigencia 2026.")
    # Del mismo año que el RP del contrato (o en un contrato de un solo año) es otro RP, no el de otra vigencia.
    for cambios in ({"pago.registro_presupuestal": "RP-2025-9999"}, {"contrato.fecha_inicio": "2026-02-01"}):
        assert "vigencia" not in _mensaje(ejemplos.aplicar(caso, cambios), "APR-008", "entidad"), cambios



def _oraciones(texto: str) -> list[str]:
    return re.split(r"(?<=[.;:])\s+", " ".join(texto.split()))


def test_una_regla_no_presenta_la_cuenta_de_cobro_como_un_hecho():
    # Ninguna fuente leída nombra la cuenta de cobro (las páginas lo marcan «por confirmar»). Antes, FAC-012 decía «El
    # cobro del proveedor es su cuenta de cobro» y FAC-001 la daba como el otro documento del pago, sin decir de dónde.
    revisadas, problemas = [], []
    for regla in CATALOGO.values():
        textos = [t for t in (regla.titulo, regla.mensaje, regla.mensaje_proveedor) if t]
        if not any("cuenta de cobro" in t.lower() for t in textos + [regla.razon]):
            continue
        revisadas.append(regla.id)
        # La razón lo dice una vez: depende del procedimiento de la entidad y está por confirmar.
        en_la_razon = [o for o in _oraciones(regla.razon) if "cuenta de cobro" in o.lower()]
        if not any("procedimiento" in o and "entidad" in o and "por confirmar" in o for o in en_la_razon):
            problemas.append((regla.id, "razón", regla.razon))
        # Cada texto que la nombra la ata a lo que pida la entidad, no la afirma por su cuenta.
        problemas += [(regla.id, "texto", o) for t in textos for o in _oraciones(t)
                      if "cuenta de cobro" in o.lower() and "según" not in o]
    assert {"FAC-001", "FAC-012"} <= set(revisadas)
    assert problemas == []


@pytest.mark.parametrize("etapa", ETAPAS)
@pytest.mark.parametrize("moneda", ["COP", "USD"])
def test_una_nota_credito_no_se_suma_a_lo_facturado_ni_se_compara_con_el_plan(etapa, moneda):
    # Una nota crédito disminuye o anula una factura ya emitida: no cobra. Antes su valor se sumaba a lo facturado y se
    # comparaba con el pago del plan y con el contrato: MON-004 y MON-006 decían, como errores, «la factura vale
    # $ 11.900.000,00, pero al pago le quedan $ 5.000.000,00» y «lo facturado llega a $ 51.900.000,00», y en dólares
    # MDA-001 la convertía como un cobro. Lo cierto es FAC-001: no es el documento del pago.
    cambios = {"factura.tipo": "nota_credito", "factura.clave_tecnica": None, "contrato.plan_de_pagos.1.valor": "5000000.00",
               "contrato.facturado_a_la_fecha": "40000000.00"}
    if moneda == "USD":
        cambios.update({"factura.moneda": "USD", "factura.tasa_cambio": {"moneda_origen": "USD", "tasa": "4000"}})
    informe = _informe(ejemplos.aplicar(ejemplos.cargar("tipica"), cambios), etapa)
    assert [h.regla for h in informe.hallazgos] == ["FAC-001"]
    # Una factura con los mismos valores sí pasa del pago y del contrato: las reglas siguen corriendo para ella.
    factura = _informe(ejemplos.aplicar(ejemplos.cargar("tipica"), {**cambios, "factura.tipo": "factura_electronica"}), etapa)
    assert ({"MON-004", "MON-006"} if moneda == "COP" else {"MDA-001"}) <= {h.regla for h in factura.hallazgos}
