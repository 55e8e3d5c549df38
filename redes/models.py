"""Redes educativas y su autoevaluación sobre el marco del estudio.

`Red` vivía en `practicas` (snippet); se movió aquí con una migración que
conserva tablas y datos (ver migrations/0001 y practicas/0002). Las
respuestas de la autoevaluación nunca se muestran una a una: todo lo que
sale hacia una vista o una exportación pasa por `redes/privacidad.py`.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable
from wagtail.search import index


class Red(index.Indexed, models.Model):
    """Red educativa. La DEP la registra y asigna sus coordinadores; la
    coordinación mantiene sus datos desde el sitio (/redes/<slug>/editar/)."""

    nombre = models.CharField("nombre", max_length=200)
    slug = models.SlugField("slug", max_length=120, unique=True)
    tipo = models.ForeignKey(
        "portal.TipoRed",
        verbose_name="tipo de red",
        on_delete=models.PROTECT,
        related_name="redes",
    )
    slep = models.ForeignKey(
        "portal.Slep", verbose_name="SLEP", on_delete=models.PROTECT, related_name="redes"
    )
    comunas = models.ManyToManyField(
        "portal.Comuna", verbose_name="comunas", blank=True, related_name="redes"
    )
    numero_establecimientos = models.PositiveSmallIntegerField(
        "número de establecimientos", null=True, blank=True
    )
    niveles = models.ManyToManyField(
        "portal.NivelEducativo",
        verbose_name="niveles de los establecimientos",
        blank=True,
        related_name="redes",
    )
    proposito = models.TextField("propósito", blank=True)
    rural = models.BooleanField(
        "rural o multigrado",
        default=False,
        help_text="La red reúne escuelas rurales o cursos multigrado.",
    )
    eib = models.BooleanField(
        "enfoque intercultural (EIB)",
        default=False,
        help_text="La red trabaja con enfoque intercultural (Educación Intercultural Bilingüe).",
    )
    desde = models.PositiveSmallIntegerField(
        "trabaja en red desde (año)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    publicar_resumen = models.BooleanField(
        "publicar el resumen de su último informe",
        default=False,
        help_text="Si se marca, la página pública muestra los puntajes agregados de la última "
        "ronda cerrada (solo si alcanzó el mínimo de personas).",
    )
    es_ejemplo = models.BooleanField("es ejemplo", default=False)
    coordinadores = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="coordinadores",
        blank=True,
        related_name="redes_coordinadas",
        help_text="Usuarios del grupo «Coordinadores de red» que publican las prácticas de esta red.",
    )

    panels = [
        FieldPanel("nombre"),
        FieldPanel("slug"),
        FieldPanel("tipo"),
        FieldPanel("slep"),
        FieldPanel("comunas"),
        FieldPanel("numero_establecimientos"),
        FieldPanel("niveles"),
        FieldPanel("proposito"),
        FieldPanel("rural"),
        FieldPanel("eib"),
        FieldPanel("desde"),
        FieldPanel("publicar_resumen"),
        FieldPanel("es_ejemplo"),
        FieldPanel("coordinadores"),
    ]
    search_fields = [index.SearchField("nombre"), index.AutocompleteField("nombre")]

    class Meta:
        ordering = ["slep__orden", "nombre"]
        verbose_name = "red"
        verbose_name_plural = "redes"

    def __str__(self):
        return self.nombre

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("redes:red", args=[self.slug])

    def es_coordinada_por(self, user):
        return user.is_authenticated and self.coordinadores.filter(pk=user.pk).exists()

    # Editar uno de estos modelos reindexa las redes que lo usan (busqueda/indice.py).
    dependencias_busqueda = {
        "portal.Slep": "slep",
        "portal.TipoRed": "tipo",
        "portal.Comuna": "comunas",
        "portal.NivelEducativo": "niveles",
    }

    @classmethod
    def preparar_consulta_busqueda(cls, redes):
        return redes.select_related("slep", "tipo").prefetch_related("comunas", "niveles")

    def palabras_de_rasgos(self):
        """Lo que la red declara de sí (rural, EIB) como palabras buscables: lo indexan
        la red y cada una de sus prácticas (quien busca «EIB» busca también lo que
        hacen las redes con enfoque intercultural)."""
        return (["rural", "multigrado"] if self.rural else []) + (
            ["intercultural", "EIB"] if self.eib else []
        )

    def datos_busqueda(self):
        """Contrato con `busqueda` (tipo `red` del registro): texto plano y facetas."""
        from busqueda.registro import facetas_de

        comunas = list(self.comunas.all())
        niveles = list(self.niveles.all())
        nombres = (
            [self.tipo.nombre, str(self.slep), self.slep.nombre, "Chile"]
            + [c.nombre for c in comunas]
            + [n.nombre for n in niveles]
            + self.palabras_de_rasgos()
        )
        return {
            "tipo": "red",
            "titulo": self.nombre,
            "resumen": self.proposito[:600],
            "cuerpo": self.proposito,
            "etiquetas": " · ".join(nombres),
            "fecha": None,
            "facetas": facetas_de("red", self),
        }


# --- Autoevaluación -------------------------------------------------------------------------

COORDINACION = "coordinacion"
ROLES = [
    (COORDINACION, "Coordinación de la red"),
    ("directivo", "Directivo o directiva (dirección, UTP)"),
    ("docente", "Docente o educadora"),
    ("asistente", "Asistente de la educación"),
    ("territorial", "Actor territorial (SLEP, comunidad, otra institución)"),
]
NOMBRE_ROL = dict(ROLES)


@register_setting(icon="lock")
class ConfiguracionAutoevaluacion(BaseGenericSetting):
    """Umbrales de privacidad. La DEP los puede subir; nunca bajar de 3."""

    minimo_personas = models.PositiveSmallIntegerField(
        "mínimo de personas para mostrar puntajes",
        default=5,
        validators=[MinValueValidator(3), MaxValueValidator(100)],
        help_text="Vale para cada corte (red, rol, territorio). Por defecto 5; nunca menos de 3.",
    )
    minimo_comentarios = models.PositiveSmallIntegerField(
        "mínimo de personas para mostrar comentarios abiertos",
        default=8,
        validators=[MinValueValidator(3), MaxValueValidator(100)],
        help_text="Los comentarios se muestran sin atribución. Por defecto 8.",
    )
    minimo_redes_territorio = models.PositiveSmallIntegerField(
        "mínimo de redes para un agregado territorial",
        default=3,
        validators=[MinValueValidator(3), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = "privacidad de la autoevaluación"

    def clean(self):
        if self.minimo_comentarios is not None and self.minimo_personas is not None:
            if self.minimo_comentarios < self.minimo_personas:
                raise ValidationError(
                    {
                        "minimo_comentarios": "Debe ser al menos el mínimo de personas "
                        f"({self.minimo_personas})."
                    }
                )


class Instrumento(ClusterableModel):
    """Una versión del instrumento. Una ronda queda ligada a su versión; si ya
    hay rondas, la versión no se edita: se copia como versión nueva."""

    nombre = models.CharField("nombre", max_length=200)
    version = models.PositiveSmallIntegerField("versión", default=1)
    vigente = models.BooleanField(
        "vigente",
        default=False,
        help_text="La versión que usan las rondas nuevas (solo una a la vez).",
    )
    introduccion = models.TextField("introducción para quien responde", blank=True)
    nivel_1 = models.CharField("nivel 1", max_length=200)
    nivel_2 = models.CharField("nivel 2", max_length=200)
    nivel_3 = models.CharField("nivel 3", max_length=200)
    nivel_4 = models.CharField("nivel 4", max_length=200)
    nivel_5 = models.CharField("nivel 5", max_length=200)
    creado = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("nombre"),
        FieldPanel("version"),
        FieldPanel("vigente"),
        FieldPanel("introduccion"),
        MultiFieldPanel([FieldPanel(f"nivel_{i}") for i in range(1, 6)], heading="Escala (1 a 5)"),
        InlinePanel("items", label="afirmaciones"),
    ]

    class Meta:
        ordering = ["-version"]
        verbose_name = "instrumento de autoevaluación"
        verbose_name_plural = "instrumentos de autoevaluación"
        constraints = [
            models.UniqueConstraint(fields=["nombre", "version"], name="instrumento_version_unica")
        ]

    def __str__(self):
        return f"{self.nombre} (versión {self.version})"

    @property
    def niveles(self):
        return [(i, getattr(self, f"nivel_{i}")) for i in range(1, 6)]

    def en_uso(self):
        return self.pk is not None and self.rondas.exists()

    def clean(self):
        if self.en_uso():
            anterior = Instrumento.objects.get(pk=self.pk)
            cambiados = [
                f
                for f in ("nombre", "version", "introduccion", *[f"nivel_{i}" for i in range(1, 6)])
                if getattr(anterior, f) != getattr(self, f)
            ]
            if cambiados:
                raise ValidationError(
                    "Esta versión ya se usó en rondas y no se puede cambiar: cópiela como "
                    "versión nueva (botón «Copiar») y edite la copia."
                )

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.vigente:
            Instrumento.objects.exclude(pk=self.pk).filter(vigente=True).update(vigente=False)

    @classmethod
    def actual(cls):
        return cls.objects.filter(vigente=True).first() or cls.objects.first()


class Item(Orderable):
    """Una afirmación: de una característica o de un riesgo (señal de alerta)."""

    instrumento = ParentalKey(Instrumento, on_delete=models.CASCADE, related_name="items")
    caracteristica = models.ForeignKey(
        "portal.Caracteristica",
        verbose_name="característica",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    riesgo = models.ForeignKey(
        "portal.Riesgo",
        verbose_name="riesgo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    texto = models.TextField("afirmación (redacción general)")
    texto_coordinacion = models.TextField("redacción para la coordinación", blank=True)
    texto_directivo = models.TextField("redacción para directivos", blank=True)
    texto_docente = models.TextField("redacción para docentes", blank=True)
    texto_asistente = models.TextField("redacción para asistentes de la educación", blank=True)
    texto_territorial = models.TextField("redacción para actores territoriales", blank=True)

    panels = [
        FieldPanel("caracteristica"),
        FieldPanel("riesgo"),
        FieldPanel("texto"),
        MultiFieldPanel(
            [
                FieldPanel("texto_coordinacion"),
                FieldPanel("texto_directivo"),
                FieldPanel("texto_docente"),
                FieldPanel("texto_asistente"),
                FieldPanel("texto_territorial"),
            ],
            heading="Redacción por rol (vacío = la general)",
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "afirmación"
        verbose_name_plural = "afirmaciones"

    def __str__(self):
        return self.texto[:80]

    def clean(self):
        if bool(self.caracteristica_id) == bool(self.riesgo_id):
            raise ValidationError("Cada afirmación es de una característica o de un riesgo (uno).")

    def texto_para(self, rol):
        return getattr(self, f"texto_{rol}", "") or self.texto


class Ronda(models.Model):
    ABIERTA = "abierta"
    CERRADA = "cerrada"
    ESTADOS = [(ABIERTA, "Abierta"), (CERRADA, "Cerrada")]
    INDIVIDUAL = "individual"
    SESION = "sesion"
    MODOS = [
        (INDIVIDUAL, "Cuestionario individual: cada persona responde cuando puede"),
        (
            SESION,
            "Sesión grupal: todos en la misma sala, cada persona en su teléfono; la "
            "coordinación muestra la distribución de la sala y registra el nivel acordado",
        ),
    ]

    red = models.ForeignKey(Red, on_delete=models.CASCADE, related_name="rondas")
    instrumento = models.ForeignKey(
        Instrumento, verbose_name="instrumento", on_delete=models.PROTECT, related_name="rondas"
    )
    nombre = models.CharField("nombre de la ronda", max_length=120)
    inicio = models.DateField("abre el")
    termino = models.DateField("cierra el")
    estado = models.CharField(max_length=10, choices=ESTADOS, default=ABIERTA)
    modo = models.CharField("modo", max_length=12, choices=MODOS, default=INDIVIDUAL)
    cerrada_en = models.DateTimeField(null=True, blank=True)
    creada = models.DateTimeField(auto_now_add=True)
    es_ejemplo = models.BooleanField("es ejemplo", default=False)

    class Meta:
        ordering = ["-inicio", "-pk"]
        verbose_name = "ronda de autoevaluación"
        verbose_name_plural = "rondas de autoevaluación"

    def __str__(self):
        return f"{self.red} · {self.nombre}"

    @property
    def abierta(self):
        return self.estado == self.ABIERTA

    @property
    def es_sesion(self):
        return self.modo == self.SESION

    def acepta_respuestas(self):
        hoy = timezone.localdate()
        return self.abierta and self.inicio <= hoy <= self.termino

    def cerrar(self):
        self.estado = self.CERRADA
        self.cerrada_en = timezone.now()
        self.save(update_fields=["estado", "cerrada_en"])

    def anterior(self):
        """La ronda cerrada anterior de la misma red y la MISMA versión del instrumento."""
        return (
            Ronda.objects.filter(
                red=self.red_id,
                instrumento=self.instrumento_id,
                estado=self.CERRADA,
                inicio__lte=self.inicio,
            )
            .exclude(pk=self.pk)
            .exclude(inicio=self.inicio, pk__gt=self.pk)
            .order_by("-inicio", "-pk")
            .first()
        )


def hash_codigo(codigo: str) -> str:
    limpio = "".join(c for c in codigo.upper() if c.isalnum())
    return hashlib.sha256(limpio.encode()).hexdigest()


# Sin 0/O ni 1/I/L: se dictan y se copian a mano.
ALFABETO = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def nuevo_codigo() -> str:
    """12 símbolos de 31 (≈59 bits) de `secrets`: imposible de adivinar a mano ni
    por fuerza bruta con el límite de tasa. Se muestra en grupos de 4."""
    crudo = "".join(secrets.choice(ALFABETO) for _ in range(12))
    return f"{crudo[:4]}-{crudo[4:8]}-{crudo[8:]}"


class Codigo(models.Model):
    """Un código de un solo uso. No está ligado a un nombre; solo se guarda su
    hash (la coordinación lo ve una vez, al generarlo)."""

    SIN_USAR = "sin_usar"
    EN_CURSO = "en_curso"
    ENVIADO = "enviado"
    ESTADOS = [(SIN_USAR, "Sin usar"), (EN_CURSO, "En curso"), (ENVIADO, "Enviado")]

    ronda = models.ForeignKey(Ronda, on_delete=models.CASCADE, related_name="codigos")
    hash = models.CharField(max_length=64, unique=True)
    estado = models.CharField(max_length=10, choices=ESTADOS, default=SIN_USAR)
    rol = models.CharField(max_length=20, choices=ROLES, blank=True)
    comentario = models.TextField(blank=True)
    enviado = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "código de respuesta"
        verbose_name_plural = "códigos de respuesta"

    def __str__(self):
        return f"Código de {self.ronda} ({self.get_estado_display()})"

    @classmethod
    def generar(cls, ronda, cantidad):
        codigos = []
        for _ in range(cantidad):
            while True:
                codigo = nuevo_codigo()
                if not cls.objects.filter(hash=hash_codigo(codigo)).exists():
                    break
            cls.objects.create(ronda=ronda, hash=hash_codigo(codigo))
            codigos.append(codigo)
        return codigos

    @classmethod
    def buscar(cls, codigo):
        return (
            cls.objects.select_related("ronda__red", "ronda__instrumento")
            .filter(hash=hash_codigo(codigo or ""))
            .first()
        )


class Respuesta(models.Model):
    """Un valor 1–5 o None («no sé / no aplica»). Nunca se muestra sola."""

    codigo = models.ForeignKey(Codigo, on_delete=models.CASCADE, related_name="respuestas")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="respuestas")
    valor = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["codigo", "item"], name="respuesta_unica_por_item")
        ]

    def __str__(self):
        return "Respuesta (no se muestra)"


def _campo_nivel(etiqueta):
    return models.PositiveSmallIntegerField(
        etiqueta,
        null=True,
        blank=True,
        choices=[(i, str(i)) for i in range(1, 6)],
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )


class Acuerdo(models.Model):
    """Sesión grupal: lo que la sala acordó sobre una característica.

    `mostrada_en`: cuándo la coordinación cerró la votación de la característica
    y mostró la distribución de la sala (desde entonces nadie cambia su puntaje
    en ella: ver `privacidad.sala`). `nivel`, `evidencia` y `meta` los escribe la
    coordinación después de conversar; no son respuestas de nadie."""

    ronda = models.ForeignKey(Ronda, on_delete=models.CASCADE, related_name="acuerdos")
    caracteristica = models.ForeignKey(
        "portal.Caracteristica", on_delete=models.PROTECT, related_name="+"
    )
    mostrada_en = models.DateTimeField(null=True, blank=True)
    nivel = _campo_nivel("nivel acordado")
    evidencia = models.TextField("evidencia que lo sostiene", blank=True)
    meta = _campo_nivel("nivel meta")
    actualizado = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "acuerdo de la sesión grupal"
        verbose_name_plural = "acuerdos de la sesión grupal"
        constraints = [
            models.UniqueConstraint(
                fields=["ronda", "caracteristica"], name="acuerdo_unico_por_caracteristica"
            )
        ]

    def __str__(self):
        return f"Acuerdo de {self.ronda} sobre {self.caracteristica}"

    @property
    def registrado(self):
        return self.nivel is not None


class Plan(models.Model):
    """De los resultados a la acción: 2 o 3 características y sus acciones."""

    ronda = models.OneToOneField(Ronda, on_delete=models.CASCADE, related_name="plan")
    caracteristicas = models.ManyToManyField("portal.Caracteristica", related_name="+")
    actualizado = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "plan de la red"
        verbose_name_plural = "planes de las redes"

    def __str__(self):
        return f"Plan de {self.ronda}"


class Accion(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="acciones")
    caracteristica = models.ForeignKey(
        "portal.Caracteristica", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    descripcion = models.CharField("acción", max_length=300)
    responsable = models.CharField("responsable", max_length=150)
    fecha = models.DateField("fecha", null=True, blank=True)

    class Meta:
        ordering = ["fecha", "pk"]

    def __str__(self):
        return self.descripcion
