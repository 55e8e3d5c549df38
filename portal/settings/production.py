"""Producción. Se niega a arrancar sin SECRET_KEY ni ALLOWED_HOSTS."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "Falta la variable de entorno SECRET_KEY: producción no arranca sin una clave "
        "secreta propia (genérela con: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Falta la variable de entorno ALLOWED_HOSTS: indique los dominios del sitio "
        "separados por comas (por ejemplo trama.educacionpublica.cl)."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Detrás de un proxy HTTPS (README, Despliegue): solo si la conexión viene de uno
# de estos proxies se lee X-Forwarded-For para saber la IP real del cliente (bloqueo
# de login y límites de tasa). Por defecto, el nginx local.
TRAMA_PROXIES_CONFIABLES = env_list("TRAMA_PROXIES_CONFIABLES", "127.0.0.1,::1")

# Caché compartida entre los procesos de gunicorn: la necesitan los límites de
# tasa (un contador por proceso no limitaría nada). CACHE_URL=redis://host:6379/0
# usa Redis; sin CACHE_URL, una tabla de la base de datos (crear con
# `manage.py createcachetable`, ya incluido en los pasos de despliegue).
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
        }
    }
elif CACHE_URL:
    raise ImproperlyConfigured(
        f"CACHE_URL no reconocida: {CACHE_URL!r}. Use redis://host:puerto/n o deje la "
        "variable vacía para usar la caché en la base de datos."
    )
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "trama_cache",
        }
    }

# Archivos subidos: nunca ejecutables ni legibles por otros usuarios del sistema.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
