from django.apps import AppConfig


class TerritoriosConfig(AppConfig):
    name = "territorios"
    verbose_name = "Territorios"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.conectar()
