"""Pruebas de los procedimientos (docs/procedimientos/*.md): forma de cada paso, fuentes del
catálogo, «¿Qué sigue?» sin saltos, títulos que se entienden solos y anclas publicadas estables.

Leen el Markdown (rápido, sin construir el sitio); que los enlaces y anclas existan en el sitio
construido lo prueba tests/site/test_sitio.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from checker import pasos
from checker.fuentes import FUENTES

RAIZ = Path(__file__).resolve().parents[2]
DOCS = RAIZ / "docs"
CARPETA = DOCS / "procedimientos"
SLUGS = sorted(p.stem for p in CARPETA.glob("*.md") if p.name != "index.md")
ANCLAS_PUBLICADAS = json.loads((Path(__file__).parent / "anclas_publicadas.json").read_text(encoding="utf-8"))

ROLES = ("Entidad (comprador)", "Supervisor", "Proveedor", "Ciudadano")
# Un título que empieza así depende del paso anterior y no se entiende enlazado desde una diapositiva.
COMIENZOS_QUE_DEPENDEN = ("O ", "Y ", "Luego", "Después", "Entonces", "Si no", "Además", "También", "Ahora", "Por último")

ENCABEZADO_PASO = re.compile(r"^## (?P<titulo>.+?)(?: \{ #(?P<ancla>[^ }]+) \})?\s*$", re.M)
CITA = re.compile(r"\]\((?:\.\./)?fuentes\.md#(?P<id>[^)\s]+)\)")
ENLACE = re.compile(r"\]\((?P<destino>[^)\s]+)\)")


def pasos_de(texto: str) -> list[tuple[str, str | None, str]]:
    """(título, ancla, cuerpo) de cada encabezado de nivel 2 de un procedimiento."""
    partes = list(ENCABEZADO_PASO.finditer(texto))
    return [(m["titulo"], m["ancla"], texto[m.end():partes[i + 1].start() if i + 1 < len(partes) else len(texto)])
            for i, m in enumerate(partes)]


def _campo(cuerpo: str, nombre: str) -> str | None:
    """El texto de un campo «**Nombre:** …» hasta el siguiente campo o párrafo."""
    m = re.search(rf"\*\*{re.escape(nombre)}\*\*\s*(?P<valor>.+?)(?=\s·\s\*\*|\n\s*\n|\Z)", cuerpo, re.S)
    return m["valor"].strip() if m else None


def problemas(texto: str) -> list[str]:
    """Todo lo que incumple la forma de un procedimiento; lista vacía si está bien.

    Es la regla que aplican las pruebas de abajo a cada página, y la que las pruebas con ejemplos
    rotos demuestran que falla."""
    encontrados: list[str] = []
    lista = pasos_de(texto)
    numeros = []
    for titulo, ancla, cuerpo in lista:
        m = re.match(r"Paso (\d+)\. (.+)", titulo)
        if not m:
            encontrados.append(f"«{titulo}»: el título no tiene la forma «Paso N. Acción»")
            continue
        n, accion = int(m[1]), m[2]
        numeros.append(n)
        if ancla != f"paso-{n}":
            encontrados.append(f"Paso {n}: le falta el ancla explícita {{ #paso-{n} }}")
        if accion.startswith(COMIENZOS_QUE_DEPENDEN) or not accion[:1].isupper():
            encontrados.append(f"Paso {n}: el título «{accion}» no se entiende solo")
        quien = _campo(cuerpo, "Quién:")
        if not quien or any(r.casefold() not in {x.casefold() for x in ROLES} for r in quien.split(" o ")):
            encontrados.append(f"Paso {n}: «Quién:» debe ser uno de {ROLES} (o dos unidos por «o»), no {quien!r}")
        for nombre in ("Dónde:", "Verá:"):
            if not _campo(cuerpo, nombre):
                encontrados.append(f"Paso {n}: falta «{nombre}»")
        fuente = _campo(cuerpo, "Fuente:") or ""
        citas = [c["id"] for c in CITA.finditer(fuente)]
        if not citas:
            encontrados.append(f"Paso {n}: «Fuente:» no enlaza ninguna fuente del catálogo (../fuentes.md#id)")
        encontrados += [f"Paso {n}: la fuente «{c}» no está en checker/fuentes.py" for c in citas if c not in FUENTES]
        sigue = _campo(cuerpo, "¿Qué sigue?") or ""
        destinos = [e["destino"] for e in ENLACE.finditer(sigue)]
        internos = [int(d[len("#paso-"):]) for d in destinos if re.fullmatch(r"#paso-\d+", d)]
        externos = [d for d in destinos if not d.startswith("#")]
        if not destinos:
            encontrados.append(f"Paso {n}: «¿Qué sigue?» no enlaza el paso siguiente ni otro procedimiento")
        if any(m_ <= n for m_ in internos):
            encontrados.append(f"Paso {n}: «¿Qué sigue?» enlaza hacia atrás ({internos})")
        if internos and min(internos) != n + 1:
            encontrados.append(f"Paso {n}: «¿Qué sigue?» salta pasos: enlaza {sorted(internos)} y no el paso {n + 1}")
        if n == len(lista) and not externos:
            encontrados.append(f"Paso {n}: el último paso debe llevar a otro procedimiento o página")
    if len(numeros) < 3:
        encontrados.append(f"tiene {len(numeros)} pasos; un procedimiento tiene al menos 3")
    if sorted(numeros) != list(range(1, len(numeros) + 1)):
        encontrados.append(f"los pasos no son 1..N sin huecos ni repetidos: {numeros}")
    # Cada paso, salvo el primero, se alcanza desde el «¿Qué sigue?» de un paso anterior.
    alcanzables = {1}
    for titulo, _, cuerpo in lista:
        m = re.match(r"Paso (\d+)\.", titulo)
        if m and int(m[1]) in alcanzables:
            sigue = _campo(cuerpo, "¿Qué sigue?") or ""
            alcanzables |= {int(d) for d in re.findall(r"\]\(#paso-(\d+)\)", sigue)}
    encontrados += [f"Paso {n}: ningún «¿Qué sigue?» anterior lleva a él" for n in numeros if n not in alcanzables]
    return encontrados


def _texto(slug: str) -> str:
    return (CARPETA / f"{slug}.md").read_text(encoding="utf-8")


def _normal(texto: str) -> str:
    return " ".join(texto.split()).lower()


@pytest.mark.parametrize("slug", SLUGS)
def test_cada_paso_tiene_ancla_rol_lugar_vera_fuente_catalogada_y_que_sigue(slug):
    assert problemas(_texto(slug)) == []


def test_hay_al_menos_dieciocho_procedimientos():
    # Los siete de antes y los once del issue 13.
    assert len(SLUGS) >= 18


@pytest.mark.parametrize("roto, esperado", [
    ("sin_vera", "falta «Verá:»"),
    ("fuente_desconocida", "no está en checker/fuentes.py"),
    ("fuente_sin_enlace", "no enlaza ninguna fuente"),
    ("salta", "salta pasos"),
    ("titulo_dependiente", "no se entiende solo"),
    ("sin_ancla", "falta el ancla explícita"),
    ("rol_desconocido", "«Quién:» debe ser"),
    ("ultimo_sin_salida", "el último paso debe llevar"),
    ("inalcanzable", "ningún «¿Qué sigue?» anterior"),
])
def test_la_revision_falla_con_un_paso_roto(roto, esperado):
    texto = _texto("registrar-pago")
    assert problemas(texto) == []
    cambios = {
        "sin_vera": ("**Verá:** el formulario con la fecha y el soporte.", ""),
        "fuente_desconocida": ("fuentes.md#cce-seguimiento)", "fuentes.md#no-existe)"),
        "fuente_sin_enlace": ("**Fuente:** [CCE, «Seguimiento a la ejecución contractual - 8»](../fuentes.md#cce-seguimiento).",
                              "**Fuente:** CCE, «Seguimiento a la ejecución contractual - 8»."),
        "salta": ("**¿Qué sigue?** [Paso 3](#paso-3).", "**¿Qué sigue?** [Paso 4](#paso-4)."),
        "titulo_dependiente": ("## Paso 4. Revise el balance de pagos", "## Paso 4. Luego revise el balance de pagos"),
        "sin_ancla": ("## Paso 2. Marque la factura como pagada { #paso-2 }", "## Paso 2. Marque la factura como pagada"),
        "rol_desconocido": ("**Quién:** Entidad (comprador) · **Dónde:** la factura, botón «Marcar como pagado»",
                            "**Quién:** Tesorería · **Dónde:** la factura, botón «Marcar como pagado»"),
        "ultimo_sin_salida": (texto[texto.rindex("**¿Qué sigue?**"):], "**¿Qué sigue?** Nada más.\n"),
        "inalcanzable": ("**¿Qué sigue?** [Paso 2](#paso-2).", "**¿Qué sigue?** [Registrar el pago](registrar-pago.md)."),
    }
    viejo, nuevo = cambios[roto]
    assert viejo in texto, roto
    assert any(esperado in p for p in problemas(texto.replace(viejo, nuevo, 1))), roto


@pytest.mark.parametrize("ruta, frase", sorted(ANCLAS_PUBLICADAS.items()))
def test_cada_ancla_publicada_sigue_llevando_a_la_misma_accion(ruta, frase):
    slug, ancla = re.fullmatch(r"procedimientos/([a-z0-9-]+)/#(paso-\d+)", ruta).groups()
    pasos_por_ancla = {a: c for _, a, c in pasos_de(_texto(slug))}
    assert ancla in pasos_por_ancla, f"{ruta} ya no existe: un enlace publicado no se borra"
    assert _normal(frase) in _normal(pasos_por_ancla[ancla]), f"{ruta} ya no describe «{frase}»"


def test_cada_paso_del_sitio_esta_registrado_con_su_accion():
    # Un paso nuevo se registra en anclas_publicadas.json al publicarse; desde entonces su número no cambia.
    en_sitio = {f"procedimientos/{slug}/#{ancla}" for slug in SLUGS for _, ancla, _ in pasos_de(_texto(slug))}
    assert en_sitio - set(ANCLAS_PUBLICADAS) == set()


def test_los_pasos_que_citan_reglas_y_formulario_estan_entre_las_anclas_publicadas():
    rutas = {v for k, v in vars(pasos).items() if k.isupper() and not k.startswith("_")}
    assert rutas <= set(ANCLAS_PUBLICADAS)


def test_el_paso_de_confirmar_no_es_el_ultimo_del_envio():
    # El issue 13: la solicitud quedaba sin enviar; tras «Confirmar» va «Enviar».
    lista = pasos_de(_texto("enviar-solicitud-de-pago"))
    cuerpo = {a: c for _, a, c in lista}
    assert "«Confirmar»" in cuerpo["paso-6"] and "«Enviar»" in cuerpo["paso-7"]
    assert "«Enviado a la entidad estatal»" in cuerpo["paso-7"]
    assert "«Registro»" in cuerpo["paso-3"] and "«Crear»" in cuerpo["paso-3"]


def test_el_documento_soporte_lo_emite_la_entidad():
    texto = _normal(_texto("enviar-solicitud-de-pago"))
    assert "documento soporte** no lo hace usted" in texto and "lo emite la entidad" in texto
    assert "documento soporte si no está obligado" not in texto


@pytest.mark.parametrize("slug", SLUGS)
def test_un_estado_de_los_datos_abiertos_no_se_presenta_como_el_de_la_pantalla(slug):
    # «Pagado», «Aprobado» y «Rechazado» son los estados que publican los datos abiertos; en pantalla, «Pagado» está por
    # confirmar (la guía de 2020) y los otros dos no los da ninguna fuente. Un «Verá:» que los nombra dice de dónde son,
    # salvo en un paso que se hace en los datos abiertos.
    sin_decirlo = []
    for titulo, _, cuerpo in pasos_de(_texto(slug)):
        vera, donde = _normal(_campo(cuerpo, "Verá:") or ""), _campo(cuerpo, "Dónde:") or ""
        if re.search(r"«(pagado|aprobado|rechazado)»", vera) and "datos abiertos" not in vera and "datos.gov.co" not in donde:
            sin_decirlo.append(titulo)
    assert sin_decirlo == []


def test_las_secciones_se_nombran_como_las_lista_cce():
    nombres = {1: "Información general", 2: "Condiciones", 3: "Bienes y servicios", 4: "Documentos del proveedor",
               5: "Documentos del contrato", 6: "Información presupuestal", 7: "Ejecución del contrato",
               8: "Modificaciones del contrato", 9: "Incumplimientos"}
    guia = (DOCS / "guias" / "secciones-del-contrato.md").read_text(encoding="utf-8")
    for n, nombre in nombres.items():
        assert f"| {n} «{nombre}» |" in guia
    inverso = {v: k for k, v in nombres.items()}
    for slug in SLUGS:
        for n, nombre in re.findall(r"sección (\d) «([^»]+)»", _normal(_texto(slug)).replace("\n", " "), re.I):
            assert inverso.get(nombre[:1].upper() + nombre[1:]) == int(n), f"{slug}: sección {n} «{nombre}»"


def test_cada_procedimiento_esta_en_el_menu_el_indice_y_la_portada():
    class _Cargador(yaml.SafeLoader):
        pass

    _Cargador.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    _Cargador.add_constructor("!ENV", lambda *_: None)  # site_dir: !ENV [SITE_DIR, site]
    nav = json.dumps(yaml.load((RAIZ / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Cargador)["nav"])
    indice = (CARPETA / "index.md").read_text(encoding="utf-8")
    portada = (DOCS / "index.md").read_text(encoding="utf-8")
    for slug in SLUGS:
        assert f"procedimientos/{slug}.md" in nav, f"{slug} no está en el menú (mkdocs.yml)"
        assert f"]({slug}.md)" in indice, f"{slug} no está en procedimientos/index.md"
        assert f"](procedimientos/{slug}.md" in portada, f"{slug} no está en la portada (ciclo o papeles)"


def _paso(slug: str, ancla: str) -> str:
    return {a: c for _, a, c in pasos_de(_texto(slug))}[ancla]


def test_el_ciudadano_sabe_como_llegar_al_contrato_en_secop_ii():
    # Antes, el paso 2 mandaba a «SECOP II, vista pública del contrato» sin decir cómo llegar. La fila del paso 3 trae
    # `urlproceso` con su `url` (HECHOS §5): el paso 2 lo dice y enlaza el 3, y el 3 devuelve al 2 con esa dirección.
    paso_1, paso_2, paso_3 = (_paso("seguir-un-contrato", f"paso-{n}") for n in (1, 2, 3))
    cuerpo_2 = paso_2.split("**Verá:**")[0]
    assert "`urlproceso`" in cuerpo_2 and "`url`" in cuerpo_2 and "](#paso-3)" in cuerpo_2
    assert "`urlproceso`" in _campo(paso_3, "Verá:") and "](#paso-2)" in _campo(paso_3, "Verá:")
    # Quien aún no tiene el contrato a la vista sabe desde el paso 1 que empieza por el 3.
    assert "](#paso-3)" in _campo(paso_1, "¿Qué sigue?")
    # Adónde lleva esa dirección (¿el proceso o el contrato?) no lo dice ninguna fuente.
    assert "**por confirmar**" in cuerpo_2


def test_la_busqueda_por_nit_pide_solo_digitos_y_da_la_forma_con_like_del_validador():
    from urllib.parse import quote, unquote

    from checker import datos_abiertos
    from checker.nit import digito_verificacion

    paso = _normal(_paso("seguir-un-contrato", "paso-3"))
    assert "solo de los dígitos del número: sin puntos, sin guion y sin el dígito de verificación (dv)" in paso
    exactas = re.findall(r"jbjy-vk9h\.json\?(?:nit_entidad|documento_proveedor)=([^`\s]+)`", paso)
    assert exactas and all(v.isdigit() for v in exactas)
    # El NIT del ejemplo, con puntos y DV, es el de los dígitos de la búsqueda y su DV es el correcto.
    ejemplos = re.findall(r"nit (\d{1,3}(?:\.\d{3})+)-(\d)", paso)
    assert ejemplos
    for numero, dv in ejemplos:
        assert numero.replace(".", "") in exactas and digito_verificacion(numero.replace(".", "")) == int(dv)
    # Si no trae nada: la forma con like que arma el validador (checker/datos_abiertos.py), escrita como la pide una
    # dirección (sin %25, «%80…» sería otro carácter), y se dice que el DV guardado en el portal está por confirmar.
    con_like = re.findall(r"`(https://www\.datos\.gov\.co/resource/jbjy-vk9h\.json\?\$where=[^`]+)`", paso)
    assert len(con_like) == 1
    filtro = unquote(con_like[0].split("$where=", 1)[1])
    digitos = re.fullmatch(r"nit_entidad like '%(\d+)%'", filtro)[1]
    assert digitos in exactas
    assert f"nit_entidad like '%{{entidad}}%'" in unquote(datos_abiertos.plantilla_por_partes("json"))
    assert con_like[0] == (f"https://www.datos.gov.co/resource/{datos_abiertos.CONTRATOS.recurso}.json?$where="
                           + quote(filtro))
    assert re.search(r"dv pegado \(\*\*por confirmar\*\*", paso)
    # Y el validador, que arma los enlaces del contrato con su número.
    assert "[validador](../validador/index.md#como-se-usa), al escribir el número del contrato" in paso
