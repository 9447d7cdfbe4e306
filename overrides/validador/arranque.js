// Arranque de Pyodide para el validador, con o sin instantánea de memoria.
//
// Una instantánea (makeMemorySnapshot de Pyodide, experimental) guarda la memoria de Python con el
// motor ya importado; restaurarla evita iniciar Python e importar pydantic y checker. Pyodide 314
// no la admite con extensiones nativas cargadas (pydantic-core lo es): la memoria de la biblioteca
// y sus funciones deben quedar en el mismo lugar al crearla y al restaurarla. Por eso aquí las
// bibliotecas nativas se cargan antes de que arranque Python (preRun), siempre en el mismo punto y
// orden, tanto al crear la instantánea como al restaurarla; y la memoria se agranda antes de copiar
// la instantánea, porque Pyodide 314 no lo hace (INITIAL_MEMORY no tiene efecto).
// Lo usan el worker del validador (trabajador.js) y la prueba de paridad en Node, con las mismas
// funciones: lo que la prueba comprueba es lo que corre en el navegador.

// Opciones de loadPyodide comunes a todo arranque. El validador no carga paquetes del índice de
// Pyodide: le basta la cabecera del archivo de bloqueo, que trae el manifiesto (el sitio no sirve
// pyodide-lock.json).
export function opcionesDeCarga(manifiesto, indice) {
  return { indexURL: indice, lockFileContents: { info: manifiesto.bloqueo_info, packages: {} } };
}

// Las ruedas se desempacan en el directorio de trabajo de Python (allí las busca al importar). Las
// del sitio van sin comprimir por dentro (scripts/compilar_pyc.mjs): sus archivos se escriben desde aquí,
// sin pasar por unpackArchive de Pyodide (que las desempaca con zipfile, en Python, y tarda varias
// veces más). Una rueda con alguna entrada comprimida se deja a unpackArchive.
export function desempacar(pyodide, ruedas) {
  for (const rueda of ruedas) {
    const entradas = entradasGuardadas(rueda);
    if (!entradas) {
      pyodide.unpackArchive(rueda, "wheel");
      continue;
    }
    const base = pyodide.FS.cwd() + "/";
    for (const { nombre, datos } of entradas) {
      const ruta = base + nombre;
      if (nombre.endsWith("/")) {
        pyodide.FS.mkdirTree(ruta);
        continue;
      }
      pyodide.FS.mkdirTree(ruta.slice(0, ruta.lastIndexOf("/")));
      pyodide.FS.writeFile(ruta, datos);
    }
  }
}

// Las entradas de un zip ({ nombre, datos }), leídas de su directorio central; null si alguna está
// comprimida, cifrada, en formato zip64 o fuera de lugar (quien llama usa entonces unpackArchive).
export function entradasGuardadas(bytes) {
  const vista = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fin = -1; // registro de fin del directorio central (al final, antes de un comentario opcional)
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (vista.getUint32(i, true) === 0x06054b50) { fin = i; break; }
  }
  if (fin < 0) return null;
  const total = vista.getUint16(fin + 10, true);
  let p = vista.getUint32(fin + 16, true);
  if (total === 0xffff || p === 0xffffffff) return null;
  const texto = new TextDecoder();
  const entradas = [];
  for (let k = 0; k < total; k++) {
    if (p + 46 > bytes.length || vista.getUint32(p, true) !== 0x02014b50) return null;
    const banderas = vista.getUint16(p + 8, true);
    const metodo = vista.getUint16(p + 10, true);
    const comprimido = vista.getUint32(p + 20, true);
    const largo = vista.getUint32(p + 24, true);
    const n = vista.getUint16(p + 28, true);
    const local = vista.getUint32(p + 42, true);
    const nombre = texto.decode(bytes.subarray(p + 46, p + 46 + n));
    p += 46 + n + vista.getUint16(p + 30, true) + vista.getUint16(p + 32, true);
    if (metodo !== 0 || (banderas & 1) || comprimido !== largo || largo === 0xffffffff) return null;
    if (nombre.startsWith("/") || nombre.split("/").includes("..")) return null;
    if (local + 30 > bytes.length || vista.getUint32(local, true) !== 0x04034b50) return null;
    const inicio = local + 30 + vista.getUint16(local + 26, true) + vista.getUint16(local + 28, true);
    if (inicio + largo > bytes.length) return null;
    entradas.push({ nombre, datos: bytes.subarray(inicio, inicio + largo) });
  }
  return entradas;
}

