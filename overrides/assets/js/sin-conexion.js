// Sin conexión: registra el service worker del sitio (/sw.js) cuando la página ya cargó y el hilo
// está ocioso, para que la copia del sitio (~0,2 MB) se baje en segundo plano sin demorar la primera
// visita; y dice en el pie de página, con discreción, cuándo el sitio ya se puede leer sin conexión.
// El validador le pide guardar también su motor con `window.sitioSinConexion.motor()` cuando el motor
// está listo (en esa página, el registro espera a ese momento).
// Se suscribe a document$ porque la navegación instantánea de Material cambia el pie de página.
(function () {
  "use strict";
  var raiz = new URL("../../", document.currentScript.src);
  var posible = "serviceWorker" in navigator && window.isSecureContext;
  var registro = null; // promesa del registro (una vez por pestaña)
  var estado = ""; // «listo»: la copia está completa; «nueva»: hay una versión nueva esperando
  var TEXTOS = {
    listo: "Disponible sin conexión en este navegador.",
    nueva: "Hay una versión nueva del sitio: se verá al recargar la página.",
  };

  function pintar() {
    var pie = document.querySelector(".md-footer-meta .md-copyright");
    if (!pie) return;
    var aviso = pie.querySelector("[data-sin-conexion-aviso]");
    if (!aviso) {
      aviso = document.createElement("p");
      aviso.className = "sin-conexion-aviso";
      aviso.setAttribute("role", "status");
      aviso.setAttribute("data-sin-conexion-aviso", "");
      pie.appendChild(aviso);
    }
    if (aviso.textContent !== (TEXTOS[estado] || "")) aviso.textContent = TEXTOS[estado] || "";
  }

  function marcar(nuevo) {
    // Para quien mida (scripts/bench_navegador.py): cuándo quedó completa la copia del sitio.
    if (nuevo === "listo" && performance.mark) performance.mark("sitio:sin-conexion");
    estado = nuevo;
    document.documentElement.setAttribute("data-sitio-sin-conexion", nuevo);
    pintar();
  }

  // El worker activo del registro (el de la primera visita se activa cuando guardó todo el sitio).
  function activo(reg) {
    if (reg.active) return Promise.resolve(reg.active);
    return new Promise(function (listo) {
      var esperar = function (sw) {
        if (!sw) return;
        sw.addEventListener("statechange", function () { if (reg.active) listo(reg.active); });
      };
      esperar(reg.installing);
      esperar(reg.waiting);
      reg.addEventListener("updatefound", function () { esperar(reg.installing); });
    });
  }

  function vigilarVersiones(reg) {
    var revisar = function () { if (reg.waiting && reg.active) marcar("nueva"); };
    var seguirA = function (sw) { if (sw) sw.addEventListener("statechange", revisar); };
    reg.addEventListener("updatefound", function () { seguirA(reg.installing); });
    seguirA(reg.installing);
    revisar();
  }

  // Los navegadores que visitaron el validador antes tienen /validador/sw.js con alcance /validador/,
  // que ganaría sobre el del sitio en esa página: se da de baja.
  function retirarElAnterior() {
    if (!navigator.serviceWorker.getRegistrations) return;
    navigator.serviceWorker.getRegistrations().then(function (regs) {
      regs.forEach(function (reg) {
        if (reg.scope !== raiz.href && /\/validador\/$/.test(reg.scope)) reg.unregister();
      });
    }).catch(function () {});
  }

  function registrar() {
    if (!posible) return Promise.reject(new Error("sin service worker"));
    if (!registro) {
      retirarElAnterior();
      registro = navigator.serviceWorker.register(new URL("sw.js", raiz).href, { scope: raiz.href });
      registro.then(function (reg) {
        activo(reg).then(function () { if (estado !== "nueva") marcar("listo"); });
        vigilarVersiones(reg);
      }, function () {});
    }
    return registro;
  }

  window.sitioSinConexion = {
    // Guarda el motor del validador para usarlo sin conexión; se cumple cuando quedó guardado.
    motor: function () {
      return registrar().then(activo).then(function (sw) {
        return new Promise(function (listo, fallar) {
          var canal = new MessageChannel();
          canal.port1.onmessage = function (evento) {
            if (evento.data && evento.data.ok) listo();
            else fallar(new Error((evento.data && evento.data.mensaje) || "no se guardó el motor"));
          };
          sw.postMessage({ tipo: "guardar-motor" }, [canal.port2]);
        });
      });
    },
  };

  function cuandoEsteOcioso() {
    // En el validador, la copia espera a que el motor esté listo (validador.js llama a motor()):
    // con una conexión débil no le quita ancho de banda a los 5,5 MB del motor.
    if (document.querySelector("[data-validador]")) return;
    var seguir = function () { registrar().catch(function () {}); };
    if ("requestIdleCallback" in window) requestIdleCallback(seguir, { timeout: 3000 });
    else setTimeout(seguir, 500);
  }

  if (posible) {
    if (document.readyState === "complete") cuandoEsteOcioso();
    else window.addEventListener("load", cuandoEsteOcioso, { once: true });
  }
  if (typeof document$ !== "undefined") document$.subscribe(pintar);
})();
