"""Cortacircuitos para Elasticsearch: tras fallas seguidas se deja de intentar
por un rato y la búsqueda responde desde el índice local, con aviso.

Sin esto, un Elasticsearch que acepta conexiones y no contesta retiene cada
búsqueda hasta el tiempo de espera, y con pocos procesos de gunicorn el sitio
entero queda esperando. El estado vive en la caché compartida (`default`; en
producción la base o Redis), así todos los procesos se enteran a la vez; si la
caché no responde, cada proceso lleva su propia cuenta en memoria.

Ajustes: `ELASTICSEARCH_FALLAS_PARA_CORTAR` (3) fallas seguidas abren el
circuito por `ELASTICSEARCH_PAUSA_SEGUNDOS` (30); pasada la pausa se deja pasar
una búsqueda de prueba: si responde se cierra, si falla se vuelve a abrir.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def _en_cache(operacion, *args, defecto=None, **kwargs):
    """La caché compartida también puede fallar: entonces vale la cuenta local."""
    try:
        return getattr(cache, operacion)(*args, **kwargs)
    except Exception:  # noqa: BLE001 — cualquier falla de la caché se trata igual
        logger.debug("Caché no disponible para el cortacircuitos", exc_info=True)
        return defecto


class Cortacircuitos:
    def __init__(self, nombre):
        self.nombre = nombre
        self._clave_fallas = f"trama:cortacircuitos:{nombre}:fallas"
        self._clave_abierto = f"trama:cortacircuitos:{nombre}:abierto_hasta"
        self._candado = threading.Lock()
        self._fallas = 0
        self._abierto_hasta = 0.0

    @property
    def umbral(self):
        return getattr(settings, "ELASTICSEARCH_FALLAS_PARA_CORTAR", 3)

    @property
    def pausa(self):
        return getattr(settings, "ELASTICSEARCH_PAUSA_SEGUNDOS", 30)

    def abierto(self):
        """True mientras no conviene intentar (se responde con el respaldo)."""
        hasta = max(self._abierto_hasta, _en_cache("get", self._clave_abierto) or 0)
        return time.time() < hasta

    def exito(self):
        with self._candado:
            self._fallas = 0
            self._abierto_hasta = 0.0
        _en_cache("delete_many", [self._clave_fallas, self._clave_abierto])

    def falla(self):
        with self._candado:
            self._fallas += 1
            fallas = self._fallas
        _en_cache("add", self._clave_fallas, 0, timeout=self.pausa * 10)
        fallas = max(fallas, _en_cache("incr", self._clave_fallas, defecto=0))
        if fallas >= self.umbral:
            hasta = time.time() + self.pausa
            with self._candado:
                self._abierto_hasta = hasta
            _en_cache("set", self._clave_abierto, hasta, timeout=self.pausa + 5)
            logger.warning(
                "%s falló %s veces seguidas: se deja de consultar por %s s.",
                self.nombre,
                fallas,
                self.pausa,
            )

    def reiniciar(self):
        self.exito()


elasticsearch = Cortacircuitos("elasticsearch")
