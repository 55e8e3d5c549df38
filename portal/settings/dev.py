"""Desarrollo local (make run). Nunca usar en producción."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
# Clave solo para desarrollo: producción exige SECRET_KEY propia.
SECRET_KEY = "solo-desarrollo-no-usar-en-produccion"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
TRAMA_EMAIL_BACKEND_REAL = "django.core.mail.backends.console.EmailBackend"
# runserver sirve los estáticos desde las carpetas de origen, sin collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
