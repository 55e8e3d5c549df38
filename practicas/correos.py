"""Correos a las redes en cada decisión de la DEP.

A los editores les avisa Wagtail (notificación de tarea enviada a los grupos
de la tarea «Revisión DEP», con enlace al admin). A los coordinadores les
escribimos nosotros: no entran al admin, así que el enlace va a «Mis
prácticas» o a la práctica publicada."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from portal.correo import una_linea

from .models import PracticaPage

APROBADA = "aprobada"
CAMBIOS = "cambios"
RECHAZADA = "rechazada"
ASUNTOS = {
    APROBADA: "Trama: publicamos su práctica «{titulo}»",
    CAMBIOS: "Trama: la DEP pide cambios en «{titulo}»",
    RECHAZADA: "Trama: la DEP no publicará «{titulo}»",
}


def _practica(estado):
    objeto = estado.content_object
    especifico = getattr(objeto, "specific", objeto)
    return especifico if isinstance(especifico, PracticaPage) else None


def _destinatarios(pagina, estado):
    usuarios = list(pagina.red.coordinadores.filter(is_active=True))
    if estado.requested_by and estado.requested_by not in usuarios:
        usuarios.append(estado.requested_by)
    return sorted({u.email for u in usuarios if u.email})


def _base():
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def notificar(estado, decision, comentario="", editor=None):
    pagina = _practica(estado)
    if pagina is None:
        return 0
    destinatarios = _destinatarios(pagina, estado)
    if not destinatarios:
        return 0
    if decision == APROBADA:
        pagina = PracticaPage.objects.get(pk=pagina.pk)
        enlace = _base() + pagina.url if pagina.url else ""
    else:
        enlace = _base() + reverse("practicas:mis_practicas")
    from .flujo import cambios_de_la_dep

    contexto = {
        # Lo que la editora modificó antes de decidir (la red debe saberlo).
        "cambios_dep": cambios_de_la_dep(PracticaPage.objects.get(pk=pagina.pk)),
        "pagina": pagina,
        "titulo": pagina.draft_title or pagina.title,
        "decision": decision,
        "comentario": comentario,
        "enlace": enlace,
        "enlace_mis_practicas": _base() + reverse("practicas:mis_practicas"),
        "editor": editor,
    }
    cuerpo = render_to_string("practicas/correo/decision.txt", contexto)
    # Asunto de una sola línea aunque el título traiga saltos (BadHeaderError).
    asunto = ASUNTOS[decision].format(titulo=una_linea(contexto["titulo"], 150))
    return send_mail(asunto, cuerpo, None, destinatarios)


def al_aprobar(sender, instance, user=None, **kwargs):
    pagina = _practica(instance)
    if pagina is None:
        return
    _sincronizar(pagina)
    tarea = instance.current_task_state
    notificar(instance, APROBADA, tarea.comment if tarea else "", user)


def _sincronizar(pagina):
    # Los archivos siguen a la versión publicada (practicas/archivos.py).
    from .archivos import sincronizar_archivos

    sincronizar_archivos(PracticaPage.objects.get(pk=pagina.pk))


def al_pedir_cambios(sender, instance, user=None, **kwargs):
    pagina = _practica(instance)
    if pagina is not None:
        _sincronizar(pagina)
    tarea = instance.current_task_state
    notificar(instance, CAMBIOS, tarea.comment if tarea else "", user)


def notificar_rechazo(estado, user):
    pagina = _practica(estado)
    if pagina is not None:
        _sincronizar(pagina)
    tarea = estado.current_task_state
    notificar(estado, RECHAZADA, tarea.comment if tarea else "", user)
