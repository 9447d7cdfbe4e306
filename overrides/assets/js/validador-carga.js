// Monta el validador solo en su página: las demás páginas no descargan ni el módulo ni Pyodide.
// Se suscribe a document$ para montarlo también tras la navegación instantánea de Material.
// Si alguien pasa el puntero o el foco por un enlace al validador, se adelanta la descarga del
// motor con <link rel="prefetch"> (prioridad baja: no compite con la página que se está leyendo).
(function () {
  "use strict";
  var modulo = new URL("../validador/validador.js", document.currentScript.src).href;
  var motor = new URL("../validador/motor/", document.currentScript.src).href;
  var precargado = false;

  function precargar() {
    if (precargado || document.querySelector("[data-validador]")) return;
    precargado = true;
    fetch(motor + "manifiesto.json").then(function (r) { return r.json(); }).then(function (m) {
      var urls = m.archivos_pyodide.map(function (a) { return motor + m.pyodide + a; })
        .concat(m.ruedas.map(function (r) { return motor + r.url; }), [modulo]);
      urls.forEach(function (url) {
        var enlace = document.createElement("link");
        enlace.rel = "prefetch";
        enlace.href = url;
        document.head.appendChild(enlace);
      });
    }).catch(function () { precargado = false; });
  }

  function haciaElValidador(evento) {
    var enlace = evento.target.closest && evento.target.closest("a[href]");
    if (enlace && /\/validador\/?$/.test(new URL(enlace.href, location.href).pathname)) precargar();
  }
  document.addEventListener("pointerover", haciaElValidador, { passive: true });
  document.addEventListener("focusin", haciaElValidador);

  function revisar() {
    var raiz = document.querySelector("[data-validador]");
    if (raiz) {
      import(modulo).then(function (m) { m.montar(raiz); });
    }
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(revisar);
  } else {
    document.addEventListener("DOMContentLoaded", revisar);
  }
})();
