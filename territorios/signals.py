"""Un SLEP nuevo en el admin tiene su página de territorio sin tocar código."""

from django.db.models.signals import post_save

from portal.models import Slep


def crear_pagina_territorio(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    from .contenido import asegurar_pagina

    asegurar_pagina(instance)


def conectar():
    post_save.connect(crear_pagina_territorio, sender=Slep, dispatch_uid="territorio_por_slep")
