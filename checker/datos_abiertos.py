"""El contrato desde los datos abiertos de SECOP II: filas de «Contratos Electrónicos» y «Plan de pagos».

Funciones puras: texto de un archivo (JSON de la API de Socrata o CSV como lo exporta el portal)
adentro; el `contrato` de la solicitud, su plan de pagos y el pago que corresponde a la factura
afuera, con avisos en español para las filas que no encajan. Nada aquí hace pedidos a la red: los
archivos los abre y guarda la persona con los enlaces de `enlaces()`.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Iterable, Optional
from urllib.parse import quote

from . import paquete
from .formatos import ValorNoValido, cantidad, leer_dinero, texto_exacto
from .modelos import DOCUMENTOS_NUMERICOS, NOMBRES_DOCUMENTO, PATRON_DOCUMENTO
from .nit import mismo_documento

# El id que SECOP II da a un contrato electrónico («ID Contrato»): CO1.PCCNTR.1234567.
_PREFIJO_ID_CONTRATO, _CIFRAS_ID_CONTRATO = "CO1.PCCNTR.", "[0-9]{1,12}"
PATRON_ID_CONTRATO = re.escape(_PREFIJO_ID_CONTRATO) + _CIFRAS_ID_CONTRATO
_ID_CONTRATO = re.compile(PATRON_ID_CONTRATO)
# Como se puede escribir o pegar (en minúsculas, con espacios alrededor): el atributo pattern del campo de la página
# (que no tiene opción de mayúsculas y minúsculas), que acepta lo mismo que la CLI (normalizar_id_contrato lo deja en
# la forma de SECOP II). Sale del mismo prefijo, letra por letra.
PATRON_ID_CONTRATO_ESCRITO = (r"\s*" + "".join(f"[{c}{c.lower()}]" if c.isalpha() else re.escape(c)
                                               for c in _PREFIJO_ID_CONTRATO) + _CIFRAS_ID_CONTRATO + r"\s*")
_MAXIMO_FILAS = 5000  # el plan de un contrato tiene decenas de pagos; miles es otro archivo


@dataclass(frozen=True)
class Conjunto:
    clave: str
    recurso: str  # identificador del conjunto en datos.gov.co
    titulo: str
    columna_contrato: str  # la columna que filtra por contrato (en la API y en el enlace)
    requeridas: tuple[str, ...]  # las columnas del conjunto que el validador lee (todas están en su CSV)
    identidad: tuple[str, ...]  # las que toda fila trae con valor: sin ellas la fila no es de nada
    # Las que el portal muestra con otro nombre que el de la API, ya normalizadas (ver normalizar_columna).
    sinonimos: dict[str, str] = field(default_factory=dict)
    # Las columnas del conjunto (HECHOS §5): una cabecera escrita de otra forma («NIT de la Entidad», «Valor Contrato»)
    # se reconoce por su clave (ver clave_de_columna), solo dentro del conjunto ya reconocido.
    conocidas: tuple[str, ...] = ()


CONTRATOS = Conjunto(
    clave="contratos", recurso="jbjy-vk9h", titulo="SECOP II - Contratos Electrónicos", columna_contrato="id_contrato",
    requeridas=("id_contrato", "nit_entidad", "documento_proveedor", "valor_del_contrato",
                "fecha_de_inicio_del_contrato", "fecha_de_fin_del_contrato"),
    identidad=("id_contrato",),
    sinonimos={"url_proceso": "urlproceso", "tipo_doc_proveedor": "tipodocproveedor", "entidad": "nombre_entidad",
               "tipo_documento_proveedor": "tipodocproveedor"},
    conocidas=("nombre_entidad", "nit_entidad", "id_contrato", "referencia_del_contrato", "estado_contrato",
               "tipo_de_contrato", "modalidad_de_contratacion", "objeto_del_contrato", "fecha_de_firma",
               "fecha_de_inicio_del_contrato", "fecha_de_fin_del_contrato", "tipodocproveedor", "documento_proveedor",
               "proveedor_adjudicado", "es_grupo", "es_pyme", "valor_del_contrato", "valor_de_pago_adelantado",
               "valor_facturado", "valor_pendiente_de_pago", "valor_pagado", "valor_amortizado",
               "valor_pendiente_de_amortizacion", "valor_pendiente_de_ejecucion", "nombre_supervisor", "urlproceso",
               "ultima_actualizacion"),
)
PLAN_DE_PAGOS = Conjunto(
    clave="plan_de_pagos", recurso="uymx-8p3j", titulo="SECOP II - Plan de pagos", columna_contrato="id_del_contrato",
    requeridas=("id_del_contrato", "id_de_pago", "estado", "valor_a_pagar"),
    identidad=("id_del_contrato", "id_de_pago"),
    # valor_total_de_la_factura: el nombre que el código público que lee el plan prueba si no hay valor_total.
    sinonimos={"id_contrato": "id_del_contrato", "id_pago": "id_de_pago", "numero_factura": "numero_de_factura",
               "valor_total_de_la_factura": "valor_total"},
    conocidas=("id_del_contrato", "id_de_pago", "referencia_contrato", "estado", "numero_de_factura", "notas",
               "valor_a_pagar", "valor_neto", "valor_total", "fecha_de_emision", "fecha_de_recepcion",
               "fecha_de_vencimiento", "fecha_estimada_de_pago", "fecha_real_de_pago", "codigo_entidad",
               "nombre_entidad", "nombre_proveedor"),
)
CONJUNTOS = (CONTRATOS, PLAN_DE_PAGOS)
# «SECOP II - Facturas» no es un conjunto que el validador lea: trae las facturas enviadas, no los pagos del plan
# (faltan los que aún no tienen factura). Se reconoce para decirlo, en vez de tomarlo por un plan de pagos: sus
# columnas id_contrato e id_pago (HECHOS §5) son las que el plan tiene con otro nombre.
FACTURAS = Conjunto(clave="facturas", recurso="ibyt-yi2f", titulo="SECOP II - Facturas", columna_contrato="id_contrato",
                    requeridas=(), identidad=())
# Columnas que solo tiene «Facturas»: usuario_pago (HECHOS §5); fecha_factura y pago_confirmado, como las lee el
# código público que usa ese conjunto (por confirmar en una exportación real).
_SOLO_FACTURAS = frozenset({"usuario_pago", "fecha_factura", "pago_confirmado"})
# Las que distinguen un plan de pagos aunque venga con los nombres cortos: id_del_contrato e id_de_pago por su nombre
# exacto (su clave es la de id_contrato e id_pago de «Facturas»), las fechas de pago por su clave («Fecha Estimada
# Pago»).
_SOLO_PLAN = frozenset({"id_del_contrato", "id_de_pago"})
_SOLO_PLAN_POR_CLAVE = frozenset({"fechaestimadapago", "fecharealpago"})

# Estados de un pago en «Plan de pagos» (los vistos en los datos abiertos, HECHOS §5, y los que dan las guías de
# CCE, §1 y §4: «Aceptada» tras aprobar, por confirmar; «Enviado a la entidad estatal» tras «Enviar»).
# Con factura aprobada (cuenta en lo facturado a la fecha):
APROBADOS = frozenset({"pagado", "aprobado", "aceptada"})
# Con una factura en trámite (el pago no está libre para otra factura):
EN_TRAMITE = frozenset({"enviado por proveedor", "bajo aprobacion", "enviado a la entidad estatal"})
# Otras formas de escribir un estado conocido (HECHOS §1: «Enviado por el Proveedor» en un tutorial).
_OTRA_FORMA = {"enviado por el proveedor": "enviado por proveedor"}
# Sin factura (libres para esta):
LIBRES = frozenset({"pendiente registro", "rechazado", ""})
# Para elegir una fila cuando el mismo pago aparece dos veces: la más avanzada.
_AVANCE = {"pagado": 5, "aprobado": 4, "aceptada": 4, "bajo aprobacion": 3, "enviado por proveedor": 2,
           "enviado a la entidad estatal": 2, "pendiente registro": 1, "rechazado": 0}
# Los tipos de documento de una persona jurídica; los demás son de una persona natural.
_DE_PERSONA_JURIDICA = frozenset({"NIT", "NITE"})


_ALFANUMERICO = re.compile(PATRON_DOCUMENTO)


def con_factura_aprobada(estado: Optional[str]) -> bool:
    """¿El estado publicado de un pago dice que su factura ya se aprobó (o se pagó)?"""
    return estado is not None and _texto_normal(estado) in APROBADOS


def sin_factura(estado: Optional[str]) -> bool:
    """¿El estado publicado de un pago dice que no tiene una factura que cuente (rechazada o sin registrar)? Un estado
    que no se escribió no dice nada."""
    normal = _texto_normal(estado or "")
    return bool(normal) and normal in LIBRES


class DatosNoValidos(ValueError):
    """Un archivo de datos abiertos que no se puede usar; el mensaje dice qué hacer."""


class VariosContratos(DatosNoValidos):
    """Los archivos traen varios contratos y no se sabe cuál es el de la factura: quien llama dice cómo indicarlo (la
    página, en su campo; la CLI, con --id-contrato)."""


class ContratoYPlanDistintos(VariosContratos):
    """El único contrato de los archivos no es el del plan de pagos: quien llama dice cómo indicar cuál se revisa."""


class ConjuntoQueNoSeUsa(DatosNoValidos):
    """Un archivo legible de un conjunto que el validador no usa («SECOP II - Facturas») o que no reconoce (entonces
    `conjunto` es None y `columnas` dice las que trae). Junto a archivos que sí sirven se deja fuera con un aviso
    (`leer_archivos`); solo, su mensaje es el error."""

    def __init__(self, nombre: str, conjunto: Optional[Conjunto], columnas: Iterable[str]):
        self.nombre, self.conjunto, self.columnas = nombre, conjunto, sorted(columnas)
        super().__init__(f"«{nombre}» {self._que_es()}: {self._que_usa()}")

    def _que_es(self) -> str:
        if self.conjunto is FACTURAS:
            return (f"es de «{FACTURAS.titulo}» ({FACTURAS.recurso}), que trae las facturas enviadas, no el plan de pagos "
                    "del contrato")
        cuales = ", ".join(c[:40] for c in self.columnas[:10]) + (", …" if len(self.columnas) > 10 else "")
        return (f"no es de «{CONTRATOS.titulo}» ni de «{PLAN_DE_PAGOS.titulo}», los conjuntos que usa el validador "
                f"(sus columnas: {cuales})")

    def _que_usa(self) -> str:
        if self.conjunto is FACTURAS:
            return (f"el validador necesita «{PLAN_DE_PAGOS.titulo}» ({PLAN_DE_PAGOS.recurso}), con todos los pagos, "
                    "también los que aún no tienen factura: bájelo con el enlace del validador.")
        return (f"el validador espera «{CONTRATOS.titulo}» ({CONTRATOS.recurso}), con id_contrato y valor_del_contrato o "
                f"documento_proveedor, o «{PLAN_DE_PAGOS.titulo}» ({PLAN_DE_PAGOS.recurso}), con id_del_contrato e "
                "id_de_pago: bájelos con los enlaces del validador.")

    def aviso(self) -> str:
        """El aviso cuando otros archivos sí sirven (sin el plan, `combinar` dice que falta)."""
        return f"«{self.nombre}» {self._que_es()}: no se usó; se revisó con los demás archivos."


@dataclass
class Archivo:
    nombre: str
    # None: una lista JSON vacía, que no dice de qué conjunto es (`combinar` la toma por el plan si falta).
    conjunto: Optional[Conjunto]
    filas: list[dict[str, str]]
    # Un CSV separado por «;» o por tabuladores: no es el que exporta el portal, sino uno guardado de nuevo con
    # Excel (en español, o como «Texto Unicode»): su separador; vacío si es el del portal.
    reguardado: str = ""


@dataclass
class Resultado:
    """Lo que los archivos dicen del contrato: datos para la solicitud, la elección del pago y avisos."""

    contrato: dict[str, Any] = field(default_factory=dict)
    id_pago: Optional[str] = None
    eleccion: Optional[str] = None
    avisos: list[str] = field(default_factory=list)
    archivos: list[dict[str, Any]] = field(default_factory=list)
    # Rutas de la solicitud que los archivos no dicen y se supusieron (el tipo de documento del contratista con
    # «No Definido», si es un consorcio sin «es_grupo»): lo que la persona escribió en ellas manda (sin_lo_supuesto).
    supuestos: list[str] = field(default_factory=list)
    # Si la fila del contrato (de «Contratos Electrónicos») llenó el contrato: sin ella (solo el plan, o el archivo
    # del contrato es de otro), el contrato no está completo.
    con_el_contrato: bool = False
    # El pago adelantado que publica el contrato (valor_de_pago_adelantado), para reconocerlo en el plan.
    adelantado: Optional[Decimal] = None
    # La fecha de recepción que publica el plan para esta factura (ya enviada), AAAA-MM-DD: la usa la CLI (la página
    # tiene su campo, que la persona llena o confirma).
    fecha_recepcion: Optional[str] = None
    # Las filas (por id()) de un CSV guardado de nuevo con Excel: cada fecha que se llena de ellas se dice cómo se leyó.
    reguardadas: set[int] = field(default_factory=set, repr=False)

    def solicitud(self) -> dict[str, Any]:
        datos: dict[str, Any] = {"contrato": self.contrato}
        if self.id_pago:
            datos["pago"] = {"id_pago": self.id_pago}
        return datos


def sin_lo_supuesto(solicitud: dict[str, Any], escrito: Iterable[str], supuestos: Iterable[str]) -> dict[str, Any]:
    """La solicitud de los datos abiertos sin lo que se supuso donde la persona ya escribió algo (`escrito`: rutas
    como «contrato.tipo_persona»): un supuesto no reemplaza un dato."""
    quitar = set(escrito) & set(supuestos)
    def sin(datos: Any, prefijo: str) -> Any:
        if not isinstance(datos, dict):
            return datos
        return {k: sin(v, f"{prefijo}{k}.") for k, v in datos.items() if f"{prefijo}{k}" not in quitar}
    return sin(solicitud, "")


def reemplazados(escrito: dict[str, Any], solicitud: dict[str, Any]) -> list[dict[str, str]]:
    """Lo que la solicitud de los datos abiertos cambia de lo que la persona tenía escrito (`{"contrato.valor":
    "60.000.000"}`, rutas del formulario): los archivos mandan, pero se dice qué se reemplazó (un valor con una adición
    que aún no se publica, por ejemplo). El mismo valor escrito de otra forma («47.600.000» y «47600000») no cuenta."""
    cambios = []
    for ruta, antes in escrito.items():
        nuevo: Any = solicitud
        for parte in str(ruta).split("."):
            nuevo = nuevo.get(parte) if isinstance(nuevo, dict) else None
        antes = str(antes).strip()
        if antes and nuevo is not None and not isinstance(nuevo, (dict, list, bool)) and not _mismo_valor(antes, str(nuevo)):
            cambios.append({"campo": str(ruta), "antes": antes, "nuevo": str(nuevo)})
    return cambios


PLAN_EDITADO = ("El plan de pagos se cambió a mano y no se volvió a llenar con los datos abiertos: revise «Ya facturado "
                "en este pago» (la factura que se revisa no cuenta en su propio pago).")


def lo_del_pago(solicitud: dict[str, Any], a_mano: list[str]) -> tuple[dict[str, Any], list[str]]:
    """Lo que cambia al volver a elegir el pago con los mismos archivos (otro número de factura u otro «ID de pago»
    escrito): el pago, el plan (lo ya facturado en cada pago depende de cuál es el de esta factura) y lo facturado a la
    fecha. Lo demás del contrato no cambia, ni lo que la persona cambió a mano (`a_mano`, rutas del formulario: el plan o
    una de sus filas, lo facturado a la fecha); si el plan se cambió a mano, un aviso lo dice."""
    def editado(prefijo: str) -> bool:
        return any(ruta == prefijo or ruta.startswith(prefijo + ".") for ruta in a_mano)

    contrato, avisos = {}, []
    for campo in ("plan_de_pagos", "facturado_a_la_fecha"):
        if editado(f"contrato.{campo}"):
            avisos += [PLAN_EDITADO] if campo == "plan_de_pagos" else []
        elif campo in solicitud["contrato"]:
            contrato[campo] = solicitud["contrato"][campo]
    return {"contrato": contrato, "pago": {"id_pago": (solicitud.get("pago") or {}).get("id_pago") or ""}}, avisos


def _mismo_valor(a: str, b: str) -> bool:
    if a == b:
        return True
    try:
        return leer_dinero(a) == leer_dinero(b)
    except ValorNoValido:
        return False


@dataclass(frozen=True)
class DeLaFactura:
    """Lo que dice la factura para encontrar su contrato entre varios: quién la emite, a quién y cuándo."""

    contratista: str = ""
    entidad: str = ""
    fecha: Optional[date] = None
    # Lo que puede cobrar la factura en pesos: el valor a pagar y, si descuenta un anticipo, también con él (el pago
    # del plan es la cuota entera). Vacío si la factura no está en pesos o no lo dice.
    valores: tuple[Decimal, ...] = ()

    @classmethod
    def de(cls, datos: Any) -> Optional[DeLaFactura]:
        """`{"contratista": "901234567", "entidad": "800100200", "fecha": "2026-06-01", "valor_a_pagar": "11900000.00",
        "anticipo_descontado": "0", "moneda": "COP"}`; lo que no se entiende se ignora (sirve para elegir entre varios
        contratos, y entre los pagos libres el del valor de la factura; sin eso, se le pide el número a la persona)."""
        if not isinstance(datos, dict):
            return None
        try:
            dia: Optional[date] = date.fromisoformat(str(datos.get("fecha") or ""))
        except ValueError:
            dia = None
        return cls(contratista=str(datos.get("contratista") or ""), entidad=str(datos.get("entidad") or ""), fecha=dia,
                   valores=_valores_de_la_factura(datos))


def _valores_de_la_factura(datos: dict[str, Any]) -> tuple[Decimal, ...]:
    if str(datos.get("moneda") or "COP").strip().upper() != "COP":
        return ()
    try:
        a_pagar = leer_dinero(str(datos.get("valor_a_pagar") or ""))
        anticipo = leer_dinero(str(datos.get("anticipo_descontado") or "0"))
    except ValorNoValido:
        return ()
    return tuple(dict.fromkeys(v for v in (a_pagar, a_pagar + anticipo) if v > 0))


# -- enlaces ------------------------------------------------------------------------------------

def plantilla_enlace(conjunto: Conjunto, formato: str) -> str:
    """La URL de la API con `{id}` donde va el id del contrato (la página la completa)."""
    return f"https://www.datos.gov.co/resource/{conjunto.recurso}.{formato}?{conjunto.columna_contrato}={{id}}"


def normalizar_id_contrato(texto: str) -> str:
    """«co1.pccntr.1234567 » → «CO1.PCCNTR.1234567»: el portal filtra por el id exacto, en mayúsculas."""
    return texto.strip().upper()


def id_contrato_valido(texto: str) -> bool:
    return bool(_ID_CONTRATO.fullmatch(normalizar_id_contrato(texto)))


def enlaces(id_contrato: str) -> list[dict[str, str]]:
    """Los enlaces a las filas del contrato en cada conjunto (JSON y CSV). Lanza DatosNoValidos si el id no sirve."""
    limpio = normalizar_id_contrato(id_contrato)
    if not id_contrato_valido(limpio):
        raise DatosNoValidos(f"«{limpio[:40]}» no es un número de contrato de SECOP II: tiene la forma CO1.PCCNTR.1234567.")
    return [{"conjunto": c.clave, "titulo": c.titulo,
             **{formato: plantilla_enlace(c, formato).replace("{id}", quote(limpio)) for formato in ("json", "csv")}}
            for c in CONJUNTOS]


# Sin el ID del contrato, el proveedor tiene su factura: el número de quien la emite y el de la entidad que la
# recibe. Con ellos, «Contratos Electrónicos» da los contratos de ese proveedor con esa entidad. El filtro es SoQL
# ($where con like, dev.socrata.com): encuentra el número también si el portal lo guarda con otros caracteres
# alrededor (el dígito de verificación pegado, por confirmar). `{proveedor}` y `{entidad}` son solo dígitos.
DIGITOS_MINIMOS_PARTE = 5  # menos dígitos encontrarían números ajenos que los contienen
DIGITOS_MAXIMOS_PARTE = 15


def plantilla_por_partes(formato: str) -> str:
    """La URL de «Contratos Electrónicos» con los contratos de un proveedor con una entidad (la página la completa)."""
    filtro = "documento_proveedor like '%{proveedor}%' AND nit_entidad like '%{entidad}%'"
    return f"https://www.datos.gov.co/resource/{CONTRATOS.recurso}.{formato}?$where={quote(filtro, safe='{}')}"


def digitos_de_parte(numero: str) -> str:
    """Los dígitos del número de una parte, sin el DV si viene después de un guion: «901.234.567-7» → 901234567."""
    return _documento(numero)[0]


def enlaces_por_partes(proveedor: str, entidad: str) -> dict[str, str]:
    """Los enlaces a los contratos del proveedor con la entidad (JSON y CSV). Lanza DatosNoValidos si un número no
    sirve para buscar."""
    partes = {"proveedor": digitos_de_parte(proveedor), "entidad": digitos_de_parte(entidad)}
    for que, digitos in partes.items():
        if not DIGITOS_MINIMOS_PARTE <= len(digitos) <= DIGITOS_MAXIMOS_PARTE:
            de_quien = "del proveedor" if que == "proveedor" else "de la entidad"
            raise DatosNoValidos(f"El número {de_quien} debe tener entre {DIGITOS_MINIMOS_PARTE} y "
                                 f"{DIGITOS_MAXIMOS_PARTE} dígitos para buscar sus contratos.")
    enlaces = {}
    for formato in ("json", "csv"):
        enlaces[formato] = plantilla_por_partes(formato).replace("{proveedor}", partes["proveedor"]).replace(
            "{entidad}", partes["entidad"])
    return {"conjunto": CONTRATOS.clave, "titulo": CONTRATOS.titulo, **enlaces}


# -- lectura de un archivo ----------------------------------------------------------------------

def normalizar_columna(nombre: str) -> str:
    """«Fecha de Inicio del Contrato» (CSV del portal) y `fecha_de_inicio_del_contrato` (API) dan lo mismo."""
    sin_tildes = unicodedata.normalize("NFKD", nombre).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", sin_tildes.lower()).strip("_")


def _texto_normal(valor: str) -> str:
    return normalizar_columna(valor).replace("_", " ")


_ARTICULOS = frozenset({"de", "del", "la", "las", "los", "el"})


def clave_de_columna(nombre: str) -> str:
    """«NIT de la Entidad», «nit_entidad» y «Nit Entidad» dan «nitentidad»: sin tildes, mayúsculas, espacios ni
    artículos. Sirve para reconocer una columna dentro de un conjunto; no para reconocer el conjunto, porque
    id_de_pago (plan) e id_pago (Facturas) dan la misma clave."""
    return "".join(p for p in normalizar_columna(nombre).split("_") if p not in _ARTICULOS)


def _nombres_del_conjunto(conjunto: Conjunto, columnas: Iterable[str]) -> dict[str, str]:
    """Cada columna del archivo (normalizada) y el nombre del conjunto que le corresponde: el mismo si es conocido, su
    sinónimo, o la columna conocida con su misma clave; la que no se reconoce queda como está."""
    cols = list(columnas)
    por_clave = {clave_de_columna(c): c for c in conjunto.conocidas}
    nombres = {}
    for c in cols:
        nuevo = c if c in conjunto.conocidas else conjunto.sinonimos.get(c) or por_clave.get(clave_de_columna(c), c)
        # Si el archivo ya trae la columna con su nombre exacto, otra que se le parece no la reemplaza.
        nombres[c] = c if nuevo != c and nuevo in cols else nuevo
    return nombres


# «tipodocproveedor» como lo publica SECOP II («Cédula de Ciudadanía», «NIT», «Pasaporte»…) o con la sigla: los
# nombres de la tabla de la DIAN (modelos.NOMBRES_DOCUMENTO), sin tildes ni mayúsculas.
_TIPOS_DOCUMENTO = {clave: tipo for tipo, nombre in NOMBRES_DOCUMENTO.items() if tipo != "OTRO"
                    for clave in (_texto_normal(nombre), tipo.lower())}


def _valor(v: Any) -> str:
    if isinstance(v, dict):  # urlproceso llega como {"url": "…"}
        return str(v.get("url", ""))
    return "" if v is None else str(v).strip()


def leer_archivo(nombre: str, texto: str) -> Archivo:
    """Las filas de un archivo de datos abiertos, con las columnas normalizadas y el conjunto reconocido."""
    contenido = texto.lstrip("\ufeff \t\r\n")
    if not contenido:
        raise DatosNoValidos(f"«{nombre}» está vacío.")
    if (otro := otro_formato(contenido)) is not None:
        raise DatosNoValidos(f"«{nombre}» {otro}")
    separador = None if contenido[0] in "[{" else separador_csv(contenido.splitlines()[0])
    # Dónde está cada fila, para nombrar una celda: la línea del CSV o el puesto en la lista JSON.
    lugares: list[str] = []
    originales: dict[str, str] = {}  # la cabecera del CSV como venía escrita, por su nombre normalizado
    if separador is None:
        filas = _filas_json(nombre, contenido)
        lugares = [f"la fila {i}" for i in range(1, len(filas) + 1)]
    else:
        filas, lineas, originales = _filas_csv(nombre, contenido, separador)
        lugares = [f"la línea {n}" for n in lineas]
    if not filas:
        # El portal responde sin filas si no encuentra el contrato, y también el plan de un contrato sin plan de
        # pagos publicado: un plan sin filas (o una lista JSON vacía, que no dice de qué conjunto es) lo decide
        # `combinar`, con el contrato a la vista. Un contrato sin filas es un número que no está.
        conjunto = None if separador is None else conjunto_de(columnas_de_la_cabecera(contenido))
        if separador is None or conjunto is PLAN_DE_PAGOS:
            return Archivo(nombre=nombre, conjunto=conjunto, filas=[])
        raise DatosNoValidos(_sin_filas(nombre))
    if len(filas) > _MAXIMO_FILAS:
        raise DatosNoValidos(f"«{nombre}» trae {len(filas)} filas: baje solo las del contrato con los enlaces del validador.")
    columnas = list(dict.fromkeys(c for f in filas for c in f))
    conjunto = conjunto_de(columnas)
    if conjunto is FACTURAS or conjunto is None:
        raise ConjuntoQueNoSeUsa(nombre, conjunto, columnas)
    nombres = _nombres_del_conjunto(conjunto, columnas)
    filas = [{nombres[k]: v for k, v in f.items()} for f in filas]
    presentes = set().union(*(f.keys() for f in filas))
    # La API de datos.gov.co (Socrata) no escribe en una fila del JSON las columnas que no tienen valor (null): que
    # falte una en el JSON es un dato vacío, y lo que no trae se pide después con un aviso. Pero una columna que no
    # trae ninguna fila del plan, de las que deciden qué pago es el de la factura (todo pago tiene estado y valor), no
    # es un dato vacío sino un archivo editado. El CSV trae siempre todas las columnas en la cabecera: si falta una,
    # el archivo se editó.
    if separador is None:
        exigidas = conjunto.identidad + (("estado", "valor_a_pagar") if conjunto is PLAN_DE_PAGOS else ())
    else:
        exigidas = conjunto.requeridas
    faltan = [c for c in exigidas if c not in presentes]
    if faltan:
        que = f"le falta la columna {faltan[0]}" if len(faltan) == 1 else f"le faltan las columnas {', '.join(faltan)}"
        sin_reconocer = [originales.get(c, c) for c in columnas if nombres[c] not in conjunto.conocidas]
        cuales = (f" (no se reconocieron: {', '.join(f'«{c[:40]}»' for c in sin_reconocer[:8])}"
                  f"{', …' if len(sin_reconocer) > 8 else ''})" if sin_reconocer else "")
        if separador is None:
            que = (f"no trae {'la columna' if len(faltan) == 1 else 'las columnas'} {', '.join(faltan)} en ninguna de "
                   "sus filas")
            raise DatosNoValidos(f"«{nombre}» ({conjunto.titulo}) {que}{cuales}: bájelo de nuevo completo, sin quitar "
                                 "columnas, con los enlaces del validador.")
        raise DatosNoValidos(f"A «{nombre}» ({conjunto.titulo}) {que}{cuales}: "
                             "bájelo de nuevo completo, sin quitar columnas, con los enlaces del validador.")
    for lugar, f in zip(lugares, filas):
        for columna in _COLUMNAS_DE_ID:
            if _CIENTIFICA.match(f.get(columna, "").replace(" ", "")):
                raise DatosNoValidos(f"En «{nombre}», {lugar}, la columna {columna} dice «{f[columna][:30]}»: Excel "
                                     f"convirtió ese número en notación científica y perdió sus últimas cifras, así "
                                     f"que no se sabe cuál es. {_SIN_NOTACION}")
    return Archivo(nombre=nombre, conjunto=conjunto, filas=filas, reguardado=separador if separador in (";", "\t") else "")


def leer_archivos(archivos: Iterable[tuple[str, str]]) -> tuple[list[Archivo], list[str]]:
    """Los archivos (nombre, texto) leídos, y los avisos de los que se dejaron fuera: uno de un conjunto que el
    validador no usa o no reconoce (el de facturas que el proveedor agrega, el de adiciones) no detiene la revisión si
    otro archivo sirve. Si ninguno sirve, su error; cualquier otro error de un archivo (columnas que faltan, una página
    web guardada) también detiene, como en `leer_archivo`."""
    leidos: list[Archivo] = []
    fuera: list[ConjuntoQueNoSeUsa] = []
    for nombre, texto in archivos:
        try:
            leidos.append(leer_archivo(nombre, texto))
        except ConjuntoQueNoSeUsa as exc:
            fuera.append(exc)
    if fuera and not leidos:
        raise fuera[0]
    return leidos, [exc.aviso() for exc in fuera]


def _sin_filas(nombre: str) -> str:
    return (f"«{nombre}» no trae filas: revise el número del contrato en el enlace (el portal responde una lista "
            "vacía si no lo encuentra). Si es el plan de pagos de un contrato ya cargado, ese contrato no tiene pagos "
            "publicados: en SECOP II la solicitud se registra con «Crear».")


def conjunto_de(columnas: Iterable[str]) -> Optional[Conjunto]:
    cols = set(columnas)
    claves = {clave_de_columna(c) for c in cols}
    del_plan = cols & _SOLO_PLAN or claves & _SOLO_PLAN_POR_CLAVE
    if cols & _SOLO_FACTURAS or ("idpago" in claves and not del_plan):
        return FACTURAS
    if "idpago" in claves:
        return PLAN_DE_PAGOS
    if "idcontrato" in claves:
        return CONTRATOS if claves & {"valorcontrato", "proveedoradjudicado", "documentoproveedor"} else None
    return None


def _filas_json(nombre: str, contenido: str) -> list[dict[str, str]]:
    try:
        datos = json.loads(contenido)
    except json.JSONDecodeError as exc:
        raise DatosNoValidos(f"«{nombre}» no es un JSON bien formado (línea {exc.lineno}, columna {exc.colno}).") from None
    except RecursionError:
        raise DatosNoValidos(f"«{nombre}» está anidado demasiado hondo.") from None
    if _error_del_portal(datos):
        raise DatosNoValidos(f"«{nombre}» es una respuesta de error del portal: {str(datos['message'])[:120]}")
    if not isinstance(datos, list) or not all(isinstance(f, dict) for f in datos):
        raise DatosNoValidos(f"«{nombre}» no es una lista de filas [{{…}}, …] como la que da la API de datos.gov.co.")
    return [{normalizar_columna(str(k)): _valor(v) for k, v in f.items()} for f in datos]


def _error_del_portal(datos: Any) -> bool:
    """La respuesta de error de la API de datos.gov.co (Socrata): `{"error": true, "message": …}` o, en la versión
    nueva, `{"message": …, "errorCode": …}`."""
    return (isinstance(datos, dict) and isinstance(datos.get("message"), str) and bool(datos["message"])
            and (isinstance(datos.get("error"), (bool, str)) or "errorCode" in datos))


def columnas_de_la_cabecera(texto: str) -> list[str]:
    """Las columnas de la primera línea de un CSV (con el separador que traiga), normalizadas; [] si no se lee."""
    primera = texto.splitlines()[0] if texto else ""
    try:
        return [normalizar_columna(c) for c in next(csv.reader([primera], delimiter=separador_csv(primera)), [])]
    except csv.Error:
        return []


def separador_csv(primera_linea: str) -> str:
    """«,» como lo exporta el portal; «;» si el archivo se volvió a guardar con Excel en español; el tabulador si se
    guardó como «Texto Unicode» de Excel."""
    cuantos = {s: primera_linea.count(s) for s in (",", ";", "\t")}
    mayor = max(cuantos, key=lambda s: cuantos[s])
    return mayor if cuantos[mayor] > cuantos[","] else ","


_PORTAL = "abra el enlace JSON o CSV del validador y guarde lo que descarga el navegador, sin abrirlo en Excel."
_COMO_CSV = ("baje de nuevo el archivo con el enlace JSON o CSV del validador; si necesita editarlo en Excel, guárdelo "
             "como «CSV (delimitado por comas)».")


def otro_formato(texto: str) -> Optional[str]:
    """Qué es un archivo que no es de datos abiertos aunque lo parezca, por su comienzo (la frase sigue al nombre del
    archivo), o None: una página web guardada por error, un libro de Excel, un mensaje de error del portal."""
    cabeza = texto[:1024].lower()
    if cabeza.startswith(("<!doctype html", "<html")) or re.match(r"<\?xml[^>]*>\s*<html", cabeza):
        return ("es una página web (HTML) guardada, no un archivo de datos: para el contrato, " + _PORTAL +
                " Para la factura, use el XML que produjo el programa de facturación del emisor.")
    # Un ZIP (un libro de Excel .xlsx lo es) o un documento de Office anterior (.xls): aquí se esperan datos.
    if texto.startswith("PK\x03\x04"):
        return f"es un archivo comprimido (ZIP, como un libro de Excel .xlsx), no el JSON ni el CSV del portal: {_COMO_CSV}"
    if texto.startswith("\xd0\xcf\x11\xe0"):
        return f"es un documento de Office (como un libro de Excel .xls), no el JSON ni el CSV del portal: {_COMO_CSV}"
    return None


def texto_de(contenido: bytes) -> str:
    """El texto de un archivo de datos abiertos: UTF-8 como lo da el portal (con o sin BOM) o, si no lo es,
    Windows-1252, como lo guarda Excel en Windows. La página decodifica igual (`textoDe` en validador.js)."""
    if contenido.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # «Texto Unicode» de Excel
        return contenido.decode("utf-16", errors="replace")
    try:
        return contenido.decode("utf-8-sig")
    except UnicodeDecodeError:
        return contenido.decode("cp1252", errors="replace")


def _filas_csv(nombre: str, contenido: str,
               separador: str) -> tuple[list[dict[str, str]], list[int], dict[str, str]]:
    """Las filas, la línea de cada una y la cabecera como venía escrita (por su nombre normalizado)."""
    try:
        # Cualquier fin de línea: «\r\n» del portal, «\n», o «\r» solo («CSV (Macintosh)» de Excel).
        lector = csv.reader(io.StringIO(contenido, newline=None), delimiter=separador)
        escrita = next(lector)
        cabecera = [normalizar_columna(c) for c in escrita]
        filas, lineas = [], []
        for numero, fila in enumerate(lector, start=2):
            if not any(c.strip() for c in fila):
                continue
            if len(fila) != len(cabecera):
                raise DatosNoValidos(f"La fila {numero} de «{nombre}» tiene {len(fila)} columnas y la cabecera "
                                     f"{len(cabecera)}: el archivo está cortado o editado.")
            celdas = {c: v.strip() for c, v in zip(cabecera, fila)}
            filas.append(_de_excel_en_espanol(celdas) if separador in ";\t" else celdas)
            lineas.append(lector.line_num)
    except csv.Error:
        raise DatosNoValidos(f"«{nombre}» no es un CSV legible: {_PORTAL}") from None
    except StopIteration:
        raise DatosNoValidos(f"«{nombre}» está vacío.") from None
    return filas, lineas, {c: e.strip() for c, e in zip(cabecera, escrita)}


# -- valores ------------------------------------------------------------------------------------

def _de_excel_en_espanol(fila: dict[str, str]) -> dict[str, str]:
    """Los valores de una fila guardada con Excel en español («$ 47.600.000,00», «47.600.000», «47600000,00»),
    leídos como los escribe una persona en Colombia (`formatos.leer_dinero`) y escritos como los da el portal; lo
    que no se entiende así queda como vino, para `dinero`. Las fechas las lee `fecha`, que entiende las dos formas."""
    nueva = dict(fila)
    for columna, valor in fila.items():
        if columna.startswith("valor") and not _sin_definir(valor):
            try:
                nueva[columna] = texto_exacto(leer_dinero(valor))
            except ValorNoValido:
                pass
    return nueva


_FECHA_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_FECHA_PORTAL = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})")  # exportación del portal: MM/DD/AAAA (por confirmar)
_MILES_CON_COMA = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
# Sin ambigüedad en la forma colombiana: dos o más puntos de miles («11.900.000», «11.900.000,00»), o una coma decimal
# sin puntos y con más de tres cifras antes («11900000,00»: con coma de miles irían de a tres).
_MILES_CON_PUNTO = re.compile(r"^-?\d{1,3}(\.\d{3}){2,}(,\d+)?$")
_COMA_DECIMAL = re.compile(r"^-?\d{4,},\d{1,2}$")
# Ambiguos: un solo grupo de tres cifras tras un punto («850.000», «11.900») o una coma («11,900»): ¿separador de
# miles o decimal? El portal publica los valores sin separador de miles (HECHOS §5: texto como «11900000»); un archivo
# guardado de nuevo con Excel en español los trae ya leídos a la colombiana (_de_excel_en_espanol).
_UN_GRUPO_DE_TRES = re.compile(r"^-?(\d{1,3})([.,])(\d{3})$")
# Notación científica («1.19E+07», «9,81E+07»): Excel la pone a un número largo y se pierden cifras.
_CIENTIFICA = re.compile(r"^[-+]?\d+([.,]\d+)?[eE][-+]?\d+$")
_SIN_NOTACION = ("Baje de nuevo el archivo con el enlace del validador y úselo sin abrirlo en Excel; si necesita "
                 "abrirlo, impórtelo (Datos > Desde texto/CSV) dando a esa columna el formato «Texto».")
# Las columnas con un número que identifica (un pago, un contrato, una parte): en notación científica no se sabe cuál.
_COLUMNAS_DE_ID = ("id_contrato", "id_del_contrato", "id_de_pago", "nit_entidad", "documento_proveedor")
# Lo que SECOP II publica en vez de un dato que no tiene (el código público que lee estos conjuntos descarta
# «No Definido»): una fecha o un valor así es un dato que falta, como una celda vacía, no un archivo dañado.
_NO_DEFINIDO = frozenset({"no definido"})


def _sin_definir(texto: str) -> bool:
    return not texto.strip() or _texto_normal(texto) in _NO_DEFINIDO


_FECHA_ANIO_CORTO = re.compile(r"^\d{1,2}/\d{1,2}/\d{2}(\s|$)")
_MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre")


def fecha(texto: str, que: str, avisos: Optional[list[str]] = None, reguardado: bool = False) -> Optional[date]:
    """La fecha de una celda. Con `avisos`, dice cómo se leyó una que puede leerse de dos formas (día y mes hasta 12)
    y, si el archivo se guardó de nuevo con Excel (`reguardado`), toda la que no viene como AAAA-MM-DD."""
    if _sin_definir(texto):
        return None
    try:
        if m := _FECHA_ISO.match(texto):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _FECHA_PORTAL.match(texto):
            # Mes/día como exporta el portal (y como queda el texto que Excel en español vuelve a guardar); si el
            # primer número pasa de 12 solo puede ser día/mes («30/11/2026», escrito a mano o en otro programa).
            primero, segundo = int(m[1]), int(m[2])
            mes, dia = (segundo, primero) if primero > 12 else (primero, segundo)
            leida = date(int(m[3]), mes, dia)
            dudosa = primero <= 12 and segundo <= 12 and primero != segundo
            if avisos is not None and (dudosa or reguardado):
                como = "día/mes, porque el primer número pasa de 12" if primero > 12 else "mes/día, como lo exporta el portal"
                excel = " (el archivo se guardó de nuevo con Excel, que puede haberla cambiado)" if reguardado else ""
                avisos.append(f"{que} «{texto.strip()[:30]}» se leyó como {leida.day} de {_MESES[leida.month - 1]} de "
                              f"{leida.year}, {como}{excel}: si es otra fecha, revise el archivo.")
            return leida
    except ValueError:
        pass
    if _FECHA_ANIO_CORTO.match(texto.strip()):
        raise DatosNoValidos(f"La fecha «{texto[:30]}» de {que} trae el año con dos cifras (así la deja Excel): no se "
                             "sabe de qué año es ni si va día/mes o mes/día. Baje de nuevo el archivo con el enlace del "
                             "validador y úselo sin abrirlo en Excel, o escriba la fecha completa como AAAA-MM-DD "
                             "(2026-05-06).")
    raise DatosNoValidos(f"No se entiende la fecha «{texto[:30]}» de {que}.")


def dinero(texto: str, que: str) -> Optional[Decimal]:
    """Valores de datos.gov.co: `47600000`, `47600000.00` o, en una exportación, `$47,600,000.00`; y, sin ambigüedad,
    como los escribe una persona en Colombia: `47.600.000`, `47.600.000,00`, `47600000,00`."""
    if _sin_definir(texto):
        return None
    limpio = texto.replace("$", "").replace(" ", "")
    if _CIENTIFICA.match(limpio):
        raise DatosNoValidos(f"El valor «{texto[:30]}» de {que} está en notación científica: Excel lo dejó así y "
                             f"perdió sus últimas cifras, así que no se sabe cuánto es. {_SIN_NOTACION}")
    if m := _UN_GRUPO_DE_TRES.match(limpio):
        signo = "-" if limpio.startswith("-") else ""
        decimal, miles = Decimal(f"{signo}{m[1]}.{m[3]}"), Decimal(f"{signo}{m[1]}{m[3]}")
        sep = "el punto" if m[2] == "." else "la coma"
        raise DatosNoValidos(f"El valor «{texto[:30]}» de {que} no es claro: si {sep} separa los decimales es "
                             f"{_pesos(decimal)}; si separa los miles, {_pesos(miles)}. El portal publica los valores "
                             f"sin separador de miles: baje de nuevo el archivo con el enlace del validador, o "
                             f"escriba el valor sin separador de miles ({m[1]}{m[3]}), con punto decimal si lleva centavos ({m[1]}{m[3]}.00).")
    if _MILES_CON_COMA.match(limpio):
        limpio = limpio.replace(",", "")
    elif _MILES_CON_PUNTO.match(limpio) or _COMA_DECIMAL.match(limpio):
        limpio = limpio.replace(".", "").replace(",", ".")
    try:
        valor = Decimal(limpio)
    except InvalidOperation:
        raise DatosNoValidos(f"No se entiende el valor «{texto[:30]}» de {que}.") from None
    if not valor.is_finite() or valor.adjusted() > 20:
        raise DatosNoValidos(f"No se entiende el valor «{texto[:30]}» de {que}.")
    return valor


def _documento(texto: str) -> tuple[str, Optional[int]]:
    """«901234567-7» → ("901234567", 7); «901.234.567» → ("901234567", None)."""
    numero, _, dv = texto.partition("-")
    digitos = re.sub(r"[^0-9]", "", numero)
    dv = dv.strip()
    return digitos, int(dv) if dv.isdigit() and len(dv) == 1 else None


# Lo que una persona antepone al número al digitarlo («No. 1234», «Fact. FEV-1234», «Factura N° FEV1234») y el año
# que algunos le agregan («FEV1234/2026»): no son parte del número de la factura.
# Solo con su punto, su signo o un espacio: «NC1234» o «FACT1234» pueden ser un prefijo de verdad.
_ANTEPUESTO = re.compile(r"^\s*(factura|fact|fac|nro|no|n)(\s*[.:°º#]+\s*|\s+)", re.IGNORECASE)
_ANIO_AGREGADO = re.compile(r"\s*/\s*(19|20)[0-9]{2}\s*$")


def _numero_factura(texto: Optional[str]) -> str:
    limpio = _ANIO_AGREGADO.sub("", _ANTEPUESTO.sub("", _ANTEPUESTO.sub("", texto or "")))  # «Factura N° …»
    return re.sub(r"[\s._-]", "", limpio).upper()


_PREFIJO_Y_CONSECUTIVO = re.compile(r"([A-Z]*)0*([0-9]+)")


def mismo_numero_de_factura(a: Optional[str], b: Optional[str]) -> bool:
    """¿Es el mismo número de factura, escrito de otra forma? El proveedor lo digita en el formulario de SECOP II
    (HECHOS §1): «FEV1234», «FEV-1234», «fev 1234», «FEV_1234», «FEV01234», «No. 1234», «Fact. FEV-1234»,
    «FEV1234/2026» y, sin el prefijo, «1234» son la misma; «FE1234» (otro prefijo) no."""
    x, y = _numero_factura(a), _numero_factura(b)
    if not x or not y:
        return False
    if x == y:
        return True
    mx, my = _PREFIJO_Y_CONSECUTIVO.fullmatch(x), _PREFIJO_Y_CONSECUTIVO.fullmatch(y)
    return bool(mx and my and mx[2] == my[2] and (mx[1] == my[1] or not mx[1] or not my[1]))


def otro_consecutivo(escrito: Optional[str], numero: Optional[str]) -> bool:
    """¿El número escrito en el plan nombra claramente otra factura? Sí, si ninguno de sus grupos de dígitos es el
    consecutivo de `numero` («FEV1233» frente a FEV1234); no, si lo trae escrito de cualquier forma («F-0001234-A»,
    «No. 1234», «FEV1234/2026»), o si falta uno de los dos."""
    consecutivos = re.findall(r"[0-9]+", numero or "")
    grupos = re.findall(r"[0-9]+", escrito or "")
    if not consecutivos or not grupos:
        return False
    return all(int(g) != int(consecutivos[-1]) for g in grupos)


def _pesos(valor: Decimal) -> str:
    from .formatos import pesos
    return pesos(valor)


# -- contrato y plan ----------------------------------------------------------------------------

def combinar(archivos: list[Archivo], numero_factura: Optional[str] = None,
             id_contrato: Optional[str] = None, factura: Optional[DeLaFactura] = None,
             id_pago: Optional[str] = None) -> Resultado:
    """El contrato, su plan de pagos y el pago de la factura, desde los archivos ya leídos. Si traen varios
    contratos y no se dice cuál, `factura` (sus partes y su fecha) elige el suyo. Con `id_pago`, ese pago (si
    no, el que registra la factura por su número, o el primero libre)."""
    resultado = Resultado(archivos=[{"nombre": a.nombre, "conjunto": a.conjunto.clave if a.conjunto else "sin_filas",
                                     "filas": len(a.filas)} for a in archivos])
    vacios = [a.nombre for a in archivos if not a.filas]
    if len(vacios) == len(archivos):
        raise DatosNoValidos(_sin_filas(vacios[0]))
    resultado.reguardadas = {id(f) for a in archivos if a.reguardado for f in a.filas}
    contratos = [f for a in archivos if a.conjunto is CONTRATOS for f in a.filas]
    plan = [f for a in archivos if a.conjunto is PLAN_DE_PAGOS for f in a.filas]
    elegido, por_la_factura = _id_del_contrato(id_contrato, contratos, plan, factura)
    if por_la_factura:
        resultado.avisos.append(por_la_factura)
    # Si se eligió entre varios contratos, ese aviso ya dice que los demás no se usaron.
    contratos = _de_este_contrato(contratos, "id_contrato", elegido, CONTRATOS, resultado, avisar=not por_la_factura)
    plan = _de_este_contrato(plan, "id_del_contrato", elegido, PLAN_DE_PAGOS, resultado)
    if not contratos and not plan:
        raise DatosNoValidos(f"Ninguna fila de los archivos es del contrato {elegido}.")
    resultado.contrato["numero"] = elegido
    for a in archivos:
        if a.reguardado:
            por, leidos = (("«;»", "con punto de miles y coma decimal") if a.reguardado == ";" else
                           ("tabuladores", "como vienen escritos (con punto o con coma de miles)"))
            resultado.avisos.append(f"«{a.nombre}» no es el CSV tal como lo exporta el portal (va separado por {por}: "
                                    f"parece guardado de nuevo con Excel). Sus valores se leyeron {leidos}, "
                                    "y sus fechas como las exporta el portal (mes/día; cada fecha que se llenó dice "
                                    "abajo cómo se leyó): revise que las fechas y los valores que se llenaron sean los "
                                    "de SECOP II, porque Excel puede cambiar su formato.")
    for nombre in vacios:
        resultado.avisos.append(_plan_sin_filas(nombre, elegido) if contratos and not plan else
                                f"«{nombre}» no trae filas y no se usó: si es de este contrato, revise el número en su "
                                "enlace.")
    if contratos:
        resultado.contrato.update(_contrato(_una_fila_de_contrato(contratos, resultado), resultado))
        resultado.con_el_contrato = True
    if plan:
        _plan(plan, numero_factura, resultado, id_pago, factura)
        _plan_frente_al_valor(resultado)
    elif contratos and (columna := _lo_ya_cobrado(contratos[0])):
        # «valor_pagado» y no «valor_facturado»: este cuenta también las facturas enviadas, y con ellas, muchas veces, la
        # que se revisa (ya en SECOP II cuando la revisa la entidad): sumarla otra vez daba un MON-006 falso. Lo pagado
        # es lo menos que ya se cobró: lo que se compara con el valor del contrato no se infla.
        resultado.contrato["facturado_a_la_fecha"] = texto_exacto(dinero(contratos[0][columna], columna))
        resultado.avisos.append(f"Sin el plan de pagos, lo facturado a la fecha sale de «{columna}» del contrato"
                                + (" (lo ya pagado: una factura aprobada y aún sin pagar no se cuenta)" if columna ==
                                   "valor_pagado" else "; si esta factura ya está en SECOP II, puede estar contada ahí")
                                + "." + ("" if vacios else " Agregue el plan de pagos para saber qué pago le corresponde."))
    return resultado


def _lo_ya_cobrado(f: dict[str, str]) -> Optional[str]:
    """La columna del contrato con lo ya cobrado, si trae un valor: «valor_pagado» o, sin él, «valor_facturado»."""
    for columna in ("valor_pagado", "valor_facturado"):
        try:
            if dinero(f.get(columna, ""), columna) is not None:
                return columna
        except DatosNoValidos:
            continue
    return None


def _plan_sin_filas(nombre: str, id_contrato: str) -> str:
    """El plan de pagos que llega sin filas junto al contrato: el contrato no tiene pagos publicados (o el enlace del
    plan llevaba otro número). Sin plan, SECOP II usa «Crear» (regla PAG-001)."""
    return (f"«{nombre}» no trae filas: «{PLAN_DE_PAGOS.titulo}» no publica pagos del contrato {id_contrato}. Si el "
            "contrato no tiene plan de pagos, la solicitud se registra con «Crear» y el «ID de pago» queda vacío; si en "
            "SECOP II sí lo tiene, revise el número del contrato en el enlace del plan y vuelva a bajarlo.")


def _plan_frente_al_valor(resultado: Resultado) -> None:
    """Un plan que suma más que el valor publicado del contrato: lo escribió la entidad, así que lo más probable es
    una adición que la fila del contrato aún no muestra (MON-006 compara con ese valor)."""
    try:
        valor = Decimal(str(resultado.contrato.get("valor")))
    except (InvalidOperation, ValueError):
        return
    total = sum((Decimal(c["valor"]) for c in resultado.contrato.get("plan_de_pagos", []) if "valor" in c), Decimal(0))
    if total - valor > Decimal("1"):
        resultado.avisos.append(f"El plan de pagos suma {_pesos(total)}, más que el valor del contrato publicado "
                                f"({_pesos(valor)}): puede haber una adición que la fila del contrato aún no muestra. "
                                "Si la hay, escriba el valor del contrato con ella; si no, el plan no cuadra y lo "
                                "corrige la entidad.")


def _id_del_contrato(pedido: Optional[str], contratos: list[dict[str, str]], plan: list[dict[str, str]],
                     factura: Optional[DeLaFactura]) -> tuple[str, Optional[str]]:
    """El id del contrato de los archivos y, si se eligió entre varios por la factura, el aviso que lo explica."""
    if pedido and pedido.strip():
        if not id_contrato_valido(pedido):
            raise DatosNoValidos(f"«{pedido.strip()[:40]}» no es un número de contrato de SECOP II: tiene la forma CO1.PCCNTR.1234567.")
        return normalizar_id_contrato(pedido), None
    ids = [f.get("id_contrato", "") for f in contratos] or [f.get("id_del_contrato", "") for f in plan]
    distintos = sorted({i for i in ids if i})
    if not distintos:
        raise DatosNoValidos("Los archivos no dicen de qué contrato son (la columna del id del contrato está vacía).")
    del_plan = {f.get("id_del_contrato", "") for f in plan}
    if len(distintos) == 1 and contratos and plan and distintos[0] not in del_plan:
        # Un contrato y el plan de otro: usar uno y dejar el otro fuera revisaría la factura con un contrato o un plan
        # que no son los suyos (un NIT-002 falso, o sin el plan sin decirlo).
        otros = ", ".join(sorted(i for i in del_plan if i)[:3]) or "(sin id)"
        raise ContratoYPlanDistintos(
            f"El contrato de «{CONTRATOS.titulo}» es el {distintos[0]} y el plan de pagos es del contrato {otros}: "
            "son de contratos distintos. Baje los dos archivos del mismo contrato con los enlaces del validador, o "
            "escriba el número del contrato que quiere revisar.")
    if len(distintos) == 1:
        return distintos[0], None
    filas = _una_fila_por_contrato(contratos)
    # El plan de pagos que llegó es de un contrato (el enlace del plan lleva su número): entre varios, ese.
    con_plan = [f for f in filas if f.get("id_contrato") in del_plan]
    filas = con_plan or filas
    ajenos = False  # ninguno es de la entidad de la factura
    if factura and filas:
        elegido, candidatos = _el_de_la_factura(filas, factura)
        if elegido:
            return elegido["id_contrato"], (
                f"Los archivos traen {len(distintos)} contratos: se usó {_contrato_en_una_linea(elegido)}, que "
                f"{_por_que(elegido, factura)}; los demás no se usaron. Si la factura es de otro, escriba su número "
                "y vuelva a cargar los archivos.")
        ajenos = not candidatos and bool(factura.entidad.strip())
        filas = candidatos or filas
    if len(con_plan) == 1:
        return con_plan[0]["id_contrato"], (
            f"Los archivos traen {len(distintos)} contratos: se usó {_contrato_en_una_linea(con_plan[0])}, el del plan "
            "de pagos que llegó con ellos; los demás no se usaron. Si la factura es de otro, escriba su número y vuelva "
            "a cargar los archivos.")
    if filas:
        lista = "; ".join(_contrato_en_una_linea(f) for f in filas[:6]) + ("; …" if len(filas) > 6 else "")
        cuales = (f"ninguno es de la entidad que recibe la factura ({factura.entidad.strip()[:20]}), o su NIT está "
                  "escrito de otra forma" if ajenos and factura else
                  f"{cantidad(len(filas), 'puede', 'pueden')} ser el de la factura")
        raise VariosContratos(f"Los archivos traen {len(distintos)} contratos y {cuales}: {lista}. Escriba el número "
                             "del contrato que quiere revisar (CO1.PCCNTR.…) y vuelva a cargar los archivos.")
    raise VariosContratos(f"Los archivos traen filas de {len(distintos)} contratos ({', '.join(distintos[:4])}): "
                         "escriba el número del contrato que quiere revisar.")


def _una_fila_por_contrato(contratos: list[dict[str, str]]) -> list[dict[str, str]]:
    """Una fila por contrato (la de la última actualización), en el orden en que llegaron."""
    por_id: dict[str, dict[str, str]] = {}
    for f in contratos:
        if (i := f.get("id_contrato", "")) and _actualizada(f) >= _actualizada(por_id.get(i, f)):
            por_id[i] = f
    return list(por_id.values())


def _fecha_de(f: dict[str, str], columna: str) -> Optional[date]:
    """La fecha de una columna (ISO en la API, MM/DD/AAAA en el CSV del portal), o None si falta o no se entiende:
    para elegir y listar contratos, no para llenar la solicitud (eso lo hace `fecha`, que avisa)."""
    try:
        return fecha(f.get(columna, ""), columna)
    except DatosNoValidos:
        return None


def _actualizada(f: dict[str, str]) -> date:
    """La fecha de «ultima_actualizacion»; sin ella, la más vieja."""
    return _fecha_de(f, "ultima_actualizacion") or date.min


def _el_de_la_factura(filas: list[dict[str, str]],
                      factura: DeLaFactura) -> tuple[Optional[dict[str, str]], list[dict[str, str]]]:
    """El contrato de la factura entre varios: el de su entidad y su proveedor (o solo de su entidad: la factura
    de un miembro de un consorcio la emite el miembro) y, si quedan varios, el que está en plazo en la fecha de la
    factura. Devuelve la fila elegida, o None y los que quedaron en pie (ninguno si ninguno es de su entidad)."""
    de_la_entidad = [f for f in filas if _mismo_documento(f.get("nit_entidad", ""), factura.entidad)]
    candidatos = [f for f in de_la_entidad if _de_su_proveedor(f, factura)] or de_la_entidad
    if len(candidatos) > 1 and factura.fecha:
        candidatos = [f for f in candidatos if _en_plazo(f, factura.fecha)] or candidatos
    return (candidatos[0], candidatos) if len(candidatos) == 1 else (None, candidatos)


def _de_su_proveedor(f: dict[str, str], factura: DeLaFactura) -> bool:
    return _mismo_documento(f.get("documento_proveedor", ""), factura.contratista)


def _por_que(f: dict[str, str], factura: DeLaFactura) -> str:
    """Por qué se eligió el contrato `f` (de `_el_de_la_factura`), para el aviso."""
    por = ("es el de la entidad y el proveedor de la factura" if _de_su_proveedor(f, factura) else
           "es el de la entidad de la factura (el proveedor del contrato es otro)")
    if factura.fecha and _en_plazo(f, factura.fecha):
        por += f" y su plazo incluye la fecha de la factura ({factura.fecha.isoformat()})"
    return por


def _mismo_documento(publicado: str, de_la_factura: str) -> bool:
    """El número publicado es el de la factura: los mismos dígitos, o con el dígito de verificación pegado al final
    (por confirmar si el portal lo guarda así; el enlace por partes lo encuentra igual)."""
    return mismo_documento(digitos_de_parte(publicado), digitos_de_parte(de_la_factura))


def _en_plazo(f: dict[str, str], dia: date) -> bool:
    inicio, fin = _fecha_de(f, "fecha_de_inicio_del_contrato"), _fecha_de(f, "fecha_de_fin_del_contrato")
    return inicio is not None and fin is not None and inicio <= dia <= fin


def _fecha_legible(f: dict[str, str], columna: str) -> str:
    dia, texto = _fecha_de(f, columna), f.get(columna, "")
    return dia.isoformat() if dia else "" if _sin_definir(texto) else texto.strip()[:20]


def _contrato_en_una_linea(f: dict[str, str]) -> str:
    """«CO1.PCCNTR.1234567 (CMA-045-2026, ALCALDÍA…, 2026-02-01 a 2026-11-30, «Suministro de…»)»."""
    datos = [f.get("referencia_del_contrato", ""), f.get("nombre_entidad", "")[:50]]
    inicio, fin = (_fecha_legible(f, c) for c in ("fecha_de_inicio_del_contrato", "fecha_de_fin_del_contrato"))
    if inicio or fin:
        datos.append(f"{inicio or '¿?'} a {fin or '¿?'}")
    objeto = f.get("objeto_del_contrato", "").strip()
    if objeto:
        datos.append(f"«{objeto[:60]}{'…' if len(objeto) > 60 else ''}»")
    detalle = ", ".join(d for d in datos if d.strip())
    return f"{f.get('id_contrato', '')} ({detalle})" if detalle else f.get("id_contrato", "")


def _de_este_contrato(filas: list[dict[str, str]], columna: str, id_contrato: str, conjunto: Conjunto,
                      resultado: Resultado, avisar: bool = True) -> list[dict[str, str]]:
    propias = [f for f in filas if f.get(columna, "") == id_contrato]
    otras = sorted({f.get(columna, "") or "(sin id)" for f in filas if f.get(columna, "") != id_contrato})
    if otras and avisar:
        ajenas = len(filas) - len(propias)
        es, uso = ("es", "usó") if ajenas == 1 else ("son", "usaron")
        resultado.avisos.append(f"{cantidad(ajenas, 'fila', 'filas')} de «{conjunto.titulo}» {es} de otro contrato "
                                f"({', '.join(otras[:3])}) y no se {uso}.")
    return propias


def _una_fila_de_contrato(filas: list[dict[str, str]], resultado: Resultado) -> dict[str, str]:
    if len(filas) == 1:
        return filas[0]
    # Un contrato es una fila; si llegan dos (dos descargas juntas), manda la actualización más reciente.
    resultado.avisos.append(f"El contrato aparece {len(filas)} veces en «{CONTRATOS.titulo}»: "
                            "se usó la fila con la última actualización más reciente.")
    return max(filas, key=_actualizada)


def _contrato(f: dict[str, str], resultado: Resultado) -> dict[str, Any]:
    publicado = f.get("tipodocproveedor", "")
    tipo = _TIPOS_DOCUMENTO.get(_texto_normal(publicado))
    if tipo is None:
        # Un valor que no es un tipo de documento («No Definido», vacío: el código público que lee estos datos
        # descarta «No Definido»; por confirmar en una exportación real) no dice si el contratista es persona
        # natural o jurídica, y de eso depende qué soportes de seguridad social se revisan. Queda lo del
        # formulario (NIT, jurídica), y el aviso lo dice.
        tipo = "NIT"
        resultado.supuestos += ["contrato.contratista.tipo_documento", "contrato.tipo_persona"]
        cual = f"es «{publicado[:40]}»" if publicado else "está vacío"
        resultado.avisos.append(f"En «{CONTRATOS.titulo}» el tipo de documento del proveedor {cual}: no dice si el "
                                "contratista es persona natural o jurídica. Se dejó lo que usted tenía escrito o, si no "
                                "había nada, NIT y persona jurídica; si es persona natural, corrija el tipo de documento "
                                "del contratista y el «Tipo de persona del contratista» (en la página, en «Más datos del "
                                "contrato»; en la CLI, en la solicitud JSON que pasa con --contrato): cambia qué soportes "
                                "de seguridad social se revisan.")
    natural = tipo not in _DE_PERSONA_JURIDICA
    servicios = "prestacion de servicios" in _texto_normal(f.get("tipo_de_contrato", ""))
    if tipo == "NIT" and servicios and "contrato.tipo_persona" not in resultado.supuestos:
        # Una persona natural también tiene NIT (su cédula con DV): con un contrato de prestación de servicios, el
        # tipo de documento no dice si se le revisan los aportes de persona natural o la certificación de la jurídica.
        resultado.supuestos.append("contrato.tipo_persona")
        resultado.avisos.append(f"En «{CONTRATOS.titulo}» el contratista figura con NIT y el contrato es de prestación de "
                                "servicios: se tomó como persona jurídica (o se dejó lo que usted eligió). Una persona "
                                "natural también tiene NIT: si lo es, cambie el «Tipo de persona del contratista» (en la "
                                "página, en «Más datos del contrato»; en la CLI, en la solicitud JSON que pasa con "
                                "--contrato): de eso depende qué soportes de seguridad social se revisan.")
    valor = dinero(f.get("valor_del_contrato", ""), "valor_del_contrato")
    if valor is not None and valor <= 0:
        valor = None  # un contrato de $0 haría que cualquier factura lo supere (MON-006): se pide el valor, con su aviso
    datos: dict[str, Any] = {
        "entidad": _parte("NIT", *_documento_publicado(f, "nit_entidad", "el NIT de la entidad", resultado),
                          f.get("nombre_entidad")),
        "contratista": _parte(tipo, *_documento_publicado(f, "documento_proveedor", "el número de documento del "
                                                          "contratista", resultado, tipo), f.get("proveedor_adjudicado")),
        "tipo_persona": "natural" if natural else "juridica",
        # Lo dice el tipo de contrato publicado, sea quien sea el contratista (las reglas de aportes piden además que
        # sea persona natural): con el tipo de documento «No Definido», quien corrige la persona no tiene que marcarlo.
        "prestacion_servicios": servicios,
        # «Es Grupo»: «Si» cuando el contratista es un consorcio o una unión temporal (puede facturar cada miembro).
        "consorcio_o_union_temporal": _es_grupo(f, resultado),
        "valor": None if valor is None else texto_exacto(valor),
        "fecha_inicio": _iso(fecha(f.get("fecha_de_inicio_del_contrato", ""), "fecha_de_inicio_del_contrato",
                                   resultado.avisos, id(f) in resultado.reguardadas)),
        "fecha_fin": _iso(fecha(f.get("fecha_de_fin_del_contrato", ""), "fecha_de_fin_del_contrato",
                                resultado.avisos, id(f) in resultado.reguardadas)),
    }
    for clave, columna, que in (("valor", "valor_del_contrato", "el valor del contrato"),
                                ("fecha_inicio", "fecha_de_inicio_del_contrato", "la fecha de inicio del contrato"),
                                ("fecha_fin", "fecha_de_fin_del_contrato", "la fecha de terminación del contrato")):
        if datos[clave] is None:
            resultado.avisos.append(_sin_dato(columna, f.get(columna, "").strip(), que))
    _pago_adelantado(f, resultado)
    _estado_del_contrato(f, resultado)
    return {k: v for k, v in datos.items() if v is not None}


# Estados de «estado_contrato» de un contrato que ya no está en ejecución (HECHOS §5 nombra la columna, no sus valores).
_FUERA_DE_EJECUCION = ("terminado", "liquidado", "cerrado", "cancelado", "suspendido")


def _estado_del_contrato(f: dict[str, str], resultado: Resultado) -> None:
    """Un contrato que los datos abiertos publican terminado, liquidado o suspendido: se dice. Ninguna fuente leída
    dice que su factura se rechace por eso (el pago final puede ir tras la terminación): no es una regla."""
    publicado = f.get("estado_contrato", "").strip()
    if any(e in _texto_normal(publicado) for e in _FUERA_DE_EJECUCION):
        resultado.avisos.append(f"En «{CONTRATOS.titulo}» el contrato figura «{publicado[:40]}»: revise con la entidad "
                                "si esta factura aún se tramita en él (por confirmar).")


def _pago_adelantado(f: dict[str, str], resultado: Resultado) -> None:
    """El pago adelantado que publica el contrato: no llena el anticipo (el porcentaje de amortización no está en
    los datos abiertos, y sin él el anticipo no se puede revisar), pero lo recuerda: si es un anticipo, la entidad
    revisa su amortización al aprobar cada factura (HECHOS §1). Un valor que no se entiende no detiene el resto."""
    try:
        adelantado = dinero(f.get("valor_de_pago_adelantado", ""), "valor_de_pago_adelantado")
        amortizado = dinero(f.get("valor_amortizado", ""), "valor_amortizado")
    except DatosNoValidos:
        return
    if adelantado is None or adelantado <= 0:
        return
    resultado.adelantado = adelantado
    ya = f", con {_pesos(amortizado)} ya amortizados (valor_amortizado)" if amortizado and amortizado > 0 else ""
    resultado.avisos.append(
        f"En «{CONTRATOS.titulo}» el contrato tiene un pago adelantado de {_pesos(adelantado)}{ya}. Si es un anticipo, "
        "la entidad revisa al aprobar cada factura cuánto se amortiza, con el porcentaje del contrato, que los datos "
        "abiertos no traen: para que el validador lo revise, escriba el anticipo y ese porcentaje en «Anticipo» "
        "(contrato.anticipo).")


def _es_grupo(f: dict[str, str], resultado: Resultado) -> bool:
    """«Es Grupo» de la fila; si no viene (la API no escribe lo nulo) o dice «No Definido», el nombre del
    contratista lo dice cuando empieza por «Consorcio» o «Unión temporal», y se avisa."""
    publicado = f.get("es_grupo", "")
    if not _sin_definir(publicado):
        return _texto_normal(publicado) == "si"
    resultado.supuestos.append("contrato.consorcio_o_union_temporal")
    nombre = _texto_normal(f.get("proveedor_adjudicado", ""))
    if nombre.startswith(("consorcio", "union temporal")):
        resultado.avisos.append(f"En «{CONTRATOS.titulo}» la columna es_grupo no dice si el contratista es un consorcio "
                                f"o una unión temporal; su nombre («{f.get('proveedor_adjudicado', '')[:60]}») lo dice: "
                                "se tomó como tal (puede facturar cada miembro).")
        return True
    return False


def _sin_dato(columna: str, publicado: str, que: str) -> str:
    cual = f"dice «{publicado[:40]}»" if publicado else "está vacía"
    return f"En «{CONTRATOS.titulo}» la columna {columna} {cual}: no se usó; complete a mano {que}."


def _documento_publicado(f: dict[str, str], columna: str, que: str, resultado: Resultado,
                         tipo: str = "NIT") -> tuple[Optional[str], Optional[int]]:
    """El número y el DV de un documento de la fila; (None, None) con un aviso si no es un número («No Definido»,
    vacío, un NIT o una cédula con letras): quitarle las letras daría otro documento. Un pasaporte o un documento
    extranjero pueden llevar letras: se toman como están publicados, sin DV."""
    publicado = f.get(columna, "").strip()
    if tipo not in DOCUMENTOS_NUMERICOS and _ALFANUMERICO.fullmatch(publicado) and re.search(r"[A-Za-z]", publicado):
        return publicado, None
    numero, dv = _documento(publicado)
    if not numero or re.search(r"[^\d.\s-]", publicado):
        resultado.avisos.append(_sin_dato(columna, publicado, que))
        return None, None
    return numero, dv


def _parte(tipo: str, numero: Optional[str], dv: Optional[int], nombre: Optional[str]) -> dict[str, Any]:
    parte: dict[str, Any] = {"tipo_documento": tipo}
    if numero is not None:
        parte["numero"] = numero
    if dv is not None:
        parte["dv"] = dv
    if nombre and not _sin_definir(nombre):  # «No Definido» no es un nombre
        parte["nombre"] = nombre[:200]
    return parte


def _iso(d: Optional[date]) -> Optional[str]:
    return d.isoformat() if d else None


@dataclass
class _Pago:
    id: str
    estado: str  # normalizado: «enviado por proveedor»
    estado_original: str
    valor: Optional[Decimal]  # None si la fila no lo trae: no se inventa un pago de $0
    facturado: Decimal
    fecha: Optional[date]
    factura: str
    notas: str = ""
    desconocido: bool = False  # su estado no es uno que el validador conozca
    anticipo: bool = False  # el pago adelantado del contrato, no una factura (ver _sin_el_anticipo)
    # fecha_de_recepcion como viene en el archivo: la que el proveedor escribió al enviar esta factura. Se lee (y se
    # dice cómo) solo la del pago de esta factura, en _plan.
    recepcion_escrita: str = ""
    reguardada: bool = False  # la fila es de un CSV guardado de nuevo con Excel


def _sin_valor(id_pago: str, fuera: bool = False) -> str:
    """El aviso de un pago del plan sin valor_a_pagar: en la página se escribe a mano; fuera (la CLI), no se revisa."""
    que_hacer = "se revisa el resto del plan sin él." if fuera else "no se usó; complete a mano su valor en el plan de pagos."
    return f"En «{PLAN_DE_PAGOS.titulo}» el pago {id_pago} no trae valor_a_pagar: {que_hacer}"


def sin_pagos_sin_valor(resultado: Resultado, pedido: Optional[str] = None) -> None:
    """Quita del plan los pagos sin valor, para quien no puede escribirlo (la CLI): revisa el resto, y el aviso de
    cada uno lo dice."""
    plan = resultado.contrato.get("plan_de_pagos") or []
    fuera = {c["id"] for c in plan if "valor" not in c}
    if resultado.id_pago in fuera:
        # Sin ese pago en el plan, PAG-002 diría que la factura va a un pago que no existe: no es cierto.
        cual = "que usted eligió con --pago" if pedido else "el de esta factura"
        raise DatosNoValidos(
            f"En «{PLAN_DE_PAGOS.titulo}» el pago {resultado.id_pago}, {cual}, no trae valor_a_pagar: sin él no se puede "
            "revisar la factura contra su pago. Escriba su valor en la página del validador y use la solicitud que "
            "guarda («Guardar la solicitud (JSON)») con --contrato.")
    resultado.contrato["plan_de_pagos"] = [c for c in plan if c["id"] not in fuera]
    cambio = {_sin_valor(i): _sin_valor(i, fuera=True) for i in fuera}
    resultado.avisos = [cambio.get(a, a) for a in resultado.avisos]


# Un plan de pagos con más pagos que los que el contrato admite (Contrato.plan_de_pagos) es otro archivo.
_MAXIMO_PAGOS = 500


def _motivo(pago: _Pago) -> str:
    """El motivo del rechazo (la columna notas), entre comillas; "" si el pago no está rechazado o no lo dice."""
    return f"«{pago.notas[:300]}»" if pago.estado == "rechazado" and pago.notas else ""


def _rechazada_antes(pago: _Pago) -> str:
    """Una factura nueva (otro número) en un pago cuya factura rechazó la entidad: el motivo le sirve."""
    motivo = f": {_motivo(pago)}" if _motivo(pago) else ""
    return (f"En el pago {pago.id} la entidad rechazó la factura «{pago.factura}»{motivo}. Si esta la reemplaza, "
            "revise que corrija ese motivo.")


def _plan(filas: list[dict[str, str]], numero_factura: Optional[str], resultado: Resultado,
          id_pago: Optional[str] = None, factura: Optional[DeLaFactura] = None) -> None:
    pagos = _sin_el_anticipo(_sin_parejas_repetidas([_pago(f, id(f) in resultado.reguardadas) for f in filas], resultado), resultado)
    pagos.sort(key=lambda p: (p.fecha or date.max, int(p.id) if p.id.isdigit() else 0, p.id))
    for p in pagos:
        if p.desconocido and p.factura:
            cual = (f"está en un estado que el validador no conoce («{p.estado_original}»)" if p.estado_original.strip()
                    else "no dice su estado")
            resultado.avisos.append(f"El pago {p.id} {cual} y tiene la factura «{p.factura}»: se tomó como en trámite "
                                    "(ocupado).")
        elif p.desconocido:
            resultado.avisos.append(f"El pago {p.id} está en un estado que el validador no conoce («{p.estado_original}»): "
                                    "se tomó como libre, sin factura. Si ya tiene una, ese pago no es para esta.")
    if len(pagos) > _MAXIMO_PAGOS:
        raise DatosNoValidos(f"El plan de pagos trae {len(pagos)} pagos de este contrato y el validador lee hasta "
                             f"{_MAXIMO_PAGOS}: descargue solo las filas del contrato (el enlace de «{PLAN_DE_PAGOS.titulo}» "
                             "las filtra por su número).")
    id_pago = (id_pago or "").strip() or None  # un «ID de pago» en blanco no indica ninguno
    # La factura de este número: la que está registrada (no rechazada) o, si no, la rechazada, que el proveedor
    # corrige y vuelve a enviar en ese mismo pago (HECHOS §1: tras «Rechazar», editar y enviar de nuevo).
    con_su_numero = [p for p in pagos if mismo_numero_de_factura(p.factura, numero_factura)]
    # El pago indicado: la fila de esta factura si la tiene; si no, la más avanzada de sus facturas.
    pedido = next((p for p in con_su_numero if p.id == id_pago), None) or max(
        (p for p in pagos if id_pago and p.id == id_pago), key=lambda p: _AVANCE.get(p.estado, 1), default=None)
    elegido = next((p for p in con_su_numero if p.estado != "rechazado"), None) or next(iter(con_su_numero), None)
    # La factura que se revisa no cuenta como ya facturada en su propio pago: el que la registra con su número o,
    # si quien revisa dijo el pago, el que está en trámite con ella (al revisar como entidad, es esta).
    propio = por_su_numero = elegido
    if por_su_numero is not None:
        # La fecha de recepción que el proveedor escribió al enviar esta factura (HECHOS §5: las columnas del plan son
        # las del formulario «Envío de facturas»): la entidad la confirma al aprobar (APR-001).
        try:
            recepcion = fecha(por_su_numero.recepcion_escrita, f"fecha_de_recepcion del pago {por_su_numero.id}",
                              resultado.avisos, por_su_numero.reguardada)
        except DatosNoValidos:
            recepcion = None  # la entidad la ingresa al aprobar (APR-001): una ilegible no impide revisar
        if recepcion is not None:
            resultado.fecha_recepcion = recepcion.isoformat()
    if id_pago and pedido is None:
        elegido = propio = None
        resultado.eleccion = (f"El pago {id_pago[:40]} que se indicó no está en el plan de pagos del contrato: "
                              "revise el «ID de pago».")
        resultado.id_pago = id_pago
    elif pedido is not None and pedido is not elegido:
        registrada = elegido
        if registrada is not None:
            # La factura está registrada en otro pago: quien indicó este puede tener razón (se registró mal), pero
            # es la misma factura (el mismo número): no cuenta como ya facturada allá (ni dos veces).
            motivo = f" La entidad la rechazó allí: {_motivo(registrada)}." if _motivo(registrada) else ""
            resultado.avisos.append(f"Según los datos abiertos, esta factura ({registrada.factura}) está registrada en el "
                                    f"pago {registrada.id} («{registrada.estado_original}»), no en el {pedido.id} que se "
                                    f"indicó: si es la misma, ese es su pago.{motivo}")
        elegido = None
        resultado.eleccion = f"Se usó el pago {pedido.id}, el que se indicó."
        otra = otro_consecutivo(pedido.factura, numero_factura)
        if registrada is not None:
            propio = registrada
        elif pedido.estado in EN_TRAMITE and not otra:
            propio = pedido
            resultado.avisos.append(
                f"El pago {pedido.id} tiene en trámite la factura «{pedido.factura or 'sin número'}» "
                f"(«{pedido.estado_original}»): se tomó como esta misma. Si es otra, ese pago ya está ocupado.")
        else:
            propio = None
        if pedido.estado in EN_TRAMITE and otra:
            resultado.avisos.append(f"El pago {pedido.id} tiene en trámite otra factura, «{pedido.factura}» "
                                    f"(«{pedido.estado_original}»): ese pago ya está ocupado.")
        if pedido.estado in APROBADOS:
            resultado.avisos.append(f"Según los datos abiertos, el pago {pedido.id} ya tiene la factura "
                                    f"«{pedido.factura or 'sin número'}» «{pedido.estado_original}».")
        if pedido.estado == "rechazado" and pedido.factura:
            resultado.avisos.append(_rechazada_antes(pedido))
    elif elegido is not None:
        resultado.eleccion = (f"Se eligió el pago {elegido.id} porque SECOP II ya registra en él esta factura "
                              f"({elegido.factura}, estado «{elegido.estado_original}»).")
        if elegido.estado in APROBADOS:
            resultado.avisos.append(f"Según los datos abiertos, la factura {elegido.factura} ya está "
                                    f"«{elegido.estado_original}» en el pago {elegido.id}.")
        if elegido.estado == "rechazado":
            motivo = f": {_motivo(elegido)}" if _motivo(elegido) else ""
            # El aviso lo leen el proveedor y la entidad (los datos abiertos no saben quién revisa): dice quién hace qué.
            resultado.avisos.append(f"La entidad rechazó esta factura en el pago {elegido.id}{motivo}. El proveedor la "
                                    "corrige y la envía de nuevo en ese pago.")
    else:
        # El primer pago libre con valor: uno de $0 (un anticipo ya descontado, por ejemplo) no es el de esta factura.
        # Si otro pago libre vale justo lo que cobra la factura, ese: el primero puede ser otra cuota, y compararla con
        # esta factura daría un «cobra más que el pago» (MON-004) de un pago que solo se supuso.
        libres = [p for p in pagos if not _ocupado(p, pagos) and p.valor]
        por_valor = next((p for p in libres if factura and any(abs(p.valor - v) < 1 for v in factura.valores)), None)
        elegido = por_valor or next(iter(libres), None)
        por_que = f"la factura {numero_factura} no aparece en el plan" if numero_factura else "no se conoce el número de la factura"
        if elegido is not None:
            cual = (f"el primero del plan sin una factura aprobada ni en trámite que vale lo que cobra la factura "
                    f"({_pesos(elegido.valor)})" if por_valor is not None and por_valor is not libres[0] else
                    "el primero del plan sin una factura aprobada ni en trámite")
            resultado.eleccion = (f"Se eligió el pago {elegido.id}, {cual} ({por_que}). Si la factura es de otro pago, "
                                  "cámbielo en «ID de pago».")
            # Una cuota ya facturada en parte: su saldo puede ser esta factura (MON-005 lo dijo de la anterior).
            con_saldo = next((p for p in pagos if p.estado in APROBADOS | EN_TRAMITE and p.valor and not p.anticipo
                              and _facturado_del_pago(p, pagos) < p.valor), None)
            if con_saldo is not None:
                por_facturar = con_saldo.valor - _facturado_del_pago(con_saldo, pagos)
                resultado.avisos.append(f"El pago {con_saldo.id} tiene {_pesos(por_facturar)} "
                                        f"por facturar (su factura «{con_saldo.factura or 'sin número'}» no lo cubre "
                                        f"entero): si esta factura es ese saldo, cámbielo en «ID de pago».")
            if elegido.estado == "rechazado" and elegido.factura:
                resultado.avisos.append(_rechazada_antes(elegido))
        else:
            resultado.avisos.append("Todos los pagos del plan publicado tienen una factura aprobada o en trámite, y los "
                                    "datos abiertos pueden no traer los pagos sin solicitud (por confirmar): escriba a "
                                    "mano el «ID de pago» que ve en SECOP II para esta factura.")
    for otro in con_su_numero:
        if otro is not por_su_numero and otro is not pedido:
            motivo = f" (la entidad la rechazó allí: {_motivo(otro)})" if _motivo(otro) else ""
            resultado.avisos.append(f"Según los datos abiertos, esta factura ({otro.factura}) también está en el pago "
                                    f"{otro.id} («{otro.estado_original}»){motivo}: una factura va en un solo pago; "
                                    "revise en cuál está.")
    if not (id_pago and pedido is None):
        elegido = pedido or elegido
        resultado.id_pago = elegido.id if elegido else None
    resultado.contrato["plan_de_pagos"] = _cuotas(pagos, propio, numero_factura, resultado)
    # Las facturas aprobadas; esta misma, como en lo facturado de su pago (`_facturado`): solo si es el pago que se
    # revisa y la nombra, y entonces consultas.facturado_con_esta la descuenta una vez.
    aprobado = sum((_facturado([q for q in pagos if q.id == id_pago], propio, numero_factura, resultado.id_pago,
                               lambda q: q.estado in APROBADOS)
                    for id_pago in dict.fromkeys(p.id for p in pagos)), Decimal(0))
    resultado.contrato["facturado_a_la_fecha"] = texto_exacto(aprobado)


def _pago(f: dict[str, str], reguardada: bool = False) -> _Pago:
    id_pago = f.get("id_de_pago", "")
    if not id_pago:
        raise DatosNoValidos("Una fila del plan de pagos no trae «id_de_pago».")
    que = f"del pago {id_pago}"
    estado = _texto_normal(f.get("estado", ""))
    estado = _OTRA_FORMA.get(estado, estado)
    factura = "" if _sin_definir(f.get("numero_de_factura", "")) else f.get("numero_de_factura", "").strip()
    # Sin estado, con un número de factura: la factura está en el pago (ocupado), como con un estado que no se conoce.
    desconocido = estado not in APROBADOS | EN_TRAMITE | LIBRES or (not estado and bool(factura))
    if desconocido:
        # Un estado que no se conoce: con un número de factura, el pago la tiene (en trámite, ocupado); sin él, libre.
        estado = "enviado por proveedor" if factura else ""
    total = dinero(f.get("valor_total", ""), f"valor_total {que}")
    # Por confirmar: valor_a_pagar es el valor del pago en el plan; valor_total, el de la factura enviada. Un
    # valor_a_pagar de 0 es un valor (no se cambia por el total).
    a_pagar = dinero(f.get("valor_a_pagar", ""), f"valor_a_pagar {que}")
    valor = a_pagar if a_pagar is not None else total
    con_factura = estado in APROBADOS | EN_TRAMITE
    try:
        cuando = fecha(f.get("fecha_estimada_de_pago", ""), f"fecha_estimada_de_pago {que}")
    except DatosNoValidos:
        cuando = None  # solo ordena el plan: una fecha ilegible no impide revisar
    return _Pago(id=id_pago, estado=estado, estado_original=f.get("estado", ""), valor=valor,
                 facturado=(total if total is not None else valor or Decimal(0)) if con_factura else Decimal(0),
                 fecha=cuando, factura=factura, notas="" if _sin_definir(f.get("notas", "")) else f.get("notas", "").strip(),
                 desconocido=desconocido, recepcion_escrita=f.get("fecha_de_recepcion", ""), reguardada=reguardada)


def _sin_el_anticipo(pagos: list[_Pago], resultado: Resultado) -> list[_Pago]:
    """El anticipo como un pago del plan: un pago pagado o aprobado sin número de factura que vale justo el pago
    adelantado del contrato. Es plata que la entidad adelantó, no una factura: contarlo como facturado daba un MON-006
    falso en la última factura (el anticipo más las facturas que lo amortizan pasaban del valor del contrato). Sigue en
    el plan, ocupado (no es el pago de esta factura). Que el plan lo publique así está por confirmar: se dice."""
    adelantado = resultado.adelantado
    if adelantado is None:
        return pagos
    sin_contar = []
    for i, p in enumerate(pagos):
        if p.estado in APROBADOS and not p.factura and p.valor is not None and abs(p.valor - adelantado) < 1:
            pagos[i] = replace(p, facturado=Decimal(0), anticipo=True)
            sin_contar.append(p.id)
    if sin_contar:
        cuales = ", ".join(sin_contar)
        resultado.avisos.append(
            f"El pago {cuales} del plan, sin número de factura, vale lo mismo que el pago adelantado del contrato "
            f"({_pesos(adelantado)}): se tomó como el anticipo, que no es una factura, y no se contó en lo facturado a "
            "la fecha (cómo publica SECOP II el anticipo en el plan está por confirmar).")
    return pagos


def _sin_parejas_repetidas(pagos: list[_Pago], resultado: Resultado) -> list[_Pago]:
    """Una fila por factura de cada pago. SECOP II publica a veces la misma pareja (contrato, pago) dos veces (HECHOS
    §5): si es la misma factura (o una fila sin número), sumarlas duplicaría la plata y se cuenta una vez, la fila más
    avanzada. Dos facturas distintas en un mismo pago (una cuota facturada por partes) son dos facturas: quedan las dos
    (el plan las junta en su pago, ver _cuotas)."""
    por_id: dict[str, list[_Pago]] = {}
    for p in pagos:
        por_id.setdefault(p.id, []).append(p)
    unicos = []
    for id_pago, repetidos in por_id.items():
        facturas: list[list[_Pago]] = []
        for p in (q for q in repetidos if q.factura):
            grupo = next((g for g in facturas if mismo_numero_de_factura(g[0].factura, p.factura)), None)
            if grupo is None:
                facturas.append([p])
            else:
                grupo.append(p)
        # Las filas sin número (el pago antes de su factura) van con la primera factura, o solas si no hay ninguna.
        sin_numero = [q for q in repetidos if not q.factura]
        if facturas:
            facturas[0].extend(sin_numero)
        elif sin_numero:
            facturas.append(sin_numero)
        for grupo in facturas:
            mejor = max(grupo, key=_avance_de_la_fila)
            if len(grupo) > 1:
                estados = ", ".join(f"«{p.estado_original}»" for p in grupo)
                valores = sorted({p.valor for p in grupo if p.valor is not None})
                de = f" de {_pesos(mejor.valor)}" if len(valores) > 1 and mejor.valor is not None else ""
                aviso = (f"El pago {id_pago} aparece {len(grupo)} veces en el plan de pagos ({estados}), como lo publica "
                         f"SECOP II a veces: se usó la fila «{mejor.estado_original}»{de} y se contó una sola vez.")
                if de:
                    aviso += (f" Las filas no dicen el mismo valor del pago ({', '.join(_pesos(v) for v in valores)}): "
                              "revise en «Plan de pagos» de SECOP II cuál es.")
                resultado.avisos.append(aviso)
            unicos.append(mejor)
    return unicos


def _avance_de_la_fila(p: _Pago) -> tuple[int, bool, Decimal]:
    """Cuál de las filas repetidas de un pago se usa, sin depender del orden en que llegaron: la más avanzada (con
    factura aprobada o en trámite); entre las que dejan el pago libre, la que trae el número de la factura (una
    rechazada dice cuál y por qué, «notas»: la fila sin número no); y entre filas iguales en eso, la de mayor valor,
    que no hace ver como excedida una factura que vale lo que dice la otra fila."""
    return (_AVANCE.get(p.estado, 1) if p.estado not in LIBRES else 0, bool(p.factura), p.valor or Decimal(0))


def _facturado_del_pago(p: _Pago, pagos: list[_Pago]) -> Decimal:
    return _suma_del_pago([q for q in pagos if q.id == p.id])


def _suma_del_pago(facturas: list[_Pago], cuenta: Callable[[_Pago], bool] = lambda q: True) -> Decimal:
    """Lo facturado en las facturas de un pago (las de `cuenta`). Varias facturas distintas en un pago son una cuota
    facturada por partes, y las partes no suman más que el pago: si suman más, no son partes (una fila repetida con
    otro número, filas sin valor_total que se leen con el valor del pago) y se cuenta el valor del pago."""
    suma = sum((q.facturado for q in facturas if cuenta(q)), Decimal(0))
    return facturas[0].valor if _mas_que_el_pago(facturas, suma) else suma  # type: ignore[return-value]


def _mas_que_el_pago(facturas: list[_Pago], suma: Decimal) -> bool:
    """Si lo facturado en un pago con varias facturas (`suma`) pasa de su valor: entonces no son partes de una cuota."""
    return len(facturas) > 1 and facturas[0].valor is not None and suma > facturas[0].valor


def _aviso_de_varias(id_pago: str, facturas: list[_Pago], propio: Optional[_Pago]) -> Optional[str]:
    """El aviso de un pago con varias facturas distintas: se suman; o, si las que cuentan (todas menos esta misma)
    suman más que el pago, no son partes y se contó el valor del pago (ver _suma_del_pago)."""
    if len(facturas) < 2:
        return None
    otras = [q for q in facturas if q is not propio]
    suma, valor = sum((q.facturado for q in otras), Decimal(0)), facturas[0].valor
    if _mas_que_el_pago(facturas, suma) and len(otras) == 1:
        return (f"La factura «{otras[0].factura}» del pago {id_pago} en el plan publicado vale {_pesos(suma)}, más que el "
                f"pago ({_pesos(valor)}): se contó el valor del pago; revise en SECOP II qué facturas tiene.")
    if _mas_que_el_pago(facturas, suma):
        return (f"Las facturas del pago {id_pago} en el plan publicado ({', '.join(f'«{q.factura}»' for q in otras)}) "
                f"suman {_pesos(suma)}, más que el pago ({_pesos(valor)}): no pueden ser partes de una cuota (puede ser "
                "una fila repetida con otro número). Se contó el valor del pago; revise en SECOP II qué facturas tiene.")
    cuales = ", ".join(f"«{q.factura}»" for q in facturas)
    return (f"El pago {id_pago} tiene {len(facturas)} facturas distintas en el plan de pagos ({cuales}): se sumó lo "
            "facturado en cada una que no fue rechazada.")


def _ocupado(p: _Pago, pagos: list[_Pago]) -> bool:
    """Si el pago (con todas sus facturas) tiene una aprobada o en trámite."""
    return any(q.estado in APROBADOS | EN_TRAMITE for q in pagos if q.id == p.id)


def _mejor(facturas: list[_Pago]) -> _Pago:
    """La factura más avanzada de un pago: la que el pago nombra (su número y su estado)."""
    return max(facturas, key=lambda q: _AVANCE.get(q.estado, 1))


def _facturado(facturas: list[_Pago], propio: Optional[_Pago], numero_factura: Optional[str], revisado: Optional[str],
               cuenta: Callable[[_Pago], bool] = lambda q: True) -> Decimal:
    """Lo facturado en un pago (las facturas de `cuenta`): las demás (`_suma_del_pago`) y esta misma solo en el pago
    que se revisa (`revisado`) y si ese pago la nombra con su número, como lo muestra SECOP II: consultas._ya_contada,
    que la reconoce por el número, la descuenta entonces una sola vez, en la CLI y en la página. Esta va aparte, sin el
    tope del valor del pago: si con ella se pasa, es lo que hay que ver (MON-004), no una fila repetida."""
    otras = _suma_del_pago(facturas, lambda q: q is not propio and cuenta(q))
    if (propio is None or propio not in facturas or propio.id != revisado or _mejor(facturas) is not propio
            or not cuenta(propio) or not mismo_numero_de_factura(propio.factura, numero_factura)):
        return otras
    return otras + propio.facturado


def _cuotas(pagos: list[_Pago], propio: Optional[_Pago], numero_factura: Optional[str],
            resultado: Resultado) -> list[dict[str, Any]]:
    """El plan como lo lee el motor: un pago por id (con el estado de su factura más avanzada), con lo facturado en
    sus facturas (`_facturado`)."""
    por_id: dict[str, list[_Pago]] = {}
    for p in pagos:
        por_id.setdefault(p.id, []).append(p)
    cuotas = []
    for id_pago, facturas in por_id.items():
        p, mejor = facturas[0], _mejor(facturas)
        if p.valor is None:
            # Un pago de $0 haría que cualquier factura «supere el pago» (MON-004): en la página se pide el valor en
            # su lugar; la CLI lo deja fuera de la revisión (sin_pagos_sin_valor).
            resultado.avisos.append(_sin_valor(id_pago))
        facturado = _facturado(facturas, propio, numero_factura, resultado.id_pago)
        if aviso := _aviso_de_varias(id_pago, facturas, propio):
            resultado.avisos.append(aviso)
        cuota = {"id": id_pago, "valor": None if p.valor is None else texto_exacto(p.valor),
                 "facturado": texto_exacto(facturado), "estado": mejor.estado_original or None,
                 "factura": mejor.factura or None, "fecha": p.fecha.isoformat() if p.fecha else None}
        cuotas.append({k: v for k, v in cuota.items() if v is not None})
    return cuotas


# -- reconocer un archivo por su contenido -------------------------------------------------------

_PRIMER_ELEMENTO = re.compile(r"<(?![?!/])(?:[\w.-]+:)?([\w.-]+)")


def _es_libro_de_excel(contenido: bytes) -> bool:
    """Un .xlsx: un ZIP con xl/workbook.xml en su raíz (no un ZIP del correo que trae un .xlsx entre sus anexos)."""
    try:
        with zipfile.ZipFile(io.BytesIO(contenido)) as z:
            return "xl/workbook.xml" in z.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def reconocer(contenido: bytes) -> str:
    """Qué es un archivo que llega a la página, por su contenido (no por su nombre).

    factura_xml (también el ZIP en que llega por correo), respuesta_xml (la respuesta de la DIAN, un
    ApplicationResponse, en su propio archivo), solicitud (JSON guardado por el validador), contratos o plan_de_pagos
    (datos abiertos, JSON o CSV), facturas (el conjunto «SECOP II - Facturas», que el validador no usa: leer_archivo
    dice cuál bajar), datos_abiertos (una lista JSON que no se reconoce) o desconocido.
    """
    cabeza = contenido[:4096]
    # Un libro de Excel (un ZIP con xl/workbook.xml en su raíz, o un .xls): leer_archivo dice qué hacer con él.
    if paquete.es_zip(cabeza) and _es_libro_de_excel(contenido) or cabeza.startswith(b"\xd0\xcf\x11\xe0"):
        return "datos_abiertos"
    # El ZIP en que llega la factura por correo (el lector del XML saca de él la factura), o su PDF (el lector del
    # XML dice que no es la factura).
    if paquete.es_zip(cabeza) or paquete.es_pdf(cabeza):
        return "factura_xml"
    # Las columnas que lo reconocen son ASCII: si la cabeza corta una letra de UTF-8, leerla como Windows-1252
    # solo cambia letras que no cuentan. En UTF-16 («Texto Unicode» de Excel, o un XML), se lee como tal.
    texto = texto_de(cabeza).lstrip("\ufeff \t\r\n")
    if otro_formato(texto) is not None:  # una página web guardada por error: leer_archivo lo dice
        return "datos_abiertos"
    if texto.startswith("<"):
        # El primer elemento (después de la declaración, comentarios e instrucciones): su nombre sin prefijo.
        raiz = _PRIMER_ELEMENTO.search(re.sub(r"<!--.*?(-->|$)", "", texto, flags=re.S))
        # La respuesta del servicio web de la DIAN llega en un sobre SOAP con su DianResponse.
        del_servicio = raiz and raiz.group(1) == "Envelope" and "DianResponse" in texto
        return "respuesta_xml" if raiz and raiz.group(1) == "ApplicationResponse" or del_servicio else "factura_xml"
    if texto.startswith("{"):
        try:
            if _error_del_portal(json.loads(contenido.decode("utf-8", "ignore"))):
                return "datos_abiertos"  # leer_archivo da el mensaje del portal
        except (ValueError, RecursionError):
            pass
        return "solicitud" if re.search(r'"(contrato|factura|pago)"\s*:', contenido.decode("utf-8", "ignore")) else "desconocido"
    if texto.startswith("["):
        columnas = re.findall(r'"([A-Za-z_]+)"\s*:', texto)
    else:
        columnas = columnas_de_la_cabecera(texto)
    conjunto = conjunto_de(columnas)
    if conjunto:
        return conjunto.clave
    # Una lista JSON es lo que da la API aunque venga vacía: leer_archivo dirá qué le pasa.
    return "datos_abiertos" if texto.startswith("[") else "desconocido"
