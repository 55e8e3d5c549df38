"""Cuentas: «¿Olvidó su contraseña?» e invitaciones de la DEP a coordinadoras.

Todo usa las vistas y el generador de tokens de Django
(`PasswordResetView`, `PasswordResetConfirmView`, `default_token_generator`).
Solo se agregan dos cosas que Django no trae:

- los correos salen en una tarea de django-tasks después de confirmar la
  transacción (un servidor de correo caído no rompe la página);
- una cuenta invitada que todavía no eligió contraseña (contraseña «no usable»)
  también puede pedir el enlace: Django las excluye porque supone
  autenticación externa, y aquí no la hay.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from portal.permisos import COORDINADORES

from .tareas import enviar_correo_al_confirmar


def dias_validez_enlace():
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)


def url_base():
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


class FormularioOlvido(PasswordResetForm):
    email = forms.EmailField(
        label="Correo electrónico de su cuenta",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Escriba el correo electrónico con que se registró su cuenta.",
            "invalid": "Escriba un correo electrónico válido, p. ej. nombre@slep.cl.",
        },
    )

    def get_users(self, email):
        modelo = get_user_model()
        campo = modelo.get_email_field_name()
        return (
            u
            for u in modelo._default_manager.filter(
                **{f"{campo}__iexact": email, "is_active": True}
            )
            if getattr(u, campo)
        )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        context = {**context, "dias": dias_validez_enlace()}
        asunto = "".join(render_to_string(subject_template_name, context).splitlines())
        cuerpo = render_to_string(email_template_name, context)
        enviar_correo_al_confirmar(asunto, cuerpo, [to_email])


class FormularioNuevaClave(SetPasswordForm):
    """El de Django con etiquetas propias (los mensajes de validación ya vienen en español)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Nueva contraseña"
        self.fields["new_password2"].label = "Repita la nueva contraseña"


class OlvidoView(auth_views.PasswordResetView):
    form_class = FormularioOlvido
    template_name = "registration/olvido_formulario.html"
    email_template_name = "registration/correo_olvido.txt"
    subject_template_name = "registration/correo_olvido_asunto.txt"
    success_url = reverse_lazy("cuenta_olvido_enviado")

    def dias(self):
        return dias_validez_enlace()

    def form_valid(self, form):
        # La URL absoluta del correo sale de la configuración, no del Host de la petición.
        base = url_base()
        if base:
            self.extra_email_context = {
                "protocol": base.split("://", 1)[0],
                "domain": base.split("://", 1)[1],
            }
        return super().form_valid(form)


class OlvidoEnviadoView(auth_views.PasswordResetDoneView):
    template_name = "registration/olvido_enviado.html"


class NuevaClaveView(auth_views.PasswordResetConfirmView):
    form_class = FormularioNuevaClave
    template_name = "registration/nueva_clave.html"
    success_url = reverse_lazy("cuenta_clave_lista")


class ClaveListaView(auth_views.PasswordResetCompleteView):
    template_name = "registration/clave_lista.html"


# --- Invitaciones de la DEP ------------------------------------------------------------------


def _modelo_red():
    """Modelo de las redes, donde viva (practicas hoy, redes/ después): el de la
    relación `redes_coordinadas` del usuario. None si no existe."""
    try:
        return get_user_model()._meta.get_field("redes_coordinadas").related_model
    except FieldDoesNotExist:
        return None


class FormularioInvitacion(forms.Form):
    email = forms.EmailField(
        label="Correo electrónico",
        max_length=254,
        error_messages={
            "required": "Escriba el correo de la coordinadora.",
            "invalid": "Escriba un correo electrónico válido, p. ej. nombre@slep.cl.",
        },
    )
    first_name = forms.CharField(label="Nombre", max_length=150, required=False)
    last_name = forms.CharField(label="Apellido", max_length=150, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        red = _modelo_red()
        if red is not None:
            self.fields["redes"] = forms.ModelMultipleChoiceField(
                label="Redes que coordinará",
                queryset=red.objects.all(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text="Puede dejarlo vacío y asignarle redes después desde «Redes».",
            )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


def enlace_invitacion(usuario):
    uid = urlsafe_base64_encode(force_bytes(usuario.pk))
    token = default_token_generator.make_token(usuario)
    return url_base() + reverse("cuenta_invitacion", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def invitar(email, first_name="", last_name="", redes=(), invita=None):
    """Crea (o reutiliza) la cuenta, la deja en «Coordinadores de red» y le
    escribe. Devuelve (usuario, creada)."""
    modelo = get_user_model()
    usuario = modelo._default_manager.filter(email__iexact=email).order_by("pk").first()
    creada = usuario is None
    if creada:
        nombre = email
        if modelo._default_manager.filter(username=nombre).exists():
            nombre = f"{email}-{modelo._default_manager.count() + 1}"
        usuario = modelo(username=nombre[:150], email=email)
        usuario.set_unusable_password()
    if first_name:
        usuario.first_name = first_name
    if last_name:
        usuario.last_name = last_name
    usuario.is_active = True
    usuario.save()
    usuario.groups.add(Group.objects.get_or_create(name=COORDINADORES)[0])
    if redes:
        usuario.redes_coordinadas.add(*redes)
    contexto = {
        "usuario": usuario,
        "invita": invita,
        "redes": list(redes),
        "dias": dias_validez_enlace(),
        "tiene_clave": usuario.has_usable_password(),
        "enlace": enlace_invitacion(usuario),
        "entrar": url_base() + reverse("login"),
        "olvido": url_base() + reverse("cuenta_olvido"),
    }
    cuerpo = render_to_string("comunidad/correo/invitacion.txt", contexto)
    enviar_correo_al_confirmar(
        "Trama: la DEP le invita a publicar las prácticas de su red", cuerpo, [email]
    )
    return usuario, creada


class InvitacionView(NuevaClaveView):
    """La coordinadora elige su contraseña desde el enlace de la invitación
    (mismo token que el restablecimiento)."""

    template_name = "registration/invitacion.html"
