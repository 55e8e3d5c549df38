from django.apps import AppConfig


class RedesConfig(AppConfig):
    name = "redes"
    verbose_name = "Redes y autoevaluación"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import senales

        senales.conectar()
