"""Lectura segura del XML de la DIAN (Invoice, o el AttachedDocument que recibe el comprador).

Un XML que llega de afuera se trata como hostil: tamaño limitado, sin DOCTYPE (así no hay
entidades que expandir ni archivos externos que leer) y solo las codificaciones que usa la DIAN.
"""

from __future__ import annotations

import base64
import binascii
import re
import xml.etree.ElementTree as ET
from xml.parsers import expat
from datetime import date
from decimal import Decimal
from typing import Any, Callable, Iterator, NamedTuple, Optional, Sequence

from pydantic import ValidationError

from . import paquete
from .errores import EntradaNoLegible, EntradaNoValida, traducir
from .informe import ErrorDeEntrada
from .modelos import ESQUEMA_DOCUMENTO_SOPORTE, TIPO_DOCUMENTO_SOPORTE, Factura, responde_a_otro
from .nit import digito_verificacion, solo_digitos

# 16 MiB: una factura de cientos de líneas con firma pesa unos cientos de KiB, pero una de un proveedor de hospitales
# puede traer miles (unos 1 KiB por línea: 5.200 líneas son 5,4 MB); el tope cuida la memoria del teléfono.
TAMANO_MAXIMO = 16 * 1024 * 1024

NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "sts": "dian:gov:co:facturaelectronica:Structures-2-1",
}
_UBL = "urn:oasis:names:specification:ubl:schema:xsd:"
_RAICES = {
    f"{{{_UBL}Invoice-2}}Invoice": ("factura_electronica", "Invoice", "InvoiceLine", "InvoicedQuantity", "LegalMonetaryTotal"),
    f"{{{_UBL}CreditNote-2}}CreditNote": ("nota_credito", "CreditNote", "CreditNoteLine", "CreditedQuantity", "LegalMonetaryTotal"),
    f"{{{_UBL}DebitNote-2}}DebitNote": ("nota_debito", "DebitNote", "DebitNoteLine", "DebitedQuantity", "RequestedMonetaryTotal"),
}
_ADJUNTO = f"{{{_UBL}AttachedDocument-2}}AttachedDocument"
_RESPUESTA = f"{{{_UBL}ApplicationResponse-2}}ApplicationResponse"
_NOMBRES_UBL = ("Invoice", "CreditNote", "DebitNote", "AttachedDocument")
_DIAN_V1 = "http://www.dian.gov.co/contratos/facturaelectronica/v1"  # facturas anteriores a 2019 (HECHOS §6)
# Las codificaciones que se aceptan en la declaración del XML y su códec de Python. La biblioteca estándar del
# navegador va recortada: scripts/construccion/compilar_pyc.mjs lee un XML en cada una para incluir su códec.
CODIFICACIONES = {"utf-8": "utf-8", "utf8": "utf-8", "us-ascii": "ascii", "ascii": "ascii",
                  "iso-8859-1": "latin-1", "latin1": "latin-1", "latin-1": "latin-1",
                  "windows-1252": "cp1252", "cp1252": "cp1252"}
_DECLARACION = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_PROHIBIDO = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class _DtdEncontrada(Exception):
    pass


def _declara_dtd(texto: str) -> bool:
    """Si el XML declara de verdad un DOCTYPE o una ENTITY. El texto «<!DOCTYPE html>» dentro de un CDATA o de un
    comentario (el HTML de una nota) no es una declaración. Lo dice expat al encontrar la declaración, antes de
    expandir nada; un XML mal formado antes de ella lo rechaza después el analizador."""
    analizador = expat.ParserCreate()

    def encontrada(*_: object) -> None:
        raise _DtdEncontrada

    analizador.StartDoctypeDeclHandler = encontrada
    analizador.EntityDeclHandler = encontrada
    try:
        analizador.Parse(texto, True)
    except _DtdEncontrada:
        return True
    except expat.ExpatError:
        return False
    return False


_DEL_XML = "El XML de la factura"


def leer_xml(datos: bytes | bytearray | memoryview | str,
             respuesta: bytes | bytearray | memoryview | str | None = None) -> Factura:
    """La factura contenida en un XML de la DIAN. Lanza `EntradaNoLegible` o `EntradaNoValida`.

    `respuesta`: el ApplicationResponse de la DIAN en su propio archivo (el que el programa de facturación guarda
    junto a la factura), para una factura que no viene en un AttachedDocument con el suyo.
    `datos` puede ser también el ZIP en que llega la factura por correo (ver `paquete`): se lee su XML.
    """
    if paquete.es_pdf(datos):
        raise EntradaNoLegible("El archivo es un PDF, la representación gráfica de la factura: lo que la DIAN valida "
                               "es el XML. Use el XML de la factura electrónica o el ZIP en que llegó por correo.")
    raiz, del_zip = _del_zip(bytes(datos)) if paquete.es_zip(datos) else (_analizar(datos), [])

    def aparte(identidad: Optional[tuple[str, str]]) -> Optional[dict[str, Any]]:
        if respuesta is not None:
            return leer_respuesta(respuesta, identidad)
        leidas = [r for e in del_zip for r in _todas_las_respuestas(e)]
        return _la_de_esta_factura(leidas, identidad) if leidas else None
    return _factura(raiz, aparte)


def _factura(raiz: ET.Element,
             aparte: Callable[[Optional[tuple[str, str]]], Optional[dict[str, Any]]] = lambda _: None) -> Factura:
    """La factura de un XML ya analizado (la factura o su AttachedDocument). `aparte`: la respuesta de la DIAN que
    llegó en su propio archivo (la de la factura de esa identidad, si trae varias). Si el AttachedDocument trae la suya,
    vale la suya y la de aparte queda en `respuesta_aparte`, para que el informe diga que no se usó (DIAN-005)."""
    extra: dict[str, Any] = {}
    if raiz.tag == _ADJUNTO:
        adjunto = raiz
        raiz = _documento_adjunto(adjunto)
        extra = {"documento_xml": "AttachedDocument", "contenedor": _contenedor(adjunto),
                 "respuesta_dian": _respuesta_dian(adjunto, raiz)}
    if raiz.tag not in _RAICES:
        raise EntradaNoLegible(_no_es_factura(raiz))
    leida_aparte = aparte(_identidad(raiz))
    if extra.get("respuesta_dian"):
        extra["respuesta_aparte"] = leida_aparte
    else:
        extra["respuesta_dian"] = leida_aparte
    try:
        return Factura.model_validate({**_campos(raiz, *_RAICES[raiz.tag]), **{k: v for k, v in extra.items() if v}})
    except ValidationError as exc:
        errores = traducir(exc)
        en_el_xml = _en_el_xml(errores, _RAICES[raiz.tag])
        raise EntradaNoValida(en_el_xml, de=_DEL_XML, con_campo=en_el_xml == errores) from None


