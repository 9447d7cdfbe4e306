"""La forma de una regla del catálogo y el registro donde se inscriben."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable, Literal, Optional

from ..fuentes import Cita
from ..informe import Severidad
from ..modelos import Solicitud
from ..perfil import Perfil

Etapa = Literal["proveedor", "entidad"]
# proveedor: antes de enviar la solicitud (lo que usa el sitio por omisión); entidad: antes de aprobarla.
ETAPAS: tuple[Etapa, ...] = ("proveedor", "entidad")


@dataclass(frozen=True)
class Contexto:
    solicitud: Solicitud
    hoy: date
    perfil: Optional[Perfil] = None


@dataclass(frozen=True)
class Falla:
    """Lo que una regla encontró: el campo y los datos que completan su mensaje."""

    campo: Optional[str]
    datos: dict[str, Any] = field(default_factory=dict)


Revision = Callable[[Contexto], Iterable[Falla]]


@dataclass(frozen=True)
class Regla:
    id: str
    titulo: str
    mensaje: str  # plantilla con {nombres} que llena cada Falla; la que lee quien corrige
    razon: str
    fuentes: tuple[Cita, ...]
    ejemplo_falla: dict[str, Any]  # cambios sobre el caso base que hacen fallar la regla
    etapas: dict[str, Severidad]  # severidad en cada etapa: {"proveedor": …, "entidad": …}
    corrige: Etapa = "proveedor"  # quién puede corregir el dato
    # Lo que lee el proveedor cuando el dato solo lo corrige la entidad («La entidad revisará…»), o cuando
    # `mensaje` le habla a la entidad («Pida al proveedor…») y al proveedor hay que decírselo a él.
    mensaje_proveedor: Optional[str] = None
    ejemplo_pasa: dict[str, Any] = field(default_factory=dict)  # cambios que la hacen pasar ({} = caso base)
    base: str = "tipica"  # nombre del caso base en checker/ejemplos/
    paso: Optional[str] = None  # paso del procedimiento, ruta del sitio: "procedimientos/x/#paso-3"
    revisar: Optional[Revision] = None
    retirada: bool = False
    # Qué datos, además de la factura, necesita la regla: "contrato" (el contrato de SECOP II) y "pago"
    # (los datos de la solicitud: ID de pago, radicación, recepción…). Sin ellos la regla no corre
    # (modo «solo factura») y el informe dice qué dato la habilitaría.
    necesita: tuple[str, ...] = ()
    # Un dato del proveedor que la entidad, al aprobar, copia del «Detalle» de la factura en SECOP II (los datos
    # abiertos no lo traen): en la etapa de la entidad, si falta en el formulario, lo primero es copiarlo; le toca a
    # ella (y el mensaje le dice qué hacer si tampoco está en el «Detalle»).
    la_entidad_lo_copia: bool = False
    # Lo que la entidad resuelve con un dato que ella escribe al aprobar (la fecha de recepción, el RP, la entrega, la
    # amortización del anticipo): el informe lo dice así y no «la solicitud sería rechazada». No lo es una condición que
    # otro debe resolver (la entrega que el supervisor no confirmó, el saldo del RP), aunque el perfil la vuelva error.
    al_aprobar: bool = False

    def corrige_en(self, etapa: str) -> Etapa:
        """Quién corrige el dato en la etapa: el de la regla, salvo el dato que la entidad copia al aprobar."""
        return "entidad" if etapa == "entidad" and self.la_entidad_lo_copia else self.corrige

    def al_aprobar_en(self, etapa: str) -> bool:
        """Si en la etapa lo resuelve un dato que la entidad escribe (o copia del «Detalle») al aprobar."""
        return etapa == "entidad" and (self.al_aprobar or self.la_entidad_lo_copia)

    @property
    def severidad(self) -> Severidad:
        """La severidad para el proveedor, la etapa por omisión (compatibilidad con quien lee una sola)."""
        return self.etapas["proveedor"]

    @property
    def fuente(self) -> str:
        """Las citas como texto, para quien lee una sola línea (CLI, informe)."""
        return "; ".join(c.texto() for c in self.fuentes)

    def mensaje_en(self, etapa: str) -> str:
        return self.mensaje_proveedor if etapa == "proveedor" and self.mensaje_proveedor else self.mensaje

    def severidad_en(self, etapa: str, ajuste: Optional[str] = None) -> str:
        """La severidad en la etapa, con el ajuste del perfil de la entidad (vale para las dos etapas).

        Lo que solo la entidad corrige nunca es más que información para el proveedor: el perfil puede
        apagarlo, no volverlo un error que el proveedor no puede corregir."""
        if ajuste is None:
            return self.etapas[etapa]
        if etapa == "proveedor" and self.corrige == "entidad" and ajuste != "apagada":
            return "informacion"
        return ajuste


CATALOGO: dict[str, Regla] = {}


def regla(**meta: Any) -> Callable[[Revision], Revision]:
    """Inscribe una función de revisión en el catálogo con sus metadatos.

    `severidad="…"` es la forma corta de una regla con la misma severidad en las dos etapas.
    """

    def inscribir(funcion: Revision) -> Revision:
        datos = dict(meta)
        if "severidad" in datos:
            severidad = datos.pop("severidad")
            datos.setdefault("etapas", {e: severidad for e in ETAPAS})
        nueva = Regla(revisar=funcion, **datos)
        if nueva.id in CATALOGO:
            raise ValueError(f"id de regla repetido: {nueva.id}")
        if set(nueva.etapas) != set(ETAPAS):
            raise ValueError(f"{nueva.id}: las etapas deben ser {ETAPAS}, no {tuple(nueva.etapas)}")
        if nueva.corrige == "entidad" and (nueva.etapas["proveedor"] != "informacion" or not nueva.mensaje_proveedor):
            # Lo que solo la entidad corrige se le muestra al proveedor como información, con su propio mensaje.
            raise ValueError(f"{nueva.id}: una regla que corrige la entidad es «informacion» para el proveedor "
                             "y trae mensaje_proveedor («La entidad revisará…»)")
        CATALOGO[nueva.id] = nueva
        return funcion

    return inscribir
