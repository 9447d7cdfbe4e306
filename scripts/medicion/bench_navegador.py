"""Benchmark del validador en Chromium sin interfaz, contra el sitio construido servido en 127.0.0.1.

Escenarios (mediana de --veces vueltas; cada vuelta con perfiles de Chromium nuevos, en disco):
- frío: primera visita, sin límite de red (el worker baja la instantánea del sitio si midió la red a
  50 Mbps o más; si no, calcula: la columna «arranque» dice qué hizo en cada vuelta);
- frío 4G: primera visita con la red emulada por el protocolo de DevTools (9 Mbps de bajada,
  150 ms de RTT);
- misma pestaña («repetida»): segunda visita en la misma pestaña (caché HTTP y service worker ya
  llenos, y la instantánea de memoria del motor guardada en la primera);
- pestaña nueva: se cierra la pestaña y se abre otra en el mismo perfil (otro proceso de la página:
  sin lo que Chromium y V8 guardan en la memoria del proceso), y se navega tras la pausa en que una
  persona escribe la dirección (PAUSA_DE_PERSONA_MS; también tras abrir el navegador, en frío y al reiniciar);
- sin conexión: otra visita en esa pestaña con `context.set_offline(True)`;
- tras reiniciar: se cierra Chromium y se vuelve a lanzar con el mismo perfil.
Las mismas visitas (salvo 4G y sin conexión) con la versión ingenua del validador
(scripts/medicion/ingenuo.py: Pyodide con loadPackage, sin precompilar ni instantánea), servida por el mismo
servidor en otro puerto y alternada con el validador en cada vuelta: el primer informe se da también
como proporción del de la versión ingenua (vuelta por vuelta), que una máquina ocupada no cambia tanto
como los milisegundos. Metas del issue 14: fría ≤ 0,45 × la ingenua en frío, pestaña nueva ≤ 0,20 ×,
primera visita ≤ 6 MB con 4G.
En cada visita: página en el DOM (DOMContentLoaded), formulario usable (su primer pintado: el
primer cuadro en que tiene tamaño, y no antes del primer pintado de la página; lo que espera una
tecla después lo acota la tarea más larga), formulario completo (el primer cuadro con todos sus
grupos: los de abajo se muestran cuando el tema terminó de iniciar la página), motor listo
(`data-estado="listo"`), primer informe (`data-estado="resultado"` con /validador/#ejemplo=tipica),
bytes transferidos hasta el informe (cuerpos codificados + cabeceras; con 4G, la meta se mide con los de
toda la primera visita, hasta que la copia sin conexión está guardada y la red se calma: `esperar_calma`),
la tarea más larga del hilo principal en
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
import tempfile
import time
from pathlib import Path

from scripts.entorno.navegador import ARGUMENTOS, FALTA, chromium
from scripts.medicion import ingenuo
from scripts.servidores import servidor

RAIZ = Path(__file__).resolve().parents[2]
RED_4G = {"offline": False, "latency": 150, "downloadThroughput": 9_000_000 / 8, "uploadThroughput": 9_000_000 / 8}
# Visitas del validador y de la versión ingenua (scripts/medicion/ingenuo.py), en el orden en que se imprimen.
ESCENARIOS = ("frio", "frio_4g", "repetida", "pestana_nueva", "reinicio", "sin_conexion")
ESCENARIOS_INGENUOS = ("ingenuo_frio", "ingenuo_repetida", "ingenuo_pestana_nueva", "ingenuo_reinicio")
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
        # Para saber si la red se calmó: cuántos pedidos siguen en curso y cuándo terminó el último.
        self.en_curso = 0
        self.ultima = time.monotonic()
        contexto.on("request", self._empezado)
        contexto.on("requestfinished", self._sumar)
        contexto.on("requestfailed", self._terminado)

    def _empezado(self, _pedido) -> None:
        self.en_curso += 1

    def _terminado(self, _pedido) -> None:
        self.en_curso -= 1
        self.ultima = time.monotonic()

    def _sumar(self, pedido) -> None:
        self._terminado(pedido)
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


# La primera visita no termina con el informe: después el service worker guarda la copia del sitio para usarlo
# sin conexión. Sus bytes son de la visita (la persona los paga con su plan de datos): se cuentan hasta que esa
# copia está completa, no queda ningún pedido en curso y la red lleva CALMA_MS sin terminar uno.
CALMA_MS = 3000


def esperar_calma(pagina, red: Red, tope_ms: int = 120_000) -> None:
    pagina.wait_for_selector("[data-validador][data-sin-conexion=listo]", timeout=tope_ms)
    fin = time.monotonic() + tope_ms / 1000
    while red.en_curso > 0 or time.monotonic() - red.ultima < CALMA_MS / 1000:
        if time.monotonic() > fin:
            raise TimeoutError(f"la red no se calmó en {tope_ms} ms ({red.en_curso} pedidos en curso)")
        pagina.wait_for_timeout(250)  # Playwright entrega los eventos de la red mientras espera


def visita(contexto, pagina, url: str, hasta_la_calma: bool = False) -> dict:
    """Una visita hasta el primer informe; con `hasta_la_calma`, los bytes se cuentan también hasta que la red
    se calma (`bytes_visita`)."""
    red = Red(contexto)
    pagina.goto(url)
    pagina.wait_for_selector("[data-validador][data-estado=resultado]", timeout=180_000)
    pagina.wait_for_timeout(200)  # deja llegar las últimas entradas del observador de tareas
    m = pagina.evaluate("window.__medidas")
    empezar = pagina.evaluate("performance.getEntriesByName('validador:empezar')[0]?.startTime ?? null")
    pintado = pagina.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0")
    listo = m["estados"].get("listo", m["estados"]["resultado"])
    bytes_informe = red.bytes
    if hasta_la_calma:
        esperar_calma(pagina, red)
    return {
        "dom_ms": m["dom"],
        "formulario_ms": max(m["formulario"], pintado),
        "formulario_completo_ms": max(m["completo"], pintado),
        "listo_ms": listo,
        "informe_ms": m["estados"]["resultado"],
        "bytes": bytes_informe,
        **({"bytes_visita": red.bytes} if hasta_la_calma else {}),
        "tarea_mas_larga_ms": max((d for _, d in m["tareas"]), default=0.0),
        "tarea_mas_larga_motor_ms": tarea_mas_larga(m["tareas"], desde=empezar, hasta=listo),
        "motor": m["motor"],
    }


def medir(base: str, base_ingenuo: str, veces: int, ejecutable: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        return medir_con(p.chromium, base, base_ingenuo, veces, ejecutable)


# Una persona abre la pestaña (o el navegador) y después escribe la dirección o la elige: entre una cosa
# y la otra pasa más de un segundo, y Chromium lo usa para terminar de abrir la pestaña. Medido aquí
# (2026-11-29, docs-dev/registro-de-mediciones.md): al abrir cada pestaña, la interfaz de la barra de
# direcciones (un proceso aparte, «--top-chrome-webui») gasta 0,1–1,2 s de CPU en sus primeros ~0,6 s.
# Si la visita empieza en el mismo instante en que se abre la pestaña, como haría un programa y nunca una
# persona, ese trabajo del navegador se suma a la visita. Por eso, tras abrir una pestaña o el navegador,
# se espera PAUSA_DE_PERSONA_MS antes de navegar, con el validador y con la versión ingenua.
PAUSA_DE_PERSONA_MS = 1500


def abrir_pestana(contexto, nueva: bool = True):
    """La pestaña en la que una persona escribirá la dirección: una nueva, o la que trae el navegador al
    abrirse (`nueva=False`), después de la pausa en que la persona escribe."""
    pagina = contexto.new_page() if nueva or not contexto.pages else contexto.pages[0]
    pagina.wait_for_timeout(PAUSA_DE_PERSONA_MS)
    return pagina


def _lanzar(tipo, perfil: Path, ejecutable: str):
    """Chromium con un perfil en disco (`perfil`): cerrarlo y volver a lanzarlo con el mismo perfil es
    reiniciar el navegador (caché HTTP, service worker, Cache Storage y caché de código, en disco)."""
    contexto = tipo.launch_persistent_context(str(perfil), executable_path=ejecutable, headless=True, args=ARGUMENTOS)
    contexto.add_init_script(SONDA)
    return contexto


def _visitas_del_validador(tipo, ejecutable: str, url: str, r: dict) -> None:
    """Primera visita, la misma pestaña, una pestaña nueva, sin conexión y tras reiniciar el navegador."""
    with tempfile.TemporaryDirectory(prefix="bench-perfil-") as perfil:
        contexto = _lanzar(tipo, Path(perfil), ejecutable)
        pagina = abrir_pestana(contexto, nueva=False)
        r["frio"].append(visita(contexto, pagina, url))
        pagina.wait_for_selector("[data-validador][data-sin-conexion=listo]", timeout=120_000)
        pagina.wait_for_selector("[data-validador][data-instantanea]", timeout=120_000)
        pagina.goto("about:blank")
        r["repetida"].append(visita(contexto, pagina, url))
        pagina.close()
        pagina = abrir_pestana(contexto)
        r["pestana_nueva"].append(visita(contexto, pagina, url))
        pagina.goto("about:blank")
        contexto.set_offline(True)
        r["sin_conexion"].append(visita(contexto, pagina, url))
        contexto.close()
        contexto = _lanzar(tipo, Path(perfil), ejecutable)
        pagina = abrir_pestana(contexto, nueva=False)
        r["reinicio"].append(visita(contexto, pagina, url))
        contexto.close()


def _visitas_ingenuas(tipo, ejecutable: str, url: str, r: dict) -> None:
    """Las mismas visitas con la versión ingenua (scripts/medicion/ingenuo.py), que no tiene modo sin conexión."""
    with tempfile.TemporaryDirectory(prefix="bench-perfil-") as perfil:
        contexto = _lanzar(tipo, Path(perfil), ejecutable)
        pagina = abrir_pestana(contexto, nueva=False)
        r["ingenuo_frio"].append(visita(contexto, pagina, url))
        pagina.goto("about:blank")
        r["ingenuo_repetida"].append(visita(contexto, pagina, url))
        pagina.close()
        pagina = abrir_pestana(contexto)
        r["ingenuo_pestana_nueva"].append(visita(contexto, pagina, url))
        contexto.close()
        contexto = _lanzar(tipo, Path(perfil), ejecutable)
        pagina = abrir_pestana(contexto, nueva=False)
        r["ingenuo_reinicio"].append(visita(contexto, pagina, url))
        contexto.close()


def medir_con(tipo, base: str, base_ingenuo: str, veces: int, ejecutable: str) -> dict:
    """Los escenarios con el tipo de navegador de Playwright (`p.chromium`). Cada vuelta corre el
    validador y la versión ingenua alternados (una vuelta uno primero, la siguiente el otro), para que
    las proporciones comparen visitas hechas con la máquina en el mismo estado."""
    url = f"{base}/validador/#ejemplo=tipica"
    r: dict = {nombre: [] for nombre in (*ESCENARIOS, *ESCENARIOS_INGENUOS, "otras_paginas")}
    for vuelta in range(veces):
        pasos = [lambda: _visitas_del_validador(tipo, ejecutable, url, r),
                 lambda: _visitas_ingenuas(tipo, ejecutable, base_ingenuo + "/", r)]
        for paso in pasos if vuelta % 2 == 0 else reversed(pasos):
            paso()
        with tempfile.TemporaryDirectory(prefix="bench-perfil-") as perfil:
            contexto = _lanzar(tipo, Path(perfil), ejecutable)
            pagina = abrir_pestana(contexto, nueva=False)
            _emular_4g(contexto, pagina)
            r["frio_4g"].append(visita(contexto, pagina, url, hasta_la_calma=True))
            contexto.close()
    navegador = tipo.launch(executable_path=ejecutable, headless=True, args=ARGUMENTOS)
    try:
        for ruta in OTRAS_PAGINAS:
            filas = [primera_visita(navegador, base + ruta) for _ in range(veces)]
            r["otras_paginas"].append({"pagina": ruta, "bytes": max(f["bytes"] for f in filas),
                                       "bytes_de_pyodide": any(f["bytes_de_pyodide"] for f in filas),
                                       "tarea_mas_larga_ms": mediana(filas, "tarea_mas_larga_ms")})
    finally:
        navegador.close()
    return r


def primera_visita(navegador, url: str, espera_ms: int = 0) -> dict:
    """Una página en un contexto nuevo (sin caché) hasta que la red queda quieta: bytes, si pidió el motor del
    validador y la tarea más larga del hilo principal (la del tema). La usa también scripts/medicion/tarea_pagina.py."""
    contexto = navegador.new_context()
    try:
        contexto.add_init_script(SONDA)
        red = Red(contexto)
        pagina = contexto.new_page()
        pagina.goto(url, wait_until="networkidle")
        pagina.wait_for_timeout(espera_ms)  # las últimas entradas del observador de tareas largas
        return {"bytes": red.bytes, "bytes_de_pyodide": any("/validador/motor/" in u for u in red.urls),
                "tarea_mas_larga_ms": tarea_mas_larga(pagina.evaluate("window.__medidas.tareas"))}
    finally:
        contexto.close()


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
    return _medianas([fase(f["motor"]["etapas"], f["motor"]["descargas"]) for f in filas
                      if f.get("motor") and f["motor"]["etapas"].get("modo") == "normal"])


def _medianas(fases: list[dict[str, float]]) -> list[tuple[str, float]]:
    """La mediana de cada fase, en el orden en que se nombran."""
    return [(k, statistics.median(x[k] for x in fases)) for k in fases[0]] if fases else []


def perfil_instantanea(filas: list[dict]) -> list[tuple[str, float]]:
    """Fases del arranque desde la instantánea guardada (visitas repetidas), medianas."""
    return _medianas([{
        "worker: inicio → instantánea buscada en Cache Storage": e["instantanea_buscada"] - e["inicio"],
        "→ pyodide.mjs importado (con la del sitio: red medida)": e["pyodide_mjs"] - e["instantanea_buscada"],
        "restaurar (leer la instantánea, wasm, memoria) y comprobar": e["motor_importado"] - e["pyodide_mjs"],
        "total del worker": e["motor_importado"] - e["inicio"],
    } for e in (f["motor"]["etapas"] for f in filas if f.get("motor"))
        if e.get("modo") in ("instantanea", "instantanea_del_sitio")])


def tarea_ms(ms: float) -> str:
    """El observador de tareas largas solo informa las de más de 50 ms: 0 quiere decir «ninguna»."""
    return f"{ms:.0f}ms" if ms else "<50ms"


NOMBRES = {"frio": "fría", "frio_4g": "fría, 4G", "repetida": "misma pestaña", "pestana_nueva": "pestaña nueva",
           "reinicio": "tras reiniciar", "sin_conexion": "sin conexión", "ingenuo_frio": "ingenuo: fría",
           "ingenuo_repetida": "ingenuo: misma pestaña", "ingenuo_pestana_nueva": "ingenuo: pestaña nueva",
           "ingenuo_reinicio": "ingenuo: tras reiniciar"}
# El escenario de la versión ingenua con que se compara cada uno (además de con su visita fría).
PAREJAS = {"frio": "ingenuo_frio", "repetida": "ingenuo_repetida", "pestana_nueva": "ingenuo_pestana_nueva",
           "reinicio": "ingenuo_reinicio"}
# Metas del issue 14: primer informe como fracción del de la versión ingenua en frío; bytes en 4G.
METAS = {"frio": 0.45, "pestana_nueva": 0.20}
META_BYTES = 6_000_000


def proporcion(r: dict, escenario: str, referencia: str) -> float | None:
    """Mediana de las proporciones del primer informe, vuelta por vuelta (cada visita contra la de la
    versión ingenua de la misma vuelta, que corrió pegada a ella)."""
    pares = list(zip(r.get(escenario, []), r.get(referencia, [])))
    return statistics.median(a["informe_ms"] / b["informe_ms"] for a, b in pares) if pares else None


ARRANQUES = {"normal": "calcula", "instantanea": "instantánea del equipo", "instantanea_del_sitio": "instantánea del sitio"}


def modos(filas: list[dict]) -> str:
    """Cómo arrancó el motor en las visitas de un escenario (la versión ingenua siempre calcula)."""
    cuenta: dict[str, int] = {}
    for f in filas:
        modo = ARRANQUES.get((f.get("motor") or {}).get("etapas", {}).get("modo"), "calcula")
        cuenta[modo] = cuenta.get(modo, 0) + 1
    return ", ".join(f"{m} {n}/{len(filas)}" for m, n in cuenta.items())


def imprimir(r: dict, veces: int) -> None:
    print(f"Validador en Chromium sin interfaz, servidor local (scripts/servidores/servidor.py), mediana de {veces} vueltas; "
          "el validador y la versión ingenua (scripts/medicion/ingenuo.py) alternados en cada vuelta")
    print(f"{'visita':24} {'DOM':>7} {'formulario':>11} {'completo':>9} {'motor listo':>12} {'1er informe':>12} "
          f"{'transferido':>12} {'tarea máx.':>11} {'id. motor cargando':>19} {'× ingenuo frío':>15} {'× ingenuo igual':>16}"
          "  arranque")
    for nombre in (*ESCENARIOS, *ESCENARIOS_INGENUOS):
        f = r[nombre]
        if not f:
            continue
        fria = proporcion(r, nombre, "ingenuo_frio")
        igual = proporcion(r, nombre, PAREJAS[nombre]) if nombre in PAREJAS else None
        print(f"{NOMBRES[nombre]:24} {mediana(f, 'dom_ms'):5.0f}ms {mediana(f, 'formulario_ms'):9.0f}ms "
              f"{mediana(f, 'formulario_completo_ms'):7.0f}ms {mediana(f, 'listo_ms'):10.0f}ms "
              f"{mediana(f, 'informe_ms'):10.0f}ms {mediana(f, 'bytes') / 1e6:9.2f} MB {tarea_ms(mediana(f, 'tarea_mas_larga_ms')):>11}"
              f" {tarea_ms(mediana(f, 'tarea_mas_larga_motor_ms')):>19}"
              f" {f'{fria:.2f} ×' if fria is not None and nombre != 'ingenuo_frio' else '':>15}"
              f" {f'{igual:.2f} ×' if igual is not None else '':>16}  {modos(f)}")
    print("\nMetas (primer informe, proporción vuelta por vuelta contra la versión ingenua en frío; bytes con 4G):")
    for nombre, meta in METAS.items():
        x = proporcion(r, nombre, "ingenuo_frio")
        if x is not None:
            print(f"  {NOMBRES[nombre]:15} {x:.2f} × (meta ≤ {meta:.2f} ×): {'cumplida' if x <= meta else 'no cumplida'}")
    if r["frio_4g"]:
        b, hasta_informe = mediana(r["frio_4g"], "bytes_visita"), mediana(r["frio_4g"], "bytes")
        print(f"  {'bytes con 4G':15} {b / 1e6:.2f} MB en toda la primera visita, con la copia sin conexión "
              f"({hasta_informe / 1e6:.2f} MB hasta el primer informe) (meta ≤ {META_BYTES / 1e6:.0f} MB): "
              f"{'cumplida' if b <= META_BYTES else 'no cumplida'}")
    print("\nOtras páginas (primera visita; la tarea más larga es la del tema, sin validador):")
    for p in r["otras_paginas"]:
        print(f"  {p['pagina']:45} {p['bytes'] / 1e3:8.0f} KB  bytes de Pyodide: {'sí' if p['bytes_de_pyodide'] else 'no'}"
              f"  tarea máx. {tarea_ms(p['tarea_mas_larga_ms']):>7}")
    print("\nPerfil de arranque del motor (visitas en frío que calculan, ms desde que arranca el worker):")
    for nombre, ms in perfil(r["frio"]):
        print(f"  {nombre:58} {ms:7.0f}")
    print("Perfil con 4G emulado:")
    for nombre, ms in perfil(r["frio_4g"]):
        print(f"  {nombre:58} {ms:7.0f}")
    for escenario in ("frio", "repetida", "pestana_nueva", "reinicio"):
        fases = perfil_instantanea(r[escenario])
        if fases:
            print(f"Perfil de la visita «{NOMBRES[escenario]}» (arranque desde una instantánea de memoria):")
        for nombre, ms in fases:
            print(f"  {nombre:58} {ms:7.0f}")
    creadas = [f["motor"]["etapas"] for f in r["frio_4g"] if f.get("motor")]
    if creadas and all("instantanea_creada" in e for e in creadas):
        ms = statistics.median(e["instantanea_creada"] - e["motor_importado"] for e in creadas)
        print(f"  (crearla en la visita fría con 4G, antes de «listo»: {ms:.0f} ms)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--veces", type=int, default=5)
    p.add_argument("--sitio", type=Path, default=RAIZ / "site")
    p.add_argument("--json", type=Path, default=RAIZ / "build" / "bench-navegador.json")
    args = p.parse_args()
    ejecutable = chromium()
    if not ejecutable:
        raise SystemExit(FALTA)
    with tempfile.TemporaryDirectory(prefix="bench-ingenuo-") as carpeta:
        s = servidor.en_segundo_plano(args.sitio, 0)
        # La versión ingenua, en otro puerto del mismo servidor: otro origen, sin el service worker del sitio.
        si = servidor.en_segundo_plano(ingenuo.construir(Path(carpeta)), 0)
        try:
            resultados = medir(f"http://127.0.0.1:{s.server_address[1]}", f"http://127.0.0.1:{si.server_address[1]}",
                               args.veces, ejecutable)
        finally:
            s.shutdown()
            si.shutdown()
    imprimir(resultados, args.veces)
    resultados["copia_del_sitio"] = copia_del_sitio(args.sitio, args.veces, ejecutable)
    imprimir_copia_del_sitio(resultados["copia_del_sitio"], args.veces)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(resultados, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
