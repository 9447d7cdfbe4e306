"""Lectura segura del XML de la DIAN (Invoice, o el AttachedDocument que recibe el comprador).

Un XML que llega de afuera se trata como hostil: tamaño limitado, sin DOCTYPE (así no hay
entidades que expandir ni archivos externos que leer) y solo las codificaciones que usa la DIAN.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation
from typing import Any, Optional

from pydantic import ValidationError

from .errores import EntradaNoLegible, EntradaNoValida, traducir
from .informe import ErrorDeEntrada
from .modelos import Factura

TAMANO_MAXIMO = 5 * 1024 * 1024  # 5 MiB: una factura de cientos de líneas con firma pesa unos cientos de KiB

NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "sts": "dian:gov:co:facturaelectronica:Structures-2-1",
}
_UBL = "urn:oasis:names:specification:ubl:schema:xsd:"
_RAICES = {
    f"{{{_UBL}Invoice-2}}Invoice": ("factura_electronica", "InvoiceLine", "InvoicedQuantity", "LegalMonetaryTotal"),
    f"{{{_UBL}CreditNote-2}}CreditNote": ("nota_credito", "CreditNoteLine", "CreditedQuantity", "LegalMonetaryTotal"),
    f"{{{_UBL}DebitNote-2}}DebitNote": ("nota_debito", "DebitNoteLine", "DebitedQuantity", "RequestedMonetaryTotal"),
}
_ADJUNTO = f"{{{_UBL}AttachedDocument-2}}AttachedDocument"
_CODIFICACIONES = {"utf-8": "utf-8", "utf8": "utf-8", "us-ascii": "ascii", "ascii": "ascii",
                   "iso-8859-1": "latin-1", "latin1": "latin-1", "latin-1": "latin-1",
                   "windows-1252": "cp1252", "cp1252": "cp1252"}
_DECLARACION = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_PROHIBIDO = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def leer_xml(datos: bytes | bytearray | memoryview | str) -> Factura:
    """La factura contenida en un XML de la DIAN. Lanza `EntradaNoLegible` o `EntradaNoValida`."""
    raiz = _analizar(bytes(datos) if isinstance(datos, (bytearray, memoryview)) else datos)
    if raiz.tag == _ADJUNTO:
        interno = raiz.find("cac:Attachment/cac:ExternalReference/cbc:Description", NS)
        if interno is None or not (interno.text or "").strip():
            raise EntradaNoLegible("El AttachedDocument no trae la factura en cac:Attachment/cac:ExternalReference/cbc:Description.")
        raiz = _analizar(interno.text.strip())
        if raiz.tag == _ADJUNTO:
            raise EntradaNoLegible("El AttachedDocument contiene otro AttachedDocument: no es una factura DIAN.")
    if raiz.tag not in _RAICES:
        nombre = raiz.tag.rsplit("}", 1)[-1]
        raise EntradaNoLegible(f"El XML no es una factura electrónica DIAN: se esperaba Invoice o AttachedDocument y llegó «{nombre[:60]}».")
    try:
        return Factura.model_validate(_campos(raiz, *_RAICES[raiz.tag]))
    except ValidationError as exc:
        raise EntradaNoValida(traducir(exc)) from None


def _demasiado_grande() -> EntradaNoLegible:
    return EntradaNoLegible(f"El archivo pesa más de {TAMANO_MAXIMO // (1024 * 1024)} MiB: una factura DIAN no es tan grande.")


def _analizar(datos: bytes | str) -> ET.Element:
    texto = _decodificar(datos) if isinstance(datos, bytes) else datos
    if len(texto) > TAMANO_MAXIMO:
        raise _demasiado_grande()
    if _PROHIBIDO.search(texto):
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
    if datos.startswith((b"\xff\xfe", b"\xfe\xff")):
        codificacion = "utf-16"
    elif datos.startswith(b"\xef\xbb\xbf"):
        codificacion = "utf-8-sig"
    else:
        declarada = _DECLARACION.match(datos[:200])
        nombre = declarada.group(1).decode("ascii").lower() if declarada else "utf-8"
        if nombre not in _CODIFICACIONES:
            raise EntradaNoLegible(f"La codificación «{nombre[:30]}» no es una de las que usa la DIAN (UTF-8).")
        codificacion = _CODIFICACIONES[nombre]
    try:
        return datos.decode(codificacion)
    except UnicodeDecodeError:
        raise EntradaNoLegible(f"El archivo no está en la codificación que declara ({codificacion}): "
                               "no parece un XML de factura.") from None


def _texto(nodo: ET.Element, ruta: str) -> Optional[str]:
    hallado = nodo.find(ruta, NS)
    if hallado is None or hallado.text is None:
        return None
    return hallado.text.strip() or None


def _parte(raiz: ET.Element, rol: str) -> dict[str, Any]:
    party = raiz.find(f"cac:{rol}/cac:Party", NS)
    if party is None:
        return {}
    esquema = party.find("cac:PartyTaxScheme", NS)
    base = esquema if esquema is not None else party.find("cac:PartyLegalEntity", NS)
    if base is None:
        return {}
    company = base.find("cbc:CompanyID", NS)
    parte: dict[str, Any] = {"numero": (company.text or "").strip() if company is not None else None,
                             "nombre": _texto(base, "cbc:RegistrationName")}
    if company is not None and company.get("schemeName", "31") != "31":
        parte["tipo_documento"] = "CC" if company.get("schemeName") == "13" else "CE"
    elif company is not None and (company.get("schemeID") or "").isdigit():
        parte["dv"] = int(company.get("schemeID"))
    return {k: v for k, v in parte.items() if v is not None}


def _impuestos(raiz: ET.Element) -> list[dict[str, Any]]:
    totales: dict[str, Decimal] = {}
    for total in raiz.findall("cac:TaxTotal", NS):
        for sub in total.findall("cac:TaxSubtotal", NS):
            codigo = _texto(sub, "cac:TaxCategory/cac:TaxScheme/cbc:ID")
            valor = _texto(sub, "cbc:TaxAmount")
            if codigo in ("01", "03", "04") and valor is not None:
                try:
                    totales[codigo] = totales.get(codigo, Decimal(0)) + Decimal(valor)
                except InvalidOperation:
                    raise EntradaNoValida([ErrorDeEntrada(campo="impuestos", mensaje=f"El tributo {codigo} no trae un valor numérico.")]) from None
    return [{"codigo": c, "valor": str(v)} for c, v in sorted(totales.items())]


def _autorizacion(raiz: ET.Element) -> Optional[dict[str, Any]]:
    control = raiz.find("ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/sts:DianExtensions/sts:InvoiceControl", NS)
    if control is None:
        return None
    valores = {
        "numero": _texto(control, "sts:InvoiceAuthorization"),
        "desde": _texto(control, "sts:AuthorizationPeriod/cbc:StartDate"),
        "hasta": _texto(control, "sts:AuthorizationPeriod/cbc:EndDate"),
        "prefijo": _texto(control, "sts:AuthorizedInvoices/sts:Prefix"),
        "rango_desde": _texto(control, "sts:AuthorizedInvoices/sts:From"),
        "rango_hasta": _texto(control, "sts:AuthorizedInvoices/sts:To"),
    }
    return {k: v for k, v in valores.items() if v is not None}


def _campos(raiz: ET.Element, tipo: str, linea_tag: str, cantidad_tag: str, totales_tag: str) -> dict[str, Any]:
    totales = raiz.find(f"cac:{totales_tag}", NS)
    t = (lambda ruta: _texto(totales, ruta)) if totales is not None else (lambda ruta: None)
    uuid = raiz.find("cbc:UUID", NS)
    lineas = [{
        "descripcion": _texto(l, "cac:Item/cbc:Description"),
        "cantidad": _texto(l, f"cbc:{cantidad_tag}"),
        "valor_unitario": _texto(l, "cac:Price/cbc:PriceAmount"),
        "valor": _texto(l, "cbc:LineExtensionAmount"),
    } for l in raiz.findall(f"cac:{linea_tag}", NS)]
    campos: dict[str, Any] = {
        "tipo": tipo,
        "numero": _texto(raiz, "cbc:ID"),
        "fecha_emision": _texto(raiz, "cbc:IssueDate"),
        "hora_emision": _texto(raiz, "cbc:IssueTime"),
        "fecha_vencimiento": _texto(raiz, "cbc:DueDate") or _texto(raiz, "cac:PaymentMeans/cbc:PaymentDueDate"),
        "proveedor": _parte(raiz, "AccountingSupplierParty"),
        "adquiriente": _parte(raiz, "AccountingCustomerParty"),
        "lineas": [{k: v for k, v in l.items() if v is not None} for l in lineas],
        "valor_bruto": t("cbc:LineExtensionAmount"),
        "impuestos": _impuestos(raiz),
        "descuentos": t("cbc:AllowanceTotalAmount"),
        "cargos": t("cbc:ChargeTotalAmount"),
        "anticipo_descontado": t("cbc:PrepaidAmount"),
        "redondeo": t("cbc:PayableRoundingAmount"),
        "valor_total": t("cbc:TaxInclusiveAmount"),
        "valor_a_pagar": t("cbc:PayableAmount"),
        "cufe": uuid.text.strip() if uuid is not None and uuid.text else None,
        "cufe_esquema": uuid.get("schemeName") if uuid is not None else None,
        "ambiente": _texto(raiz, "cbc:ProfileExecutionID"),
        "autorizacion": _autorizacion(raiz),
    }
    return {k: v for k, v in campos.items() if v is not None}
