"""Defensas transversales del sitio: CSP por zona, límites de tasa, cabeceras de
documentos e IP del cliente detrás del proxy.

Lo que Django, django-csp y django-axes ya hacen se usa tal cual (cabeceras de
SecurityMiddleware, CSP, bloqueo de login). Aquí queda solo lo que ellos no
cubren, cada pieza con su razón.
"""

import hashlib
import ipaddress
import secrets
from dataclasses import dataclass

from csp.constants import NONCE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core import signing
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, patch_vary_headers
from django_ratelimit.core import get_usage

# --- Content-Security-Policy ---------------------------------------------------------------

# Sitio público: solo recursos propios, sin código ni estilos en línea y sin marcos.
# Los <script> propios que necesiten ir en línea usan el nonce de django-csp
# (`{{ request.csp_nonce }}`): el nonce va en script-src solo en las respuestas
# que lo usan.
CSP_PUBLICA = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "frame-src": ["'none'"],
    },
}

# El admin de Wagtail 8 todavía escribe <script> en línea (selectores de fecha,
# paneles en línea, flujos de revisión: plantillas wagtailadmin/widgets/*.html,
# panels/inline_panel.html) con identificadores distintos en cada página, así
# que ni hashes ni nonces sirven; y usa atributos style= en sus componentes.
# Solo en /admin/ se permite 'unsafe-inline' en script-src y style-src (sin
# nonce: con nonce el navegador ignoraría 'unsafe-inline'). El admin exige
# sesión de editor DEP y sigue sin poder cargar nada de otros orígenes. La
# vista previa se muestra en un iframe del mismo origen: frame-src y
# frame-ancestors 'self' solo aquí. Probado en Chromium real
# (tests/navegador/test_accesibilidad.py::test_admin_de_wagtail_funciona_con_la_csp).
CSP_ADMIN_CAMBIOS = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"],
}

PREFIJOS_ADMIN = ("/admin/",)


