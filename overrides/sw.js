// Service worker del sitio (alcance: la raíz): después de la primera visita, todo el sitio se lee sin
// conexión. La construcción (scripts/sin_conexion.py) lo publica en /sw.js con una cabecera:
//   VERSION: huella de todo lo que guarda; SITIO: [ruta, huella] de cada página y recurso (sin el motor);
//   MOTOR_VERSION y MOTOR: los archivos del motor del validador, que se guardan solo cuando se abre
//   el validador (la página lo pide con un mensaje «guardar-motor»).
// Reglas de versión (una persona nunca ve una mezcla de dos versiones):
// - Todo se responde primero desde la caché de una sola versión (`sitio-<VERSION>`).
// - Una versión nueva se instala en segundo plano en su propia caché; cada archivo se comprueba contra
//   su huella (si el alojamiento ya tiene otra versión a medio publicar, la instalación falla y se
//   reintenta en la próxima visita). Lo que no cambió se copia de la caché anterior sin bajarlo.
// - Se activa cuando no queda ninguna pestaña con la versión anterior o cuando la única pestaña que
//   la tiene se recarga o navega (navegación real) dentro del sitio. Al activarse borra las cachés de
//   otras versiones (nunca `motor-instantanea`, la instantánea de memoria que crea el worker del motor).
/* global VERSION, SITIO, MOTOR_VERSION, MOTOR */
const CACHE_SITIO = `sitio-${VERSION}`;
const CACHE_MOTOR = `motor-archivos-${MOTOR_VERSION}`;
// Pocos pedidos a la vez: con una conexión débil, lo que la persona abra mientras tanto no hace fila
// detrás de toda la precarga.
const A_LA_VEZ = 4;

const absoluta = (ruta) => new URL(ruta, self.location.href).href;

// Se guarda la respuesta tal como llegó, no una copia hecha con `new Response`: Chromium solo guarda
// junto a ella la caché de código de V8 (el JavaScript compilado) si es la respuesta de la red, y sin
// ella cada pestaña nueva (otro proceso) vuelve a compilar el tema (medido en
// docs-dev/registro-de-mediciones.md, 2026-11-29). Los módulos del worker del motor (`pyodide.asm.mjs`) se
// compilan igual en cada pestaña nueva: Chromium produce su caché pero no la usa cuando salen de Cache
// Storage (medido el mismo día, entrada de las 06:20 UTC). Excepción: los scripts de un worker clásico (la
// búsqueda, con importScripts) no cargan si la respuesta guardada conserva «Content-Encoding: br» y
// el largo comprimido, así que de esos se guarda una copia con esas cabeceras quitadas.
// Una copia construida que dejó una versión anterior de este archivo no se reutiliza (se baja de nuevo).
const DE_WORKER_CLASICO = ["assets/javascripts/workers/", "assets/javascripts/lunr/"];
const deWorkerClasico = (url) => DE_WORKER_CLASICO.some((carpeta) => new URL(url).pathname.includes(`/${carpeta}`));
const reutilizable = (url, guardada) => guardada.type === "basic" || deWorkerClasico(url);

function paraGuardar(url, respuesta, cuerpo) {
  if (!deWorkerClasico(url)) return respuesta;
  const cabeceras = new Headers(respuesta.headers);
  cabeceras.delete("Content-Encoding");
  cabeceras.delete("Content-Length");
  return new Response(cuerpo, { status: respuesta.status, statusText: respuesta.statusText, headers: cabeceras });
}

const sha256 = async (datos) => new Uint8Array(await crypto.subtle.digest("SHA-256", datos));

