"""Reglas de forma de la factura electrónica DIAN: tipo, CUFE/CUDE, numeración autorizada y partes obligatorias."""

from __future__ import annotations

from typing import Iterator, Optional

from .. import pasos
from ..cufe import PATRON_CUFE, DatosCufe, cufes_posibles
from ..modelos import (ESQUEMA_DOCUMENTO_SOPORTE, TIPO_DOCUMENTO_SOPORTE, TIPOS_DE_FACTURA, Factura,
                       nombrar_tipos)
from ..nit import documento_en_cufe
from .base import Contexto, Falla, regla
from .consultas import total_del_tributo
from .respuesta import validada_por_la_dian
from .citas import (ANEXO_AMBIENTE, ANEXO_CUDE, ANEXO_CUFE, ANEXO_HORA, ANEXO_NUMERACION, ANEXO_TIPOS, CCE_RECHAZAR,
                    RES_167_ADQUIRENTE, UBL_LINEAS)

def _tipo_desconocido(f: Factura) -> bool:
    """Un InvoiceTypeCode que no es de factura de venta (el documento soporte ya se leyó como tal): FAC-013 lo
    advierte y no se le exige un esquema de identificador."""
    return f.codigo_tipo is not None and f.codigo_tipo not in TIPOS_DE_FACTURA


# «Cuenta de cobro» no está en ninguna fuente leída (las páginas ya lo dicen): cada regla que la nombra lo dice en su razón.
_CUENTA_DE_COBRO = ("Que quien no está obligado a facturar cobre con una cuenta de cobro depende del procedimiento de "
                    "cada entidad (por confirmar: ninguna fuente leída nombra la cuenta de cobro).")


