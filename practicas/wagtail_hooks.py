"""Redes como snippet en el admin (solo Editores DEP entran al admin)."""

from django.template.response import TemplateResponse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.permisos import es_editor

from .forms import COLECCION_REVISION
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


# --- Archivos en revisión: su red los ve, nadie más (salvo la DEP) ------------------------
@hooks.register("before_serve_document", order=-10)
def documento_en_revision(documento, request):
    """Los documentos subidos desde el formulario viven en una colección privada
    (solo Editores DEP) hasta que la práctica se aprueba. La restricción de
    Wagtail es por grupo, y la coordinadora no está en él: sin este hook, su
    propia vista previa la manda al login con «Su cuenta no tiene acceso».

    - Editores DEP: siguen por la restricción de Wagtail (la aceptan).
    - Quien subió el archivo o coordina una red cuya práctica lo usa: se le
      sirve el archivo aquí mismo (privado, sin caché compartida).
    - Otra cuenta con sesión: página 403 del sitio que explica por qué.
    - Sin sesión: Wagtail redirige al login del sitio."""
    from .archivos import puede_ver_en_revision, servir_documento

    if documento.collection.name != COLECCION_REVISION:
        return None
    usuario = request.user
    if not usuario.is_authenticated or es_editor(usuario):
        return None
    if puede_ver_en_revision(usuario, documento):
        return servir_documento(request, documento)
    return TemplateResponse(request, "practicas/archivo_en_revision.html", status=403)
