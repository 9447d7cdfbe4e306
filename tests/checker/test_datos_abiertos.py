"""El contrato desde los datos abiertos de SECOP II: filas de «Contratos Electrónicos» y «Plan de pagos»."""

import csv
import io
import json
import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from checker import api, datos_abiertos, ejemplos, validar
from checker.datos_abiertos import DatosNoValidos, combinar, leer_archivo
from checker.modelos import Parte
from tests.conftest import como_excel

RAIZ = Path(__file__).parents[2]
DATOS = Path(__file__).parent / "datos_abiertos"
XML = Path(__file__).parent / "xml"
ID = "CO1.PCCNTR.1234567"


def _leer(*nombres):
    return [leer_archivo(n, (DATOS / n).read_text(encoding="utf-8")) for n in nombres]


def _json(*nombres, factura=None, id_contrato=None, textos=None, de_la_factura=None):
    archivos = [{"nombre": n, "texto": (DATOS / n).read_text(encoding="utf-8")} for n in nombres]
    archivos += [{"nombre": n, "texto": t} for n, t in (textos or {}).items()]
    return json.loads(api.datos_abiertos_json(json.dumps(archivos), factura, id_contrato,
                                              json.dumps(de_la_factura) if de_la_factura else None))


# -- leer y reconocer -----------------------------------------------------------------------------

@pytest.mark.parametrize("nombre, conjunto", [
    ("contratos.json", "contratos"), ("contratos.csv", "contratos"),
    ("plan_de_pagos.json", "plan_de_pagos"), ("plan_de_pagos.csv", "plan_de_pagos"),
])
def test_reconoce_cada_conjunto_por_sus_columnas_en_json_y_en_csv(nombre, conjunto):
    [archivo] = _leer(nombre)
    assert archivo.conjunto.clave == conjunto
    assert json.loads(api.reconocer_archivo((DATOS / nombre).read_bytes())) == {"tipo": conjunto}


@pytest.mark.parametrize("nombre", ["facturas.json", "facturas.csv"])
@pytest.mark.parametrize("sin", [(), ("usuario_pago", "fecha_factura", "pago_confirmado")])
def test_el_conjunto_facturas_no_se_toma_por_un_plan_de_pagos_y_se_pide_el_plan(nombre, sin):
    # «SECOP II - Facturas» (ibyt-yi2f, HECHOS §5) tiene id_contrato e id_pago, estado y valor_a_pagar: leído como un
    # plan daría un plan sin los pagos que aún no tienen factura. Tampoco sin sus columnas propias.
    texto = (DATOS / nombre).read_text(encoding="utf-8")
    if nombre.endswith(".json"):
        texto = json.dumps([{k: v for k, v in f.items() if k not in sin} for f in json.loads(texto)])
    else:
        filas = [dict(f) for f in csv.DictReader(io.StringIO(texto))]
        salida = io.StringIO()
        escritor = csv.DictWriter(salida, [c for c in filas[0] if c not in sin], extrasaction="ignore")
        escritor.writeheader()
        escritor.writerows(filas)
        texto = salida.getvalue()
    assert json.loads(api.reconocer_archivo(texto.encode()))["tipo"] == "facturas"
    r = _json(textos={nombre: texto})
    assert set(r) == {"error"}
    assert nombre in r["error"] and "«SECOP II - Facturas» (ibyt-yi2f)" in r["error"]
    assert "«SECOP II - Plan de pagos» (uymx-8p3j)" in r["error"]
    # Junto al contrato y al plan, no se usa y se dice (antes, error: la página no usaba ninguno).
    r = _json("contratos.json", "plan_de_pagos.json", textos={nombre: texto})
    assert r["solicitud"] == _json("contratos.json", "plan_de_pagos.json")["solicitud"]
    assert f"«{nombre}» es de «SECOP II - Facturas» (ibyt-yi2f), que trae las facturas enviadas, no el plan de pagos del " \
           "contrato: no se usó; se revisó con los demás archivos." in r["avisos"]


def test_un_plan_con_los_nombres_cortos_de_las_columnas_sigue_siendo_un_plan():
    plan = [{{"id_del_contrato": "id_contrato", "id_de_pago": "id_pago"}.get(k, k): v for k, v in f.items()}
            for f in json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))]
    assert json.loads(api.reconocer_archivo(json.dumps(plan).encode()))["tipo"] == "plan_de_pagos"
    assert _json("contratos.json", textos={"plan.json": json.dumps(plan)})["solicitud"]["contrato"]["plan_de_pagos"]


def test_el_valor_de_la_factura_con_el_otro_nombre_de_la_columna_da_el_mismo_plan():
    # Una factura por la mitad del pago: lo facturado es el valor de la factura, no el del pago.
    plan = json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
    for f in plan:
        if f["estado"] == "Pagado":
            f["valor_total"] = "5950000"
    renombrado = [{("valor_total_de_la_factura" if k == "valor_total" else k): v for k, v in f.items()} for f in plan]
    con_nombre_corto = _json("contratos.json", textos={"p.json": json.dumps(plan)})["solicitud"]
    assert _json("contratos.json", textos={"p.json": json.dumps(renombrado)})["solicitud"] == con_nombre_corto
    assert [c["facturado"] for c in con_nombre_corto["contrato"]["plan_de_pagos"] if c["estado"] == "Pagado"] == ["5950000"]


def test_una_fecha_no_definida_del_plan_no_rechaza_el_plan():
    plan = json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
    ultimo = "98123404"  # el último pago de este contrato en el fixture
    for fila in plan:
        if fila["id_de_pago"] == ultimo:
            fila["fecha_estimada_de_pago"] = "No Definido"
    cuotas = _json("contratos.json", textos={"plan.json": json.dumps(plan)})["solicitud"]["contrato"]["plan_de_pagos"]
    assert [c for c in cuotas if c["id"] == ultimo and "fecha" not in c]
    assert all("fecha" in c for c in cuotas if c["id"] != ultimo)


def test_reconoce_la_factura_y_la_solicitud_guardada_por_su_contenido():
    assert json.loads(api.reconocer_archivo((XML / "factura.xml").read_bytes()))["tipo"] == "factura_xml"
    assert json.loads(api.reconocer_archivo(b'\xef\xbb\xbf{"contrato": {}}'))["tipo"] == "solicitud"
    assert json.loads(api.reconocer_archivo(b'{"otra": 1}'))["tipo"] == "desconocido"
    assert json.loads(api.reconocer_archivo(b"hola, mundo"))["tipo"] == "desconocido"


def test_los_nombres_del_portal_y_los_de_la_api_dan_la_misma_columna():
    assert datos_abiertos.normalizar_columna("Fecha de Inicio del Contrato") == "fecha_de_inicio_del_contrato"
    assert datos_abiertos.normalizar_columna("ID Contrato") == "id_contrato"
    assert datos_abiertos.normalizar_columna("Nit Entidad") == "nit_entidad"
    assert datos_abiertos.normalizar_columna("TipoDocProveedor") == "tipodocproveedor"


def test_el_csv_del_portal_y_el_json_de_la_api_dan_el_mismo_contrato():
    del_json = combinar(_leer("contratos.json")).contrato
    del_csv = combinar(_leer("contratos.csv")).contrato
    assert del_json == del_csv
    assert del_json["fecha_inicio"] == "2026-02-01" and del_json["valor"] == "47600000"


@pytest.mark.parametrize("nombre, conjunto", [("contratos.csv", "contratos"), ("plan_de_pagos.csv", "plan_de_pagos")])
def test_un_csv_guardado_de_nuevo_con_excel_se_reconoce_y_se_lee_igual(nombre, conjunto):
    bytes_excel = como_excel(nombre)
    assert "Í".encode("cp1252") in bytes_excel or "ó".encode("cp1252") in bytes_excel  # trae letras con tilde
    assert datos_abiertos.reconocer(bytes_excel) == conjunto
    assert leer_archivo(nombre, datos_abiertos.texto_de(bytes_excel)).filas == _leer(nombre)[0].filas


@pytest.mark.parametrize("valor", ["$ 47.600.000,00", "47.600.000", "47600000,00", "$47.600.000"])
def test_un_csv_de_excel_con_los_valores_a_la_colombiana_se_lee(valor):
    # Excel en español guarda «$ 47.600.000,00»: antes, «No se entiende el valor» y el archivo no se usaba.
    texto = datos_abiertos.texto_de(como_excel("contratos.csv")).replace('"47600000"', f'"{valor}"').replace(
        ";47600000;", f";{valor};")
    assert valor in texto
    [fila] = leer_archivo("c.csv", texto).filas
    assert datos_abiertos.dinero(fila["valor_del_contrato"], "v") == 47600000


@pytest.mark.parametrize("texto, esperada", [("11/30/2026", date(2026, 11, 30)), ("30/11/2026", date(2026, 11, 30)),
                                             ("02/01/2026", date(2026, 2, 1)), ("30/11/2026 0:00", date(2026, 11, 30)),
                                             ("03/23/2023 12:00:00 AM", date(2023, 3, 23))])
def test_una_fecha_del_portal_es_mes_dia_y_si_no_puede_serlo_dia_mes(texto, esperada):
    assert datos_abiertos.fecha(texto, "f") == esperada


def test_un_csv_guardado_de_nuevo_avisa_que_se_revisen_sus_fechas_y_valores():
    excel = [leer_archivo(n, datos_abiertos.texto_de(como_excel(n))) for n in ("contratos.csv", "plan_de_pagos.csv")]
    avisos = combinar(excel, "FEV1234").avisos
    assert [a for a in avisos if "guardado de nuevo con Excel" in a and "fechas" in a] != []
    assert all("guardado de nuevo" not in a for a in combinar(_leer("contratos.csv", "plan_de_pagos.csv"), "FEV1234").avisos)


def test_el_texto_de_un_archivo_es_utf8_con_o_sin_bom_y_si_no_windows_1252():
    assert datos_abiertos.texto_de("ALCALDÍA".encode("utf-8")) == "ALCALDÍA"
    assert datos_abiertos.texto_de(b"\xef\xbb\xbf" + "ALCALDÍA".encode("utf-8")) == "ALCALDÍA"
    assert datos_abiertos.texto_de("ALCALDÍA".encode("cp1252")) == "ALCALDÍA"


# -- el contrato ------------------------------------------------------------------------------------

def test_llena_el_contrato_con_las_partes_el_valor_y_las_fechas():
    r = _json("contratos.json", "plan_de_pagos.json", factura="FEV1234")
    contrato = r["solicitud"]["contrato"]
    assert contrato["numero"] == ID
    assert contrato["entidad"] == {"tipo_documento": "NIT", "numero": "800100200", "nombre": "ALCALDÍA MUNICIPAL DE EJEMPLO"}
    assert contrato["contratista"]["numero"] == "901234567" and contrato["tipo_persona"] == "juridica"
    assert (contrato["valor"], contrato["fecha_inicio"], contrato["fecha_fin"]) == ("47600000", "2026-02-01", "2026-11-30")


def test_un_documento_con_digito_de_verificacion_y_una_cedula_se_leen_bien():
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0]
    fila |= {"documento_proveedor": "1.020.304.050", "tipodocproveedor": "Cédula de Ciudadanía",
             "tipo_de_contrato": "Prestación de servicios", "nit_entidad": "800100200-8"}
    contrato = _json(textos={"c.json": json.dumps([fila])})["solicitud"]["contrato"]
    assert contrato["contratista"]["tipo_documento"] == "CC" and contrato["contratista"]["numero"] == "1020304050"
    assert contrato["tipo_persona"] == "natural" and contrato["prestacion_servicios"] is True
    assert contrato["entidad"]["dv"] == 8


def test_el_consorcio_que_factura_con_su_nit_recibe_el_recordatorio_de_sus_miembros():
    # La factura la emite el propio consorcio (el mismo NIT que el contrato): no es NIT-002 ni NIT-007, y se le
    # recuerda que la factura debe señalar la parte de cada miembro.
    hallazgos = _informe_de_consorcio("Si", documento_proveedor="901234567")
    assert "NIT-002" not in hallazgos and "NIT-007" not in hallazgos
    assert hallazgos["NIT-008"]["severidad"] == "informacion" and "cada miembro" in hallazgos["NIT-008"]["mensaje"]
    assert "NIT-008" not in _informe_de_consorcio("No", documento_proveedor="901234567")


@pytest.mark.parametrize("columna, publicado, ruta", [
    ("documento_proveedor", "No Definido", ("contratista", "numero")),
    ("documento_proveedor", "AB123456", ("contratista", "numero")),  # un pasaporte: sin letras sería otro documento
    ("nit_entidad", "", ("entidad", "numero")),
    ("valor_del_contrato", "", ("valor",)),
    ("fecha_de_fin_del_contrato", "", ("fecha_fin",)),
    # Lo que SECOP II publica en vez de un dato es un dato que falta, no un archivo dañado.
    ("fecha_de_fin_del_contrato", "No Definido", ("fecha_fin",)),
    ("valor_del_contrato", "No Definido", ("valor",)),
    ("valor_del_contrato", "0", ("valor",)),
])
def test_un_dato_del_contrato_que_la_fila_no_trae_no_se_inventa_y_se_pide(columna, publicado, ruta):
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0] | {columna: publicado}
    r = _json(textos={"c.json": json.dumps([fila])})
    contrato = r["solicitud"]["contrato"]
    dato = contrato
    for clave in ruta[:-1]:
        dato = dato[clave]
    assert ruta[-1] not in dato, "lo que ya esté escrito en el formulario se conserva"
    [aviso] = [a for a in r["avisos"] if columna in a]
    assert "complete a mano" in aviso and (publicado == "" or publicado in aviso)
    # El resto del contrato sí se llena.
    assert contrato["numero"] == ID and contrato["entidad"]["nombre"] == "ALCALDÍA MUNICIPAL DE EJEMPLO"


