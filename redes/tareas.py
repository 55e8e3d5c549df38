"""Correos de la red, en django-tasks y después de confirmar la transacción."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def enviar_mensaje_a_red(red_id, nombre, correo, mensaje):
    """Un correo a cada coordinador/a, por separado: nadie ve la dirección de otro
    y quien escribe no ve ninguna (responde la red, a `Reply-To`)."""
    from .models import Red

    red = Red.objects.filter(pk=red_id).first()
    if red is None:
        return 0
    destinatarios = sorted({u.email for u in red.coordinadores.filter(is_active=True) if u.email})
    if not destinatarios:
        logger.warning("La red %s no tiene coordinadores con correo; mensaje no enviado.", red_id)
        return 0
    cuerpo = render_to_string(
        "redes/correo/mensaje.txt",
        {"red": red, "nombre": nombre, "correo": correo, "mensaje": mensaje},
    )
    asunto = f"Trama: mensaje para {red.nombre}"
    correos = [
        EmailMessage(asunto, cuerpo, settings.DEFAULT_FROM_EMAIL, [destino], reply_to=[correo])
        for destino in destinatarios
    ]
    return get_connection().send_messages(correos)
