"""Issue 14, adaptaciones: una red escribe su versión de la práctica de otra
(«La adaptamos en nuestra red»), pasa por la misma revisión DEP y, publicada, la
original la muestra, la adaptación enlaza a su origen y la red la lista."""

# ruff: noqa: F811 (las fixtures se importan de test_practicas y se piden por nombre)

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from portal.models import Caracteristica
from practicas.models import PracticaPage
from tests.test_practicas import (  # noqa: F401 (fixtures)
    accion_admin,
    cliente,
    coordinador2,
    crear_red,
    datos,
    enviar,
    indice,
    png,
    red_a,
    red_b,
)

pytestmark = pytest.mark.django_db


def _publicada(c_red, red, editora, **extra):
    """Una práctica enviada por su red y aprobada por la editora (flujo de siempre)."""
    antes = set(PracticaPage.objects.values_list("pk", flat=True))
    respuesta = enviar(c_red, red, **extra)
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    practica = PracticaPage.objects.exclude(pk__in=antes).get()
    assert accion_admin(cliente(editora), practica, "approve").status_code == 302
    practica.refresh_from_db()
    assert practica.live
    return practica


@pytest.fixture
def original(red_b, coordinador2, editora):
    """Práctica de la red B, con una imagen y clasificada en el marco."""
    c = cliente(coordinador2)
    c.post(
        "/practicas/publicar/",
        {
            **datos(red_b, titulo="Microcentro que lee en voz alta"),
            "imagen": png(nombre="foto-de-b.png"),
            "guardar": "1",
        },
    )
    borrador = PracticaPage.objects.get()
    imagen = borrador.get_latest_revision_as_object().imagenes.first().imagen
    respuesta = c.post(
        reverse("practicas:editar", args=[borrador.pk]),
        {
            **datos(
                red_b,
                titulo="Microcentro que lee en voz alta",
                resultados="Subió la lectura en 2.º básico.",
                nivel_evidencia="resultados",
                caracteristicas=[str(Caracteristica.objects.order_by("pk").first().pk)],
            ),
            "imagenes_subidas": [str(imagen.pk)],
            "revision_base": str(borrador.latest_revision_id),
            "enviar": "1",
        },
    )
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    assert accion_admin(cliente(editora), borrador, "approve").status_code == 302
    borrador.refresh_from_db()
    assert borrador.live
    return borrador


def test_coordinadora_adapta_la_practica_de_otra_red_y_aprobada_se_ve_en_todas_partes(
    red_a, red_b, coordinadora, editora, original
):
    c = cliente(coordinadora)
    # En la ficha pública de la práctica de B, la coordinadora de A ve el botón.
    ficha = c.get(original.url).content.decode()
    adaptar = reverse("practicas:adaptar", args=[original.pk])
    assert "La adaptamos en nuestra red" in ficha
    assert f'href="{adaptar}"' in ficha

    # El formulario de siempre, prellenado con la original, sin sus archivos ni resultados.
    formulario = c.get(adaptar)
    assert formulario.status_code == 200
    html = formulario.content.decode()
    assert "Adaptar «Microcentro que lee en voz alta» en su red" in html
    form = formulario.context["form"]
    assert form["titulo"].value() == "Adaptación de «Microcentro que lee en voz alta»"
    assert form["resumen"].value() == original.resumen
    assert form["pasos"].value() == "Elegir un libro\nLeerlo en la red\nLlevarlo al aula"
    assert [int(x) for x in form["focos"].value()] == list(
        original.focos.values_list("pk", flat=True)
    )
    assert form["caracteristicas"].value()
    assert not form["resultados"].value()
    assert not form.imagenes_visibles and "foto-de-b" not in html
    # Solo se ofrece la red propia (la de B no): con una sola, viene elegida.
    assert list(form.fields["red"].queryset) == [red_a]
    assert form["red"].value() == red_a.pk

    # Envía su versión: queda en revisión y la original todavía no la muestra.
    respuesta = c.post(
        adaptar,
        {
            **datos(red_a, titulo="Adaptación de «Microcentro que lee en voz alta»"),
            "pasos": "Elegir un libro\nLeerlo en voz alta en el consejo de profesores",
            "enviar": "1",
        },
    )
    assert respuesta.status_code == 302, respuesta.content.decode()[:3000]
    adaptacion = PracticaPage.objects.get(red=red_a)
    assert adaptacion.adaptada_de_id == original.pk
    assert not adaptacion.live
    anonimo = Client()
    assert "Adaptada por" not in anonimo.get(original.url).content.decode()
    assert "Adaptación de «Microcentro" in c.get("/practicas/mis-practicas/").content.decode()
    previa = c.get(reverse("practicas:vista_previa", args=[adaptacion.pk])).content.decode()
    assert f'href="{original.url}"' in previa  # la vista previa ya muestra el origen

    # La editora la aprueba en el mismo flujo «Revisión DEP».
    assert accion_admin(cliente(editora), adaptacion, "approve").status_code == 302
    adaptacion.refresh_from_db()
    assert adaptacion.live

    # La original muestra «Adaptada por 1 red» con el enlace; la adaptación, su origen.
    html = anonimo.get(original.url).content.decode()
    assert "Adaptada por 1 red<" in html
    assert f'href="{adaptacion.url}"' in html and red_a.nombre in html
    html = anonimo.get(adaptacion.url).content.decode()
    assert "Adaptación de " in html
    assert f'<a href="{original.url}">«Microcentro que lee en voz alta»</a> ({red_b.nombre})' in (
        html
    )
    # La página de la red A la lista como adaptación; la de B, como adaptada por otra red.
    html = anonimo.get(f"/redes/{red_a.slug}/").content.decode()
    assert f'href="{adaptacion.url}"' in html
    assert "Adaptación de «Microcentro que lee en voz alta»" in html
    html = anonimo.get(f"/redes/{red_b.slug}/").content.decode()
    assert "Prácticas de esta red que otras redes adaptaron" in html
    assert f'href="{adaptacion.url}"' in html
    # Versión para imprimir: el origen también (la atribución viaja con la práctica).
    imprimir = anonimo.get(adaptacion.url + "imprimir/").content.decode()
    assert "Microcentro que lee en voz alta" in imprimir


