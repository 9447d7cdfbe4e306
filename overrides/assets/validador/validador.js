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
// Lo que llegó en archivos y no está en el formulario: el XML de la factura (mientras nadie edite la factura a
// mano, el informe sale del XML mismo), la respuesta de la DIAN en su propio archivo (respuestaEnXml: el XML, un
// AttachedDocument o el ZIP del correo, ya trae la suya) y lo que dijeron los datos abiertos (qué pago se eligió y por qué).
// abiertos: esos archivos y con qué número de factura y pago se eligió, para volver a elegir sin pedirlos de nuevo
// (llega el XML después, o la persona escribe otro «ID de pago»); escritos: las rutas del contrato cambiadas a mano
// desde entonces («contrato.plan_de_pagos» si se agregó o quitó un pago).
// delXml: la factura como la leyó Python (del XML o de una solicitud guardada), por lo que el formulario no muestra.
const cargado = { xml: null, delXml: null, respuesta: null, respuestaEnXml: false, datos: null, abiertos: null,
  escritos: new Set(), turno: 0 };

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
    // Perfil de arranque (fases y descargas del worker) para quien mida: scripts/medicion/bench_navegador.py.
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

// Sin conexión y sin el motor guardado (solo se guarda al abrir el validador con red) se llega aquí también.
const SIN_MOTOR = "No se pudo preparar el validador: recargue la página. Si está sin conexión: el validador queda "
  + "guardado en este navegador la primera vez que se abre con conexión; las demás páginas del sitio sí se pueden leer.";

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

// Un informe que ya no corresponde a lo que hay en la página (se editó un dato, llegó un archivo que no se pudo
// usar) no se borra, pero lo dice arriba: que nadie lo lea como el informe de lo nuevo. El próximo informe lo quita.
function desactualizar(raiz, motivo) {
  const seccion = raiz.querySelector("[data-informe]");
  if (seccion.hidden || !seccion.firstChild) return;
  seccion.dataset.desactualizado = "";
  let aviso = seccion.querySelector(".v-desactualizado");
  if (!aviso) {
    aviso = elemento("p", { class: "v-desactualizado", role: "status" });
    seccion.prepend(aviso);
  }
  aviso.textContent = motivo;
}

function quitarInforme(raiz) {
  const seccion = raiz.querySelector("[data-informe]");
  seccion.replaceChildren();
  seccion.hidden = true;
  delete seccion.dataset.desactualizado;
  delete seccion.dataset.aprobable;
  if (["resultado", "error", "validando"].includes(raiz.dataset.estado)) ponerEstado(raiz, motor.listo ? "listo" : "cargando");
}

