"""De páginas de Wagtail a documentos del índice, y su actualización.

Se indexa toda subclase de `Page` que defina `datos_busqueda()` (contrato en
/work/notas/comun.md), solo si está publicada (`live`) y sin restricciones de
vista (propias o heredadas). El índice local se actualiza en la misma
transacción que la página (publicar y buscar nunca se contradicen);
Elasticsearch, en una tarea de django-tasks al confirmar la transacción: si no
responde, la actualización queda en `Pendiente` y se reintenta en el siguiente
evento o con `manage.py reindexar --pendientes`.
"""

import logging

from django.apps import apps
from django.db import transaction
from django_tasks import task
from wagtail.models import Page, Site

from .models import Documento, Pendiente
from .motores import MotorNoDisponible, motor_elasticsearch, motor_local

logger = logging.getLogger(__name__)


def clave_pagina(page_id) -> str:
    return f"pagina:{page_id}"


def clases_buscables():
    return [
        m
        for m in apps.get_models()
        if issubclass(m, Page) and callable(getattr(m, "datos_busqueda", None))
    ]


def es_buscable(page) -> bool:
    return (
        callable(getattr(page, "datos_busqueda", None))
        and page.live
        and not page.get_view_restrictions().exists()
        and page.get_url() is not None
    )


def documento_de_pagina(page, url=None) -> dict:
    datos = dict(page.datos_busqueda())
    datos["facetas"] = dict(datos.get("facetas") or {})
    datos.update(
        clave=clave_pagina(page.pk), page_id=page.pk, slug=page.slug, url=url or page.get_url()
    )
    return datos


def paginas_buscables():
    """Todas las páginas que deben estar en el índice (para reconstruir).

    Cada modelo puede declarar `preparar_consulta_busqueda(queryset)` con sus
    select_related/prefetch_related: sin eso, `datos_busqueda()` hace una docena
    de consultas por página y reconstruir 10 mil prácticas tomaba minutos."""
    raices = Site.get_site_root_paths()
    for clase in clases_buscables():
        paginas = clase.objects.live().public().order_by("path")
        preparar = getattr(clase, "preparar_consulta_busqueda", None)
        if preparar is not None:
            paginas = preparar(paginas)
        for page in paginas.iterator(chunk_size=500):
            # Wagtail guarda las rutas raíz de los sitios en el objeto que calcula la
            # URL (`Page._get_site_root_paths`); dárselas evita una consulta por página.
            page._wagtail_cached_site_root_paths = raices
            yield page


# Documentos que no son páginas (hoy las redes, `tipo=red`): cada fuente es un par
# (documentos(), total()) en "modulo.funcion". Las fuentes mantienen su parte del
# índice al día por su cuenta (redes/documentos.py).
FUENTES_EXTRA = [("redes.documentos.documentos_redes", "redes.documentos.total_redes")]


def _fuentes_extra():
    from django.utils.module_loading import import_string

    return [(import_string(d), import_string(t)) for d, t in FUENTES_EXTRA]


def documentos_buscables():
    # `.public()` ya dejó fuera las páginas con restricciones de vista (propias o
    # heredadas); solo falta descartar las que no tienen URL (fuera de todo sitio).
    for page in paginas_buscables():
        url = page.get_url()
        if url is not None:
            yield documento_de_pagina(page, url)
    for documentos, _total in _fuentes_extra():
        yield from documentos()


def total_buscables() -> int:
    return sum(c.objects.live().public().count() for c in clases_buscables()) + sum(
        total() for _documentos, total in _fuentes_extra()
    )


def _documento_actual(page_id):
    """El dict a indexar para `page_id`, o None si ya no debe estar en el índice."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return None
    page = page.specific
    return documento_de_pagina(page) if es_buscable(page) else None


def actualizar_local(page_ids):
    motor = motor_local()
    for page_id in page_ids:
        doc = _documento_actual(page_id)
        if doc:
            motor.indexar(doc)
        else:
            motor.borrar(clave_pagina(page_id))


def _aplicar_elasticsearch(motor, page_id):
    doc = _documento_actual(page_id)
    if doc:
        motor.indexar(doc)
    else:
        motor.borrar(clave_pagina(page_id))


def procesar_pendientes(motor=None) -> tuple[int, int]:
    """Reintenta lo pendiente en Elasticsearch. Devuelve (aplicados, que_siguen_pendientes)."""
    motor = motor or motor_elasticsearch()
    if motor is None:
        return 0, Pendiente.objects.count()
    aplicados = 0
    for pendiente in Pendiente.objects.order_by("creado"):
        try:
            _aplicar_elasticsearch(motor, pendiente.page_id)
        except MotorNoDisponible as error:
            Pendiente.objects.filter(pk=pendiente.pk).update(
                intentos=pendiente.intentos + 1, ultimo_error=str(error)[:2000]
            )
            break
        pendiente.delete()
        aplicados += 1
    return aplicados, Pendiente.objects.count()


def _guardar_pendiente(page_id, error):
    doc = _documento_actual(page_id)
    pendiente, creado = Pendiente.objects.get_or_create(
        clave=clave_pagina(page_id),
        defaults={"accion": "indexar" if doc else "borrar", "page_id": page_id},
    )
    pendiente.accion = "indexar" if doc else "borrar"
    pendiente.intentos += 1
    pendiente.ultimo_error = str(error)[:2000]
    pendiente.save()


@task()
def actualizar_elasticsearch(page_ids):
    """Aplica en Elasticsearch los cambios de estas páginas (y antes, lo pendiente)."""
    motor = motor_elasticsearch()
    if motor is None:
        return
    procesar_pendientes(motor)
    for page_id in page_ids:
        try:
            _aplicar_elasticsearch(motor, page_id)
        except MotorNoDisponible as error:
            logger.warning("Elasticsearch no respondió; página %s queda pendiente.", page_id)
            _guardar_pendiente(page_id, error)
        else:
            Pendiente.objects.filter(clave=clave_pagina(page_id)).delete()


def actualizar_paginas(page_ids):
    """Punto único: actualiza el índice local ya y Elasticsearch al confirmar."""
    page_ids = list(dict.fromkeys(page_ids))
    if not page_ids:
        return
    actualizar_local(page_ids)
    if motor_elasticsearch() is not None:
        transaction.on_commit(lambda: actualizar_elasticsearch.enqueue(page_ids))


def afectadas_por(page, con_descendientes=True):
    """La página y, si corresponde, sus descendientes indexados o indexables."""
    ids = [page.pk]
    if con_descendientes:
        ids += Documento.objects.filter(page__path__startswith=page.path).values_list(
            "page_id", flat=True
        )
        for clase in clases_buscables():
            ids += clase.objects.descendant_of(page).values_list("pk", flat=True)
    return [i for i in ids if i is not None]