def test_una_red_no_adapta_su_propia_practica(red_b, coordinador2, original):
    c = cliente(coordinador2)
    assert "La adaptamos en nuestra red" not in c.get(original.url).content.decode()
    respuesta = c.get(reverse("practicas:adaptar", args=[original.pk]), follow=True)
    assert respuesta.redirect_chain[-1][0] == original.url
    assert "una red no adapta su propia práctica" in respuesta.content.decode()
    # Tampoco por POST directo.
    c.post(reverse("practicas:adaptar", args=[original.pk]), {**datos(red_b), "enviar": "1"})
    assert PracticaPage.objects.count() == 1


def test_con_varias_redes_elige_y_no_puede_forzar_la_de_la_original(
    red_a, red_b, coordinadora, original
):
    red_c = crear_red("red-c", coordinadores=[coordinadora])
    red_b.coordinadores.add(coordinadora)  # también coordina la red de la original
    c = cliente(coordinadora)
    adaptar = reverse("practicas:adaptar", args=[original.pk])
    form = c.get(adaptar).context["form"]
    assert set(form.fields["red"].queryset) == {red_a, red_c}
    assert form["red"].value() is None  # con dos, la elige ella
    # Forzar la red de la original: mensaje claro, nada guardado, nada perdido.
    respuesta = c.post(adaptar, {**datos(red_b, resumen="Mi resumen escrito"), "enviar": "1"})
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "distinta de la red de la práctica original" in html
    assert "Mi resumen escrito" in html
    assert PracticaPage.objects.count() == 1
    # Un borrador con la red C: después se edita como cualquier práctica y sigue siendo adaptación.
    respuesta = c.post(adaptar, {**datos(red_c), "guardar": "1"})
    assert respuesta.status_code == 302
    borrador = PracticaPage.objects.get(red=red_c)
    assert borrador.adaptada_de_id == original.pk
    edicion = c.get(reverse("practicas:editar", args=[borrador.pk])).content.decode()
    assert "Esta práctica adapta" in edicion


def test_borradores_rechazadas_y_en_revision_nunca_se_muestran(
    red_a, coordinadora, editora, original
):
    c = cliente(coordinadora)
    adaptar = reverse("practicas:adaptar", args=[original.pk])
    c.post(adaptar, {**datos(red_a, titulo="Borrador de adaptación"), "guardar": "1"})
    c.post(adaptar, {**datos(red_a, titulo="Adaptación rechazada"), "enviar": "1"})
    rechazada = PracticaPage.objects.get(title="Adaptación rechazada")
    accion_admin(cliente(editora), rechazada, "rechazar", "No corresponde")
    c.post(adaptar, {**datos(red_a, titulo="Adaptación en revisión"), "enviar": "1"})
    assert PracticaPage.objects.filter(adaptada_de=original).count() == 3
    html = Client().get(original.url).content.decode()
    assert "Adaptada por" not in html
    for titulo in ("Borrador de adaptación", "Adaptación rechazada", "Adaptación en revisión"):
        assert titulo not in html
        assert titulo not in Client().get(f"/redes/{original.red.slug}/").content.decode()
    api = Client().get("/api/v2/paginas/", {"type": "practicas.PracticaPage"}).json()
    assert api["meta"]["total_count"] == 1


def test_anonimo_no_ve_el_boton_y_la_url_pide_entrar(original):
    assert "La adaptamos en nuestra red" not in Client().get(original.url).content.decode()
    respuesta = Client().get(reverse("practicas:adaptar", args=[original.pk]))
    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith("/cuenta/entrar/?next=")


