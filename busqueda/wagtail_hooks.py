"""Admin de Wagtail para editores DEP: resultados destacados y el informe de búsquedas."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Destacado, Pendiente, RegistroBusqueda

DIAS_INFORME = 30
PERMISO_INFORME = "busqueda.view_registrobusqueda"


class DestacadoViewSet(SnippetViewSet):
    model = Destacado
    icon = "pick"
    menu_label = "Resultados destacados"
    menu_name = "resultados-destacados"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["consulta"]
    search_fields = ["consulta"]
    ordering = ["consulta"]


register_snippet(DestacadoViewSet)


def informe_busquedas(request):
    if not request.user.has_perm(PERMISO_INFORME):
        raise PermissionDenied
    desde = timezone.localdate() - timedelta(days=DIAS_INFORME - 1)
    recientes = RegistroBusqueda.objects.filter(dia__gte=desde).values("consulta")
    frecuentes = recientes.annotate(total=Sum("veces"), sin=Sum("sin_resultados")).order_by(
        "-total", "consulta"
    )[:50]
    sin_resultados = (
        recientes.annotate(total=Sum("sin_resultados"))
        .filter(total__gt=0)
        .order_by("-total", "consulta")[:50]
    )
    return render(
        request,
        "busqueda/admin/informe.html",
        {
            "frecuentes": frecuentes,
            "sin_resultados": sin_resultados,
            "dias": DIAS_INFORME,
            "desde": desde,
            "pendientes": Pendiente.objects.count(),
            "header_icon": "search",
            "page_title": "Búsquedas del portal",
        },
    )


@hooks.register("register_admin_urls")
def urls_informe():
    return [path("informes/busquedas/", informe_busquedas, name="busqueda_informe")]


class InformeMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISO_INFORME)


@hooks.register("register_reports_menu_item")
def menu_informe():
    return InformeMenuItem(
        "Búsquedas del portal",
        reverse("busqueda_informe"),
        name="busquedas",
        icon_name="search",
        order=1100,
    )