@regla(
    id="FAC-001", severidad="error", titulo="Tipo de documento: factura (o cuenta de cobro, según la entidad)",
    mensaje="El documento es {tipo}, no una factura: una solicitud de pago se hace con la factura electrónica "
            "de venta (o, si el proveedor no está obligado a facturar, con el cobro que pida la entidad según su "
            "procedimiento, como la cuenta de cobro).",
    razon="Una nota crédito disminuye o anula una factura ya emitida: no cobra un pago del plan. Presentarla como "
          "factura es información mal diligenciada por el proveedor, que la entidad rechaza. La nota débito "
          "(FAC-014) y la nota de ajuste del documento soporte (FAC-012) tienen sus propias reglas. "
          f"{_CUENTA_DE_COBRO}",
    fuentes=(ANEXO_TIPOS, CCE_RECHAZAR),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.tipo": "nota_credito"},
)
def es_factura(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if f.tipo == "nota_credito" and not f.nota_de_ajuste_del_soporte:
        yield Falla("factura.tipo", {"tipo": "una nota crédito"})


_NOTA_DEBITO = ("El documento es una nota débito: aumenta el valor de una factura ya emitida, no es la factura de "
                "este pago.")


@regla(
    id="FAC-014", severidad="advertencia", titulo="Nota débito como documento del pago",
    mensaje=f"{_NOTA_DEBITO} Decida si la acepta como el cobro de un ajuste del valor, con la factura que ajusta; si "
            "no, pida la factura electrónica de venta.",
    mensaje_proveedor=f"{_NOTA_DEBITO} Si con ella cobra un ajuste del valor, confirme con la entidad que la acepte en "
                      "esta solicitud y anexe la factura que ajusta; si no, cargue la factura electrónica de venta.",
    razon="La nota débito (DebitNote) ajusta al alza una factura ya emitida. Advertencia y no error: ninguna fuente "
          "leída dice si la entidad la acepta o la rechaza como solicitud de pago.",
    fuentes=(ANEXO_TIPOS,),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.tipo": "nota_debito"},
)
def nota_debito(c: Contexto) -> Iterator[Falla]:
    if c.solicitud.factura.tipo == "nota_debito":
        yield Falla("factura.tipo", {})


@regla(
    id="FAC-012", etapas={"proveedor": "advertencia", "entidad": "informacion"},
    titulo="Quién expide el documento soporte",
    mensaje="El proveedor presenta un documento soporte{origen}: ese documento lo expide la entidad, como "
            "adquirente, cuando el proveedor no está obligado a facturar. El proveedor cobra con el documento que pida "
            "la entidad según su procedimiento (como la cuenta de cobro).",
    mensaje_proveedor="El documento es un documento soporte{origen}: lo expide la entidad, como adquirente, cuando usted "
                      "no está obligado a facturar; usted no lo presenta como suyo. Anexe el cobro y los soportes que "
                      "pida la entidad según su procedimiento (como la cuenta de cobro). Este informe no le aplica las "
                      "reglas de la factura electrónica (CUFE, numeración autorizada).",
    razon="La Resolución DIAN 000167 de 2021 pone el documento soporte a cargo de quien compra a un no obligado a "
          "facturar: en un contrato estatal, la entidad. Un XML se reconoce como documento soporte por "
          f"InvoiceTypeCode {TIPO_DOCUMENTO_SOPORTE} o por el esquema {ESQUEMA_DOCUMENTO_SOPORTE} de su cbc:UUID (así en "
          "código público que sigue el anexo del documento soporte; por confirmar contra el anexo). Advertencia y no error: ninguna fuente leída dice "
          f"que la entidad rechace la solicitud por anexarlo. {_CUENTA_DE_COBRO}",
    fuentes=(RES_167_ADQUIRENTE,),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.tipo": "documento_soporte"},
)
def documento_soporte(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if f.nota_de_ajuste_del_soporte:
        yield Falla("factura.tipo", {"origen": " (en este caso, su nota de ajuste, con CUDS)"})
    elif f.tipo == "documento_soporte":
        origen = f" (el XML trae el tipo {TIPO_DOCUMENTO_SOPORTE} o un CUDS)" if f.documento_xml else ""
        yield Falla("factura.tipo", {"origen": origen})


@regla(
    id="FAC-013", severidad="advertencia", titulo="Tipo de factura de venta",
    mensaje="El XML trae el tipo de documento «{codigo}» (cbc:InvoiceTypeCode), que no es uno de los de factura de "
            "venta ({tipos}): revise que sea la factura electrónica de venta de este cobro. Las reglas del CUFE no se "
            "le aplicaron.",
    razon=f"Los tipos de factura de venta del anexo son {nombrar_tipos()}; el {TIPO_DOCUMENTO_SOPORTE} es el documento "
          "soporte (FAC-012). Con otro código el "
          "documento es otro (por ejemplo, un documento equivalente), y este validador no sabe qué identificador le "
          "corresponde: no lo da por errado. Advertencia y no error: ninguna fuente leída dice cómo lo trata la "
          "entidad.",
    fuentes=(ANEXO_TIPOS,),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.codigo_tipo": "20"},
    ejemplo_pasa={"factura.codigo_tipo": "02"},
)
def tipo_de_factura(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if _electronica(f) and _tipo_desconocido(f):
        yield Falla("factura.codigo_tipo", {"codigo": f.codigo_tipo, "tipos": ", ".join(TIPOS_DE_FACTURA)})


def _electronica(f: Factura) -> bool:
    return f.tipo == "factura_electronica"


@regla(
    id="FAC-002", severidad="advertencia", titulo="CUFE en el XML de la factura electrónica",
    mensaje="El XML de la factura no trae el CUFE (cbc:UUID): toda factura electrónica que valida la DIAN lo trae, y "
            "sin él el validador no puede revisarlo. Pida al proveedor el XML completo que validó la DIAN.",
    mensaje_proveedor="El XML de la factura no trae el CUFE (cbc:UUID): toda factura electrónica que valida la DIAN lo "
                      "trae, y sin él el validador no puede revisarlo. Cargue el XML completo que validó la DIAN, tal "
                      "como lo generó su programa de facturación.",
    razon="El CUFE identifica la factura ante la DIAN y toda factura electrónica validada lo trae en cbc:UUID. Solo se "
          "revisa en facturas leídas de un XML, como FAC-008 y FAC-009: el formulario de SECOP II no pide el CUFE (la "
          "entidad lo ve en el archivo anexo), así que a una factura escrita a mano sin él no le falta nada que "
          "corregir (si se escribe, FAC-003 revisa su forma). Advertencia y no error: sin el CUFE no se revisan su "
          "forma ni su cálculo (FAC-003, FAC-005), pero ninguna fuente leída dice que la entidad rechace la "
          "solicitud solo por eso.",
    fuentes=(ANEXO_CUFE,),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.documento_xml": "Invoice", "factura.cufe": None},
    ejemplo_pasa={"factura.cufe": None},
)
def cufe_presente(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if _leida_de_xml(f) and not f.cufe:
        yield Falla("factura.cufe")


@regla(
    id="FAC-003", severidad="error", titulo="Forma del CUFE (SHA-384)",
    mensaje="El CUFE debe tener 96 caracteres hexadecimales (0-9, a-f); el dado {problema}.",
    razon="El CUFE es un SHA-384 en hexadecimal: 96 caracteres. Otro largo es un CUFE mal copiado, "
          "información mal diligenciada por el proveedor, que la entidad rechaza.",
    fuentes=(ANEXO_CUFE, CCE_RECHAZAR),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.cufe": "0a24c2d678a9fa02329bc07d786d6d0c"},
)
def cufe_forma(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if _electronica(f) and f.cufe and not PATRON_CUFE.match(f.cufe.lower()):
        problema = (f"tiene {len(f.cufe)} caracteres" if len(f.cufe) != 96 else
                    "tiene caracteres que no son hexadecimales")
        yield Falla("factura.cufe", {"problema": problema})


def esquema_esperado(f: Factura) -> Optional[str]:
    """CUDE-SHA384 para el tipo 03 (instrumento de transmisión, contingencia), CUFE-SHA384 para las demás facturas
    de venta; None si el tipo no es de factura de venta (no se sabe qué esquema le toca)."""
    if _tipo_desconocido(f):
        return None
    return "CUDE-SHA384" if f.codigo_tipo == "03" else "CUFE-SHA384"


_DOCUMENTO = {"CUFE-SHA384": "una factura electrónica de venta",
              "CUDE-SHA384": "una factura de tipo 03 (instrumento de transmisión, contingencia)"}


@regla(
    id="FAC-004", severidad="error", titulo="Esquema del CUFE o CUDE según el tipo de factura",
    mensaje="El esquema del identificador es «{esquema}»; {documento} usa «{esperado}».",
    razon="cbc:UUID lleva schemeName=\"CUFE-SHA384\" en la factura de venta; el tipo 03 (InvoiceTypeCode 03), "
          "como las notas, lleva CUDE-SHA384 (así en el ejemplo de la DIAN para ese tipo). Otro esquema es "
          "información mal diligenciada por el proveedor, que la entidad rechaza. Si la respuesta de la DIAN que trae "
          "el archivo validó este documento con su esquema, la DIAN ya lo aceptó así: no se cuenta como error.",
    fuentes=(ANEXO_CUFE, CCE_RECHAZAR),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.cufe_esquema": "CUDE-SHA384"},
    ejemplo_pasa={"factura.codigo_tipo": "03", "factura.cufe_esquema": "CUDE-SHA384", "factura.clave_tecnica": None},
)
def cufe_esquema(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    esperado = esquema_esperado(f)
    if _electronica(f) and esperado and f.cufe_esquema and f.cufe_esquema != esperado and not validada_por_la_dian(f):
        yield Falla("factura.cufe_esquema", {"esquema": f.cufe_esquema, "esperado": esperado,
                                             "documento": _DOCUMENTO[esperado]})


def datos_cufe(f: Factura, clave: Optional[str] = None) -> Optional[DatosCufe]:
    """Los campos del CUFE de la factura, si están todos (incluida la clave técnica).

    Con `clave` (el PIN del software) son los del CUDE: la misma cadena con el PIN en lugar de la clave técnica.
    Solo entran los tributos 01, 04 y 03 (checker/tributos.py, `en_cufe`), aunque la factura traiga otros.
    """
    clave = clave or f.clave_tecnica
    if not (clave and f.hora_emision and f.ambiente):
        return None
    return DatosCufe(
        num_fac=f.numero, fec_fac=f.fecha_emision.isoformat(), hor_fac=f.hora_emision,
        val_fac=f.valor_bruto, val_iva=total_del_tributo(f, "01"), val_inc=total_del_tributo(f, "04"),
        val_ica=total_del_tributo(f, "03"),
        val_tot=f.valor_a_pagar, nit_ofe=documento_en_cufe(f.proveedor.numero),
        num_adq=documento_en_cufe(f.adquiriente.numero),
        clave_tecnica=clave, tipo_ambiente=f.ambiente,
    )


def cufes_recalculados(f: Factura, clave: Optional[str] = None) -> Optional[set[str]]:
    """Los CUFE que corresponden a los datos de la factura (`datos_cufe`): el de los valores truncados y, si alguno
    trae más de dos decimales, los de los valores redondeados (`cufes_posibles`)."""
    datos = datos_cufe(f, clave)
    return None if datos is None else cufes_posibles(datos)


@regla(
    id="FAC-005", severidad="error", titulo="CUFE recalculado con los datos de la factura",
    mensaje="El CUFE no corresponde a los datos de la factura (número, fecha, hora, valores, NIT, clave técnica, "
            "ambiente): alguno fue alterado o mal digitado. Verifique la factura en el catálogo de la DIAN.",
    razon="El CUFE es el SHA-384 de esos datos; si no coincide, la factura que se presenta no es la validada "
          "por la DIAN (información mal diligenciada por el proveedor, que la entidad rechaza). Solo se revisa si se da la clave técnica, que no viaja en el XML.",
    fuentes=(ANEXO_CUFE, CCE_RECHAZAR),
    paso=pasos.ANEXAR,
    # Sin la clave técnica no corre, y el informe lo lista entre lo que no se revisó (`cufe_sin_comprobar`).
    necesita=("clave_tecnica",),
    ejemplo_falla={"factura.clave_tecnica": "0000000000000000000000000000000000000000"},
)
def cufe_coincide(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if not _con_cufe(f):
        return  # el tipo 03 lleva CUDE, que se recalcula con el PIN del software (FAC-010)
    esperados = cufes_recalculados(f)
    if esperados is not None and f.cufe.lower() not in esperados:
        yield Falla("factura.cufe")


def _con_cufe(f: Factura) -> bool:
    return bool(_electronica(f) and f.cufe and PATRON_CUFE.match(f.cufe.lower())) and esquema_esperado(f) == "CUFE-SHA384"


def cufe_sin_comprobar(f: Factura) -> bool:
    """Una factura con CUFE que no se puede recalcular (FAC-005): falta la clave técnica, que no viaja en el XML. El
    informe lo dice, en vez de «sin errores» como si el CUFE se hubiera comprobado."""
    return _con_cufe(f) and datos_cufe(f) is None


def _consecutivo(numero: str, prefijo: str) -> Optional[int]:
    resto = numero[len(prefijo):] if numero.startswith(prefijo) else None
    return int(resto) if resto and resto.isdigit() and len(resto) <= 18 else None


@regla(
    id="FAC-006", severidad="error", titulo="Número y rango de numeración autorizado",
    mensaje="La factura {numero} está fuera del rango autorizado por la DIAN ({prefijo}{desde} a {prefijo}{hasta}).",
    razon="Solo valen las facturas con prefijo y número dentro del rango de la resolución de numeración; otra es "
          "información mal diligenciada por el proveedor, que la entidad rechaza.",
    fuentes=(ANEXO_NUMERACION, CCE_RECHAZAR),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.autorizacion.rango_hasta": 1000},
)
def en_rango(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    a = f.autorizacion
    if not _electronica(f) or a is None or a.rango_desde is None or a.rango_hasta is None:
        return
    prefijo = a.prefijo or ""
    n = _consecutivo(f.numero, prefijo)
    if n is None or not a.rango_desde <= n <= a.rango_hasta:
        yield Falla("factura.numero", {"numero": f.numero, "prefijo": prefijo, "desde": a.rango_desde,
                                       "hasta": a.rango_hasta})


@regla(
    id="FAC-007", severidad="error", titulo="Emisión y vigencia de la autorización de numeración",
    mensaje="La factura se emitió el {emision}, fuera de la vigencia de la autorización de numeración ({desde} a {hasta}).",
    razon="La resolución de numeración tiene vigencia; una factura emitida fuera de ella no es válida: "
          "información mal diligenciada por el proveedor, que la entidad rechaza.",
    fuentes=(ANEXO_NUMERACION, CCE_RECHAZAR),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.autorizacion.hasta": "2026-05-31"},
)
def en_vigencia(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    a = f.autorizacion
    if not _electronica(f) or a is None or a.desde is None or a.hasta is None:
        return
    if not a.desde <= f.fecha_emision <= a.hasta:
        yield Falla("factura.fecha_emision", {"emision": f.fecha_emision.isoformat(), "desde": a.desde.isoformat(),
                                              "hasta": a.hasta.isoformat()})


def _leida_de_xml(f: Factura) -> bool:
    """Las reglas de elementos obligatorios del XML solo miran facturas leídas de un XML (no las escritas a mano)."""
    return f.documento_xml is not None and _electronica(f)


@regla(
    id="FAC-008", severidad="error", titulo="Hora de emisión",
    mensaje="El XML de la factura no trae la hora de emisión (cbc:IssueTime): la DIAN no valida una factura sin "
            "ella. Pida al proveedor el XML completo que validó la DIAN.",
    mensaje_proveedor="El XML de la factura no trae la hora de emisión (cbc:IssueTime): la DIAN no valida una factura "
                      "sin ella. Cargue el XML completo que validó la DIAN, tal como lo generó su programa de "
                      "facturación.",
    razon="cbc:IssueTime es obligatorio en el anexo y entra a la cadena del CUFE (HorFac): una factura sin hora no "
          "es la que validó la DIAN. Solo se revisa en facturas leídas de un XML. Es información mal diligenciada por el proveedor, que la entidad "
          "rechaza.",
    fuentes=(ANEXO_HORA, CCE_RECHAZAR),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.documento_xml": "Invoice", "factura.hora_emision": None},
    ejemplo_pasa={"factura.documento_xml": "Invoice"},
)
def hora_presente(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if _leida_de_xml(f) and not f.hora_emision:
        yield Falla("factura.hora_emision")


@regla(
    id="FAC-009", severidad="error", titulo="Líneas de la factura",
    mensaje="El XML de la factura no trae líneas (cac:InvoiceLine): una factura dice qué se cobra. "
            "Pida al proveedor el XML completo que validó la DIAN.",
    mensaje_proveedor="El XML de la factura no trae líneas (cac:InvoiceLine): una factura dice qué se cobra. Cargue "
                      "el XML completo que validó la DIAN, tal como lo generó su programa de facturación.",
    razon="En UBL 2.1 una Invoice tiene una o más cac:InvoiceLine; sin líneas el documento no pasa la validación "
          "de la DIAN. Solo se revisa en facturas leídas de un XML. Es información mal diligenciada por el proveedor, que la entidad "
          "rechaza.",
    fuentes=(UBL_LINEAS, CCE_RECHAZAR),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.documento_xml": "Invoice", "factura.lineas": []},
    ejemplo_pasa={"factura.documento_xml": "Invoice"},
)
def hay_lineas(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if _leida_de_xml(f) and not f.lineas:
        yield Falla("factura.lineas")


@regla(
    id="FAC-010", severidad="advertencia", titulo="CUDE recalculado con los datos del documento",
    mensaje="El CUDE no corresponde a los datos de la factura y al PIN del software dado (número, fecha, hora, "
            "valores, NIT, PIN, ambiente): revise el PIN o verifique la factura en el catálogo de la DIAN.",
    razon="El CUDE de una factura tipo 03 se calcula como el CUFE, con el PIN del software en lugar de la clave "
          "técnica. Solo se revisa si se da el PIN, que no viaja en el XML. Es advertencia mientras la fórmula "
          "del CUDE esté por confirmar contra el texto del anexo.",
    fuentes=(ANEXO_CUDE,),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.codigo_tipo": "03", "factura.cufe_esquema": "CUDE-SHA384", "factura.clave_tecnica": None,
                   "factura.pin_software": "75315"},
    ejemplo_pasa={"factura.codigo_tipo": "03", "factura.cufe_esquema": "CUDE-SHA384", "factura.clave_tecnica": None,
                  "factura.pin_software": "75315",
                  "factura.cufe": "90632921eac621af9e88252ee72fce7518608c73c969cd2bb5a65fcd36965f2f"
                                  "5e5645987fdbb431bf8fc828c9a5a949"},
)
def cude_coincide(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if not (_electronica(f) and f.pin_software and f.cufe and PATRON_CUFE.match(f.cufe.lower())):
        return
    if esquema_esperado(f) != "CUDE-SHA384":
        return
    esperados = cufes_recalculados(f, clave=f.pin_software)
    if esperados is not None and f.cufe.lower() not in esperados:
        yield Falla("factura.cufe")


@regla(
    id="FAC-011", severidad="error", titulo="Ambiente del documento: producción o pruebas",
    mensaje="La {documento} se emitió en el ambiente de pruebas de la DIAN (cbc:ProfileExecutionID = 2): no es una "
            "{documento} real. Pida al proveedor la {documento} emitida en producción.",
    mensaje_proveedor="La {documento} se emitió en el ambiente de pruebas de la DIAN (cbc:ProfileExecutionID = 2): no "
                      "es una {documento} real. Emítala en el ambiente de producción y cargue esa.",
    razon="El anexo define el ambiente 1 (producción) y 2 (pruebas), y el ambiente entra en el CUFE: un documento "
          "de pruebas sirve para habilitar el software de facturación, no es una factura y no cobra nada. Anexarlo "
          "en vez de la factura es información mal diligenciada por el proveedor, que la entidad rechaza (como una "
          "nota crédito, FAC-001).",
    fuentes=(ANEXO_AMBIENTE, CCE_RECHAZAR),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.ambiente": "2", "factura.clave_tecnica": None},
)
def en_produccion(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    # También una nota: la de pruebas tampoco es un documento real. El documento soporte lo expide la entidad (FAC-012).
    if f.tipo != "documento_soporte" and f.ambiente == "2":
        # Los tipos que llegan aquí son femeninos (factura, cuenta de cobro, nota crédito o débito).
        yield Falla("factura.ambiente", {"documento": f.nombre})
