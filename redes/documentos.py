"""Las redes como documentos del índice de búsqueda (`tipo=red`).

Mismo contrato que las páginas (`datos_busqueda()`); la clave es `red:<id>`.
El índice local se actualiza en la misma transacción que la red; Elasticsearch
en una tarea al confirmar (como `busqueda.indice` hace con las páginas).
Editar una red también reindexa sus prácticas: su SLEP, tipo, ruralidad y EIB
son facetas de ellas."""

import logging

from django.db import transaction
from django_tasks import task

from busqueda.motores import MotorNoDisponible, motor_elasticsearch, motor_local

logger = logging.getLogger(__name__)


def clave_red(red_id) -> str:
    return f"red:{red_id}"


def documento_red(red) -> dict:
    datos = dict(red.datos_busqueda())
    datos.update(clave=clave_red(red.pk), slug=red.slug, url=red.get_absolute_url())
    return datos


def consulta_redes():
    from .models import Red

    return Red.objects.select_related("slep", "tipo").prefetch_related("comunas", "niveles")


def documentos_redes():
    """Todos los documentos de redes (para reconstruir el índice)."""
    for red in consulta_redes().order_by("pk").iterator(chunk_size=500):
        yield documento_red(red)


def total_redes() -> int:
    from .models import Red

    return Red.objects.count()


def _aplicar(motor, red_id):
    red = consulta_redes().filter(pk=red_id).first()
    if red is None:
        motor.borrar(clave_red(red_id))
    else:
        motor.indexar(documento_red(red))


@task()
def actualizar_red_elasticsearch(red_ids):
    motor = motor_elasticsearch()
    if motor is None:
        return
    for red_id in red_ids:
        try:
            _aplicar(motor, red_id)
        except MotorNoDisponible:
            # Queda desactualizada hasta el próximo `reindexar` (que incluye las redes).
            logger.warning("Elasticsearch no respondió; la red %s se reindexará después.", red_id)


def actualizar_redes(red_ids):
    red_ids = list(dict.fromkeys(red_ids))
    if not red_ids:
        return
    motor = motor_local()
    for red_id in red_ids:
        _aplicar(motor, red_id)
    if motor_elasticsearch() is not None:
        transaction.on_commit(lambda: actualizar_red_elasticsearch.enqueue(red_ids))
