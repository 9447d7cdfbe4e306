// Corre vectores de prueba en Pyodide (Node), con el motor tal como lo sirve el sitio construido.
// Uso: node paridad.mjs <sitio>/assets/validador/motor vectores.json  → imprime un JSON con los informes.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [motor, archivoVectores] = process.argv.slice(2);
const manifiesto = JSON.parse(readFileSync(join(motor, "manifiesto.json"), "utf8"));
const indice = join(motor, manifiesto.pyodide) + "/";
const { loadPyodide } = await import(join(indice, "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: indice });
await pyodide.loadPackage(manifiesto.ruedas.map((r) => join(motor, r.url)), { messageCallback() {}, errorCallback() {} });
const api = pyodide.pyimport("checker.api");

const salida = JSON.parse(readFileSync(archivoVectores, "utf8")).map((v) => {
  let xml = v.xml ?? undefined;
  // Igual que el worker del sitio: un Uint8Array convertido con toPy.
  if (v.xml_base64) xml = pyodide.toPy(new Uint8Array(Buffer.from(v.xml_base64, "base64")));
  const kwargs = { xml, perfil_json: v.perfil ?? undefined, hoy: v.hoy };
  if (v.funcion === "leer_xml_json") return api.leer_xml_json(xml);
  return api.validar_json.callKwargs(v.solicitud, kwargs);
});
process.stdout.write(JSON.stringify({ python: pyodide.runPython("import sys; sys.version"), informes: salida }));
