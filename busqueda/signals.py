"""Señales de Wagtail/Django que mantienen el índice al día (se conectan en apps.py).

Nunca se indexa desde borradores: todo se recalcula desde la versión publicada
(`live`) de la página en la base.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .indice import actualizar_paginas, afectadas_por


def al_publicar(sender, instance, **kwargs):
    # Con descendientes: un cambio de slug cambia sus URL.
    actualizar_paginas(afectadas_por(instance))


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
