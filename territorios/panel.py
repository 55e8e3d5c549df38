"""Cifras del panel de la DEP: los SLEP en conjunto, solo agregados.

Los conteos de prácticas son conteos de facetas del mismo motor de búsqueda
(tipo=práctica + SLEP, y además cada foco para la matriz): el panel cuenta lo
mismo que ve una persona al filtrar `/practicas/`. Las redes se cuentan en la
base (no son un listado ni una búsqueda).
"""

from datetime import timedelta

from django.db.models import Count, Sum
from django.utils import timezone

from busqueda.models import RegistroBusqueda
from portal.models import Caracteristica, Foco, Slep, TipoRed

from .resumen import buscar, conteo_faceta

DIAS_BUSQUEDAS = 30
MAXIMO_BUSQUEDAS = 15


def _evidencias():
    from practicas.models import PracticaPage

    return PracticaPage.NIVELES_EVIDENCIA


def cifras_slep(slep, focos, caracteristicas, tipos):
    base = buscar({"tipo": ["practica"], "slep": [slep.slug]}, por_pagina=1)
    por_evidencia = conteo_faceta(base, "evidencia")
    matriz = []
    for foco in focos:
        if base.total:
            con_foco = buscar(
                {"tipo": ["practica"], "slep": [slep.slug], "foco": [foco.slug]}, por_pagina=1
            )
            conteos = conteo_faceta(con_foco, "caracteristica")
        else:
            conteos = {}
        matriz.append([conteos.get(c.slug, 0) for c in caracteristicas])
    redes_por_tipo = dict(
        slep.redes.values("tipo").annotate(n=Count("pk")).values_list("tipo", "n")
    )
    from redes.models import Ronda

    from .resumen import autoevaluacion_de

    rondas = dict(
        Ronda.objects.filter(red__slep=slep)
        .values("estado")
        .annotate(n=Count("pk"))
        .values_list("estado", "n")
    )
    return {
        "rondas_abiertas": rondas.get(Ronda.ABIERTA, 0),
        "rondas_cerradas": rondas.get(Ronda.CERRADA, 0),
        # Solo agregados que pasan por redes/privacidad.py (3 redes con informe o más).
        "autoevaluacion": autoevaluacion_de(slep),
        "slep": slep,
        "practicas": base.total,
        "por_foco": conteo_faceta(base, "foco"),
        "por_caracteristica": conteo_faceta(base, "caracteristica"),
        "por_evidencia": [(nombre, por_evidencia.get(valor, 0)) for valor, nombre in _evidencias()],
        "matriz": matriz,
        "redes_por_tipo": [(t.nombre, redes_por_tipo.get(t.pk, 0)) for t in tipos],
        "redes": sum(redes_por_tipo.values()),
    }


def busquedas_sin_resultados(dias=DIAS_BUSQUEDAS, maximo=MAXIMO_BUSQUEDAS):
    desde = timezone.localdate() - timedelta(days=dias - 1)
    return list(
        RegistroBusqueda.objects.filter(dia__gte=desde, sin_resultados__gt=0)
        .values("consulta")
        .annotate(veces=Sum("sin_resultados"))
        .order_by("-veces", "consulta")
        .values_list("consulta", "veces")[:maximo]
    )


def cifras_panel():
    focos = list(Foco.objects.all())
    caracteristicas = list(Caracteristica.objects.select_related("dimension"))
    tipos = list(TipoRed.objects.all())
    sleps = [
        cifras_slep(s, focos, caracteristicas, tipos)
        for s in Slep.objects.select_related("region").order_by("orden", "nombre")
    ]
    return {
        "focos": focos,
        "caracteristicas": caracteristicas,
        "tipos": tipos,
        "sleps": sleps,
        "sin_resultados": busquedas_sin_resultados(),
        "dias_busquedas": DIAS_BUSQUEDAS,
    }


def tablas_csv(cifras):
    """{nombre: (encabezado, filas)} con cada tabla del panel, para descargar en CSV."""
    evidencias = [nombre for _, nombre in _evidencias()]
    tablas = {
        "comparacion": (
            [
                "SLEP",
                "Región",
                "Redes",
                "Prácticas publicadas",
                "Rondas en curso",
                "Rondas cerradas",
                "Características más débiles",
            ],
            [
                [
                    str(s["slep"]),
                    s["slep"].region.nombre,
                    s["redes"],
                    s["practicas"],
                    s["rondas_abiertas"],
                    s["rondas_cerradas"],
                    ", ".join(f["termino"].nombre for f in s["autoevaluacion"]["debiles"])
                    or "sin agregado (menos de 3 redes con informe)",
                ]
                for s in cifras["sleps"]
            ],
        ),
        "redes-por-tipo": (
            ["SLEP"] + [t.nombre for t in cifras["tipos"]],
            [[str(s["slep"])] + [n for _, n in s["redes_por_tipo"]] for s in cifras["sleps"]],
        ),
        "practicas-por-evidencia": (
            ["SLEP"] + evidencias,
            [[str(s["slep"])] + [n for _, n in s["por_evidencia"]] for s in cifras["sleps"]],
        ),
        "practicas-foco-caracteristica": (
            ["SLEP", "Foco de acción"] + [c.nombre for c in cifras["caracteristicas"]],
            [
                [str(s["slep"]), foco.nombre] + fila
                for s in cifras["sleps"]
                for foco, fila in zip(cifras["focos"], s["matriz"], strict=True)
            ],
        ),
        "busquedas-sin-resultados": (
            ["Consulta", "Veces sin resultados"],
            [list(fila) for fila in cifras["sin_resultados"]],
        ),
    }
    return tablas
