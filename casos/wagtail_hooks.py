"""Acción en lote del admin: marcar varios casos como revisados por la DEP.

Por qué propia: Wagtail trae publicar, despublicar, mover y borrar en lote,
pero no cambiar un campo. Cada caso marcado guarda una revisión a nombre de
la editora (queda en su historial) y se publica si ya estaba publicado sin
cambios pendientes; si tenía un borrador pendiente, el borrador queda marcado
y se publica cuando la editora lo publique."""

from wagtail import hooks
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction

from .models import CasoPage


class MarcarRevisadosDep(PageBulkAction):
    display_name = "Marcar revisados por la DEP"
    action_type = "marcar_revisados_dep"
    aria_label = "Marcar los casos elegidos como revisados por la DEP"
    template_name = "casos/admin/confirmar_revisados.html"
    action_priority = 35

    def check_perm(self, page):
        return (
            isinstance(page.specific, CasoPage)
            and page.permissions_for_user(self.request.user).can_publish()
        )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        marcados = 0
        for pagina in objects:
            caso = pagina.specific
            if not isinstance(caso, CasoPage):
                continue
            borrador = caso.get_latest_revision_as_object()
            if borrador.revisado_dep:
                continue
            publicar = caso.live and not caso.has_unpublished_changes
            borrador.revisado_dep = True
            revision = borrador.save_revision(user=user, log_action=True)
            if publicar:
                revision.publish(user=user)
            marcados += 1
        return marcados, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if num_parent_objects == 1:
            return "Se marcó 1 caso como revisado por la DEP."
        if num_parent_objects == 0:
            return "Los casos elegidos ya estaban marcados como revisados."
        return f"Se marcaron {num_parent_objects} casos como revisados por la DEP."


hooks.register("register_bulk_action", MarcarRevisadosDep)
