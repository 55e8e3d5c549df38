"""Contenido de territorios (también en producción), idempotente: el índice
/territorios/, una página por SLEP con el trabajo de campo del estudio, los
hallazgos del estudio por foco y principio y el centro aproximado de cada
comuna para el mapa. Nunca pisa lo que la DEP ya editó."""

from decimal import Decimal

from django.db import transaction

from portal.models import Comuna, Foco, Principio, Slep

from .models import Hallazgo, TerritorioPage, TerritoriosIndexPage

INDICE = {
    "title": "Territorios",
    "slug": "territorios",
    "seo_title": "Territorios: el diagnóstico de cada SLEP",
    "introduccion": (
        "<p>El estudio diagnóstico de la DEP sobre las condiciones para formar redes "
        "recorrió los cuatro primeros Servicios Locales de Educación Pública con "
        "entrevistas individuales y grupales y talleres de análisis colectivo. Participaron "
        "equipos de los SLEP (subdirección, UATP, equipo de mejora, jardines infantiles, "
        "participación ciudadana, desarrollo profesional, coordinadores de redes temáticas "
        "y encargados de microcentros rurales), directivos de establecimientos (directores, "
        "jefes de UTP y directoras de jardines) y supervisores DEPROV; se revisaron además "
        "el PADEM y los planes estratégicos.</p><p>Cada territorio muestra lo que el estudio "
        "encontró allí, sus redes, sus prácticas y las experiencias que pueden servirle.</p>"
    ),
    # El estudio informa 8 talleres: 6 en los territorios y 2 en la DEP, sin detallar por SLEP.
    "talleres_territorios": 6,
    "talleres_dep": 2,
}

# Entrevistas del estudio por SLEP: (individuales, grupales de 2 a 3, focus de 4 a 8).
TRABAJO_DE_CAMPO = {
    "barrancas": (5, 1, 1),
    "huasco": (1, 5, 6),
    "costa-araucania": (4, 0, 5),
    "puerto-cordillera": (2, 1, 4),
}

# Centro aproximado de cada comuna (grados decimales). La DEP los ajusta en el admin.
COORDENADAS = {
    "cerro-navia": ("-33.42220", "-70.73530"),
    "lo-prado": ("-33.44400", "-70.72600"),
    "pudahuel": ("-33.44080", "-70.76400"),
    "alto-del-carmen": ("-28.75600", "-70.48800"),
    "freirina": ("-28.50500", "-71.07400"),
    "huasco": ("-28.46600", "-71.22100"),
    "vallenar": ("-28.57600", "-70.75900"),
    "carahue": ("-38.71100", "-73.16400"),
    "cholchol": ("-38.60100", "-72.84600"),
    "nueva-imperial": ("-38.74400", "-72.95000"),
    "saavedra": ("-38.78100", "-73.39200"),
    "teodoro-schmidt": ("-38.96500", "-73.05800"),
    "tolten": ("-39.21500", "-73.21200"),
    "andacollo": ("-30.23100", "-71.08300"),
    "coquimbo": ("-29.95300", "-71.34300"),
}

