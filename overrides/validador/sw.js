// Service worker del validador: después de la primera visita, /validador/ funciona sin conexión.
// El tema lo publica en /validador/sw.js y la construcción (scripts/construccion/sin_conexion.py) le antepone VERSION (huella
// del contenido) y PRECACHE (todo lo que la página necesita). Un sitio nuevo trae otra VERSION: el
// navegador instala el worker nuevo, que llena su caché y borra las anteriores.
/* global VERSION, PRECACHE */
const CACHE = `validador-${VERSION}`;

// La caché guarda el cuerpo ya descomprimido pero conserva «Content-Encoding: br» y el largo
// comprimido; Chromium no carga un script de worker así. Se guarda una copia con cabeceras limpias.
function limpia(respuesta) {
  const cabeceras = new Headers(respuesta.headers);
  cabeceras.delete("Content-Encoding");
  cabeceras.delete("Content-Length");
  return new Response(respuesta.body, { status: respuesta.status, statusText: respuesta.statusText, headers: cabeceras });
}

async function guardar(cache, url) {
  const respuesta = await fetch(url, { cache: "no-cache" });
  if (!respuesta.ok) throw new Error(`${respuesta.status} ${url}`);
  await cache.put(url, limpia(respuesta));
}

self.addEventListener("install", (evento) => {
  evento.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(PRECACHE.map((url) => guardar(cache, url)));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (evento) => {
  evento.waitUntil((async () => {
    for (const nombre of await caches.keys()) {
      if (nombre.startsWith("validador-") && nombre !== CACHE) await caches.delete(nombre);
    }
    await self.clients.claim();
  })());
});

async function primeroLaRed(pedido) {
  try {
    const respuesta = await fetch(pedido);
    if (respuesta.ok) (await caches.open(CACHE)).put(pedido, limpia(respuesta.clone()));
    return respuesta;
  } catch (error) {
    const guardada = await caches.match(pedido, { cacheName: CACHE, ignoreSearch: true });
    if (guardada) return guardada;
    throw error;
  }
}

async function primeroLaCache(pedido) {
  // ignoreSearch: Material pide su worker de búsqueda con «?material=…»; lo precargado no lleva consulta.
  return (await caches.match(pedido, { cacheName: CACHE, ignoreSearch: true })) || fetch(pedido);
}

self.addEventListener("fetch", (evento) => {
  const pedido = evento.request;
  if (pedido.method !== "GET" || new URL(pedido.url).origin !== self.location.origin) return;
  // La página se pide a la red (para ver cambios) y se guarda; sin red, sale de la caché.
  evento.respondWith(pedido.mode === "navigate" ? primeroLaRed(pedido) : primeroLaCache(pedido));
});
