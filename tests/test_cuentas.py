"""Cuentas: «¿Olvidó su contraseña?» de punta a punta e invitaciones de la DEP."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from portal.models import Slep, TipoRed
from portal.permisos import COORDINADORES
from practicas.models import Red

OLVIDO = "/cuenta/contrasena/olvido/"
INVITAR = "/admin/invitar-coordinadora/"


def enlace_del_correo(cuerpo):
    return re.search(r"https?://[^/\s]+(/cuenta/\S+/)", cuerpo).group(1)


def elegir_clave(c, enlace, clave):
    r = c.get(enlace)
    assert r.status_code == 302  # Django guarda el token en la sesión y redirige
    r = c.get(r["Location"])
    assert r.status_code == 200 and r.context["validlink"]
    return c.post(
        r.request["PATH_INFO"], {"new_password1": clave, "new_password2": clave}, follow=True
    )


def test_login_enlaza_olvido_y_explica_como_pedir_cuenta(client, inicio):
    r = client.get("/cuenta/entrar/")
    html = r.content.decode()
    assert 'href="/cuenta/contrasena/olvido/"' in html
    assert "¿Cómo obtengo una cuenta?" in html


def test_restablecer_clave_de_punta_a_punta(
    client, inicio, crear_usuario, django_capture_on_commit_callbacks
):
    usuaria = crear_usuario("ana")
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(OLVIDO, {"email": "ANA@ejemplo.cl"})
    assert r.status_code == 302 and r["Location"] == "/cuenta/contrasena/olvido/enviado/"
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.to == ["ana@ejemplo.cl"]
    assert "contraseña nueva" in correo.subject
    assert "Su usuario es: ana" in correo.body
    enlace = enlace_del_correo(correo.body)

    c = Client()
    r = elegir_clave(c, enlace, "otra-clave-segura-2026")
    assert "Contraseña guardada" in r.content.decode()
    assert c.login(username="ana", password="otra-clave-segura-2026")
    usuaria.refresh_from_db()
    assert usuaria.check_password("otra-clave-segura-2026")
    # El enlace sirve una sola vez.
    r = Client().get(enlace, follow=True)
    assert r.context["validlink"] is False
    assert "El enlace ya no sirve" in r.content.decode()


def test_olvido_con_correo_desconocido_no_revela_nada(
    client, inicio, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(OLVIDO, {"email": "nadie@ejemplo.cl"}, follow=True)
    assert "Revise su correo" in r.content.decode()
    assert mail.outbox == []


def test_olvido_con_correo_invalido_explica_en_espanol(client, inicio):
    r = client.post(OLVIDO, {"email": "no es correo"})
    assert r.status_code == 200
    assert "Escriba un correo electrónico válido" in r.content.decode()
    assert 'value="no es correo"' in r.content.decode()


def test_clave_debil_se_rechaza_sin_perder_el_enlace(client, inicio, crear_usuario):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    u = crear_usuario("beto")
    enlace = (
        f"/cuenta/contrasena/nueva/{urlsafe_base64_encode(force_bytes(u.pk))}/"
        f"{default_token_generator.make_token(u)}/"
    )
    r = elegir_clave(client, enlace, "12345678")
    assert r.status_code == 200 and r.context["validlink"]
    assert "demasiado común" in r.content.decode() or "numérica" in r.content.decode()


def test_dep_invita_y_la_coordinadora_elige_su_clave(
    inicio, editora, django_capture_on_commit_callbacks
):
    red = Red.objects.create(
        nombre="Red de UTP Pudahuel",
        slug="utp-pudahuel",
        tipo=TipoRed.objects.get(slug="utp"),
        slep=Slep.objects.get(slug="barrancas"),
    )
    dep = Client()
    dep.force_login(editora)
    r = dep.get(INVITAR)
    assert r.status_code == 200 and "Invitar a una coordinadora" in r.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = dep.post(
            INVITAR,
            {
                "email": "Carla@SLEP.cl",
                "first_name": "Carla",
                "last_name": "Soto",
                "redes": [red.pk],
            },
            follow=True,
        )
    assert "le enviamos el enlace" in r.content.decode()
    carla = get_user_model().objects.get(email="carla@slep.cl")
    assert carla.groups.filter(name=COORDINADORES).exists()
    assert not carla.has_usable_password()
    assert list(carla.redes_coordinadas.all()) == [red]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["carla@slep.cl"]
    assert "Red de UTP Pudahuel" in mail.outbox[0].body

    c = Client()
    enlace = enlace_del_correo(mail.outbox[0].body)
    assert enlace.startswith("/cuenta/invitacion/")
    r = c.get(c.get(enlace)["Location"])
    assert "Bienvenida a Trama" in r.content.decode()
    r = c.post(
        r.request["PATH_INFO"],
        {"new_password1": "mi-red-de-utp-2026", "new_password2": "mi-red-de-utp-2026"},
        follow=True,
    )
    assert "Contraseña guardada" in r.content.decode()
    assert Client().login(username=carla.username, password="mi-red-de-utp-2026")

    # Invitar de nuevo reutiliza la cuenta (no crea otra) y no borra su contraseña.
    with django_capture_on_commit_callbacks(execute=True):
        r = dep.post(INVITAR, {"email": "carla@slep.cl"}, follow=True)
    assert "ya tenía cuenta" in r.content.decode()
    assert get_user_model().objects.filter(email__iexact="carla@slep.cl").count() == 1
    carla.refresh_from_db()
    assert carla.check_password("mi-red-de-utp-2026")
    assert "Usted ya tiene cuenta" in mail.outbox[-1].body


def test_solo_editores_invitan(inicio, coordinadora):
    c = Client()
    c.force_login(coordinadora)
    r = c.post(INVITAR, {"email": "x@ejemplo.cl"})
    assert r.status_code in (302, 403)
    assert not get_user_model().objects.filter(email="x@ejemplo.cl").exists()
    assert mail.outbox == []


def test_invitacion_con_correo_invalido_no_crea_nada(inicio, editora):
    c = Client()
    c.force_login(editora)
    r = c.post(INVITAR, {"email": "carla"})
    assert r.status_code == 200
    assert "Escriba un correo electrónico válido" in r.content.decode()
    assert get_user_model().objects.count() == 1
