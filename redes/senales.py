"""El índice sigue a la red: guardarla, cambiar sus comunas o niveles o
borrarla reindexa su documento y el de sus prácticas publicadas."""

from django.db.models.signals import m2m_changed, post_delete, post_save


def _al_cambiar_red(sender, instance, **kwargs):
    from busqueda.indice import actualizar_paginas
    from portal.cache import invalidar_paginas

    from .documentos import actualizar_redes

    actualizar_redes([instance.pk])
    if kwargs.get("signal") is not post_delete:
        actualizar_paginas(list(instance.practicas.values_list("pk", flat=True)))
    invalidar_paginas()


def _al_cambiar_m2m(sender, instance, action, **kwargs):
    from .models import Red

    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Red):
        _al_cambiar_red(Red, instance)


def conectar():
    from .models import Red

    post_save.connect(_al_cambiar_red, sender=Red, dispatch_uid="redes_guardar")
    post_delete.connect(_al_cambiar_red, sender=Red, dispatch_uid="redes_borrar")
    for campo in ("comunas", "niveles"):
        m2m_changed.connect(
            _al_cambiar_m2m,
            sender=getattr(Red, campo).through,
            dispatch_uid=f"redes_m2m_{campo}",
        )
