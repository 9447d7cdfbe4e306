"""Etapas: lo que revisa el proveedor antes de enviar y la entidad antes de aprobar; quién corrige qué."""

import json
import re

import pytest

from checker import CATALOGO, EntradaNoLegible, ejemplos, validar
from checker.api import validar_json
from checker.reglas import ETAPAS
from tests.conftest import HOY


def _informe(caso, etapa="proveedor", perfil=None):
    solicitud, incluido = ejemplos.separar(caso)
    return validar(solicitud, perfil=perfil or incluido, hoy=HOY, etapa=etapa)


def test_la_etapa_por_omision_es_la_del_proveedor():
    solicitud, _ = ejemplos.separar(ejemplos.cargar("tipica"))
    assert validar(solicitud, hoy=HOY).etapa == "proveedor"
    assert json.loads(validar_json(json.dumps(solicitud), hoy=HOY.isoformat()))["etapa"] == "proveedor"


# Lo que ya pasó en SECOP II no es algo que la entidad vaya a revisar: al proveedor se le dice lo que muestran los datos.
_DICEN_LO_QUE_YA_PASO = {"APR-009"}


@pytest.mark.parametrize("id_regla", sorted(r.id for r in CATALOGO.values() if r.corrige == "entidad"))
def test_lo_que_solo_corrige_la_entidad_es_informacion_para_el_proveedor(id_regla):
    regla = CATALOGO[id_regla]
    assert regla.etapas["proveedor"] == "informacion"
    [h] = _informe(ejemplos.de_regla(regla, "falla")).hallazgos
    assert h.severidad == "informacion" and h.corrige == "entidad"
    assert h.mensaje.startswith("La entidad revisará") is (id_regla not in _DICEN_LO_QUE_YA_PASO), h.mensaje


def test_al_proveedor_la_factura_ya_aprobada_le_dice_lo_que_publica_el_plan():
    # Antes: «La entidad revisará que la factura no esté ya aprobada», aunque el plan dice que lo está; y el titular,
    # «La solicitud parece aprobable». Como entidad, el titular sigue siendo no aprobarla otra vez.
    caso = ejemplos.de_regla(CATALOGO["APR-009"], "falla")
    proveedor = _informe(caso)
    [h] = proveedor.hallazgos
    assert h.mensaje.startswith("Según el plan de pagos, esta factura (FEV1234) ya está «Aprobado» en el pago «Pago 2»")
    assert "no tiene que enviarla de nuevo" in h.mensaje and "por error" in h.mensaje
    assert h.paso == "procedimientos/aprobacion-o-pago-por-error/#paso-1"
    assert proveedor.titular == "La factura ya aparece aprobada o pagada en SECOP II"
    assert proveedor.explicacion == "El plan de pagos la publica aprobada o pagada (APR-009): no tiene que enviarla de nuevo."
    # Con algo más en el informe, el titular es el mismo y la explicación lo cuenta.
    con_mas = _informe(ejemplos.aplicar(caso, {"factura.proveedor.dv": 1}))
    assert con_mas.titular == "La factura ya aparece aprobada o pagada en SECOP II"
    assert con_mas.explicacion.endswith("no tiene que enviarla de nuevo; en lo revisado, 1 error.")
    entidad = _informe(caso, "entidad")
    assert entidad.titular == "La factura ya está aprobada en SECOP II: no la apruebe otra vez"


# Quien usa la etapa del proveedor es el proveedor: un mensaje que le dice «pida al proveedor…» o «revise con el
# proveedor» le habla a otro. La entidad sí lee esos mensajes (etapa «entidad»).
_AL_PROVEEDOR_COMO_OTRO = re.compile(r"(pida|confirme|revise|revíselas|consulte)[^.:;]*\b(al|con el) proveedor|el proveedor "
                                     r"debe", re.IGNORECASE)


