"""Relacionados entre tipos, calculados en el índice: un caso muestra prácticas
parecidas y una práctica, casos parecidos.

Parecido = opciones de faceta compartidas, con peso: mismo tipo de red (3),
característica (2), foco y etiqueta (1). Una sola consulta sobre `ValorFaceta`
(índice faceta, valor, documento), solo con lo publicado: el índice nunca tiene
borradores."""

from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Sum, Value, When

from .models import ValorFaceta

PESOS = {"tipo_red": 3, "caracteristica": 2, "foco": 1, "etiqueta": 1}


@dataclass
class Relacionado:
    page_id: int | None
    slug: str
    titulo: str
    url: str
    resumen: str


def relacionados(clave, tipo, limite=3) -> list[Relacionado]:
    """Documentos de `tipo` más parecidos al documento `clave`."""
    comparte = ValorFaceta.objects.filter(
        documento__clave=clave, faceta=OuterRef("faceta"), valor=OuterRef("valor")
    )
    peso = Sum(
        Case(
            *[When(faceta=f, then=Value(p)) for f, p in PESOS.items()],
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    filas = (
        ValorFaceta.objects.filter(Exists(comparte), faceta__in=PESOS, documento__tipo=tipo)
        .exclude(documento__clave=clave)
        .values(
            "documento_id",
            "documento__page_id",
            "documento__slug",
            "documento__titulo",
            "documento__url",
            "documento__resumen",
        )
        .annotate(peso=peso)
        .order_by("-peso", "documento_id")[:limite]
    )
    return [
        Relacionado(
            f["documento__page_id"],
            f["documento__slug"],
            f["documento__titulo"],
            f["documento__url"],
            f["documento__resumen"],
        )
        for f in filas
    ]
