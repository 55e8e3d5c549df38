"""«Nos sirvió»: sin cuenta, una vez por navegador, CSRF, límite de tasa, solo
en casos y prácticas publicados, sin datos personales."""

import pytest
from django.test import Client, override_settings

from comunidad.models import NosSirvio
from tests.test_casos import crear_caso, crear_indice


@pytest.fixture
def caso(inicio):
    return crear_caso(crear_indice(inicio), "escocia", title="Escocia")


def marcar(c, pagina, **extra):
    """Como lo hace un navegador sin JavaScript: abre la confirmación y envía su formulario."""
    confirmacion = c.get(f"/nos-sirvio/{pagina.pk}/")
    assert confirmacion.status_code == 200
    token = c.cookies["csrftoken"].value
    return c.post(f"/nos-sirvio/{pagina.pk}/", {"csrfmiddlewaretoken": token}, **extra)


def test_ficha_muestra_conteo_y_boton_sin_romper_su_cache(client, caso):
    r = client.get("/casos/escocia/")
    html = r.content.decode()
    assert "0</span> personas dijeron que les sirvió" in html
    assert f'action="/nos-sirvio/{caso.pk}/"' in html
    # La ficha no fija cookies (sigue siendo cacheable para anónimos).
    assert not r.cookies


def test_marcar_suma_una_vez_por_navegador(caso):
    c = Client(enforce_csrf_checks=True)
    r = marcar(c, caso)
    assert r.status_code == 302 and r["Location"] == "/casos/escocia/#nos-sirvio"
    assert NosSirvio.objects.get(pk=caso.pk).cantidad == 1
    # El mismo navegador otra vez (cookie firmada): no suma.
    r = marcar(c, caso, follow=True)
    assert "Ya había marcado" in r.content.decode()
    assert NosSirvio.objects.get(pk=caso.pk).cantidad == 1
    assert "Usted ya marcó que le sirvió" in r.content.decode()
    # Otro navegador sí suma, y la ficha muestra el total.
    otro = Client(enforce_csrf_checks=True)
    marcar(otro, caso)
    assert NosSirvio.objects.get(pk=caso.pk).cantidad == 2
    assert "2</span> personas dijeron" in Client().get("/casos/escocia/").content.decode()


def test_cookie_no_guarda_datos_personales_y_no_se_puede_falsificar(caso):
    c = Client(enforce_csrf_checks=True)
    marcar(c, caso)
    cookie = c.cookies["trama_sirvio"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie.value.split(":")[0] == str(caso.pk)  # solo el id de la página, firmado
    # Una cookie inventada no impide marcar ni rompe nada.
    c2 = Client(enforce_csrf_checks=True)
    c2.cookies["trama_sirvio"] = f"{caso.pk}:falsa:firma"
    marcar(c2, caso)
    assert NosSirvio.objects.get(pk=caso.pk).cantidad == 2


def test_con_javascript_responde_json(caso):
    c = Client(enforce_csrf_checks=True)
    datos = c.get(f"/nos-sirvio/{caso.pk}/", HTTP_ACCEPT="application/json").json()
    assert datos["cantidad"] == 0 and datos["marcado"] is False and datos["csrf"]
    r = c.post(
        f"/nos-sirvio/{caso.pk}/", HTTP_ACCEPT="application/json", HTTP_X_CSRFTOKEN=datos["csrf"]
    )
    assert r.json()["cantidad"] == 1 and r.json()["marcado"] is True
    r = c.post(
        f"/nos-sirvio/{caso.pk}/", HTTP_ACCEPT="application/json", HTTP_X_CSRFTOKEN=datos["csrf"]
    )
    assert r.json()["cantidad"] == 1


def test_sin_token_csrf_no_suma(caso):
    c = Client(enforce_csrf_checks=True)
    r = c.post(f"/nos-sirvio/{caso.pk}/")
    assert r.status_code == 403
    assert not NosSirvio.objects.exists()


def test_solo_casos_y_practicas_publicados(inicio):
    indice = crear_indice(inicio)
    borrador = crear_caso(indice, "borrador", publicar=False)
    c = Client()
    assert c.get(f"/nos-sirvio/{borrador.pk}/").status_code == 404
    assert c.post(f"/nos-sirvio/{borrador.pk}/").status_code == 404
    assert c.get(f"/nos-sirvio/{inicio.pk}/").status_code == 404  # el inicio no
    assert c.get("/nos-sirvio/999999/").status_code == 404
    assert not NosSirvio.objects.exists()


@override_settings(TRAMA_LIMITE_TASA_ACTIVO=True)
def test_limite_de_tasa_por_ip(caso):
    from django.core.cache import cache

    cache.clear()
    respuestas = []
    for _ in range(32):
        c = Client()  # navegadores nuevos (sin cookie) desde la misma IP
        respuestas.append(c.post(f"/nos-sirvio/{caso.pk}/").status_code)
    assert 429 in respuestas
    assert NosSirvio.objects.get(pk=caso.pk).cantidad <= 30
    cache.clear()