@pytest.mark.parametrize("id_regla", sorted(r.id for r in CATALOGO.values() if r.corrige == "proveedor"))
def test_al_proveedor_el_hallazgo_le_habla_a_el_y_no_de_el(id_regla):
    regla = CATALOGO[id_regla]
    for h in _informe(ejemplos.de_regla(regla, "falla")).hallazgos:
        assert not _AL_PROVEEDOR_COMO_OTRO.search(h.mensaje), (h.regla, h.mensaje)


def test_la_entidad_sigue_leyendo_a_quien_pedirle_la_factura():
    [h] = _informe(ejemplos.de_regla(CATALOGO["FAC-011"], "falla"), "entidad").hallazgos
    assert "Pida al proveedor" in h.mensaje
    [h] = _informe(ejemplos.de_regla(CATALOGO["FAC-011"], "falla")).hallazgos
    assert "Emítala en el ambiente de producción" in h.mensaje


def test_la_entidad_lee_el_mensaje_de_quien_corrige():
    regla = CATALOGO["APR-007"]
    [h] = _informe(ejemplos.de_regla(regla, "falla"), "entidad").hallazgos
    assert (h.severidad, h.corrige) == ("error", "entidad")
    assert "RP-2026-0345" in h.mensaje and not h.mensaje.startswith("La entidad revisará")


def test_sin_codigo_de_rp_el_proveedor_puede_enviar_y_la_entidad_no_puede_aprobar():
    caso = ejemplos.de_regla(CATALOGO["APR-007"], "falla")
    assert _informe(caso, "proveedor").aprobable is True
    assert _informe(caso, "entidad").aprobable is False


def test_a_la_entidad_que_solo_le_faltan_sus_datos_no_se_le_dice_que_rechace():
    # La entidad rechaza lo mal diligenciado por el proveedor (respuesta CCE); la fecha de recepción y el RP los
    # ingresa ella al aprobar: faltarle esos datos no es motivo para rechazar.
    caso = ejemplos.de_regla(CATALOGO["APR-007"], "falla")
    informe = _informe(caso, "entidad")
    assert informe.aprobable is False
    assert informe.titular == "Faltan los datos de aprobación de la entidad"
    assert informe.explicacion == "1 dato que usted ingresa al aprobar; ningún error del proveedor en lo revisado."
    assert "rechaz" not in (informe.titular + informe.explicacion).lower()


@pytest.mark.parametrize("regla", ["MON-007", "APR-006"])
def test_lo_que_el_perfil_vuelve_error_y_no_es_un_dato_de_la_aprobacion_no_se_llama_dato(regla):
    # El saldo del RP superado (MON-007) o la entrega que el supervisor no confirmó (APR-006), subidos a error por el
    # perfil: la entidad no los resuelve escribiendo un dato al aprobar. Antes: «Faltan los datos de aprobación».
    caso = ejemplos.de_regla(CATALOGO[regla], "falla")
    informe = _informe(caso, "entidad", perfil={"entidad": "X", "reglas": {regla: "error"}})
    [h] = [h for h in informe.hallazgos if h.severidad == "error"]
    assert (h.regla, h.corrige, h.al_aprobar) == (regla, "entidad", False)
    assert informe.titular == "La entidad tiene algo por resolver antes de aprobar"
    assert informe.explicacion.startswith("1 punto por resolver antes de aprobar")
    assert informe.explicacion.endswith("; ningún error del proveedor en lo revisado.")
    # Con un dato de la aprobación que también falta, sigue sin ser solo «datos».
    con_rp = ejemplos.aplicar(caso, {"pago.registro_presupuestal": None})
    mezcla = _informe(con_rp, "entidad", perfil={"entidad": "X", "reglas": {regla: "error"}})
    assert mezcla.titular == "La entidad tiene algo por resolver antes de aprobar"
    assert _informe(caso, "entidad").titular != "La entidad tiene algo por resolver antes de aprobar"


