"""Accesibilidad (axe-core, WCAG 2.2 AA) y uso solo con teclado, en Chromium."""

import pytest

from portal.paginas_base import cargar_base


@pytest.fixture
def sitio(live_server):
    # Sin el fixture `db`: con él, pytest-django no restaura los datos de las
    # migraciones entre pruebas transaccionales (serialized_rollback).
    return cargar_base()


@pytest.mark.parametrize(
    "ruta",
    [
        "/",
        "/marco/",
        "/marco/focos/",
        "/marco/caracteristicas/",
        "/accesibilidad/",
        "/cuenta/entrar/",
    ],
)
def test_paginas_base_sin_violaciones_wcag(visita, sitio, ruta):
    respuesta = visita.ir(ruta)
    assert respuesta.status == 200
    visita.axe()


def test_pagina_no_encontrada_accesible(visita, sitio):
    respuesta = visita.ir("/no-existe-esta-pagina/")
    assert respuesta.status == 404
    visita.errores.clear()  # el 404 del documento se anota en la consola
    assert visita.page.get_by_role("heading", level=1).inner_text() == "No encontramos esa página"
    visita.axe()


def test_login_con_errores_accesible_y_conserva_lo_escrito(visita, sitio):
    visita.ir("/cuenta/entrar/")
    visita.page.get_by_label("Nombre de usuario").fill("nadie")
    visita.page.get_by_label("Contraseña").fill("mala")
    visita.page.get_by_role("button", name="Entrar").click()
    alerta = visita.page.get_by_role("alert")
    assert "usuario" in alerta.inner_text().lower()
    assert visita.page.get_by_label("Nombre de usuario").input_value() == "nadie"
    visita.axe("login-con-errores")


def test_inicio_se_usa_solo_con_teclado(visita, sitio):
    page = visita.ir("/") and visita.page
    # El primer Tab muestra el enlace para saltar al contenido.
    page.keyboard.press("Tab")
    saltar = page.get_by_role("link", name="Saltar al contenido")
    assert saltar.evaluate("e => e === document.activeElement")
    assert saltar.is_visible()
    visita.captura("saltar-al-contenido")
    # Tab hasta el buscador de la portada, con foco visible.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "inicio-q":
            break
    else:
        pytest.fail("El buscador de la portada no se alcanza con Tab")
    contorno = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert contorno != "none", "El buscador con foco no muestra foco visible"
    visita.captura("foco-en-buscador")
    page.keyboard.type("escuelas rurales")
    page.keyboard.press("Enter")
    page.wait_for_url("**/buscar/?q=escuelas+rurales")
    visita.captura("resultado-de-buscar-con-enter")


def test_saltar_al_contenido_mueve_el_foco_al_main(visita, sitio):
    page = visita.ir("/marco/") and visita.page
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenido"


def test_admin_de_wagtail_funciona_con_la_csp(visita, sitio):
    """El admin carga sus scripts y estilos sin violaciones de CSP (la consola se vigila)."""
    from django.contrib.auth.models import Group, User

    from portal.permisos import EDITORES

    editora = User.objects.create_user("editora", password="clave-de-prueba-123")
    editora.groups.add(Group.objects.get(name=EDITORES))
    visita.ir("/admin/login/")
    visita.captura("admin-login")
    visita.page.locator("input[name=username]").fill("editora")
    visita.page.locator("input[name=password]").fill("clave-de-prueba-123")
    visita.page.locator("form button[type=submit]").click()
    visita.page.wait_for_url("**/admin/")
    visita.captura("admin-panel")
    # El explorador de páginas y el editor (con sus componentes de JS) funcionan.
    visita.ir("/admin/pages/")
    visita.page.get_by_role("link", name="Trama", exact=False).first.wait_for()
    visita.captura("admin-explorador")
    inicio_id = sitio.id
    visita.ir(f"/admin/pages/{inicio_id}/edit/")
    visita.page.get_by_role("button", name="Guardar borrador").wait_for()
    visita.captura("admin-editor")
    # La barra de edición sobre el sitio público tampoco choca con la CSP.
    visita.ir("/")
    visita.page.locator("wagtail-userbar").wait_for(state="attached")
    visita.captura("sitio-con-barra-de-edicion")
