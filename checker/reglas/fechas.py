"""Reglas de fechas de la factura frente al contrato."""

from __future__ import annotations

from typing import Iterator

from .. import pasos
from .base import Contexto, Falla, regla
from .fuentes import GUIA_COMPRADORES, GUIA_PROVEEDORES, UBL


@regla(
    id="FEC-001", severidad="error", titulo="La factura se emite dentro del plazo del contrato",
    mensaje="La factura se emitió el {emision}, fuera del plazo de ejecución del contrato ({inicio} a {fin}).",
    razon="Se paga lo ejecutado durante el plazo del contrato; una factura fuera de él suele indicar un error "
          "de fecha o un contrato distinto.",
    fuente=GUIA_COMPRADORES + ", ejecución del contrato",
    paso=pasos.DILIGENCIAR,
    necesita=("contrato",),
    ejemplo_falla={"factura.fecha_emision": "2026-01-15", "pago.fecha_recepcion_original": "2026-01-16",
                   "factura.clave_tecnica": None},
)
def emision_en_plazo(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    k = s.contrato
    if not k.fecha_inicio <= s.factura.fecha_emision <= k.fecha_fin:
        yield Falla("factura.fecha_emision", {"emision": s.factura.fecha_emision.isoformat(),
                                              "inicio": k.fecha_inicio.isoformat(), "fin": k.fecha_fin.isoformat()})


@regla(
    id="FEC-002", severidad="error", titulo="El vencimiento no es anterior a la emisión",
    mensaje="La fecha de vencimiento ({vencimiento}) es anterior a la de emisión ({emision}).",
    razon="Una factura no puede vencer antes de emitirse (DueDate / PaymentDueDate).",
    fuente=UBL + "; " + GUIA_PROVEEDORES + ", «Envío de facturas»",
    paso=pasos.DILIGENCIAR,
    ejemplo_falla={"factura.fecha_vencimiento": "2026-05-01"},
)
def vencimiento_despues(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if f.fecha_vencimiento is not None and f.fecha_vencimiento < f.fecha_emision:
        yield Falla("factura.fecha_vencimiento", {"vencimiento": f.fecha_vencimiento.isoformat(),
                                                  "emision": f.fecha_emision.isoformat()})
