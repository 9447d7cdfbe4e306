"""Reglas de valores, en Decimal: totales de la factura, pago del plan, contrato, RP y anticipo."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Iterator

from .. import pasos
from ..formatos import pesos
from .base import Contexto, Falla, regla
from .consultas import UN_PESO, cuota_de, facturado_con_esta, iguales, saldo, total_impuestos
from ..fuentes import Cita
from .citas import (
    ANEXO_TOTALES,
    CCE_RECHAZAR,
    CCE_SEGUIMIENTO_APROBAR,
    CCE_VALOR_A_PAGAR,
    DECRETO_111_71,
    GUIA_COMPRADORES_EJECUCION,
    LEY_80_41,
    UBL_TOTALES,
)

_SOLO_ENTIDAD_ADVIERTE = {"proveedor": "informacion", "entidad": "advertencia"}


@regla(
    id="MON-001", severidad="error", titulo="Las líneas suman el valor neto",
    mensaje="Las líneas de la factura suman {suma}, pero el valor neto es {neto}: corrija las líneas o el valor neto.",
    razon="El valor neto (LineExtensionAmount) es la suma de los valores de las líneas; una factura que no cuadra "
          "es información mal diligenciada por el proveedor, que la entidad rechaza.",
    fuentes=(UBL_TOTALES, ANEXO_TOTALES, CCE_RECHAZAR),
    paso=pasos.DILIGENCIAR,
    ejemplo_falla={"factura.lineas.1.valor": "3000000.00"},
)
def lineas_suman(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if f.lineas:
        suma = sum((l.valor for l in f.lineas), Decimal(0))
        if not iguales(suma, f.valor_bruto):
            yield Falla("factura.valor_bruto", {"suma": pesos(suma), "neto": pesos(f.valor_bruto)})


@regla(
    id="MON-002", severidad="error", titulo="Neto más impuestos es el valor total",
    mensaje="Valor neto {neto} más impuestos {impuestos} da {esperado}, pero el valor total es {total}.",
    razon="El valor total con impuestos (TaxInclusiveAmount) es el valor neto más los tributos de la factura; una "
          "factura que no cuadra es información mal diligenciada por el proveedor, que la entidad rechaza.",
    fuentes=(UBL_TOTALES, ANEXO_TOTALES, CCE_RECHAZAR),
    paso=pasos.DILIGENCIAR,
    ejemplo_falla={"factura.impuestos.0.valor": "1800000.00", "factura.clave_tecnica": None},
)
def total_con_impuestos(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    impuestos = total_impuestos(f)
    esperado = f.valor_bruto + impuestos
    if not iguales(esperado, f.valor_total):
        yield Falla("factura.valor_total", {"neto": pesos(f.valor_bruto), "impuestos": pesos(impuestos),
                                            "esperado": pesos(esperado), "total": pesos(f.valor_total)})


@regla(
    id="MON-003", severidad="advertencia", titulo="El valor a pagar cuadra con descuentos, cargos y anticipos",
    mensaje="El valor a pagar debería ser {esperado} (total − descuentos + cargos − anticipo descontado + redondeo), "
            "pero es {dado}.",
    razon="El valor a pagar (PayableAmount) resulta del total con impuestos, menos descuentos y anticipos, "
          "más cargos y el redondeo. Cómo trata el anexo de la DIAN cada uno de esos valores está por confirmar: "
          "por eso solo advierte.",
    fuentes=(UBL_TOTALES, Cita("dian-anexo-tecnico-1-9", "reglas de validación de PayableAmount", por_confirmar=True)),
    paso=pasos.DILIGENCIAR,
    ejemplo_falla={"factura.valor_a_pagar": "12000000.00", "factura.clave_tecnica": None},
)
def valor_a_pagar(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    esperado = f.valor_total - f.descuentos + f.cargos - f.anticipo_descontado + f.redondeo
    if not iguales(esperado, f.valor_a_pagar):
        yield Falla("factura.valor_a_pagar", {"esperado": pesos(esperado), "dado": pesos(f.valor_a_pagar)})


@regla(
    id="MON-004", severidad="error", titulo="La factura no supera el pago del plan",
    mensaje="La factura vale {total}, pero al «{id}» del plan de pagos le quedan {saldo}: "
            "facture como máximo ese saldo o pida a la entidad ajustar el plan.",
    razon="La entidad verifica el valor a pagar antes de aprobar; cobrar más que el saldo del pago del plan es "
          "información mal diligenciada por el proveedor, que la entidad rechaza.",
    fuentes=(CCE_VALOR_A_PAGAR, CCE_RECHAZAR, GUIA_COMPRADORES_EJECUCION),
    paso=pasos.VALOR_A_PAGAR,
    necesita=("contrato", "pago"),
    ejemplo_falla={"contrato.plan_de_pagos.1.facturado": "5000000.00"},
)
def dentro_del_pago(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    cuota = cuota_de(s)
    if cuota is not None:
        pendiente = saldo(cuota)
        if s.factura.valor_total - pendiente > Decimal("0.01"):
            yield Falla("factura.valor_total", {"total": pesos(s.factura.valor_total), "id": cuota.id,
                                                "saldo": pesos(pendiente)})


@regla(
    id="MON-005", severidad="informacion", titulo="Pago parcial de una cuota",
    mensaje="La factura ({total}) cubre solo parte del «{id}» ({saldo} por facturar): quedará un saldo pendiente en ese pago.",
    razon="Un pago puede facturarse por partes; conviene saberlo para no olvidar el saldo.",
    fuentes=(CCE_VALOR_A_PAGAR,),
    paso=pasos.VALOR_A_PAGAR,
    necesita=("contrato", "pago"),
    ejemplo_falla={"contrato.plan_de_pagos.1.valor": "12900000.00", "contrato.valor": "48600000.00",
                   "contrato.registro_presupuestal.valor": "48600000.00"},
)
def pago_parcial(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    cuota = cuota_de(s)
    if cuota is not None:
        pendiente = saldo(cuota)
        if pendiente - s.factura.valor_total > Decimal("0.01") and s.factura.valor_total > 0:
            yield Falla("factura.valor_total", {"total": pesos(s.factura.valor_total), "id": cuota.id,
                                                "saldo": pesos(pendiente)})


@regla(
    id="MON-006", severidad="error", titulo="Lo facturado no supera el valor del contrato",
    mensaje="Con esta factura lo facturado llega a {acumulado}, más que el valor del contrato ({valor}).",
    razon="No se puede pagar más que el valor del contrato sin una adición (Ley 80, por confirmar). La entidad "
          "verifica el valor a pagar y rechaza la solicitud mal diligenciada por el proveedor (respuesta CCE, "
          "confirmada): eso la hace error.",
    fuentes=(LEY_80_41, CCE_VALOR_A_PAGAR, CCE_RECHAZAR, GUIA_COMPRADORES_EJECUCION),
    paso=pasos.VALOR_A_PAGAR,
    necesita=("contrato",),
    ejemplo_falla={"contrato.facturado_a_la_fecha": "40000000.00", "contrato.registro_presupuestal.valor": None},
)
def dentro_del_contrato(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    acumulado = facturado_con_esta(s)
    if acumulado - s.contrato.valor > Decimal("0.01"):
        yield Falla("factura.valor_total", {"acumulado": pesos(acumulado), "valor": pesos(s.contrato.valor)})


@regla(
    id="MON-007", etapas=_SOLO_ENTIDAD_ADVIERTE, corrige="entidad", titulo="Lo facturado no supera el registro presupuestal",
    mensaje="Con esta factura lo facturado llega a {acumulado}, más que el registro presupuestal {codigo} ({valor}).",
    mensaje_proveedor="La entidad revisará el saldo del registro presupuestal {codigo} ({valor}): con esta factura lo "
                      "facturado llega a {acumulado}.",
    razon="El pago debe estar respaldado por el registro presupuestal. El valor del RP lo conoce y lo corrige la "
          "entidad, y la norma está por confirmar: por eso solo advierte.",
    fuentes=(DECRETO_111_71, LEY_80_41),
    paso=pasos.VALOR_A_PAGAR,
    necesita=("contrato",),
    ejemplo_falla={"contrato.registro_presupuestal.valor": "20000000.00"},
)
def dentro_del_rp(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    rp = s.contrato.registro_presupuestal
    if rp is not None and rp.valor is not None:
        acumulado = facturado_con_esta(s)
        if acumulado - rp.valor > Decimal("0.01"):
            yield Falla("factura.valor_total", {"acumulado": pesos(acumulado), "codigo": rp.codigo,
                                                "valor": pesos(rp.valor)})


def _amortizacion_esperada(c: Contexto) -> Decimal:
    s = c.solicitud
    anticipo = s.contrato.anticipo
    assert anticipo is not None
    pendiente = max(anticipo.valor - anticipo.amortizado, Decimal(0))
    cuota = (s.factura.valor_total * anticipo.porcentaje_amortizacion / 100).quantize(UN_PESO, ROUND_HALF_UP)
    return min(cuota, pendiente)


@regla(
    id="MON-008", etapas=_SOLO_ENTIDAD_ADVIERTE, corrige="entidad", titulo="Amortización del anticipo declarada",
    mensaje="El contrato tiene un anticipo por amortizar ({pendiente}) y la solicitud no dice cuánto se amortiza: "
            "indique la amortización de anticipo ({porcentaje} % pactado).",
    mensaje_proveedor="La entidad revisará la amortización del anticipo al aprobar: quedan {pendiente} por amortizar "
                      "({porcentaje} % pactado).",
    razon="Cuando hay anticipo, la entidad verifica al aprobar el porcentaje de amortización de cada factura. Es un "
          "dato de la entidad y ninguna fuente dice que se rechace si falta: advierte a la entidad.",
    fuentes=(CCE_SEGUIMIENTO_APROBAR,),
    paso=pasos.VALOR_A_PAGAR,
    necesita=("contrato", "pago"),
    ejemplo_falla={"contrato.anticipo": {"valor": "4760000.00", "porcentaje_amortizacion": 10}},
)
def amortizacion_declarada(c: Contexto) -> Iterator[Falla]:
    anticipo = c.solicitud.contrato.anticipo
    if anticipo is None or c.solicitud.pago.amortizacion_anticipo is not None:
        return
    pendiente = anticipo.valor - anticipo.amortizado
    if pendiente > 0:
        yield Falla("pago.amortizacion_anticipo", {"pendiente": pesos(pendiente),
                                                   "porcentaje": anticipo.porcentaje_amortizacion})


@regla(
    id="MON-009", etapas=_SOLO_ENTIDAD_ADVIERTE, corrige="entidad",
    titulo="Amortización del anticipo según el porcentaje pactado",
    mensaje="Se declara una amortización de {dada}; con el {porcentaje} % pactado sobre el valor total serían "
            "{esperada}. Confirme la base de cálculo del contrato.",
    mensaje_proveedor="La entidad revisará la amortización del anticipo: se declaran {dada} y con el {porcentaje} % "
                      "pactado sobre el valor total serían {esperada}.",
    razon="La amortización sigue el porcentaje pactado en el contrato. La base (valor total o neto) la fija "
          "cada contrato: esta regla usa el valor total y por eso solo advierte.",
    fuentes=(CCE_SEGUIMIENTO_APROBAR, Cita("cce-seguimiento", "base de cálculo de la amortización", por_confirmar=True)),
    paso=pasos.VALOR_A_PAGAR,
    necesita=("contrato", "pago"),
    ejemplo_falla={"contrato.anticipo": {"valor": "4760000.00", "porcentaje_amortizacion": 10},
                   "pago.amortizacion_anticipo": "500000.00"},
    ejemplo_pasa={"contrato.anticipo": {"valor": "4760000.00", "porcentaje_amortizacion": 10},
                  "pago.amortizacion_anticipo": "1190000.00"},
)
def amortizacion_segun_pacto(c: Contexto) -> Iterator[Falla]:
    anticipo = c.solicitud.contrato.anticipo
    dada = c.solicitud.pago.amortizacion_anticipo
    if anticipo is None or dada is None:
        return
    esperada = _amortizacion_esperada(c)
    if not iguales(dada, esperada, UN_PESO):
        yield Falla("pago.amortizacion_anticipo", {"dada": pesos(dada), "esperada": pesos(esperada),
                                                   "porcentaje": anticipo.porcentaje_amortizacion})
