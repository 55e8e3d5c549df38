"""Taxonomías del marco como snippets editables por la DEP, agrupadas en el menú."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    Caracteristica,
    Comuna,
    Dimension,
    Foco,
    NivelEducativo,
    Principio,
    Region,
    Riesgo,
    Slep,
    TipoRed,
)


class TerminoViewSet(SnippetViewSet):
    list_display = ["nombre", "slug", "orden"]
    search_fields = ["nombre"]
    ordering = ["orden", "nombre"]


def _viewset(modelo, icono, **extra):
    atributos = {"model": modelo, "icon": icono, **extra}
    return type(f"{modelo.__name__}ViewSet", (TerminoViewSet,), atributos)


class MarcoViewSetGroup(SnippetViewSetGroup):
    menu_label = "Marco del estudio"
    menu_icon = "tag"
    menu_name = "marco"
    menu_order = 300
    items = (
        _viewset(Foco, "crosshairs"),
        _viewset(Principio, "pick"),
        _viewset(Dimension, "folder-open-inverse"),
        _viewset(
            Caracteristica,
            "list-ul",
            list_display=["nombre", "dimension", "slug", "orden"],
            list_filter=["dimension"],
            ordering=["dimension__orden", "orden"],
        ),
        _viewset(Riesgo, "warning"),
        _viewset(TipoRed, "group"),
        _viewset(NivelEducativo, "list-ol"),
    )


class TerritorioViewSetGroup(SnippetViewSetGroup):
    menu_label = "Territorio"
    menu_icon = "site"
    menu_name = "territorio"
    menu_order = 310
    items = (
        _viewset(Region, "site"),
        _viewset(Slep, "home", list_display=["nombre", "region", "slug"], list_filter=["region"]),
        _viewset(
            Comuna,
            "pick",
            list_display=["nombre", "slep", "region", "slug"],
            list_filter=["region", "slep"],
            ordering=["region__orden", "orden"],
        ),
    )


register_snippet(MarcoViewSetGroup)
register_snippet(TerritorioViewSetGroup)
