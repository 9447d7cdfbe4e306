"""Lo que los modelos de entrada saben de sí mismos (las líneas de la respuesta de la DIAN)."""

import pytest

from checker.modelos import Notificacion, RespuestaDian, Solicitud


@pytest.mark.parametrize("descripcion, rechaza, notifica, sin_prefijo", [
    ("Regla: FAD06, Rechazo: Valor del CUFE no está calculado.", True, False, "Valor del CUFE no está calculado."),
    ("Regla: FAK24, Notificación: No está informado el correo.", False, True, "No está informado el correo."),
    ("Rechazo: valor del CUFE", True, False, "valor del CUFE"),
    ("notificacion: sin tilde", False, True, "sin tilde"),
    ("La validación del estado del RUT próximamente estará disponible.", False, False,
     "La validación del estado del RUT próximamente estará disponible."),
    # La etiqueta después de otro texto cuenta, pero el texto que la precede no se quita.
    ("El NIT no está en el RUT. Notificación: revise", False, True, "El NIT no está en el RUT. Notificación: revise"),
])
def test_una_linea_de_la_respuesta_se_clasifica_por_su_etiqueta_donde_este(descripcion, rechaza, notifica, sin_prefijo):
    n = Notificacion(codigo="X", descripcion=descripcion)
    assert (n.rechaza, n.solo_notifica, n.sin_prefijo) == (rechaza, notifica, sin_prefijo)
    # En una respuesta de rechazo, solo las que dicen «Rechazo:» son su motivo si alguna lo dice.
    r = RespuestaDian(estado="rechazada", notificaciones=[n, Notificacion(codigo="FAU14", descripcion="Regla: FAU14, Rechazo: x")])
    assert [m.codigo for m in r.motivos_del_rechazo()] == (["X"] if rechaza else []) + ["FAU14"]


def test_la_ayuda_de_la_factura_dice_que_el_documento_soporte_lo_expide_la_entidad():
    # La descripción del esquema es la ayuda del formulario del validador. Antes: «la cuenta de cobro / documento
    # soporte», como si el documento soporte fuera el cobro del proveedor; lo expide la entidad (el adquirente).
    ayuda = Solicitud.model_json_schema()["$defs"]["Factura"]["description"]
    assert "cuenta de cobro / documento soporte" not in ayuda
    assert "documento soporte que expide la entidad" in ayuda
