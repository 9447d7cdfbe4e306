"""Reglas de los datos que SECOP II pide para aprobar: radicación, recepción, entrega, RP, pago."""

from __future__ import annotations

from typing import Iterator

from .. import pasos
from .base import Contexto, Falla, regla
from .consultas import cuota_de, entrega_de
from .fuentes import CCE_ENVIO_CONTRATO, CCE_SEGUIMIENTO, GUIA_PROVEEDORES, LEY_80, RESPUESTA_CCE


@regla(
    id="APR-001", severidad="error", titulo="Fecha de recepción original",
    mensaje="Falta la fecha de recepción original de la factura: escriba la fecha en que la entidad la recibió (radicó).",
    razon="Para aprobar, la entidad debe ingresar la fecha de recepción original de la factura.",
    fuente=RESPUESTA_CCE + "; " + CCE_SEGUIMIENTO,
    paso=pasos.DATOS_APROBACION,
    necesita=("pago",),
    ejemplo_falla={"pago.fecha_recepcion_original": None},
)
def recepcion_presente(c: Contexto) -> Iterator[Falla]:
    if c.solicitud.pago.fecha_recepcion_original is None:
        yield Falla("pago.fecha_recepcion_original")


@regla(
    id="APR-002", severidad="error", titulo="La fecha de recepción no está en el futuro",
    mensaje="La fecha de recepción original ({fecha}) es posterior a hoy ({hoy}): use la fecha real de radicación.",
    razon="La recepción original es un hecho ya ocurrido; una fecha futura es un error de digitación.",
    fuente=RESPUESTA_CCE,
    paso=pasos.DATOS_APROBACION,
    necesita=("pago",),
    ejemplo_falla={"pago.fecha_recepcion_original": "2999-01-01"},
)
def recepcion_no_futura(c: Contexto) -> Iterator[Falla]:
    fecha = c.solicitud.pago.fecha_recepcion_original
    if fecha is not None and fecha > c.hoy:
        yield Falla("pago.fecha_recepcion_original", {"fecha": fecha.isoformat(), "hoy": c.hoy.isoformat()})


@regla(
    id="APR-003", severidad="error", titulo="La recepción no es anterior a la emisión",
    mensaje="La fecha de recepción original ({recepcion}) es anterior a la fecha de emisión de la factura "
            "({emision}): una factura no se recibe antes de emitirse.",
    razon="La entidad recibe la factura después de que el proveedor la emite.",
    fuente=RESPUESTA_CCE + "; " + GUIA_PROVEEDORES + ", «Envío de facturas»",
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
    mensaje="Falta el número de radicación: radique la factura en la entidad y escriba el número que le den.",
    razon="Antes de cargar la factura en SECOP II, el proveedor la radica en la entidad; SECOP II pide ese número.",
    fuente=CCE_ENVIO_CONTRATO + "; " + GUIA_PROVEEDORES + ", sección C.II «Solicitud de pago»",
    paso=pasos.RADICAR,
    necesita=("pago",),
    ejemplo_falla={"pago.numero_radicacion": None},
)
def radicacion_presente(c: Contexto) -> Iterator[Falla]:
    if not c.solicitud.pago.numero_radicacion:
        yield Falla("pago.numero_radicacion")


@regla(
    id="APR-005", severidad="error", titulo="La entrega existe en el plan de ejecución",
    mensaje="La entrega «{entrega}» no está en el plan de ejecución del contrato: elija una de las entregas creadas.",
    razon="La entidad asocia la factura a la entrega que paga; si la entrega no existe, no hay qué asociar.",
    fuente=RESPUESTA_CCE + "; " + CCE_SEGUIMIENTO,
    paso=pasos.CONFIRMAR_ENTREGA,
    necesita=("contrato", "pago"),
    ejemplo_falla={"pago.entrega": "Entrega 9"},
)
def entrega_existe(c: Contexto) -> Iterator[Falla]:
    nombre, entrega = entrega_de(c.solicitud)
    if nombre is not None and entrega is None:
        yield Falla("pago.entrega", {"entrega": nombre})


