"""Territorios: la página de cada SLEP y el índice /territorios/.

Cada `TerritorioPage` es contenido de Wagtail que la DEP edita (introducción,
trabajo de campo del estudio en ese territorio); lo demás se arma solo con lo
que ya hay en el portal: comunas (con sus coordenadas), redes del SLEP por
tipo, prácticas recientes y experiencias recomendadas (consultas al mismo motor
de búsqueda que usan los listados), y los hallazgos del estudio (`Hallazgo`).

Cuando la DEP agrega un SLEP en el admin (Territorio → SLEP), `signals.py` le
crea su página: no hace falta tocar código.
"""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.models import Foco, Principio, Slep


class Hallazgo(models.Model):
    """Un hallazgo del estudio diagnóstico, atribuido a un foco de acción o a un
    principio orientador. Sin SLEP marcados vale para todos los territorios del
    estudio (el estudio presenta una síntesis de los cuatro, no un hallazgo por
    SLEP); la DEP puede acotarlo o agregar hallazgos propios de un territorio."""

    texto = models.TextField("hallazgo")
    foco = models.ForeignKey(
        Foco,
        verbose_name="foco de acción",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hallazgos",
    )
    principio = models.ForeignKey(
        Principio,
        verbose_name="principio orientador",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hallazgos",
    )
    sleps = models.ManyToManyField(
        Slep,
        verbose_name="SLEP",
        blank=True,
        related_name="hallazgos",
        help_text="Vacío: vale para todos los territorios del estudio.",
    )
    del_estudio = models.BooleanField(
        "hallazgo del estudio diagnóstico",
        default=True,
        help_text="Desmárquelo si el hallazgo es posterior al estudio (por ejemplo, de la DEP).",
    )
    orden = models.PositiveSmallIntegerField("orden", default=0)

    panels = [
        FieldPanel("texto"),
        FieldPanel("foco"),
        FieldPanel("principio"),
        FieldPanel("sleps"),
        FieldPanel("del_estudio"),
        FieldPanel("orden"),
    ]

    class Meta:
        ordering = ["orden", "pk"]
        verbose_name = "hallazgo del estudio"
        verbose_name_plural = "hallazgos del estudio"

    def __str__(self):
        return self.texto[:80]

    def clean(self):
        from django.core.exceptions import ValidationError

        if bool(self.foco_id) == bool(self.principio_id):
            raise ValidationError(
                "Indique un foco de acción o un principio orientador (uno de los dos)."
            )

    @property
    def marco(self):
        return self.foco or self.principio


class TerritoriosIndexPage(Page):
    """/territorios/: los SLEP juntos, con el total del trabajo de campo del estudio."""

    introduccion = RichTextField("introducción", blank=True)
    talleres_territorios = models.PositiveSmallIntegerField(
        "talleres de análisis en los territorios", null=True, blank=True
    )
    talleres_dep = models.PositiveSmallIntegerField(
        "talleres de análisis en la DEP", null=True, blank=True
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduccion"),
        MultiFieldPanel(
            [FieldPanel("talleres_territorios"), FieldPanel("talleres_dep")],
            heading="Talleres del estudio (no se detallan por SLEP)",
        ),
    ]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["territorios.TerritorioPage"]
    max_count = 1

    class Meta:
        verbose_name = "índice de territorios"

    @cached_property
    def territorios(self):
        return list(
            TerritorioPage.objects.live()
            .public()
            .child_of(self)
            .select_related("slep__region")
            .order_by("slep__orden", "title")
        )

    def get_context(self, request, *args, **kwargs):
        from .resumen import totales_estudio

        contexto = super().get_context(request, *args, **kwargs)
        territorios = self.territorios
        contexto["territorios"] = territorios
        contexto["totales"] = totales_estudio(territorios, self)
        return contexto


class TerritorioPage(Page):
    """/territorios/<slug>/: el diagnóstico de un SLEP."""

    slep = models.OneToOneField(
        Slep, verbose_name="SLEP", on_delete=models.PROTECT, related_name="pagina_territorio"
    )
    introduccion = RichTextField("introducción", blank=True)
    entrevistas_individuales = models.PositiveSmallIntegerField(
        "entrevistas individuales", null=True, blank=True
    )
    entrevistas_grupales = models.PositiveSmallIntegerField(
        "entrevistas grupales (2 a 3 personas)", null=True, blank=True
    )
    entrevistas_focus = models.PositiveSmallIntegerField(
        "entrevistas grupales tipo focus (4 a 8 personas)", null=True, blank=True
    )
    participantes = models.TextField(
        "quiénes participaron",
        blank=True,
        help_text="Equipos y roles entrevistados en el territorio.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("slep"),
        FieldPanel("introduccion"),
        MultiFieldPanel(
            [
                FieldPanel("entrevistas_individuales"),
                FieldPanel("entrevistas_grupales"),
                FieldPanel("entrevistas_focus"),
                FieldPanel("participantes"),
            ],
            heading="Trabajo de campo del estudio",
            help_text="Déjelo vacío si el SLEP no fue parte del estudio diagnóstico.",
        ),
    ]
    parent_page_types = ["territorios.TerritoriosIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "página de territorio (SLEP)"
        verbose_name_plural = "páginas de territorio (SLEP)"

    @property
    def entrevistas_total(self):
        partes = [self.entrevistas_individuales, self.entrevistas_grupales, self.entrevistas_focus]
        if all(p is None for p in partes):
            return None
        return sum(p or 0 for p in partes)

    @property
    def en_el_estudio(self):
        return self.entrevistas_total is not None

    def get_context(self, request, *args, **kwargs):
        from .resumen import resumen_territorio

        contexto = super().get_context(request, *args, **kwargs)
        contexto.update(resumen_territorio(self))
        return contexto

    def serve(self, request, *args, **kwargs):
        respuesta = super().serve(request, *args, **kwargs)
        origen = origen_teselas()
        if origen:
            # django-csp: abre img-src solo en esta página y solo al servidor de teselas.
            respuesta._csp_update = {"img-src": [origen]}
        return respuesta


def origen_teselas():
    """`https://host` del servidor de teselas configurado, o "" si no hay."""
    from urllib.parse import urlsplit

    url = getattr(settings, "TRAMA_MAPA_TESELAS", "") or ""
    partes = urlsplit(url.replace("{s}.", ""))
    if not partes.scheme or not partes.netloc:
        return ""
    # Con subdominios {s} (a., b., c.) se permite el dominio completo.
    host = partes.netloc
    if "{s}." in url:
        host = "*." + host
    return f"{partes.scheme}://{host}"
