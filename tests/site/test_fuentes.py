"""Pruebas del catálogo de fuentes (checker/fuentes.py) y de la página /fuentes/ que se genera de él."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker import CATALOGO
from checker.fuentes import FUENTES
from tests.site.html import paginas

RAIZ = Path(__file__).resolve().parents[2]
DOCS = RAIZ / "docs"
CITA = re.compile(r"fuentes\.md#(?P<id>[^)\s\"']+)")
SECCIONES_PROPIAS = {"fuentes", "por-confirmar"}  # anclas de la página que no son fuentes


def _paginas_escritas() -> list[Path]:
    return [p for p in sorted(DOCS.rglob("*.md")) if p.relative_to(DOCS).as_posix() not in ("reglas.md", "fuentes.md")]


@pytest.fixture(scope="module")
def todas(sitio: Path):
    return paginas(sitio)


def test_cada_fuente_del_catalogo_tiene_sus_datos():
    for id_fuente, f in FUENTES.items():
        assert f.id == id_fuente and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", f.id), id_fuente
        assert f.titulo.strip() and f.emisor.strip() and f.donde.strip(), id_fuente
        assert f.fecha is None or re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", f.fecha), id_fuente
        assert isinstance(f.confirmada, bool), id_fuente


@pytest.mark.parametrize("ruta", _paginas_escritas(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_cada_cita_de_una_pagina_esta_en_el_catalogo(ruta):
    desconocidas = [m["id"] for m in CITA.finditer(ruta.read_text(encoding="utf-8")) if m["id"] not in FUENTES.keys() | SECCIONES_PROPIAS]
    assert desconocidas == []


def test_cada_regla_cita_fuentes_del_catalogo():
    # Las reglas citan con `fuentes` (tuplas de Cita); mientras una regla cite con texto libre no hay id que revisar.
    for regla in CATALOGO.values():
        for cita in getattr(regla, "fuentes", ()) or ():
            assert getattr(cita, "fuente", cita) in FUENTES, regla.id


def test_la_pagina_de_fuentes_se_genera_y_no_se_versiona():
    ignorados = (RAIZ / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "docs/fuentes.md" in ignorados


def test_la_pagina_tiene_una_seccion_por_fuente_con_su_estado(todas):
    pagina = todas["fuentes/"]
    for f in FUENTES.values():
        assert f.id in pagina.texto_por_id, f.id
        texto = pagina.texto_por_id[f.id]
        assert f.emisor in texto and "Dónde encontrarla:" in texto and "Dónde se usa:" in texto
        assert ("Estado: confirmada" in texto) == f.confirmada, f.id
        assert ("Estado: por confirmar" in texto) == (not f.confirmada), f.id


def test_la_pagina_dice_donde_se_usa_cada_fuente(todas):
    """Cada paso que cita una fuente aparece, con su enlace, en la sección de esa fuente."""
    pagina = todas["fuentes/"]
    esperados: dict[str, set[str]] = {}
    for ruta in sorted((DOCS / "procedimientos").glob("*.md")):
        if ruta.name == "index.md":
            continue
        slug = ruta.stem
        for m in re.finditer(r"\{ #(paso-\d+) \}(.*?)(?=\n## |\Z)", ruta.read_text(encoding="utf-8"), re.S):
            for id_fuente in {c["id"] for c in CITA.finditer(m[2])}:
                esperados.setdefault(id_fuente, set()).add(f"procedimientos/{slug}/#{m[1]}")
    assert len(esperados) >= 10
    enlaces_de = _enlaces_por_seccion(pagina.ruta.read_text(encoding="utf-8"))
    for id_fuente, usos in esperados.items():
        faltan = {u for u in usos if not any(h.endswith(u) for h in enlaces_de.get(id_fuente, []))}
        assert faltan == set(), id_fuente


def test_la_lista_de_por_confirmar_enlaza_cada_paso_que_lo_dice(todas):
    html = todas["fuentes/"].ruta.read_text(encoding="utf-8")
    enlaces = _enlaces_por_seccion(html)["por-confirmar"]
    for ruta in sorted((DOCS / "procedimientos").glob("*.md")):
        if ruta.name == "index.md":
            continue
        for m in re.finditer(r"\{ #(paso-\d+) \}(.*?)(?=\n## |\Z)", ruta.read_text(encoding="utf-8"), re.S):
            if re.search(r"por\s+confirmar", m[2], re.I):
                destino = f"procedimientos/{ruta.stem}/#{m[1]}"
                assert any(h.endswith(destino) for h in enlaces), destino


def _secciones(texto: str) -> list[str]:
    """Los trozos de una página escrita, cortados en cada título de nivel 2 o 3 (un paso, una pregunta, un término)."""
    return re.split(r"(?m)^(?=#{2,3} )", texto)


def _dice_por_confirmar(texto: str) -> bool:
    return re.search(r"por\s+confirmar", texto.replace("*", ""), re.I) is not None


@pytest.mark.parametrize("ruta", _paginas_escritas(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_lo_que_cita_una_fuente_por_confirmar_lo_dice_ahi_mismo(ruta):
    # Un formador enlaza un paso, una pregunta o un término sueltos: si se apoya en una fuente que no se leyó en el
    # original, ese mismo trozo lo dice, no solo el comienzo de la página.
    sin_aviso = []
    for trozo in _secciones(ruta.read_text(encoding="utf-8")):
        dudosas = sorted({m["id"] for m in CITA.finditer(trozo)} & {i for i, f in FUENTES.items() if not f.confirmada})
        if dudosas and not _dice_por_confirmar(trozo):
            sin_aviso.append((trozo.splitlines()[0][:60], dudosas))
    assert sin_aviso == []


@pytest.mark.parametrize("ruta", _paginas_escritas(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_una_fuente_que_no_se_leyo_se_cita_diciendo_que_su_texto_esta_por_confirmar(ruta):
    # La guía CCE-SEC-GI-13 solo se conoce por su nombre: cada enlace a ella lo dice, no solo el paso que la cita.
    from tests.checker.test_fuentes import fuentes_sin_leer

    texto = ruta.read_text(encoding="utf-8")
    sin_aviso = [m["id"] for m in re.finditer(r"\]\((?:\.\./)*fuentes\.md#(?P<id>[^)\s]+)\)(?! \(su texto, \*\*por confirmar\*\*\))",
                                               texto) if m["id"] in fuentes_sin_leer()]
    assert sin_aviso == []


@pytest.mark.parametrize("pagina, seccion", [("guias/glosario.md", "{ #cuenta-de-cobro }"),
                                             ("guias/factura-y-soportes.md", "{ #documento-soporte }"),
                                             ("procedimientos/enviar-solicitud-de-pago.md", "{ #paso-1 }"),
                                             ("procedimientos/enviar-solicitud-de-pago.md", "{ #paso-5 }")])
def test_la_cuenta_de_cobro_que_ninguna_fuente_nombra_se_marca_por_confirmar(pagina, seccion):
    trozo = next(t for t in _secciones((DOCS / pagina).read_text(encoding="utf-8")) if seccion in t.splitlines()[0])
    assert "cuenta de cobro" in " ".join(trozo.split()).lower()
    # El aviso va en la oración que la nombra (en el glosario, la de la definición), no en otra cosa de la sección.
    cuerpo = trozo.split("\n", 1)[1]
    nombra = re.search(r"cuenta\s+de\s+cobro", cuerpo, re.I)
    oracion = re.match(r"[^.]*", cuerpo[nombra.start() if nombra else 0:])[0]
    assert _dice_por_confirmar(oracion), (seccion, oracion)


def test_la_prueba_de_fuentes_por_confirmar_ve_un_paso_sin_aviso():
    trozos = _secciones("# P\n\n## Paso 1. A { #paso-1 }\n\nFuente: [L](../fuentes.md#ley-80-1993).\n\n"
                        "## Paso 2. B { #paso-2 }\n\nEstá **por\nconfirmar**. [L](../fuentes.md#ley-80-1993)\n")
    assert [_dice_por_confirmar(t) for t in trozos] == [False, False, True]


def _enlaces_por_seccion(html: str) -> dict[str, list[str]]:
    """id de cada <h2> de la página -> hrefs de los enlaces de su sección."""
    secciones: dict[str, list[str]] = {}
    trozos = re.split(r'<h2 id="([^"]+)"', html)
    for i in range(1, len(trozos), 2):
        secciones[trozos[i]] = re.findall(r'href="([^"]+)"', trozos[i + 1])
    return secciones


def test_el_generador_lista_usos_y_frases_por_confirmar(tmp_path, monkeypatch):
    from scripts.construccion import generar

    (tmp_path / "procedimientos").mkdir()
    (tmp_path / "procedimientos" / "ejemplo.md").write_text(
        "---\ntitle: Ejemplo\n---\n\n# Ejemplo\n\nIntro sin fuente.\n\n"
        "## Paso 1. Haga algo { #paso-1 }\n\nUn dato firme. El botón exacto está **por\nconfirmar** aún.\n\n"
        "**Fuente:** [X](../fuentes.md#cce-seguimiento); [Y](../fuentes.md#ley-80-1993).\n\n"
        "## Paso 2. Haga otra cosa { #paso-2 }\n\n**Fuente:** [X](../fuentes.md#cce-seguimiento).\n",
        encoding="utf-8")
    (tmp_path / "index.md").write_text("Lo dudoso se marca **por confirmar**.\n", encoding="utf-8")
    monkeypatch.setattr(generar, "DOCS", tmp_path)

    usos = generar.usos_en_paginas()
    assert [d for _, d in usos["cce-seguimiento"]] == ["procedimientos/ejemplo.md#paso-1", "procedimientos/ejemplo.md#paso-2"]
    assert [d for _, d in usos["ley-80-1993"]] == ["procedimientos/ejemplo.md#paso-1"]
    frases = generar.afirmaciones_por_confirmar()
    assert frases == [("Ejemplo › Paso 1. Haga algo", "procedimientos/ejemplo.md#paso-1",
                       "El botón exacto está **por confirmar** aún.")]
    pagina = generar.pagina_de_fuentes()
    assert "{ #cce-seguimiento }" in pagina and "(procedimientos/ejemplo.md#paso-2)" in pagina
    assert "Ningún paso ni regla la cita todavía." in pagina
