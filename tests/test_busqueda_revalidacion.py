"""Búsquedas anónimas revalidables (busqueda/revalidacion.py): ETag por versión del
índice, 304 sin buscar ni contar contra el límite, privado con sesión."""

import pytest
from django.test import Client

from busqueda.models import RegistroBusqueda, Sinonimo
from portal import seguridad
from tests.test_practicas import (  # noqa: F401
    accion_admin,
    cliente,
    enviar,
    indice,  # noqa: F401
    red_a,
)
from tests.test_seguridad import _limite, limites  # noqa: F401 (fixture)

RUTAS = [
    ("/buscar/", {"q": "tertulias"}),
    ("/api/buscar/", {"q": "tertulias"}),
    ("/api/buscar/sugerencias/", {"q": "tert"}),
]


def _etag(respuesta):
    assert respuesta.status_code == 200
    return respuesta["ETag"]


@pytest.mark.parametrize(("ruta", "parametros"), RUTAS)
def test_segunda_solicitud_igual_con_if_none_match_da_304(indice, ruta, parametros):  # noqa: F811
    c = Client()
    primera = c.get(ruta, parametros)
    etag = _etag(primera)
    assert etag.startswith('W/"')
    assert "public" in primera["Cache-Control"] and "max-age=60" in primera["Cache-Control"]
    assert "Cookie" in primera["Vary"]
    segunda = c.get(ruta, parametros, HTTP_IF_NONE_MATCH=etag)
    assert segunda.status_code == 304
    assert segunda.content == b""
    assert segunda["ETag"] == etag
    # Otra consulta u otro formato: otra etiqueta (no se responde 304 a lo que no se tiene).
    otra = c.get(ruta, {"q": "convivencia"}, HTTP_IF_NONE_MATCH=etag)
    assert otra.status_code == 200 and otra["ETag"] != etag


def test_el_304_no_corre_la_busqueda(indice, django_assert_max_num_queries):  # noqa: F811
    c = Client()
    etag = _etag(c.get("/buscar/", {"q": "tertulias"}))
    veces = RegistroBusqueda.objects.get(consulta="tertulias").veces
    with django_assert_max_num_queries(2):  # solo la versión del índice
        assert c.get("/buscar/", {"q": "tertulias"}, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert RegistroBusqueda.objects.get(consulta="tertulias").veces == veces


def test_publicar_una_practica_cambia_la_etiqueta(red_a, coordinadora, editora):  # noqa: F811
    anonimo = Client()
    antes = _etag(anonimo.get("/buscar/", {"q": "tertulias"}))
    assert (
        "Tertulias literarias" not in anonimo.get("/buscar/", {"q": "tertulias"}).content.decode()
    )
    enviar(cliente(coordinadora), red_a)
    # En revisión: nada público cambió todavía, pero tampoco se promete lo contrario.
    from practicas.models import PracticaPage

    practica = PracticaPage.objects.get()
    accion_admin(cliente(editora), practica, "approve")
    respuesta = anonimo.get("/buscar/", {"q": "tertulias"}, HTTP_IF_NONE_MATCH=antes)
    assert respuesta.status_code == 200
    assert respuesta["ETag"] != antes
    assert "Tertulias literarias" in respuesta.content.decode()
    # Editar (una revisión nueva publicada) también la cambia.
    despues = respuesta["ETag"]
    revision = practica.get_latest_revision_as_object()
    revision.resumen = "Resumen nuevo de las tertulias."
    revision.save_revision(user=editora).publish(user=editora)
    assert _etag(anonimo.get("/buscar/", {"q": "tertulias"})) != despues


def test_un_sinonimo_nuevo_cambia_la_etiqueta(indice):  # noqa: F811
    antes = _etag(Client().get("/api/buscar/", {"q": "tlr"}))
    Sinonimo.objects.create(termino="TLR", equivalentes="tertulias literarias")
    assert _etag(Client().get("/api/buscar/", {"q": "tlr"})) != antes


@pytest.mark.parametrize(("ruta", "parametros"), RUTAS)
def test_con_sesion_es_privada_y_sin_etag(indice, coordinadora, ruta, parametros):  # noqa: F811
    c = cliente(coordinadora)
    respuesta = c.get(ruta, parametros)
    assert respuesta.status_code == 200
    assert "ETag" not in respuesta
    assert "private" in respuesta["Cache-Control"] and "no-store" in respuesta["Cache-Control"]
    # Con una etiqueta de una copia anónima tampoco recibe 304.
    etag = _etag(Client().get(ruta, parametros))
    assert c.get(ruta, parametros, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_parametros_invalidos_no_son_publicos(indice):  # noqa: F811
    respuesta = Client().get("/buscar/", {"pagina": "cero"})
    assert respuesta.status_code == 400
    assert "ETag" not in respuesta and "no-store" in respuesta["Cache-Control"]


def _maximo(nombre):
    return _limite(nombre).maximo


def test_revalidar_no_cuenta_contra_el_limite(limites, indice):  # noqa: F811
    c = Client(REMOTE_ADDR="203.0.113.70")
    primera = c.get("/buscar/", {"q": "red"})
    etag = _etag(primera)
    # La cookie del limitador es de este navegador: la respuesta que la fija es privada.
    assert seguridad.COOKIE_CLIENTE in primera.cookies
    assert "private" in primera["Cache-Control"] and "public" not in primera["Cache-Control"]
    for _ in range(_maximo("buscar") + 5):
        assert c.get("/buscar/", {"q": "red"}, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # Con su cookie ya puesta, la copia sí es pública (la cookie no es personal).
    assert "public" in c.get("/buscar/", {"q": "otra"})["Cache-Control"]
    for _ in range(_maximo("buscar") - 2):
        c.get("/buscar/", {"q": "otra"})
    limitada = c.get("/buscar/", {"q": "red"})
    # El camino del 429 sigue mostrando el formulario con el aviso, y no se guarda.
    assert limitada.status_code == 429
    html = limitada.content.decode()
    assert "Demasiadas solicitudes seguidas" in html and 'name="q"' in html
    assert limitada["Cache-Control"] == "no-store"
    assert "ETag" not in limitada
