"""Contenido base del portal: inicio y páginas del marco. Idempotente."""

from django.db import transaction
from wagtail.models import Page, Site

from . import taxonomia
from .models import HomePage, MarcoIndexPage, MarcoPage

INICIO = {
    "title": "Trama: redes que aprenden de otras redes",
    "slug": "inicio",
    "seo_title": "Trama — redes de la Educación Pública",
    "bajada": (
        "La biblioteca de la Dirección de Educación Pública donde los Servicios Locales y "
        "sus establecimientos encuentran experiencias de trabajo en red, de Chile y del "
        "mundo, y comparten las propias."
    ),
    "que_es_una_red": (
        "<p>Una <b>red educativa</b> es un conjunto de personas e instituciones del sistema "
        "educativo que se ponen de acuerdo en propósitos comunes y trabajan juntas para "
        "lograrlos.</p><p>Una red funciona cuando hay participación, relaciones y confianza "
        "sostenidas en el tiempo; usa la indagación para revisar lo que creemos y lo que "
        "hacemos; y tiene como horizonte que mejoren sus escuelas y el sistema completo.</p>"
        "<p>Las redes también pueden hacer daño si pierden de vista su propósito: luchas de "
        "poder, roles difusos o colaboración solo de fachada. Por eso el portal muestra "
        "también esos riesgos.</p>"
    ),
    "que_pide_la_ley": (
        "<p>La <b>Ley 21.040</b>, que crea el Sistema de Educación Pública, pide en su "
        "artículo 5, letra e, que el sistema y sus integrantes trabajen <b>en colaboración "
        "y en red</b>: desarrollo profesional, intercambio de información, acceso común a "
        "servicios e instalaciones, redes de aprendizaje entre comunidades educativas, "
        "trabajo conjunto de sus profesionales e intercambio de buenas prácticas "
        "pedagógicas y de gestión.</p><p>El propósito es fortalecer los procesos "
        "pedagógicos y la mejora continua de cada establecimiento, en diálogo con su "
        "<b>PME</b> (Plan de Mejoramiento Educativo) y con el <b>PEL</b> (Plan Estratégico "
        "Local) de cada SLEP.</p>"
    ),
    "que_ofrece": (
        "<ul><li><b>Casos</b>: diez experiencias de red en Chile y nueve en otros países, "
        "estudiadas por la DEP.</li><li><b>Prácticas</b>: lo que hicieron las redes de los "
        "SLEP, contado por ellas mismas y revisado por la DEP antes de publicarse.</li>"
        "<li><b>Buscar</b>: todo clasificado con el marco del estudio (focos de acción, "
        "principios orientadores, características de redes efectivas y territorio), para "
        "encontrar experiencias pertinentes a su desafío.</li></ul>"
    ),
}

MARCO_INDICE = {
    "title": "Marco del estudio",
    "slug": "marco",
    "introduccion": (
        "<p>El estudio diagnóstico de la DEP sobre las condiciones para formar redes en los "
        "primeros cuatro SLEP (Barrancas, Huasco, Costa Araucanía y Puerto Cordillera) "
        "propone un marco para conformar y gestionar redes educativas. Con él se clasifica "
        "todo lo que hay en Trama.</p>"
    ),
}

MARCOS = [
    (
        MarcoPage.FOCOS,
        "Focos de acción",
        "<p>Los cinco focos de acción orientan hacia dónde dirigir el trabajo de una red.</p>",
    ),
    (
        MarcoPage.PRINCIPIOS,
        "Principios orientadores",
        "<p>Los cinco principios orientadores describen cómo debe trabajar una red de la "
        "Educación Pública.</p>",
    ),
    (
        MarcoPage.CARACTERISTICAS,
        "Características de redes efectivas",
        "<p>Diez características clave para conformar y gestionar redes efectivas, en tres "
        "dimensiones: nuclear, territorial e individual.</p>",
    ),
    (
        MarcoPage.RIESGOS,
        "Riesgos de redes nocivas",
        "<p>Cuando una red pierde de vista la finalidad pública a la que sirve puede generar "
        "efectos no deseados (Chapman, 2015; Ehren et al., 2017; Rincón-Gallardo y Fullan, "
        "2016). Conocerlos ayuda a evitarlos.</p>",
    ),
]


@transaction.atomic
def cargar_base():
    """Crea el marco, el inicio y las páginas del marco si faltan. Devuelve el inicio."""
    taxonomia.cargar()
    inicio = HomePage.objects.first()
    if inicio is None:
        raiz = Page.get_first_root_node()
        inicio = raiz.add_child(instance=HomePage(**INICIO))
        inicio.save_revision().publish()
        # Wagtail crea una página de bienvenida genérica; el sitio apunta al inicio de Trama.
        sitio = Site.objects.filter(is_default_site=True).first()
        anterior = sitio.root_page if sitio else None
        if sitio is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=inicio,
                is_default_site=True,
                site_name="Trama",
            )
        else:
            sitio.root_page = inicio
            sitio.site_name = "Trama"
            sitio.save()
        if anterior is not None and anterior.specific_class is Page and anterior.depth == 2:
            anterior.delete()

    indice = MarcoIndexPage.objects.first()
    if indice is None:
        indice = inicio.add_child(instance=MarcoIndexPage(**MARCO_INDICE))
        indice.save_revision().publish()
    for marco, titulo, introduccion in MARCOS:
        if not MarcoPage.objects.filter(marco=marco).exists():
            pagina = indice.add_child(
                instance=MarcoPage(title=titulo, slug=marco, marco=marco, introduccion=introduccion)
            )
            pagina.save_revision().publish()
    return inicio
