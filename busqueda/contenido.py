"""Paso de `manage.py load_initial_data` (corre después de casos y prácticas):
si el índice local no calza con las páginas publicadas (p. ej. una base cargada
antes de existir la búsqueda), lo reconstruye. Idempotente y barato si está al día."""

from .indice import documentos_buscables, total_buscables
from .models import Documento
from .motores import motor_local


def cargar(inicio, salida=None):
    esperados = total_buscables()
    if Documento.objects.filter(page__isnull=False).count() == esperados:
        return 0
    n = motor_local().reconstruir(documentos_buscables())
    if salida is not None:
        salida.write(f"Búsqueda: índice local reconstruido ({n} documentos).")
    return n
