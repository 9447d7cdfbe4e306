"""Las funciones públicas `validar` (solicitud completa) y `validar_factura` (la factura sola)."""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping, Optional, Union

from pydantic import ValidationError

from .errores import EntradaNoValida, EtapaNoValida, traducir
from .informe import ErrorDeEntrada, Informe
from .modelos import Factura, Solicitud
from .perfil import Perfil
from .reglas import CATALOGO, ETAPAS, evaluar
from .xml_dian import leer_xml


def validar(solicitud: Union[Solicitud, Mapping[str, Any]], *,
            perfil: Union[Perfil, Mapping[str, Any], None] = None, hoy: Optional[date] = None,
            etapa: str = "proveedor") -> Informe:
    """Revisa la solicitud contra el catálogo con la severidad de la `etapa` («proveedor», antes de enviar, o
    «entidad», antes de aprobar). Lanza `EntradaNoValida` si faltan datos o no tienen la forma pedida, y
    `EtapaNoValida` si la etapa no existe."""
    if etapa not in ETAPAS:
        raise EtapaNoValida(etapa)
    try:
        modelo = solicitud if isinstance(solicitud, Solicitud) else Solicitud.model_validate(solicitud)
    except ValidationError as exc:
        raise EntradaNoValida(traducir(exc)) from None
    return evaluar(modelo, perfil=_perfil(perfil), hoy=hoy, etapa=etapa)


def validar_factura(factura: Union[Factura, Mapping[str, Any], bytes, bytearray, str], *,
                    perfil: Union[Perfil, Mapping[str, Any], None] = None, hoy: Optional[date] = None,
                    etapa: str = "proveedor") -> Informe:
    """Revisa la factura sola (sin contrato ni datos de la solicitud): corren las reglas que solo necesitan la
    factura y el informe lista los grupos que no pudieron correr y qué dato los habilitaría.

    `factura` es el XML de la DIAN (bytes o texto), un `Factura` o un dict con sus campos. Lanza
    `EntradaNoLegible` / `EntradaNoValida` si no se puede leer; `EtapaNoValida` si la etapa no existe.
    """
    if etapa not in ETAPAS:
        raise EtapaNoValida(etapa)
    if isinstance(factura, (bytes, bytearray, str)):
        modelo = leer_xml(factura)
    else:
        try:
            modelo = factura if isinstance(factura, Factura) else Factura.model_validate(factura)
        except ValidationError as exc:
            raise EntradaNoValida(traducir(exc)) from None
    # Solicitud sin contrato ni pago: las reglas que los leen declaran `necesita` y no corren en este modo.
    solicitud = Solicitud.model_construct(contrato=None, factura=modelo, pago=None)
    return evaluar(solicitud, perfil=_perfil(perfil), hoy=hoy, etapa=etapa, modo="solo_factura")


DEL_PERFIL = "El perfil de la entidad"


def _perfil(perfil: Union[Perfil, Mapping[str, Any], None]) -> Optional[Perfil]:
    try:
        modelo = perfil if perfil is None or isinstance(perfil, Perfil) else Perfil.model_validate(perfil)
    except ValidationError as exc:
        # Los datos que faltan son del perfil de la entidad, no de la solicitud: «perfil.entidad».
        raise EntradaNoValida([e.model_copy(update={"campo": f"perfil.{e.campo}"}) for e in traducir(exc)],
                              de=DEL_PERFIL) from None
    _reglas_existen(modelo)
    return modelo


def _reglas_existen(perfil: Optional[Perfil]) -> None:
    """Un perfil que ajusta una regla que no existe es un error de la entidad, no algo que se ignora."""
    desconocidas = sorted(set(perfil.reglas) - set(CATALOGO)) if perfil else []
    if desconocidas:
        raise EntradaNoValida([ErrorDeEntrada(campo="perfil.reglas", mensaje="reglas desconocidas: " + ", ".join(desconocidas))],
                              de=DEL_PERFIL)
