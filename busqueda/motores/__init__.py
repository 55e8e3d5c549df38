"""Único punto que elige el motor. Vistas, plantillas y comandos llaman aquí y
nunca preguntan cuál hay.

- `motor_busqueda()`: para buscar. Elasticsearch si `settings.ELASTICSEARCH_URL`
  existe (con respaldo en el local si no responde), si no el local.
- `motores_indice()`: todos los que hay que mantener al día (el local siempre).
"""

from django.conf import settings

from .base import ConsultaBusqueda, Motor, MotorNoDisponible, ResultadoBusqueda
from .cortacircuitos import elasticsearch as cortacircuitos_es
from .local import MotorLocal

__all__ = [
    "ConsultaBusqueda",
    "Motor",
    "MotorNoDisponible",
    "ResultadoBusqueda",
    "motor_busqueda",
    "motor_elasticsearch",
    "motor_local",
    "motores_indice",
]

AVISO_RESPALDO = (
    "El buscador principal no respondió: estos resultados vienen del índice local "
    "y pueden diferir levemente."
)


class MotorConRespaldo(Motor):
    """Busca en el principal; si no responde, en el respaldo, y lo dice. Tras
    fallas seguidas el cortacircuitos deja de intentar con el principal un rato."""

    def __init__(self, principal: Motor, respaldo: Motor, cortacircuitos=cortacircuitos_es):
        self.principal = principal
        self.respaldo = respaldo
        self.nombre = principal.nombre
        self.cortacircuitos = cortacircuitos

    def _intentar(self, llamada):
        if self.cortacircuitos.abierto():
            raise MotorNoDisponible("cortacircuitos abierto")
        try:
            respuesta = llamada()
        except MotorNoDisponible:
            self.cortacircuitos.falla()
            raise
        self.cortacircuitos.exito()
        return respuesta

    def buscar(self, consulta):
        try:
            return self._intentar(lambda: self.principal.buscar(consulta))
        except MotorNoDisponible:
            resultado = self.respaldo.buscar(consulta)
            resultado.avisos.append(AVISO_RESPALDO)
            return resultado

    def sugerencias(self, texto, limite=8):
        try:
            return self._intentar(lambda: self.principal.sugerencias(texto, limite))
        except MotorNoDisponible:
            return self.respaldo.sugerencias(texto, limite)


def motor_local() -> MotorLocal:
    return MotorLocal()


def motor_elasticsearch():
    """El motor Elasticsearch configurado, o None."""
    if not settings.ELASTICSEARCH_URL:
        return None
    from .elastic import MotorElasticsearch

    return MotorElasticsearch(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDICE)


def motor_busqueda() -> Motor:
    elastic = motor_elasticsearch()
    if elastic is None:
        return motor_local()
    return MotorConRespaldo(elastic, motor_local())


def motores_indice() -> list[Motor]:
    elastic = motor_elasticsearch()
    return [motor_local()] + ([elastic] if elastic else [])
