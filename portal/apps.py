from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal y marco del estudio"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import permisos

        post_migrate.connect(permisos.sincronizar_grupos, dispatch_uid="trama-grupos")
