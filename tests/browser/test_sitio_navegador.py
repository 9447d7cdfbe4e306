"""El sitio servido, en Chromium real: búsqueda, anclas, red local solamente, accesibilidad."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

RAIZ = Path(__file__).resolve().parents[2]
AXE = RAIZ / "node_modules" / "axe-core" / "axe.min.js"


def _paginas(sitio: Path) -> list[str]:
    return sorted(p.relative_to(sitio).as_posix().removesuffix("index.html") for p in sitio.rglob("*.html"))


def _buscar(pagina, servidor, texto):
    """Los enlaces de los resultados de la consulta entera (no los de lo escrito hasta una letra antes)."""
    pagina.goto(servidor + "/")
    pagina.locator("input.md-search__input").click()
    pagina.keyboard.type(texto, delay=20)  # teclas reales: Material busca mientras se escribe
    pagina.wait_for_selector(".md-search-result__item", timeout=10000)
    pagina.wait_for_timeout(300)  # Material busca mientras se escribe: la última consulta
    return pagina.locator(".md-search-result__item a").evaluate_all("as => as.map(a => a.href)")


def test_buscar_factura_rechazada_lleva_al_procedimiento(pagina, servidor):
    enlaces = _buscar(pagina, servidor, "factura rechazada")
    assert enlaces and "/procedimientos/corregir-factura-rechazada/" in enlaces[0]
    pagina.locator(".md-search-result__item a").first.click()
    pagina.wait_for_url("**/corregir-factura-rechazada/**")
    assert pagina.locator("h1").inner_text().startswith("Corregir y reenviar")


@pytest.mark.parametrize("consulta, esperado", [
    ("radicar factura", "/procedimientos/enviar-solicitud-de-pago/"),
    ("enviar factura", "/procedimientos/enviar-solicitud-de-pago/"),
    # Lo que busca la entidad, un ciudadano o cualquiera (revisión del 2026-11-30): antes salían primero la página de
    # errores de aprobación («aprobación» contaba doble por su copia sin tilde), las reglas o las fuentes.
    ("aprobar pago", "/procedimientos/aprobar-o-rechazar-factura/"),
    ("aprobar factura", "/procedimientos/aprobar-o-rechazar-factura/"),
    ("validador", "/validador/"),
    ("plan de pagos", "/procedimientos/crear-plan-de-pagos/"),
    ("informe de supervision", "/procedimientos/documentos-de-ejecucion/"),
    ("aprobacion por error", "/procedimientos/aprobacion-o-pago-por-error/"),
    ("pagado por error", "/procedimientos/aprobacion-o-pago-por-error/"),
])
def test_lo_que_busca_un_formador_lleva_primero_al_procedimiento(pagina, servidor, consulta, esperado):
    # Antes, la regla, el glosario y las fuentes salían antes que los pasos (recorrido de un formador).
    enlaces = _buscar(pagina, servidor, consulta)
    assert enlaces and esperado in enlaces[0], enlaces[:4]


@pytest.mark.parametrize("consulta, buenas", [
    ("supervisor", ("/guias/roles/", "/guias/glosario/")),
    ("datos abiertos", ("/procedimientos/seguir-un-contrato/", "/guias/glosario/", "/validador/")),
    ("cufe", ("/guias/glosario/", "/validador/", "/guias/factura-y-soportes/")),
])
def test_un_tema_lleva_primero_a_una_pagina_que_lo_explica_no_a_las_reglas_ni_a_las_fuentes(pagina, servidor, consulta, buenas):
    # Las reglas y las fuentes nombran todos los temas en sus títulos y salían primero (revisión del 2026-11-30). Entre
    # las páginas que lo explican, el orden depende de pocos puntos: cualquiera sirve.
    enlaces = _buscar(pagina, servidor, consulta)
    assert enlaces and any(b in enlaces[0] for b in buenas), enlaces[:4]


def _resultados(pagina, servidor, texto):
    """Cada resultado de la consulta entera como (ruta, ancla, puntaje), en el orden en que se ve; los grupos de
    Material, una página con sus secciones. Sin las secciones plegadas en «N más en esta página»."""
    _buscar(pagina, servidor, texto)
    return [(r, a, float(p)) for r, a, p in pagina.locator(".md-search-result__item > a").evaluate_all(
        "as => as.map(a => { const u = new URL(a.href);"
        " return [u.pathname, u.hash.slice(1), a.querySelector('article').dataset.mdScore]; })")]


def _paginas_en_orden(resultados):
    return list(dict.fromkeys(ruta for ruta, _, _ in resultados))


@pytest.mark.parametrize("consulta, termino", [
    ("RP", "rp"), ("CDP", "cdp"), ("PILA", "pila"), ("CUFE", "cufe"), ("NIT", "nit"), ("DV", "dv"),
    ("registro presupuestal", "rp"),  # lo que significa la sigla
    ("factura electrónica", "factura-electronica"), ("factura electronica", "factura-electronica"),
    ("documento soporte", "documento-soporte"), ("pago anticipado", "pago-anticipado"), ("garantia", "garantia"),
])
def test_un_termino_del_glosario_lleva_primero_a_su_definicion(pagina, servidor, consulta, termino):
    # Antes, «RP» y «CDP» llevaban a un paso que los nombra entre otras palabras («Respalde la adición con su CDP y su
    # RP»: el título cuenta igual con una palabra que con diez), «PILA» a la sección de seguridad social, «pago
    # anticipado» al anticipo (que es otra cosa) y «factura electrónica», que no estaba en el glosario, a aceptarla
    # como título valor. Y donde el término ya salía primero, la regla que lo nombra quedaba a la mitad del puntaje.
    resultados = _resultados(pagina, servidor, consulta)
    assert resultados and resultados[0][0] == "/guias/glosario/", resultados[:4]
    secciones = [r for r in resultados if r[1]]
    ruta, ancla, puntaje = secciones[0]
    assert (ruta, ancla) == ("/guias/glosario/", termino), resultados[:4]
    otras_secciones = [p for r, a, p in secciones[1:]]
    otras_paginas = [p for r, a, p in resultados if not a and r != "/guias/glosario/"]
    assert all(p * 4 < puntaje for p in otras_secciones), (puntaje, secciones[1:3])
    assert all(p * 2 < puntaje for p in otras_paginas), (puntaje, resultados[:6])


@pytest.mark.parametrize("consulta, procedimiento, termino", [
    ("anticipo", "anticipo-y-amortizacion", "anticipo"),
    ("amortización", "anticipo-y-amortizacion", "amortizacion"),
    ("amortizacion", "anticipo-y-amortizacion", "amortizacion"),
    ("plan de pagos", "crear-plan-de-pagos", "plan-de-pagos"),
])
def test_un_termino_con_su_procedimiento_lleva_al_procedimiento_y_en_seguida_a_su_definicion(
        pagina, servidor, consulta, procedimiento, termino):
    # El procedimiento cuyo slug nombra el término va primero (es lo que busca un formador), y la definición justo
    # después. Antes, la definición quedaba detrás de pasos que solo nombran el término (tercera con «anticipo»,
    # fuera de las cinco primeras páginas con «amortización» o «plan de pagos»).
    resultados = _resultados(pagina, servidor, consulta)
    paginas = _paginas_en_orden(resultados)
    assert paginas[:2] == [f"/procedimientos/{procedimiento}/", "/guias/glosario/"], resultados[:6]
    del_glosario = [(a, p) for r, a, p in resultados if r == "/guias/glosario/" and a]
    assert del_glosario[0][0] == termino, del_glosario[:3]
    pagina_del_procedimiento = max(p for r, a, p in resultados if r == f"/procedimientos/{procedimiento}/")
    assert pagina_del_procedimiento > 2 * del_glosario[0][1], resultados[:4]
    # Y lo que viene después, lejos: otra página ni otra sección se confunden con la definición.
    resto = [p for r, a, p in resultados if r not in paginas[:2]]
    assert all(p * 2 < del_glosario[0][1] for p in resto), (del_glosario[0], resultados[:8])


@pytest.mark.parametrize("consulta, esperado", [
    ("rechazar factura", "/procedimientos/aprobar-o-rechazar-factura/"),  # lo que hace la entidad
    ("factura rechazada", "/procedimientos/corregir-factura-rechazada/"),  # lo que le pasó al proveedor
])
def test_la_pagina_cuyo_titulo_dice_lo_escrito_tal_cual_va_primero(pagina, servidor, consulta, esperado):
    # Las dos consultas tienen las mismas raíces (rechaz, factur) y las dos llevaban a corregir la factura rechazada,
    # apenas 1,3 veces por delante de «Revisar, aprobar o rechazar la factura».
    resultados = _resultados(pagina, servidor, consulta)
    assert resultados[0][0] == esperado, resultados[:4]
    assert all(p * 2 < resultados[0][2] for r, _, p in resultados if r != esperado), resultados[:4]


@pytest.mark.parametrize("consulta", ["dígito de verificación", "verificacion"])
def test_la_palabra_escrita_pesa_mas_que_las_que_solo_empiezan_como_ella(pagina, servidor, consulta):
    # «verificación» (raíz «verif») hallaba igual «Verifique» (raíz «verifiqu»), que solo empieza como ella: con
    # «dígito de verificación», el paso «Verifique el valor a pagar» quedaba a 23 puntos de 2968 del dígito de
    # verificación del NIT (la prueba del resaltado, que con esa consulta mira el primero, dependía de esos 23
    # puntos), y con «verificacion» salía primero.
    secciones = [r for r in _resultados(pagina, servidor, consulta) if r[1]]
    pasos = [p for r, a, p in secciones if a.startswith("paso-")]  # «Paso 4. Verifique el valor a pagar»…
    assert not secciones[0][1].startswith("paso-"), secciones[:3]
    assert pasos and all(p * 2 < secciones[0][2] for p in pasos), secciones[:4]


@pytest.mark.parametrize("consulta", ["CO1.PCCNTR.4567890", "co1.pccntr.4567890", "CO1.PCCNTR"])
def test_el_identificador_de_un_contrato_lleva_a_como_seguirlo(pagina, servidor, consulta):
    # Un ciudadano pega el identificador de su contrato. Antes, con su número: «No se encontraron resultados» (ninguna
    # página tiene ese número); sin él, el paso 1 de «Seguir un contrato» empataba (10,63) con la línea de órdenes del
    # validador, que lo nombra en un ejemplo.
    secciones = [r for r in _resultados(pagina, servidor, consulta) if r[1]]
    assert secciones[0][:2] == ("/procedimientos/seguir-un-contrato/", "paso-1"), secciones[:3]
    assert all(p * 10 < secciones[0][2] for _, _, p in secciones[1:]), secciones[:3]
    assert pagina.locator(".md-search-result__item s").count() == 0  # el número no sale como «Falta»


@pytest.mark.parametrize("consulta", ["NIT-001", "ss-003"])
def test_el_id_de_una_regla_lleva_primero_a_la_regla(pagina, servidor, consulta):
    # Las reglas pesan menos en la búsqueda (salían primero en casi todo); su id, que copia un formador, no.
    enlaces = _buscar(pagina, servidor, consulta)
    assert any(e.endswith("#" + consulta.lower()) for e in enlaces[:2]), enlaces[:4]


@pytest.mark.parametrize("consulta, esperado", [
    ("facturas", "/procedimientos/"),          # plural: la raíz en español encuentra «factura»
    ("radicacion", "enviar-solicitud-de-pago"),  # sin tilde encuentra «radicación»
])
def test_la_busqueda_entiende_espanol(pagina, servidor, consulta, esperado):
    enlaces = _buscar(pagina, servidor, consulta)
    assert any(esperado in e for e in enlaces), enlaces


@pytest.mark.parametrize("consulta", ["cómo me pagan", "como pagan", "facturas rechazadas", "dígito de verificación", "a"])
def test_los_resultados_resaltan_sin_romper_el_marcado_ni_dar_por_faltante_lo_hallado(pagina, servidor, consulta):
    # «cómo» y su copia sin tilde caen en la misma posición: resaltarla dos veces daba «<mar<mark>k>Cómo…»; y lo
    # hallado por su raíz («pagan» → «pag») salía tachado como «Falta».
    _buscar(pagina, servidor, consulta)
    resultados = pagina.locator(".md-search-result__list")
    html = resultados.inner_html()
    texto = resultados.inner_text()
    assert "<mar<" not in html and "k>" not in texto and "&lt;mark" not in html, texto[:300]
    assert pagina.locator(".md-search-result__list mark mark").count() == 0
    if consulta != "a":
        # El primer resultado con puntaje (Material pone arriba la página de una sección, con 0), sin las secciones
        # de «N más en esta página», que pueden no tener todo.
        primero = pagina.locator(".md-search-result__item > a:has(article:not([data-md-score='0.00']))").first
        assert primero.locator("mark").count() > 0
        assert primero.locator(".md-search-result__terms").count() == 0, primero.inner_text()
        assert "?h=" in primero.get_attribute("href") and "h=&" not in primero.get_attribute("href") + "&"


def _worker_de_busqueda(pagina):
    for _ in range(100):
        for w in pagina.workers:
            if "busqueda.js" in w.url:
                return w
        pagina.wait_for_timeout(50)
    raise AssertionError("no arrancó el worker de búsqueda")


def test_con_y_sin_tildes_las_formas_de_una_palabra_dan_la_misma_raiz(pagina, servidor):
    # «aprobación» sin su tilde quedaba entera («aprobacion») y no hallaba «aprobar» ni «aprobaciones».
    _buscar(pagina, servidor, "pago")
    busqueda = _worker_de_busqueda(pagina)
    raices = busqueda.evaluate("""(grupos) => {
        const p = new lunr.Pipeline();
        p.add(lunr.Pipeline.registeredFunctions.plegarTildes, lunr.es.stemmer);
        return grupos.map((g) => [...new Set(g.map((w) => p.runString(w).join(" ")))]);
    }""", [["aprobación", "aprobacion", "aprobaciones", "aprobar"],
           ["radicación", "radicacion", "radicar"],
           ["modificación", "modificacion", "modificaciones"],
           ["garantía", "garantia"]])
    assert all(len(r) == 1 for r in raices), raices


@pytest.mark.parametrize("mal_escrita, bien_escrita", [
    ("facrura rechazda", "factura rechazada"),
    ("radicasion", "radicación"),
    ("amortisacion del antcipo", "amortización del anticipo"),
])
def test_una_palabra_mal_escrita_halla_lo_mismo_que_la_bien_escrita(pagina, servidor, mal_escrita, bien_escrita):
    # Antes: «No se encontraron resultados». Lo mal escrito tampoco se da por faltante (tachado) en el resultado.
    esperados = _buscar(pagina, servidor, bien_escrita)
    enlaces = _buscar(pagina, servidor, mal_escrita)
    sin_consulta = [urlparse(e)._replace(query="").geturl() for e in (enlaces[:1] + esperados[:1])]
    assert enlaces and sin_consulta[0] == sin_consulta[1], (enlaces[:3], esperados[:3])
    assert pagina.locator(".md-search-result__item s").count() == 0


@pytest.mark.parametrize("mal_escrita, bien_escrita", [
    ("factura electronca", "factura electrónica"),
    ("regitro presupuestal", "registro presupuestal"),
])
def test_una_palabra_mal_escrita_entre_bien_escritas_halla_lo_mismo(pagina, servidor, mal_escrita, bien_escrita):
    # Antes la consulta hallaba algo por la palabra bien escrita y la mal escrita no contaba (solo se corregía si no
    # se hallaba nada): «factura electronca» llevaba a corregir una factura rechazada, lo que más dice «factura», y
    # «regitro presupuestal» al paso 6 de los requisitos, no al RP.
    esperados = [(r, a) for r, a, _ in _resultados(pagina, servidor, bien_escrita)]
    hallados = [(r, a) for r, a, _ in _resultados(pagina, servidor, mal_escrita)]
    assert esperados[:2] == hallados[:2] and esperados[1][0] == "/guias/glosario/", (hallados[:3], esperados[:3])
    assert pagina.locator(".md-search-result__item s").count() == 0


def test_el_indice_de_busqueda_se_construye_despues_de_abrir_la_pagina(pagina, servidor):
    # Al abrir la página el índice no se construye (le quitaría un núcleo al validador); se
    # construye solo unos segundos después aunque nadie busque.
    pagina.goto(servidor + "/validador/")
    busqueda = _worker_de_busqueda(pagina)
    pagina.wait_for_timeout(1000)
    assert busqueda.evaluate("self.estadoDelIndice") == "diferido"
    # Ni siquiera el worker de Material (con lunr) se importó todavía: compilarlo también cuesta.
    assert busqueda.evaluate("typeof lunr") == "undefined"
    for _ in range(100):
        if busqueda.evaluate("self.estadoDelIndice") == "listo":
            break
        pagina.wait_for_timeout(100)
    assert busqueda.evaluate("self.estadoDelIndice") == "listo"
    assert busqueda.evaluate("typeof lunr") == "function"


def test_la_primera_consulta_construye_el_indice_y_encuentra(pagina, servidor):
    enlaces = _buscar(pagina, servidor, "plan de pagos")
    assert any("crear-plan-de-pagos" in e for e in enlaces), enlaces
    assert _worker_de_busqueda(pagina).evaluate("self.estadoDelIndice") == "listo"


def test_si_el_indice_no_se_puede_construir_la_busqueda_responde_sin_resultados(pagina, servidor):
    # Sin el archivo de idioma de lunr la construcción falla: la consulta no queda esperando.
    pagina.route("**/lunr/min/lunr.es.min.js", lambda r: r.fulfill(status=404, body="no está"))
    pagina.goto(servidor + "/")
    pagina.locator("input.md-search__input").click()
    pagina.keyboard.type("factura", delay=20)
    # El texto es el de la traducción de Material que el sitio publica en su configuración.
    ninguno = pagina.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                              ".translations['search.result.none']")
    pagina.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent === t",
                             arg=ninguno, timeout=10000)
    assert _worker_de_busqueda(pagina).evaluate("self.estadoDelIndice") == "error"


def test_un_enlace_a_paso_3_lleva_al_paso_3(pagina, servidor):
    pagina.goto(servidor + "/procedimientos/enviar-solicitud-de-pago/#paso-3")
    pagina.wait_for_load_state("load")
    pagina.wait_for_timeout(300)
    arriba = pagina.evaluate("document.getElementById('paso-3').getBoundingClientRect().top")
    assert 0 <= arriba < 200, arriba
    assert pagina.evaluate("document.getElementById('paso-1').getBoundingClientRect().top") < 0


@pytest.mark.parametrize("ruta, publicada", [("/reglas/#NIT-001", "nit-001"),
                                             ("/procedimientos/enviar-solicitud-de-pago/#Paso-3", "paso-3")])
def test_un_ancla_en_mayusculas_lleva_a_la_publicada(pagina, servidor, ruta, publicada):
    # El informe y las diapositivas dicen «NIT-001»: quien escribe así el enlace llega igual.
    pagina.goto(servidor + ruta)
    pagina.wait_for_function(f"location.hash === '#{publicada}'", timeout=5000)
    pagina.wait_for_timeout(300)
    arriba = pagina.evaluate(f"document.getElementById('{publicada}').getBoundingClientRect().top")
    assert 0 <= arriba < 200, arriba


def test_un_ancla_en_mayusculas_en_la_misma_pagina_lleva_a_la_publicada(pagina, servidor):
    # Solo cambia el «#…»: antes el paso quedaba bajo la barra de arriba o no se movía.
    pagina.goto(servidor + "/procedimientos/enviar-solicitud-de-pago/")
    pagina.wait_for_load_state("load")
    pagina.evaluate("location.hash = '#PASO-5'")
    pagina.wait_for_function("location.hash === '#paso-5'", timeout=5000)
    pagina.wait_for_function("(() => { const t = document.getElementById('paso-5').getBoundingClientRect().top;"
                             " return 0 <= t && t < 200; })()", timeout=5000)


def test_en_un_telefono_el_menu_cerrado_no_esta_en_el_orden_del_tabulador(telefono, servidor):
    # Antes, Tab pasaba por los ~40 enlaces invisibles del menú lateral cerrado antes de llegar al contenido.
    telefono.goto(servidor + "/procedimientos/registrar-pago/", wait_until="load")
    en_el_menu = "() => !!document.activeElement.closest('.md-sidebar--primary')"
    for _ in range(12):
        telefono.keyboard.press("Tab")
        assert not telefono.evaluate(en_el_menu)
    telefono.locator("label.md-header__button[for='__drawer']").click()
    telefono.wait_for_timeout(400)
    enlace = telefono.locator(".md-sidebar--primary a.md-nav__link[href]").first
    enlace.focus()
    assert telefono.evaluate(en_el_menu) and enlace.is_visible()


def test_copiar_enlace_copia_la_direccion_del_paso(pagina, servidor):
    pagina.goto(servidor + "/procedimientos/registrar-pago/")
    boton = pagina.locator(".copiar-enlace[data-ancla='paso-2']")
    boton.click()
    assert pagina.evaluate("navigator.clipboard.readText()") == servidor + "/procedimientos/registrar-pago/#paso-2"
    # El botón va después del título, no dentro: un lector de pantalla lee el título del paso solo.
    assert "Copiar" not in pagina.locator("#paso-2").text_content()
    assert pagina.get_by_role("heading", name="Copiar", exact=False).count() == 0
    pagina.goto(servidor + "/reglas/")
    pagina.locator(".copiar-enlace[data-ancla='nit-001']").click()
    assert pagina.evaluate("navigator.clipboard.readText()") == servidor + "/reglas/#nit-001"


def test_copiar_enlace_de_un_termino_del_glosario(pagina, servidor):
    pagina.goto(servidor + "/guias/glosario/")
    pagina.locator(".copiar-enlace[data-ancla='ibc']").click()
    assert pagina.evaluate("navigator.clipboard.readText()") == servidor + "/guias/glosario/#ibc"


@pytest.mark.parametrize("ruta, ancla", [("/guias/preguntas-frecuentes/", "factura-rechazada"),
                                         ("/fuentes/", "datos-abiertos-secop-ii")])
def test_copiar_enlace_de_una_pregunta_frecuente_y_de_una_fuente(pagina, servidor, ruta, ancla):
    # Los formadores enlazan también /guias/preguntas-frecuentes/#… y /fuentes/#…: el mismo botón, la misma dirección.
    pagina.goto(servidor + ruta + "?h=factura")
    boton = pagina.locator(f".copiar-enlace[data-ancla='{ancla}']")
    assert boton.inner_text() == "Copiar enlace"
    assert boton.evaluate("b => b.previousElementSibling.id") == ancla
    boton.click()
    assert pagina.evaluate("navigator.clipboard.readText()") == f"{servidor}{ruta}#{ancla}"


def test_copiar_enlace_en_las_fuentes_tras_la_navegacion_instantanea(navegador, servidor, sitio):
    # Material solo navega sin recargar dentro de la dirección pública del sitio (site_url; la del enlace canónico): se
    # sirve ahí el sitio de prueba, sin service worker (pediría a esa dirección de verdad).
    publico = re.search(r'<link rel="canonical" href="([^"]+)"', (sitio / "index.html").read_text(encoding="utf-8"))[1]
    publico = publico.rstrip("/")
    ctx = navegador.new_context(service_workers="block", permissions=["clipboard-read", "clipboard-write"])
    ctx.route(publico + "/**", lambda route: route.fulfill(
        response=route.fetch(url=route.request.url.replace(publico, servidor, 1))))
    try:
        pagina = ctx.new_page()
        pagina.goto(publico + "/guias/preguntas-frecuentes/", wait_until="networkidle")
        pagina.evaluate("window.sinRecargar = true")
        # Desde una pregunta frecuente, la cita lleva a /fuentes/ sin recargar: el botón también está (document$).
        pagina.locator("a[href*='/fuentes/#cce-respuesta-p20211130011070']").first.click()
        pagina.wait_for_url("**/fuentes/#cce-respuesta-p20211130011070")
        pagina.locator(".copiar-enlace[data-ancla='cce-respuesta-p20211130011070']").click()
        assert pagina.evaluate("window.sinRecargar") is True
        assert pagina.evaluate("navigator.clipboard.readText()") == publico + "/fuentes/#cce-respuesta-p20211130011070"
    finally:
        ctx.close()


def test_copiar_enlace_tras_una_busqueda_no_copia_el_resaltado(pagina, servidor):
    # Al llegar desde la búsqueda, Material agrega ?h=… para resaltar; el enlace de una diapositiva no lo lleva.
    pagina.goto(servidor + "/procedimientos/registrar-pago/?h=pago#paso-2")
    pagina.locator(".copiar-enlace[data-ancla='paso-2']").click()
    assert pagina.evaluate("navigator.clipboard.readText()") == servidor + "/procedimientos/registrar-pago/#paso-2"


def test_ninguna_pagina_pide_nada_fuera_de_127_0_0_1(pagina, servidor, sitio):
    for url in _paginas(sitio):
        pagina.goto(f"{servidor}/{url}", wait_until="networkidle")
    assert pagina.red.externos == []
    assert len(pagina.red.pedidos) > len(_paginas(sitio))
    assert pagina.errores == []


@pytest.mark.parametrize("ancho", [390, 360, 320])
def test_en_un_telefono_ninguna_pagina_se_corre_de_lado(pagina, servidor, sitio, ancho):
    # 390 px: en el inicio las flechas del ciclo del pago se salían de la pantalla (4 px de más). 360 px (un Android
    # común): el formulario del validador medía 390 (el ancho mínimo de sus fieldset, el de su contenido).
    pagina.set_viewport_size({"width": ancho, "height": 844})
    anchas = {}
    for url in _paginas(sitio):
        pagina.goto(f"{servidor}/{url}", wait_until="load")
        sobra = pagina.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if sobra > 0:
            anchas[url] = sobra
    assert anchas == {}
    pagina.goto(f"{servidor}/")
    assert pagina.evaluate("getComputedStyle(document.querySelector('ol.ciclo > li'), '::after').content") == '"↓"'


@pytest.mark.parametrize("url", ["/", "/procedimientos/aprobar-o-rechazar-factura/", "/guias/glosario/"])
def test_axe_no_encuentra_violaciones_graves(pagina, servidor, url):
    # Como script de inicio y no con add_script_tag: la CSP del sitio bloquea un script en línea sin huella.
    pagina.add_init_script(path=str(AXE))
    pagina.goto(servidor + url, wait_until="networkidle")
    resultado = pagina.evaluate("axe.run(document, {resultTypes: ['violations']})")
    graves = [{"id": v["id"], "impacto": v["impact"], "nodos": [n["target"] for n in v["nodes"]][:3]}
              for v in resultado["violations"] if v["impact"] in ("serious", "critical")]
    assert graves == [], json.dumps(graves, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("ancho", [390, 360])
def test_axe_en_un_telefono_no_encuentra_violaciones_graves_en_el_validador(telefono, servidor, ancho):
    # En 390 px la orden de la CLI se desplaza de lado: sin foco, el teclado no llega a lo que no se ve. En 360 px,
    # «(opcional)» en el resumen de «Más datos…» quedaba en 4,45:1 sobre el fondo del resumen.
    telefono.set_viewport_size({"width": ancho, "height": 800})
    telefono.add_init_script(path=str(AXE))
    telefono.goto(servidor + "/validador/", wait_until="networkidle")
    resultado = telefono.evaluate("axe.run(document, {resultTypes: ['violations']})")
    graves = [{"id": v["id"], "impacto": v["impact"], "nodos": [n["target"] for n in v["nodes"]][:3]}
              for v in resultado["violations"] if v["impact"] in ("serious", "critical")]
    assert graves == [], json.dumps(graves, ensure_ascii=False, indent=1)


DESPUES = "el => getComputedStyle(el, '::after').content"


def test_al_imprimir_se_quita_la_navegacion_y_solo_se_ven_las_direcciones_de_otros_sitios(pagina, servidor):
    pagina.goto(servidor + "/procedimientos/registrar-pago/")
    pagina.emulate_media(media="print")
    oculto = "el => getComputedStyle(el).display"
    assert pagina.locator(".md-sidebar--primary").evaluate(oculto) == "none"
    assert pagina.locator(".md-header").evaluate(oculto) == "none"
    assert pagina.locator("#paso-2").is_visible() and "Fuente:" in pagina.locator("article").inner_text()
    # Material vuelve absolutos los enlaces internos; impreso, «Paso 3» no lleva detrás la dirección del sitio (antes:
    # « (http://…/procedimientos/registrar-pago/#paso-3)» tras cada enlace interno, ruido en el papel).
    paso_3 = pagina.locator("article p a", has_text="Paso 3").first
    assert paso_3.get_attribute("href") == servidor + "/procedimientos/registrar-pago/#paso-3"
    assert paso_3.evaluate(DESPUES) == "none"
    assert pagina.locator("article a[href^='http']").evaluate_all(
        f"as => as.filter(a => ({DESPUES})(a) !== 'none').map(a => a.href)") == []
    # El portal de otro sitio, que el lector tiene que escribir, sí lleva su dirección.
    pagina.goto(servidor + "/guias/factura-y-soportes/")
    externo = pagina.locator("article a[href^='https://www.ccce.org.co/']")
    assert externo.evaluate(DESPUES) == f'" ({externo.get_attribute("href")})"'
    assert pagina.locator("article a[href^='http://127.0.0.1']").first.evaluate(DESPUES) == "none"


def test_al_imprimir_un_enlace_interno_que_aparecio_despues_tampoco_lleva_su_direccion(pagina, servidor):
    # Como los del informe del validador, que aparecen después de cargar: se marcan al pasar a imprimir.
    pagina.goto(servidor + "/procedimientos/registrar-pago/")
    pagina.evaluate("""base => {
        for (const [texto, href] of [["interno", base + "/reglas/#nit-001"], ["externo", "https://www.datos.gov.co/"]]) {
            const a = document.createElement("a");
            a.textContent = texto;
            a.href = href;
            a.dataset.agregado = texto;
            document.querySelector("article").append(a);
        }
    }""", servidor)
    pagina.emulate_media(media="print")
    assert pagina.locator("[data-agregado=interno]").evaluate(DESPUES) == "none"
    assert pagina.locator("[data-agregado=externo]").evaluate(DESPUES) == '" (https://www.datos.gov.co/)"'


def test_al_imprimir_el_validador_muestra_la_direccion_de_los_datos_abiertos(pagina, servidor):
    pagina.goto(servidor + "/validador/")
    pagina.locator("[data-id-contrato]").fill("CO1.PCCNTR.1234567")
    enlace = pagina.locator("[data-enlaces] a").first
    enlace.wait_for()
    pagina.emulate_media(media="print")
    assert enlace.evaluate(DESPUES) == '" (https://www.datos.gov.co/resource/jbjy-vk9h.json?id_contrato=CO1.PCCNTR.1234567)"'
