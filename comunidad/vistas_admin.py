"""Vista del admin de Wagtail para que la DEP invite coordinadoras."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from portal.permisos import es_editor

from .cuentas import FormularioInvitacion, dias_validez_enlace, invitar


class InvitarCoordinadoraView(WagtailAdminTemplateMixin, FormView):
    form_class = FormularioInvitacion
    template_name = "comunidad/admin/invitar.html"
    page_title = "Invitar a una coordinadora de red"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not es_editor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def dias(self):
        return dias_validez_enlace()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        contexto.update(
            action_url=reverse("comunidad_invitar"),
            submit_button_label="Enviar invitación",
            submit_button_active_label="Enviando…",
        )
        return contexto

    def form_valid(self, form):
        datos = form.cleaned_data
        usuario, creada = invitar(
            datos["email"],
            datos.get("first_name", ""),
            datos.get("last_name", ""),
            datos.get("redes") or (),
            invita=self.request.user,
        )
        if creada:
            texto = f"Creamos la cuenta de {usuario.email} y le enviamos el enlace para elegir su contraseña."
        else:
            texto = (
                f"{usuario.email} ya tenía cuenta: quedó en «Coordinadores de red» "
                "y le avisamos por correo."
            )
        messages.success(self.request, texto)
        return redirect("comunidad_invitar")
