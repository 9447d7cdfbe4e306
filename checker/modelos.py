"""Modelos de entrada: la solicitud de pago tal como la ven SECOP II y la DIAN.

Los nombres de campo son los del JSON; el `title` de cada campo es la etiqueta que muestra
SECOP II (o la DIAN), y de ahí la toma el formulario del validador.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal, Optional

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, ValidationInfo,
                      WithJsonSchema, field_validator)

from . import pasos
from .formatos import leer_dinero, leer_porcentaje, texto_exacto

Dinero = Annotated[
    Decimal,
    BeforeValidator(leer_dinero),
    PlainSerializer(texto_exacto, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "pattern": r"^\$?\s*-?[0-9.]+(,[0-9]+)?$",
                    "examples": ["1.785.000,00"]}),
]
Porcentaje = Annotated[Decimal, BeforeValidator(leer_porcentaje), Field(ge=0, le=100)]
Texto = Annotated[str, Field(min_length=1, max_length=200)]
Moneda = Annotated[str, Field(pattern=r"^[A-Z]{3}$", title="Moneda (ISO 4217)", examples=["COP", "USD"])]


# Datos que llena el lector del XML y que una persona no escribe: el formulario no los muestra.
_SOLO_XML = {"x-solo-xml": True}

# Tipos de factura de venta (cbc:InvoiceTypeCode, HECHOS §6). El documento soporte en adquisiciones a no obligados a
# facturar (Resolución 000167 de 2021) es un Invoice con el tipo 05 o un CUDS en cbc:UUID: así en código público que
# sigue su anexo (por confirmar contra el anexo). Los usan el lector del XML, la ayuda del formulario y las reglas.
# 04: HECHOS §6 lo describe como un régimen especial de facturación; código público que sigue el anexo, como la
# factura que se expide sin validación previa cuando la DIAN no responde (contingencia DIAN). Por confirmar.
TIPOS_DE_FACTURA = {"01": "venta", "02": "exportación", "03": "instrumento de transmisión (contingencia)",
                    "04": "tipo 04 (por confirmar)"}
TIPO_DOCUMENTO_SOPORTE = "05"
ESQUEMA_DOCUMENTO_SOPORTE = "CUDS-SHA384"


def nombrar_tipos() -> str:
    """«01 venta, 02 exportación, …»."""
    return ", ".join(f"{codigo} {nombre}" for codigo, nombre in TIPOS_DE_FACTURA.items())


def _ayuda(paso: Optional[str] = None, glosario: Optional[str] = None) -> dict[str, str]:
    """Dónde aparece el dato en SECOP II (paso de un procedimiento) y su término del glosario.

    Va al JSON Schema como `x-paso` y `x-glosario` (rutas del sitio); el formulario las enlaza.
    """
    ayuda = {"x-paso": paso, "x-glosario": f"guias/glosario/#{glosario}" if glosario else None}
    return {k: v for k, v in ayuda.items() if v}


class _Modelo(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class IdentificacionEnBloque(_Modelo):
    """La identificación de una parte tal como aparece en uno de los bloques del XML de la DIAN."""

    bloque: Literal["PartyTaxScheme", "PartyLegalEntity", "PartyIdentification"] = Field(title="Bloque del XML")
    numero: str = Field(title="Número de documento", max_length=40)
    dv: Optional[Annotated[int, Field(ge=0, le=9)]] = Field(None, title="Dígito de verificación (DV)")
    tipo_documento: Optional[str] = Field(None, title="Tipo de documento (schemeName)", max_length=4)


# El nombre de cada tipo de documento (la tabla de tipos de documento del anexo de la DIAN): lo muestra el formulario,
# y con él se reconoce el tipo que publican los datos abiertos de SECOP II. Las claves son las de Parte.tipo_documento.
NOMBRES_DOCUMENTO = {
    "NIT": "NIT", "CC": "Cédula de ciudadanía", "CE": "Cédula de extranjería", "PPT": "Permiso por protección temporal",
    "PA": "Pasaporte", "TI": "Tarjeta de identidad", "RC": "Registro civil", "TE": "Tarjeta de extranjería",
    "PEP": "Permiso especial de permanencia", "DIE": "Documento de identificación extranjero",
    "NITE": "NIT de otro país", "NUIP": "NUIP", "OTRO": "Otro tipo (del XML)",
}
# Tipos de documento que son solo números; los demás (pasaporte, documentos extranjeros…) pueden llevar letras.
DOCUMENTOS_NUMERICOS = frozenset({"NIT", "CC", "TI", "NUIP"})
_SOLO_NUMEROS = re.compile(r"[0-9][0-9.\s]{0,19}")
# Con letras, guiones, «/» y «&»: pasaporte y documento o identificación tributaria extranjeros (tipos 41, 42 y 50:
# «21/815/08150» en Alemania, el RFC de México con «&» o «Ñ»); también paréntesis, «#», «,», «:» y «+», que traen
# identificaciones tributarias de otros países escritas como las da el cliente («EIN 12-3456789 (DE)», «TIN#98-7654321»).
PATRON_DOCUMENTO = r"[0-9A-Za-zÑñ][0-9A-Za-zÑñ.\s/&_()#,:+-]{0,39}"


MAXIMO_LINEAS = 20000


class Parte(_Modelo):
    """Una persona natural o jurídica identificada ante la DIAN."""

    tipo_documento: Literal["NIT", "CC", "CE", "PPT", "PA", "TI", "RC", "TE", "PEP", "DIE", "NITE", "NUIP",
                            "OTRO"] = Field(
        "NIT", title="Tipo de documento",
        description="«OTRO»: el XML trae un tipo (schemeName) que el validador no conoce.")
    numero: Annotated[str, Field(pattern=f"^{PATRON_DOCUMENTO}$")] = Field(
        title="Número de documento",
        description="Sin dígito de verificación; puntos opcionales. Con letras solo en un pasaporte o un documento "
                    "extranjero.",
        json_schema_extra=_ayuda(glosario="nit"))
    dv: Optional[Annotated[int, Field(ge=0, le=9)]] = Field(
        None, title="Dígito de verificación (DV)", description="El número después del guion en el NIT.",
        json_schema_extra=_ayuda(glosario="dv"))
    nombre: Optional[Texto] = Field(None, title="Nombre o razón social")
    bloques: list[IdentificacionEnBloque] = Field(
        default_factory=list, title="Identificación en cada bloque del XML", max_length=6,
        description="Lo que dicen PartyTaxScheme, PartyLegalEntity y PartyIdentification; lo llena el lector del XML.",
        json_schema_extra=_SOLO_XML)

    @field_validator("numero")
    @classmethod
    def _solo_numeros(cls, numero: str, info: ValidationInfo) -> str:
        # Un NIT, una cédula, una tarjeta de identidad o un NUIP son números; un pasaporte o un documento extranjero
        # (schemeName 41, 42 o 50 en el XML de la DIAN) pueden llevar letras y guiones.
        tipo = info.data.get("tipo_documento")
        if tipo in DOCUMENTOS_NUMERICOS and not _SOLO_NUMEROS.fullmatch(numero):
            raise ValueError(f"Un documento de tipo {tipo} lleva solo números (los puntos son opcionales; el dígito "
                             "de verificación va aparte).")
        return numero


class Entrega(_Modelo):
    """Una entrega del plan de ejecución (sección 7 del contrato)."""

    id: Texto = Field(title="Nombre de la entrega")
    fecha: Optional[date] = Field(None, title="Fecha de la entrega")
    porcentaje: Optional[Porcentaje] = Field(
        None, title="Porcentaje acumulado", description="Los planes son acumulativos: 25, 50, 75, 100.")
    estado: Literal["pendiente", "confirmada"] = Field(
        "pendiente", title="Estado", description="«confirmada» cuando el supervisor hizo clic en «Confirmar plan».", json_schema_extra=_ayuda(paso=pasos.CONFIRMAR_ENTREGA))
    fecha_real: Optional[date] = Field(None, title="Fecha real de la entrega")


class Cuota(_Modelo):
    """Un pago del «Plan de pagos» (sección 7 del contrato)."""

    id: Texto = Field(title="ID de pago")
    valor: Dinero = Field(title="Valor del pago")
    fecha: Optional[date] = Field(None, title="Fecha estimada de pago")
    entrega: Optional[Texto] = Field(
        None, title="Entrega asociada", description="La entrega de la que depende este pago, si el plan los liga.")
    facturado: Dinero = Field(Decimal(0), title="Ya facturado en este pago")
    estado: Optional[Texto] = Field(
        None, title="Estado en SECOP II", description="Como lo publica el «Plan de pagos»: Pagado, Aprobado, Rechazado…")
    factura: Optional[Texto] = Field(
        None, title="Factura registrada en el pago",
        description="El número de la factura que SECOP II registra en este pago (la del estado), como lo publica el "
                    "«Plan de pagos».")


class RegistroPresupuestal(_Modelo):
    codigo: Texto = Field(title="Código del registro presupuestal (RP)")
    valor: Optional[Dinero] = Field(None, title="Valor del RP")


class Anticipo(_Modelo):
    valor: Dinero = Field(title="Valor del anticipo")
    porcentaje_amortizacion: Porcentaje = Field(
        title="Porcentaje de amortización", description="Qué parte de cada factura se descuenta del anticipo.")
    amortizado: Dinero = Field(Decimal(0), title="Anticipo ya amortizado")


class Contrato(_Modelo):
    """El contexto del contrato electrónico en SECOP II."""

    numero: Texto = Field(title="Número del contrato")
    entidad: Parte = Field(title="Entidad estatal (comprador)")
    contratista: Parte = Field(title="Proveedor o contratista")
    tipo_persona: Literal["natural", "juridica"] = Field(
        "juridica", title="Tipo de persona del contratista")
    prestacion_servicios: bool = Field(
        False, title="Contrato de prestación de servicios",
        description="Si es de prestación de servicios con persona natural, se revisan los aportes a seguridad social.")
    consorcio_o_union_temporal: bool = Field(
        False, title="El contratista es un consorcio o una unión temporal",
        description="Como lo publica SECOP II («Es Grupo»). La factura puede emitirla el consorcio o la unión temporal "
                    "con su NIT, o cada miembro por su parte.")
    valor: Dinero = Field(title="Valor del contrato")
    moneda: Moneda = Field("COP", title="Moneda del contrato", description="COP salvo que el contrato diga otra.")
    valor_mensual: Optional[Dinero] = Field(
        None, title="Valor mensual (sin IVA)", description="Si se deja vacío, se calcula con el valor y la duración.")
    fecha_inicio: date = Field(title="Fecha de inicio del contrato")
    fecha_fin: date = Field(title="Fecha de terminación del contrato")
    plan_de_pagos: list[Cuota] = Field(default_factory=list, title="Plan de pagos", max_length=500, json_schema_extra=_ayuda(paso=pasos.PLAN_DE_PAGOS_EN_CONTRATO))
    entregas: list[Entrega] = Field(default_factory=list, title="Plan de ejecución (entregas)", max_length=500, json_schema_extra=_ayuda(paso=pasos.CREAR_ENTREGAS))
    registro_presupuestal: Optional[RegistroPresupuestal] = Field(None, title="Registro presupuestal", json_schema_extra=_ayuda(glosario="rp"))
    anticipo: Optional[Anticipo] = Field(None, title="Anticipo")
    facturado_a_la_fecha: Dinero = Field(
        Decimal(0), title="Facturado a la fecha", description="Suma de las facturas ya aprobadas en este contrato.")
    clase_riesgo_arl: Optional[Annotated[int, Field(ge=1, le=5)]] = Field(None, title="Clase de riesgo ARL")


class Linea(_Modelo):
    descripcion: Optional[str] = Field(None, title="Descripción", max_length=1000)
    cantidad: Optional[Decimal] = Field(None, title="Cantidad")
    valor_unitario: Optional[Dinero] = Field(None, title="Valor unitario")
    valor: Dinero = Field(title="Valor de la línea (sin impuestos)")


class Impuesto(_Modelo):
    """Un tributo o una retención de la factura (un cac:TaxSubtotal), con el código de la tabla «Tributos»."""

    # Cualquier código corto: uno fuera de la tabla (p. ej. «ZY», o «1» escrito sin el cero) no hace ilegible la
    # factura; la regla MON-010 lo señala y el tributo se suma al total como los demás.
    codigo: Annotated[str, Field(pattern=r"^[0-9A-Za-z]{1,10}$")] = Field(
        title="Tributo", description="Código de la tabla «Tributos» del anexo: 01 IVA, 03 ICA, 04 INC, 22 INC bolsas…")
    valor: Dinero = Field(title="Valor del tributo")
    nombre: Optional[str] = Field(None, title="Nombre del tributo (como lo escribe la factura)", max_length=60,
                                  json_schema_extra=_SOLO_XML)
    base: Optional[Dinero] = Field(None, title="Base gravable (TaxableAmount)", json_schema_extra=_SOLO_XML)
    porcentaje: Optional[Decimal] = Field(None, title="Tarifa en porcentaje (Percent)", ge=0, le=1000,
                                          json_schema_extra=_SOLO_XML)
    valor_por_unidad: Optional[Dinero] = Field(None, title="Valor por unidad (PerUnitAmount)", json_schema_extra=_SOLO_XML)
    unidades: Optional[Decimal] = Field(None, title="Unidades gravadas (BaseUnitMeasure)", ge=0, json_schema_extra=_SOLO_XML)
    # La suma de las cantidades de las líneas que llevan este tributo por unidad (FAX07 las multiplica por el valor
    # por unidad); en el ejemplo de la DIAN, BaseUnitMeasure es 1 y las bolsas son la cantidad de la línea.
    cantidad: Optional[Decimal] = Field(None, title="Cantidad de las líneas con el tributo (InvoicedQuantity)",
                                        json_schema_extra=_SOLO_XML)
    # Cuántas líneas llevan su propio tributo de este código y tarifa (el cac:TaxTotal de la línea): si cada una lo
    # redondea al peso, el del documento puede alejarse de su base por la tarifa hasta medio peso por línea (MON-012).
    lineas: Optional[int] = Field(None, title="Líneas que llevan el tributo (cac:TaxTotal de la línea)", ge=0,
                                  json_schema_extra=_SOLO_XML)


class TasaDeCambio(_Modelo):
    """cac:PaymentExchangeRate: la tasa para llevar los valores de la factura a pesos."""

    moneda_origen: Moneda = Field(title="Moneda de la factura (SourceCurrencyCode)")
    moneda_destino: Moneda = Field("COP", title="Moneda destino (TargetCurrencyCode)")
    # «4.000,00» o «3.966,67», como se escribe una tasa en pesos en Colombia, o «4000.00» como la trae el XML.
    # Escrita como un valor en pesos (se vuelve a leer igual: texto_exacto, «26.5120» y no «26.512», que serían miles).
    tasa: Annotated[Decimal, BeforeValidator(leer_dinero), PlainSerializer(texto_exacto, return_type=str, when_used="json"),
                    Field(gt=0)] = Field(title="Tasa de cambio (CalculationRate)")
    fecha: Optional[date] = Field(None, title="Fecha de la tasa")


class Contenedor(_Modelo):
    """Las partes que declara el AttachedDocument que envuelve la factura (SenderParty y ReceiverParty)."""

    emisor: Optional[str] = Field(None, title="NIT del emisor del contenedor", max_length=40)
    receptor: Optional[str] = Field(None, title="Documento del receptor del contenedor", max_length=40)


# La etiqueta de una línea de la respuesta: «Rechazo: …», o como la escribe la DIAN en el ApplicationResponse, «Regla:
# FAD06, Rechazo: …» y «Regla: FAK24, Notificación: …». Vale la primera que aparezca, donde aparezca.
_ETIQUETA = re.compile(r"\b(Rechazo|Notificaci[oó]n)\s*:", re.IGNORECASE)
# Lo que puede ir antes de la etiqueta y se quita al mostrarla (quien la muestra ya dice el código y qué es).
_ANTES_DE_LA_ETIQUETA = re.compile(r"\s*(Regla\s*:\s*[^,]{1,40},)?\s*", re.IGNORECASE)


class Notificacion(_Modelo):
    codigo: str = Field(title="Código", max_length=40)
    descripcion: str = Field("", title="Descripción", max_length=1000)

    @property
    def _etiqueta(self) -> Optional[re.Match[str]]:
        return _ETIQUETA.search(self.descripcion)

    @property
    def sin_prefijo(self) -> str:
        """La descripción sin «Rechazo:» ni «Notificación:», ni el «Regla: FAD06,» que los precede (quien la muestra
        ya dice cuál es)."""
        etiqueta = self._etiqueta
        if etiqueta is None or not _ANTES_DE_LA_ETIQUETA.fullmatch(self.descripcion[:etiqueta.start()]):
            return self.descripcion
        return self.descripcion[etiqueta.end():].strip()

    @property
    def rechaza(self) -> bool:
        """«Rechazo: …» (o «Regla: FAD06, Rechazo: …»): un motivo de rechazo."""
        etiqueta = self._etiqueta
        return etiqueta is not None and etiqueta[1].lower() == "rechazo"

    @property
    def solo_notifica(self) -> bool:
        """«Notificación: …» (o «Regla: FAK24, Notificación: …»): la DIAN la señala, pero no es motivo de rechazo
        (también en la respuesta de un rechazo)."""
        etiqueta = self._etiqueta
        return etiqueta is not None and etiqueta[1].lower() != "rechazo"


def responde_a_otro(documento: Optional[str], uuid: Optional[str], numero: Optional[str], cufe: Optional[str]) -> bool:
    """¿La respuesta de la DIAN que nombra `documento` (cbc:ID) y `uuid` (su CUFE) es de otro documento que la factura
    `numero` con `cufe`? Lo es si nombra otro número u otro CUFE; lo que una de las dos no dice no se compara. El mismo
    criterio elige la respuesta entre varias (`xml_dian`) y advierte la de otro documento (DIAN-003)."""
    otro_uuid = bool(uuid and cufe and uuid.lower() != cufe.lower())
    otro_numero = bool(documento and documento != numero)
    return otro_uuid or otro_numero


class RespuestaDian(_Modelo):
    """El ApplicationResponse de la DIAN que viaja en el AttachedDocument: su veredicto sobre la factura."""

    estado: Literal["validada", "rechazada", "ausente", "otra"] = Field(title="Estado")
    codigo: Optional[str] = Field(None, title="Código de respuesta (ResponseCode)", max_length=40)
    descripcion: str = Field("", title="Descripción", max_length=1000)
    notificaciones: list[Notificacion] = Field(default_factory=list, title="Notificaciones", max_length=200)
    documento: Optional[str] = Field(None, title="Documento al que responde (ID)", max_length=200)
    uuid: Optional[str] = Field(None, title="CUFE o CUDE al que responde", max_length=200)
    fecha: Optional[date] = Field(None, title="Fecha de la respuesta")

    def notificaciones_unicas(self) -> list[Notificacion]:
        """Cada notificación una vez: la respuesta repite algunas (una por bloque que revisa)."""
        return list({(n.codigo, n.descripcion): n for n in self.notificaciones}.values())

    def motivos_del_rechazo(self) -> list[Notificacion]:
        """De las líneas de un rechazo, las que son su motivo. Si alguna dice «Rechazo: …» (`rechaza`), esas; si ninguna lo dice,
        todas las que no dicen «Notificación: …» (las de la DIAN a veces van sin prefijo, como RUT01: sin él, no se
        sabe cuál es motivo y no se descarta ninguna)."""
        unicas = self.notificaciones_unicas()
        con_prefijo = [n for n in unicas if n.rechaza]
        return con_prefijo or [n for n in unicas if not n.solo_notifica]


class Autorizacion(_Modelo):
    """Autorización de numeración de la DIAN (extensión `sts:InvoiceControl`)."""

    numero: Optional[str] = Field(None, title="Número de la resolución de autorización", max_length=40)
    desde: Optional[date] = Field(None, title="Vigente desde")
    hasta: Optional[date] = Field(None, title="Vigente hasta")
    prefijo: Optional[str] = Field(None, title="Prefijo autorizado", max_length=10)
    rango_desde: Optional[int] = Field(None, title="Rango autorizado desde", ge=0)
    rango_hasta: Optional[int] = Field(None, title="Rango autorizado hasta", ge=0)


NOMBRES_DEL_TIPO = {"factura_electronica": "factura", "cuenta_de_cobro": "cuenta de cobro",
                    "documento_soporte": "documento soporte", "nota_credito": "nota crédito", "nota_debito": "nota débito"}
# La nota de ajuste del documento soporte es una CreditNote (tipo «nota_credito», como se publicó) con CUDS: su nombre
# es otro (`Factura.nombre`), y la expide la entidad, como el documento soporte (FAC-012).
NOTA_DE_AJUSTE_DEL_SOPORTE = "nota de ajuste del documento soporte"


class Factura(_Modelo):
    """La factura electrónica de venta o la cuenta de cobro del proveedor, o el documento soporte que expide la entidad."""

    tipo: Literal["factura_electronica", "cuenta_de_cobro", "documento_soporte", "nota_credito", "nota_debito"] = Field(
        "factura_electronica", title="Tipo de documento")
    numero: Texto = Field(title="Número de la factura", description="Prefijo y número, como en la factura.", json_schema_extra=_ayuda(paso=pasos.DILIGENCIAR))
    fecha_emision: date = Field(title="Fecha de emisión")
    hora_emision: Optional[Annotated[str, Field(pattern=r"^\d{2}:\d{2}:\d{2}(\.\d{1,9})?([+-]\d{2}:\d{2}|Z)?$")]] = Field(
        None, title="Hora de emisión", description="Necesaria para recalcular el CUFE, p. ej. 10:53:10-05:00.")
    fecha_vencimiento: Optional[date] = Field(None, title="Fecha de vencimiento")
    proveedor: Parte = Field(title="Emisor (proveedor)")
    adquiriente: Parte = Field(title="Adquirente (entidad)")
    # Un subtotal de impuesto o de retención por línea (hay programas que los escriben así en el encabezado): tantos
    # como líneas, no un tope menor que haga ilegible una factura válida.
    lineas: list[Linea] = Field(default_factory=list, title="Líneas", max_length=MAXIMO_LINEAS)
    valor_bruto: Dinero = Field(title="Valor neto", description="Suma de las líneas sin impuestos (LineExtensionAmount).", json_schema_extra=_ayuda(paso=pasos.DILIGENCIAR))
    impuestos: list[Impuesto] = Field(default_factory=list, title="Impuestos", max_length=MAXIMO_LINEAS,
                                      description="Todos los tributos de cac:TaxTotal, cualquiera sea su código.")
    # Lo que entra al CUFE y al valor total es cac:TaxTotal/cbc:TaxAmount (HECHOS §3 y §6), que un programa puede
    # redondear al peso mientras sus subtotales llevan centavos: sin él se recalculaba con la suma de los subtotales y
    # una factura validada por la DIAN daba «el CUFE no corresponde» (FAC-005).
    totales_tributos: dict[Annotated[str, Field(pattern=r"^[0-9A-Za-z]{1,10}$")], Dinero] = Field(
        default_factory=dict, title="Total de cada tributo (cac:TaxTotal/cbc:TaxAmount)",
        description="Por código de tributo, de cada cac:TaxTotal cuyos subtotales son de un solo tributo.",
        json_schema_extra=_SOLO_XML)
    retenciones: list[Impuesto] = Field(
        default_factory=list, title="Retenciones", max_length=MAXIMO_LINEAS,
        description="cac:WithholdingTaxTotal (05 ReteIVA, 06 ReteRenta, 07 ReteICA): no suman al total de la factura.",
        json_schema_extra=_SOLO_XML)
    descuentos: Dinero = Field(Decimal(0), title="Descuentos")
    cargos: Dinero = Field(Decimal(0), title="Cargos")
    anticipo_descontado: Dinero = Field(Decimal(0), title="Anticipo descontado en la factura (PrepaidAmount)")
    redondeo: Dinero = Field(Decimal(0), title="Redondeo")
    valor_total: Dinero = Field(title="Valor total", description="Valor con impuestos (TaxInclusiveAmount).", json_schema_extra=_ayuda(paso=pasos.DILIGENCIAR))
    valor_a_pagar: Dinero = Field(title="Valor a pagar", description="PayableAmount.")
    cufe: Optional[str] = Field(None, title="CUFE", max_length=200, json_schema_extra=_ayuda(paso=pasos.ANEXAR, glosario="cufe"))
    cufe_esquema: Optional[str] = Field(None, title="Esquema del CUFE", max_length=40)
    clave_tecnica: Optional[str] = Field(
        None, title="Clave técnica del rango de numeración", max_length=200,
        description="Opcional: con ella se recalcula el CUFE. No viaja en el XML.")
    ambiente: Optional[Literal["1", "2"]] = Field(None, title="Ambiente (1 producción, 2 pruebas)")
    autorizacion: Optional[Autorizacion] = Field(None, title="Autorización de numeración")
    codigo_tipo: Optional[Annotated[str, Field(pattern=r"^[0-9]{2,3}$")]] = Field(
        None, title="Tipo de factura (InvoiceTypeCode)",
        description=f"{nombrar_tipos()}; {TIPO_DOCUMENTO_SOPORTE} es el documento soporte.")
    pin_software: Optional[str] = Field(
        None, title="PIN del software de facturación", max_length=200,
        description="Opcional: con él se recalcula el CUDE (tipo 03, notas). No viaja en el XML.")
    moneda: Moneda = Field("COP", title="Moneda de la factura (DocumentCurrencyCode)")
    monedas_en_valores: list[Moneda] = Field(
        default_factory=list, title="Otras monedas en los valores", max_length=10,
        description="Monedas (currencyID) de valores que no están en la moneda de la factura.", json_schema_extra=_SOLO_XML)
    tasa_cambio: Optional[TasaDeCambio] = Field(None, title="Tasa de cambio (PaymentExchangeRate)")
    documento_xml: Optional[Literal["Invoice", "CreditNote", "DebitNote", "AttachedDocument"]] = Field(
        None, title="XML del que se leyó", description="Vacío si la factura se escribió a mano.", json_schema_extra=_SOLO_XML)
    contenedor: Optional[Contenedor] = Field(None, title="Partes del AttachedDocument", json_schema_extra=_SOLO_XML)
    respuesta_dian: Optional[RespuestaDian] = Field(None, title="Respuesta de validación de la DIAN",
                                                    json_schema_extra=_SOLO_XML)
    respuesta_aparte: Optional[RespuestaDian] = Field(
        None, title="Respuesta de la DIAN cargada aparte, sin usar",
        description="La del archivo aparte cuando el AttachedDocument trae la suya: vale la del AttachedDocument.",
        json_schema_extra=_SOLO_XML)

    @property
    def nota_de_ajuste_del_soporte(self) -> bool:
        """La nota de ajuste del documento soporte: una nota crédito con CUDS."""
        return self.tipo == "nota_credito" and self.cufe_esquema == ESQUEMA_DOCUMENTO_SOPORTE

    @property
    def nombre(self) -> str:
        """Qué documento es, en palabras: «factura», «nota crédito», «nota de ajuste del documento soporte»…"""
        return NOTA_DE_AJUSTE_DEL_SOPORTE if self.nota_de_ajuste_del_soporte else NOMBRES_DEL_TIPO[self.tipo]


class Aportes(_Modelo):
    """Aportes a seguridad social del periodo facturado (contratista persona natural)."""

    periodo: Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")] = Field(
        title="Periodo cotizado", description="Año y mes, AAAA-MM.")
    numero_planilla: Optional[Texto] = Field(None, title="Número de la planilla (PILA)", json_schema_extra=_ayuda(glosario="pila"))
    ibc: Dinero = Field(title="Ingreso base de cotización (IBC)", json_schema_extra=_ayuda(glosario="ibc"))
    salud: Optional[Dinero] = Field(None, title="Aporte a salud")
    pension: Optional[Dinero] = Field(None, title="Aporte a pensión")
    arl: Optional[Dinero] = Field(None, title="Aporte a riesgos laborales (ARL)")
    fondo_solidaridad: Optional[Dinero] = Field(
        None, title="Aporte al Fondo de Solidaridad Pensional",
        description="1 % adicional del IBC desde 4 SMMLV (por confirmar); déjelo vacío si la planilla lo suma a "
                    "pensión.")


class DatosDePago(_Modelo):
    """Lo que el proveedor diligencia en «Plan de pagos» y lo que la entidad pide para aprobar."""

    # Opcional: sin plan de pagos no hay ID (el proveedor usa «Crear», HECHOS §4); con plan, PAG-002 lo pide. En el
    # formulario va entre lo primero (x-primero), como lo obligatorio.
    id_pago: Optional[Texto] = Field(
        None, title="ID de pago",
        description="El pago del plan al que corresponde la factura; vacío si el contrato no tiene plan de pagos.",
        json_schema_extra={**_ayuda(paso=pasos.ELEGIR_PAGO), "x-primero": True})
    numero_radicacion: Optional[Texto] = Field(None, title="Número de radicación", json_schema_extra=_ayuda(paso=pasos.RADICAR))
    fecha_recepcion_original: Optional[date] = Field(None, title="Fecha de recepción original", json_schema_extra=_ayuda(paso=pasos.DATOS_APROBACION))
    entrega: Optional[Texto] = Field(None, title="Entrega", description="La entrega a la que corresponde la factura, si aplica.", json_schema_extra=_ayuda(paso=pasos.DATOS_APROBACION))
    registro_presupuestal: Optional[Texto] = Field(None, title="Código de registro presupuestal", json_schema_extra=_ayuda(paso=pasos.DATOS_APROBACION, glosario="rp"))
    amortizacion_anticipo: Optional[Dinero] = Field(
        None, title="Amortización de anticipo (valor, no porcentaje)",
        description="Lo que esta factura descuenta del anticipo, en la moneda del contrato. En SECOP II, al aprobar, la "
                    "entidad ingresa el porcentaje de amortización: el valor es ese porcentaje de la factura.",
        json_schema_extra=_ayuda(paso=pasos.VALOR_A_PAGAR))
    aportes: Optional[Aportes] = Field(None, title="Seguridad social del periodo", json_schema_extra=_ayuda(paso=pasos.ANEXAR, glosario="pila"))
    soportes: list[Annotated[str, Field(max_length=60)]] = Field(
        default_factory=list, title="Soportes anexos", max_length=50, json_schema_extra=_ayuda(paso=pasos.SOPORTES),
        description="Identificadores de los documentos anexos, p. ej. factura_xml, planilla_pila, certificado_aportes.")


class Solicitud(_Modelo):
    """Una solicitud de pago: contrato + factura + datos de la solicitud en SECOP II."""

    contrato: Contrato = Field(title="Contrato")
    factura: Factura = Field(title="Factura o cuenta de cobro")
    pago: DatosDePago = Field(default_factory=DatosDePago, title="Solicitud de pago")
