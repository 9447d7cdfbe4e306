// Worker de búsqueda: el de Material, más ajustes para el español, para los ids de las reglas y de rendimiento.
//
// 1. Tildes opcionales: cada palabra del índice y de la consulta se guarda y se busca sin tildes
//    («radicación» y «radicacion» son la misma), antes de sacar su raíz.
// 2. Raíz también en lo que se escribe: Material agrega «*» a cada término para buscar mientras se
//    escribe, y lunr no pasa por el stemmer los términos con comodín; aquí sí, así «facturas»
//    encuentra «factura».
// 3. Índice cuando hace falta: Material construye el índice de lunr apenas abre cada página, y con
//    2 núcleos eso le quita uno al validador mientras arranca (docs-dev/registro-de-mediciones.md, punto 17).
//    Aquí se le responde a Material que la búsqueda está lista y el índice se construye con la
//    primera consulta o, si no llega antes, DIFERIR ms después. `self.estadoDelIndice` dice en qué
//    va («diferido», «construyendo», «listo» o «error»), para las pruebas.
//    El worker de Material (con lunr) también se importa recién entonces, no al abrir la página.
// 4. Lo que Material muestra de una consulta buscada por sus raíces: cada posición resaltada una vez y
//    el término escrito que se halló por su raíz no aparece como faltante (ver ajustarCoincidencias).
// 5. El id de una regla («NIT-001») lleva primero a la regla (ver idDeUnaRegla y primeroLaRegla).
// 6. Una palabra mal escrita halla la bien escrita cuando la consulta no halla nada, o cuando ninguna palabra del
//    índice empieza como ella; un identificador de SECOP II con su número, su forma sin él (ver buscar).
// 7. La palabra escrita pesa más que las que solo empiezan como ella («verificación» antes que «Verifique»,
//    ver buscar).
// 8. Lo que se llama como lo escrito va primero: el término del glosario («RP») o la sección con ese nombre,
//    detrás solo de la página cuyo slug lo nombra, si la hay; después, la página cuyo título lo dice tal cual
//    (ver loQueSeLlamaAsi y talCual).
// Vive junto al worker de Material para que sus rutas relativas (../lunr/…) sigan valiendo.
/* global lunr, importScripts */
(function () {
  "use strict";
  var material = new URL(self.location.href).searchParams.get("material");
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material || "")) {
    throw new Error("busqueda.js: falta el nombre del worker de Material");
  }
  // Mensajes de Material (src/.../search/worker/message): SETUP = 0, READY = 1, QUERY = 2, RESULT = 3.
  var SETUP = 0;
  var READY = 1;
  var QUERY = 2;
  var RESULT = 3;
  var DIFERIR = 3000;
  var escuchar = self.addEventListener;
  var enviar = self.postMessage;
  var manejar = null; // el manejador de mensajes de Material, una vez importado su worker
  var documentos = []; // los del índice (ubicación, título y texto), para saber cómo se llama cada resultado
  self.estadoDelIndice = "diferido";

  // El worker de Material (con lunr) se importa recién al construir el índice: compilarlo son ~50 ms
  // de un núcleo en cada página (no sale de la caché de código de V8, ver sw.js), y al abrir la página
  // esos ms se los quitaría al validador y al tema. Material registra su manejador con addEventListener.
  function importarMaterial() {
    self.addEventListener = function (tipo, f, opciones) {
      if (tipo === "message") manejar = f;
      else escuchar.call(self, tipo, f, opciones);
    };
    try {
      importScripts(material);
      ajustarLunr();
    } finally {
      self.addEventListener = escuchar;
    }
  }

  var construir = null; // construye el índice con el SETUP guardado (una sola vez)
  var construido = Promise.resolve();
  escuchar.call(self, "message", function (evento) {
    var datos = evento.data;
    if (datos && datos.type === SETUP) {
      documentos = (datos.data && datos.data.docs) || [];
      construido = new Promise(function (listo) {
        construir = function () {
          construir = null;
          self.estadoDelIndice = "construyendo";
          // El READY de Material al terminar ya se dio por adelantado: se guarda para sí.
          self.postMessage = function (mensaje) {
            if (mensaje && mensaje.type === READY) {
              self.postMessage = enviar;
              self.estadoDelIndice = "listo";
              listo();
            } else {
              enviar.call(self, mensaje);
            }
          };
          // Si la construcción falla, las consultas siguen (sin resultados).
          try {
            importarMaterial();
            Promise.resolve(manejar(evento)).catch(fallo);
          } catch (error) {
            fallo();
          }
          function fallo() {
            self.postMessage = enviar;
            self.estadoDelIndice = "error";
            listo();
          }
        };
      });
      setTimeout(function () { if (construir) construir(); }, DIFERIR);
      enviar.call(self, { type: READY });
      return;
    }
    // Material pide una consulta vacía apenas la búsqueda está lista: su respuesta es una lista
    // vacía, con o sin índice. Mientras no se haya pedido el índice no hay otras en cola.
    if (construir && datos && datos.type === QUERY && !String(datos.data).trim()) {
      enviar.call(self, { type: RESULT, data: { items: [] } });
      return;
    }
    if (construir) construir();
    construido.then(function () {
      if (manejar) manejar(evento);
      else if (datos && datos.type === QUERY) enviar.call(self, { type: RESULT, data: { items: [] } });
    });
  });

  // Una palabra vacía del español («de», «la», «como»): el índice no la guarda (su filtro de palabras vacías), y la
  // búsqueda no pasa por ese filtro, solo por la raíz.
  function esVacia(palabra) {
    var filtro = lunr.es && lunr.es.stopWordFilter;
    if (!filtro) return false;
    return [palabra, sinTildes(palabra)].some(function (p) { return filtro(new lunr.Token(p, {})) === undefined; });
  }

  function sinTildes(texto) {
    return texto.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // Solo la copia sin tildes, en el índice y en la consulta: con las dos, una palabra con tilde
  // («aprobación») contaba doble frente a la misma sin tilde («aprobar»), y una página de errores
  // («aprobación por error») salía antes que la de aprobar.
  // La raíz del español quita «-ación», «-ución» o «-sión» con su tilde: sin ella («aprobacion») la palabra
  // quedaba entera y no hallaba «aprobar» ni «aprobaciones». Se le devuelve a esas terminaciones, escrita
  // o no: quien escribe sin tildes llega a la misma raíz.
  function plegarTildes(token) {
    var texto = token.toString();
    var plegado = sinTildes(texto).replace(/([cs])ion$/, "$1ión");
    return plegado === texto ? token : token.clone(function () { return plegado; });
  }
  // Los dos ajustes para el español, sobre el lunr que trae el worker de Material.
  function ajustarLunr() {
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
      var resultados = buscar(this, construir, false);
      // 6. Una palabra mal escrita («facrura», «radicasion»): si la consulta no halla nada, se busca de nuevo
      //    con las palabras a una letra de cada una (cambiada, sobrante, faltante o dos vecinas trocadas) cuya
      //    raíz está en el índice. Solo entonces: lo bien escrito sigue ordenado como antes. (Una palabra que no
      //    empieza ninguna del índice se corrige desde la primera búsqueda: ver buscar.)
      return resultados.length ? resultados : buscar(this, construir, true);
    };

    function buscar(indice, construir, aUnaLetra) {
      var pipeline = indice.pipeline;
      var escritos = []; // cada término como lo escribió la persona, con las raíces que se buscaron por él
      var vacios = []; // los que el español descarta («de», «la», «cómo»): no faltan en ningún resultado
      var idDeRegla = null;
      var resultados = consultar.call(indice, function (consulta) {
        construir.call(consulta, consulta);
        var sola = consulta.clauses.length === 1;
        consulta.clauses = consulta.clauses.reduce(function (todas, clausula) {
          var termino = clausula.term;
          var comodinFinal = !clausula.usePipeline && /\*$/.test(termino) && !/^\*/.test(termino);
          var raices = comodinFinal ? pipeline.runString(termino.slice(0, -1)) : [];
          // Junto a otras bien escritas («factura electronca», «regitro presupuestal») la consulta sí hallaba algo,
          // por la bien escrita, y la mal escrita no contaba: salía primero lo que solo dice «factura». Una palabra
          // con la que no empieza ninguna del índice no halla nada: cambiarla por las que están a una letra no quita
          // ningún resultado, y mientras se escribe una palabra que existe, lo escrito sí empieza alguna.
          if (raices.length && (aUnaLetra || !empiezaAlguna(indice, raices))) {
            raices = sinElNumero(indice, termino.slice(0, -1)) || corregidas(indice, termino.slice(0, -1), raices);
          }
          if (comodinFinal && esVacia(termino.slice(0, -1))) {
            vacios.push(termino.slice(0, -1));
            // «de*» hallaba «define» y «decida»: en «dígito de verificación», un título con «de…» salía
            // primero. Una palabra vacía entre otras no busca nada; sola, sí (la persona sigue escribiendo).
            if (!sola) return todas;
          }
          if (!raices.length) return todas.concat([clausula]);
          escritos.push({ escrito: termino.slice(0, -1), raices: raices });
          // 7. Con solo «raíz*», «Verifique» (verifiqu) valía lo mismo que «verificación» (verif): un paso
          //    «Verifique el valor…» salía casi empatado con el dígito de verificación. La raíz exacta suma
          //    además EXACTA veces (opcional: lo que solo empieza igual sigue hallándose mientras se escribe).
          return todas.concat(raices.map(function (raiz) {
            return Object.assign({}, clausula, { term: raiz + "*" });
          }), raices.map(function (raiz) {
            return Object.assign({}, clausula, { term: raiz, boost: EXACTA * (clausula.boost || 1),
                                                 presence: lunr.Query.presence.OPTIONAL });
          }));
        }, []);
        idDeRegla = idDeUnaRegla(consulta.clauses);
      });
      resultados.forEach(function (r) { ajustarCoincidencias(r.matchData.metadata, escritos, vacios); });
      if (idDeRegla) return primeroLaRegla(resultados, idDeRegla);
      return primero(resultados, loQueSeLlamaAsi(indice, resultados, escritos));
    }
  }

  var EXACTA = 10; // cuánto más pesa la raíz escrita que una palabra que solo empieza como ella

  var LETRAS_PARA_ERRAR = 5; // una palabra más corta a una letra de otra es a menudo otra palabra
  var LETRAS = "abcdefghijklmnopqrstuvwxyzñ";

  // Las raíces del índice de las palabras a una letra de la escrita; si no hay ninguna, las de la escrita.
  function corregidas(indice, escrita, raices) {
    var palabra = sinTildes(escrita.toLowerCase());
    if (palabra.length < LETRAS_PARA_ERRAR || raices.some(function (r) { return r in indice.invertedIndex; })) return raices;
    var halladas = {};
    aUnaLetra(palabra).forEach(function (candidata) {
      indice.pipeline.runString(candidata).forEach(function (raiz) {
        if (raiz in indice.invertedIndex) halladas[raiz] = true;
      });
    });
    var lista = Object.keys(halladas);
    return lista.length ? lista : raices;
  }

  // El identificador de un contrato («CO1.PCCNTR.4567890»), que un ciudadano pega tal cual: ninguna página tiene
  // su número, y no se hallaba nada. Se busca su forma sin el número («co1.pccntr»), que el paso 1 de «Seguir un
  // contrato» lleva en el título.
  function sinElNumero(indice, escrita) {
    var forma = /^([a-z0-9]+(?:\.[a-z]+)+)\.[0-9]+$/.exec(escrita.toLowerCase());
    if (!forma) return null;
    var raices = indice.pipeline.runString(forma[1]);
    return raices.length && empiezaAlguna(indice, raices) ? raices : null;
  }

  function empiezaAlguna(indice, raices) {
    return raices.some(function (raiz) {
      return indice.tokenSet.intersect(lunr.TokenSet.fromString(raiz + "*")).toArray().length > 0;
    });
  }

  function aUnaLetra(p) {
    var todas = [];
    for (var i = 0; i <= p.length; i++) {
      var antes = p.slice(0, i);
      var despues = p.slice(i);
      if (despues) todas.push(antes + despues.slice(1)); // sobrante
      if (despues.length > 1) todas.push(antes + despues[1] + despues[0] + despues.slice(2)); // trocadas
      for (var j = 0; j < LETRAS.length; j++) {
        if (despues) todas.push(antes + LETRAS[j] + despues.slice(1)); // cambiada
        todas.push(antes + LETRAS[j] + despues); // faltante
      }
    }
    return todas;
  }

  // 5. El id de una regla («NIT-001», «ss-003»), que un formador copia de una diapositiva: el separador lo
  //    parte en dos y el español no indexa los números, así que solo quedaba «nit», y una página que dice
  //    «NIT» salía antes que la regla. Si la consulta es un id, la sección de la regla va primero.
  function idDeUnaRegla(clausulas) {
    var terminos = {};
    clausulas.forEach(function (c) { terminos[c.term.replace(/\*$/, "")] = true; });
    var lista = Object.keys(terminos);
    var letras = lista.filter(function (t) { return /^[a-z]{2,4}$/.test(t); });
    var numeros = lista.filter(function (t) { return /^[0-9]{3}$/.test(t); });
    return lista.length === 2 && letras.length === 1 && numeros.length === 1 ? letras[0] + "-" + numeros[0] : null;
  }

  function primeroLaRegla(resultados, id) {
    var ancla = "#" + id;
    return primero(resultados, [resultados.filter(function (r) { return r.ref.slice(-ancla.length) === ancla; })]);
  }

  // Los grupos de elegidos, en su orden, antes que todo lo demás; dentro de un grupo (todo páginas o todo
  // secciones), el orden de lunr. Material multiplica después cada puntaje por hasta 5 (una página con todo lo
  // escrito) o por 2 (una sección): el menor de cada grupo vale 6 veces el mayor de lo que le sigue, para que siga
  // delante.
  function primero(resultados, grupos) {
    var elegidos = [].concat.apply([], grupos);
    if (!elegidos.length) return resultados;
    var resto = resultados.filter(function (r) { return elegidos.indexOf(r) === -1; });
    var techo = mayor(resto) || 1;
    grupos.slice().reverse().forEach(function (grupo) {
      if (!grupo.length) return;
      var factor = 6 * techo / (Math.min.apply(null, grupo.map(function (r) { return r.score; })) || 1);
      grupo.forEach(function (r) { r.score *= factor; });
      techo = mayor(grupo);
    });
    return elegidos.concat(resto);
  }

  function mayor(resultados) {
    return resultados.reduce(function (m, r) { return Math.max(m, r.score); }, 0);
  }

  // 8. Lo que se llama como lo escrito. «RP» hallaba, casi empatados, el término del glosario y dos pasos que
  //    nombran el RP entre otras palabras («Respalde la adición con su CDP y su RP»), y salían los pasos: Material
  //    no normaliza por el largo (b = 0), y un título cuenta lo mismo con una palabra que con diez. Si una sección
  //    se llama exactamente como lo escrito (su título o, en el glosario, también su definición corta, que para una
  //    sigla es lo que significa: «registro presupuestal»), va primero; la del glosario antes que otra del mismo
  //    nombre (Supervisor en «Quién hace qué»). Delante queda solo la página cuyo slug (que no cambia nunca) nombra
  //    todo lo escrito: «plan de pagos» lleva a crear-plan-de-pagos y en seguida a la definición.
  function loQueSeLlamaAsi(indice, resultados, escritos) {
    if (!escritos.length) return [];  // grupos para primero()
    var nombres = nombresDe(indice);
    var llamados = resultados.filter(function (r) {
      return r.ref.indexOf("#") !== -1 && (nombres[r.ref] || []).some(function (n) { return esElNombre(n, escritos); });
    });
    var glosario = llamados.filter(function (r) { return r.ref.indexOf(GLOSARIO) === 0; });
    var otros = llamados.filter(function (r) { return glosario.indexOf(r) === -1; });
    var paginas = !llamados.length ? [] : resultados.filter(function (r) {
      if (r.ref.indexOf("#") !== -1) return false;
      var slug = r.ref.replace(/\/$/, "").split("/").pop();
      return slug && nombra(raicesDe(indice, slug.replace(/-/g, " ")), escritos);
    });
    return [paginas, glosario, otros, talCual(resultados, escritos, paginas)];
  }

  // 8. Y después, las páginas cuyo título dice lo escrito tal cual, no solo con la misma raíz: «rechazar factura»
  //    (lo que hace la entidad) y «factura rechazada» (lo que le pasó al proveedor) tienen las mismas raíces, y las
  //    dos llevaban a corregir la factura rechazada; ahora la primera lleva a «Revisar, aprobar o rechazar la factura».
  function talCual(resultados, escritos, yaElegidas) {
    var palabras = escritos.map(function (e) { return sinTildes(e.escrito.toLowerCase()); });
    return resultados.filter(function (r) {
      var titulo = nombresDelIndice.titulos[r.ref];
      return titulo && yaElegidas.indexOf(r) === -1 && palabras.every(function (p) { return titulo.indexOf(p) !== -1; });
    });
  }

  var GLOSARIO = "guias/glosario/#";
  var nombresDelIndice = null;

  // Por cada sección, las raíces de sus nombres: el título y, en el glosario, la definición corta (la primera
  // oración, que para una sigla es lo que significa).
  function nombresDe(indice) {
    if (nombresDelIndice && nombresDelIndice.indice === indice) return nombresDelIndice.nombres;
    var nombres = {};
    var titulos = {}; // de cada página, las palabras de su título como se escriben (sin tildes)
    documentos.forEach(function (d) {
      if (!d || typeof d.location !== "string") return;
      if (d.location.indexOf("#") === -1) {
        titulos[d.location] = sinTildes(String(d.title || "").toLowerCase()).split(/[^0-9a-z]+/);
        return;
      }
      var lista = [raicesDe(indice, d.title || "")];
      if (d.location.indexOf(GLOSARIO) === 0) {
        var corta = String(d.text || "").replace(/<[^>]*>/g, " ").split(/\.(?:\s|$)/)[0];
        lista.push(raicesDe(indice, corta));
      }
      nombres[d.location] = lista.filter(function (n) { return n.length; });
    });
    nombresDelIndice = { indice: indice, nombres: nombres, titulos: titulos };
    return nombres;
  }

  // Las raíces distintas de las palabras de un texto, sin las vacías, como se buscan (el pipeline de la búsqueda
  // solo saca la raíz: las vacías las filtra aquí esVacia, como en la consulta).
  function raicesDe(indice, texto) {
    var raices = [];
    String(texto).replace(/<[^>]*>/g, " ").toLowerCase().split(/[^0-9a-z\u00c0-\u024f]+/).forEach(function (palabra) {
      if (!palabra || esVacia(palabra)) return;
      indice.pipeline.runString(palabra).forEach(function (r) { if (raices.indexOf(r) === -1) raices.push(r); });
    });
    return raices;
  }

  // Cada palabra escrita tiene una de sus raíces entre las del nombre.
  function nombra(raices, escritos) {
    return escritos.every(function (e) { return e.raices.some(function (r) { return raices.indexOf(r) !== -1; }); });
  }

  // El nombre son exactamente las palabras escritas: ni una más ni una menos.
  function esElNombre(raices, escritos) {
    return nombra(raices, escritos) && raices.every(function (r) {
      return escritos.some(function (e) { return e.raices.indexOf(r) !== -1; });
    });
  }

  // 4. Lo que Material hace con las coincidencias, para lo que la consulta buscó por sus raíces:
  //    - resalta cada posición de cada término hallado: «cómo» y «como» (su copia sin tilde) están en la
  //      misma posición, y resaltarla dos veces rompía el marcado («<mar<mark>k>Cómo»): una posición se
  //      deja en un solo término;
  //    - da por faltante («Falta: ~~cómo pagan~~») el término escrito que no empieza ningún término
  //      hallado, y los hallados son raíces («pag»): se agrega el escrito, sin posiciones, si alguna de
  //      sus raíces se halló; y las palabras vacías del español («de»), que no se indexan, tampoco faltan.
  function ajustarCoincidencias(metadata, escritos, vacios) {
    var vistas = {};
    Object.keys(metadata).forEach(function (termino) {
      var campos = metadata[termino];
      Object.keys(campos).forEach(function (campo) {
        var datos = campos[campo];
        if (!datos || !Array.isArray(datos.position)) return;
        datos.position = datos.position.filter(function (pos) {
          var clave = campo + ":" + pos[0] + ":" + pos[1];
          if (vistas[clave]) return false;
          vistas[clave] = true;
          return true;
        });
      });
    });
    var hallados = Object.keys(metadata);
    escritos.forEach(function (e) {
      if (e.escrito in metadata) return;
      var hallado = hallados.some(function (h) {
        return e.raices.some(function (raiz) { return h.indexOf(raiz) === 0; });
      });
      if (hallado) metadata[e.escrito] = {};
    });
    // Material da por faltante la palabra vacía que no encuentra (su filtro es el del inglés): no lo es.
    vacios.forEach(function (v) { if (!(v in metadata)) metadata[v] = {}; });
  }
})();
