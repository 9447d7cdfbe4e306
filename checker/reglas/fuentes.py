"""Las fuentes que citan las reglas, escritas una sola vez."""

RESPUESTA_CCE = "Respuesta de Colombia Compra Eficiente al radicado P20211130011070 (22-12-2021)"
GUIA_COMPRADORES = "Guía de gestión contractual en el SECOP II para compradores (CCE-SEC-GI-13, 08-09-2021)"
GUIA_PROVEEDORES = "Guía de gestión contractual en el SECOP II para proveedores (CCE-SEC-GI-01, 07-09-2020)"
CCE_ENVIO_CONTRATO = "Colombia Compra Eficiente, «Envío del contrato» (plan de pagos y radicación)"
CCE_SEGUIMIENTO = "Colombia Compra Eficiente, «Seguimiento a la ejecución contractual»"
ANEXO_DIAN = "Anexo técnico de factura electrónica de venta 1.9 (Resolución DIAN 000165 de 2023)"
UBL = "UBL 2.1, grupo LegalMonetaryTotal, adoptado por el Anexo técnico DIAN 1.9"
DECRETO_1273 = "Decreto 1273 de 2018, compilado en el Decreto 780 de 2016, art. 2.2.1.1.1.7"
LEY_80 = "Ley 80 de 1993, art. 41 (el contrato se perfecciona y se ejecuta con registro presupuestal)"
PERFIL_ENTIDAD = "Procedimiento interno de la entidad (respuesta CCE P20211130011070: los soportes los define cada entidad)"
POR_CONFIRMAR = " (por confirmar)"

