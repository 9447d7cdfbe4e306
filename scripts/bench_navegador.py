"""Benchmark del validador en Chromium sin interfaz, contra el sitio construido servido en 127.0.0.1.

Mide, desde el inicio de la navegación (mediana de --veces corridas):
- formulario usable: el formulario (HTML estático) está en el DOM y la página terminó DOMContentLoaded;
- motor listo: `data-estado="listo"` (Pyodide + ruedas + checker importado);
- primer informe: `data-estado="resultado"` con el caso /validador/#ejemplo=tipica;
- bytes transferidos (cuerpos codificados + cabeceras) y la tarea más larga del hilo principal.
«Frío» es un contexto nuevo (caché vacía); «repetida» es una segunda visita en el mismo contexto.

Uso: make bench-navegador   (o .venv/bin/python scripts/bench_navegador.py --veces 5)
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "scripts"))

import servidor  # noqa: E402

ARGUMENTOS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--disable-default-apps"]

# Se instala antes que cualquier script de la página: marca tiempos y tareas largas.
SONDA = """
(() => {
  const m = window.__medidas = { tareas: [], estados: {} };
  try {
    new PerformanceObserver((lista) => { for (const e of lista.getEntries()) m.tareas.push(e.duration); })
      .observe({ type: "longtask", buffered: true });
  } catch (e) {}
  document.addEventListener("DOMContentLoaded", () => {
    m.formulario = document.querySelector("[data-formulario]") ? performance.now() : null;
    const raiz = document.querySelector("[data-validador]");
    if (!raiz) return;
    const anotar = (e) => { if (!(e in m.estados)) m.estados[e] = performance.now(); };
    anotar(raiz.dataset.estado);
    // Varios cambios pueden llegar juntos: el valor nuevo de cada registro es el viejo del siguiente.
    new MutationObserver((registros) => {
      registros.slice(1).forEach((r) => anotar(r.oldValue));
      anotar(raiz.dataset.estado);
    }).observe(raiz, { attributes: true, attributeFilter: ["data-estado"], attributeOldValue: true });
  });
})();
"""


def _una_visita(pagina, url: str) -> dict:
    bytes_ = []

    def al_terminar(peticion):
        try:
            tam = peticion.sizes()
            bytes_.append(tam["responseBodySize"] + tam["responseHeadersSize"])
        except Exception:  # pedido cancelado o sin respuesta
            pass

    pagina.on("requestfinished", al_terminar)
    pagina.goto(url)
    pagina.wait_for_selector("[data-validador][data-estado=resultado]", timeout=120_000)
    pagina.wait_for_timeout(200)  # deja llegar las últimas entradas del observador de tareas
    medidas = pagina.evaluate("window.__medidas")
    pagina.remove_listener("requestfinished", al_terminar)
    return {
        "formulario_ms": medidas["formulario"],
        "listo_ms": medidas["estados"].get("listo", medidas["estados"].get("resultado")),
        "informe_ms": medidas["estados"]["resultado"],
        "bytes": sum(bytes_),
        "tarea_mas_larga_ms": max(medidas["tareas"], default=0.0),
    }


def medir(base: str, veces: int, chromium: str) -> dict[str, list[dict]]:
    from playwright.sync_api import sync_playwright

    url = f"{base}/validador/#ejemplo=tipica"
    resultados: dict[str, list[dict]] = {"frio": [], "repetida": []}
    with sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=chromium, headless=True, args=ARGUMENTOS)
        for _ in range(veces):
            contexto = navegador.new_context()
            contexto.add_init_script(SONDA)
            pagina = contexto.new_page()
            resultados["frio"].append(_una_visita(pagina, url))
            pagina.goto("about:blank")
            resultados["repetida"].append(_una_visita(pagina, url))
            contexto.close()
        navegador.close()
    return resultados


def mediana(filas: list[dict], clave: str) -> float:
    return statistics.median(f[clave] for f in filas)


def imprimir(resultados: dict[str, list[dict]], veces: int) -> None:
    print(f"Validador en Chromium sin interfaz, servidor local, mediana de {veces} corridas")
    print(f"{'visita':10} {'formulario':>11} {'motor listo':>12} {'1er informe':>12} {'transferido':>13} {'tarea máx.':>11}")
    for nombre, filas in resultados.items():
        print(f"{nombre:10} {mediana(filas, 'formulario_ms'):9.0f}ms {mediana(filas, 'listo_ms'):10.0f}ms "
              f"{mediana(filas, 'informe_ms'):10.0f}ms {mediana(filas, 'bytes') / 1e6:10.2f} MB "
              f"{mediana(filas, 'tarea_mas_larga_ms'):9.0f}ms")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--veces", type=int, default=5)
    p.add_argument("--sitio", type=Path, default=RAIZ / "site")
    p.add_argument("--json", type=Path, default=RAIZ / "build" / "bench-navegador.json")
    args = p.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("Falta Chromium: sudo apt-get install chromium")
    s = servidor.en_segundo_plano(args.sitio, 0)
    try:
        resultados = medir(f"http://127.0.0.1:{s.server_address[1]}", args.veces, chromium)
    finally:
        s.shutdown()
    imprimir(resultados, args.veces)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(resultados, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