@regla(
    id="APR-006", severidad="error", titulo="La entrega está confirmada por el supervisor",
    mensaje="La entrega «{entrega}» sigue «pendiente»: el supervisor debe confirmarla («Confirmar plan») "
            "antes de que se apruebe la factura que la cobra.",
    razon="Cuando el plan de pagos liga el pago a una entrega, el pago procede cuando el supervisor "
          "registra el cumplimiento de esa entrega.",
    fuente=RESPUESTA_CCE + "; " + CCE_SEGUIMIENTO,
    paso=pasos.CONFIRMAR_ENTREGA,
    necesita=("contrato", "pago"),
    ejemplo_falla={"contrato.entregas.1.estado": "pendiente"},
)
def entrega_confirmada(c: Contexto) -> Iterator[Falla]:
    nombre, entrega = entrega_de(c.solicitud)
    if entrega is not None and entrega.estado != "confirmada":
        yield Falla("pago.entrega", {"entrega": nombre})


@regla(
    id="APR-007", severidad="error", titulo="Código del registro presupuestal",
    mensaje="Falta el código del registro presupuestal (RP); en este contrato es {codigo}. La entidad lo asocia al aprobar: "
            "inclúyalo en la solicitud.",
    razon="La entidad debe ingresar el código de registro presupuestal asociado para aprobar la factura.",
    fuente=RESPUESTA_CCE + "; " + LEY_80,
    paso=pasos.DATOS_APROBACION,
    necesita=("contrato", "pago"),
    ejemplo_falla={"pago.registro_presupuestal": None},
)
def rp_presente(c: Contexto) -> Iterator[Falla]:
    rp = c.solicitud.contrato.registro_presupuestal
    if rp is not None and not c.solicitud.pago.registro_presupuestal:
        yield Falla("pago.registro_presupuestal", {"codigo": rp.codigo})


@regla(
    id="APR-008", severidad="error", titulo="El RP es el del contrato",
    mensaje="El registro presupuestal {dado} no es el del contrato ({codigo}): use el RP que respalda este contrato.",
    razon="El pago se imputa al registro presupuestal que respalda el contrato.",
    fuente=RESPUESTA_CCE + "; " + LEY_80,
    paso=pasos.DATOS_APROBACION,
    necesita=("contrato", "pago"),
    ejemplo_falla={"pago.registro_presupuestal": "RP-2026-9999"},
)
def rp_del_contrato(c: Contexto) -> Iterator[Falla]:
    rp = c.solicitud.contrato.registro_presupuestal
    dado = c.solicitud.pago.registro_presupuestal
    if rp is not None and dado and dado != rp.codigo:
        yield Falla("pago.registro_presupuestal", {"dado": dado, "codigo": rp.codigo})


@regla(
    id="PAG-001", severidad="error", titulo="El contrato tiene plan de pagos",
    mensaje="El contrato no tiene plan de pagos: la entidad debe crearlo («Crear Plan de Pagos», sección 7) "
            "antes de que el proveedor pueda solicitar un pago.",
    razon="La solicitud de pago se hace sobre un pago del «Plan de pagos» de la sección 7 del contrato.",
    fuente=RESPUESTA_CCE,
    paso=pasos.DECIDIR_PLAN_DE_PAGOS,
    necesita=("contrato",),
    ejemplo_falla={"contrato.plan_de_pagos": []},
)
def hay_plan_de_pagos(c: Contexto) -> Iterator[Falla]:
    if not c.solicitud.contrato.plan_de_pagos:
        yield Falla("contrato.plan_de_pagos")


@regla(
    id="PAG-002", severidad="error", titulo="El pago existe en el plan de pagos",
    mensaje="El «ID de pago» {id} no está en el plan de pagos del contrato: elija uno de los pagos del plan.",
    razon="Cada factura se carga sobre un pago del plan; un ID inexistente no se puede aprobar.",
    fuente=RESPUESTA_CCE + "; " + GUIA_PROVEEDORES + ", «Envío de facturas»",
    paso=pasos.ELEGIR_PAGO,
    necesita=("contrato", "pago"),
    ejemplo_falla={"pago.id_pago": "Pago 12"},
)
def pago_en_plan(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    if s.contrato.plan_de_pagos and cuota_de(s) is None:
        yield Falla("pago.id_pago", {"id": s.pago.id_pago})
