"""El catálogo de reglas y su evaluación sobre una solicitud (o sobre la factura sola)."""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Literal, Optional

from .. import pasos
from ..errores import EtapaNoValida
from ..formatos import es_masculino
from ..informe import GrupoSinRevisar, Hallazgo, Informe, Revisado, informe_de
from ..modelos import Factura, RespuestaDian, Solicitud
from ..perfil import Perfil
from . import aprobacion, dian, fechas, identidad, moneda, montos, respuesta, seguridad_social, soportes  # noqa: F401  (inscriben reglas)
from .base import CATALOGO, ETAPAS, Contexto, Etapa, Falla, Regla

__all__ = ["CATALOGO", "ETAPAS", "Etapa", "Regla", "como_datos", "evaluar"]

Modo = Literal["completo", "solo_factura"]

# Título de cada grupo de reglas (prefijo del id), para decir en el informe qué quedó sin revisar.
GRUPOS: dict[str, str] = {
    "FAC": "Forma de la factura electrónica",
    "NIT": "Partes de la factura frente al contrato",
    "MON": "Valores frente al plan de pagos, el contrato, el registro presupuestal y el anticipo",
    "MDA": "Moneda de la factura frente a la del contrato",
    "DIAN": "Respuesta de validación de la DIAN",
    "FEC": "Fechas frente al plazo del contrato",
    "APR": "Datos que SECOP II pide para aprobar",
    "PAG": "Plan de pagos del contrato",
    "SS": "Aportes a seguridad social del contratista",
    "SOP": "Soportes que exige la entidad",
}
FALTA: dict[str, str] = {
    "contrato": "el contrato (número, entidad, contratista, valor, fechas y plan de pagos)",
    "pago": "los datos de la solicitud en SECOP II (ID de pago, radicación, fecha de recepción, entrega y RP)",
    "clave_tecnica": "la clave técnica de la numeración autorizada (no viaja en el XML: la da la DIAN con la "
                     "autorización del rango, y está en el portal de facturación del proveedor)",
}
# Cuándo falta cada dato de `necesita`: el contrato y el pago, en el modo «solo_factura»; la clave técnica, cuando la
# factura tiene un CUFE que sin ella no se puede recalcular.
_FALTA_EL_DATO: dict[str, Callable[[Solicitud, str], bool]] = {
    "contrato": lambda _s, modo: modo == "solo_factura",
    "pago": lambda _s, modo: modo == "solo_factura",
    "clave_tecnica": lambda s, _modo: dian.cufe_sin_comprobar(s.factura),
}
# Cada texto dice el documento que se cargó: «la factura», «la nota crédito», «el documento soporte»… ({doc}, con su
# pronombre {lo}, {solo} y {codigo}, el CUFE, CUDE o CUDS que se consulta en el catálogo de la DIAN).
_AUSENTE = ("El archivo no trae la respuesta de validación de la DIAN (ApplicationResponse). Es lo normal si "
            "se cargó el XML de {doc} {solo} o se escribieron sus datos a mano: no dice que la DIAN {lo} haya "
            "rechazado, pero tampoco que {lo} haya validado. El comprador recibe el AttachedDocument, que sí la "
            "trae; si su programa de facturación guarda aparte la respuesta de la DIAN (un XML ApplicationResponse), "
            "cárguela junto con {doc}; o consulte el {codigo} en catalogo-vpfe.dian.gov.co.")

# La entidad es el comprador: el AttachedDocument le llega a ella (HECHOS §3), no tiene un programa de facturación.
_AUSENTE_A_LA_ENTIDAD = (
    "El archivo no trae la respuesta de validación de la DIAN (ApplicationResponse): no dice que la DIAN haya "
    "rechazado {doc}, pero tampoco que {lo} haya validado. Como comprador, la entidad recibe el AttachedDocument, "
    "que sí la trae: cárguelo en lugar de {doc} {solo}, o consulte el {codigo} en catalogo-vpfe.dian.gov.co.")