def test_no_se_adapta_lo_que_no_esta_publicado(red_a, red_b, coordinadora, coordinador2):
    cliente(coordinador2).post("/practicas/publicar/", {**datos(red_b), "guardar": "1"})
    borrador = PracticaPage.objects.get()
    c = cliente(coordinadora)
    assert c.get(reverse("practicas:adaptar", args=[borrador.pk])).status_code == 404
    assert c.get(reverse("practicas:adaptar", args=[2**70])).status_code == 404


def test_si_la_original_se_despublica_mientras_escribe_no_pierde_nada(
    red_a, coordinadora, original
):
    c = cliente(coordinadora)
    adaptar = reverse("practicas:adaptar", args=[original.pk])
    c.get(adaptar)
    original.unpublish()
    respuesta = c.post(
        adaptar, {**datos(red_a, resumen="Lo que escribí con cuidado"), "enviar": "1"}
    )
    assert respuesta.status_code == 409
    html = respuesta.content.decode()
    assert "dejó de estar publicada" in html and "Lo que escribí con cuidado" in html
    assert f'action="{reverse("practicas:publicar")}"' in html
    assert PracticaPage.objects.count() == 1


def test_cadena_completa_y_sin_ciclos(red_a, red_b, coordinadora, coordinador2, editora):
    c_a, c_b = cliente(coordinadora), cliente(coordinador2)
    red_c = crear_red("red-c", slep="huasco", coordinadores=[coordinadora])
    primera = _publicada(c_b, red_b, editora, titulo="Primera versión")
    # A adapta la de B; luego C adapta la de A: la ficha de C muestra toda la cadena.
    c_a.post(
        reverse("practicas:adaptar", args=[primera.pk]),
        {**datos(red_a, titulo="Segunda versión"), "enviar": "1"},
    )
    segunda = PracticaPage.objects.get(title="Segunda versión")
    accion_admin(cliente(editora), segunda, "approve")
    segunda.refresh_from_db()
    c_a.post(
        reverse("practicas:adaptar", args=[segunda.pk]),
        {**datos(red_c, titulo="Tercera versión"), "enviar": "1"},
    )
    tercera = PracticaPage.objects.get(title="Tercera versión")
    assert tercera.red == red_c  # la red de la segunda (A) no se ofrece
    accion_admin(cliente(editora), tercera, "approve")
    tercera.refresh_from_db()
    html = Client().get(tercera.url).content.decode()
    assert (
        f'Adaptación de <a href="{segunda.url}">«Segunda versión»</a> ({red_a.nombre}), '
        f'que a su vez adapta <a href="{primera.url}">«Primera versión»</a> ({red_b.nombre}).'
    ) in html
    assert "Adaptada por 1 red<" in Client().get(segunda.url).content.decode()

    # Un ciclo armado a mano en el admin se rechaza con un mensaje claro...
    primera.adaptada_de = tercera
    with pytest.raises(ValidationError) as error:
        primera.full_clean()
    assert "cerraría un círculo" in str(error.value)
    # ...y si igual llegara a la base, la ficha se muestra y la cadena termina.
    PracticaPage.objects.filter(pk=primera.pk).update(adaptada_de=tercera)
    assert Client().get(tercera.url).status_code == 200
    assert [p.pk for p, _ in tercera.cadena_de_origen()] == [segunda.pk, primera.pk]


def test_api_v2_y_datos_abiertos_incluyen_adaptada_de(red_a, coordinadora, editora, original):
    c = cliente(coordinadora)
    c.post(
        reverse("practicas:adaptar", args=[original.pk]),
        {**datos(red_a, titulo="Nuestra versión"), "enviar": "1"},
    )
    adaptacion = PracticaPage.objects.get(title="Nuestra versión")
    accion_admin(cliente(editora), adaptacion, "approve")
    detalle = Client().get(f"/api/v2/paginas/{adaptacion.pk}/").json()
    assert detalle["adaptada_de"] == {
        "id": original.pk,
        "titulo": original.title,
        "slug": original.slug,
        "url": original.url,
        "red": original.red.slug,
    }
    assert Client().get(f"/api/v2/paginas/{original.pk}/").json()["adaptada_de"] is None
    filas = {f["id"]: f for f in Client().get("/datos/practicas.json").json()["practicas"]}
    assert filas[adaptacion.pk]["adaptada_de"] == original.pk
    assert filas[original.pk]["adaptada_de"] is None
    # Si la original se despublica, no se revela: null en la API, vacío en los datos.
    original.unpublish()
    assert Client().get(f"/api/v2/paginas/{adaptacion.pk}/").json()["adaptada_de"] is None
    filas = {f["id"]: f for f in Client().get("/datos/practicas.json").json()["practicas"]}
    assert filas[adaptacion.pk]["adaptada_de"] is None
    csv = Client().get("/datos/practicas.csv").content.decode("utf-8-sig")
    assert "adaptada_de" in csv.splitlines()[0]
    # Y la ficha de la adaptación ya no la enlaza.
    html = Client().get(adaptacion.url).content.decode()
    assert f'href="{original.url}"' not in html
    assert "que ya no está publicada" in html
