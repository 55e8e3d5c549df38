"""Issue 16: la coordinadora y la editora no se pierden en la revisión."""

# ruff: noqa: F811 (las fixtures se importan de test_practicas y se piden por nombre)

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from practicas.models import PracticaPage
from tests.test_practicas import (  # noqa: F401 (fixtures)
    PUBLICAR,
    accion_admin,
    cliente,
    coordinador2,
    datos,
    enviar,
    indice,
    pdf,
    png,
    red_a,
    red_b,
)

pytestmark = pytest.mark.django_db


def _enviada_con_archivos(c, red, imagenes=1, documentos=1):
    respuesta = c.post(
        PUBLICAR,
        {
            **datos(red),
            "imagen": [png(nombre=f"foto{n}.png") for n in range(imagenes)],
            "documento": [pdf(nombre=f"guia{n}.pdf") for n in range(documentos)],
            "enviar": "1",
        },
    )
    assert respuesta.status_code == 302, respuesta.content.decode()[:3000]
    return PracticaPage.objects.get()


# -- archivos en revisión ----------------------------------------------------------
def test_la_red_abre_su_pdf_en_revision_y_nadie_mas(red_a, red_b, coordinadora, coordinador2):
    practica = _enviada_con_archivos(cliente(coordinadora), red_a)
    documento = practica.get_latest_revision_as_object().recursos.first().documento
    previa = cliente(coordinadora).get(reverse("practicas:vista_previa", args=[practica.pk]))
    assert documento.url in previa.content.decode()

    propia = cliente(coordinadora).get(documento.url)
    assert propia.status_code == 200
    assert propia["Content-Type"] == "application/pdf"
    assert propia.content.startswith(b"%PDF")
    assert "sandbox" in propia["Content-Security-Policy"]
    assert "no-store" in propia["Cache-Control"] or "no-cache" in propia["Cache-Control"]

    ajena = cliente(coordinador2).get(documento.url)
    assert ajena.status_code == 403
    html = ajena.content.decode()
    assert "Este archivo todavía no es público" in html
    assert 'href="/static/css/trama.css"' in html or "trama.css" in html  # página con estilo

    anonima = Client().get(documento.url)
    assert anonima.status_code == 302
    assert anonima["Location"].startswith("/cuenta/entrar/")


def test_editora_abre_el_pdf_en_revision(red_a, coordinadora, editora):
    practica = _enviada_con_archivos(cliente(coordinadora), red_a)
    documento = practica.get_latest_revision_as_object().recursos.first().documento
    assert cliente(editora).get(documento.url).status_code == 200


# -- varios archivos, miniaturas, huérfanos ----------------------------------------------
def test_tres_imagenes_y_dos_pdf_en_un_envio_con_miniaturas(red_a, coordinadora):
    c = cliente(coordinadora)
    respuesta = c.post(
        PUBLICAR,
        {
            **datos(red_a, resumen=""),
            "imagen": [png(nombre=f"foto{n}.png") for n in range(3)],
            "documento": [pdf(nombre="pauta.pdf"), pdf(nombre="acta.pdf")],
            "enviar": "1",
        },
    )
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert get_image_model().objects.count() == 3
    assert get_document_model().objects.count() == 2
    # Miniatura de cada imagen (una rendición) y un campo para describirla.
    assert html.count('class="archivo-subido__miniatura"') == 3
    imagenes = list(get_image_model().objects.order_by("pk"))
    for imagen in imagenes:
        assert f'name="pie_{imagen.pk}"' in html
    documentos = list(get_document_model().objects.order_by("pk"))
    respuesta = c.post(
        PUBLICAR,
        {
            **datos(red_a),
            "imagenes_subidas": [str(i.pk) for i in imagenes],
            "documentos_subidos": [str(d.pk) for d in documentos],
            **{f"pie_{i.pk}": f"Foto número {n}" for n, i in enumerate(imagenes)},
            f"titulo_doc_{documentos[0].pk}": "Pauta de trabajo",
            "enviar": "1",
        },
    )
    assert respuesta.status_code == 302
    guardada = PracticaPage.objects.get().get_latest_revision_as_object()
    assert [i.pie for i in guardada.imagenes.all()] == [
        "Foto número 0",
        "Foto número 1",
        "Foto número 2",
    ]
    assert [r.titulo_visible for r in guardada.recursos.all()] == ["Pauta de trabajo", "acta"]


def test_un_archivo_malo_no_impide_guardar_los_buenos(red_a, coordinadora):
    respuesta = cliente(coordinadora).post(
        PUBLICAR,
        {
            **datos(red_a),
            "imagen": [png(nombre="buena.png"), png(nombre="mala.jpg")],
            "guardar": "1",
        },
    )
    assert respuesta.status_code == 400
    assert "«mala.jpg»" in respuesta.content.decode()
    assert list(get_image_model().objects.values_list("title", flat=True)) == ["buena"]


