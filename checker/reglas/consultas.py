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


def en_moneda_del_contrato(s: Solicitud, valor: Decimal) -> Optional[Decimal]:
    """Un valor de la factura en la moneda del contrato: el mismo si comparten moneda; convertido con la tasa
    de la factura (PaymentExchangeRate) si la trae de su moneda a la del contrato; None si no se puede comparar."""
    f, k = s.factura, s.contrato
    if f.moneda == k.moneda:
        return valor
    t = f.tasa_cambio
    if t is not None and t.moneda_origen == f.moneda and t.moneda_destino == k.moneda:
        return (valor * t.tasa).quantize(CENTAVO)
    return None


def cobrado(f: Factura) -> Decimal:
    """Lo que la factura cobra: el valor a pagar (PayableAmount, el ValTot del CUFE) más el anticipo que descuenta,
    que también es parte del pago. Con cargos (un flete) es más que el total con impuestos; con descuentos, menos."""
    return f.valor_a_pagar + f.anticipo_descontado


def total_en_contrato(s: Solicitud) -> Optional[Decimal]:
    """Lo que la factura cobra, en la moneda del contrato (None si no se puede convertir)."""
    return en_moneda_del_contrato(s, cobrado(s.factura))


def facturado_con_esta(s: Solicitud) -> Optional[Decimal]:
    """Lo facturado en el contrato contando la factura que se revisa (None si la moneda no permite sumarla)."""
    total = total_en_contrato(s)
    return None if total is None else s.contrato.facturado_a_la_fecha + total


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
