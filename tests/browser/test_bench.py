"""El benchmark del navegador (make bench-navegador) corre de punta a punta, una vez por escenario.

No mide tiempos (eso es del benchmark): comprueba que cada escenario termine en un informe, que las
visitas siguientes (misma pestaña, pestaña nueva, sin conexión, tras reiniciar el navegador) arranquen
desde la instantánea, que la versión ingenua sí arranque de cero y los presupuestos de bytes, que no
dependen de la máquina: primera visita ≤ 6 MB, las demás páginas < 500 KB y sin bytes de Pyodide, cero
bytes sin red.
"""

from __future__ import annotations

import pytest

from scripts.entorno.navegador import chromium
from scripts.medicion import bench_navegador, ingenuo
from scripts.servidores import servidor as srv


def test_tarea_mas_larga_cuenta_solo_entre_la_marca_y_listo():
    tareas = [[10.0, 120.0], [400.0, 60.0], [900.0, 55.0], [1500.0, 70.0]]
    assert bench_navegador.tarea_mas_larga(tareas) == 120.0
    assert bench_navegador.tarea_mas_larga(tareas, desde=300.0) == 70.0
    assert bench_navegador.tarea_mas_larga(tareas, desde=300.0, hasta=1500.0) == 60.0
    assert bench_navegador.tarea_mas_larga(tareas, desde=500.0, hasta=1500.0) == 55.0
    assert bench_navegador.tarea_mas_larga(tareas, desde=1000.0, hasta=1400.0) == 0.0
    assert bench_navegador.tarea_ms(0.0) == "<50ms" and bench_navegador.tarea_ms(61.2) == "61ms"


def test_la_proporcion_compara_cada_vuelta_con_la_suya():
    r = {"frio": [{"informe_ms": 100.0}, {"informe_ms": 300.0}, {"informe_ms": 90.0}],
         "ingenuo_frio": [{"informe_ms": 400.0}, {"informe_ms": 600.0}, {"informe_ms": 100.0}]}
    assert bench_navegador.proporcion(r, "frio", "ingenuo_frio") == 0.5  # 0,25, 0,5 y 0,9
    assert bench_navegador.proporcion(r, "pestana_nueva", "ingenuo_frio") is None


def test_tras_abrir_una_pestana_se_navega_despues_de_la_pausa_de_una_persona():
    class Pagina:
        def __init__(self):
            self.esperas = []

        def wait_for_timeout(self, ms):
            self.esperas.append(ms)

    class Contexto:
        def __init__(self):
            self.pages = [Pagina()]
            self.nuevas = 0

        def new_page(self):
            self.nuevas += 1
            return Pagina()

    contexto = Contexto()
    primera = bench_navegador.abrir_pestana(contexto, nueva=False)
    nueva = bench_navegador.abrir_pestana(contexto)
    assert primera is contexto.pages[0] and contexto.nuevas == 1 and nueva is not primera
    assert primera.esperas == nueva.esperas == [bench_navegador.PAUSA_DE_PERSONA_MS]
    assert bench_navegador.PAUSA_DE_PERSONA_MS >= 1000


@pytest.fixture(scope="module")
def ingenuo_servido(tmp_path_factory):
    s = srv.en_segundo_plano(ingenuo.construir(tmp_path_factory.mktemp("ingenuo")), 0)
    yield f"http://127.0.0.1:{s.server_address[1]}"
    s.shutdown()


def test_el_benchmark_corre_y_cumple_los_presupuestos_de_bytes(navegador, servidor, ingenuo_servido):
    r = bench_navegador.medir_con(navegador.browser_type, servidor, ingenuo_servido, 1, chromium())
    for escenario in (*bench_navegador.ESCENARIOS, *bench_navegador.ESCENARIOS_INGENUOS):
        (fila,) = r[escenario]
        assert 0 < fila["dom_ms"] < fila["informe_ms"], escenario
        assert 0 < fila["formulario_ms"] <= fila["formulario_completo_ms"] < fila["informe_ms"], escenario
        assert 0 < fila["listo_ms"] <= fila["informe_ms"], escenario
    # En frío: la instantánea del sitio si la red medida es rápida (servidor local), si no, calcular y
    # crear la propia; con 4G (9 Mbps) siempre calcular, dentro del presupuesto de bytes.
    fria = r["frio"][0]["motor"]["etapas"]
    assert fria["modo"] == "instantanea_del_sitio" or "instantanea_creada" in fria
    assert r["frio_4g"][0]["motor"]["etapas"]["modo"] == "normal"
    assert "instantanea_creada" in r["frio_4g"][0]["motor"]["etapas"]
    for escenario in ("repetida", "pestana_nueva", "reinicio", "sin_conexion"):
        assert r[escenario][0]["motor"]["etapas"]["modo"] == "instantanea", escenario
    # La versión ingenua baja todo Pyodide sin comprimir y las ruedas: más que el presupuesto del sitio.
    assert r["ingenuo_frio"][0]["bytes"] > 10_000_000 and r["ingenuo_frio"][0]["motor"] is None
    # Con 4G, la primera visita entera (con la copia sin conexión que guarda después del informe) cabe en la meta.
    cuatro_g = r["frio_4g"][0]
    assert 1_000_000 < cuatro_g["bytes"] <= cuatro_g["bytes_visita"] <= bench_navegador.META_BYTES
    assert r["repetida"][0]["bytes"] < 50_000 and r["sin_conexion"][0]["bytes"] == 0
    assert r["pestana_nueva"][0]["bytes"] < 50_000 and r["reinicio"][0]["bytes"] < 50_000
    assert {p["pagina"] for p in r["otras_paginas"]} == set(bench_navegador.OTRAS_PAGINAS)
    for p in r["otras_paginas"]:
        assert p["bytes"] < 500_000 and not p["bytes_de_pyodide"], p["pagina"]
    assert [n for n, _ in bench_navegador.perfil_instantanea(r["pestana_nueva"])][-1] == "total del worker"


def test_la_copia_del_sitio_baja_despues_de_que_la_primera_visita_esta_usable(navegador, sitio):
    r = bench_navegador.medir_copia_del_sitio(navegador, sitio, 1)
    (con,), (sin,) = r["con"], r["sin"]
    # Presupuesto de la primera visita a un procedimiento (issue 16): < 500 KB antes de estar usable.
    assert con["bytes_antes_de_usable"] < 500_000 and sin["bytes_antes_de_usable"] < 500_000
    assert 0 < con["usable_ms"] < con["copia_ms"]
    # La copia bajó (el servidor lo cuenta: Playwright no ve lo que pide el service worker) y es liviana.
    assert 50_000 < con["bytes_total"] - con["bytes_antes_de_usable"] < 500_000
    assert "copia_ms" not in sin


def test_comparar_da_las_cuatro_visitas_y_las_fases_del_worker_en_orden(navegador, servidor):
    """scripts/medicion/comparar.py (A/B de las visitas de vuelta): un perfil, sus cuatro informes y las
    fases del worker situadas en el tiempo de la página, en el orden en que ocurren."""
    from scripts.medicion import comparar

    r = comparar.perfil(navegador.browser_type, chromium(), f"{servidor}/validador/#ejemplo=tipica")
    assert all(r[v] > 0 for v in comparar.VISITAS)  # cuatro informes y el procedimiento
    for visita in ("misma_pestana", "nueva", "nueva_2"):
        f = r[f"fases_{visita}"]
        orden = ["worker", *comparar.FASES, "listo", "informe"]
        assert set(orden) <= set(f), f
        assert [f[c] for c in orden] == sorted(f[c] for c in orden), f
