"""La instantánea guardada sin sus páginas en cero vuelve a la memoria tal cual (arranque.js): leída en
trozos de cualquier tamaño (la cabecera partida entre trozos incluida), copiada sobre una memoria ya
escrita por el arranque (las páginas en cero de la instantánea quedan en cero) y rechazada si llega corta
o larga. Instantáneas sintéticas con la forma de las de Pyodide (cabecera con su largo en el segundo
entero), para probar los bordes que una real no siempre tiene: un largo total que no es múltiplo de la
página (la última, a medias, se guarda siempre) y una cabecera de largo no múltiplo de 4."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]
ARRANQUE = RAIZ / "overrides" / "validador" / "arranque.js"
PAGINA = 65536

PROBAR = """
const { comprimirPaginas, leerInstantanea, copiarMemoria, memoriaDeInstantanea } = await import(process.argv[1]);
const casos = JSON.parse(process.argv[2]);
const salida = [];
for (const { total, cabecera, escritas, trozos, escritaHasta, cortar, sobra } of casos) {
  // Instantánea: cabecera («magia», su largo), y páginas escritas con un patrón; las demás en cero.
  const bytes = new Uint8Array(total);
  for (const [desde, hasta] of escritas) for (let i = desde; i < Math.min(hasta, total); i++) bytes[i] = 1 + (i % 251);
  new DataView(bytes.buffer).setUint32(0, 0x50594f44, true);
  new DataView(bytes.buffer).setUint32(4, cabecera, true);
  for (let i = 8; i < cabecera; i++) bytes[i] = 200 + (i % 50);
  const { partes, mapa } = comprimirPaginas(bytes);
  let cuerpo = new Uint8Array(await new Blob(partes).arrayBuffer());
  if (cortar) cuerpo = cuerpo.subarray(0, cuerpo.length - cortar);
  if (sobra) cuerpo = Uint8Array.from([...cuerpo, ...new Array(sobra).fill(9)]);
  let i = 0, k = 0;
  const flujo = new ReadableStream({
    pull(c) {
      if (i >= cuerpo.length) { c.close(); return; }
      const n = trozos[k++ % trozos.length];
      c.enqueue(cuerpo.slice(i, i + n));
      i += n;
    },
  });
  const leida = leerInstantanea(flujo, total, mapa);
  try {
    await leida.lleno;
  } catch (error) {
    salida.push({ error: String(error.message), cabecera: await leida.cabecera.then(() => "cumplida", () => "rechazada") });
    continue;
  }
  const cab = await leida.cabecera;
  // La memoria «ya escrita por el arranque»: basura hasta escritaHasta, ceros después.
  const memoria = new Uint8Array(memoriaDeInstantanea(leida));
  memoria.fill(77, 0, Math.min(escritaHasta, memoria.length));
  copiarMemoria(memoria, leida, escritaHasta);
  salida.push({
    cabecera: Buffer.compare(Buffer.from(cab), Buffer.from(bytes.subarray(0, cabecera))) === 0,
    memoria: Buffer.compare(Buffer.from(memoria), Buffer.from(bytes.subarray(cabecera))) === 0,
    paginas_guardadas: partes.length,
  });
}
console.log(JSON.stringify(salida));
"""


def _probar(node: str, casos: list[dict]) -> list[dict]:
    r = subprocess.run([node, "--input-type=module", "-e", PROBAR, ARRANQUE.as_uri(), json.dumps(casos)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    return json.loads(r.stdout)


def _caso(**cambios) -> dict:
    caso = {"total": 5 * PAGINA + 128 + 1000, "cabecera": 128, "trozos": [PAGINA],
            "escritas": [[0, 200], [PAGINA + 5, PAGINA + 9], [3 * PAGINA, 4 * PAGINA + 300]],
            "escritaHasta": 5 * PAGINA + 1000, "cortar": 0, "sobra": 0}
    caso.update(cambios)
    return caso


def test_vuelve_igual_en_trozos_de_cualquier_tamano(node):
    casos = [_caso(trozos=t) for t in ([PAGINA], [1], [7, 3, 100_000], [10], [1 << 20], [65_535, 2])]
    for salida in _probar(node, casos):
        assert salida == {"cabecera": True, "memoria": True, "paginas_guardadas": 5}  # la 2 va en cero


def test_las_paginas_en_cero_quedan_en_cero_aunque_el_arranque_las_haya_escrito(node):
    # Toda la memoria con basura (escritaHasta = todo); la última página, a medias y en cero; y una
    # cabecera que no es múltiplo de 4 (los bordes de cada página quedan desalineados).
    casos = [_caso(escritaHasta=10 * PAGINA), _caso(total=5 * PAGINA + 130, cabecera=130, escritaHasta=10 * PAGINA),
             _caso(escritas=[[0, 200]], escritaHasta=10 * PAGINA, trozos=[3])]
    for salida in _probar(node, casos):
        assert salida["cabecera"] is True and salida["memoria"] is True


def test_lo_que_el_arranque_no_escribio_no_se_toca(node):
    # Por encima de escritaHasta la memoria está en cero (recién agrandada): no hace falta revisarla.
    (salida,) = _probar(node, [_caso(escritaHasta=PAGINA)])
    assert salida["memoria"] is True


def test_una_instantanea_corta_o_larga_se_rechaza(node):
    salidas = _probar(node, [_caso(cortar=1), _caso(sobra=1), _caso(cortar=PAGINA * 2 + 500)])
    assert salidas[0]["error"] == salidas[2]["error"] == "la instantánea guardada está incompleta"
    assert salidas[1]["error"] == "la instantánea guardada es más larga de lo esperado"
    # La cabecera llegó entera en las tres: se cumplió antes del error (restaurar falla después, al esperar `lleno`).
    assert all(s["cabecera"] == "cumplida" for s in salidas)


def test_sin_cabecera_no_hay_instantanea(node):
    # La página 0 en cero (ni la cabecera guardada): la lectura falla y la cabecera se rechaza, así que
    # loadPyodide falla y el worker arranca de cero.
    (salida,) = _probar(node, [_caso(cabecera=0, escritas=[[PAGINA, PAGINA + 10]])])
    assert salida == {"error": "la instantánea guardada no tiene cabecera", "cabecera": "rechazada"}