def test_los_datos_que_la_entidad_escribe_al_aprobar_son_los_de_su_formulario():
    # Las reglas que el informe llama «datos que usted ingresa al aprobar»: lo que la entidad escribe en SECOP II al
    # aprobar (fecha de recepción, RP, entrega, amortización) o copia del «Detalle».
    assert sorted(r.id for r in CATALOGO.values() if r.al_aprobar_en("entidad")) == [
        "APR-001", "APR-002", "APR-003", "APR-004", "APR-005", "APR-007", "APR-008", "MON-008", "MON-009", "NIT-009",
        "PAG-002"]
    assert not any(r.al_aprobar_en("proveedor") for r in CATALOGO.values())


def test_el_numero_de_radicacion_que_falta_lo_copia_la_entidad_en_su_etapa():
    caso = ejemplos.de_regla(CATALOGO["APR-004"], "falla")
    [h] = _informe(caso, "entidad").hallazgos
    assert (h.regla, h.severidad, h.corrige) == ("APR-004", "error", "entidad")
    assert h.mensaje.startswith("Falta el número de radicación: cópielo del «Detalle»")
    assert _informe(caso, "entidad").titular == "Faltan los datos de aprobación de la entidad"
    [h] = _informe(caso, "proveedor").hallazgos
    assert (h.regla, h.severidad, h.corrige) == ("APR-004", "error", "proveedor")
    assert _informe(caso, "proveedor").titular == "La solicitud sería rechazada"
    # Solo el número de radicación, el «ID de pago» y el DV de los datos del contrato son así: lo demás que corrige el
    # proveedor sigue siendo suyo ante la entidad.
    assert sorted(r.id for r in CATALOGO.values() if r.corrige_en("entidad") != r.corrige) == ["APR-004", "NIT-009", "PAG-002"]


def test_el_id_de_pago_que_falta_lo_copia_la_entidad_y_el_proveedor_lo_elige():
    # La solicitud enviada va siempre sobre un pago del plan («Registro», HECHOS §4): a la entidad le falta copiarlo del
    # «Detalle». Antes: error del proveedor y «sería rechazada» al aprobar.
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"pago.id_pago": None})
    entidad = _informe(caso, "entidad")
    [h] = [h for h in entidad.hallazgos if h.regla == "PAG-002"]
    assert (h.severidad, h.corrige) == ("error", "entidad")
    assert h.mensaje.startswith("Falta el «ID de pago» (el contrato tiene plan de pagos") and "Cópielo del «Detalle»" in h.mensaje
    assert entidad.titular == "Faltan los datos de aprobación de la entidad"
    [h] = [h for h in _informe(caso).hallazgos if h.regla == "PAG-002"]
    assert (h.severidad, h.corrige) == ("error", "proveedor") and h.mensaje.endswith("Elija uno de los pagos del plan.")
    assert h.mensaje.count(":") == 0


def test_con_un_error_del_proveedor_la_entidad_si_lee_que_se_rechazaria():
    caso = ejemplos.de_regla(CATALOGO["APR-007"], "falla")
    caso["factura"]["proveedor"]["dv"] = (caso["factura"]["proveedor"]["dv"] + 1) % 10
    informe = _informe(caso, "entidad")
    assert {h.corrige for h in informe.hallazgos if h.severidad == "error"} == {"proveedor", "entidad"}
    assert informe.titular == "La solicitud sería rechazada"
    # Antes, «2 errores por corregir antes de aprobarla»: la entidad no corrige el del proveedor, la rechaza; el suyo es
    # un dato que ingresa al aprobar.
    assert informe.explicacion == "1 error del proveedor, motivo para rechazarla; 1 dato que usted ingresa al aprobar."
    # Un error suyo que no es un dato que ingresa (el saldo del RP, que su perfil volvió error) se dice como lo que es.
    caso = ejemplos.aplicar(ejemplos.de_regla(CATALOGO["MON-007"], "falla"), {"factura.proveedor.dv": 5})
    informe = _informe(caso, "entidad", perfil={"entidad": "Entidad", "reglas": {"MON-007": "error"}})
    assert informe.titular == "La solicitud sería rechazada"
    assert informe.explicacion == "1 error del proveedor, motivo para rechazarla; 1 punto suyo por resolver."


