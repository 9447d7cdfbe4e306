"""Compara dos o más construcciones del sitio en las visitas de vuelta al validador, alternadas (A/B).

Para decidir un cambio de arranque sin correr todo `make bench-navegador`: construya cada versión en su
carpeta (`.venv/bin/python -m scripts.construccion.construir --destino /tmp/a`) y compárelas:

    .venv/bin/python -m scripts.medicion.comparar --veces 6 /tmp/a /tmp/b

Cada vuelta, y para cada sitio en orden alternado (una vuelta A primero, la siguiente B), un perfil de
Chromium nuevo en disco: visita fría, la misma pestaña, una pestaña nueva y otra pestaña nueva más
(«nueva 2»: para entonces Chromium ya guardó lo que guarda tras la primera), y al final un procedimiento
en otra pestaña nueva («procedimiento»: `DOMContentLoaded`, ms). Tras abrir el navegador o una pestaña se
navega después de la pausa en que una persona escribe la dirección, como en bench_navegador. Imprime la mediana del primer informe
de cada visita, la proporción de la pestaña nueva contra el primer sitio vuelta por vuelta, y cuándo
llegó el worker a cada fase (ms desde que empezó a navegar la página; `worker` es cuando empezó a
correr el worker del motor).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from scripts.entorno.navegador import ARGUMENTOS, FALTA, chromium
from scripts.medicion.bench_navegador import SONDA, abrir_pestana, visita
from scripts.servidores import servidor

VISITAS = ("fria", "misma_pestana", "nueva", "nueva_2", "procedimiento")
PROCEDIMIENTO = "/procedimientos/enviar-solicitud-de-pago/"
FASES = ("inicio", "instantanea_buscada", "pyodide_mjs", "motor_importado")


def fases(pagina, fila: dict) -> dict[str, float]:
    """Las fases que informa el worker, en el tiempo de la página (su `timeOrigin` es otro)."""
    etapas = (fila.get("motor") or {}).get("etapas", {})
    if "origen" not in etapas:
        return {}
    desfase = etapas["origen"] - pagina.evaluate("performance.timeOrigin")
    return {"worker": desfase, **{f: desfase + etapas[f] for f in FASES if f in etapas},
            "listo": fila["listo_ms"], "informe": fila["informe_ms"]}


def perfil(tipo, ejecutable: str, url: str) -> dict:
    """Las visitas de VISITAS en un perfil nuevo, con las fases del worker en las que restauran."""
    r: dict = {}
    with tempfile.TemporaryDirectory(prefix="comparar-") as carpeta:
        contexto = tipo.launch_persistent_context(carpeta, executable_path=ejecutable, headless=True, args=ARGUMENTOS)
        try:
            contexto.add_init_script(SONDA)
            pagina = abrir_pestana(contexto, nueva=False)
            r["fria"] = visita(contexto, pagina, url)["informe_ms"]
            pagina.wait_for_selector("[data-validador][data-sin-conexion=listo]", timeout=120_000)
            pagina.wait_for_selector("[data-validador][data-instantanea]", timeout=120_000)
            pagina.goto("about:blank")
            fila = visita(contexto, pagina, url)
            r["misma_pestana"], r["fases_misma_pestana"] = fila["informe_ms"], fases(pagina, fila)
            for nombre in ("nueva", "nueva_2"):
                pagina.close()
                pagina = abrir_pestana(contexto)
                fila = visita(contexto, pagina, url)
                r[nombre], r[f"fases_{nombre}"] = fila["informe_ms"], fases(pagina, fila)
            pagina.wait_for_selector("html[data-sitio-sin-conexion=listo]", timeout=120_000)
            pagina.close()
            pagina = abrir_pestana(contexto)
            pagina.goto(url.split("/validador/")[0] + PROCEDIMIENTO, wait_until="load")
            r["procedimiento"] = pagina.evaluate(
                "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
        finally:
            contexto.close()
    return r


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("sitios", type=Path, nargs="+", help="carpetas construidas (la primera es la referencia)")
    p.add_argument("--veces", type=int, default=6)
    args = p.parse_args()
    ejecutable = chromium()
    if not ejecutable:
        raise SystemExit(FALTA)
    from playwright.sync_api import sync_playwright

    servidores = [servidor.en_segundo_plano(s, 0) for s in args.sitios]
    urls = [f"http://127.0.0.1:{s.server_address[1]}/validador/#ejemplo=tipica" for s in servidores]
    filas: list[list[dict]] = [[] for _ in args.sitios]
    try:
        with sync_playwright() as pw:
            for vuelta in range(args.veces):
                orden = range(len(args.sitios)) if vuelta % 2 == 0 else reversed(range(len(args.sitios)))
                for i in orden:
                    filas[i].append(perfil(pw.chromium, ejecutable, urls[i]))
    finally:
        for s in servidores:
            s.shutdown()
    print(f"Primer informe, mediana de {args.veces} vueltas alternadas (ms):")
    for sitio, f in zip(args.sitios, filas):
        medianas = "  ".join(f"{v} {statistics.median(x[v] for x in f):6.0f}" for v in VISITAS)
        print(f"  {sitio}: {medianas}")
        if f is not filas[0]:
            proporciones = [b["nueva"] / a["nueva"] for a, b in zip(filas[0], f)]
            print(f"    pestaña nueva contra {args.sitios[0]}, vuelta por vuelta: "
                  + ", ".join(f"{x:.2f}" for x in proporciones) + f" (mediana {statistics.median(proporciones):.2f})")
    print("Fases del worker (ms desde que la página empezó a navegar, medianas):")
    for sitio, f in zip(args.sitios, filas):
        for visita_ in ("misma_pestana", "nueva"):
            todas = [x[f"fases_{visita_}"] for x in f if x[f"fases_{visita_}"]]
            if todas:
                texto = "  ".join(f"{c} {statistics.median(t[c] for t in todas if c in t):.0f}" for c in todas[0])
                print(f"  {sitio} {visita_}: {texto}")


if __name__ == "__main__":
    main()