@pytest.mark.parametrize("tipo, publicado", [("Pasaporte", "X1234567"), ("Cédula de Extranjería", "E-12345")])
def test_un_pasaporte_o_documento_extranjero_se_toma_con_sus_letras(tipo, publicado):
    # Con letras es otro documento que sin ellas: se toma como está publicado (sin DV), y no da aviso.
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0]
    fila |= {"tipodocproveedor": tipo, "documento_proveedor": publicado}
    r = _json(textos={"c.json": json.dumps([fila])})
    contratista = r["solicitud"]["contrato"]["contratista"]
    assert (contratista["numero"], "dv" in contratista) == (publicado, False)
    assert all("documento_proveedor" not in a for a in r["avisos"])
    assert Parte.model_validate(contratista).numero == publicado  # y el modelo lo acepta


@pytest.mark.parametrize("tipo, publicado, esperado, persona", [
    ("NIT de otro país", "DE123456789", "NITE", "juridica"),
    ("Documento de identificación extranjero", "AB-998877", "DIE", "natural"),
    ("Permiso Especial de Permanencia", "123456789012345", "PEP", "natural"),
])
def test_los_demas_tipos_de_la_tabla_de_la_dian_se_reconocen_con_su_tipo_de_persona(tipo, publicado, esperado, persona):
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0]
    fila |= {"tipodocproveedor": tipo, "documento_proveedor": publicado}
    r = _json(textos={"c.json": json.dumps([fila])})
    contrato = r["solicitud"]["contrato"]
    assert (contrato["contratista"]["tipo_documento"], contrato["contratista"]["numero"]) == (esperado, publicado)
    assert contrato["tipo_persona"] == persona
    assert all("tipo de documento del proveedor" not in a and "documento_proveedor" not in a for a in r["avisos"])


def test_cada_tipo_de_documento_del_modelo_tiene_su_nombre():
    # El formulario lo muestra y los datos abiertos se reconocen por él: un tipo nuevo sin nombre quedaría mudo.
    from typing import get_args

    from checker.modelos import NOMBRES_DOCUMENTO

    assert set(NOMBRES_DOCUMENTO) == set(get_args(Parte.model_fields["tipo_documento"].annotation))


@pytest.mark.parametrize("tipo", ["No Definido", "Otro", ""])
def test_un_tipo_de_documento_que_secop_no_define_no_se_da_por_cierto(tipo):
    # Un tipodocproveedor que no es un tipo de documento («No Definido», por confirmar en una exportación
    # real; otro; vacío) no dice si el contratista es persona natural o jurídica, y de eso depende qué
    # soportes de seguridad social se revisan. Se deja lo del formulario (NIT, persona jurídica) y el aviso
    # lo dice, para que quien valida lo cambie si no es así.
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0] | {"tipodocproveedor": tipo}
    r = _json(textos={"c.json": json.dumps([fila])})
    assert r["solicitud"]["contrato"]["tipo_persona"] == "juridica"
    avisos = [a for a in r["avisos"] if "tipo de documento del proveedor" in a]
    assert len(avisos) == 1 and "Tipo de persona del contratista" in avisos[0]
    assert (f"«{tipo}»" in avisos[0]) == bool(tipo)


def test_un_tipo_de_documento_conocido_no_da_aviso():
    r = _json("contratos.json", "plan_de_pagos.json", factura="FEV1234")
    assert all("tipo de documento del proveedor" not in a for a in r["avisos"])


# -- el plan de pagos y el pago de la factura -------------------------------------------------------

@pytest.mark.parametrize("nombre", ["contratos_consorcio.json", "contratos_consorcio.csv"])
def test_es_grupo_dice_que_el_contratista_es_un_consorcio_o_una_union_temporal(nombre):
    # «es_grupo» en la API, «Es Grupo» en el CSV del portal: «Si» para un consorcio o una unión temporal.
    assert combinar(_leer(nombre)).contrato["consorcio_o_union_temporal"] is True
    assert combinar(_leer(nombre.replace("_consorcio", ""))).contrato["consorcio_o_union_temporal"] is False


def _informe_de_consorcio(es_grupo, **cambios):
    fila = json.loads((DATOS / "contratos_consorcio.json").read_text(encoding="utf-8"))[0] | {"es_grupo": es_grupo}
    fila |= cambios
    r = _json("plan_de_pagos.json", textos={"c.json": json.dumps([fila])}, factura="FEV1234")
    informe = json.loads(api.validar_entrada_json(json.dumps(r["solicitud"]), (XML / "factura.xml").read_bytes(),
                                                  hoy="2026-06-05"))
    return {h["regla"]: h for h in informe["hallazgos"]}


def test_la_factura_de_un_miembro_del_consorcio_no_es_un_error_y_la_entidad_revisa_que_sea_miembro():
    # El contratista es el consorcio (901555666); la factura la emite uno de sus miembros (901234567), como lo
    # permite el Decreto 1625 de 2016, art. 1.6.1.4.10.
    hallazgos = _informe_de_consorcio("Si")
    assert "NIT-002" not in hallazgos and "NIT-008" not in hallazgos
    assert hallazgos["NIT-007"]["severidad"] == "informacion" and hallazgos["NIT-007"]["corrige"] == "entidad"
    assert "901234567" in hallazgos["NIT-007"]["mensaje"] and "901555666" in hallazgos["NIT-007"]["mensaje"]
    # El mismo contrato sin consorcio: un tercero factura, y eso sí es un error del proveedor.
    hallazgos = _informe_de_consorcio("No")
    assert hallazgos["NIT-002"]["severidad"] == "error" and "NIT-007" not in hallazgos


@pytest.mark.parametrize("es_grupo", [None, "No Definido"])
def test_sin_es_grupo_el_nombre_del_consorcio_lo_dice(es_grupo):
    # La API no escribe lo nulo: sin «es_grupo», «CONSORCIO …» en el nombre basta (antes: NIT-002, error).
    fila = json.loads((DATOS / "contratos_consorcio.json").read_text(encoding="utf-8"))[0]
    fila.pop("es_grupo")
    if es_grupo:
        fila["es_grupo"] = es_grupo
    r = _json("plan_de_pagos.json", textos={"c.json": json.dumps([fila])}, factura="FEV1234")
    assert r["solicitud"]["contrato"]["consorcio_o_union_temporal"] is True
    assert any("es_grupo no dice si el contratista es un consorcio" in a for a in r["avisos"])
    assert "NIT-002" not in _informe_de_consorcio(es_grupo or "")


def test_no_definido_no_es_el_nombre_de_la_entidad_ni_del_contratista():
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0]
    fila |= {"nombre_entidad": "No Definido", "proveedor_adjudicado": "No Definido"}
    contrato = _json("plan_de_pagos.json", textos={"c.json": json.dumps([fila])}, factura="FEV1234")["solicitud"]["contrato"]
    assert "nombre" not in contrato["entidad"] and "nombre" not in contrato["contratista"]


def test_el_plan_trae_cada_pago_con_su_estado_y_lo_facturado():
    plan = _json("contratos.json", "plan_de_pagos.json", factura="FEV1234")["solicitud"]["contrato"]["plan_de_pagos"]
    assert [(c["id"], c["estado"], c["facturado"]) for c in plan] == [
        ("98123401", "Pagado", "11900000"), ("98123402", "Rechazado", "0"),
        ("98123403", "Pendiente Registro", "0"), ("98123404", "Pendiente Registro", "0")]


def test_una_factura_que_no_esta_en_el_plan_va_al_primer_pago_pendiente_y_lo_dice():
    r = _json("contratos.json", "plan_de_pagos.json", factura="FEV1234")
    assert r["solicitud"]["pago"] == {"id_pago": "98123402"}
    assert "primero del plan" in r["eleccion"] and "FEV1234 no aparece" in r["eleccion"]
    # Solo lo aprobado cuenta como facturado a la fecha: el pago 1, una vez aunque esté dos veces.
    assert r["solicitud"]["contrato"]["facturado_a_la_fecha"] == "11900000"


def test_una_factura_ya_registrada_en_el_plan_elige_su_pago_y_no_se_cuenta_dos_veces():
    r = _json("contratos.csv", "plan_de_pagos.csv", factura="fev-1234")
    assert r["solicitud"]["pago"] == {"id_pago": "98123402"}
    assert "ya registra en él esta factura" in r["eleccion"] and "Enviado Por Proveedor" in r["eleccion"]
    cuota = next(c for c in r["solicitud"]["contrato"]["plan_de_pagos"] if c["id"] == "98123402")
    # El pago que se revisa la nombra y lo facturado la cuenta, como en SECOP II; el motor la descuenta una vez.
    assert (cuota["factura"], cuota["facturado"]) == ("FEV1234", "11900000")
    assert "MON-004" not in _reglas_con_la_factura(r)


def _reglas_con_la_factura(r) -> set[str]:
    """Las reglas que fallan con la solicitud que armaron los datos abiertos y la factura de factura.xml."""
    factura = json.loads(api.leer_xml_json((XML / "factura.xml").read_bytes()))["factura"]
    informe = validar({**r["solicitud"], "factura": factura}, hoy=date(2026, 6, 10))
    return {h.regla for h in informe.hallazgos}


def test_otra_factura_del_mismo_pago_que_vale_lo_mismo_no_se_descuenta_en_lugar_de_esta():
    # El pago 98123402 ($ 20.000.000) con FEV1230 («Enviado Por Proveedor», $ 11.900.000) y esta, FEV1234 («Bajo
    # Aprobación», la que el pago nombra): le quedan $ 8.100.000. Antes, los datos abiertos sacaban esta de lo
    # facturado y el motor volvía a descontar (lo de FEV1230): «cubre solo parte del pago», sin MON-004.
    filas = [{"id_del_contrato": "CO1.PCCNTR.1234567", "id_de_pago": "98123402", "estado": estado,
              "numero_de_factura": numero, "valor_total": "11900000", "valor_a_pagar": "20000000",
              "fecha_de_emision": "2026-06-01T00:00:00.000", "fecha_estimada_de_pago": "2026-06-15T00:00:00.000"}
             for estado, numero in (("Enviado Por Proveedor", "FEV1230"), ("Bajo Aprobación", "FEV1234"))]
    r = _json("contratos.json", factura="FEV1234", textos={"plan.json": json.dumps(filas)})
    assert r["solicitud"]["pago"] == {"id_pago": "98123402"}
    assert "MON-004" in _reglas_con_la_factura(r)


@pytest.mark.parametrize("en_secop", ["1234", "FEV01234", "fev 1234", "FEV-1234"])
def test_la_factura_registrada_con_otra_escritura_del_numero_es_la_misma(en_secop):
    # El número lo digita el proveedor en el formulario de SECOP II: sin prefijo o con ceros sigue siendo esta
    # factura (antes: «todos los pagos tienen factura» y, con --pago, MON-004 contra sí misma).
    texto = (DATOS / "plan_de_pagos.csv").read_text(encoding="utf-8").replace('"FEV1234"', f'"{en_secop}"')
    r = _json("contratos.csv", factura="FEV1234", textos={"plan.csv": texto})
    assert r["solicitud"]["pago"] == {"id_pago": "98123402"} and "ya registra en él esta factura" in r["eleccion"]
    cuota = next(c for c in r["solicitud"]["contrato"]["plan_de_pagos"] if c["id"] == "98123402")
    assert cuota["facturado"] == "11900000" and "MON-004" not in _reglas_con_la_factura(r)


@pytest.mark.parametrize("a, b, igual", [("FEV1234", "1234", True), ("FEV1234", "FEV01234", True), ("FE1234", "FEV1234", False),
                                         ("FEV1234", "FEV12345", False), ("", "1234", False), ("SETE1003", "sete-1003", True),
                                         # Como lo digita una persona en el formulario de SECOP II:
                                         ("No. 1234", "FEV1234", True), ("Fact. FEV-1234", "FEV1234", True),
                                         ("FEV_1234", "FEV1234", True), ("FEV1234/2026", "FEV1234", True),
                                         ("Factura N° FEV1234", "FEV1234", True), ("Nro: FEV-01234", "FEV1234", True),
                                         # …sin confundir un prefijo de verdad con lo antepuesto:
                                         ("NC1234", "FEV1234", False), ("FACT1234", "FEV1234", False),
                                         ("N1234", "FEV1234", False), ("FEV1234/7", "FEV1234", False)])
def test_mismo_numero_de_factura(a, b, igual):
    assert datos_abiertos.mismo_numero_de_factura(a, b) is igual


