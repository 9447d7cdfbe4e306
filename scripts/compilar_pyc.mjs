// Compila a bytecode, con el Python de Pyodide (3.14), la biblioteca estándar y las ruedas del motor.
// El Python de la máquina de construcción no es 3.14: por eso se usa el mismo intérprete que correrá
// en el navegador. Los .pyc son «unchecked-hash» (PEP 552): Python los usa sin revisar la fuente.
//
// Uso: node compilar_pyc.mjs <carpeta de pyodide> <salida> <rueda.whl>...
//   <salida>/python_stdlib.zip   la biblioteca estándar, solo .pyc (zipimport prefiere .pyc)
//   <salida>/<rueda>.whl         cada rueda con __pycache__/*.cpython-314.pyc junto a sus .py
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

const [pyodideDir, salida, ...ruedas] = process.argv.slice(2);
const { loadPyodide } = await import(join(pyodideDir, "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/" });
pyodide.FS.mkdirTree("/entrada");
pyodide.FS.mkdirTree("/salida");
for (const rueda of ruedas) pyodide.FS.writeFile("/entrada/" + basename(rueda), readFileSync(rueda));

pyodide.runPython(`
import importlib.util, os, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

ETIQUETA = sys.implementation.cache_tag  # cpython-314

def pyc(fuente: bytes, nombre: str) -> bytes:
    codigo = compile(fuente, nombre, "exec", dont_inherit=True)
    return bytes(_code_to_hash_pyc(codigo, importlib.util.source_hash(fuente), checked=False))

def fecha(info):
    # Fecha fija (construcción reproducible) y compresión explícita: un ZipInfo nuevo no se comprime.
    nuevo = zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0))
    nuevo.compress_type = zipfile.ZIP_DEFLATED
    nuevo.external_attr = info.external_attr
    return nuevo

with zipfile.ZipFile("/lib/python314.zip") as z, zipfile.ZipFile("/salida/python_stdlib.zip", "w") as s:
    for info in z.infolist():
        datos = z.read(info)
        if info.filename.endswith(".py"):
            s.writestr(fecha(zipfile.ZipInfo(info.filename[:-3] + ".pyc")), pyc(datos, info.filename))
        else:
            s.writestr(fecha(info), datos)

for nombre in sorted(os.listdir("/entrada")):
    with zipfile.ZipFile("/entrada/" + nombre) as z, zipfile.ZipFile("/salida/" + nombre, "w") as s:
        for info in z.infolist():
            datos = z.read(info)
            s.writestr(fecha(info), datos)
            if info.filename.endswith(".py"):
                carpeta, _, archivo = info.filename.rpartition("/")
                destino = (carpeta + "/" if carpeta else "") + f"__pycache__/{archivo[:-3]}.{ETIQUETA}.pyc"
                s.writestr(fecha(zipfile.ZipInfo(destino)), pyc(datos, info.filename))
`);

for (const nombre of pyodide.FS.readdir("/salida")) {
  if (nombre.startsWith(".")) continue;
  writeFileSync(join(salida, nombre), pyodide.FS.readFile("/salida/" + nombre));
}
