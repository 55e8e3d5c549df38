"""Búsquedas guardadas y su resumen por correo.

Quien tiene cuenta guarda una búsqueda de /buscar/ (texto y filtros). Una tarea
periódica (`manage.py enviar_resumenes`, ver README) le escribe con lo publicado
por primera vez desde el último aviso que calza con ella. La búsqueda la hace el
mismo motor, con los mismos parámetros (`comunidad.fuentes.buscar_recientes`);
la fecha de primera publicación sale de la página, así una corrección de algo
viejo no vuelve a avisarse como nuevo. Cada correo trae un enlace para darse de
baja sin iniciar sesión (token propio de cada búsqueda guardada)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from busqueda.parametros import ErrorConsulta, consulta_a_parametros, leer_consulta

from .fuentes import buscar_recientes, describir, limpio
from .models import BusquedaGuardada
from .tareas import enviar_correo_al_confirmar

MAXIMO_POR_USUARIO = 50
PAGINAS_POR_RESUMEN = 4  # hasta 200 novedades por correo


def _base():
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def parametros_normalizados(consulta):
    return urlencode(
        [p for p in consulta_a_parametros(consulta, pagina=1) if p[0] not in ("orden", "pagina")]
    )


@login_required
@require_POST
def guardar(request):
    crudo = request.POST.get("parametros", "")[:2000]
    try:
        consulta, _avisos = leer_consulta(QueryDict(crudo))
    except ErrorConsulta as error:
        messages.error(request, f"No pudimos guardar la búsqueda: {error}")
        return redirect("/buscar/?" + crudo)
    parametros = parametros_normalizados(consulta)
    if request.user.busquedas_guardadas.count() >= MAXIMO_POR_USUARIO:
        messages.error(
            request,
            f"Ya sigue {MAXIMO_POR_USUARIO} búsquedas: deje de seguir alguna para guardar otra.",
        )
        return redirect("cuenta_busquedas")
    try:
        with transaction.atomic():
            guardada, creada = BusquedaGuardada.objects.get_or_create(
                usuario=request.user,
                parametros=parametros,
                defaults={
                    "nombre": limpio(describir(consulta))[:200],
                    "ultimo_envio": timezone.now(),
                },
            )
    except IntegrityError:  # dos clics a la vez
        guardada, creada = (
            BusquedaGuardada.objects.get(usuario=request.user, parametros=parametros),
            False,
        )
    if not guardada.activa:
        guardada.activa = True
        guardada.ultimo_envio = timezone.now()
        guardada.save(update_fields=["activa", "ultimo_envio"])
        creada = True
    if creada:
        messages.success(
            request,
            f"Listo: le escribiremos a {request.user.email or 'su correo'} cuando se publique "
            f"algo nuevo sobre {guardada.nombre}.",
        )
    else:
        messages.info(request, "Ya seguía esta búsqueda.")
    return redirect("cuenta_busquedas")


@login_required
def lista(request):
    guardadas = request.user.busquedas_guardadas.filter(activa=True)
    return render(request, "comunidad/busquedas.html", {"guardadas": guardadas})


@login_required
@require_POST
def borrar(request, pk):
    guardada = get_object_or_404(BusquedaGuardada, pk=pk, usuario=request.user)
    guardada.activa = False
    guardada.save(update_fields=["activa"])
    messages.success(request, f"Ya no recibirá novedades de {guardada.nombre}.")
    return redirect("cuenta_busquedas")


@require_http_methods(["GET", "POST"])
def baja(request, token):
    """Darse de baja desde el correo, sin sesión. GET muestra la confirmación (los
    filtros de correo abren los enlaces solos); POST da de baja."""
    guardada = BusquedaGuardada.objects.filter(token=token).first()
    if guardada is None:
        return render(request, "comunidad/baja.html", {"desconocida": True}, status=404)
    if request.method == "POST" and guardada.activa:
        guardada.activa = False
        guardada.save(update_fields=["activa"])
        return render(request, "comunidad/baja.html", {"guardada": guardada, "lista": True})
    return render(
        request, "comunidad/baja.html", {"guardada": guardada, "lista": not guardada.activa}
    )


def novedades(guardada):
    """Resultados publicados por primera vez después de `ultimo_envio`, del más nuevo al más viejo."""
    nuevos = []
    for pagina in range(1, PAGINAS_POR_RESUMEN + 1):
        resultado = buscar_recientes(QueryDict(guardada.parametros), pagina=pagina)
        claves = {
            int(r.clave.split(":", 1)[1]): r
            for r in resultado.resultados
            if r.clave.startswith("pagina:") and r.clave.split(":", 1)[1].isdigit()
        }
        recientes = set(
            Page.objects.filter(
                pk__in=list(claves), first_published_at__gt=guardada.ultimo_envio
            ).values_list("pk", flat=True)
        )
        nuevos += [r for pk, r in claves.items() if pk in recientes]
        ultimo = resultado.resultados[-1] if resultado.resultados else None
        viejo = ultimo is not None and ultimo.fecha and ultimo.fecha <= guardada.ultimo_envio
        if viejo or len(resultado.resultados) < resultado.consulta.por_pagina:
            break
    return nuevos


def enviar_resumenes(ahora=None):
    """Un correo por búsqueda guardada con novedades. Devuelve cuántos se enviaron."""
    ahora = ahora or timezone.now()
    enviados = 0
    for guardada in BusquedaGuardada.objects.filter(
        activa=True, usuario__is_active=True
    ).select_related("usuario"):
        if not guardada.usuario.email:
            continue
        try:
            nuevos = novedades(guardada)
        except ErrorConsulta:
            # Una búsqueda que dejó de ser válida (p. ej. cambió una regla): no se pierde, se salta.
            continue
        with transaction.atomic():
            if nuevos:
                baja_url = _base() + reverse("seguir_baja", args=[guardada.token])
                cuerpo = render_to_string(
                    "comunidad/correo/resumen.txt",
                    {
                        "guardada": guardada,
                        "nuevos": nuevos,
                        "base": _base(),
                        "buscar": _base() + "/buscar/?" + guardada.parametros,
                        "baja": baja_url,
                    },
                )
                asunto = f"Trama: {len(nuevos)} novedad{'es' if len(nuevos) != 1 else ''} sobre {guardada.nombre}"
                enviar_correo_al_confirmar(
                    asunto[:200],
                    cuerpo,
                    [guardada.usuario.email],
                    {"List-Unsubscribe": f"<{baja_url}>"},
                )
                enviados += 1
            guardada.ultimo_envio = ahora
            guardada.save(update_fields=["ultimo_envio"])
    return enviados
