"""Las citas de las reglas salen del catálogo de fuentes, y un «error» solo se apoya en una fuente que rechaza."""

import re

import pytest

from checker import CATALOGO, parametros
from checker.fuentes import FUENTES, Cita, usos_en_reglas
from checker.reglas import ETAPAS

REGLAS = sorted(CATALOGO)
# Ids que enlazan los procedimientos del sitio (../fuentes.md#<id>): no se renombran ni se quitan.
IDS_PUBLICADOS = """cce-respuesta-p20211130011070 cce-sec-gi-13 cce-sec-gi-01 cce-envio-contrato-20 cce-envio-facturas
cce-seguimiento cce-crear-contrato-2 cce-kb-aprobaciones-involuntarias cce-tutorial-supervision datos-abiertos-secop-ii
dian-anexo-tecnico-1-9 dian-resolucion-000167-2021 ubl-2-1 estatuto-tributario ley-80-1993 ley-1150-2007 ley-789-2002
decreto-111-1996 decreto-1273-2018 decreto-1072-2015 ley-1955-2019 ley-2024-2020 codigo-de-comercio decreto-1074-2015
decreto-1572-2024 decreto-1469-2025 perfil-entidad""".split()


@pytest.mark.parametrize("id_regla", REGLAS)
def test_cada_regla_cita_solo_fuentes_del_catalogo(id_regla):
    regla = CATALOGO[id_regla]
    assert regla.fuentes and all(isinstance(c, Cita) for c in regla.fuentes)
    desconocidas = [c.fuente for c in regla.fuentes if c.fuente not in FUENTES]
    assert desconocidas == []


@pytest.mark.parametrize("id_regla", REGLAS)
def test_un_error_se_apoya_en_una_fuente_confirmada_que_rechaza(id_regla):
    regla = CATALOGO[id_regla]
    if "error" not in regla.etapas.values():
        return
    assert any(c.rechaza and c.confirmada for c in regla.fuentes), \
        f"{id_regla} es error sin una cita confirmada que diga que la entidad rechaza o no puede aprobar"


@pytest.mark.parametrize("id_regla", REGLAS)
def test_una_regla_con_citas_por_confirmar_es_a_lo_sumo_advertencia_o_explica_el_rechazo(id_regla):
    regla = CATALOGO[id_regla]
    if all(c.confirmada for c in regla.fuentes):
        return
    if "error" in regla.etapas.values():
        # Solo la salva otra cita confirmada que rechaza, y la razón lo dice.
        assert any(c.rechaza and c.confirmada for c in regla.fuentes)
        assert "rechaz" in regla.razon or "no puede aprobar" in regla.razon, regla.razon
    else:
        assert set(regla.etapas.values()) <= {"advertencia", "informacion"}


def test_la_prueba_del_error_sin_fuente_que_rechaza_puede_fallar(monkeypatch):
    from dataclasses import replace

    regla = CATALOGO["APR-004"]
    sin_rechazo = replace(regla, fuentes=tuple(replace(c, rechaza=False) for c in regla.fuentes))
    monkeypatch.setitem(CATALOGO, "APR-004", sin_rechazo)
    with pytest.raises(AssertionError):
        test_un_error_se_apoya_en_una_fuente_confirmada_que_rechaza("APR-004")
    por_confirmar = replace(regla, fuentes=(Cita("ley-80-1993", "art. 41"),))
    monkeypatch.setitem(CATALOGO, "APR-004", por_confirmar)
    with pytest.raises(AssertionError):
        test_una_regla_con_citas_por_confirmar_es_a_lo_sumo_advertencia_o_explica_el_rechazo("APR-004")


def test_una_cita_a_una_fuente_que_no_existe_se_detecta(monkeypatch):
    from dataclasses import replace

    monkeypatch.setitem(CATALOGO, "NIT-001", replace(CATALOGO["NIT-001"], fuentes=(Cita("ley-inventada-2099"),)))
    with pytest.raises(AssertionError):
        test_cada_regla_cita_solo_fuentes_del_catalogo("NIT-001")


def test_el_texto_de_la_cita_dice_por_confirmar_cuando_lo_esta():
    assert Cita("ley-80-1993", "art. 41").texto().endswith("art. 41 (por confirmar)")
    assert "por confirmar" not in Cita("cce-seguimiento", "página 6").texto()
    assert Cita("cce-sec-gi-01", "formulario", por_confirmar=True).texto().endswith("(por confirmar)")