// `resaltado`: con el estilo de un error sin que lo sea (parte de lo soltado no se usó, y el informe de lo demás sigue).
function avisar(raiz, texto, esError = false, resaltado = esError) {
  const nodo = raiz.querySelector("[data-mensaje]");
  nodo.textContent = texto;
  nodo.hidden = !texto;
  nodo.classList.toggle("v-mensaje--error", resaltado);
  if (esError) ponerEstado(raiz, "error");
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

// Lo que la factura leída (del XML o de una solicitud guardada) trae y el formulario no muestra (la respuesta de la
// DIAN, de qué XML salió, los bloques de cada parte, las retenciones) sigue con ella aunque la persona corrija a mano
// otro dato, y va en la solicitud guardada: Python completa la solicitud (checker.api.con_lo_que_no_se_muestra) con
// la factura leída y las rutas de los campos del formulario, que mandan.
function conLoLeido(form) {
  if (!cargado.delXml) return {};
  const rutas = [...form.querySelectorAll("[name], [data-lista]")].map((el) => el.getAttribute("name") || el.dataset.lista);
  return { leida: JSON.stringify(cargado.delXml), enElFormulario: JSON.stringify(rutas) };
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
  cargado.xml = null;
  cargado.delXml = null;
  cargado.respuesta = null;
  cargado.datos = null;
  cargado.abiertos = null;
  cargado.escritos.clear();
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

// El control del formulario de un hallazgo (o el primero de un grupo: `factura.lineas` → `factura.lineas.0.…`).
function controlDe(form, campo) {
  return form.querySelector(`[name="${CSS.escape(campo)}"]`) || form.querySelector(`[name^="${CSS.escape(campo)}."]`);
}

// Lo escrito en un campo, sin espacios alrededor ("" si está vacío o no existe).
function escritoEn(form, campo) {
  return controlDe(form, campo)?.value.trim() ?? "";
}

// Si un campo está como al abrir la página (una casilla, una lista de opciones o un texto vacío).
function comoAlAbrir(el) {
  if (el.dataset.tipo === "booleano") return el.checked === el.defaultChecked;
  if (el.tagName === "SELECT") return [...el.options].every((o) => o.selected === o.defaultSelected);
  return !el.value.trim();
}

function enfocar(form, campo) {
  const el = controlDe(form, campo);
  if (!el) return;
  el.closest("details")?.setAttribute("open", "");
  el.scrollIntoView({ block: "center" });
  el.focus();
}

// Un botón que lleva al dato, si el formulario tiene dónde escribirlo (lo que solo trae el XML, como las
// notificaciones de la DIAN, no se edita aquí: sin botón que no haría nada).
// El nombre de un campo como lo lee la persona: su etiqueta en el formulario o, para una sección entera, su nombre;
// la ruta del JSON (factura.proveedor.dv) solo si no hay otro.
const SECCIONES = { factura: "La factura", contrato: "El contrato", pago: "El pago" };
function nombreDelCampo(form, campo) {
  const etiqueta = form.querySelector(`label[for="${CSS.escape("f-" + campo)}"]`)?.textContent
    .replace("*", "").replace("(obligatorio)", "").trim();
  // Con el grupo que lo contiene si no es una sección entera: «Entidad › Número de documento» no se confunde con
  // el del contratista. Una sección o un grupo sin campo propio (contrato.entidad), por su leyenda.
  const grupo = form.querySelector(`fieldset[data-ruta="${CSS.escape(campo)}"]`)
    || controlDe(form, campo)?.closest("fieldset");
  const leyenda = grupo?.dataset.ruta?.includes(".")
    ? grupo.querySelector(":scope > legend")?.textContent.replace("(si aplica)", "").trim() : "";
  if (etiqueta) return leyenda ? `${leyenda} › ${etiqueta}` : etiqueta;
  return SECCIONES[campo] || leyenda || campo;
}

function botonCampo(form, campo) {
  if (!campo || !controlDe(form, campo)) return null;
  const texto = `Ir al campo «${nombreDelCampo(form, campo)}»`;
  const boton = elemento("button", { type: "button", class: "v-ir-al-campo", "data-campo": campo, texto });
  boton.addEventListener("click", () => enfocar(form, campo));
  return boton;
}

function raizDelSitio() {
  const config = document.getElementById("__config");
  return new URL(config ? JSON.parse(config.textContent).base + "/" : "/", location.href);
}

// Un enlace del informe a una regla o a un paso: en otra pestaña, para que quien lo sigue no pierda lo que
// cargó y escribió aquí (el formulario no se guarda en ningún lado), y lo dice a quien usa lector de pantalla.
function enlaceAparte(href, texto) {
  return elemento("a", { href, target: "_blank", rel: "noopener", "data-aparte": "" }, texto,
    elemento("span", { class: "v-oculto", texto: " (se abre en otra pestaña)" }));
}

function hallazgoHtml(form, h) {
  const sitio = raizDelSitio();
  const enlaces = elemento("p", { class: "v-enlaces" },
    enlaceAparte(new URL(`reglas/#${h.regla.toLowerCase()}`, sitio).href, `Regla ${h.regla}`),
    h.paso ? document.createTextNode(" · ") : null,
    h.paso ? enlaceAparte(new URL(h.paso, sitio).href, "Paso del procedimiento") : null);
  return elemento("li", { class: `v-hallazgo v-${h.severidad}`, "data-regla": h.regla, "data-severidad": h.severidad },
    elemento("p", { class: "v-titulo" }, elemento("strong", { texto: `${h.regla} · ${h.titulo}` })),
    elemento("p", { texto: h.mensaje }),
    elemento("p", { class: "v-fuente", texto: `Fuente: ${h.referencia}` }),
    enlaces, botonCampo(form, h.campo));
}

// Los hallazgos, separados por quién los corrige (Hallazgo.corrige) y, dentro, por severidad; los títulos
// hablan a quien revisa (Informe.etapa): el proveedor antes de enviar o la entidad antes de aprobar.
const QUIEN = {
  proveedor: [
    ["proveedor", "Lo que usted debe corregir o revisar", "antes de enviar la solicitud"],
    ["entidad", "Lo que la entidad revisará", "al aprobar; no depende de usted, pero conviene saberlo"],
  ],
  entidad: [
    // Lo que dicen estos hallazgos sirve para justificar el rechazo.
    ["proveedor", "Lo que el proveedor debe corregir o revisar", "antes de aprobar: un error es motivo para rechazar la "
      + "solicitud. Lo que dice cada uno sirve para escribir la justificación del rechazo"],
    ["entidad", "Lo que usted (la entidad) debe resolver o revisar", "antes de aprobar la solicitud"],
  ],
};

function hallazgosPorQuien(raiz, form, informe) {
  const bloques = [];
  for (const [quien, nombre, cuando] of QUIEN[informe.etapa] || QUIEN.proveedor) {
    const suyos = informe.hallazgos.filter((h) => (h.corrige || "proveedor") === quien);
    if (!suyos.length) continue;
    const ayuda = elemento("p", { class: "v-ayuda", texto: `Se revisa ${cuando}.` });
    // La entidad que encuentra errores del proveedor rechaza con una justificación: el paso que lo explica (el de
    // cada hallazgo es donde el proveedor corrige).
    if (informe.etapa === "entidad" && quien === "proveedor" && suyos.some((h) => h.severidad === "error")) {
      ayuda.append(" ", enlaceAparte(new URL(raiz.dataset.pasoRechazar, raizDelSitio()).href,
        "Cómo rechazar la solicitud con su justificación"), ".");
    }
    const bloque = elemento("div", { class: "v-quien", "data-corrige": quien },
      elemento("h3", { texto: `${nombre} (${suyos.length})` }), ayuda);
    for (const [severidad, titulo, explicacion] of SEVERIDADES) {
      const propios = suyos.filter((h) => h.severidad === severidad);
      if (!propios.length) continue;
      // Un error de lo que ingresa la entidad no es motivo de rechazo: sin ese dato no puede aprobar.
      const por = quien === "entidad" && severidad === "error" ? "sin estos datos la entidad no puede aprobar" : explicacion;
      bloque.append(elemento("h4", { texto: `${titulo} (${propios.length}): ${por}` }),
        elemento("ul", { class: "v-hallazgos" }, ...propios.map((h) => hallazgoHtml(form, h))));
    }
    // Lo que la entidad escribe en «Rechazar», dicho al proveedor (Informe.justificacion_del_rechazo): para copiar.
    if (informe.etapa === "entidad" && quien === "proveedor" && informe.justificacion_del_rechazo) {
      bloque.append(elemento("h4", { texto: "Justificación para «Rechazar», dicha al proveedor (cópiela en SECOP II)" }),
        elemento("pre", { class: "v-justificacion", "data-justificacion": "", texto: informe.justificacion_del_rechazo }));
    }
    bloques.push(bloque);
  }
  return bloques;
}

// En el modo «solo_factura»: qué grupos de reglas esperan el contrato, y el camino para agregarlo.
function sinRevisar(raiz, informe) {
  if (!informe.grupos_sin_revisar?.length) return null;
  const reglas = informe.grupos_sin_revisar.reduce((n, g) => n + g.reglas.length, 0);
  // Con el contrato ya cargado puede faltar otro dato (la clave técnica, para recalcular el CUFE): entonces ni el
  // título ni el botón hablan del contrato.
  const conContrato = informe.grupos_sin_revisar.some((g) => g.necesita.includes("contrato"));
  const boton = conContrato ? elemento("button", { type: "button", class: "md-button md-button--primary",
    "data-agregar-contrato": "", texto: "Agregar el contrato desde los datos abiertos" }) : null;
  boton?.addEventListener("click", () => {
    const entrada = raiz.querySelector("[data-id-contrato]");
    entrada.scrollIntoView({ block: "center" });
    entrada.focus();
  });
  // Los grupos juntos según lo que esperan: cada dato que falta se dice una vez, no en cada grupo.
  const porFalta = new Map();
  for (const g of informe.grupos_sin_revisar) porFalta.set(g.falta, [...(porFalta.get(g.falta) || []), g]);
  const listas = [...porFalta].flatMap(([falta, grupos]) => [
    elemento("p", { "data-falta": "" }, document.createTextNode("Esperan "), elemento("strong", { texto: falta }),
      document.createTextNode(":")),
    elemento("ul", {}, ...grupos.map((g) => elemento("li", { "data-grupo": g.grupo },
      document.createTextNode(`${g.titulo} (${g.reglas.join(", ")})`)))),
  ]);
  return elemento("div", { class: "v-sin-revisar", "data-sin-revisar": "" },
    elemento("h3", { texto: `Lo que falta revisar${conContrato ? " con el contrato" : ""} (${reglas} ${reglas === 1 ? "regla" : "reglas"})` }),
    ...listas, ...(boton ? [elemento("p", {}, boton)] : []));
}

function respuestaDian(informe) {
  const r = informe.respuesta_dian;
  if (!r) return null;
  const otra = r.codigo ? `con otro código (${r.codigo})` : "sin un código que se pueda interpretar";
  const estado = { validada: "validada", rechazada: "rechazada", ausente: "no viene en el archivo", otra }[r.estado] || r.estado;
  if (informe.respuesta_de_otro_documento) {
    // La de otra factura no dice nada de esta (DIAN-003): no se muestra como su validación.
    const otro = r.documento || (r.uuid ? `${r.uuid.slice(0, 12)}…` : "otro documento");
    return elemento("p", { class: "v-dian v-dian-otro-documento", "data-respuesta-dian": r.estado,
      "data-otro-documento": "" },
    elemento("strong", { texto: "Respuesta de la DIAN: la cargada es de otro documento. " }),
    document.createTextNode(`Es la de ${otro} (${estado}): no dice nada de esta factura.`));
  }
  return elemento("p", { class: `v-dian v-dian-${r.estado}`, "data-respuesta-dian": r.estado },
    elemento("strong", { texto: `Respuesta de la DIAN: ${estado}. ` }), document.createTextNode(r.descripcion || ""));
}

function datosAbiertos(datos) {
  if (!datos || (!datos.eleccion && !datos.avisos.length)) return null;
  return elemento("div", { class: "v-del-contrato", "data-eleccion": "" },
    elemento("h3", { texto: "El contrato, según los datos abiertos" }),
    datos.eleccion ? elemento("p", { texto: datos.eleccion }) : null,
    datos.avisos.length ? elemento("ul", {}, ...datos.avisos.map((a) => elemento("li", { texto: a }))) : null);
}

// La primera vez que un proceso del navegador dibuja un tamaño y peso de letra, le pregunta al proceso
// principal cómo hacerlo, y espera (en una pestaña nueva, medido: 37–125 ms dentro del diseño del
// informe, porque ese proceso está ocupado leyendo el motor de la caché). El informe usa dos que el
// resto de la página no usa (los títulos h3 y la negrita de la respuesta de la DIAN): una muestra
// invisible se diseña al montar, mientras el motor arranca y esta página no tiene nada que hacer.
function prepararLetras(raiz) {
  raiz.querySelector("[data-informe]").before(elemento("div", { class: "v-muestra-letras", "aria-hidden": "true" },
    elemento("h3", { texto: "Aa" }), elemento("p", { class: "v-dian" }, elemento("strong", { texto: "Aa" }))));
}

// `pedida`: la persona pidió la revisión («Validar», o Enter en un campo): el informe se lleva el foco aunque ella esté
// en un campo.
function mostrarInforme(raiz, informe, pedida = false) {
  const form = raiz.querySelector("[data-formulario]");
  const seccion = raiz.querySelector("[data-informe]");
  // El titular y su explicación los escribe el motor (Informe.titular, Informe.explicacion), como en la CLI.
  const [titulo, completo] = [informe.titular, informe.explicacion];
  // Con la lista de datos por corregir debajo (con sus etiquetas), el resumen no la repite con las rutas del JSON.
  const resumen = informe.errores_de_entrada.length && /tiene \d+ datos? por corregir: /.test(completo)
    ? completo.slice(0, completo.indexOf(": ") + 1) : completo;
  seccion.dataset.aprobable = String(Boolean(informe.aprobable));
  seccion.dataset.modo = informe.modo || "completo";
  seccion.dataset.etapa = informe.etapa || "proveedor";
  delete seccion.dataset.desactualizado;
  seccion.replaceChildren(elemento("h2", { texto: titulo }), elemento("p", { class: "v-resumen", texto: resumen }));
  // Qué se revisó y con qué fecha (el motor lo escribe): el informe impreso o guardado se reconoce solo.
  if (informe.revisado_en_texto) seccion.append(elemento("p", { class: "v-revisado", "data-revisado": "", texto: informe.revisado_en_texto }));
  if (informe.errores_de_entrada.length) {
    // Sin error, son los datos que faltan para la revisión completa (el informe de la factura sigue abajo).
    // Los que faltan y los mal escritos o con otro nombre (cada uno dice cuál es su caso).
    if (!informe.error) seccion.append(elemento("p", { texto: "Para revisarla con el contrato, escriba o corrija estos datos:" }));
    seccion.append(elemento("ul", { class: "v-entrada" }, ...informe.errores_de_entrada.map((e) =>
      elemento("li", { "data-campo": e.campo }, elemento("span", { texto: `${nombreDelCampo(form, e.campo)}: ${e.mensaje} ` }),
        botonCampo(form, e.campo)))));
  }
  // Primero, de dónde salió el contrato y qué pago se eligió: explica el resto del informe. También junto a los
  // datos por corregir: los avisos dicen cuáles no venían en los datos abiertos y hay que escribir a mano.
  if ((!informe.error && informe.modo === "completo") || informe.errores_de_entrada.length) {
    seccion.append(...[datosAbiertos(cargado.datos)].filter(Boolean));
  }
  seccion.append(...hallazgosPorQuien(raiz, form, informe));
  if (!informe.error) {
    seccion.append(...[sinRevisar(raiz, informe), respuestaDian(informe)].filter(Boolean));
    // Hasta dónde llegó la revisión: lo escribe el motor (Informe.alcance), como en la CLI.
    const como = informe.alcance ? ` (${informe.alcance})` : "";
    // Quién revisó, también en el informe impreso (donde no se ven los botones de «¿Quién revisa?»).
    const quien = informe.etapa === "entidad" ? "como la entidad, antes de aprobar" : "como el proveedor, antes de enviar";
    seccion.append(elemento("p", { class: "v-pie", texto: `${informe.reglas_revisadas} reglas revisadas${como}, ${quien}.` }));
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
  // El titular arriba, también en un teléfono: con solo focus(), Chromium centra una sección más alta que la
  // pantalla y el veredicto queda fuera de la vista. Solo si la persona lo pidió o llegó por lo que hizo para verlo
  // (soltar o elegir archivos, un ejemplo, abrir la página): si está en otra cosa (escribiendo el número del
  // contrato, eligiendo «¿Quién revisa?», abriendo «Más datos del pago», en un enlace), el foco y la vista se quedan
  // donde están, y la sección, que es una región viva, lo anuncia.
  const activo = document.activeElement;
  const porElInforme = !activo || activo === document.body || seccion.contains(activo)
    || activo.matches("input[type=file], [data-soltar], a[href^='#ejemplo=']");
  if (pedida || porElInforme) {
    seccion.focus({ preventScroll: true });
    seccion.scrollIntoView({ block: "start" });
  }
}

// Quién revisa: el proveedor (por omisión) o la entidad. Un enlace puede traerla: /validador/?etapa=entidad.
function etapaElegida(raiz) {
  return raiz.querySelector("[data-quien-revisa] input:checked")?.value;
}

function etapaDelEnlace(raiz) {
  const pedida = new URLSearchParams(location.search).get("etapa");
  const opcion = [...raiz.querySelectorAll("[data-quien-revisa] input")].find((o) => o.value === pedida);
  if (opcion) opcion.checked = true;
}

// Revisa lo que haya (Python decide: la factura sola mientras no hay contrato, la solicitud completa si lo hay).
// El pedido sale enseguida, con lo que el formulario tiene ahora: el worker lo atiende apenas su motor está
// listo, sin esperar a que esta página reciba el aviso y vuelva a escribirle (medido: en una pestaña nueva el
// hilo de la página tardó 25 ms en atender ese aviso).
async function validar(raiz, pedida = false) {
  const turno = cargado.turno; // «Vaciar el formulario» mientras se revisa: este informe ya no se muestra
  const form = raiz.querySelector("[data-formulario]");
  // Con datos abiertos ya leídos el motor está listo: volver a elegir el pago no demora el primer informe.
  if (cargado.abiertos && motor.listo) {
    ponerEstado(raiz, "validando");
    try {
      await reelegirElPago(form);
    } catch {
      // Si el motor falló, la revisión de abajo lo dice; el pago queda el de antes.
    }
    if (turno !== cargado.turno) return;
  }
  const pedido = motor.fallo ? null
    : pedir("validar_entrada", {
      solicitud: JSON.stringify(recoger(form)), bytes: cargado.xml || undefined, ...conLoLeido(form),
      respuesta: cargado.respuesta || undefined, etapa: etapaElegida(raiz),
    });
  pedido?.catch(() => {}); // si el motor falla, se informa abajo
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
    const respuesta = await pedido;
    if (turno !== cargado.turno) return;
    mostrarInforme(raiz, JSON.parse(respuesta), pedida);
  } catch (error) {
    avisar(raiz, error.message, true);
  }
}

// ---------------------------------------------------------------------------------------------
// Archivos: XML de la DIAN, solicitud JSON, datos abiertos del contrato; guardar

function descargar(texto, nombre) {
  const url = URL.createObjectURL(new Blob([texto], { type: "application/json" }));
  const a = elemento("a", { href: url, download: nombre });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Cada función devuelve el texto de lo que hizo, o lanza un Error con el mensaje para la persona; si lanza,
// el formulario no cambió.
async function cargarXml(form, { archivo, bytes }, turno) {
  const leido = JSON.parse(await pedir("leer_xml", { bytes }));
  seguirEnElTurno(turno);
  if (leido.error) throw new Error(`No se pudo usar «${archivo.name}»: ${leido.error}`);
  const clave = form.querySelector('[name="factura.clave_tecnica"]')?.value || "";
  vaciarSeccion(form, "factura");
  llenar(form, { factura: { ...leido.factura, clave_tecnica: clave || undefined } });
  cargado.xml = bytes;
  cargado.delXml = leido.factura;
  cargado.respuesta = null; // la respuesta de la DIAN de otra factura ya no vale
  cargado.respuestaEnXml = Boolean(leido.factura.respuesta_dian);
  // Del documento que es: una nota o un documento soporte no son «la factura».
  const que = { nota_credito: "la nota crédito", nota_debito: "la nota débito", documento_soporte: "el documento soporte" }[
    leido.factura.tipo] || "la factura";
  return `Se llenaron los datos de ${que} ${leido.factura.numero} desde «${archivo.name}».`;
}

// La respuesta de la DIAN (ApplicationResponse) en su propio archivo: va con la factura que ya está en el
// formulario (su XML, en el mismo envío o antes); Python la lee al revisar, y el informe dice qué respondió la DIAN.
function cargarRespuesta(form, { archivo, bytes }) {
  if (!form.querySelector('[name="factura.numero"]').value.trim()) {
    throw new Error(`«${archivo.name}» es la respuesta de la DIAN (ApplicationResponse), no la factura: cárguela `
      + "junto con el XML de la factura.");
  }
  if (cargado.xml && cargado.respuestaEnXml) {
    return `No se usó «${archivo.name}»: la factura ya trae la respuesta de la DIAN (en su AttachedDocument o en su ZIP).`;
  }
  cargado.respuesta = bytes;
  return `Se usó la respuesta de la DIAN de «${archivo.name}».`;
}

function cargarSolicitud(form, { archivo, bytes }) {
  let datos;
  try {
    datos = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error(`«${archivo.name}» no es un JSON válido; el formulario no cambió.`);
  }
  if (!datos || typeof datos !== "object" || Array.isArray(datos)) {
    throw new Error(`«${archivo.name}» no contiene una solicitud; el formulario no cambió.`);
  }
  const { perfil, ...solicitud } = datos;
  vaciarFormulario(form);
  llenar(form, solicitud);
  if (solicitud.factura && typeof solicitud.factura === "object") cargado.delXml = solicitud.factura;
  return `Se cargó la solicitud de «${archivo.name}».`;
}

// Como checker.paquete.es_zip: un ZIP con entradas («PK\3\4») o vacío («PK\5\6»).
function esZip(cabeza) {
  return cabeza.length === 4 && cabeza[0] === 0x50 && cabeza[1] === 0x4b
    && ((cabeza[2] === 3 && cabeza[3] === 4) || (cabeza[2] === 5 && cabeza[3] === 6));
}

// Como checker.datos_abiertos.texto_de: UTF-16 con su marca («Texto Unicode» de Excel), UTF-8 como lo da el portal
// o, si no lo es, Windows-1252 (Excel en Windows).
function textoDe(bytes) {
  const marca = new Uint8Array(bytes.slice(0, 2));
  if (marca[0] === 0xff && marca[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (marca[0] === 0xfe && marca[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

async function cargarDatosAbiertos(raiz, leidos, turno) {
  const form = raiz.querySelector("[data-formulario]");
  const archivos = leidos.map(({ archivo, bytes }) => ({ nombre: archivo.name, texto: textoDe(bytes) }));
  const entrada = raiz.querySelector("[data-id-contrato]");
  const id = entrada.getAttribute("aria-invalid") === "false" ? entrada.value.trim().toUpperCase() : undefined;
  // Un «ID de pago» escrito (a mano o en la solicitud guardada) es el pago que se indicó; el que eligieron antes
  // estos datos no.
  const escrito = escritoEn(form, "pago.id_pago");
  const numeroFactura = escritoEn(form, "factura.numero");
  const resultado = JSON.parse(await pedir("datos_abiertos", {
    archivos: JSON.stringify(archivos), numeroFactura, idContrato: id, deLaFactura: deLaFactura(form),
    idPago: escrito !== cargado.abiertos?.idPago ? escrito : undefined, escrito: JSON.stringify(escritoEnElContrato(form)),
  }));
  seguirEnElTurno(turno);
  if (resultado.error) throw Object.assign(new Error(resultado.error), { deLosDatosAbiertos: true });
  const cambiados = dichoDeLoReemplazado(form, resultado.reemplazados);
  llenar(form, { ...resultado.solicitud, pago: { id_pago: resultado.solicitud.pago?.id_pago ?? "" } });
  cargado.escritos.clear();
  cargado.datos = resultado;
  cargado.abiertos = { archivos, idContrato: resultado.solicitud.contrato.numero, numeroFactura,
    idPago: resultado.solicitud.pago?.id_pago ?? "" };
  ponerIdContrato(raiz, resultado.solicitud.contrato.numero);
  // Los que se usaron: uno de otro conjunto (el de facturas, el de adiciones) queda fuera, y el aviso lo dice.
  const usados = (resultado.archivos || leidos).length;
  const cuantos = usados === 1 ? "un archivo" : `${usados} archivos`;
  // Solo el plan (sin el archivo del contrato, o con el de otro contrato): no se llenó el contrato, y sin él el informe
  // no lo revisa.
  if (!resultado.con_el_contrato) {
    const deOtro = (resultado.archivos || []).some((a) => a.conjunto === "contratos");
    return `Se llenó el plan de pagos del contrato ${resultado.solicitud.contrato.numero} con ${cuantos} de datos abiertos. `
      + (deOtro ? "El archivo del contrato («SECOP II - Contratos Electrónicos») es de otro contrato y no se usó: suelte "
        + "el de este para revisar la factura con el contrato."
        : "Falta el archivo del contrato («SECOP II - Contratos Electrónicos»): suéltelo también para revisar la factura "
        + "con el contrato.") + cambiados;
  }
  return `Se llenó el contrato ${resultado.solicitud.contrato.numero} con ${cuantos} de datos abiertos.${cambiados}`;
}

// Lo que la factura dice de sí (checker.datos_abiertos.DeLaFactura): sus partes y su fecha eligen su contrato si los
// archivos traen varios; su valor, entre los pagos libres, el que vale lo que ella cobra.
function deLaFactura(form) {
  const valor = (nombre) => escritoEn(form, nombre) || undefined;
  return JSON.stringify({ contratista: valor("factura.proveedor.numero"), entidad: valor("factura.adquiriente.numero"),
    fecha: valor("factura.fecha_emision"), moneda: valor("factura.moneda"), valor_a_pagar: valor("factura.valor_a_pagar"),
    anticipo_descontado: valor("factura.anticipo_descontado") });
}

// Lo que había en el contrato y no venía de los datos abiertos (escrito a mano o de una solicitud guardada): Python
// dice qué de eso reemplazan los archivos (checker.datos_abiertos.reemplazados), y la página lo cuenta.
// Una lista de opciones o una casilla cuenta si no está como al abrir la página (lo supuesto por los datos abiertos,
// como el tipo de documento del contratista con «No Definido», no la reemplaza: checker.datos_abiertos.sin_lo_supuesto).
function escritoEnElContrato(form) {
  const escrito = {};
  for (const el of form.querySelectorAll('[name^="contrato."][data-tipo]')) {
    const venia = cargado.abiertos && !cargado.escritos.has(el.name); // lo puso un archivo de datos abiertos anterior
    if (!comoAlAbrir(el) && !venia) escrito[el.name] = el.dataset.tipo === "booleano" ? el.checked : el.value.trim();
  }
  return escrito;
}

function dichoDeLoReemplazado(form, reemplazados) {
  const cambios = (reemplazados || []).map((r) => `«${nombreDelCampo(form, r.campo)}» (${r.antes}) por ${r.nuevo}`);
  return cambios.length ? ` Se reemplazó lo que había en ${cambios.join(", en ")}: es lo publicado.` : "";
}

// Los datos abiertos eligieron el pago con el número de factura y el «ID de pago» de entonces. Si cambiaron (el XML
// llegó después de los archivos del contrato, o la persona escribió otro pago), se vuelve a elegir con los mismos
// archivos; qué se vuelve a llenar (y qué no, por haberse cambiado a mano) lo decide Python
// (checker.datos_abiertos.lo_del_pago).
async function reelegirElPago(form) {
  const a = cargado.abiertos;
  const [numero, id] = [escritoEn(form, "factura.numero"), escritoEn(form, "pago.id_pago")];
  if (numero === a.numeroFactura && id === a.idPago) return;
  const resultado = JSON.parse(await pedir("datos_abiertos", { archivos: JSON.stringify(a.archivos), numeroFactura: numero,
    idContrato: a.idContrato, deLaFactura: deLaFactura(form), idPago: id !== a.idPago ? id : undefined,
    reelegir: JSON.stringify([...cargado.escritos]) }));
  if (resultado.error || cargado.abiertos !== a) return; // los mismos archivos ya se leyeron; o se vació mientras tanto
  llenar(form, resultado.solicitud);
  cargado.datos = resultado;
  a.numeroFactura = numero;
  a.idPago = escritoEn(form, "pago.id_pago");
}

// Varios XML de la misma factura (el correo trae el AttachedDocument y a veces también la factura suelta): cuáles usar
// lo decide Python (checker.xml_dian.la_misma_factura, el mismo criterio que con el ZIP del correo): uno si son copias
// de la misma y se puede elegir sin que el informe dependa del orden en que llegaron; si no, todos, y se pide uno.
// Un XML que no es una factura que se pueda leer (mal formado, otro documento) junto a la factura queda fuera, con
// su motivo en `avisos`, como en el ZIP del correo.
async function laMismaFactura(leidos) {
  const { usar, no_usados: noUsados } = JSON.parse(await pedir("la_misma_factura", { lista: leidos.map((l) => l.bytes) }));
  return { elegidos: usar.map((i) => leidos[i]),
    avisos: noUsados.map((n) => `No se usó «${leidos[n.indice].archivo.name}»: ${n.error}`) };
}

// Los archivos leídos sin los que repiten byte a byte a otro (el mismo soltado dos veces).
function sinRepetidos(leidos) {
  const iguales = (a, b) => {
    if (a.byteLength !== b.byteLength) return false;
    const [x, y] = [new Uint8Array(a), new Uint8Array(b)];
    return x.every((v, i) => v === y[i]);
  };
  return leidos.filter((l, i) => !leidos.slice(0, i).some((o) => iguales(o.bytes, l.bytes)));
}

// Se pulsó «Vaciar el formulario» mientras se leían unos archivos: lo leído ya no llena nada (ni se dice nada).
const VACIADO = new Error("vaciado");
function seguirEnElTurno(turno) {
  if (turno !== cargado.turno) throw VACIADO;
}

const DE_ANTES_DE_LOS_ARCHIVOS = "Este informe es de lo que había antes de estos archivos, no de ellos.";

// Archivos que llegan juntos (el botón, soltarlos, un ejemplo): Python reconoce cada uno por su contenido; se
// cargan la solicitud guardada, luego la factura y al final los datos abiertos del contrato, y se revisa todo.
// `ejemplo`: el nombre del ejemplo de un formador que trajo los archivos (se dice cuál se cargó, como con los demás).
async function recibirArchivos(raiz, lista, { ejemplo } = {}) {
  const archivos = [...lista].filter(Boolean);
  if (!archivos.length) return;
  // «Vaciar el formulario» mientras estos esperan al motor: lo que llegue después no se usa. (Otros archivos
  // elegidos mientras tanto sí se suman: cada elección se carga.)
  const turno = cargado.turno;
  const form = raiz.querySelector("[data-formulario]");
  // El ZIP en que llega la factura por correo trae también el PDF y los anexos: puede pesar más (de él solo se leen
  // los XML, con el límite de una factura). Se reconoce por sus primeros bytes, no por el nombre.
  const grandes = archivos.filter((a) => a.size > Number(raiz.dataset.tamanoMaximo));
  const zips = await Promise.all(grandes.map(async (a) => a.size <= Number(raiz.dataset.tamanoMaximoZip)
    && esZip(new Uint8Array(await a.slice(0, 4).arrayBuffer()))));
  const pesado = grandes.find((_, i) => !zips[i]);
  if (pesado) {
    const limite = Math.round(Number(raiz.dataset.tamanoMaximo) / (1024 * 1024));
    avisar(raiz, `«${pesado.name}» pesa más de ${limite} MiB: es demasiado para ser una factura o un archivo del contrato; `
      + "no se leyó, y tampoco los demás archivos que llegaron con él. No se cambió nada.", true);
    desactualizar(raiz, DE_ANTES_DE_LOS_ARCHIVOS);
    return;
  }
  avisar(raiz, motor.listo ? "Leyendo los archivos…" : "Los archivos se leerán apenas el validador esté listo.");
  const hechos = [];
  let descartados = false; // un XML que no es factura quedó fuera: se resalta, como los datos abiertos no usados
  let noUsados = "";
  try {
    // Los pedidos salen ya, como en validar(): el worker los atiende apenas su motor está listo.
    let leidos = await Promise.all(archivos.map(async (archivo) => ({ archivo, bytes: await archivo.arrayBuffer() })));
    const tipos = leidos.map((l) => pedir("reconocer", { bytes: l.bytes }));
    tipos.forEach((t) => t.catch(() => {})); // si el motor falla, lo dice motorListo()
    await motorListo();
    for (const [i, l] of leidos.entries()) l.tipo = JSON.parse(await tipos[i]).tipo;
    seguirEnElTurno(turno);
    const raro = leidos.find((l) => l.tipo === "desconocido");
    if (raro) {
      throw new Error(`No se reconoce «${raro.archivo.name}»: se esperaba el XML de la factura, una solicitud guardada (JSON) `
        + "o un archivo de datos abiertos de SECOP II (JSON o CSV). No se cambió nada.");
    }
    // Una sola factura (y una sola respuesta de la DIAN) por revisión: con dos distintas no se elige una en
    // silencio. El mismo archivo soltado dos veces cuenta una vez.
    for (const [tipo, que] of [["factura_xml", "facturas"], ["respuesta_xml", "respuestas de la DIAN"], ["solicitud", "solicitudes"]]) {
      let distintos = sinRepetidos(leidos.filter((x) => x.tipo === tipo));
      if (tipo === "factura_xml" && distintos.length > 1) {
        const { elegidos, avisos } = await laMismaFactura(distintos);
        distintos = elegidos;
        hechos.push(...avisos);
        descartados ||= avisos.length > 0;
      }
      seguirEnElTurno(turno);
      if (distintos.length > 1) {
        throw new Error(`Llegaron ${distintos.length} ${que} distintas (${distintos.map((l) => `«${l.archivo.name}»`).join(", ")}): `
          + "suelte una sola, la de la solicitud que quiere revisar. No se cambió nada.");
      }
      leidos = leidos.filter((x) => x.tipo !== tipo || x === distintos[0]);
    }
    for (const l of leidos.filter((x) => x.tipo === "solicitud")) {
      hechos.push(cargarSolicitud(form, l));
      ponerIdContrato(raiz, form.querySelector('[name="contrato.numero"]').value.trim());
    }
    for (const l of leidos.filter((x) => x.tipo === "factura_xml")) hechos.push(await cargarXml(form, l, turno));
    for (const l of leidos.filter((x) => x.tipo === "respuesta_xml")) hechos.push(cargarRespuesta(form, l));
    const abiertos = leidos.filter((x) => !["solicitud", "factura_xml", "respuesta_xml"].includes(x.tipo));
    if (abiertos.length) {
      try {
        hechos.push(await cargarDatosAbiertos(raiz, abiertos, turno));
      } catch (error) {
        // La factura (o la solicitud) que llegó con ellos sí se cargó: se revisa, y se dice que los datos abiertos no.
        if (!error.deLosDatosAbiertos || !hechos.length) throw error;
        noUsados = `No se usaron los archivos de datos abiertos: ${error.message}`;
      }
    }
  } catch (error) {
    if (error === VACIADO) return;
    armarEnlacesPartes(raiz);
    const nada = error.deLosDatosAbiertos ? " No se cambió nada del formulario." : "";
    avisar(raiz, [...hechos, error.message + nada].join(" "), true);
    desactualizar(raiz, DE_ANTES_DE_LOS_ARCHIVOS);
    return;
  }
  armarEnlacesPartes(raiz);
  if (turno !== cargado.turno) return;
  await validar(raiz);
  // Lo que se cargó se dice junto al informe, sin tapar un error de la revisión.
  if (raiz.dataset.estado === "resultado") {
    const cargado = ejemplo && `Ejemplo «${ejemplo}» cargado.`;
    avisar(raiz, [cargado, ...hechos, noUsados].filter(Boolean).join(" "), false, Boolean(noUsados) || descartados);
  }
}

function ponerIdContrato(raiz, numero) {
  const entrada = raiz.querySelector("[data-id-contrato]");
  entrada.value = numero;
  armarEnlaces(raiz);
  if (entrada.getAttribute("aria-invalid") === "true") {
    entrada.value = ""; // un número de contrato que no es de la forma CO1.PCCNTR.… no sirve aquí
    armarEnlaces(raiz);
  }
}

// El número del contrato arma los dos enlaces a sus filas en datos.gov.co (las plantillas vienen de Python, al
// construir el sitio). Son enlaces que abre la persona: esta página no los pide.
function armarEnlaces(raiz) {
  const entrada = raiz.querySelector("[data-id-contrato]");
  // Como la CLI (datos_abiertos.normalizar_id_contrato): sin espacios alrededor y en mayúsculas, como filtra el portal.
  const id = entrada.value.trim().toUpperCase();
  // La forma del número la dice el atributo pattern (de checker.datos_abiertos): la revisa el navegador.
  const valido = id !== "" && !entrada.validity.patternMismatch;
  const lista = raiz.querySelector("[data-enlaces]");
  lista.hidden = !valido;
  entrada.setAttribute("aria-invalid", String(id !== "" && !valido));
  for (const a of lista.querySelectorAll("[data-plantilla]")) {
    if (valido) a.href = a.dataset.plantilla.replace("{id}", encodeURIComponent(id));
    else a.removeAttribute("href");
  }
  armarEnlacesPartes(raiz);
  const ayuda = raiz.querySelector("[data-id-contrato-ayuda]");
  // Quien escribe la referencia del contrato que pone la entidad (CMA-045-2026) no sabe que aquí va otro número: se le
  // dice, sin suponer quién revisa (el proveedor o la entidad, ?etapa=entidad).
  const referencia = id !== "" && !/^co1\./i.test(id);
  ayuda.textContent = referencia
    ? "Ese parece el número que la entidad le da al contrato (su referencia); aquí va el de SECOP II (CO1.PCCNTR.1234567, "
      + "en la URL del contrato). Sin él: cargue la factura y use el enlace a los contratos de quien la emite con la "
      + "entidad, abajo."
    : id !== "" && !valido ? "El número tiene la forma CO1.PCCNTR.1234567 (sin espacios en medio)."
    : valido ? "Abra cada enlace, guarde el archivo y suéltelo en esta página (o elíjalo con el botón de arriba)."
      : "Está en la URL y en la sección 1 del contrato en SECOP II; empieza por CO1.PCCNTR.";
}

// Sin el número del contrato: con la factura en el formulario, el enlace a los contratos de quien la emite con la
// entidad que la recibe (la plantilla y el mínimo de dígitos vienen de Python, al construir el sitio).
function armarEnlacesPartes(raiz) {
  const form = raiz.querySelector("[data-formulario]");
  const bloque = raiz.querySelector("[data-enlaces-partes]");
  const digitos = (nombre) => (controlDe(form, nombre)?.value || "").split("-")[0].replace(/\D/g, "");
  const partes = { proveedor: digitos("factura.proveedor.numero"), entidad: digitos("factura.adquiriente.numero") };
  const [minimo, maximo] = [Number(bloque.dataset.digitosMinimos), Number(bloque.dataset.digitosMaximos)];
  const listo = Object.values(partes).every((d) => d.length >= minimo && d.length <= maximo);
  bloque.hidden = !listo;
  for (const a of bloque.querySelectorAll("[data-plantilla-partes]")) {
    if (listo) a.href = a.dataset.plantillaPartes.replace("{proveedor}", partes.proveedor).replace("{entidad}", partes.entidad);
    else a.removeAttribute("href");
  }
}

// ---------------------------------------------------------------------------------------------
// Ejemplos para formadores: /validador/#ejemplo=factura-rechazada

// El nombre de un ejemplo como lo escribe quien arma un enlace: «#ejemplo=Típica» o «#ejemplo=solo factura» valen
// como «tipica» y «solo-factura» (los nombres publicados van en minúscula, sin tildes, con guiones).
function nombreDeEjemplo(hash) {
  const pedido = (hash.match(/^#ejemplo=(.*)$/) || [])[1];
  if (pedido === undefined) return null;
  let texto = pedido;
  try {
    texto = decodeURIComponent(pedido);
  } catch { /* un % suelto: se usa tal como vino */ }
  return { pedido: texto, nombre: texto.normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim().toLowerCase().replace(/[\s_]+/g, "-") };
}

// Los enlaces de «Casos de ejemplo» llevan la dirección de la página como está (con «?etapa=entidad» si la entidad
// revisa): abrir un ejemplo no devuelve a la entidad a la etapa del proveedor, y el enlace copiado la conserva.
function enlacesDeEjemplo(raiz) {
  for (const a of raiz.querySelectorAll("a[href*='#ejemplo=']")) {
    const url = new URL(location.href);
    url.hash = new URL(a.href, location.href).hash;
    a.href = url.href;
  }
}

// Lo que la persona carga después de abrir un ejemplo ya no es el ejemplo: la dirección deja de decirlo (al
// recargar o compartirla volvería el ejemplo, no lo suyo).
function olvidarEjemplo() {
  if (location.hash.startsWith("#ejemplo=")) history.replaceState(history.state, "", location.pathname + location.search);
}

async function abrirEjemplo(raiz) {
  const ejemplo = nombreDeEjemplo(location.hash);
  if (!ejemplo) return;
  const { nombre, pedido } = ejemplo;
  const form = raiz.querySelector("[data-formulario]");
  // Los ejemplos que hay son los de «Casos de ejemplo» (la construcción los pone ahí): otro nombre no se pide al
  // servidor (sería un 404 en la consola de quien abrió un enlace mal escrito).
  const publicados = [...raiz.querySelectorAll("a[href*='#ejemplo=']")].map((a) => nombreDeEjemplo(new URL(a.href).hash)?.nombre);
  const existe = publicados.includes(nombre);
  const url = new URL(`../generado/ejemplos/${existe ? nombre : "-"}.json`, import.meta.url);
  const respuesta = existe ? await fetch(url) : null;
  if (!respuesta?.ok) {
    avisar(raiz, `No existe el ejemplo «${pedido.slice(0, 60)}»: elija uno en «Casos de ejemplo», al pie del formulario.`, true);
    return;
  }
  const { perfil, archivos, ...solicitud } = await respuesta.json();
  vaciarFormulario(form);
  if (archivos) {
    // Un ejemplo de archivos (la factura sola, o con los datos abiertos) se carga como si se soltaran aquí.
    const bajados = await Promise.all(archivos.map(async ({ nombre: n, ruta }) =>
      new File([await (await fetch(new URL(ruta, url))).blob()], n)));
    recibirArchivos(raiz, bajados, { ejemplo: nombre });
    return;
  }
  llenar(form, solicitud);
  const cargadoEl = `Ejemplo «${nombre}» cargado${perfil ? " (sin el perfil de entidad, que el formulario no usa)" : ""}.`;
  avisar(raiz, cargadoEl);
  // Se cumple ya lleno el formulario; el informe llega cuando el motor esté listo (validar no rechaza). El aviso
  // vuelve junto al informe (validar lo limpia), para quien llega por un enlace de formador.
  validar(raiz).then(() => {
    if (raiz.dataset.estado === "resultado") avisar(raiz, cargadoEl);
  });
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

// «Vaciar el formulario»: también deja sin efecto lo que estaba esperando al motor o a leerse (el turno cambia).
function vaciarTodo(raiz) {
  cargado.turno++;
  olvidarEjemplo();
  vaciarFormulario(raiz.querySelector("[data-formulario]"));
  ponerIdContrato(raiz, ""); // el número del contrato de los enlaces también: no vuelve a elegir el contrato
  armarEnlacesPartes(raiz);
  avisar(raiz, "");
  quitarInforme(raiz);
}

// ---------------------------------------------------------------------------------------------

export function montar(raiz) {
  if (raiz.dataset.montado) return;
  raiz.dataset.montado = "si";
  actual = raiz;
  const motorNuevo = iniciarMotor();
  mostrarMotor(raiz);
  prepararLetras(raiz);
  const form = raiz.querySelector("[data-formulario]");

  form.addEventListener("submit", (evento) => {
    evento.preventDefault();
    validar(raiz, true);
  });
  form.addEventListener("click", (evento) => {
    const agregar = evento.target.closest("[data-agregar]");
    const quitar = evento.target.closest("[data-quitar]");
    const lista = (agregar || quitar)?.closest("[data-lista]")?.dataset.lista;
    if (lista?.startsWith("contrato.")) cargado.escritos.add(lista);
    if (agregar) agregarFila(agregar.closest("[data-lista]")).querySelector("input,select")?.focus();
    if (quitar) {
      const lista = quitar.closest("[data-lista]");
      quitar.closest("fieldset").remove();
      renumerar(lista);
    }
  });
  raiz.querySelector("[data-guardar]").addEventListener("click", async () => {
    let datos = recoger(form);
    if (cargado.delXml) {
      datos = JSON.parse(await pedir("solicitud_completa", { solicitud: JSON.stringify(datos), ...conLoLeido(form) }));
    }
    descargar(JSON.stringify(datos, null, 2), `solicitud-${datos.contrato?.numero || "secop"}.json`.replace(/[^\w.-]+/g, "_"));
  });
  raiz.querySelector("[data-limpiar]").addEventListener("click", () => vaciarTodo(raiz));
  for (const entrada of raiz.querySelectorAll("[data-archivos], [data-archivo-xml], [data-archivo-json]")) {
    entrada.addEventListener("change", () => {
      olvidarEjemplo();
      recibirArchivos(raiz, entrada.files);
      entrada.value = "";
    });
  }
  // Quien corrige a mano un dato de la factura manda sobre el XML (salvo la clave técnica y el PIN, que no viajan en él).
  form.addEventListener("input", (evento) => {
    const nombre = evento.target.name || "";
    if (nombre.startsWith("factura.") && !["factura.clave_tecnica", "factura.pin_software"].includes(nombre)) cargado.xml = null;
    if (["factura.proveedor.numero", "factura.adquiriente.numero"].includes(nombre)) armarEnlacesPartes(raiz);
    if (nombre.startsWith("contrato.")) cargado.escritos.add(nombre);
    // Solo los datos de la solicitud (sus rutas llevan punto), no «¿Quién revisa?» ni el campo de los enlaces.
    if (nombre.includes(".")) desactualizar(raiz, "Este informe es de antes de sus cambios: pulse «Validar» para revisar de nuevo.");
  });
  const zona = raiz.querySelector("[data-soltar]");
  raiz.addEventListener("dragover", (evento) => {
    evento.preventDefault();
    zona.classList.add("v-soltar--encima");
  });
  raiz.addEventListener("dragleave", (evento) => {
    if (!raiz.contains(evento.relatedTarget)) zona.classList.remove("v-soltar--encima");
  });
  raiz.addEventListener("drop", (evento) => {
    evento.preventDefault();
    zona.classList.remove("v-soltar--encima");
    olvidarEjemplo();
    recibirArchivos(raiz, evento.dataTransfer.files);
  });
  const idContrato = raiz.querySelector("[data-id-contrato]");
  idContrato.addEventListener("input", () => armarEnlaces(raiz));
  // Lo escrito antes de montar (la página ya se veía mientras llegaba este script), como los archivos de abajo.
  if (idContrato.value.trim()) armarEnlaces(raiz);
  // Cambiar quién revisa vuelve a revisar lo que ya tiene informe (la severidad de cada regla depende de eso).
  etapaDelEnlace(raiz);
  enlacesDeEjemplo(raiz);
  raiz.querySelector("[data-quien-revisa]").addEventListener("change", () => {
    // La dirección la dice, para guardarla o compartirla (la de omisión, el proveedor, no la lleva).
    const url = new URL(location.href);
    if (etapaElegida(raiz) === "entidad") url.searchParams.set("etapa", "entidad");
    else url.searchParams.delete("etapa");
    history.replaceState(history.state, "", url);
    enlacesDeEjemplo(raiz);
    if (raiz.dataset.estado === "resultado" || !raiz.querySelector("[data-informe]").hidden) validar(raiz);
  });
  // Se pulsó «Vaciar el formulario» antes de montar (el script del bloque ya descartó lo soltado hasta ahí).
  if (window.__vaciarValidador) {
    delete window.__vaciarValidador;
    vaciarTodo(raiz);
  }
  // Lo que llegó antes de montar: soltado (lo guardó el script del bloque) o elegido con un botón.
  const tempranos = [...(window.__archivosValidador?.splice(0) || [])];
  for (const entrada of raiz.querySelectorAll("[data-archivos], [data-archivo-xml], [data-archivo-json]")) {
    tempranos.push(...entrada.files);
    entrada.value = "";
  }
  if (tempranos.length) recibirArchivos(raiz, tempranos);
  window.addEventListener("hashchange", () => actual === raiz && abrirEjemplo(raiz));
  const ejemplo = abrirEjemplo(raiz);
  if (motorNuevo) darPasoAlMotor(ejemplo);
  // Después de que el motor esté listo, para no competir con la primera carga.
  motorListo().then(registrarSinConexion, () => {});
}
