// La página del validador: formulario ↔ JSON, el worker del motor y el informe.
// No hay reglas aquí: el worker llama a checker.api (Python) y esta página solo muestra el informe.
// Nada sale del navegador: los archivos se leen en memoria y el worker corre en este equipo.

const ESTADOS = ["cargando", "listo", "validando", "resultado", "error"];
const SEVERIDADES = [
  ["error", "Errores", "la entidad rechazaría la solicitud"],
  ["advertencia", "Advertencias", "revise el dato"],
  ["informacion", "Información", "no impide aprobar"],
];

// Un solo worker por pestaña: sobrevive a la navegación instantánea de Material.
const motor = {
  worker: null, listo: false, fallo: null, porcentaje: 0, etapa: "", pendientes: new Map(), siguiente: 1, alListo: [],
  sinConexion: false, modo: "", instantanea: "",
};
let actual = null; // la raíz [data-validador] montada ahora

// Devuelve true si el motor es nuevo en esta pestaña (hay que darle paso), false si ya lo tenía.
function iniciarMotor() {
  if (motor.worker) return false;
  // Si la página ya arrancó el worker mientras se leía el HTML (window.__motorValidador), se adopta
  // con los mensajes que llegaron antes; si no (p. ej. tras la navegación instantánea), se crea aquí.
  const temprano = window.__motorValidador;
  motor.worker = temprano?.worker || new Worker(new URL("../../validador/trabajador.js", import.meta.url), { type: "module", name: "validador" });
  motor.worker.onmessage = recibir;
  // Un error del worker antes de «listo» (p. ej. su script no llegó) es un fallo del motor.
  motor.worker.onerror = () => {
    if (!motor.listo) recibir({ data: { tipo: "fallo", mensaje: "no se pudo cargar el worker" } });
  };
  for (const data of temprano?.cola.splice(0) || []) recibir({ data });
  return true;
}

// La página ya se inició (esto corre tras document$) y terminó `antes` (llenar el ejemplo de un enlace
// de formador, si lo hay): el worker puede usar los núcleos. Así lo que la página hace al abrirse no
// compite con compilar el wasm ni iniciar Python, y el ejemplo se ve lleno antes.
// La marca validador:empezar le dice al benchmark desde cuándo las tareas largas son «con el motor cargando».
function darPasoAlMotor(antes) {
  const avisar = () => {
    performance.mark("validador:empezar");
    motor.worker.postMessage({ tipo: "empezar" });
  };
  const cuandoEsteLibre = () => {
    if ("requestIdleCallback" in window) requestIdleCallback(avisar, { timeout: 200 });
    else setTimeout(avisar, 0);
  };
  antes.then(cuandoEsteLibre, cuandoEsteLibre);
}

function recibir({ data }) {
  if (data.tipo === "progreso") {
    motor.porcentaje = data.porcentaje;
    motor.etapa = data.etapa;
  } else if (data.tipo === "instantanea") {
    motor.instantanea = data.estado; // «guardada»: la próxima visita arranca desde ella
  } else if (data.tipo === "listo") {
    motor.listo = true;
    motor.modo = data.etapas.modo || "";
    // Perfil de arranque (fases y descargas del worker) para quien mida: scripts/bench_navegador.py.
    document.dispatchEvent(new CustomEvent("validador:listo", { detail: { etapas: data.etapas, descargas: data.descargas } }));
    motor.alListo.splice(0).forEach(({ seguir }) => seguir());
  } else if (data.tipo === "fallo") {
    motor.fallo = data.mensaje;
    motor.alListo.splice(0).forEach(({ fallar }) => fallar(new Error(SIN_MOTOR)));
  } else if (motor.pendientes.has(data.id)) {
    const { resolver, rechazar } = motor.pendientes.get(data.id);
    motor.pendientes.delete(data.id);
    if (data.tipo === "resultado") resolver(data.resultado);
    else rechazar(new Error(data.mensaje));
  }
  if (actual) mostrarMotor(actual);
}

const SIN_MOTOR = "No se pudo preparar el validador: recargue la página.";

function motorListo() {
  if (motor.fallo) return Promise.reject(new Error(SIN_MOTOR));
  return motor.listo ? Promise.resolve() : new Promise((seguir, fallar) => motor.alListo.push({ seguir, fallar }));
}

function pedir(tipo, datos = {}, transferir = []) {
  const id = motor.siguiente++;
  return new Promise((resolver, rechazar) => {
    motor.pendientes.set(id, { resolver, rechazar });
    motor.worker.postMessage({ id, tipo, ...datos }, transferir);
  });
}

