"""Los pasos de los procedimientos del sitio donde aparece cada dato y a los que remite cada regla.

Rutas del sitio con ancla estable (#paso-N); las usan las reglas (`paso`) y los modelos (ayuda del
formulario). Una prueba del sitio construido comprueba que cada una existe.
"""

_ENVIAR = "procedimientos/enviar-solicitud-de-pago/"
_APROBAR = "procedimientos/aprobar-o-rechazar-factura/"
_PLAN_DE_PAGOS = "procedimientos/crear-plan-de-pagos/"
_EJECUCION = "procedimientos/plan-de-ejecucion/"

SOPORTES = _ENVIAR + "#paso-1"
RADICAR = _ENVIAR + "#paso-2"
ELEGIR_PAGO = _ENVIAR + "#paso-3"
DILIGENCIAR = _ENVIAR + "#paso-4"
ANEXAR = _ENVIAR + "#paso-5"
ABRIR_DETALLE = _APROBAR + "#paso-1"  # la entidad ve en el «Detalle» lo que envió el proveedor
REVISAR_ANEXOS = _APROBAR + "#paso-2"
DATOS_APROBACION = _APROBAR + "#paso-3"
VALOR_A_PAGAR = _APROBAR + "#paso-4"
APROBACION_POR_ERROR = "procedimientos/aprobacion-o-pago-por-error/#paso-1"
RECHAZAR = _APROBAR + "#paso-6"  # la entidad rechaza con una justificación (lo que corrige el proveedor)
DECIDIR_PLAN_DE_PAGOS = _PLAN_DE_PAGOS + "#paso-1"
PLAN_DE_PAGOS_EN_CONTRATO = _PLAN_DE_PAGOS + "#paso-3"
CREAR_ENTREGAS = _EJECUCION + "#paso-1"
CONFIRMAR_ENTREGA = _EJECUCION + "#paso-3"


def del_proveedor(paso: str | None) -> bool:
    """Un paso del procedimiento del proveedor (enviar la solicitud): la entidad no lo hace, revisa lo que él hizo."""
    return bool(paso) and paso.startswith(_ENVIAR)
