"""Sinónimos y siglas del dominio, compartidos por ambos motores.

Son DATOS (modelo `Sinonimo`, que la DEP mantiene en el admin), no código:
- el motor local los lee al consultar (`expandir`): un sinónimo nuevo cambia los
  resultados en la búsqueda siguiente, sin reindexar, porque se expande la
  consulta y no el índice;
- Elasticsearch los recibe como reglas Solr (`reglas_elasticsearch`) en un
  conjunto de sinónimos que su analizador de búsqueda recarga (ver
  `motores/elastic.py::actualizar_sinonimos`).

`INICIALES` es el conjunto de partida (siglas de la Nueva Educación Pública y las
que usa el estudio); `cargar_iniciales` lo agrega sin tocar lo que la DEP ya editó.
"""

import logging
from functools import lru_cache

from django.db import transaction
from django_tasks import task

from .normalizacion import normalizar_consulta, plegar_total, terminos, variantes

logger = logging.getLogger(__name__)

# (término, equivalentes, de dos vías)
INICIALES = [
    (
        "EIB",
        ["educación intercultural bilingüe", "educación intercultural", "interculturalidad"],
        True,
    ),
    ("TP", ["técnico-profesional"], True),
    ("EMTP", ["educación media técnico-profesional"], True),
    ("HC", ["científico-humanista"], True),
    ("UTP", ["unidad técnico-pedagógica", "jefe de UTP"], True),
    ("UATP", ["unidad de apoyo técnico-pedagógico", "apoyo técnico-pedagógico"], True),
    ("PIE", ["programa de integración escolar"], True),
    ("PME", ["plan de mejoramiento educativo"], True),
    ("PEL", ["plan estratégico local"], True),
    # PADEM y DAEM son de la administración municipal, anterior a los SLEP: quien los
    # busca busca también lo que se escribió sobre la educación municipal.
    ("PADEM", ["plan anual de desarrollo de la educación municipal", "educación municipal"], False),
    ("SLEP", ["servicio local de educación pública", "servicio local"], True),
    ("DEP", ["dirección de educación pública"], True),
    ("NEP", ["nueva educación pública", "educación pública"], False),
    ("DEPROV", ["departamento provincial de educación", "departamento provincial"], True),
    (
        "DAEM",
        ["departamento de administración de educación municipal", "educación municipal"],
        False,
    ),
    ("Mineduc", ["ministerio de educación"], True),
    ("CFT", ["centro de formación técnica"], True),
    ("IP", ["instituto profesional"], True),
    # De una vía: quien busca JUNJI busca jardines infantiles; no al revés.
    ("JUNJI", ["junta nacional de jardines infantiles", "jardín infantil"], False),
    ("jardín infantil", ["parvulario", "educación parvularia"], True),
    ("EPJA", ["educación de personas jóvenes y adultas", "educación de adultos"], True),
    ("RME", ["red de mejoramiento escolar"], True),
    ("REL", ["red de escuelas líderes"], True),
    ("SIP", ["sociedad de instrucción primaria"], True),
    # De una vía: los indicadores de una red son su monitoreo y seguimiento.
    ("indicadores", ["monitoreo", "seguimiento"], False),
]


def cargar_iniciales() -> int:
    """Crea las entradas iniciales que faltan (por término normalizado) y nunca
    modifica ni revive las existentes. Devuelve cuántas creó."""
    from .models import Sinonimo

    creadas = 0
    existentes = set(Sinonimo.objects.values_list("termino_normalizado", flat=True))
    for termino, equivalentes, dos_vias in INICIALES:
        if normalizar_consulta(termino) in existentes:
            continue
        Sinonimo.objects.create(
            termino=termino, equivalentes="\n".join(equivalentes), bidireccional=dos_vias
        )
        creadas += 1
    return creadas


def _filas():
    from .models import Sinonimo

    return tuple(
        Sinonimo.objects.filter(activo=True)
        .order_by("termino_normalizado")
        .values_list("termino", "equivalentes", "bidireccional")
    )


def _formas(texto_equivalentes):
    import re

    return [f.strip() for f in re.split(r"[\n,;]+", texto_equivalentes or "") if f.strip()]