// ---------------------------------------------------------------------------------------------
// Estado y mensajes

function ponerEstado(raiz, estado) {
  if (ESTADOS.includes(estado)) raiz.dataset.estado = estado;
}

function mostrarMotor(raiz) {
  const texto = raiz.querySelector("[data-progreso]");
  const barra = raiz.querySelector("[data-progreso-barra]");
  if (motor.fallo) {
    texto.textContent = SIN_MOTOR;
    ponerEstado(raiz, "error");
    return;
  }
  barra.value = motor.porcentaje;
  texto.textContent = motor.listo
    ? `El validador está listo.${motor.sinConexion ? " También funciona sin conexión en este navegador." : ""}`
    : `Preparando el validador… ${motor.porcentaje} % (${motor.etapa || "descargando"})`;
  if (motor.sinConexion) raiz.dataset.sinConexion = "listo";
  // Para quien mida o pruebe: cómo arrancó el motor y si dejó su instantánea para la próxima visita.
  if (motor.modo) raiz.dataset.arranque = motor.modo;
  if (motor.instantanea) raiz.dataset.instantanea = motor.instantanea;
  raiz.querySelector(".v-motor").classList.toggle("v-motor--listo", motor.listo);
  if (motor.listo && raiz.dataset.estado === "cargando") ponerEstado(raiz, "listo");
}

function avisar(raiz, texto, esError = false) {
  const nodo = raiz.querySelector("[data-mensaje]");
  nodo.textContent = texto;
  nodo.hidden = !texto;
  nodo.classList.toggle("v-mensaje--error", esError);
  if (esError) ponerEstado(raiz, "error");
}

function estadoEnReposo(raiz) {
  ponerEstado(raiz, raiz.querySelector("[data-informe]").hidden ? (motor.listo ? "listo" : "cargando") : "resultado");
}

// ---------------------------------------------------------------------------------------------
// Formulario ↔ solicitud (los `name` son las rutas del JSON: "factura.proveedor.dv")

function leerCampo(el) {
  const tipo = el.dataset.tipo;
  if (tipo === "booleano") return el.checked;
  const valor = el.value.trim();
  if (valor === "") return undefined;
  if (tipo === "entero") return /^-?\d+$/.test(valor) ? Number(valor) : valor;
  if (tipo === "lista-texto") return valor.split(/[,\n]/).map((v) => v.trim()).filter(Boolean);
  return valor;
}

function poner(destino, partes, valor) {
  let nodo = destino;
  partes.forEach((parte, i) => {
    const ultima = i === partes.length - 1;
    if (ultima) {
      nodo[parte] = valor;
    } else {
      if (nodo[parte] === undefined) nodo[parte] = /^\d+$/.test(partes[i + 1]) ? [] : {};
      nodo = nodo[parte];
    }
  });
}

function recoger(form) {
  const datos = {};
  for (const el of form.querySelectorAll("[name][data-tipo]")) {
    const valor = leerCampo(el);
    if (valor !== undefined) poner(datos, el.name.split("."), valor);
  }
  return datos;
}

function escribirCampo(el, valor) {
  if (el.dataset.tipo === "booleano") el.checked = Boolean(valor);
  else if (Array.isArray(valor)) el.value = valor.join(", ");
  else el.value = valor === null || valor === undefined ? "" : String(valor);
}

function llenar(form, datos, prefijo = "") {
  for (const [clave, valor] of Object.entries(datos || {})) {
    const ruta = prefijo ? `${prefijo}.${clave}` : clave;
    const lista = form.querySelector(`[data-lista="${CSS.escape(ruta)}"]`);
    if (lista && Array.isArray(valor)) {
      vaciarLista(lista);
      valor.forEach((item, i) => {
        agregarFila(lista);
        llenar(form, item, `${ruta}.${i}`);
      });
    } else if (valor && typeof valor === "object" && !Array.isArray(valor)) {
      llenar(form, valor, ruta);
    } else {
      const el = form.querySelector(`[name="${CSS.escape(ruta)}"]`);
      if (el) escribirCampo(el, valor);
    }
  }
}

function vaciarFormulario(form) {
  form.reset();
  form.querySelectorAll("[data-lista]").forEach(vaciarLista);
}

