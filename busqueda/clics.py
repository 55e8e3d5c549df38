"""Registro de clics en resultados de búsqueda (para el informe del admin).

Lo llama `static/js/busqueda_clics.js` con `navigator.sendBeacon` al abrir un
resultado: la navegación nunca espera esta respuesta. Es barato (un UPDATE por
clic, ver `ClicBusqueda.registrar`) y nunca falla hacia el usuario: cualquier dato
inválido responde 400 sin tocar nada, y un resultado que ya no existe se ignora.
Sin CSRF a propósito: solo suma contadores anónimos (como el registro de
búsquedas) y `sendBeacon` no puede mandar la cabecera; el límite de tasa lo pone
el middleware del portal."""

import logging

from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import ClicBusqueda, Documento
from .motores.base import MAXIMO_POR_PAGINA
from .parametros import LARGO_MAXIMO, PAGINA_MAXIMA

logger = logging.getLogger(__name__)
POSICION_MAXIMA = PAGINA_MAXIMA * MAXIMO_POR_PAGINA


def _error(mensaje):
    return JsonResponse({"error": mensaje}, status=400, json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@require_POST
def registrar_clic(request):
    q = (request.POST.get("q") or "").strip()
    url = (request.POST.get("url") or "").strip()
    crudo = (request.POST.get("posicion") or "").strip()
    if not q or len(q) > LARGO_MAXIMO:
        return _error("Falta la búsqueda o es demasiado larga.")
    if not url or len(url) > 500:
        return _error("Falta la dirección del resultado.")
    try:
        posicion = int(crudo)
    except ValueError:
        return _error("La posición debe ser un número entero positivo.")
    if not 1 <= posicion <= POSICION_MAXIMA:
        return _error("La posición está fuera de rango.")
    documento = Documento.objects.filter(url=url).values("clave", "titulo", "url").first()
    if documento is None:
        return HttpResponse(status=204)  # un resultado que ya no está: nada que contar
    try:
        ClicBusqueda.registrar(q, documento["clave"], posicion, documento["titulo"], url)
    except DatabaseError:
        logger.warning("No se pudo registrar un clic de búsqueda.", exc_info=True)
    return HttpResponse(status=204)