def test_otro_rp_que_el_del_contrato_advierte_a_la_entidad_porque_puede_ser_el_de_una_adicion():
    caso = ejemplos.de_regla(CATALOGO["APR-008"], "falla")
    [h] = _informe(caso, "entidad").hallazgos
    assert (h.regla, h.severidad, h.corrige) == ("APR-008", "advertencia", "entidad")
    assert "adición" in h.mensaje
    assert _informe(caso, "entidad").aprobable is True


def test_sin_plan_de_pagos_el_proveedor_usa_crear_y_no_es_error():
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"contrato.plan_de_pagos": []})
    for etapa in ETAPAS:
        informe = _informe(caso, etapa)
        [h] = informe.hallazgos
        assert informe.aprobable and (h.regla, h.severidad) == ("PAG-001", "informacion")
        assert "«Crear»" in h.mensaje


def test_el_contrato_de_los_datos_abiertos_sin_su_plan_no_se_da_por_un_contrato_sin_plan():
    # Solo el archivo del contrato: la solicitud no trae plan, pero eso no dice que el contrato no lo tenga.
    from checker import api
    from pathlib import Path
    datos = Path(__file__).parent / "datos_abiertos"
    archivos = json.dumps([{"nombre": "c.json", "texto": (datos / "contratos.json").read_text(encoding="utf-8")}])
    solicitud = json.loads(api.datos_abiertos_json(archivos, "FEV1234"))["solicitud"] | {"pago": {"id_pago": "98123402"}}
    informe = json.loads(api.validar_entrada_json(json.dumps(solicitud),
                                                  (Path(__file__).parent / "xml" / "factura.xml").read_bytes(),
                                                  hoy="2026-06-05"))
    [pag] = [h for h in informe["hallazgos"] if h["regla"] == "PAG-001"]
    assert "no tiene plan" not in pag["mensaje"] and "no trae el plan" in pag["mensaje"]
    assert "«Registro»" in pag["mensaje"] and "«Crear»" in pag["mensaje"]


def test_la_entrega_sin_confirmar_no_es_error_en_ninguna_etapa():
    caso = ejemplos.de_regla(CATALOGO["APR-006"], "falla")
    assert [h.severidad for h in _informe(caso, "proveedor").hallazgos] == ["informacion"]
    assert [h.severidad for h in _informe(caso, "entidad").hallazgos] == ["advertencia"]


def test_el_vencimiento_errado_advierte_al_proveedor_e_informa_a_la_entidad():
    caso = ejemplos.de_regla(CATALOGO["FEC-002"], "falla")
    assert [h.severidad for h in _informe(caso, "proveedor").hallazgos] == ["advertencia"]
    assert [h.severidad for h in _informe(caso, "entidad").hallazgos] == ["informacion"]


@pytest.mark.parametrize("etapa", ETAPAS)
def test_el_ajuste_del_perfil_vale_para_las_dos_etapas(etapa):
    caso = ejemplos.de_regla(CATALOGO["FEC-001"], "falla")
    subida = _informe(caso, etapa, perfil={"entidad": "X", "reglas": {"FEC-001": "error"}})
    assert not subida.aprobable and [h.severidad for h in subida.hallazgos] == ["error"]
    apagada = _informe(caso, etapa, perfil={"entidad": "X", "reglas": {"FEC-001": "apagada"}})
    assert apagada.hallazgos == []


