"""Falla: el servidor de correo no responde mientras la DEP decide.

Con la configuración de producción (backend diferido + cola en la base de datos),
aprobar, pedir cambios y rechazar funcionan igual: el correo queda en la cola,
el worker lo reintenta y, cuando el correo vuelve, sale. Un título con salto de
línea no impide decidir ni avisar a los editores."""

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from practicas import contenido
from practicas.models import PracticaPage

from .test_practicas import MIS, accion_admin, cliente, crear_red, datos, enviar, pdf

CAIDO = "tests.test_fallas_correo.CorreoCaido"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class CorreoCaido(BaseEmailBackend):
    """Un SMTP que no contesta (lo que ve smtplib cuando el servidor se cae)."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed: timed out")


@pytest.fixture
def produccion_de_correo(settings):
    settings.EMAIL_BACKEND = "portal.correo.BackendDiferido"
    settings.TRAMA_EMAIL_BACKEND_REAL = CAIDO
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return settings


@pytest.fixture
def red(inicio, coordinadora):
    contenido.cargar(inicio)  # índice de prácticas con el flujo «Revisión DEP»
    return crear_red("red-a", coordinadores=[coordinadora])


def _worker():
    # El worker cierra las conexiones «viejas» entre tareas; dentro de la transacción de
    # la prueba eso corta la conexión en PostgreSQL (en SQLite en memoria no se cierra).
    # Aquí corre en el mismo proceso y la misma transacción: no hay conexión que renovar.
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def _pasa_el_tiempo():
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def _enviar_practica(coordinadora, red, **extra):
    respuesta = enviar(cliente(coordinadora), red, **extra)
    assert respuesta.status_code == 302
    return PracticaPage.objects.get()


@pytest.mark.parametrize(
    ("accion", "comentario", "estado"),
    [
        ("approve", "", "Publicada"),
        ("reject", "Falta contar qué cambió en el aula.", "Cambios solicitados"),
        ("rechazar", "No es una práctica de red.", "Rechazada"),
    ],
)
def test_correo_caido_no_impide_decidir_y_el_aviso_sale_despues(
    produccion_de_correo,
    red,
    coordinadora,
    editora,
    accion,
    comentario,
    estado,
    django_capture_on_commit_callbacks,
    caplog,
):
    with django_capture_on_commit_callbacks(execute=True):
        practica = _enviar_practica(coordinadora, red)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = accion_admin(cliente(editora), practica, accion, comentario)
    # La decisión se toma y queda (antes: 500 y se deshacía).
    assert respuesta.status_code == 302
    practica.refresh_from_db()
    assert practica.live == (accion == "approve")
    assert estado in cliente(coordinadora).get(MIS).content.decode()

    # El worker intenta: el correo sigue caído, queda un reintento programado.
    _worker()
    assert mail.outbox == []
    assert "se reintenta" in caplog.text
    pendientes = DBTaskResult.objects.filter(status="READY", task_path__endswith="enviar_correos")
    assert pendientes.exists()
    assert all(p.run_after > timezone.now() + timedelta(minutes=1) for p in pendientes)

    # Vuelve el correo; llegado el momento del reintento, sale el aviso a la red.
    produccion_de_correo.TRAMA_EMAIL_BACKEND_REAL = LOCMEM
    _pasa_el_tiempo()
    _worker()
    a_la_red = [m for m in mail.outbox if coordinadora.email in m.to]
    assert len(a_la_red) == 1, [(m.subject, m.to) for m in mail.outbox]
    if comentario:
        assert comentario in a_la_red[0].body


def test_titulo_con_salto_de_linea_se_decide_y_avisa_a_editores(
    produccion_de_correo, red, coordinadora, editora, django_capture_on_commit_callbacks
):
    produccion_de_correo.TRAMA_EMAIL_BACKEND_REAL = LOCMEM
    with django_capture_on_commit_callbacks(execute=True):
        practica = _enviar_practica(
            coordinadora, red, titulo="Tertulias\r\nliterarias\nentre escuelas"
        )
    _worker()
    # El título queda en una línea y los editores reciben el aviso de Wagtail.
    assert practica.title == "Tertulias literarias entre escuelas"
    a_editores = [m for m in mail.outbox if editora.email in m.to]
    assert len(a_editores) == 1
    assert "\n" not in a_editores[0].subject
    # Aunque el título llegue con saltos por otra vía (admin, datos viejos), decidir
    # y avisar funcionan: el asunto se arma en una línea.
    PracticaPage.objects.filter(pk=practica.pk).update(
        title="Tertulias\nliterarias", draft_title="Tertulias\nliterarias"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = accion_admin(cliente(editora), practica, "approve")
    assert respuesta.status_code == 302
    _worker()
    a_la_red = [m for m in mail.outbox if coordinadora.email in m.to]
    assert len(a_la_red) == 1
    assert a_la_red[0].subject == "Trama: publicamos su práctica «Tertulias literarias»"


def test_despublicar_retira_los_archivos_del_publico(red, coordinadora, editora):
    """Punto 9: el PDF de una práctica despublicada deja de responder a cualquiera."""
    from django.test import Client
    from wagtail.documents import get_document_model

    respuesta = cliente(coordinadora).post(
        "/practicas/publicar/",
        {
            **datos(red),
            "documento": pdf(),
            "titulo_documento": "Guía de tertulias",
            "enviar": "1",
        },
    )
    assert respuesta.status_code == 302
    practica = PracticaPage.objects.get()
    accion_admin(cliente(editora), practica, "approve")
    documento = get_document_model().objects.get()
    assert Client().get(documento.url).status_code == 200  # publicada: público
    practica.refresh_from_db()
    practica.unpublish(user=editora)
    documento.refresh_from_db()
    assert documento.collection.name == "Prácticas en revisión"
    assert Client().get(documento.url).status_code != 200  # ya no es público
    assert cliente(editora).get(documento.url).status_code == 200  # la DEP lo sigue viendo
