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


# --- Historial: cada decisión con su nombre ------------------------------------------------
@hooks.register("register_log_actions", order=100)  # después de Wagtail: lo reemplaza
def acciones_del_historial(actions):
    from wagtail.log_actions import LogFormatter

    from .models import ACCION_LOG_RECHAZO

    class WorkflowLogFormatter(LogFormatter):
        # Como el de Wagtail (definido dentro de su hook, no se puede importar).
        def format_comment(self, log_entry):
            return log_entry.data.get("comment", "")

    def _tarea(entrada):
        try:
            return entrada.data["workflow"]["task"]["title"]
        except (KeyError, TypeError):
            return "Revisión DEP"

    @actions.register_action("wagtail.workflow.reject")
    class CambiosSolicitados(WorkflowLogFormatter):
        # Wagtail llama «rechazar» a pedir cambios; en Trama «Rechazada» es otra cosa.
        label = "Revisión: cambios solicitados"

        def format_message(self, log_entry):
            return f"Cambios solicitados en «{_tarea(log_entry)}»"

    @actions.register_action(ACCION_LOG_RECHAZO)
    class Rechazada(WorkflowLogFormatter):
        label = "Revisión: rechazada"

        def format_message(self, log_entry):
            return f"Rechazada (definitivo) en «{_tarea(log_entry)}»"

    @actions.register_action("wagtail.workflow.cancel")
    class Cerrada(WorkflowLogFormatter):
        label = "Revisión: cerrada"

        def format_message(self, log_entry):
            return f"Revisión cerrada en «{_tarea(log_entry)}»"


# --- Lo que envía una red se publica solo por el flujo -------------------------------------
def _bloquea_publicar_directo(pagina):
    """Una práctica en revisión, con cambios pedidos o rechazada no se publica con
    «Publicar»: solo con «Aprobar y publicar» (que deja registro y avisa a la red)."""
    from .flujo import ultimo_estado
    from .models import CAMBIOS, EN_REVISION, RECHAZADA, PracticaPage, estado_practica

    especifica = getattr(pagina, "specific", pagina)
    if not isinstance(especifica, PracticaPage) or especifica.pk is None:
        return False
    codigo, _ = estado_practica(especifica, ultimo_estado(especifica))
    return codigo in (EN_REVISION, CAMBIOS, RECHAZADA)


@hooks.register("construct_page_action_menu")
def sin_publicar_directo(menu_items, request, context):
    pagina = context.get("page")
    if pagina is not None and _bloquea_publicar_directo(pagina):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_edit_page")
def rechazar_publicar_directo(request, pagina):
    from django.shortcuts import redirect
    from wagtail.admin import messages

    if (
        request.method == "POST"
        and "action-publish" in request.POST
        and _bloquea_publicar_directo(pagina)
    ):
        messages.error(
            request,
            "Esta práctica la envió una red y está en revisión: publíquela con «Aprobar y "
            "publicar» (la red recibe el aviso), no con «Publicar».",
        )
        return redirect("wagtailadmin_pages:edit", pagina.pk)
    return None


@hooks.register("before_bulk_action")
def sin_publicar_en_lote(request, action_type, objects, action_class_instance):
    """Tampoco se saltan la revisión con «Publicar» en lote desde el listado."""
    from django.shortcuts import redirect
    from wagtail.admin import messages

    if action_type != "publish":
        return None
    bloqueadas = [p for p in objects if _bloquea_publicar_directo(p)]
    if not bloqueadas:
        return None
    nombres = ", ".join(f"«{p.get_admin_display_title()}»" for p in bloqueadas[:5])
    messages.error(
        request,
        f"No se publicó nada: {nombres} la envió una red y está en revisión. Publíquela con "
        "«Aprobar y publicar» en su página.",
    )
    return redirect(action_class_instance.next_url)