def test_ningun_detalle_de_cita_lleva_punto_y_coma_que_es_el_separador_de_citas():
    assert [c for r in CATALOGO.values() for c in r.fuentes if ";" in c.texto()] == []


def test_la_fuente_de_la_regla_en_texto_son_sus_citas():
    regla = CATALOGO["APR-007"]
    assert regla.fuente == "; ".join(c.texto() for c in regla.fuentes)
    assert "Decreto 111 de 1996" in regla.fuente and "art. 71" in regla.fuente


def test_los_ids_que_enlaza_el_sitio_siguen_en_el_catalogo():
    assert set(IDS_PUBLICADOS) <= set(FUENTES)
    assert all(f.id == clave for clave, f in FUENTES.items())


def test_usos_en_reglas_dice_que_reglas_citan_cada_fuente():
    usos = usos_en_reglas()
    assert set(usos) <= set(FUENTES)
    assert "APR-007" in usos["decreto-111-1996"] and "NIT-001" in usos["cce-respuesta-p20211130011070"]
    citadas = {c.fuente for r in CATALOGO.values() for c in r.fuentes}
    assert set(usos) == citadas


def test_los_parametros_citan_fuentes_del_catalogo_y_el_smmlv_2026_es_transitorio():
    for p in parametros.SMMLV:
        assert p.fuente_id in FUENTES
        assert p.confirmado is False or FUENTES[p.fuente_id].confirmada
    assert parametros.smmlv(2026).vigencia == "transitorio" and "0159 de 2026" in parametros.smmlv(2026).fuente


@pytest.mark.parametrize("etapa", ETAPAS)
def test_las_reglas_retiradas_conservan_etapas_y_fuentes(etapa):
    for regla in CATALOGO.values():
        assert regla.etapas[etapa] in ("error", "advertencia", "informacion")


# Una fuente que solo se conoce por su nombre: su nota dice que su texto no se leyó (ni en fuentes secundarias).
SIN_LEER = re.compile(r"no se ha leído|no se leyó|sin leer", re.I)


def fuentes_sin_leer() -> set[str]:
    return {i for i, f in FUENTES.items() if SIN_LEER.search(f.nota)}


def test_ninguna_regla_se_apoya_en_una_fuente_que_no_se_leyo():
    # Un documento que nadie leyó no sostiene una regla: no hay pasaje que citar. La guía CCE-SEC-GI-13 sigue en el
    # catálogo (la nombra la respuesta de CCE), pero MON-004, MON-006 y FEC-001 la citaban como si dijera algo.
    assert "cce-sec-gi-13" in fuentes_sin_leer()
    citas = sorted((r.id, c.fuente) for r in CATALOGO.values() for c in r.fuentes if c.fuente in fuentes_sin_leer())
    assert citas == []


@pytest.mark.parametrize("id_regla", REGLAS)
def test_el_texto_publico_de_una_regla_no_nombra_archivos_internos(id_regla):
    # Título, mensajes, razón y citas salen en /reglas/, en el informe y en la CLI: «HECHOS» es un archivo del equipo.
    r = CATALOGO[id_regla]
    publico = [r.titulo, r.mensaje, r.mensaje_proveedor or "", r.razon, r.fuente]
    assert [t for t in publico if "HECHOS" in t] == []


def test_el_catalogo_de_fuentes_no_nombra_archivos_internos():
    assert [f.id for f in FUENTES.values() if "HECHOS" in f.titulo + f.donde + f.nota] == []


def test_pasar_del_valor_del_contrato_cita_las_adiciones_de_la_ley_80_por_confirmar():
    # El art. 41 es el perfeccionamiento y los requisitos de ejecución; las adiciones están en el art. 40, parágrafo.
    ley_80 = [c for c in CATALOGO["MON-006"].fuentes if c.fuente == "ley-80-1993"]
    assert [c.detalle.startswith("art. 40, parágrafo") for c in ley_80] == [True]
    assert not ley_80[0].confirmada and "(por confirmar)" in CATALOGO["MON-006"].fuente
    assert any(c.detalle.startswith("art. 41") for c in CATALOGO["MON-007"].fuentes)  # el RP: requisito de ejecución
