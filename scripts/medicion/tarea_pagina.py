"""La tarea más larga del hilo principal al cargar una página, en dos construcciones alternadas (A/B).

Para decidir un cambio que toca lo que el tema hace al cargar (bloques de código, abreviaturas, tablas) sin
correr todo `make bench-navegador`, que da esa cifra para unas pocas páginas y un solo sitio:

    .venv/bin/python -m scripts.medicion.tarea_pagina --veces 8 /tmp/a /tmp/b /reglas/

Cada vuelta, un contexto nuevo de Chromium por sitio (primera visita, sin caché), alternando cuál va primero;
la página se da por cargada cuando la red queda quieta. Imprime la mediana y cada vuelta, en ms.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from scripts.entorno.navegador import ARGUMENTOS, FALTA, chromium
from scripts.medicion.bench_navegador import primera_visita
from scripts.servidores import servidor


def medir(sitios: list[Path], ruta: str, veces: int) -> list[list[float]]:
    from playwright.sync_api import sync_playwright

    servidores = [servidor.en_segundo_plano(s) for s in sitios]
    bases = [f"http://127.0.0.1:{s.server_address[1]}" for s in servidores]
    tareas: list[list[float]] = [[] for _ in sitios]
    try:
        with sync_playwright() as p:
            navegador = p.chromium.launch(executable_path=chromium(), headless=True, args=ARGUMENTOS)
            for vuelta in range(veces):
                orden = range(len(sitios)) if vuelta % 2 == 0 else reversed(range(len(sitios)))
                for i in orden:
                    tareas[i].append(primera_visita(navegador, bases[i] + ruta, espera_ms=300)["tarea_mas_larga_ms"])
            navegador.close()
    finally:
        for s in servidores:
            s.shutdown()
    return tareas


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--veces", type=int, default=8)
    p.add_argument("sitio_a", type=Path)
    p.add_argument("sitio_b", type=Path)
    p.add_argument("ruta", nargs="?", default="/reglas/")
    args = p.parse_args()
    if chromium() is None:
        raise SystemExit(FALTA)
    sitios = [args.sitio_a, args.sitio_b]
    for sitio, filas in zip(sitios, medir(sitios, args.ruta, args.veces)):
        print(f"{sitio}: tarea más larga en {args.ruta}, mediana {statistics.median(filas):.0f} ms "
              f"({', '.join(f'{x:.0f}' for x in filas)})")


if __name__ == "__main__":
    main()
