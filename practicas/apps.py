from django.apps import AppConfig


class PracticasConfig(AppConfig):
    name = "practicas"
    verbose_name = "Prácticas de las redes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import WorkflowState
        from wagtail.signals import workflow_approved, workflow_rejected

        from . import correos

        workflow_approved.connect(
            correos.al_aprobar, sender=WorkflowState, dispatch_uid="practicas_aprobada"
        )
        workflow_rejected.connect(
            correos.al_pedir_cambios, sender=WorkflowState, dispatch_uid="practicas_cambios"
        )
