"""Listado público de prácticas: reutiliza el filtro facetado de `portal.filtros`."""

from portal.filtros import Faceta, FiltroFacetado
from portal.models import Caracteristica, Foco, NivelEducativo, Principio

from .models import PracticaPage

FILTRO = FiltroFacetado(
    [
        Faceta("foco", "Foco de acción", campo="focos", opciones=Foco.objects.all()),
        Faceta(
            "principio",
            "Principio orientador",
            campo="principios",
            opciones=Principio.objects.all(),
        ),
        Faceta(
            "caracteristica",
            "Característica de red efectiva",
            campo="caracteristicas",
            opciones=Caracteristica.objects.select_related("dimension"),
            agrupar_por="dimension",
        ),
        # SLEP y tipo de red vienen de la red que publica la práctica.
        Faceta("slep", "SLEP", campo="red__slep__slug", campo_nombre="red__slep__nombre"),
        Faceta(
            "tipo_red", "Tipo de red", campo="red__tipo__slug", campo_nombre="red__tipo__nombre"
        ),
        Faceta("nivel", "Nivel educativo", campo="niveles", opciones=NivelEducativo.objects.all()),
        Faceta(
            "evidencia",
            "Nivel de evidencia",
            campo="nivel_evidencia",
            choices=PracticaPage.NIVELES_EVIDENCIA,
        ),
    ],
    por_pagina=12,
)


def contexto_listado(request, indice):
    base = (
        PracticaPage.objects.live()
        .public()
        .child_of(indice)
        .select_related("red__slep", "red__tipo")
        .prefetch_related("focos")
        .order_by("-first_published_at", "title")
    )
    filtro = FILTRO.aplicar(request, base)  # Http404 si la página no existe
    return {
        "filtro": filtro,
        "practicas": filtro.pagina.object_list,
        "explicacion_evidencia": [
            (valor, nombre, PracticaPage.EXPLICACION_EVIDENCIA[valor])
            for valor, nombre in PracticaPage.NIVELES_EVIDENCIA
        ],
    }
