"""Admin de la DEP: redes e instrumento de autoevaluación.

Las rondas, códigos y respuestas NO se registran en el admin: nadie, tampoco
la DEP, ve una respuesta individual (AUTOEVALUACION.md). La DEP ve agregados
en «Informes → Autoevaluación de redes», que pasa por redes/privacidad.py."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Instrumento, Red


class RedViewSet(SnippetViewSet):
    model = Red
    icon = "group"
    menu_label = "Redes"
    menu_name = "redes"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["nombre", "slep", "tipo", "numero_establecimientos", "rural", "eib"]
    list_filter = ["slep", "tipo", "rural", "eib"]
    search_fields = ["nombre"]
    ordering = ["slep__orden", "nombre"]


class InstrumentoViewSet(SnippetViewSet):
    model = Instrumento
    icon = "list-ol"
    menu_label = "Instrumento de autoevaluación"
    menu_name = "instrumento"
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["nombre", "version", "vigente"]
    ordering = ["-version"]


register_snippet(RedViewSet)
register_snippet(InstrumentoViewSet)


@hooks.register("register_admin_urls")
def urls_informe():
    from .views import informe_dep

    return [path("autoevaluacion/", informe_dep, name="redes_informe_dep")]


@hooks.register("register_reports_menu_item")
def menu_informe():
    return MenuItem(
        "Autoevaluación de redes", reverse("redes_informe_dep"), icon_name="doc-full", order=800
    )