def test_intento_abandonado_no_deja_huerfanos_ni_renombra(red_a, coordinadora):
    c = cliente(coordinadora)
    # Sube una foto, el formulario falla y la coordinadora se va.
    c.post(
        PUBLICAR,
        {**datos(red_a, titulo=""), "imagen": png(nombre="foto-abandonada.png"), "guardar": "1"},
    )
    assert get_image_model().objects.count() == 1
    # Vuelve otro día y empieza de nuevo: lo abandonado se borra, también del disco.
    abandonada = get_image_model().objects.get()
    ruta = abandonada.file.path
    c.get(PUBLICAR)
    assert not get_image_model().objects.exists()
    c.post(PUBLICAR, {**datos(red_a), "imagen": png(nombre="foto-abandonada.png"), "guardar": "1"})
    nueva = get_image_model().objects.get()
    # En la carpeta privada (portal/almacen.py), con su nombre de siempre.
    assert nueva.file.name == "privado/original_images/foto-abandonada.png"
    assert nueva.file.path == ruta


def test_limpieza_no_toca_archivos_de_practicas_guardadas(red_a, coordinadora):
    c = cliente(coordinadora)
    c.post(PUBLICAR, {**datos(red_a), "imagen": png(), "documento": pdf(), "guardar": "1"})
    c.get(PUBLICAR)
    c.post(PUBLICAR, {**datos(red_a, titulo="Otra"), "guardar": "1"})
    assert get_image_model().objects.count() == 1
    assert get_document_model().objects.count() == 1


# -- formulario ----------------------------------------------------------------------
def test_obligatorios_para_enviar_marcados_desde_el_principio(red_a, coordinadora):
    html = cliente(coordinadora).get(PUBLICAR).content.decode()
    for etiqueta in ("Resumen", "Desafío que aborda", "Qué hicieron (pasos)", "Focos de acción"):
        assert f'{etiqueta} <span class="obligatorio">(obligatorio para enviar)</span>' in html
    assert 'Título <span class="obligatorio">(obligatorio)</span>' in html
    # Guardar borrador sigue aceptando lo incompleto.
    respuesta = cliente(coordinadora).post(
        PUBLICAR, {"red": str(red_a.pk), "titulo": "Solo el título", "guardar": "1"}
    )
    assert respuesta.status_code == 302
    assert PracticaPage.objects.get().title == "Solo el título"


def test_comentario_de_la_dep_encabeza_la_correccion(red_a, coordinadora, editora):
    enviar(cliente(coordinadora), red_a)
    practica = PracticaPage.objects.get()
    accion_admin(cliente(editora), practica, "reject", "Cuenten cuántas escuelas participaron.")
    html = (
        cliente(coordinadora).get(reverse("practicas:editar", args=[practica.pk])).content.decode()
    )
    assert "La DEP pidió estos cambios" in html
    assert html.index("Cuenten cuántas escuelas participaron.") < html.index('class="formulario"')


# -- vista previa -----------------------------------------------------------------------
def test_vista_previa_con_acciones_e_impresion_antes_de_publicar(red_a, coordinadora):
    c = cliente(coordinadora)
    c.post(PUBLICAR, {**datos(red_a), "guardar": "1"})
    practica = PracticaPage.objects.get()
    html = c.get(reverse("practicas:vista_previa", args=[practica.pk])).content.decode()
    assert reverse("practicas:editar", args=[practica.pk]) in html
    assert reverse("practicas:enviar", args=[practica.pk]) in html
    imprimir = reverse("practicas:vista_previa_imprimir", args=[practica.pk])
    assert imprimir in html
    impresa = c.get(imprimir)
    assert impresa.status_code == 200
    assert "Tertulias literarias entre escuelas" in impresa.content.decode()
    assert "Borrador sin publicar" in impresa.content.decode()
    # Otra red no la ve.
    assert Client().get(imprimir).status_code == 302
    # «Enviar» desde la vista previa la pone en revisión.
    respuesta = c.post(reverse("practicas:enviar", args=[practica.pk]))
    assert respuesta.status_code == 302
    practica.refresh_from_db()
    assert practica.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_enviar_desde_vista_previa_incompleta_muestra_lo_que_falta(red_a, coordinadora):
    c = cliente(coordinadora)
    c.post(PUBLICAR, {"red": str(red_a.pk), "titulo": "A medias", "guardar": "1"})
    practica = PracticaPage.objects.get()
    respuesta = c.post(reverse("practicas:enviar", args=[practica.pk]))
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "Escriba un resumen breve de la práctica." in html
    assert "A medias" in html
    assert practica.current_workflow_state is None


def test_mis_practicas_cabe_en_un_telefono(red_a, coordinadora):
    c = cliente(coordinadora)
    c.post(PUBLICAR, {**datos(red_a), "guardar": "1"})
    html = c.get("/practicas/mis-practicas/").content.decode()
    assert 'data-titulo="Estado"' in html
    assert "tabla-practicas__acciones" in html


