"""Desempacar ruedas en el worker: el lector de zip de arranque.js (sin pasar por Python) lee lo mismo
que zipfile de las ruedas guardadas sin comprimir, y deja a unpackArchive todo lo demás."""

from __future__ import annotations

import base64
import io
import json
import subprocess
import zipfile
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]
ARRANQUE = RAIZ / "overrides" / "validador" / "arranque.js"
LEER = """
import { readFileSync } from "node:fs";
const { entradasGuardadas } = await import(process.argv[1]);
const salida = {};
for (const archivo of process.argv.slice(2)) {
  const entradas = entradasGuardadas(new Uint8Array(readFileSync(archivo)));
  salida[archivo] = entradas && entradas.map(({ nombre, datos }) => [nombre, Buffer.from(datos).toString("base64")]);
}
console.log(JSON.stringify(salida));
"""


def _zip(ruta: Path, archivos: dict[str, bytes], metodo: int = zipfile.ZIP_STORED, comentario: bytes = b"") -> Path:
    with zipfile.ZipFile(ruta, "w", compression=metodo) as z:
        for nombre, datos in archivos.items():
            z.writestr(nombre, datos)
        z.comment = comentario
    return ruta


def _leer(node: str, *archivos: Path) -> dict:
    r = subprocess.run([node, "--input-type=module", "-e", LEER, ARRANQUE.as_uri(), *map(str, archivos)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr[-2000:]
    return json.loads(r.stdout)


def _esperado(ruta: Path) -> list[list[str]]:
    with zipfile.ZipFile(ruta) as z:
        return [[i.filename, base64.b64encode(z.read(i)).decode()] for i in z.infolist()]


def test_lee_lo_mismo_que_zipfile_en_ruedas_sin_comprimir(node, sitio, tmp_path):
    motor = sitio / "assets" / "validador" / "motor"
    ruedas = [motor / r["url"] for r in json.loads((motor / "manifiesto.json").read_text())["ruedas"]]
    propio = _zip(tmp_path / "propio.zip", {"pkg/": b"", "pkg/__init__.py": b"x = 1\n", "pkg/vacio.txt": b"",
                                            "pkg/ñandú.txt": "ñ".encode()}, comentario=b"con comentario al final")
    leidas = _leer(node, *ruedas, propio)
    for ruta in [*ruedas, propio]:
        assert leidas[str(ruta)] == _esperado(ruta), ruta.name
    # Las ruedas del sitio llevan el motor entero (incluida la biblioteca nativa de pydantic-core).
    nombres = {n for ruta in ruedas for n, _ in leidas[str(ruta)]}
    assert "checker/api.pyc" in nombres and any(n.endswith(".so") for n in nombres)


def test_lo_que_no_sabe_leer_se_lo_deja_a_unpack_archive(node, tmp_path):
    comprimido = _zip(tmp_path / "comprimido.zip", {"a.py": b"x = 1\n" * 100}, zipfile.ZIP_DEFLATED)
    afuera = _zip(tmp_path / "afuera.zip", {"../fuera.py": b"x = 1\n"})
    absoluto = _zip(tmp_path / "absoluto.zip", {"/etc/x.py": b"x = 1\n"})
    roto = tmp_path / "roto.zip"
    roto.write_bytes(_zip(tmp_path / "bien.zip", {"a.py": b"x = 1\n"}).read_bytes()[:-30])
    nada = tmp_path / "nada.zip"
    nada.write_bytes(b"no es un zip")
    leidas = _leer(node, comprimido, afuera, absoluto, roto, nada)
    assert leidas == {str(r): None for r in (comprimido, afuera, absoluto, roto, nada)}
    # El zip bien formado del que salió el roto sí se lee.
    assert _leer(node, tmp_path / "bien.zip")[str(tmp_path / "bien.zip")] == [["a.py", "eCA9IDEK"]]


def test_sin_salir_del_zip_aunque_mienta_el_directorio(node, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("a.py", b"x = 1\n")
    datos = bytearray(buffer.getvalue())
    # El directorio central dice que la entrada mide más de lo que queda en el archivo.
    central = datos.find(b"PK\x01\x02")
    datos[central + 20:central + 28] = (10_000).to_bytes(4, "little") * 2
    mentiroso = tmp_path / "mentiroso.zip"
    mentiroso.write_bytes(bytes(datos))
    assert _leer(node, mentiroso) == {str(mentiroso): None}
