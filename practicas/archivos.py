"""Archivos de las prácticas (imágenes y documentos subidos desde el formulario).

- Quién puede abrir un archivo de una práctica que aún no se publica
  (`puede_ver_en_revision`, `servir_documento`; los usa el hook
  `before_serve_document` de wagtail_hooks.py).
- Los archivos siguen a la versión publicada (`sincronizar_archivos`): públicos
  si una práctica publicada los muestra, en la colección privada «Prácticas en
  revisión» (solo la DEP y la red) si no. Las imágenes privadas y sus miniaturas
  viven fuera de lo que sirve el proxy y se entregan por `servir_imagen_privada`
  (portal/almacen.py).
"""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import content_disposition_header
from wagtail.documents import get_document_model
from wagtail.images import get_image_model


def puede_ver_en_revision(usuario, archivo):
    """La dueña del archivo (quien lo subió) o quien coordina una red cuya
    práctica lo usa, en su versión guardada o en la publicada. `archivo` es un
    documento o una imagen."""
    from .models import PracticaImagen, PracticaPage, PracticaRecurso

    if archivo.uploaded_by_user_id == usuario.pk:
        return True
    if isinstance(archivo, get_image_model()):
        filas, relacion, campo = (
            PracticaImagen.objects.filter(imagen=archivo),
            "imagenes",
            "imagen_id",
        )
    else:
        filas, relacion = PracticaRecurso.objects.filter(documento=archivo), "recursos"
        campo = "documento_id"
    if filas.filter(page__red__coordinadores=usuario).exists():
        return True
    for pagina in PracticaPage.objects.filter(red__coordinadores=usuario).distinct():
        borrador = pagina.get_latest_revision_as_object()
        if any(getattr(f, campo) == archivo.pk for f in getattr(borrador, relacion).all()):
            return True
    return False


def servir_imagen_privada(request, ruta):
    """Original o miniatura de una imagen privada (portal/almacen.py): solo para la
    DEP y para quien puede ver la práctica en revisión; 404 para el resto (sin
    decir si existe). Con TRAMA_MEDIA_PRIVADA_ACCEL, nginx entrega el archivo."""
    from portal.almacen import PREFIJO
    from portal.permisos import es_editor

    nombre = PREFIJO + ruta
    modelo = get_image_model()
    imagen = modelo.objects.filter(file=nombre).first()
    if imagen is None:
        rendicion = (
            modelo.get_rendition_model().objects.filter(file=nombre).select_related("image").first()
        )
        imagen = rendicion.image if rendicion else None
    usuario = request.user
    if imagen is None or not usuario.is_authenticated:
        raise Http404("No existe esa imagen.")
    if not (es_editor(usuario) or puede_ver_en_revision(usuario, imagen)):
        raise PermissionDenied("Esta imagen es de una práctica que todavía no es pública.")
    tipo = mimetypes.guess_type(nombre)[0] or "application/octet-stream"
    acelerador = getattr(settings, "TRAMA_MEDIA_PRIVADA_ACCEL", "")
    if acelerador:
        respuesta = HttpResponse(content_type=tipo)
        respuesta["X-Accel-Redirect"] = acelerador.rstrip("/") + "/" + quote(ruta)
    else:
        try:
            respuesta = FileResponse(imagen.file.storage.open(nombre, "rb"), content_type=tipo)
        except FileNotFoundError:
            raise Http404("No existe esa imagen.") from None
    add_never_cache_headers(respuesta)
    patch_cache_control(respuesta, private=True)
    respuesta["X-Content-Type-Options"] = "nosniff"
    respuesta["Cross-Origin-Resource-Policy"] = "same-origin"
    respuesta["Content-Security-Policy"] = "default-src 'none'; sandbox"
    respuesta["X-Robots-Tag"] = "noindex"
    return respuesta


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


def _referidos(pagina):
    """(ids de imágenes, ids de documentos) que la práctica usa o usó: su fila (la
    versión publicada, si lo está) y cada una de sus revisiones, leídas del JSON
    guardado (sin armar cada versión)."""
    from wagtail.models import Revision

    imagenes = {i.imagen_id for i in pagina.imagenes.all()}
    documentos = {r.documento_id for r in pagina.recursos.all()}
    contenidos = Revision.page_revisions.filter(object_id=str(pagina.pk)).values_list(
        "content", flat=True
    )
    for contenido in contenidos:
        contenido = contenido or {}
        imagenes.update(f.get("imagen") for f in contenido.get("imagenes") or [])
        documentos.update(f.get("documento") for f in contenido.get("recursos") or [])
    return {i for i in imagenes if i}, {d for d in documentos if d}


def sincronizar_archivos(pagina):
    """Cada archivo que esta práctica usa o usó queda en la colección pública si
    alguna práctica publicada lo muestra (en su versión en vivo) y en la privada
    «Prácticas en revisión» si ninguna. Se llama al aprobar, al pedir cambios, al
    rechazar y al despublicar:

    - aprobar: lo de la versión aprobada pasa a público; lo que esa versión ya no
      usa (y nadie más publica) vuelve a privado;
    - pedir cambios o rechazar una versión nueva de una práctica publicada: la
      página sigue publicada con su versión anterior, así que sus archivos siguen
      públicos; lo que solo traía la versión rechazada sigue privado;
    - despublicar: todo lo suyo vuelve a privado, salvo lo que otra práctica
      publicada también muestra.

    Solo se mueven archivos de las dos colecciones de prácticas; lo que una editora
    puso en otra colección no se toca. Las imágenes se guardan una a una para que
    su archivo cambie de lugar (portal/almacen.py) y la caché de páginas se invalide."""
    from .flujo import coleccion_publica, coleccion_revision
    from .models import PracticaImagen, PracticaRecurso

    imagenes, documentos = _referidos(pagina)
    publica, privada = coleccion_publica(), coleccion_revision()
    en_vivo_i = set(
        PracticaImagen.objects.filter(imagen_id__in=imagenes, page__live=True).values_list(
            "imagen_id", flat=True
        )
    )
    en_vivo_d = set(
        PracticaRecurso.objects.filter(documento_id__in=documentos, page__live=True).values_list(
            "documento_id", flat=True
        )
    )
    for imagen in (
        get_image_model()
        .objects.filter(pk__in=imagenes, collection__in=[publica, privada])
        .select_related("collection")
    ):
        destino = publica if imagen.pk in en_vivo_i else privada
        if imagen.collection_id != destino.pk:
            imagen.collection = destino
            imagen.save(update_fields=["collection"])
    modelo_doc = get_document_model()
    modelo_doc.objects.filter(pk__in=en_vivo_d, collection=privada).update(collection=publica)
    modelo_doc.objects.filter(pk__in=documentos - en_vivo_d, collection=publica).update(
        collection=privada
    )


def al_despublicar(sender, instance, **kwargs):
    from .models import PracticaPage

    pagina = getattr(instance, "specific", instance)
    if isinstance(pagina, PracticaPage):
        sincronizar_archivos(pagina)
