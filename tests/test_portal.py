"""Inicio, páginas del marco, carga de contenido, grupos y acceso al admin."""

import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from portal.models import Foco, HomePage, MarcoPage

pytestmark = pytest.mark.django_db


def test_inicio_explica_que_es_una_red_y_navega_a_las_secciones(client, inicio):
    respuesta = client.get("/")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "¿Qué es una red educativa?" in html
    assert "Ley 21.040" in html
    for enlace in ('href="/casos/"', 'href="/practicas/"', 'href="/buscar/"', 'href="/marco/"'):
        assert enlace in html
    assert '<html lang="es-CL">' in html


def test_pagina_de_focos_lista_cada_foco_con_su_definicion_y_filtro(client, inicio):
    html = client.get("/marco/focos/").content.decode()
    for foco in Foco.objects.all():
        assert foco.nombre in html
        assert foco.descripcion in html
        assert f"/casos/?foco={foco.slug}" in html


def test_pagina_de_caracteristicas_agrupa_por_dimension(client, inicio):
    html = client.get("/marco/caracteristicas/").content.decode()
    nuclear = html.index("Dimensión nuclear")
    territorial = html.index("Dimensión territorial")
    individual = html.index("Dimensión individual")
    assert nuclear < html.index("Colaboración sostenida") < territorial
    assert territorial < html.index("Participación de la comunidad educativa") < individual
    assert individual < html.index("Liderazgo distribuido")
    assert "/casos/?caracteristica=liderazgo-distribuido" in html


@pytest.mark.parametrize("ruta", ["/marco/", "/marco/principios/", "/marco/riesgos/"])
def test_paginas_del_marco_responden(client, inicio, ruta):
    assert client.get(ruta).status_code == 200


def test_pagina_de_riesgos_muestra_los_seis(client, inicio):
    html = client.get("/marco/riesgos/").content.decode()
    assert "Luchas de poder" in html
    assert "compañero durmiente" in html


def test_cargar_contenido_dos_veces_no_duplica(inicio):
    call_command("load_initial_data")
    paginas = Page.objects.count()
    call_command("load_initial_data")
    assert Page.objects.count() == paginas
    assert HomePage.objects.count() == 1
    assert MarcoPage.objects.count() == 4


def test_demo_se_niega_fuera_de_desarrollo(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="solo se cargan en desarrollo"):
        call_command("load_initial_data", "--demo")


def test_admin_redirige_al_login(client):
    respuesta = client.get("/admin/")
    assert respuesta.status_code == 302
    assert "/admin/login/" in respuesta["Location"]


def test_editora_dep_entra_al_admin_y_ve_el_marco(client, editora, inicio):
    client.force_login(editora)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/snippets/portal/foco/").status_code == 200
    assert editora.has_perm("portal.change_slep")
    assert editora.has_perm("portal.add_slep")


def test_coordinadora_no_entra_al_admin(client, coordinadora):
    client.force_login(coordinadora)
    respuesta = client.get("/admin/")
    assert respuesta.status_code in (302, 403)
    assert client.get("/admin/snippets/portal/foco/").status_code in (302, 403)


def test_login_publico_en_espanol(client):
    html = client.get("/cuenta/entrar/").content.decode()
    assert "Entrar" in html
    respuesta = client.post("/cuenta/entrar/", {"username": "nadie", "password": "x"})
    assert respuesta.status_code == 200
    assert "nombre de usuario" in respuesta.content.decode().lower()


def test_pagina_inexistente_da_404_en_espanol(client, inicio):
    respuesta = client.get("/no-existe/")
    assert respuesta.status_code == 404
    assert "No encontramos esa página" in respuesta.content.decode()


def _arrancar_produccion(env_extra):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    env.update({"DJANGO_SETTINGS_MODULE": "portal.settings.production", **env_extra})
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_produccion_sin_secret_key_no_arranca():
    resultado = _arrancar_produccion({"ALLOWED_HOSTS": "trama.example.cl"})
    assert resultado.returncode != 0
    assert "Falta la variable de entorno SECRET_KEY" in resultado.stderr


def test_produccion_sin_allowed_hosts_no_arranca():
    resultado = _arrancar_produccion({"SECRET_KEY": "x" * 50})
    assert resultado.returncode != 0
    assert "Falta la variable de entorno ALLOWED_HOSTS" in resultado.stderr


def test_produccion_con_su_configuracion_arranca():
    resultado = _arrancar_produccion({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "trama.example.cl"})
    assert resultado.returncode == 0, resultado.stderr


def test_encabezado_con_sesion_lleva_a_mis_practicas_y_admin_solo_a_editores(
    client, inicio, editora, coordinadora
):
    client.force_login(coordinadora)
    html = client.get("/").content.decode()
    assert 'href="/practicas/mis-practicas/"' in html
    assert 'href="/admin/"' not in html
    client.force_login(editora)
    assert 'href="/admin/"' in client.get("/").content.decode()
