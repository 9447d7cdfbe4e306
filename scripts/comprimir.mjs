// Escribe junto a cada archivo comprimible del sitio su versión .br (brotli 11) y .gz (gzip 9),
// para servirlas tal cual con Content-Encoding (nginx: brotli_static/gzip_static; ver README).
// Usa zlib de Node (sin dependencias nuevas). Guarda lo comprimido en una caché por huella SHA-256:
// el motor (≈12 MB) no se vuelve a comprimir si no cambió.
// Uso: node comprimir.mjs <sitio> <cache>
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const [sitio, cache] = process.argv.slice(2);
const COMPRIMIBLES = /\.(html|css|js|mjs|json|wasm|whl|zip|svg|xml|txt|ico)$/;
mkdirSync(cache, { recursive: true });

function* archivos(carpeta) {
  for (const nombre of readdirSync(carpeta)) {
    const ruta = join(carpeta, nombre);
    if (statSync(ruta).isDirectory()) yield* archivos(ruta);
    else if (COMPRIMIBLES.test(nombre) && statSync(ruta).size >= 1024) yield ruta;
  }
}

const comprimir = {
  br: (datos) => brotliCompressSync(datos, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: datos.length },
  }),
  gz: (datos) => gzipSync(datos, { level: 9 }),
};

for (const ruta of archivos(sitio)) {
  const datos = readFileSync(ruta);
  const huella = createHash("sha256").update(datos).digest("hex");
  for (const [extension, funcion] of Object.entries(comprimir)) {
    const guardado = join(cache, `${huella}.${extension}`);
    if (!existsSync(guardado)) writeFileSync(guardado, funcion(datos));
    const comprimido = readFileSync(guardado);
    if (comprimido.length < datos.length) writeFileSync(`${ruta}.${extension}`, comprimido);
  }
}
