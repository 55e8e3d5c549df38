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


def when_ready(server):
    """En el maestro, con la app ya cargada (`preload_app`) y antes de crear workers.

    1. Carga el mapa de facetas del motor local: cada worker lo hereda cargado y solo
       aplica los cambios posteriores. Sin esto, la primera búsqueda de CADA worker
       (también de los que se reciclan con `max_requests`) esperaba la carga: ~2,4 s
       con 100 mil prácticas (bench/brechas.md). Si la base no responde o no está
       migrada, se sigue: cada worker cargará el mapa en su primera búsqueda.
    2. Congela lo cargado (Django, Wagtail, modelos, el mapa: ~200 mil objetos) fuera
       del recolector de ciclos: vive lo que vive el proceso, y sin esto cada tanto una
       solicitud pagaba una recolección completa de ~85 ms. Los workers además
       comparten esas páginas de memoria sin copiarlas.
    """
    if not server.cfg.preload_app:
        return
    import gc

    from django.db import DatabaseError, connections

    from busqueda.motores.facetas_bits import mapa_facetas

    try:
        mapa_facetas()
    except DatabaseError as error:
        server.log.warning("Sin precarga del mapa de facetas: %s", error)
    finally:
        connections.close_all()  # ninguna conexión abierta cruza el fork
    gc.freeze()
