// Web Worker (módulo) del validador: carga Pyodide y el motor `checker`, y responde JSON con JSON.
// Ninguna regla vive aquí: todo lo decide checker.api (Python). La página nunca se congela porque
// todo esto corre fuera del hilo principal. Vive en /validador/ (no en /assets/) porque ahí se
// publicó; el service worker del sitio (/sw.js, alcance /) lo guarda con el resto para usarlo sin conexión.
/* global MANIFIESTO */
import {
  bibliotecas, comprimirPaginas, crearInstantanea, desempacar, leerInstantanea, opcionesConInstantanea,
  opcionesDeCarga, restaurarInstantanea,
} from "./arranque.js";

const BASE = new URL("../assets/validador/motor/", import.meta.url);
// La instantánea de memoria del motor (ver arranque.js) se guarda en este equipo, en Cache Storage,
// con una clave que lleva la huella del motor: un motor nuevo no usa la instantánea de otro.
const CACHE_INSTANTANEA = "motor-instantanea";
let pyodide = null;
let api = null;
let opciones = {}; // las de loadPyodide comunes a todo arranque (se fijan al leer el manifiesto)
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

// Si hay instantánea guardada, se devuelve enseguida la lectura en curso (leerInstantanea): leer sus bytes
// del disco se solapa así con la compilación del wasm.
async function buscarInstantanea(clave) {
  try {
    const respuesta = await (await caches.open(CACHE_INSTANTANEA)).match(clave);
    if (!respuesta) return null;
    const leida = leerInstantanea(respuesta.body, Number(respuesta.headers.get("X-Bytes")),
      respuesta.headers.get("X-Paginas") || "");
    leida.lleno.catch(() => {});
    leida.esperado = decodeURIComponent(respuesta.headers.get("X-Esperado") || "");
    return leida;
  } catch {
    return null; // sin Cache Storage (p. ej. fuera de un contexto seguro): arranque normal
  }
}

// `instantanea`: la recién creada ({ bytes, esperado }) o una leída con leerInstantanea (la del sitio), que ya
// viene sin sus páginas en cero.
async function guardarInstantanea(clave, instantanea) {
  try {
    const cache = await caches.open(CACHE_INSTANTANEA);
    for (const vieja of await cache.keys()) await cache.delete(vieja);
    const { partes, mapa } = instantanea.bytes ? comprimirPaginas(instantanea.bytes)
      : { partes: instantanea.partes, mapa: instantanea.mapaHex };
    const total = instantanea.bytes ? instantanea.bytes.byteLength : instantanea.total;
    await cache.put(clave, new Response(new Blob(partes), {
      headers: {
        "Content-Type": "application/octet-stream", "X-Esperado": encodeURIComponent(instantanea.esperado),
        "X-Bytes": String(total), "X-Paginas": mapa,
      },
    }));
    postMessage({ tipo: "instantanea", estado: "guardada" });
  } catch {
    postMessage({ tipo: "instantanea", estado: "no guardada" });
  }
}

// Primera visita con red rápida: la instantánea hecha al construir (scripts/construccion/instantanea_sitio.py, la
// misma que este worker crearía en esta visita) se baja en vez de iniciar Python e importar el motor.
// Son ~6 MB más que calcular: solo vale la pena si la red los trae antes de lo que tarda el cálculo
// (~1 s con 2 núcleos: 6 MB en 1 s son ~50 Mbps), y se decide por lo que tardó en llegar la
// biblioteca estándar, que se pide igual.
// Con una red lenta (o sin medida) se calcula, como siempre: la primera visita queda en ~5,5 MB.
const RED_RAPIDA_MBPS = 50;

function redRapida(url) {
  if (self.navigator?.connection?.saveData) return false;
  const medida = performance.getEntriesByName(url)[0];
  if (!medida || !medida.encodedBodySize || !medida.transferSize) return false; // sin red (caché): no se sabe
  // Desde que empiezan a llegar los bytes: sin la espera del primero (el servidor, la cola de pedidos).
  const ms = Math.max(medida.responseEnd - medida.responseStart, 1);
  etapas.red_mbps = Math.round((medida.encodedBodySize * 8) / (ms * 1000));
  return etapas.red_mbps >= RED_RAPIDA_MBPS;
}

async function bajarInstantaneaDelSitio(datos) {
  const respuesta = await fetch(new URL(datos.url, BASE));
  if (!respuesta.ok) throw new Error(`${respuesta.status} ${datos.url}`);
  const leida = leerInstantanea(respuesta.body, datos.bytes, datos.paginas);
  leida.lleno.catch(() => {});
  leida.esperado = datos.esperado;
  return leida;
}

