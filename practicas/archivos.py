"""Archivos de las prácticas (imágenes y documentos subidos desde el formulario).

- Quién puede abrir un archivo de una práctica que aún no se publica
  (`puede_ver_en_revision`, `servir_documento`; los usa el hook
  `before_serve_document` de wagtail_hooks.py).
- Los archivos siguen a su página: si una práctica deja de estar publicada
  (se despublica, o se rechaza o se piden cambios después de haber estado
  publicada), sus imágenes y documentos vuelven a la colección privada «Prácticas
  en revisión», que solo ven la DEP y quien los subió. Al aprobarse vuelven a la
  pública (`flujo.publicar_archivos`).
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import content_disposition_header
from wagtail.documents import get_document_model
from wagtail.images import get_image_model


def puede_ver_en_revision(usuario, documento):
    """La dueña del archivo (quien lo subió) o quien coordina una red cuya
    práctica lo usa, en su versión guardada o en la publicada."""
    from .models import PracticaPage, PracticaRecurso

    if documento.uploaded_by_user_id == usuario.pk:
        return True
    if PracticaRecurso.objects.filter(
        documento=documento, page__red__coordinadores=usuario
    ).exists():
        return True
    for pagina in PracticaPage.objects.filter(red__coordinadores=usuario).distinct():
        borrador = pagina.get_latest_revision_as_object()
        if any(r.documento_id == documento.pk for r in borrador.recursos.all()):
            return True
    return False


def servir_documento(request, documento):
    """Como la vista de Wagtail (PDF y texto en línea, el resto como descarga);
    CabecerasDocumentosMiddleware agrega el sandbox igual que a los públicos."""
    tipos_en_linea = getattr(
        settings, "WAGTAILDOCS_INLINE_CONTENT_TYPES", ["application/pdf", "text/plain"]
    )
    tipo = documento.content_type
    # HttpResponse y no FileResponse: Wagtail solo acepta del hook un HttpResponse
    # (FileResponse es streaming y lo ignora). Los documentos pesan hasta 10 MB.
    with documento.file.open("rb") as archivo:
        respuesta = HttpResponse(archivo.read(), content_type=tipo)
    disposicion = "inline" if tipo in tipos_en_linea else "attachment"
    respuesta["Content-Disposition"] = content_disposition_header(
        disposicion == "attachment", documento.filename
    )
    add_never_cache_headers(respuesta)
    patch_cache_control(respuesta, private=True)
    respuesta["X-Robots-Tag"] = "noindex"
    return respuesta


def retirar_archivos(pagina):
    from .flujo import coleccion_publica, coleccion_revision

    publica = coleccion_publica()
    privada = coleccion_revision()
    imagenes = [i.imagen_id for i in pagina.imagenes.all()]
    documentos = [r.documento_id for r in pagina.recursos.all()]
    get_image_model().objects.filter(pk__in=imagenes, collection=publica).update(collection=privada)
    get_document_model().objects.filter(pk__in=documentos, collection=publica).update(
        collection=privada
    )


def al_despublicar(sender, instance, **kwargs):
    from .models import PracticaPage

    pagina = getattr(instance, "specific", instance)
    if isinstance(pagina, PracticaPage):
        retirar_archivos(pagina)
