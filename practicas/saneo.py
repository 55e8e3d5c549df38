"""Entrada del formulario público: texto enriquecido saneado y documentos
cuyo contenido corresponde a su extensión.

Por qué propio: el admin de Wagtail sanea el texto enriquecido con Draftail y
su conversor; el formulario público no usa Draftail, así que limpiamos con
nh3 (lista blanca) antes de guardar en un RichTextField. Wagtail valida la
extensión y el peso de los documentos, pero no su contenido."""

import html
import re
import zipfile
from pathlib import Path

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

ETIQUETAS = {"p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "a"}
ATRIBUTOS = {"a": {"href"}}
ESQUEMAS = {"http", "https", "mailto"}
_BLOQUE = re.compile(r"^\s*<(ul|ol|p)[\s>]", re.IGNORECASE)

# Qué cuenta como etiqueta HTML al leer lo que se escribió: un elemento HTML real,
# sin atributos o con algún atributo `nombre=valor`. Así `a<b y c>d` o `x<3` son
# texto (se guardan tal cual y vuelven igual al editar) y `<img src=x onerror=…>`,
# `<script>` o `<b>negrita</b>` son etiquetas (nh3 las limpia o las conserva).
_ELEMENTOS_HTML = set(
    """a abbr address applet area article aside audio b base basefont bdi bdo bgsound big
    blink blockquote body br button canvas caption center cite code col colgroup data
    datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure
    font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe
    image img input ins isindex kbd keygen label legend li link listing main map mark
    marquee math menu meta meter nav nobr noembed noframes noscript object ol optgroup
    option output p param picture plaintext pre progress q rp rt ruby s samp script
    search section select slot small source span strike strong style sub summary sup svg
    table tbody td template textarea tfoot th thead time title tr track tt u ul var video
    wbr xmp""".split()
)
_POSIBLE_ETIQUETA = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>")


def _escapar_lo_que_no_es_etiqueta(texto):
    """Escapa cada `<` que no abre una etiqueta HTML real ni un comentario."""
    partes = []
    inicio = 0
    for posicion in [m.start() for m in re.finditer("<", texto)]:
        if posicion < inicio:
            continue
        etiqueta = _POSIBLE_ETIQUETA.match(texto, posicion)
        real = texto.startswith("<!--", posicion) or (
            etiqueta is not None
            and etiqueta.group(2).lower() in _ELEMENTOS_HTML
            and (
                not etiqueta.group(3).strip("/ \t\n")
                or (etiqueta.group(3)[:1].isspace() and "=" in etiqueta.group(3))
            )
        )
        partes.append(texto[inicio:posicion])
        partes.append("<" if real else "&lt;")
        inicio = posicion + 1
    partes.append(texto[inicio:])
    return "".join(partes)


def limpiar_html(texto):
    """HTML permitido (negritas, cursivas, listas, enlaces http/https/mailto)."""
    return nh3.clean(
        _escapar_lo_que_no_es_etiqueta(texto or ""),
        tags=ETIQUETAS,
        attributes=ATRIBUTOS,
        url_schemes=ESQUEMAS,
        link_rel=None,
        strip_comments=True,
    ).strip()


def texto_a_html(texto):
    """Texto del formulario (párrafos separados por una línea en blanco; se
    admite HTML simple) a HTML limpio para un RichTextField."""
    texto = (texto or "").replace("\r\n", "\n").strip()
    if not texto:
        return ""
    parrafos = []
    for bloque in re.split(r"\n\s*\n", texto):
        limpio = limpiar_html(bloque)
        if not limpio:
            continue
        if _BLOQUE.match(limpio):
            parrafos.append(limpio)
        else:
            parrafos.append("<p>" + limpio.replace("\n", "<br>") + "</p>")
    return "".join(parrafos)


def html_a_texto(contenido):
    """Inverso aproximado de `texto_a_html`, para volver a editar."""
    if not contenido:
        return ""
    texto = re.sub(r"</p>\s*<p[^>]*>", "\n\n", contenido)
    texto = re.sub(r"</?p[^>]*>", "", texto)
    texto = re.sub(r"<br\s*/?>", "\n", texto)
    texto = re.sub(r"\s*(<(?:ul|ol)[^>]*>)", r"\n\n\1", texto)
    texto = re.sub(r"(</(?:ul|ol)>)\s*", r"\1\n\n", texto)
    # Sin entidades: el textarea se escapa al mostrarse y nh3 vuelve a limpiar al guardar.
    return html.unescape(texto).strip()


def texto_plano_seguro(texto):
    """Para campos de texto plano: quita cualquier etiqueta y deja el texto sin
    entidades HTML (las plantillas lo escapan al mostrarlo)."""
    limpio = nh3.clean(_escapar_lo_que_no_es_etiqueta(texto or ""), tags=set())
    return html.unescape(limpio).replace("\r\n", "\n").strip()


def texto_una_linea(texto):
    """Campos de una línea (título, duración): sin saltos ni espacios repetidos."""
    return " ".join(texto_plano_seguro(texto).split())


# Firmas de contenido por extensión (WAGTAILDOCS_EXTENSIONS).
_ZIP_OOXML = {"docx", "pptx", "xlsx"}
_ZIP_ODF = {"odt", "odp", "ods"}
_TEXTO = {"csv", "txt"}


def _es_texto(cabeza):
    if b"\x00" in cabeza:
        return False
    try:
        cabeza.decode("utf-8")
    except UnicodeDecodeError as error:
        # Puede cortar un carácter multibyte al final del trozo leído.
        if error.start < len(cabeza) - 4:
            try:
                cabeza.decode("latin-1")
            except UnicodeDecodeError:
                return False
            return all(b >= 9 for b in cabeza)
    return True


def validar_documento(archivo):
    """Extensión permitida, tamaño máximo y contenido acorde. Mensajes en español."""
    extension = Path(archivo.name).suffix.lower().lstrip(".")
    permitidas = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []
    if extension not in permitidas:
        raise ValidationError(
            "Tipo de archivo no permitido (.%(ext)s). Suba uno de estos formatos: %(lista)s.",
            params={"ext": extension or "sin extensión", "lista": ", ".join(permitidas)},
        )
    maximo = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
    if maximo and archivo.size > maximo:
        raise ValidationError(
            "El archivo pesa %(peso)s; el máximo es %(max)s.",
            params={"peso": filesizeformat(archivo.size), "max": filesizeformat(maximo)},
        )
    if archivo.size == 0:
        raise ValidationError("El archivo está vacío.")
    archivo.seek(0)
    cabeza = archivo.read(4096)
    archivo.seek(0)
    valido = True
    if extension == "pdf":
        valido = cabeza.startswith(b"%PDF-")
    elif extension in _ZIP_OOXML | _ZIP_ODF:
        valido = cabeza.startswith(b"PK\x03\x04") and _zip_acorde(archivo, extension)
        archivo.seek(0)
    elif extension in _TEXTO:
        valido = _es_texto(cabeza)
    if not valido:
        raise ValidationError(
            "El contenido del archivo no corresponde a un .%(ext)s (¿cambió la extensión?). "
            "Súbalo en su formato original.",
            params={"ext": extension},
        )


def _zip_acorde(archivo, extension):
    try:
        with zipfile.ZipFile(archivo) as comprimido:
            nombres = set(comprimido.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    if extension in _ZIP_OOXML:
        return "[Content_Types].xml" in nombres
    return "mimetype" in nombres