# Dónde está en el XML cada dato de la factura (y, si tiene una forma fija, cuál): quien corrige en su programa de
# facturación busca el elemento, no el nombre del campo en este validador. Se busca la ruta entera del campo y, si no
# está, su primera parte.
_ELEMENTOS = {"numero": "cbc:ID", "fecha_emision": "cbc:IssueDate", "fecha_vencimiento": "cbc:DueDate o cbc:PaymentDueDate",
              "hora_emision": "cbc:IssueTime (HH:MM:SS con la zona horaria, como 10:15:00-05:00)",
              "proveedor": "cbc:CompanyID en cac:AccountingSupplierParty (cac:PartyTaxScheme o cac:PartyLegalEntity)",
              "adquiriente": "cbc:CompanyID en cac:AccountingCustomerParty (cac:PartyTaxScheme o cac:PartyLegalEntity)",
              "lineas": "cac:{lineas}",
              "valor_bruto": "cbc:LineExtensionAmount en cac:{totales}",
              "valor_total": "cbc:TaxInclusiveAmount en cac:{totales}",
              "valor_a_pagar": "cbc:PayableAmount en cac:{totales}",
              "descuentos": "cbc:AllowanceTotalAmount en cac:{totales}",
              "cargos": "cbc:ChargeTotalAmount en cac:{totales}",
              "anticipo_descontado": "cbc:PrepaidAmount en cac:{totales}",
              "redondeo": "cbc:PayableRoundingAmount en cac:{totales}",
              "impuestos": "cac:TaxTotal", "retenciones": "cac:WithholdingTaxTotal",
              "cufe": "cbc:UUID", "cufe_esquema": "el atributo schemeName de cbc:UUID",
              "ambiente": "cbc:ProfileExecutionID (1 producción, 2 pruebas)",
              "autorizacion": "sts:InvoiceControl en ext:UBLExtensions (la numeración autorizada)",
              "codigo_tipo": "cbc:{documento}TypeCode (el código del tipo, de dos dígitos: 01 venta, 02 exportación…)",
              "moneda": "cbc:DocumentCurrencyCode (el código ISO 4217 de tres letras mayúsculas, como COP o USD)",
              "monedas_en_valores": "el atributo currencyID de los valores",
              "tasa_cambio": "cac:PaymentExchangeRate",
              "tasa_cambio.moneda_origen": "cbc:SourceCurrencyCode en cac:PaymentExchangeRate (el código ISO 4217 de tres "
                                           "letras mayúsculas, como USD)",
              "tasa_cambio.moneda_destino": "cbc:TargetCurrencyCode en cac:PaymentExchangeRate (el código ISO 4217 de tres "
                                            "letras mayúsculas, como COP)",
              "tasa_cambio.tasa": "cbc:CalculationRate en cac:PaymentExchangeRate (un número mayor que cero)"}


def _en_el_xml(errores: list[ErrorDeEntrada], raiz: tuple[str, ...]) -> list[ErrorDeEntrada]:
    """Los errores del modelo con el elemento del XML al que se refieren (el campo sigue igual, para la página). Si
    alguno no tiene elemento conocido, quedan como están: el campo dice entonces cuál es."""
    _, documento, lineas, _, totales = raiz
    elementos = [_ELEMENTOS.get(e.campo, _ELEMENTOS.get(e.campo.split(".")[0])) for e in errores]
    if None in elementos:
        return errores
    return [ErrorDeEntrada(campo=e.campo, mensaje=f"{elemento.format(totales=totales, documento=documento, lineas=lineas)}: "
                                                  f"{e.mensaje}")
            for e, elemento in zip(errores, elementos)]


def _adjuntos(adjunto: ET.Element, ruta: str) -> Iterator[ET.Element | EntradaNoLegible | None]:
    """Lo que el AttachedDocument trae en los `cbc:Description` de `ruta`: cada XML analizado (o su error) y None
    por un texto que no es XML. Un programa puede poner más de un bloque (el PDF en base64 antes que la factura):
    quien llama elige el que le sirve."""
    for nodo in adjunto.iterfind(ruta, NS):
        texto = (nodo.text or "").strip().lstrip(_ANTES_DEL_XML)
        if not texto:
            continue
        contenido = texto if texto.startswith("<") else _xml_en_base64(texto)
        if contenido is None:
            yield None
            continue
        try:
            yield _analizar(contenido)
        except EntradaNoLegible as exc:
            yield exc


def _xml_en_base64(texto: str) -> Optional[bytes]:
    """Un XML escrito en base64 (hay programas que ponen así la factura, con cbc:EncodingCode «Base64»); None si el
    texto no es base64 o no es un XML (el PDF, también en base64)."""
    try:
        datos = base64.b64decode(re.sub(r"\s+", "", texto), validate=True)
    except (binascii.Error, ValueError):
        return None
    return datos if datos[:64].decode("utf-8", "ignore").lstrip(_ANTES_DEL_XML).startswith("<") else None


def _documento_adjunto(adjunto: ET.Element) -> ET.Element:
    """La factura (o nota) que trae el AttachedDocument en cac:Attachment: el primer bloque que lo sea."""
    leidos = list(_adjuntos(adjunto, "cac:Attachment/cac:ExternalReference/cbc:Description"))
    documento = next((r for r in leidos if isinstance(r, ET.Element) and r.tag in _RAICES), None)
    if documento is not None:
        return documento
    if any(isinstance(r, ET.Element) and r.tag == _ADJUNTO for r in leidos):
        raise EntradaNoLegible("El AttachedDocument contiene otro AttachedDocument: no es una factura DIAN.")
    error = next((r for r in leidos if isinstance(r, EntradaNoLegible)), None)
    if error is not None:
        raise error
    otro = next((r for r in leidos if isinstance(r, ET.Element)), None)
    if otro is not None and otro.tag == _RESPUESTA:
        codigo = next((r.get("codigo") for r in _respuestas(otro) if r.get("codigo")), None)
        raise EntradaNoLegible("El AttachedDocument no trae una factura sino un ApplicationResponse"
                               + (f" (código {codigo[:10]})" if codigo else "") + ": es el contenedor de una respuesta o "
                               "de un evento sobre la factura (como un acuse de recibo o una aceptación), no el de la "
                               "factura. Use el AttachedDocument de la factura (el que llega por correo con su PDF) o el "
                               "XML de la factura.")
    if otro is not None:
        raise EntradaNoLegible(_no_es_factura(otro))
    raise EntradaNoLegible("El AttachedDocument no trae la factura en cac:Attachment/cac:ExternalReference/cbc:Description.")


