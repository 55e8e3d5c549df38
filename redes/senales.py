"""El índice sigue a la red. Guardar o borrar una red ya lo atiende
busqueda/signals.py (tipo `red` del registro, y sus prácticas por
`dependencias_busqueda`); aquí se agrega lo que esas señales no ven: cambiar
sus comunas o niveles (tablas intermedias). Y toda página cacheada que
muestre la red pasa a ser vieja."""

from django.db.models.signals import m2m_changed, post_delete, post_save


def _al_cambiar_m2m(sender, instance, action, **kwargs):
    from busqueda.indice import actualizar_claves, dependientes_de, encolar_dependientes

    from .models import Red

    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Red):
        actualizar_claves([f"red:{instance.pk}"])
        encolar_dependientes(dependientes_de(instance))
        _invalidar()


def _invalidar(*args, **kwargs):
    from portal.cache import invalidar_paginas

    invalidar_paginas()


def conectar():
    from .models import Red

    post_save.connect(_invalidar, sender=Red, dispatch_uid="redes_cache_guardar")
    post_delete.connect(_invalidar, sender=Red, dispatch_uid="redes_cache_borrar")
    for campo in ("comunas", "niveles"):
        m2m_changed.connect(
            _al_cambiar_m2m,
            sender=getattr(Red, campo).through,
            dispatch_uid=f"redes_m2m_{campo}",
        )
