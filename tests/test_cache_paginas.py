"""Caché de páginas para anónimos: sirve copias, nunca a usuarios con sesión, y
publicar deja ver el cambio de inmediato."""

import pytest
from django.core.cache import cache

from portal.models import Foco

pytestmark = pytest.mark.django_db


@pytest.fixture
def con_cache(settings):
    settings.TRAMA_CACHE_PAGINAS_SEGUNDOS = 300
    cache.clear()
    yield
    cache.clear()


def test_anonimo_recibe_la_copia_cacheada(client, inicio, con_cache):
    primera = client.get("/marco/focos/")
    assert primera.status_code == 200
    # Un cambio en la base que no pasa por el ORM no invalida: la copia se sirve igual.
    Foco.objects.filter(slug="socioeducativo").update(nombre="Nombre cambiado por SQL")
    segunda = client.get("/marco/focos/")
    assert "Nombre cambiado por SQL" not in segunda.content.decode()
    assert segunda.content == primera.content


def test_editar_un_termino_invalida_la_copia(client, inicio, con_cache):
    client.get("/marco/focos/")
    foco = Foco.objects.get(slug="socioeducativo")
    foco.nombre = "Foco renombrado por la DEP"
    foco.save()
    assert "Foco renombrado por la DEP" in client.get("/marco/focos/").content.decode()


def test_publicar_una_pagina_invalida_la_copia(client, inicio, con_cache):
    assert "Título nuevo del inicio" not in client.get("/").content.decode()
    inicio.title = "Título nuevo del inicio"
    inicio.save_revision().publish()
    assert "Título nuevo del inicio" in client.get("/").content.decode()


def test_usuario_con_sesion_nunca_lee_la_cache(client, inicio, editora, con_cache):
    client.get("/marco/focos/")
    Foco.objects.filter(slug="socioeducativo").update(nombre="Visto solo sin caché")
    client.force_login(editora)
    assert "Visto solo sin caché" in client.get("/marco/focos/").content.decode()


def test_paginas_cacheadas_lo_dicen_y_busqueda_api_y_login_no(client, inicio, con_cache):
    assert "max-age=300" in client.get("/marco/focos/").get("Cache-Control", "")
    for ruta in ("/buscar/?q=redes", "/api/buscar/?q=redes", "/cuenta/entrar/"):
        assert "max-age=300" not in client.get(ruta).get("Cache-Control", ""), ruta


def test_guardar_un_borrador_no_vacia_la_cache(client, inicio, con_cache):
    from portal.cache import generacion

    client.get("/marco/focos/")
    antes = generacion()
    inicio.title = "Borrador de la portada"
    inicio.save_revision()  # como un coordinador que guarda su práctica sin publicar
    assert generacion() == antes
    assert "Borrador de la portada" not in client.get("/").content.decode()
    inicio.get_latest_revision().publish()
    assert generacion() != antes
