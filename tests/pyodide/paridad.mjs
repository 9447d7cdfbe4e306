// Corre vectores de prueba en Pyodide (Node), con el motor tal como lo sirve el sitio construido y
// arrancado como en el worker (sitio/validador/arranque.js).
// Uso: node paridad.mjs <sitio>/assets/validador/motor vectores.json [instantanea]
//   → imprime un JSON con los informes.
// Con «instantanea», los vectores corren en un Python restaurado desde una instantánea de memoria,
// creada y restaurada como en el navegador (sitio/validador/arranque.js) y sin desempacar las ruedas
// en el restaurado: así se prueba también que validar y leer XML no importan nada más tarde.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [relativo, archivoVectores, modo] = process.argv.slice(2);
const motor = resolve(relativo);
const manifiesto = JSON.parse(readFileSync(join(motor, "manifiesto.json"), "utf8"));
const indice = join(motor, manifiesto.pyodide) + "/";
const { loadPyodide } = await import(join(indice, "pyodide.mjs"));
// Las mismas funciones de arranque que el worker del sitio.
const arranque = await import(pathToFileURL(join(motor, "..", "..", "..", "validador", "arranque.js")).href);
const opciones = arranque.opcionesDeCarga(manifiesto, indice);
const ruedas = manifiesto.ruedas.map((r) => new Uint8Array(readFileSync(join(motor, r.url))));

async function normal() {
  const pyodide = await loadPyodide(opciones);
  arranque.desempacar(pyodide, ruedas);
  return { pyodide, extra: {} };
}

async function restaurada() {
  const crear = await loadPyodide(arranque.opcionesConInstantanea(opciones, arranque.bibliotecas(manifiesto, ruedas)));
  arranque.desempacar(crear, ruedas);
  crear.runPython("import checker.api");
  const instantanea = arranque.crearInstantanea(crear);
  // Ida y vuelta por el formato guardado (sin páginas en cero), como en Cache Storage.
  const { partes, mapa } = arranque.comprimirPaginas(instantanea.bytes);
  const leida = arranque.leerInstantanea(new Blob(partes).stream(), instantanea.bytes.byteLength, mapa);
  leida.esperado = instantanea.esperado;
  await leida.lleno;
  // La copia a la memoria, sobre una memoria con basura en todas partes: debe quedar la de la instantánea.
  const memoria = new Uint8Array(arranque.memoriaDeInstantanea(leida)).fill(7);
  arranque.copiarMemoria(memoria, leida, memoria.length);
  const pyodide = await arranque.restaurarInstantanea(loadPyodide, opciones, arranque.bibliotecas(manifiesto, ruedas),
    leida);
  const original = Buffer.from(instantanea.bytes.buffer, instantanea.bytes.byteOffset, instantanea.bytes.byteLength);
  return {
    pyodide,
    extra: {
      prueba_igual: pyodide.pyimport("checker.api").validar_json(arranque.PRUEBA) === instantanea.esperado,
      identica: Buffer.compare(Buffer.from(await leida.cabecera), original.subarray(0, leida.largoCabecera)) === 0
        && Buffer.compare(Buffer.from(memoria.buffer), original.subarray(leida.largoCabecera)) === 0,
      paginas: Math.ceil(instantanea.bytes.byteLength / 65536),
      guardadas: partes.length,
      // Pyodide guarda las opciones de loadPyodide: la instantánea leída no debe quedar colgada de ellas.
      trozos_soltados: leida.partes === null && typeof pyodide._api.config.createPyodideModule === "function",
      ruedas_en_disco: pyodide.FS.analyzePath(pyodide.FS.cwd() + "/pydantic").exists,
    },
  };
}

const { pyodide, extra } = modo === "instantanea" ? await restaurada() : await normal();
const api = pyodide.pyimport("checker.api");
const salida = JSON.parse(readFileSync(archivoVectores, "utf8")).map((v) => {
  let xml = v.xml ?? undefined;
  // Igual que el worker del sitio: un Uint8Array convertido con toPy.
  if (v.xml_base64) xml = pyodide.toPy(new Uint8Array(Buffer.from(v.xml_base64, "base64")));
  const kwargs = { xml, perfil_json: v.perfil ?? undefined, hoy: v.hoy, etapa: v.etapa };
  if (v.funcion === "leer_xml_json") return api.leer_xml_json(xml);
  if (v.funcion === "reconocer_archivo") return api.reconocer_archivo(xml);
  if (v.funcion === "datos_abiertos_json") return api.datos_abiertos_json(v.archivos, v.factura);
  if (v.funcion === "validar_entrada_json") return api.validar_entrada_json.callKwargs(v.solicitud, { xml, hoy: v.hoy, etapa: v.etapa });
  return api.validar_json.callKwargs(v.solicitud, kwargs);
});
process.stdout.write(JSON.stringify({ python: pyodide.runPython("import sys; sys.version"), ...extra, informes: salida }));
