"""Imágenes de prácticas en revisión y sus miniaturas: fuera de lo que sirve el
proxy, entregadas solo a quien puede verlas; al publicar pasan a lo público y al
despublicar, rechazar o pedir cambios vuelven (portal/almacen.py,
practicas/archivos.py)."""

# ruff: noqa: F811 (las fixtures se importan de test_practicas y se piden por nombre)

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.images import get_image_model

from practicas.models import PracticaPage
from tests.test_practicas import (  # noqa: F401 (fixtures)
    PUBLICAR,
    accion_admin,
    cliente,
    coordinador2,
    datos,
    indice,
    png,
    red_a,
    red_b,
)

pytestmark = pytest.mark.django_db

PUBLICO = Path(settings.MEDIA_ROOT)


@pytest.fixture(autouse=True)
def _sin_cache_de_miniaturas():
    # Wagtail guarda las rendiciones en la caché por id de imagen y hash: entre
    # pruebas la base reusa ids (se deshace cada transacción) y el PNG es el mismo.
    cache.clear()
    yield
    cache.clear()


def _en_disco_publico(nombre):
    """¿Lo serviría nginx? (README: /media/images/ directo desde MEDIA_ROOT)."""
    return (PUBLICO / nombre).exists()


def _enviar_con_imagen(c, red, nombre="foto.png", capturar=None, **extra):
    with capturar(execute=True):
        respuesta = c.post(
            PUBLICAR, {**datos(red, **extra), "imagen": png(nombre=nombre), "enviar": "1"}
        )
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    return PracticaPage.objects.get()


def _imagen_de_revision(practica):
    return practica.get_latest_revision_as_object().imagenes.first().imagen


def _privada(imagen):
    imagen.refresh_from_db()
    rendicion = imagen.get_rendition("max-800x600")
    assert imagen.file.name.startswith("privado/original_images/")
    assert rendicion.file.name.startswith("privado/images/")
    assert imagen.file.url.startswith("/imagenes-privadas/original_images/")
    assert rendicion.url.startswith("/imagenes-privadas/images/")
    assert Path(imagen.file.path).is_relative_to(settings.TRAMA_MEDIA_PRIVADA)
    assert Path(rendicion.file.path).exists()
    nombre_publico = imagen.file.name.removeprefix("privado/")
    assert not _en_disco_publico(nombre_publico)
    assert not any((PUBLICO / "images").glob(Path(nombre_publico).stem + ".*"))
    return rendicion


def test_imagen_en_revision_y_su_miniatura_solo_para_quien_puede(
    red_a, red_b, coordinadora, coordinador2, editora, django_capture_on_commit_callbacks
):
    practica = _enviar_con_imagen(
        cliente(coordinadora), red_a, capturar=django_capture_on_commit_callbacks
    )
    imagen = _imagen_de_revision(practica)
    rendicion = _privada(imagen)
    # La vista previa de la red muestra la miniatura privada.
    previa = cliente(coordinadora).get(reverse("practicas:vista_previa", args=[practica.pk]))
    assert rendicion.url in previa.content.decode()
    for url in (imagen.file.url, rendicion.url):
        assert Client().get(url).status_code == 404
        assert cliente(coordinador2).get(url).status_code == 403
        for quien in (coordinadora, editora):
            respuesta = cliente(quien).get(url)
            assert respuesta.status_code == 200
            assert respuesta["Content-Type"] == "image/png"
            assert b"".join(respuesta.streaming_content).startswith(b"\x89PNG")
            assert "private" in respuesta["Cache-Control"]
            assert respuesta["X-Content-Type-Options"] == "nosniff"


def test_con_x_accel_redirect_nginx_entrega_el_archivo(
    red_a, coordinadora, settings, django_capture_on_commit_callbacks
):
    settings.TRAMA_MEDIA_PRIVADA_ACCEL = "/_media_privada/"
    practica = _enviar_con_imagen(
        cliente(coordinadora), red_a, capturar=django_capture_on_commit_callbacks
    )
    imagen = _imagen_de_revision(practica)
    respuesta = cliente(coordinadora).get(imagen.file.url)
    assert respuesta.status_code == 200
    assert respuesta["X-Accel-Redirect"] == "/_media_privada/" + imagen.file.name.removeprefix(
        "privado/"
    )
    assert respuesta.content == b""
    assert Client().get(imagen.file.url).status_code == 404


def _publica(imagen):
    imagen.refresh_from_db()
    rendicion = imagen.get_rendition("max-800x600")
    assert imagen.file.name.startswith("original_images/")
    assert rendicion.url.startswith(settings.MEDIA_URL + "images/")
    assert _en_disco_publico(imagen.file.name) and _en_disco_publico(rendicion.file.name)
    assert not (Path(settings.TRAMA_MEDIA_PRIVADA) / imagen.file.name).exists()
    return rendicion


