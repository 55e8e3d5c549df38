"""Pruebas (pytest)."""

import tempfile
from pathlib import Path

from .dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TRAMA_EMAIL_BACKEND_REAL = "django.core.mail.backends.locmem.EmailBackend"
# Tareas en línea: cada prueba ve su efecto sin un worker (las de fallas usan otro).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="trama-media-"))
TRAMA_MEDIA_PRIVADA = Path(tempfile.mkdtemp(prefix="trama-media-privada-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="trama-static-"))
ALLOWED_HOSTS = ["*"]
# Las defensas que cuentan solicitudes se prueban activándolas en su prueba
# (tests/test_seguridad.py); apagadas aquí para que la suite no se bloquee a sí
# misma. AXES además exige `request` en authenticate(), y Client.login() no lo pasa.
AXES_ENABLED = False
TRAMA_LIMITE_TASA_ACTIVO = False

# Sin caché de páginas: cada prueba ve el contenido recién creado.
TRAMA_CACHE_PAGINAS_SEGUNDOS = 0

# Sin autoguardado del editor de Wagtail 8 en las pruebas: en Chromium, su POST
# en segundo plano (cada 500 ms tras un cambio) compite con la prueba por la
# base SQLite del live_server («database table is locked») o llega cuando la
# práctica ya cambió de estado (400), y la prueba falla al azar.
WAGTAIL_AUTOSAVE_INTERVAL = 0