@pytest.mark.parametrize("etapa", ["", "Proveedor", "supervisor", "entidad ", None, 3])
def test_una_etapa_desconocida_da_un_error_claro_en_espanol(etapa):
    solicitud, _ = ejemplos.separar(ejemplos.cargar("tipica"))
    with pytest.raises(EntradaNoLegible, match=r"La etapa «.*» no existe: use «proveedor»"):
        validar(solicitud, hoy=HOY, etapa=etapa)
    informe = json.loads(validar_json(json.dumps(solicitud), hoy=HOY.isoformat(), etapa=etapa))
    assert informe["aprobable"] is False and "no existe" in informe["error"] and informe["hallazgos"] == []


def test_cada_hallazgo_trae_quien_corrige_y_los_ids_de_sus_fuentes():
    caso = ejemplos.de_regla(CATALOGO["APR-007"], "falla")
    [h] = json.loads(validar_json(json.dumps(ejemplos.separar(caso)[0]), hoy=HOY.isoformat(), etapa="entidad"))["hallazgos"]
    assert h["corrige"] == "entidad"
    assert h["fuentes"] == ["cce-respuesta-p20211130011070", "decreto-111-1996"]
    assert h["referencia"] == CATALOGO["APR-007"].fuente


def test_el_perfil_no_vuelve_error_para_el_proveedor_lo_que_solo_corrige_la_entidad():
    caso = ejemplos.de_regla(CATALOGO["APR-007"], "falla")
    perfil = {"entidad": "X", "reglas": {"APR-007": "error"}}
    proveedor = _informe(caso, "proveedor", perfil=perfil)
    assert proveedor.aprobable and [h.severidad for h in proveedor.hallazgos] == ["informacion"]
    assert [h.severidad for h in _informe(caso, "entidad", perfil=perfil).hallazgos] == ["error"]
    assert _informe(caso, "proveedor", perfil={"entidad": "X", "reglas": {"APR-007": "apagada"}}).hallazgos == []


def test_una_regla_de_la_entidad_que_seria_error_para_el_proveedor_no_se_puede_inscribir():
    from checker.reglas.base import regla

    with pytest.raises(ValueError, match="informacion"):
        regla(id="APR-099", severidad="error", corrige="entidad", titulo="t", mensaje="m", razon="r", fuentes=(),
              ejemplo_falla={"x": 1})(lambda c: [])
    assert "APR-099" not in CATALOGO


def _hallazgo(caso, id_regla, etapa):
    return next((h for h in _informe(caso, etapa).hallazgos if h.regla == id_regla), None)


def test_la_entidad_debe_ingresar_el_rp_aunque_no_se_sepa_el_del_contrato():
    # Desde los datos abiertos el contrato llega sin RP: igual, sin el código la entidad no puede aprobar.
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"contrato.registro_presupuestal": None,
                                                        "pago.registro_presupuestal": None})
    h = _hallazgo(caso, "APR-007", "entidad")
    assert h is not None and h.severidad == "error"
    assert h.mensaje == "Falta el código del registro presupuestal (RP): ingréselo al aprobar."
    assert _hallazgo(caso, "APR-007", "proveedor").mensaje.startswith("La entidad revisará el registro presupuestal al")
    con_rp = ejemplos.aplicar(ejemplos.cargar("tipica"), {"pago.registro_presupuestal": None})
    assert "; en este contrato es RP-" in _hallazgo(con_rp, "APR-007", "entidad").mensaje


def test_cada_etapa_lee_sobre_la_radicacion_lo_que_puede_hacer():
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"pago.numero_radicacion": None})
    entidad, proveedor = _hallazgo(caso, "APR-004", "entidad"), _hallazgo(caso, "APR-004", "proveedor")
    assert "«Detalle» de la factura en SECOP II" in entidad.mensaje and "recházela" in entidad.mensaje
    assert proveedor.mensaje.startswith("Falta el número de radicación: radique la factura en la entidad")


def test_la_certificacion_de_aportes_se_pide_en_palabras_de_secop_ii():
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"pago.soportes": ["factura_xml"]})
    entidad, proveedor = _hallazgo(caso, "SS-009", "entidad"), _hallazgo(caso, "SS-009", "proveedor")
    assert entidad.mensaje.endswith("pídasela al proveedor.") and "nómbrela" not in entidad.mensaje
    assert "anéxela a la solicitud en SECOP II" in proveedor.mensaje