@lru_cache(maxsize=8)
def _disparadores_de(filas) -> dict[tuple, list[tuple]]:
    """{forma (tupla de términos): [alternativas]} desde las filas activas."""
    disparadores: dict[tuple, list[tuple]] = {}
    for termino, equivalentes, dos_vias in filas:
        principal = tuple(terminos(termino))
        if not principal:
            continue
        formas = [principal]
        for f in _formas(equivalentes):
            t = tuple(terminos(f))
            if t and t not in formas:
                formas.append(t)
        if len(formas) < 2:
            continue
        for forma in formas if dos_vias else [principal]:
            lista = disparadores.setdefault(forma, [forma])
            lista += [f for f in formas if f not in lista]
    return disparadores


def disparadores():
    """Una consulta a la base por llamada (la tabla es chica); el armado se memoriza
    mientras las filas no cambien."""
    return _disparadores_de(_filas())


def expandir(lista: list[str], tabla=None) -> list[list[list[str]]]:
    """Términos de la consulta → grupos: cada grupo es una lista de alternativas (O) y
    cada alternativa una lista de términos que debe aparecer SEGUIDA (frase).
    Sin sinónimos: [[[t1], [variantes de t1]…], [[t2]], …]."""
    tabla = disparadores() if tabla is None else tabla
    largos = sorted({len(f) for f in tabla}, reverse=True)
    salida, i = [], 0
    while i < len(lista):
        for largo in largos:
            forma = tuple(lista[i : i + largo])
            if len(forma) == largo and forma in tabla:
                grupo = [list(a) for a in tabla[forma]]
                i += largo
                break
        else:
            grupo = [[lista[i]]]
            i += 1
        for alternativa in list(grupo):
            if len(alternativa) == 1:
                grupo += [[v] for v in variantes(alternativa[0]) if [v] not in grupo]
        salida.append(grupo)
    return salida


def reglas_elasticsearch(filas=None) -> list[str]:
    """Reglas en formato Solr para `synonym_graph`: «a, b, c» (dos vías) o
    «a => a, b, c» (una vía, conserva el término). Texto plegado: el analizador
    aplica minúsculas y asciifolding antes del filtro."""
    filas = _filas() if filas is None else filas
    reglas = []
    for termino, equivalentes, dos_vias in filas:
        formas = list(dict.fromkeys(plegar_total(f) for f in [termino, *_formas(equivalentes)]))
        formas = [f.replace(",", " ").replace("=>", " ") for f in formas if f]
        if len(formas) < 2:
            continue
        if dos_vias:
            reglas.append(", ".join(formas))
        else:
            reglas.append(f"{formas[0]} => {', '.join(formas)}")
    return reglas


# ------------------------------------------------------- Elasticsearch al día
@task()
def recargar_sinonimos_elasticsearch():
    """Sube todas las reglas al conjunto de sinónimos de Elasticsearch y recarga su
    analizador de búsqueda. Si no responde, queda como estaba: la próxima edición de
    un sinónimo o `manage.py reindexar --solo elasticsearch` vuelve a subirlas todas."""
    from .motores import MotorNoDisponible, motor_elasticsearch

    motor = motor_elasticsearch()
    if motor is None:
        return
    try:
        motor.actualizar_sinonimos()
    except MotorNoDisponible:
        logger.warning(
            "Elasticsearch no respondió; los sinónimos se subirán en la próxima edición."
        )


def _al_cambiar(sender, **kwargs):
    from .motores import motor_elasticsearch

    if motor_elasticsearch() is not None:
        transaction.on_commit(lambda: recargar_sinonimos_elasticsearch.enqueue())


def conectar():
    from django.db.models.signals import post_delete, post_save

    from .models import Sinonimo

    post_save.connect(_al_cambiar, sender=Sinonimo, dispatch_uid="sinonimo_guardado")
    post_delete.connect(_al_cambiar, sender=Sinonimo, dispatch_uid="sinonimo_borrado")
    # Sinónimos y destacados cambian respuestas sin tocar documentos: ETag nuevo
    # para las búsquedas revalidables (revalidacion.py).
    from .models import Destacado, EstadoIndice, PaginaDestacada

    for modelo in (Sinonimo, Destacado, PaginaDestacada):
        uid = f"version_respuestas_{modelo._meta.model_name}"
        post_save.connect(EstadoIndice.marcar_respuestas, sender=modelo, dispatch_uid=f"{uid}_g")
        post_delete.connect(EstadoIndice.marcar_respuestas, sender=modelo, dispatch_uid=f"{uid}_b")
