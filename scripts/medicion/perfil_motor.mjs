// Perfil del arranque del motor en Node (el mismo Pyodide y las mismas funciones de arranque que el
// worker del sitio), para el registro de mediciones (docs-dev/): en qué se van los ~0,9 s de cómputo de la primera visita y
// cuánto pesaría una instantánea de memoria hecha al construir, que es lo único que lo evitaría.
//
// Uso: node scripts/medicion/perfil_motor.mjs <sitio> [--veces N] [--calidad Q]
//   N: arranques de cero, cada uno en su proceso (mediana; 5 por omisión).
//   Q: calidad de brotli para medir la instantánea (11, la del sitio, por omisión; las pruebas usan
//   una baja, que tarda menos). Se comprime como comprime el sitio (scripts/construccion/comprimir.mjs).
// Imprime un JSON. Los tiempos son de esta máquina y de Node; en Chromium cada fase tarda algo más
// (compite con la página por los núcleos), pero la proporción es la misma.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brotli } from "../construccion/comprimir.mjs";

const argumentos = process.argv.slice(2);
const opcion = (nombre, omision) => {
  const i = argumentos.indexOf(nombre);
  return i >= 0 ? Number(argumentos[i + 1]) : omision;
};
const sitio = resolve(argumentos[0]);
const veces = opcion("--veces", 5);
const calidad = opcion("--calidad", 11);
const motor = join(sitio, "assets", "validador", "motor");
const manifiesto = JSON.parse(readFileSync(join(motor, "manifiesto.json"), "utf8"));
const indice = join(motor, manifiesto.pyodide) + "/";
const { loadPyodide } = await import(join(indice, "pyodide.mjs"));
const arranque = await import(pathToFileURL(join(sitio, "validador", "arranque.js")).href);
const ruedas = manifiesto.ruedas.map((r) => new Uint8Array(readFileSync(join(motor, r.url))));
const ms = (desde) => Math.round(performance.now() - desde);

// Cuenta el código que Python compila al importar el motor (exec/eval/compile de texto): las clases
// dataclass generan sus métodos así, y typing compila cada anotación en texto (ForwardRef).
const CONTAR_COMPILACIONES = `
import builtins, sys, time
_cuentas = {}
def _envolver(nombre, original):
    def envuelta(fuente, *a, **k):
        if not isinstance(fuente, str):
            return original(fuente, *a, **k)
        quien = sys._getframe(1).f_globals.get("__name__", "?")
        clave = "dataclasses" if quien == "dataclasses" else ("anotaciones" if quien == "annotationlib" else "otros")
        inicio = time.perf_counter()
        try:
            return original(fuente, *a, **k)
        finally:
            n, t = _cuentas.get(clave, (0, 0.0))
            _cuentas[clave] = (n + 1, t + time.perf_counter() - inicio)
    return envuelta
_originales = builtins.exec, builtins.eval, builtins.compile
builtins.exec, builtins.eval, builtins.compile = (_envolver(n, f) for n, f in zip(("exec", "eval", "compile"), _originales))
`;

// Cuánto de importar el motor es construir sus modelos de pydantic (generar el esquema de cada uno y
// su validador): pydantic lo hace en complete_model_class, al crear cada clase.
const MEDIR_MODELOS = `
import time
import pydantic._internal._model_construction as _mc
_modelos = [0, 0.0]
_completar = _mc.complete_model_class
def _medir(*a, **k):
    inicio = time.perf_counter()
    try:
        return _completar(*a, **k)
    finally:
        _modelos[0] += 1
        _modelos[1] += time.perf_counter() - inicio
_mc.complete_model_class = _medir
`;

// Tiempo de cada módulo importado mientras Pyodide se inicia, con lo que él importa a su vez.
const MEDIR_IMPORTACIONES = `
import builtins, sys, time
_importaciones = []
_nivel = [0]
_importar = builtins.__import__
def _medido(nombre, *a, **k):
    nuevo = nombre not in sys.modules
    inicio = time.perf_counter()
    _nivel[0] += 1
    try:
        return _importar(nombre, *a, **k)
    finally:
        _nivel[0] -= 1
        if nuevo and _nivel[0] == 1:
            _importaciones.append((nombre, round((time.perf_counter() - inicio) * 1000, 1)))
builtins.__import__ = _medido
`;

