"""Lo que muestra cada territorio, armado con lo que ya hay en el portal.

Prácticas recientes, recomendaciones y conteos por faceta son consultas al
mismo motor de búsqueda que usan los listados (`busqueda.motores`): aquí no hay
un segundo camino para filtrar.
"""

from collections import OrderedDict

from busqueda.motores import ConsultaBusqueda, motor_busqueda
from portal.models import Caracteristica

from .models import Hallazgo

PRACTICAS_RECIENTES = 5
RECOMENDADAS = 6
DESAFIOS = 3


def buscar(filtros, orden="reciente", por_pagina=10):
    return motor_busqueda().buscar(
        ConsultaBusqueda(filtros=filtros, orden=orden, pagina=1, por_pagina=por_pagina)
    )


def conteo_faceta(resultado, faceta):
    return {o.valor: o.cantidad for o in resultado.facetas.get(faceta, [])}


def hallazgos_de(slep, en_el_estudio=True):
    """Hallazgos del SLEP: los suyos y, si fue parte del estudio, los comunes."""
    propios = Hallazgo.objects.filter(sleps=slep)
    if en_el_estudio:
        comunes = Hallazgo.objects.filter(sleps__isnull=True)
        hallazgos = (propios | comunes).distinct()
    else:
        hallazgos = propios
    hallazgos = hallazgos.select_related("foco", "principio").order_by(
        "foco__orden", "principio__orden", "orden", "pk"
    )
    por_foco, por_principio = OrderedDict(), OrderedDict()
    for h in hallazgos:
        destino = por_foco if h.foco_id else por_principio
        destino.setdefault(h.marco, []).append(h)
    return por_foco, por_principio


def redes_de(slep):
    """Redes del SLEP agrupadas por tipo, con las coordenadas de sus comunas."""
    redes = list(
        slep.redes.select_related("tipo")
        .prefetch_related("comunas")
        .order_by("tipo__orden", "nombre")
    )
    por_tipo = OrderedDict()
    for red in redes:
        por_tipo.setdefault(red.tipo, []).append(red)
    return redes, por_tipo


def desafios_de(slep, conteos_caracteristica):
    """Características en que el territorio tiene menos prácticas publicadas.

    Es una lectura de la biblioteca, no de la autoevaluación: dice dónde el
    territorio tiene menos experiencias propias para compartir y aprender."""
    caracteristicas = list(Caracteristica.objects.select_related("dimension"))
    return sorted(
        caracteristicas,
        key=lambda c: (conteos_caracteristica.get(c.slug, 0), c.dimension.orden, c.orden),
    )[:DESAFIOS]


def datos_mapa(slep, comunas, redes):
    """Lo que necesita el mapa (y su lista equivalente): comunas con coordenadas
    y redes ubicadas en el centro de sus comunas."""
    puntos = []
    for comuna in comunas:
        if comuna.latitud is None or comuna.longitud is None:
            continue
        puntos.append(
            {
                "tipo": "comuna",
                "nombre": comuna.nombre,
                "lat": float(comuna.latitud),
                "lon": float(comuna.longitud),
            }
        )
    for red in redes:
        ubicadas = [c for c in red.comunas.all() if c.latitud is not None]
        if not ubicadas:
            continue
        puntos.append(
            {
                "tipo": "red",
                "nombre": red.nombre,
                "lat": sum(float(c.latitud) for c in ubicadas) / len(ubicadas),
                "lon": sum(float(c.longitud) for c in ubicadas) / len(ubicadas),
                "comunas": [c.nombre for c in ubicadas],
            }
        )
    return puntos


def autoevaluacion_de(slep):
    """Cómo están las redes del territorio: solo lo que entrega el módulo de
    privacidad de la autoevaluación (redes/privacidad.py), nunca respuestas ni
    redes una a una. Con menos de 3 redes con informe propio, solo la cobertura."""
    from portal.graficos import barras
    from redes import privacidad

    rondas = privacidad.rondas_territorio(slep)
    agregado = privacidad.agregado_territorial(rondas)
    agregado["total_redes"] = slep.redes.count()
    agregado["debiles"] = privacidad.mas_debiles(agregado) if agregado["disponible"] else []
    if agregado["disponible"]:
        agregado["grafico"] = barras(
            f"autoevaluacion-{slep.slug}",
            f"Redes del {slep}: puntaje medio por característica (1 a 5)",
            [(f["termino"].nombre, f["media"]) for f in agregado["filas"]],
            decimales=1,
            escala=(1, 5),
        )
    return agregado


def resumen_territorio(pagina):
    from django.conf import settings

    slep = pagina.slep
    comunas = list(slep.comunas.order_by("orden", "nombre"))
    redes, redes_por_tipo = redes_de(slep)
    del_slep = buscar({"tipo": ["practica"], "slep": [slep.slug]}, por_pagina=PRACTICAS_RECIENTES)
    autoevaluacion = autoevaluacion_de(slep)
    if autoevaluacion["debiles"]:
        # Los desafíos del territorio son sus características más débiles en la
        # autoevaluación de sus redes; sin ese agregado, donde tiene menos prácticas.
        desafios = [f["termino"] for f in autoevaluacion["debiles"]]
        origen_desafios = "autoevaluacion"
    else:
        desafios = desafios_de(slep, conteo_faceta(del_slep, "caracteristica"))
        origen_desafios = "biblioteca"
    recomendadas = buscar(
        {"caracteristica": [c.slug for c in desafios]},
        orden="relevancia",
        por_pagina=RECOMENDADAS,
    )
    hallazgos_foco, hallazgos_principio = hallazgos_de(slep, pagina.en_el_estudio)
    mapa = datos_mapa(slep, comunas, redes)
    return {
        "slep": slep,
        "comunas": comunas,
        "redes": redes,
        "redes_por_tipo": redes_por_tipo,
        "practicas_recientes": del_slep.resultados,
        "total_practicas": del_slep.total,
        "desafios": desafios,
        "origen_desafios": origen_desafios,
        "autoevaluacion": autoevaluacion,
        "recomendadas": recomendadas.resultados,
        "hallazgos_foco": hallazgos_foco,
        "hallazgos_principio": hallazgos_principio,
        "mapa": {
            "puntos": mapa,
            "teselas": getattr(settings, "TRAMA_MAPA_TESELAS", ""),
            "atribucion": getattr(settings, "TRAMA_MAPA_ATRIBUCION", ""),
        },
        "hay_mapa": bool(mapa),
    }


def totales_estudio(territorios, indice):
    """Totales del trabajo de campo: suma de lo que dicen las páginas de cada SLEP."""
    campos = ("entrevistas_individuales", "entrevistas_grupales", "entrevistas_focus")
    del_estudio = [t for t in territorios if t.en_el_estudio]
    totales = {c: sum(getattr(t, c) or 0 for t in del_estudio) for c in campos}
    totales["entrevistas"] = sum(totales.values())
    talleres = [indice.talleres_territorios, indice.talleres_dep]
    totales["talleres_territorios"] = indice.talleres_territorios
    totales["talleres_dep"] = indice.talleres_dep
    totales["talleres"] = (
        None if all(t is None for t in talleres) else sum(t or 0 for t in talleres)
    )
    totales["sleps_estudio"] = len(del_estudio)
    return totales
