// Worker de búsqueda: el de Material, más dos ajustes para el español.
//
// 1. Tildes opcionales: cada palabra del índice y de la consulta se agrega también sin tildes
//    («radicación» y «radicacion»), antes de sacar su raíz.
// 2. Raíz también en lo que se escribe: Material agrega «*» a cada término para buscar mientras se
//    escribe, y lunr no pasa por el stemmer los términos con comodín; aquí sí, así «facturas»
//    encuentra «factura».
// Vive junto al worker de Material para que sus rutas relativas (../lunr/…) sigan valiendo.
/* global lunr, importScripts */
(function () {
  "use strict";
  var material = new URL(self.location.href).searchParams.get("material");
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material || "")) {
    throw new Error("busqueda.js: falta el nombre del worker de Material");
  }
  importScripts(material);

  function sinTildes(texto) {
    return texto.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function plegarTildes(token) {
    var plegado = sinTildes(token.toString());
    if (plegado === token.toString()) return token;
    return [token, token.clone(function () { return plegado; })];
  }
  lunr.Pipeline.registerFunction(plegarTildes, "plegarTildes");

  function antesDeLaRaiz(pipeline) {
    if (pipeline._stack.indexOf(plegarTildes) !== -1) return;
    var raiz = pipeline._stack.filter(function (fn) { return /stemmer/i.test(fn.label || ""); })[0];
    if (raiz) pipeline.before(raiz, plegarTildes);
    else pipeline.add(plegarTildes);
  }

  var agregar = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, atributos) {
    antesDeLaRaiz(this.pipeline);
    antesDeLaRaiz(this.searchPipeline);
    return agregar.call(this, doc, atributos);
  };

  var consultar = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (construir) {
    var pipeline = this.pipeline;
    return consultar.call(this, function (consulta) {
      construir.call(consulta, consulta);
      consulta.clauses = consulta.clauses.reduce(function (todas, clausula) {
        var termino = clausula.term;
        var comodinFinal = !clausula.usePipeline && /\*$/.test(termino) && !/^\*/.test(termino);
        var raices = comodinFinal ? pipeline.runString(termino.slice(0, -1)) : [];
        if (!raices.length) return todas.concat([clausula]);
        return todas.concat(raices.map(function (raiz) {
          return Object.assign({}, clausula, { term: raiz + "*" });
        }));
      }, []);
    });
  };
})();
