"""La instantánea de memoria del motor hecha al construir, en Chromium sin interfaz.

El worker del validador crea en la primera visita una instantánea de la memoria de Python con el
motor importado y la guarda en Cache Storage (overrides/validador/arranque.js). Aquí se abre el sitio
construido en Chromium, se deja que el worker la cree exactamente así y se publica en
`assets/validador/motor/instantanea-<huella>.bin`, con sus datos en el manifiesto: en una primera
visita con red rápida, el worker la baja en vez de iniciar Python e importar el motor.

Se hace en un navegador y no en Node porque la memoria depende del entorno: Pyodide elige al iniciar
un trampolín de llamadas en wasm si el motor de wasm lo admite (Chromium sí; el Node 20 de Debian no)
y eso corre las funciones de la tabla; una instantánea hecha en Node falla al restaurarse en Chromium
(«function signature mismatch»). Un navegador distinto del que la hizo puede no poder usarla: el
worker comprueba la instantánea restaurada y, si no responde lo mismo, arranca de cero.
Sin Chromium no se crea, y el sitio funciona igual (la primera visita siempre calcula).
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from pathlib import Path
from typing import Optional

from scripts.construccion import motor_web
from scripts.entorno.navegador import ARGUMENTOS, chromium
from scripts.servidores import servidor

RAIZ = Path(__file__).resolve().parents[2]

# Lee la instantánea que el worker guardó en Cache Storage, en trozos en base64.
LEER = """async () => {
  const cache = await caches.open("motor-instantanea");
  const [clave] = await cache.keys();
  const r = await cache.match(clave);
  const datos = new Uint8Array(await r.arrayBuffer());
  const trozos = [];
  for (let i = 0; i < datos.length; i += 1 << 20) {
    let s = "";
    const t = datos.subarray(i, i + (1 << 20));
    for (let k = 0; k < t.length; k += 8192) s += String.fromCharCode(...t.subarray(k, k + 8192));
    trozos.push(btoa(s));
  }
  return { clave: clave.url, trozos, bytes: r.headers.get("X-Bytes"), paginas: r.headers.get("X-Paginas"),
           esperado: decodeURIComponent(r.headers.get("X-Esperado")) };
}"""


def crear(sitio: Path) -> Optional[dict]:
    """Crea la instantánea del sitio y la agrega al manifiesto (y al worker); None sin Chromium."""
    ejecutable = chromium()
    if ejecutable is None:
        print("instantanea_sitio: sin Chromium no se crea la instantánea del sitio (la primera visita calculará).",
              file=sys.stderr)
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("instantanea_sitio: sin Playwright no se crea la instantánea del sitio.", file=sys.stderr)
        return None

    motor = sitio / "assets" / "validador" / "motor"
    manifiesto = json.loads((motor / "manifiesto.json").read_text())
    if manifiesto.pop("instantanea", None):
        # Otra vez sobre el mismo sitio: el worker de la visita no debe bajar la anterior, sino crearla.
        motor_web.escribir_manifiesto(sitio, manifiesto)
    s = servidor.en_segundo_plano(sitio, 0)
    try:
        with sync_playwright() as p:
            navegador = p.chromium.launch(executable_path=ejecutable, headless=True, args=ARGUMENTOS)
            try:
                pagina = navegador.new_context().new_page()
                # Sin instantanea en el manifiesto del worker, la primera visita calcula y la crea.
                pagina.goto(f"http://127.0.0.1:{s.server_address[1]}/validador/")
                pagina.wait_for_selector("[data-validador][data-instantanea=guardada]", timeout=180_000)
                leida = pagina.evaluate(LEER)
            finally:
                navegador.close()
    finally:
        s.shutdown()
    nombre = f"instantanea-{manifiesto['huella']}.bin"
    if not leida["clave"].endswith("/assets/validador/motor/" + nombre):
        raise SystemExit(f"instantanea_sitio: clave inesperada {leida['clave']}")
    datos = b"".join(base64.b64decode(t) for t in leida["trozos"])
    (motor / nombre).write_bytes(datos)
    manifiesto["instantanea"] = {"url": nombre, "bytes": int(leida["bytes"]), "paginas": leida["paginas"],
                                 "esperado": leida["esperado"], "sha256": hashlib.sha256(datos).hexdigest()}
    motor_web.escribir_manifiesto(sitio, manifiesto)
    return manifiesto["instantanea"]


if __name__ == "__main__":
    print(json.dumps(crear(Path(sys.argv[1]) if len(sys.argv) > 1 else RAIZ / "site")))