def test_el_pago_indicado_en_tramite_con_otro_numero_se_toma_como_esta_factura():
    # Quien revisa como entidad dice el pago: está «Enviado Por Proveedor» con la factura que revisa, aunque SECOP
    # la tenga escrita de otra forma. No se cuenta contra sí misma; se avisa por si es otra.
    texto = (DATOS / "plan_de_pagos.csv").read_text(encoding="utf-8").replace('"FEV1234"', '"F-0001234-A"')
    archivos = [{"nombre": "c.csv", "texto": (DATOS / "contratos.csv").read_text(encoding="utf-8")},
                {"nombre": "plan.csv", "texto": texto}]
    r = json.loads(api.datos_abiertos_json(json.dumps(archivos), "FEV1234", None, None, "98123402"))
    assert r["solicitud"]["pago"] == {"id_pago": "98123402"} and r["eleccion"] == "Se usó el pago 98123402, el que se indicó."
    cuota = next(c for c in r["solicitud"]["contrato"]["plan_de_pagos"] if c["id"] == "98123402")
    assert cuota["facturado"] == "0"
    assert any("se tomó como esta misma" in a for a in r["avisos"])
    # Un pago ya pagado con otra factura sí cuenta: ese pago está ocupado.
    r = json.loads(api.datos_abiertos_json(json.dumps(archivos), "FEV1234", None, None, "98123401"))
    cuota = next(c for c in r["solicitud"]["contrato"]["plan_de_pagos"] if c["id"] == "98123401")
    assert cuota["facturado"] == "11900000" and any("ya tiene la factura «FEV1201» «Pagado»" in a for a in r["avisos"])


def test_el_contrato_con_el_nit_y_su_dv_pegados_no_da_por_otra_parte_a_la_factura():
    # documento_proveedor «9012345677» y nit_entidad «8001002008»: el mismo NIT con su DV (el que elige el contrato
    # ya lo aceptaba); antes, NIT-002 y NIT-003 como errores contra una factura correcta.
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0] | {
        "documento_proveedor": "9012345677", "nit_entidad": "8001002008"}
    r = _json("plan_de_pagos.json", factura="FEV1234", textos={"c.json": json.dumps([fila])})
    solicitud = r["solicitud"] | {"factura": json.loads(api.leer_xml_json((XML / "factura.xml").read_bytes()))["factura"]}
    informe = validar(solicitud, hoy=date(2026, 6, 10))
    assert not {"NIT-002", "NIT-003"} & {h.regla for h in informe.hallazgos}, [h.mensaje for h in informe.hallazgos]


def test_los_estados_de_las_guias_de_cce_no_se_toman_por_pagos_libres():
    # «Aceptada» (tras aprobar, guía de 2020) y «Enviado a la entidad estatal» (tras «Enviar»): antes, libres.
    texto = (DATOS / "plan_de_pagos.csv").read_text(encoding="utf-8")
    texto = texto.replace('"Pagado","FEV1201"', '"Aceptada","FEV1201"', 1).replace(
        '"Enviado Por Proveedor","FEV1234"', '"Enviado a la entidad estatal","FEV1299"')
    r = _json("contratos.csv", factura="FEV1234", textos={"plan.csv": texto})
    assert r["solicitud"]["pago"] == {"id_pago": "98123403"}
    assert r["solicitud"]["contrato"]["facturado_a_la_fecha"] == "11900000"
    assert not [a for a in r["avisos"] if "no conoce" in a]
    raro = texto.replace('"Aceptada","FEV1201"', '"En revisión jurídica","FEV1201"')
    r = _json("contratos.csv", factura="FEV1234", textos={"plan.csv": raro})
    assert [a for a in r["avisos"] if "98123401" in a and "no conoce («En revisión jurídica»)" in a]


def test_la_pareja_contrato_pago_repetida_se_usa_una_vez_con_un_aviso():
    r = _json("plan_de_pagos.json", factura="FEV1234", id_contrato=ID)
    ids = [c["id"] for c in r["solicitud"]["contrato"]["plan_de_pagos"]]
    assert ids.count("98123401") == 1
    [aviso] = [a for a in r["avisos"] if "98123401" in a]
    assert "2 veces" in aviso and "«Pagado»" in aviso and "una sola vez" in aviso


def _filas_del_pago(*cambios):
    """Filas del pago 98123403 (libre, de $ 11.900.000) con cada cambio."""
    base = {"id_del_contrato": ID, "id_de_pago": "98123403", "estado": "Pendiente Registro", "valor_a_pagar": "11900000"}
    return [{**base, **c} for c in cambios]


@pytest.mark.parametrize("orden", [1, -1])
def test_la_pareja_repetida_con_dos_valores_no_depende_del_orden_y_lo_dice(orden):
    # Antes se usaba la primera fila: con la otra en primer lugar, la misma factura de $ 14.875.000 pasaba o daba
    # MON-004 («le quedan $ 11.900.000»). Se usa la de mayor valor, y el aviso dice que las filas no coinciden.
    filas = _filas_del_pago({}, {"valor_a_pagar": "14875000"})[::orden]
    r = _json(textos={"p.json": json.dumps(filas)}, factura="FEV1319", id_contrato=ID)
    [pago] = r["solicitud"]["contrato"]["plan_de_pagos"]
    assert pago["valor"] == "14875000"
    [aviso] = [a for a in r["avisos"] if "aparece 2 veces" in a]
    assert "se usó la fila «Pendiente Registro» de $ 14.875.000,00" in aviso
    assert "no dicen el mismo valor del pago ($ 11.900.000,00, $ 14.875.000,00)" in aviso


@pytest.mark.parametrize("orden", [1, -1])
def test_la_pareja_repetida_con_la_factura_rechazada_conserva_el_rechazo(orden):
    # La fila «Rechazado» de esta factura (con las notas de la entidad) y otra sin número del mismo pago: antes ganaba
    # la fila sin número, y el informe decía «la factura no aparece en el plan» y perdía el motivo del rechazo.
    filas = _filas_del_pago({"estado": "Rechazado", "numero_de_factura": "FEV1300", "notas": "Valor no corresponde",
                             "valor_total": "11900000"}, {})[::orden]
    r = _json(textos={"p.json": json.dumps(filas)}, factura="FEV1300", id_contrato=ID)
    assert "esta factura (FEV1300, estado «Rechazado»)" in r["eleccion"], r["eleccion"]
    assert any("rechazó esta factura" in a and "Valor no corresponde" in a for a in r["avisos"]), r["avisos"]


def test_el_anticipo_como_pago_del_plan_no_se_cuenta_como_facturado():
    # El contrato publica un pago adelantado de $ 14.280.000 y el plan lo trae como un pago «Pagado» sin factura: antes
    # se contaba como facturado, y la última factura daba MON-006 (error) con el anticipo más las facturas que lo
    # amortizan. Un pago pagado sin factura de otro valor sí cuenta.
    contrato = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0] | {
        "valor_de_pago_adelantado": "14280000"}
    filas = [{"id_del_contrato": ID, "id_de_pago": "1", "estado": "Pagado", "valor_a_pagar": "14280000", "notas": "Anticipo"},
             {"id_del_contrato": ID, "id_de_pago": "2", "estado": "Pagado", "valor_a_pagar": "8330000",
              "valor_total": "11900000", "numero_de_factura": "FEV1410"},
             {"id_del_contrato": ID, "id_de_pago": "3", "estado": "Pendiente Registro", "valor_a_pagar": "8330000"}]
    r = _json(textos={"c.json": json.dumps([contrato]), "p.json": json.dumps(filas)}, factura="FEV1420")
    assert r["solicitud"]["contrato"]["facturado_a_la_fecha"] == "11900000"
    assert r["solicitud"]["pago"]["id_pago"] == "3"
    assert any("pago 1 del plan, sin número de factura, vale lo mismo que el pago adelantado" in a for a in r["avisos"])
    assert not any("por facturar" in a for a in r["avisos"]), r["avisos"]
    otro = [{**filas[0], "valor_a_pagar": "5000000"}, *filas[1:]]
    r = _json(textos={"c.json": json.dumps([contrato]), "p.json": json.dumps(otro)}, factura="FEV1420")
    assert r["solicitud"]["contrato"]["facturado_a_la_fecha"] == "16900000"


@pytest.mark.parametrize("estado, aviso", [("Liquidado", True), ("terminado", True), ("Suspendido", True),
                                           ("En ejecución", False), ("Modificado", False), ("", False)])
def test_un_contrato_que_ya_no_esta_en_ejecucion_se_dice(estado, aviso):
    # Antes «estado_contrato» no se leía: una factura de un contrato liquidado pasaba sin una palabra.
    contrato = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0] | {"estado_contrato": estado}
    r = _json(textos={"c.json": json.dumps([contrato])})
    assert any(f"el contrato figura «{estado}»" in a for a in r["avisos"]) == aviso, r["avisos"]


def test_las_filas_de_otro_contrato_no_se_usan_y_se_dice_cuales():
    r = _json("plan_de_pagos.json", factura="FEV1234", id_contrato=ID)
    assert "CO1.PCCNTR.7654321" not in json.dumps(r["solicitud"])
    [aviso] = [a for a in r["avisos"] if "otro contrato (CO1.PCCNTR.7654321)" in a]
    assert aviso.startswith("1 fila de «SECOP II - Plan de pagos» es de otro contrato") and aviso.endswith("no se usó.")


def test_si_el_id_pedido_es_otro_contrato_ninguna_fila_sirve():
    r = _json("contratos.json", id_contrato="CO1.PCCNTR.999")
    assert "Ninguna fila" in r["error"] and "CO1.PCCNTR.999" in r["error"]


def test_filas_de_dos_contratos_sin_id_pedido_piden_el_numero():
    otra = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0] | {"id_contrato": "CO1.PCCNTR.42"}
    r = _json("contratos.json", textos={"otro.json": json.dumps([otra])})
    assert "2 contratos" in r["error"]


def test_sin_pagos_libres_no_elige_y_pide_el_id_de_pago():
    filas = [{"id_del_contrato": ID, "id_de_pago": "1", "estado": "Pagado", "valor_a_pagar": "10",
              "valor_total": "10", "numero_de_factura": "A1"}]
    r = _json(textos={"p.json": json.dumps(filas)}, factura="B2")
    assert "pago" not in r["solicitud"] and any("escriba a mano" in a for a in r["avisos"])


def test_sin_plan_lo_facturado_sale_del_contrato_con_un_aviso():
    r = _json("contratos.json")
    assert r["solicitud"]["contrato"]["facturado_a_la_fecha"] == "11900000"
    assert any("«valor_pagado»" in a for a in r["avisos"])


def test_sin_plan_lo_facturado_es_lo_pagado_y_no_cuenta_dos_veces_la_factura_ya_enviada():
    # La última factura de un contrato sin plan, ya enviada: «valor_facturado» la cuenta y el validador la sumaba otra
    # vez (MON-006 error: «llega a $ 59.500.000»). Lo pagado no la cuenta.
    contrato = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0]
    contrato.update(valor_facturado="47600000", valor_pagado="35700000", valor_pendiente_de_pago="11900000")
    r = _json(textos={"c.json": json.dumps([contrato])})
    assert r["solicitud"]["contrato"]["facturado_a_la_fecha"] == "35700000"
    sin_pagado = {k: v for k, v in contrato.items() if k != "valor_pagado"}  # la API omite lo que no tiene valor
    r = _json(textos={"c.json": json.dumps([sin_pagado])})
    assert r["solicitud"]["contrato"]["facturado_a_la_fecha"] == "47600000"
    assert any("«valor_facturado»" in a and "puede estar contada" in a for a in r["avisos"])


# -- archivos que no sirven ----------------------------------------------------------------------

def test_una_columna_que_falta_en_el_csv_se_nombra_y_no_se_usa_ningun_archivo():
    # El CSV trae todas las columnas en la cabecera: si falta una, el archivo se editó.
    r = _json("contratos.json", "plan_sin_columna.csv")
    assert set(r) == {"error"}
    assert "plan_sin_columna.csv" in r["error"] and "le falta la columna valor_a_pagar:" in r["error"]


def test_en_el_json_de_la_api_una_columna_sin_valor_no_viene_y_se_pide_sin_inventarla():
    # La API de datos.gov.co no escribe las columnas null de cada fila: la fila del contrato sin fecha de fin ni
    # documento del proveedor, y el plan sin valor_a_pagar ni valor_total en sus pagos pendientes, se leen igual.
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0]
    del fila["fecha_de_fin_del_contrato"], fila["documento_proveedor"]
    plan = json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
    for f in plan:
        if f["estado"] == "Pendiente Registro":
            f.pop("valor_a_pagar"), f.pop("valor_total", None)
    r = _json(textos={"c.json": json.dumps([fila]), "p.json": json.dumps(plan)})
    contrato = r["solicitud"]["contrato"]
    assert "fecha_fin" not in contrato and "numero" not in contrato["contratista"]
    pendientes = [c for c in contrato["plan_de_pagos"] if c.get("estado") == "Pendiente Registro"]
    assert pendientes and all("valor" not in c for c in pendientes), "un pago sin valor no es un pago de $0"
    for c in pendientes:
        assert any(f"pago {c['id']} no trae valor_a_pagar" in a and "complete a mano" in a for a in r["avisos"])
    assert any("fecha_de_fin_del_contrato" in a for a in r["avisos"])
    assert any("documento_proveedor" in a for a in r["avisos"])
    # Sin el valor del pago, la revisión pide ese dato: no dice que la factura supera un pago de $0 (MON-004).
    solicitud = json.loads((RAIZ / "checker" / "ejemplos" / "tipica.json").read_text(encoding="utf-8"))
    solicitud["contrato"]["plan_de_pagos"] = contrato["plan_de_pagos"]
    solicitud["pago"]["id_pago"] = r["solicitud"]["pago"]["id_pago"]
    informe = json.loads(api.validar_json(json.dumps(solicitud)))
    assert "MON-004" not in {h["regla"] for h in informe["hallazgos"]}
    assert any("plan_de_pagos" in e["campo"] and "valor" in e["campo"] for e in informe["errores_de_entrada"])