def _del_zip(datos: bytes) -> tuple[ET.Element, list[ET.Element]]:
    """La factura que trae un ZIP y las respuestas (ApplicationResponse) que vengan aparte en el mismo ZIP, ya
    analizadas (cada XML del ZIP se analiza una vez, para saber qué es): de ellas se usa la de esta factura que da un
    veredicto (`_la_de_esta_factura`), no un evento del comprador que viaja con ella. Un XML vacío o que no es una
    factura (metadatos del programa de facturación) no impide usar la factura que sí viene; una copia byte a byte del
    mismo XML cuenta una vez. Un XML dañado sí se dice: puede ser la factura (o su AttachedDocument, con la respuesta
    de la DIAN)."""
    xml, otros = paquete.xml_del_zip(datos, TAMANO_MAXIMO)
    facturas, respuestas, ajenos, vistos = [], [], [], set()
    for nombre, contenido in xml:
        if not contenido.strip() or contenido in vistos:
            continue
        vistos.add(contenido)
        try:
            raiz = _analizar(contenido)
        except EntradaNoLegible as exc:
            raise EntradaNoLegible(f"«{nombre[:60]}», dentro del ZIP: {exc}") from None
        if _respuesta_de(raiz) is not None:
            respuestas.append((nombre, raiz))
        elif raiz.tag in _RAICES or raiz.tag == _ADJUNTO:
            facturas.append((nombre, raiz))
        else:
            ajenos.append((nombre, raiz))
    facturas = _sin_las_copias(facturas)
    if not facturas and ajenos:
        raise EntradaNoLegible(f"«{ajenos[0][0][:60]}», dentro del ZIP: {_no_es_factura(ajenos[0][1])}")
    if len(facturas) == 1:
        return facturas[0][1], [r for _, r in respuestas]
    if len(facturas) > 1:
        raise EntradaNoLegible(f"El ZIP trae {len(facturas)} documentos XML ({paquete.lista([n for n, _ in facturas])}): "
                               "use solo el de la factura que quiere revisar.")
    if respuestas:
        raise EntradaNoLegible(f"El ZIP solo trae {'la respuesta' if len(respuestas) == 1 else 'respuestas'} de la DIAN "
                               f"({paquete.lista([n for n, _ in respuestas])}), no la factura: úsela junto con el XML de "
                               "la factura.")
    trae = f" (trae {paquete.lista(otros)})" if otros else " (está vacío)"
    zips = [n for n in otros if n.lower().endswith(".zip")]
    if zips:  # el validador no abre un ZIP dentro de otro: se dice qué hacer
        raise EntradaNoLegible(f"El ZIP no trae el XML de la factura{trae}: si la factura está en "
                               f"{paquete.lista(zips[:1])}, extráigalo y use ese ZIP o el XML de la factura que trae.")
    raise EntradaNoLegible(f"El ZIP no trae el XML de la factura{trae}: use el ZIP que llegó con la factura, o su XML.")


def _identidad(documento: ET.Element) -> Optional[tuple[str, str]]:
    """Número y CUFE de una factura: dos XML con los mismos son la misma factura."""
    numero, cufe = _texto(documento, "cbc:ID"), _texto(documento, "cbc:UUID")
    return (numero, cufe.lower()) if numero and cufe else None


class Lectura(NamedTuple):
    """Lo que hace falta de un XML para saber si es otra copia de la misma factura: si es el AttachedDocument, su
    número y CUFE, y la factura leída (None si no se pudo leer)."""
    adjunto: bool
    identidad: Optional[tuple[str, str]]
    factura: Optional[Factura]
    error: Optional[str] = None  # por qué no es una factura que se pueda leer (mal formado, otro documento)


def lectura(datos: bytes | bytearray | memoryview | str) -> Lectura:
    """La `Lectura` de un XML (o del ZIP del correo, con la respuesta de la DIAN que traiga aparte). Nunca lanza: lo
    que no se puede leer queda en None."""
    try:
        raiz = _del_zip(bytes(datos))[0] if paquete.es_zip(datos) else _analizar(datos)
    except EntradaNoLegible as exc:
        return Lectura(False, None, None, str(exc))
    return _lectura(raiz, lambda: leer_xml(datos))


def _lectura(raiz: ET.Element, leer: Callable[[], Factura]) -> Lectura:
    try:
        documento = _documento_adjunto(raiz) if raiz.tag == _ADJUNTO else raiz
        identidad = _identidad(documento) if documento.tag in _RAICES else None
    except EntradaNoLegible:
        identidad = None
    factura: Optional[Factura] = None
    try:
        factura = leer()
    except EntradaNoValida:
        pass  # es una factura, con datos que corregir: cuenta como una
    except EntradaNoLegible as exc:
        return Lectura(raiz.tag == _ADJUNTO, identidad, None, str(exc))
    return Lectura(raiz.tag == _ADJUNTO, identidad, factura)


def la_misma_factura(lecturas: Sequence[Lectura]) -> Optional[int]:
    """Varios XML de una factura (el correo trae el AttachedDocument y a veces también la factura suelta): cuál usar,
    o None si no son la misma o no se puede elegir sin que el veredicto dependa del orden en que llegaron.

    Son la misma si todos tienen el mismo número y el mismo CUFE. Entonces vale uno: cualquiera si todos se leen igual
    (el AttachedDocument si lo son), o el AttachedDocument si hay uno solo (trae la respuesta de la DIAN). Dos
    AttachedDocument con respuestas distintas, o dos copias sueltas que no dicen lo mismo (otro DV, que no entra en
    el CUFE), no se eligen. Lo usan el ZIP del correo y la página, con los XML que se sueltan juntos."""
    identidades = {x.identidad for x in lecturas}
    if not lecturas or len(identidades) != 1 or None in identidades:
        return None
    adjuntos = [i for i, x in enumerate(lecturas) if x.adjunto]
    primera = lecturas[0].factura
    if primera is not None and all(x.factura == primera for x in lecturas):
        return adjuntos[0] if adjuntos else 0
    return adjuntos[0] if len(adjuntos) == 1 else None


def _sin_las_copias(facturas: list[tuple[str, ET.Element]]) -> list[tuple[str, ET.Element]]:
    """Los XML de facturas del ZIP sin las otras copias de la misma (`la_misma_factura`). Si son de facturas
    distintas, quedan todos (quien llama pide elegir)."""
    if len(facturas) < 2:
        return facturas
    elegida = la_misma_factura([_lectura(r, lambda r=r: _factura(r)) for _, r in facturas])
    return facturas if elegida is None else [facturas[elegida]]


def _no_es_factura(raiz: ET.Element) -> str:
    etiqueta = raiz.tag
    espacio, _, nombre = etiqueta[1:].rpartition("}") if etiqueta.startswith("{") else ("", "", etiqueta)
    if espacio == _DIAN_V1:
        return ("El archivo está en el formato de factura electrónica anterior a 2019 (espacio de nombres DIAN v1): "
                "la DIAN exige UBL 2.1 (Anexo técnico 1.9): la factura debe emitirse en UBL 2.1.")
    if nombre == "ApplicationResponse":
        return ("El archivo es una respuesta de la DIAN (ApplicationResponse), no la factura: cárguelo junto con el "
                "XML de la factura, o cargue el AttachedDocument que trae las dos.")
    if nombre == "Envelope":
        # Solo la respuesta con DianResponse se lee junto a la factura; una petición u otra respuesta (el rango de
        # numeración, un error al recibir el ZIP) no dice nada de la validación.
        if _respuesta_del_servicio(raiz) is not None:
            return ("El archivo es la respuesta del servicio web de la DIAN (sobre SOAP con DianResponse), no la "
                    "factura: cárguelo junto con el XML de la factura.")
        body = next((e for e in raiz if _local(e) == "Body"), None)
        cuerpo = _local(body[0]) if body is not None and len(body) else None  # la operación: GetNumberingRange…
        return ("El archivo es un mensaje del servicio web de la DIAN (sobre SOAP" + (f", «{cuerpo[:60]}»" if cuerpo else "")
                + "), no la factura ni la respuesta de validación de la DIAN: cargue el XML de la factura (o el "
                "AttachedDocument, que trae la respuesta).")
    if nombre.startswith("Nomina"):
        return (f"El archivo es una nómina electrónica («{nombre[:60]}»), no una factura: el validador revisa facturas "
                "electrónicas de venta, sus notas y el AttachedDocument que las trae.")
    if nombre in _NOMBRES_UBL:
        return (f"El elemento «{nombre}» no está en el espacio de nombres de UBL 2.1 sino en «{espacio[:80]}»: "
                "la DIAN exige UBL 2.1 (Anexo técnico 1.9).")
    return (f"El XML no es una factura electrónica DIAN: se esperaba una factura (Invoice), una nota crédito o débito "
            f"(CreditNote, DebitNote) o el AttachedDocument que las trae, y llegó «{nombre[:60]}».")


