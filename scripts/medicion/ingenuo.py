"""La versión ingenua del validador, solo para el benchmark del navegador (no se publica en el sitio).

Lo que haría quien sigue la documentación de Pyodide: la misma página de Pyodide servida por el
propio servidor (de npm, sin bytecode precompilado ni biblioteca estándar recortada), las mismas
ruedas que el sitio (las originales de PyPI y la de checker) instaladas con `pyodide.loadPackage`,
`import checker.api` y validar el ejemplo «tipica», en un Web Worker; sin instantánea ni service
worker. El benchmark la construye en una carpeta temporal y la sirve con scripts/servidores/servidor.py, en la
misma corrida que el sitio: sus tiempos son la referencia de las proporciones (una máquina ocupada
retrasa a las dos por igual).

La página cumple el contrato que mide el benchmark: `[data-validador]` con `data-estado` =
`cargando` | `listo` | `resultado` y un `[data-formulario]` visible.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from checker import ejemplos
from scripts.construccion import motor_web

ARCHIVOS_PYODIDE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")

PAGINA = """<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>Validador ingenuo (benchmark)</title></head>
<body>
<div data-validador data-estado="cargando">
  <form data-formulario><p>Validador ingenuo: Pyodide con loadPackage, sin precompilar ni instantánea.</p></form>
  <pre data-informe></pre>
</div>
<script type="module">
const raiz = document.querySelector("[data-validador]");
const worker = new Worker("trabajador.js", { type: "module" });
const ejemplo = fetch("tipica.json").then((r) => r.json());
worker.onmessage = async ({ data }) => {
  if (data.tipo === "listo") {
    raiz.dataset.estado = "listo";
    const { perfil, ...solicitud } = await ejemplo;
    worker.postMessage({ tipo: "validar", solicitud: JSON.stringify(solicitud) });
  } else if (data.tipo === "resultado") {
    raiz.querySelector("[data-informe]").textContent = data.resultado;
    raiz.dataset.estado = "resultado";
  } else {
    raiz.dataset.estado = "error";
  }
};
</script>
</body></html>
"""

TRABAJADOR = """import { loadPyodide } from "./pyodide/pyodide.mjs";
const RUEDAS = %s;
const etapas = {};
const marcar = (nombre) => { etapas[nombre] = Math.round(performance.now()); };
const listo = (async () => {
  marcar("inicio");
  const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href });
  marcar("python_iniciado");
  await pyodide.loadPackage(RUEDAS.map((r) => new URL(r, import.meta.url).href));
  marcar("ruedas_instaladas");
  const api = pyodide.pyimport("checker.api");
  marcar("motor_importado");
  return api;
})();
self.onmessage = async ({ data }) => {
  const api = await listo;
  postMessage({ tipo: "resultado", resultado: api.validar_json(data.solicitud) });
};
listo.then(() => postMessage({ tipo: "listo", etapas }), (e) => postMessage({ tipo: "fallo", mensaje: String(e) }));
"""


def construir(destino: Path) -> Path:
    """Escribe la versión ingenua en `destino` (vacía o inexistente) y devuelve la carpeta."""
    destino.mkdir(parents=True, exist_ok=True)
    pyodide = destino / "pyodide"
    pyodide.mkdir(exist_ok=True)
    for nombre in ARCHIVOS_PYODIDE:
        shutil.copy2(motor_web.PYODIDE_NPM / nombre, pyodide / nombre)
    (destino / "ruedas").mkdir(exist_ok=True)
    ruedas = []
    for rueda in [*motor_web.ruedas_de_terceros(), motor_web.rueda_checker()]:
        shutil.copy2(rueda, destino / "ruedas" / rueda.name)
        ruedas.append(f"./ruedas/{rueda.name}")
    (destino / "tipica.json").write_text(json.dumps(ejemplos.cargar("tipica")), encoding="utf-8")
    (destino / "index.html").write_text(PAGINA, encoding="utf-8")
    (destino / "trabajador.js").write_text(TRABAJADOR % json.dumps(ruedas), encoding="utf-8")
    return destino


if __name__ == "__main__":
    print(construir(Path(sys.argv[1])))
