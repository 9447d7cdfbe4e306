"""Reglas de aportes a seguridad social del contratista persona natural (prestación de servicios)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal
from typing import Iterator, Optional

from .. import pasos
from ..formatos import pesos, porcentaje
from ..modelos import Aportes, Contrato, Solicitud
from ..parametros import (
    CLASE_ARL_MAXIMA_DEL_CONTRATISTA,
    FSP_DESDE_SMMLV,
    IBC_MAXIMO_SMMLV,
    IBC_MINIMO_SMMLV,
    IBC_PORCENTAJE_MINIMO,
    TARIFA_ARL,
    TARIFA_FSP,
    TARIFA_PENSION,
    TARIFA_SALUD,
    smmlv,
)
from .base import Contexto, Falla, regla
from .citas import (
    CCE_SOPORTES,
    DECRETO_1072_ARL,
    DECRETO_1072_UN_MES,
    DECRETO_1273,
    DECRETO_1273_DIAS,
    DECRETO_1273_LIMITES,
    LEY_100_FSP,
    LEY_100_TARIFAS,
    LEY_1150_23,
    LEY_789_50,
    SMMLV_2025,
    SMMLV_2026,
)
from .consultas import impuesto

_IBC_MINIMO = f"{porcentaje(IBC_PORCENTAJE_MINIMO)} %"
_ROMANOS = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}
_TARIFAS = (f"salud {porcentaje(TARIFA_SALUD)} %, pensión {porcentaje(TARIFA_PENSION)} %, riesgos laborales según la "
            "clase (" + ", ".join(f"{_ROMANOS[c]} {porcentaje(t)} %" for c, t in TARIFA_ARL.items()) + ")")
# La planilla redondea cada aporte a un múltiplo de 100 (hacia arriba, según fuentes secundarias: por confirmar); como
# ni eso ni la dirección están confirmados, una diferencia de menos de $ 100 no se advierte (SS-005, SS-006).
_REDONDEO_PILA = Decimal("100")


def _aplica(c: Contexto) -> bool:
    k = c.solicitud.contrato
    return k.tipo_persona == "natural" and k.prestacion_servicios


def _aportes(c: Contexto) -> Optional[Aportes]:
    return c.solicitud.pago.aportes if _aplica(c) else None


def _fin_tras_meses(inicio: date, meses: int) -> Optional[date]:
    """El último día de `meses` meses calendario contados desde `inicio`: la víspera del mismo día `meses` meses después
    o, si ese mes no tiene ese día (del 31 de enero, un mes termina el 28 de febrero), su último día. None si pasa del
    año 9999 (una fecha de fin puesta para no decir ninguna)."""
    if meses == 0:
        return inicio - timedelta(days=1)
    anio, mes = divmod(inicio.month - 1 + meses, 12)
    anio, mes = inicio.year + anio, mes + 1
    if anio > date.max.year:
        return None
    ultimo = calendar.monthrange(anio, mes)[1]
    return date(anio, mes, inicio.day) - timedelta(days=1) if inicio.day <= ultimo else date(anio, mes, ultimo)


def meses_del_plazo(k: Contrato) -> Decimal:
    """La duración en meses calendario (del 1 de febrero al 31 de marzo son 2, aunque sumen 59 días; del 31 de enero al
    28 de febrero, 1) y, lo que sobra, en días de un mes de 30."""
    i, f = k.fecha_inicio, k.fecha_fin
    meses = max((f.year - i.year) * 12 + f.month - i.month + 1, 0)
    while meses > 0 and ((fin := _fin_tras_meses(i, meses)) is None or fin > f):
        meses -= 1
    sobra = (f - _fin_tras_meses(i, meses)).days  # type: ignore[operator]  # con `meses` que caben, nunca None
    return meses + Decimal(max(sobra, 0)) / 30


def valor_mensual(k: Contrato) -> Decimal:
    """El valor mensual del contrato: el dado, o el valor repartido en la duración en meses calendario."""
    if k.valor_mensual is not None:
        return k.valor_mensual
    meses = meses_del_plazo(k)
    return k.valor / meses if meses >= 1 else k.valor


def valor_mensual_sin_iva(s: Solicitud) -> Optional[Decimal]:
    """La base del 40 %, en pesos (como el IBC): el valor mensual sin IVA. El «valor mensual» dado ya es sin IVA; el
    calculado con el valor del contrato se limpia del IVA con la proporción de IVA de la factura (01 sobre el valor
    neto). Un contrato en otra moneda se lleva a pesos con la tasa de la factura en esa moneda; sin ella, None (no se
    compara un valor en dólares con un IBC en pesos)."""
    mensual = valor_mensual(s.contrato)
    iva, neto = impuesto(s.factura, "01"), s.factura.valor_bruto
    if s.contrato.valor_mensual is None and iva > 0 and neto > 0:
        mensual = mensual * neto / (neto + iva)
    if s.contrato.moneda == "COP":
        return mensual
    t = s.factura.tasa_cambio
    if s.factura.moneda == s.contrato.moneda and t is not None and t.moneda_origen == s.contrato.moneda and t.moneda_destino == "COP":
        return mensual * t.tasa
    return None


def dura_mas_de_un_mes(k: Contrato) -> bool:
    """Si el plazo pasa de un mes calendario: del 1 al 31 de marzo es un mes, y del 31 de enero al 28 de febrero
    también; del 1 de marzo al 1 de abril, más."""
    fin_de_un_mes = _fin_tras_meses(k.fecha_inicio, 1)
    return fin_de_un_mes is not None and k.fecha_fin > fin_de_un_mes


def dias_del_periodo(k: Contrato, periodo: str) -> int:
    """Los días del contrato en el mes cotizado (AAAA-MM): 30 en un mes entero; en el mes en que empieza o termina a
    mitad de mes, los que cubre, contados en meses de 30 como la PILA o en días del calendario, los que sean menos
    (del 16 al 31 de marzo, 15; del 15 al 28 de febrero, 14): así el mínimo proporcional nunca pide de más."""
    tramo = _en_el_mes(k, periodo)
    if tramo is None:
        return 30  # el periodo cae fuera del contrato (p. ej. «0000-06»): lo dice SS-002
    desde, hasta = tramo
    ultimo = calendar.monthrange(hasta.year, hasta.month)[1]
    if desde.day == 1 and hasta.day == ultimo:
        return 30
    de_30 = (30 if hasta.day == ultimo else min(hasta.day, 30)) - min(desde.day, 30) + 1
    return max(min(de_30, (hasta - desde).days + 1), 1)


def _en_el_mes(k: Contrato, periodo: str) -> Optional[tuple[date, date]]:
    """El primer y el último día del contrato en el mes AAAA-MM, o None si el contrato no lo toca."""
    anio, mes = int(periodo[:4]), int(periodo[5:7])
    if not (k.fecha_inicio.year, k.fecha_inicio.month) <= (anio, mes) <= (k.fecha_fin.year, k.fecha_fin.month):
        return None  # también un periodo imposible («0000-06»), que no es una fecha
    return max(date(anio, mes, 1), k.fecha_inicio), min(date(anio, mes, calendar.monthrange(anio, mes)[1]), k.fecha_fin)


def _por_dias(dias: int, periodo: str, antes: str = ", ") -> str:
    return "" if dias >= 30 else f"{antes}por los {dias} días del contrato en {periodo}"


def _paga_arl(c: Contexto) -> bool:
    """El contratista paga riesgos laborales: contrato de más de un mes y clase I a III (o sin clase dada)."""
    clase = c.solicitud.contrato.clase_riesgo_arl
    return dura_mas_de_un_mes(c.solicitud.contrato) and (clase is None or clase <= CLASE_ARL_MAXIMA_DEL_CONTRATISTA)


@regla(
    id="SS-001", severidad="advertencia", titulo="Aportes a seguridad social del periodo",
    mensaje="Falta la planilla de aportes a seguridad social del periodo (salud, pensión y riesgos laborales): "
            "pídale al proveedor la planilla PILA pagada, con su periodo e IBC.",
    mensaje_proveedor="Falta la planilla de aportes a seguridad social del periodo (salud, pensión y riesgos "
                      "laborales): anexe la planilla PILA pagada e indique su periodo e IBC.",
    razon="El contratista persona natural de prestación de servicios acredita sus aportes para cada pago (Ley 1150 "
          "de 2007, por confirmar) y la entidad revisa la planilla antes de aprobar. Mientras la norma esté por "
          "confirmar solo advierte; una entidad que la exige en su perfil (soporte «planilla_pila», SOP-001) la "
          "vuelve error.",
    fuentes=(LEY_1150_23, DECRETO_1273, CCE_SOPORTES),
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


def _mes_mas(d: date, meses: int) -> str:
    """El mes AAAA-MM `meses` meses después del de `d` (antes, si es negativo). Como texto, sin pasar por `date`: del
    año 9999 o del 1 no hay fecha que lo represente, y el periodo solo se compara."""
    anio, mes = divmod(d.year * 12 + d.month - 1 + meses, 12)
    return f"{anio:04d}-{mes + 1:02d}"


def _cobra_el_primer_mes(s: Solicitud) -> bool:
    """¿La factura es la del primer mes del contrato? Emitida en ese mes o en el siguiente, sin nada facturado antes
    en el contrato (lo facturado a la fecha en cero)."""
    k = s.contrato
    emision = _mes(s.factura.fecha_emision)
    return emision in (_mes(k.fecha_inicio), _mes_mas(k.fecha_inicio, 1)) and k.facturado_a_la_fecha == 0


@regla(
    id="SS-002", severidad="advertencia", titulo="Periodo de la planilla y plazo del contrato",
    mensaje="La planilla es del periodo {periodo}, {donde}: {a_la_entidad}",
    mensaje_proveedor="La planilla es del periodo {periodo}, {donde}: {al_proveedor}",
    razon="Los aportes que se acreditan son los del periodo de ejecución que se cobra, pagados mes vencido. La "
          "norma está por confirmar y el periodo exacto que pide cada entidad varía: solo advierte. Al cobrar el primer "
          "mes, su planilla puede no estar pagada aún (mes vencido: se paga el mes siguiente); si la que se trae es la "
          "del mes anterior al contrato, pedir «la del periodo que cobra» puede ser pedir lo imposible: el mensaje "
          "dice que se acuerde con la entidad qué soporte recibe para ese primer pago (por confirmar).",
    fuentes=(DECRETO_1273, LEY_1150_23),
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
    inicio, fin, factura = _mes(k.fecha_inicio), _mes(k.fecha_fin), _mes(c.solicitud.factura.fecha_emision)
    a_la_entidad, al_proveedor = "pídale al proveedor la del periodo que cobra.", "anexe la del periodo que cobra."
    if a.periodo == _mes_mas(k.fecha_inicio, -1) and _cobra_el_primer_mes(c.solicitud):
        # Mes vencido (HECHOS §2): los aportes del primer mes se pagan el mes siguiente; al cobrar ese mes, su
        # planilla puede no existir aún. Qué soporte recibe la entidad para el primer pago no lo dice ninguna fuente.
        pago = _mes_mas(k.fecha_inicio, 1)
        donde = (f"el mes anterior al inicio del contrato ({inicio}), y esta es la primera factura, la del primer mes, "
                 f"cuyos aportes se pagan mes vencido, en {pago}")
        a_la_entidad = ("indique al proveedor qué soporte de aportes recibe para el primer pago (la planilla de "
                        f"{inicio} cuando la pague, u otro que su procedimiento acepte; por confirmar).")
        al_proveedor = ("pregunte a la entidad qué soporte de aportes recibe para el primer pago (la planilla de "
                        f"{inicio} cuando la pague, u otro; por confirmar).")
    elif not inicio <= a.periodo <= fin:
        donde = f"fuera de los meses del contrato ({inicio} a {fin})"
    elif a.periodo > factura:
        donde = f"posterior al mes de la factura ({factura})"
    else:
        return
    yield Falla("pago.aportes.periodo", {"periodo": a.periodo, "donde": donde, "a_la_entidad": a_la_entidad,
                                         "al_proveedor": al_proveedor})


@regla(
    id="SS-003", severidad="advertencia", titulo=f"IBC de al menos el {_IBC_MINIMO} del valor mensual sin IVA",
    mensaje="El IBC declarado ({ibc}) es menor que el " + _IBC_MINIMO + " del valor mensual del contrato sin IVA "
            "({minimo}{por_dias}).",
    razon=f"Las personas naturales con contrato de prestación de servicios cotizan sobre un IBC de al menos el "
          f"{_IBC_MINIMO} del valor mensual de cada contrato, sin IVA. Si no se da el valor mensual, se reparte el "
          "valor del contrato en los meses calendario de su plazo (lo que sobra, en días de un mes de 30) y se le "
          "quita el IVA en la proporción de la factura. Por encima del tope de "
          "25 SMMLV (SS-004) se pide el tope. En el mes en que el contrato empieza o termina a mitad de mes, "
          "el mínimo es la proporción de los días que cubre (por confirmar). El decreto se citó "
          "de fuentes secundarias (por confirmar): por eso solo advierte.",
    fuentes=(DECRETO_1273, DECRETO_1273_DIAS),
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
    k = c.solicitud.contrato
    base = valor_mensual_sin_iva(c.solicitud)
    if base is None:
        return
    minimo = base * IBC_PORCENTAJE_MINIMO / 100
    # El IBC no pasa de 25 SMMLV (SS-004): por encima de ese tope no se le pide el 40 %.
    parametro = smmlv(int(a.periodo[:4]))
    if parametro is not None:
        minimo = min(minimo, parametro.valor * IBC_MAXIMO_SMMLV)
    if k.valor_mensual is not None or meses_del_plazo(k) >= 1:
        dias = dias_del_periodo(k, a.periodo)
        minimo = minimo * dias / 30
    else:
        # Un contrato de menos de un mes sin valor mensual dado tiene por «valor mensual» el de sus días; si cruza dos
        # meses, a cada planilla le toca la parte de los días que cae en su mes (antes se pedía el 40 % del contrato
        # entero en cada una).
        dias, total = _dias_en_el_mes(k, a.periodo), (k.fecha_fin - k.fecha_inicio).days + 1
        minimo = minimo * dias / total
        dias = dias if dias < total else 30
    if minimo - a.ibc > Decimal("1"):
        yield Falla("pago.aportes.ibc", {"ibc": pesos(a.ibc), "minimo": pesos(minimo),
                                         "por_dias": _por_dias(dias, a.periodo)})


def _dias_en_el_mes(k: Contrato, periodo: str) -> int:
    """Los días del calendario del contrato que caen en el mes AAAA-MM (todos, si el mes está fuera del contrato:
    lo dice SS-002)."""
    desde, hasta = _en_el_mes(k, periodo) or (k.fecha_inicio, k.fecha_fin)
    return (hasta - desde).days + 1


@regla(
    id="SS-004", severidad="advertencia", titulo="IBC entre 1 y 25 SMMLV",
    mensaje="El IBC ({ibc}) está fuera del rango de 1 a 25 SMMLV de {anio} ({minimo} a {maximo}{por_dias}).",
    razon="El IBC no puede ser menor a un salario mínimo ni mayor a 25. En el mes en que el contrato empieza o "
          "termina a mitad de mes, el mínimo es la proporción del salario mínimo por los días que cubre. Límites, "
          "proporción y valor del SMMLV por confirmar contra el texto de las normas: por eso solo advierte.",
    fuentes=(DECRETO_1273_LIMITES, DECRETO_1273_DIAS, SMMLV_2025, SMMLV_2026),
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
    dias = dias_del_periodo(c.solicitud.contrato, a.periodo)
    # El mínimo es proporcional a los días; el tope se deja entero: una advertencia no pide de menos por una
    # proporción por confirmar.
    minimo, maximo = parametro.valor * IBC_MINIMO_SMMLV * dias / 30, parametro.valor * IBC_MAXIMO_SMMLV
    if not minimo <= a.ibc <= maximo:
        yield Falla("pago.aportes.ibc", {"ibc": pesos(a.ibc), "anio": parametro.anio, "minimo": pesos(minimo),
                                         "maximo": pesos(maximo),
                                         "por_dias": _por_dias(dias, a.periodo, antes="; el mínimo, ")})


@regla(
    id="SS-005", severidad="advertencia", titulo="Aportes según las tarifas sobre el IBC",
    mensaje="El aporte a {rubro} ({dado}) es menor que el {tarifa} % del IBC ({esperado}).",
    razon=f"Tarifas habituales de independientes: {_TARIFAS}. Riesgos laborales solo si el contrato dura más de un "
          "mes y es de clase I a III (IV y V las paga el contratante). Tarifas por confirmar en la norma: por eso "
          "solo advierte. Una diferencia de menos de $ 100 no se advierte: la planilla redondea cada aporte a un "
          "múltiplo de 100 (por confirmar).",
    fuentes=(LEY_100_TARIFAS, DECRETO_1072_ARL, DECRETO_1072_UN_MES),
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
    if clase is not None and _paga_arl(c):
        rubros.append(("riesgos laborales", "arl", a.arl, TARIFA_ARL[clase]))
    for nombre, campo, dado, tarifa in rubros:
        if dado is None:
            continue
        esperado = a.ibc * tarifa / 100
        if esperado - dado >= _REDONDEO_PILA:
            yield Falla(f"pago.aportes.{campo}", {"rubro": nombre, "dado": pesos(dado), "tarifa": porcentaje(tarifa),
                                                  "esperado": pesos(esperado)})


@regla(
    id="SS-006", severidad="advertencia", titulo="Fondo de Solidaridad Pensional desde 4 SMMLV",
    mensaje="Con un IBC de {ibc} (4 SMMLV de {anio} o más), pensión y Fondo de Solidaridad Pensional suman al menos "
            "el {tarifa} % del IBC ({esperado}); la planilla declara {dado}.",
    razon="Desde un IBC de 4 SMMLV se aporta un 1 % adicional al Fondo de Solidaridad Pensional (más por encima de "
          "16 SMMLV; la regla revisa solo el 1 %). La norma y el SMMLV están por confirmar: por eso solo advierte.",
    fuentes=(LEY_100_FSP, SMMLV_2025, SMMLV_2026),
    paso=pasos.ANEXAR,
    base="persona-natural",
    necesita=("contrato", "pago"),
    ejemplo_falla={"contrato.valor_mensual": "20000000.00", "pago.aportes.ibc": "8000000.00",
                   "pago.aportes.salud": "1000000.00", "pago.aportes.pension": "1280000.00",
                   "pago.aportes.arl": "41800.00"},
    ejemplo_pasa={"contrato.valor_mensual": "20000000.00", "pago.aportes.ibc": "8000000.00",
                  "pago.aportes.salud": "1000000.00", "pago.aportes.pension": "1280000.00",
                  "pago.aportes.arl": "41800.00", "pago.aportes.fondo_solidaridad": "80000.00"},
)
def fondo_de_solidaridad(c: Contexto) -> Iterator[Falla]:
    a = _aportes(c)
    if a is None or a.pension is None:
        return
    parametro = smmlv(int(a.periodo[:4]))
    if parametro is None or a.ibc < parametro.valor * FSP_DESDE_SMMLV:
        return
    tarifa = TARIFA_PENSION + TARIFA_FSP
    esperado = a.ibc * tarifa / 100
    dado = a.pension + (a.fondo_solidaridad or Decimal(0))
    if esperado - dado >= _REDONDEO_PILA:
        yield Falla("pago.aportes.fondo_solidaridad", {"ibc": pesos(a.ibc), "anio": parametro.anio,
                                                       "tarifa": porcentaje(tarifa), "esperado": pesos(esperado),
                                                       "dado": pesos(dado)})


@regla(
    id="SS-007", severidad="advertencia", titulo="Riesgos laborales en contratos de más de un mes",
    mensaje="El contrato dura más de un mes y la planilla no trae aporte a riesgos laborales (ARL): pídale al "
            "proveedor la planilla que lo incluya, salvo que el contrato sea de riesgo IV o V (entonces lo paga la "
            "entidad, según fuentes por confirmar).",
    mensaje_proveedor="El contrato dura más de un mes y la planilla no trae aporte a riesgos laborales (ARL): "
                      "inclúyalo, salvo que el contrato sea de riesgo IV o V (lo paga la entidad, según fuentes por "
                      "confirmar).",
    razon="Los contratistas de prestación de servicios de más de un mes se afilian a riesgos laborales; los de "
          "clase I a III pagan el aporte y los de IV y V los paga el contratante. Un contrato de un mes o menos no "
          "lo exige. Norma por confirmar: por eso solo advierte.",
    fuentes=(DECRETO_1072_UN_MES, DECRETO_1072_ARL),
    paso=pasos.ANEXAR,
    base="persona-natural",
    necesita=("contrato", "pago"),
    ejemplo_falla={"pago.aportes.arl": None},
    ejemplo_pasa={"pago.aportes.arl": None, "contrato.fecha_inicio": "2026-06-15", "contrato.fecha_fin": "2026-07-14",
                  "pago.aportes.periodo": "2026-06"},
)
def arl_en_contratos_de_mas_de_un_mes(c: Contexto) -> Iterator[Falla]:
    a = _aportes(c)
    # Un aporte declarado pero menor que la tarifa lo revisa SS-005; esta regla, el que no se declaró.
    if a is not None and _paga_arl(c) and a.arl is None:
        yield Falla("pago.aportes.arl")


@regla(
    id="SS-008", severidad="informacion", titulo="Alcance de las reglas de aportes",
    mensaje="El contrato no está marcado como de prestación de servicios: las reglas de aportes a seguridad social "
            "(IBC del {minimo} del valor mensual sin IVA) no se revisan. Si lo es, márquelo.",
    razon="La regla del IBC del 40 % es para personas naturales con contrato de prestación de servicios y se "
          "calcula sobre el valor mensual sin IVA; a otros contratos de personas naturales no se les aplica.",
    fuentes=(DECRETO_1273,),
    paso=pasos.ANEXAR,
    base="persona-natural",
    necesita=("contrato",),
    ejemplo_falla={"contrato.prestacion_servicios": False},
)
def alcance_de_aportes(c: Contexto) -> Iterator[Falla]:
    k = c.solicitud.contrato
    if k.tipo_persona == "natural" and not k.prestacion_servicios:
        yield Falla("contrato.prestacion_servicios", {"minimo": _IBC_MINIMO})


@regla(
    id="SS-010", severidad="informacion", titulo="SMMLV del año de la planilla",
    mensaje="El validador no tiene el SMMLV de {anio} (se fija por decreto cada fin de año): no revisó el IBC entre 1 "
            "y 25 SMMLV (SS-004), el tope de 25 SMMLV del 40 % (SS-003) ni el Fondo de Solidaridad Pensional (SS-006) "
            "de la planilla del periodo {periodo}. Revíselos con el SMMLV vigente.",
    razon="El SMMLV cambia cada año y el validador lo toma de una tabla con su decreto, sin suponer el de un año que "
          "aún no tiene: donde el valor del año no está confirmado, el informe lo dice. Sin él, esas revisiones no "
          "corren: el informe no puede decir que están bien.",
    fuentes=(SMMLV_2025, SMMLV_2026),
    paso=pasos.ANEXAR,
    necesita=("contrato", "pago"),
    base="persona-natural",
    ejemplo_falla={"contrato.fecha_inicio": "2024-12-01", "pago.aportes.periodo": "2024-12"},
)
def smmlv_del_periodo(c: Contexto) -> Iterator[Falla]:
    a = _aportes(c)
    if a is not None and smmlv(int(a.periodo[:4])) is None:
        yield Falla("pago.aportes.periodo", {"anio": a.periodo[:4], "periodo": a.periodo})


CERTIFICADO_APORTES = "certificado_aportes"  # id del soporte en «Soportes anexos»


@regla(
    id="SS-009", severidad="advertencia", titulo="Certificación de aportes de la persona jurídica",
    mensaje="Una persona jurídica acredita sus aportes (salud, pensión, riesgos laborales y parafiscales de sus "
            "empleados) con una certificación del revisor fiscal o del representante legal{trae}.",
    mensaje_proveedor="Una persona jurídica acredita sus aportes (salud, pensión, riesgos laborales y parafiscales de "
                      "sus empleados) con una certificación del revisor fiscal o del representante legal: anéxela a la "
                      "solicitud en SECOP II (en este validador, agregue «" + CERTIFICADO_APORTES + "» a «Soportes "
                      "anexos»).",
    razon="Para cada pago el contratista acredita que está al día con sus aportes; la persona jurídica lo hace con "
          "una certificación. Normas por confirmar, y la forma la define cada entidad: por eso solo advierte.",
    fuentes=(LEY_789_50, LEY_1150_23, CCE_SOPORTES),
    paso=pasos.SOPORTES,
    necesita=("contrato", "pago"),
    ejemplo_falla={"pago.soportes": ["factura_xml", "informe_supervision"]},
)
def certificado_de_aportes(c: Contexto) -> Iterator[Falla]:
    s = c.solicitud
    if s.contrato.tipo_persona == "juridica" and CERTIFICADO_APORTES not in s.pago.soportes:
        # Sin la lista de soportes (se revisó el XML con los datos abiertos), no se sabe si la trae: no se dice que falta.
        dados = "soportes" in s.pago.model_fields_set
        trae = (", y la solicitud no la trae entre sus soportes: pídasela al proveedor" if dados else
                ": revise que la solicitud la traiga entre sus anexos (aquí no se dieron los soportes)")
        yield Falla("pago.soportes", {"trae": trae})
