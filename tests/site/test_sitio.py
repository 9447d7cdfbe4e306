"""Pruebas sobre el sitio construido: enlaces y anclas, pasos, glosario, búsqueda, terceros."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from checker import CATALOGO
from checker.reglas import FALTA
from tests.site.html import enlaces_rotos, paginas

ROLES = ("Entidad (comprador)", "Supervisor", "Proveedor", "Ciudadano")
RAIZ = Path(__file__).resolve().parents[2]
# Todos los procedimientos de la carpeta (no una lista a mano que se quede atrás).
PROCEDIMIENTOS = sorted(p.stem for p in (RAIZ / "docs" / "procedimientos").glob("*.md") if p.stem != "index")


# Las anclas de las guías y del validador (preguntas frecuentes, términos del glosario…) que formadores y correos
# enlazan: una publicada no se borra ni cambia de página (como las de los pasos, test_procedimientos.py).
ANCLAS_DE_GUIAS = json.loads((Path(__file__).parent / "anclas_guias_publicadas.json").read_text(encoding="utf-8"))


def _anclas_escritas() -> dict[str, str]:
    """Cada `{ #ancla }` escrita en docs/guias y en el validador, con la página donde queda."""
    anclas = {}
    for md in sorted([*(RAIZ / "docs" / "guias").glob("*.md"), RAIZ / "docs" / "validador" / "index.md"]):
        pagina = "validador" if md.parent.name == "validador" else "guias" if md.stem == "index" else f"guias/{md.stem}"
        for ancla in re.findall(r"\{ #([a-z0-9-]+) \}", md.read_text(encoding="utf-8")):
            anclas[f"{pagina}/#{ancla}"] = pagina
    return anclas


@pytest.mark.parametrize("ruta", sorted(ANCLAS_DE_GUIAS))
def test_cada_ancla_publicada_de_las_guias_sigue_en_su_pagina(sitio, ruta):
    pagina, ancla = ruta.split("/#")
    html = (sitio / pagina / "index.html").read_text(encoding="utf-8")
    assert f'id="{ancla}"' in html, f"{ruta} ya no existe: un enlace publicado no se borra"


def test_cada_ancla_de_las_guias_esta_registrada():
    # Una ancla nueva se registra en anclas_guias_publicadas.json al publicarse; desde entonces no se borra.
    assert set(_anclas_escritas()) - set(ANCLAS_DE_GUIAS) == set()


@pytest.fixture(scope="module")
def todas(sitio: Path):
    return paginas(sitio)


def test_cada_enlace_interno_y_su_ancla_existen(sitio, todas):
    assert enlaces_rotos(sitio, todas) == []


def test_nada_se_carga_de_otro_servidor(sitio, todas):
    externos = [f"{url}: <{tag}> {u}" for url, p in todas.items() for tag, u in p.recursos
                if urlparse(u).scheme in ("http", "https") or u.startswith("//")]
    assert externos == []
    for hoja in sitio.rglob("*.css"):
        css = hoja.read_text(encoding="utf-8")
        assert not re.search(r"(url\(|@import)\s*['\"]?(https?:)?//", css), hoja
    # Material con font: false no pide Google Fonts; ningún JS propio nombra un CDN.
    for js in [*(sitio / "assets" / "js").rglob("*.js"), *(sitio / "validador").glob("*.js")]:
        assert not re.search(r"https?://", js.read_text(encoding="utf-8")), js


def test_el_indice_de_procedimientos_los_lista_todos(todas):
    assert len(PROCEDIMIENTOS) >= 18
    indice = todas["procedimientos/"]
    for slug in PROCEDIMIENTOS:
        assert any(h.rstrip("/").endswith(slug) for h in indice.enlaces), slug


@pytest.mark.parametrize("slug", PROCEDIMIENTOS)
def test_cada_procedimiento_tiene_pasos_consecutivos_con_rol_fuente_y_que_sigue(todas, slug):
    pagina = todas[f"procedimientos/{slug}/"]
    pasos = [i for i, _ in pagina.h2 if i.startswith("paso-")]
    assert pasos == [f"paso-{n}" for n in range(1, len(pasos) + 1)] and len(pasos) >= 3
    for paso in pasos:
        texto = pagina.texto_por_id[paso]
        quien = re.search(r"Quién:\s*([^·\n]+)", texto)
        # Uno de los roles, o dos unidos por «o» («Entidad (comprador) o supervisor»).
        assert quien and all(r.casefold() in {x.casefold() for x in ROLES} for r in quien.group(1).strip().split(" o ")), \
            f"{slug}#{paso}: rol"
        assert re.search(r"Fuente:\s*\S", texto), f"{slug}#{paso}: fuente"
        assert "Dónde:" in texto and "Verá:" in texto and "¿Qué sigue?" in texto, f"{slug}#{paso}"


def test_los_pasos_por_confirmar_lo_dicen():
    # Los hechos marcados «por confirmar» en las fuentes no se presentan como ciertos.
    texto = (Path(__file__).resolve().parents[2] / "docs" / "procedimientos" / "enviar-solicitud-de-pago.md").read_text()
    assert re.search(r"«Enviado por el Proveedor» \(\*\*por confirmar\*\*\)", texto)


def test_los_terminos_del_glosario_aparecen_como_abreviaturas(todas):
    vistas = {}
    for pagina in todas.values():
        vistas.update(pagina.abreviaturas)
    for termino in ("RP", "CDP", "NIT", "DV", "CUFE", "PILA", "IBC", "SMMLV", "SECOP"):
        assert vistas.get(termino), f"{termino} no aparece como <abbr> en el sitio"
    assert vistas["RP"] == "Registro presupuestal"
    assert todas["procedimientos/aprobar-o-rechazar-factura/"].abreviaturas.get("RP")


def test_la_busqueda_usa_espanol_y_sus_recursos_son_locales(sitio):
    indice = json.loads((sitio / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert indice["config"]["lang"] == ["es"]
    assert (sitio / "assets" / "javascripts" / "lunr" / "min" / "lunr.es.min.js").is_file()
    assert any("factura" in d["text"].lower() for d in indice["docs"])


def test_la_pagina_de_reglas_tiene_una_seccion_por_regla(todas):
    reglas = todas["reglas/"]
    secciones = {i: a for i, a in reglas.h2}
    for id_regla, regla in CATALOGO.items():
        ancla = id_regla.lower()
        assert ancla in secciones and secciones[ancla].get("data-regla") == id_regla
        texto = reglas.texto_por_id[ancla]
        assert "Severidad:" in texto and "Fuente:" in texto and regla.fuente[:40] in texto
        assert "Falla con estos cambios" in texto


def test_la_pagina_de_reglas_muestra_las_dos_etapas_quien_corrige_y_enlaza_cada_fuente(todas):
    from checker.informe import NOMBRE_SEVERIDAD

    reglas = todas["reglas/"]
    for id_regla, regla in CATALOGO.items():
        texto = re.sub(r"\s+", " ", reglas.texto_por_id[id_regla.lower()])
        for etapa in ("proveedor", "entidad"):
            assert f"{etapa}: {NOMBRE_SEVERIDAD[regla.etapas[etapa]]}" in texto, (id_regla, etapa)
        assert f"Corrige: {'el proveedor' if regla.corrige == 'proveedor' else 'la entidad'}" in texto
        for cita in regla.fuentes:
            assert any(h.endswith(f"fuentes/#{cita.fuente}") for h in reglas.enlaces), (id_regla, cita.fuente)


def test_la_pagina_de_reglas_dice_que_datos_necesita_cada_regla(todas):
    reglas = todas["reglas/"]
    for id_regla, regla in CATALOGO.items():
        texto = re.sub(r"\s+", " ", reglas.texto_por_id[id_regla.lower()])
        if regla.necesita:
            assert f"Necesita: {FALTA[regla.necesita[0]]}" in texto, id_regla
        else:
            assert "Necesita: solo la factura" in texto, id_regla


def test_la_tabla_de_parametros_dice_que_el_smmlv_2026_es_transitorio(todas):
    texto = todas["reglas/"].texto_por_id["parametros"]
    assert "transitorio" in texto and "Decreto 0159 de 2026" in texto


def test_las_reglas_enlazan_el_paso_que_citan(todas):
    reglas = todas["reglas/"]
    for regla in CATALOGO.values():
        if regla.paso:
            assert any(h.endswith(regla.paso.split("procedimientos/", 1)[1]) for h in reglas.enlaces), regla.id


def test_cada_pagina_carga_la_hoja_de_impresion_y_el_script_de_enlaces(todas):
    for url, pagina in todas.items():
        if url in ("404.html",):
            continue
        recursos = [u for _, u in pagina.recursos]
        assert any(u.endswith("impresion.css") for u in recursos), url
        assert any(u.endswith("enlaces.js") for u in recursos), url


def test_una_sola_paleta_sin_selector_que_montar(todas):
    """Con una sola paleta no hay nada que elegir: el selector de Material (que al montarse cambia
    atributos del <body> y obliga a recalcular el estilo de toda la página) no debe estar, y el
    <body> lleva los colores de mkdocs.yml."""
    from mkdocs.config import load_config

    paleta = load_config(str(RAIZ / "mkdocs.yml")).theme["palette"]
    for url, pagina in todas.items():
        html = pagina.ruta.read_text(encoding="utf-8")
        assert 'data-md-component="palette"' not in html, url
        assert "__palette" not in html, url
        cuerpo = re.search(r"<body[^>]*>", html).group(0)
        for clave in ("scheme", "primary", "accent"):
            assert f'data-md-color-{clave}="{paleta[clave]}"' in cuerpo, (url, clave)


def test_los_ejemplos_publicados_son_los_del_paquete(sitio):
    from checker import ejemplos

    for nombre in ejemplos.nombres():
        publicado = json.loads((sitio / "assets" / "generado" / "ejemplos" / f"{nombre}.json").read_text())
        assert publicado == ejemplos.cargar(nombre)


def test_cada_paso_que_citan_reglas_y_formulario_existe_en_el_sitio(todas):
    from checker import pasos

    rutas = {v for k, v in vars(pasos).items() if k.isupper() and not k.startswith("_")}
    assert len(rutas) >= 10
    for ruta in rutas:
        pagina, ancla = ruta.split("#")
        assert ancla in todas[pagina].ids, ruta


def test_la_tabla_de_parametros_muestra_los_valores_del_motor(todas):
    from checker import parametros
    from checker.formatos import pesos, porcentaje

    texto = todas["reglas/"].texto_por_id["parametros"]
    for s in parametros.SMMLV:
        assert pesos(s.valor) in texto and s.fuente in texto
    for tarifa in (parametros.IBC_PORCENTAJE_MINIMO, parametros.TARIFA_SALUD, parametros.TARIFA_PENSION,
                   *parametros.TARIFA_ARL.values()):
        assert f"{porcentaje(tarifa)} %" in texto


def test_los_ejemplos_de_archivos_publicados_son_los_de_las_pruebas(sitio):
    # Los enlaces de formador #ejemplo=solo-factura y #ejemplo=datos-abiertos cargan archivos de prueba
    # (tests/checker/…), que las pruebas del motor y de Chromium validan.
    from scripts.construccion import generar

    ejemplos_dir = sitio / "assets" / "generado" / "ejemplos"
    assert set(generar.EJEMPLOS_DE_ARCHIVOS) == {"solo-factura", "datos-abiertos"}
    for nombre, archivos in generar.EJEMPLOS_DE_ARCHIVOS.items():
        publicado = json.loads((ejemplos_dir / f"{nombre}.json").read_text(encoding="utf-8"))
        assert [a["nombre"] for a in publicado["archivos"]] == [a.name for a in archivos]
        for a, fuente in zip(publicado["archivos"], archivos):
            assert (ejemplos_dir / a["ruta"]).read_bytes() == fuente.read_bytes()
    pagina = (sitio / "validador" / "index.html").read_text(encoding="utf-8")
    assert 'href="#ejemplo=solo-factura"' in pagina and 'href="#ejemplo=datos-abiertos"' in pagina


def test_los_cambios_de_un_ejemplo_se_leen_como_tabla_con_su_json_intacto():
    import markdown

    from scripts.construccion.generar import _cambios

    cambios = {"factura.notas": "a | b", "factura.codigo": "x`y", "factura.lineas": [{"valor": "1.00"}], "factura.cufe": None}
    html = markdown.markdown(_cambios(cambios).replace("\n    ", "\n").strip(), extensions=["tables"])
    celdas = re.findall(r"<td><code>(.*?)</code></td>", html)
    assert celdas[1::2] == ['"a | b"', '"x`y"', '[{"valor": "1.00"}]', "null"]
    assert celdas[0::2] == list(cambios)


def test_el_id_de_pago_va_entre_lo_primero_aunque_sea_opcional():
    # Sin plan no hay ID de pago (el modelo lo deja vacío), pero con plan es lo primero que el proveedor elige.
    from scripts.construccion.generar import validador

    html = validador()
    campo, plegado = html.index('name="pago.id_pago"'), html.index('data-mas="pago"')
    assert campo < plegado
    assert 'id="f-pago.id_pago" name="pago.id_pago" data-tipo="texto" aria-required' not in html
