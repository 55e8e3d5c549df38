"""Búsquedas guardadas: el resumen por correo trae solo lo nuevo que calza y se
da de baja con el enlace del correo, sin iniciar sesión."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from comunidad.models import BusquedaGuardada
from tests.test_casos import crear_caso, crear_indice


@pytest.fixture
def indice(inicio):
    indice = crear_indice(inicio)
    crear_caso(
        indice, "viejo-rural", title="Escuelas rurales de antes", resumen="Escuelas rurales."
    )
    crear_caso(indice, "escocia", title="Escocia", resumen="Colaboración escolar.")
    return indice


def correr_resumenes(capturar):
    with capturar(execute=True):
        call_command("enviar_resumenes")


def test_resumen_solo_trae_lo_nuevo_y_se_da_de_baja_con_el_enlace(
    indice, coordinadora, django_capture_on_commit_callbacks
):
    c = Client()
    c.force_login(coordinadora)
    r = c.post("/cuenta/busquedas/guardar/", {"parametros": "q=rural&pagina=3"}, follow=True)
    assert "Listo: le escribiremos a coordinadora@ejemplo.cl" in r.content.decode()
    guardada = BusquedaGuardada.objects.get(usuario=coordinadora)
    assert guardada.parametros == "q=rural"
    assert "«rural»" in guardada.nombre
    assert "«rural»" in c.get("/cuenta/busquedas/").content.decode()

    # Nada nuevo todavía: no hay correo.
    correr_resumenes(django_capture_on_commit_callbacks)
    assert mail.outbox == []

    crear_caso(
        indice, "nuevo-rural", title="Microcentros rurales", resumen="Escuelas rurales juntas."
    )
    crear_caso(indice, "nuevo-otro", title="Liderazgo en Escocia", resumen="Sin relación.")
    crear_caso(indice, "borrador-rural", title="Borrador rural", resumen="rural", publicar=False)
    correr_resumenes(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.to == ["coordinadora@ejemplo.cl"]
    assert "Microcentros rurales" in correo.body
    assert "Escuelas rurales de antes" not in correo.body  # ya existía al guardar
    assert "Liderazgo en Escocia" not in correo.body  # no calza
    assert "Borrador rural" not in correo.body  # no está publicado
    assert "1 novedad" in correo.subject
    baja = re.search(r"https?://[^/\s]+(/seguir/baja/\S+/)", correo.body).group(1)
    assert correo.extra_headers["List-Unsubscribe"].endswith(baja + ">")

    # Lo ya avisado no se repite.
    correr_resumenes(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1

    # Baja desde el correo, sin sesión: GET confirma (no da de baja solo) y POST da de baja.
    anonimo = Client(enforce_csrf_checks=True)
    r = anonimo.get(baja)
    assert "¿Quiere dejar de recibir" in r.content.decode()
    guardada.refresh_from_db()
    assert guardada.activa
    token = anonimo.cookies["csrftoken"].value
    r = anonimo.post(baja, {"csrfmiddlewaretoken": token})
    assert "ya no le escribiremos" in r.content.decode()
    guardada.refresh_from_db()
    assert not guardada.activa

    crear_caso(indice, "otro-rural", title="Otra red rural", resumen="Escuelas rurales.")
    correr_resumenes(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_guardar_exige_cuenta_y_parametros_validos(indice, coordinadora):
    r = Client().post("/cuenta/busquedas/guardar/", {"parametros": "q=rural"})
    assert r.status_code == 302 and r["Location"].startswith("/cuenta/entrar/")
    c = Client()
    c.force_login(coordinadora)
    r = c.post("/cuenta/busquedas/guardar/", {"parametros": "pagina=cero"}, follow=True)
    assert "No pudimos guardar la búsqueda" in r.content.decode()
    assert not BusquedaGuardada.objects.exists()


def test_guardar_dos_veces_no_duplica_y_solo_el_dueno_borra(indice, coordinadora, editora):
    c = Client()
    c.force_login(coordinadora)
    c.post("/cuenta/busquedas/guardar/", {"parametros": "q=rural"})
    r = c.post("/cuenta/busquedas/guardar/", {"parametros": "q=rural"}, follow=True)
    assert "Ya seguía esta búsqueda" in r.content.decode()
    guardada = BusquedaGuardada.objects.get()
    otra = Client()
    otra.force_login(editora)
    assert otra.post(f"/cuenta/busquedas/{guardada.pk}/borrar/").status_code == 404
    c.post(f"/cuenta/busquedas/{guardada.pk}/borrar/")
    guardada.refresh_from_db()
    assert not guardada.activa


def test_enlace_de_baja_desconocido(client, inicio):
    r = client.get("/seguir/baja/no-existe/")
    assert r.status_code == 404 and "no corresponde" in r.content.decode()


def test_buscar_ofrece_seguir(client, indice, coordinadora):
    html = client.get("/buscar/", {"q": "rural"}).content.decode()
    assert 'href="/fuentes/buscar/?q=rural"' in html
    assert "recibir las novedades por correo" in html
    c = Client()
    c.force_login(coordinadora)
    html = c.get("/buscar/", {"q": "rural"}).content.decode()
    assert 'name="parametros" value="q=rural"' in html
