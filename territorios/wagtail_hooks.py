"""Admin: hallazgos del estudio (snippet) y acceso al panel territorial de la DEP."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.permisos import es_editor

from .models import Hallazgo


class HallazgoViewSet(SnippetViewSet):
    model = Hallazgo
    icon = "doc-full"
    menu_label = "Hallazgos del estudio"
    menu_name = "hallazgos"
    menu_order = 315
    add_to_admin_menu = True
    list_display = ["texto", "foco", "principio"]
    list_filter = ["foco", "principio", "sleps"]
    search_fields = ["texto"]


register_snippet(HallazgoViewSet)


class PanelMenuItem(MenuItem):
    def is_shown(self, request):
        return es_editor(request.user)


@hooks.register("register_reports_menu_item")
def menu_panel():
    return PanelMenuItem(
        "Panel territorial",
        reverse("panel_dep"),
        name="panel-territorial",
        icon_name="site",
        order=1200,
    )
