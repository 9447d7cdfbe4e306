// Prepara el Python del navegador con el mismo intérprete que correrá allí (Pyodide 3.14, en Node):
// el Python de la máquina de construcción no es 3.14 y el bytecode depende de la versión.
//
// 1. Instala las ruedas y recorre el motor (todos los ejemplos, todas las reglas, XML válidos, en
//    UTF-16 y rotos) para saber qué módulos de la biblioteca estándar usa de verdad.
// 2. Escribe la biblioteca estándar con solo esos módulos, compilados a .pyc.
// 3. Reescribe cada rueda con sus módulos compilados a .pyc en lugar de los .py; de pydantic, solo los
//    módulos que el recorrido importó (no van, p. ej., pydantic.deprecated, pydantic.experimental,
//    pydantic.networks ni el plugin de mypy: ~70 KB menos con brotli en la primera visita).
// Los .pyc son «unchecked-hash» (PEP 552) y sin fuente: Python los carga sin buscar ni revisar la
// fuente. Van sin docstrings (se conservan los assert, a diferencia de -OO): en el navegador nadie los
// lee; el JSON Schema, que sí usa las docstrings, se genera al construir, en CPython. Las entradas van sin comprimir (STORED): la compresión la hace HTTP (brotli/gzip) sobre el
// archivo entero, que comprime mejor que entrada por entrada.
//
// Uso: node compilar_pyc.mjs <carpeta de pyodide> <salida> <rueda.whl>...
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

const [pyodideDir, salida, ...ruedas] = process.argv.slice(2);
// Un error de Python se informa con su mensaje (el traceback de Python), no con el código de Pyodide.
process.on("uncaughtException", (error) => {
  console.error(`compilar_pyc: ${String((error && error.message) || error).slice(-4000)}`);
  process.exit(1);
});
const { loadPyodide } = await import(join(pyodideDir, "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/" });
pyodide.FS.mkdirTree("/entrada");
pyodide.FS.mkdirTree("/salida");
for (const rueda of ruedas) {
  const datos = readFileSync(rueda);
  pyodide.FS.writeFile("/entrada/" + basename(rueda), datos);
  pyodide.unpackArchive(new Uint8Array(datos), "wheel"); // como el worker del sitio
}

// 1. Recorrido del motor.
pyodide.runPython(`
import json
from checker import CATALOGO, ejemplos
from checker.api import leer_xml_json, validar_json

for nombre in ejemplos.nombres():
    validar_json(json.dumps(ejemplos.cargar(nombre)))
for regla in CATALOGO.values():
    for cual in ("falla", "pasa"):
        solicitud, perfil = ejemplos.separar(ejemplos.de_regla(regla, cual))
        validar_json(json.dumps(solicitud), perfil_json=json.dumps(perfil) if perfil else None)

UBL = "urn:oasis:names:specification:ubl:schema:xsd:"
FACTURA = f'''<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="{UBL}Invoice-2" xmlns:cbc="{UBL}CommonBasicComponents-2" xmlns:cac="{UBL}CommonAggregateComponents-2">
<cbc:ID>F1</cbc:ID><cbc:UUID schemeName="CUFE-SHA384">{"a" * 96}</cbc:UUID><cbc:IssueDate>2026-06-01</cbc:IssueDate>
<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID schemeID="7" schemeName="31">901234567</cbc:CompanyID></cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>
<cac:TaxTotal><cac:TaxSubtotal><cbc:TaxAmount>1.00</cbc:TaxAmount><cac:TaxCategory><cac:TaxScheme><cbc:ID>01</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
<cac:LegalMonetaryTotal><cbc:LineExtensionAmount>1.00</cbc:LineExtensionAmount></cac:LegalMonetaryTotal></Invoice>'''
ADJUNTO = f'<AttachedDocument xmlns="{UBL}AttachedDocument-2" xmlns:cbc="{UBL}CommonBasicComponents-2" xmlns:cac="{UBL}CommonAggregateComponents-2"><cac:Attachment><cac:ExternalReference><cbc:Description><![CDATA[{FACTURA}]]></cbc:Description></cac:ExternalReference></cac:Attachment></AttachedDocument>'
tipica = json.dumps(ejemplos.cargar("tipica"))
# Cada codificación que acepta el lector (su códec se carga al usarlo) y UTF-8 con BOM, como la guarda Windows.
from checker.xml_dian import CODIFICACIONES
for nombre, codec in CODIFICACIONES.items():
    leer_xml_json(FACTURA.replace("UTF-8", nombre).encode(codec))
leer_xml_json(b"\\xef\\xbb\\xbf" + FACTURA.encode())
for xml in (FACTURA, ADJUNTO, FACTURA.encode("utf-16"), FACTURA.encode("utf-8"), memoryview(ADJUNTO.encode()),
            FACTURA.replace("UTF-8", "ISO-8859-1").encode("latin-1"), "<a", "<!DOCTYPE a []><a/>", b"\\xff\\xfe<", b"\\x00"):
    leer_xml_json(xml)
    validar_json(tipica, xml=xml)
for roto in ("", "{", "[]", "[" * 5000):
    validar_json(roto)
# Lo que pide la página «la factura primero»: la factura sola, con la solicitud a medias o ilegible.
from checker.api import validar_entrada_json
for solicitud in ("{}", tipica, "{"):
    for xml in (FACTURA.encode(), ADJUNTO.encode(), None):
        validar_entrada_json(solicitud, xml=xml)

# Los archivos de datos abiertos: reconocerlos y leerlos, en UTF-8 y en Windows-1252 (un CSV guardado con Excel).
from checker import datos_abiertos
from checker.api import datos_abiertos_json, reconocer_archivo
for contenido in ("Nombre Entidad,ID Contrato\\nALCALDÍA,CO1.PCCNTR.1\\n".encode(),
                  "Nombre Entidad;ID Contrato\\r\\nALCALDÍA;CO1.PCCNTR.1\\r\\n".encode("cp1252"), b"[]"):
    reconocer_archivo(contenido)
    datos_abiertos_json(json.dumps([{"nombre": "c.csv", "texto": datos_abiertos.texto_de(contenido)}]))
`);
try {
  pyodide.runPython("raise ValueError('prueba')"); // lo que usa Pyodide para convertir un error de Python
} catch {}

