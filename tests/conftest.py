"""Accesorios comunes: el sitio construido una vez por sesión y un servidor local."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent

# Fecha fija para que los ejemplos den siempre el mismo informe (la regla APR-002 mira «hoy»).
HOY = date(2026, 11, 24)

DATOS_ABIERTOS = RAIZ / "tests" / "checker" / "datos_abiertos"

# Los XML de tests/checker/xml que las pruebas de robustez no mutan (`mutaciones`): los hostiles o rotos, y las facturas
# que solo repiten en otra forma los elementos de otra ya mutada (otros prefijos, BOM, ISO-8859-1, 150 líneas iguales,
# seis decimales) o sus mismos bloques (tipo 04 y 03, exportación, persona natural, nota crédito, todos los tributos, que
# factura-tributos.xml ya cubre): cada elemento cuesta una revisión entera.
SIN_MUTAR = frozenset({
    "bomba.xml", "xxe.xml", "malformada.xml", "factura-espacios-de-nombres.xml", "factura-bom-crlf.xml",
    "factura-iso-8859-1.xml", "factura-una-linea-150-items.xml", "factura-seis-decimales.xml", "factura-tipo-04.xml",
    "factura-contingencia-03.xml", "exportacion-usd.xml", "adquiriente-persona-natural.xml", "nota-credito-cude.xml",
    "factura-todos-los-tributos.xml", "attached-tipo-04-notificaciones.xml"})


def como_excel(nombre: str) -> bytes:
    """Un CSV del portal (de tests/checker/datos_abiertos/) abierto y guardado de nuevo con Excel en español
    en Windows: separado por «;» y en Windows-1252."""
    import csv
    import io

    filas = list(csv.reader(io.StringIO((DATOS_ABIERTOS / nombre).read_text(encoding="utf-8"))))
    salida = io.StringIO()
    csv.writer(salida, delimiter=";", lineterminator="\r\n").writerows(filas)
    return salida.getvalue().encode("cp1252")


FACTURAS_XML = RAIZ / "tests" / "checker" / "xml"
PDF_DE_EJEMPLO = b"%PDF-1.4\n% representacion grafica de ejemplo\n"


def como_zip(*entradas, metodo: int | None = None) -> bytes:
    """Un ZIP con (nombre, bytes) o con nombres de las facturas de tests/checker/xml/."""
    import io
    import zipfile

    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED if metodo is None else metodo) as z:
        for e in entradas:
            nombre, datos = (e, (FACTURAS_XML / e).read_bytes()) if isinstance(e, str) else e
            z.writestr(nombre, datos)
    return salida.getvalue()


def zip_del_correo(nombre: str = "attached-validada.xml") -> bytes:
    """El adjunto del correo de una factura como lo arma el facturador: un ZIP con el AttachedDocument, su
    representación gráfica (PDF) y los anexos en otro ZIP."""
    return como_zip(("fv08001002000000123.pdf", PDF_DE_EJEMPLO), (f"ad{nombre}", (FACTURAS_XML / nombre).read_bytes()),
                    ("anexos.zip", como_zip(("acta-de-recibo.pdf", PDF_DE_EJEMPLO))))


def mutaciones(datos: bytes):
    """Cada elemento de la factura quitado, vaciado, con texto que no es de su tipo, con un número que se
    desborda o duplicado junto a sí mismo: documentos bien formados con la forma que no se esperaba."""
    import copy
    from xml.etree import ElementTree as ET

    total = sum(1 for _ in ET.fromstring(datos).iter())
    for i in range(1, total):
        for modo in ("quitar", "vaciar", "texto", "desborde", "duplicar"):
            raiz = ET.fromstring(datos)
            padres = {hijo: padre for padre in raiz.iter() for hijo in padre}
            objetivo = list(raiz.iter())[i]
            padre = padres[objetivo]
            if modo in ("texto", "desborde") and len(objetivo):
                continue
            if modo == "quitar":
                padre.remove(objetivo)
            elif modo == "vaciar":
                objetivo.text = ""
                for hijo in list(objetivo):
                    objetivo.remove(hijo)
            elif modo == "texto":
                objetivo.text = "x\u00e1#"
            elif modo == "desborde":
                objetivo.text = "-1e309"
            else:
                padre.insert(list(padre).index(objetivo), copy.deepcopy(objetivo))
            yield f"{modo} {objetivo.tag}", ET.tostring(raiz, encoding="utf-8", xml_declaration=True)


@pytest.fixture(scope="session")
def sitio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from scripts.construccion import construir

    return construir.construir(tmp_path_factory.mktemp("sitio") / "site")


@pytest.fixture(scope="session")
def servidor(sitio: Path):
    from scripts.servidores import servidor as srv

    s = srv.en_segundo_plano(sitio, 0)
    yield f"http://127.0.0.1:{s.server_address[1]}"
    s.shutdown()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """En CI (CI=true) una prueba omitida es una prueba fallida: nada se salta en silencio."""
    resultado = yield
    informe = resultado.get_result()
    if informe.skipped and os.environ.get("CI") == "true":
        informe.outcome = "failed"
        informe.longrepr = f"Prueba omitida en CI (no se permite): {informe.longrepr}"