async function huella(datos) {
  return Array.from((await sha256(datos)).slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function enTandas(lista, hacer) {
  const pendientes = lista.slice();
  const trabajar = async () => {
    while (pendientes.length) await hacer(pendientes.shift());
  };
  await Promise.all(Array.from({ length: A_LA_VEZ }, trabajar));
}

// Lo que ya está en la caché de otra versión con el mismo contenido no se vuelve a bajar.
async function anterior(url, esperada) {
  for (const nombre of await caches.keys()) {
    if (!nombre.startsWith("sitio-") || nombre === CACHE_SITIO) continue;
    const guardada = await caches.match(url, { cacheName: nombre });
    if (!guardada || !reutilizable(url, guardada)) continue;
    const cuerpo = await guardada.clone().arrayBuffer();
    if ((await huella(cuerpo)) === esperada) return paraGuardar(url, guardada, cuerpo);
  }
  return null;
}

async function guardarSitio() {
  const cache = await caches.open(CACHE_SITIO);
  await enTandas(SITIO, async ([ruta, esperada]) => {
    const url = absoluta(ruta);
    if (await cache.match(url)) return;
    let copia = await anterior(url, esperada);
    if (!copia) {
      const respuesta = await fetch(url, { cache: "no-cache" });
      if (!respuesta.ok) throw new Error(`${respuesta.status} ${url}`);
      const cuerpo = await respuesta.clone().arrayBuffer();
      if ((await huella(cuerpo)) !== esperada) throw new Error(`${url} es de otra versión del sitio`);
      copia = paraGuardar(url, respuesta, cuerpo);
    }
    await cache.put(url, copia);
  });
}

// El motor lleva la huella en sus rutas (inmutable): si otra caché ya tiene la misma URL (la del
// service worker anterior del validador) se copia; si no, se toma de la caché HTTP si ya se bajó.
async function guardarMotor() {
  const cache = await caches.open(CACHE_MOTOR);
  await enTandas(MOTOR, async (ruta) => {
    const url = absoluta(ruta);
    if (await cache.match(url)) return;
    const previa = await caches.match(url);
    if (previa && reutilizable(url, previa)) {
      await cache.put(url, previa);
      return;
    }
    const respuesta = await fetch(url);
    if (!respuesta.ok) throw new Error(`${respuesta.status} ${url}`);
    await cache.put(url, respuesta);
  });
}

async function yaUsoElValidador() {
  return (await caches.keys()).some((nombre) => nombre.startsWith("motor-archivos-") || nombre.startsWith("validador-"));
}

self.addEventListener("install", (evento) => {
  evento.waitUntil((async () => {
    await guardarSitio();
    // Quien ya usó el validador lo sigue teniendo sin conexión con la versión nueva (si falla, se
    // guarda la próxima vez que abra el validador).
    if (await yaUsoElValidador()) await guardarMotor().catch(() => {});
  })());
});

function esDeOtraVersion(nombre) {
  return (nombre.startsWith("sitio-") && nombre !== CACHE_SITIO)
    || (nombre.startsWith("motor-archivos-") && nombre !== CACHE_MOTOR)
    || nombre.startsWith("validador-"); // las del service worker anterior, que solo cubría /validador/
}

self.addEventListener("activate", (evento) => {
  evento.waitUntil((async () => {
    for (const nombre of await caches.keys()) {
      if (esDeOtraVersion(nombre)) await caches.delete(nombre);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (evento) => {
  const datos = evento.data || {};
  if (datos.tipo === "activar") {
    self.skipWaiting();
  } else if (datos.tipo === "guardar-motor") {
    const puerto = evento.ports[0];
    evento.waitUntil(guardarMotor().then(
      () => puerto?.postMessage({ ok: true }),
      (error) => puerto?.postMessage({ ok: false, mensaje: String(error) })));
  }
});

// Una versión nueva espera; si la pestaña que navega es la única con esta versión, se activa la
// nueva y la página se vuelve a pedir (la responde la versión nueva, entera).
// Chromium activa la nueva cuando este worker termina lo que atiende (esta navegación incluida):
// esperar aquí la trabaría. Se responde enseguida una página mínima que recarga cuando la nueva ya no
// espera (tomó el control: controllerchange). Antes se respondía una recarga inmediata (`<meta
// http-equiv=refresh content=0>`): si la nueva tardaba en activarse, cada recarga volvía a este worker,
// que respondía otra, y esa sucesión de navegaciones no dejaba activar la nueva (con la nueva tardando
// 1,5 s en aceptar el aviso: 37 recargas en 60 s sin llegar a ella; la prueba
// test_si_la_version_nueva_tarda_en_activarse_la_recarga_espera_y_no_se_repite). El <meta> de 3 s queda
// por si el aviso no llega.
const RECARGA = `(() => {
  const sw = navigator.serviceWorker;
  let hecho = false;
  // Una recarga no lleva al ancla pedida (#paso-2): Chromium devuelve la posición de esta página, arriba. La
  // página nueva lo sabe por esta marca y va al ancla (enlaces.js).
  const recargar = () => {
    if (hecho) return;
    hecho = true;
    try { sessionStorage.setItem("sitio:recarga-de-version", "1"); } catch (e) { /* sin almacenamiento: arriba */ }
    location.reload();
  };
  sw.addEventListener("controllerchange", recargar);
  sw.getRegistration().then((reg) => {
    if (!reg || !reg.waiting) recargar();
    else reg.waiting.addEventListener("statechange", recargar);
  }, recargar);
})();`;
let politicaRecarga = null;

async function paginaDeRecarga() {
  if (!politicaRecarga) {
    const enBase64 = btoa(String.fromCharCode(...await sha256(new TextEncoder().encode(RECARGA))));
    politicaRecarga = `default-src 'none'; script-src 'sha256-${enBase64}'; base-uri 'none'; form-action 'none';`
      + " frame-ancestors 'none'";
  }
  const html = '<!doctype html><html lang="es-CO"><meta charset="utf-8">'
    + "<title>Cargando la versión nueva del sitio…</title>"
    + `<meta http-equiv="refresh" content="3"><script>${RECARGA}</script></html>`;
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store",
      "Content-Security-Policy": politicaRecarga, "Referrer-Policy": "no-referrer",
    },
  });
}

async function activarLaNueva(evento) {
  const nueva = self.registration.waiting;
  if (!nueva) return null;
  const ventanas = await self.clients.matchAll({ type: "window" });
  const sola = ventanas.length === 0 || (ventanas.length === 1 && ventanas[0].id === evento.clientId);
  if (!sola) return null;
  nueva.postMessage({ tipo: "activar" });
  return paginaDeRecarga();
}

async function buscar(pedido) {
  for (const cacheName of [CACHE_SITIO, CACHE_MOTOR]) {
    const guardada = await caches.match(pedido, { cacheName });
    if (guardada) return guardada;
  }
  // Material pide su worker de búsqueda con «?material=…» y una página puede llevar «?q=…».
  if (new URL(pedido.url).search) return caches.match(pedido, { cacheName: CACHE_SITIO, ignoreSearch: true });
  return undefined;
}

async function responder(evento) {
  const pedido = evento.request;
  if (pedido.mode === "navigate") {
    const recarga = await activarLaNueva(evento);
    if (recarga) return recarga;
  }
  const guardada = await buscar(pedido);
  if (guardada) return guardada;
  // /procedimientos/x sin la barra final: el alojamiento redirige; sin red, lo hace la caché.
  const url = new URL(pedido.url);
  if (pedido.mode === "navigate" && !url.pathname.endsWith("/")
      && await caches.match(`${url.origin}${url.pathname}/`, { cacheName: CACHE_SITIO })) {
    return Response.redirect(`${url.origin}${url.pathname}/${url.search}`, 301);
  }
  // Lo que no es del sitio guardado (el motor antes de abrir el validador, un archivo nuevo): la red.
  if (pedido.mode !== "navigate") return fetch(pedido);
  try {
    return await fetch(pedido);
  } catch (error) {
    // Sin red, una dirección que el sitio no tiene (un enlace mal copiado): la página 404 guardada, en español y
    // con sus enlaces, en vez del error de red del navegador. Sus cabeceras (la CSP) son las suyas.
    const noEncontrada = await caches.match(new URL("404.html", self.location).href, { cacheName: CACHE_SITIO });
    if (!noEncontrada) throw error;
    const cabeceras = new Headers(noEncontrada.headers);
    cabeceras.delete("Content-Encoding");
    cabeceras.delete("Content-Length");
    return new Response(await noEncontrada.blob(), { status: 404, statusText: "Not Found", headers: cabeceras });
  }
}

self.addEventListener("fetch", (evento) => {
  const pedido = evento.request;
  if (pedido.method !== "GET" || new URL(pedido.url).origin !== self.location.origin) return;
  evento.respondWith(responder(evento));
});
