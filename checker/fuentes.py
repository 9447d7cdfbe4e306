"""El catálogo de fuentes: cada documento que cita una regla o un paso, escrito una sola vez.

Una regla cita fuentes por su id (`Cita`); un paso de un procedimiento las enlaza en Markdown como
`[texto](../fuentes.md#<id>)`. La página /fuentes/ se genera de aquí y dice, para cada una, si se
leyó en el documento original (confirmada) o solo en fuentes secundarias (*por confirmar*), y dónde
se usa. Un id publicado no cambia: es el ancla de /fuentes/#<id>.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Fuente:
    id: str  # ancla estable en /fuentes/
    titulo: str
    emisor: str
    fecha: Optional[str]  # AAAA-MM-DD, AAAA o None si el documento no la trae
    donde: str  # dirección pública o cómo encontrarla (navegación del lector: el sitio no la pide)
    confirmada: bool  # leída en el documento original, no solo en fuentes secundarias
    nota: str = ""


@dataclass(frozen=True)
class Cita:
    """Una fuente citada en un punto concreto (artículo, sección, página) y si ese punto está confirmado.

    `rechaza` dice que el pasaje citado, confirmado, es el que hace de la falla un rechazo: la entidad
    rechaza la solicitud o no puede aprobarla sin ese dato. Solo con una cita así una regla es «error».
    """

    fuente: str  # id del catálogo
    detalle: str = ""
    por_confirmar: bool = False
    rechaza: bool = False

    @property
    def confirmada(self) -> bool:
        return FUENTES[self.fuente].confirmada and not self.por_confirmar

    def texto(self) -> str:
        f = FUENTES[self.fuente]
        partes = [f.titulo + (f", {self.detalle}" if self.detalle else "")]
        if not self.confirmada:
            partes.append("(por confirmar)")
        return " ".join(partes)

    def como_datos(self) -> dict[str, object]:
        return {"id": self.fuente, "detalle": self.detalle, "confirmada": self.confirmada, "rechaza": self.rechaza,
                "texto": self.texto()}


def usos_en_reglas() -> dict[str, list[str]]:
    """Id de fuente → ids de las reglas que la citan (para la página /fuentes/). Incluye las retiradas."""
    from .reglas import CATALOGO  # importación tardía: las reglas importan este módulo

    usos: dict[str, list[str]] = {}
    for regla in CATALOGO.values():
        for cita in regla.fuentes:
            ids = usos.setdefault(cita.fuente, [])
            if regla.id not in ids:
                ids.append(regla.id)
    return usos


_CCE = "Colombia Compra Eficiente (ANCP-CCE)"
_DIAN = "DIAN"
_CONGRESO = "Congreso de la República"
_GOBIERNO = "Gobierno nacional"

FUENTES: dict[str, Fuente] = {f.id: f for f in (
    Fuente("cce-respuesta-p20211130011070", "Respuesta de Colombia Compra Eficiente al radicado P20211130011070",
           _CCE, "2021-12-22", "Respuesta oficial a un derecho de petición (copia en el repositorio del proyecto)", True),
    Fuente("cce-sec-gi-13", "Guía de gestión contractual en el SECOP II para compradores (CCE-SEC-GI-13)",
           _CCE, "2021-09-08", "colombiacompra.gov.co, manuales y guías de SECOP II (perfil compradores)", False,
           "La nombra la respuesta de CCE; su texto no se ha leído aquí: lo que se le atribuye está por confirmar."),
    Fuente("cce-sec-gi-01", "Guía de gestión contractual en el SECOP II para proveedores (CCE-SEC-GI-01)",
           _CCE, "2020-09-07", "colombiacompra.gov.co, manuales y guías de SECOP II (perfil proveedores)", True,
           "Guía de 2020: las pantallas actuales pueden diferir."),
    Fuente("cce-envio-contrato-20", "«Envío del contrato - 20» (plan de pagos, entregas y radicación)",
           _CCE, None, "colombiacompra.gov.co, página de ayuda de SECOP II", True),
    Fuente("cce-envio-facturas", "«Gestión contractual – Envío de facturas» (páginas 1 y 2)",
           _CCE, None, "colombiacompra.gov.co, página de ayuda de SECOP II", True),
    Fuente("cce-seguimiento", "«Seguimiento a la ejecución contractual» (páginas 6, 7 y 8)",
           _CCE, None, "colombiacompra.gov.co/secop-ii/3235/22987", True),
    Fuente("cce-crear-contrato-2", "«Crear el contrato - 2» (las nueve secciones del contrato electrónico)",
           _CCE, None, "colombiacompra.gov.co, página de ayuda de SECOP II", True),
    Fuente("cce-kb-aprobaciones-involuntarias", "«Plan de pagos y aprobaciones involuntarias SECOP II»",
           _CCE, None, "Base de conocimiento de la mesa de servicio de Colombia Compra Eficiente", True),
    Fuente("cce-tutorial-supervision", "Tutorial de supervisión en SECOP II (estado «Enviado por el Proveedor»)",
           _CCE, None, "Material de capacitación citado por fuentes secundarias", False),
    Fuente("datos-abiertos-secop-ii", "Datos abiertos de SECOP II: «Contratos Electrónicos» (jbjy-vk9h), "
           "«Plan de pagos» (uymx-8p3j) y «Facturas» (ibyt-yi2f)",
           _CCE, None, "datos.gov.co (API Socrata pública, sin llave)", False,
           "Nombres de columnas tomados de código público que lee estos conjuntos; falta verificarlos en una exportación real."),
    Fuente("socrata-consultas", "Documentación de la API de datos abiertos (Socrata): «Simple Filtering» y «Queries "
           "using SODA»", "Tyler Technologies (Socrata)", None,
           "dev.socrata.com/docs/filtering.html y dev.socrata.com/docs/queries.html", True,
           "Un filtro «?columna=valor» trae las filas cuyo valor es igual al escrito; «$where» filtra las filas como el "
           "WHERE de SQL. Es la API con que datos.gov.co publica los datos abiertos de SECOP II."),
    Fuente("dian-anexo-tecnico-1-9", "Anexo técnico de factura electrónica de venta, versión 1.9 (Resolución 000165 de 2023)",
           _DIAN, "2023", "dian.gov.co, factura electrónica, documentación técnica", True),
    Fuente("dian-resolucion-000167-2021", "Resolución 000167 de 2021 (documento soporte en adquisiciones a no obligados a facturar)",
           _DIAN, "2021", "dian.gov.co, normatividad", False),
    Fuente("ubl-2-1", "Universal Business Language (UBL) 2.1, adoptado por el anexo técnico de la DIAN",
           "OASIS", "2013", "docs.oasis-open.org/ubl/UBL-2.1.html", True),
    Fuente("estatuto-tributario", "Estatuto Tributario (Decreto 624 de 1989)", _GOBIERNO, "1989",
           "secretariasenado.gov.co, Estatuto Tributario", False),
    Fuente("ley-80-1993", "Ley 80 de 1993 (Estatuto General de Contratación de la Administración Pública)",
           _CONGRESO, "1993", "secretariasenado.gov.co, Ley 80 de 1993", False),
    Fuente("ley-100-1993", "Ley 100 de 1993 (Sistema de Seguridad Social Integral), con sus modificaciones "
           "(Ley 797 de 2003)", _CONGRESO, "1993", "secretariasenado.gov.co, Ley 100 de 1993", False,
           "Tarifas de salud y pensión y el Fondo de Solidaridad Pensional: leídos solo en fuentes secundarias."),
    Fuente("ley-1150-2007", "Ley 1150 de 2007", _CONGRESO, "2007", "secretariasenado.gov.co, Ley 1150 de 2007", False),
    Fuente("ley-789-2002", "Ley 789 de 2002", _CONGRESO, "2002", "secretariasenado.gov.co, Ley 789 de 2002", False),
    Fuente("decreto-111-1996", "Decreto 111 de 1996 (Estatuto Orgánico del Presupuesto)", _GOBIERNO, "1996",
           "funcionpublica.gov.co, gestor normativo", False),
    Fuente("decreto-1273-2018", "Decreto 1273 de 2018 (modifica el Decreto 780 de 2016, art. 2.2.1.1.1.7, y adiciona su Título 7)",
           _GOBIERNO, "2018", "funcionpublica.gov.co, gestor normativo", False,
           "Citado por fuentes secundarias que coinciden; falta leer el texto del decreto."),
    Fuente("decreto-1625-2016", "Decreto 1625 de 2016 (Decreto Único Reglamentario en materia tributaria), "
           "con la modificación del Decreto 358 de 2020 (facturación electrónica)",
           _GOBIERNO, "2016", "funcionpublica.gov.co, gestor normativo", False,
           "Leído en fuentes secundarias que transcriben el artículo y en el Concepto DIAN 080856 de 2002, sobre el "
           "mismo texto en la norma anterior (Decreto 3050 de 1997, art. 11); falta leer el texto vigente del decreto."),
    Fuente("decreto-1072-2015", "Decreto 1072 de 2015 (Decreto Único Reglamentario del Sector Trabajo)",
           _GOBIERNO, "2015", "funcionpublica.gov.co, gestor normativo", False),
    Fuente("ley-1955-2019", "Ley 1955 de 2019 (Plan Nacional de Desarrollo), art. 244", _CONGRESO, "2019",
           "secretariasenado.gov.co; su vigencia tras la Sentencia C-068 de 2020 está por confirmar", False),
    Fuente("ley-2024-2020", "Ley 2024 de 2020 (pago en plazos justos)", _CONGRESO, "2020",
           "secretariasenado.gov.co, Ley 2024 de 2020", False),
    Fuente("codigo-de-comercio", "Código de Comercio (Decreto 410 de 1971), art. 773", _GOBIERNO, "1971",
           "secretariasenado.gov.co, Código de Comercio", False),
    Fuente("decreto-1074-2015", "Decreto 1074 de 2015 (factura electrónica como título valor), con sus modificaciones",
           _GOBIERNO, "2015", "funcionpublica.gov.co, gestor normativo", False),
    Fuente("decreto-1572-2024", "Decreto 1572 de 2024 (salario mínimo 2025)", _GOBIERNO, "2024",
           "funcionpublica.gov.co, gestor normativo", False),
    Fuente("decreto-1469-2025", "Decreto 1469 de 2025 (salario mínimo 2026) y Decreto 0159 de 2026 (lo reexpide como "
           "transitorio tras la suspensión del Consejo de Estado)", _GOBIERNO, "2026",
           "funcionpublica.gov.co, gestor normativo", False),
    Fuente("cce-modificaciones-contrato", "«Gestión contractual – Modificaciones del Contrato» (páginas 1 a 6)",
           _CCE, None, "colombiacompra.gov.co/secop-ii/3235/22987, «Modificaciones del Contrato»", True,
           "Botón «Modificar», pregunta «¿Requiere reconocimiento del proveedor?», suspensión y activación del contrato."),
    Fuente("cce-publicacion-modificaciones", "«Gestión contractual – Aplicación y publicación de modificaciones»",
           _CCE, None, "colombiacompra.gov.co, gestión contractual en SECOP II", True,
           "«Editar», «Publicar modificación», estado «Publicado»; garantías nuevas «Pendiente de aceptación» en «Condiciones»."),
    Fuente("cce-aprobacion-garantias", "«Gestión contractual – Aprobación de garantías»",
           _CCE, None, "colombiacompra.gov.co, gestión contractual en SECOP II", True,
           "El proveedor gestiona y envía las garantías por SECOP II; la entidad las aprueba o rechaza y las publica."),
    Fuente("cce-concepto-c-1333-2025", "Concepto C-1333 de 2025 (aprobación de las garantías como requisito de ejecución)",
           _CCE, "2025", "relatoria.colombiacompra.gov.co, conceptos, C-1333 de 2025", True,
           "Cita la Ley 1150 de 2007, art. 7, y la Ley 80 de 1993, art. 41."),
    # El id es el de la página «Anticipo y pago anticipado» (colombiacompra.gov.co/node/17701), que no se pudo
    # verificar; el hecho lo dice el concepto oficial C-485 de 2025, y el ancla publicada /fuentes/#cce-anticipo se queda.
    Fuente("cce-anticipo", "Concepto C-485 de 2025 (anticipo y pago anticipado: regulación normativa)",
           _CCE, "2025", "relatoria.colombiacompra.gov.co/conceptos/c-485-de-2025", True,
           "Transcribe la Ley 80 de 1993, art. 40, parágrafo: el pago anticipado y el anticipo no pueden exceder del "
           "50 % del valor del contrato."),
    Fuente("cce-circular-02-2023", "Circular 02 de 2023 (lineamientos para el cierre del contrato electrónico en SECOP II)",
           _CCE, "2023-05-25", "colombiacompra.gov.co, circulares (copia pública en normogramas de entidades)", False,
           "Leída solo en la copia de una entidad y en parte: los pasos del cierre en la plataforma están por confirmar."),
    Fuente("ley-1474-2011", "Ley 1474 de 2011 (Estatuto Anticorrupción), art. 91 (manejo del anticipo)", _CONGRESO, "2011",
           "secretariasenado.gov.co, Ley 1474 de 2011", False),
    Fuente("canales-cce", "Canales de atención de Colombia Compra Eficiente (formulario de soporte, chat, líneas telefónicas)",
           _CCE, "2021-12-22", "colombiacompra.gov.co/soporte; los datos son los de la respuesta al radicado P20211130011070",
           True, "Datos de 2021: confirme los números vigentes en el portal."),
    Fuente("perfil-entidad", "Procedimiento interno de la entidad (los soportes de cada pago los define cada entidad)",
           "Cada entidad estatal", None, "La entidad contratante (supervisor o área financiera)", True),
)}
