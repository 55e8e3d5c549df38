from django.apps import AppConfig


class ComunidadConfig(AppConfig):
    """Comunidad y apertura: cuentas (contraseña olvidada, invitaciones), API
    pública documentada, datos abiertos, «nos sirvió», fuentes Atom y búsquedas
    guardadas. Vive aparte porque tiene modelos, tareas y URL propias que no son
    de casos, prácticas ni búsqueda."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "comunidad"
    verbose_name = "Comunidad y datos abiertos"
