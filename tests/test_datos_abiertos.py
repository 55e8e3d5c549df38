"""Datos abiertos: CSV y JSON de todo lo publicado, con licencia y fecha, sin
borradores ni datos personales."""

import csv
import io

import pytest

from practicas import demo
from practicas.models import PracticaPage
from redes.models import Red
from tests.test_casos import crear_caso, crear_indice


@pytest.fixture
def publicado(inicio):
    indice = crear_indice(inicio)
    crear_caso(
        indice, "escocia", title="Escocia", focos=["capital-profesional"], ambito="internacional"
    )
    crear_caso(indice, "formula", title='=HYPERLINK("http://malo")', resumen="-2+3")
    crear_caso(indice, "borrador", title="Caso en borrador", publicar=False)
    demo.cargar(inicio)
    return indice


def leer_csv(respuesta):
    texto = respuesta.content.decode("utf-8")
    assert texto.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(texto[1:])))


def test_pagina_datos_declara_licencia_y_enlaza_descargas(client, publicado):
    r = client.get("/datos/")
    html = r.content.decode()
    assert r.status_code == 200
    assert "CC BY 4.0" in html and 'rel="license"' in html
    for conjunto in ("casos", "practicas", "redes", "taxonomia"):
        assert f'href="/datos/{conjunto}.csv"' in html
        assert f'href="/datos/{conjunto}.json"' in html


def test_casos_json_con_licencia_fecha_y_solo_publicados(client, publicado):
    r = client.get("/datos/casos.json", HTTP_ORIGIN="https://investigacion.ejemplo.cl")
    assert r.status_code == 200
    assert r["Access-Control-Allow-Origin"] == "*"
    datos = r.json()
    assert datos["licencia"]["id"] == "CC-BY-4.0"
    assert datos["generado"][:4].isdigit()
    slugs = {c["slug"] for c in datos["casos"]}
    assert slugs == {"escocia", "formula"}
    escocia = next(c for c in datos["casos"] if c["slug"] == "escocia")
    assert escocia["focos"][0]["slug"] == "capital-profesional"
    assert escocia["url"].endswith("/casos/escocia/")


def test_casos_csv_neutraliza_formulas(client, publicado):
    r = client.get("/datos/casos.csv")
    assert r["Content-Type"].startswith("text/csv")
    assert 'rel="license"' in r["Link"]
    assert "trama-casos-" in r["Content-Disposition"]
    filas = leer_csv(r)
    formula = next(f for f in filas if f["slug"] == "formula")
    assert formula["titulo"].startswith("'=")
    assert formula["resumen"] == "'-2+3"
    assert "Caso en borrador" not in r.content.decode()


def test_practicas_y_redes_sin_datos_personales(client, publicado):
    publicadas = PracticaPage.objects.live().count()
    assert publicadas > 0
    r = client.get("/datos/practicas.json")
    assert r.json()["total"] == publicadas
    assert {"red", "slep", "focos", "nivel_evidencia"} <= set(r.json()["practicas"][0])
    from django.contrib.auth import get_user_model

    quien = get_user_model().objects.create_user("coord.barrancas", email="c@ejemplo.cl")
    for red in Red.objects.all():
        red.coordinadores.add(quien)
    redes = client.get("/datos/redes.json").json()["redes"]
    assert redes
    texto = client.get("/datos/redes.csv").content.decode() + str(redes)
    assert "@" not in texto
    # Ni un campo de coordinación ni el nombre de usuario de quien coordina (el nombre
    # de una red sí puede decir «coordinadoras»: «Red de coordinadoras PIE»).
    assert not any("coordinador" in clave for red in redes for clave in red)
    celdas = {c for linea in texto.splitlines() for c in linea.split(",")}
    celdas |= {str(v) for red in redes for v in red.values()}
    usuarios = set(
        Red.objects.filter(coordinadores__isnull=False).values_list(
            "coordinadores__username", flat=True
        )
    )
    assert usuarios and not (usuarios & celdas)


def test_taxonomia_trae_el_marco_completo(client, publicado):
    filas = leer_csv(client.get("/datos/taxonomia.csv"))
    por_tipo = {}
    for f in filas:
        por_tipo.setdefault(f["tipo"], []).append(f)
    assert len(por_tipo["foco"]) == 5 and len(por_tipo["principio"]) == 5
    assert len(por_tipo["caracteristica"]) == 10 and len(por_tipo["riesgo"]) == 6
    confianza = next(f for f in por_tipo["caracteristica"] if f["slug"] == "confianza")
    assert confianza["padre"] == "nuclear"
    assert {"barrancas", "huasco", "costa-araucania", "puerto-cordillera"} <= {
        f["slug"] for f in por_tipo["slep"]
    }


def test_conjunto_inexistente_da_404(client, inicio):
    assert client.get("/datos/usuarios.json").status_code == 404
    assert client.get("/datos/casos.xml").status_code == 404
