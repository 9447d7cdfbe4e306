// Escribe junto a cada archivo comprimible del sitio su versión .br (brotli 11) y .gz (gzip 9),
// para servirlas tal cual con Content-Encoding (nginx: brotli_static/gzip_static; ver README).
// Usa zlib de Node (sin dependencias nuevas). Guarda lo comprimido en una caché por huella SHA-256:
// el motor (≈12 MB) no se vuelve a comprimir si no cambió.
// Uso: node comprimir.mjs <sitio> <cache>
// `brotli` se exporta para quien quiera medir lo que pesaría un archivo servido por el sitio
// (scripts/medicion/perfil_motor.mjs); importar el módulo no comprime nada.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRIMIBLES = /\.(html|css|js|mjs|json|wasm|whl|zip|svg|xml|txt|ico|bin)$/;
// La instantánea del motor hecha al construir (.bin, ~23 MB) con calidad 9: con 11 tarda ~3 min y
// pesa 5,2 MB en vez de 6,0; solo se baja con una red rápida (overrides/validador/trabajador.js).
const calidadDe = (ruta) => (ruta.endsWith(".bin") ? 9 : 11);

// Brotli con los parámetros del sitio (calidad 11); una calidad menor solo para medir más rápido.
export function brotli(datos, calidad = 11) {
  return brotliCompressSync(datos, {
    params: { [constants.BROTLI_PARAM_QUALITY]: calidad, [constants.BROTLI_PARAM_SIZE_HINT]: datos.length },
  });
}

function* archivos(carpeta) {
  for (const nombre of readdirSync(carpeta)) {
    const ruta = join(carpeta, nombre);
    if (statSync(ruta).isDirectory()) yield* archivos(ruta);
    else if (COMPRIMIBLES.test(nombre) && statSync(ruta).size >= 1024) yield ruta;
  }
}

const comprimir = {
  br: (datos, ruta) => brotli(datos, calidadDe(ruta)),
  gz: (datos) => gzipSync(datos, { level: 9 }),
};

function comprimirSitio(sitio, cache) {
  mkdirSync(cache, { recursive: true });
  for (const ruta of archivos(sitio)) {
    const datos = readFileSync(ruta);
    const huella = createHash("sha256").update(datos).digest("hex");
    for (const [extension, funcion] of Object.entries(comprimir)) {
      const guardado = join(cache, `${huella}.${extension}`);
      if (!existsSync(guardado)) writeFileSync(guardado, funcion(datos, ruta));
      const comprimido = readFileSync(guardado);
      if (comprimido.length < datos.length) writeFileSync(`${ruta}.${extension}`, comprimido);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) comprimirSitio(...process.argv.slice(2, 4));