// Las bibliotecas nativas de las ruedas: el manifiesto dice dónde está cada una dentro de su rueda
// (las ruedas se sirven sin comprimir por dentro, así que basta con recortar los bytes). Se compilan
// ya, fuera de este hilo, mientras Pyodide arranca (cargarlas en preRun solo las instancia).
export function bibliotecas(manifiesto, ruedas) {
  return Promise.all((manifiesto.bibliotecas || []).map(async (b) => {
    const bytes = ruedas[b.rueda].subarray(b.inicio, b.inicio + b.bytes);
    return { ruta: b.ruta, bytes, modulo: await WebAssembly.compile(bytes) };
  }));
}

// La instantánea se guarda sin sus páginas de 64 KiB que son todo ceros (cerca del 40 %): menos
// bytes que leer del disco en cada visita. `mapa` dice, en hexadecimal, qué páginas se guardaron.
const PAGINA = 65536;

export function comprimirPaginas(bytes) {
  const partes = [];
  const mapa = new Uint8Array(Math.ceil(Math.ceil(bytes.byteLength / PAGINA) / 8));
  const palabras = new Uint32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 4));
  for (let i = 0, pagina = 0; i < bytes.byteLength; i += PAGINA, pagina++) {
    const fin = Math.min(i + PAGINA, bytes.byteLength);
    let vacia = fin - i === PAGINA;
    for (let k = i / 4; vacia && k < fin / 4; k++) if (palabras[k] !== 0) vacia = false;
    if (!vacia) {
      partes.push(bytes.subarray(i, fin));
      mapa[pagina >> 3] |= 1 << (pagina & 7);
    }
  }
  return { partes, mapa: Array.from(mapa, (x) => x.toString(16).padStart(2, "0")).join("") };
}

// Lee el cuerpo guardado de una instantánea (solo sus páginas no nulas, en el orden de `mapaHex`) sin
// copiarlo: `partes` son los trozos tal como llegan, y copiarMemoria() los pone después directamente en la
// memoria de wasm. Así no hay un arreglo intermedio del tamaño de la memoria (37,7 MB) que llenar, copiar
// entero a la memoria y liberar: medido en Chromium, llenarlo ocupaba el hilo del worker mientras llegaban
// los módulos de Pyodide (registro de mediciones, 2026-11-29). `cabecera` se cumple con la cabecera de
// Pyodide (lo primero que llega) y `lleno` al terminar de leer, tras comprobar el largo.
export function leerInstantanea(cuerpo, total, mapaHex) {
  const mapa = Uint8Array.from(mapaHex.match(/../g) || [], (x) => parseInt(x, 16));
  const destinos = [];
  for (let pagina = 0; pagina * PAGINA < total; pagina++) {
    if (mapa[pagina >> 3] & (1 << (pagina & 7))) destinos.push(pagina * PAGINA);
  }
  const esperados = destinos.reduce((suma, d) => suma + Math.min(PAGINA, total - d), 0);
  const instantanea = { total, mapaHex, destinos, partes: [], largoCabecera: 0 };
  let darCabecera;
  instantanea.cabecera = new Promise((cumplir, fallar) => { darCabecera = { cumplir, fallar }; });
  instantanea.lleno = (async () => {
    const lector = cuerpo.getReader();
    let leidos = 0;
    for (;;) {
      const { done, value } = await lector.read();
      if (done) break;
      instantanea.partes.push(value);
      leidos += value.length;
      if (leidos > esperados) throw new Error("la instantánea guardada es más larga de lo esperado");
      if (!instantanea.largoCabecera && destinos[0] === 0 && leidos >= 16) {
        const inicio = juntar(instantanea.partes, 16);
        const largo = new DataView(inicio.buffer, inicio.byteOffset).getUint32(4, true);
        if (largo < 16 || largo > PAGINA) throw new Error("la instantánea guardada no tiene cabecera");
        if (leidos >= largo) {
          instantanea.largoCabecera = largo;
          darCabecera.cumplir(juntar(instantanea.partes, largo));
        }
      }
    }
    if (leidos !== esperados || !instantanea.largoCabecera) throw new Error("la instantánea guardada está incompleta");
  })();
  instantanea.lleno.catch((error) => darCabecera.fallar(error));
  return instantanea;
}

