"""Reglas de los datos que SECOP II pide para aprobar: radicación, recepción, entrega, RP, pago.

La fecha de recepción original, el registro presupuestal y la entrega los ingresa la entidad al
aprobar (respuesta CCE P20211130011070): al proveedor se le muestran como información.
"""

from __future__ import annotations

from typing import Iterator, Optional

from .. import pasos
from ..modelos import Solicitud
from .base import Contexto, Falla, regla
from .citas import (
    CCE_APROBACION_IRREVERSIBLE,
    CCE_APROBAR,
    CCE_CONFIRMAR_PLAN,
    CCE_DATOS_APROBAR,
    CCE_PLAN_DE_PAGOS,
    CCE_RADICAR,
    CCE_RECHAZAR,
    CCE_REGISTRO_O_CREAR,
    CCE_SEGUIMIENTO_APROBAR,
    CCE_SEGUIMIENTO_ENTREGAS,
    DATOS_ABIERTOS_PLAN,
    DECRETO_111_71,
    GUIA_PROVEEDORES_FORMULARIO,
    GUIA_PROVEEDORES_SOLICITUD,
)
from ..datos_abiertos import con_factura_aprobada, mismo_numero_de_factura
from .consultas import cuota_de, entrega_de, vigencia_del_rp

_SOLO_ENTIDAD = {"proveedor": "informacion", "entidad": "error"}
_SOLO_ENTIDAD_ADVIERTE = {"proveedor": "informacion", "entidad": "advertencia"}


@regla(
    id="APR-001", etapas=_SOLO_ENTIDAD, corrige="entidad", al_aprobar=True, titulo="Fecha de recepción original",
    mensaje="Falta la fecha de recepción original de la factura: escriba la fecha en que la entidad la recibió (radicó).",
    mensaje_proveedor="La entidad revisará la fecha de recepción original al aprobar; si el formulario se la pide, "
                      "escriba la fecha en que radicó la factura.",
    razon="Para aprobar, la entidad debe ingresar la fecha de recepción original de la factura: sin ella no puede "
          "aprobar. Es un dato de la entidad; el formulario del proveedor también lo traía en la guía de 2020.",
    fuentes=(CCE_APROBAR, CCE_SEGUIMIENTO_APROBAR, GUIA_PROVEEDORES_FORMULARIO),
    paso=pasos.DATOS_APROBACION,
    necesita=("pago",),
    ejemplo_falla={"pago.fecha_recepcion_original": None},
)
def recepcion_presente(c: Contexto) -> Iterator[Falla]:
    if c.solicitud.pago.fecha_recepcion_original is None:
        yield Falla("pago.fecha_recepcion_original")


@regla(
    id="APR-002", etapas=_SOLO_ENTIDAD_ADVIERTE, corrige="entidad", al_aprobar=True, titulo="Fecha de recepción frente a la fecha de hoy",
    mensaje="La fecha de recepción original ({fecha}) es posterior a hoy ({hoy}): use la fecha real de radicación.",
    mensaje_proveedor="La entidad revisará la fecha de recepción original ({fecha}), posterior a hoy ({hoy}); si usted "
                      "la escribió, use la fecha real en que radicó la factura.",
    razon="La recepción original es un hecho ya ocurrido; una fecha futura es un error de digitación. Ninguna fuente "
          "dice que se rechace por eso: advierte a la entidad.",
    fuentes=(CCE_DATOS_APROBAR,),
    paso=pasos.DATOS_APROBACION,
    necesita=("pago",),
    ejemplo_falla={"pago.fecha_recepcion_original": "2999-01-01"},
)
def recepcion_no_futura(c: Contexto) -> Iterator[Falla]:
    fecha = c.solicitud.pago.fecha_recepcion_original
    if fecha is not None and fecha > c.hoy:
        yield Falla("pago.fecha_recepcion_original", {"fecha": fecha.isoformat(), "hoy": c.hoy.isoformat()})


