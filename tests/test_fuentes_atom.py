"""Fuentes Atom: búsquedas y listados con filtros, SLEP; válidas (RFC 4287) y
solo con contenido publicado; enlace alternate en las páginas."""

from datetime import datetime

import pytest
from defusedxml import ElementTree as ET

from practicas import demo
from practicas.models import PracticaPage
from tests.test_casos import crear_caso, crear_indice

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def contenido(inicio):
    indice = crear_indice(inicio)
    crear_caso(
        indice,
        "microcentros-rurales",
        title="Microcentros rurales",
        resumen="Escuelas rurales multigrado que aprenden juntas.",
        focos=["capital-profesional"],
    )
    crear_caso(indice, "escocia", title="Escocia", resumen="Colaboración escolar en Escocia.")
    crear_caso(
        indice,
        "borrador-rural",
        title="Borrador rural",
        resumen="Escuelas rurales que aún no se publican.",
        publicar=False,
    )
    demo.cargar(inicio)
    # Una práctica publicada con un borrador más nuevo: la fuente muestra lo publicado.
    practica = PracticaPage.objects.live().first()
    practica.title = "TÍTULO DEL BORRADOR"
    practica.save_revision()
    return indice


def validar_atom(respuesta):
    """Lo que exige RFC 4287 a un feed y a cada entrada; devuelve las entradas."""
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith("application/atom+xml")
    raiz = ET.fromstring(respuesta.content)
    assert raiz.tag == f"{ATOM}feed"
    for elemento in ("id", "title", "updated"):
        assert raiz.find(f"{ATOM}{elemento}") is not None, elemento
    assert raiz.find(f"{ATOM}author/{ATOM}name").text
    propio = [e for e in raiz.findall(f"{ATOM}link") if e.get("rel") == "self"]
    assert propio and propio[0].get("href").startswith("http://testserver/fuentes/")
    datetime.fromisoformat(raiz.find(f"{ATOM}updated").text)
    entradas = raiz.findall(f"{ATOM}entry")
    ids = set()
    for entrada in entradas:
        for elemento in ("id", "title", "updated"):
            assert entrada.find(f"{ATOM}{elemento}") is not None, elemento
        datetime.fromisoformat(entrada.find(f"{ATOM}updated").text)
        enlace = entrada.find(f"{ATOM}link").get("href")
        assert enlace.startswith("http://testserver/")
        ids.add(entrada.find(f"{ATOM}id").text)
    assert len(ids) == len(entradas)
    return entradas


def titulos(entradas):
    return [e.find(f"{ATOM}title").text for e in entradas]


def test_fuente_de_busqueda_con_filtros_valida_y_sin_borradores(client, contenido):
    r = client.get("/fuentes/buscar/", {"q": "rural", "tipo": "caso"})
    entradas = validar_atom(r)
    assert titulos(entradas) == ["Caso: Microcentros rurales"]
    assert b"Borrador rural" not in r.content
    assert "«rural»" in ET.fromstring(r.content).find(f"{ATOM}title").text


def test_fuente_de_listado_de_casos_con_filtro_de_foco(client, contenido):
    entradas = validar_atom(client.get("/fuentes/casos/", {"foco": "capital-profesional"}))
    assert titulos(entradas) == ["Caso: Microcentros rurales"]
    todos = titulos(validar_atom(client.get("/fuentes/casos/")))
    assert sorted(todos) == ["Caso: Escocia", "Caso: Microcentros rurales"]


def test_fuente_de_practicas_muestra_lo_publicado_no_el_borrador(client, contenido):
    r = client.get("/fuentes/practicas/")
    entradas = validar_atom(r)
    assert len(entradas) == PracticaPage.objects.live().count()
    assert all(t.startswith("Práctica: ") for t in titulos(entradas))
    assert "TÍTULO DEL BORRADOR" not in r.content.decode()


def test_fuente_por_slep(client, contenido):
    slep = PracticaPage.objects.live().select_related("red__slep").first().red.slep
    entradas = validar_atom(client.get(f"/fuentes/slep/{slep.slug}/"))
    esperadas = PracticaPage.objects.live().filter(red__slep=slep).count()
    assert len(entradas) == esperadas > 0
    # Un SLEP sin contenido tiene fuente vacía (no todo el sitio); uno inexistente, 404.
    from portal.models import Region, Slep

    Slep.objects.create(nombre="Nuevo", slug="nuevo", region=Region.objects.first())
    assert validar_atom(client.get("/fuentes/slep/nuevo/")) == []
    assert client.get("/fuentes/slep/atlantida/").status_code == 404


def test_parametros_invalidos_dan_400_en_espanol_y_los_fijos_no_se_pueden_cambiar(
    client, contenido
):
    r = client.get("/fuentes/buscar/", {"pagina": "x", "orden": "nada"})
    assert r.status_code == 200  # pagina y orden los fija la fuente
    r = client.get("/fuentes/buscar/", {"q": "x" * 501})
    assert r.status_code == 400 and "demasiado larga" in r.content.decode()


def test_paginas_anuncian_su_fuente(client, contenido):
    html = client.get("/buscar/", {"q": "rural", "slep": "huasco", "pagina": "1"}).content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Novedades de esta búsqueda '
        'en Trama (Atom)" href="/fuentes/buscar/?q=rural&amp;slep=huasco">'
    ) in html
    assert (
        'href="/fuentes/casos/?foco=capital-profesional"'
        in client.get("/casos/", {"foco": "capital-profesional"}).content.decode()
    )
    assert "application/atom+xml" not in client.get("/").content.decode()


def test_fuente_por_red(client, contenido):
    from django.test import RequestFactory

    from comunidad.fuentes import fuente_de

    red = PracticaPage.objects.live().select_related("red").first().red
    entradas = validar_atom(client.get(f"/fuentes/red/{red.slug}/"))
    assert len(entradas) == PracticaPage.objects.live().filter(red=red).count() > 0
    assert client.get("/fuentes/red/no-existe/").status_code == 404
    # La página de una red (app redes/) anuncia su fuente.
    assert fuente_de(RequestFactory().get(f"/redes/{red.slug}/")) == f"/fuentes/red/{red.slug}/"
