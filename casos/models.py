"""Biblioteca de casos: experiencias de red de Chile y del mundo que estudió la DEP.

`CasosIndexPage` (/casos/) es una búsqueda fija del motor (`tipo=caso`); `CasoPage` (/casos/<slug>/) es la ficha de cada caso, con
una vista imprimible en /casos/<slug>/imprimir/.
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.queryset import FakeQuerySet
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from busqueda.indice import clave_pagina
from busqueda.listados import ListadoMixin
from busqueda.registro import CASOS, facetas_de
from busqueda.relacionados import relacionados
from comunidad.models import NosSirvio
from comunidad.serializadores import CAMPOS_API_CASO
from portal.marco import DEPENDENCIAS_MARCO, marco_mixin
from portal.models import TipoRed

from .bloques import RICO, CuerpoCasoBlock

CHILE = "chile"
INTERNACIONAL = "internacional"
AMBITOS = [(CHILE, "Chile"), (INTERNACIONAL, "Internacional")]

# Cuántos relacionados mostrar cuando el editor no eligió ninguno.
MAX_RELACIONADOS = 3


def solo_publicas(queryset):
    """Como `PageQuerySet.public()`, pero como subconsulta: `public()` consulta
    primero todas las restricciones de vista (una consulta más por listado).
    Excluye las páginas que tienen una restricción en sí mismas o en un ancestro
    (la ruta del ancestro es prefijo de la ruta de la página)."""
    restringidas = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.exclude(Exists(restringidas))


def texto_plano(html):
    return get_text_for_indexing(html or "")


class CasosIndexPage(ListadoMixin, Page):
    """/casos/: el motor de búsqueda con `tipo=caso` (registro.LISTADOS["casos"]):
    facetas del listado, caja de texto, orden y paginación."""

    listado_busqueda = CASOS

    introduccion = RichTextField("introducción", blank=True, features=RICO)

    content_panels = Page.content_panels + [FieldPanel("introduccion")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["casos.CasoPage"]
    max_count = 1

    class Meta:
        verbose_name = "biblioteca de casos"
        verbose_name_plural = "bibliotecas de casos"

    def casos(self):
        return solo_publicas(CasoPage.objects.live().child_of(self))

    def route(self, request, path_components):
        """Igual que `Page.route`, pero trae el caso ya específico y con sus
        relaciones simples en una sola consulta (la ficha debe quedar bajo 15
        consultas SQL)."""
        if not path_components:
            return super().route(request, path_components)
        try:
            caso = (
                CasoPage.objects.child_of(self)
                .select_related("tipo_red", "imagen")
                .get(slug=path_components[0])
            )
        except CasoPage.DoesNotExist:
            # Otro tipo de página hija (si un día se permite) sigue la ruta normal.
            return super().route(request, path_components)
        caso._cached_parent_obj = self
        return caso.route(request, path_components[1:])

    def get_context(self, request, *args, **kwargs):
        contexto = super().get_context(request, *args, **kwargs)
        contexto.update(self.contexto_listado(request))
        return contexto


class EtiquetaCaso(TaggedItemBase):
    """Etiquetas libres de los casos (modelo intermedio propio de taggit)."""

    content_object = ParentalKey(
        "casos.CasoPage", on_delete=models.CASCADE, related_name="etiquetas_items"
    )

    class Meta:
        verbose_name = "etiqueta de caso"
        verbose_name_plural = "etiquetas de casos"


class FuenteCaso(Orderable):
    pagina = ParentalKey("casos.CasoPage", on_delete=models.CASCADE, related_name="fuentes")
    titulo = models.CharField("título", max_length=300)
    institucion = models.CharField("institución", max_length=200, blank=True)
    anio = models.PositiveSmallIntegerField(
        "año",
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
        help_text="Déjelo vacío si no está seguro.",
    )
    url = models.URLField("enlace", max_length=500, blank=True)

    panels = [
        FieldPanel("titulo"),
        FieldRowPanel([FieldPanel("institucion"), FieldPanel("anio")]),
        FieldPanel("url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "fuente"
        verbose_name_plural = "fuentes"

    def __str__(self):
        return self.titulo


class CasoPage(RoutablePageMixin, marco_mixin("casos"), Page):
    """Ficha de una experiencia de red."""

    ambito = models.CharField("ámbito", max_length=20, choices=AMBITOS, default=CHILE)
    pais = models.CharField("país", max_length=80, default="Chile")
    pais_slug = models.SlugField("país (slug)", max_length=80, editable=False, blank=True)
    territorio = models.CharField(
        "región o territorio",
        max_length=200,
        blank=True,
        help_text="Región, provincia o territorio donde funciona, si aplica.",
    )
    organizacion = models.CharField("organización responsable", max_length=250, blank=True)
    tipo_red = models.ForeignKey(
        TipoRed,
        verbose_name="tipo de red",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="casos",
    )
    desde = models.PositiveSmallIntegerField(
        "funciona desde (año)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
        help_text="Déjelo vacío si no hay un dato seguro.",
    )
    escala = models.CharField(
        "a quiénes reúne",
        max_length=300,
        blank=True,
        help_text="P. ej. «escuelas rurales multigrado de una comuna», «directores de liceos».",
    )
    resumen = models.TextField(
        "resumen", max_length=800, help_text="Dos o tres frases en lenguaje llano."
    )
    cuerpo = StreamField(
        CuerpoCasoBlock(),
        verbose_name="cuerpo",
        blank=True,
        help_text="Cómo se organiza, cómo se coordina, qué hace en cada encuentro, "
        "qué resultados reporta.",
    )
    aprendizajes = RichTextField("aprendizajes para los SLEP", blank=True, features=RICO)
    riesgos_evitados = ParentalManyToManyField(
        "portal.Riesgo",
        verbose_name="riesgos que supo evitar",
        blank=True,
        related_name="casos",
    )
    etiquetas = ClusterTaggableManager(
        "etiquetas libres", through=EtiquetaCaso, blank=True, related_name="casos"
    )
    imagen = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="imagen",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revisado_dep = models.BooleanField(
        "contenido revisado por la DEP",
        default=False,
        help_text="Mientras no esté marcado, la ficha muestra «pendiente de revisión editorial».",
    )
    relacionados = ParentalManyToManyField(
        "self",
        verbose_name="casos relacionados",
        blank=True,
        symmetrical=False,
        related_name="relacionado_desde",
        help_text="Si no elige ninguno, se muestran los que comparten más características.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("ambito"), FieldPanel("pais")]),
                FieldPanel("territorio"),
                FieldPanel("organizacion"),
                FieldRowPanel([FieldPanel("tipo_red"), FieldPanel("desde")]),
                FieldPanel("escala"),
            ],
            heading="Datos del caso",
        ),
        FieldPanel("resumen"),
        FieldPanel("cuerpo"),
        FieldPanel("aprendizajes"),
        FieldPanel("imagen"),
    ]
    marco_panels = [
        FieldPanel("focos", widget=forms.CheckboxSelectMultiple),
        FieldPanel("principios", widget=forms.CheckboxSelectMultiple),
        FieldPanel("caracteristicas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("riesgos_evitados", widget=forms.CheckboxSelectMultiple),
        FieldPanel("etiquetas"),
    ]
    fuentes_panels = [
        InlinePanel("fuentes", label="Fuentes", min_num=0),
        FieldPanel("relacionados"),
        FieldPanel("revisado_dep"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Contenido"),
            ObjectList(marco_panels, heading="Marco y etiquetas"),
            ObjectList(fuentes_panels, heading="Fuentes y revisión"),
            ObjectList(Page.promote_panels, heading="Promoción"),
            ObjectList(Page.settings_panels, heading="Publicación"),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("resumen"),
        index.SearchField("cuerpo"),
        index.SearchField("aprendizajes"),
        index.SearchField("organizacion"),
        index.SearchField("pais"),
        index.SearchField("territorio"),
        index.AutocompleteField("organizacion"),
        index.FilterField("ambito"),
        index.FilterField("pais_slug"),
        index.FilterField("revisado_dep"),
        index.RelatedFields("focos", [index.SearchField("nombre")]),
        index.RelatedFields("principios", [index.SearchField("nombre")]),
        index.RelatedFields("caracteristicas", [index.SearchField("nombre")]),
        index.RelatedFields("tipo_red", [index.SearchField("nombre")]),
        index.RelatedFields("etiquetas", [index.SearchField("name")]),
    ]

    parent_page_types = ["casos.CasosIndexPage"]
    subpage_types = []
    # API de páginas (v2), solo lectura: /api/v2/paginas/?type=casos.CasoPage&fields=*
    api_fields = CAMPOS_API_CASO

    class Meta:
        verbose_name = "caso"
        verbose_name_plural = "casos"

    def save(self, *args, **kwargs):
        self.pais = (self.pais or "").strip()
        self.pais_slug = slugify(self.pais)
        return super().save(*args, **kwargs)

    # -- datos para la ficha ------------------------------------------------
    def datos_marco(self):
        """Términos del marco del caso, con pocas consultas (también en vista previa)."""
        return {
            "focos": list(self.focos.all()),
            "principios": list(self.principios.all()),
            "caracteristicas": list(
                self.caracteristicas.select_related("dimension").order_by(
                    "dimension__orden", "orden", "nombre"
                )
            ),
            "riesgos": list(self.riesgos_evitados.all()),
            "etiquetas": list(self.etiquetas.all()),
        }

    def relacionados_del_indice(self):
        """Casos y prácticas parecidos, del índice (busqueda/relacionados.py); los
        casos que eligió el editor van primero y, si hay, solos."""
        # En la vista previa `relacionados` es una lista en memoria (modelcluster).
        elegidos = self.relacionados.all()
        if isinstance(elegidos, FakeQuerySet):
            elegidos = [pagina.pk for pagina in elegidos]
        else:
            elegidos = elegidos.values("pk")  # subconsulta, sin consulta extra
        return relacionados(
            clave_pagina(self.pk), ("caso", "practica"), MAX_RELACIONADOS, elegidos=elegidos
        )

    # Caché frontal (portal/cache.py): la versión para imprimir también se purga.
    rutas_en_cache = ("imprimir/",)

    def get_context(self, request, *args, **kwargs):
        contexto = super().get_context(request, *args, **kwargs)
        marco = self.datos_marco()
        contexto.update(marco)
        contexto["fuentes"] = list(self.fuentes.all())
        parecidos = self.relacionados_del_indice()
        contexto["relacionados"] = parecidos["caso"]
        contexto["practicas_relacionadas"] = parecidos["practica"]
        contexto["indice"] = self.get_parent()
        return contexto

    @path("")
    def ficha(self, request):
        return self.render(request)

    @path("imprimir/")
    def imprimir(self, request):
        return self.render(request, template="casos/caso_page_imprimir.html")

    # -- contrato de búsqueda (busqueda/indice.py) ---------------------------
    # Editar uno de estos modelos reindexa los casos que lo usan (en una tarea).
    dependencias_busqueda = {
        **DEPENDENCIAS_MARCO,
        "portal.TipoRed": "tipo_red",
        "taggit.Tag": "etiquetas",
    }

    def datos_busqueda(self):
        marco = self.datos_marco()
        cuerpo = " ".join(self._meta.get_field("cuerpo").get_searchable_content(self.cuerpo))
        fuentes = " ".join(f"{f.titulo} {f.institucion}".strip() for f in self.fuentes.all())
        dimensiones = []
        for caracteristica in marco["caracteristicas"]:
            par = (caracteristica.dimension.slug, caracteristica.dimension.nombre)
            if par not in dimensiones:
                dimensiones.append(par)
        tipo_red = [(self.tipo_red.slug, self.tipo_red.nombre)] if self.tipo_red else []
        nombres = (
            [t.nombre for clave in ("focos", "principios", "caracteristicas") for t in marco[clave]]
            + [nombre for _, nombre in dimensiones]
            + [nombre for _, nombre in tipo_red]
            + [self.pais, self.territorio, self.organizacion]
            + [e.name for e in marco["etiquetas"]]
        )
        return {
            "tipo": "caso",
            "titulo": self.title,
            "resumen": self.resumen,
            "cuerpo": " ".join(
                parte
                for parte in [
                    cuerpo,
                    texto_plano(self.aprendizajes),
                    self.escala,
                    fuentes,
                ]
                if parte
            ),
            "etiquetas": " ".join(n for n in nombres if n),
            "fecha": self.last_published_at or self.first_published_at,
            "sirvio": NosSirvio.para_indice(self),
            "facetas": facetas_de("caso", self),
        }

    @classmethod
    def preparar_consulta_busqueda(cls, paginas):
        """Al reconstruir el índice: el «nos sirvió» de todo el lote en la misma consulta."""
        return NosSirvio.anotar(paginas)
