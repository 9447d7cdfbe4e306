"""Los pasajes que citan varias reglas, escritos una vez: fuente del catálogo (checker/fuentes.py) y punto citado.

Una cita con `rechaza=True` es la que hace de la falla un rechazo (la entidad rechaza o no puede aprobar);
solo una regla con una cita así, confirmada, puede ser «error» (lo comprueba tests/checker/test_fuentes.py).
"""

from __future__ import annotations

from ..fuentes import Cita

_RESPUESTA = "cce-respuesta-p20211130011070"

# Respuesta oficial de CCE (confirmada).
CCE_RECHAZAR = Cita(_RESPUESTA, "«Rechazar» y justificar cuando la información está mal diligenciada por el proveedor",
                    rechaza=True)
CCE_APROBAR = Cita(_RESPUESTA, "para aprobar, la entidad ingresa la fecha de recepción original, el código de registro "
                               "presupuestal asociado y la entrega, si aplica", rechaza=True)
CCE_DATOS_APROBAR = Cita(_RESPUESTA, "datos que la entidad ingresa al aprobar")
CCE_VALOR_A_PAGAR = Cita(_RESPUESTA, "la entidad verifica el valor a pagar antes de «Aprobar»")
CCE_PLAN_DE_PAGOS = Cita(_RESPUESTA, "«Crear Plan de Pagos» en la sección 7 o en la «Configuración financiera»")
# Lo que hace de APR-009 un error para la entidad: la aprobación no se deshace, así que no puede aprobar otra vez lo ya
# aprobado (lo pagaría dos veces).
CCE_APROBACION_IRREVERSIBLE = Cita("cce-kb-aprobaciones-involuntarias", "una factura aprobada y marcada como pagada "
                                   "no se edita ni se borra, y la entidad no deshace una aprobación hecha por error",
                                   rechaza=True)
DATOS_ABIERTOS_PLAN = Cita("datos-abiertos-secop-ii", "«Plan de pagos» (uymx-8p3j): estados publicados (Pagado, Aprobado, "
                           "Rechazado, Enviado Por Proveedor), sin confirmar si trae los pagos sin solicitud",
                           por_confirmar=True)
CCE_CONFIRMAR_PLAN = Cita(_RESPUESTA, "el supervisor registra el cumplimiento con «Confirmar plan»")
CCE_SOPORTES = Cita(_RESPUESTA, "los soportes de la solicitud los define el procedimiento interno de cada entidad")

# Páginas de ayuda de CCE (confirmadas).
CCE_SEGUIMIENTO_APROBAR = Cita("cce-seguimiento", "página 6: aprobación, con la amortización del anticipo si aplica")
CCE_SEGUIMIENTO_ENTREGAS = Cita("cce-seguimiento", "confirmación de entregas por el supervisor")
CCE_SEGUIMIENTO_PLAN_DE_EJECUCION = Cita("cce-seguimiento", "plan de ejecución de la sección 7 con la fecha de cada "
                                                            "entrega, que el supervisor confirma con la fecha real")
CCE_REGISTRO_O_CREAR = Cita("cce-envio-facturas", "página 1: «Registro» junto al pago del plan, o «Crear» si la entidad "
                                                  "no definió plan de pagos")
CCE_RADICAR = Cita("cce-envio-contrato-20", "el proveedor radica la factura en la entidad antes de cargarla y SECOP II "
                                            "pide el número y la fecha de radicación")
GUIA_PROVEEDORES_SOLICITUD = Cita("cce-sec-gi-01", "sección C.II «Solicitud de pago»")
# Campos del formulario «Envío de facturas» según la guía de 2020: por confirmar contra la pantalla actual.
GUIA_PROVEEDORES_FORMULARIO = Cita("cce-sec-gi-01", "formulario «Envío de facturas» (guía de 2020)", por_confirmar=True)

# DIAN y UBL (confirmados).
ANEXO_TIPOS = Cita("dian-anexo-tecnico-1-9", "tipos de documento: factura de venta, notas crédito y débito")
ANEXO_DV = Cita("dian-anexo-tecnico-1-9", "cbc:CompanyID con el DV en schemeID y algoritmo del DV")
ANEXO_CUFE = Cita("dian-anexo-tecnico-1-9", "cbc:UUID con schemeName=\"CUFE-SHA384\" y cálculo del CUFE")
ANEXO_NUMERACION = Cita("dian-anexo-tecnico-1-9", "sts:InvoiceControl (rango y vigencia de la numeración autorizada)")
ANEXO_TOTALES = Cita("dian-anexo-tecnico-1-9", "grupo LegalMonetaryTotal")
# Leído en implementaciones públicas que transcriben las reglas del anexo, no en el anexo: por confirmar.
ANEXO_TOTALES_A_LA_UNIDAD = Cita("dian-anexo-tecnico-1-9", "reglas FAU02, FAU06 y FAU14: rechazo si los dos lados, "
                                 "redondeados con round(), son distintos", por_confirmar=True)
UBL_TOTALES = Cita("ubl-2-1", "LegalMonetaryTotal")
UBL_VENCIMIENTO = Cita("ubl-2-1", "cbc:DueDate")