@pytest.mark.parametrize("nombre, texto, esperado", [
    ("vacio.json", "[]", "no trae filas"),
    ("roto.json", '[{"id_contrato": ', "no es un JSON bien formado"),
    ("objeto.json", '{"a": 1}', "no es una lista de filas"),
    ("error.json", '{"error": true, "message": "Invalid SoQL query"}', "respuesta de error del portal"),
    ("otra.csv", "a,b\n1,2\n", "(sus columnas: a, b)"),
    ("cortado.csv", "id_contrato,valor_del_contrato\nCO1.PCCNTR.1,5,6\n", "está cortado"),
    ("blanco.csv", "   \n", "está vacío"),
])
def test_un_archivo_que_no_sirve_da_un_mensaje_que_dice_que_hacer(nombre, texto, esperado):
    r = _json(textos={nombre: texto})
    assert set(r) == {"error"} and esperado in r["error"] and nombre in r["error"]


def test_una_fecha_o_un_valor_ilegible_se_nombra():
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0]
    assert "fecha" in _json(textos={"c.json": json.dumps([fila | {"fecha_de_fin_del_contrato": "31/31/2026"}])})["error"]
    assert "valor_del_contrato" in _json(textos={"c.json": json.dumps([fila | {"valor_del_contrato": "mucho"}])})["error"]


def test_sin_archivos_o_con_otra_forma_da_un_mensaje():
    assert "ningún archivo" in json.loads(api.datos_abiertos_json("[]"))["error"]
    assert "ningún archivo" in json.loads(api.datos_abiertos_json('{"a": 1}'))["error"]
    assert "Error inesperado" not in json.loads(api.datos_abiertos_json("no es json"))["error"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=20)))
def test_cualquier_texto_da_datos_o_un_error_claro_nunca_una_excepcion(texto, factura):
    r = json.loads(api.datos_abiertos_json(json.dumps([{"nombre": "x.csv", "texto": texto}]), factura))
    assert set(r) in ({"error"}, {"solicitud", "eleccion", "avisos", "archivos"})
    assert "Error inesperado" not in r.get("error", "")
    json.loads(api.reconocer_archivo(texto.encode("utf-8", "surrogatepass")))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["id_del_contrato", "id_de_pago", "estado", "valor_a_pagar",
                                                 "valor_total", "numero_de_factura", "fecha_estimada_de_pago"]),
                                st.one_of(st.text(max_size=12), st.sampled_from([ID, "Pagado", "Rechazado", "100"]))),
                min_size=1, max_size=6))
def test_cualquier_plan_da_un_plan_o_un_error_claro(filas):
    r = json.loads(api.datos_abiertos_json(json.dumps([{"nombre": "p.json", "texto": json.dumps(filas)}]), "F1"))
    assert "Error inesperado" not in r.get("error", "")


# -- enlaces -------------------------------------------------------------------------------------

def test_los_enlaces_van_a_las_filas_del_contrato_en_cada_conjunto():
    enlaces = {e["conjunto"]: e for e in datos_abiertos.enlaces(f" {ID} ")}
    assert enlaces["contratos"]["json"] == f"https://www.datos.gov.co/resource/jbjy-vk9h.json?id_contrato={ID}"
    assert enlaces["plan_de_pagos"]["csv"] == f"https://www.datos.gov.co/resource/uymx-8p3j.csv?id_del_contrato={ID}"


def test_el_enlace_por_partes_pide_los_contratos_del_proveedor_con_la_entidad():
    from urllib.parse import unquote
    enlaces = datos_abiertos.enlaces_por_partes("901.234.567-7", " 800100200 ")
    assert enlaces["conjunto"] == "contratos"
    base, consulta = enlaces["json"].split("?", 1)
    assert base == "https://www.datos.gov.co/resource/jbjy-vk9h.json" and enlaces["csv"].startswith(
        "https://www.datos.gov.co/resource/jbjy-vk9h.csv?")
    assert unquote(consulta) == "$where=documento_proveedor like '%901234567%' AND nit_entidad like '%800100200%'"
    assert " " not in enlaces["json"] and "'" not in enlaces["json"]
    with pytest.raises(DatosNoValidos, match="proveedor"):
        datos_abiertos.enlaces_por_partes("1234", "800100200")
    with pytest.raises(DatosNoValidos, match="número de la entidad"):
        datos_abiertos.enlaces_por_partes("901234567", "")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30))
@example("١٢٣٤٥٦٧٨٩", "800100200")  # dígitos que no son ASCII: no son un NIT
def test_el_enlace_por_partes_solo_lleva_digitos_o_no_se_arma(proveedor, entidad):
    from urllib.parse import unquote, urlsplit
    try:
        enlaces = datos_abiertos.enlaces_por_partes(proveedor, entidad)
    except DatosNoValidos as exc:
        assert "dígitos" in str(exc)
        return
    for formato in ("json", "csv"):
        url = urlsplit(enlaces[formato])
        assert (url.scheme, url.netloc, url.path) == ("https", "www.datos.gov.co", f"/resource/jbjy-vk9h.{formato}")
        filtro = unquote(url.query)
        numeros = re.fullmatch(r"\$where=documento_proveedor like '%([0-9]+)%' AND nit_entidad like '%([0-9]+)%'", filtro)
        assert numeros and all(5 <= len(n) <= 15 for n in numeros.groups())


@pytest.mark.parametrize("malo", ["CO1.PCCNTR.", "1234567", "CO1.PCCNTR.12&x=1", "CO1.PCCNTR.12 34", "CO1.NTC.123"])
def test_un_id_de_contrato_mal_escrito_no_arma_enlaces(malo):
    with pytest.raises(DatosNoValidos, match="CO1.PCCNTR.1234567"):
        datos_abiertos.enlaces(malo)


# -- con la factura: el veredicto ----------------------------------------------------------------

def test_la_factura_con_el_contrato_de_los_datos_abiertos_pasa_las_reglas_del_contrato():
    r = _json("contratos.json", "plan_de_pagos.json", factura="FEV1234")
    informe = json.loads(api.validar_entrada_json(json.dumps(r["solicitud"]), (XML / "factura.xml").read_bytes(),
                                                  hoy="2026-06-05"))
    assert informe["modo"] == "completo" and informe["error"] is None
    assert {"NIT-002", "MON-004", "MON-006", "FEC-001", "PAG-002"} <= set(informe["reglas_ejecutadas"])
    reglas = {h["regla"] for h in informe["hallazgos"]}
    assert not reglas & {"NIT-002", "NIT-003", "MON-004", "MON-006", "FEC-001", "PAG-002"}


def test_un_pago_ya_facturado_cambia_el_veredicto():
    filas = json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
    for f in filas:
        if f["id_de_pago"] == "98123402":
            f["valor_a_pagar"] = "5000000"
    r = _json("contratos.json", textos={"plan.json": json.dumps(filas)}, factura="FEV1234")
    informe = json.loads(api.validar_entrada_json(json.dumps(r["solicitud"]), (XML / "factura.xml").read_bytes(),
                                                  hoy="2026-06-05"))
    assert "MON-004" in {h["regla"] for h in informe["hallazgos"]}


def test_sin_contrato_la_pagina_recibe_el_informe_de_la_factura_sola():
    xml = (XML / "factura.xml").read_bytes()
    sola = json.loads(api.validar_entrada_json("{}", xml, hoy="2026-06-05"))
    assert sola == json.loads(api.validar_xml_json(xml, hoy="2026-06-05"))
    assert sola["modo"] == "solo_factura" and sola["grupos_sin_revisar"]


def test_la_factura_sola_escrita_a_mano_lleva_los_errores_a_sus_campos():
    informe = json.loads(api.validar_entrada_json('{"factura": {"numero": "F1"}}'))
    assert informe["error"] and {e["campo"] for e in informe["errores_de_entrada"]} >= {"factura.fecha_emision"}


def test_el_modelo_acepta_el_contrato_que_arman_los_datos_abiertos():
    r = _json("contratos.csv", "plan_de_pagos.csv", factura="FEV1234")
    solicitud = api.con_factura_de_xml(r["solicitud"], (XML / "factura.xml").read_bytes())
    assert validar(solicitud, hoy=date(2026, 6, 5)).error is None


def test_un_plan_con_filas_de_dos_contratos_sin_id_pide_el_numero():
    r = _json("plan_de_pagos.json", factura="FEV1234")
    assert "2 contratos" in r["error"] and "escriba el número del contrato" in r["error"]


# -- sin el número: el contrato de la factura entre los del proveedor -----------------------------
# contratos_del_proveedor.json es lo que da el enlace por partes: los contratos del proveedor 901234567 con la
# entidad 800100200 (el de 2026, el de 2025) y uno de otra entidad cuyo NIT (1800100200) contiene esos dígitos.
DE_FEV1234 = {"contratista": "901234567", "entidad": "800100200", "fecha": "2026-06-01"}


def test_sin_numero_se_elige_el_contrato_de_las_partes_de_la_factura_en_plazo_en_su_fecha():
    r = _json("contratos_del_proveedor.json", "plan_de_pagos.json", factura="FEV1234", de_la_factura=DE_FEV1234)
    assert "error" not in r, r
    assert r["solicitud"]["contrato"]["numero"] == ID and r["solicitud"]["contrato"]["valor"] == "47600000"
    assert r["solicitud"]["pago"] == {"id_pago": "98123402"}
    aviso = next(a for a in r["avisos"] if "contratos" in a and ID in a)
    assert "traen 3 contratos" in aviso and "CMA-045-2026" in aviso and "2026-06-01" in aviso
    # El de otra entidad con un NIT que contiene los dígitos no cuenta; el de 2025 tampoco (vencido en esa fecha).
    assert "3333333" not in aviso and "1111111" not in aviso
    # Ese aviso ya dice que los demás contratos no se usaron: no se repite por fila (sí, el del plan de otro contrato).
    assert not any("Contratos Electrónicos» son de otro contrato" in a for a in r["avisos"])
    assert any("Plan de pagos» es de otro contrato (CO1.PCCNTR.7654321)" in a for a in r["avisos"])


def _plan_de(id_contrato):
    filas = json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
    return json.dumps([f | {"id_del_contrato": id_contrato} for f in filas if f["id_del_contrato"] == ID])


def test_entre_varios_contratos_el_plan_que_llego_dice_cual_es():
    # Dos contratos de las partes, ninguno elegible por la factura (sin fecha): el plan de pagos que llegó es de uno.
    # Antes: «2 pueden ser el de la factura» aunque el plan ya lo decía.
    sin_fecha = {**DE_FEV1234, "fecha": None}
    r = _json("contratos_del_proveedor.json", textos={"plan.json": _plan_de(ID)}, de_la_factura=sin_fecha)
    assert "error" not in r, r
    assert r["solicitud"]["contrato"]["numero"] == ID and r["solicitud"]["contrato"]["plan_de_pagos"]
    assert any(a.startswith(f"Los archivos traen 3 contratos: se usó {ID}") for a in r["avisos"])
    # Sin los datos de la factura, el plan es la razón.
    r = _json("contratos_del_proveedor.json", textos={"plan.json": _plan_de(ID)})
    assert r["solicitud"]["contrato"]["numero"] == ID
    assert any("el del plan de pagos que llegó con ellos" in a for a in r["avisos"])
    # El plan del contrato de 2025: se usa ese (con su plan), aunque la fecha de la factura sea de 2026. Antes se
    # elegía el de 2026 por la fecha, se descartaba el plan y se pedía «agregue el plan de pagos».
    r = _json("contratos_del_proveedor.json", textos={"plan.json": _plan_de("CO1.PCCNTR.1111111")}, de_la_factura=DE_FEV1234)
    assert r["solicitud"]["contrato"]["numero"] == "CO1.PCCNTR.1111111" and r["solicitud"]["contrato"]["plan_de_pagos"]
    assert not any("Agregue el plan de pagos" in a for a in r["avisos"])


def test_sin_numero_ni_fecha_los_dos_contratos_de_las_partes_se_listan_para_elegir():
    r = _json("contratos_del_proveedor.json", de_la_factura={**DE_FEV1234, "fecha": None})
    error = r["error"]
    assert "traen 3 contratos y 2 pueden ser el de la factura" in error and "escriba el número del contrato" in error.lower()
    assert ID in error and "CMA-045-2026" in error and "CO1.PCCNTR.1111111" in error and "CMA-012-2025" in error
    assert "3333333" not in error  # de otra entidad
    assert "2025-02-01 a 2025-11-30" in error


def test_una_fecha_fuera_de_todos_los_plazos_tambien_lista_los_contratos():
    r = _json("contratos_del_proveedor.json", de_la_factura={**DE_FEV1234, "fecha": "2030-01-01"})
    assert "2 pueden ser el de la factura" in r["error"]


