"""Señales que mantienen el índice al día (se conectan en apps.py).

- Páginas: publicar, despublicar, mover, borrar, restricciones de vista. Nunca se
  indexa desde borradores: todo se recalcula desde la versión publicada (`live`).
- Modelos simples del registro (p. ej. una red): guardar o borrar actualiza su
  documento.
- Dependencias (`dependencias_busqueda` de cada modelo indexado): guardar o
  borrar un término, un SLEP, una red o una etiqueta reindexa, en una tarea al
  confirmar, los documentos que lo usan.
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .indice import (
    actualizar_claves,
    actualizar_paginas,
    afectadas_por,
    clave_de,
    dependencias,
    dependientes_de,
    encolar_dependientes,
    modelos_simples,
    url_de_descendientes_cambio,
)


def al_publicar(sender, instance, **kwargs):
    # Los descendientes solo si cambió la URL (un slug nuevo cambia las suyas).
    actualizar_paginas(afectadas_por(instance, url_de_descendientes_cambio(instance)))


def al_despublicar(sender, instance, **kwargs):
    actualizar_paginas(afectadas_por(instance, con_descendientes=False))


def al_mover(sender, instance, **kwargs):
    actualizar_paginas(afectadas_por(instance))


def al_borrar(sender, instance, **kwargs):
    actualizar_paginas([instance.pk])


def al_cambiar_restriccion(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        actualizar_paginas(afectadas_por(page))


def al_guardar_simple(sender, instance, raw=False, **kwargs):
    if not raw:
        actualizar_claves([clave_de(instance)])


def al_guardar_dependencia(sender, instance, raw=False, **kwargs):
    if not raw:
        encolar_dependientes(dependientes_de(instance))


def antes_de_borrar_dependencia(sender, instance, **kwargs):
    # Después de borrar ya no se sabe quién lo usaba: se anota antes.
    instance._busqueda_dependientes = dependientes_de(instance)


def al_borrar_dependencia(sender, instance, **kwargs):
    encolar_dependientes(getattr(instance, "_busqueda_dependientes", []))


def conectar():
    page_published.connect(al_publicar, dispatch_uid="busqueda_publicar")
    page_unpublished.connect(al_despublicar, dispatch_uid="busqueda_despublicar")
    post_page_move.connect(al_mover, dispatch_uid="busqueda_mover")
    post_delete.connect(al_borrar, sender=Page, dispatch_uid="busqueda_borrar")
    for senal in (post_save, post_delete):
        senal.connect(
            al_cambiar_restriccion,
            sender=PageViewRestriction,
            dispatch_uid=f"busqueda_restriccion_{senal is post_save}",
        )
    for _tipo, modelo in modelos_simples():
        uid = f"busqueda_simple_{modelo._meta.label_lower}"
        post_save.connect(al_guardar_simple, sender=modelo, dispatch_uid=f"{uid}_guardar")
        post_delete.connect(al_guardar_simple, sender=modelo, dispatch_uid=f"{uid}_borrar")
    from django.apps import apps

    for etiqueta in dependencias():
        modelo = apps.get_model(etiqueta)
        uid = f"busqueda_dependencia_{etiqueta}"
        post_save.connect(al_guardar_dependencia, sender=modelo, dispatch_uid=f"{uid}_guardar")
        pre_delete.connect(antes_de_borrar_dependencia, sender=modelo, dispatch_uid=f"{uid}_pre")
        post_delete.connect(al_borrar_dependencia, sender=modelo, dispatch_uid=f"{uid}_borrar")