def _demasiado_grande() -> EntradaNoLegible:
    return EntradaNoLegible(f"El archivo pesa más de {TAMANO_MAXIMO // (1024 * 1024)} MiB, lo más que lee el validador (una "
                            "factura de unas 15.000 líneas): si es una factura, revísela por partes con la entidad.")


# Antes de la declaración no puede ir nada, pero algunos programas dejan líneas en blanco o una marca de orden de bytes
# (también dentro del CDATA del AttachedDocument). No cambian el documento: se quitan.
_ANTES_DEL_XML = "\ufeff \t\r\n"


def _analizar(datos: bytes | bytearray | memoryview | str) -> ET.Element:
    texto = (datos if isinstance(datos, str) else _decodificar(bytes(datos))).lstrip(_ANTES_DEL_XML)
    if len(texto) > TAMANO_MAXIMO:
        raise _demasiado_grande()
    if _PROHIBIDO.search(texto) and _declara_dtd(texto):
        raise EntradaNoLegible("El XML trae una declaración DOCTYPE o ENTITY, que una factura DIAN no usa; "
                               "por seguridad no se procesa.")
    try:
        return ET.fromstring(texto)
    except ET.ParseError as exc:
        linea, columna = exc.position
        raise EntradaNoLegible(f"El XML está mal formado (línea {linea}, columna {columna}): "
                               "descargue de nuevo el archivo de la factura.") from None


def _decodificar(datos: bytes) -> str:
    if len(datos) > TAMANO_MAXIMO:
        raise _demasiado_grande()
    declarada = None
    if datos.startswith((b"\xff\xfe", b"\xfe\xff")):
        codificacion = "utf-16"
    elif datos.startswith(b"\xef\xbb\xbf"):
        codificacion = "utf-8-sig"
    else:
        declarada = _DECLARACION.match(datos[:200])
        nombre = declarada.group(1).decode("ascii").lower() if declarada else "utf-8"
        if nombre not in CODIFICACIONES:
            raise EntradaNoLegible(f"La codificación «{nombre[:30]}» no es una de las que usa la DIAN (UTF-8).")
        codificacion = CODIFICACIONES[nombre]
    try:
        return datos.decode(codificacion)
    except UnicodeDecodeError:
        que = (f"la codificación que declara ({codificacion})" if declarada
               else "UTF-8 y no declara otra codificación" if codificacion == "utf-8"
               else f"la codificación que indica su marca de orden de bytes ({codificacion.removesuffix('-sig')})")
        raise EntradaNoLegible(f"El archivo no está en {que}: no parece un XML de factura.") from None


def _texto(nodo: ET.Element, ruta: str) -> Optional[str]:
    hallado = nodo.find(ruta, NS)
    if hallado is None or hallado.text is None:
        return None
    return hallado.text.strip() or None


# schemeName de cbc:CompanyID / cbc:ID: tipos de documento de identificación del anexo (tabla 13.2.1, por confirmar
# para los menos comunes).
_TIPOS_DOCUMENTO = {"31": "NIT", "13": "CC", "22": "CE", "41": "PA", "48": "PPT", "12": "TI", "11": "RC", "21": "TE",
                    "47": "PEP", "42": "DIE", "50": "NITE", "91": "NUIP"}
_BLOQUES = (("PartyTaxScheme", "cbc:CompanyID"), ("PartyLegalEntity", "cbc:CompanyID"), ("PartyIdentification", "cbc:ID"))


_FECHA_CON_ZONA = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})")


def _fecha(nodo: ET.Element, ruta: str) -> Optional[str]:
    """Una fecha del XML: xsd:date admite la zona horaria (`2026-06-01-05:00`); el día es lo que cuenta."""
    texto = _texto(nodo, ruta)
    m = _FECHA_CON_ZONA.fullmatch(texto) if texto else None
    return m[1] if m else texto


_FECHA = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _fecha_o_nada(nodo: ET.Element, ruta: str) -> Optional[str]:
    """Una fecha del XML, o nada si no es una fecha AAAA-MM-DD válida (para un dato que solo se muestra)."""
    texto = _fecha(nodo, ruta)
    if not texto or not _FECHA.fullmatch(texto):
        return None
    try:
        date.fromisoformat(texto)
    except ValueError:
        return None
    return texto


def _nombre_de_persona(party: ET.Element) -> Optional[str]:
    """El nombre de una persona natural en cac:Person (nombres y apellidos), si la parte no trae otro."""
    persona = party.find("cac:Person", NS)
    if persona is None:
        return None
    partes = [_texto(persona, f"cbc:{e}") for e in ("FirstName", "MiddleName", "FamilyName")]
    return " ".join(p for p in partes if p) or None


def _recortado(texto: Optional[str], largo: int) -> Optional[str]:
    """Un texto libre del XML (un nombre, una descripción) que solo se muestra: si pasa del largo que admite el
    modelo se recorta, con «…». La DIAN valida facturas con textos largos (el objeto del contrato copiado en la
    línea, el nombre de una unión temporal): rechazarlas por eso no sería cierto."""
    if texto is None or len(texto) <= largo:
        return texto
    return texto[:largo - 1].rstrip() + "…"


def _parte(raiz: ET.Element, rol: str) -> dict[str, Any]:
    party = raiz.find(f"cac:{rol}/cac:Party", NS)
    return _identificacion(party) if party is not None else {}