def test_si_ningun_contrato_es_de_la_entidad_de_la_factura_se_dice_y_se_listan():
    r = _json("contratos_del_proveedor.json", de_la_factura={**DE_FEV1234, "entidad": "899999001"})
    assert "ninguno es de la entidad que recibe la factura (899999001)" in r["error"]
    assert ID in r["error"] and "CO1.PCCNTR.3333333" in r["error"]


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["contratista", "entidad", "fecha"]),
                       st.one_of(st.none(), st.integers(), st.text(max_size=20),
                                 st.sampled_from(["9012345677", "800100200-8", "2026-06-01", "1800100200", "x" * 20]))))
def test_cualquier_dato_de_la_factura_da_un_contrato_o_un_error_claro(de_la_factura):
    r = _json("contratos_del_proveedor.json", de_la_factura=de_la_factura or None)
    assert "Error inesperado" not in r.get("error", "")
    assert r.get("error") or r["solicitud"]["contrato"]["numero"].startswith("CO1.PCCNTR.")


def test_la_factura_de_un_miembro_del_consorcio_elige_por_la_entidad():
    # El contrato es del consorcio (otro documento); la factura la emite un miembro: manda la entidad (y la fecha).
    r = _json("contratos_del_proveedor.json", "plan_de_pagos.json", factura="FEV1234",
              de_la_factura={**DE_FEV1234, "contratista": "900555444"})
    assert r["solicitud"]["contrato"]["numero"] == ID
    assert any("el proveedor del contrato es otro" in a for a in r["avisos"])


def _csv_de_contratos(*cambios):
    """contratos.csv (como lo exporta el portal: fechas MM/DD/AAAA) con una fila por cada dict de cambios."""
    filas = list(csv.DictReader(io.StringIO((DATOS / "contratos.csv").read_text(encoding="utf-8"))))
    salida = io.StringIO()
    escritor = csv.DictWriter(salida, list(filas[0]))
    escritor.writeheader()
    escritor.writerows(filas[0] | c for c in cambios)
    return salida.getvalue()


def test_en_el_csv_del_portal_la_lista_lleva_las_fechas_en_iso_y_la_fila_mas_reciente_es_por_fecha():
    texto = _csv_de_contratos(
        {"ID Contrato": "CO1.PCCNTR.1111111", "Referencia del Contrato": "CMA-012-2025",
         "Fecha de Inicio del Contrato": "02/01/2025", "Fecha de Fin del Contrato": "11/30/2025"},
        # El mismo contrato dos veces: manda la actualización más reciente por fecha (01/15/2026), no por texto.
        {"Ultima Actualizacion": "12/30/2025", "Valor del Contrato": "40000000"},
        {"Ultima Actualizacion": "01/15/2026"})
    r = _json(textos={"contratos.csv": texto}, de_la_factura={**DE_FEV1234, "fecha": None})
    assert "2025-02-01 a 2025-11-30" in r["error"] and "2026-02-01 a 2026-11-30" in r["error"]
    r = _json(textos={"contratos.csv": texto}, de_la_factura=DE_FEV1234)
    assert r["solicitud"]["contrato"]["numero"] == ID and r["solicitud"]["contrato"]["valor"] == "47600000"
    r = _json(textos={"contratos.csv": texto}, id_contrato=ID)
    assert r["solicitud"]["contrato"]["valor"] == "47600000"


@pytest.mark.parametrize("publicado, mismo", [("9012345677", True), ("901234567-7", True), ("9012345670", False),
                                              ("19012345677", False), ("901234567", True), ("", False)])
def test_el_documento_publicado_con_su_dv_pegado_es_el_mismo(publicado, mismo):
    assert datos_abiertos._mismo_documento(publicado, "901.234.567") is mismo


def test_sin_las_partes_de_la_factura_o_con_datos_que_no_se_entienden_se_pide_el_numero():
    for de_la_factura in (None, {"fecha": "ayer"}):
        r = _json("contratos_del_proveedor.json", de_la_factura=de_la_factura)
        assert "traen 3 contratos y 3 pueden ser" in r["error"]
    archivos = json.dumps([{"nombre": "c.json", "texto": (DATOS / "contratos_del_proveedor.json").read_text()}])
    assert "3 pueden ser" in json.loads(api.datos_abiertos_json(archivos, None, None, "{no es json"))["error"]
    # Con el número escrito, manda el número aunque la factura diga otra cosa.
    r = _json("contratos_del_proveedor.json", id_contrato="CO1.PCCNTR.1111111", de_la_factura=DE_FEV1234)
    assert r["solicitud"]["contrato"]["numero"] == "CO1.PCCNTR.1111111"


def test_los_valores_por_omision_del_formulario_no_son_un_contrato():
    xml = (XML / "factura.xml").read_bytes()
    formulario = {"contrato": {"entidad": {"tipo_documento": "NIT"}, "contratista": {"tipo_documento": "NIT"},
                               "tipo_persona": "juridica", "prestacion_servicios": False, "moneda": "COP"}, "pago": {}}
    assert json.loads(api.validar_entrada_json(json.dumps(formulario), xml))["modo"] == "solo_factura"
    formulario["contrato"]["entidad"]["numero"] = "800100200"
    informe = json.loads(api.validar_entrada_json(json.dumps(formulario), xml))
    # Con un dato del contrato se pide el resto, sin perder el informe de la factura (antes: «No se pudo revisar»).
    assert informe["modo"] == "solo_factura" and informe["error"] is None and informe["reglas_ejecutadas"]
    faltan = {e["campo"] for e in informe["errores_de_entrada"]}
    assert faltan and all(c.startswith(("contrato.", "pago.")) for c in faltan) and "contrato.valor" in faltan


def _plan_json(cambios=None, quitar=()):
    """plan_de_pagos.json con filas cambiadas ({id_de_pago: {columna: valor}}) o quitadas."""
    plan = [f for f in json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8")) if f["id_de_pago"] not in quitar]
    for f in plan:
        f.update((cambios or {}).get(f["id_de_pago"], {}))
    return json.dumps(plan)


def _con_plan(plan, factura="FEV1234", id_pago=None):
    archivos = [{"nombre": "c.json", "texto": (DATOS / "contratos.json").read_text(encoding="utf-8")},
                {"nombre": "p.json", "texto": plan}]
    return json.loads(api.datos_abiertos_json(json.dumps(archivos), factura, None, None, id_pago))


def test_la_factura_rechazada_se_corrige_en_su_mismo_pago_y_se_dice_el_motivo():
    # HECHOS §1: tras «Rechazar», el proveedor edita la solicitud y la envía de nuevo. El pago rechazado con esta
    # factura es el suyo, aunque haya otro libre antes; el motivo (notas) es lo que debe corregir.
    r = _con_plan(_plan_json({"98123402": {"fecha_estimada_de_pago": "2026-12-15T00:00:00.000"}}), factura="FEV1229")
    assert r["solicitud"]["pago"] == {"id_pago": "98123402"} and "ya registra en él esta factura" in r["eleccion"]
    assert any("rechazó esta factura en el pago 98123402: «El valor no corresponde a la entrega 2»" in a for a in r["avisos"])


def test_un_valor_a_pagar_en_cero_es_un_valor_y_no_se_elige_como_el_pago_de_la_factura():
    r = _con_plan(_plan_json({"98123402": {"valor_a_pagar": "0", "valor_total": "0", "estado": "Pendiente Registro",
                                           "numero_de_factura": None}}))
    cuota = next(c for c in r["solicitud"]["contrato"]["plan_de_pagos"] if c["id"] == "98123402")
    assert cuota["valor"] == "0" and not any("98123402 no trae valor_a_pagar" in a for a in r["avisos"])
    assert r["solicitud"]["pago"] == {"id_pago": "98123403"}


def test_el_pago_indicado_con_otra_factura_en_tramite_esta_ocupado():
    r = _con_plan(_plan_json({"98123403": {"estado": "Enviado Por Proveedor", "numero_de_factura": "FEV1233",
                                           "valor_total": "11900000"}}), id_pago="98123403")
    cuota = next(c for c in r["solicitud"]["contrato"]["plan_de_pagos"] if c["id"] == "98123403")
    assert cuota["facturado"] == "11900000"
    assert any("tiene en trámite otra factura, «FEV1233»" in a for a in r["avisos"])
    assert not any("se tomó como esta misma" in a for a in r["avisos"])


@pytest.mark.parametrize("escrito, otra", [("FEV1233", True), ("F-0001234-A", False), ("No. 1234", False),
                                           ("FEV1234/2026", False), ("", False), ("sin número", False)])
def test_otro_consecutivo(escrito, otra):
    assert datos_abiertos.otro_consecutivo(escrito, "FEV1234") is otra


def test_un_pago_indicado_que_no_esta_en_el_plan_no_se_cambia_por_otro():
    r = _con_plan(_plan_json(), id_pago="9812340")
    assert r["solicitud"]["pago"] == {"id_pago": "9812340"}
    assert r["eleccion"] == "El pago 9812340 que se indicó no está en el plan de pagos del contrato: revise el «ID de pago»."


def test_una_fecha_estimada_ilegible_no_impide_revisar_el_plan():
    r = _con_plan(_plan_json({"98123404": {"fecha_estimada_de_pago": "2026/11/30"}}))
    assert "error" not in r and any(c["id"] == "98123404" for c in r["solicitud"]["contrato"]["plan_de_pagos"])


def test_un_plan_de_mas_de_500_pagos_del_contrato_se_explica():
    fila = json.loads(_plan_json())[3]
    plan = [{**fila, "id_de_pago": str(90000000 + i)} for i in range(501)]
    r = _con_plan(json.dumps(plan))
    assert "501 pagos de este contrato y el validador lee hasta 500" in r["error"]


def test_un_plan_que_suma_mas_que_el_contrato_publicado_se_advierte():
    # La entidad escribió el plan: si suma más que el valor publicado, lo probable es una adición aún no reflejada.
    r = _con_plan(_plan_json({"98123404": {"valor_a_pagar": "20000000"}}))
    assert any("El plan de pagos suma" in a and "puede haber una adición" in a for a in r["avisos"])
    assert not any("El plan de pagos suma" in a for a in _con_plan(_plan_json())["avisos"])


def test_el_pago_de_la_factura_se_reconoce_aunque_el_numero_se_haya_digitado_con_fact():
    r = _con_plan(_plan_json({"98123404": {"estado": "Enviado Por Proveedor", "numero_de_factura": "Fact. FEV-1234",
                                           "valor_total": "11900000"}}))
    assert r["solicitud"]["pago"] == {"id_pago": "98123404"} and "ya registra en él esta factura" in r["eleccion"]


# -- archivos guardados de otra forma (revisión con archivos como los baja una persona) --------------------------

def _plan_elegido(texto_del_plan):
    r = _json("contratos.json", textos={"plan": texto_del_plan}, factura="FEV1234")
    assert "error" not in r, r.get("error")
    return r["solicitud"]["contrato"]["plan_de_pagos"], r["solicitud"]["pago"]


def test_el_csv_con_otros_fines_de_linea_o_separadores_da_el_mismo_plan():
    # «\r» solo («CSV (Macintosh)» de Excel) daba un traceback en la CLI; con tabuladores, «no tiene la columna
    # id_contrato»; el «Texto Unicode» de Excel (UTF-16 con tabuladores), «El XML está mal formado» en la página.
    csv_portal = (DATOS / "plan_de_pagos.csv").read_text(encoding="utf-8")
    base = _plan_elegido(csv_portal)
    filas = list(csv.reader(io.StringIO(csv_portal)))
    con_tabuladores = "\r\n".join("\t".join(f) for f in filas) + "\r\n"
    assert _plan_elegido(csv_portal.replace("\r\n", "\n").replace("\n", "\r")) == base
    assert _plan_elegido(con_tabuladores) == base
    unicode_de_excel = b"\xff\xfe" + con_tabuladores.encode("utf-16-le")
    assert json.loads(api.reconocer_archivo(unicode_de_excel)) == {"tipo": "plan_de_pagos"}
    assert _plan_elegido(datos_abiertos.texto_de(unicode_de_excel)) == base
    r = _json("contratos.json", textos={"plan.txt": con_tabuladores})
    assert any("separado por tabuladores" in a for a in r["avisos"])


def test_un_plan_sin_filas_junto_al_contrato_es_un_contrato_sin_plan():
    cabecera = (DATOS / "plan_de_pagos.csv").read_text(encoding="utf-8").splitlines()[0] + "\n"
    for vacio in ("[]", cabecera):
        r = _json("contratos.json", textos={"plan": vacio})
        assert "error" not in r and "plan_de_pagos" not in r["solicitud"]["contrato"]
        assert r["solicitud"]["contrato"]["numero"] == ID
        assert any("«plan» no trae filas" in a and "«Crear»" in a for a in r["avisos"])
        assert "revise el número del contrato" in _json(textos={"plan": vacio})["error"]
    # Un contrato sin filas es un número que no está: eso sí detiene, con el plan o sin él.
    cabecera_contratos = (DATOS / "contratos.csv").read_text(encoding="utf-8").splitlines()[0] + "\n"
    assert "revise el número del contrato" in _json("plan_de_pagos.json", textos={"c.csv": cabecera_contratos})["error"]


def _libro_de_excel() -> bytes:
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return salida.getvalue()


@pytest.mark.parametrize("contenido, dice", [
    (b"<!DOCTYPE html><html><head><title>datos.gov.co</title></head><body>[]</body></html>", "página web (HTML)"),
    (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "página web (HTML)"),
    (_libro_de_excel(), "libro de Excel"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "libro de Excel"),
    (b'{"code": "query.soql.no-such-column", "error": true, "message": "No such column: id_contrato"}',
     "respuesta de error del portal: No such column"),
    (b'{"message": "No such column: id_contrato", "errorCode": "query.soql.no-such-column", "data": {}}',
     "respuesta de error del portal: No such column"),
])
def test_un_archivo_que_no_son_los_datos_se_llama_por_lo_que_es(contenido, dice):
    # Antes: la página web iba al lector del XML («DOCTYPE… no se procesa»), el libro de Excel al del ZIP de la
    # factura («El ZIP trae 2 documentos XML»), y la respuesta de error nueva del portal no se reconocía.
    assert json.loads(api.reconocer_archivo(contenido)) == {"tipo": "datos_abiertos"}
    r = _json("contratos.json", textos={"guardado": datos_abiertos.texto_de(contenido)})
    assert dice in r["error"] and "«guardado»" in r["error"]


def test_el_zip_del_correo_con_un_libro_de_excel_entre_sus_anexos_sigue_siendo_la_factura():
    # Un .xlsx guardado sin comprimir dentro del ZIP del correo trae «xl/workbook» entre sus bytes: no por eso el ZIP
    # es un libro de Excel (la primera versión de esta detección lo creía).
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_STORED) as z:
        z.writestr("factura.xml", (XML / "factura.xml").read_bytes())
        z.writestr("anexo.xlsx", _libro_de_excel())
    assert json.loads(api.reconocer_archivo(salida.getvalue())) == {"tipo": "factura_xml"}
    assert json.loads(api.reconocer_archivo(_libro_de_excel())) == {"tipo": "datos_abiertos"}