class CSPPorZonaMiddleware(CSPMiddleware):
    """CSP estricta en el sitio público y más laxa (código en línea) en el admin.

    django-csp permite variar la política por vista con decoradores; las vistas
    del admin son de Wagtail y no se decoran, así que se decide por prefijo.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        partes = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(PREFIJOS_ADMIN):
            partes.replace = {**(partes.replace or {}), **CSP_ADMIN_CAMBIOS}
        return partes


# --- Documentos -----------------------------------------------------------------------------

# Wagtail ya sirve los documentos por una vista (WAGTAILDOCS_SERVE_METHOD =
# "serve_view") con nosniff y "default-src 'none'". Aquí se endurece: sandbox
# (el documento no corre código ni puede navegar el sitio aunque se abra
# directo) y descarga forzada salvo PDF.
CSP_DOCUMENTOS = "default-src 'none'; sandbox; frame-ancestors 'none'"
TIPOS_EN_LINEA = ("application/pdf",)


class CabecerasDocumentosMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        coincidencia = getattr(request, "resolver_match", None)
        if coincidencia and coincidencia.url_name == "wagtaildocs_serve":
            response["Content-Security-Policy"] = CSP_DOCUMENTOS
            response["X-Content-Type-Options"] = "nosniff"
            response["Cross-Origin-Resource-Policy"] = "same-origin"
            tipo = response.get("Content-Type", "").split(";")[0].strip().lower()
            disposicion = response.get("Content-Disposition", "")
            if tipo not in TIPOS_EN_LINEA and not disposicion.startswith("attachment"):
                nombre = disposicion.partition(";")[2].strip()
                response["Content-Disposition"] = "attachment" + (f"; {nombre}" if nombre else "")
        return response


# --- IP del cliente -------------------------------------------------------------------------


def _redes_confiables():
    """Direcciones o redes (CIDR) de los proxies declarados en TRAMA_PROXIES_CONFIABLES."""
    valor = getattr(settings, "TRAMA_PROXIES_CONFIABLES", ())
    if isinstance(valor, str):
        valor = valor.split(",")
    redes = []
    for entrada in valor or ():
        entrada = str(entrada).strip()
        if not entrada:
            continue
        try:
            redes.append(ipaddress.ip_network(entrada, strict=False))
        except ValueError:
            continue  # check de Django (portal.checks) lo informa al arrancar
    return tuple(redes)


def _es_confiable(ip, redes):
    try:
        direccion = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(direccion in red for red in redes)


def ip_cliente(request):
    """IP del cliente. `X-Forwarded-For` se mira solo si la conexión viene de un
    proxy declarado (TRAMA_PROXIES_CONFIABLES: lista de direcciones o redes); se
    recorre de derecha a izquierda saltando los proxies declarados y la primera
    dirección que no es de ellos es la del cliente. Quien llega directo (sin pasar
    por el proxy) no puede inventarse otra IP con la cabecera."""
    directa = request.META.get("REMOTE_ADDR", "") or "desconocida"
    redes = _redes_confiables()
    if not redes or not _es_confiable(directa, redes):
        return directa
    cadena = [
        ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if ip.strip()
    ]
    for ip in reversed(cadena):
        if not _es_confiable(ip, redes):
            try:
                return str(ipaddress.ip_address(ip))
            except ValueError:
                return directa  # cabecera malformada: se usa la conexión
    return cadena[0] if cadena else directa


def ip_cliente_axes(request, *args, **kwargs):
    """Firma que espera AXES_CLIENT_IP_CALLABLE. Axes guarda la IP en un campo de
    dirección (inet en PostgreSQL): sin una dirección válida (una solicitud sin
    REMOTE_ADDR), None y no el texto «desconocida»."""
    ip = ip_cliente(request)
    try:
        return str(ipaddress.ip_address(ip))
    except ValueError:
        return None


# --- Límites de tasa ------------------------------------------------------------------------


@dataclass(frozen=True)
class Limite:
    nombre: str
    prefijo: str
    metodos: tuple
    maximo: int  # por cliente (navegador) en la ventana
    ventana: int  # segundos
    json: bool = False
    # Tope para todos los clientes de una misma IP (un liceo entero); None = maximo.
    maximo_ip: int | None = None
    # Contar solo por IP (login: quien prueba contraseñas descarta cookies).
    solo_ip: bool = False
    # Plantilla que vuelve a mostrar el formulario normal con el aviso (p. ej. /buscar/).
    pagina: str = ""


def limites_configurados():
    return [Limite(**datos) for datos in getattr(settings, "TRAMA_LIMITES_TASA", [])]


COOKIE_CLIENTE = "trama_cliente"


def _id_cliente(request):
    """Identificador firmado del navegador (cookie propia, sin datos personales)."""
    valor = request.COOKIES.get(COOKIE_CLIENTE, "")
    if valor:
        try:
            return signing.loads(valor, salt="trama.cliente", max_age=60 * 60 * 24 * 365)
        except signing.BadSignature:
            return ""
    return ""


class LimiteTasaMiddleware:
    """Límites de tasa con django-ratelimit (ventanas en la caché compartida).

    Cada navegador cuenta por separado (una cookie firmada `trama_cliente`) y,
    además, todos los de una IP tienen un tope común más alto: 30 docentes detrás
    de la IP de un liceo trabajan a la vez sin 429, y un raspador que descarta
    cookies cuenta por IP. Quien llega sin cookie cuenta también contra la IP con
    el tope por cliente. El login cuenta solo por IP (tope global, además del
    bloqueo por cuenta de django-axes). Para que valga entre procesos de
    gunicorn, producción usa una caché compartida (CACHES en settings/production.py).
    Se activa con TRAMA_LIMITE_TASA_ACTIVO; los topes están en TRAMA_LIMITES_TASA.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limite = self._limite_para(request)
        nuevo = ""
        if limite is not None:
            cliente = "" if limite.solo_ip else _id_cliente(request)
            if not cliente and not limite.solo_ip:
                nuevo = cliente = secrets.token_urlsafe(12)
            espera = self._contar(request, limite, cliente, sin_cookie=bool(nuevo))
            if espera is not None:
                return self._respuesta_429(request, limite, espera)
        respuesta = self.get_response(request)
        if nuevo:
            respuesta.set_cookie(
                COOKIE_CLIENTE,
                signing.dumps(nuevo, salt="trama.cliente"),
                max_age=60 * 60 * 24 * 365,
                httponly=True,
                samesite="Lax",
                secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
            )
            patch_vary_headers(respuesta, ["Cookie"])
            # La cookie es de este navegador: un proxy compartido no guarda la respuesta.
            patch_cache_control(respuesta, private=True)
        return respuesta

    @staticmethod
    def _limite_para(request):
        if not getattr(settings, "TRAMA_LIMITE_TASA_ACTIVO", True):
            return None
        for limite in limites_configurados():
            if request.method in limite.metodos and request.path_info.startswith(limite.prefijo):
                return limite
        return None

    def _contar(self, request, limite, cliente, sin_cookie):
        """Suma una solicitud; devuelve los segundos que faltan si se pasó de algún tope."""
        ip = clave_ip(request)
        cuentas = []
        if limite.solo_ip:
            cuentas.append((f"ip:{ip}", limite.maximo))
        else:
            cuentas.append((f"cliente:{cliente}", limite.maximo))
            cuentas.append((f"ip-total:{ip}", limite.maximo_ip or limite.maximo))
            if sin_cookie:
                cuentas.append((f"ip-sin-cookie:{ip}", limite.maximo))
        espera = None
        for clave, maximo in cuentas:
            uso = get_usage(
                request,
                group=f"trama:{limite.nombre}",
                key=lambda _grupo, _request, clave=clave: clave,
                rate=f"{maximo}/{limite.ventana}s",
                increment=True,
            )
            if uso and uso["should_limit"]:
                espera = max(espera or 0, int(uso["time_left"]) or 1)
        return espera

    def _respuesta_429(self, request, limite, espera):
        espera = max(1, espera)
        mensaje = (
            "Demasiadas solicitudes seguidas desde su conexión. "
            f"Espere {espera} segundos y vuelva a intentarlo."
        )
        if limite.json:
            respuesta = JsonResponse({"error": mensaje, "reintentar_en": espera}, status=429)
        elif limite.pagina:
            # El formulario normal, con el aviso en lugar de resultados.
            html = render_to_string(
                limite.pagina,
                {"error": mensaje, "q": request.GET.get("q", ""), "espera": espera},
                request=request,
            )
            respuesta = HttpResponse(html, status=429)
        else:
            html = render_to_string(
                "429.html", {"mensaje": mensaje, "espera": espera}, request=request
            )
            respuesta = HttpResponse(html, status=429)
        respuesta["Retry-After"] = str(espera)
        respuesta["Cache-Control"] = "no-store"
        return respuesta