def test_la_entrega_pendiente_no_se_presenta_como_requisito_para_aprobar():
    # Ninguna fuente dice que la factura no se apruebe con la entrega sin confirmar (APR-006 solo advierte).
    mensaje = CATALOGO["APR-006"].mensaje + (CATALOGO["APR-006"].mensaje_proveedor or "")
    assert "antes de que se apruebe" not in mensaje and "debe confirmarla" not in mensaje


@pytest.mark.parametrize("id_regla", ["SS-001", "SS-002", "SS-007", "SOP-001"])
def test_a_la_entidad_no_se_le_pide_anexar_lo_que_anexa_el_proveedor(id_regla):
    # Antes, la entidad leía «anexe la planilla…», «inclúyalo», «anéxelo»: lo hace el proveedor; ella se lo pide.
    regla = CATALOGO[id_regla]
    [entidad] = _informe(ejemplos.de_regla(regla, "falla"), "entidad").hallazgos
    [proveedor] = _informe(ejemplos.de_regla(regla, "falla")).hallazgos
    assert "proveedor" in entidad.mensaje and not re.search(r"\b(anexe|anéxelo|inclúyalo)\b", entidad.mensaje)
    assert re.search(r"\b(anexe|anéxelo|inclúyalo)\b", proveedor.mensaje)


def test_a_la_entidad_un_error_del_proveedor_la_lleva_a_rechazar():
    # Antes, el enlace «paso» de un error del proveedor llevaba a la entidad al procedimiento del proveedor
    # (enviar-solicitud-de-pago): la entidad lo que hace es rechazar con la justificación.
    from checker import pasos

    caso = ejemplos.de_regla(CATALOGO["NIT-001"], "falla")
    [entidad] = [h for h in _informe(caso, "entidad").hallazgos if h.regla == "NIT-001"]
    [proveedor] = [h for h in _informe(caso, "proveedor").hallazgos if h.regla == "NIT-001"]
    assert entidad.paso == pasos.RECHAZAR and proveedor.paso == CATALOGO["NIT-001"].paso != pasos.RECHAZAR


@pytest.mark.parametrize("id_regla", sorted(r.id for r in CATALOGO.values() if not r.retirada))
def test_a_la_entidad_ningun_hallazgo_la_manda_a_un_paso_del_proveedor(id_regla):
    # Antes, como entidad, «Falta el número de radicación: cópielo del «Detalle»» (APR-004) llevaba al paso del
    # proveedor «radique la factura en la entidad», el «ID de pago» que copia (PAG-002) a «elija el pago», y una
    # advertencia como «revise que la solicitud traiga la certificación» (SS-009) a «pregunte el procedimiento
    # interno»: pasos de enviar-solicitud-de-pago, que la entidad no hace. El proveedor sigue yendo a los suyos.
    for h in _informe(ejemplos.de_regla(CATALOGO[id_regla], "falla"), "entidad").hallazgos:
        assert "enviar-solicitud-de-pago" not in (h.paso or ""), (h.regla, h.paso)
    for h in _informe(ejemplos.de_regla(CATALOGO[id_regla], "falla")).hallazgos:
        assert h.paso == CATALOGO[h.regla].paso, (h.regla, h.paso)


def test_a_la_entidad_lo_que_copia_la_lleva_al_detalle_y_lo_que_revisa_a_revisar_los_anexos():
    from checker import pasos

    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"pago.numero_radicacion": None, "pago.id_pago": None,
                                                         "pago.soportes": ["factura_xml"]})
    por_regla = {h.regla: h.paso for h in _informe(caso, "entidad").hallazgos}
    assert por_regla["APR-004"] == por_regla["PAG-002"] == "procedimientos/aprobar-o-rechazar-factura/#paso-1"
    assert por_regla["SS-009"] == pasos.REVISAR_ANEXOS == "procedimientos/aprobar-o-rechazar-factura/#paso-2"


