"""El service worker del sitio (/sw.js): qué guarda, con qué huellas, cuánto pesa y cuándo cambia de versión."""

from __future__ import annotations

import json
import re
import shutil

from scripts.construccion import sin_conexion


def _paginas(sitio) -> set[str]:
    return {sin_conexion.url(p.relative_to(sitio).as_posix()) for p in sitio.rglob("index.html")}


def test_la_copia_del_sitio_tiene_todas_las_paginas_la_busqueda_y_la_impresion(sitio):
    urls = {u for u, _ in sin_conexion.precarga(sitio)}
    assert _paginas(sitio) <= urls and "./" in urls and "procedimientos/enviar-solicitud-de-pago/" in urls
    busqueda = {"search/search_index.json", "assets/javascripts/workers/busqueda.js", "sitemap.xml",
                "assets/javascripts/lunr/min/lunr.es.min.js", "assets/javascripts/lunr/min/lunr.stemmer.support.min.js"}
    assert busqueda <= urls
    assert any(re.fullmatch(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js", u) for u in urls)
    assert {"assets/estilos/impresion.css", "assets/js/sin-conexion.js", "validador/trabajador.js",
            "validador/arranque.js", "assets/generado/ejemplos/factura-rechazada.json"} <= urls


def test_la_copia_del_sitio_no_lleva_el_motor_ni_lo_que_no_se_usa(sitio):
    urls = {u for u, _ in sin_conexion.precarga(sitio)}
    assert not any(u.startswith("assets/validador/motor/") for u in urls)
    assert not any(u.endswith((".map", ".br", ".gz")) for u in urls)
    assert "assets/javascripts/lunr/wordcut.js" not in urls and "assets/javascripts/lunr/min/lunr.fr.min.js" not in urls
    assert "sw.js" not in urls and "validador/sw.js" not in urls


def test_la_copia_del_sitio_pesa_menos_de_medio_mega_comprimida(sitio):
    # Lo que baja en segundo plano después de la primera visita (la página ya vista se revalida).
    total = 0
    for ruta in sin_conexion.archivos_del_sitio(sitio):
        comprimido = sitio / (ruta + ".br")
        total += (comprimido if comprimido.is_file() else sitio / ruta).stat().st_size
    assert total < 500_000, total


def test_cada_archivo_lleva_la_huella_de_su_contenido(sitio):
    for (url, huella), ruta in zip(sin_conexion.precarga(sitio), sin_conexion.archivos_del_sitio(sitio)):
        assert url == sin_conexion.url(ruta)
        assert huella == sin_conexion.huella((sitio / ruta).read_bytes())
    publicado = (sitio / "sw.js").read_text(encoding="utf-8")
    assert '["procedimientos/enviar-solicitud-de-pago/", "' in publicado


def test_el_motor_se_guarda_aparte_con_todo_lo_que_pide_el_worker(sitio):
    rutas = sin_conexion.motor(sitio)
    manifiesto = json.loads((sitio / "assets/validador/motor/manifiesto.json").read_text())
    assert all(f"assets/validador/motor/{r['url']}" in rutas for r in manifiesto["ruedas"])
    assert all(f"assets/validador/motor/{manifiesto['pyodide']}{a}" in rutas for a in manifiesto["archivos_pyodide"])
    # Ni se sirve ni se guarda el índice de paquetes de Pyodide: el manifiesto trae su cabecera.
    assert not any(r.endswith("pyodide-lock.json") for r in rutas)
    assert all((sitio / r).is_file() for r in rutas)


def _version_motor(copia) -> str:
    return re.search(r'const MOTOR_VERSION = "([0-9a-f]+)"', (copia / "sw.js").read_text()).group(1)


def test_un_cambio_en_una_pagina_da_otra_version_y_el_motor_conserva_la_suya(sitio, tmp_path):
    copia = tmp_path / "site"
    shutil.copytree(sitio, copia)
    antes = sin_conexion.escribir(copia)
    motor = _version_motor(copia)
    assert sin_conexion.escribir(copia) == antes  # misma entrada, misma versión
    pagina = copia / "procedimientos/registrar-pago/index.html"
    pagina.write_text(pagina.read_text(encoding="utf-8") + "<!-- cambio -->", encoding="utf-8")
    nueva = sin_conexion.escribir(copia)
    assert nueva != antes
    assert f'const VERSION = "{nueva}"' in (copia / "sw.js").read_text()
    assert _version_motor(copia) == motor  # el mismo motor no se vuelve a bajar


def test_el_service_worker_vive_en_la_raiz_y_el_del_validador_se_retira(sitio):
    assert (sitio / "sw.js").read_text().startswith("const VERSION")
    retirado = (sitio / "validador" / "sw.js").read_text()
    assert "unregister()" in retirado and "VERSION" not in retirado and "fetch" not in retirado
    # El worker del motor sigue en /validador/ (URL publicada) y dentro del alcance de /sw.js.
    assert (sitio / "validador" / "trabajador.js").is_file()


def test_la_limpieza_de_versiones_no_toca_la_instantanea_del_motor():
    fuente = (sin_conexion.FUENTE).read_text(encoding="utf-8")
    limpieza = re.search(r"function esDeOtraVersion\(nombre\) \{(.*?)\n\}", fuente, re.S).group(1)
    assert '"motor-archivos-"' in limpieza and '"motor-"' not in limpieza