def _identificacion(party: ET.Element) -> dict[str, Any]:
    """La parte leída de todos sus bloques: la primera identificación (en el orden de `_BLOQUES`) es la principal;
    todas quedan en `bloques` para que las reglas comparen (HECHOS §6: a veces no coinciden)."""
    bloques: list[dict[str, Any]] = []
    nombre = None
    for bloque, etiqueta in _BLOQUES:
        for nodo in party.findall(f"cac:{bloque}", NS):
            ident = nodo.find(etiqueta, NS)
            nombre = nombre or _texto(nodo, "cbc:RegistrationName")
            if ident is None or not (ident.text or "").strip():
                continue
            esquema = (ident.get("schemeName") or "").strip()[:4] or None
            dv = ident.get("schemeID") or ""
            bloques.append({k: v for k, v in {
                "bloque": bloque, "numero": ident.text.strip()[:40], "tipo_documento": esquema,
                "dv": int(dv) if dv.isdigit() and len(dv) == 1 and esquema in (None, "31") else None,
            }.items() if v is not None})
    if not bloques:
        return {}
    principal = bloques[0]
    numero, dv = _nit_y_dv(principal)
    parte: dict[str, Any] = {"numero": numero,
                             "nombre": _recortado(nombre or _texto(party, "cac:PartyName/cbc:Name")
                                                  or _nombre_de_persona(party), 200),
                             "dv": dv,
                             # Sin schemeName, NIT (el caso común); con uno que no está en la tabla, «OTRO»: no se
                             # le exige la forma de un NIT a un documento que no dice serlo.
                             "tipo_documento": _TIPOS_DOCUMENTO.get(principal.get("tipo_documento") or "31", "OTRO")}
    if len(bloques) > 1:
        parte["bloques"] = bloques
    return {k: v for k, v in parte.items() if v is not None}


# Un NIT con su DV pegado después de un guion («899999061-9», «899.999.061-9»): hay programas que lo escriben así en
# cbc:CompanyID y la DIAN valida la factura.
_NIT_CON_DV = re.compile(r"([0-9][0-9.\s]*?)\s*-\s*([0-9])")


def _nit_y_dv(bloque: dict[str, Any]) -> tuple[str, Optional[int]]:
    """El número y el DV de la parte según su bloque principal. Un NIT con el DV pegado se separa: el número va sin él
    (como lo pide `Parte`) y ese DV se revisa como el de schemeID. Si los dos no coinciden, se toma el que no le
    corresponde al número, para que NIT-001 lo diga; en los demás bloques el número queda como viene (NIT-004 y
    NIT-005 ya lo leen así)."""
    numero, dv = bloque["numero"], bloque.get("dv")
    pegado = _NIT_CON_DV.fullmatch(numero) if bloque.get("tipo_documento") in (None, "31") else None
    if pegado is None:
        return numero, dv
    numero = pegado[1]
    digitos = solo_digitos(numero)
    dvs = [d for d in (dv, int(pegado[2])) if d is not None]
    if 0 < len(digitos) <= 15:
        return numero, next((d for d in dvs if d != digito_verificacion(digitos)), dvs[0])
    return numero, dvs[0]


# xsd:decimal, como escribe los valores el XML de la DIAN: punto decimal, sin separador de miles.
_XSD_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")


def _xsd_decimal(texto: Optional[str]) -> Optional[Decimal]:
    """Un valor del XML como `Decimal` si está escrito como xsd:decimal; si no, None."""
    return Decimal(texto) if texto is not None and _XSD_DECIMAL.fullmatch(texto) else None


def _numero(texto: Optional[str], campo: str, donde: str) -> Optional[Decimal]:
    """Un número del XML (un valor, una cantidad, una tarifa; `donde`: su elemento) como `Decimal`. «850.000» es
    ochocientos cincuenta con tres decimales, no ochocientos cincuenta mil; un texto que no es xsd:decimal
    («11.900.000,00», «$ 1.500») no es un número del XML, aunque una persona lo lea: no se adivina qué quiso decir,
    se pide corregir."""
    if texto is None:
        return None
    valor = _xsd_decimal(texto)
    if valor is None:
        mensaje = (f"{donde} trae «{texto[:40]}», que no es un número como los escribe el XML (punto decimal y sin "
                   "separador de miles, como 1785000.00): use el XML tal como lo generó el programa de facturación del "
                   "emisor, sin editarlo.")
        raise EntradaNoValida([ErrorDeEntrada(campo=campo, mensaje=mensaje)], de=_DEL_XML, con_campo=False)
    return valor


def _texto_por_unidad(sub: ET.Element) -> Optional[str]:
    """El valor por unidad de un cac:TaxSubtotal: UBL 2.1 lo admite en él o en su cac:TaxCategory."""
    return _texto(sub, "cbc:PerUnitAmount") or _texto(sub, "cac:TaxCategory/cbc:PerUnitAmount")


def _cantidades_por_unidad(raiz: ET.Element, linea_tag: str, cantidad_tag: str) -> dict[tuple[str, Decimal], Decimal]:
    """(código, valor por unidad) → suma de las cantidades de las líneas que llevan ese tributo por unidad."""
    cantidades: dict[tuple[str, Decimal], Decimal] = {}
    for linea in raiz.findall(f"cac:{linea_tag}", NS):
        cantidad = _xsd_decimal(_texto(linea, f"cbc:{cantidad_tag}"))
        if cantidad is None:
            continue
        for sub in linea.findall("cac:TaxTotal/cac:TaxSubtotal", NS):
            codigo = _codigo_tributo(sub)
            por_unidad = _xsd_decimal(_texto_por_unidad(sub))
            if codigo is not None and por_unidad is not None:
                clave = (codigo, por_unidad)
                cantidades[clave] = cantidades.get(clave, Decimal(0)) + cantidad
    return cantidades


def _codigo_tributo(sub: ET.Element) -> Optional[str]:
    """El código del tributo de un cac:TaxSubtotal (tabla «Tributos»: 01 IVA, 03 ICA, 04 INC…)."""
    return _texto(sub, "cac:TaxCategory/cac:TaxScheme/cbc:ID")


def _tarifa(sub: ET.Element) -> Optional[str]:
    """La tarifa de un cac:TaxSubtotal: UBL 2.1 la admite en él o en su cac:TaxCategory (como el valor por unidad)."""
    return _texto(sub, "cac:TaxCategory/cbc:Percent") or _texto(sub, "cbc:Percent")


def _lineas_con_tributo(raiz: ET.Element, linea_tag: str) -> dict[tuple[str, Optional[Decimal]], int]:
    """(código, tarifa) → cuántas líneas llevan ese tributo con su valor en su propio cac:TaxTotal."""
    lineas: dict[tuple[str, Optional[Decimal]], int] = {}
    for linea in raiz.findall(f"cac:{linea_tag}", NS):
        claves = {(codigo, _xsd_decimal(_tarifa(sub)))
                  for sub in linea.findall("cac:TaxTotal/cac:TaxSubtotal", NS)
                  if (codigo := _codigo_tributo(sub)) is not None
                  and _xsd_decimal(_texto(sub, "cbc:TaxAmount")) is not None}
        for clave in claves:
            lineas[clave] = lineas.get(clave, 0) + 1
    return lineas


