// Retirado: el service worker del sitio entero vive ahora en la raíz (/sw.js, fuente overrides/sw.js).
// Esta URL se publicó (los navegadores que ya visitaron el validador la tienen registrada con alcance
// /validador/, que ganaría sobre el de la raíz): el navegador la vuelve a pedir al abrir el validador,
// y esta versión se activa enseguida y se da de baja. Las cachés «validador-…» las borra /sw.js.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (evento) => {
  evento.waitUntil(self.registration.unregister());
});
