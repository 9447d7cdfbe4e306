"""Reglas de fechas de la factura frente al contrato."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Iterator

from .. import pasos
from .base import Contexto, Falla, regla
from .citas import CCE_SEGUIMIENTO_PLAN_DE_EJECUCION, GUIA_PROVEEDORES_FORMULARIO, UBL_VENCIMIENTO


@regla(
    id="FEC-001", severidad="advertencia", titulo="Emisión y plazo del contrato",
    mensaje="La factura se emitió el {emision}, fuera del plazo de ejecución del contrato ({inicio} a {fin}).",
    razon="Se paga lo ejecutado durante el plazo del contrato (cada entrega del plan de ejecución tiene su fecha, y el "
          "supervisor la confirma con la fecha real); una factura fuera de él suele indicar un error "
          "de fecha o un contrato distinto. La del último mes se emite normalmente en el mes siguiente a la "
          "terminación (se cobra mes vencido): esa no se señala. Después, una factura todavía puede emitirse (la de la "
          "liquidación) y ninguna fuente dice que se rechace: solo advierte.",
    fuentes=(CCE_SEGUIMIENTO_PLAN_DE_EJECUCION,),
    paso=pasos.DILIGENCIAR,
    necesita=("contrato",),
    ejemplo_falla={"factura.fecha_emision": "2026-01-15", "pago.fecha_recepcion_original": "2026-01-16",
                   "factura.clave_tecnica": None},
)
def emision_en_plazo(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    k = s.contrato
    if not k.fecha_inicio <= s.factura.fecha_emision <= _fin_del_mes_siguiente(k.fecha_fin):
        yield Falla("factura.fecha_emision", {"emision": s.factura.fecha_emision.isoformat(),
                                              "inicio": k.fecha_inicio.isoformat(), "fin": k.fecha_fin.isoformat()})


def _fin_del_mes_siguiente(d: date) -> date:
    """El último día del mes que sigue al de `d` (el mes en que se cobra el último mes del contrato)."""
    if d.year == date.max.year and d.month == 12:
        return date.max
    anio, mes = (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)
    return date(anio, mes, calendar.monthrange(anio, mes)[1])


@regla(
    id="FEC-002", etapas={"proveedor": "advertencia", "entidad": "informacion"},
    titulo="Vencimiento frente a la emisión",
    mensaje="La fecha de vencimiento ({vencimiento}) es anterior a la de emisión ({emision}).",
    razon="Una factura no puede vencer antes de emitirse (DueDate / PaymentDueDate). La fecha de vencimiento es "
          "informativa en el formulario de SECOP II: el proveedor debe corregir el error de digitación, pero a la "
          "entidad no le impide aprobar.",
    fuentes=(UBL_VENCIMIENTO, GUIA_PROVEEDORES_FORMULARIO),
    paso=pasos.DILIGENCIAR,
    ejemplo_falla={"factura.fecha_vencimiento": "2026-05-01"},
)
def vencimiento_despues(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if f.fecha_vencimiento is not None and f.fecha_vencimiento < f.fecha_emision:
        yield Falla("factura.fecha_vencimiento", {"vencimiento": f.fecha_vencimiento.isoformat(),
                                                  "emision": f.fecha_emision.isoformat()})