def _tributos(raiz: ET.Element, grupo: str, campo: str,
              cantidades: Optional[dict[tuple[str, Decimal], Decimal]] = None,
              lineas: Optional[dict[tuple[str, Optional[Decimal]], int]] = None) -> list[dict[str, Any]]:
    """Cada cac:TaxSubtotal de los grupos `grupo` del documento, cualquiera sea su código (tabla «Tributos»); a los
    tributos por unidad, la cantidad de las líneas que los llevan (`cantidades`); a cada uno, cuántas líneas lo llevan
    en su propio cac:TaxTotal con la misma tarifa (`lineas`)."""
    tributos = []
    for total in raiz.findall(f"cac:{grupo}", NS):
        for sub in total.findall("cac:TaxSubtotal", NS):
            codigo = _codigo_tributo(sub)
            tributo = f"tributo {(codigo or '?')[:10]} (cac:{grupo})"
            valor = _numero(_texto(sub, "cbc:TaxAmount"), campo, f"cbc:TaxAmount del {tributo}")
            if codigo is None or valor is None:
                continue
            por_unidad = _numero(_texto_por_unidad(sub), campo, f"cbc:PerUnitAmount del {tributo}")
            cantidad = (cantidades or {}).get((codigo, por_unidad)) if por_unidad is not None else None
            # La base antes que la tarifa: el primer número mal escrito es el que se dice, en el orden del XML.
            base = _numero(_texto(sub, "cbc:TaxableAmount"), campo, f"cbc:TaxableAmount del {tributo}")
            tarifa = _numero(_tarifa(sub), campo, f"cbc:Percent del {tributo}")
            tributos.append({k: v for k, v in {
                "codigo": codigo, "valor": valor,
                "nombre": (_texto(sub, "cac:TaxCategory/cac:TaxScheme/cbc:Name") or "")[:60] or None,
                "base": base,
                "porcentaje": tarifa,
                "valor_por_unidad": por_unidad,
                "unidades": _numero(_texto(sub, "cbc:BaseUnitMeasure") or _texto(sub, "cac:TaxCategory/cbc:BaseUnitMeasure"),
                                    campo, f"cbc:BaseUnitMeasure del {tributo}"),
                "cantidad": cantidad,
                "lineas": (lineas or {}).get((codigo, tarifa)),
            }.items() if v is not None})
    return tributos


def _totales_de_tributos(raiz: ET.Element) -> dict[str, Decimal]:
    """cac:TaxTotal/cbc:TaxAmount por código, de cada grupo con subtotales de un solo tributo (así los escribe el
    anexo: un cac:TaxTotal por tributo). Un grupo que mezcla tributos, o un total que no es un número, no se toma: se
    sigue con la suma de los subtotales, como antes de leer el total."""
    totales: dict[str, Decimal] = {}
    for total in raiz.findall("cac:TaxTotal", NS):
        codigos = {_codigo_tributo(sub) for sub in total.findall("cac:TaxSubtotal", NS)}
        valor = _xsd_decimal(_texto(total, "cbc:TaxAmount"))
        if len(codigos) == 1 and None not in codigos and valor is not None:
            (codigo,) = codigos
            totales[codigo] = totales.get(codigo, Decimal(0)) + valor
    return totales


def _autorizacion(raiz: ET.Element) -> Optional[dict[str, Any]]:
    """La numeración autorizada (sts:InvoiceControl). El anexo 1.9 la pone en el espacio de nombres
    `dian:gov:co:facturaelectronica:Structures-2-1`; hay programas que escriben el mismo bloque con otro
    (`urn:dian:gov:co:facturaelectronica:Structures-2-1`, el de la versión 1 con `/Structures`): se busca
    DianExtensions por su nombre, en el espacio que traiga, para no saltarse la revisión del rango sin decirlo."""
    control = None
    for contenido in raiz.iterfind("ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/*", NS):
        if contenido.tag.rpartition("}")[2] == "DianExtensions":
            espacio = contenido.tag[1:].partition("}")[0] if contenido.tag.startswith("{") else ""
            control = contenido.find(f"{{{espacio}}}InvoiceControl" if espacio else "InvoiceControl")
            if control is not None:
                break
    if control is None:
        return None
    s = f"{{{espacio}}}" if espacio else ""
    valores = {
        "numero": _texto(control, f"{s}InvoiceAuthorization"),
        "desde": _fecha(control, f"{s}AuthorizationPeriod/cbc:StartDate"),
        "hasta": _fecha(control, f"{s}AuthorizationPeriod/cbc:EndDate"),
        "prefijo": _texto(control, f"{s}AuthorizedInvoices/{s}Prefix"),
        "rango_desde": _texto(control, f"{s}AuthorizedInvoices/{s}From"),
        "rango_hasta": _texto(control, f"{s}AuthorizedInvoices/{s}To"),
    }
    return {k: v for k, v in valores.items() if v is not None}


def _tasa_de_cambio(raiz: ET.Element, moneda: str) -> Optional[dict[str, Any]]:
    """cac:PaymentExchangeRate. Sin tasa (el elemento vacío, o en cero, que algunos programas escriben también en
    facturas en pesos) es como si no estuviera: las reglas de moneda dicen lo que falte. Sin moneda de origen, la del
    documento."""
    tasa = raiz.find("cac:PaymentExchangeRate", NS)
    if tasa is None or _texto(tasa, "cbc:CalculationRate") is None:
        return None
    valor = _numero(_texto(tasa, "cbc:CalculationRate"), "tasa_cambio", "cbc:CalculationRate en cac:PaymentExchangeRate")
    if valor == 0:
        return None
    valores = {"moneda_origen": _texto(tasa, "cbc:SourceCurrencyCode") or moneda,
               "moneda_destino": _texto(tasa, "cbc:TargetCurrencyCode"),
               "tasa": valor,
               "fecha": _fecha(tasa, "cbc:Date")}
    return {k: v for k, v in valores.items() if v is not None}


def _otras_monedas(raiz: ET.Element, moneda: str) -> list[str]:
    """Las monedas (currencyID) de los valores que no están en la moneda del documento."""
    otras = {m for m in (e.get("currencyID") for e in raiz.iter()) if m and m != moneda}
    return sorted(m[:3] for m in otras)[:10]