_AUSENTE_DEL_CONTENEDOR_A_LA_ENTIDAD = (
    "El AttachedDocument que se cargó no trae la respuesta de validación de la DIAN (ApplicationResponse), que el "
    "contenedor lleva en cac:ParentDocumentLineReference: no dice que la DIAN haya rechazado {doc}, pero "
    "tampoco que {lo} haya validado. Cargue el que recibió la entidad, pida al proveedor el completo, o "
    "consulte el {codigo} en catalogo-vpfe.dian.gov.co.")

# Quien cargó el AttachedDocument no cargó «la factura sola»: el contenedor que recibe el comprador trae la respuesta
# en cac:ParentDocumentLineReference (HECHOS §6), y este no.
_AUSENTE_DEL_CONTENEDOR = (
    "El AttachedDocument que se cargó no trae la respuesta de validación de la DIAN (ApplicationResponse), que el "
    "contenedor lleva en cac:ParentDocumentLineReference: no dice que la DIAN haya rechazado {doc}, pero "
    "tampoco que {lo} haya validado. Pida a su programa de facturación el AttachedDocument completo o la respuesta de "
    "la DIAN aparte (un XML ApplicationResponse) y cárguela junto con {doc}; o consulte el {codigo} en "
    "catalogo-vpfe.dian.gov.co.")


def _ausente(texto: str, f: Factura) -> str:
    """El texto de la respuesta que falta, dicho del documento cargado (antes decía «la factura» también de una nota)."""
    masculino = es_masculino(f.nombre)
    esquema = (f.cufe_esquema or "").split("-")[0]
    codigo = esquema if esquema in ("CUFE", "CUDE", "CUDS") else "CUDE" if f.tipo.startswith("nota") else "CUFE"
    dicho = texto.format(doc=("el " if masculino else "la ") + f.nombre, lo="lo" if masculino else "la",
                         solo="solo" if masculino else "sola", codigo=codigo)
    return dicho.replace(" de el ", " del ")


def evaluar(solicitud: Solicitud, *, perfil: Optional[Perfil] = None, hoy: Optional[date] = None,
            etapa: str = "proveedor", modo: Modo = "completo") -> Informe:
    """Corre el catálogo con la severidad de la `etapa`; un ajuste del perfil vale para las dos etapas.

    En modo «solo_factura» la solicitud trae solo la factura (contrato y pago en None) y no corren las reglas que
    declaran necesitarlos: el informe las lista por grupo con el dato que falta."""
    if etapa not in ETAPAS:
        raise EtapaNoValida(etapa)
    contexto = Contexto(solicitud=solicitud, hoy=hoy or date.today(), perfil=perfil)
    ajustes = perfil.reglas if perfil else {}
    hallazgos: list[Hallazgo] = []
    ejecutadas: list[str] = []
    sin_datos: list[Regla] = []
    for regla in CATALOGO.values():
        severidad = regla.severidad_en(etapa, ajustes.get(regla.id))
        if regla.retirada or severidad == "apagada" or regla.revisar is None:
            continue
        if any(_FALTA_EL_DATO[n](solicitud, modo) for n in regla.necesita):
            sin_datos.append(regla)
            continue
        ejecutadas.append(regla.id)
        for falla in regla.revisar(contexto):
            hallazgos.append(_hallazgo(regla, severidad, falla, etapa))
    return informe_de(hallazgos, len(ejecutadas), etapa=etapa, modo=modo, reglas_ejecutadas=ejecutadas,
                      grupos_sin_revisar=_grupos(sin_datos), respuesta_dian=_respuesta(solicitud, etapa),
                      respuesta_de_otro_documento=respuesta.de_otro_documento(solicitud.factura),
                      revisado=Revisado(factura=solicitud.factura.numero, proveedor=solicitud.factura.proveedor.numero,
                                        documento=solicitud.factura.nombre,
                                        contrato=solicitud.contrato.numero if solicitud.contrato else None,
                                        fecha=contexto.hoy))