function vaciarSeccion(form, prefijo) {
  for (const lista of form.querySelectorAll(`[data-lista^="${CSS.escape(prefijo)}."]`)) vaciarLista(lista);
  for (const el of form.querySelectorAll(`[name^="${CSS.escape(prefijo)}."]`)) {
    if (el.dataset.tipo === "booleano") el.checked = el.defaultChecked;
    else if (el.tagName === "SELECT") el.value = [...el.options].find((o) => o.defaultSelected)?.value ?? "";
    else el.value = "";
  }
}

// ---------------------------------------------------------------------------------------------
// Listas (plan de pagos, entregas, líneas, impuestos): filas que se agregan y se quitan

function agregarFila(lista) {
  const filas = lista.querySelector(":scope > [data-filas]");
  const indice = filas.children.length;
  const html = lista.querySelector(":scope > template[data-fila]").innerHTML.replaceAll("__i__", String(indice));
  filas.insertAdjacentHTML("beforeend", html);
  renumerar(lista);
  return filas.lastElementChild;
}

function vaciarLista(lista) {
  lista.querySelector(":scope > [data-filas]").replaceChildren();
}

const ATRIBUTOS_CON_RUTA = ["name", "id", "for", "aria-describedby", "data-ruta"];

function renumerar(lista) {
  const ruta = lista.dataset.lista;
  [...lista.querySelector(":scope > [data-filas]").children].forEach((fila, i) => {
    const anterior = fila.dataset.indice ?? String(i);
    fila.dataset.indice = String(i);
    fila.querySelector("[data-numero]").textContent = String(i + 1);
    if (anterior === String(i)) return;
    // «ruta.3» seguido de «.» o del final: no confunde la fila 1 con la 10.
    const viejo = new RegExp(`${(ruta + "." + anterior).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=\\.|$)`, "g");
    for (const el of [fila, ...fila.querySelectorAll("*")]) {
      for (const atributo of ATRIBUTOS_CON_RUTA) {
        const valor = el.getAttribute(atributo);
        if (valor) el.setAttribute(atributo, valor.replace(viejo, `${ruta}.${i}`));
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Informe

function elemento(etiqueta, atributos = {}, ...hijos) {
  const el = document.createElement(etiqueta);
  for (const [k, v] of Object.entries(atributos)) {
    if (k === "texto") el.textContent = v;
    else if (v !== undefined && v !== null) el.setAttribute(k, v);
  }
  el.append(...hijos.filter(Boolean));
  return el;
}

function enfocar(form, campo) {
  const el = form.querySelector(`[name="${CSS.escape(campo)}"]`) || form.querySelector(`[name^="${CSS.escape(campo)}."]`);
  if (!el) return;
  el.closest("details")?.setAttribute("open", "");
  el.scrollIntoView({ block: "center" });
  el.focus();
}

function botonCampo(form, campo) {
  if (!campo) return null;
  const etiqueta = form.querySelector(`label[for="${CSS.escape("f-" + campo)}"]`)?.textContent.replace("*", "").trim();
  const texto = etiqueta ? `Ir al campo «${etiqueta}» (${campo})` : `Ir a ${campo}`;
  const boton = elemento("button", { type: "button", class: "v-ir-al-campo", "data-campo": campo, texto });
  boton.addEventListener("click", () => enfocar(form, campo));
  return boton;
}

function raizDelSitio() {
  const config = document.getElementById("__config");
  return new URL(config ? JSON.parse(config.textContent).base + "/" : "/", location.href);
}

function hallazgoHtml(form, h) {
  const sitio = raizDelSitio();
  const enlaces = elemento("p", { class: "v-enlaces" },
    elemento("a", { href: new URL(`reglas/#${h.regla.toLowerCase()}`, sitio).href, texto: `Regla ${h.regla}` }),
    h.paso ? document.createTextNode(" · ") : null,
    h.paso ? elemento("a", { href: new URL(h.paso, sitio).href, texto: "Paso del procedimiento" }) : null);
  return elemento("li", { class: `v-hallazgo v-${h.severidad}`, "data-regla": h.regla, "data-severidad": h.severidad },
    elemento("p", { class: "v-titulo" }, elemento("strong", { texto: `${h.regla} · ${h.titulo}` })),
    elemento("p", { texto: h.mensaje }),
    elemento("p", { class: "v-fuente", texto: `Fuente: ${h.referencia}` }),
    enlaces, botonCampo(form, h.campo));
}

function titular(informe) {
  if (informe.error) return ["No se pudo revisar la solicitud", informe.error];
  if (informe.aprobable) {
    const adv = informe.resumen.advertencia;
    return ["La solicitud parece aprobable", adv ? `Revise ${adv} advertencia(s) antes de enviarla.` : "No se encontraron problemas."];
  }
  return ["La solicitud sería rechazada", `${informe.resumen.error} error(es) por corregir antes de enviarla.`];
}

function mostrarInforme(raiz, informe) {
  const form = raiz.querySelector("[data-formulario]");
  const seccion = raiz.querySelector("[data-informe]");
  const [titulo, resumen] = titular(informe);
  seccion.dataset.aprobable = String(Boolean(informe.aprobable));
  seccion.replaceChildren(elemento("h2", { texto: titulo }), elemento("p", { class: "v-resumen", texto: resumen }));
  if (informe.errores_de_entrada.length) {
    seccion.append(elemento("ul", { class: "v-entrada" }, ...informe.errores_de_entrada.map((e) =>
      elemento("li", { "data-campo": e.campo }, elemento("span", { texto: `${e.campo}: ${e.mensaje} ` }), botonCampo(form, e.campo)))));
  }
  for (const [severidad, nombre, explicacion] of SEVERIDADES) {
    const propios = informe.hallazgos.filter((h) => h.severidad === severidad);
    if (!propios.length) continue;
    seccion.append(elemento("h3", { texto: `${nombre} (${propios.length}): ${explicacion}` }),
      elemento("ul", { class: "v-hallazgos" }, ...propios.map((h) => hallazgoHtml(form, h))));
  }
  if (!informe.error) {
    seccion.append(elemento("p", { class: "v-pie", texto: `${informe.reglas_revisadas} reglas revisadas.` }));
  }
  const acciones = elemento("p", { class: "v-acciones" },
    elemento("button", { type: "button", class: "md-button", "data-imprimir": "", texto: "Imprimir el informe" }),
    elemento("button", { type: "button", class: "md-button", "data-guardar-informe": "", texto: "Guardar el informe (JSON)" }));
  acciones.querySelector("[data-imprimir]").addEventListener("click", () => window.print());
  acciones.querySelector("[data-guardar-informe]").addEventListener("click",
    () => descargar(JSON.stringify(informe, null, 2), "informe-validador.json"));
  seccion.append(acciones);
  seccion.hidden = false;
  ponerEstado(raiz, "resultado");
  seccion.focus();
}

async function validar(raiz) {
  const form = raiz.querySelector("[data-formulario]");
  avisar(raiz, motor.listo ? "" : "La solicitud se revisará apenas el validador esté listo.");
  try {
    await motorListo();
  } catch (error) {
    avisar(raiz, error.message, true);
    return;
  }
  avisar(raiz, "");
  ponerEstado(raiz, "validando");
  try {
    const respuesta = await pedir("validar", { solicitud: JSON.stringify(recoger(form)) });
    mostrarInforme(raiz, JSON.parse(respuesta));
  } catch (error) {
    avisar(raiz, error.message, true);
  }
}

// ---------------------------------------------------------------------------------------------
// Archivos: XML de la DIAN, solicitud JSON; guardar

function descargar(texto, nombre) {
  const url = URL.createObjectURL(new Blob([texto], { type: "application/json" }));
  const a = elemento("a", { href: url, download: nombre });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function cargarXml(raiz, archivo) {
  const form = raiz.querySelector("[data-formulario]");
  if (archivo.size > Number(raiz.dataset.tamanoMaximo)) {
    avisar(raiz, `«${archivo.name}» pesa demasiado para ser una factura DIAN; no se leyó.`, true);
    return;
  }
  const bytes = await archivo.arrayBuffer();
  let leido;
  try {
    leido = JSON.parse(await pedir("leer_xml", { bytes }, [bytes]));
  } catch (error) {
    avisar(raiz, error.message, true);
    return;
  }
  if (leido.error) {
    avisar(raiz, `No se pudo usar «${archivo.name}»: ${leido.error}`, true);
    return;
  }
  const clave = form.querySelector('[name="factura.clave_tecnica"]')?.value || "";
  vaciarSeccion(form, "factura");
  llenar(form, { factura: { ...leido.factura, clave_tecnica: clave || undefined } });
  avisar(raiz, `Se llenaron los datos de la factura ${leido.factura.numero} desde «${archivo.name}».`);
  estadoEnReposo(raiz);
}

async function cargarJson(raiz, archivo) {
  const form = raiz.querySelector("[data-formulario]");
  let datos;
  try {
    datos = JSON.parse(await archivo.text());
  } catch {
    avisar(raiz, `«${archivo.name}» no es un JSON válido; el formulario no cambió.`, true);
    return;
  }
  if (!datos || typeof datos !== "object" || Array.isArray(datos)) {
    avisar(raiz, `«${archivo.name}» no contiene una solicitud; el formulario no cambió.`, true);
    return;
  }
  vaciarFormulario(form);
  llenar(form, datos);
  avisar(raiz, `Se cargó la solicitud de «${archivo.name}».`);
  estadoEnReposo(raiz);
}

function cargarArchivo(raiz, archivo) {
  if (!archivo) return;
  if (/\.json$/i.test(archivo.name) || archivo.type === "application/json") cargarJson(raiz, archivo);
  else cargarXml(raiz, archivo);
}

// ---------------------------------------------------------------------------------------------
// Ejemplos para formadores: /validador/#ejemplo=factura-rechazada

async function abrirEjemplo(raiz) {
  const nombre = (location.hash.match(/^#ejemplo=([a-z0-9-]+)$/) || [])[1];
  if (!nombre) return;
  const form = raiz.querySelector("[data-formulario]");
  const respuesta = await fetch(new URL(`../generado/ejemplos/${nombre}.json`, import.meta.url));
  if (!respuesta.ok) {
    avisar(raiz, `No existe el ejemplo «${nombre}».`, true);
    return;
  }
  const { perfil, ...solicitud } = await respuesta.json();
  vaciarFormulario(form);
  llenar(form, solicitud);
  avisar(raiz, `Ejemplo «${nombre}» cargado${perfil ? " (sin el perfil de entidad, que el formulario no usa)" : ""}.`);
  // Se cumple ya lleno el formulario; el informe llega cuando el motor esté listo (validar no rechaza).
  validar(raiz);
}

// ---------------------------------------------------------------------------------------------
// Sin conexión: el service worker del sitio (assets/js/sin-conexion.js) guarda el sitio después de
// la primera visita; el motor, solo cuando se abre el validador: aquí se le pide.

async function registrarSinConexion() {
  if (!window.sitioSinConexion || motor.sinConexion) return;
  try {
    await window.sitioSinConexion.motor();
    motor.sinConexion = true;
    if (actual) mostrarMotor(actual);
  } catch {
    // Sin service worker el validador funciona igual; solo no queda disponible sin conexión.
  }
}

// ---------------------------------------------------------------------------------------------

export function montar(raiz) {
  if (raiz.dataset.montado) return;
  raiz.dataset.montado = "si";
  actual = raiz;
  const motorNuevo = iniciarMotor();
  mostrarMotor(raiz);
  const form = raiz.querySelector("[data-formulario]");

  form.addEventListener("submit", (evento) => {
    evento.preventDefault();
    validar(raiz);
  });
  form.addEventListener("click", (evento) => {
    const agregar = evento.target.closest("[data-agregar]");
    const quitar = evento.target.closest("[data-quitar]");
    if (agregar) agregarFila(agregar.closest("[data-lista]")).querySelector("input,select")?.focus();
    if (quitar) {
      const lista = quitar.closest("[data-lista]");
      quitar.closest("fieldset").remove();
      renumerar(lista);
    }
  });
  raiz.querySelector("[data-guardar]").addEventListener("click", () => {
    const datos = recoger(form);
    descargar(JSON.stringify(datos, null, 2), `solicitud-${datos.contrato?.numero || "secop"}.json`.replace(/[^\w.-]+/g, "_"));
  });
  raiz.querySelector("[data-limpiar]").addEventListener("click", () => {
    vaciarFormulario(form);
    avisar(raiz, "");
  });
  for (const selector of ["[data-archivo-xml]", "[data-archivo-json]"]) {
    const entrada = raiz.querySelector(selector);
    entrada.addEventListener("change", () => {
      cargarArchivo(raiz, entrada.files[0]);
      entrada.value = "";
    });
  }
  raiz.addEventListener("dragover", (evento) => evento.preventDefault());
  raiz.addEventListener("drop", (evento) => {
    evento.preventDefault();
    cargarArchivo(raiz, evento.dataTransfer.files[0]);
  });
  window.addEventListener("hashchange", () => actual === raiz && abrirEjemplo(raiz));
  const ejemplo = abrirEjemplo(raiz);
  if (motorNuevo) darPasoAlMotor(ejemplo);
  // Después de que el motor esté listo, para no competir con la primera carga.
  motorListo().then(registrarSinConexion, () => {});
}
