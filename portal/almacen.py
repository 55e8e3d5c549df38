"""Imágenes privadas fuera de lo que el proxy sirve: originales y miniaturas.

El proxy (README, Despliegue) sirve `MEDIA_ROOT/images/` directo desde disco,
con nombres predecibles (`foto.fill-160x120.png`). Una imagen de una colección
con restricción de vista (la de «Prácticas en revisión») no puede vivir ahí.

- `AlmacenMedios` (STORAGES["default"], también el de las miniaturas) guarda los
  nombres que empiezan con `privado/` en `TRAMA_MEDIA_PRIVADA`, una carpeta
  FUERA de `MEDIA_ROOT`, y les da una URL de Django (`/imagenes-privadas/…`,
  `practicas.archivos.servir_imagen_privada`) que revisa permisos. Lo demás es
  el `FileSystemStorage` de siempre.
- `ubicar_imagen` mueve el original al lugar que corresponde a su colección
  (señal post_save de la imagen: al subirla, al aprobar, al despublicar, o si
  una editora la cambia de colección en el admin) y borra sus miniaturas; Wagtail
  las vuelve a generar al pedirlas, ya en el lugar nuevo.
- Una miniatura vive donde vive su original: `instalar()` hace que la ruta de
  cada rendición lleve `privado/` si el nombre de su original lo lleva.

Por qué no un modelo de imagen propio (WAGTAILIMAGES_IMAGE_MODEL), que es donde
Wagtail deja sobrescribir `Rendition.get_upload_to`: cambiar el modelo de imagen
de un sitio con datos obliga a migrar cada imagen y cada clave foránea a ella.
Por eso `instalar()` reemplaza ese único método en la rendición de Wagtail (la
prueba tests/test_imagenes_privadas.py falla si una actualización lo rompe).
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.urls import reverse
from django.utils._os import safe_join

PREFIJO = "privado/"


def es_privado(nombre):
    return bool(nombre) and str(nombre).startswith(PREFIJO)


def raiz_privada():
    return Path(settings.TRAMA_MEDIA_PRIVADA)


class AlmacenMedios(FileSystemStorage):
    """FileSystemStorage que manda `privado/…` a la carpeta privada (ver arriba)."""

    def path(self, name):
        if es_privado(name):
            return safe_join(raiz_privada(), name[len(PREFIJO) :])
        return super().path(name)

    def _save(self, name, content):
        # FileSystemStorage devuelve la ruta relativa a MEDIA_ROOT; la privada queda
        # fuera, así que se traduce de vuelta a su nombre `privado/…`.
        guardado = super()._save(name, content)
        if not es_privado(name):
            return guardado
        completa = os.path.normpath(os.path.join(self.location, guardado))
        return PREFIJO + Path(os.path.relpath(completa, raiz_privada())).as_posix()

    def url(self, name):
        if es_privado(name):
            return reverse("imagen_privada", args=[name[len(PREFIJO) :]])
        return super().url(name)


def debe_ser_privada(imagen):
    coleccion = getattr(imagen, "collection", None)
    return coleccion is not None and coleccion.get_view_restrictions().exists()


def ubicar_imagen(imagen):
    """Pone el original donde corresponde a su colección; True si lo movió."""
    nombre = imagen.file.name
    privada = debe_ser_privada(imagen)
    if not nombre or es_privado(nombre) == privada:
        return False
    almacen = imagen.file.storage
    destino = PREFIJO + nombre if privada else nombre[len(PREFIJO) :]
    with almacen.open(nombre, "rb") as archivo:
        nuevo = almacen.save(destino, archivo)
    # Las miniaturas del lugar viejo se borran (Wagtail borra sus archivos al
    # confirmar y las quita de su caché); se regeneran donde está el original.
    imagen.renditions.all().delete()
    type(imagen).objects.filter(pk=imagen.pk).update(file=nuevo)  # sin volver a la señal
    imagen.file.name = nuevo
    transaction.on_commit(lambda: almacen.delete(nombre))
    # Otra solicitud que leyó la imagen antes de confirmar pudo crear una miniatura
    # en el lugar viejo: se barre al confirmar.
    transaction.on_commit(lambda: barrer_miniaturas(type(imagen), imagen.pk))
    return True


def guardar_original_privado(modelo, archivo):
    """Guarda una imagen subida directo en la carpeta privada (con el nombre que le
    daría Wagtail) y devuelve su nombre; así nunca pasa por lo público."""
    from django.core.files.storage import default_storage

    ruta = modelo().get_upload_to(archivo.name)
    return default_storage.save(PREFIJO + ruta, archivo)


def _nombre_en_base(modelo, pk):
    return modelo.objects.filter(pk=pk).values_list("file", flat=True).first() or ""


def barrer_miniaturas(modelo, pk):
    """Borra las miniaturas que no están donde está su original."""
    privada = es_privado(_nombre_en_base(modelo, pk))
    viejas = modelo.get_rendition_model().objects.filter(image_id=pk)
    if privada:
        viejas = viejas.exclude(file__startswith=PREFIJO)
    else:
        viejas = viejas.filter(file__startswith=PREFIJO)
    viejas.delete()


def al_guardar_imagen(sender, instance, raw=False, **kwargs):
    if not raw:
        ubicar_imagen(instance)


def instalar():
    """La ruta de una miniatura sigue a su original (ver el docstring del módulo)."""
    from django.db.models.signals import post_save
    from wagtail.images import get_image_model
    from wagtail.images.models import AbstractRendition

    modelo = get_image_model()
    rendicion = modelo.get_rendition_model()
    ruta_wagtail = AbstractRendition.get_upload_to

    def get_upload_to(self, filename):
        # El nombre del original en la base y no el del objeto en memoria: una
        # plantilla puede tener una copia leída antes de que la imagen cambiara de lugar.
        ruta = ruta_wagtail(self, filename)
        return PREFIJO + ruta if es_privado(_nombre_en_base(modelo, self.image_id)) else ruta

    rendicion.get_upload_to = get_upload_to
    post_save.connect(al_guardar_imagen, sender=modelo, dispatch_uid="trama-ubicar-imagen")
