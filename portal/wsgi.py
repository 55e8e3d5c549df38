"""Punto de entrada WSGI. Por defecto usa la configuración de producción.

gunicorn, antes de crear los workers, precarga el mapa de facetas y congela lo
cargado fuera del recolector de ciclos (`when_ready` en gunicorn.conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()