// Visita con instantánea guardada: se restaura la memoria (Python y el motor ya importados). Si algo
// falla, o el motor no responde a PRUEBA lo mismo que al crear la instantánea, se descarta y se
// arranca de cero. Los archivos de las ruedas no están en la instantánea (la memoria de Python sí,
// con todo lo que validar y leer XML importan: la prueba de paridad lo comprueba restaurando sin
// desempacar nada); se desempacan después del primer informe, por si algo se importa más tarde.
async function restaurar(loadPyodide, instantanea, nativas, pedirRuedas, etapa = "recuperando el motor guardado en este equipo") {
  avisar(30, etapa);
  pyodide = await restaurarInstantanea(loadPyodide, opciones, nativas, instantanea);
  marcar("motor_importado");
  api = pyodide.pyimport("checker.api");
  const instancia = pyodide;
  setTimeout(() => pedirRuedas().then((bajadas) => { if (pyodide === instancia) desempacar(instancia, bajadas); }).catch(() => {}), 300);
}

// Primera visita (o instantánea descartada): Python arranca de cero y, si se puede, se crea la
// instantánea justo después de importar el motor, antes de que llegue cualquier dato del usuario
// (la instantánea no puede llevar objetos de JavaScript). Se guarda sin hacer esperar al informe.
async function arrancar(loadPyodide, nativas, pedirRuedas, clave) {
  avisar(15, "iniciando Python");
  let conInstantanea = clave !== null;
  try {
    pyodide = await loadPyodide(conInstantanea ? opcionesConInstantanea(opciones, nativas) : opciones);
  } catch (error) {
    // Si lo que se agregó para la instantánea falla, el validador arranca igual, sin ella.
    if (!conInstantanea) throw error;
    conInstantanea = false;
    postMessage({ tipo: "instantanea", estado: "no guardada" });
    pyodide = await loadPyodide(opciones);
  }
  marcar("python_iniciado");
  avisar(60, "cargando las reglas");
  const bajadas = await pedirRuedas();
  marcar("ruedas_descargadas");
  desempacar(pyodide, bajadas);
  marcar("ruedas_desempacadas");
  avisar(80, "preparando las reglas");
  pyodide.runPython("import checker.api");
  marcar("motor_importado");
  if (conInstantanea) {
    try {
      const instantanea = crearInstantanea(pyodide);
      marcar("instantanea_creada");
      guardarInstantanea(clave, instantanea);
    } catch {
      postMessage({ tipo: "instantanea", estado: "no guardada" });
    }
  }
  api = pyodide.pyimport("checker.api");
}

