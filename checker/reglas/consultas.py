"""Consultas pequeñas sobre la solicitud que comparten varias reglas."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..datos_abiertos import con_factura_aprobada, mismo_numero_de_factura, sin_factura
from ..modelos import Contrato, Cuota, Entrega, Factura, Solicitud

CENTAVO = Decimal("0.01")
UN_PESO = Decimal("1")


def cuota_de(s: Solicitud) -> Optional[Cuota]:
    return next((c for c in s.contrato.plan_de_pagos if c.id == s.pago.id_pago), None)


def saldo(s: Solicitud, cuota: Cuota) -> Decimal:
    """Lo que le queda a un pago del plan para la factura que se revisa: su valor menos lo facturado en él sin contarla
    a ella. Un pago cuya factura fue rechazada (o que no tiene) no tiene nada facturado, como en los datos abiertos:
    tras «Rechazar», el proveedor la corrige y la envía de nuevo (HECHOS §1)."""
    facturado = Decimal(0) if sin_factura(cuota.estado) else cuota.facturado - _ya_contada(s, cuota)
    return cuota.valor - facturado


def _ya_contada(s: Solicitud, cuota: Cuota) -> Decimal:
    """Lo que de la factura que se revisa ya cuenta lo facturado en el pago: lo que cobra (sin pasar de lo facturado),
    si el pago la nombra (su número y su estado son los de ella), como lo muestra SECOP II; si nombra otra, lo
    facturado es de las demás y no se descuenta nada. Los datos abiertos escriben el pago que se revisa igual
    (datos_abiertos._facturado), así que en los dos caminos se descuenta una sola vez; antes, con otra factura en el
    mismo pago que valía tanto como esta, se descontaba la otra."""
    total = total_en_contrato(s)
    if total is None or sin_factura(cuota.estado) or not mismo_numero_de_factura(cuota.factura, s.factura.numero):
        return Decimal(0)
    return min(total, cuota.facturado)


def en_moneda_del_contrato(s: Solicitud, valor: Decimal) -> Optional[Decimal]:
    """Un valor de la factura en la moneda del contrato: el mismo si comparten moneda; convertido con la tasa
    de la factura (PaymentExchangeRate: `tasa` pesos por unidad de la moneda de la factura, como la define el anexo)
    si va de la moneda de la factura a pesos y el contrato está en pesos; None si no se puede comparar. Una tasa que no
    va a pesos (de COP a USD, como escriben algunos programas con la tasa al revés) no se usa: multiplicar por ella
    daba miles de millones. Una factura en pesos de un contrato en otra moneda se paga con la tasa que fija el contrato,
    no con una tasa de referencia que traiga la factura: tampoco se convierte (MDA-002 lo dice)."""
    if s.factura.moneda == s.contrato.moneda:
        return valor
    tasa = _tasa_a_pesos(s)
    return None if tasa is None else (valor * tasa).quantize(CENTAVO)


def _tasa_a_pesos(s: Solicitud) -> Optional[Decimal]:
    """La tasa de la factura a pesos, si la factura está en otra moneda y el contrato en pesos (ver en_moneda_del_contrato)."""
    f, k = s.factura, s.contrato
    t = f.tasa_cambio
    if f.moneda != k.moneda and t is not None and t.moneda_origen == f.moneda and t.moneda_destino == "COP" == k.moneda:
        return t.tasa
    return None


# Menos de un peso: los valores del contrato y de su plan de pagos son pesos enteros en SECOP II (así los publican
# los datos abiertos), y una factura en pesos con centavos (el IVA redondeado línea por línea) no da justo una cuota.
CENTAVOS_DE_PESO = UN_PESO - CENTAVO


def holgura(s: Solicitud) -> Decimal:
    """Lo que puede separar lo que cobra la factura de un valor del contrato sin ser una diferencia: en pesos, menos de
    un peso (los centavos de la factura frente a una cuota en pesos enteros); en otra moneda, un centavo; en una factura
    convertida, un centavo de su moneda en la del contrato (USD 0,01 a 3.966,67 = $ 39,67): ningún valor en dólares da
    justo una cuota en pesos. La diferencia del redondeo no es un cobro de más ni un saldo."""
    tasa = _tasa_a_pesos(s)
    base = CENTAVOS_DE_PESO if s.contrato.moneda == "COP" else CENTAVO
    return base if tasa is None else max(base, (CENTAVO * tasa).quantize(CENTAVO))


def cobrado(f: Factura) -> Decimal:
    """Lo que la factura cobra: el valor a pagar (PayableAmount, el ValTot del CUFE) más el anticipo que descuenta,
    que también es parte del pago. Con cargos (un flete) es más que el total con impuestos; con descuentos, menos.

    Hay programas que escriben el anticipo (PrepaidAmount) sin restarlo del valor a pagar: si el valor a pagar es el
    total sin restar el anticipo, sumárselo lo contaría dos veces y daría errores de montos con una cifra que la
    factura no trae. Ese valor a pagar lo advierte MON-003 (cómo lo trata la DIAN está por confirmar)."""
    if f.anticipo_descontado and iguales(f.valor_a_pagar, a_pagar_esperado(f, restando_el_anticipo=False)):
        return f.valor_a_pagar
    return f.valor_a_pagar + f.anticipo_descontado


def a_pagar_esperado(f: Factura, restando_el_anticipo: bool = True) -> Decimal:
    """El valor a pagar que resulta de los totales: total con impuestos − descuentos + cargos − anticipo + redondeo."""
    anticipo = f.anticipo_descontado if restando_el_anticipo else Decimal(0)
    return f.valor_total - f.descuentos + f.cargos - anticipo + f.redondeo


def cobra(f: Factura) -> bool:
    """Si el documento cobra algo. La nota crédito no: disminuye o anula una factura ya emitida (FAC-001 dice que no es
    el documento del pago); sumar su valor a lo facturado y compararlo con el plan de pagos y el contrato daba errores
    de montos («lo facturado llega a…») que no eran ciertos."""
    return f.tipo != "nota_credito"


def total_en_contrato(s: Solicitud) -> Optional[Decimal]:
    """Lo que la factura cobra, en la moneda del contrato (None si no se puede convertir, o si no cobra: `cobra`)."""
    return en_moneda_del_contrato(s, cobrado(s.factura)) if cobra(s.factura) else None


def convertida(s: Solicitud) -> bool:
    """Si la factura, en otra moneda que el contrato, se llevó a la del contrato con su propia tasa. Con qué tasa paga
    la entidad lo define el contrato (MDA-001): comparar ese valor con el plan o el contrato orienta, no prueba un
    cobro de más."""
    return s.factura.moneda != s.contrato.moneda and total_en_contrato(s) is not None


def neto_en_contrato(s: Solicitud) -> Optional[Decimal]:
    """Lo que la factura pide pagar (PayableAmount, ya sin el anticipo que descuenta), en la moneda del contrato."""
    return en_moneda_del_contrato(s, s.factura.valor_a_pagar)


def tope_del_contrato(s: Solicitud) -> Decimal:
    """Hasta dónde se puede facturar: el valor del contrato o, si el plan de pagos suma más (una adición que el valor
    publicado aún no muestra, o un plan que la entidad hizo así), lo que suma el plan."""
    return max(s.contrato.valor, sum((q.valor for q in s.contrato.plan_de_pagos), Decimal(0)))


def pasa_del_pago(s: Solicitud, cuota: Cuota, valor: Decimal) -> bool:
    """Si `valor` (en la moneda del contrato) pasa de lo que le queda al pago del plan, más allá del redondeo."""
    return valor - saldo(s, cuota) > holgura(s)


def pasa_del_contrato(s: Solicitud, acumulado: Decimal) -> bool:
    """Si lo facturado con esta factura pasa de lo que se puede facturar del contrato, más allá del redondeo."""
    return acumulado - tope_del_contrato(s) > holgura(s)


def facturado_con_esta(s: Solicitud) -> Optional[Decimal]:
    """Lo facturado en el contrato contando la factura que se revisa una sola vez (None si la moneda no permite
    sumarla): si su pago la publica aprobada y ya la cuenta (_ya_contada), lo facturado a la fecha, que suma lo
    aprobado, también."""
    total, cuota = total_en_contrato(s), cuota_de(s)
    if total is None:
        return None
    ya = _ya_contada(s, cuota) if cuota is not None and con_factura_aprobada(cuota.estado) else Decimal(0)
    return s.contrato.facturado_a_la_fecha + total - ya


_ANIO = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def vigencia_del_rp(k: Contrato, codigo: str) -> Optional[int]:
    """El año que parece nombrar el código de un RP (RP-2026-0033 → 2026) si el contrato va de un año a otro y el código
    nombra uno solo de sus años; si no, None. La vigencia fiscal en Colombia es el año calendario: un contrato que cruza
    el año puede tener un RP por vigencia, y el de una respalda solo lo de ese año. El modelo guarda un solo RP por
    contrato: esto dice cuándo compararlo con todo lo facturado, o con otro código, no prueba nada."""
    if k.fecha_inicio.year == k.fecha_fin.year:
        return None
    anios = {int(a) for a in _ANIO.findall(codigo)} & set(range(k.fecha_inicio.year, k.fecha_fin.year + 1))
    return anios.pop() if len(anios) == 1 else None


def entrega_de(s: Solicitud) -> tuple[Optional[str], Optional[Entrega]]:
    """La entrega que la solicitud dice cubrir (o la que liga su pago), y si existe."""
    cuota = cuota_de(s)
    nombre = s.pago.entrega or (cuota.entrega if cuota else None)
    if nombre is None:
        return None, None
    return nombre, next((e for e in s.contrato.entregas if e.id == nombre), None)


def impuesto(f: Factura, codigo: str) -> Decimal:
    return sum((i.valor for i in f.impuestos if i.codigo == codigo), Decimal(0))


def total_del_tributo(f: Factura, codigo: str) -> Decimal:
    """El total de un tributo como entra al CUFE y al valor total: su cac:TaxTotal/cbc:TaxAmount si el XML lo trae
    (HECHOS §3 y §6), si no, la suma de sus subtotales (una factura escrita a mano)."""
    total = f.totales_tributos.get(codigo)
    return impuesto(f, codigo) if total is None else total


def total_impuestos(f: Factura) -> Decimal:
    codigos = dict.fromkeys([*(i.codigo for i in f.impuestos), *f.totales_tributos])
    return sum((total_del_tributo(f, c) for c in codigos), Decimal(0))


def iguales(a: Decimal, b: Decimal, tolerancia: Decimal = CENTAVO) -> bool:
    return abs(a - b) <= tolerancia
