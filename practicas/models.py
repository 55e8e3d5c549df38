"""Prácticas publicadas por las redes.

La `Red` vive en `redes/` (la mantiene la DEP y su coordinación). Cada
`PracticaPage` vive bajo `/practicas/` y la escribe un coordinador desde el
formulario público; se publica solo cuando un editor DEP la aprueba en el
flujo de moderación de Wagtail "Revisión DEP" (ver `flujo.py`)."""

from collections import namedtuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask, Orderable, Page, TaskState, WorkflowState
from wagtail.search import index

from busqueda.indice import clave_pagina
from busqueda.listados import ListadoMixin
from busqueda.registro import PRACTICAS, facetas_de
from busqueda.relacionados import relacionados
from comunidad.models import NosSirvio
from comunidad.serializadores import CAMPOS_API_PRACTICA
from portal.marco import DEPENDENCIAS_MARCO, marco_mixin
from portal.models import Caracteristica, Foco, NivelEducativo, Principio

# `Red` se mudó a la app redes/ (migración practicas.0002); se reexporta aquí
# para que `from practicas.models import Red` siga funcionando.
from redes.models import Red  # noqa: F401

Termino = namedtuple("Termino", ["slug", "nombre"])


class PracticasIndexPage(ListadoMixin, Page):
    """/practicas/: el motor de búsqueda con `tipo=practica` (registro.LISTADOS["practicas"])."""

    listado_busqueda = PRACTICAS

    introduccion = RichTextField("introducción", blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduccion")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["practicas.PracticaPage"]
    max_count = 1

    class Meta:
        verbose_name = "índice de prácticas"

    def get_context(self, request, *args, **kwargs):
        contexto = super().get_context(request, *args, **kwargs)
        contexto.update(self.contexto_listado(request))
        contexto["explicacion_evidencia"] = [
            (valor, nombre, PracticaPage.EXPLICACION_EVIDENCIA[valor])
            for valor, nombre in PracticaPage.NIVELES_EVIDENCIA
        ]
        return contexto


class PracticaEtiqueta(TaggedItemBase):
    content_object = ParentalKey(
        "practicas.PracticaPage", on_delete=models.CASCADE, related_name="etiquetas_items"
    )


class PracticaPage(RoutablePageMixin, marco_mixin("practicas"), Page):
    """Una práctica contada por la red que la hizo."""

    DESCRITA = "descrita"
    RESULTADOS = "resultados"
    EVALUADA = "evaluada"
    NIVELES_EVIDENCIA = [
        (DESCRITA, "Experiencia descrita"),
        (RESULTADOS, "Con resultados observados"),
        (EVALUADA, "Evaluada"),
    ]
    # Se muestran al usuario en el formulario, en la ficha y en el listado.
    EXPLICACION_EVIDENCIA = {
        DESCRITA: (
            "La red cuenta qué hizo y cómo lo hizo. Todavía no reporta resultados observados."
        ),
        RESULTADOS: (
            "Además de describirla, la red reporta cambios que observó (en prácticas, "
            "aprendizajes o gestión), con algún registro que los respalda."
        ),
        EVALUADA: (
            "La práctica fue evaluada de manera sistemática (con instrumentos, línea base o "
            "una evaluación externa) y se comparten sus resultados."
        ),
    }

    red = models.ForeignKey(
        Red, verbose_name="red", on_delete=models.PROTECT, related_name="practicas"
    )
    resumen = models.TextField("resumen", max_length=600, blank=True)
    desafio = RichTextField(
        "desafío que aborda", features=["bold", "italic", "ol", "ul", "link"], blank=True
    )
    pasos = StreamField(
        [("paso", blocks.TextBlock(label="paso"))],
        verbose_name="qué hicieron (pasos)",
        blank=True,
    )
    participantes = models.TextField("quiénes participaron (roles)", blank=True)
    niveles = ParentalManyToManyField(
        NivelEducativo, verbose_name="niveles educativos", blank=True, related_name="practicas"
    )
    duracion = models.CharField("duración o periodicidad", max_length=200, blank=True)
    resultados = RichTextField(
        "resultados y evidencias", features=["bold", "italic", "ol", "ul", "link"], blank=True
    )
    nivel_evidencia = models.CharField(
        "nivel de evidencia", max_length=20, choices=NIVELES_EVIDENCIA, default=DESCRITA
    )
    vinculo_pme_pel = models.TextField("vínculo con el PME o el PEL", blank=True)
    etiquetas = ClusterTaggableManager("etiquetas libres", through=PracticaEtiqueta, blank=True)
    es_ejemplo = models.BooleanField(
        "es ejemplo",
        default=False,
        help_text="Contenido de demostración: se muestra con la marca «Ejemplo».",
    )
    # Una red escribe su versión de la práctica de otra («La adaptamos en nuestra
    # red», practicas/views.py::adaptar). Se fija al crear la adaptación y no cambia;
    # si la original se borra, la adaptación queda sola (SET_NULL), nunca se borra.
    adaptada_de = models.ForeignKey(
        "self",
        verbose_name="adaptación de",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adaptaciones",
        help_text="La práctica (de otra red) que esta adapta. La ficha de la original muestra "
        "las adaptaciones publicadas.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("red"),
        FieldPanel("resumen"),
        FieldPanel("desafio"),
        FieldPanel("pasos"),
        FieldPanel("participantes"),
        FieldPanel("niveles"),
        FieldPanel("duracion"),
        FieldPanel("resultados"),
        FieldPanel("nivel_evidencia"),
        FieldPanel("vinculo_pme_pel"),
        InlinePanel("recursos", label="recursos descargables"),
        InlinePanel("imagenes", label="imágenes"),
        MultiFieldPanel(
            [
                FieldPanel("focos"),
                FieldPanel("principios"),
                FieldPanel("caracteristicas"),
                FieldPanel("etiquetas"),
            ],
            heading="Clasificación",
        ),
        FieldPanel("es_ejemplo"),
        PageChooserPanel("adaptada_de", "practicas.PracticaPage"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("resumen"),
        index.SearchField("desafio"),
        index.SearchField("resultados"),
        index.SearchField("participantes"),
        index.FilterField("nivel_evidencia"),
        index.FilterField("es_ejemplo"),
        index.RelatedFields("red", [index.SearchField("nombre")]),
    ]
    parent_page_types = ["practicas.PracticasIndexPage"]
    subpage_types = []
    # API de páginas (v2), solo lectura: /api/v2/paginas/?type=practicas.PracticaPage&fields=*
    api_fields = CAMPOS_API_PRACTICA

    class Meta:
        verbose_name = "práctica"
        verbose_name_plural = "prácticas"

    # Estado en el listado de páginas del admin: con nombre propio para la
    # revisión («cambios solicitados», «rechazada») en vez de «borrador».
    ESTADOS_ADMIN = {
        "en_revision": "en revisión",
        "cambios": "cambios solicitados",
        "rechazada": "rechazada",
    }

    @property
    def status_string(self):
        base = super().status_string
        if self.pk is None or (self.live and not self.has_unpublished_changes):
            return base
        estado = (
            WorkflowState.objects.for_instance(self)
            .select_related("current_task_state")
            .order_by("-created_at", "-pk")
            .first()
        )
        codigo, _ = estado_practica(self, estado)
        nombre = self.ESTADOS_ADMIN.get(codigo)
        if nombre is None:
            return base
        return f"publicada + {nombre}" if self.live else nombre

    @property
    def explicacion_evidencia(self):
        return self.EXPLICACION_EVIDENCIA.get(self.nivel_evidencia, "")

    # Tope de la cadena de orígenes: ninguna cadena real llega a tanto, y así un ciclo
    # armado a mano en la base (el admin lo impide, ver `clean`) no cuelga la ficha.
    MAXIMO_CADENA = 20

    def cadena_de_origen(self):
        """[(práctica, publicada?)] desde la original de esta hasta la primera de la
        cadena: «adapta a X, que adapta a Y…». Se corta en la primera que no está
        publicada (no se muestra lo que no es público), en un ciclo o en el tope."""
        cadena, vistas = [], {self.pk}
        actual_id = self.adaptada_de_id
        while actual_id and actual_id not in vistas and len(cadena) < self.MAXIMO_CADENA:
            vistas.add(actual_id)
            origen = PracticaPage.objects.filter(pk=actual_id).select_related("red").first()
            if origen is None:
                break
            publica = origen.live and not origen.get_view_restrictions().exists()
            cadena.append((origen, publica))
            if not publica:
                break
            actual_id = origen.adaptada_de_id
        return cadena

    def adaptaciones_publicadas(self):
        """Adaptaciones publicadas y públicas de esta práctica (nunca borradores)."""
        if not self.pk:
            return PracticaPage.objects.none()
        return (
            PracticaPage.objects.live()
            .public()
            .filter(adaptada_de=self)
            .select_related("red")
            .order_by("first_published_at", "pk")
        )

    def clean(self):
        super().clean()
        if self.adaptada_de_id is None:
            return
        if self.pk and self.adaptada_de_id == self.pk:
            raise ValidationError(
                {"adaptada_de": "Una práctica no puede ser adaptación de sí misma."}
            )
        # Recorre los orígenes del elegido: si pasa por esta, sería un ciclo.
        vistas, actual = set(), self.adaptada_de_id
        while actual and actual not in vistas:
            if self.pk and actual == self.pk:
                raise ValidationError(
                    {
                        "adaptada_de": "Esa práctica ya es (directa o indirectamente) una "
                        "adaptación de esta: elegirla cerraría un círculo."
                    }
                )
            vistas.add(actual)
            actual = (
                PracticaPage.objects.filter(pk=actual)
                .values_list("adaptada_de_id", flat=True)
                .first()
            )

    @cached_property
    def dimensiones(self):
        vistas = {}
        for caracteristica in self.caracteristicas.all():
            vistas.setdefault(caracteristica.dimension_id, caracteristica.dimension)
        return sorted(vistas.values(), key=lambda d: (d.orden, d.nombre))

    @cached_property
    def terminos(self):
        """Focos, principios, características, niveles y etiquetas de la práctica
        en UNA consulta (unión): la ficha se mantiene en pocas consultas."""
        from taggit.models import Tag

        if getattr(self, "_vista_previa", False):
            # Vista previa de una revisión: las relaciones viven en memoria
            # (modelcluster), no en la base de datos.
            return {
                "focos": [Termino(t.slug, t.nombre) for t in self.focos.all()],
                "principios": [Termino(t.slug, t.nombre) for t in self.principios.all()],
                "caracteristicas": [Termino(t.slug, t.nombre) for t in self.caracteristicas.all()],
                "niveles": [Termino(t.slug, t.nombre) for t in self.niveles.all()],
                "etiquetas": [Termino(t.slug, t.name) for t in self.etiquetas.all()],
            }
        texto = models.CharField()
        numero = models.IntegerField()

        def columnas(consulta, tipo, orden_grupo="orden", nombre="nombre"):
            return (
                consulta.order_by()
                .annotate(
                    _tipo=models.Value(tipo, output_field=texto),
                    _grupo=models.F(orden_grupo)
                    if orden_grupo != "orden"
                    else models.Value(0, output_field=numero),
                    _orden=models.Value(0, output_field=numero)
                    if nombre != "nombre"
                    else models.F("orden"),
                    _nombre=models.F(nombre),
                )
                .values_list("_tipo", "_grupo", "_orden", "_nombre", "slug")
            )

        partes = [
            columnas(Foco.objects.filter(practicas=self), "focos"),
            columnas(Principio.objects.filter(practicas=self), "principios"),
            columnas(
                Caracteristica.objects.filter(practicas=self),
                "caracteristicas",
                orden_grupo="dimension__orden",
            ),
            columnas(NivelEducativo.objects.filter(practicas=self), "niveles"),
            columnas(
                Tag.objects.filter(practicas_practicaetiqueta_items__content_object=self),
                "etiquetas",
                nombre="name",
            ),
        ]
        resultado = {
            tipo: [] for tipo in ("focos", "principios", "caracteristicas", "niveles", "etiquetas")
        }
        filas = partes[0].union(*partes[1:], all=True)
        for tipo, _grupo, _orden, nombre, slug in sorted(filas, key=lambda f: f[:4]):
            resultado[tipo].append(Termino(slug, nombre))
        return resultado

    # Caché frontal (portal/cache.py): rutas propias y páginas que muestran la práctica.
    rutas_en_cache = ("imprimir/",)

    def urls_que_la_muestran(self):
        red = Red.objects.select_related("slep__pagina_territorio").get(pk=self.red_id)
        urls = [red.get_absolute_url()]
        territorio = getattr(red.slep, "pagina_territorio", None) if red.slep_id else None
        if territorio is not None and territorio.live:
            urls.append(territorio.url)
        return [u for u in urls if u]

    def get_context(self, request, *args, **kwargs):
        contexto = super().get_context(request, *args, **kwargs)
        self.red = (
            Red.objects.select_related("tipo", "slep")
            .prefetch_related("comunas")
            .get(pk=self.red_id)
        )
        # La ficha cuelga del índice: su URL es la propia sin el último tramo.
        contexto["indice_url"] = self.url[: -len(self.slug) - 1] if self.url else "/practicas/"
        self._vista_previa = getattr(request, "is_preview", False)
        parecidos = relacionados(clave_pagina(self.pk), ("practica", "caso"))
        contexto["relacionadas"] = parecidos["practica"]
        contexto["casos_relacionados"] = parecidos["caso"]
        contexto["cadena_origen"] = self.cadena_de_origen()
        adaptaciones = list(self.adaptaciones_publicadas()) if not self._vista_previa else []
        contexto["adaptaciones"] = adaptaciones
        contexto["redes_que_adaptan"] = len({a.red_id for a in adaptaciones})
        # «La adaptamos en nuestra red»: solo para quien coordina otra red (una red no
        # adapta su propia práctica: la edita). Con sesión la ficha no sale de la caché
        # de páginas (portal/cache.py), así que el botón nunca queda guardado para otros.
        usuario = getattr(request, "user", None)
        contexto["puede_adaptar"] = bool(
            self.live
            and not self._vista_previa
            and usuario is not None
            and usuario.is_authenticated
            and Red.objects.filter(coordinadores=usuario).exclude(pk=self.red_id).exists()
        )
        if self._vista_previa:
            contexto["recursos"] = list(self.recursos.all())
            contexto["imagenes"] = list(self.imagenes.all())
        else:
            contexto["recursos"] = list(self.recursos.select_related("documento"))
            contexto["imagenes"] = list(self.imagenes.select_related("imagen"))
        return contexto

    @path("")
    def ficha(self, request):
        return self.render(request)

    @path("imprimir/")
    def imprimir(self, request):
        contexto = self.get_context(request)
        # La dirección pública real, con el dominio por el que llegó quien imprime
        # (`full_url` usa el nombre del sitio en Wagtail, que suele quedar "localhost").
        contexto["url_publica"] = request.build_absolute_uri(self.url)
        return render(request, "practicas/practica_imprimir.html", contexto)

    def texto_cuerpo(self):
        partes = [
            strip_tags(self.desafio),
            "\n".join(str(b.value) for b in self.pasos),
            self.participantes,
            self.duracion,
            strip_tags(self.resultados),
            self.vinculo_pme_pel,
        ]
        return "\n".join(p for p in partes if p)

    @classmethod
    def preparar_consulta_busqueda(cls, paginas):
        """Lo que `datos_busqueda()` lee, en pocas consultas por lote (al reconstruir)."""
        return (
            NosSirvio.anotar(paginas)
            .select_related("red__slep", "red__tipo")
            .prefetch_related(
                "focos",
                "principios",
                models.Prefetch(
                    "caracteristicas", queryset=Caracteristica.objects.select_related("dimension")
                ),
                "niveles",
                "etiquetas",
                "red__comunas",
            )
        )

    # Editar uno de estos modelos reindexa las prácticas que lo usan (en una tarea).
    dependencias_busqueda = {
        **DEPENDENCIAS_MARCO,
        "portal.NivelEducativo": "niveles",
        "redes.Red": "red",
        "portal.Slep": "red__slep",
        "portal.TipoRed": "red__tipo",
        "portal.Comuna": "red__comunas",
        "taggit.Tag": "etiquetas",
    }

    def datos_busqueda(self):
        """Contrato con `busqueda` (busqueda/indice.py): texto plano y facetas del registro."""
        red = self.red
        focos = list(self.focos.all())
        principios = list(self.principios.all())
        caracteristicas = list(self.caracteristicas.all())
        niveles = list(self.niveles.all())
        etiquetas = list(self.etiquetas.all())
        comunas = list(red.comunas.all())
        dimensiones = {c.dimension.slug: c.dimension for c in caracteristicas}
        nombres = (
            [t.nombre for t in focos + principios + caracteristicas + niveles]
            + [d.nombre for d in dimensiones.values()]
            + [red.nombre, str(red.slep), red.slep.nombre, red.tipo.nombre, "Chile"]
            + red.palabras_de_rasgos()
            + [c.nombre for c in comunas]
            + [e.name for e in etiquetas]
        )
        return {
            "tipo": "practica",
            "titulo": self.title,
            "resumen": self.resumen,
            "cuerpo": self.texto_cuerpo(),
            "etiquetas": " · ".join(nombres),
            "fecha": self.last_published_at or self.first_published_at,
            "sirvio": NosSirvio.para_indice(self),
            "facetas": facetas_de("practica", self),
        }


class PracticaRecurso(Orderable):
    page = ParentalKey(PracticaPage, on_delete=models.CASCADE, related_name="recursos")
    documento = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="documento", on_delete=models.CASCADE, related_name="+"
    )
    titulo = models.CharField("título visible", max_length=200, blank=True)

    panels = [FieldPanel("documento"), FieldPanel("titulo")]

    class Meta(Orderable.Meta):
        verbose_name = "recurso descargable"
        verbose_name_plural = "recursos descargables"

    @property
    def titulo_visible(self):
        return self.titulo or self.documento.title


class PracticaImagen(Orderable):
    page = ParentalKey(PracticaPage, on_delete=models.CASCADE, related_name="imagenes")
    imagen = models.ForeignKey(
        "wagtailimages.Image", verbose_name="imagen", on_delete=models.CASCADE, related_name="+"
    )
    pie = models.CharField(
        "pie de imagen", max_length=250, blank=True, help_text="Describe la imagen (accesibilidad)."
    )

    panels = [FieldPanel("imagen"), FieldPanel("pie")]

    class Meta(Orderable.Meta):
        verbose_name = "imagen"
        verbose_name_plural = "imágenes"


class ComentarioObligatorioForm(TaskStateCommentForm):
    """Rechazar exige explicar por qué: la red recibe el motivo."""

    etiqueta = "Motivo del rechazo (lo recibe la red)"
    mensaje = "Escriba el motivo del rechazo: la red lo recibe por correo."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        campo = self.fields["comment"]
        campo.required = True
        campo.label = self.etiqueta
        campo.error_messages["required"] = self.mensaje
        campo.widget.attrs["rows"] = 4


class CambiosObligatorioForm(ComentarioObligatorioForm):
    """Pedir cambios sin decir cuáles deja a la red adivinando."""

    etiqueta = "Qué cambios pide (lo recibe la red y encabeza su formulario de corrección)"
    mensaje = "Escriba qué cambios pide: la red los verá al corregir."


class RevisionDepTask(AbstractGroupApprovalTask):
    """Tarea de aprobación por grupo con una acción más: «Rechazar».

    Wagtail trae «Aprobar» y «Solicitar cambios» (esta última deja el flujo en
    «necesita cambios» y el autor puede corregir y reenviar). El issue pide
    además rechazar: se implementa como «solicitar cambios» + cancelar el flujo,
    así el historial de Wagtail queda completo (tarea rechazada, flujo
    cancelado) y no hace falta un campo de estado propio; `estado_practica`
    lo reconoce y el formulario público ya no permite reenviarla."""

    ACCION_RECHAZAR = "rechazar"

    class Meta:
        verbose_name = "Revisión DEP (aprobar, pedir cambios o rechazar)"
        verbose_name_plural = "Revisiones DEP"

    def get_actions(self, obj, user):
        acciones = super().get_actions(obj, user)
        if acciones:
            acciones = acciones + [(self.ACCION_RECHAZAR, "Rechazar (definitivo)", True)]
        return acciones

    def get_form_for_action(self, action):
        if action == self.ACCION_RECHAZAR:
            return ComentarioObligatorioForm
        if action == "reject":
            return CambiosObligatorioForm
        return super().get_form_for_action(action)

    MENSAJES = {
        "approve": "Aprobó y publicó «{titulo}». Avisamos a la red por correo.",
        "reject": "Pidió cambios en «{titulo}». La red recibe su comentario por correo y lo "
        "verá al corregir; la práctica vuelve a usted cuando la reenvíe.",
        ACCION_RECHAZAR: "Rechazó «{titulo}» (definitivo). La red recibe el motivo por correo.",
    }

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        from .middleware import avisar

        resultado = self._decidir(task_state, user, action_name, **kwargs)
        if action_name in self.MENSAJES:
            objeto = task_state.workflow_state.content_object
            titulo = getattr(objeto, "draft_title", None) or str(objeto)
            avisar(self.MENSAJES[action_name].format(titulo=titulo))
        return resultado

    def _decidir(self, task_state, user, action_name, **kwargs):
        if action_name != self.ACCION_RECHAZAR:
            return super().on_action(task_state, user, action_name, **kwargs)
        if not self.get_actions(task_state.workflow_state.content_object, user):
            raise PermissionDenied
        # Sin `update`, el flujo no pasa por «necesita cambios» (ni envía ese
        # correo): se cancela directamente y la tarea queda rechazada con su motivo.
        task_state.reject(user=user, update=False, comment=kwargs.get("comment", ""))
        # En el historial, un rechazo definitivo no es un «pedido de cambios»
        # (la acción de Wagtail que registra `reject`): se le da su propia acción.
        from wagtail.models import PageLogEntry

        entrada = (
            PageLogEntry.objects.filter(
                page_id=task_state.workflow_state.object_id, action="wagtail.workflow.reject"
            )
            .order_by("-timestamp", "-pk")
            .first()
        )
        if entrada is not None:
            entrada.action = ACCION_LOG_RECHAZO
            entrada.save(update_fields=["action"])
        estado = WorkflowState.objects.get(pk=task_state.workflow_state_id)
        estado.cancel(user=user)
        from .correos import notificar_rechazo

        notificar_rechazo(estado, user)
        return None


ACCION_LOG_RECHAZO = "trama.practica.rechazada"

# Estados visibles para el coordinador en «Mis prácticas».
BORRADOR = "borrador"
EN_REVISION = "en_revision"
CAMBIOS = "cambios"
RECHAZADA = "rechazada"
PUBLICADA = "publicada"
ETIQUETAS_ESTADO = {
    BORRADOR: "Borrador",
    EN_REVISION: "En revisión",
    CAMBIOS: "Cambios solicitados",
    RECHAZADA: "Rechazada",
    PUBLICADA: "Publicada",
}


def estado_practica(pagina, estado_flujo=None):
    """(código, comentario) del estado de una práctica para su red.

    `estado_flujo` es el último WorkflowState de la página (o None)."""
    if estado_flujo is not None:
        tarea = estado_flujo.current_task_state
        if estado_flujo.status == WorkflowState.STATUS_IN_PROGRESS:
            return EN_REVISION, ""
        if estado_flujo.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return CAMBIOS, tarea.comment if tarea else ""
        if (
            estado_flujo.status == WorkflowState.STATUS_CANCELLED
            and tarea is not None
            and tarea.status == TaskState.STATUS_REJECTED
        ):
            return RECHAZADA, tarea.comment
    if pagina.live and not pagina.has_unpublished_changes:
        return PUBLICADA, ""
    return BORRADOR, ""
