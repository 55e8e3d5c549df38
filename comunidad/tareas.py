"""Tareas de django-tasks de la comunidad. Se encolan siempre después de
confirmar la transacción (`transaction.on_commit`): si el correo falla, nadie
pierde lo que hizo."""

import logging

from django.core.mail import EmailMessage
from django_tasks import task

registro = logging.getLogger(__name__)


@task()
def enviar_correo(asunto, cuerpo, destinatarios, cabeceras=None):
    """Envía un correo de texto. Los argumentos son texto: la tarea puede correr
    en otro proceso (backend en base de datos) sin objetos de Django."""
    try:
        correo = EmailMessage(asunto, cuerpo, None, list(destinatarios), headers=cabeceras or {})
        return correo.send()
    except Exception:  # un servidor de correo caído no rompe nada más
        registro.exception("No se pudo enviar el correo «%s»", asunto)
        raise


def enviar_correo_al_confirmar(asunto, cuerpo, destinatarios, cabeceras=None):
    from django.db import transaction

    transaction.on_commit(
        lambda: enviar_correo.enqueue(asunto, cuerpo, list(destinatarios), cabeceras or {})
    )


@task()
def enviar_resumenes():
    """Tarea periódica (o `manage.py enviar_resumenes` desde cron): resumen por
    correo de lo nuevo en cada búsqueda guardada."""
    from .seguir import enviar_resumenes as enviar

    return enviar()
