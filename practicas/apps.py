from django.apps import AppConfig


class PracticasConfig(AppConfig):
    name = "practicas"
    verbose_name = "Prácticas de las redes"
    default_auto_field = "django.db.models.BigAutoField"