def test_el_plan_sin_filas_no_pide_ademas_que_se_agregue_el_plan():
    r = _json("contratos.json", textos={"plan.json": "[]"})
    assert not any("Agregue el plan de pagos" in a for a in r["avisos"]), r["avisos"]


def test_la_factura_nueva_en_un_pago_rechazado_recibe_el_motivo_del_rechazo():
    # El pago 98123402 tiene la FEV1229 rechazada («El valor no corresponde a la entrega 2»); la FEV1234 la reemplaza con
    # otro número: antes no se decía por qué se rechazó la anterior (solo si era la misma factura).
    r = _json("contratos.json", "plan_de_pagos.json", factura="FEV1234")
    assert r["solicitud"]["pago"]["id_pago"] == "98123402"
    assert any("rechazó la factura «FEV1229»: «El valor no corresponde a la entrega 2»" in a for a in r["avisos"])


def test_si_una_cuota_anterior_quedo_facturada_en_parte_se_dice_que_su_saldo_puede_ser_esta_factura():
    # La primera mitad de la cuota 98123401 está aprobada (5.950.000 de 11.900.000); la segunda factura iba al pago
    # siguiente sin decir nada, y MON-005 había dicho de la primera que el saldo quedaba en ese pago.
    plan = json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
    for f in plan:
        if f["id_de_pago"] == "98123401":
            f.update(valor_total="5950000", valor_neto="5000000")
    r = _json("contratos.json", textos={"plan.json": json.dumps(plan)}, factura="FEV1300")
    assert r["solicitud"]["pago"]["id_pago"] != "98123401"
    assert any("El pago 98123401 tiene $ 5.950.000,00 por facturar" in a for a in r["avisos"]), r["avisos"]


@pytest.mark.parametrize("adelantado, amortizado, dice", [
    ("4760000", "1190000", ["pago adelantado de $ 4.760.000,00, con $ 1.190.000,00 ya amortizados", "«Anticipo»"]),
    ("4760000.00", "0", ["pago adelantado de $ 4.760.000,00. Si es un anticipo"]),
    ("$4,760,000.00", "", ["pago adelantado de $ 4.760.000,00. Si es un anticipo"]),
    ("0", "0", None),
    ("No Definido", "0", None),
    ("cuatro", "0", None),  # no se entiende: no detiene el resto del contrato
])
def test_el_pago_adelantado_publicado_se_recuerda_sin_inventar_el_porcentaje(adelantado, amortizado, dice):
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0]
    fila |= {"valor_de_pago_adelantado": adelantado, "valor_amortizado": amortizado, "habilita_pago_adelantado": "Si"}
    r = _json(textos={"c.json": json.dumps([fila])})
    assert r["solicitud"]["contrato"]["numero"] == ID and r["solicitud"]["contrato"]["valor"] == "47600000"
    assert "anticipo" not in r["solicitud"]["contrato"], "el porcentaje de amortización no se inventa"
    avisos = [a for a in r["avisos"] if "pago adelantado" in a]
    if dice is None:
        assert avisos == []
    else:
        [aviso] = avisos
        assert all(d in aviso for d in dice), aviso


def test_el_pago_indicado_con_otra_factura_aprobada_no_saca_esa_factura_de_lo_facturado():
    # Lo facturado a la fecha es lo aprobado salvo esta misma factura; antes, indicar el pago 98123401 (con FEV1201
    # pagada) lo dejaba en 0.
    solo = _con_plan(_plan_json())
    indicado = _con_plan(_plan_json(), id_pago="98123401")
    assert indicado["solicitud"]["pago"] == {"id_pago": "98123401"}
    assert indicado["solicitud"]["contrato"]["facturado_a_la_fecha"] == solo["solicitud"]["contrato"]["facturado_a_la_fecha"] == "11900000"
    # Con esta misma factura aprobada en su pago, cuenta una sola vez: lo facturado a la fecha la trae (como SECOP
    # II) y el pago la nombra, así que el motor la descuenta (consultas.facturado_con_esta).
    propia = _con_plan(_plan_json(), factura="FEV1201")
    assert propia["solicitud"]["pago"] == {"id_pago": "98123401"}
    assert propia["solicitud"]["contrato"]["facturado_a_la_fecha"] == "11900000"
    from checker.modelos import Solicitud
    from checker.reglas.consultas import facturado_con_esta
    factura = {**ejemplos.cargar("tipica")["factura"], "numero": "FEV1201"}
    solicitud = Solicitud.model_validate({**propia["solicitud"], "factura": factura})
    assert facturado_con_esta(solicitud) == Decimal("11900000")


def test_el_pago_indicado_rechazado_recibe_el_motivo_del_rechazo():
    # Como cuando se elige solo: antes, indicar a mano el pago con la factura rechazada quitaba el motivo.
    r = _con_plan(_plan_json(), id_pago="98123402")
    assert r["eleccion"] == "Se usó el pago 98123402, el que se indicó."
    assert any("En el pago 98123402 la entidad rechazó la factura «FEV1229»: «El valor no corresponde a la entrega 2»" in a
               for a in r["avisos"]), r["avisos"]


def test_el_pago_indicado_no_es_el_que_registra_la_factura_y_se_dice():
    plan = _plan_json({"98123403": {"estado": "Enviado por proveedor", "numero_de_factura": "FEV1234"}})
    r = _con_plan(plan, id_pago="98123404")
    assert r["solicitud"]["pago"] == {"id_pago": "98123404"}
    [aviso] = [a for a in r["avisos"] if "está registrada en el pago" in a]
    assert "(FEV1234) está registrada en el pago 98123403" in aviso and "98123404" in aviso
    # Sin indicar nada, ese es el pago elegido y no hay aviso.
    elegido = _con_plan(plan)
    assert elegido["solicitud"]["pago"] == {"id_pago": "98123403"}
    assert not any("está registrada en el pago" in a for a in elegido["avisos"])


def test_el_pago_indicado_en_otro_lado_no_cuenta_esta_factura_aprobada_como_ya_facturada():
    # FEV1234 aprobada en el 98123403 y «--pago 98123404»: es la misma factura, no cuenta en lo facturado a la fecha
    # (antes 23800000) ni como ya facturada en su pago; el aviso dice dónde está.
    plan = _plan_json({"98123403": {"estado": "Aprobado", "numero_de_factura": "FEV1234", "valor_total": "11900000"}})
    r = _con_plan(plan, id_pago="98123404")
    assert r["solicitud"]["contrato"]["facturado_a_la_fecha"] == "11900000"
    cuota = next(c for c in r["solicitud"]["contrato"]["plan_de_pagos"] if c["id"] == "98123403")
    assert cuota["facturado"] == "0"
    assert any("(FEV1234) está registrada en el pago 98123403" in a for a in r["avisos"])


def test_el_pago_indicado_en_otro_lado_trae_el_motivo_del_rechazo_de_esta_factura():
    plan = _plan_json({"98123403": {"estado": "Rechazado", "numero_de_factura": "FEV1234",
                                    "notas": "Falta planilla de aportes"}})
    r = _con_plan(plan, id_pago="98123404")
    [aviso] = [a for a in r["avisos"] if "está registrada en el pago 98123403" in a]
    assert "La entidad la rechazó allí: «Falta planilla de aportes»." in aviso


@pytest.mark.parametrize("estados", [("Aprobado", "Enviado Por Proveedor"), ("Rechazado", "Enviado Por Proveedor")])
def test_la_factura_registrada_en_dos_pagos_se_dice(estados):
    # Antes, solo se nombraba uno: la entidad podía aprobar la misma factura dos veces, o se perdía el motivo.
    plan = _plan_json({"98123403": {"estado": estados[0], "numero_de_factura": "FEV1234", "notas": "Falta planilla"},
                       "98123404": {"estado": estados[1], "numero_de_factura": "FEV1234"}})
    r = _con_plan(plan)
    elegido = r["solicitud"]["pago"]["id_pago"]
    otro = ({"98123403", "98123404"} - {elegido}).pop()
    [aviso] = [a for a in r["avisos"] if "también está en el pago" in a]
    assert f"también está en el pago {otro}" in aviso and "una factura va en un solo pago" in aviso
    if "Rechazado" in estados and otro == "98123403":
        assert "Falta planilla" in aviso


def test_una_cuota_facturada_en_parte_despues_del_pago_elegido_tambien_se_dice():
    plan = _plan_json({"98123403": {"estado": "Aprobado", "numero_de_factura": "FEV1230", "valor_total": "5000000"}})
    r = _con_plan(plan)
    assert r["solicitud"]["pago"] == {"id_pago": "98123402"}
    assert any("El pago 98123403 tiene $ 6.900.000,00 por facturar" in a for a in r["avisos"]), r["avisos"]


@pytest.mark.parametrize("estado", ["Enviado por el Proveedor", "En revisión"])
def test_un_pago_con_factura_en_un_estado_de_otra_forma_o_desconocido_esta_ocupado(estado):
    # «Enviado por el Proveedor» (HECHOS §1) se tomaba como libre y se elegía, con un aviso que lo contradecía.
    r = _con_plan(_plan_json({"98123402": {"estado": estado}}))
    assert r["solicitud"]["pago"] == {"id_pago": "98123403"}
    desconocido = [a for a in r["avisos"] if "no conoce" in a]
    if estado == "En revisión":
        assert desconocido and "se tomó como en trámite (ocupado)" in desconocido[0]
    else:
        assert not desconocido


def test_un_id_de_pago_en_blanco_no_indica_ninguno():
    r = _con_plan(_plan_json(), id_pago="   ")
    assert r["solicitud"]["pago"] == {"id_pago": "98123402"} and "primero del plan" in r["eleccion"]


def _plan_con_filas(*filas):
    """plan_de_pagos.json con filas de más (copias de la del pago con sus columnas cambiadas)."""
    plan = json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
    for id_pago, cambios in filas:
        base = next(f for f in plan if f["id_de_pago"] == id_pago)
        plan.append(base | cambios)
    return plan


def test_dos_facturas_distintas_en_un_mismo_pago_son_dos_facturas():
    # Antes, la pareja repetida se contaba una vez aunque fueran dos facturas: FEV1234 «no aparecía en el plan» y lo
    # facturado contaba una sola.
    plan = _plan_con_filas(("98123403", {"estado": "Aprobado", "numero_de_factura": "FEV1230", "valor_total": "11900000"}),
                           ("98123403", {"estado": "Enviado Por Proveedor", "numero_de_factura": "FEV1234"}))
    for f in plan:
        if f["id_de_pago"] == "98123403":
            f["valor_a_pagar"] = "23800000"
    r = _con_plan(json.dumps(plan))
    assert r["solicitud"]["pago"] == {"id_pago": "98123403"} and "ya registra en él esta factura" in r["eleccion"]
    [cuota] = [c for c in r["solicitud"]["contrato"]["plan_de_pagos"] if c["id"] == "98123403"]
    assert (cuota["valor"], cuota["facturado"], cuota["estado"]) == ("23800000", "11900000", "Aprobado")
    assert r["solicitud"]["contrato"]["facturado_a_la_fecha"] == "23800000"  # FEV1201 y FEV1230
    assert any("El pago 98123403 tiene 2 facturas distintas" in a for a in r["avisos"])
    assert len([c for c in r["solicitud"]["contrato"]["plan_de_pagos"] if c["id"] == "98123403"]) == 1


