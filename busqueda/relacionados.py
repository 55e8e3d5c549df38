"""Relacionados entre tipos, calculados en el índice: un caso muestra prácticas
parecidas y una práctica, casos parecidos.

Parecido = opciones de faceta compartidas, con peso: mismo tipo de red (3),
característica (2), foco y etiqueta (1). Una consulta por tipo sobre
`ValorFaceta` (índice faceta, valor, documento), solo con lo publicado: el índice
nunca tiene borradores."""

from django.db.models import Case, IntegerField, Q, Sum, Value, When

from .models import Documento, ValorFaceta

PESOS = {"tipo_red": 3, "caracteristica": 2, "foco": 1, "etiqueta": 1}


def relacionados(clave, tipo, limite=3):
    """Documentos de `tipo` más parecidos al documento `clave` (lista de Documento)."""
    propias = list(
        ValorFaceta.objects.filter(documento__clave=clave, faceta__in=PESOS).values_list(
            "faceta", "valor"
        )
    )
    if not propias:
        return []
    coincide = Q()
    for faceta, valor in propias:
        coincide |= Q(faceta=faceta, valor=valor)
    peso = Sum(
        Case(
            *[When(faceta=f, then=Value(p)) for f, p in PESOS.items()],
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    mejores = list(
        ValorFaceta.objects.filter(coincide, documento__tipo=tipo)
        .exclude(documento__clave=clave)
        .values("documento_id")
        .annotate(peso=peso)
        .order_by("-peso", "documento_id")[:limite]
    )
    documentos = Documento.objects.in_bulk([m["documento_id"] for m in mejores])
    return [documentos[m["documento_id"]] for m in mejores if m["documento_id"] in documentos]
