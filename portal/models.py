"""Modelos compartidos: taxonomías del marco del estudio, territorio, inicio y
páginas del marco."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class Termino(index.Indexed, models.Model):
    """Base de las taxonomías: nombre visible, slug estable (lo usan URLs,
    filtros e índices de búsqueda) y orden editorial."""

    nombre = models.CharField("nombre", max_length=160, unique=True)
    slug = models.SlugField(
        "slug",
        max_length=80,
        unique=True,
        help_text="Identificador estable en URLs y filtros. No lo cambie si ya está en uso.",
    )
    descripcion = models.TextField("descripción", blank=True)
    orden = models.PositiveSmallIntegerField("orden", default=0)

    panels = [
        FieldPanel("nombre"),
        FieldPanel("slug"),
        FieldPanel("descripcion"),
        FieldPanel("orden"),
    ]
    search_fields = [index.SearchField("nombre"), index.AutocompleteField("nombre")]

    class Meta:
        abstract = True
        ordering = ["orden", "nombre"]

    def __str__(self):
        return self.nombre


class Foco(Termino):
    class Meta(Termino.Meta):
        verbose_name = "foco de acción"
        verbose_name_plural = "focos de acción"


class Principio(Termino):
    class Meta(Termino.Meta):
        verbose_name = "principio orientador"
        verbose_name_plural = "principios orientadores"


class Dimension(Termino):
    class Meta(Termino.Meta):
        verbose_name = "dimensión"
        verbose_name_plural = "dimensiones"


class Caracteristica(Termino):
    dimension = models.ForeignKey(
        Dimension,
        verbose_name="dimensión",
        on_delete=models.PROTECT,
        related_name="caracteristicas",
    )

    panels = Termino.panels + [FieldPanel("dimension")]

    class Meta:
        ordering = ["dimension__orden", "orden", "nombre"]
        verbose_name = "característica de red efectiva"
        verbose_name_plural = "características de redes efectivas"


class Riesgo(Termino):
    class Meta(Termino.Meta):
        verbose_name = "riesgo de red nociva"
        verbose_name_plural = "riesgos de redes nocivas"


class TipoRed(Termino):
    class Meta(Termino.Meta):
        verbose_name = "tipo de red"
        verbose_name_plural = "tipos de red"


class NivelEducativo(Termino):
    class Meta(Termino.Meta):
        verbose_name = "nivel educativo"
        verbose_name_plural = "niveles educativos"


class Region(index.Indexed, models.Model):
    nombre = models.CharField("nombre", max_length=80, unique=True)
    slug = models.SlugField("slug", max_length=80, unique=True)
    orden = models.PositiveSmallIntegerField("orden", default=0)

    search_fields = [index.SearchField("nombre")]

    class Meta:
        ordering = ["orden", "nombre"]
        verbose_name = "región"
        verbose_name_plural = "regiones"

    def __str__(self):
        return self.nombre


class Slep(index.Indexed, models.Model):
    """Servicio Local de Educación Pública. La DEP agrega los nuevos desde el admin."""

    nombre = models.CharField("nombre", max_length=120, unique=True)
    slug = models.SlugField("slug", max_length=80, unique=True)
    region = models.ForeignKey(
        Region, verbose_name="región", on_delete=models.PROTECT, related_name="sleps"
    )
    orden = models.PositiveSmallIntegerField("orden", default=0)

    search_fields = [index.SearchField("nombre")]

    class Meta:
        ordering = ["orden", "nombre"]
        verbose_name = "SLEP"
        verbose_name_plural = "SLEP"

    def __str__(self):
        return f"SLEP {self.nombre}"


class Comuna(index.Indexed, models.Model):
    nombre = models.CharField("nombre", max_length=120)
    slug = models.SlugField("slug", max_length=80, unique=True)
    region = models.ForeignKey(
        Region, verbose_name="región", on_delete=models.PROTECT, related_name="comunas"
    )
    slep = models.ForeignKey(
        Slep,
        verbose_name="SLEP",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comunas",
        help_text="Déjelo vacío si la comuna aún no pasa a un SLEP.",
    )
    orden = models.PositiveSmallIntegerField("orden", default=0)
    # Centro aproximado de la comuna, para el mapa del territorio (grados decimales, WGS84).
    latitud = models.DecimalField(
        "latitud",
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        help_text="Grados decimales; negativa al sur del ecuador (p. ej. -28.57548).",
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitud = models.DecimalField(
        "longitud",
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        help_text="Grados decimales; negativa al oeste de Greenwich (p. ej. -70.75873).",
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    search_fields = [index.SearchField("nombre")]

    class Meta:
        ordering = ["region__orden", "orden", "nombre"]
        verbose_name = "comuna"
        verbose_name_plural = "comunas"

    def __str__(self):
        return self.nombre


class HomePage(Page):
    """Inicio: explica en lenguaje llano qué es una red y qué ofrece el portal."""

    bajada = models.CharField("bajada", max_length=300, blank=True)
    que_es_una_red = RichTextField("¿Qué es una red educativa?", blank=True)
    que_pide_la_ley = RichTextField("¿Qué pide la Ley 21.040?", blank=True)
    que_ofrece = RichTextField("¿Qué ofrece Trama?", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("bajada"),
        FieldPanel("que_es_una_red"),
        FieldPanel("que_pide_la_ley"),
        FieldPanel("que_ofrece"),
    ]
    search_fields = Page.search_fields + [index.SearchField("bajada")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = "página de inicio"

    def get_context(self, request, *args, **kwargs):
        contexto = super().get_context(request, *args, **kwargs)
        contexto["marcos"] = MarcoPage.objects.live().child_of(
            MarcoIndexPage.objects.live().first() or self
        )
        contexto.update(self.entradas_busqueda())
        return contexto

    @staticmethod
    def entradas_busqueda():
        """Prácticas recientes y entradas por SLEP y por tipo de red, del mismo motor."""
        from busqueda.motores import ConsultaBusqueda, motor_busqueda

        motor = motor_busqueda()
        practicas = motor.buscar(
            ConsultaBusqueda(filtros={"tipo": ["practica"]}, orden="reciente", por_pagina=4)
        )
        # Solo los conteos por tipo de red: sin página de resultados (ordenar 100 mil
        # documentos por fecha para mostrar ninguno costaba ~200 ms, bench/RESULTADOS.md).
        todo = motor.buscar(ConsultaBusqueda(por_pagina=0))
        return {
            "practicas_recientes": practicas.resultados,
            "por_slep": sorted(practicas.facetas.get("slep", []), key=lambda o: o.etiqueta),
            "por_tipo_red": todo.facetas.get("tipo_red", []),
        }


class MarcoIndexPage(Page):
    """/marco/: presenta el marco del estudio y enlaza a cada una de sus partes."""

    introduccion = RichTextField("introducción", blank=True)
    content_panels = Page.content_panels + [FieldPanel("introduccion")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.MarcoPage"]
    max_count = 1

    class Meta:
        verbose_name = "índice del marco"


class MarcoPage(Page):
    """Página pública de una parte del marco (focos, principios, características
    o riesgos) que lista cada término con su definición."""

    FOCOS = "focos"
    PRINCIPIOS = "principios"
    CARACTERISTICAS = "caracteristicas"
    RIESGOS = "riesgos"
    MARCOS = [
        (FOCOS, "Focos de acción"),
        (PRINCIPIOS, "Principios orientadores"),
        (CARACTERISTICAS, "Características de redes efectivas"),
        (RIESGOS, "Riesgos de redes nocivas"),
    ]
    # Parámetro con que el listado de casos y prácticas filtra por cada término.
    PARAMETRO_FILTRO = {FOCOS: "foco", PRINCIPIOS: "principio", CARACTERISTICAS: "caracteristica"}

    marco = models.CharField("marco", max_length=20, choices=MARCOS, unique=True)
    introduccion = RichTextField("introducción", blank=True)

    content_panels = Page.content_panels + [FieldPanel("marco"), FieldPanel("introduccion")]
    parent_page_types = ["portal.MarcoIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "página del marco"

    @cached_property
    def terminos(self):
        if self.marco == self.FOCOS:
            return list(Foco.objects.all())
        if self.marco == self.PRINCIPIOS:
            return list(Principio.objects.all())
        if self.marco == self.RIESGOS:
            return list(Riesgo.objects.all())
        return list(Caracteristica.objects.select_related("dimension"))

    @property
    def parametro_filtro(self):
        return self.PARAMETRO_FILTRO.get(self.marco, "")

    def get_context(self, request, *args, **kwargs):
        contexto = super().get_context(request, *args, **kwargs)
        if self.marco == self.CARACTERISTICAS:
            dimensiones = Dimension.objects.prefetch_related("caracteristicas")
            contexto["dimensiones"] = dimensiones
        return contexto
