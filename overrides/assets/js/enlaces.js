// «Copiar enlace» en cada ancla publicada que enlazan los formadores desde diapositivas y correos: pasos (#paso-N),
// reglas (#nit-001…), términos del glosario, preguntas frecuentes y fuentes; un ancla en mayúsculas (#NIT-001) lleva a
// la publicada; un nombre accesible para el diálogo de búsqueda de Material; el foco para los bloques de código que se
// desplazan; y, al imprimir, la dirección solo de los enlaces a otros sitios.
// Se suscribe a document$ para sobrevivir a la navegación instantánea.
(function () {
  "use strict";
  var SELECTOR = ".md-content h2[id^='paso-'], .md-content h2[data-regla]";
  // Páginas cuyas secciones son anclas publicadas (todas explícitas: #ibc, #factura-rechazada, #ley-80-1993).
  var POR_PAGINA = [
    [/\/guias\/glosario\/$/, ".md-content h3[id]"],
    [/\/guias\/preguntas-frecuentes\/$/, ".md-content h2[id]"],
    [/\/fuentes\/$/, ".md-content h2[id]"]
  ];

  function anunciar(boton, texto) {
    var anterior = boton.textContent;
    boton.textContent = texto;
    setTimeout(function () { boton.textContent = anterior; }, 1600);
  }

  function copiar(url, boton) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(
        function () { anunciar(boton, "Enlace copiado"); },
        function () { window.prompt("Copie este enlace:", url); });
    } else {
      window.prompt("Copie este enlace:", url);
    }
  }

  function agregarBotones() {
    var selector = SELECTOR;
    POR_PAGINA.forEach(function (par) {
      if (par[0].test(window.location.pathname)) selector += ", " + par[1];
    });
    document.querySelectorAll(selector).forEach(function (titulo) {
      var siguiente = titulo.nextElementSibling;
      if (siguiente && siguiente.classList.contains("copiar-enlace")) return;
      var boton = document.createElement("button");
      boton.type = "button";
      boton.className = "copiar-enlace";
      boton.textContent = "Copiar enlace";
      boton.setAttribute("aria-label", "Copiar enlace a: " + titulo.textContent.replace("¶", "").trim());
      boton.dataset.ancla = titulo.id;
      boton.addEventListener("click", function () {
        var url = new URL(window.location.href);
        // Sin el resaltado de la búsqueda (?h=…): quien abra el enlace de una diapositiva no lo necesita.
        url.searchParams.delete("h");
        url.hash = titulo.id;
        copiar(url.toString(), boton);
      });
      // Después del título y no dentro: dentro, un lector de pantalla lo lee como parte del título del paso.
      titulo.after(boton);
    });
  }

  function nombrarBusqueda() {
    var dialogo = document.querySelector(".md-search[role='dialog']");
    if (dialogo && !dialogo.hasAttribute("aria-label")) dialogo.setAttribute("aria-label", "Búsqueda en el sitio");
  }

  // Un bloque de código más ancho que la pantalla (la orden de la CLI en un teléfono) se desplaza: con el teclado
  // también, si puede recibir el foco (axe, «scrollable-region-focusable»).
  function codigoConFoco() {
    document.querySelectorAll(".md-content pre > code:not([tabindex])").forEach(function (codigo) {
      codigo.setAttribute("tabindex", "0");
    });
  }

  // Material vuelve absolutos los enlaces internos: impresa, una dirección del propio sitio es ruido, y una de otro
  // sitio (un portal público) es lo que el lector tiene que escribir. La hoja de impresión muestra solo las de otro
  // sitio; sin JavaScript los internos siguen relativos y la hoja ya no los toma.
  function marcarEnlacesDelSitio() {
    document.querySelectorAll(".md-typeset a[href]").forEach(function (a) {
      a.classList.toggle("enlace-del-sitio", a.origin === window.location.origin);
    });
  }

  function anclaPedida() {
    try {
      return decodeURIComponent(window.location.hash.slice(1));
    } catch (e) {
      return "";
    }
  }

  // Un ancla escrita como se lee en el informe o en una diapositiva («#NIT-001», «#Paso-2») lleva a la publicada
  // («#nit-001», «#paso-2»): las anclas del sitio van en minúscula.
  function anclaPublicada() {
    var pedida = anclaPedida();
    if (!pedida || document.getElementById(pedida)) return null;
    return document.getElementById(pedida.toLowerCase());
  }

  function anclaEnMinuscula() {
    var destino = anclaPublicada();
    if (!destino) return;
    history.replaceState(history.state, "", "#" + destino.id);
    destino.scrollIntoView();
  }

  // En la misma página, el navegador ya buscó el ancla pedida y no la halló: se navega a la publicada en la misma
  // entrada del historial, y el navegador la muestra como a cualquier ancla (bajo la barra de arriba).
  function alCambiarElAncla() {
    var destino = anclaPublicada();
    if (!destino) return;
    window.location.replace("#" + destino.id);
    destino.scrollIntoView(); // con la máquina ocupada, la navegación al ancla no siempre desplazaba (CI)
  }

  // Tras la recarga que activa una versión nueva del sitio (la página intermedia de sw.js deja la marca), Chromium no
  // va al ancla de la dirección: se va aquí. Una recarga de la persona no lleva la marca y conserva su posición.
  function anclaTrasLaVersionNueva() {
    var marca = "sitio:recarga-de-version";
    try {
      if (!sessionStorage.getItem(marca)) return;
      sessionStorage.removeItem(marca);
    } catch (e) {
      return;
    }
    var pedida = anclaPedida();
    var destino = (pedida && document.getElementById(pedida)) || anclaPublicada();
    if (!destino) return;
    // Si no, al terminar de cargar Chromium devuelve la posición de antes de recargar (arriba) sobre la de aquí.
    history.scrollRestoration = "manual";
    destino.scrollIntoView();
  }

  function alCargar() {
    agregarBotones();
    nombrarBusqueda();
    codigoConFoco();
    marcarEnlacesDelSitio();
    anclaEnMinuscula();
    anclaTrasLaVersionNueva();
  }

  // También cuando solo cambia el «#…» en la misma página (un enlace del informe, otro paso de la diapositiva).
  window.addEventListener("hashchange", alCambiarElAncla);
  // Los enlaces que aparecen después de cargar (el informe del validador) se marcan al imprimir.
  window.addEventListener("beforeprint", marcarEnlacesDelSitio);
  if (window.matchMedia) {
    var impresion = window.matchMedia("print");
    if (impresion.addEventListener) impresion.addEventListener("change", marcarEnlacesDelSitio);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(alCargar);
  } else {
    document.addEventListener("DOMContentLoaded", alCargar);
  }
})();
