"""Reglas de moneda: la de la factura frente a la del contrato, y la tasa de cambio."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from .. import pasos
from ..formatos import dinero
from ..modelos import Solicitud
from .base import Contexto, Falla, regla
from .consultas import (cobra, cobrado, cuota_de, facturado_con_esta, pasa_del_contrato, pasa_del_pago, saldo,
                        tope_del_contrato, total_en_contrato)
from .citas import ANEXO_MONEDA, ANEXO_MONEDA_DETALLE, CCE_VALOR_A_PAGAR

# Un ejemplo realista: la factura típica emitida en dólares (USD 2.975 a $ 4.000 = $ 11.900.000).
_EN_DOLARES = {
    "factura.moneda": "USD",
    "factura.tasa_cambio": {"moneda_origen": "USD", "moneda_destino": "COP", "tasa": "4000", "fecha": "2026-06-01"},
    "factura.lineas.0.valor_unitario": "1500.00", "factura.lineas.0.valor": "1500.00",
    "factura.lineas.1.valor_unitario": "1000.00", "factura.lineas.1.valor": "1000.00",
    "factura.valor_bruto": "2500.00", "factura.impuestos.0.valor": "475.00",
    "factura.valor_total": "2975.00", "factura.valor_a_pagar": "2975.00", "factura.clave_tecnica": None,
}


@regla(
    id="MDA-001", severidad="advertencia", titulo="Moneda de la factura y del contrato",
    mensaje="La factura está en {moneda} y el contrato en {moneda_contrato}. Con la tasa de la factura "
            "({tasa} {destino} por {origen}) vale {convertido}; {frente}. Confirme en el contrato la moneda y la tasa "
            "con que se paga.",
    mensaje_proveedor="La factura está en {moneda} y el contrato en {moneda_contrato}. Con la tasa de la factura "
                      "({tasa} {destino} por {origen}) vale {convertido}; {frente}. Confirme con la entidad la moneda y "
                      "la tasa con que pagará.",
    razon="La DIAN acepta facturas en moneda extranjera con su tasa de cambio, pero el plan de pagos y el valor "
          "del contrato están en la moneda del contrato. Qué tasa usa la entidad (la de la factura, la del día del "
          "pago) lo define el contrato: por eso advierte y no rechaza, y dice aquí si con la tasa de la factura pasa "
          "del saldo del pago o del valor del contrato (MON-004 y MON-006 no comparan una factura convertida). Los "
          "datos abiertos de SECOP II no publican la moneda del contrato: si no se escribe, se toma en pesos.",
    fuentes=(ANEXO_MONEDA, CCE_VALOR_A_PAGAR),
    paso=pasos.VALOR_A_PAGAR,
    necesita=("contrato",),
    ejemplo_falla=_EN_DOLARES,
)
def misma_moneda(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    f, k = s.factura, s.contrato
    convertido = total_en_contrato(s)
    if f.moneda != k.moneda and convertido is not None and f.tasa_cambio is not None:
        yield Falla("factura.moneda", {"moneda": f.moneda, "moneda_contrato": k.moneda,
                                       "origen": f.tasa_cambio.moneda_origen, "destino": f.tasa_cambio.moneda_destino,
                                       "tasa": str(f.tasa_cambio.tasa).replace(".", ","),
                                       "convertido": dinero(convertido, k.moneda), "frente": _frente_al_contrato(s, convertido)})


def _frente_al_contrato(s: Solicitud, convertido: Decimal) -> str:
    """Lo que MON-004 y MON-006 dirían de la factura convertida con su tasa, como advertencia."""
    m, cuota, acumulado = s.contrato.moneda, cuota_de(s), facturado_con_esta(s)
    pasa = []
    if cuota is not None and pasa_del_pago(s, cuota, convertido):
        pasa.append(f"pasa del saldo del pago «{cuota.id}» del plan de pagos ({dinero(saldo(s, cuota), m)})")
    if acumulado is not None and pasa_del_contrato(s, acumulado):
        pasa.append(f"lo facturado llegaría a {dinero(acumulado, m)}, más que el valor del contrato "
                    f"({dinero(tope_del_contrato(s), m)})")
    if not pasa:
        return "con ese valor cabe en el plan de pagos y en el valor del contrato"
    return "con ese valor " + " y ".join(pasa) + ": con otra tasa, el resultado cambia"


@regla(
    id="MDA-002", severidad="advertencia", titulo="Valor de la factura en la moneda del contrato",
    mensaje="La factura está en {moneda} y el contrato en {moneda_contrato}: el validador no puede llevar su valor "
            "({total}) a {moneda_contrato} con una tasa de la factura, y no lo compara con el plan de pagos ni con el "
            "contrato. {que_hace_la_entidad}",
    mensaje_proveedor="La factura está en {moneda} y el contrato en {moneda_contrato}: el validador no puede llevar su "
                      "valor ({total}) a {moneda_contrato} con una tasa de la factura, y no lo compara con el plan de "
                      "pagos ni con el contrato. {que_hacer}",
    razon="La entidad verifica el valor a pagar contra el pago del plan y el saldo del contrato; sin un valor en la "
          "moneda del contrato el validador no puede hacer esa comparación. Una factura en pesos de un contrato "
          "pactado en otra moneda es común (se paga en pesos con la tasa que fija el contrato), y ninguna fuente leída "
          "dice que la entidad rechace por eso: advierte.",
    fuentes=(CCE_VALOR_A_PAGAR, ANEXO_MONEDA),
    paso=pasos.VALOR_A_PAGAR,
    necesita=("contrato",),
    ejemplo_falla={"contrato.moneda": "USD"},
)
def moneda_comparable(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    f, k = s.factura, s.contrato
    if f.moneda != k.moneda and cobra(f) and total_en_contrato(s) is None:
        # Lo que hace el proveedor (`que_hacer`) y lo que hace la entidad, que no emite la factura.
        if f.moneda == "COP":
            que_hacer = (f"La entidad la compara con la tasa que fija el contrato para pagar en pesos lo pactado en "
                         f"{k.moneda}: confirme cuál es y revise el valor con ella.")
            que_hace_la_entidad = (f"Revise el valor con la tasa que fija el contrato para pagar en pesos lo pactado en "
                                   f"{k.moneda}.")
        else:
            que_hacer = (f"Emita la factura con su tasa de cambio a {k.moneda} (PaymentExchangeRate) o en {k.moneda}, o "
                         "confirme con la entidad cómo la convierte.")
            que_hace_la_entidad = (f"Pida al proveedor la factura con su tasa de cambio a {k.moneda} "
                                   f"(PaymentExchangeRate) o en {k.moneda}, o revise el valor con la tasa que fija el "
                                   "contrato.")
        yield Falla("factura.moneda", {"moneda": f.moneda, "moneda_contrato": k.moneda,
                                       "total": dinero(cobrado(f), f.moneda), "que_hacer": que_hacer,
                                       "que_hace_la_entidad": que_hace_la_entidad})


@regla(
    id="MDA-003", severidad="advertencia", titulo="Tasa de cambio de la factura en moneda extranjera",
    mensaje="La factura está en {moneda} y no trae la tasa de cambio a pesos (cac:PaymentExchangeRate).",
    razon="Cuando la moneda del documento no es COP, el anexo pide informar la tasa de cambio a pesos "
          "(PaymentExchangeRate). Advertencia mientras no se confirme en el anexo si la DIAN rechaza sin ella.",
    fuentes=(ANEXO_MONEDA_DETALLE,),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.moneda": "USD", "contrato.moneda": "USD"},
)
def tasa_presente(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if f.moneda != "COP" and f.tasa_cambio is None:
        yield Falla("factura.tasa_cambio", {"moneda": f.moneda})


@regla(
    id="MDA-004", severidad="advertencia", titulo="Moneda de cada valor de la factura",
    mensaje="La factura está en {moneda}, pero trae valores en {otras} (atributo currencyID): este validador suma "
            "todos los valores como si fueran {moneda}. Revise la factura con el proveedor.",
    mensaje_proveedor="La factura está en {moneda}, pero trae valores en {otras} (atributo currencyID): este "
                      "validador suma todos los valores como si fueran {moneda}. Revise en su programa de "
                      "facturación la moneda de cada valor.",
    razon="Cada valor de la factura lleva su moneda en currencyID, que debe ser la del documento "
          "(DocumentCurrencyCode); mezclar monedas hace que los totales no signifiquen nada.",
    fuentes=(ANEXO_MONEDA_DETALLE,),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.monedas_en_valores": ["USD"]},
)
def una_sola_moneda(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    if f.monedas_en_valores:
        yield Falla("factura.monedas_en_valores", {"moneda": f.moneda, "otras": ", ".join(f.monedas_en_valores)})


@regla(
    id="MDA-005", severidad="advertencia", titulo="Sentido de la tasa de cambio",
    mensaje="La tasa de cambio de la factura va de {origen} a {destino} y la factura está en {moneda}: {debe}.",
    razon="PaymentExchangeRate lleva a pesos (TargetCurrencyCode COP) los valores en la moneda del documento "
          "(SourceCurrencyCode igual a DocumentCurrencyCode). Otra combinación es un error del software de facturación.",
    fuentes=(ANEXO_MONEDA_DETALLE,),
    paso=pasos.ANEXAR,
    ejemplo_falla={"factura.tasa_cambio": {"moneda_origen": "EUR", "moneda_destino": "COP", "tasa": "4500"}},
)
def tasa_coherente(c: Contexto) -> Iterator[Falla]:
    f = c.solicitud.factura
    t = f.tasa_cambio
    if t is not None and (t.moneda_origen != f.moneda or t.moneda_destino != "COP"):
        debe = ("en una factura en pesos la tasa no hace falta" if f.moneda == "COP" else
                f"debería ir de {f.moneda} a COP")
        if t.moneda_destino != "COP":
            debe += "; una tasa que no va a pesos no se usa para convertir los valores"
        yield Falla("factura.tasa_cambio", {"origen": t.moneda_origen, "destino": t.moneda_destino, "moneda": f.moneda,
                                            "debe": debe})