# Normas (por confirmar: leídas solo en fuentes secundarias; HECHOS §2 y §4).
ET_617 = Cita("estatuto-tributario", "art. 617 (la factura la expide el vendedor a nombre del comprador)")
DUR_1625_CONSORCIOS = Cita("decreto-1625-2016", "art. 1.6.1.4.10 (el consorcio o la unión temporal factura a nombre "
                                                "propio, o sus miembros por separado o en conjunto)")
LEY_80_7 = Cita("ley-80-1993", "art. 7 (consorcios y uniones temporales)")
# Las adiciones (art. 40, parágrafo) no son el perfeccionamiento (art. 41): cada regla cita el pasaje que la sostiene.
LEY_80_40 = Cita("ley-80-1993", "art. 40, parágrafo (adiciones al valor del contrato)")
LEY_80_41 = Cita("ley-80-1993", "art. 41 (perfeccionamiento y requisitos de ejecución)")
DECRETO_111_71 = Cita("decreto-111-1996", "art. 71 (registro presupuestal)")
LEY_1150_23 = Cita("ley-1150-2007", "art. 23 (aportes a seguridad social acreditados para cada pago)")
LEY_789_50 = Cita("ley-789-2002", "art. 50 (aportes parafiscales, con certificación si es persona jurídica)")
DECRETO_1273 = Cita("decreto-1273-2018", "art. 1 (Decreto 780 de 2016, art. 2.2.1.1.1.7: IBC del 40 % del valor "
                                         "mensual de cada contrato de prestación de servicios, sin IVA, mes vencido)")
DECRETO_1273_LIMITES = Cita("decreto-1273-2018", "IBC entre 1 y 25 SMMLV")
DECRETO_1273_DIAS = Cita("decreto-1273-2018", "periodo de menos de un mes: se cotiza por los días del contrato, con un IBC no menor que esa proporción del SMMLV")
DECRETO_1072_ARL = Cita("decreto-1072-2015", "art. 2.2.4.2.2.13 (riesgos I a III los paga el contratista, IV y V "
                                             "el contratante)")
DECRETO_1072_UN_MES = Cita("decreto-1072-2015", "art. 2.2.4.2.2.1 (afiliación a riesgos laborales de contratos de "
                                                "prestación de servicios de duración superior a un mes)")
LEY_100_TARIFAS = Cita("ley-100-1993", "arts. 20 y 204 (tarifas de pensión y salud)")
LEY_100_FSP = Cita("ley-100-1993", "art. 27 (1 % adicional al Fondo de Solidaridad Pensional desde 4 SMMLV)")
SMMLV_2025 = Cita("decreto-1572-2024")
SMMLV_2026 = Cita("decreto-1469-2025", "transitorio (Decreto 0159 de 2026)")

PERFIL_ENTIDAD = Cita("perfil-entidad", "soportes que la entidad exige en cada solicitud", rechaza=True)

# Lo que leen las reglas de la factura real (issue «Facturas reales»; HECHOS §3 y §6).
ANEXO_HORA = Cita("dian-anexo-tecnico-1-9", "cbc:IssueTime, que entra a la cadena del CUFE (HorFac)")
ANEXO_CUDE = Cita("dian-anexo-tecnico-1-9", "cálculo del CUDE con el PIN del software", por_confirmar=True)
ANEXO_AMBIENTE = Cita("dian-anexo-tecnico-1-9", "cbc:ProfileExecutionID: 1 producción, 2 pruebas")
ANEXO_PARTES = Cita("dian-anexo-tecnico-1-9", "grupos de la parte: PartyTaxScheme, PartyLegalEntity y "
                                              "PartyIdentification")
ANEXO_RESPUESTA = Cita("dian-anexo-tecnico-1-9", "AttachedDocument con la ApplicationResponse de la DIAN "
                                                 "(SenderParty, ReceiverParty, DocumentResponse)")
ANEXO_CODIGO_RECHAZO = Cita("dian-anexo-tecnico-1-9", "código de respuesta 04 (rechazo)", por_confirmar=True)
ANEXO_CODIGOS_RESPUESTA = Cita("dian-anexo-tecnico-1-9", "códigos de respuesta distintos de 02 y 04", por_confirmar=True)
# por_confirmar: los nombres de los códigos (Cita.texto ya lo dice una vez).
ANEXO_TRIBUTOS = Cita("dian-anexo-tecnico-1-9", "tabla «Tributos», sus códigos y nombres, y grupos cac:TaxTotal y "
                                                "cac:WithholdingTaxTotal", por_confirmar=True)
# Documento soporte: la fuente está en el catálogo sin leer en el original (por confirmar).
RES_167_ADQUIRENTE = Cita("dian-resolucion-000167-2021", "el documento soporte lo expide el adquirente que compra a "
                                                         "un no obligado a facturar", por_confirmar=True)
ANEXO_MONEDA = Cita("dian-anexo-tecnico-1-9", "cbc:DocumentCurrencyCode (ISO 4217), currencyID y "
                                              "cac:PaymentExchangeRate")
ANEXO_MONEDA_DETALLE = Cita("dian-anexo-tecnico-1-9", "reglas de validación de la moneda y la tasa de cambio",
                            por_confirmar=True)
UBL_LINEAS = Cita("ubl-2-1", "esquema de Invoice: una o más cac:InvoiceLine")