def _campos(raiz: ET.Element, tipo: str, documento: str, linea_tag: str, cantidad_tag: str, totales_tag: str) -> dict[str, Any]:
    # La nota débito lleva RequestedMonetaryTotal; hay programas que escriben LegalMonetaryTotal, como en la factura.
    totales = raiz.find(f"cac:{totales_tag}", NS)
    if totales is None:
        totales = raiz.find("cac:LegalMonetaryTotal", NS)
    donde = f"cac:{totales.tag.rsplit('}', 1)[-1]}" if totales is not None else ""

    def t(campo: str, elemento: str) -> Optional[Decimal]:
        return _numero(_texto(totales, elemento), campo, f"{elemento} en {donde}") if totales is not None else None
    uuid = raiz.find("cbc:UUID", NS)
    moneda = _texto(raiz, "cbc:DocumentCurrencyCode") or "COP"
    lineas = [{
        "descripcion": _recortado(_texto(l, "cac:Item/cbc:Description"), 1000),
        "cantidad": _numero(_texto(l, f"cbc:{cantidad_tag}"), f"lineas.{i}.cantidad",
                            f"cbc:{cantidad_tag} de la línea {i + 1} (cac:{linea_tag})"),
        "valor_unitario": _numero(_texto(l, "cac:Price/cbc:PriceAmount"), f"lineas.{i}.valor_unitario",
                                  f"cac:Price/cbc:PriceAmount de la línea {i + 1} (cac:{linea_tag})"),
        "valor": _numero(_texto(l, "cbc:LineExtensionAmount"), f"lineas.{i}.valor",
                         f"cbc:LineExtensionAmount de la línea {i + 1} (cac:{linea_tag})"),
    } for i, l in enumerate(raiz.findall(f"cac:{linea_tag}", NS))]
    campos: dict[str, Any] = {
        "tipo": tipo,
        "documento_xml": documento,
        "codigo_tipo": _texto(raiz, f"cbc:{documento}TypeCode"),
        "numero": _texto(raiz, "cbc:ID"),
        "fecha_emision": _fecha(raiz, "cbc:IssueDate"),
        "hora_emision": _texto(raiz, "cbc:IssueTime"),
        "fecha_vencimiento": _fecha(raiz, "cbc:DueDate") or _fecha(raiz, "cac:PaymentMeans/cbc:PaymentDueDate"),
        "proveedor": _parte(raiz, "AccountingSupplierParty"),
        "adquiriente": _parte(raiz, "AccountingCustomerParty"),
        "lineas": [{k: v for k, v in l.items() if v is not None} for l in lineas],
        "valor_bruto": t("valor_bruto", "cbc:LineExtensionAmount"),
        "impuestos": _tributos(raiz, "TaxTotal", "impuestos", _cantidades_por_unidad(raiz, linea_tag, cantidad_tag),
                               _lineas_con_tributo(raiz, linea_tag)),
        "totales_tributos": _totales_de_tributos(raiz),
        "retenciones": _tributos(raiz, "WithholdingTaxTotal", "retenciones"),
        "descuentos": t("descuentos", "cbc:AllowanceTotalAmount"),
        "cargos": t("cargos", "cbc:ChargeTotalAmount"),
        "anticipo_descontado": t("anticipo_descontado", "cbc:PrepaidAmount"),
        "redondeo": t("redondeo", "cbc:PayableRoundingAmount"),
        "valor_total": t("valor_total", "cbc:TaxInclusiveAmount"),
        "valor_a_pagar": t("valor_a_pagar", "cbc:PayableAmount"),
        "cufe": uuid.text.strip() if uuid is not None and uuid.text else None,
        "cufe_esquema": uuid.get("schemeName") if uuid is not None else None,
        "ambiente": _texto(raiz, "cbc:ProfileExecutionID"),
        "autorizacion": _autorizacion(raiz),
        "moneda": moneda,
        "monedas_en_valores": _otras_monedas(raiz, moneda),
        "tasa_cambio": _tasa_de_cambio(raiz, moneda),
    }
    # El documento soporte lo expide la entidad que compra, no el proveedor (regla FAC-012).
    if tipo == "factura_electronica" and (campos["codigo_tipo"] == TIPO_DOCUMENTO_SOPORTE
                                          or campos["cufe_esquema"] == ESQUEMA_DOCUMENTO_SOPORTE):
        campos["tipo"] = "documento_soporte"
    return {k: v for k, v in campos.items() if v is not None and v != []}


def _contenedor(adjunto: ET.Element) -> Optional[dict[str, Any]]:
    """Quién envía y quién recibe según el AttachedDocument (deben ser el emisor y el adquiriente de la factura)."""
    partes = {}
    for clave, rol in (("emisor", "SenderParty"), ("receptor", "ReceiverParty")):
        nodo = adjunto.find(f"cac:{rol}", NS)
        numero = _identificacion(nodo).get("numero") if nodo is not None else None
        if numero:
            partes[clave] = numero
    return partes or None


_ESTADOS = {"02": "validada", "04": "rechazada"}  # ResponseCode del ApplicationResponse (HECHOS §6; 04 por confirmar)


def leer_respuesta(datos: bytes | bytearray | memoryview | str,
                   identidad: Optional[tuple[str, str]] = None) -> dict[str, Any]:
    """La respuesta de la DIAN (ApplicationResponse) de un archivo aparte, como `Factura.respuesta_dian`; si responde a
    varios documentos, la de la factura de `identidad` (número y CUFE, `_la_de_esta_factura`). Lanza
    `EntradaNoLegible` si el archivo no es un ApplicationResponse."""
    try:
        raiz = _analizar(datos)
    except EntradaNoLegible as exc:  # que no parezca que lo dañado es la factura
        mensaje = str(exc).replace("el archivo de la factura", "el archivo de la respuesta")
        raise EntradaNoLegible(f"El archivo de la respuesta de la DIAN no se pudo leer. {mensaje}") from None
    leida = _respuesta_de(raiz, identidad)
    if leida is None:
        raise EntradaNoLegible(f"El archivo de la respuesta de la DIAN no es un ApplicationResponse sino «{_local(raiz)[:60]}».")
    return leida


def _todas_las_respuestas(raiz: ET.Element) -> list[dict[str, Any]]:
    """Las respuestas que trae `raiz`: una por cada cac:DocumentResponse de un ApplicationResponse, o la del sobre SOAP."""
    if raiz.tag == _RESPUESTA:
        return _respuestas(raiz)
    servicio = _respuesta_del_servicio(raiz)
    return [servicio] if servicio is not None else []


def _respuesta_de(raiz: ET.Element, identidad: Optional[tuple[str, str]] = None) -> Optional[dict[str, Any]]:
    """La respuesta de la DIAN que es `raiz`: su ApplicationResponse (la de la factura de `identidad`, si responde a
    varios documentos) o el sobre SOAP de su servicio web; None si no es una respuesta (sola, en un ZIP o junto a la
    factura se reconoce igual)."""
    if raiz.tag == _RESPUESTA:
        return _la_de_esta_factura(_respuestas(raiz), identidad)
    return _respuesta_del_servicio(raiz)


def _local(elemento: ET.Element) -> str:
    return elemento.tag.rpartition("}")[2]


# «Regla: FAU14, Rechazo: Valor a Pagar…» o «Regla: RUT01, Notificación: …»: una línea de la respuesta del servicio.
_LINEA_DEL_SERVICIO = re.compile(r"^\s*Regla:\s*([^,]{1,40}),\s*(Rechazo|Notificaci[oó]n)\s*:\s*(.*)$", re.S)