def clave_ip(request, nombre=""):
    """Clave de conteo por conexión: la IP del cliente (ip_cliente) como hash, para
    que la caché no guarde direcciones."""
    ip = hashlib.sha256(ip_cliente(request).encode()).hexdigest()[:32]
    return f"{nombre}:{ip}" if nombre else ip


def limite_alcanzado(request, grupo, clave, maximo, ventana, sumar=True):
    """Límite de una acción puntual dentro de una vista, con django-ratelimit.

    El middleware cuenta solicitudes por prefijo; algunas vistas cuentan solo
    ciertos casos (un código que no existe, un mensaje válido a una red) y con
    claves que no son la conexión (la red que recibe). `@ratelimit` no sirve ahí
    porque cuenta antes de saber si el caso cuenta, así que se usa su
    `get_usage`, como el middleware. True si `clave` ya usó `maximo` en la
    ventana de `ventana` segundos; con `sumar`, esta vez cuenta (si no, solo mira).
    Siempre activo (también en pruebas): estos límites cuidan a la red, no la carga."""
    uso = get_usage(
        request,
        group=f"trama:{grupo}",
        key=lambda _grupo, _request: clave,
        rate=f"{maximo}/{ventana}s",
        increment=sumar,
    )
    if uso is None:  # RATELIMIT_ENABLE = False
        return False
    if uso["limit"] == 0:  # la caché no respondió: django-ratelimit cierra el paso
        return True
    return uso["should_limit"] if sumar else uso["count"] >= maximo


# --- Bloqueo de login (django-axes) ---------------------------------------------------------


def respuesta_bloqueo(request, original_response=None, credentials=None):
    """Página de bloqueo en español (AXES_LOCKOUT_CALLABLE). La plantilla de axes
    por defecto es un texto en inglés; aquí se dice cuánto esperar."""
    minutos = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    respuesta = render(
        request,
        "registration/bloqueo.html",
        {"minutos_bloqueo": minutos},
        status=429,
    )
    respuesta["Retry-After"] = str(minutos * 60)
    return respuesta
