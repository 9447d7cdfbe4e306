"""Reglas de aportes a seguridad social del contratista persona natural (prestación de servicios)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Iterator, Optional

from .. import pasos
from ..formatos import pesos, porcentaje
from ..modelos import Aportes, Contrato
from ..parametros import (
    IBC_MAXIMO_SMMLV,
    IBC_MINIMO_SMMLV,
    IBC_PORCENTAJE_MINIMO,
    TARIFA_ARL,
    TARIFA_PENSION,
    TARIFA_SALUD,
    smmlv,
)
from .base import Contexto, Falla, regla
from .fuentes import DECRETO_1273, POR_CONFIRMAR, RESPUESTA_CCE

# PILA redondea cada aporte al múltiplo de 100 superior: se admite esa diferencia.
_IBC_MINIMO = f"{porcentaje(IBC_PORCENTAJE_MINIMO)} %"
_ROMANOS = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}
_TARIFAS = (f"salud {porcentaje(TARIFA_SALUD)} %, pensión {porcentaje(TARIFA_PENSION)} %, riesgos laborales según la "
            "clase (" + ", ".join(f"{_ROMANOS[c]} {porcentaje(t)} %" for c, t in TARIFA_ARL.items()) + ")")
_REDONDEO_PILA = Decimal("100")


def _aplica(c: Contexto) -> bool:
    k = c.solicitud.contrato
    return k.tipo_persona == "natural" and k.prestacion_servicios


def _aportes(c: Contexto) -> Optional[Aportes]:
    return c.solicitud.pago.aportes if _aplica(c) else None


def valor_mensual(k: Contrato) -> Decimal:
    """El valor mensual del contrato: el dado, o el valor repartido en la duración (meses de 30 días)."""
    if k.valor_mensual is not None:
        return k.valor_mensual
    dias = max((k.fecha_fin - k.fecha_inicio).days + 1, 1)
    return k.valor * 30 / dias if dias >= 30 else k.valor


@regla(
    id="SS-001", severidad="error", titulo="Aportes a seguridad social del periodo",
    mensaje="Falta la planilla de aportes a seguridad social del periodo (salud, pensión y riesgos laborales): "
            "anexe la planilla PILA pagada e indique su periodo e IBC.",
    razon="El contratista persona natural de prestación de servicios acredita sus aportes para cada pago; "
          "la entidad revisa la planilla antes de aprobar.",
    fuente=DECRETO_1273 + "; " + RESPUESTA_CCE,
    paso=pasos.ANEXAR,
    necesita=("contrato", "pago"),
    base="persona-natural",
    ejemplo_falla={"pago.aportes": None},
)
def aportes_presentes(c: Contexto) -> Iterator[Falla]:
    if _aplica(c) and c.solicitud.pago.aportes is None:
        yield Falla("pago.aportes")


def _mes(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


@regla(
    id="SS-002", severidad="error", titulo="El periodo de la planilla cae en el contrato",
    mensaje="La planilla es del periodo {periodo}, fuera de los meses del contrato ({inicio} a {fin}) "
            "o posterior a la factura: anexe la del periodo que cobra.",
    razon="Los aportes que se acreditan deben ser los del periodo de ejecución que se cobra.",
    fuente=DECRETO_1273,
    paso=pasos.ANEXAR,
    necesita=("contrato", "pago"),
    base="persona-natural",
    ejemplo_falla={"pago.aportes.periodo": "2025-12"},
)
def periodo_en_contrato(c: Contexto) -> Iterator[Falla]:
    a = _aportes(c)
    k = c.solicitud.contrato
    if a is None:
        return
    tope = min(_mes(k.fecha_fin), _mes(c.solicitud.factura.fecha_emision))
    if not _mes(k.fecha_inicio) <= a.periodo <= tope:
        yield Falla("pago.aportes.periodo", {"periodo": a.periodo, "inicio": _mes(k.fecha_inicio), "fin": _mes(k.fecha_fin)})


@regla(
    id="SS-003", severidad="error", titulo=f"IBC de al menos el {_IBC_MINIMO} del valor mensual",
    mensaje="El IBC declarado ({ibc}) es menor que el " + _IBC_MINIMO + " del valor mensual del contrato ({minimo}).",
    razon=f"Los contratistas de prestación de servicios cotizan sobre un IBC de al menos el {_IBC_MINIMO} del valor "
          "mensual del contrato, sin IVA.",
    fuente=DECRETO_1273 + " (citado por fuentes secundarias; texto del decreto" + POR_CONFIRMAR + ")",
    paso=pasos.ANEXAR,
    necesita=("contrato", "pago"),
    base="persona-natural",
    ejemplo_falla={"pago.aportes.ibc": "1800000.00", "pago.aportes.salud": "225000.00",
                   "pago.aportes.pension": "288000.00", "pago.aportes.arl": "9400.00"},
)
def ibc_40(c: Contexto) -> Iterator[Falla]:
    a = _aportes(c)
    if a is None:
        return
    minimo = valor_mensual(c.solicitud.contrato) * IBC_PORCENTAJE_MINIMO / 100
    if minimo - a.ibc > Decimal("1"):
        yield Falla("pago.aportes.ibc", {"ibc": pesos(a.ibc), "minimo": pesos(minimo)})


@regla(
    id="SS-004", severidad="advertencia", titulo="IBC entre 1 y 25 SMMLV",
    mensaje="El IBC ({ibc}) está fuera del rango de 1 a 25 SMMLV de {anio} ({minimo} a {maximo}).",
    razon="El IBC no puede ser menor a un salario mínimo ni mayor a 25. Límites y valor del SMMLV por "
          "confirmar contra el texto de las normas: por eso solo advierte.",
    fuente=DECRETO_1273 + POR_CONFIRMAR + "; SMMLV según checker/parametros.py" + POR_CONFIRMAR,
    paso=pasos.ANEXAR,
    necesita=("contrato", "pago"),
    base="persona-natural",
    ejemplo_falla={"contrato.valor_mensual": "3000000.00", "pago.aportes.ibc": "1200000.00",
                   "pago.aportes.salud": "150000.00", "pago.aportes.pension": "192000.00", "pago.aportes.arl": "6300.00"},
)
def ibc_en_rango(c: Contexto) -> Iterator[Falla]:
    a = _aportes(c)
    if a is None:
        return
    parametro = smmlv(int(a.periodo[:4]))
    if parametro is None:
        return
    minimo, maximo = parametro.valor * IBC_MINIMO_SMMLV, parametro.valor * IBC_MAXIMO_SMMLV
    if not minimo <= a.ibc <= maximo:
        yield Falla("pago.aportes.ibc", {"ibc": pesos(a.ibc), "anio": parametro.anio, "minimo": pesos(minimo),
                                         "maximo": pesos(maximo)})


@regla(
    id="SS-005", severidad="advertencia", titulo="Aportes según las tarifas sobre el IBC",
    mensaje="El aporte a {rubro} ({dado}) es menor que el {tarifa} % del IBC ({esperado}).",
    razon=f"Tarifas habituales de independientes: {_TARIFAS}. Tarifas por confirmar en la norma: por eso "
          "solo advierte.",
    fuente="Tarifas de aportes de independientes" + POR_CONFIRMAR,
    paso=pasos.ANEXAR,
    necesita=("contrato", "pago"),
    base="persona-natural",
    ejemplo_falla={"pago.aportes.pension": "200000.00"},
)
def aportes_segun_tarifa(c: Contexto) -> Iterator[Falla]:
    a = _aportes(c)
    if a is None:
        return
    clase = c.solicitud.contrato.clase_riesgo_arl
    rubros = [("salud", "salud", a.salud, TARIFA_SALUD), ("pensión", "pension", a.pension, TARIFA_PENSION)]
    if clase is not None and clase <= 3:  # clases IV y V las paga el contratante (HECHOS §2, por confirmar)
        rubros.append(("riesgos laborales", "arl", a.arl, TARIFA_ARL[clase]))
    for nombre, campo, dado, tarifa in rubros:
        if dado is None:
            continue
        esperado = a.ibc * tarifa / 100
        if esperado - dado >= _REDONDEO_PILA:
            yield Falla(f"pago.aportes.{campo}", {"rubro": nombre, "dado": pesos(dado), "tarifa": tarifa,
                                                  "esperado": pesos(esperado)})
