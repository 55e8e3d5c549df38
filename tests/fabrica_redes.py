"""Fábricas para las pruebas de redes y autoevaluación (sin librerías)."""

import datetime

from django.utils import timezone

from portal.models import Slep, TipoRed
from redes.contenido import cargar_instrumento
from redes.models import Codigo, Red, Respuesta, Ronda, hash_codigo


def crear_red(slug="red-a", slep="barrancas", tipo="utp", coordinadora=None, **extra):
    red = Red.objects.create(
        nombre=f"Red {slug}",
        slug=slug,
        tipo=TipoRed.objects.get(slug=tipo),
        slep=Slep.objects.get(slug=slep),
        proposito=f"Propósito de {slug}.",
        **extra,
    )
    if coordinadora is not None:
        red.coordinadores.add(coordinadora)
    return red


def crear_ronda(
    red, estado=Ronda.CERRADA, nombre="Ronda 1", dias=0, instrumento=None, modo=Ronda.INDIVIDUAL
):
    hoy = timezone.localdate()
    instrumento = instrumento or cargar_instrumento()[0]
    return Ronda.objects.create(
        red=red,
        instrumento=instrumento,
        nombre=nombre,
        inicio=hoy - datetime.timedelta(days=10 - dias),
        termino=hoy + datetime.timedelta(days=10 + dias),
        estado=estado,
        modo=modo,
    )


def responder(ronda, rol, valor, comentario="", por_slug=None, estado=Codigo.ENVIADO):
    """Una persona sintética: `valor` en todo (o `por_slug[slug]` para un
    término; None = «no sé»). Devuelve el código."""
    n = ronda.codigos.count()
    codigo = Codigo.objects.create(
        ronda=ronda,
        hash=hash_codigo(f"prueba-{ronda.pk}-{n}-{rol}"),
        estado=estado,
        rol=rol,
        comentario=comentario,
    )
    filas = []
    for item in ronda.instrumento.items.select_related("caracteristica", "riesgo"):
        slug = item.caracteristica.slug if item.caracteristica_id else item.riesgo.slug
        v = (por_slug or {}).get(slug, valor)
        filas.append(Respuesta(codigo=codigo, item=item, valor=v))
    Respuesta.objects.bulk_create(filas)
    return codigo
