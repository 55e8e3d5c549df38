"""Pruebas (pytest)."""

import tempfile
from pathlib import Path

from .dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="trama-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="trama-static-"))
ALLOWED_HOSTS = ["*"]
