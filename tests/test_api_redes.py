"""/api/v2/redes/: las redes en la API de Wagtail v2, solo las públicas (la regla de
/datos/) y solo sus datos públicos."""

import pytest
from django.test import Client

from portal.models import Comuna, NivelEducativo
from tests.test_practicas import crear_red
from tests.test_practicas_listado import indice, publicar  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def redes(indice, coordinadora):  # noqa: F811
    publica = crear_red("red-con-practica", coordinadores=[coordinadora])
    publica.proposito = "Aprender juntas a leer en voz alta."
    publica.rural = True
    publica.desde = 2019
    publica.save()
    publica.comunas.set(Comuna.objects.filter(slep=publica.slep)[:1])
    publica.niveles.set(NivelEducativo.objects.filter(slug="basica"))
    publicar(indice, "Lectura compartida", publica)
    sin_practicas = crear_red("red-sin-practicas", slep="huasco", coordinadores=[coordinadora])
    con_borrador = crear_red("red-con-borrador", coordinadores=[coordinadora])
    from practicas.models import PracticaPage

    borrador = PracticaPage(title="Aún en borrador", red=con_borrador, live=False)
    indice.add_child(instance=borrador)
    borrador.save_revision()
    return publica, sin_practicas, con_borrador


def test_lista_solo_las_redes_publicas_de_datos_abiertos(redes):
    publica, _sin, _borrador = redes
    d = Client().get("/api/v2/redes/").json()
    assert d["meta"]["total_count"] == 1
    (item,) = d["items"]
    assert item["slug"] == "red-con-practica"
    assert item["nombre"] == publica.nombre
    assert item["url"] == f"/redes/{publica.slug}/"
    assert item["slep"] == {"slug": publica.slep.slug, "nombre": publica.slep.nombre}
    assert item["meta"]["type"] == "redes.Red"
    # La misma regla que /datos/redes.json.
    datos = Client().get("/datos/redes.json").json()["redes"]
    assert [r["slug"] for r in datos] == [i["slug"] for i in d["items"]]


def test_detalle_con_campos_publicos_y_nunca_coordinadores(redes, coordinadora):
    publica, sin_practicas, _ = redes
    r = Client().get(f"/api/v2/redes/{publica.pk}/")
    assert r.status_code == 200
    d = r.json()
    assert d["proposito"] == "Aprender juntas a leer en voz alta."
    assert d["rural"] is True and d["eib"] is False and d["desde"] == 2019
    assert d["niveles"] == [
        {"slug": "basica", "nombre": NivelEducativo.objects.get(slug="basica").nombre}
    ]
    assert len(d["comunas"]) == 1
    texto = r.content.decode()
    assert "coordinador" not in texto and coordinadora.email not in texto
    todos = Client().get("/api/v2/redes/", {"fields": "*"}).content.decode()
    assert coordinadora.email not in todos and "coordinadores" not in todos
    # Pedir el campo a propósito: 400 con mensaje, no se revela.
    r = Client().get("/api/v2/redes/", {"fields": "coordinadores"})
    assert r.status_code == 400 and "coordinadores" in r.json()["message"]
    # Una red sin prácticas publicadas no existe para la API.
    assert Client().get(f"/api/v2/redes/{sin_practicas.pk}/").status_code == 404


def test_filtros_orden_y_entradas_malas(redes):
    assert Client().get("/api/v2/redes/", {"rural": "true"}).json()["meta"]["total_count"] == 1
    assert Client().get("/api/v2/redes/", {"rural": "false"}).json()["meta"]["total_count"] == 0
    assert Client().get("/api/v2/redes/", {"slug": "red-con-practica"}).json()["items"]
    for params in (
        {"rural": "tal vez"},
        {"coordinadores": "1"},
        {"order": "coordinadores"},
        {"desde": "dos mil"},
        {"limit": "-1"},
        {"fields": "nombre(x)"},
    ):
        r = Client().get("/api/v2/redes/", params)
        assert r.status_code == 400, params
        assert r.json()["message"], params
    assert Client().get("/api/v2/redes/", {"id": str(2**70)}).status_code in (200, 400)
    assert Client().post("/api/v2/redes/").status_code == 405


def test_la_guia_de_la_api_lo_documenta(redes):
    html = Client().get("/api/").content.decode()
    assert "/api/v2/redes/" in html
    assert "Nunca sus coordinadores" in html
