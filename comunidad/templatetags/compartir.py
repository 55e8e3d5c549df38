"""Etiquetas Open Graph (y tarjeta de X/Twitter) para compartir una página:
título, resumen e imagen, con URL absolutas. Casos y prácticas usan su resumen
y su imagen; el resto, la descripción de la página y la imagen de Trama."""

from django import template
from django.core.exceptions import DisallowedHost
from django.templatetags.static import static
from django.utils.text import Truncator

register = template.Library()

LARGO_RESUMEN = 300


def _imagen_de(pagina, contexto):
    imagen = getattr(pagina, "imagen", None)  # casos
    if imagen is None:
        imagenes = contexto.get("imagenes") or []  # prácticas: ya cargadas en la ficha
        imagen = getattr(imagenes[0], "imagen", None) if imagenes else None
    if imagen is None:
        return None
    try:
        rendicion = imagen.get_rendition("fill-1200x630")
    except Exception:  # noqa: BLE001 (una imagen dañada no impide mostrar la ficha)
        return None
    return rendicion.url, rendicion.width, rendicion.height, getattr(imagen, "title", "")


@register.inclusion_tag("includes/compartir.html", takes_context=True)
def etiquetas_compartir(context):
    request = context.get("request")
    pagina = context.get("page") or context.get("self")
    red = context.get("red") if pagina is None else None
    if red is not None and hasattr(red, "nombre"):
        # Página de una red (app redes/, vista de Django): su nombre y su propósito.
        context = {
            **context.flatten(),
            "titulo_compartir": context.get("titulo_compartir") or red.nombre,
            "resumen_compartir": context.get("resumen_compartir") or getattr(red, "proposito", ""),
        }
    titulo = context.get("titulo_compartir") or (
        getattr(pagina, "seo_title", "") or getattr(pagina, "title", "") if pagina else ""
    )
    resumen = context.get("resumen_compartir") or (
        (getattr(pagina, "search_description", "") or getattr(pagina, "resumen", "") or "")
        if pagina
        else ""
    )
    if not resumen and pagina is not None:
        resumen = getattr(pagina, "bajada", "") or ""
    imagen = _imagen_de(pagina, context) if pagina is not None else None
    if imagen is None:
        imagen = (
            static("img/trama-compartir.png"),
            1200,
            630,
            "Trama, redes de la Educación Pública",
        )

    def absoluta(url):
        # En la página de error 400 por un Host no permitido, get_host() vuelve a fallar.
        try:
            return request.build_absolute_uri(url) if request else url
        except DisallowedHost:
            return url

    tipo = "article" if pagina is not None and hasattr(pagina, "resumen") else "website"
    return {
        "titulo": titulo or "Trama",
        "resumen": Truncator(" ".join(resumen.split())).chars(LARGO_RESUMEN),
        "url": absoluta(getattr(pagina, "url", None) or (request.path if request else "/")),
        "imagen": absoluta(imagen[0]),
        "imagen_ancho": imagen[1],
        "imagen_alto": imagen[2],
        "imagen_alt": imagen[3] or titulo,
        "tipo": tipo,
    }
