from django.apps import AppConfig


class PracticasConfig(AppConfig):
    name = "practicas"
    verbose_name = "Prácticas de las redes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import WorkflowState
        from wagtail.signals import page_unpublished, workflow_approved, workflow_rejected

        from . import archivos, correos

        workflow_approved.connect(
            correos.al_aprobar, sender=WorkflowState, dispatch_uid="practicas_aprobada"
        )
        workflow_rejected.connect(
            correos.al_pedir_cambios, sender=WorkflowState, dispatch_uid="practicas_cambios"
        )
        # Despublicada: sus archivos vuelven a la colección privada (practicas/archivos.py).
        page_unpublished.connect(archivos.al_despublicar, dispatch_uid="practicas_despublicada")
