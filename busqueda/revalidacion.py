"""Búsquedas anónimas revalidables: ETag por versión del índice y caché corta.

`/buscar/`, `/api/buscar/` y `/api/buscar/sugerencias/` responden a un visitante
anónimo con `ETag` (versión de la búsqueda + consulta + formato + arranque del
código) y `Cache-Control: public, max-age=TRAMA_BUSQUEDA_CACHE_SEGUNDOS`. Una
solicitud con `If-None-Match` vigente recibe 304 **sin correr la búsqueda y sin
contar contra el límite de tasa**: un taller de 30 docentes detrás de la IP de
un liceo que repite la misma consulta no gasta su cupo, y un proxy intermedio
puede servir la copia.

Por qué código propio y no `django.views.decorators.http.condition`: ese
decorador responde el 304 dentro de la vista, cuando `LimiteTasaMiddleware` ya
contó la solicitud. Aquí el 304 lo da `RevalidacionMiddleware`, que va justo
antes del limitador y usa lo de Django (`get_conditional_response`,
`patch_cache_control`, `patch_vary_headers`); la vista solo se marca con
`@revalidable(formato)`, que pone las cabeceras en el 200. Una sola función
(`etag_de`) calcula la etiqueta para ambos.

Privado (`private, no-store`, sin ETag): quien tiene sesión o cualquier cookie
que no sea la de CSRF o la del limitador, una respuesta que usó el token CSRF o
fija cookies, una respuesta que no es 200 y una respuesta degradada (Elasticsearch
configurado pero respondió el índice local). Un 304 no se registra en el informe
de búsquedas: es la misma búsqueda que el navegador ya tiene.
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.db import DatabaseError
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from portal.cache import cookies_anonimas

# Cambia en cada arranque del código (gunicorn con preload_app: el mismo en todos
# sus procesos): un despliegue con plantillas nuevas nunca responde 304 a una
# copia hecha con las viejas.
ARRANQUE = uuid.uuid4().hex[:12]


def segundos():
    return getattr(settings, "TRAMA_BUSQUEDA_CACHE_SEGUNDOS", 60)


def etag_de(request, formato):
    """ETag débil de esta búsqueda para un visitante anónimo; None si no corresponde."""
    if request.method not in ("GET", "HEAD") or not cookies_anonimas(request):
        return None
    from .models import EstadoIndice

    consulta = sorted((k, tuple(v)) for k, v in request.GET.lists())
    base = "\n".join([formato, ARRANQUE, EstadoIndice.version_busqueda(), repr(consulta)])
    return f'W/"{hashlib.sha256(base.encode()).hexdigest()[:32]}"'


def _publica(respuesta, etag):
    respuesta["ETag"] = etag
    patch_cache_control(respuesta, public=True, max_age=segundos())
    patch_vary_headers(respuesta, ["Cookie"])


def no_publicar(respuesta):
    """Marca una respuesta que no debe guardarse ni revalidarse (p. ej. degradada)."""
    respuesta.trama_revalidable = False
    return respuesta


def revalidable(formato):
    """Decorador de vista: ETag y caché pública corta en el 200 anónimo; privado si no."""

    def decorador(vista):
        @wraps(vista)
        def envuelta(request, *args, **kwargs):
            try:
                # Antes de buscar: si el índice cambia mientras tanto, la etiqueta
                # queda vieja y la próxima solicitud trae la respuesta nueva.
                etag = etag_de(request, formato)
            except DatabaseError:
                etag = None
            respuesta = vista(request, *args, **kwargs)
            if (
                etag
                and respuesta.status_code == 200
                and getattr(respuesta, "trama_revalidable", True)
                and not respuesta.cookies
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            ):
                _publica(respuesta, etag)
            else:
                patch_cache_control(respuesta, private=True, no_store=True)
            return respuesta

        envuelta.formato_revalidable = formato
        return envuelta

    return decorador


class RevalidacionMiddleware:
    """Responde 304 a una revalidación vigente antes del límite de tasa (ver arriba).

    Va en MIDDLEWARE justo antes de `portal.seguridad.LimiteTasaMiddleware`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and "HTTP_IF_NONE_MATCH" in request.META:
            respuesta = self._no_modificada(request)
            if respuesta is not None:
                return respuesta
        return self.get_response(request)

    @staticmethod
    def _no_modificada(request):
        try:
            formato = getattr(resolve(request.path_info).func, "formato_revalidable", None)
        except Resolver404:
            return None
        if not formato:
            return None
        try:
            etag = etag_de(request, formato)
        except DatabaseError:
            return None  # la vista responde con su aviso (contencion.py)
        if not etag:
            return None
        respuesta = get_conditional_response(request, etag=etag)
        if respuesta is None or respuesta.status_code != 304:
            return None
        _publica(respuesta, etag)
        return respuesta