def _grupos(reglas: list[Regla]) -> list[GrupoSinRevisar]:
    por_grupo: dict[str, list[Regla]] = {}
    for r in reglas:
        por_grupo.setdefault(r.id.split("-")[0], []).append(r)
    grupos = []
    for prefijo, suyas in por_grupo.items():
        necesita = [n for n in FALTA if any(n in r.necesita for r in suyas)]
        grupos.append(GrupoSinRevisar(grupo=prefijo, titulo=GRUPOS.get(prefijo, prefijo), reglas=[r.id for r in suyas],
                                      falta=" y ".join(FALTA[n] for n in necesita), necesita=necesita))
    return grupos


def _respuesta(solicitud: Solicitud, etapa: str) -> Optional[RespuestaDian]:
    dada = solicitud.factura.respuesta_dian
    if dada is not None:
        return dada
    if solicitud.factura.tipo == "cuenta_de_cobro":
        return None  # no es un documento electrónico: la DIAN no la valida, no hay respuesta que falte
    if solicitud.factura.documento_xml == "AttachedDocument":
        return RespuestaDian(estado="ausente", descripcion=_ausente(
            _AUSENTE_DEL_CONTENEDOR_A_LA_ENTIDAD if etapa == "entidad" else _AUSENTE_DEL_CONTENEDOR, solicitud.factura))
    return RespuestaDian(estado="ausente", descripcion=_ausente(_AUSENTE_A_LA_ENTIDAD if etapa == "entidad" else _AUSENTE,
                                                                solicitud.factura))


def _hallazgo(regla: Regla, severidad: str, falla: Falla, etapa: str) -> Hallazgo:
    corrige = regla.corrige_en(etapa)
    paso = _paso_en(regla, severidad, corrige, etapa)
    # La entidad rechaza lo que corrige el proveedor con una justificación: lo que él lee, no lo que se le dice a ella.
    motivo = etapa == "entidad" and corrige == "proveedor" and severidad == "error"
    return Hallazgo(regla=regla.id, severidad=severidad, campo=falla.campo, titulo=regla.titulo,
                    mensaje=regla.mensaje_en(etapa).format(**falla.datos), referencia=regla.fuente, paso=paso,
                    corrige=corrige, al_aprobar=regla.al_aprobar_en(etapa),
                    fuentes=list(dict.fromkeys(c.fuente for c in regla.fuentes)),
                    justificacion=regla.mensaje_en("proveedor").format(**falla.datos) if motivo else None)


def _paso_en(regla: Regla, severidad: str, corrige: str, etapa: str) -> Optional[str]:
    """El paso que hace quien lee. A la entidad, un error que corrige el proveedor la lleva a rechazar con la
    justificación; lo que ella copia del «Detalle», a abrirlo; lo demás que el proveedor hace al enviar, a revisar
    los datos y los anexos: el paso del proveedor (enviar-solicitud-de-pago) no es una acción de ella."""
    if etapa != "entidad":
        return regla.paso
    if corrige == "proveedor" and severidad == "error":
        return pasos.RECHAZAR
    if not pasos.del_proveedor(regla.paso):
        return regla.paso
    return pasos.ABRIR_DETALLE if regla.la_entidad_lo_copia else pasos.REVISAR_ANEXOS


def como_datos() -> list[dict[str, Any]]:
    """El catálogo como datos (JSON): lo imprime `checker reglas --json` y lo lee quien lo publique."""
    return [{
        "id": r.id, "ancla": r.id.lower(), "severidad": r.severidad, "etapas": dict(r.etapas), "corrige": r.corrige,
        "la_entidad_lo_copia": r.la_entidad_lo_copia, "al_aprobar": r.al_aprobar,
        "titulo": r.titulo, "mensaje": r.mensaje, "mensaje_proveedor": r.mensaje_proveedor,
        "razon": r.razon, "fuente": r.fuente, "fuentes": [c.como_datos() for c in r.fuentes], "paso": r.paso, "base": r.base,
        "ejemplo_falla": r.ejemplo_falla, "ejemplo_pasa": r.ejemplo_pasa, "retirada": r.retirada,
        "necesita": list(r.necesita),
    } for r in CATALOGO.values()]
