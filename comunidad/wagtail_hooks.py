from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.permisos import es_editor

from .vistas_admin import InvitarCoordinadoraView


@hooks.register("register_admin_urls")
def urls_admin():
    return [
        path(
            "invitar-coordinadora/",
            InvitarCoordinadoraView.as_view(),
            name="comunidad_invitar",
        )
    ]


class MenuSoloEditores(MenuItem):
    def is_shown(self, request):
        return es_editor(request.user)


@hooks.register("register_admin_menu_item")
def menu_invitar():
    return MenuSoloEditores(
        "Invitar coordinadora",
        reverse("comunidad_invitar"),
        icon_name="mail",
        order=900,
        name="invitar-coordinadora",
    )
