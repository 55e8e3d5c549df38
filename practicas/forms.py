"""Formulario público «Publicar una práctica» (fuera del admin de Wagtail).

Dos formularios por petición: `SubidaForm` (una imagen y un documento nuevos,
que se guardan apenas son válidos para no pedirlos de nuevo si el resto tiene
errores) y `PracticaForm` (todo lo demás, incluidos los ids de archivos ya
subidos)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField

from portal.models import Caracteristica, Foco, NivelEducativo, Principio

from .models import PracticaPage, Red
from .saneo import validar_documento

GUARDAR = "guardar"
ENVIAR = "enviar"

# Obligatorios solo al enviar a revisión; un borrador exige red y título.
OBLIGATORIOS_AL_ENVIAR = (
    "resumen",
    "desafio",
    "pasos",
    "participantes",
    "niveles",
    "nivel_evidencia",
    "focos",
)


def _textarea(filas=5, **attrs):
    return forms.Textarea(attrs={"rows": filas, **attrs})


class EvidenciaRadio(forms.RadioSelect):
    option_template_name = "practicas/widgets/evidencia_opcion.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        opcion = super().create_option(name, value, label, selected, index, subindex, attrs)
        opcion["explicacion"] = PracticaPage.EXPLICACION_EVIDENCIA.get(str(value), "")
        return opcion


# Ids fuera del rango de un BIGINT: SQLite lanza OverflowError (500) en vez de
# no encontrar nada, y Django solo captura ValueError/TypeError. Se rechazan antes.
MAX_ID = 2**63 - 1


def _fuera_de_rango(valor):
    try:
        return abs(int(str(valor).strip())) > MAX_ID
    except ValueError:
        return False  # no numérico: Django ya lo informa como opción no válida


class SeleccionMultiple(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for valor in value or []:
            if _fuera_de_rango(valor):
                raise ValidationError(
                    "Una de las opciones elegidas no existe. Revise su selección.",
                    code="invalid_pk_value",
                )
        return super()._check_values(value)


class SeleccionUnica(forms.ModelChoiceField):
    def to_python(self, value):
        if _fuera_de_rango(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ArchivoSubidoMultiple(SeleccionMultiple):
    def label_from_instance(self, obj):
        nombre = obj.file.name.rsplit("/", 1)[-1]
        return f"{obj.title} ({nombre})" if obj.title != nombre else nombre


class PracticaForm(forms.Form):
    red = SeleccionUnica(
        label="Red que publica",
        queryset=Red.objects.none(),
        empty_label="Elija su red",
        error_messages={"required": "Elija la red que publica la práctica."},
    )
    titulo = forms.CharField(
        label="Título",
        max_length=200,
        error_messages={
            "required": "Escriba el título de la práctica.",
            "max_length": "El título puede tener hasta %(limit_value)d caracteres (tiene %(show_value)d).",
        },
    )
    resumen = forms.CharField(
        label="Resumen",
        max_length=600,
        help_text="En dos o tres oraciones: qué hicieron y para qué (máximo 600 caracteres).",
        widget=_textarea(3),
        error_messages={
            "required": "Escriba un resumen breve de la práctica.",
            "max_length": "El resumen puede tener hasta %(limit_value)d caracteres (tiene %(show_value)d).",
        },
    )
    desafio = forms.CharField(
        label="Desafío que aborda",
        help_text="¿Qué problema o necesidad de sus establecimientos motivó la práctica? "
        "Separe los párrafos con una línea en blanco.",
        widget=_textarea(5),
        error_messages={"required": "Cuente qué desafío aborda la práctica."},
    )
    pasos = forms.CharField(
        label="Qué hicieron (pasos)",
        help_text="Un paso por línea, en el orden en que los hicieron.",
        widget=_textarea(6),
        error_messages={"required": "Describa al menos un paso de lo que hicieron."},
    )
    participantes = forms.CharField(
        label="Quiénes participaron (roles)",
        help_text="Por ejemplo: directores, jefes de UTP, docentes de lenguaje, equipo SLEP.",
        widget=_textarea(3),
        error_messages={"required": "Indique quiénes participaron (sus roles)."},
    )
    niveles = SeleccionMultiple(
        label="Niveles educativos",
        queryset=NivelEducativo.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Marque al menos un nivel educativo."},
    )
    duracion = forms.CharField(
        label="Duración o periodicidad",
        max_length=200,
        help_text="Por ejemplo: «un semestre, sesiones mensuales».",
    )
    resultados = forms.CharField(
        label="Resultados y evidencias",
        help_text="Qué cambió y cómo lo saben. No invente cifras: si no las tiene, dígalo.",
        widget=_textarea(5),
    )
    nivel_evidencia = forms.ChoiceField(
        label="Nivel de evidencia",
        choices=PracticaPage.NIVELES_EVIDENCIA,
        widget=EvidenciaRadio,
        error_messages={
            "required": "Elija el nivel de evidencia que mejor describe su práctica.",
            "invalid_choice": "Elija uno de los tres niveles de evidencia.",
        },
    )
    vinculo_pme_pel = forms.CharField(
        label="Vínculo con el PME o el PEL",
        help_text="¿A qué objetivo del Plan de Mejoramiento Educativo o del Plan Estratégico "
        "Local aporta?",
        widget=_textarea(3),
    )
    focos = SeleccionMultiple(
        label="Focos de acción",
        queryset=Foco.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Marque al menos un foco de acción."},
    )
    principios = SeleccionMultiple(
        label="Principios orientadores",
        queryset=Principio.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    caracteristicas = SeleccionMultiple(
        label="Características de redes efectivas",
        queryset=Caracteristica.objects.select_related("dimension"),
        widget=forms.CheckboxSelectMultiple,
    )
    etiquetas = forms.CharField(
        label="Etiquetas libres",
        max_length=300,
        help_text="Palabras clave separadas por comas (por ejemplo: lectura, ruralidad).",
    )
    imagenes_subidas = ArchivoSubidoMultiple(
        label="Imágenes ya subidas",
        queryset=get_image_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Desmarque una imagen para quitarla de la práctica.",
    )
    documentos_subidos = ArchivoSubidoMultiple(
        label="Documentos ya subidos",
        queryset=get_document_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Desmarque un documento para quitarlo de la práctica.",
    )
    # Sin etiqueta propia, un valor alterado mostraba «Revision base: …» en inglés.
    revision_base = forms.IntegerField(
        label="versión de la práctica",
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": "El formulario llegó incompleto. Recargue la página y vuelva a guardar.",
        },
    )

    def __init__(self, *args, user, pagina=None, accion=GUARDAR, original=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.pagina = pagina
        self.accion = accion
        self.fields["red"].queryset = Red.objects.filter(coordinadores=user).select_related("slep")
        if original is not None:
            # Una adaptación es de OTRA red: la red de la original no se ofrece.
            self.fields["red"].queryset = self.fields["red"].queryset.exclude(pk=original.red_id)
            self.fields["red"].label = "Red que la adapta"
            self.fields["red"].error_messages["invalid_choice"] = (
                "Elija una de sus redes distinta de la red de la práctica original."
            )
        if pagina is None and not self.is_bound:
            redes = list(self.fields["red"].queryset[:2])
            if len(redes) == 1:
                self.initial.setdefault("red", redes[0].pk)
        if pagina is not None:
            # La red no cambia: de ella dependen los permisos sobre la práctica.
            self.fields["red"].disabled = True
            self.fields["red"].initial = pagina.red_id
            self.fields["red"].queryset = Red.objects.filter(pk=pagina.red_id)
        for nombre, campo in self.fields.items():
            if nombre not in ("red", "titulo"):
                campo.required = accion == ENVIAR and nombre in OBLIGATORIOS_AL_ENVIAR
            # Se marca desde el principio lo que se exige al enviar (no al guardar).
            campo.obligatorio_envio = nombre in OBLIGATORIOS_AL_ENVIAR
        imagenes = Q(collection__name=COLECCION_REVISION, uploaded_by_user=user)
        documentos = Q(collection__name=COLECCION_REVISION, uploaded_by_user=user)
        if pagina is not None:
            imagenes |= Q(pk__in=pagina.imagenes.values("imagen_id"))
            documentos |= Q(pk__in=pagina.recursos.values("documento_id"))
        self.fields["imagenes_subidas"].queryset = get_image_model().objects.filter(imagenes)
        self.fields["documentos_subidos"].queryset = get_document_model().objects.filter(documentos)
        # Solo se listan los archivos de esta práctica o recién subidos en este formulario.
        if self.is_bound:
            elegidas = self.data.getlist("imagenes_subidas")
            elegidos = self.data.getlist("documentos_subidos")
        else:
            elegidas = self.initial.get("imagenes_subidas", [])
            elegidos = self.initial.get("documentos_subidos", [])
        self.imagenes_visibles = [
            i for i in self.fields["imagenes_subidas"].queryset if str(i.pk) in map(str, elegidas)
        ]
        self.documentos_visibles = [
            d for d in self.fields["documentos_subidos"].queryset if str(d.pk) in map(str, elegidos)
        ]
        self.fields["imagenes_subidas"].choices = [
            (i.pk, self.fields["imagenes_subidas"].label_from_instance(i))
            for i in self.imagenes_visibles
        ]
        self.fields["documentos_subidos"].choices = [
            (d.pk, self.fields["documentos_subidos"].label_from_instance(d))
            for d in self.documentos_visibles
        ]
        # Descripción de cada imagen y título de cada documento (campos `pie_<id>`,
        # `titulo_doc_<id>` junto a su miniatura o nombre en la lista de subidos).
        pies = self.initial.get("pies", {})
        titulos = self.initial.get("titulos_documentos", {})
        for imagen in self.imagenes_visibles:
            clave = f"pie_{imagen.pk}"
            valor = self.data.get(clave) if self.is_bound else pies.get(imagen.pk, imagen.title)
            imagen.pie_formulario = (valor if valor is not None else imagen.title)[:250]
            imagen.campo_pie = clave
        for documento in self.documentos_visibles:
            clave = f"titulo_doc_{documento.pk}"
            valor = (
                self.data.get(clave)
                if self.is_bound
                else titulos.get(documento.pk, documento.title)
            )
            documento.titulo_formulario = (valor if valor is not None else documento.title)[:200]
            documento.campo_titulo = clave

    def pies(self):
        """{id de imagen: descripción} escrita en el formulario."""
        from .saneo import texto_plano_seguro

        return {
            i.pk: texto_plano_seguro(i.pie_formulario)[:250] or i.title
            for i in self.imagenes_visibles
        }

    def titulos_documentos(self):
        from .saneo import texto_plano_seguro

        return {
            d.pk: texto_plano_seguro(d.titulo_formulario)[:200] for d in self.documentos_visibles
        }

    def clean(self):
        datos = super().clean()
        evidencia = datos.get("nivel_evidencia")
        if (
            self.accion == ENVIAR
            and evidencia in (PracticaPage.RESULTADOS, PracticaPage.EVALUADA)
            and not (datos.get("resultados") or "").strip()
        ):
            self.add_error(
                "resultados",
                "Si la práctica tiene resultados observados o fue evaluada, cuéntelos aquí.",
            )
        return datos

    def lista_etiquetas(self):
        crudo = self.cleaned_data.get("etiquetas") or ""
        vistas = []
        for parte in crudo.split(","):
            nombre = " ".join(parte.split())[:100]
            if nombre and nombre.lower() not in {v.lower() for v in vistas}:
                vistas.append(nombre)
        return vistas[:15]

    def lista_pasos(self):
        crudo = self.cleaned_data.get("pasos") or ""
        return [linea.strip() for linea in crudo.splitlines() if linea.strip()]


COLECCION_REVISION = "Prácticas en revisión"
COLECCION_PUBLICA = "Prácticas publicadas"


MAX_ARCHIVOS_POR_ENVIO = 10


class VariosArchivos(forms.ClearableFileInput):
    """`<input type=file multiple>`: se eligen varias imágenes (o documentos) a la vez."""

    allow_multiple_selected = True


class VariosArchivosField(forms.FileField):
    """Devuelve la lista de archivos; cada uno se valida por separado en SubidaForm
    para que un archivo malo no impida guardar los buenos."""

    widget = VariosArchivos

    def clean(self, data, initial=None):
        if not data:
            return []
        return list(data) if isinstance(data, (list, tuple)) else [data]


class SubidaForm(forms.Form):
    """Archivos nuevos de esta petición. Se validan y guardan aparte del resto.

    Se pueden elegir varias imágenes y varios documentos a la vez; cada archivo
    válido se guarda aunque otro falle, y cada error nombra su archivo."""

    imagen = VariosArchivosField(
        label="Agregar imágenes",
        required=False,
        help_text="JPG, PNG, GIF o WebP, hasta 10 MB cada una. Puede elegir varias a la vez. "
        "Se guardan apenas las sube; después podrá describir cada una.",
    )
    pie_imagen = forms.CharField(
        label="Descripción de la imagen",
        max_length=250,
        required=False,
        help_text="Qué muestra la imagen (para quienes no pueden verla). Si sube varias, "
        "descríbalas una por una en la lista de imágenes subidas.",
    )
    documento = VariosArchivosField(
        label="Agregar documentos descargables",
        required=False,
        help_text="PDF, Word, PowerPoint, Excel, OpenDocument, CSV o texto, hasta 10 MB cada "
        "uno. Puede elegir varios a la vez.",
    )
    titulo_documento = forms.CharField(
        label="Título del documento",
        max_length=200,
        required=False,
        help_text="Si sube varios, póngale título a cada uno en la lista de documentos subidos.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.imagenes_validas = []
        self.documentos_validos = []
        # Un campo de Wagtail por archivo: reutiliza su validación (formato, peso, píxeles).
        self._validador_imagen = WagtailImageField(required=False)
        self._validador_imagen.error_messages.update(
            {
                "invalid_image": "El archivo no es una imagen válida o está dañado. "
                "Suba un JPG, PNG, GIF o WebP.",
                "invalid_image_extension": "Formato no permitido. Suba una imagen "
                f"{self._validador_imagen.supported_formats_text}.",
                "invalid_image_known_format": "El archivo dice ser .%(extension)s pero en "
                "realidad es %(image_format)s. Súbalo con su extensión verdadera.",
                "file_too_large": "La imagen pesa %(file_size)s; el máximo es %(max_filesize)s.",
                "file_too_many_pixels": "La imagen es demasiado grande (%(num_pixels)s píxeles; "
                "el máximo es %(max_pixels_count)s). Redúzcala antes de subirla.",
                "file_too_large_unknown_size": "La imagen es demasiado pesada; el máximo es "
                "%(max_filesize)s.",
                "invalid": "No se pudo leer el archivo.",
            }
        )
        self._validador_documento = forms.FileField(
            required=False,
            validators=[validar_documento],
            error_messages={"invalid": "No se pudo leer el archivo."},
        )

    def _validar_cada_uno(self, nombre, validador, validos):
        archivos = self.cleaned_data.get(nombre) or []
        errores = []
        if len(archivos) > MAX_ARCHIVOS_POR_ENVIO:
            errores.append(
                f"Eligió {len(archivos)} archivos; suba hasta {MAX_ARCHIVOS_POR_ENVIO} por vez."
            )
            archivos = archivos[:MAX_ARCHIVOS_POR_ENVIO]
        for archivo in archivos:
            try:
                validos.append(validador.clean(archivo))
            except ValidationError as error:
                prefijo = f"«{archivo.name}»: " if len(archivos) > 1 else ""
                errores.extend(prefijo + mensaje for mensaje in error.messages)
        return errores

    def clean(self):
        datos = super().clean()
        for nombre, validador, validos in (
            ("imagen", self._validador_imagen, self.imagenes_validas),
            ("documento", self._validador_documento, self.documentos_validos),
        ):
            for error in self._validar_cada_uno(nombre, validador, validos):
                self.add_error(nombre, error)
        return datos
