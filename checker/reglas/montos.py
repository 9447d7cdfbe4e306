"""Reglas de valores, en Decimal: totales de la factura, pago del plan, contrato, RP y anticipo."""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Iterator, Optional

from .. import pasos
from ..formatos import cantidad, dinero, porcentaje
from ..modelos import Impuesto
from ..tributos import es_retencion, tributo
from ..tributos import nombre as nombre_tributo
from .base import Contexto, Falla, regla
from .consultas import (UN_PESO, a_pagar_esperado, convertida, cuota_de, facturado_con_esta, holgura, iguales,
                        impuesto, neto_en_contrato, pasa_del_contrato, pasa_del_pago, saldo, tope_del_contrato,
                        total_en_contrato, total_impuestos, vigencia_del_rp)
from .respuesta import validada_por_la_dian
from ..fuentes import Cita
from .citas import (
    ANEXO_TOTALES,
    ANEXO_TOTALES_A_LA_UNIDAD,
    ANEXO_TRIBUTOS,
    CCE_RECHAZAR,
    CCE_SEGUIMIENTO_APROBAR,
    CCE_VALOR_A_PAGAR,
    DECRETO_111_71,
    LEY_80_40,
    LEY_80_41,
    UBL_TOTALES,
)

_SOLO_ENTIDAD_ADVIERTE = {"proveedor": "informacion", "entidad": "advertencia"}


# Holgura de ±2,00 que un resumen público del anexo 1.9 atribuye a la DIAN en las validaciones de totales y de
# tributos (por confirmar en el anexo): un total redondeado al peso, o el IVA redondeado línea por línea, se aleja
# del cálculo exacto sin que la DIAN rechace la factura. En otra moneda, al centavo; pero los totales (MON-001 a
# MON-003) se comparan además como el anexo: redondeados a la unidad (`_cuadran`).
HOLGURA_DIAN = Decimal("2")
MEDIO_CENTAVO = Decimal("0.005")
MEDIO_PESO = Decimal("0.5")


def _holgura(moneda: str) -> Decimal:
    return HOLGURA_DIAN if moneda == "COP" else Decimal("0.01")


def _a_la_unidad(valor: Decimal) -> Decimal:
    """round() de XPath: el entero más cercano y, en la mitad, el mayor (1000,50 da 1001)."""
    return (valor + MEDIO_PESO).to_integral_value(rounding=ROUND_FLOOR)


def _cuadran(a: Decimal, b: Decimal, moneda: str) -> bool:
    """Un total cuadra si la DIAN no lo rechaza: sus reglas FAU02, FAU06 y FAU14 comparan los dos lados redondeados a
    la unidad («round(…)», en la moneda del documento, sea cual sea), como transcriben el anexo 1.9 implementaciones
    públicas (por confirmar en el texto del anexo). En pesos vale además la holgura de ±2 de un resumen público, que
    admite todo lo que la DIAN admite así; en otra moneda, antes se exigía el centavo: cien líneas en dólares
    redondeadas cada una daban un error que la DIAN no da."""
    return _a_la_unidad(a) == _a_la_unidad(b) or iguales(a, b, _holgura(moneda))


def _tolerancia(moneda: str, t: Impuesto, lineas: int) -> Decimal:
    """La holgura de un tributo frente a su base y su tarifa: la de la DIAN o, si la factura redondea el tributo
    línea por línea, la suma de esos redondeos: medio centavo por línea (mil líneas de IVA redondeado suman 5 pesos)
    o, en pesos y con las líneas que llevan su propio tributo (`t.lineas`), medio peso por cada una."""
    if moneda == "COP" and t.lineas:
        # Las líneas traen su propio tributo (su cac:TaxTotal) y el del documento es su suma: redondeado al peso en
        # cada una, se aleja de la base del documento por la tarifa hasta medio peso por línea (12 líneas de 333.333,33
        # con IVA de 63.333: $ 3,99). Esa diferencia no es una tarifa errada, y mandar al proveedor a «revisar la
        # tarifa» por ella sería un consejo falso. Que la DIAN la admita está por confirmar en el anexo; una tarifa
        # errada se aleja mucho más que medio peso por línea, y esta regla solo advierte.
        return max(_holgura(moneda), MEDIO_PESO * t.lineas)
    return max(_holgura(moneda), MEDIO_CENTAVO * lineas)


