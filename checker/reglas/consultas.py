"""Consultas pequeñas sobre la solicitud que comparten varias reglas."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..modelos import Cuota, Entrega, Factura, Solicitud

CENTAVO = Decimal("0.01")
UN_PESO = Decimal("1")


def cuota_de(s: Solicitud) -> Optional[Cuota]:
    return next((c for c in s.contrato.plan_de_pagos if c.id == s.pago.id_pago), None)


def saldo(cuota: Cuota) -> Decimal:
    """Lo que queda por facturar de un pago del plan."""
    return cuota.valor - cuota.facturado


def facturado_con_esta(s: Solicitud) -> Decimal:
    """Lo facturado en el contrato contando la factura que se revisa."""
    return s.contrato.facturado_a_la_fecha + s.factura.valor_total


def entrega_de(s: Solicitud) -> tuple[Optional[str], Optional[Entrega]]:
    """La entrega que la solicitud dice cubrir (o la que liga su pago), y si existe."""
    cuota = cuota_de(s)
    nombre = s.pago.entrega or (cuota.entrega if cuota else None)
    if nombre is None:
        return None, None
    return nombre, next((e for e in s.contrato.entregas if e.id == nombre), None)


def impuesto(f: Factura, codigo: str) -> Decimal:
    return sum((i.valor for i in f.impuestos if i.codigo == codigo), Decimal(0))


def total_impuestos(f: Factura) -> Decimal:
    return sum((i.valor for i in f.impuestos), Decimal(0))


def iguales(a: Decimal, b: Decimal, tolerancia: Decimal = CENTAVO) -> bool:
    return abs(a - b) <= tolerancia