def test_la_entrega_que_no_existe_lleva_a_donde_la_entidad_la_elige_y_la_pendiente_a_donde_el_supervisor_la_confirma():
    # Antes, «La entrega «Entrega 9» no está en el plan de ejecución: elija una de las entregas creadas» (APR-005) llevaba
    # a «Confirmar plan», el paso del supervisor: la entrega la ingresa la entidad al aprobar (aprobar-o-rechazar #paso-3).
    [h] = _informe(ejemplos.de_regla(CATALOGO["APR-005"], "falla"), "entidad").hallazgos
    assert h.paso == "procedimientos/aprobar-o-rechazar-factura/#paso-3"
    [h] = _informe(ejemplos.de_regla(CATALOGO["APR-006"], "falla"), "entidad").hallazgos
    assert h.paso == "procedimientos/plan-de-ejecucion/#paso-3"


def test_la_entidad_recibe_la_justificacion_del_rechazo_dicha_al_proveedor():
    # Antes, la entidad solo tenía mensajes que le hablan a ella («Rechace la factura con esa justificación: el
    # proveedor revisa…»): copiados en «Rechazar», le decían al proveedor «Rechace la factura». La justificación es lo
    # que el proveedor corrige, con sus palabras (su mensaje), y solo de sus errores.
    caso = ejemplos.aplicar(ejemplos.cargar("tipica"), {"factura.proveedor.dv": 5, "pago.registro_presupuestal": None})
    entidad = _informe(caso, "entidad")
    [nit] = [h for h in entidad.hallazgos if h.regla == "NIT-001"]
    [proveedor] = [h for h in _informe(caso).hallazgos if h.regla == "NIT-001"]
    assert nit.justificacion == proveedor.mensaje and "Rech" not in nit.justificacion
    assert [h.justificacion for h in entidad.hallazgos if h.regla == "APR-007"] == [None]  # lo suyo no se justifica
    assert entidad.justificacion_del_rechazo == (
        "Se rechaza la solicitud de pago de la factura FEV1234 por:\n"
        f"- {proveedor.mensaje} (NIT-001)\n"
        "Corrija lo anterior y envíe de nuevo la solicitud en SECOP II.")
    assert _informe(caso).justificacion_del_rechazo == "" and proveedor.justificacion is None
    solo_lo_suyo = ejemplos.aplicar(ejemplos.cargar("tipica"), {"pago.registro_presupuestal": None})
    assert _informe(solo_lo_suyo, "entidad").justificacion_del_rechazo == ""


def test_lo_que_pide_el_decreto_por_confirmar_no_se_dice_como_cierto_al_consorcio():
    # Antes, NIT-008 decía «la factura debe señalar el porcentaje… de cada miembro» como un hecho: su única fuente, el
    # Decreto 1625 de 2016, está por confirmar (leído en fuentes secundarias).
    regla = CATALOGO["NIT-008"]
    assert not any(c.confirmada for c in regla.fuentes)
    for etapa in ETAPAS:
        [h] = [h for h in _informe(ejemplos.de_regla(regla, "falla"), etapa).hallazgos if h.regla == "NIT-008"]
        pide = h.mensaje[:h.mensaje.index("Revise")]
        assert "debe señalar" not in pide and "(Decreto 1625 de 2016, por confirmar)" in pide


def test_que_la_entidad_practica_las_retenciones_se_dice_por_confirmar():
    # Antes, MON-013 decía «las practica la entidad al pagar» como un hecho citando solo el anexo de la DIAN, que dice
    # dónde viajan las retenciones, no quién las practica (ninguna fuente leída lo confirma).
    regla = CATALOGO["MON-013"]
    assert "estatuto-tributario" in {c.fuente for c in regla.fuentes}
    for etapa in ETAPAS:
        [h] = _informe(ejemplos.de_regla(regla, "falla"), etapa).hallazgos
        assert "agente de retención (Estatuto Tributario, por confirmar)" in h.mensaje