@regla(
    id="APR-003", etapas=_SOLO_ENTIDAD_ADVIERTE, corrige="entidad", al_aprobar=True, titulo="Fecha de recepción frente a la emisión",
    mensaje="La fecha de recepción original ({recepcion}) es anterior a la fecha de emisión de la factura "
            "({emision}): una factura no se recibe antes de emitirse.",
    mensaje_proveedor="La entidad revisará la fecha de recepción original ({recepcion}), anterior a la emisión de la "
                      "factura ({emision}); revise ambas fechas.",
    razon="La entidad recibe la factura después de que el proveedor la emite. Ninguna fuente dice que se rechace por "
          "eso: advierte a la entidad.",
    fuentes=(CCE_DATOS_APROBAR,),
    paso=pasos.DATOS_APROBACION,
    necesita=("pago",),
    ejemplo_falla={"pago.fecha_recepcion_original": "2026-05-20"},
)
def recepcion_despues_de_emision(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    fecha = s.pago.fecha_recepcion_original
    if fecha is not None and fecha < s.factura.fecha_emision:
        yield Falla("pago.fecha_recepcion_original",
                    {"recepcion": fecha.isoformat(), "emision": s.factura.fecha_emision.isoformat()})


@regla(
    id="APR-004", severidad="error", titulo="Número de radicación",
    # A la entidad: el número que el proveedor diligenció está en el «Detalle» de la factura en SECOP II (los datos
    # abiertos no lo traen); si no lo diligenció, la solicitud está mal diligenciada.
    mensaje="Falta el número de radicación: cópielo del «Detalle» de la factura en SECOP II. Si el proveedor no lo "
            "diligenció, la solicitud está mal diligenciada: recházela y pídale radicar la factura en la entidad.",
    mensaje_proveedor="Falta el número de radicación: radique la factura en la entidad y escriba el número que le den.",
    razon="Antes de cargar la factura en SECOP II, el proveedor la radica en la entidad y SECOP II pide ese número; "
          "la entidad rechaza la solicitud mal diligenciada por el proveedor.",
    fuentes=(CCE_RADICAR, GUIA_PROVEEDORES_SOLICITUD, CCE_RECHAZAR),
    paso=pasos.RADICAR,
    necesita=("pago",),
    la_entidad_lo_copia=True,
    ejemplo_falla={"pago.numero_radicacion": None},
)
def radicacion_presente(c: Contexto) -> Iterator[Falla]:
    if not c.solicitud.pago.numero_radicacion:
        yield Falla("pago.numero_radicacion")


@regla(
    id="APR-005", etapas=_SOLO_ENTIDAD_ADVIERTE, corrige="entidad", al_aprobar=True, titulo="Entrega en el plan de ejecución",
    mensaje="La entrega «{entrega}» no está en el plan de ejecución del contrato: elija una de las entregas creadas.",
    mensaje_proveedor="La entidad revisará a qué entrega corresponde la factura: «{entrega}» no está en el plan de "
                      "ejecución del contrato.",
    razon="La entidad asocia la factura a la entrega que paga, si aplica; si la entrega no existe, no hay qué "
          "asociar. Asociarla es tarea de la entidad y ninguna fuente dice que se rechace: advierte.",
    fuentes=(CCE_DATOS_APROBAR, CCE_SEGUIMIENTO_ENTREGAS),
    paso=pasos.DATOS_APROBACION,  # la entidad elige la entrega al aprobar; confirmarla (APR-006) es del supervisor
    necesita=("contrato", "pago"),
    ejemplo_falla={"pago.entrega": "Entrega 9"},
)
def entrega_existe(c: Contexto) -> Iterator[Falla]:
    nombre, entrega = entrega_de(c.solicitud)
    if nombre is not None and entrega is None:
        yield Falla("pago.entrega", {"entrega": nombre})


@regla(
    id="APR-006", etapas=_SOLO_ENTIDAD_ADVIERTE, corrige="entidad", titulo="Confirmación de la entrega por el supervisor",
    mensaje="La entrega «{entrega}» sigue «pendiente»: el supervisor registra su cumplimiento con «Confirmar plan». "
            "Revise con él si ya se cumplió la entrega que cobra la factura.",
    mensaje_proveedor="La entidad revisará la entrega «{entrega}», que sigue «pendiente»: el supervisor la confirma "
                      "con «Confirmar plan». Puede recordárselo.",
    razon="Cuando el plan de pagos liga el pago a una entrega, el supervisor registra su cumplimiento con «Confirmar "
          "plan». Las fuentes no dicen que una factura se rechace por una entrega sin confirmar: advierte a la entidad.",
    fuentes=(CCE_CONFIRMAR_PLAN, CCE_SEGUIMIENTO_ENTREGAS),
    paso=pasos.CONFIRMAR_ENTREGA,
    necesita=("contrato", "pago"),
    ejemplo_falla={"contrato.entregas.1.estado": "pendiente"},
)
def entrega_confirmada(c: Contexto) -> Iterator[Falla]:
    nombre, entrega = entrega_de(c.solicitud)
    if entrega is not None and entrega.estado != "confirmada":
        yield Falla("pago.entrega", {"entrega": nombre})


@regla(
    id="APR-007", etapas=_SOLO_ENTIDAD, corrige="entidad", al_aprobar=True, titulo="Código del registro presupuestal",
    mensaje="Falta el código del registro presupuestal (RP){en_este_contrato}: ingréselo al aprobar.",
    mensaje_proveedor="La entidad revisará el registro presupuestal{del_contrato} al aprobar; usted no tiene que "
                      "escribirlo.",
    razon="La entidad debe ingresar el código de registro presupuestal asociado para aprobar la factura (respuesta "
          "CCE, confirmada): sin él no puede aprobar. El RP lo exige el Estatuto Orgánico del Presupuesto (por "
          "confirmar).",
    fuentes=(CCE_APROBAR, DECRETO_111_71),
    paso=pasos.DATOS_APROBACION,
    necesita=("contrato", "pago"),
    ejemplo_falla={"pago.registro_presupuestal": None},
)
def rp_presente(c: Contexto) -> Iterator[Falla]:
    # Se pide aunque no se sepa el RP del contrato (los datos abiertos no lo traen): sin él no se aprueba.
    rp = c.solicitud.contrato.registro_presupuestal
    if not c.solicitud.pago.registro_presupuestal:
        yield Falla("pago.registro_presupuestal", {"en_este_contrato": f"; en este contrato es {rp.codigo}" if rp else "",
                                                   "del_contrato": f" (RP {rp.codigo})" if rp else ""})


@regla(
    id="APR-008", etapas=_SOLO_ENTIDAD_ADVIERTE, corrige="entidad", al_aprobar=True, titulo="Registro presupuestal del contrato",
    mensaje="El registro presupuestal {dado} no es el que trae el contrato ({codigo}): use el RP que respalda este "
            "contrato o, si el pago es de una adición, el RP de la adición{vigencia}.",
    mensaje_proveedor="La entidad revisará el registro presupuestal: {dado} no es el que trae el contrato "
                      "({codigo}){vigencia_proveedor}.",
    razon="Para aprobar, la entidad ingresa el código de registro presupuestal asociado (respuesta CCE, confirmada). "
          "Un código distinto del RP del contrato puede ser un error de digitación, el RP de una adición (una "
          "adición trae un RP nuevo o modificado) o, en un contrato que va de un año a otro, el RP de otra vigencia "
          "(la vigencia fiscal es el año calendario, Decreto 111 de 1996, art. 14, por confirmar; el contrato revisado "
          "aquí trae un solo RP); ninguna fuente dice "
          "que se rechace por eso: advierte a la entidad. El pago se imputa al RP que respalda el contrato (por "
          "confirmar).",
    fuentes=(CCE_APROBAR, DECRETO_111_71),
    paso=pasos.DATOS_APROBACION,
    necesita=("contrato", "pago"),
    ejemplo_falla={"pago.registro_presupuestal": "RP-2026-9999"},
)
def rp_del_contrato(c: Contexto) -> Iterator[Falla]:
    rp = c.solicitud.contrato.registro_presupuestal
    dado = c.solicitud.pago.registro_presupuestal
    if rp is not None and dado and dado != rp.codigo:
        k = c.solicitud.contrato
        anio = vigencia_del_rp(k, dado)
        # Un contrato que cruza el año puede tener un RP nuevo por vigencia: no se afirma que el dado esté mal.
        otra_vigencia = anio is not None and anio != vigencia_del_rp(k, rp.codigo)
        vigencia = (f"; o, si el contrato tiene un RP por cada vigencia (va de {k.fecha_inicio.year} a "
                    f"{k.fecha_fin.year}), el de la vigencia del pago: {dado} parece el de {anio}" if otra_vigencia else "")
        vigencia_proveedor = f"; puede ser el RP de la vigencia {anio}" if otra_vigencia else ""
        yield Falla("pago.registro_presupuestal", {"dado": dado, "codigo": rp.codigo, "vigencia": vigencia,
                                                   "vigencia_proveedor": vigencia_proveedor})


@regla(
    id="PAG-001", severidad="informacion", titulo="Plan de pagos de la solicitud («Registro» o «Crear»)",
    # La solicitud sin plan no dice que el contrato no lo tenga (puede que solo no se haya cargado, p. ej. el
    # contrato de los datos abiertos sin su «Plan de pagos»): el mensaje da los dos caminos, no afirma ninguno.
    mensaje="La solicitud no trae el plan de pagos del contrato. Si la entidad no definió plan, el proveedor registra "
            "su solicitud de pago con «Crear» en «Plan de pagos» (sección 7). Si el contrato tiene plan, la registra "
            "con «Registro» junto a su pago: agregue el plan a la solicitud (los datos abiertos «SECOP II - Plan de "
            "pagos») para revisar ese pago.",
    mensaje_proveedor="La solicitud no trae el plan de pagos del contrato. Si la entidad no definió plan, en «Plan de "
                      "pagos» (sección 7) use «Crear» para registrar su solicitud de pago; no necesita esperar a que lo "
                      "cree. Si el contrato tiene plan, use «Registro» junto a su pago, y agregue el plan a la solicitud "
                      "(los datos abiertos «SECOP II - Plan de pagos») para revisar ese pago.",
    razon="Con plan, el proveedor hace clic en «Registro» junto al pago; si la entidad no definió plan, hace clic en "
          "«Crear». No tener plan no impide pedir el pago. Que la solicitud no traiga el plan no prueba que el "
          "contrato no lo tenga: por eso el mensaje da los dos caminos.",
    fuentes=(CCE_REGISTRO_O_CREAR, CCE_PLAN_DE_PAGOS),
    paso=pasos.ELEGIR_PAGO,
    necesita=("contrato",),
    ejemplo_falla={"contrato.plan_de_pagos": []},
)
def hay_plan_de_pagos(c: Contexto) -> Iterator[Falla]:
    if not c.solicitud.contrato.plan_de_pagos:
        yield Falla("contrato.plan_de_pagos")


def _plan_publicado(s: Solicitud) -> bool:
    """El plan como lo publican los datos abiertos («SECOP II - Plan de pagos»): sus pagos traen su estado en SECOP II.
    Puede no traer todos los pagos (los que aún no tienen solicitud, por confirmar): que falte uno no prueba nada. Basta
    un estado: la API de los datos abiertos omite la columna vacía, y una fila sin él no hace del plan uno escrito."""
    return any(c.estado for c in s.contrato.plan_de_pagos)


@regla(
    id="PAG-002", severidad="error", titulo="Pago en el plan de pagos",
    # A la entidad: con plan de pagos, el proveedor registra la solicitud con «Registro» junto a un pago del plan
    # (HECHOS §4); su «ID de pago» está en el «Detalle» de la factura.
    mensaje="{problema}. Cópielo del «Detalle» de la factura en SECOP II (con plan de pagos, la solicitud se registra "
            "con «Registro» junto a uno de sus pagos).",
    mensaje_proveedor="{problema}. Elija uno de los pagos del plan.",
    razon="Con plan de pagos, cada factura se registra sobre un pago del plan («Registro»); un ID que no está en el "
          "plan es información mal diligenciada, que la entidad rechaza. La entidad, al aprobar, copia el ID del "
          "«Detalle» de la factura.",
    fuentes=(CCE_REGISTRO_O_CREAR, CCE_RECHAZAR),
    paso=pasos.ELEGIR_PAGO,
    necesita=("contrato", "pago"),
    la_entidad_lo_copia=True,
    ejemplo_falla={"pago.id_pago": "Pago 12"},
)
def pago_en_plan(c: Contexto) -> Iterator[Falla]:
    if problema := _fuera_del_plan(c.solicitud, publicado=False):
        yield Falla("pago.id_pago", {"problema": problema})


def _fuera_del_plan(s: Solicitud, publicado: bool) -> Optional[str]:
    """Qué le pasa al pago de la solicitud si no está en el plan (escrito o, con `publicado`, el de los datos abiertos)."""
    if not s.contrato.plan_de_pagos or cuota_de(s) is not None or _plan_publicado(s) != publicado:
        return None
    if s.pago.id_pago:
        return f"El «ID de pago» {s.pago.id_pago} no está en el plan de pagos {'publicado' if publicado else 'del contrato'}"
    return "Falta el «ID de pago» (" + ("ningún pago del plan publicado está libre para esta factura" if publicado else
                                        "el contrato tiene plan de pagos y la factura se registra sobre uno de sus pagos") + ")"


@regla(
    id="PAG-003", severidad="advertencia", titulo="Pago en el plan publicado en los datos abiertos",
    mensaje="{problema}. El plan de los datos abiertos («SECOP II - Plan de pagos») puede no traer los pagos que aún "
            "no tienen solicitud (por confirmar): revise en «Plan de pagos» (sección 7 del contrato en SECOP II) que "
            "el pago exista; su «ID de pago» está en el «Detalle» de la factura.",
    mensaje_proveedor="{problema}. El plan de los datos abiertos («SECOP II - Plan de pagos») puede no traer los pagos "
                      "que aún no tienen solicitud (por confirmar): revise en «Plan de pagos» (sección 7 del contrato "
                      "en SECOP II) que el pago exista y escriba su «ID de pago».",
    razon="Con plan de pagos, cada factura se registra sobre un pago del plan («Registro»). Pero el plan que llega de "
          "los datos abiertos trae los pagos con su estado en SECOP II, y no está confirmado que traiga también los "
          "que aún no tienen solicitud: que el pago no aparezca ahí no prueba que no exista. Por eso advierte, y "
          "PAG-002 (error) queda para el plan escrito como se ve en SECOP II.",
    fuentes=(CCE_REGISTRO_O_CREAR, DATOS_ABIERTOS_PLAN),
    paso=pasos.ELEGIR_PAGO,
    necesita=("contrato", "pago"),
    ejemplo_falla={"pago.id_pago": "Pago 12", **{f"contrato.plan_de_pagos.{i}.estado": "Pagado" for i in range(4)}},
)
def pago_en_plan_publicado(c: Contexto) -> Iterator[Falla]:
    if problema := _fuera_del_plan(c.solicitud, publicado=True):
        yield Falla("pago.id_pago", {"problema": problema})


@regla(
    id="APR-009", etapas=_SOLO_ENTIDAD, corrige="entidad", titulo="Factura ya aprobada o pagada en SECOP II",
    mensaje="Según el plan de pagos, esta factura ({numero}) ya está «{estado}» en el pago «{id}»: no la apruebe otra "
            "vez (se pagaría dos veces). Una aprobación o un «pagado» no se deshacen; si fue por error, siga el "
            "procedimiento de aprobaciones por error.",
    # Al proveedor, lo que muestran los datos (no «la entidad revisará»): no hay nada que enviar ni que corregir.
    mensaje_proveedor="Según el plan de pagos, esta factura ({numero}) ya está «{estado}» en el pago «{id}» de SECOP II: "
                      "no tiene que enviarla de nuevo. Si se aprobó o se marcó como pagada por error, la entidad no "
                      "puede deshacerlo: vea el procedimiento para una aprobación o un «pagado» marcados por error.",
    razon="Una factura aprobada y marcada como pagada ya no se edita ni se borra, y la entidad no puede deshacer una "
          "aprobación hecha por error (base de conocimiento de CCE, confirmado): no puede aprobar otra vez lo ya "
          "aprobado, que pagaría dos veces. Lo dice el estado que publica el «Plan de pagos» para el pago que registra esta factura por su "
          "número. Para el proveedor es información: no hay nada que corregir.",
    fuentes=(CCE_APROBACION_IRREVERSIBLE, DATOS_ABIERTOS_PLAN),
    paso=pasos.APROBACION_POR_ERROR,
    necesita=("contrato", "pago"),
    ejemplo_falla={"contrato.plan_de_pagos.1.estado": "Aprobado", "contrato.plan_de_pagos.1.factura": "FEV1234"},
)
def ya_aprobada(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    cuota = cuota_de(s)
    if (cuota is not None and con_factura_aprobada(cuota.estado) and cuota.factura
            and mismo_numero_de_factura(cuota.factura, s.factura.numero)):
        yield Falla("pago.id_pago", {"numero": s.factura.numero, "estado": cuota.estado, "id": cuota.id})