def test_dos_facturas_aprobadas_en_un_pago_suman_lo_facturado():
    plan = _plan_con_filas(("98123403", {"estado": "Aprobado", "numero_de_factura": "FEV1230", "valor_total": "5000000"}),
                           ("98123403", {"estado": "Aprobado", "numero_de_factura": "FEV1231", "valor_total": "6900000"}))
    r = _con_plan(json.dumps(plan))
    assert r["solicitud"]["contrato"]["facturado_a_la_fecha"] == "23800000"
    [cuota] = [c for c in r["solicitud"]["contrato"]["plan_de_pagos"] if c["id"] == "98123403"]
    assert cuota["facturado"] == "11900000"
    assert not any("98123403 tiene $" in a for a in r["avisos"]), "la cuota está facturada entera"


def test_facturas_de_un_pago_que_suman_mas_que_el_pago_no_son_partes_y_cuentan_el_valor_del_pago():
    # El pago 98123401 ($ 11.900.000) con otra fila «Pagado» FEV1202 sin valor_total (la API omite lo vacío: se lee con
    # el valor del pago). Antes: lo facturado del pago y del contrato contaba $ 23.800.000, y MON-006 como error.
    plan = _plan_con_filas(("98123401", {"numero_de_factura": "FEV1202", "valor_total": None}))
    r = _con_plan(json.dumps([{k: v for k, v in f.items() if v is not None} for f in plan]))
    [cuota] = [c for c in r["solicitud"]["contrato"]["plan_de_pagos"] if c["id"] == "98123401"]
    assert (cuota["valor"], cuota["facturado"]) == ("11900000", "11900000")
    assert r["solicitud"]["contrato"]["facturado_a_la_fecha"] == "11900000"
    aviso = next(a for a in r["avisos"] if "98123401" in a and "facturas" in a)
    assert "(«FEV1201», «FEV1202») suman $ 23.800.000,00, más que el pago ($ 11.900.000,00)" in aviso
    assert "Se contó el valor del pago" in aviso and not any("se sumó lo facturado" in a for a in r["avisos"])


def test_esta_factura_rechazada_junto_a_otra_rechazada_en_su_pago_trae_su_motivo():
    plan = _plan_con_filas(("98123402", {"estado": "Rechazado", "numero_de_factura": "FEV1234", "notas": "mal"}))
    r = _con_plan(json.dumps(plan))
    assert r["solicitud"]["pago"] == {"id_pago": "98123402"}
    assert any("La entidad rechazó esta factura en el pago 98123402: «mal»" in a for a in r["avisos"]), r["avisos"]
    # Indicar ese pago a mano da lo mismo: es el suyo, no «registrada en otro pago».
    indicado = _con_plan(json.dumps(plan), id_pago="98123402")
    assert not any("está registrada en el pago" in a for a in indicado["avisos"])


def test_la_api_dice_que_reemplazaron_los_datos_abiertos_de_lo_escrito():
    archivos = [{"nombre": n, "texto": (DATOS / n).read_text(encoding="utf-8")} for n in ("contratos.json", "plan_de_pagos.json")]
    escrito = {"contrato.valor": "60.000.000", "contrato.numero": ID, "contrato.fecha_fin": "2026-11-30",
               "contrato.entidad.numero": "800.100.200", "contrato.plan_de_pagos.0.valor": "1"}
    r = json.loads(api.datos_abiertos_json(json.dumps(archivos), "FEV1234", None, None, None, json.dumps(escrito)))
    # Lo mismo escrito de otra forma (el NIT con puntos) no cuenta; el plan, fila por fila, tampoco.
    assert r["reemplazados"] == [{"campo": "contrato.valor", "antes": "60.000.000", "nuevo": "47600000"}]
    for igual in ("47.600.000", "47.600.000,00", "47600000.00"):
        r = json.loads(api.datos_abiertos_json(json.dumps(archivos), "FEV1234", escrito=json.dumps({"contrato.valor": igual})))
        assert r["reemplazados"] == [], igual
    assert json.loads(api.datos_abiertos_json(json.dumps(archivos), escrito="no es json"))["reemplazados"] == []


# -- volver a elegir el pago con los mismos archivos (la página: llega el XML después, o se escribe otro pago) --------

def _reelegir(factura, a_mano, id_pago=None):
    archivos = [{"nombre": n, "texto": (DATOS / n).read_text(encoding="utf-8")} for n in ("contratos.json", "plan_de_pagos.json")]
    return json.loads(api.datos_abiertos_json(json.dumps(archivos), factura, None, None, id_pago, None, json.dumps(a_mano)))


def test_volver_a_elegir_el_pago_trae_solo_el_pago_el_plan_y_lo_facturado():
    completo = _json("contratos.json", "plan_de_pagos.json", factura="FEV1201")
    r = _reelegir("FEV1201", [])
    # Solo lo que depende del pago elegido: el resto del contrato (valor, partes, fechas) no se vuelve a escribir.
    assert set(r["solicitud"]) == {"contrato", "pago"}
    assert set(r["solicitud"]["contrato"]) == {"plan_de_pagos", "facturado_a_la_fecha"}
    assert r["solicitud"]["contrato"]["plan_de_pagos"] == completo["solicitud"]["contrato"]["plan_de_pagos"]
    assert r["solicitud"]["pago"] == completo["solicitud"]["pago"] and r["avisos"] == completo["avisos"]
    assert r["eleccion"] == completo["eleccion"]


def test_volver_a_elegir_no_toca_lo_cambiado_a_mano_y_lo_dice():
    r = _reelegir("FEV1234", ["contrato.plan_de_pagos.1.valor"])
    assert "plan_de_pagos" not in r["solicitud"]["contrato"] and "facturado_a_la_fecha" in r["solicitud"]["contrato"]
    assert r["avisos"][-1] == datos_abiertos.PLAN_EDITADO
    r = _reelegir("FEV1234", ["contrato.facturado_a_la_fecha", "contrato.valor"])
    assert set(r["solicitud"]["contrato"]) == {"plan_de_pagos"} and datos_abiertos.PLAN_EDITADO not in r["avisos"]
    # «contrato.plan_de_pagos» (se agregó o quitó un pago) es el plan; «contrato.plan_de_pagos_x» no lo sería.
    assert "plan_de_pagos" not in _reelegir("FEV1234", ["contrato.plan_de_pagos"])["solicitud"]["contrato"]
    assert "plan_de_pagos" in _reelegir("FEV1234", ["contrato.plan_de_pagos_x"])["solicitud"]["contrato"]
    # Lo cambiado a mano que no es una lista de rutas cuenta como nada cambiado.
    assert _reelegir("FEV1234", "no es una lista")["solicitud"]["contrato"].keys() == {"plan_de_pagos", "facturado_a_la_fecha"}


# -- sin el número de la factura en el plan: entre los pagos libres, el que vale lo que ella cobra ---------------------

def _plan_con_valores(valores):
    plan = json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
    for f in plan:
        if f["id_de_pago"] in valores:
            f["valor_a_pagar"] = f["valor_total"] = valores[f["id_de_pago"]]
    return json.dumps(plan)


def test_entre_los_pagos_libres_se_elige_el_que_vale_lo_que_cobra_la_factura():
    # El primer pago libre (98123402) vale $ 5.950.000 y la factura cobra $ 11.900.000, lo que vale el 98123403: antes
    # se elegía el primero y MON-004 decía, como error, que la factura cobraba más que un pago que solo se supuso.
    archivos = [{"nombre": "c.json", "texto": (DATOS / "contratos.json").read_text(encoding="utf-8")},
                {"nombre": "p.json", "texto": _plan_con_valores({"98123402": "5950000"})}]
    def elegir(**factura):
        return json.loads(api.datos_abiertos_json(json.dumps(archivos), "FEV9999", None, json.dumps(factura)))
    r = elegir(valor_a_pagar="11.900.000,00", moneda="COP")
    assert r["solicitud"]["pago"] == {"id_pago": "98123403"}
    assert "el primero del plan sin una factura aprobada ni en trámite que vale lo que cobra la factura ($ 11.900.000,00)" in r["eleccion"]
    # Con el anticipo que descuenta la factura, la cuota es el valor a pagar más el anticipo.
    assert elegir(valor_a_pagar="8950000.00", anticipo_descontado="2950000.00")["solicitud"]["pago"] == {"id_pago": "98123403"}
    # Sin un pago de ese valor, en otra moneda o sin el valor: el primero libre, como antes, dicho igual.
    for factura in ({"valor_a_pagar": "7000000"}, {"valor_a_pagar": "11900000", "moneda": "USD"}, {}):
        r = elegir(**factura)
        assert r["solicitud"]["pago"] == {"id_pago": "98123402"}, factura
        assert "el primero del plan sin una factura aprobada ni en trámite (" in r["eleccion"]


def test_lo_supuesto_por_los_datos_abiertos_no_reemplaza_lo_escrito():
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0] | {"tipodocproveedor": "No Definido"}
    archivos = json.dumps([{"nombre": "c.json", "texto": json.dumps([fila])}])
    escrito = {"contrato.tipo_persona": "natural", "contrato.contratista.tipo_documento": "CC", "contrato.valor": "1"}
    r = json.loads(api.datos_abiertos_json(archivos, escrito=json.dumps(escrito)))
    contrato = r["solicitud"]["contrato"]
    assert "tipo_persona" not in contrato and "tipo_documento" not in contrato["contratista"]
    assert contrato["contratista"]["numero"] == "901234567" and "prestacion_servicios" in contrato
    assert [x["campo"] for x in r["reemplazados"]] == ["contrato.valor"]
    # Sin nada escrito, lo supuesto llena (NIT, persona jurídica); con «tipodocproveedor» publicado, lo publicado manda.
    contrato = json.loads(api.datos_abiertos_json(archivos))["solicitud"]["contrato"]
    assert (contrato["tipo_persona"], contrato["contratista"]["tipo_documento"]) == ("juridica", "NIT")
    publicado = json.dumps([{"nombre": "c.json", "texto": (DATOS / "contratos.json").read_text(encoding="utf-8")}])
    r = json.loads(api.datos_abiertos_json(publicado, escrito=json.dumps(escrito)))
    assert r["solicitud"]["contrato"]["tipo_persona"] == "juridica"
    assert {x["campo"] for x in r["reemplazados"]} == {"contrato.tipo_persona", "contrato.contratista.tipo_documento",
                                                       "contrato.valor"}


@pytest.mark.parametrize("texto, valor", [
    ("11.900.000", "11900000"), ("11.900.000,00", "11900000.00"), ("11900000,00", "11900000.00"),
    ("$11,900,000.00", "11900000.00"), ("11900000.00", "11900000.00"), ("$ 1.234.567,5", "1234567.5"),
])
def test_un_valor_escrito_a_la_colombiana_sin_ambiguedad_se_lee_en_cualquier_archivo(texto, valor):
    # Antes, «11.900.000» solo se leía en un CSV guardado de nuevo con «;»: en el JSON o en el CSV con comas, salida 2.
    assert datos_abiertos.dinero(texto, "valor_total") == Decimal(valor)


def test_un_valor_ambiguo_o_roto_sigue_diciendo_que_no_se_entiende():
    for texto in ("1,5", "11.900.000.5", "once millones"):
        with pytest.raises(DatosNoValidos, match="No se entiende el valor"):
            datos_abiertos.dinero(texto, "valor_total")


def test_la_api_dice_si_la_fila_del_contrato_lleno_el_contrato():
    assert _json("contratos.json", "plan_de_pagos.json", factura="FEV1234")["con_el_contrato"] is True
    # Solo el plan, o el archivo del contrato de otro contrato: no.
    assert _json("plan_de_pagos.json", id_contrato=ID)["con_el_contrato"] is False
    r = _json("contratos.json", "plan_de_pagos.json", id_contrato="CO1.PCCNTR.7654321")
    assert r["con_el_contrato"] is False and r["solicitud"]["contrato"]["numero"] == "CO1.PCCNTR.7654321"


def test_prestacion_de_servicios_sale_del_tipo_de_contrato_aunque_el_documento_no_este_definido():
    # Con «No Definido» la persona corrige el tipo de documento y de persona; antes, además, debía marcar la prestación
    # de servicios, que el tipo de contrato publicado ya decía (y si no, las reglas de aportes no corrían).
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0] | {
        "tipodocproveedor": "No Definido", "tipo_de_contrato": "Prestación de servicios"}
    archivos = json.dumps([{"nombre": "c.json", "texto": json.dumps([fila])}])
    escrito = {"contrato.tipo_persona": "natural", "contrato.contratista.tipo_documento": "CC"}
    contrato = json.loads(api.datos_abiertos_json(archivos, escrito=json.dumps(escrito)))["solicitud"]["contrato"]
    assert contrato["prestacion_servicios"] is True and "tipo_persona" not in contrato


def test_un_contratista_con_nit_en_prestacion_de_servicios_puede_ser_persona_natural():
    # Una persona natural también tiene NIT: antes se tomaba como jurídica sin decirlo, y el informe le pedía la
    # certificación del revisor fiscal (SS-009) y no revisaba sus aportes (SS-001 a SS-007).
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0] | {
        "tipodocproveedor": "NIT", "tipo_de_contrato": "Prestación de servicios"}
    archivos = json.dumps([{"nombre": "c.json", "texto": json.dumps([fila])}])
    r = json.loads(api.datos_abiertos_json(archivos))
    assert any("figura con NIT y el contrato es de prestación de servicios" in a for a in r["avisos"]), r["avisos"]
    # Lo que la persona eligió manda sobre lo supuesto.
    elegido = json.loads(api.datos_abiertos_json(archivos, escrito=json.dumps({"contrato.tipo_persona": "natural"})))
    assert "tipo_persona" not in elegido["solicitud"]["contrato"]
    # En otro tipo de contrato, el NIT no da aviso.
    otra = json.dumps([{"nombre": "c.json", "texto": json.dumps([fila | {"tipo_de_contrato": "Suministros"}])}])
    assert not any("figura con NIT" in a for a in json.loads(api.datos_abiertos_json(otra))["avisos"])