# Lo que el proveedor hace para corregir su factura o su solicitud, dicho a él: en la etapa de la entidad, que no puede
# corregirla (la rechaza con la justificación y el proveedor la corrige y la envía de nuevo), es hablarle a otro.
_ORDENES_AL_PROVEEDOR = re.compile(
    r"\b(corrija|corríjal[oa]s?|emítal[oa]|emita|facture|anexe|anéxel[oa]|inclúyal[oa]|escriba|cargue|cárguel[oa]|"
    r"elija|radique)\b|\buse «|\bsu programa de facturación\b|\b(confirme|acuérdel[oa]|consulte) con la entidad\b|"
    r"\bpida a la entidad\b", re.IGNORECASE)


@pytest.mark.parametrize("id_regla", sorted(r.id for r in CATALOGO.values()
                                            if r.corrige == "proveedor" and not r.la_entidad_lo_copia and not r.retirada))
def test_a_la_entidad_no_se_le_pide_corregir_lo_que_corrige_el_proveedor(id_regla):
    # Antes, la entidad leía «corrija las líneas o el valor neto» (MON-001), «revise el NIT y su DV en el RUT y
    # corríjalo» (NIT-001), «emítala a nombre de la entidad» (NIT-003), «Revise ese tributo en su programa de
    # facturación» (MON-014), «Confirme con la entidad…» (MDA-001), «use «Crear»» (PAG-001), «escriba su «ID de pago»»
    # (PAG-003). La plantilla y el mensaje del ejemplo que la hace fallar, con sus huecos llenos.
    regla = CATALOGO[id_regla]
    assert not _ORDENES_AL_PROVEEDOR.search(regla.mensaje_en("entidad")), regla.mensaje_en("entidad")
    for h in _informe(ejemplos.de_regla(regla, "falla"), "entidad").hallazgos:
        assert not _ORDENES_AL_PROVEEDOR.search(h.mensaje), (h.regla, h.mensaje)


@pytest.mark.parametrize("id_regla", ["MON-001", "NIT-001", "NIT-003"])
def test_a_la_entidad_un_error_del_proveedor_le_dice_que_la_rechace_y_al_proveedor_que_la_corrija(id_regla):
    regla = CATALOGO[id_regla]
    caso = ejemplos.de_regla(regla, "falla")
    [entidad] = [h for h in _informe(caso, "entidad").hallazgos if h.regla == id_regla]
    [proveedor] = [h for h in _informe(caso).hallazgos if h.regla == id_regla]
    assert entidad.severidad == "error" and "con esa justificación: el proveedor " in entidad.mensaje
    assert re.search(r"\b(Recházela|Rechace la factura) con esa", entidad.mensaje)
    assert entidad.mensaje.endswith("y la envía de nuevo.")
    # El proveedor lee lo mismo que antes (lo que corrige él).
    assert re.search(r"\b(corrija|corríjalo|emítala)\b", proveedor.mensaje) and "Rech" not in proveedor.mensaje


def test_a_la_entidad_la_respuesta_ausente_le_habla_como_comprador():
    # La entidad es el comprador: no tiene «programa de facturación»; el AttachedDocument le llegó a ella. Antes leía
    # lo mismo que el proveedor («si su programa de facturación guarda aparte la respuesta de la DIAN… cárguela»).
    caso = ejemplos.cargar("tipica")
    proveedor = _informe(caso, "proveedor").respuesta_dian
    entidad = _informe(caso, "entidad").respuesta_dian
    assert proveedor.estado == entidad.estado == "ausente"
    assert "su programa de facturación" in proveedor.descripcion
    assert "programa de facturación" not in entidad.descripcion and "Como comprador" in entidad.descripcion
