"""Configuración de los benchmarks: la de producción (DEBUG=False, WhiteNoise,
caché compartida), sin HTTPS forzado ni límites de tasa, que medirían el
limitador y no el portal. Solo la usa bench/correr.py."""

import os

os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

from portal.settings.production import *  # noqa: E402, F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
TRAMA_LIMITE_TASA_ACTIVO = False
AXES_ENABLED = False
TRAMA_PERMITE_CORPUS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