def test_la_factura_que_el_plan_publica_aprobada_no_se_aprueba_otra_vez():
    # Antes: como entidad, «Faltan los datos de aprobación de la entidad… ningún error del proveedor», y lo único que
    # importaba («ya está Aprobado») iba en un aviso: la entidad podía aprobar (y pagar) dos veces la misma factura.
    filas = [{"id_del_contrato": ID, "id_de_pago": "98123402", "estado": "Aprobado", "numero_de_factura": "FEV1234",
              "valor_a_pagar": "11900000", "valor_total": "11900000"},
             {"id_del_contrato": ID, "id_de_pago": "98123403", "estado": "Pendiente Registro", "valor_a_pagar": "11900000"}]
    r = _json("contratos.json", textos={"p.json": json.dumps(filas)}, factura="FEV1234")
    [pago] = [c for c in r["solicitud"]["contrato"]["plan_de_pagos"] if c["id"] == "98123402"]
    assert pago["factura"] == "FEV1234" and r["solicitud"]["pago"]["id_pago"] == "98123402"
    solicitud = ejemplos.aplicar(ejemplos.cargar("tipica"), {"contrato": {**ejemplos.cargar("tipica")["contrato"],
                                                                         **r["solicitud"]["contrato"]},
                                                            "pago.id_pago": "98123402"})
    entidad = validar(ejemplos.separar(solicitud)[0], etapa="entidad", hoy=date(2026, 6, 10))
    assert {h.regla: h.severidad for h in entidad.hallazgos}.get("APR-009") == "error"
    assert entidad.titular == "La factura ya está aprobada en SECOP II: no la apruebe otra vez"
    proveedor = validar(ejemplos.separar(solicitud)[0], hoy=date(2026, 6, 10))
    assert {h.regla: h.severidad for h in proveedor.hallazgos}.get("APR-009") == "informacion"
    # Otra factura aprobada en ese pago no es esta.
    otra = ejemplos.aplicar(solicitud, {"factura.numero": "FEV1299", "factura.clave_tecnica": None})
    assert "APR-009" not in {h.regla for h in validar(ejemplos.separar(otra)[0], etapa="entidad", hoy=date(2026, 6, 10)).hallazgos}


# -- celdas que pueden leerse como otra cosa --------------------------------------------------------

def _csv_con(nombre, columna, valor, fila=0, separador=","):
    """El CSV de tests/checker/datos_abiertos/ con una celda cambiada (en la fila `fila`), con el separador dado."""
    filas = list(csv.DictReader(io.StringIO((DATOS / nombre).read_text(encoding="utf-8"))))
    filas[fila][columna] = valor
    salida = io.StringIO()
    escritor = csv.DictWriter(salida, list(filas[0]), delimiter=separador, lineterminator="\r\n")
    escritor.writeheader()
    escritor.writerows(filas)
    return salida.getvalue()


@pytest.mark.parametrize("nombre, columna, separador", [
    ("plan_de_pagos.csv", "id_de_pago", ";"), ("plan_de_pagos.csv", "id_de_pago", ","),
    ("plan_de_pagos.csv", "id_del_contrato", ";"), ("contratos.csv", "Nit Entidad", ";"),
    ("contratos.csv", "Documento Proveedor", ","),
])
def test_un_id_en_notacion_cientifica_de_excel_se_rechaza_nombrando_la_celda(nombre, columna, separador):
    # Antes, «9,81E+07» en todos los id_de_pago juntaba los pagos en uno («aparece 4 veces … como lo publica SECOP II»)
    # y la revisión seguía; un NIT así se dejaba vacío y se pedía a mano.
    texto = _csv_con(nombre, columna, "9,81E+07", fila=0, separador=separador)
    with pytest.raises(DatosNoValidos, match=r"línea 2, la columna \w+ dice «9,81E\+07»: Excel convirtió ese número en "
                                             r"notación científica.*formato «Texto»"):
        leer_archivo(nombre, texto)


@pytest.mark.parametrize("valor, separador", [("1.19E+07", ","), ("1,19E+07", ";"), ("1.19e7", ",")])
def test_un_valor_en_notacion_cientifica_se_rechaza_con_la_causa(valor, separador):
    # Antes, «1.19E+07» en un CSV con comas se leía como 11.900.000 sin decir nada (y pudo ser 11.934.500).
    [plan] = [leer_archivo("p.csv", _csv_con("plan_de_pagos.csv", "valor_a_pagar", valor, fila=2, separador=separador))]
    with pytest.raises(DatosNoValidos, match=r"valor_a_pagar del pago 98123403 está en notación científica: Excel"):
        combinar([plan], "FEV1234", id_contrato=ID)


@pytest.mark.parametrize("texto, decimal, miles", [("850.000", "$ 850,00", "$ 850.000,00"),
                                                   ("11.900", "$ 11,90", "$ 11.900,00"),
                                                   ("11,900", "$ 11,90", "$ 11.900,00")])
def test_un_valor_con_un_solo_grupo_de_tres_cifras_es_ambiguo_y_se_pide_corregir(texto, decimal, miles):
    # Antes, «850.000» en el JSON o en el CSV con comas se leía como $ 850 y «11.900» como $ 11,90, sin decirlo.
    with pytest.raises(DatosNoValidos, match=rf"«{re.escape(texto)}» de valor_total no es claro: .* es "
                                             rf"{re.escape(decimal)}; si separa los miles, {re.escape(miles)}"):
        datos_abiertos.dinero(texto, "valor_total")
    filas = json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
    filas[0]["valor_total"] = texto
    with pytest.raises(DatosNoValidos, match="valor_total del pago 98123401 no es claro"):
        combinar([leer_archivo("p.json", json.dumps(filas))], "FEV1234", id_contrato=ID)


def test_en_un_csv_de_excel_en_espanol_un_grupo_de_tres_cifras_es_de_miles():
    # Guardado de nuevo con Excel en español («;»): «850.000» es $ 850.000, como lo escribe Excel.
    [plan] = [leer_archivo("p.csv", _csv_con("plan_de_pagos.csv", "valor_a_pagar", "850.000", fila=2, separador=";"))]
    pago = next(c for c in combinar([plan], "FEV1234", id_contrato=ID).contrato["plan_de_pagos"] if c["id"] == "98123403")
    assert Decimal(pago["valor"]) == 850000


def test_un_contrato_y_el_plan_de_otro_contrato_se_detienen_nombrando_los_dos():
    # Antes: con el contrato de otro número, el plan se dejaba fuera y se revisaba con un contrato ajeno (NIT-002 falso,
    # o salida 0 sin plan).
    otro = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))
    otro[0]["id_contrato"] = "CO1.PCCNTR.2222222"
    plan = [f for f in json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
            if f["id_del_contrato"] == ID]
    archivos = [leer_archivo("c.json", json.dumps(otro)), leer_archivo("p.json", json.dumps(plan))]
    with pytest.raises(datos_abiertos.VariosContratos, match=r"el CO1\.PCCNTR\.2222222 y el plan de pagos es del "
                                                             r"contrato CO1\.PCCNTR\.1234567: son de contratos distintos"):
        combinar(archivos, "FEV1234")
    # Diciendo cuál, se revisa ese.
    assert combinar(archivos, "FEV1234", id_contrato=ID).contrato["numero"] == ID


@pytest.mark.parametrize("texto, dicho", [
    ("06/05/2026", "fecha_de_inicio_del_contrato «06/05/2026» se leyó como 5 de junio de 2026, mes/día, como lo "
                   "exporta el portal"),
])
def test_una_fecha_que_puede_leerse_de_dos_formas_dice_como_se_leyo(texto, dicho):
    texto_csv = _csv_con("contratos.csv", "Fecha de Inicio del Contrato", texto)
    r = combinar([leer_archivo("c.csv", texto_csv)])
    assert r.contrato["fecha_inicio"] == "2026-06-05"
    assert any(a.startswith(dicho) for a in r.avisos), r.avisos
    # Sin ambigüedad (11/30/2026) no se dice nada de esa fecha.
    assert not any("fecha_de_fin_del_contrato" in a for a in r.avisos)


def test_en_un_csv_de_excel_cada_fecha_dice_como_se_leyo():
    texto_csv = _csv_con("contratos.csv", "Fecha de Fin del Contrato", "30/11/2026", separador=";")
    r = combinar([leer_archivo("c.csv", texto_csv)])
    assert any(a.startswith("fecha_de_fin_del_contrato «30/11/2026» se leyó como 30 de noviembre de 2026, día/mes")
               and "Excel" in a for a in r.avisos), r.avisos


def test_una_fecha_con_el_año_en_dos_cifras_dice_como_corregirla():
    texto_csv = _csv_con("contratos.csv", "Fecha de Inicio del Contrato", "6/05/26", separador=";")
    with pytest.raises(DatosNoValidos, match=r"«6/05/26» de fecha_de_inicio_del_contrato trae el año con dos cifras.*"
                                             r"AAAA-MM-DD"):
        combinar([leer_archivo("c.csv", texto_csv)])


@pytest.mark.parametrize("cabecera, columna", [
    ("Nit Entidad", "NIT de la Entidad"), ("Valor del Contrato", "Valor Contrato"),
    ("Fecha de Inicio del Contrato", "Fecha Inicio del Contrato"), ("Documento Proveedor", "Documento del Proveedor"),
    ("ID Contrato", "Id Contrato"), ("TipoDocProveedor", "Tipo Documento Proveedor"),
])
def test_una_cabecera_escrita_de_otra_forma_se_reconoce(cabecera, columna):
    texto = (DATOS / "contratos.csv").read_text(encoding="utf-8").replace(cabecera, columna, 1)
    assert columna in texto.splitlines()[0]
    assert leer_archivo("c.csv", texto).filas == _leer("contratos.csv")[0].filas


def test_un_plan_con_id_pago_y_fecha_estimada_pago_no_se_toma_por_facturas():
    # Antes, «ID Pago» sin «id_de_pago» ni «fecha_estimada_de_pago» exactos era «SECOP II - Facturas» y se dejaba fuera.
    texto = (DATOS / "plan_de_pagos.csv").read_text(encoding="utf-8")
    cabecera, resto = texto.split("\n", 1)
    cabecera = (cabecera.replace('"id_del_contrato"', '"ID Contrato"').replace('"id_de_pago"', '"ID Pago"')
                .replace('"fecha_estimada_de_pago"', '"Fecha Estimada Pago"'))
    archivo = leer_archivo("p.csv", cabecera + "\n" + resto)
    assert archivo.conjunto is datos_abiertos.PLAN_DE_PAGOS
    assert archivo.filas == _leer("plan_de_pagos.csv")[0].filas


def test_la_columna_que_falta_nombra_las_cabeceras_que_no_se_reconocieron():
    texto = (DATOS / "contratos.csv").read_text(encoding="utf-8").replace("Nit Entidad", "NIT Entidad Contratante", 1)
    with pytest.raises(DatosNoValidos, match=r"le falta la columna nit_entidad \(no se reconocieron: .*«NIT Entidad "
                                             r"Contratante»"):
        leer_archivo("c.csv", texto)


@pytest.mark.parametrize("columna", ["valor_a_pagar", "estado"])
def test_un_plan_json_sin_una_columna_en_ninguna_fila_lo_dice(columna):
    # Antes, sin valor_a_pagar: «Todos los pagos … tienen una factura aprobada o en trámite» (falso); sin estado, se
    # elegía un pago que ya tenía un número de factura.
    filas = [{k: v for k, v in f.items() if k != columna}
             for f in json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))]
    with pytest.raises(DatosNoValidos, match=rf"no trae la columna {columna} en ninguna de sus filas"):
        leer_archivo("p.json", json.dumps(filas))


def test_un_pago_con_numero_de_factura_y_sin_estado_esta_ocupado():
    filas = json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
    libres = [f for f in filas if not f.get("numero_de_factura")]
    del libres[0]["estado"]
    libres[0]["numero_de_factura"] = "FEV1199"
    r = combinar([leer_archivo("p.json", json.dumps(filas))], "FEV9999", id_contrato=ID)
    assert r.id_pago != libres[0]["id_de_pago"]
    assert any(a.startswith(f"El pago {libres[0]['id_de_pago']} no dice su estado y tiene la factura «FEV1199»")
               for a in r.avisos), r.avisos


@pytest.mark.parametrize("escrito", ["co1.pccntr.1234567 ", " CO1.PCCNTR.1234567", "Co1.Pccntr.1234567"])
def test_el_id_del_contrato_en_minusculas_o_con_espacios_arma_los_enlaces(escrito):
    assert datos_abiertos.enlaces(escrito) == datos_abiertos.enlaces(ID)
    # El campo de la página acepta lo mismo (su atributo pattern sale de aquí).
    assert re.fullmatch(datos_abiertos.PATRON_ID_CONTRATO_ESCRITO, escrito)
    assert not re.fullmatch(datos_abiertos.PATRON_ID_CONTRATO_ESCRITO, "CO1.PCCNTR.12 34")
