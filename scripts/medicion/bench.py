"""Mide el motor en CPython: validaciones por segundo de una solicitud típica y de una factura XML de 200 líneas.

Uso: make bench   (o .venv/bin/python -m scripts.medicion.bench)
Cada cifra es la mediana de 7 repeticiones; cada repetición corre N validaciones seguidas.
"""

from __future__ import annotations

import json
import platform
import re
import statistics
import timeit
from datetime import date
from pathlib import Path

from checker import ejemplos, leer_xml, validar
from checker.api import validar_json

RAIZ = Path(__file__).resolve().parents[2]

HOY = date(2026, 11, 24)
FACTURA = RAIZ / "tests" / "checker" / "xml" / "factura.xml"


def factura_de_200_lineas() -> str:
    """La factura de prueba con 200 líneas de $ 50.000 (el mismo valor neto: $ 10.000.000)."""
    xml = FACTURA.read_text(encoding="utf-8")
    inicio = xml.index("  <cac:InvoiceLine>")
    fin = xml.rindex("</cac:InvoiceLine>") + len("</cac:InvoiceLine>\n")
    linea = ("  <cac:InvoiceLine>\n    <cbc:ID>{n}</cbc:ID>\n    <cbc:InvoicedQuantity unitCode=\"94\">1</cbc:InvoicedQuantity>\n"
             "    <cbc:LineExtensionAmount currencyID=\"COP\">50000.00</cbc:LineExtensionAmount>\n"
             "    <cac:Item><cbc:Description>Artículo {n} de la entrega 2</cbc:Description></cac:Item>\n"
             "    <cac:Price><cbc:PriceAmount currencyID=\"COP\">50000.00</cbc:PriceAmount></cac:Price>\n"
             "  </cac:InvoiceLine>\n")
    lineas = "".join(linea.format(n=n) for n in range(1, 201))
    xml = xml[:inicio] + lineas + xml[fin:]
    return re.sub(r"<cbc:LineCountNumeric>\d+</cbc:LineCountNumeric>", "<cbc:LineCountNumeric>200</cbc:LineCountNumeric>", xml)


def medir(nombre: str, funcion, numero: int) -> dict[str, float]:
    tiempos = [t / numero for t in timeit.repeat(funcion, number=numero, repeat=7)]
    mediana = statistics.median(tiempos)
    return {"caso": nombre, "ms_por_validacion": mediana * 1000, "validaciones_por_segundo": 1 / mediana}


def main() -> None:
    tipica = ejemplos.cargar("tipica")
    texto_tipica = json.dumps(tipica)
    xml200 = factura_de_200_lineas()
    assert len(leer_xml(xml200).lineas) == 200
    informe = json.loads(validar_json(texto_tipica, xml=xml200, hoy=HOY.isoformat()))
    assert informe["aprobable"], informe  # la factura de 200 líneas es coherente: solo mide, no falla

    filas = [
        medir("solicitud típica (dict → informe)", lambda: validar(tipica, hoy=HOY), 500),
        medir("solicitud típica (JSON → JSON)", lambda: validar_json(texto_tipica, hoy="2026-11-24"), 500),
        medir("factura XML de 200 líneas (JSON + XML → JSON)",
              lambda: validar_json(texto_tipica, xml=xml200, hoy="2026-11-24"), 50),
    ]
    print(f"Python {platform.python_version()} · {platform.machine()} · {platform.processor() or platform.system()}")
    print(f"{'caso':50} {'ms/validación':>14} {'validaciones/s':>15}")
    for f in filas:
        print(f"{f['caso']:50} {f['ms_por_validacion']:14.3f} {f['validaciones_por_segundo']:15.0f}")


if __name__ == "__main__":
    main()