def _respuesta_del_servicio(raiz: ET.Element) -> Optional[dict[str, Any]]:
    """La respuesta del servicio web de la DIAN (sobre SOAP con un `DianResponse`: GetStatus, GetStatusZip,
    SendBillSync), que algunos programas de facturación guardan como «la respuesta de la DIAN»: IsValid, StatusCode y
    StatusDescription, las reglas de ErrorMessage y el CUFE (XmlDocumentKey). None si el XML no es eso."""
    if _local(raiz) != "Envelope":
        return None
    dian = next((e for e in raiz.iter() if _local(e) == "DianResponse"), None)
    if dian is None:
        return None
    campos = {_local(e): (e.text or "").strip() for e in dian}
    lineas = [" ".join((s.text or "").split()) for e in dian if _local(e) == "ErrorMessage" for s in e]
    notificaciones = []
    for linea in filter(None, lineas):
        partes = _LINEA_DEL_SERVICIO.match(linea)
        # Un motivo de rechazo lo dice («Rechazo: …»); una notificación va sin prefijo, como en el ApplicationResponse.
        if partes:
            codigo = partes.group(1).strip()
            texto = f"Rechazo: {partes.group(3)}" if partes.group(2) == "Rechazo" else partes.group(3)
        else:
            codigo, texto = "—", linea
        notificaciones.append({"codigo": codigo[:40], "descripcion": texto[:1000]})
    valida = campos.get("IsValid", "").lower()
    # IsValid=false no se toma por un rechazo de la factura: el formato del servicio no está en las fuentes
    # confirmadas y el servicio responde así también a un reenvío («Regla: 90, Rechazo: Documento procesado
    # anteriormente») de una factura que la DIAN ya validó. Se dice lo que trae (DIAN-004, advertencia).
    estado = "validada" if valida == "true" else "otra"
    reglas = ", ".join(dict.fromkeys(n["codigo"] for n in notificaciones))
    valores = {
        "estado": estado, "codigo": (campos.get("StatusCode") or None) and campos["StatusCode"][:40],
        "descripcion": ((campos.get("StatusDescription") or "") + " (respuesta del servicio web de la DIAN, "
                        "IsValid=" + (valida or "sin dato") + (f"; reglas: {reglas}" if reglas else "") + ")")[:1000],
        "notificaciones": notificaciones[:200],
        "uuid": (campos.get("XmlDocumentKey") or None) and campos["XmlDocumentKey"][:200],
    }
    return {k: v for k, v in valores.items() if v is not None}


def _respuesta_dian(adjunto: ET.Element, documento: ET.Element) -> Optional[dict[str, Any]]:
    """El ApplicationResponse de la DIAN en cac:ParentDocumentLineReference, si el contenedor lo trae. Con varios (un
    acuse, la respuesta de otro documento), el de esta factura con su veredicto (validada o rechazada)."""
    leidos = list(_adjuntos(adjunto, "cac:ParentDocumentLineReference/cac:DocumentReference/cac:Attachment/"
                                     "cac:ExternalReference/cbc:Description"))
    respuestas = [d for r in leidos if isinstance(r, ET.Element) and r.tag == _RESPUESTA for d in _respuestas(r)]
    if respuestas:
        leida = _la_de_esta_factura(respuestas, _identidad(documento))
        # Sin código en la respuesta, lo que el contenedor declara (cac:ResultOfVerification) se dice, sin tomarlo
        # por el veredicto de la DIAN: ese campo lo escribe quien arma el AttachedDocument (por confirmar).
        declarado = _texto(adjunto, "cac:ParentDocumentLineReference/cac:DocumentReference/cac:ResultOfVerification/"
                                    "cbc:ValidationResultCode")
        if leida["estado"] == "otra" and not leida.get("codigo") and declarado:
            leida["descripcion"] = (f"{leida['descripcion']} El AttachedDocument declara el resultado {declarado[:10]} "
                                    "(cac:ResultOfVerification), pero no viene en la respuesta de la DIAN.")[:1000]
        return leida
    if not leidos:
        return None
    error = next((r for r in leidos if isinstance(r, EntradaNoLegible)), None)
    if error is not None:
        return {"estado": "otra", "descripcion": f"La respuesta de la DIAN que trae el contenedor no se pudo leer: {error}"[:1000]}
    return {"estado": "otra", "descripcion": "El contenedor trae en cac:ParentDocumentLineReference algo que no es "
                                             "un ApplicationResponse de la DIAN."}


def _la_de_esta_factura(respuestas: list[dict[str, Any]], identidad: Optional[tuple[str, str]]) -> dict[str, Any]:
    """Entre varias respuestas (varios ApplicationResponse en el contenedor, o varios cac:DocumentResponse en uno): las
    de esta factura antes que las de otro documento, y entre ellas las que dan un veredicto. De esta factura es la que
    no nombra otro documento, con el criterio de DIAN-003 (`responde_a_otro`): el mismo número con otro CUFE es otro
    documento (la factura rechazada y emitida de nuevo con ese número). Si las de esta factura se contradicen (una la
    valida, otra la rechaza), vale el rechazo y se dice."""
    def de_esta(r: dict[str, Any]) -> bool:
        return identidad is not None and not responde_a_otro(r.get("documento"), r.get("uuid"), *identidad)
    propias = [r for r in respuestas if de_esta(r)]
    con_veredicto = [r for r in (propias or respuestas) if r["estado"] in ("validada", "rechazada")]
    if {r["estado"] for r in con_veredicto} == {"validada", "rechazada"}:
        rechazo = next(r for r in con_veredicto if r["estado"] == "rechazada")
        return {**rechazo, "descripcion": (f"{rechazo['descripcion']} Con ella viene también una respuesta "
                                           "que la valida: revise con la DIAN cuál es la vigente.")[:1000]}
    return (con_veredicto or propias or respuestas)[0]


def _respuestas(respuesta: ET.Element) -> list[dict[str, Any]]:
    """Lo que dice un ApplicationResponse: una respuesta por cada cac:DocumentResponse (puede responder a varios
    documentos: quien llama elige la de esta factura con `_la_de_esta_factura`), o una sin código si no trae ninguno."""
    fecha = _fecha_o_nada(respuesta, "cbc:IssueDate")
    return [_respuesta(documento, fecha) for documento in respuesta.findall("cac:DocumentResponse", NS) or [None]]


def _respuesta(documento: Optional[ET.Element], fecha: Optional[str]) -> dict[str, Any]:
    codigo = _texto(documento, "cac:Response/cbc:ResponseCode") if documento is not None else None
    notificaciones = []
    lineas = documento.iterfind("cac:LineResponse/cac:Response", NS) if documento is not None else ()
    for linea in lineas:
        cod = _texto(linea, "cbc:ResponseCode")
        texto = _texto(linea, "cbc:Description") or ""
        # Un código en ceros es la confirmación, no una notificación: «0000 / 0», o «0 / La Factura electrónica
        # NC-424, ha sido autorizada.» en archivos reales. Las notificaciones llevan el código de su regla (RUT01).
        if cod and cod.strip("0"):
            notificaciones.append({"codigo": cod[:40], "descripcion": texto[:1000]})
    descripcion = _texto(documento, "cac:Response/cbc:Description") if documento is not None else None
    valores = {
        "estado": _ESTADOS.get(codigo or "", "otra"), "codigo": codigo and codigo[:40],
        "descripcion": (descripcion or ("" if codigo else "La respuesta de la DIAN no trae código de respuesta "
                                                          "(cac:DocumentResponse/cac:Response/cbc:ResponseCode)."))[:1000],
        "notificaciones": notificaciones[:200],
        "documento": _texto(documento, "cac:DocumentReference/cbc:ID") if documento is not None else None,
        "uuid": _texto(documento, "cac:DocumentReference/cbc:UUID") if documento is not None else None,
        # Solo se muestra (ninguna regla la usa): una fecha que no se entiende no hace ilegible la factura, porque el
        # documento es de la DIAN y el proveedor no lo puede corregir.
        "fecha": fecha,
    }
    return {k: v for k, v in valores.items() if v is not None}
