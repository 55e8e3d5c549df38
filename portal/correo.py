"""Cómo y cuándo sale el correo: en una tarea, después del commit, con reintentos.

`EMAIL_BACKEND = "portal.correo.BackendDiferido"` (settings/base.py) hace que
todo correo del sitio —las decisiones que escribe `practicas/correos.py`, los
avisos de Wagtail a los editores cuando llega una práctica a revisión, el
restablecimiento de contraseña— no se envíe dentro de la solicitud: cada
mensaje se serializa y se encola en la tarea `enviar_correos` al confirmarse la
transacción (`transaction.on_commit`). La tarea lo envía con el backend real
(`TRAMA_EMAIL_BACKEND_REAL`, por defecto SMTP) y, si el servidor de correo no
responde, lo reintenta más tarde; agotados los reintentos queda registrado como
error (y en la tabla de tareas, con el mensaje completo).

Por qué un backend y no cambiar cada `send_mail`: Wagtail envía sus propios
avisos con `django.core.mail` dentro de la transacción de la acción del flujo
y traga los errores (el aviso se pierde); un backend cubre los dos casos sin
tocar el código de Wagtail ni el contenido de los correos.

Asuntos seguros: un salto de línea en un asunto (p. ej. el título de una
práctica) hace que Django lance `BadHeaderError`; aquí se reduce a una línea
antes de encolar, así ni la decisión ni el aviso fallan por eso.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

REINTENTOS = 5  # intentos en total; esperas de 2, 4, 8, 16 minutos entre ellos


def una_linea(texto, largo=None):
    """Texto sin saltos de línea ni espacios repetidos (asuntos, títulos)."""
    limpio = " ".join(str(texto or "").split())
    return limpio[:largo] if largo else limpio


def serializar(mensaje):
    return {
        "asunto": una_linea(mensaje.subject, 900),
        "cuerpo": mensaje.body,
        "de": mensaje.from_email,
        "para": list(mensaje.to),
        "cc": list(mensaje.cc),
        "cco": list(mensaje.bcc),
        "responder_a": list(mensaje.reply_to),
        "cabeceras": {k: una_linea(v) for k, v in (mensaje.extra_headers or {}).items()},
        "alternativas": [
            [contenido, tipo] for contenido, tipo in getattr(mensaje, "alternatives", [])
        ],
    }


def deserializar(datos):
    mensaje = EmailMultiAlternatives(
        subject=datos["asunto"],
        body=datos["cuerpo"],
        from_email=datos["de"],
        to=datos["para"],
        cc=datos["cc"],
        bcc=datos["cco"],
        reply_to=datos["responder_a"],
        headers=datos["cabeceras"],
    )
    for contenido, tipo in datos["alternativas"]:
        mensaje.attach_alternative(contenido, tipo)
    return mensaje


def _backend_real():
    return getattr(
        settings, "TRAMA_EMAIL_BACKEND_REAL", "django.core.mail.backends.smtp.EmailBackend"
    )


@task()
def enviar_correos(mensajes, intento=1):
    """Envía los mensajes con el backend real; si falla, reintenta más tarde."""
    try:
        with get_connection(_backend_real(), fail_silently=False) as conexion:
            enviados = conexion.send_messages([deserializar(m) for m in mensajes])
    except Exception as error:
        destinos = sorted({d for m in mensajes for d in m["para"]})
        asuntos = [m["asunto"] for m in mensajes]
        if intento < REINTENTOS and enviar_correos.get_backend().supports_defer:
            espera = timedelta(minutes=2**intento)
            logger.warning(
                "El correo no salió (%s: %s); se reintenta en %s. Asuntos: %s. Para: %s",
                type(error).__name__,
                error,
                espera,
                asuntos,
                destinos,
            )
            enviar_correos.using(run_after=timezone.now() + espera).enqueue(mensajes, intento + 1)
            return 0
        logger.error(
            "El correo no salió tras %s intentos (%s: %s). Asuntos: %s. Para: %s",
            intento,
            type(error).__name__,
            error,
            asuntos,
            destinos,
        )
        raise
    return enviados or 0


def encolar(mensajes):
    """Encola el envío al confirmarse la transacción (o ya, si no hay una)."""
    datos = [serializar(m) for m in mensajes if m.recipients()]
    if not datos:
        return 0

    def _encolar():
        try:
            enviar_correos.enqueue(datos)
        except Exception:
            # Ni una cola caída impide la acción de quien trabaja: queda en el registro.
            logger.exception(
                "No se pudo encolar el correo. Asuntos: %s", [d["asunto"] for d in datos]
            )

    transaction.on_commit(_encolar)
    return len(datos)


class BackendDiferido(BaseEmailBackend):
    """Backend de correo que no envía: encola en `enviar_correos` tras el commit."""

    def send_messages(self, email_messages):
        return encolar(list(email_messages or []))
