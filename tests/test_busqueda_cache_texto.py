"""La caché de consultas de texto de cada proceso (facetas_bits.MapaFacetas.bits_texto)
nunca responde con un índice viejo, y los filtros que pasan a la base como lista de ids
(motores/local.py) dan lo mismo que sin esa lista."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from busqueda.motores import local
from busqueda.motores.base import ConsultaBusqueda
from busqueda.motores.local import MotorLocal

from .test_busqueda_contrato import HUASCO, doc


@pytest.mark.django_db
def test_la_cache_de_texto_ve_lo_recien_indexado_y_lo_borrado():
    motor = MotorLocal()
    motor.indexar(doc("uno", "Tertulias pedagógicas en Huasco", slep=HUASCO))
    assert motor.buscar(ConsultaBusqueda(texto="tertulias")).total == 1
    # Repetida: sale de la caché (no consulta el índice de texto otra vez)…
    with CaptureQueriesContext(connection) as consultas:
        assert motor.buscar(ConsultaBusqueda(texto="tertulias")).total == 1
    assert not any("group_concat" in c["sql"] or "array_agg" in c["sql"] for c in consultas)
    # …pero un documento nuevo, o uno borrado, se ve en la búsqueda siguiente.
    motor.indexar(doc("dos", "Tertulias literarias", slep=HUASCO))
    resultado = motor.buscar(ConsultaBusqueda(texto="tertulias", filtros={"slep": ["huasco"]}))
    assert resultado.total == 2
    assert {o.valor: o.cantidad for o in resultado.facetas["slep"]} == {"huasco": 2}
    motor.borrar("uno")
    resultado = motor.buscar(ConsultaBusqueda(texto="tertulias"))
    assert [r.clave for r in resultado.resultados] == ["dos"]


@pytest.mark.django_db
def test_filtros_como_lista_de_ids_o_como_subconsultas_dan_lo_mismo(monkeypatch):
    motor = MotorLocal()
    for i in range(12):
        motor.indexar(
            doc(
                f"d{i}",
                f"Red rural número {i}",
                cuerpo="rural " * (i + 1),
                slep=HUASCO if i % 2 else [("barrancas", "SLEP Barrancas")],
                foco=[("socioeducativo", "Socioeducativo")] if i % 3 else [],
            )
        )
    consultas = [
        ConsultaBusqueda(texto="rural", filtros={"slep": ["huasco"]}),
        ConsultaBusqueda(texto="rural", filtros={"slep": ["huasco"], "foco": ["socioeducativo"]}),
        ConsultaBusqueda(filtros={"slep": ["huasco"]}, orden="titulo"),
        ConsultaBusqueda(texto="rural", filtros={"slep": ["huasco"]}, pagina=2, por_pagina=2),
    ]

    def claves(consulta):
        r = motor.buscar(consulta)
        return r.total, [x.clave for x in r.resultados]

    with override_settings(TRAMA_CACHE_TEXTO=0):
        con_lista = [claves(c) for c in consultas]
        monkeypatch.setattr(local, "MAXIMO_IDS_EN_LISTA", 0)  # siempre subconsultas
        con_subconsultas = [claves(c) for c in consultas]
    assert con_lista == con_subconsultas
    assert all(total for total, _ in con_lista)


@pytest.mark.django_db
def test_el_orden_por_niveles_de_cobertura_da_las_mismas_paginas(monkeypatch):
    """Varias palabras: el prefijo por niveles (mapas de bits) da, página por página, lo
    mismo que ordenar todas las coincidencias en SQL con la cobertura por subconsultas."""
    import random

    azar = random.Random(7)
    palabras = ["escuelas", "rurales", "lectura", "redes", "docentes", "talleres"]
    motor = MotorLocal()
    for i in range(60):
        titulo = " ".join(azar.sample(palabras, azar.randint(1, 3)))
        motor.indexar(
            doc(
                f"d{i}",
                f"{titulo} {i}",
                resumen=" ".join(azar.choices(palabras, k=4)),
                cuerpo=" ".join(azar.choices(palabras, k=azar.randint(2, 12))),
                etiquetas=azar.choice(["educación rural", "lectura", ""]),
                tipo=azar.choice(["caso", "practica", "red"]),
                slep=HUASCO if i % 2 else [("barrancas", "SLEP Barrancas")],
            )
        )
    motor.indexar(doc("exacto", "Escuelas rurales", tipo="practica"))
    consultas = [
        ConsultaBusqueda(texto=texto, pagina=pagina, por_pagina=por_pagina, filtros=filtros)
        for texto in (
            "escuelas rurales",
            "lectura docentes talleres",
            "redes escuelas",
            "escuelas",
            "rurales",
        )
        for pagina, por_pagina in ((1, 5), (2, 5), (3, 7), (1, 50))
        for filtros in ({}, {"slep": ["huasco"]})
    ]

    def paginas():
        return [(r.total, [x.clave for x in r.resultados]) for r in map(motor.buscar, consultas)]

    usados, solo_frase = [], []
    original = MotorLocal._prefijo_por_niveles

    def espia(self, plan, terms, resultado, hasta):
        salida = original(self, plan, terms, resultado, hasta)
        # ¿Cortó? (el prefijo es menos que todas las coincidencias)
        usados.append(
            salida is not None and (salida[0] is None or len(salida[0]) < resultado.bit_count())
        )
        # ¿El prefijo fue justo «la frase en el título» (PostgreSQL lo pide con esa
        # condición de texto y no con la lista de ids)?
        solo_frase.append(salida is not None and salida[2])
        return salida

    monkeypatch.setattr(MotorLocal, "_prefijo_por_niveles", espia)
    por_niveles = paginas()
    assert any(usados), "la prueba no ejercitó el corte por niveles"
    assert any(solo_frase), "la prueba no ejercitó el prefijo «frase en el título»"
    monkeypatch.setattr(MotorLocal, "_prefijo_por_niveles", lambda self, *args: None)
    assert por_niveles == paginas()
    assert por_niveles[0][1][0] == "exacto"  # el título igual a la frase, primero