def _que_hacer_con_el_tributo(moneda: str, diferencia: Decimal, lineas: int) -> str:
    """Qué hacer con un tributo que no cuadra: revisar tarifa, base o valor; y, si la diferencia cabe en el redondeo
    al peso del tributo de cada línea (sin que las líneas lo traigan, no se sabe si la factura lo redondeó así), decir
    que eso la explica, para no mandar a cambiar una tarifa que está bien."""
    revise = "revise la tarifa, la base o el valor."
    hasta = MEDIO_PESO * lineas
    if moneda != "COP" or diferencia > hasta:
        return revise
    return (f"la diferencia ({dinero(diferencia, moneda)}) cabe en el redondeo al peso del tributo de cada una de las "
            f"{lineas} líneas (hasta {dinero(hasta, moneda)}): si la factura lo redondea así línea por línea, no hay "
            f"tarifa que corregir; si no, {revise}")


@regla(
    id="MON-001", severidad="error", titulo="Suma de las líneas y valor neto",
    mensaje="Las líneas de la factura suman {suma}, pero el valor neto es {neto}. Recházela con esa justificación: el "
            "proveedor corrige las líneas o el valor neto y la envía de nuevo.",
    mensaje_proveedor="Las líneas de la factura suman {suma}, pero el valor neto es {neto}: corrija las líneas o el valor "
                      "neto.",
    razon="El valor neto (LineExtensionAmount) es la suma de los valores de las líneas; una factura que no cuadra "
          "es información mal diligenciada por el proveedor, que la entidad rechaza. Se compara como la regla FAU02 "
          "del anexo, que rechaza si «round(LineExtensionAmount)» es distinto de «round(sum(InvoiceLine/"
          "LineExtensionAmount))»: los dos lados redondeados a la unidad, en cualquier moneda (así la transcriben "
          "implementaciones públicas del anexo; por confirmar en su texto). En pesos se acepta además la holgura de "
          f"±{HOLGURA_DIAN} que un resumen público del anexo atribuye a la DIAN (por confirmar): un valor neto "
          "redondeado al peso pasa la validación de la DIAN.",
    fuentes=(UBL_TOTALES, ANEXO_TOTALES, ANEXO_TOTALES_A_LA_UNIDAD, CCE_RECHAZAR),
    paso=pasos.DILIGENCIAR,
    ejemplo_falla={"factura.lineas.1.valor": "3000000.00"},
)
def lineas_suman(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if f.lineas:
        suma = sum((l.valor for l in f.lineas), Decimal(0))
        if not _cuadran(suma, f.valor_bruto, f.moneda):
            yield Falla("factura.valor_bruto", {"suma": dinero(suma, f.moneda), "neto": dinero(f.valor_bruto, f.moneda)})


@regla(
    id="MON-002", severidad="error", titulo="Valor neto, impuestos y valor total",
    mensaje="Valor neto {neto} más impuestos {impuestos} da {esperado}, pero el valor total es {total}. Recházela con "
            "esa justificación: el proveedor corrige el valor total o los impuestos y la envía de nuevo.{validada}",
    mensaje_proveedor="Valor neto {neto} más impuestos {impuestos} da {esperado}, pero el valor total es {total}: "
                      "corrija el valor total o los impuestos.{validada}",
    razon="El valor total con impuestos (TaxInclusiveAmount) es el valor neto más todos los tributos de cac:TaxTotal, "
          "cualquiera sea su código (IVA, INC, ICA, INC bolsas, licores, plásticos, bebidas azucaradas, "
          "ultraprocesados…); las retenciones (cac:WithholdingTaxTotal) no suman. Una factura que no cuadra es "
          "información mal diligenciada por el proveedor, que la entidad rechaza. Se compara como MON-001: a la unidad, "
          "como la regla FAU06 del anexo («round()» de los dos lados, en cualquier moneda; por confirmar en su texto), "
          f"y en pesos con la holgura de ±{HOLGURA_DIAN}. Si el archivo trae la validación de la "
          "DIAN, el mensaje lo reconoce: qué revisa la DIAN de esta suma, y con qué holgura, está por confirmar, y "
          "su validación no quita la diferencia.",
    fuentes=(UBL_TOTALES, ANEXO_TOTALES, ANEXO_TOTALES_A_LA_UNIDAD, CCE_RECHAZAR),
    paso=pasos.DILIGENCIAR,
    ejemplo_falla={"factura.impuestos.0.valor": "1800000.00", "factura.clave_tecnica": None},
)
def total_con_impuestos(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    impuestos = total_impuestos(f)
    esperado = f.valor_bruto + impuestos
    if not _cuadran(esperado, f.valor_total, f.moneda):
        m = f.moneda
        # Quien lee «validada por la DIAN» en el mismo informe necesita saber por qué igual es un error; no se afirma
        # qué revisa la DIAN ni con qué holgura (por confirmar), solo lo que se sabe: la diferencia pasa la de aquí.
        holgura = (f"la holgura de {dinero(_holgura(m), m)} que admite este validador" if m == "COP" else
                   "la unidad, a la que este validador redondea los dos lados")
        validada = (f" La DIAN validó el documento, pero eso no quita la diferencia: pasa de {holgura}, y si la DIAN "
                    "revisa esta suma de la misma forma, o con otra holgura, está por confirmar."
                    if validada_por_la_dian(f) else "")
        yield Falla("factura.valor_total", {"neto": dinero(f.valor_bruto, m), "impuestos": dinero(impuestos, m),
                                            "esperado": dinero(esperado, m), "total": dinero(f.valor_total, m),
                                            "validada": validada})


@regla(
    id="MON-014", severidad="advertencia", titulo="Total de cada tributo frente a sus subtotales",
    mensaje="El total del tributo {tributo} (cac:TaxTotal) es {total}, pero sus subtotales suman {suma}: el valor total "
            "y el CUFE se calculan con el total. Revise ese tributo con el proveedor.",
    mensaje_proveedor="El total del tributo {tributo} (cac:TaxTotal) es {total}, pero sus subtotales suman {suma}: el "
                      "valor total y el CUFE se calculan con el total. Revise ese tributo en su programa de facturación.",
    razon="Cada cac:TaxTotal lleva el total de un tributo (cbc:TaxAmount) y sus cac:TaxSubtotal; el valor total de la "
          "factura y el CUFE toman el total. Si no es la suma de los subtotales, alguno de los dos está mal escrito. "
          f"Con la holgura de ±{HOLGURA_DIAN} pesos de MON-001, para un total redondeado al peso. Que la DIAN rechace "
          "la diferencia está por confirmar en el anexo: advierte.",
    fuentes=(UBL_TOTALES, Cita("dian-anexo-tecnico-1-9", "cac:TaxTotal: cbc:TaxAmount y sus cac:TaxSubtotal",
                               por_confirmar=True)),
    paso=pasos.DILIGENCIAR,
    # El total de 1.900.000 cuadra con el valor total y el CUFE; el subtotal dice otra cosa.
    ejemplo_falla={"factura.totales_tributos": {"01": "1900000.00"}, "factura.impuestos.0.valor": "1700000.00"},
)
def tributo_suma_sus_subtotales(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    for codigo, total in f.totales_tributos.items():
        suma = impuesto(f, codigo)
        if not iguales(total, suma, _holgura(f.moneda)):
            yield Falla("factura.impuestos", {"tributo": nombre_tributo(codigo),
                                              "total": dinero(total, f.moneda), "suma": dinero(suma, f.moneda)})


@regla(
    id="MON-003", severidad="advertencia", titulo="Valor a pagar con descuentos, cargos y anticipos",
    mensaje="El valor a pagar debería ser {esperado} (total − descuentos + cargos − anticipo descontado + redondeo), "
            "pero es {dado}.",
    razon="El valor a pagar (PayableAmount) resulta del total con impuestos, menos descuentos y anticipos, "
          "más cargos y el redondeo. Cómo trata el anexo de la DIAN cada uno de esos valores está por confirmar: "
          "por eso solo advierte.",
    fuentes=(UBL_TOTALES, Cita("dian-anexo-tecnico-1-9", "reglas de validación de PayableAmount", por_confirmar=True)),
    paso=pasos.DILIGENCIAR,
    # Un descuento que el valor a pagar no resta (cobrar de más con él daría además MON-004).
    ejemplo_falla={"factura.descuentos": "100000.00", "factura.clave_tecnica": None},
)
def valor_a_pagar(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    esperado = a_pagar_esperado(f)
    # Como los demás totales (FAU14 también compara a la unidad): un valor a pagar redondeado al peso sin
    # cbc:PayableRoundingAmount.
    if not _cuadran(esperado, f.valor_a_pagar, f.moneda):
        yield Falla("factura.valor_a_pagar", {"esperado": dinero(esperado, f.moneda), "dado": dinero(f.valor_a_pagar, f.moneda)})


@regla(
    id="MON-004", severidad="error", titulo="Valor de la factura frente al pago del plan",
    mensaje="La factura vale {total}, pero al pago «{id}» del plan de pagos le quedan {saldo}: el proveedor debe facturar "
            "como máximo ese saldo, salvo que la entidad ajuste el plan.",
    mensaje_proveedor="La factura vale {total}, pero al pago «{id}» del plan de pagos le quedan {saldo}: facture como máximo "
                      "ese saldo o pida a la entidad ajustar el plan.",
    razon="La entidad verifica el valor a pagar antes de aprobar; cobrar más que el saldo del pago del plan es "
          "información mal diligenciada por el proveedor, que la entidad rechaza. Una diferencia de centavos (menos de "
          "un peso) frente a un plan en pesos es redondeo, no un cobro de más. No es error: una factura en otra moneda "
          "que el contrato, porque con qué tasa se paga lo define el contrato (lo dice MDA-001, que advierte), ni una "
          "factura que descuenta un anticipo y pide pagar (valor a pagar, sin lo amortizado) lo que cabe en el saldo: "
          "el plan puede llevar cada pago sin lo que se amortiza (por confirmar).",
    fuentes=(CCE_VALOR_A_PAGAR, CCE_RECHAZAR),
    paso=pasos.VALOR_A_PAGAR,
    necesita=("contrato", "pago"),
    ejemplo_falla={"contrato.plan_de_pagos.1.facturado": "5000000.00"},
)
def dentro_del_pago(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    cuota, total = cuota_de(s), total_en_contrato(s)
    if cuota is not None and total is not None and not convertida(s):
        pendiente = saldo(s, cuota)
        neto = neto_en_contrato(s) if s.factura.anticipo_descontado else None
        if pasa_del_pago(s, cuota, total) and not (neto is not None and not pasa_del_pago(s, cuota, neto)):
            yield Falla("factura.valor_total", {"total": dinero(total, s.contrato.moneda), "id": cuota.id,
                                                "saldo": dinero(pendiente, s.contrato.moneda)})


@regla(
    id="MON-005", severidad="informacion", titulo="Pago parcial de una cuota",
    mensaje="La factura ({total}) cubre solo parte del pago «{id}» ({saldo} por facturar): quedará un saldo pendiente en ese "
            "pago. Cómo se factura ese saldo en SECOP II (en el mismo pago o con «Crear») está por confirmar: acuérdelo "
            "con el proveedor.",
    mensaje_proveedor="La factura ({total}) cubre solo parte del pago «{id}» ({saldo} por facturar): quedará un saldo "
                      "pendiente en ese pago. Cómo se factura ese saldo en SECOP II (en el mismo pago o con «Crear») está "
                      "por confirmar: acuérdelo con la entidad.",
    razon="Un pago puede facturarse por partes; conviene saberlo para no olvidar el saldo. Cómo queda en la plataforma "
          "el saldo de una cuota pagada en parte está por confirmar (procedimiento «Pagar una parte de una cuota»).",
    fuentes=(CCE_VALOR_A_PAGAR,),
    paso=pasos.VALOR_A_PAGAR,
    necesita=("contrato", "pago"),
    ejemplo_falla={"contrato.plan_de_pagos.1.valor": "12900000.00", "contrato.valor": "48600000.00",
                   "contrato.registro_presupuestal.valor": "48600000.00"},
)
def pago_parcial(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    cuota, total = cuota_de(s), total_en_contrato(s)
    if cuota is not None and total is not None:
        pendiente = saldo(s, cuota)
        if pendiente - total > holgura(s) and total > 0:
            yield Falla("factura.valor_total", {"total": dinero(total, s.contrato.moneda), "id": cuota.id,
                                                "saldo": dinero(pendiente, s.contrato.moneda)})


@regla(
    id="MON-006", severidad="error", titulo="Lo facturado frente al valor del contrato",
    mensaje="Con esta factura lo facturado llega a {acumulado}, más que el valor del contrato ({valor}){del_plan}.",
    razon="No se puede pagar más que el valor del contrato sin una adición (Ley 80 de 1993, art. 40, por confirmar). La entidad "
          "verifica el valor a pagar y rechaza la solicitud mal diligenciada por el proveedor (respuesta CCE, "
          "confirmada): eso la hace error. Si el plan de pagos suma más que el valor del contrato (una adición que el "
          "valor publicado aún no muestra, o un plan que la entidad hizo así), se compara con lo que suma el plan: "
          "el plan lo escribe la entidad, y facturar lo que pactó en él no es un error del proveedor. Una factura en "
          "otra moneda que el contrato no se compara aquí: con qué tasa se paga lo define el contrato (MDA-001 advierte "
          "con la tasa de la factura).",
    fuentes=(LEY_80_40, CCE_VALOR_A_PAGAR, CCE_RECHAZAR),
    paso=pasos.VALOR_A_PAGAR,
    necesita=("contrato",),
    ejemplo_falla={"contrato.facturado_a_la_fecha": "40000000.00", "contrato.registro_presupuestal.valor": None},
)
def dentro_del_contrato(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    acumulado, m = facturado_con_esta(s), s.contrato.moneda
    plan = sum((q.valor for q in s.contrato.plan_de_pagos), Decimal(0))
    if acumulado is not None and pasa_del_contrato(s, acumulado) and not convertida(s):
        del_plan = f" y que lo que suma el plan de pagos ({dinero(plan, m)})" if plan > s.contrato.valor else ""
        yield Falla("factura.valor_total", {"acumulado": dinero(acumulado, m), "valor": dinero(s.contrato.valor, m),
                                            "del_plan": del_plan})


@regla(
    id="MON-007", etapas=_SOLO_ENTIDAD_ADVIERTE, corrige="entidad", titulo="Lo facturado frente al registro presupuestal",
    mensaje="Con esta factura lo facturado{en_el_contrato} llega a {acumulado}, más que el registro presupuestal {codigo} "
            "({valor}){vigencia}.",
    mensaje_proveedor="La entidad revisará el saldo del registro presupuestal {codigo} ({valor}): con esta factura lo "
                      "facturado{en_el_contrato} llega a {acumulado}{vigencia_proveedor}.",
    razon="El pago debe estar respaldado por el registro presupuestal. El valor del RP lo conoce y lo corrige la "
          "entidad, y la norma está por confirmar: por eso solo advierte. Se compara con todo lo facturado en el "
          "contrato, porque el contrato trae un solo RP. Si el contrato va de un año a otro y el código del RP nombra "
          "uno de ellos (RP-2026-0033), puede ser el RP de esa vigencia, que respalda solo lo de ese año (la vigencia "
          "fiscal es el año calendario, Decreto 111 de 1996, art. 14, por confirmar; lo de otros años va con el RP de "
          "su vigencia o con vigencias futuras): el "
          "mensaje lo dice y pide comparar con él solo lo facturado con cargo a ese año, en vez de afirmar que se pasó.",
    fuentes=(DECRETO_111_71, LEY_80_41),
    paso=pasos.VALOR_A_PAGAR,
    necesita=("contrato",),
    ejemplo_falla={"contrato.registro_presupuestal.valor": "20000000.00"},
)
def dentro_del_rp(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    k, rp = s.contrato, s.contrato.registro_presupuestal
    if rp is None or rp.valor is None:
        return
    acumulado, total = facturado_con_esta(s), total_en_contrato(s)
    if acumulado is None or total is None or acumulado - rp.valor <= holgura(s):
        return
    datos = {"acumulado": dinero(acumulado, k.moneda), "codigo": rp.codigo, "valor": dinero(rp.valor, k.moneda),
             "en_el_contrato": "", "vigencia": "", "vigencia_proveedor": ""}
    anio = vigencia_del_rp(k, rp.codigo)
    # Un RP de una sola vigencia no respalda lo facturado en otros años: lo facturado en todo el contrato no prueba que
    # se pasó. Sí lo prueba esta factura sola, si ya vale más que el RP: entonces se dice como siempre.
    if anio is not None and total - rp.valor <= holgura(s):
        datos["en_el_contrato"] = f" en todo el contrato ({k.fecha_inicio.year} a {k.fecha_fin.year})"
        datos["vigencia"] = (f"; pero el código del RP nombra {anio}, y si es el RP de la vigencia {anio} respalda solo lo "
                             "de ese año (lo de otros años va con el RP de su vigencia o con vigencias futuras): "
                             f"compare con él solo lo facturado con cargo a {anio}")
        datos["vigencia_proveedor"] = f" (si ese RP es el de la vigencia {anio}, respalda solo lo de ese año)"
    yield Falla("factura.valor_total", datos)


def _amortizacion_esperada(c: Contexto) -> Optional[tuple[Decimal, bool]]:
    """Lo que esta factura amortiza del anticipo y si es lo que queda de él: el porcentaje pactado de su valor total
    (sin pasar de lo pendiente) o, si con ella lo facturado llega a lo que se puede facturar del contrato (MON-006) y se
    sabe cuánto ya se amortizó, todo lo pendiente, sin pasar del valor de la factura (el anticipo se amortiza entero
    con el contrato; por confirmar). Sin «amortizado» escrito no se sabe qué queda: el porcentaje."""
    s = c.solicitud
    anticipo = s.contrato.anticipo
    assert anticipo is not None
    total, acumulado = total_en_contrato(s), facturado_con_esta(s)
    if total is None or acumulado is None:
        return None
    pendiente = max(anticipo.valor - anticipo.amortizado, Decimal(0))
    if "amortizado" in anticipo.model_fields_set and acumulado >= tope_del_contrato(s) - holgura(s):
        return min(pendiente, total), True
    cuota = (total * anticipo.porcentaje_amortizacion / 100).quantize(UN_PESO, ROUND_HALF_UP)
    return min(cuota, pendiente), False


@regla(
    id="MON-008", etapas=_SOLO_ENTIDAD_ADVIERTE, corrige="entidad", al_aprobar=True, titulo="Amortización del anticipo declarada",
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
        yield Falla("pago.amortizacion_anticipo", {"pendiente": dinero(pendiente, c.solicitud.contrato.moneda),
                                                   "porcentaje": porcentaje(anticipo.porcentaje_amortizacion)})


@regla(
    id="MON-009", etapas=_SOLO_ENTIDAD_ADVIERTE, corrige="entidad", al_aprobar=True,
    titulo="Amortización del anticipo según el porcentaje pactado",
    mensaje="Se declara una amortización de {dada}; {calculo} serían {esperada}. Confirme la base de cálculo del "
            "contrato.",
    mensaje_proveedor="La entidad revisará la amortización del anticipo: se declaran {dada} y {calculo} serían "
                      "{esperada}.",
    razon="La amortización sigue el porcentaje pactado en el contrato. La base (valor total o neto) la fija "
          "cada contrato: esta regla usa el valor total y por eso solo advierte. En la factura con la que lo facturado "
          "llega al valor del contrato se espera lo que queda del anticipo, para que no quede sin amortizar (por "
          "confirmar).",
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
    calculada = _amortizacion_esperada(c)
    if calculada is not None and not iguales(dada, calculada[0], UN_PESO):
        esperada, lo_que_queda = calculada
        m = c.solicitud.contrato.moneda
        calculo = ("con esta factura lo facturado llega al valor del contrato: lo que queda del anticipo por amortizar"
                   if lo_que_queda else f"con el {porcentaje(anticipo.porcentaje_amortizacion)} % pactado sobre el "
                                        "valor total")
        yield Falla("pago.amortizacion_anticipo", {"dada": dinero(dada, m), "esperada": dinero(esperada, m),
                                                   "calculo": calculo})


# --- Tributos y retenciones (tabla «Tributos» del anexo, checker/tributos.py) ---


@regla(
    id="MON-010", severidad="advertencia", titulo="Código del tributo en la tabla «Tributos»",
    mensaje="La factura trae un tributo con código {codigo}, que no está en la tabla «Tributos» del anexo técnico: "
            "se sumó al total igual que los demás, pero revise con el proveedor qué tributo es.",
    mensaje_proveedor="La factura trae un tributo con código {codigo}, que no está en la tabla «Tributos» del anexo "
                      "técnico: se sumó al total igual que los demás, pero revise en su programa de facturación qué "
                      "tributo es.",
    razon="Los tributos se identifican con los códigos de la tabla «Tributos» del anexo. Un código fuera de la "
          "tabla suele ser un error del software de facturación. Advertencia: la tabla de este validador está "
          "por confirmar contra el anexo.",
    fuentes=(ANEXO_TRIBUTOS,),
    paso=pasos.DILIGENCIAR,
    ejemplo_falla={"factura.impuestos": [{"codigo": "01", "valor": "1900000.00"}, {"codigo": "99", "valor": "0"}]},
)
def tributo_conocido(c: Contexto) -> Iterator[Falla]:
    for i, t in enumerate(c.solicitud.factura.impuestos):
        if tributo(t.codigo) is None:
            yield Falla(f"factura.impuestos.{i}.codigo", {"codigo": t.codigo})


@regla(
    id="MON-011", severidad="advertencia", titulo="Retenciones entre los tributos",
    mensaje="La factura trae la retención {nombre} en cac:TaxTotal, donde van los tributos que suman al total: "
            "las retenciones van en cac:WithholdingTaxTotal y no suman.",
    razon="ReteIVA (05), ReteRenta (06) y ReteICA (07) las practica quien paga; en la factura viajan en "
          "cac:WithholdingTaxTotal y no entran al valor total. Dentro de cac:TaxTotal inflan el total.",
    fuentes=(ANEXO_TRIBUTOS,),
    paso=pasos.DILIGENCIAR,
    ejemplo_falla={"factura.impuestos": [{"codigo": "01", "valor": "1800000.00"}, {"codigo": "06", "valor": "100000.00"}],
                   "factura.clave_tecnica": None},
)
def retencion_fuera_de_tributos(c: Contexto) -> Iterator[Falla]:
    for i, t in enumerate(c.solicitud.factura.impuestos):
        if es_retencion(t.codigo):
            yield Falla(f"factura.impuestos.{i}.codigo", {"nombre": nombre_tributo(t.codigo)})


_IBUA = "34"  # impuesto a las bebidas ultraprocesadas azucaradas (HECHOS §6: código 34)


@regla(
    id="MON-012", severidad="advertencia", titulo="Tributo, base y tarifa",
    mensaje="El tributo {nombre} vale {valor}, pero {calculo} da {esperado}: {que_hacer}",
    razon="Un tributo porcentual es la base gravable (TaxableAmount) por la tarifa (Percent); uno por unidad, como "
          "el INC bolsas, es el valor por unidad (PerUnitAmount) por la cantidad de las líneas que lo llevan "
          "(InvoicedQuantity: la regla FAX07 rechaza «TaxAmount <> PerUnitAmount * InvoiceLine/cbc:InvoicedQuantity» "
          "en los tributos de valor nominal, como la copia del anexo la ayuda pública de un proveedor tecnológico, "
          "por confirmar en el anexo; en el ejemplo de la DIAN BaseUnitMeasure es 1). Se acepta también el valor por unidad por BaseUnitMeasure (en el IBUA, 34, por cada 100 "
          "de BaseUnitMeasure: se cobra por 100 ml, por confirmar). La holgura es de "
          f"±{HOLGURA_DIAN} pesos, la que un resumen público del anexo atribuye a la DIAN, o la suma de los redondeos "
          "cuando el tributo se redondea línea por línea: medio centavo por línea o, si las líneas traen su propio "
          "tributo (su cac:TaxTotal), medio peso por cada una, porque cada una puede redondearlo al peso. Si la "
          "diferencia cabe en ese redondeo al peso pero las líneas no traen el tributo, el mensaje lo dice en vez de "
          "mandar a cambiar la tarifa. Advertencia: la regla y la holgura están por confirmar en el anexo.",
    fuentes=(ANEXO_TRIBUTOS,),
    paso=pasos.DILIGENCIAR,
    ejemplo_falla={"factura.impuestos.0": {"codigo": "01", "valor": "1900000.00", "base": "10000000.00", "porcentaje": "16"}},
    ejemplo_pasa={"factura.impuestos.0": {"codigo": "01", "valor": "1900000.00", "base": "10000000.00", "porcentaje": "19"}},
)
def tributo_cuadra(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    for grupo, lista in (("impuestos", f.impuestos), ("retenciones", f.retenciones)):
        for i, t in enumerate(lista):
            unidades = [u for u in (t.cantidad, t.unidades) if u is not None]
            if t.valor_por_unidad is not None and unidades:
                # Dos lecturas del anexo en los archivos: cantidad de las líneas (FAX07) o BaseUnitMeasure.
                calculos = [(t.valor_por_unidad * u, f"{dinero(t.valor_por_unidad, f.moneda)} por "
                             f"{cantidad(u, 'unidad', 'unidades')}") for u in unidades]
                if t.codigo == _IBUA and t.unidades is not None:
                    # El IBUA se cobra por cada 100 ml (por confirmar): un programa de facturación certificado escribe
                    # BaseUnitMeasure en ml y PerUnitAmount por 100 ml.
                    calculos.append((t.valor_por_unidad * t.unidades / 100, f"{dinero(t.valor_por_unidad, f.moneda)} "
                                     f"por cada 100 de {cantidad(t.unidades, 'unidad', 'unidades')}"))
            elif t.base is not None and t.porcentaje is not None:
                calculos = [(t.base * t.porcentaje / 100, f"el {porcentaje(t.porcentaje)} % de {dinero(t.base, f.moneda)}")]
            else:
                continue
            if not any(iguales(esperado, t.valor, _tolerancia(f.moneda, t, len(f.lineas))) for esperado, _ in calculos):
                esperado, calculo = calculos[0]
                lineas = t.lineas if t.lineas is not None else len(f.lineas)
                que_hacer = _que_hacer_con_el_tributo(f.moneda, abs(t.valor - esperado), lineas)
                yield Falla(f"factura.{grupo}.{i}.valor", {"nombre": nombre_tributo(t.codigo), "valor": dinero(t.valor, f.moneda),
                                                         "calculo": calculo, "esperado": dinero(esperado, f.moneda),
                                                         "que_hacer": que_hacer})


@regla(
    id="MON-013", severidad="informacion", titulo="Retenciones declaradas en la factura",
    mensaje="La factura declara retenciones por {total} ({detalle}): no se restan del valor total de la factura. "
            "Las practica al pagar la entidad, como agente de retención (Estatuto Tributario, por confirmar): el valor "
            "girado será menor.",
    razon="Las retenciones (cac:WithholdingTaxTotal: 05 ReteIVA, 06 ReteRenta, 07 ReteICA) viajan en la factura pero "
          "no entran a sus totales; conviene verlas para entender cuánto se recibirá. Que las practique la entidad al "
          "pagar lo dice el Estatuto Tributario, leído solo en fuentes secundarias (por confirmar).",
    fuentes=(ANEXO_TRIBUTOS, Cita("estatuto-tributario", "agentes de retención en la fuente")),
    paso=pasos.VALOR_A_PAGAR,
    ejemplo_falla={"factura.retenciones": [{"codigo": "06", "valor": "250000.00", "base": "10000000.00", "porcentaje": "2.5"}]},
)
def retenciones_declaradas(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if f.retenciones:
        total = sum((r.valor for r in f.retenciones), Decimal(0))
        detalle = ", ".join(f"{nombre_tributo(r.codigo)} {dinero(r.valor, f.moneda)}" for r in f.retenciones)
        yield Falla("factura.retenciones", {"total": dinero(total, f.moneda), "detalle": detalle})