# -- editora ----------------------------------------------------------------------------
def test_solicitar_cambios_exige_comentario(red_a, coordinadora, editora):
    enviar(cliente(coordinadora), red_a)
    practica = PracticaPage.objects.get()
    accion_admin(cliente(editora), practica, "reject", "")
    assert practica.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not [m for m in mail.outbox if "pide cambios" in m.subject]
    estado = practica.current_workflow_state
    modal = cliente(editora).get(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[practica.pk, "reject", estado.current_task_state_id],
        )
    )
    assert "Qué cambios pide" in modal.json()["html"]


def test_ediciones_de_la_editora_quedan_a_la_vista_de_la_red(red_a, coordinadora, editora):
    enviar(cliente(coordinadora), red_a)
    practica = PracticaPage.objects.get()
    version = practica.get_latest_revision_as_object()
    version.participantes = "Docentes de lenguaje, jefes de UTP y bibliotecarias"
    version.save_revision(user=editora)
    accion_admin(cliente(editora), practica, "reject", "Revisen quiénes participaron.")
    html = (
        cliente(coordinadora).get(reverse("practicas:editar", args=[practica.pk])).content.decode()
    )
    assert "La editora también modificó estos campos" in html
    assert "Quiénes participaron (roles)" in html
    assert "Docentes de lenguaje y jefes de UTP" in html  # antes
    correo = mail.outbox[-1].body
    assert "modificó estos campos" in correo
    assert "bibliotecarias" in correo


def test_estados_con_nombre_propio_en_el_admin(red_a, coordinadora, editora, indice):
    enviar(cliente(coordinadora), red_a)
    practica = PracticaPage.objects.get()
    c = cliente(editora)
    assert "en revisión" in c.get(f"/admin/pages/{indice.pk}/").content.decode()
    respuesta = c.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[practica.pk, "reject", practica.current_workflow_state.current_task_state_id],
        ),
        {"comment": "Falta el paso dos."},
        follow=True,
    )
    assert "Pidió cambios en «Tertulias literarias entre escuelas»" in respuesta.content.decode()
    listado = c.get(f"/admin/pages/{indice.pk}/").content.decode()
    assert "cambios solicitados" in listado
    historial = c.get(f"/admin/pages/{practica.pk}/history/").content.decode()
    assert "Cambios solicitados en" in historial
    assert "Rejected at" not in historial and "Rechazada en" not in historial


def test_rechazo_definitivo_en_el_historial(red_a, coordinadora, editora, indice):
    enviar(cliente(coordinadora), red_a)
    practica = PracticaPage.objects.get()
    c = cliente(editora)
    respuesta = c.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[practica.pk, "rechazar", practica.current_workflow_state.current_task_state_id],
        ),
        {"comment": "No es una práctica de red."},
        follow=True,
    )
    assert "Rechazó «Tertulias literarias entre escuelas»" in respuesta.content.decode()
    historial = c.get(f"/admin/pages/{practica.pk}/history/").content.decode()
    assert "Rechazada (definitivo)" in historial
    assert "Cambios solicitados en" not in historial
    assert "rechazada" in c.get(f"/admin/pages/{indice.pk}/").content.decode()


def test_practica_de_una_red_solo_se_publica_por_el_flujo(red_a, coordinadora, editora):
    enviar(cliente(coordinadora), red_a)
    practica = PracticaPage.objects.get()
    c = cliente(editora)
    edicion = c.get(f"/admin/pages/{practica.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in edicion
    assert 'data-workflow-action-name="approve"' in edicion
    respuesta = c.post(
        f"/admin/pages/{practica.pk}/edit/",
        {"title": practica.title, "slug": practica.slug, "action-publish": "1"},
        follow=True,
    )
    assert "publíquela con «Aprobar y publicar»" in respuesta.content.decode()
    practica.refresh_from_db()
    assert not practica.live


def test_comando_borra_huerfanos_antiguos_y_respeta_los_recientes(red_a, coordinadora):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    c = cliente(coordinadora)
    c.post(PUBLICAR, {**datos(red_a, titulo=""), "imagen": png(nombre="vieja.png"), "guardar": "1"})
    get_image_model().objects.update(created_at=timezone.now() - timedelta(days=2))
    c.post(PUBLICAR, {**datos(red_a), "imagen": png(nombre="usada.png"), "guardar": "1"})
    # La vieja ya la borró el formulario al volver; se simula otra huérfana reciente.
    c.post(
        PUBLICAR, {**datos(red_a, titulo=""), "imagen": png(nombre="reciente.png"), "guardar": "1"}
    )
    vieja = get_image_model().objects.filter(title="reciente").get()
    call_command("limpiar_archivos_huerfanos")
    assert get_image_model().objects.filter(pk=vieja.pk).exists()  # reciente: se respeta
    get_image_model().objects.filter(pk=vieja.pk).update(
        created_at=timezone.now() - timedelta(days=2)
    )
    call_command("limpiar_archivos_huerfanos")
    assert list(get_image_model().objects.values_list("title", flat=True)) == ["usada"]
