// Monta el validador solo en su página: las demás páginas no descargan ni el módulo ni Pyodide.
// Se suscribe a document$ para montarlo también tras la navegación instantánea de Material.
(function () {
  "use strict";
  var modulo = new URL("../validador/validador.js", document.currentScript.src).href;

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