def test_aprobar_la_hace_publica_y_despublicar_la_vuelve_privada(
    red_a, coordinadora, editora, django_capture_on_commit_callbacks
):
    practica = _enviar_con_imagen(
        cliente(coordinadora), red_a, capturar=django_capture_on_commit_callbacks
    )
    imagen = _imagen_de_revision(practica)
    privada = _privada(imagen)
    with django_capture_on_commit_callbacks(execute=True):
        accion_admin(cliente(editora), practica, "approve")
    rendicion = _publica(imagen)
    # La ficha publicada la muestra desde lo público; la URL privada ya no existe.
    practica.refresh_from_db()
    assert rendicion.url in Client().get(practica.url).content.decode()
    assert cliente(coordinadora).get(privada.url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        practica.unpublish(user=editora)
    _privada(imagen)
    assert Client().get(imagen.file.url).status_code == 404


def _editar_publicada(c, practica, red, nombre, conservar=True):
    url = reverse("practicas:editar", args=[practica.pk])
    formulario = c.get(url)
    assert formulario.status_code == 200
    base = formulario.context["form"]["revision_base"].value()
    anteriores = [str(i.imagen_id) for i in practica.imagenes.all()] if conservar else []
    respuesta = c.post(
        url,
        {
            **datos(red, revision_base=base, resumen="Una versión nueva del resumen."),
            "imagenes_subidas": anteriores,
            "imagen": png(nombre=nombre),
            "enviar": "1",
        },
    )
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]


@pytest.mark.parametrize("accion", ["reject", "rechazar"])
@pytest.mark.parametrize("conservar", [True, False])
def test_rechazar_o_pedir_cambios_a_una_version_nueva_de_una_publicada(
    red_a, coordinadora, editora, django_capture_on_commit_callbacks, accion, conservar
):
    """La versión publicada sigue en línea con sus archivos públicos; lo que solo
    traía la versión rechazada sigue privado (también si la nueva quitaba la foto)."""
    c = cliente(coordinadora)
    practica = _enviar_con_imagen(c, red_a, capturar=django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        accion_admin(cliente(editora), practica, "approve")
    publicada = _imagen_de_revision(practica)
    with django_capture_on_commit_callbacks(execute=True):
        _editar_publicada(c, practica, red_a, "nueva.png", conservar=conservar)
    practica.refresh_from_db()
    nueva = next(
        i.imagen
        for i in practica.get_latest_revision_as_object().imagenes.all()
        if i.imagen_id != publicada.pk
    )
    _privada(nueva)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = accion_admin(cliente(editora), practica, accion, "Falta el contexto.")
    assert respuesta.status_code == 302
    practica.refresh_from_db()
    assert practica.live  # la versión aprobada antes sigue publicada
    rendicion = _publica(publicada)
    assert rendicion.url in Client().get(practica.url).content.decode()
    _privada(nueva)
    assert Client().get(nueva.file.url).status_code == 404
    assert cliente(coordinadora).get(nueva.file.url).status_code == 200


def test_despublicar_no_retira_la_imagen_que_otra_practica_publicada_muestra(
    red_a, coordinadora, editora, django_capture_on_commit_callbacks
):
    c = cliente(coordinadora)
    practica = _enviar_con_imagen(c, red_a, capturar=django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        accion_admin(cliente(editora), practica, "approve")
    imagen = _imagen_de_revision(practica)
    # Una editora usa la misma foto en otra práctica publicada.
    practica.refresh_from_db()
    otra = practica.copy(
        update_attrs={"slug": "otra-practica", "title": "Otra práctica"}, keep_live=True
    )
    assert get_image_model().objects.filter(pk=imagen.pk).exists()
    assert otra.specific.imagenes.first().imagen_id == imagen.pk
    with django_capture_on_commit_callbacks(execute=True):
        practica.unpublish(user=editora)
    _publica(imagen)


def test_el_respaldo_incluye_las_imagenes_privadas_sin_sus_miniaturas(
    red_a, coordinadora, tmp_path, django_capture_on_commit_callbacks
):
    import io
    import tarfile

    from django.core.management import call_command

    practica = _enviar_con_imagen(
        cliente(coordinadora), red_a, capturar=django_capture_on_commit_callbacks
    )
    imagen = _imagen_de_revision(practica)
    _privada(imagen)  # también genera su miniatura privada
    archivo = tmp_path / "respaldo.tar.gz"
    call_command("respaldar", str(archivo), stdout=io.StringIO())
    with tarfile.open(archivo) as tar:
        nombres = tar.getnames()
    assert f"media/{imagen.file.name}" in nombres
    assert not any(n.startswith("media/privado/images/") for n in nombres)
