"""Configuración de gunicorn para producción: `gunicorn -c gunicorn.conf.py portal.wsgi`.

Cada valor se puede cambiar con una variable de entorno (README, Despliegue).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Procesos síncronos: la app no hace E/S larga por solicitud (la búsqueda es
# local o Elasticsearch con tiempo límite). 2 × núcleos + 1 es la regla usual.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recicla procesos de vez en cuando para contener fugas de memoria.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100
# Carga la app antes de crear procesos: un error de configuración detiene el
# arranque de inmediato en vez de dejar procesos reiniciándose.
preload_app = True
# Límites de la línea y cabeceras HTTP (defensa contra solicitudes enormes).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# Solo el proxy local puede fijar X-Forwarded-*; ver TRAMA_PROXIES_CONFIABLES.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
