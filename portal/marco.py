"""Campos del marco del estudio comunes a casos y prácticas (mixin abstracto).

`CasoPage` y `PracticaPage` clasifican con los mismos focos, principios y
características; se declaran una vez aquí. `marco_mixin("casos")` da la clase
abstracta con el nombre inverso de siempre (`foco.casos`, `foco.practicas`): las
tablas intermedias y el estado de las migraciones no cambian (un
`related_name="%(app_label)s"` daría el mismo esquema pero migraciones nuevas).
"""

from django.db import models
from modelcluster.fields import ParentalManyToManyField

# Lo que el índice de búsqueda lee de estos campos: editar uno de estos términos
# reindexa las páginas que lo usan (busqueda/indice.py, `dependencias_busqueda`).
DEPENDENCIAS_MARCO = {
    "portal.Foco": "focos",
    "portal.Principio": "principios",
    "portal.Caracteristica": "caracteristicas",
    "portal.Dimension": "caracteristicas__dimension",
}


def marco_mixin(nombre_inverso):
    """Clase abstracta con focos, principios y características."""

    class Meta:
        abstract = True

    atributos = {
        "__module__": __name__,
        "Meta": Meta,
        "focos": ParentalManyToManyField(
            "portal.Foco",
            verbose_name="focos de acción",
            blank=True,
            related_name=nombre_inverso,
        ),
        "principios": ParentalManyToManyField(
            "portal.Principio",
            verbose_name="principios orientadores",
            blank=True,
            related_name=nombre_inverso,
        ),
        "caracteristicas": ParentalManyToManyField(
            "portal.Caracteristica",
            verbose_name="características de redes efectivas",
            blank=True,
            related_name=nombre_inverso,
        ),
    }
    return type(f"Marco{nombre_inverso.capitalize()}Mixin", (models.Model,), atributos)