// 2 y 3. Biblioteca estándar recortada y ruedas, compiladas.
pyodide.runPython(`
import ast, importlib.util, os, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

def importados(carpeta: str, base: str) -> set[str]:
    """Los archivos de los módulos que el recorrido importó desde «carpeta», relativos a «base»."""
    return {os.path.relpath(m.__file__, base) for m in list(sys.modules.values())
            if (getattr(m, "__file__", None) or "").startswith(carpeta + "/")}

ZIP = "/lib/python314.zip"
usados = importados(ZIP, ZIP)

# De pydantic se publican solo los módulos que importó el recorrido (1.): el resto (compatibilidad con v1,
# funciones obsoletas o experimentales, tipos que el motor no usa) solo agrega bytes a la primera visita. Si un
# camino nuevo del motor importa otro, tiene que entrar en el recorrido: la prueba de paridad lo nota.
import pydantic
SITIO = os.path.dirname(os.path.dirname(pydantic.__file__))
PYDANTIC_USADOS = importados(os.path.dirname(pydantic.__file__), SITIO)
PYDANTIC_CARPETAS = {os.path.dirname(n) for n in PYDANTIC_USADOS}

# Lo que solo leen un verificador de tipos (stubs .pyi, py.typed) o un instalador (RECORD, con las huellas de los .py
# que aquí pasan a .pyc: ya no describiría la rueda; el inventario de componentes, sboms/): en el navegador nadie lo
# lee, y en la primera visita son bytes (~25 KB con brotli, casi todo de pydantic-core). La licencia se queda.
def para_herramientas(nombre: str) -> bool:
    return (nombre.endswith((".pyi", "/py.typed", ".dist-info/RECORD")) or ".dist-info/sboms/" in nombre)

def excluido(nombre: str) -> bool:
    if para_herramientas(nombre):
        return True
    if not nombre.startswith("pydantic/"):
        return False
    if nombre.endswith(".py"):
        return nombre not in PYDANTIC_USADOS
    return os.path.dirname(nombre) not in PYDANTIC_CARPETAS  # p. ej. pydantic/v1/py.typed

CON_DOCSTRING = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)

def sin_docstrings(arbol: ast.Module) -> ast.Module:
    for nodo in ast.walk(arbol):
        if isinstance(nodo, CON_DOCSTRING) and nodo.body and isinstance(nodo.body[0], ast.Expr) \
                and isinstance(nodo.body[0].value, ast.Constant) and isinstance(nodo.body[0].value.value, str):
            # Se quita el nodo (un «pass» antes de «from __future__» sería un error de sintaxis); solo
            # si era todo el cuerpo queda un «pass». Los demás nodos conservan sus líneas.
            nodo.body = nodo.body[1:] or [ast.copy_location(ast.Pass(), nodo.body[0])]
    return arbol

def pyc(fuente: bytes, nombre: str) -> bytes:
    arbol = sin_docstrings(ast.parse(fuente, nombre))
    codigo = compile(arbol, nombre, "exec", dont_inherit=True)
    return bytes(_code_to_hash_pyc(codigo, importlib.util.source_hash(fuente), checked=False))

def entrada(nombre, original=None):
    # Fecha fija: la misma entrada da el mismo archivo, byte a byte.
    info = zipfile.ZipInfo(nombre, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    if original is not None:
        info.external_attr = original.external_attr
    return info

with zipfile.ZipFile(ZIP) as z, zipfile.ZipFile("/salida/python_stdlib.zip", "w") as s:
    for info in z.infolist():
        if info.filename in usados:
            s.writestr(entrada(info.filename[:-3] + ".pyc"), pyc(z.read(info), info.filename))

for nombre in sorted(os.listdir("/entrada")):
    with zipfile.ZipFile("/entrada/" + nombre) as z, zipfile.ZipFile("/salida/" + nombre, "w") as s:
        for info in z.infolist():
            if excluido(info.filename):
                continue
            datos = z.read(info)
            if info.filename.endswith(".py"):
                s.writestr(entrada(info.filename[:-3] + ".pyc", info), pyc(datos, info.filename))
            elif info.filename.endswith(".dist-info/METADATA"):
                # Las cabeceras (nombre, versión, licencia) sí; la descripción larga (el README del paquete, con
                # su historial de cambios: 144 KB en pydantic) nadie la lee en el navegador.
                s.writestr(entrada(info.filename, info), datos.split(b"\\n\\n", 1)[0] + b"\\n")
            else:
                s.writestr(entrada(info.filename, info), datos)

with open("/salida/modulos-stdlib.txt", "w") as f:
    f.write("\\n".join(sorted(usados)) + "\\n")
`);

for (const nombre of pyodide.FS.readdir("/salida")) {
  if (nombre.startsWith(".")) continue;
  writeFileSync(join(salida, nombre), pyodide.FS.readFile("/salida/" + nombre));
}
