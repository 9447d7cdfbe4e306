// Web Worker (módulo) del validador: carga Pyodide y el motor `checker`, y responde JSON con JSON.
// Ninguna regla vive aquí: todo lo decide checker.api (Python). La página nunca se congela porque
// todo esto corre fuera del hilo principal. Vive en /validador/ (no en /assets/) porque el service
// worker de un worker se elige por la URL de su script: así queda en el alcance de /validador/sw.js
// y funciona sin conexión.
const BASE = new URL("../assets/validador/motor/", import.meta.url);
let pyodide = null;
let api = null;
// Tiempos de cada fase (ms desde que arrancó este worker), para el perfil de arranque del README.
const etapas = {};
const marcar = (nombre) => { etapas[nombre] = Math.round(performance.now()); };

function avisar(porcentaje, etapa) {
  postMessage({ tipo: "progreso", porcentaje, etapa });
}

async function bajar(url) {
  const respuesta = await fetch(url);
  if (!respuesta.ok) throw new Error(`${respuesta.status} ${url}`);
  return new Uint8Array(await respuesta.arrayBuffer());
}

// La página avisa cuando terminó de iniciarse (Material incluido): compilar el wasm e iniciar Python
// antes competiría por los núcleos con el hilo principal. Las descargas no esperan. Si el aviso no
// llega (p. ej. la página no montó el validador), se empieza igual al cabo de un momento.
let empezar;
const permiso = new Promise((seguir) => { empezar = seguir; setTimeout(seguir, 1500); });

async function iniciar() {
  avisar(5, "descargando el motor");
  marcar("inicio");
  const manifiesto = await (await fetch(new URL("manifiesto.json", BASE))).json();
  const indice = new URL(manifiesto.pyodide, BASE).href;
  // Las ruedas bajan mientras Python arranca; luego solo se desempacan en site-packages.
  const ruedas = Promise.all(manifiesto.ruedas.map((r) => bajar(new URL(r.url, BASE))));
  ruedas.catch(() => {}); // el error se informa abajo, al esperarlas
  // El wasm y la biblioteca estándar también bajan ya (a la caché HTTP, donde loadPyodide los toma).
  for (const nombre of ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.mjs"]) {
    fetch(indice + nombre).then((r) => r.arrayBuffer()).catch(() => {});
  }
  await permiso;
  const { loadPyodide } = await import(indice + "pyodide.mjs");
  marcar("pyodide_mjs");
  avisar(15, "iniciando Python");
  pyodide = await loadPyodide({ indexURL: indice });
  marcar("python_iniciado");
  avisar(60, "cargando las reglas");
  const bajadas = await ruedas;
  marcar("ruedas_descargadas");
  for (const rueda of bajadas) pyodide.unpackArchive(rueda, "wheel");
  marcar("ruedas_desempacadas");
  avisar(80, "preparando las reglas");
  api = pyodide.pyimport("checker.api");
  marcar("motor_importado");
  avisar(100, "listo");
}

const listo = iniciar();
function descargas() {
  return performance.getEntriesByType("resource").map((r) => ({
    nombre: r.name.split("/").pop(), inicio: Math.round(r.startTime), fin: Math.round(r.responseEnd),
  }));
}

listo.then(
  () => postMessage({ tipo: "listo", etapas, descargas: descargas() }),
  (error) => postMessage({ tipo: "fallo", mensaje: String((error && error.message) || error) }),
);

function ejecutar(datos) {
  if (datos.tipo === "validar") {
    // undefined (no null): en Pyodide, null llega a Python como jsnull, no como None.
    return api.validar_json.callKwargs(datos.solicitud, { hoy: datos.hoy || undefined });
  }
  if (datos.tipo === "leer_xml") {
    const bytes = pyodide.toPy(new Uint8Array(datos.bytes));
    try {
      return api.leer_xml_json(bytes);
    } finally {
      bytes.destroy();
    }
  }
  throw new Error("pedido desconocido: " + datos.tipo);
}

self.onmessage = async ({ data }) => {
  if (data.tipo === "empezar") {
    empezar();
    return;
  }
  try {
    await listo;
  } catch {
    postMessage({ id: data.id, tipo: "error", mensaje: "El validador no pudo cargar su motor. Recargue la página." });
    return;
  }
  try {
    postMessage({ id: data.id, tipo: "resultado", resultado: ejecutar(data) });
  } catch {
    postMessage({ id: data.id, tipo: "error", mensaje: "Error inesperado del validador; inténtelo de nuevo." });
  }
};
