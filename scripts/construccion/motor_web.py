"""Prepara el motor del validador para el navegador: Pyodide (de npm) y las ruedas, servidos por el sitio.

- Pyodide se copia de node_modules/pyodide (versión fijada en package.json y package-lock.json);
- las ruedas de terceros se descargan de PyPI con hash fijado (requisitos-pyodide.txt), una vez;
- la rueda de checker se construye de este repositorio;
- la biblioteca estándar (recortada a los módulos que el motor usa) y las ruedas se compilan a bytecode
  con el Python de Pyodide (compilar_pyc.mjs): Pyodide 314 trae la biblioteca estándar solo como
  fuente y compilarla al arrancar costaba ~1 s.
Cada rueda va en una carpeta con la huella de su contenido (ruedas/<sha256[:16]>/<nombre>.whl):
el nombre de archivo queda intacto, como lo exige Pyodide, y la URL cambia si cambia el contenido.
El manifiesto dice además dónde está cada biblioteca nativa (.so) dentro de su rueda y la huella del
motor entero: el worker carga esas bibliotecas antes de iniciar Python para poder crear y restaurar
una instantánea de memoria (overrides/validador/arranque.js), guardada con esa huella.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]
PYODIDE_NPM = RAIZ / "node_modules" / "pyodide"
CACHE = RAIZ / "build"
# pyodide-lock.json no se sirve: el validador no usa el índice de paquetes de Pyodide y el manifiesto
# trae la cabecera que loadPyodide necesita (bloqueo_info).
ARCHIVOS_PYODIDE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# Etiqueta de plataforma de las ruedas de Pyodide 314 (Python 3.14, emscripten 2026).
PLATAFORMA = "pyemscripten_2026_0_wasm32"


def _sha256(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


def version_pyodide() -> str:
    paquete = PYODIDE_NPM / "package.json"
    if not paquete.is_file():
        raise SystemExit("Falta Pyodide en node_modules: ejecute «npm ci» (make lo hace solo).")
    return json.loads(paquete.read_text())["version"]


def ruedas_de_terceros() -> list[Path]:
    requisitos = RAIZ / "requisitos-pyodide.txt"
    destino = CACHE / ("ruedas-" + _sha256(requisitos)[:16])
    if not destino.is_dir() or not any(destino.glob("*.whl")):
        temporal = destino.with_suffix(".tmp")
        shutil.rmtree(temporal, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
                        "--require-hashes", "--no-deps", "--only-binary=:all:", "-r", str(requisitos),
                        "--python-version", "3.14", "--implementation", "cp", "--abi", "cp314", "--abi", "none",
                        "--platform", PLATAFORMA, "--platform", "any", "-d", str(temporal)], check=True)
        temporal.rename(destino)
    return sorted(destino.glob("*.whl"))


def rueda_checker() -> Path:
    fuentes = sorted(p for p in (RAIZ / "checker").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    huella = hashlib.sha256()
    for p in [RAIZ / "pyproject.toml", *fuentes]:
        huella.update(p.relative_to(RAIZ).as_posix().encode() + b"\0" + p.read_bytes())
    destino = CACHE / ("checker-" + huella.hexdigest()[:16])
    if not destino.is_dir() or not any(destino.glob("*.whl")):
        temporal = destino.with_suffix(".tmp")
        shutil.rmtree(temporal, ignore_errors=True)
        # La rueda se hace desde una copia de lo que entra en la huella, no desde la raíz: setuptools copia las fuentes
        # a build/lib y deja las que ya estaban si son más nuevas (o si el módulo ya no existe), y la rueda guardada con
        # la huella de este código llevaría otro.
        with tempfile.TemporaryDirectory(prefix="rueda-checker-") as carpeta:
            copia = Path(carpeta)
            for p in [RAIZ / "pyproject.toml", RAIZ / "README.md", *fuentes]:
                (copia / p.relative_to(RAIZ)).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(p, copia / p.relative_to(RAIZ))
            subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps",
                            str(copia), "-w", str(temporal)], check=True, capture_output=True)
        temporal.rename(destino)
    return next(destino.glob("*.whl"))


def compilados(ruedas: list[Path]) -> Path:
    """Carpeta con python_stdlib.zip y las ruedas, con su bytecode compilado por Pyodide."""
    script = Path(__file__).with_name("compilar_pyc.mjs")
    huella = hashlib.sha256(version_pyodide().encode() + script.read_bytes())
    for rueda in ruedas:
        huella.update(_sha256(rueda).encode())
    destino = CACHE / ("pyc-" + huella.hexdigest()[:16])
    if not (destino / "python_stdlib.zip").is_file():
        temporal = destino.with_suffix(".tmp")
        shutil.rmtree(temporal, ignore_errors=True)
        temporal.mkdir(parents=True)
        node = shutil.which("node")
        if node is None:
            raise SystemExit("Falta Node.js para preparar el motor del navegador (sudo apt-get install nodejs npm).")
        subprocess.run([node, str(script), str(PYODIDE_NPM), str(temporal), *map(str, ruedas)], check=True)
        temporal.rename(destino)
    return destino


def bibliotecas_nativas(indice: int, rueda: Path) -> list[dict]:
    """Dónde empieza y cuánto mide cada .so de una rueda; deben estar guardados sin comprimir."""
    encontradas = []
    with zipfile.ZipFile(rueda) as z, rueda.open("rb") as bruto:
        for info in z.infolist():
            if not info.filename.endswith(".so"):
                continue
            if info.compress_type != zipfile.ZIP_STORED:
                raise SystemExit(f"{rueda.name}: {info.filename} está comprimido; compilar_pyc.mjs debe guardarlo sin comprimir.")
            bruto.seek(info.header_offset)
            firma, *_, largo_nombre, largo_extra = struct.unpack("<4s5H3I2H", bruto.read(30))
            if firma != b"PK\x03\x04":
                raise SystemExit(f"{rueda.name}: cabecera local inválida para {info.filename}")
            encontradas.append({"rueda": indice, "ruta": info.filename, "bytes": info.file_size,
                                "inicio": info.header_offset + 30 + largo_nombre + largo_extra})
    return encontradas


def instalar(sitio: Path) -> dict:
    """Copia el motor a `sitio/assets/validador/motor/` y escribe su manifiesto."""
    motor = sitio / "assets" / "validador" / "motor"
    shutil.rmtree(motor, ignore_errors=True)
    version = version_pyodide()
    originales = [*ruedas_de_terceros(), rueda_checker()]
    compilado = compilados(originales)
    origenes = {n: compilado / n if (compilado / n).is_file() else PYODIDE_NPM / n for n in ARCHIVOS_PYODIDE}
    # La carpeta lleva la versión y la huella de su contenido (la biblioteca estándar cambia con el
    # motor aunque Pyodide no cambie): así se puede guardar en caché como inmutable.
    huella = hashlib.sha256("".join(_sha256(origenes[n]) for n in ARCHIVOS_PYODIDE).encode()).hexdigest()[:12]
    carpeta_pyodide = motor / f"pyodide-{version}-{huella}"
    carpeta_pyodide.mkdir(parents=True)
    for nombre, origen in origenes.items():
        shutil.copy2(origen, carpeta_pyodide / nombre)
    ruedas = []
    for original in originales:
        rueda = compilado / original.name
        huella = _sha256(rueda)
        (motor / "ruedas" / huella[:16]).mkdir(parents=True)
        shutil.copy2(rueda, motor / "ruedas" / huella[:16] / rueda.name)
        ruedas.append({"url": f"ruedas/{huella[:16]}/{rueda.name}", "sha256": huella, "bytes": rueda.stat().st_size,
                       "origen_sha256": _sha256(original)})
    nativas = [b for i, r in enumerate(ruedas) for b in bibliotecas_nativas(i, motor / r["url"])]
    # La huella del motor: Pyodide, las ruedas y el código que carga las bibliotecas nativas.
    arranque = RAIZ / "overrides" / "validador" / "arranque.js"
    huella_motor = hashlib.sha256("".join([carpeta_pyodide.name, *(r["sha256"] for r in ruedas),
                                           _sha256(arranque)]).encode()).hexdigest()[:16]
    manifiesto = {"pyodide": f"{carpeta_pyodide.name}/", "archivos_pyodide": list(ARCHIVOS_PYODIDE),
                  "version_pyodide": version, "ruedas": ruedas, "bibliotecas": nativas, "huella": huella_motor,
                  "bloqueo_info": json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text())["info"]}
    escribir_manifiesto(sitio, manifiesto)
    return manifiesto


def escribir_manifiesto(sitio: Path, manifiesto: dict) -> None:
    """manifiesto.json y la primera línea del worker (scripts/instantanea_sitio.py lo reescribe)."""
    motor = sitio / "assets" / "validador" / "motor"
    (motor / "manifiesto.json").write_text(json.dumps(manifiesto, indent=2) + "\n", encoding="utf-8")
    # El worker lo lleva consigo: así empieza a bajar el motor sin esperar otro viaje por la red. Se
    # parte de la fuente (el tema ya copió el worker al sitio), así que correr esto dos veces no lo duplica.
    fuente = (RAIZ / "overrides" / "validador" / "trabajador.js").read_text(encoding="utf-8")
    (sitio / "validador" / "trabajador.js").write_text(f"const MANIFIESTO = {json.dumps(manifiesto)};\n"
                                                       + con_arranque_dentro(fuente), encoding="utf-8")


IMPORTAR_ARRANQUE = re.compile(r'^import \{[^}]*\} from "\./arranque\.js";\n', re.MULTILINE)


def con_arranque_dentro(trabajador: str) -> str:
    """El worker con arranque.js adentro, en vez de importarlo: un pedido menos (al service worker o a la
    red) antes de que el worker empiece. arranque.js sigue siendo un módulo aparte en el repositorio (la
    prueba de paridad en Node lo importa); aquí solo se le quitan los `export`."""
    arranque = (RAIZ / "overrides" / "validador" / "arranque.js").read_text(encoding="utf-8")
    sin_exportar = re.sub(r"^export (?=(async )?function |const )", "", arranque, flags=re.MULTILINE)
    if "export " in re.sub(r"//.*", "", sin_exportar) or len(IMPORTAR_ARRANQUE.findall(trabajador)) != 1:
        raise SystemExit("trabajador.js o arranque.js cambiaron de forma: revise con_arranque_dentro()")
    return IMPORTAR_ARRANQUE.sub(lambda _: sin_exportar + "\n", trabajador)


if __name__ == "__main__":
    print(json.dumps(instalar(RAIZ / "site"), indent=2))
