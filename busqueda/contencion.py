"""Fallas contenidas en las vistas de búsqueda: si el índice local está dañado
o la base no responde (bloqueada, tabla borrada, disco lleno), la página
responde con un aviso claro en español y la API con JSON, nunca con un 500.

Un decorador y no código dentro de cada vista: las vistas de búsqueda cambian
seguido (busqueda/views.py) y la contención es la misma para todas."""

import logging
from functools import wraps

from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.html import escape

logger = logging.getLogger(__name__)

REINTENTAR_EN = 30
AVISO = (
    "La búsqueda no está disponible en este momento por un problema técnico de nuestro "
    "lado. Ya quedó registrado; vuelva a intentarlo en unos minutos."
)


def _pagina(request, contexto_base):
    contexto = {"error": AVISO, "q": request.GET.get("q", ""), **(contexto_base or {})}
    try:
        html = render_to_string("busqueda/buscar.html", contexto, request=request)
    except Exception:  # noqa: BLE001 — la plantilla también puede necesitar la base
        logger.warning("No se pudo mostrar la página de búsqueda con el aviso", exc_info=True)
        html = (
            '<!doctype html><html lang="es-CL"><head><meta charset="utf-8">'
            "<title>Búsqueda no disponible · Trama</title></head><body><main>"
            f'<h1>Búsqueda no disponible</h1><p role="alert">{escape(AVISO)}</p>'
            '<p><a href="/">Volver al inicio</a></p></main></body></html>'
        )
    return HttpResponse(html, status=503)


def contener_fallas(json=False, contexto=None):
    """Envuelve una vista: DatabaseError → 503 con aviso (JSON si `json`)."""

    def decorador(vista):
        @wraps(vista)
        def envuelta(request, *args, **kwargs):
            try:
                return vista(request, *args, **kwargs)
            except DatabaseError:
                logger.exception("Falla de la base o del índice en %s", request.path)
                if json:
                    respuesta = JsonResponse(
                        {"error": AVISO, "reintentar_en": REINTENTAR_EN},
                        status=503,
                        json_dumps_params={"ensure_ascii": False},
                    )
                else:
                    respuesta = _pagina(request, contexto() if callable(contexto) else contexto)
                respuesta["Retry-After"] = str(REINTENTAR_EN)
                respuesta["Cache-Control"] = "no-store"
                return respuesta

        return envuelta

    return decorador