// Los primeros `n` bytes de una lista de trozos, en un arreglo propio.
function juntar(partes, n) {
  const salida = new Uint8Array(n);
  let o = 0;
  for (const parte of partes) {
    if (o >= n) break;
    const t = parte.subarray(0, n - o);
    salida.set(t, o);
    o += t.length;
  }
  return salida;
}

// Tamaño de la memoria de wasm guardada en una instantánea leída (la cabecera dice dónde empieza).
export function memoriaDeInstantanea(instantanea) {
  return instantanea.total - instantanea.largoCabecera;
}

// Pone una instantánea leída (leerInstantanea, ya `lleno`) en la memoria `memoria` (un Uint8Array sobre la
// memoria de wasm, ya de su tamaño): cada página guardada en su lugar, y en cero las que la instantánea
// tiene en cero y que el arranque ya escribió (solo puede haberlas por debajo de `escritaHasta`: lo que
// quien llama sabe escrito). Es lo mismo que hace Pyodide al restaurar (copiar la memoria entera), sin
// copiar los ceros.
export function copiarMemoria(memoria, instantanea, escritaHasta) {
  const { total, destinos, partes, largoCabecera: c } = instantanea;
  let d = 0;
  let dentro = 0; // bytes ya copiados de la página destinos[d]
  for (const parte of partes) {
    let o = 0;
    while (o < parte.length) {
      const largo = Math.min(PAGINA, total - destinos[d]);
      const n = Math.min(largo - dentro, parte.length - o);
      const desde = destinos[d] + dentro; // posición en la instantánea (cabecera incluida)
      const saltar = Math.max(0, c - desde); // la cabecera no es memoria
      if (saltar < n) memoria.set(parte.subarray(o + saltar, o + n), desde + saltar - c);
      o += n;
      dentro += n;
      if (dentro === largo) { d++; dentro = 0; }
    }
  }
  const palabras = new Int32Array(memoria.buffer, memoria.byteOffset, memoria.byteLength >> 2);
  let siguiente = 0; // índice en destinos de la próxima página guardada
  for (let pagina = 0; pagina * PAGINA < total; pagina++) {
    if (destinos[siguiente] === pagina * PAGINA) { siguiente++; continue; }
    const inicio = Math.max(0, pagina * PAGINA - c);
    const fin = Math.min(Math.min((pagina + 1) * PAGINA, total) - c, escritaHasta, memoria.byteLength);
    if (inicio < fin && tieneDatos(memoria, palabras, inicio, fin)) memoria.fill(0, inicio, fin);
  }
}

// ¿Hay algún byte distinto de cero en memoria[inicio, fin)? (por palabras, y los bordes sueltos byte a byte)
function tieneDatos(memoria, palabras, inicio, fin) {
  const a = Math.min((inicio + 3) >> 2, fin >> 2);
  const b = fin >> 2;
  for (let i = inicio; i < a * 4; i++) if (memoria[i] !== 0) return true;
  for (let k = a; k < b; k++) if (palabras[k] !== 0) return true;
  for (let i = Math.max(b * 4, inicio); i < fin; i++) if (memoria[i] !== 0) return true;
  return false;
}

