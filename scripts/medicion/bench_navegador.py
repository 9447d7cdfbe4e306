"""Benchmark del validador en Chromium sin interfaz, contra el sitio construido servido en 127.0.0.1.

Escenarios (mediana de --veces corridas; cada corrida en un contexto nuevo, con la caché vacía):
- frío: primera visita, sin límite de red;
- frío 4G: primera visita con la red emulada por el protocolo de DevTools (9 Mbps de bajada,
  150 ms de RTT);
- repetida: segunda visita en el mismo contexto (caché HTTP y service worker ya llenos, y la
  instantánea de memoria del motor guardada en la primera);
- tercera: otra visita más, con red (Chromium guarda el código compilado del wasm servido desde la
  caché del service worker durante la segunda visita y lo reutiliza desde la tercera);
- sin conexión: cuarta visita con `context.set_offline(True)`.
En cada visita: página en el DOM (DOMContentLoaded), formulario usable (su primer pintado: el
primer cuadro en que tiene tamaño, y no antes del primer pintado de la página; lo que espera una
tecla después lo acota la tarea más larga), formulario completo (el primer cuadro con todos sus
grupos: los de abajo se muestran cuando el tema terminó de iniciar la página), motor listo
(`data-estado="listo"`), primer informe (`data-estado="resultado"` con /validador/#ejemplo=tipica),
bytes transferidos (cuerpos codificados + cabeceras), la tarea más larga del hilo principal en
toda la carga (hasta el informe pintado) y la más larga mientras el motor carga (desde que la
página, ya iniciada, le da paso al worker, marca `validador:empezar`, hasta «listo»; antes de la
marca corre el arranque del tema, y después de «listo», llenar el ejemplo y pintar el informe).
Además: los bytes y la tarea más larga de las demás páginas (sin bytes de Pyodide; su tarea más
larga es el piso que pone el tema sin validador) y el perfil de arranque del motor (fases que
informa el worker y sus descargas), mediana de las visitas en frío.

Uso: make bench-navegador   (o .venv/bin/python -m scripts.medicion.bench_navegador --veces 5)
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

from scripts.entorno.navegador import ARGUMENTOS, FALTA, chromium
from scripts.servidores import servidor

RAIZ = Path(__file__).resolve().parents[2]
RED_4G = {"offline": False, "latency": 150, "downloadThroughput": 9_000_000 / 8, "uploadThroughput": 9_000_000 / 8}
OTRAS_PAGINAS = ["/", "/procedimientos/enviar-solicitud-de-pago/", "/reglas/", "/guias/glosario/"]

# Se instala antes que cualquier script de la página: marca tiempos, tareas largas y el perfil del motor.
SONDA = """
(() => {
  const m = window.__medidas = { tareas: [], estados: {}, motor: null };
  try {
    new PerformanceObserver((lista) => { for (const e of lista.getEntries()) m.tareas.push([e.startTime, e.duration]); })
      .observe({ type: "longtask", buffered: true });
  } catch (e) {}
  document.addEventListener("validador:listo", (e) => { m.motor = e.detail; });
  // Formulario usable: el primer cuadro en que tiene tamaño (se pinta en ese cuadro, o en el primer
  // pintado de la página si aún no lo hubo: visita() toma el mayor de los dos); completo: el primer
  // cuadro con todos sus grupos (sin data-preparando). Se mira desde el primer cuadro, aunque la página
  // no haya terminado de leerse. DOMContentLoaded solo dice que está en el DOM; lo que espera una tecla
  // después del pintado lo acota la tarea más larga.
  const mirar = (ahora) => {
    const formulario = document.querySelector("[data-formulario]");
    if (formulario && formulario.offsetHeight > 0 && m.formulario === undefined) m.formulario = ahora;
    if (formulario && formulario.offsetHeight > 0 && !formulario.closest("[data-preparando]")) m.completo = ahora;
    else if (formulario || document.readyState === "loading") requestAnimationFrame(mirar);
  };
  requestAnimationFrame(mirar);
  document.addEventListener("DOMContentLoaded", () => {
    m.dom = performance.now();
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


class Red:
    """Cuenta los bytes de cada respuesta del contexto (página, workers y service worker)."""

    def __init__(self, contexto):
        self.bytes = 0
        self.urls: list[str] = []
        contexto.on("requestfinished", self._sumar)

    def _sumar(self, pedido) -> None:
        self.urls.append(pedido.url)
        try:
            tam = pedido.sizes()
            self.bytes += tam["responseBodySize"] + tam["responseHeadersSize"]
        except Exception:  # pedido cancelado o respondido sin red
            pass


def _emular_4g(contexto, pagina) -> None:
    """Aplica RED_4G por CDP a la página. Chromium la aplica también a los pedidos de sus workers:
    el perfil lo muestra (pyodide.asm.wasm, pedido por el worker, tarda lo que dan 9 Mbps)."""
    sesion = contexto.new_cdp_session(pagina)
    sesion.send("Network.enable")
    sesion.send("Network.emulateNetworkConditions", RED_4G)


def tarea_mas_larga(tareas: list[list[float]], desde: float | None = None, hasta: float | None = None) -> float:
    """La duración de la tarea más larga entre las [inicio, duración] que empiezan en [`desde`, `hasta`)."""
    return max((d for inicio, d in tareas if (desde is None or inicio >= desde) and (hasta is None or inicio < hasta)),
               default=0.0)


def visita(contexto, pagina, url: str) -> dict:
    red = Red(contexto)
    pagina.goto(url)
    pagina.wait_for_selector("[data-validador][data-estado=resultado]", timeout=180_000)
    pagina.wait_for_timeout(200)  # deja llegar las últimas entradas del observador de tareas
    m = pagina.evaluate("window.__medidas")
    empezar = pagina.evaluate("performance.getEntriesByName('validador:empezar')[0]?.startTime ?? null")
    pintado = pagina.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0")
    listo = m["estados"].get("listo", m["estados"]["resultado"])
    return {
        "dom_ms": m["dom"],
        "formulario_ms": max(m["formulario"], pintado),
        "formulario_completo_ms": max(m["completo"], pintado),
        "listo_ms": listo,
        "informe_ms": m["estados"]["resultado"],
        "bytes": red.bytes,
        "tarea_mas_larga_ms": max((d for _, d in m["tareas"]), default=0.0),
        "tarea_mas_larga_motor_ms": tarea_mas_larga(m["tareas"], desde=empezar, hasta=listo),
        "motor": m["motor"],
    }


def medir(base: str, veces: int, chromium: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=chromium, headless=True, args=ARGUMENTOS)
        try:
            return medir_con(navegador, base, veces)
        finally:
            navegador.close()


def medir_con(navegador, base: str, veces: int) -> dict:
    """Los escenarios con un Chromium ya lanzado (el benchmark o una prueba)."""
    url = f"{base}/validador/#ejemplo=tipica"
    r: dict = {"frio": [], "frio_4g": [], "repetida": [], "tercera": [], "sin_conexion": [], "otras_paginas": []}
    for _ in range(veces):
        contexto = navegador.new_context()
        contexto.add_init_script(SONDA)
        pagina = contexto.new_page()
        r["frio"].append(visita(contexto, pagina, url))
        pagina.wait_for_selector("[data-validador][data-sin-conexion=listo]", timeout=120_000)
        pagina.wait_for_selector("[data-validador][data-instantanea]", timeout=120_000)
        pagina.goto("about:blank")
        r["repetida"].append(visita(contexto, pagina, url))
        pagina.goto("about:blank")
        r["tercera"].append(visita(contexto, pagina, url))
        pagina.goto("about:blank")
        contexto.set_offline(True)
        r["sin_conexion"].append(visita(contexto, pagina, url))
        contexto.close()

        contexto = navegador.new_context()
        contexto.add_init_script(SONDA)
        pagina = contexto.new_page()
        _emular_4g(contexto, pagina)
        r["frio_4g"].append(visita(contexto, pagina, url))
        contexto.close()
    for ruta in OTRAS_PAGINAS:
        filas = []
        for _ in range(veces):
            contexto = navegador.new_context()
            contexto.add_init_script(SONDA)
            red = Red(contexto)
            pagina = contexto.new_page()
            pagina.goto(base + ruta, wait_until="networkidle")
            filas.append({"bytes": red.bytes, "bytes_de_pyodide": any("/validador/motor/" in u for u in red.urls),
                          "tarea_mas_larga_ms": tarea_mas_larga(pagina.evaluate("window.__medidas.tareas"))})
            contexto.close()
        r["otras_paginas"].append({"pagina": ruta, "bytes": max(f["bytes"] for f in filas),
                                   "bytes_de_pyodide": any(f["bytes_de_pyodide"] for f in filas),
                                   "tarea_mas_larga_ms": mediana(filas, "tarea_mas_larga_ms")})
    return r


# ---------------------------------------------------------------------------------------------
# El sitio sin conexión (issue 16): primera visita a una página que no es el validador, con y sin
# service worker, alternadas. Función y fila propias: no cambian los escenarios del validador.

PAGINA_SITIO = "/procedimientos/enviar-solicitud-de-pago/"


# Fin de `load` y bytes transferidos hasta entonces (cabeceras y cuerpos comprimidos, según Resource Timing):
# lo que la página pidió antes de estar usable, sin lo que el service worker baje después.
_HASTA_USABLE = """(() => {
  const n = performance.getEntriesByType("navigation")[0];
  const recursos = performance.getEntriesByType("resource").filter((r) => r.responseEnd <= n.loadEventEnd);
  return [n.loadEventEnd, recursos.reduce((suma, r) => suma + r.transferSize, n.transferSize)];
})()"""


def _servidor_que_cuenta(sitio: Path):
    """Un servidor como el de producción que cuenta los bytes que envía (cabeceras y cuerpos),
    incluidos los que pide el service worker, que Playwright no ve."""
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    enviados = [0]

    class Contado(servidor.Manejador):
        def setup(self) -> None:
            super().setup()
            escribir = self.wfile.write

            def contar(datos):
                enviados[0] += len(datos)
                return escribir(datos)
            self.wfile.write = contar

    class Servidor(ThreadingHTTPServer):
        def handle_error(self, pedido, direccion) -> None:  # un contexto cerrado a media descarga no es un error
            pass

    s = Servidor(("127.0.0.1", 0), functools.partial(Contado, directory=str(sitio)))
    threading.Thread(target=s.serve_forever, daemon=True).start()
    return s, enviados


def medir_copia_del_sitio(navegador, sitio: Path, veces: int) -> dict:
    """Primera visita a un procedimiento: «usable» es el fin de `load` (página, estilos y scripts del
    tema listos; el service worker se registra después, con el hilo ocioso). Con service worker: bytes
    enviados hasta ahí, cuándo quedó completa la copia del sitio (marca `sitio:sin-conexion`), cuánto
    pesó y la tarea más larga hasta entonces. Sin service worker (`service_workers="block"`): lo mismo
    hasta «usable», para comparar. Los dos modos se alternan en cada vuelta."""
    s, enviados = _servidor_que_cuenta(sitio)
    base = f"http://127.0.0.1:{s.server_address[1]}"
    filas: dict[str, list[dict]] = {"con": [], "sin": []}
    try:
        for vuelta in range(veces):
            for modo in (("con", "sin") if vuelta % 2 == 0 else ("sin", "con")):
                contexto = navegador.new_context(service_workers="allow" if modo == "con" else "block")
                contexto.add_init_script(SONDA)
                pagina = contexto.new_page()
                enviados[0] = 0
                pagina.goto(base + PAGINA_SITIO, wait_until="load")
                usable, usable_bytes = pagina.evaluate(_HASTA_USABLE)
                fila = {"usable_ms": usable, "bytes_antes_de_usable": usable_bytes}
                if modo == "con":
                    pagina.wait_for_selector("html[data-sitio-sin-conexion=listo]", timeout=120_000)
                    pagina.wait_for_timeout(200)  # las últimas entradas del observador de tareas
                    copia = pagina.evaluate("performance.getEntriesByName('sitio:sin-conexion')[0].startTime")
                    fila.update(copia_ms=copia, bytes_total=enviados[0],
                                tarea_mas_larga_hasta_copia_ms=tarea_mas_larga(
                                    pagina.evaluate("window.__medidas.tareas"), hasta=copia))
                filas[modo].append(fila)
                contexto.close()
    finally:
        s.shutdown()
        s.server_close()
    return filas


def copia_del_sitio(sitio: Path, veces: int, ejecutable: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=ejecutable, headless=True, args=ARGUMENTOS)
        try:
            return medir_copia_del_sitio(navegador, sitio, veces)
        finally:
            navegador.close()


def imprimir_copia_del_sitio(filas: dict, veces: int) -> None:
    con, sin = filas["con"], filas["sin"]
    usable_con, usable_sin = mediana(con, "usable_ms"), mediana(sin, "usable_ms")
    print(f"\nSitio sin conexión: primera visita a {PAGINA_SITIO} (mediana de {veces}, con y sin service worker alternados)")
    print(f"  usable (fin de load): con {usable_con:.0f} ms, sin {usable_sin:.0f} ms (razón {usable_con / usable_sin:.2f})")
    print(f"  transferido antes de usable: con {mediana(con, 'bytes_antes_de_usable') / 1e3:.0f} KB, "
          f"sin {mediana(sin, 'bytes_antes_de_usable') / 1e3:.0f} KB (máximo con: {max(f['bytes_antes_de_usable'] for f in con) / 1e3:.0f} KB)")
    print(f"  copia del sitio completa a los {mediana(con, 'copia_ms'):.0f} ms; en total {mediana(con, 'bytes_total') / 1e3:.0f} KB "
          f"(la copia: {(mediana(con, 'bytes_total') - mediana(con, 'bytes_antes_de_usable')) / 1e3:.0f} KB); "
          f"tarea más larga hasta entonces {tarea_ms(mediana(con, 'tarea_mas_larga_hasta_copia_ms'))}")


def mediana(filas: list[dict], clave: str) -> float:
    return statistics.median(f[clave] for f in filas)


def perfil(filas: list[dict]) -> list[tuple[str, float]]:
    """Fases del arranque del motor desde cero (ms), medianas de las visitas dadas."""
    def fase(e: dict, d: list[dict]) -> dict[str, float]:
        desc = {x["nombre"]: x for x in d}
        wasm = desc.get("pyodide.asm.wasm", {})
        return {
            "worker: inicio → aviso de la página e importar pyodide.mjs": e["pyodide_mjs"] - e["inicio"],
            "descarga de pyodide.asm.wasm": wasm.get("fin", 0) - wasm.get("inicio", 0),
            "loadPyodide (descargas, compilar wasm, iniciar Python)": e["python_iniciado"] - e["pyodide_mjs"],
            "espera de las ruedas (bajan en paralelo)": e["ruedas_descargadas"] - e["python_iniciado"],
            "desempacar las ruedas": e["ruedas_desempacadas"] - e["ruedas_descargadas"],
            "importar checker (pydantic, modelos, reglas)": e["motor_importado"] - e["ruedas_desempacadas"],
            "total del worker": e["motor_importado"] - e["inicio"],
        }
    return _medianas([fase(f["motor"]["etapas"], f["motor"]["descargas"]) for f in filas if f.get("motor")])


def _medianas(fases: list[dict[str, float]]) -> list[tuple[str, float]]:
    """La mediana de cada fase, en el orden en que se nombran."""
    return [(k, statistics.median(x[k] for x in fases)) for k in fases[0]] if fases else []


def perfil_instantanea(filas: list[dict]) -> list[tuple[str, float]]:
    """Fases del arranque desde la instantánea guardada (visitas repetidas), medianas."""
    return _medianas([{
        "worker: inicio → instantánea encontrada en Cache Storage": e["instantanea_buscada"] - e["inicio"],
        "→ pyodide.mjs importado": e["pyodide_mjs"] - e["instantanea_buscada"],
        "restaurar (leer la instantánea, wasm, memoria) y comprobar": e["motor_importado"] - e["pyodide_mjs"],
        "total del worker": e["motor_importado"] - e["inicio"],
    } for e in (f["motor"]["etapas"] for f in filas if f.get("motor")) if e.get("modo") == "instantanea"])


def tarea_ms(ms: float) -> str:
    """El observador de tareas largas solo informa las de más de 50 ms: 0 quiere decir «ninguna»."""
    return f"{ms:.0f}ms" if ms else "<50ms"


def imprimir(r: dict, veces: int) -> None:
    print(f"Validador en Chromium sin interfaz, servidor local (scripts/servidores/servidor.py), mediana de {veces} corridas")
    print(f"{'visita':14} {'DOM':>7} {'formulario':>11} {'completo':>9} {'motor listo':>12} {'1er informe':>12} {'transferido':>12} "
          f"{'tarea máx.':>11} {'id. motor cargando':>19}")
    for nombre in ("frio", "frio_4g", "repetida", "tercera", "sin_conexion"):
        f = r[nombre]
        print(f"{nombre:14} {mediana(f, 'dom_ms'):5.0f}ms {mediana(f, 'formulario_ms'):9.0f}ms {mediana(f, 'formulario_completo_ms'):7.0f}ms {mediana(f, 'listo_ms'):10.0f}ms "
              f"{mediana(f, 'informe_ms'):10.0f}ms {mediana(f, 'bytes') / 1e6:9.2f} MB {tarea_ms(mediana(f, 'tarea_mas_larga_ms')):>11}"
              f" {tarea_ms(mediana(f, 'tarea_mas_larga_motor_ms')):>19}")
    print("\nOtras páginas (primera visita; la tarea más larga es la del tema, sin validador):")
    for p in r["otras_paginas"]:
        print(f"  {p['pagina']:45} {p['bytes'] / 1e3:8.0f} KB  bytes de Pyodide: {'sí' if p['bytes_de_pyodide'] else 'no'}"
              f"  tarea máx. {tarea_ms(p['tarea_mas_larga_ms']):>7}")
    print("\nPerfil de arranque del motor (visita en frío, ms desde que arranca el worker):")
    for nombre, ms in perfil(r["frio"]):
        print(f"  {nombre:58} {ms:7.0f}")
    print("Perfil con 4G emulado:")
    for nombre, ms in perfil(r["frio_4g"]):
        print(f"  {nombre:58} {ms:7.0f}")
    print("Perfil de la visita repetida (arranque desde la instantánea de memoria):")
    for nombre, ms in perfil_instantanea(r["repetida"]):
        print(f"  {nombre:58} {ms:7.0f}")
    creadas = [f["motor"]["etapas"] for f in r["frio"] if f.get("motor")]
    if creadas and all("instantanea_creada" in e for e in creadas):
        ms = statistics.median(e["instantanea_creada"] - e["motor_importado"] for e in creadas)
        print(f"  (crearla en la visita fría, antes de «listo»: {ms:.0f} ms)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--veces", type=int, default=5)
    p.add_argument("--sitio", type=Path, default=RAIZ / "site")
    p.add_argument("--json", type=Path, default=RAIZ / "build" / "bench-navegador.json")
    args = p.parse_args()
    ejecutable = chromium()
    if not ejecutable:
        raise SystemExit(FALTA)
    s = servidor.en_segundo_plano(args.sitio, 0)
    try:
        resultados = medir(f"http://127.0.0.1:{s.server_address[1]}", args.veces, ejecutable)
    finally:
        s.shutdown()
    imprimir(resultados, args.veces)
    resultados["copia_del_sitio"] = copia_del_sitio(args.sitio, args.veces, ejecutable)
    imprimir_copia_del_sitio(resultados["copia_del_sitio"], args.veces)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(resultados, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
