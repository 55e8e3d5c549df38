from django.apps import AppConfig


class BusquedaConfig(AppConfig):
    name = "busqueda"
    verbose_name = "Búsqueda"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.conectar()

        from . import sinonimos

        sinonimos.conectar()
