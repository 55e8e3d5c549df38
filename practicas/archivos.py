"""Los archivos siguen a su página: si una práctica deja de estar publicada
(se despublica, o se rechaza o se piden cambios después de haber estado
publicada), sus imágenes y documentos vuelven a la colección privada «Prácticas
en revisión», que solo ven la DEP y quien los subió. Al aprobarse vuelven a la
pública (`flujo.publicar_archivos`)."""

from wagtail.documents import get_document_model
from wagtail.images import get_image_model


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