// Un arranque de cero, con sus fases. Con «capturar», además: la memoria justo antes de que arranque
// Python (con la biblioteca nativa ya cargada) y la instantánea con Python recién iniciado.
async function arrancar(capturar) {
  const fases = {};
  let inicial = null;
  let creado = 0;
  const opciones = arranque.opcionesConInstantanea(arranque.opcionesDeCarga(manifiesto, indice),
    arranque.bibliotecas(manifiesto, ruedas));
  const crear = opciones.createPyodideModule;
  const t0 = performance.now();
  opciones.createPyodideModule = async (ajustes) => {
    ajustes.preRun.push((M) => {
      // Después de cargar la biblioteca nativa (crearModulo la carga en un preRun anterior).
      M.addRunDependency("perfil");
      setTimeout(() => {
        if (capturar) inicial = M.HEAPU8.slice();
        M.removeRunDependency("perfil");
      }, 0);
    });
    const modulo = await crear(ajustes);
    // Antes de que Pyodide se inicie (finalizeBootstrap importa _pyodide_core), se anota cuánto
    // tarda cada importación que cuelga directamente de otra (p. ej. las que hace _pyodide_core).
    // Solo en el arranque que además captura la memoria (no en los que dan los tiempos).
    if (capturar) modulo.API.rawRun(MEDIR_IMPORTACIONES);
    creado = performance.now();
    fases.instanciar_e_iniciar_cpython = Math.round(creado - t0);
    return modulo;
  };
  const pyodide = await loadPyodide(opciones);
  fases.iniciar_pyodide = ms(creado);
  const alIniciar = capturar ? JSON.parse(pyodide.runPython(
    "builtins.__import__ = _importar\nimport json\njson.dumps(sorted(_importaciones, key=lambda x: -x[1])[:6])")) : null;
  const base = capturar ? pyodide.makeMemorySnapshot() : null;
  let t = performance.now();
  arranque.desempacar(pyodide, ruedas);
  fases.desempacar = ms(t);
  pyodide.runPython(CONTAR_COMPILACIONES);
  t = performance.now();
  pyodide.runPython("import pydantic");
  fases.importar_pydantic = ms(t);
  pyodide.runPython(MEDIR_MODELOS);
  t = performance.now();
  pyodide.runPython("import checker.api");
  fases.importar_motor = ms(t);
  const modelos = JSON.parse(pyodide.runPython(
    "_mc.complete_model_class = _completar\nimport json\njson.dumps([_modelos[0], round(_modelos[1] * 1000, 1)])"));
  const compilaciones = JSON.parse(pyodide.runPython(
    "builtins.exec, builtins.eval, builtins.compile = _originales\nimport json\n" +
    "json.dumps({k: [n, round(s * 1000, 1)] for k, (n, s) in _cuentas.items()})"));
  t = performance.now();
  const instantanea = arranque.crearInstantanea(pyodide);
  fases.crear_instantanea = ms(t);
  fases.total = ms(t0);
  return { fases, compilaciones, modelos, alIniciar, inicial, base, completa: instantanea.bytes };
}

// Una instantánea hecha al construir se serviría como diferencia con la memoria que el navegador ya
// tiene al instanciar el wasm (y cargar la biblioteca nativa): solo las páginas de 4 KiB distintas.
function diferencia(instantanea, inicial) {
  const memoria = instantanea.subarray(new Uint32Array(instantanea.buffer, instantanea.byteOffset, 4)[1]);
  const PAGINA = 4096;
  const partes = [];
  for (let i = 0; i < memoria.length; i += PAGINA) {
    const a = memoria.subarray(i, i + PAGINA);
    const b = inicial.subarray(i, i + PAGINA);
    let igual = a.length === b.length;
    for (let k = 0; igual && k < a.length; k++) if (a[k] !== b[k]) igual = false;
    if (!igual) {
      const vacia = a.every((x) => x === 0) && b.length === 0;
      if (!vacia) partes.push(a);
    }
  }
  const bytes = Buffer.concat(partes);
  return { memoria: memoria.length, distinta: bytes.length, brotli: brotli(bytes, calidad).length };
}

// Cada arranque en su propio proceso: dentro de uno mismo, V8 reutiliza el wasm ya compilado y
// optimizado, y los arranques siguientes no se parecen a una primera visita.
if (argumentos.includes("--un-arranque")) {
  const { fases, compilaciones, modelos } = await arrancar(false);
  console.log(JSON.stringify({ fases, compilaciones, modelos }));
  process.exit(0);
}
const corridas = [];
for (let i = 0; i < veces; i++) {
  const hijo = spawnSync(process.execPath, [fileURLToPath(import.meta.url), sitio, "--un-arranque"], { encoding: "utf8" });
  if (hijo.status !== 0) throw new Error(hijo.stderr.slice(-2000));
  corridas.push(JSON.parse(hijo.stdout));
}
const mediana = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fases = Object.fromEntries(Object.keys(corridas[0].fases).map((k) => [k, mediana(corridas.map((c) => c.fases[k]))]));
const compilaciones = Object.fromEntries(Object.keys(corridas[0].compilaciones).map((k) => [k, [
  corridas[0].compilaciones[k][0], mediana(corridas.map((c) => c.compilaciones[k][1]))]]));
const modelos = [corridas[0].modelos[0], mediana(corridas.map((c) => c.modelos[1]))];
const { inicial, base, completa, alIniciar } = await arrancar(true);

// Lo que baja hoy la primera visita, en brotli, y lo que bajaría con una instantánea hecha al
// construir (que reemplaza la biblioteca estándar y las ruedas, salvo la biblioteca nativa).
const br = (ruta) => readFileSync(ruta + ".br").length;
const pyodideBr = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"].reduce((s, n) => s + br(join(indice, n)), 0);
const nativa = manifiesto.bibliotecas.reduce(
  (s, b) => s + brotli(ruedas[b.rueda].subarray(b.inicio, b.inicio + b.bytes), calidad).length, 0);
const stdlib = br(join(indice, "python_stdlib.zip"));
const ruedasBr = manifiesto.ruedas.reduce((s, r) => s + br(join(motor, r.url)), 0);
const conPython = diferencia(base, inicial);
const conMotor = diferencia(completa, inicial);
console.log(JSON.stringify({
  veces, fases, importaciones_al_iniciar_pyodide: alIniciar,
  construir_modelos_al_importar_el_motor: modelos, compilaciones_al_importar: compilaciones,
  bytes_brotli: {
    pyodide: pyodideBr, biblioteca_estandar: stdlib, ruedas: ruedasBr, biblioteca_nativa: nativa,
    motor_hoy: pyodideBr + stdlib + ruedasBr,
  },
  instantanea_al_construir: {
    calidad_brotli: calidad,
    python_iniciado: { ...conPython, motor_total: pyodideBr + stdlib + ruedasBr + conPython.brotli },
    motor_importado: { ...conMotor, motor_total: pyodideBr + nativa + conMotor.brotli },
  },
}, null, 1));
