"""Redes como snippet en el admin (solo Editores DEP entran al admin)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Red


class RedViewSet(SnippetViewSet):
    model = Red
    icon = "group"
    menu_label = "Redes"
    menu_name = "redes"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["nombre", "slep", "tipo", "numero_establecimientos"]
    list_filter = ["slep", "tipo"]
    search_fields = ["nombre"]
    ordering = ["slep__orden", "nombre"]


register_snippet(RedViewSet)
