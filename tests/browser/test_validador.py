"""El validador en Chromium real: formulario, XML, errores, ejemplos para formadores y privacidad."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest

from checker import ejemplos, validar
from tests.conftest import PDF_DE_EJEMPLO, como_excel, como_zip, zip_del_correo

RAIZ = Path(__file__).resolve().parents[2]
XML = RAIZ / "tests" / "checker" / "xml"
# Datos que solo existen en lo que escribe o carga el proveedor: no deben viajar en ningún pedido.
PRIVADOS = ("901234567", "800100200", "FEV1234", "CO1.PCCNTR", "RP-2026-0345", "2026-ER-004512")
ESPERA = 60_000  # ms; en CI (2 núcleos) el primer arranque de Pyodide puede tardar


def _abrir(pagina, servidor, fragmento=""):
    pagina.goto(f"{servidor}/validador/{fragmento}")
    pagina.wait_for_selector("[data-validador][data-estado=listo], [data-validador][data-estado=resultado]", timeout=ESPERA)
    return pagina.locator("[data-validador]")


def _planos(datos, prefijo=""):
    """{"a": {"b": [{"c": 1}]}} -> [("a.b.0.c", 1)] en el orden del documento."""
    if isinstance(datos, dict):
        for clave, valor in datos.items():
            yield from _planos(valor, f"{prefijo}.{clave}" if prefijo else clave)
    elif isinstance(datos, list) and datos and isinstance(datos[0], dict):
        for i, valor in enumerate(datos):
            yield from _planos(valor, f"{prefijo}.{i}")
    else:
        yield prefijo, datos


def _abrir_plegados(pagina):
    """Abre «Más datos…» como lo haría una persona que va a escribir ahí (lo opcional viene plegado)."""
    for resumen in pagina.locator("[data-formulario] details:not([open]) > summary").all():
        if resumen.is_visible():
            resumen.click()
    if pagina.locator("[data-formulario] details:not([open]) > summary:visible").count():
        _abrir_plegados(pagina)


def _llenar_a_mano(pagina, caso):
    """Llena el formulario como una persona: abre lo plegado, agrega filas y escribe cada dato en su campo."""
    _abrir_plegados(pagina)
    for ruta, filas in (("contrato.plan_de_pagos", caso["contrato"].get("plan_de_pagos", [])),
                        ("contrato.entregas", caso["contrato"].get("entregas", [])),
                        ("factura.lineas", caso["factura"].get("lineas", [])),
                        ("factura.impuestos", caso["factura"].get("impuestos", []))):
        for _ in filas:
            pagina.locator(f"[data-lista='{ruta}'] > [data-agregar]").click()
    for ruta, valor in _planos(caso):
        if valor is None:
            continue
        campo = pagina.locator(f"[name='{ruta}']")
        tipo = campo.get_attribute("data-tipo")
        if tipo == "booleano":
            campo.set_checked(bool(valor))
        elif tipo == "opcion":
            campo.select_option(str(valor))
        else:
            campo.fill(", ".join(valor) if isinstance(valor, list) else str(valor))


def _validar(pagina):
    pagina.locator("[data-validar]").click()
    pagina.wait_for_selector("[data-validador][data-estado=resultado]", timeout=ESPERA)
    informe = pagina.locator("[data-informe]")
    return informe.get_attribute("data-aprobable"), informe.locator("[data-regla]").evaluate_all(
        "xs => xs.map(x => x.dataset.regla)")


def _sin_fugas(pagina):
    red = pagina.red
    assert red.externos == [], red.externos
    for pedido in red.registro:
        texto = unquote(pedido["url"]) + (pedido["cuerpo"] or "")
        assert pedido["metodo"] == "GET", pedido
        assert not any(p in texto for p in PRIVADOS), pedido


@pytest.fixture
def pagina_privada(pagina):
    """La página, registrando método, URL y cuerpo de cada pedido (también los del worker)."""
    registro = []
    pagina.context.on("request", lambda r: registro.append({"metodo": r.method, "url": r.url, "cuerpo": r.post_data}))
    pagina.red.registro = registro
    yield pagina
    _sin_fugas(pagina)


def test_la_pagina_arranca_cargando_y_el_formulario_se_puede_usar_ya(pagina_privada, servidor):
    pagina_privada.goto(f"{servidor}/validador/", wait_until="commit")
    pagina_privada.wait_for_selector("[data-formulario]")
    assert pagina_privada.locator("[data-validador]").get_attribute("data-estado") == "cargando"
    pagina_privada.locator("[name='contrato.numero']").fill("CO1.PCCNTR.1234567")
    pagina_privada.wait_for_selector("[data-validador][data-estado=listo]", timeout=ESPERA)
    assert pagina_privada.locator("[name='contrato.numero']").input_value() == "CO1.PCCNTR.1234567"
    assert "listo" in pagina_privada.locator("[data-progreso]").inner_text()


def test_un_caso_valido_llenado_a_mano_es_aprobable(pagina_privada, servidor):
    _abrir(pagina_privada, servidor)
    _llenar_a_mano(pagina_privada, ejemplos.cargar("tipica"))
    aprobable, reglas = _validar(pagina_privada)
    assert (aprobable, reglas) == ("true", [])
    assert "parece aprobable" in pagina_privada.locator("[data-informe] h2").inner_text()


def test_un_xml_con_dv_errado_da_el_hallazgo_nit_001_que_lleva_al_campo(pagina_privada, servidor):
    _abrir(pagina_privada, servidor)
    pagina_privada.locator("[data-archivo-json]").set_input_files(str(RAIZ / "checker" / "ejemplos" / "tipica.json"))
    pagina_privada.locator("[data-archivo-xml]").set_input_files(str(XML / "nit-errado.xml"))
    pagina_privada.wait_for_function("() => document.querySelector(\"[name='factura.proveedor.dv']\").value === '5'", timeout=ESPERA)
    assert pagina_privada.locator("[name='factura.clave_tecnica']").input_value(), "la clave técnica se conserva"
    aprobable, reglas = _validar(pagina_privada)
    assert (aprobable, reglas) == ("false", ["NIT-001"])
    hallazgo = pagina_privada.locator("[data-regla='NIT-001']")
    assert "le corresponde 7" in hallazgo.inner_text()
    enlace = hallazgo.locator("a", has_text="Regla NIT-001")
    assert enlace.get_attribute("href").endswith("/reglas/#nit-001")
    # La regla se abre en otra pestaña: quien la lee vuelve a su formulario y a su informe tal como los dejó.
    assert enlace.get_attribute("target") == "_blank" and "noopener" in enlace.get_attribute("rel")
    assert "se abre en otra pestaña" in enlace.inner_text()
    with pagina_privada.context.expect_page() as otra:
        enlace.click()
    otra.value.wait_for_load_state()
    assert otra.value.url.endswith("/reglas/#nit-001")
    otra.value.close()
    assert pagina_privada.locator("[name='factura.proveedor.dv']").input_value() == "5"
    assert pagina_privada.locator("[data-informe] [data-regla='NIT-001']").count() == 1
    hallazgo.locator("[data-campo]").click()
    assert pagina_privada.evaluate("document.activeElement.name") == "factura.proveedor.dv"


def test_soltar_un_xml_malformado_da_un_mensaje_claro_y_todo_sigue_funcionando(pagina_privada, servidor):
    raiz = _abrir(pagina_privada, servidor)
    pagina_privada.locator("[data-archivo-json]").set_input_files(str(RAIZ / "checker" / "ejemplos" / "tipica.json"))
    pagina_privada.wait_for_function("() => document.querySelector(\"[name='factura.numero']\").value === 'FEV1234'")
    contenido = (XML / "malformada.xml").read_text(encoding="utf-8")
    transferencia = pagina_privada.evaluate_handle(
        """texto => { const dt = new DataTransfer();
                      dt.items.add(new File([texto], "factura-rota.xml", { type: "text/xml" })); return dt; }""", contenido)
    raiz.dispatch_event("drop", {"dataTransfer": transferencia})
    pagina_privada.wait_for_selector("[data-validador][data-estado=error]", timeout=ESPERA)
    mensaje = pagina_privada.locator("[data-mensaje]").inner_text()
    assert "factura-rota.xml" in mensaje and "mal formado" in mensaje and "Traceback" not in mensaje
    assert pagina_privada.locator("[name='factura.numero']").input_value() == "FEV1234", "el formulario se conserva"
    # El worker sigue sirviendo: un XML hostil, y luego una validación normal.
    pagina_privada.locator("[data-archivo-xml]").set_input_files(str(XML / "bomba.xml"))
    pagina_privada.wait_for_function("() => document.querySelector('[data-mensaje]').textContent.includes('DOCTYPE')")
    assert _validar(pagina_privada) == ("true", [])


def test_el_enlace_de_un_formador_abre_el_ejemplo_y_lo_valida(pagina_privada, servidor):
    pagina_privada.goto(f"{servidor}/validador/#ejemplo=factura-rechazada")
    pagina_privada.wait_for_selector("[data-validador][data-estado=resultado]", timeout=ESPERA)
    informe = pagina_privada.locator("[data-informe]")
    assert informe.get_attribute("data-aprobable") == "false"
    assert sorted(informe.locator("[data-regla]").evaluate_all("xs => xs.map(x => x.dataset.regla)")) == ["APR-006", "NIT-001"]
    assert pagina_privada.locator("[name='factura.proveedor.dv']").input_value() == "5"
    # Y dice qué ejemplo se cargó, junto al informe (antes el aviso se borraba al llegar el informe).
    pagina_privada.wait_for_function(
        "() => /Ejemplo «factura-rechazada» cargado/.test(document.querySelector('[data-mensaje]').textContent)",
        timeout=ESPERA)


def test_el_motor_empieza_a_calcular_cuando_el_ejemplo_ya_esta_lleno(contexto, servidor):
    # El ejemplo tarda en llegar (aquí, 800 ms a propósito): el worker no compila ni inicia Python
    # hasta que la página lo llenó, para no competir con ella. Se mira el formulario en el momento
    # en que la página le da paso al motor (la marca validador:empezar).
    contexto.add_init_script("""(() => {
      const traer = window.fetch;
      window.fetch = (url, opciones) => String(url).includes("/ejemplos/")
        ? new Promise((seguir) => setTimeout(seguir, 800)).then(() => traer(url, opciones)) : traer(url, opciones);
      const marcar = performance.mark.bind(performance);
      performance.mark = (nombre, opciones) => {
        if (nombre === "validador:empezar") window.__alEmpezar = document.querySelector("[name='contrato.numero']").value;
        return marcar(nombre, opciones);
      };
    })();""")
    pagina = contexto.new_page()
    pagina.goto(f"{servidor}/validador/#ejemplo=tipica")
    pagina.wait_for_selector("[data-validador][data-estado=resultado]", timeout=ESPERA)
    assert pagina.evaluate("window.__alEmpezar") == ejemplos.cargar("tipica")["contrato"]["numero"]
    assert pagina.locator("[data-informe]").get_attribute("data-aprobable") == "true"


def test_la_revision_se_pide_antes_de_que_el_motor_este_listo(contexto, servidor):
    # El pedido sale apenas el ejemplo está lleno, y el worker lo atiende al quedar listo: la página no
    # tiene que recibir «listo» y volver a escribirle (en una pestaña nueva su hilo puede estar ocupado).
    contexto.add_init_script("""(() => {
      const enviar = Worker.prototype.postMessage;
      window.__pedidos = [];
      document.addEventListener("validador:listo", () => window.__pedidos.push("listo"));
      Worker.prototype.postMessage = function (datos, ...resto) {
        if (datos && datos.tipo === "validar_entrada") window.__pedidos.push("validar_entrada");
        return enviar.call(this, datos, ...resto);
      };
    })();""")
    pagina = contexto.new_page()
    pagina.goto(f"{servidor}/validador/#ejemplo=tipica")
    pagina.wait_for_selector("[data-validador][data-estado=resultado]", timeout=ESPERA)
    assert pagina.evaluate("window.__pedidos") == ["validar_entrada", "listo"]
    assert pagina.locator("[data-informe]").get_attribute("data-aprobable") == "true"


# Cada letra distinta (familia, tamaño, peso, estilo) de un texto diseñado y visible dentro de `raiz`.
_LETRAS = """(raiz) => { const r = new Set();
  const w = document.createTreeWalker(document.querySelector(raiz), NodeFilter.SHOW_TEXT);
  for (let n; (n = w.nextNode());) { const el = n.parentElement;
    if (!n.textContent.trim() || !el.getClientRects().length) continue;
    const c = getComputedStyle(el); if (c.visibility === "hidden") continue;
    r.add([c.fontFamily, c.fontSize, c.fontWeight, c.fontStyle].join("|")); }
  return [...r]; }"""


def test_el_informe_no_estrena_letras_que_la_pagina_no_haya_disenado_antes(pagina, servidor):
    # La primera vez que un proceso del navegador dibuja una letra, su diseño espera al proceso principal
    # (medido en una pestaña nueva: 37–125 ms dentro del informe). Las del informe se diseñan al montar.
    _abrir(pagina, servidor)
    antes = set(pagina.evaluate(_LETRAS, "body"))
    nuevas = {}
    for ejemplo, modo in (("factura-rechazada", "completo"), ("solo-factura", "solo_factura"), ("datos-abiertos", "completo")):
        pagina.goto("about:blank")
        pagina.goto(f"{servidor}/validador/#ejemplo={ejemplo}")
        _esperar_informe(pagina, modo)
        nuevas[ejemplo] = sorted(set(pagina.evaluate(_LETRAS, "[data-informe]")) - antes)
    assert nuevas == {e: [] for e in nuevas}


def test_un_ejemplo_que_no_existe_lo_dice_y_el_motor_arranca_igual(pagina, servidor):
    pedidos = []
    pagina.on("request", lambda r: pedidos.append(r.url))
    pagina.goto(f"{servidor}/validador/#ejemplo=no-existe")
    pagina.wait_for_selector("[data-validador][data-estado=error]", timeout=ESPERA)
    assert "No existe el ejemplo «no-existe»" in pagina.locator("[data-mensaje]").inner_text()
    # No se pide al servidor (antes, un 404 en la consola de quien abrió el enlace mal escrito); tampoco «archivos»,
    # la carpeta de los archivos de los ejemplos.
    assert not [u for u in pedidos if "/ejemplos/" in u]
    pagina.goto("about:blank")
    pagina.goto(f"{servidor}/validador/#ejemplo=archivos")
    pagina.wait_for_selector("[data-validador][data-estado=error]", timeout=ESPERA)
    assert not [u for u in pedidos if "/ejemplos/" in u]
    pagina.wait_for_function("() => performance.getEntriesByName('validador:empezar').length === 1", timeout=ESPERA)
    _llenar_a_mano(pagina, ejemplos.cargar("tipica"))
    assert _validar(pagina) == ("true", [])


@pytest.mark.parametrize("escrito, modo", [("Tipica", "completo"), ("T%C3%ADpica", "completo"), ("solo%20factura", "solo_factura")])
def test_un_enlace_de_ejemplo_con_mayusculas_tildes_o_espacios_abre_el_ejemplo(pagina, servidor, escrito, modo):
    # Quien arma el enlace en una diapositiva escribe «Típica» o «solo factura»: antes la página quedaba quieta.
    pagina.goto(f"{servidor}/validador/#ejemplo={escrito}")
    _esperar_informe(pagina, modo)


def test_un_ejemplo_con_caracteres_raros_dice_que_no_existe(pagina, servidor):
    pagina.goto(f"{servidor}/validador/#ejemplo=t%C3%ADpica!")
    pagina.wait_for_selector("[data-validador][data-estado=error]", timeout=ESPERA)
    assert "No existe el ejemplo «típica!»" in pagina.locator("[data-mensaje]").inner_text()


def test_guardar_y_volver_a_cargar_da_la_misma_solicitud(pagina_privada, servidor, tmp_path):
    _abrir(pagina_privada, servidor)
    original = ejemplos.cargar("persona-natural")
    pagina_privada.locator("[data-archivo-json]").set_input_files(str(RAIZ / "checker" / "ejemplos" / "persona-natural.json"))
    pagina_privada.wait_for_function("() => document.querySelector(\"[name='factura.numero']\").value === 'CC-04'")
    with pagina_privada.expect_download() as descarga:
        pagina_privada.locator("[data-guardar]").click()
    guardada = json.loads(Path(descarga.value.path()).read_text(encoding="utf-8"))
    hoy = date(2026, 11, 24)
    assert validar(guardada, hoy=hoy).model_dump() == validar(original, hoy=hoy).model_dump()
    assert len(guardada["contrato"]["plan_de_pagos"]) == 9 and guardada["pago"]["soportes"] == original["pago"]["soportes"]


def test_corregir_a_mano_otro_dato_no_borra_el_rechazo_de_la_dian_ni_al_guardar(pagina_privada, servidor, tmp_path):
    # Antes: corregir a mano cualquier dato de la factura dejaba de usar el XML y, con él, su respuesta de la DIAN: el
    # informe pasaba a «parece aprobable» y «no viene en el archivo»; la solicitud guardada tampoco la traía.
    _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, XML / "attached-rechazada.xml", DATOS / "contratos.json", DATOS / "plan_de_pagos.json")
    _esperar_informe(pagina_privada, "completo")
    _abrir_plegados(pagina_privada)
    pagina_privada.locator("[name='pago.numero_radicacion']").fill("2026-ER-004512")
    aprobable, reglas = _validar(pagina_privada)
    assert aprobable == "false" and "DIAN-001" in reglas
    pagina_privada.locator("[name='factura.proveedor.nombre']").fill("Suministros Andinos de Ejemplo SAS")
    aprobable, reglas = _validar(pagina_privada)
    assert aprobable == "false" and "DIAN-001" in reglas
    assert "rechazada" in pagina_privada.locator("[data-respuesta-dian], [data-informe]").first.inner_text().lower()
    with pagina_privada.expect_download() as descarga:
        pagina_privada.locator("[data-guardar]").click()
    guardada = json.loads(Path(descarga.value.path()).read_text(encoding="utf-8"))
    assert guardada["factura"]["respuesta_dian"]["estado"] == "rechazada"
    assert guardada["factura"]["documento_xml"] == "AttachedDocument"
    assert guardada["factura"]["proveedor"]["nombre"] == "Suministros Andinos de Ejemplo SAS"
    # La solicitud guardada, cargada de nuevo (también como la entidad): el rechazo sigue.
    (tmp_path / "guardada.json").write_text(json.dumps(guardada), encoding="utf-8")
    _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, tmp_path / "guardada.json")
    informe = _esperar_informe(pagina_privada, "completo")
    assert informe.get_attribute("data-aprobable") == "false" and "DIAN-001" in _reglas(pagina_privada)
    # Y vuelve a salir tal cual al guardarla otra vez.
    with pagina_privada.expect_download() as descarga:
        pagina_privada.locator("[data-guardar]").click()
    assert json.loads(Path(descarga.value.path()).read_text(encoding="utf-8"))["factura"]["respuesta_dian"] == guardada["factura"]["respuesta_dian"]


def test_el_informe_no_le_quita_el_foco_a_quien_escribe_o_elige(pagina_privada, servidor):
    # Antes: el informe que llegaba mientras la persona escribía el número del contrato se llevaba el foco (y las
    # teclas siguientes); con «¿Quién revisa?», la flecha siguiente movía la página en vez de la opción.
    raiz = _abrir(pagina_privada, servidor)
    campo = raiz.locator("[data-id-contrato]")
    campo.click()
    pagina_privada.keyboard.type("CO1.PCCNTR.12")
    _soltar(pagina_privada, XML / "factura.xml")  # el evento de soltar no mueve el foco
    _esperar_informe(pagina_privada, "solo_factura")
    pagina_privada.keyboard.type("34567")
    assert campo.input_value() == "CO1.PCCNTR.1234567"
    assert pagina_privada.evaluate("document.activeElement.matches('[data-id-contrato]')")
    proveedor = raiz.locator("[data-quien-revisa] input[value=proveedor]")
    proveedor.focus()
    pagina_privada.keyboard.press("ArrowDown")
    pagina_privada.wait_for_selector("[data-informe][data-etapa=entidad]", timeout=ESPERA)
    assert pagina_privada.evaluate("document.activeElement.value") == "entidad"
    pagina_privada.keyboard.press("ArrowUp")
    pagina_privada.wait_for_selector("[data-informe][data-etapa=proveedor]", timeout=ESPERA)
    # Ni a quien abre «Más datos…» con el teclado (un summary) mientras llega el informe de unos archivos (antes, el
    # foco y la vista saltaban al informe).
    mas = raiz.locator("[data-formulario] summary").first
    mas.focus()
    _soltar(pagina_privada, XML / "attached-validada.xml")
    pagina_privada.wait_for_function(
        "() => /attached-validada/.test(document.querySelector('[data-mensaje]').textContent)", timeout=ESPERA)
    assert pagina_privada.evaluate("document.activeElement.tagName") == "SUMMARY"
    # «Validar» sí lleva al informe (quien lo pulsa quiere leerlo), y Enter en un campo, que también es pedirlo.
    _validar(pagina_privada)
    assert pagina_privada.evaluate("document.activeElement.matches('[data-informe]')")
    _abrir_plegados(pagina_privada)
    campo = pagina_privada.locator("[name='factura.proveedor.nombre']")
    campo.fill("Suministros Andinos")
    campo.press("Enter")
    pagina_privada.wait_for_function("() => document.activeElement.matches('[data-informe]')", timeout=ESPERA)


def test_quitar_una_fila_renumera_las_siguientes(pagina, servidor):
    _abrir(pagina, servidor)
    _abrir_plegados(pagina)
    lista = pagina.locator("[data-lista='contrato.entregas']")
    for _ in range(3):
        lista.locator("> [data-agregar]").click()
    pagina.locator("[name='contrato.entregas.2.id']").fill("Tercera")
    lista.locator("[data-quitar]").first.click()
    assert pagina.locator("[name='contrato.entregas.1.id']").input_value() == "Tercera"
    assert pagina.locator("[name='contrato.entregas.2.id']").count() == 0
    assert lista.locator("[data-numero]").all_inner_texts() == ["1", "2"]


def test_otras_paginas_no_descargan_el_motor(pagina, servidor):
    for url in ("/", "/procedimientos/enviar-solicitud-de-pago/", "/reglas/"):
        pagina.goto(servidor + url, wait_until="networkidle")
    # Ni la página ni la copia del sitio sin conexión (service worker) bajan el motor; el módulo del
    # validador solo va en esa copia, en segundo plano.
    assert not [u for u in pagina.red.pedidos if "/validador/motor/" in u]
    de_la_pagina = [u for u in pagina.red.pedidos if u not in pagina.red.de_fondo]
    assert not [u for u in de_la_pagina if "/assets/validador/" in u and not u.endswith(".css")]


def test_pasar_por_un_enlace_al_validador_adelanta_la_descarga_del_motor(pagina, servidor):
    pagina.goto(servidor + "/", wait_until="networkidle")
    assert not [u for u in pagina.red.pedidos if "/validador/motor/" in u]
    enlace = pagina.get_by_role("link", name="Validar la factura antes de enviarla")
    enlace.hover()
    pagina.wait_for_function(
        "() => document.querySelectorAll('link[rel=prefetch][href*=\"/validador/motor/\"]').length > 5", timeout=10_000)
    pagina.wait_for_timeout(500)
    assert any(u.endswith("pyodide.asm.wasm") for u in pagina.red.pedidos)
    assert any("/ruedas/" in u for u in pagina.red.pedidos)


GRUPOS = "[data-formulario] > fieldset"
TAMANOS = "xs => xs.map(x => x.offsetHeight > 0)"


def test_el_primer_grupo_se_pinta_con_la_pagina_y_los_demas_cuando_el_tema_termina(contexto, servidor):
    # Al llegar DOMContentLoaded (el tema aún no inicia la página) solo el primer grupo tiene tamaño;
    # al terminar la carga están todos, sin el atributo que los retenía.
    contexto.add_init_script("""document.addEventListener("DOMContentLoaded", () => {
      window.__alLeer = {
        preparando: document.querySelector("[data-validador]").hasAttribute("data-preparando"),
        grupos: [...document.querySelectorAll("[data-formulario] > fieldset")].map(x => x.offsetHeight > 0),
      };
    });""")
    pagina = contexto.new_page()
    pagina.goto(f"{servidor}/validador/")
    pagina.wait_for_selector("[data-validador][data-estado=listo]", timeout=ESPERA)
    assert pagina.evaluate("window.__alLeer") == {"preparando": True, "grupos": [True, False, False]}
    assert pagina.locator("[data-validador]").get_attribute("data-preparando") is None
    assert pagina.locator(GRUPOS).evaluate_all(TAMANOS) == [True, True, True]
    assert pagina.locator("[data-validar]").is_visible()


def test_sin_javascript_el_formulario_se_ve_completo(navegador, servidor):
    ctx = navegador.new_context(java_script_enabled=False)
    try:
        pagina = ctx.new_page()
        pagina.goto(f"{servidor}/validador/")
        assert pagina.locator("[data-validador]").get_attribute("data-preparando") is None
        assert all(pagina.locator(GRUPOS).nth(i).is_visible() for i in range(3))
    finally:
        ctx.close()


def test_llegar_por_la_navegacion_instantanea_muestra_el_formulario_completo(pagina, servidor, sitio):
    # Material solo navega sin recargar a las URL de sitemap.xml, que lleva el puerto de site_url;
    # en producción es el del sitio: aquí se sirve con el del servidor de las pruebas.
    mapa = (sitio / "sitemap.xml").read_text(encoding="utf-8")
    pagina.route("**/sitemap.xml", lambda r: r.fulfill(
        body=mapa.replace("http://127.0.0.1:8000", servidor), content_type="application/xml"))
    motores = []
    pagina.on("worker", lambda w: motores.append(w.url) if "trabajador.js" in w.url else None)
    pagina.goto(f"{servidor}/")
    pagina.evaluate("window.__mismaCarga = true")  # sigue ahí solo si la página no se recargó
    for destino in ("validador/", "reglas/", "validador/"):
        pagina.locator(f"a[href$='{destino}']:visible").first.click()
        pagina.wait_for_url(f"**/{destino}")
    pagina.wait_for_selector("[data-validador][data-estado=listo]", timeout=ESPERA)
    assert pagina.evaluate("window.__mismaCarga") is True
    assert pagina.locator(GRUPOS).evaluate_all(TAMANOS) == [True, True, True]
    # Material vuelve a correr los scripts del contenido al navegar: el motor se crea una sola vez.
    pagina.wait_for_timeout(500)  # deja llegar el aviso de un worker creado al final
    assert len(motores) == 1, motores
    assert pagina.errores == []


def test_si_el_worker_no_llega_la_pagina_lo_dice_y_validar_no_queda_esperando(contexto, servidor):
    contexto.route("**/validador/trabajador.js", lambda r: r.fulfill(status=404, body="no está"))
    pagina = contexto.new_page()
    pagina.goto(f"{servidor}/validador/")
    pagina.wait_for_selector("[data-validador][data-estado=error]", timeout=ESPERA)
    assert "No se pudo preparar el validador" in pagina.locator("[data-progreso]").inner_text()
    pagina.locator("[data-validar]").click()
    mensaje = pagina.locator("[data-mensaje]")
    mensaje.wait_for(state="visible")
    assert "recargue la página" in mensaje.inner_text()


# -- La factura primero; el contrato desde los datos abiertos (issue 14) --------------------------------------

DATOS = RAIZ / "tests" / "checker" / "datos_abiertos"
ID_CONTRATO = "CO1.PCCNTR.1234567"


def _reglas(pagina, selector="[data-informe]"):
    return sorted(pagina.locator(f"{selector}[data-regla], {selector} [data-regla]").evaluate_all("xs => xs.map(x => x.dataset.regla)"))


def _esperar_informe(pagina, modo):
    pagina.wait_for_selector(f"[data-validador][data-estado=resultado] [data-informe][data-modo={modo}]", timeout=ESPERA)
    return pagina.locator("[data-informe]")


def _soltar(pagina, *rutas):
    """Suelta archivos sobre la página como lo hace una persona (un evento drop con su DataTransfer)."""
    archivos = [{"nombre": r.name, "texto": r.read_text(encoding="utf-8")} for r in rutas]
    transferencia = pagina.evaluate_handle("""archivos => { const dt = new DataTransfer();
        for (const a of archivos) dt.items.add(new File([a.texto], a.nombre)); return dt; }""", archivos)
    pagina.locator("[data-validador]").dispatch_event("drop", {"dataTransfer": transferencia})


def test_soltar_solo_el_xml_da_el_informe_de_la_factura_sin_tocar_el_formulario(pagina_privada, servidor):
    pagina_privada.goto(f"{servidor}/validador/", wait_until="commit")
    pagina_privada.wait_for_selector("[data-validador] [data-archivos]")
    # Se suelta en cuanto se ve la página, sin esperar al motor: el informe llega cuando esté listo.
    _soltar(pagina_privada, XML / "factura.xml")
    informe = _esperar_informe(pagina_privada, "solo_factura")
    assert informe.get_attribute("data-aprobable") == "true"
    assert "La factura no tiene errores" in informe.locator("h2").inner_text()
    assert pagina_privada.locator("[name='factura.numero']").input_value() == "FEV1234"
    assert pagina_privada.locator("[name='contrato.numero']").input_value() == ""
    # El informe dice qué espera el contrato y ofrece agregarlo.
    sin_revisar = informe.locator("[data-sin-revisar]")
    assert {"NIT", "MON", "FEC"} <= set(sin_revisar.locator("[data-grupo]").evaluate_all("xs => xs.map(x => x.dataset.grupo)"))
    # Juntos según lo que esperan: el contrato se describe en dos de esas listas, no en cada grupo.
    faltas = sin_revisar.locator("[data-falta]").all_inner_texts()
    assert len(faltas) == len(set(faltas)) < sin_revisar.locator("[data-grupo]").count()
    assert sin_revisar.inner_text().count("número, entidad, contratista, valor, fechas y plan de pagos") == 2
    sin_revisar.locator("[data-agregar-contrato]").click()
    assert pagina_privada.evaluate("document.activeElement.matches('[data-id-contrato]')")
    assert "Lo que usted debe corregir" not in informe.inner_text()


def test_un_hallazgo_de_un_dato_que_solo_trae_el_xml_no_ofrece_ir_a_un_campo(pagina_privada, servidor):
    _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, XML / "attached-validada.xml")
    informe = _esperar_informe(pagina_privada, "solo_factura")
    # Las notificaciones de la DIAN vienen del XML: no hay campo al que ir, y una información también se «revisa».
    notificaciones = informe.locator("[data-regla='DIAN-002']")
    assert "RUT01" in notificaciones.inner_text() and notificaciones.locator("[data-campo]").count() == 0
    assert "Lo que usted debe corregir o revisar (1)" in informe.inner_text()


def test_una_exportacion_con_el_documento_extranjero_del_cliente_da_informe_y_se_valida_de_nuevo(pagina_privada,
                                                                                                 servidor):
    # El documento con letras y guion del cliente del exterior llega al formulario como está y vuelve al motor igual
    # al pulsar «Validar»: antes, el motor respondía «El formato no es válido».
    _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, XML / "exportacion-cliente-extranjero.xml")
    informe = _esperar_informe(pagina_privada, "solo_factura")
    assert informe.get_attribute("data-aprobable") == "true"
    assert pagina_privada.locator("[name='factura.adquiriente.tipo_documento']").input_value() == "NITE"
    assert pagina_privada.locator("[name='factura.adquiriente.numero']").input_value() == "98-7654321"
    aprobable, _ = _validar(pagina_privada)
    assert aprobable == "true" and "No se pudo revisar" not in pagina_privada.locator("[data-informe] h2").inner_text()


def test_una_factura_con_tres_decimales_da_informe_sin_errores_y_se_valida_de_nuevo(pagina_privada, servidor):
    # «850.000» en el XML son ochocientos cincuenta pesos: ni al leer el archivo ni al volver del formulario con
    # «Validar» se convierten en ochocientos cincuenta mil (antes: MON-001, las líneas no sumaban el neto).
    _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, XML / "factura-tres-decimales.xml")
    informe = _esperar_informe(pagina_privada, "solo_factura")
    assert informe.get_attribute("data-aprobable") == "true", informe.inner_text()
    aprobable, _ = _validar(pagina_privada)
    assert aprobable == "true", pagina_privada.locator("[data-informe]").inner_text()
    assert pagina_privada.locator("[data-informe] [data-regla='MON-001']").count() == 0


def test_un_informe_que_ya_no_corresponde_lo_dice_y_vaciar_lo_quita(pagina_privada, servidor):
    # Tras un archivo que no se pudo usar, el informe de antes quedaba debajo del mensaje como si fuera del nuevo.
    raiz = _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, XML / "attached-rechazada.xml")
    informe = _esperar_informe(pagina_privada, "solo_factura")
    assert informe.get_attribute("data-desactualizado") is None
    _soltar(pagina_privada, XML / "malformada.xml")
    pagina_privada.wait_for_selector("[data-validador][data-estado=error]", timeout=ESPERA)
    assert "mal formado" in raiz.locator("[data-mensaje]").inner_text()
    assert informe.get_attribute("data-desactualizado") == ""
    assert "antes de estos archivos" in informe.locator(".v-desactualizado").inner_text()
    # «Validar» lo vuelve a hacer del formulario: el aviso se va.
    _validar(pagina_privada)
    assert informe.get_attribute("data-desactualizado") is None and informe.locator(".v-desactualizado").count() == 0
    # Un dato cambiado a mano, sin «Validar»: el informe dice que es de antes del cambio.
    _abrir_plegados(pagina_privada)
    pagina_privada.locator("[name='factura.numero']").fill("FEV9999")
    assert "antes de sus cambios" in informe.locator(".v-desactualizado").inner_text()
    # «Vaciar el formulario» quita también el informe.
    raiz.locator("[data-limpiar]").click()
    assert informe.is_hidden() and raiz.get_attribute("data-estado") == "listo"


def test_dos_facturas_distintas_a_la_vez_piden_una_y_la_misma_dos_veces_cuenta_una(pagina_privada, servidor):
    raiz = _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, XML / "factura-usd.xml", XML / "nota-credito.xml")
    pagina_privada.wait_for_selector("[data-validador][data-estado=error]", timeout=ESPERA)
    mensaje = raiz.locator("[data-mensaje]").inner_text()
    assert "2 facturas distintas" in mensaje and "«factura-usd.xml»" in mensaje and "No se cambió nada" in mensaje
    assert pagina_privada.locator("[name='factura.numero']").input_value() == ""
    _soltar(pagina_privada, XML / "factura.xml", XML / "factura.xml")
    informe = _esperar_informe(pagina_privada, "solo_factura")
    assert pagina_privada.locator("[name='factura.numero']").input_value() == "FEV1234"
    assert raiz.locator("[data-mensaje]").inner_text().count("Se llenaron los datos de la factura") == 1
    assert informe.get_attribute("data-aprobable") == "true"
    # La factura suelta y su AttachedDocument (el mismo número y CUFE, como llegan en el correo): una sola, la que
    # trae la respuesta de la DIAN.
    _soltar(pagina_privada, XML / "factura.xml", XML / "attached-validada.xml")
    pagina_privada.wait_for_selector("[data-informe] [data-respuesta-dian=validada]", timeout=ESPERA)
    assert "distintas" not in raiz.locator("[data-mensaje]").inner_text()
    assert "«attached-validada.xml»" in raiz.locator("[data-mensaje]").inner_text()
    # Dos AttachedDocument de la misma factura con respuestas distintas de la DIAN, o dos copias sueltas que no dicen lo
    # mismo (otro DV, que no entra en el CUFE): antes se usaba una según el orden, y el veredicto cambiaba con él.
    for par in ((XML / "attached-rechazada.xml", XML / "attached-validada.xml"), (XML / "nit-errado.xml", XML / "factura.xml")):
        for orden in (par, par[::-1]):
            raiz.locator("[data-limpiar]").click()
            _soltar(pagina_privada, *orden)
            pagina_privada.wait_for_selector("[data-validador][data-estado=error]", timeout=ESPERA)
            assert "2 facturas distintas" in raiz.locator("[data-mensaje]").inner_text(), orden


def test_un_xml_que_no_es_factura_junto_a_la_factura_se_deja_fuera_y_se_dice(pagina_privada, servidor):
    # Antes: «Llegaron 2 facturas distintas» con una sola factura y un XML dañado u otro documento (en el ZIP del correo
    # ya se usaba la factura).
    raiz = _abrir(pagina_privada, servidor)
    for otro, motivo in ((XML / "malformada.xml", "mal formado"), (XML / "no-dian.xml", "")):
        raiz.locator("[data-limpiar]").click()
        _soltar(pagina_privada, XML / "attached-validada.xml", otro)
        _esperar_informe(pagina_privada, "solo_factura")
        mensaje = raiz.locator("[data-mensaje]").inner_text()
        assert "distintas" not in mensaje and f"No se usó «{otro.name}»" in mensaje and motivo in mensaje, mensaje
        assert pagina_privada.locator("[name='factura.numero']").input_value() == "FEV1234"


def test_el_contrato_antes_que_la_factura_pide_la_factura_sin_rutas_del_json(pagina_privada, servidor):
    _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, DATOS / "contratos.json", DATOS / "plan_de_pagos.json")
    informe = _esperar_informe(pagina_privada, "completo")
    texto = informe.inner_text()
    assert "Falta la factura" in texto and "La factura:" in texto, texto
    assert "factura.numero" not in texto and ".;" not in texto
    informe.locator("[data-campo] button").click()
    assert pagina_privada.evaluate("document.activeElement.name").startswith("factura.")
    # Y con la factura, la revisión completa (el informe de antes ya estaba en «resultado»: se espera el nuevo).
    _soltar(pagina_privada, XML / "factura.xml")
    pagina_privada.wait_for_function("() => /FEV1234/.test(document.querySelector('[data-mensaje]').textContent)",
                                     timeout=ESPERA)
    informe = _esperar_informe(pagina_privada, "completo")
    assert "Falta la factura" not in informe.inner_text() and informe.locator("h2").inner_text() != "No se pudo revisar la solicitud"


def test_la_factura_con_solo_el_numero_del_contrato_sigue_con_su_informe_y_dice_que_falta(pagina_privada, servidor):
    # Antes: «No se pudo revisar la solicitud», NIT-001 desaparecía y «Número de documento: Falta este dato» salía
    # dos veces (entidad y contratista, sin distinguirlas).
    _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, XML / "nit-errado.xml")
    _esperar_informe(pagina_privada, "solo_factura")
    pagina_privada.locator("[name='contrato.numero']").fill("CO1.PCCNTR.1234567")
    _validar(pagina_privada)
    informe = pagina_privada.locator("[data-informe]")
    texto = informe.inner_text()
    assert informe.locator("[data-regla='NIT-001']").count() == 1 and "No se pudo revisar" not in texto
    assert "Para revisarla con el contrato, escriba o corrija estos datos:" in texto
    faltan = informe.locator(".v-entrada > li > span").all_inner_texts()
    assert len(faltan) == len(set(faltan)) and any("›" in f for f in faltan), faltan
    # Ayudas del formulario: en otra pestaña, como las del informe.
    ayuda = pagina_privada.locator("[data-formulario] .v-ayuda a[data-aparte]").first
    assert ayuda.get_attribute("target") == "_blank"


def test_como_entidad_el_contrato_a_medio_escribir_no_se_muestra_aprobable(pagina_privada, servidor):
    # Antes, como entidad, el informe de la factura sola seguía «aprobable» («La factura no tiene errores en lo que se
    # pudo revisar», data-aprobable=true) con el contrato a medio escribir, donde la CLI sale con 2: las reglas de
    # aprobación no corrieron. Ahora la página muestra el veredicto del motor, el mismo de la CLI.
    _abrir(pagina_privada, servidor, "?etapa=entidad")
    _soltar(pagina_privada, XML / "factura.xml")
    _esperar_informe(pagina_privada, "solo_factura")
    pagina_privada.locator("[name='contrato.numero']").fill("CO1.PCCNTR.1234567")
    assert _validar(pagina_privada)[0] == "false"
    informe = pagina_privada.locator("[data-informe]")
    assert informe.locator("h2").inner_text() == "Faltan datos del contrato para revisar la solicitud"
    texto = informe.inner_text()
    assert "no sirve para aprobar" in texto and "contrato sin revisar" in texto and "sin el contrato" not in texto
    assert "el contrato y el pago no se revisaron" in texto


def test_vaciar_mientras_los_archivos_esperan_al_motor_no_se_deshace(pagina_privada, servidor):
    # Se suelta en cuanto se ve la página y se vacía enseguida: cuando el motor queda listo, lo soltado antes de
    # vaciar no vuelve a llenar el formulario (antes volvía, con su informe).
    pagina_privada.goto(f"{servidor}/validador/", wait_until="commit")
    pagina_privada.wait_for_selector("[data-validador] [data-limpiar]")
    _soltar(pagina_privada, XML / "nit-errado.xml")
    pagina_privada.locator("[data-limpiar]").click()
    pagina_privada.wait_for_selector("[data-validador][data-estado=listo]", timeout=ESPERA)
    pagina_privada.wait_for_timeout(1500)
    assert pagina_privada.locator("[name='factura.numero']").input_value() == ""
    assert pagina_privada.locator("[data-informe]").is_hidden()


def test_vaciar_antes_de_que_cargue_el_script_descarta_lo_soltado(pagina_privada, servidor):
    # En una máquina lenta se suelta y se vacía antes de que llegue validador.js (se retiene aquí hasta después del
    # clic): al montarse no usa lo soltado antes de vaciar ni deja lo escrito antes del clic.
    retenidos = []
    pagina_privada.route("**/assets/validador/validador.js", lambda ruta: retenidos.append(ruta))
    pagina_privada.goto(f"{servidor}/validador/", wait_until="commit")
    pagina_privada.wait_for_selector("[data-validador] [data-limpiar]")
    pagina_privada.wait_for_function("() => document.readyState !== 'loading'")
    pagina_privada.locator("[name='contrato.numero']").fill("CO1.PCCNTR.1234567")
    _soltar(pagina_privada, XML / "nit-errado.xml")
    pagina_privada.locator("[data-limpiar]").click()
    assert pagina_privada.get_attribute("[data-validador]", "data-montado") is None
    pagina_privada.wait_for_timeout(200)
    assert len(retenidos) == 1  # el script no había llegado: lo de arriba pasó antes de montar
    retenidos[0].fallback()
    pagina_privada.wait_for_selector("[data-validador][data-estado=listo]", timeout=ESPERA)
    pagina_privada.wait_for_timeout(1500)
    assert pagina_privada.locator("[name='factura.numero']").input_value() == ""
    assert pagina_privada.locator("[name='contrato.numero']").input_value() == ""
    assert pagina_privada.locator("[data-informe]").is_hidden()
    # Lo que se suelta después del clic sí se usa.
    _soltar(pagina_privada, XML / "nit-errado.xml")
    _esperar_informe(pagina_privada, "solo_factura")


# Retiene en la página los pedidos de un tipo al worker hasta que la prueba los suelta.
RETENER_PEDIDOS = """(() => {
  window.__retenidos = [];
  const enviar = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (mensaje, ...resto) {
    if (window.__retener && mensaje && mensaje.tipo === window.__retener) {
      window.__retenidos.push(() => enviar.call(this, mensaje, ...resto));
      return;
    }
    return enviar.call(this, mensaje, ...resto);
  };
})();"""


@pytest.mark.parametrize("pedido, archivos", [
    ("leer_xml", [XML / "nit-errado.xml"]),
    ("datos_abiertos", [XML / "factura.xml", DATOS / "contratos.json", DATOS / "plan_de_pagos.json"]),
])
def test_vaciar_mientras_se_leen_los_archivos_no_los_usa(pagina_privada, servidor, pedido, archivos):
    # El motor ya está listo y el archivo se está leyendo (el pedido al worker se retiene) cuando se vacía: lo que
    # responde el worker después no llena el formulario (antes lo llenaba, sin informe).
    pagina_privada.add_init_script(RETENER_PEDIDOS)
    _abrir(pagina_privada, servidor)
    pagina_privada.evaluate("pedido => { window.__retener = pedido; }", pedido)
    _soltar(pagina_privada, *archivos)
    pagina_privada.wait_for_function("() => window.__retenidos.length > 0", timeout=ESPERA)
    pagina_privada.locator("[data-limpiar]").click()
    pagina_privada.evaluate("() => { window.__retener = null; window.__retenidos.splice(0).forEach((f) => f()); }")
    pagina_privada.wait_for_timeout(1500)
    for campo in ("factura.numero", "contrato.numero", "contrato.valor"):
        assert pagina_privada.locator(f"[name='{campo}']").input_value() == "", campo
    assert pagina_privada.locator("[data-informe]").is_hidden()
    assert pagina_privada.locator("[data-mensaje]").is_hidden() or not pagina_privada.locator("[data-mensaje]").inner_text()


def test_vaciar_tambien_olvida_el_numero_del_contrato_de_los_enlaces(pagina_privada, servidor):
    # Antes quedaba en el campo de los enlaces, y el plan soltado después se tomaba de ese contrato.
    _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, XML / "factura.xml", DATOS / "contratos.json", DATOS / "plan_de_pagos.json")
    _esperar_informe(pagina_privada, "completo")
    assert pagina_privada.locator("[data-id-contrato]").input_value() == ID_CONTRATO
    pagina_privada.locator("[data-limpiar]").click()
    assert pagina_privada.locator("[data-id-contrato]").input_value() == ""
    assert pagina_privada.locator("[data-enlaces]").is_hidden()
    # El plan solo (trae filas de dos contratos) vuelve a pedir el número, como en una página nueva.
    _soltar(pagina_privada, DATOS / "plan_de_pagos.json")
    pagina_privada.wait_for_function("() => /2 contratos/.test(document.querySelector('[data-mensaje]').textContent)",
                                     timeout=ESPERA)
    assert pagina_privada.locator("[name='contrato.numero']").input_value() == ""


def test_vaciar_mientras_se_revisa_no_deja_el_informe_de_lo_vaciado(pagina_privada, servidor):
    # La revisión ya salió hacia el motor (estado «validando») y se vacía: su informe no aparece después.
    _abrir(pagina_privada, servidor)
    pagina_privada.evaluate("""() => { const raiz = document.querySelector('[data-validador]');
        new MutationObserver(() => { if (raiz.dataset.estado === 'validando') raiz.querySelector('[data-limpiar]').click(); })
          .observe(raiz, { attributes: true, attributeFilter: ['data-estado'] }); }""")
    _soltar(pagina_privada, XML / "nit-errado.xml")
    pagina_privada.wait_for_selector("[data-validador][data-estado=listo]", timeout=ESPERA)
    pagina_privada.wait_for_timeout(1500)
    assert pagina_privada.get_attribute("[data-validador]", "data-estado") == "listo"
    assert pagina_privada.locator("[data-informe]").is_hidden()


def test_la_respuesta_de_la_dian_en_su_propio_archivo_se_suelta_con_la_factura(pagina_privada, servidor):
    _abrir(pagina_privada, servidor)
    # Sola, sin factura en el formulario: un mensaje que dice qué hacer.
    _soltar(pagina_privada, XML / "respuesta-rechazada.xml")
    pagina_privada.wait_for_selector("[data-validador][data-estado=error]", timeout=ESPERA)
    assert "junto con el XML de la factura" in pagina_privada.locator("[data-validador]").inner_text()
    # Con la factura: el informe dice que la DIAN la rechazó.
    _soltar(pagina_privada, XML / "factura.xml", XML / "respuesta-rechazada.xml")
    informe = _esperar_informe(pagina_privada, "solo_factura")
    assert informe.get_attribute("data-aprobable") == "false"
    assert informe.locator("[data-regla='DIAN-001']").count() == 1
    # «Validar» la vuelve a usar; otra factura la deja de lado (era de la anterior).
    assert _validar(pagina_privada)[0] == "false"
    _soltar(pagina_privada, XML / "factura.xml")
    informe = _esperar_informe(pagina_privada, "solo_factura")
    pagina_privada.locator("[data-informe] [data-regla='DIAN-001']").wait_for(state="detached", timeout=ESPERA)
    assert informe.get_attribute("data-aprobable") == "true"
    # Un AttachedDocument ya trae la suya: la de aparte no se usa, y la página lo dice.
    _soltar(pagina_privada, XML / "attached-validada.xml", XML / "respuesta-rechazada.xml")
    pagina_privada.locator("[data-validador]").get_by_text("No se usó «respuesta-rechazada.xml»").wait_for(timeout=ESPERA)
    informe = _esperar_informe(pagina_privada, "solo_factura")
    assert informe.locator("[data-regla='DIAN-001']").count() == 0 and informe.get_attribute("data-aprobable") == "true"


def test_la_respuesta_de_otra_factura_no_se_muestra_como_la_validacion_de_esta(pagina_privada, servidor, tmp_path):
    otra = tmp_path / "respuesta-otra.xml"
    otra.write_text((XML / "respuesta-validada.xml").read_text(encoding="utf-8").replace("FEV1234", "FEV9999")
                    .replace("0a24c2d678a9fa02", "ffffffffffffffff"), encoding="utf-8")
    _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, XML / "factura.xml", otra)
    informe = _esperar_informe(pagina_privada, "solo_factura")
    dian = informe.locator("[data-respuesta-dian]")
    assert dian.get_attribute("data-otro-documento") is not None
    assert "la cargada es de otro documento" in dian.inner_text() and "FEV9999" in dian.inner_text()
    assert informe.locator("[data-regla='DIAN-003']").count() == 1
    # La respuesta del servicio web de la DIAN (sobre SOAP) de esta factura se reconoce por su contenido; su
    # IsValid=false se advierte (DIAN-004), no se toma por un rechazo.
    _soltar(pagina_privada, XML / "factura.xml", XML / "respuesta-servicio-rechazada.xml")
    pagina_privada.locator("[data-informe] [data-regla='DIAN-004']").wait_for(timeout=ESPERA)
    assert informe.locator("[data-respuesta-dian]").get_attribute("data-respuesta-dian") == "otra"
    assert informe.locator("[data-regla='DIAN-001']").count() == 0


def test_un_caso_de_ejemplo_abierto_por_la_entidad_sigue_en_la_etapa_de_la_entidad(pagina_privada, servidor):
    raiz = _abrir(pagina_privada, servidor)
    raiz.locator("[data-quien-revisa] input[value=entidad]").check()
    enlace = raiz.locator("a[href*='#ejemplo=factura-rechazada']")
    assert enlace.get_attribute("href") == f"{servidor}/validador/?etapa=entidad#ejemplo=factura-rechazada"
    enlace.evaluate("a => a.closest('details').open = true")
    enlace.click()
    # El informe de la etapa de la entidad: esperarlo con su etapa, no el primero que aparezca (con la máquina
    # ocupada, el selector se cumplía en la página de antes de navegar y la etapa se leía en la nueva, aún vacía).
    pagina_privada.wait_for_selector("[data-validador][data-estado=resultado] [data-informe][data-modo=completo]"
                                     "[data-etapa=entidad]", timeout=ESPERA)
    informe = pagina_privada.locator("[data-informe]")
    assert "etapa=entidad" in pagina_privada.url
    # Impreso o guardado, el informe dice qué factura, de quién, con qué contrato y cuándo se revisó.
    assert informe.locator("[data-revisado]").inner_text().startswith("Factura FEV1234 de 901234567, contrato CO1.PCCNTR.")
    # Con errores del proveedor, el paso de la entidad para rechazar con su justificación.
    rechazar = informe.locator("[data-corrige='proveedor'] .v-ayuda a[data-aparte]")
    assert rechazar.get_attribute("href") == f"{servidor}/procedimientos/aprobar-o-rechazar-factura/#paso-6"
    # Lo de la entidad no se ve apagado cuando es ella quien revisa (para el proveedor sí es secundario).
    color = "e => getComputedStyle(e).color"
    de_la_entidad = informe.locator("[data-corrige='entidad'] h3").first.evaluate(color)
    assert de_la_entidad == informe.locator("h2").first.evaluate(color)


def test_al_imprimir_un_informe_no_se_imprime_la_ayuda_de_la_pagina(pagina, servidor):
    pagina.goto(f"{servidor}/validador/")
    pagina.emulate_media(media="print")
    # Sin informe, quien imprime la página quiere sus instrucciones.
    assert pagina.locator("#como-se-usa").is_visible()
    pagina.goto(f"{servidor}/validador/?etapa=entidad#ejemplo=factura-rechazada")
    _esperar_informe(pagina, "completo")
    assert pagina.locator("[data-informe]").is_visible() and pagina.locator("[data-revisado]").is_visible()
    assert not pagina.locator("#como-se-usa").is_visible()
    assert not pagina.locator("#linea-de-ordenes").is_visible()


def test_en_un_telefono_los_botones_pequenos_se_pueden_tocar(telefono, servidor):
    # 24 px por lo menos (WCAG 2.2, 2.5.8): «Ir al campo…» del informe y «Copiar enlace» de cada paso.
    telefono.goto(f"{servidor}/validador/#ejemplo=factura-rechazada")
    _esperar_informe(telefono, "completo")
    alto = "e => e.getBoundingClientRect().height"
    assert min(telefono.locator(".v-ir-al-campo").evaluate_all(f"es => es.map({alto})")) >= 24
    telefono.goto(f"{servidor}/procedimientos/registrar-pago/")
    assert min(telefono.locator(".copiar-enlace").evaluate_all(f"es => es.map({alto})")) >= 24


def test_en_un_telefono_el_informe_aparece_con_su_titular_a_la_vista(telefono, servidor):
    telefono.goto(f"{servidor}/validador/?etapa=entidad#ejemplo=factura-rechazada")
    informe = _esperar_informe(telefono, "completo")
    telefono.wait_for_timeout(300)
    arriba = informe.locator("h2").first.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= arriba < 844 / 2, arriba


def test_el_boton_de_archivos_acepta_varios_y_los_reconoce_por_su_contenido(pagina_privada, servidor):
    _abrir(pagina_privada, servidor)
    entrada = pagina_privada.locator("input[type=file][data-archivos]")
    assert entrada.get_attribute("multiple") is not None
    # Nombres que no dicen qué son: el contenido manda.
    copias = {"a.txt": XML / "factura.xml", "b.txt": DATOS / "contratos.csv", "c.txt": DATOS / "plan_de_pagos.csv"}
    entrada.set_input_files([{"name": n, "mimeType": "text/plain", "buffer": r.read_bytes()} for n, r in copias.items()])
    informe = _esperar_informe(pagina_privada, "completo")
    assert pagina_privada.locator("[name='contrato.numero']").input_value() == ID_CONTRATO
    assert pagina_privada.locator("[name='pago.id_pago']").input_value() == "98123402"
    assert "ya registra en él esta factura" in informe.locator("[data-eleccion]").inner_text()


def test_los_csv_guardados_de_nuevo_con_excel_llenan_el_contrato_con_sus_tildes(pagina_privada, servidor):
    _abrir(pagina_privada, servidor)
    pagina_privada.locator("input[type=file][data-archivos]").set_input_files(
        [{"name": "factura.xml", "mimeType": "text/xml", "buffer": (XML / "factura.xml").read_bytes()}]
        + [{"name": n, "mimeType": "text/csv", "buffer": como_excel(n)} for n in ("contratos.csv", "plan_de_pagos.csv")])
    informe = _esperar_informe(pagina_privada, "completo")
    assert pagina_privada.locator("[name='contrato.numero']").input_value() == ID_CONTRATO
    assert pagina_privada.locator("[name='contrato.entidad.nombre']").input_value() == "ALCALDÍA MUNICIPAL DE EJEMPLO"
    assert "guardado de nuevo con Excel" in informe.locator("[data-eleccion]").inner_text()
    assert pagina_privada.locator("[name='pago.id_pago']").input_value() == "98123402"


def test_el_numero_del_contrato_escrito_antes_de_que_monte_la_pagina_arma_sus_enlaces(pagina, servidor):
    # Antes, quien escribía el número mientras llegaba el script del validador (la página ya se ve) no veía nunca los
    # enlaces a los datos abiertos: solo se armaban al escribir otra vez. Los archivos soltados antes ya se atendían.
    retenidas = []
    pagina.route("**/assets/validador/validador.js", lambda ruta: retenidas.append(ruta))
    pagina.goto(f"{servidor}/validador/", wait_until="domcontentloaded")
    pagina.locator("[data-id-contrato]").fill(ID_CONTRATO)
    while not retenidas:
        pagina.wait_for_timeout(50)
    assert pagina.locator("[data-validador]").get_attribute("data-montado") is None
    retenidas[0].continue_()
    pagina.wait_for_selector("[data-validador][data-montado]", timeout=ESPERA)
    enlace = pagina.locator("[data-enlaces] a").first
    enlace.wait_for(timeout=ESPERA)
    assert enlace.get_attribute("href").endswith(f"id_contrato={ID_CONTRATO}")


def test_los_datos_abiertos_llenan_el_contrato_y_el_plan_y_cambian_el_veredicto(pagina_privada, servidor):
    _abrir(pagina_privada, servidor)
    pagina_privada.locator("[data-archivos]").set_input_files(str(XML / "factura.xml"))
    assert _esperar_informe(pagina_privada, "solo_factura").get_attribute("data-aprobable") == "true"

    # El número del contrato arma los enlaces a sus filas; la página no los pide (pagina_privada lo revisa).
    enlaces = pagina_privada.locator("[data-enlaces]")
    pagina_privada.locator("[data-id-contrato]").fill("CO1.PCCNTR.12 34")
    assert enlaces.is_hidden() and pagina_privada.locator("[data-id-contrato]").get_attribute("aria-invalid") == "true"
    ayuda = pagina_privada.locator("[data-id-contrato-ayuda]")
    assert "tiene la forma CO1.PCCNTR.1234567" in ayuda.inner_text()
    # La referencia que da la entidad no es el número de SECOP II: se dice cuál va y el camino sin él.
    pagina_privada.locator("[data-id-contrato]").fill("CMA-045-2026")
    assert enlaces.is_hidden() and "número que la entidad le da al contrato" in ayuda.inner_text()
    assert pagina_privada.locator("[data-enlaces-partes]").is_visible()
    pagina_privada.locator("[data-id-contrato]").fill(ID_CONTRATO)
    assert enlaces.is_visible()
    hrefs = enlaces.locator("a").evaluate_all("xs => xs.map(a => [a.href, a.target, a.rel])")
    assert hrefs == [
        [f"https://www.datos.gov.co/resource/jbjy-vk9h.json?id_contrato={ID_CONTRATO}", "_blank", "noopener noreferrer"],
        [f"https://www.datos.gov.co/resource/jbjy-vk9h.csv?id_contrato={ID_CONTRATO}", "_blank", "noopener noreferrer"],
        [f"https://www.datos.gov.co/resource/uymx-8p3j.json?id_del_contrato={ID_CONTRATO}", "_blank", "noopener noreferrer"],
        [f"https://www.datos.gov.co/resource/uymx-8p3j.csv?id_del_contrato={ID_CONTRATO}", "_blank", "noopener noreferrer"],
    ]

    # Los archivos guardados llenan el contrato, el plan y el pago; el veredicto pasa a la solicitud completa.
    _soltar(pagina_privada, DATOS / "contratos.json", DATOS / "plan_de_pagos.json")
    informe = _esperar_informe(pagina_privada, "completo")
    assert f"Se llenó el contrato {ID_CONTRATO} con 2 archivos de datos abiertos." in pagina_privada.locator(
        "[data-mensaje]").inner_text()
    assert pagina_privada.locator("[name='contrato.valor']").input_value() == "47600000"
    assert pagina_privada.locator("[name='contrato.contratista.numero']").input_value() == "901234567"
    filas = pagina_privada.locator("[data-lista='contrato.plan_de_pagos'] > [data-filas] > fieldset")
    assert filas.count() == 4
    assert pagina_privada.locator("[name='contrato.plan_de_pagos.0.estado']").input_value() == "Pagado"
    assert pagina_privada.locator("[name='contrato.facturado_a_la_fecha']").input_value() == "11900000"
    assert pagina_privada.locator("[name='pago.id_pago']").input_value() == "98123402"
    eleccion = informe.locator("[data-eleccion]").inner_text()
    assert "98123402" in eleccion and "primero del plan" in eleccion and "aparece 2 veces" in eleccion
    assert informe.get_attribute("data-aprobable") == "false"
    # El único error: la radicación, que no está en los datos abiertos.
    assert _reglas(pagina_privada, "[data-corrige=proveedor] [data-severidad=error]") == ["APR-004"]
    assert "APR-001" in _reglas(pagina_privada, "[data-corrige=entidad]")
    # Con el contrato, solo queda sin revisar el CUFE, que espera la clave técnica (no viaja en el XML).
    sin_revisar = informe.locator("[data-sin-revisar]")
    assert sin_revisar.locator("[data-grupo]").evaluate_all("xs => xs.map(x => x.dataset.grupo)") == ["FAC"]
    assert "clave técnica" in sin_revisar.inner_text() and "con el contrato" not in sin_revisar.inner_text()
    assert sin_revisar.locator("[data-agregar-contrato]").count() == 0
    # La entidad con los mismos archivos: el número de radicación lo copia ella del «Detalle» (no está en los datos
    # abiertos); que falte no es un rechazo, es un dato suyo.
    pagina_privada.locator("[data-quien-revisa] input[value=entidad]").check()
    pagina_privada.wait_for_selector("[data-informe][data-etapa=entidad]", timeout=ESPERA)
    assert _reglas(pagina_privada, "[data-corrige=proveedor] [data-severidad=error]") == []
    assert "APR-004" in _reglas(pagina_privada, "[data-corrige=entidad] [data-severidad=error]")
    assert informe.locator("h2").inner_text() == "Faltan los datos de aprobación de la entidad"
    pagina_privada.locator("[data-quien-revisa] input[value=proveedor]").check()
    pagina_privada.wait_for_selector("[data-informe][data-etapa=proveedor]", timeout=ESPERA)

    # «Validar» vuelve a revisar después de corregir a mano: otro pago del plan, ya facturado, da MON-004.
    _abrir_plegados(pagina_privada)
    pagina_privada.locator("[name='pago.numero_radicacion']").fill("2026-ER-004512")
    pagina_privada.locator("[name='pago.id_pago']").fill("98123401")
    aprobable, reglas = _validar(pagina_privada)
    assert aprobable == "false" and "MON-004" in reglas and "APR-004" not in reglas
    pagina_privada.locator("[name='pago.id_pago']").fill("98123402")
    assert _validar(pagina_privada)[0] == "true"


def _plan_con_esta_factura(tmp_path):
    """El plan publicado con la factura FEV1234 (la de factura.xml) ya enviada en el pago 98123403."""
    plan = json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
    for f in plan:
        if f["id_de_pago"] == "98123403":
            f.update(estado="Enviado por proveedor", numero_de_factura="FEV1234", fecha_de_emision="2026-06-01T00:00:00.000")
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    return tmp_path / "plan.json"


def test_el_xml_despues_de_los_datos_abiertos_vuelve_a_elegir_el_pago_por_su_numero(pagina_privada, servidor, tmp_path):
    # Primero el contrato (sin número de factura se elige el primer pago libre), después el XML: el pago es el que
    # registra esa factura (antes quedaba el primero libre, con «no se conoce el número de la factura»).
    _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, DATOS / "contratos.json", _plan_con_esta_factura(tmp_path))
    informe = _esperar_informe(pagina_privada, "completo")
    assert pagina_privada.locator("[name='pago.id_pago']").input_value() == "98123402"
    assert "no se conoce el número de la factura" in informe.locator("[data-eleccion]").inner_text()
    _soltar(pagina_privada, XML / "factura.xml")
    pagina_privada.wait_for_function("() => /FEV1234/.test(document.querySelector('[data-mensaje]').textContent)",
                                     timeout=ESPERA)
    informe = _esperar_informe(pagina_privada, "completo")
    assert pagina_privada.locator("[name='pago.id_pago']").input_value() == "98123403"
    eleccion = informe.locator("[data-eleccion]").inner_text()
    assert "Se eligió el pago 98123403 porque SECOP II ya registra en él esta factura" in eleccion, eleccion
    # Su pago la nombra y lo facturado la cuenta, como en SECOP II; el motor la descuenta una sola vez: sin MON-004.
    assert pagina_privada.locator("[name='contrato.plan_de_pagos.2.facturado']").input_value() == "11900000"
    assert informe.locator("[data-regla='MON-004']").count() == 0


def test_sin_la_factura_en_el_plan_se_elige_el_pago_libre_que_vale_lo_que_ella_cobra(pagina_privada, servidor, tmp_path):
    # El primer pago libre vale $ 5.950.000; la factura cobra $ 11.900.000, lo que vale el siguiente. Con el XML antes
    # o después de los archivos, el pago es ese (antes, el primero: MON-004 como error contra un pago supuesto).
    plan = json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
    for f in plan:
        if f["id_de_pago"] == "98123402":
            f["valor_a_pagar"] = f["valor_total"] = "5950000"
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    for orden in ([XML / "factura.xml"], []), ([], [XML / "factura.xml"]):
        _abrir(pagina_privada, servidor)
        if orden[0]:
            _soltar(pagina_privada, *orden[0])
            _esperar_informe(pagina_privada, "solo_factura")
        _soltar(pagina_privada, DATOS / "contratos.json", tmp_path / "plan.json")
        informe = _esperar_informe(pagina_privada, "completo")
        if orden[1]:
            _soltar(pagina_privada, *orden[1])
            pagina_privada.wait_for_function(
                "() => /FEV1234/.test(document.querySelector('[data-mensaje]').textContent)", timeout=ESPERA)
            informe = _esperar_informe(pagina_privada, "completo")
        assert pagina_privada.locator("[name='pago.id_pago']").input_value() == "98123403", orden
        assert "que vale lo que cobra la factura" in informe.locator("[data-eleccion]").inner_text()
        assert informe.locator("[data-regla='MON-004']").count() == 0


def test_los_datos_abiertos_dicen_que_reemplazaron_lo_escrito_a_mano_en_el_contrato(pagina_privada, servidor):
    # Los archivos mandan, pero antes reemplazaban en silencio el valor escrito (con una adición aún no publicada).
    _abrir(pagina_privada, servidor)
    pagina_privada.locator("[name='contrato.valor']").fill("60.000.000")
    pagina_privada.locator("[name='contrato.numero']").fill(ID_CONTRATO)  # el mismo: no se dice
    _soltar(pagina_privada, XML / "factura.xml", DATOS / "contratos.json", DATOS / "plan_de_pagos.json")
    _esperar_informe(pagina_privada, "completo")
    mensaje = pagina_privada.locator("[data-mensaje]").inner_text()
    assert "Se reemplazó lo que había en «Valor del contrato» (60.000.000) por 47600000: es lo publicado." in mensaje, mensaje
    assert "Número del contrato" not in mensaje
    assert pagina_privada.locator("[name='contrato.valor']").input_value() == "47600000"
    # Los mismos archivos otra vez, sin escribir nada: nada que decir. Escrito igual en otra forma, tampoco.
    pagina_privada.locator("[name='contrato.valor']").fill("47.600.000,00")
    _soltar(pagina_privada, DATOS / "contratos.json", DATOS / "plan_de_pagos.json")
    pagina_privada.wait_for_function("() => /Se llenó el contrato/.test(document.querySelector('[data-mensaje]').textContent)"
                                     " && document.querySelector('[data-validador]').dataset.estado === 'resultado'",
                                     timeout=ESPERA)
    assert "Se reemplazó" not in pagina_privada.locator("[data-mensaje]").inner_text()


def test_lo_facturado_a_la_fecha_escrito_a_mano_no_impide_volver_a_elegir_el_pago(pagina_privada, servidor, tmp_path):
    # Antes, escribir «Facturado a la fecha» contaba como cambiar el plan: el pago no se volvía a elegir con el XML.
    _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, DATOS / "contratos.json", _plan_con_esta_factura(tmp_path))
    _esperar_informe(pagina_privada, "completo")
    _abrir_plegados(pagina_privada)
    pagina_privada.locator("[name='contrato.facturado_a_la_fecha']").fill("1000")
    _soltar(pagina_privada, XML / "factura.xml")
    pagina_privada.wait_for_function("() => /FEV1234/.test(document.querySelector('[data-mensaje]').textContent)",
                                     timeout=ESPERA)
    informe = _esperar_informe(pagina_privada, "completo")
    assert pagina_privada.locator("[name='pago.id_pago']").input_value() == "98123403"
    # El plan se volvió a llenar con el pago que la nombra (lo facturado la cuenta, como en SECOP II).
    assert pagina_privada.locator("[name='contrato.plan_de_pagos.2.facturado']").input_value() == "11900000"
    assert informe.locator("[data-regla='MON-004']").count() == 0
    assert pagina_privada.locator("[name='contrato.facturado_a_la_fecha']").input_value() == "1000"  # lo escrito queda
    assert "no se volvió a llenar" not in informe.locator("[data-eleccion]").inner_text()


def test_otro_id_de_pago_escrito_a_mano_cambia_la_eleccion_que_dice_el_informe(pagina_privada, servidor):
    # Antes, el recuadro seguía diciendo «Se eligió el pago 98123402…» con el informe del pago escrito a mano.
    _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, XML / "factura.xml", DATOS / "contratos.json", DATOS / "plan_de_pagos.json")
    informe = _esperar_informe(pagina_privada, "completo")
    assert "Se eligió el pago 98123402" in informe.locator("[data-eleccion]").inner_text()
    _abrir_plegados(pagina_privada)
    pagina_privada.locator("[name='pago.id_pago']").fill("98123404")
    _validar(pagina_privada)
    eleccion = informe.locator("[data-eleccion]").inner_text()
    assert "Se usó el pago 98123404, el que se indicó." in eleccion and "98123402" not in eleccion, eleccion
    assert pagina_privada.locator("[name='pago.id_pago']").input_value() == "98123404"
    # Volver al pago rechazado trae su motivo (antes desaparecía).
    pagina_privada.locator("[name='pago.id_pago']").fill("98123402")
    _validar(pagina_privada)
    eleccion = informe.locator("[data-eleccion]").inner_text()
    assert "Se usó el pago 98123402, el que se indicó." in eleccion and "El valor no corresponde a la entrega 2" in eleccion
    # Con el plan cambiado a mano no se vuelve a llenar (no se pierde lo escrito), y se dice; lo que se dice del pago
    # es del que se usa (antes quedaba el motivo del rechazo del 98123402 junto al 98123401).
    pagina_privada.locator("[name='contrato.plan_de_pagos.3.facturado']").fill("1000")
    pagina_privada.locator("[name='pago.id_pago']").fill("98123401")
    _validar(pagina_privada)
    eleccion = informe.locator("[data-eleccion]").inner_text()
    assert "Se usó el pago 98123401, el que se indicó." in eleccion and "98123402" not in eleccion, eleccion
    assert "El plan de pagos se cambió a mano y no se volvió a llenar" in eleccion
    assert pagina_privada.locator("[name='contrato.plan_de_pagos.3.facturado']").input_value() == "1000"
    # Lo facturado a la fecha es lo aprobado (FEV1201, en el 98123401), también con ese pago indicado.
    assert pagina_privada.locator("[name='contrato.facturado_a_la_fecha']").input_value() == "11900000"


def test_sin_el_numero_el_enlace_de_la_factura_trae_sus_contratos_y_se_elige_el_suyo(pagina_privada, servidor):
    from urllib.parse import unquote
    _abrir(pagina_privada, servidor)
    partes = pagina_privada.locator("[data-enlaces-partes]")
    assert partes.is_hidden()  # sin factura no hay partes que buscar
    pagina_privada.locator("[data-archivos]").set_input_files(str(XML / "factura.xml"))
    _esperar_informe(pagina_privada, "solo_factura")
    # Con la factura cargada: los contratos de su emisor con la entidad que la recibe (la página no los pide).
    assert partes.is_visible() and pagina_privada.locator("[data-enlaces]").is_hidden()
    hrefs = partes.locator("a").evaluate_all("xs => xs.map(a => [a.href, a.target, a.rel])")
    filtro = "$where=documento_proveedor like '%901234567%' AND nit_entidad like '%800100200%'"
    assert [(unquote(h), t, r) for h, t, r in hrefs] == [
        (f"https://www.datos.gov.co/resource/jbjy-vk9h.{f}?{filtro}", "_blank", "noopener noreferrer") for f in ("json", "csv")]
    # Lo que devuelve ese enlace (tres contratos) y el plan: se elige el de las partes y la fecha de la factura.
    _soltar(pagina_privada, DATOS / "contratos_del_proveedor.json", DATOS / "plan_de_pagos.json")
    informe = _esperar_informe(pagina_privada, "completo")
    assert pagina_privada.locator("[data-id-contrato]").input_value() == ID_CONTRATO
    assert pagina_privada.locator("[name='contrato.numero']").input_value() == ID_CONTRATO
    assert pagina_privada.locator("[data-enlaces]").is_visible()  # ahora, con el número, el del plan de pagos
    assert f"se usó {ID_CONTRATO}" in informe.locator("[data-eleccion]").inner_text()
    assert _reglas(pagina_privada, "[data-corrige=proveedor] [data-severidad=error]") == ["APR-004"]
    # Vaciar el formulario quita las partes: el enlace se esconde.
    pagina_privada.locator("[data-limpiar]").click()
    assert partes.is_hidden()


def test_varios_contratos_que_pueden_ser_el_de_la_factura_se_listan_y_no_cambian_nada(pagina_privada, servidor, tmp_path):
    de_2025, de_otra_entidad, de_2026 = json.loads((DATOS / "contratos_del_proveedor.json").read_text(encoding="utf-8"))
    # El de 2025 con el plazo alargado hasta 2026: dos contratos de las mismas partes en plazo en la fecha de la factura
    # (el de otra entidad no cuenta: la página manda las partes de la factura).
    de_2025["fecha_de_fin_del_contrato"] = "2026-12-31T00:00:00.000"
    (tmp_path / "contratos.json").write_text(json.dumps([de_2025, de_otra_entidad, de_2026]), encoding="utf-8")
    _abrir(pagina_privada, servidor)
    pagina_privada.locator("[data-archivos]").set_input_files(str(XML / "factura.xml"))
    _esperar_informe(pagina_privada, "solo_factura")
    _soltar(pagina_privada, tmp_path / "contratos.json")
    pagina_privada.wait_for_selector("[data-validador][data-estado=error]", timeout=ESPERA)
    mensaje = pagina_privada.locator("[data-mensaje]").inner_text()
    assert "3 contratos y 2 pueden ser el de la factura" in mensaje and "CMA-012-2025" in mensaje and "CMA-045-2026" in mensaje
    assert "No se cambió nada" in mensaje and pagina_privada.locator("[name='contrato.numero']").input_value() == ""


def test_un_consorcio_de_los_datos_abiertos_marca_la_casilla_y_la_factura_de_un_miembro_no_es_un_error(
        pagina_privada, servidor):
    _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, XML / "factura.xml", DATOS / "contratos_consorcio.csv", DATOS / "plan_de_pagos.json")
    informe = _esperar_informe(pagina_privada, "completo")
    casilla = pagina_privada.locator("[name='contrato.consorcio_o_union_temporal']")
    assert casilla.is_checked()
    assert pagina_privada.locator("[name='contrato.contratista.numero']").input_value() == "901555666"
    # La factura la emite un miembro (901234567): no es NIT-002; la entidad revisa que sea miembro (NIT-007).
    assert _reglas(pagina_privada, "[data-corrige=proveedor] [data-severidad=error]") == ["APR-004"]
    assert "NIT-007" in _reglas(pagina_privada, "[data-corrige=entidad]")
    assert "NIT-007" in informe.locator("[data-regla='NIT-007'] a[href*='reglas/#nit-007']").first.inner_text()
    # Sin la casilla, la factura es de un tercero: «Validar» da el error del proveedor.
    _abrir_plegados(pagina_privada)
    casilla.uncheck()
    aprobable, reglas = _validar(pagina_privada)
    assert aprobable == "false" and "NIT-002" in reglas and "NIT-007" not in reglas


def test_un_documento_no_definido_en_los_datos_abiertos_deja_el_que_escribio_la_persona(pagina_privada, servidor,
                                                                                       tmp_path):
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0] | {"documento_proveedor": "No Definido"}
    (tmp_path / "contratos.json").write_text(json.dumps([fila]), encoding="utf-8")
    _abrir(pagina_privada, servidor)
    pagina_privada.locator("[name='contrato.contratista.numero']").fill("901234567")
    _soltar(pagina_privada, XML / "factura.xml", tmp_path / "contratos.json", DATOS / "plan_de_pagos.json")
    informe = _esperar_informe(pagina_privada, "completo")
    assert pagina_privada.locator("[name='contrato.contratista.numero']").input_value() == "901234567"
    assert pagina_privada.locator("[name='contrato.valor']").input_value() == "47600000"
    assert "documento_proveedor dice «No Definido»" in informe.locator("[data-eleccion]").inner_text()
    assert _reglas(pagina_privada, "[data-corrige=proveedor] [data-severidad=error]") == ["APR-004"]


def test_lo_que_los_datos_abiertos_suponen_no_reemplaza_lo_elegido_en_el_formulario(pagina_privada, servidor, tmp_path):
    # «tipodocproveedor» «No Definido»: antes, NIT y persona jurídica encima de lo elegido (y las reglas de persona
    # natural no corrían).
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0] | {
        "tipodocproveedor": "No Definido", "tipo_de_contrato": "Prestación de servicios"}
    (tmp_path / "contratos.json").write_text(json.dumps([fila]), encoding="utf-8")
    _abrir(pagina_privada, servidor)
    _abrir_plegados(pagina_privada)
    pagina_privada.locator("[name='contrato.contratista.tipo_documento']").select_option("CC")
    pagina_privada.locator("[name='contrato.tipo_persona']").select_option("natural")
    _soltar(pagina_privada, XML / "factura.xml", tmp_path / "contratos.json", DATOS / "plan_de_pagos.json")
    _esperar_informe(pagina_privada, "completo")
    assert pagina_privada.locator("[name='contrato.contratista.tipo_documento']").input_value() == "CC"
    assert pagina_privada.locator("[name='contrato.tipo_persona']").input_value() == "natural"
    # La prestación de servicios la dice el tipo de contrato publicado: no hay que marcarla.
    assert pagina_privada.locator("[name='contrato.prestacion_servicios']").is_checked()
    assert pagina_privada.locator("[name='contrato.valor']").input_value() == "47600000"
    assert "SS-001" in _reglas(pagina_privada)


def test_la_factura_que_llega_con_un_archivo_de_datos_abiertos_malo_se_revisa_y_se_dice_que_el_otro_no(
        pagina_privada, servidor):
    # Antes: estado «error», sin informe, y un mensaje que decía a la vez «Se llenaron los datos de la factura» y «No se
    # cambió nada del formulario».
    raiz = _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, XML / "factura.xml", DATOS / "facturas.json")
    informe = _esperar_informe(pagina_privada, "solo_factura")
    mensaje = raiz.locator("[data-mensaje]")
    texto = mensaje.inner_text()
    assert "Se llenaron los datos de la factura FEV1234" in texto and "No se usaron los archivos de datos abiertos" in texto
    assert "SECOP II - Plan de pagos" in texto and "No se cambió nada" not in texto
    assert "v-mensaje--error" in mensaje.get_attribute("class") and informe.get_attribute("data-aprobable") == "true"
    assert pagina_privada.locator("[name='factura.numero']").input_value() == "FEV1234"


def test_un_archivo_de_otro_conjunto_con_el_contrato_y_el_plan_queda_fuera_y_no_se_cuenta(pagina_privada, servidor):
    # El conjunto «Facturas» junto al contrato y al plan: se usan los dos, y el mensaje contaba «3 archivos».
    raiz = _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, XML / "factura.xml", DATOS / "contratos.json", DATOS / "plan_de_pagos.json",
            DATOS / "facturas.json")
    _esperar_informe(pagina_privada, "completo")
    texto = raiz.locator("[data-mensaje]").inner_text()
    assert "con 2 archivos de datos abiertos" in texto and "3 archivos" not in texto, texto
    assert "facturas.json" in raiz.locator("[data-informe]").inner_text()


@pytest.mark.parametrize("archivo, esperado", [
    ("plan_sin_columna.csv", "valor_a_pagar"),
    ("vacio.json", "no trae filas"),
    ("facturas.json", "SECOP II - Plan de pagos"),  # el conjunto «Facturas» no es el plan
])
def test_un_archivo_de_datos_abiertos_malo_da_un_mensaje_y_no_pierde_lo_escrito(pagina_privada, servidor, archivo, esperado):
    _abrir(pagina_privada, servidor)
    pagina_privada.locator("[name='contrato.numero']").fill(ID_CONTRATO)
    pagina_privada.locator("[name='contrato.valor']").fill("1.000.000,00")
    _soltar(pagina_privada, DATOS / archivo)
    pagina_privada.wait_for_selector("[data-validador][data-estado=error]", timeout=ESPERA)
    mensaje = pagina_privada.locator("[data-mensaje]").inner_text()
    assert archivo in mensaje and esperado in mensaje and "No se cambió nada" in mensaje and "Traceback" not in mensaje
    assert pagina_privada.locator("[name='contrato.valor']").input_value() == "1.000.000,00"
    assert pagina_privada.locator("[data-lista='contrato.plan_de_pagos'] [data-filas] > *").count() == 0
    # Un archivo que no es de nada conocido tampoco cambia nada.
    pagina_privada.locator("[data-archivos]").set_input_files(
        [{"name": "notas.csv", "mimeType": "text/csv", "buffer": "a,b\n1,2\n".encode()}])
    pagina_privada.wait_for_function("() => document.querySelector('[data-mensaje]').textContent.includes('notas.csv')")
    assert pagina_privada.locator("[name='contrato.numero']").input_value() == ID_CONTRATO


def test_el_plan_solo_no_dice_que_se_lleno_el_contrato(pagina_privada, servidor):
    # Con solo el archivo del plan, la página decía «Se llenó el contrato …» y el informe, «sin contrato».
    _abrir(pagina_privada, servidor)
    pagina_privada.locator("[data-archivos]").set_input_files(str(XML / "factura.xml"))
    _esperar_informe(pagina_privada, "solo_factura")
    pagina_privada.locator("[data-id-contrato]").fill(ID_CONTRATO)  # el plan del fixture trae filas de otro contrato
    _soltar(pagina_privada, DATOS / "plan_de_pagos.json")
    pagina_privada.wait_for_function(
        "() => document.querySelector('[data-mensaje]').textContent.includes('Se llenó el plan de pagos')", timeout=ESPERA)
    mensaje = pagina_privada.locator("[data-mensaje]").inner_text()
    assert "Falta el archivo del contrato" in mensaje and "Se llenó el contrato" not in mensaje
    # Con el archivo del contrato de otro contrato, tampoco: antes, «Se llenó el contrato CO1.PCCNTR.7654321» con el
    # informe «sin contrato».
    pagina_privada.locator("[data-id-contrato]").fill("CO1.PCCNTR.7654321")
    _soltar(pagina_privada, DATOS / "plan_de_pagos.json", DATOS / "contratos.json")
    pagina_privada.wait_for_function(
        "() => document.querySelector('[data-mensaje]').textContent.includes('CO1.PCCNTR.7654321')", timeout=ESPERA)
    mensaje = pagina_privada.locator("[data-mensaje]").inner_text()
    assert "Se llenó el contrato" not in mensaje and "es de otro contrato y no se usó" in mensaje, mensaje


def test_el_plan_guardado_como_texto_unicode_de_excel_se_lee_y_una_pagina_web_se_nombra(pagina_privada, servidor):
    # «Texto Unicode» de Excel: UTF-16 con tabuladores. La página lo leía como Windows-1252 y lo tomaba por un XML
    # mal formado; una página web guardada por error iba al lector del XML («DOCTYPE… no se procesa»).
    import csv
    import io
    filas = list(csv.reader(io.StringIO((DATOS / "plan_de_pagos.csv").read_text(encoding="utf-8"))))
    unicode_de_excel = b"\xff\xfe" + ("\r\n".join("\t".join(f) for f in filas) + "\r\n").encode("utf-16-le")
    _abrir(pagina_privada, servidor)
    assert ".txt" in pagina_privada.locator("[data-archivos]").get_attribute("accept")  # Excel lo guarda como .txt
    pagina_privada.locator("[data-archivos]").set_input_files([
        {"name": "contratos.json", "mimeType": "application/json", "buffer": (DATOS / "contratos.json").read_bytes()},
        {"name": "plan.txt", "mimeType": "text/plain", "buffer": unicode_de_excel}])
    pagina_privada.wait_for_selector("[data-validador][data-estado=resultado]", timeout=ESPERA)
    assert pagina_privada.locator("[data-lista='contrato.plan_de_pagos'] > [data-filas] > fieldset").count() == 4
    assert pagina_privada.locator("[name='contrato.plan_de_pagos.0.estado']").input_value() == "Pagado"
    valor = pagina_privada.locator("[name='contrato.valor']").input_value()
    pagina_privada.locator("[data-archivos]").set_input_files([{"name": "uymx-8p3j.html", "mimeType": "text/html",
        "buffer": b"<!DOCTYPE html><html><head><title>datos.gov.co</title></head><body></body></html>"}])
    pagina_privada.wait_for_function("() => document.querySelector('[data-mensaje]').textContent.includes('uymx-8p3j.html')")
    mensaje = pagina_privada.locator("[data-mensaje]").inner_text()
    assert "página web (HTML)" in mensaje and "No se cambió nada" in mensaje
    assert pagina_privada.locator("[name='contrato.valor']").input_value() == valor


def test_los_enlaces_de_formador_cargan_la_factura_sola_y_con_los_datos_abiertos(pagina_privada, servidor):
    pagina_privada.goto(f"{servidor}/validador/#ejemplo=solo-factura")
    informe = _esperar_informe(pagina_privada, "solo_factura")
    assert informe.get_attribute("data-aprobable") == "true"
    # Como con los demás ejemplos, el mensaje dice cuál se cargó (antes, solo «Se llenaron los datos de la factura…»).
    pagina_privada.wait_for_function(
        "() => document.querySelector('[data-mensaje]').textContent.startsWith('Ejemplo «solo-factura» cargado.')")
    assert "factura.xml" in pagina_privada.locator("[data-mensaje]").inner_text()
    pagina_privada.goto(f"{servidor}/validador/#ejemplo=datos-abiertos")
    informe = _esperar_informe(pagina_privada, "completo")
    pagina_privada.wait_for_function(
        "() => document.querySelector('[data-mensaje]').textContent.startsWith('Ejemplo «datos-abiertos» cargado.')")
    assert pagina_privada.locator("[name='contrato.numero']").input_value() == ID_CONTRATO
    assert pagina_privada.locator("[data-id-contrato]").input_value() == ID_CONTRATO
    assert _reglas(pagina_privada, "[data-corrige=proveedor] [data-severidad=error]") == ["APR-004"]


def test_como_entidad_los_ejemplos_dan_el_veredicto_del_motor_y_los_pasos_que_ella_hace(pagina_privada, servidor):
    # Antes, «cópielo del «Detalle»» (APR-004) llevaba al paso del proveedor «radique la factura en la entidad». La
    # factura sola, también como entidad, sale por las reglas que corrieron (issue «Facturas reales»), y el informe
    # dice que es solo lo que se pudo revisar y qué no corrió.
    pagina_privada.goto(f"{servidor}/validador/?etapa=entidad#ejemplo=solo-factura")
    informe = _esperar_informe(pagina_privada, "solo_factura")
    assert informe.get_attribute("data-etapa") == "entidad"
    assert "en lo que se pudo revisar" in informe.locator("h2").inner_text()
    assert "APR" in informe.inner_text()
    pagina_privada.goto(f"{servidor}/validador/?etapa=entidad#ejemplo=datos-abiertos")
    pagina_privada.wait_for_function(
        "() => document.querySelector('[data-mensaje]').textContent.startsWith('Ejemplo «datos-abiertos» cargado.')")
    informe = _esperar_informe(pagina_privada, "completo")
    pasos = {h.get_attribute("data-regla"): h.locator("a", has_text="Paso del procedimiento").get_attribute("href")
             for h in informe.locator("[data-regla]").all()}
    assert pasos["APR-004"].endswith("/procedimientos/aprobar-o-rechazar-factura/#paso-1"), pasos
    assert not any("enviar-solicitud-de-pago" in p for p in pasos.values()), pasos


def test_la_entidad_que_rechaza_tiene_la_justificacion_dicha_al_proveedor_para_copiar(pagina_privada, servidor):
    # Antes, la entidad armaba la justificación con mensajes que le hablan a ella («Rechace la factura con esa
    # justificación…»); ahora el motor la escribe dicha al proveedor, en el bloque de lo que él corrige.
    pagina_privada.goto(f"{servidor}/validador/?etapa=entidad#ejemplo=factura-rechazada")
    informe = _esperar_informe(pagina_privada, "completo")
    texto = informe.locator("[data-corrige=proveedor] [data-justificacion]").inner_text()
    assert texto.startswith("Se rechaza la solicitud de pago de la factura FEV1234 por:\n- El NIT 901234567 tiene")
    assert "corríjalo. (NIT-001)" in texto and "Rechace" not in texto
    # Al proveedor, que corrige antes de enviar, no se le muestra.
    pagina_privada.locator("[data-quien-revisa] input[value=proveedor]").check()
    pagina_privada.wait_for_selector("[data-informe][data-etapa=proveedor]", timeout=ESPERA)
    assert pagina_privada.locator("[data-justificacion]").count() == 0


def test_la_pagina_del_validador_con_su_informe_pasa_axe(pagina, servidor):
    pagina.goto(f"{servidor}/validador/#ejemplo=datos-abiertos")
    _esperar_informe(pagina, "completo")
    _abrir_plegados(pagina)
    pagina.locator("[data-id-contrato]").fill("mal")
    pagina.mouse.move(0, 0)  # el ratón quedó donde se hizo el último clic: axe mediría el color de un enlace bajo él
    # axe se evalúa con evaluate (protocolo de DevTools): add_script_tag sería un script en línea sin huella,
    # que la CSP del sitio bloquea.
    pagina.evaluate((RAIZ / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8"))
    resultado = pagina.evaluate("axe.run(document.querySelector('[data-validador]'), {resultTypes: ['violations']})")
    graves = [{"id": v["id"], "impacto": v["impact"], "nodos": [n["target"] for n in v["nodes"]][:3]}
              for v in resultado["violations"] if v["impact"] in ("serious", "critical")]
    assert graves == [], json.dumps(graves, ensure_ascii=False, indent=1)
    # Un enlace bajo el ratón toma el color de acento: también se lee (4,5:1).
    enlace = pagina.locator("#a-factura\\.numero > a")
    enlace.hover()
    pagina.wait_for_timeout(300)  # la transición de color del tema
    contraste = pagina.evaluate("""e => axe.run(e, {runOnly: ['color-contrast']})
        .then(r => r.violations.length)""", enlace.element_handle())
    assert contraste == 0


def test_la_entidad_revisa_antes_de_aprobar_con_la_severidad_de_su_etapa(pagina_privada, servidor):
    _abrir(pagina_privada, servidor, "#ejemplo=tipica")
    informe = _esperar_informe(pagina_privada, "completo")
    assert informe.get_attribute("data-etapa") == "proveedor"
    _abrir_plegados(pagina_privada)
    pagina_privada.locator("[name='pago.registro_presupuestal']").fill("")
    aprobable, _ = _validar(pagina_privada)
    # Sin el RP: para el proveedor es información de lo que la entidad revisará; no le impide enviar.
    assert aprobable == "true" and "APR-007" in _reglas(pagina_privada, "[data-corrige=entidad] [data-severidad=informacion]")
    # La entidad, antes de aprobar: el mismo dato es un error suyo, y el informe se lo dice a ella. Elegirla revisa de nuevo.
    pagina_privada.locator("[data-quien-revisa] input[value=entidad]").check()
    pagina_privada.wait_for_selector("[data-informe][data-etapa=entidad]", timeout=ESPERA)
    assert pagina_privada.url.endswith("/validador/?etapa=entidad#ejemplo=tipica")  # para guardarla o compartirla
    assert informe.get_attribute("data-aprobable") == "false"
    assert _reglas(pagina_privada, "[data-corrige=entidad] [data-severidad=error]") == ["APR-007"]
    assert "Lo que usted (la entidad) debe resolver o revisar (" in informe.inner_text()
    # Solo le falta lo que ella misma ingresa al aprobar: no se le dice que la rechace.
    assert informe.locator("h2").inner_text() == "Faltan los datos de aprobación de la entidad"
    assert informe.locator(".v-resumen").inner_text() == "1 dato que usted ingresa al aprobar; ningún error del proveedor en lo revisado."
    pagina_privada.locator("[data-quien-revisa] input[value=proveedor]").check()
    pagina_privada.wait_for_selector("[data-informe][data-etapa=proveedor]", timeout=ESPERA)
    assert pagina_privada.url.endswith("/validador/#ejemplo=tipica")


def test_un_enlace_con_la_etapa_abre_el_validador_para_la_entidad(pagina_privada, servidor):
    pagina_privada.goto(f"{servidor}/validador/?etapa=entidad#ejemplo=tipica")
    informe = _esperar_informe(pagina_privada, "completo")
    assert informe.get_attribute("data-etapa") == "entidad"
    assert pagina_privada.locator("[data-quien-revisa] input[value=entidad]").is_checked()
    # Impreso, el informe dice quién revisó (los botones de «¿Quién revisa?» no se imprimen).
    pagina_privada.emulate_media(media="print")
    assert pagina_privada.locator("[data-quien-revisa]").is_hidden()
    assert informe.locator(".v-pie").inner_text().endswith("como la entidad, antes de aprobar.")


def test_el_formulario_muestra_primero_lo_obligatorio_por_grupo(pagina, servidor):
    _abrir(pagina, servidor)
    leyendas = pagina.locator("[data-formulario] > fieldset > legend").all_inner_texts()
    assert leyendas == ["La factura", "El contrato", "El pago"]
    visibles = pagina.locator("[data-formulario] [name][data-tipo]:visible").evaluate_all("xs => xs.map(x => x.name)")
    assert "pago.id_pago" in visibles and "factura.cufe" not in visibles and "contrato.plan_de_pagos" not in " ".join(visibles)
    assert len(visibles) < 30
    # Un hallazgo en un campo plegado lo abre: el informe lleva al campo.
    pagina.goto(f"{servidor}/validador/#ejemplo=factura-rechazada")
    pagina.wait_for_selector("[data-validador][data-estado=resultado]", timeout=ESPERA)
    boton = pagina.locator("[data-regla='APR-006'] [data-campo]")
    campo = boton.get_attribute("data-campo")
    assert pagina.locator(f"[name='{campo}']").is_hidden(), "el campo está plegado en «Más datos del pago»"
    boton.click()
    assert pagina.evaluate("document.activeElement.name") == campo and pagina.locator(f"[name='{campo}']").is_visible()


def test_lo_que_la_api_no_trae_se_pide_en_el_formulario_sin_inventarlo(pagina_privada, servidor, tmp_path):
    # La API no escribe las columnas null: el contrato sin fecha de fin y el pago elegido sin valor_a_pagar.
    fila = json.loads((DATOS / "contratos.json").read_text(encoding="utf-8"))[0]
    del fila["fecha_de_fin_del_contrato"]
    plan = json.loads((DATOS / "plan_de_pagos.json").read_text(encoding="utf-8"))
    for f in plan:
        if f["id_de_pago"] == "98123402":
            f.pop("valor_a_pagar"), f.pop("valor_total", None)
    (tmp_path / "contratos.json").write_text(json.dumps([fila]), encoding="utf-8")
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    _abrir(pagina_privada, servidor)
    _soltar(pagina_privada, XML / "factura.xml", tmp_path / "contratos.json", tmp_path / "plan.json")
    pagina_privada.wait_for_selector("[data-validador][data-estado=resultado]", timeout=ESPERA)
    informe = pagina_privada.locator("[data-informe]")
    # No se inventa nada: los dos datos quedan vacíos y el informe los pide, con el botón que lleva a cada campo
    # y el aviso de los datos abiertos que dice por qué faltan. Ningún hallazgo sale de un pago de $0.
    pedidos = informe.locator(".v-entrada > li").evaluate_all("xs => xs.map(x => x.dataset.campo)")
    assert sorted(pedidos) == ["contrato.fecha_fin", "contrato.plan_de_pagos.1.valor"]
    assert pagina_privada.locator("[name='contrato.plan_de_pagos.1.valor']").input_value() == ""
    avisos = informe.locator("[data-eleccion]").inner_text()
    assert "pago 98123402 no trae valor_a_pagar" in avisos and "fecha_de_fin_del_contrato está vacía" in avisos
    assert informe.locator("[data-regla='MON-004']").count() == 0
    # Escrito a mano lo que faltaba, «Validar» revisa la solicitud completa.
    _abrir_plegados(pagina_privada)
    pagina_privada.locator("[name='contrato.plan_de_pagos.1.valor']").fill("11900000")
    pagina_privada.locator("[name='contrato.fecha_fin']").fill("2026-11-30")
    pagina_privada.locator("[name='pago.numero_radicacion']").fill("2026-ER-004512")
    aprobable, reglas = _validar(pagina_privada)
    assert aprobable == "true" and informe.locator(".v-entrada").count() == 0


def test_el_zip_del_correo_da_el_informe_de_su_factura(pagina_privada, servidor):
    _abrir(pagina_privada, servidor)
    entrada = pagina_privada.locator("[data-archivos]")
    # Con un PDF de 6 MiB pesa más que una factura: se reconoce como ZIP por su contenido y se lee su XML.
    grande = como_zip(("fv08001002000000123.pdf", PDF_DE_EJEMPLO + bytes(6 * 1024 * 1024)),
                      ("ad0800100200.xml", (XML / "attached-validada.xml").read_bytes()), metodo=zipfile.ZIP_STORED)
    entrada.set_input_files([{"name": "correo.zip", "mimeType": "application/zip", "buffer": grande}])
    informe = _esperar_informe(pagina_privada, "solo_factura")
    assert informe.get_attribute("data-aprobable") == "true"
    assert informe.locator("[data-respuesta-dian]").get_attribute("data-respuesta-dian") == "validada"
    assert "«correo.zip»" in pagina_privada.locator("[data-mensaje]").inner_text()
    numero = pagina_privada.locator("[name='factura.numero']").input_value()
    assert numero and numero == json.loads(_leer_xml_en_cpython("attached-validada.xml"))["factura"]["numero"]
    # «Validar» la revisa de nuevo desde el mismo ZIP.
    assert _validar(pagina_privada)[0] == "true"
    # Lo mismo de pesado sin ser ZIP no se lee; un ZIP sin la factura dice qué trae.
    entrada.set_input_files([{"name": "grande.xml", "mimeType": "text/xml", "buffer": b"<" + bytes(17 * 1024 * 1024)}])
    pagina_privada.locator("[data-mensaje]", has_text="pesa más de 16 MiB").wait_for(timeout=ESPERA)
    assert "No se cambió nada" in pagina_privada.locator("[data-mensaje]").inner_text()
    entrada.set_input_files([{"name": "solo-pdf.zip", "mimeType": "application/zip",
                              "buffer": como_zip(("fv.pdf", PDF_DE_EJEMPLO))}])
    pagina_privada.locator("[data-mensaje]", has_text="no trae el XML de la factura").wait_for(timeout=ESPERA)
    assert "«fv.pdf»" in pagina_privada.locator("[data-mensaje]").inner_text()
    # El PDF solo, que muchos toman por la factura: se dice que lo que sirve es el XML.
    entrada.set_input_files([{"name": "FEV1234.pdf", "mimeType": "application/pdf", "buffer": PDF_DE_EJEMPLO}])
    pagina_privada.locator("[data-mensaje]", has_text="es un PDF").wait_for(timeout=ESPERA)
    assert "FEV1234.pdf" in pagina_privada.locator("[data-mensaje]").inner_text()
    assert pagina_privada.locator("[name='factura.numero']").input_value() == numero, "el formulario se conserva"
    # Y el del correo, con su PDF y sus anexos en otro ZIP, soltado sobre la página.
    transferencia = pagina_privada.evaluate_handle(
        """bytes => { const dt = new DataTransfer();
                      dt.items.add(new File([new Uint8Array(bytes)], "Factura FEV.zip")); return dt; }""",
        list(zip_del_correo("factura-tributos.xml")))
    pagina_privada.locator("[data-validador]").dispatch_event("drop", {"dataTransfer": transferencia})
    pagina_privada.locator("[data-mensaje]", has_text="«Factura FEV.zip»").wait_for(timeout=ESPERA)
    esperado = json.loads(_leer_xml_en_cpython("factura-tributos.xml"))["factura"]["numero"]
    assert pagina_privada.locator("[name='factura.numero']").input_value() == esperado


def _leer_xml_en_cpython(nombre):
    from checker.api import leer_xml_json
    return leer_xml_json((XML / nombre).read_bytes())


def test_el_zip_del_correo_y_los_datos_abiertos_juntos_dan_la_revision_completa(pagina_privada, servidor):
    _abrir(pagina_privada, servidor)
    pagina_privada.locator("[data-archivos]").set_input_files([
        {"name": "correo.zip", "mimeType": "application/zip", "buffer": zip_del_correo("attached-validada.xml")},
        {"name": "contratos.json", "mimeType": "application/json", "buffer": (DATOS / "contratos.json").read_bytes()},
        {"name": "plan.csv", "mimeType": "text/csv", "buffer": (DATOS / "plan_de_pagos.csv").read_bytes()},
    ])
    informe = _esperar_informe(pagina_privada, "completo")
    mensaje = pagina_privada.locator("[data-mensaje]").inner_text()
    assert "«correo.zip»" in mensaje and "con 2 archivos de datos abiertos" in mensaje
    assert informe.locator("[data-respuesta-dian]").get_attribute("data-respuesta-dian") == "validada"
    assert pagina_privada.locator("[name='contrato.valor']").input_value() == "47600000"