async function iniciar() {
  avisar(5, "descargando el motor");
  marcar("inicio");
  etapas.origen = performance.timeOrigin; // para situar las fases en el tiempo de la página
  // La construcción (scripts/construccion/motor_web.py) antepone a este archivo el manifiesto del motor.
  const manifiesto = MANIFIESTO;
  const indice = new URL(manifiesto.pyodide, BASE).href;
  opciones = opcionesDeCarga(manifiesto, indice);
  // Primero se mira si hay instantánea: Cache Storage atiende en orden y, si se le piden antes las
  // descargas, la respuesta tarda.
  const clave = manifiesto.huella && manifiesto.bibliotecas && "caches" in self
    ? new URL(`instantanea-${manifiesto.huella}.bin`, BASE).href : null;
  const instantanea = clave ? await buscarInstantanea(clave) : null;
  marcar("instantanea_buscada");
  const modulo = import(indice + "pyodide.mjs");
  modulo.catch(() => {});
  // Con instantánea no hay que esperar a nadie: pyodide.asm.mjs (1,25 MB, el JavaScript que más tarda en
  // compilarse) se importa ya, junto con pyodide.mjs, y no después de él; loadPyodide lo importa luego por
  // la misma URL y recibe el mismo módulo. Sin instantánea solo se baja (abajo): compilarlo esperaría el aviso.
  if (instantanea) import(indice + "pyodide.asm.mjs").catch(() => {});
  // Orden de las descargas, para que el cómputo empiece cuanto antes con una red lenta: ya, la
  // biblioteca estándar y pyodide.asm.mjs (el wasm lo pide loadPyodide y lo compila mientras baja);
  // luego las ruedas con bibliotecas nativas (se cargan antes de iniciar Python) y al final las
  // demás, que bajan mientras Python arranca y solo se desempacan después. Con instantánea todo
  // sale de la caché del equipo y no hace falta ordenar nada.
  const stdlib = instantanea ? null : fetch(indice + "python_stdlib.zip").then((r) => r.arrayBuffer());
  const runtime = instantanea ? Promise.resolve()
    : Promise.all([stdlib, fetch(indice + "pyodide.asm.mjs").then((r) => r.arrayBuffer())]).catch(() => {});
  const conNativas = new Set((manifiesto.bibliotecas || []).map((b) => b.rueda));
  const urls = manifiesto.ruedas.map((r) => new URL(r.url, BASE));
  const primeras = urls.map((url, i) => (conNativas.has(i) ? runtime.then(() => bajar(url)) : null));
  const primerasListas = Promise.all(primeras.filter(Boolean));
  // Al restaurar una instantánea, las ruedas sin biblioteca nativa se leen después del primer informe
  // (restaurar() las pide entonces): leerlas antes compite con lo que sí hace falta para restaurar.
  let ruedas = null;
  const pedirRuedas = () => {
    if (!ruedas) {
      ruedas = Promise.all(urls.map((url, i) => primeras[i] || primerasListas.then(() => bajar(url))));
      ruedas.catch(() => {}); // el error se informa al esperarlas
    }
    return ruedas;
  };
  if (!instantanea) pedirRuedas();
  const nativas = Promise.all(primeras).then((bajadas) => bibliotecas(manifiesto, bajadas));
  nativas.catch(() => {});
  // Sin instantánea en este equipo y con red rápida, la del sitio (si se pudo crear al construir).
  let delSitio = null;
  if (!instantanea && clave && manifiesto.instantanea) {
    await stdlib.catch(() => {});
    if (redRapida(indice + "python_stdlib.zip")) {
      delSitio = bajarInstantaneaDelSitio(manifiesto.instantanea);
      delSitio.catch(() => {});
    }
    marcar("red_medida");
  }
  // Arrancar de cero compite por los núcleos con la página: se espera su aviso. Restaurar una
  // instantánea cuesta mucho menos y empieza ya.
  if (!instantanea && !delSitio) await permiso;
  const { loadPyodide } = await modulo;
  marcar("pyodide_mjs");
  if (instantanea) {
    try {
      await restaurar(loadPyodide, instantanea, nativas, pedirRuedas);
      etapas.modo = "instantanea";
      avisar(100, "listo");
      return;
    } catch {
      api = null;
      pyodide = null;
      caches.open(CACHE_INSTANTANEA).then((c) => c.delete(clave)).catch(() => {});
    }
  }
  if (delSitio) {
    try {
      const bajada = await delSitio;
      // restaurar suelta los trozos de `bajada` al copiarlos: para guardarla después se toma aquí la misma
      // lista (que se sigue llenando mientras baja) con lo que guardarInstantanea usa de ella.
      const paraGuardar = { partes: bajada.partes, mapaHex: bajada.mapaHex, total: bajada.total, esperado: bajada.esperado };
      await restaurar(loadPyodide, bajada, nativas, pedirRuedas, "recuperando el motor ya preparado");
      etapas.modo = "instantanea_del_sitio";
      // Queda en este equipo para las visitas siguientes, después del primer informe.
      setTimeout(() => guardarInstantanea(clave, paraGuardar), 500);
      avisar(100, "listo");
      return;
    } catch {
      api = null;
      pyodide = null;
      await permiso; // de cero, como cualquier primera visita
    }
  }
  await arrancar(loadPyodide, nativas, pedirRuedas, clave);
  etapas.modo = "normal";
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
  const pagina = ejecutarPagina(datos);
  if (pagina !== undefined) return pagina;
  throw new Error("pedido desconocido: " + datos.tipo);
}

// Pedidos de la página «la factura primero» (issue 14): reconocer un archivo por su contenido, leer los datos
// abiertos del contrato y revisar lo que haya (la factura sola o la solicitud completa). Todo lo decide Python.
function ejecutarPagina(datos) {
  const conBytes = (bytes, llamar) => {
    const py = bytes ? pyodide.toPy(new Uint8Array(bytes)) : undefined;
    try {
      return llamar(py);
    } finally {
      py?.destroy();
    }
  };
  if (datos.tipo === "reconocer") return conBytes(datos.bytes, (py) => api.reconocer_archivo(py));
  if (datos.tipo === "la_misma_factura") {
    const lista = pyodide.toPy(datos.lista.map((b) => new Uint8Array(b)));
    try {
      return api.la_misma_factura_json(lista);
    } finally {
      lista.destroy();
    }
  }
  if (datos.tipo === "datos_abiertos") {
    return api.datos_abiertos_json.callKwargs(datos.archivos,
      { numero_factura: datos.numeroFactura || undefined, id_contrato: datos.idContrato || undefined,
        de_la_factura: datos.deLaFactura || undefined, id_pago: datos.idPago || undefined,
        escrito: datos.escrito || undefined, reelegir: datos.reelegir });
  }
  if (datos.tipo === "validar_entrada") {
    // La respuesta de la DIAN, si llegó en su propio archivo, va con la factura (respuesta_xml).
    return conBytes(datos.bytes, (py) => conBytes(datos.respuesta, (respuesta) => api.validar_entrada_json.callKwargs(
      datos.solicitud, { xml: py, hoy: datos.hoy || undefined, respuesta_xml: respuesta, etapa: datos.etapa || undefined,
        leida: datos.leida, en_el_formulario: datos.enElFormulario })));
  }
  if (datos.tipo === "solicitud_completa") {
    return api.solicitud_completa_json(datos.solicitud, datos.leida, datos.enElFormulario);
  }
  return undefined;
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
