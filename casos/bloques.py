"""Bloques del cuerpo de un caso: lo justo para contar cómo se organiza una red,
cómo se coordina, qué hace en cada encuentro y qué resultados reporta."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICO = ["h3", "bold", "italic", "link", "ol", "ul"]


class SeccionBlock(blocks.StructBlock):
    titulo = blocks.CharBlock(
        label="título",
        max_length=160,
        help_text="P. ej. «Cómo se organiza», «Qué hace en cada encuentro».",
    )
    texto = blocks.RichTextBlock(label="texto", features=RICO)

    class Meta:
        icon = "doc-full"
        label = "Sección"
        template = "casos/bloques/seccion.html"


class CitaBlock(blocks.StructBlock):
    texto = blocks.TextBlock(label="cita textual")
    autoria = blocks.CharBlock(label="quién lo dice", required=False, max_length=200)
    fuente = blocks.CharBlock(
        label="fuente", required=False, max_length=300, help_text="Documento de donde sale la cita."
    )

    class Meta:
        icon = "openquote"
        label = "Cita"
        template = "casos/bloques/cita.html"


class ListaBlock(blocks.StructBlock):
    titulo = blocks.CharBlock(label="título", required=False, max_length=160)
    elementos = blocks.ListBlock(blocks.CharBlock(label="elemento", max_length=400), label="lista")

    class Meta:
        icon = "list-ul"
        label = "Lista"
        template = "casos/bloques/lista.html"


class ImagenBlock(blocks.StructBlock):
    imagen = ImageChooserBlock(label="imagen")
    texto_alternativo = blocks.CharBlock(
        label="texto alternativo",
        max_length=250,
        help_text="Describa la imagen para quien no puede verla.",
    )
    leyenda = blocks.CharBlock(label="leyenda", required=False, max_length=250)

    class Meta:
        icon = "image"
        label = "Imagen"
        template = "casos/bloques/imagen.html"


class CuerpoCasoBlock(blocks.StreamBlock):
    seccion = SeccionBlock()
    parrafo = blocks.RichTextBlock(label="Párrafo", features=RICO, icon="pilcrow")
    cita = CitaBlock()
    lista = ListaBlock()
    imagen = ImagenBlock()
