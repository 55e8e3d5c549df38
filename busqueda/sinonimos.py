"""Sinónimos del dominio, compartidos por ambos motores (Elasticsearch los usa en su
analizador de búsqueda; el motor local expande la consulta con ellos)."""

from functools import lru_cache

from .normalizacion import terminos

SINONIMOS = [
    "utp, unidad tecnico pedagogica",
    "uatp, unidad de apoyo tecnico pedagogico",
    "tp, tecnico profesional",
    "slep, servicio local, servicio local de educacion publica",
    "pme, plan de mejoramiento educativo",
    "pel, plan estrategico local",
    "dep, direccion de educacion publica",
    "jardin infantil, jardines infantiles, parvulario",
]


@lru_cache(maxsize=1)
def _grupos():
    grupos = []
    for linea in SINONIMOS:
        alternativas = []
        for forma in linea.split(","):
            t = tuple(terminos(forma))
            if t and t not in alternativas:
                alternativas.append(t)
        grupos.append(alternativas)
    return grupos


def expandir(lista: list[str]) -> list[list[list[str]]]:
    """Términos de la consulta → grupos: cada grupo es una lista de alternativas (O) y
    cada alternativa una lista de términos (Y). Sin sinónimos: [[[t1]], [[t2]], …]."""
    salida, i = [], 0
    while i < len(lista):
        for alternativas in _grupos():
            largo = next(
                (
                    len(a)
                    for a in sorted(alternativas, key=len, reverse=True)
                    if tuple(lista[i : i + len(a)]) == a
                ),
                0,
            )
            if largo:
                salida.append([list(a) for a in alternativas])
                i += largo
                break
        else:
            salida.append([[lista[i]]])
            i += 1
    return salida
