"""El informe que devuelve el motor: hallazgos por regla, listos para JSON."""

from __future__ import annotations

from datetime import date
from typing import Literal, Optional

from pydantic import BaseModel, Field, computed_field

from .formatos import cantidad, es_masculino
from .modelos import RespuestaDian

Severidad = Literal["error", "advertencia", "informacion"]
ORDEN_SEVERIDAD: dict[str, int] = {"error": 0, "advertencia": 1, "informacion": 2}
NOMBRE_SEVERIDAD: dict[str, str] = {"error": "Error", "advertencia": "Advertencia", "informacion": "Información"}


class Hallazgo(BaseModel):
    regla: str = Field(description="Identificador estable de la regla, p. ej. NIT-001.")
    severidad: Severidad
    campo: Optional[str] = Field(None, description="Ruta del campo de la solicitud, p. ej. factura.proveedor.dv.")
    mensaje: str = Field(description="Qué corregir, en español.")
    referencia: str = Field(description="La fuente: guía de SECOP II, ley, decreto o anexo DIAN.")
    titulo: str = ""
    paso: Optional[str] = Field(None, description="Paso del procedimiento relacionado, ruta del sitio.")
    corrige: Literal["proveedor", "entidad"] = Field(
        "proveedor", description="Quién puede corregirlo: el proveedor antes de enviar, o la entidad al aprobar.")
    al_aprobar: bool = Field(False, description="Como entidad: lo resuelve un dato que ella escribe o copia al aprobar "
                                                "(fecha de recepción, RP, entrega, amortización, radicación).")
    fuentes: list[str] = Field(default_factory=list, description="Ids de las fuentes citadas (/fuentes/#<id>).")
    justificacion: Optional[str] = Field(
        None, description="Como entidad, en un error que corrige el proveedor: lo que se le dice a él (su mensaje), "
                          "para la justificación del rechazo.")


FALTA_ESTE_DATO = "Falta este dato."


class ErrorDeEntrada(BaseModel):
    campo: str
    mensaje: str


class Revisado(BaseModel):
    """Qué se revisó y con qué fecha: el informe impreso o guardado se reconoce sin el formulario al lado."""

    factura: str = Field(description="Número de la factura (con su prefijo).")
    documento: str = Field("factura", description="Qué documento es: factura, nota crédito, nota débito, cuenta de "
                                                  "cobro, documento soporte o nota de ajuste del documento soporte.")
    proveedor: str = Field(description="Documento de quien la emite (sin DV).")
    contrato: Optional[str] = Field(None, description="Número del contrato en SECOP II, si se revisó con él.")
    fecha: date = Field(description="Fecha de referencia de la revisión (hoy, salvo que se dé otra).")


class DeLosDatosAbiertos(BaseModel):
    """Lo que dijeron los archivos de datos abiertos de SECOP II al armar el contrato (CLI con --contrato)."""

    eleccion: Optional[str] = Field(None, description="Qué pago del plan se eligió y por qué.")
    avisos: list[str] = Field(default_factory=list, description="Filas que no encajan, datos que faltan, estados.")
    con_el_contrato: bool = Field(True, description="Si la fila de «Contratos Electrónicos» llenó el contrato (si no, "
                                                    "solo el plan de pagos o el archivo de otro contrato).")


class GrupoSinRevisar(BaseModel):
    """Reglas que no corrieron porque faltaba un dato (p. ej. el contrato), y qué dato las habilitaría."""

    grupo: str = Field(description="Prefijo del grupo de reglas, p. ej. APR.")
    titulo: str
    reglas: list[str]
    falta: str = Field(description="Qué dato, en español, habilitaría estas reglas.")
    necesita: list[str] = Field(default_factory=list,
                                description="Los datos que faltan: contrato, pago o clave_tecnica (la de la numeración).")


