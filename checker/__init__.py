"""Validador de solicitudes de pago de SECOP II: reglas de aprobación y factura electrónica DIAN.

Python puro (pydantic v2 y la biblioteca estándar): el mismo código corre en CPython y en Pyodide.
"""

from .errores import EntradaNoLegible, EntradaNoValida, EtapaNoValida
from .informe import Hallazgo, Informe
from .modelos import Factura, Solicitud
from .motor import validar, validar_factura
from .perfil import Perfil
from .reglas import CATALOGO, ETAPAS
from .xml_dian import leer_xml

__version__ = "0.1.0"
__all__ = ["CATALOGO", "ETAPAS", "EntradaNoLegible", "EntradaNoValida", "EtapaNoValida", "Factura", "Hallazgo",
           "Informe", "Perfil", "Solicitud", "leer_xml", "validar", "validar_factura"]
