"""Prácticas: formulario público, flujo «Revisión DEP», permisos, seguridad y listado."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from portal.models import Foco, NivelEducativo, Slep, TipoRed
from portal.permisos import COORDINADORES
from practicas import contenido, flujo
from practicas.models import PracticaPage, Red

PUBLICAR = "/practicas/publicar/"
MIS = "/practicas/mis-practicas/"


# -- fábricas -----------------------------------------------------------------
@pytest.fixture
def indice(inicio):
    return contenido.cargar(inicio)


def crear_red(slug, slep="barrancas", tipo="utp", coordinadores=()):
    red = Red.objects.create(
        nombre=f"Red {slug}",
        slug=slug,
        tipo=TipoRed.objects.get(slug=tipo),
        slep=Slep.objects.get(slug=slep),
    )
    red.coordinadores.set(coordinadores)
    return red


@pytest.fixture
def coordinador2(crear_usuario):
    return crear_usuario("coordinador2", grupo=COORDINADORES)


@pytest.fixture
def red_a(indice, coordinadora):
    return crear_red("red-a", coordinadores=[coordinadora])


@pytest.fixture
def red_b(indice, coordinador2):
    return crear_red("red-b", slep="huasco", tipo="microcentro-rural", coordinadores=[coordinador2])


def cliente(user):
    c = Client()
    c.force_login(user)
    return c


def datos(red, **extra):
    base = {
        "red": str(red.pk),
        "titulo": "Tertulias literarias entre escuelas",
        "resumen": "Docentes de la red leen juntos y llevan las tertulias al aula.",
        "desafio": "Los estudiantes leían poco fuera de clases.",
        "pasos": "Elegir un libro\nLeerlo en la red\nLlevarlo al aula",
        "participantes": "Docentes de lenguaje y jefes de UTP",
        "niveles": [str(NivelEducativo.objects.get(slug="basica").pk)],
        "duracion": "Un semestre",
        "resultados": "",
        "nivel_evidencia": "descrita",
        "vinculo_pme_pel": "Meta de lectura del PME",
        "focos": [str(Foco.objects.get(slug="aprendizaje-profundo").pk)],
        "etiquetas": "lectura, tertulias",
    }
    base.update(extra)
    return base


def png(ancho=40, alto=30, modo="RGB", nombre="foto.png", formato="PNG"):
    buffer = io.BytesIO()
    PILImage.new(modo, (ancho, alto)).save(buffer, formato)
    return SimpleUploadedFile(nombre, buffer.getvalue(), content_type="image/png")


def pdf(nombre="guia.pdf", contenido=b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"):
    return SimpleUploadedFile(nombre, contenido, content_type="application/pdf")


def enviar(c, red, **extra):
    return c.post(PUBLICAR, {**datos(red, **extra), "enviar": "1"})


def accion_admin(c, pagina, accion, comentario=""):
    estado = WorkflowState.objects.get(
        object_id=str(pagina.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[pagina.pk, accion, estado.current_task_state_id],
    )
    return c.post(url, {"comment": comentario})


# -- acceso y permisos ----------------------------------------------------------
def test_anonimo_va_al_login_con_next(indice):
    respuesta = Client().get(PUBLICAR)
    assert respuesta.status_code == 302
    assert respuesta["Location"] == "/cuenta/entrar/?next=/practicas/publicar/"
    assert Client().get(MIS)["Location"].startswith("/cuenta/entrar/?next=")


def test_usuario_sin_red_recibe_explicacion(indice, crear_usuario):
    respuesta = cliente(crear_usuario("sinred", grupo=COORDINADORES)).get(PUBLICAR)
    assert respuesta.status_code == 403
    assert "no coordina ninguna red" in respuesta.content.decode()


def test_coordinador_no_entra_al_admin(red_a, coordinadora):
    c = cliente(coordinadora)
    for url in ("/admin/", "/admin/pages/", "/admin/snippets/practicas/red/"):
        respuesta = c.get(url)
        assert respuesta.status_code == 302
        assert respuesta["Location"].startswith("/admin/login/")


def test_editora_administra_redes_y_ve_rechazar_en_el_admin(red_a, coordinadora, editora):
    c = cliente(editora)
    listado = c.get("/admin/snippets/practicas/red/")
    assert listado.status_code == 200 and "Red red-a" in listado.content.decode()
    enviar(cliente(coordinadora), red_a)
    practica = PracticaPage.objects.get()
    edicion = c.get(f"/admin/pages/{practica.pk}/edit/").content.decode()
    assert 'data-workflow-action-name="rechazar"' in edicion
    assert 'data-workflow-action-name="reject"' in edicion
    assert 'data-workflow-action-name="approve"' in edicion


def test_coordinador_ajeno_no_ve_ni_edita_ni_envia(red_a, red_b, coordinadora, coordinador2):
    c_a, c_b = cliente(coordinadora), cliente(coordinador2)
    c_a.post(PUBLICAR, {**datos(red_a), "guardar": "1"})
    practica = PracticaPage.objects.get()
    url = reverse("practicas:editar", args=[practica.pk])
    assert c_a.get(url).status_code == 200
    # B no la ve en su lista ni por URL directa, ni puede pisarla por POST.
    assert "Tertulias" not in c_b.get(MIS).content.decode()
    assert c_b.get(url).status_code == 404
    assert c_b.post(url, {**datos(red_b), "enviar": "1"}).status_code == 404
    # Tampoco puede publicar a nombre de la red de A.
    respuesta = c_b.post(PUBLICAR, {**datos(red_a), "guardar": "1"})
    assert respuesta.status_code == 400
    assert PracticaPage.objects.count() == 1
    assert not WorkflowState.objects.exists()


def test_csrf_obligatorio(red_a, coordinadora):
    c = Client(enforce_csrf_checks=True)
    c.force_login(coordinadora)
    assert c.post(PUBLICAR, {**datos(red_a), "guardar": "1"}).status_code == 403
    assert not PracticaPage.objects.exists()


# -- flujo de revisión --------------------------------------------------------------
def test_envio_queda_en_revision_y_no_es_publico(red_a, coordinadora, editora):
    respuesta = enviar(cliente(coordinadora), red_a)
    assert respuesta.status_code == 302 and respuesta["Location"] == MIS
    practica = PracticaPage.objects.get()
    assert not practica.live
    assert practica.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    # Invisible para el público: ni la URL directa ni el listado.
    anonimo = Client()
    assert (
        anonimo.get(practica.url or "/practicas/tertulias-literarias-entre-escuelas/").status_code
        == 404
    )
    assert "Tertulias" not in anonimo.get("/practicas/").content.decode()
    # La coordinadora la ve «En revisión» y no puede editarla mientras tanto.
    mis = cliente(coordinadora).get(MIS).content.decode()
    assert "En revisión" in mis
    editar = cliente(coordinadora).get(reverse("practicas:editar", args=[practica.pk]))
    assert editar.status_code == 302
    # Los editores reciben aviso del envío (notificación de Wagtail).
    assert any(editora.email in m.to for m in mail.outbox)
    assert practica.get_latest_revision().user == coordinadora


def test_aprobar_en_el_admin_publica_y_notifica(red_a, coordinadora, editora):
    enviar(cliente(coordinadora), red_a)
    practica = PracticaPage.objects.get()
    mail.outbox.clear()
    respuesta = accion_admin(cliente(editora), practica, "approve")
    assert respuesta.status_code == 302
    practica.refresh_from_db()
    assert practica.live
    assert "Tertulias literarias" in Client().get("/practicas/").content.decode()
    assert Client().get(practica.url).status_code == 200
    correos = [m for m in mail.outbox if coordinadora.email in m.to]
    assert len(correos) == 1
    assert "publicamos" in correos[0].subject.lower()
    assert practica.url in correos[0].body
    assert "Publicada" in cliente(coordinadora).get(MIS).content.decode()


def test_pedir_cambios_devuelve_con_comentario_y_se_reenvia(red_a, coordinadora, editora):
    c = cliente(coordinadora)
    enviar(c, red_a)
    practica = PracticaPage.objects.get()
    mail.outbox.clear()
    accion_admin(cliente(editora), practica, "reject", "Agreguen qué cambió en el aula.")
    practica.refresh_from_db()
    assert not practica.live
    correos = [m for m in mail.outbox if coordinadora.email in m.to]
    assert len(correos) == 1, [m.subject for m in mail.outbox]
    assert "Agreguen qué cambió en el aula." in correos[0].body
    mis = c.get(MIS).content.decode()
    assert "Cambios solicitados" in mis
    assert "Agreguen qué cambió en el aula." in mis
    # Corrige y reenvía: vuelve a revisión con lo nuevo.
    url = reverse("practicas:editar", args=[practica.pk])
    formulario = c.get(url)
    assert formulario.status_code == 200
    base = formulario.context["form"]["revision_base"].value()
    respuesta = c.post(
        url,
        {
            **datos(red_a, resultados="Más estudiantes piden libros.", revision_base=base),
            "nivel_evidencia": "resultados",
            "enviar": "1",
        },
    )
    assert respuesta.status_code == 302
    practica.refresh_from_db()
    assert practica.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    accion_admin(cliente(editora), practica, "approve")
    practica.refresh_from_db()
    assert practica.live
    assert "Más estudiantes piden libros." in Client().get(practica.url).content.decode()


def test_rechazar_es_definitivo_y_notifica(red_a, coordinadora, editora):
    c = cliente(coordinadora)
    enviar(c, red_a)
    practica = PracticaPage.objects.get()
    mail.outbox.clear()
    respuesta = accion_admin(cliente(editora), practica, "rechazar", "No es una práctica de red.")
    assert respuesta.status_code == 302
    practica.refresh_from_db()
    assert not practica.live
    correos = [m for m in mail.outbox if coordinadora.email in m.to]
    assert len(correos) == 1, [(m.subject, m.to) for m in mail.outbox]
    assert "no publicará" in correos[0].subject
    assert "No es una práctica de red." in correos[0].body
    mis = c.get(MIS).content.decode()
    assert "Rechazada" in mis and "No es una práctica de red." in mis
    assert c.get(reverse("practicas:editar", args=[practica.pk])).status_code == 302


def test_rechazar_exige_motivo(red_a, coordinadora, editora):
    enviar(cliente(coordinadora), red_a)
    practica = PracticaPage.objects.get()
    accion_admin(cliente(editora), practica, "rechazar", "")
    assert practica.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


# -- validación y seguridad ---------------------------------------------------------
def test_formulario_incompleto_conserva_todo_incluidos_archivos(red_a, coordinadora):
    c = cliente(coordinadora)
    respuesta = c.post(
        PUBLICAR,
        {
            **datos(red_a, resumen="", focos=[]),
            "imagen": png(),
            "pie_imagen": "Docentes en tertulia",
            "documento": pdf(),
            "titulo_documento": "Guía de tertulias",
            "enviar": "1",
        },
    )
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "Escriba un resumen breve de la práctica." in html
    assert "Marque al menos un foco de acción." in html
    assert 'id="resumen-errores"' in html
    assert 'aria-describedby="id_resumen_helptext id_resumen_error"' in html
    assert 'id="id_resumen_error"' in html
    # Lo escrito sigue ahí.
    assert "Tertulias literarias entre escuelas" in html
    assert "Los estudiantes leían poco fuera de clases." in html
    # Los archivos quedaron guardados (colección privada) y marcados en el formulario.
    imagen = get_image_model().objects.get()
    documento = get_document_model().objects.get()
    assert imagen.collection.name == "Prácticas en revisión"
    assert documento.collection.name == "Prácticas en revisión"
    form = respuesta.context["form"]
    assert form["imagenes_subidas"].value() == [str(imagen.pk)]
    assert form["documentos_subidos"].value() == [str(documento.pk)]
    assert f'value="{imagen.pk}"' in html and "checked" in html
    assert not PracticaPage.objects.exists()
    # Completa lo que faltaba sin volver a subir nada.
    respuesta = c.post(
        PUBLICAR,
        {
            **datos(red_a),
            "imagenes_subidas": [str(imagen.pk)],
            "documentos_subidos": [str(documento.pk)],
            "enviar": "1",
        },
    )
    assert respuesta.status_code == 302
    practica = PracticaPage.objects.get().get_latest_revision_as_object()
    assert [i.imagen_id for i in practica.imagenes.all()] == [imagen.pk]
    assert [r.documento_id for r in practica.recursos.all()] == [documento.pk]
    # El documento en revisión no es público.
    assert Client().get(documento.url).status_code in (302, 403)


def test_no_se_puede_adjuntar_archivos_ajenos(red_a, red_b, coordinadora, coordinador2):
    cliente(coordinador2).post(PUBLICAR, {**datos(red_b), "imagen": png(), "guardar": "1"})
    ajena = get_image_model().objects.get()
    respuesta = cliente(coordinadora).post(
        PUBLICAR, {**datos(red_a), "imagenes_subidas": [str(ajena.pk)], "guardar": "1"}
    )
    assert respuesta.status_code == 400
    assert PracticaPage.objects.filter(red=red_a).count() == 0


def test_imagen_bomba_de_pixeles_rechazada_sin_perder_lo_escrito(red_a, coordinadora):
    # 8.000 × 8.000 = 64 millones de píxeles (el máximo es 40) en un PNG de pocos KB.
    bomba = png(8_000, 8_000, modo="1", nombre="bomba.png")
    respuesta = cliente(coordinadora).post(
        PUBLICAR, {**datos(red_a), "imagen": bomba, "pie_imagen": "x", "guardar": "1"}
    )
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "La imagen es demasiado grande" in html
    assert "Tertulias literarias entre escuelas" in html
    assert not get_image_model().objects.exists()
    assert not PracticaPage.objects.exists()


def test_extension_falsa_rechazada(red_a, coordinadora):
    c = cliente(coordinadora)
    falsa = png(nombre="foto.jpg")  # PNG que dice ser JPG
    respuesta = c.post(PUBLICAR, {**datos(red_a), "imagen": falsa, "guardar": "1"})
    assert respuesta.status_code == 400
    assert "en realidad es" in respuesta.content.decode()
    no_imagen = SimpleUploadedFile("foto.png", b"esto no es una imagen")
    respuesta = c.post(PUBLICAR, {**datos(red_a), "imagen": no_imagen, "guardar": "1"})
    assert "no es una imagen válida" in respuesta.content.decode()
    pdf_falso = pdf(contenido=b"MZ\x90\x00 ejecutable disfrazado")
    respuesta = c.post(PUBLICAR, {**datos(red_a), "documento": pdf_falso, "guardar": "1"})
    assert respuesta.status_code == 400
    assert "no corresponde a un .pdf" in respuesta.content.decode()
    exe = SimpleUploadedFile("programa.exe", b"MZ\x90\x00")
    respuesta = c.post(PUBLICAR, {**datos(red_a), "documento": exe, "guardar": "1"})
    assert "Tipo de archivo no permitido (.exe)" in respuesta.content.decode()
    assert not get_image_model().objects.exists()
    assert not get_document_model().objects.exists()


def test_documento_demasiado_grande(red_a, coordinadora, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    grande = pdf(contenido=b"%PDF-1.4\n" + b"0" * 200)
    respuesta = cliente(coordinadora).post(
        PUBLICAR, {**datos(red_a), "documento": grande, "guardar": "1"}
    )
    assert "el máximo es 100" in respuesta.content.decode()


def test_html_hostil_saneado(red_a, coordinadora, editora):
    hostil = (
        '<script>alert("x")</script><p onclick="robar()">Hola <b>red</b></p>'
        '<a href="javascript:alert(1)">clic</a> <a href="https://dep.cl">DEP</a>'
        '<img src=x onerror="alert(2)">'
    )
    enviar(
        cliente(coordinadora),
        red_a,
        desafio=hostil,
        titulo='<script>alert("t")</script>Lectura',
        resumen='<b onmouseover="x()">Resumen</b>',
    )
    practica = PracticaPage.objects.get()
    guardada = practica.get_latest_revision_as_object()
    for texto in (guardada.desafio, guardada.title, guardada.resumen):
        assert "<script" not in texto and "onclick" not in texto
        assert "javascript:" not in texto and "onerror" not in texto and "onmouseover" not in texto
    assert "<b>red</b>" in guardada.desafio
    assert 'href="https://dep.cl"' in guardada.desafio
    accion_admin(cliente(editora), practica, "approve")
    practica.refresh_from_db()
    html = Client().get(practica.url).content.decode()
    assert 'alert("x")' not in html and "javascript:alert" not in html and "onerror" not in html


def test_edicion_concurrente_avisa_y_no_pisa(red_a, coordinadora, crear_usuario):
    c = cliente(coordinadora)
    c.post(PUBLICAR, {**datos(red_a), "guardar": "1"})
    practica = PracticaPage.objects.get()
    url = reverse("practicas:editar", args=[practica.pk])
    base = c.get(url).context["form"]["revision_base"].value()
    # Otra persona de la red guarda mientras tanto.
    colega = crear_usuario("colega", grupo=COORDINADORES)
    red_a.coordinadores.add(colega)
    otra = cliente(colega)
    base_colega = otra.get(url).context["form"]["revision_base"].value()
    otra.post(
        url,
        {**datos(red_a, titulo="Versión de la colega", revision_base=base_colega), "guardar": "1"},
    )
    respuesta = c.post(
        url, {**datos(red_a, titulo="Mi versión", revision_base=base), "guardar": "1"}
    )
    assert respuesta.status_code == 409
    html = respuesta.content.decode()
    assert "cambió desde que abrió el formulario" in html
    assert "Mi versión" in html  # lo escrito no se pierde
    practica.refresh_from_db()
    assert practica.get_latest_revision_as_object().title == "Versión de la colega"


def test_limite_de_envios_por_hora(red_a, coordinadora, monkeypatch):
    monkeypatch.setattr(flujo, "ENVIOS_POR_HORA", 1)
    c = cliente(coordinadora)
    assert enviar(c, red_a).status_code == 302
    respuesta = enviar(c, red_a, titulo="Otra práctica")
    assert respuesta.status_code == 429
    html = respuesta.content.decode()
    assert "máximo es 1" in html
    assert "Otra práctica" in html
    assert PracticaPage.objects.count() == 1


def test_borrador_solo_exige_titulo(red_a, coordinadora):
    c = cliente(coordinadora)
    respuesta = c.post(PUBLICAR, {"red": str(red_a.pk), "titulo": "", "guardar": "1"})
    assert "Escriba el título de la práctica." in respuesta.content.decode()
    respuesta = c.post(PUBLICAR, {"red": str(red_a.pk), "titulo": "Idea inicial", "guardar": "1"})
    assert respuesta.status_code == 302
    practica = PracticaPage.objects.get()
    assert not practica.live and not WorkflowState.objects.exists()
    assert "Borrador" in c.get(MIS).content.decode()


def test_mis_practicas_sin_consultas_por_fila(red_a, coordinadora, django_assert_max_num_queries):
    c = cliente(coordinadora)
    for n in range(4):
        c.post(
            PUBLICAR,
            {**datos(red_a, titulo=f"Práctica {n}"), "enviar" if n % 2 else "guardar": "1"},
        )
    with django_assert_max_num_queries(10):
        html = c.get(MIS).content.decode()
    assert html.count("En revisión") >= 2 and html.count("Borrador") >= 2


def test_vista_previa_del_editor_muestra_el_borrador(red_a, coordinadora, editora):
    """Publicada y luego corregida: el editor previsualiza lo nuevo, el público ve lo aprobado."""
    c = cliente(coordinadora)
    enviar(c, red_a)
    practica = PracticaPage.objects.get()
    accion_admin(cliente(editora), practica, "approve")
    url = reverse("practicas:editar", args=[practica.pk])
    base = c.get(url).context["form"]["revision_base"].value()
    socio = str(Foco.objects.get(slug="socioeducativo").pk)
    c.post(url, {**datos(red_a, revision_base=base, focos=[socio]), "enviar": "1"})
    borrador = PracticaPage.objects.get().get_latest_revision_as_object()
    peticion = RequestFactory().get("/")
    peticion.user = editora
    peticion.is_preview = True
    html = borrador.serve_preview(peticion, borrador.default_preview_mode).render().content.decode()
    assert "Foco en lo socioeducativo" in html
    assert "Foco en el aprendizaje profundo" not in html
    publica = Client().get(practica.url).content.decode()
    assert "Foco en el aprendizaje profundo" in publica
    assert "Foco en lo socioeducativo" not in publica


def test_vista_previa_solo_para_su_red(red_a, red_b, coordinadora, coordinador2):
    enviar(cliente(coordinadora), red_a, titulo="Práctica en revisión")
    practica = PracticaPage.objects.get()
    url = reverse("practicas:vista_previa", args=[practica.pk])
    respuesta = cliente(coordinadora).get(url)
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Vista previa:" in html and "Práctica en revisión" in html
    assert cliente(coordinador2).get(url).status_code == 404
    assert Client().get(url).status_code == 302


@pytest.mark.parametrize(
    "campo", ["red", "niveles", "focos", "principios", "imagenes_subidas", "documentos_subidos"]
)
def test_ids_fuera_de_rango_dan_error_de_formulario_no_500(red_a, coordinadora, campo):
    enorme = "9" * 30
    respuesta = cliente(coordinadora).post(
        PUBLICAR, {**datos(red_a), campo: enorme, "guardar": "1"}
    )
    assert respuesta.status_code == 400
    assert "Tertulias literarias entre escuelas" in respuesta.content.decode()


def test_id_enorme_en_la_url_da_404(red_a, coordinadora):
    c = cliente(coordinadora)
    assert c.get("/practicas/mis-practicas/99999999999999999999999/editar/").status_code == 404
    assert (
        c.get("/practicas/mis-practicas/99999999999999999999999/vista-previa/").status_code == 404
    )