class Informe(BaseModel):
    aprobable: bool
    etapa: str = Field("proveedor", description="proveedor (antes de enviar) o entidad (antes de aprobar).")
    hallazgos: list[Hallazgo] = Field(default_factory=list)
    resumen: dict[str, int] = Field(default_factory=dict)
    reglas_revisadas: int = 0
    error: Optional[str] = Field(None, description="Mensaje cuando la entrada no se pudo leer.")
    errores_de_entrada: list[ErrorDeEntrada] = Field(default_factory=list)
    modo: Literal["completo", "solo_factura"] = Field(
        "completo", description="«solo_factura»: se revisó la factura sin contrato ni datos de la solicitud.")
    reglas_ejecutadas: list[str] = Field(default_factory=list, description="Ids de las reglas que corrieron.")
    grupos_sin_revisar: list[GrupoSinRevisar] = Field(default_factory=list)
    respuesta_dian: Optional[RespuestaDian] = Field(
        None, description="La respuesta de validación de la DIAN que trae el archivo, o «ausente».")
    datos_abiertos: Optional[DeLosDatosAbiertos] = Field(
        None, description="Con el contrato de los datos abiertos: el pago elegido y los avisos de sus archivos.")
    revisado: Optional[Revisado] = Field(None, description="La factura, su emisor, el contrato y la fecha revisados.")
    respuesta_de_otro_documento: bool = Field(
        False, description="La respuesta de la DIAN cargada nombra otro documento (otro número u otro CUFE): su "
                           "estado no es el de esta factura (regla DIAN-003).")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def revisado_en_texto(self) -> str:
        """Qué se revisó, en una línea (la CLI y la página la muestran bajo el titular; sale al imprimir)."""
        r = self.revisado
        if r is None:
            return ""
        # Con el contrato o el pago por corregir (errores_de_entrada), la solicitud los trae: no «sin contrato».
        sin = ", contrato sin revisar" if self.errores_de_entrada else ", sin contrato"
        contrato = f", contrato {r.contrato}" if r.contrato else sin
        return f"{r.documento.capitalize()} {r.factura} de {r.proveedor}{contrato}; revisada con fecha {r.fecha.isoformat()}."

    @computed_field  # type: ignore[prop-decorator]
    @property
    def alcance(self) -> str:
        """Hasta dónde llegó la revisión, para la línea de las reglas revisadas (la CLI y el pie de la página): «» con
        la solicitud completa."""
        if self.modo != "solo_factura":
            return ""
        # Con el contrato o el pago por corregir, la solicitud los trae: no «sin el contrato».
        return ("solo la factura: el contrato y el pago no se revisaron" if self.errores_de_entrada
                else "solo la factura, sin el contrato")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def justificacion_del_rechazo(self) -> str:
        """Como entidad, con errores del proveedor: el motivo para escribir al hacer clic en «Rechazar», dicho al
        proveedor (lo que él corrige), listo para copiar. Los mensajes de la entidad le hablan a ella («Recházela…»)."""
        motivos = [f"- {h.justificacion} ({h.regla})" for h in self.hallazgos if h.justificacion]
        if self.etapa != "entidad" or not motivos:
            return ""
        que = f"de {self._el_documento.lower()} {self.revisado.factura}" if self.revisado else ""
        return "\n".join([f"Se rechaza la solicitud de pago{' ' + que if que else ''} por:", *motivos,
                          "Corrija lo anterior y envíe de nuevo la solicitud en SECOP II."])

    # El titular y su explicación salen de aquí para la CLI y para la página: se calculan al leerlos, así
    # siguen al informe aunque se le cambie el modo (api.validar_xml_json).
    @computed_field  # type: ignore[prop-decorator]
    @property
    def titular(self) -> str:
        """La conclusión en una frase: aprobable, rechazada o no revisada."""
        if self.error:
            return "No se pudo revisar la solicitud"
        if self.revision_incompleta:
            if self._datos_ilegibles:
                return f"Hay datos {self._de_que_parte} que no se pudieron leer"
            return f"Faltan datos {self._de_que_parte} para revisar la solicitud"
        sola = self.modo == "solo_factura"
        if sola and self._es_documento_soporte:
            return f"El documento es {'un' if self._masculino else 'una'} {self._nombre}, que expide la entidad"
        if self._ya_publicada_aprobada:
            return "La factura ya aparece aprobada o pagada en SECOP II"
        if self.aprobable:
            return f"{self._el_documento} no tiene errores en lo que se pudo revisar" if sola else "La solicitud parece aprobable"
        if sola and self._no_es_factura:
            return "El documento no es una factura"
        if self._ya_aprobada:
            return "La factura ya está aprobada en SECOP II: no la apruebe otra vez"
        if self._solo_datos_de_la_entidad:
            return "Faltan los datos de aprobación de la entidad"
        if self._solo_de_la_entidad:
            return "La entidad tiene algo por resolver antes de aprobar"
        return f"{self._el_documento} tiene errores" if sola else "La solicitud sería rechazada"

    @property
    def revision_incompleta(self) -> bool:
        """La solicitud trae contrato o pago y no se pudieron leer (`errores_de_entrada`), así que se revisó solo la
        factura: con un dato que no se reconoce o está mal escrito, o con cualquiera como entidad (un veredicto para
        aprobar no se salta las reglas de aprobación), el informe no dice «aprobable» (`api.validar_lo_que_haya`) y la
        CLI sale con 2. Solo con datos que faltan, como proveedor, es la solicitud a medio escribir que guarda la
        página: sigue el informe de la factura, que dice además qué falta."""
        return bool(self.errores_de_entrada) and not self.error and (self.etapa == "entidad" or self._datos_ilegibles)

    @property
    def _datos_ilegibles(self) -> bool:
        return any(e.mensaje != FALTA_ESTE_DATO for e in self.errores_de_entrada)

    @property
    def _de_que_parte(self) -> str:
        """«del contrato», «del pago», «del contrato y del pago» o «de la solicitud» (un campo que no es de ninguno)."""
        partes = [f"del {p}" for p in ("contrato", "pago")
                  if any(e.campo.split(".")[0] == p for e in self.errores_de_entrada)]
        if any(e.campo.split(".")[0] not in ("contrato", "pago") for e in self.errores_de_entrada):
            return "de la solicitud"
        return " y ".join(partes)

    @property
    def _nombre(self) -> str:
        return self.revisado.documento if self.revisado else "factura"

    @property
    def _masculino(self) -> bool:
        # «documento soporte» es el único nombre masculino; factura, cuenta de cobro y las notas son femeninos.
        return es_masculino(self._nombre)

    @property
    def _el_documento(self) -> str:
        """«La factura», o el documento que es (una nota débito no es una factura)."""
        return f"{'El' if self._masculino else 'La'} {self._nombre}"

    @property
    def _es_documento_soporte(self) -> bool:
        """El XML es un documento soporte (FAC-012): sin errores, «La factura no tiene errores» no sería cierto."""
        return any(h.regla == "FAC-012" for h in self.hallazgos)

    @property
    def _solo_de_la_entidad(self) -> bool:
        """Quien revisa como entidad y sus errores son todos de los que ella resuelve (la fecha de recepción, el RP,
        el número de radicación que copia del «Detalle», o lo que su perfil volvió error, como el saldo del RP): eso no
        es motivo para rechazar la solicitud (se rechaza lo mal diligenciado por el proveedor)."""
        errores = [h for h in self.hallazgos if h.severidad == "error"]
        return (self.etapa == "entidad" and bool(errores) and all(h.corrige == "entidad" for h in errores)
                and not self._ya_aprobada)

    @property
    def _solo_datos_de_la_entidad(self) -> bool:
        """De lo anterior, solo le faltan datos que ella escribe al aprobar."""
        return self._solo_de_la_entidad and all(h.al_aprobar for h in self.hallazgos if h.severidad == "error")

    @property
    def _ya_aprobada(self) -> bool:
        """La entidad revisa una factura que el plan de pagos ya publica aprobada o pagada (APR-009): no es un dato
        que le falte, es no aprobarla dos veces."""
        return any(h.regla == "APR-009" and h.severidad == "error" for h in self.hallazgos)

    @property
    def _ya_publicada_aprobada(self) -> bool:
        """El proveedor revisa una factura que el plan de pagos ya publica aprobada o pagada (APR-009, información para
        él): no es una solicitud por enviar, y «parece aprobable» o «sería rechazada» no dirían lo que pasa."""
        return self.etapa == "proveedor" and any(h.regla == "APR-009" for h in self.hallazgos)

    @property
    def _no_es_factura(self) -> bool:
        """Una nota crédito o débito (FAC-001): el titular no la llama «factura»."""
        return any(h.regla == "FAC-001" and h.severidad == "error" for h in self.hallazgos)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def explicacion(self) -> str:
        """Lo que sigue al titular: cuántos errores y advertencias, y cuándo corregirlos."""
        if self.error:
            return self.error
        sola = self.modo == "solo_factura"
        errores, advertencias = self.resumen.get("error", 0), self.resumen.get("advertencia", 0)
        if self.revision_incompleta:
            otros = _errores_y_advertencias(errores, advertencias)
            aprobar = (" Sin esa revisión no corrieron las reglas de aprobación: este informe no sirve para aprobar."
                       if self.etapa == "entidad" else "")
            return (f"Se revisó solo {self._el_documento.lower()}{f' ({otros})' if otros else ''}: escriba o corrija "
                    f"los datos de la lista y revise otra vez.{aprobar}")
        if self._ya_publicada_aprobada:
            otros = _errores_y_advertencias(errores, advertencias)
            return (f"El plan de pagos la publica aprobada o pagada (APR-009): no tiene que enviarla de nuevo"
                    f"{f'; en lo revisado, {otros}' if otros else ''}.")
        # Quien revisa como entidad lo hace antes de aprobar; el proveedor, antes de enviar.
        antes = " antes de aprobarla" if self.etapa == "entidad" else " antes de enviarla"
        cuando = (" en el documento" if self._no_es_factura else f" en {self._el_documento.lower()}") if sola else antes
        if not errores:
            if advertencias:
                return f"Revise {cantidad(advertencias, 'advertencia', 'advertencias')}{'' if sola else antes}."
            if sola and self._es_documento_soporte:
                return "Las reglas de la factura electrónica no se le aplican."
            return "Sin problemas en las reglas de la factura." if sola else "No se encontraron problemas."
        extra = f"; {cantidad(advertencias, 'advertencia', 'advertencias')} por revisar" if advertencias else ""
        if self._ya_aprobada:
            return f"El plan de pagos la publica aprobada o pagada (APR-009){extra}."
        if self._solo_datos_de_la_entidad:
            # «en lo revisado»: un dato que la entidad copia del «Detalle» (el número de radicación) puede faltar allí
            # también, y entonces sí es del proveedor (el mensaje de la regla lo dice).
            return f"{cantidad(errores, 'dato', 'datos')} que usted ingresa al aprobar{extra}; ningún error del proveedor en lo revisado."
        if self._solo_de_la_entidad:
            # Lo que el perfil volvió error y no es un dato del formulario (el saldo del RP, la entrega sin confirmar).
            return f"{cantidad(errores, 'punto', 'puntos')} por resolver antes de aprobar{extra}; ningún error del proveedor en lo revisado."
        if self.etapa == "entidad" and not sola:
            # La entidad no corrige los errores del proveedor: la rechaza con la justificación (respuesta de CCE).
            suyos = [h for h in self.hallazgos if h.severidad == "error" and h.corrige == "entidad"]
            datos = all(h.al_aprobar for h in suyos)
            tambien = (f"; {cantidad(len(suyos), 'dato', 'datos')} que usted ingresa al aprobar" if suyos and datos else
                       f"; {cantidad(len(suyos), 'punto suyo', 'puntos suyos')} por resolver" if suyos else "")
            return (f"{cantidad(errores - len(suyos), 'error', 'errores')} del proveedor, motivo para rechazarla"
                    f"{tambien}{extra}.")
        return f"{cantidad(errores, 'error', 'errores')} por corregir{cuando}{extra}."


def _errores_y_advertencias(errores: int, advertencias: int) -> str:
    """«1 error y 2 advertencias», sin lo que es cero («» si los dos lo son)."""
    return " y ".join(cantidad(n, uno, varios) for n, uno, varios in (
        (errores, "error", "errores"), (advertencias, "advertencia", "advertencias")) if n)


def informe_de(hallazgos: list[Hallazgo], reglas_revisadas: int, etapa: str = "proveedor", **extra: object) -> Informe:
    ordenados = sorted(hallazgos, key=lambda h: (ORDEN_SEVERIDAD[h.severidad], h.regla, h.campo or ""))
    resumen = {s: sum(1 for h in ordenados if h.severidad == s) for s in ORDEN_SEVERIDAD}
    return Informe(aprobable=resumen["error"] == 0, etapa=etapa, hallazgos=ordenados, resumen=resumen,
                   reglas_revisadas=reglas_revisadas, **extra)


def informe_de_error(mensaje: str, errores: Optional[list[ErrorDeEntrada]] = None, etapa: str = "proveedor") -> Informe:
    return Informe(aprobable=False, etapa=etapa, error=mensaje, errores_de_entrada=errores or [],
                   resumen={s: 0 for s in ORDEN_SEVERIDAD})
