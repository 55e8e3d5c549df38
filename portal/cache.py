"""Caché de páginas públicas para visitantes anónimos, invalidada al publicar.

Usa el `CacheMiddleware` de Django tal cual (claves por URL, cabeceras Vary,
no guarda respuestas que fijan cookies) y le agrega dos cosas que no trae:

- Solo sirve a anónimos: una petición con cookie de sesión (coordinadores,
  editores) o con mensajes pendientes nunca lee ni escribe la caché, y una
  respuesta que fija cookies no se guarda; así nadie ve la barra de Wagtail ni
  el aviso de otro, ni un contenido cacheado mientras edita.
- Invalidación por generación (y no por URL): la clave lleva un número de generación que se
  incrementa por lo que cambia en público: publicar, despublicar, mover o borrar
  una página, o guardar un término del marco, una red, un SLEP, una etiqueta o
  una imagen. Guardar un borrador o una revisión (un coordinador escribiendo su
  práctica) NO la incrementa (ver `portal.apps._contenido_cambiado`). Así funciona igual con Redis o con la caché en base de datos de
  producción, compartida por todos los procesos de gunicorn, sin vaciar la
  caché completa (que guarda también los contadores de los límites de tasa).
  Por generación y no por URL porque una práctica se ve en muchas páginas (su
  ficha, el listado y sus páginas siguientes, el inicio, su red, su territorio,
  las fuentes Atom y cada búsqueda guardada): seguir cada dependencia por URL
  dejaría alguna vieja. Se publica pocas veces al día; volver a armar las
  páginas tras una publicación cuesta poco.
- La caché frontal (CDN) se purga por URL: ver abajo.

Se activa con `TRAMA_CACHE_PAGINAS_SEGUNDOS` > 0 (0 en pruebas).
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django_tasks import task

logger = logging.getLogger(__name__)

CLAVE_GENERACION = "trama:paginas:generacion"

# Rutas que nunca se cachean: formularios, cuentas, admin, búsquedas (cada
# búsqueda se registra para el informe de la DEP) y la API.
EXCLUIDAS = (
    "/admin/",
    "/cuenta/",
    "/api/",
    "/buscar/",
    "/documentos/",
    "/practicas/publicar/",
    "/practicas/mis-practicas/",
    "/imagenes-privadas/",
)


def _segundos():
    return getattr(settings, "TRAMA_CACHE_PAGINAS_SEGUNDOS", 0)


def _alias():
    return getattr(settings, "CACHE_MIDDLEWARE_ALIAS", "default")


def generacion():
    return caches[_alias()].get_or_set(CLAVE_GENERACION, 1, timeout=None)


def invalidar_paginas(*args, **kwargs):
    """Receptor de señales: toda página cacheada pasa a ser vieja."""
    if _segundos() <= 0:  # sin caché de páginas no hay nada que invalidar
        return
    cache = caches[_alias()]
    try:
        cache.incr(CLAVE_GENERACION)
    except ValueError:  # la clave no existía (caché recién creada o expirada)
        cache.set(CLAVE_GENERACION, 2, timeout=None)


def cookies_anonimas(request):
    """¿La petición es de un visitante anónimo sin nada personal pendiente? Solo
    trae (si acaso) la cookie de CSRF y la del limitador de tasa (un id al azar,
    portal/seguridad.py); con sesión o con mensajes pendientes es personal. La usan
    esta caché y las búsquedas revalidables (busqueda/revalidacion.py)."""
    from .seguridad import COOKIE_CLIENTE

    return set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME, COOKIE_CLIENTE}


def _cacheable(request):
    return (
        _segundos() > 0
        and request.method in ("GET", "HEAD")
        and cookies_anonimas(request)
        and not request.path_info.startswith(EXCLUIDAS)
    )


class _ConGeneracion:
    def _preparar(self, request):
        self.cache_timeout = _segundos()
        self.page_timeout = None
        self.key_prefix = f"paginas-{generacion()}"


class ActualizarCachePaginasMiddleware(_ConGeneracion, UpdateCacheMiddleware):
    """Va arriba en MIDDLEWARE: guarda la respuesta final (con sus cabeceras)."""

    def process_response(self, request, response):
        if not getattr(request, "_trama_cacheable", False) or response.cookies:
            return response
        self._preparar(request)
        return super().process_response(request, response)


class LeerCachePaginasMiddleware(_ConGeneracion, FetchFromCacheMiddleware):
    """Va abajo en MIDDLEWARE: responde desde la caché si hay una copia vigente."""

    def process_request(self, request):
        request._trama_cacheable = _cacheable(request)
        if not request._trama_cacheable:
            request._cache_update_cache = False
            return None
        self._preparar(request)
        return super().process_request(request)


# ------------------------------------------------------------ caché frontal
#
# Delante del sitio puede haber una caché compartida (CDN, Varnish, nginx con
# purga) que guarda las páginas públicas según su `Cache-Control` (lo pone el
# `CacheMiddleware` de arriba: `max-age` = TRAMA_CACHE_PAGINAS_SEGUNDOS). Se
# configura con `WAGTAILFRONTENDCACHE` (settings/base.py lo arma desde
# TRAMA_CACHE_FRONTAL_URL) y se purga con `wagtail.contrib.frontend_cache`.
#
# No se instala la app `wagtail.contrib.frontend_cache`: su `ready()` conecta
# una purga síncrona a `page_published`, dentro de la solicitud de la editora;
# un servidor de caché lento la haría esperar. Aquí se usan sus backends
# (`PurgeBatch`) desde una tarea tras el commit, y se purga, además de la página,
# lo que la muestra: sus ancestros (el listado, el inicio), su red y su territorio.


def urls_a_purgar(pagina) -> list[str]:
    """URLs públicas (absolutas) que muestran `pagina`."""
    from wagtail.models import Page

    especifica = pagina.specific
    urls = []
    propia = especifica.full_url
    if propia:
        urls.append(propia)
        urls += [propia + ruta for ruta in getattr(especifica, "rutas_en_cache", ())]
    for ancestro in Page.objects.ancestor_of(pagina).filter(depth__gt=1).specific():
        if ancestro.full_url:
            urls.append(ancestro.full_url)
    dependientes = getattr(especifica, "urls_que_la_muestran", None)
    if dependientes:
        raiz = (pagina.get_site().root_url if pagina.get_site() else "") or ""
        urls += [u if u.startswith("http") else raiz + u for u in dependientes()]
    return list(dict.fromkeys(urls))


@task()
def purgar_cache_frontal(urls):
    """Pide a la caché frontal que olvide `urls`. Un fallo queda en el registro
    del backend de Wagtail y nunca en la decisión de la editora."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    lote = PurgeBatch()
    lote.add_urls(urls)
    lote.purge()


def purgar_pagina_al_confirmar(sender=None, instance=None, **kwargs):
    """Receptor de publicar, despublicar y mover: purga tras el commit, en una tarea."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None) or instance is None:
        return
    pagina = kwargs.get("page") or instance
    try:
        urls = urls_a_purgar(pagina)
    except Exception:  # una URL que no se puede armar nunca impide publicar
        logger.exception("No se pudieron calcular las URLs a purgar de la página %s", pagina.pk)
        return
    if urls:
        transaction.on_commit(lambda: _encolar(urls))


def _encolar(urls):
    try:
        purgar_cache_frontal.enqueue(urls)
    except Exception:
        logger.exception("No se pudo encolar la purga de la caché frontal")
