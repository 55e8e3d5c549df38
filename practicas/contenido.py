"""Contenido base de prácticas (también en producción): el índice /practicas/,
el flujo de moderación «Revisión DEP» y las colecciones de archivos. Idempotente."""

from .flujo import asegurar_flujo, coleccion_publica, coleccion_revision
from .models import PracticasIndexPage

INDICE = {
    "title": "Prácticas de las redes",
    "slug": "practicas",
    "seo_title": "Prácticas de las redes de la Educación Pública",
    "introduccion": (
        "<p>Lo que hicieron las redes de los Servicios Locales de Educación Pública, contado "
        "por ellas mismas y revisado por la DEP antes de publicarse. Filtre por foco, "
        "principio, característica, SLEP, tipo de red, nivel educativo o nivel de "
        "evidencia.</p>"
    ),
}


def cargar(inicio, salida=None):
    indice = PracticasIndexPage.objects.first()
    if indice is None:
        indice = inicio.add_child(instance=PracticasIndexPage(**INDICE))
        indice.save_revision().publish()
        if salida is not None:
            salida.write("Prácticas: índice /practicas/ creado.")
    asegurar_flujo(indice)
    coleccion_revision()
    coleccion_publica()
    return indice
