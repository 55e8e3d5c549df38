from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save

# Apps cuyo contenido se ve en las páginas públicas: cambiar un término del
# marco, una red o un caso deja vieja la caché de páginas (portal/cache.py).
APPS_VISIBLES = {"portal", "casos", "practicas", "taggit", "wagtailcore", "wagtailimages"}


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal y marco del estudio"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import almacen, permisos
        from .cache import invalidar_paginas, purgar_pagina_al_confirmar

        # Imágenes privadas fuera de lo que sirve el proxy (portal/almacen.py).
        almacen.instalar()

        post_migrate.connect(permisos.sincronizar_grupos, dispatch_uid="trama-grupos")
        page_published.connect(invalidar_paginas, dispatch_uid="trama-cache-publicar")
        page_unpublished.connect(invalidar_paginas, dispatch_uid="trama-cache-despublicar")
        post_page_move.connect(invalidar_paginas, dispatch_uid="trama-cache-mover")
        # Caché frontal (CDN), si hay: purga por URL en una tarea tras el commit.
        page_published.connect(purgar_pagina_al_confirmar, dispatch_uid="trama-frontal-publicar")
        page_unpublished.connect(
            purgar_pagina_al_confirmar, dispatch_uid="trama-frontal-despublicar"
        )
        post_page_move.connect(purgar_pagina_al_confirmar, dispatch_uid="trama-frontal-mover")
        post_save.connect(_contenido_cambiado, dispatch_uid="trama-cache-guardar")
        post_delete.connect(_contenido_cambiado, dispatch_uid="trama-cache-borrar")


def _contenido_cambiado(sender, instance=None, raw=False, **kwargs):
    """Invalida la caché por lo que cambió en público, no por cualquier guardado.

    - Páginas: guardar un borrador o una revisión (un coordinador escribiendo su
      práctica) no cambia nada público; publicar, despublicar y mover tienen sus
      señales propias (arriba). Borrar una página sí invalida.
    - De Wagtail solo importan los sitios y las restricciones de vista; el resto
      (revisiones, flujos, registros, índice de referencias) es interno.
    - Términos del marco, redes, SLEP, etiquetas e imágenes sí se ven en público."""
    from wagtail.models import Page

    if raw or sender._meta.app_label not in APPS_VISIBLES:
        return
    if issubclass(sender, Page) and kwargs.get("signal") is post_save:
        return
    if sender._meta.app_label == "wagtailcore" and sender._meta.model_name not in (
        "site",
        "pageviewrestriction",
        "page",
    ):
        return
    if sender._meta.model_name in ("rendition", "uploadedfile"):
        return
    from .cache import invalidar_paginas

    invalidar_paginas()