// Opción createPyodideModule de loadPyodide: antes de iniciar Python carga las bibliotecas nativas
// (una promesa de la lista de bibliotecas(); se espera como dependencia de arranque de Emscripten)
// y, si se va a restaurar `instantanea` (de leerInstantanea), espera a que termine de leerse, agranda
// la memoria hasta su tamaño y la copia en ella.
export function crearModulo(indice, listaDeBibliotecas, instantanea = null) {
  return async (ajustes) => {
    const crear = (await import(indice + "pyodide.asm.mjs")).default;
    let escritaHasta = 0;
    ajustes.preRun.push((M) => {
      M.addRunDependency("bibliotecas-nativas");
      Promise.all([listaDeBibliotecas, instantanea?.lleno]).then(([lista]) => {
        const banderas = { loadAsync: false, global: true, nodelete: true, allowUndefined: true };
        for (const { ruta, bytes, modulo } of lista) {
          // La misma ruta en la que Python la buscará al importar (las ruedas se desempacan en el cwd).
          const absoluta = M.FS.cwd() + "/" + ruta;
          M.FS.mkdirTree(absoluta.slice(0, absoluta.lastIndexOf("/")));
          M.FS.writeFile(absoluta, bytes);
          M.preloadedWasm[absoluta] = M.loadWebAssemblyModule(modulo, banderas, absoluta, {});
          M.loadDynamicLibrary(absoluta, banderas);
        }
        escritaHasta = M.HEAP8.length;
        const memoria = instantanea ? memoriaDeInstantanea(instantanea) : 0;
        if (memoria > M.HEAP8.length && !M._emscripten_resize_heap(memoria)) {
          throw new Error("no se pudo reservar la memoria de la instantánea");
        }
        M.removeRunDependency("bibliotecas-nativas");
      }).catch((error) => { ajustes.__falloBibliotecas = error; M.removeRunDependency("bibliotecas-nativas"); });
    });
    const modulo = await crear(ajustes);
    if (ajustes.__falloBibliotecas) throw ajustes.__falloBibliotecas;
    // La memoria de la instantánea se copia aquí, con Emscripten ya iniciado y antes de que Pyodide
    // restaure (restaurarInstantanea le da solo la cabecera: no copia nada).
    // Lo escrito hasta aquí está por debajo del tamaño que tenía la memoria antes de agrandarla o del tope del
    // montículo (sbrk), si los constructores de Emscripten pidieron memoria después.
    if (instantanea) {
      const tope = typeof modulo._sbrk === "function" ? modulo._sbrk(0) >>> 0 : modulo.HEAP8.length;
      copiarMemoria(modulo.HEAP8, instantanea, Math.max(escritaHasta, tope));
      // Pyodide guarda las opciones de loadPyodide (esta función incluida) mientras viva: sin soltar los
      // trozos, la pestaña cargaría con los 23 MB de la instantánea. Quien los necesite después (guardar la
      // del sitio en este equipo) se queda con su propia referencia.
      instantanea.partes = null;
    }
    return modulo;
  };
}

// Opciones de loadPyodide para arrancar de cero y poder crear la instantánea después.
export function opcionesConInstantanea(opciones, listaDeBibliotecas) {
  return { ...opciones, _makeSnapshot: true, createPyodideModule: crearModulo(opciones.indexURL, listaDeBibliotecas) };
}

// Comprobación tras restaurar: la instantánea guarda la respuesta que dio el motor a esta misma
// solicitud al crearla; si ahora no da exactamente lo mismo, no se usa.
export const PRUEBA = '{"contrato": {}, "factura": {"lineas": []}}';

// Con el motor ya importado (import checker.api) y antes de que entre cualquier dato del usuario:
// la respuesta a PRUEBA y la instantánea de la memoria. Pyodide debe haberse cargado con
// opcionesConInstantanea(…).
export function crearInstantanea(pyodide) {
  const esperado = pyodide.runPython(`import checker.api\nchecker.api.validar_json(${JSON.stringify(PRUEBA)})`);
  return { bytes: pyodide.makeMemorySnapshot(), esperado };
}

// Restaura una instantánea (de leerInstantanea, con `esperado`) y comprueba que el motor responda a PRUEBA
// lo mismo que al crearla; si no, lanza un error (quien llama arranca de cero). A Pyodide se le da solo la
// cabecera de la instantánea: la memoria la copia crearModulo.
export async function restaurarInstantanea(loadPyodide, opciones, listaDeBibliotecas, instantanea) {
  const pyodide = await loadPyodide({
    ...opciones, _loadSnapshot: instantanea.cabecera,
    createPyodideModule: crearModulo(opciones.indexURL, listaDeBibliotecas, instantanea),
  });
  if (pyodide.pyimport("checker.api").validar_json(PRUEBA) !== instantanea.esperado) {
    throw new Error("la instantánea no responde igual");
  }
  return pyodide;
}