# Síntesis de resultados del estudio, por foco de acción y por principio orientador.
HALLAZGOS = [
    (
        "foco",
        "socioeducativo",
        "Recomponer redes con las organizaciones socioeducativas que existían antes de la "
        "instalación de cada SLEP.",
    ),
    (
        "foco",
        "socioeducativo",
        "Hay potencial para generar y fortalecer redes con universidades e institutos, "
        "especialmente para los estudiantes de la educación técnico-profesional.",
    ),
    (
        "foco",
        "aprendizaje-profundo",
        "Interesa crear redes con efectos claros en los aprendizajes de los estudiantes y "
        "analizar si las redes actuales logran ese propósito.",
    ),
    (
        "foco",
        "aprendizaje-profundo",
        "En algunos territorios hay redes de jefes de UTP: conviene analizar su trabajo y "
        "fortalecer su propósito educativo.",
    ),
    (
        "foco",
        "mejoramiento-sistemico",
        "Las redes son una oportunidad para articular comunas que tradicionalmente no han "
        "trabajado juntas y pensar la mejora más allá de los límites de cada comuna.",
    ),
    (
        "foco",
        "capital-profesional",
        "Existe la oportunidad de desarrollar las capacidades de los equipos profesionales de "
        "cada SLEP para conformar y gestionar el trabajo en red.",
    ),
    (
        "principio",
        "pertinencia-territorial",
        "Los territorios ya tienen iniciativas y experiencias de trabajo en red; los SLEP "
        "pueden aprovecharlas si se articulan con los actores clave del territorio.",
    ),
    (
        "principio",
        "pertinencia-territorial",
        "Se percibe que se está generando una «nueva» forma de trabajo en red: el desafío es "
        "que dialogue con las formas que ya existen en los territorios.",
    ),
    (
        "principio",
        "pertinencia-territorial",
        "En algunos territorios lo intercultural tiene un valor profundo; las redes pueden "
        "articular muchos esfuerzos distintos en esa dirección.",
    ),
    (
        "principio",
        "mejoramiento-continuo",
        "Hacen falta instrumentos para monitorear cómo funcionan las redes, desde cómo operan "
        "hasta si logran los propósitos que se definieron.",
    ),
    (
        "principio",
        "gobernanza",
        "Aunque los SLEP son recientes, se espera que pronto afiancen sus vínculos "
        "territoriales y generen condiciones para el trabajo en red.",
    ),
]


def asegurar_indice(inicio=None):
    indice = TerritoriosIndexPage.objects.first()
    if indice is None:
        if inicio is None:
            from portal.models import HomePage

            inicio = HomePage.objects.first()
            if inicio is None:
                return None
        indice = inicio.add_child(instance=TerritoriosIndexPage(**INDICE))
        indice.save_revision().publish()
    return indice


def asegurar_pagina(slep, indice=None):
    """La página del SLEP (la crea publicada si falta, bajo el índice)."""
    existente = TerritorioPage.objects.filter(slep=slep).first()
    if existente is not None:
        return existente
    indice = indice or TerritoriosIndexPage.objects.first()
    if indice is None:
        return None  # sin índice todavía: load_initial_data la crea después
    campo = TRABAJO_DE_CAMPO.get(slep.slug)
    slug = slep.slug
    if TerritorioPage.objects.child_of(indice).filter(slug=slug).exists():
        slug = f"slep-{slep.slug}"
    pagina = TerritorioPage(
        title=str(slep),
        slug=slug,
        slep=slep,
        introduccion=(
            f"<p>El Servicio Local de Educación Pública {slep.nombre} "
            f"({slep.region.nombre}) reúne a los establecimientos públicos de sus comunas.</p>"
        ),
    )
    if campo:
        pagina.entrevistas_individuales, pagina.entrevistas_grupales, pagina.entrevistas_focus = (
            campo
        )
    with transaction.atomic():
        indice.add_child(instance=pagina)
        pagina.save_revision().publish()
    return pagina


def cargar(inicio, salida=None):
    indice = asegurar_indice(inicio)
    creadas = 0
    for slep in Slep.objects.select_related("region"):
        if not TerritorioPage.objects.filter(slep=slep).exists():
            asegurar_pagina(slep, indice)
            creadas += 1
    for slug, (lat, lon) in COORDENADAS.items():
        Comuna.objects.filter(slug=slug, latitud__isnull=True, longitud__isnull=True).update(
            latitud=Decimal(lat), longitud=Decimal(lon)
        )
    nuevos = 0
    if not Hallazgo.objects.filter(del_estudio=True).exists():
        focos = {f.slug: f for f in Foco.objects.all()}
        principios = {p.slug: p for p in Principio.objects.all()}
        for orden, (tipo, slug, texto) in enumerate(HALLAZGOS, 1):
            marco = (focos if tipo == "foco" else principios).get(slug)
            if marco is None:
                continue
            Hallazgo.objects.create(
                texto=texto,
                orden=orden,
                del_estudio=True,
                **{tipo: marco},
            )
            nuevos += 1
    if salida is not None and (creadas or nuevos):
        salida.write(f"Territorios: {creadas} páginas de SLEP y {nuevos} hallazgos del estudio.")
    return indice
