"""Modelos de la búsqueda pública.

¿Por qué un índice propio y no la búsqueda de Wagtail (modelsearch)? Con el
backend de base de datos, en SQLite no reduce las palabras a su raíz en
español, no entrega fragmentos resaltados y no cuenta facetas (una faceta por
llamada, sin conteos disyuntivos). Por eso `Documento` guarda lo que se muestra
(texto original) y lo que se busca (términos ya normalizados en Python, ver
`normalizacion.py`); el índice de texto de cada base (FTS5 o tsvector) se crea
en `motores/sql_texto.py` sobre las columnas `norm_*`.
"""

import logging
import uuid
from datetime import timedelta

from django.db import DatabaseError, connection, models, transaction
from django.db.models import F
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable

from .normalizacion import normalizar_consulta
from .registro import TIPOS  # noqa: F401  (se reexporta: tipos de documento del registro)

logger = logging.getLogger(__name__)
DIAS_REGISTRO = 90
# Lo que entra al informe de búsquedas (RegistroBusqueda.registrable).
LARGO_REGISTRO = 100
MAXIMO_PALABRAS_REGISTRO = 8


class Documento(models.Model):
    """Una página buscable (o un documento cualquiera del contrato) en el índice local."""

    clave = models.CharField(max_length=120, unique=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        # Al borrar la página, la señal post_delete quita el documento (y su vocabulario).
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tipo = models.CharField(max_length=20)
    slug = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    titulo = models.TextField()
    resumen = models.TextField(blank=True)
    cuerpo = models.TextField(blank=True)
    etiquetas = models.TextField(blank=True)
    fecha = models.DateTimeField(null=True, blank=True)
    # Veces que dijeron «nos sirvió» (comunidad.NosSirvio): orden «Más útiles».
    sirvio = models.PositiveIntegerField(default=0)
    # Para prefijos del autocompletado: título en minúsculas, sin tildes.
    titulo_plegado = models.CharField(max_length=500, blank=True)
    norm_titulo = models.TextField(blank=True)
    norm_resumen = models.TextField(blank=True)
    norm_cuerpo = models.TextField(blank=True)
    norm_etiquetas = models.TextField(blank=True)
    actualizado = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "documento indexado"
        verbose_name_plural = "documentos indexados"
        indexes = [
            models.Index(fields=["fecha"]),
            models.Index(fields=["tipo"]),
            # Listados fijos por tipo en orden de fecha (motores/local.py, faceta «tipo»).
            models.Index(fields=["tipo", "fecha"], name="busqueda_doc_tipo_fecha"),
            # Las claves de orden por relevancia de cada coincidencia, sin leer la fila
            # ancha (cuerpo, resumen…): el motor local la pide en SQLite con INDEXED BY
            # (sql_texto.IndiceSQLite.tabla_orden). Es la «tabla angosta» del orden.
            models.Index(fields=["id", "tipo", "fecha", "norm_titulo"], name="busqueda_doc_orden"),
        ]

    def __str__(self):
        return self.titulo


class EstadoIndice(models.Model):
    """Versión del índice local: un valor nuevo al azar en cada escritura.

    Los procesos que guardan las facetas en memoria (motores/facetas_bits.py)
    la comparan antes de contar para saber si deben recargar. Al azar y no un
    contador: una transacción deshecha no puede repetir una versión ya vista."""

    version = models.CharField(max_length=32)
    # Cambia con lo que cambia una respuesta de búsqueda sin tocar documentos del
    # índice local (sinónimos, destacados, una actualización aplicada en
    # Elasticsearch). Solo entra en el ETag de las búsquedas (revalidacion.py): los
    # mapas de facetas no recargan por él.
    version_respuestas = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        verbose_name = "estado del índice local"

    def __str__(self):
        return self.version

    @classmethod
    def marcar(cls):
        cls.objects.update_or_create(pk=1, defaults={"version": uuid.uuid4().hex})

    @classmethod
    def actual(cls):
        return cls.objects.filter(pk=1).values_list("version", flat=True).first()

    @classmethod
    def marcar_respuestas(cls, *args, **kwargs):
        """Receptor de señales (sinónimos, destacados) y fin de una tarea de Elasticsearch."""
        valor = uuid.uuid4().hex
        if not cls.objects.filter(pk=1).update(version_respuestas=valor):
            cls.objects.get_or_create(
                pk=1, defaults={"version": uuid.uuid4().hex, "version_respuestas": valor}
            )

    @classmethod
    def version_busqueda(cls):
        """Texto que cambia cada vez que puede cambiar lo que responde una búsqueda:
        reconstrucción, cada escritura del índice local (último `CambioIndice`, con su
        marca: un cambio deshecho no repite versión) y `version_respuestas`."""
        estado = cls.objects.filter(pk=1).values_list("version", "version_respuestas").first()
        ultimo = CambioIndice.objects.order_by("-id").values_list("id", "marca").first()
        return f"{estado}:{ultimo}"


class CambioIndice(models.Model):
    """Un documento del índice local que cambió (se indexó o se borró).

    Los mapas de facetas en memoria de cada proceso (motores/facetas_bits.py)
    leen los cambios nuevos y actualizan solo esos documentos, en vez de recargar
    todo el índice después de cada publicación. `marca` (al azar) detecta que un
    cambio visto se deshizo (transacción revertida): entonces se recarga todo."""

    documento_id = models.BigIntegerField()
    marca = models.CharField(max_length=32)
    creado = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "cambio del índice local"
        verbose_name_plural = "cambios del índice local"

    def __str__(self):
        return f"documento {self.documento_id}"

    @classmethod
    def registrar(cls, documento_ids):
        marca = uuid.uuid4().hex
        cls.objects.bulk_create(
            [cls(documento_id=i, marca=marca) for i in dict.fromkeys(documento_ids)]
        )


class ValorFaceta(models.Model):
    """(documento, faceta, valor, etiqueta): una fila por opción marcada."""

    documento = models.ForeignKey(Documento, on_delete=models.CASCADE, related_name="facetas")
    faceta = models.CharField(max_length=32)
    valor = models.CharField(max_length=100)
    etiqueta = models.CharField(max_length=255)

    class Meta:
        indexes = [
            models.Index(fields=["faceta", "valor", "documento"]),
            models.Index(fields=["documento", "faceta"]),
        ]

    def __str__(self):
        return f"{self.faceta}={self.valor}"


class Vocablo(models.Model):
    """Vocabulario del índice para "¿quisiste decir…?" y el autocompletado de términos."""

    palabra = models.CharField(max_length=60, unique=True)  # plegada: sin tildes, ñ→n
    forma = models.CharField(max_length=60)  # como se ve: minúsculas con tildes
    termino = models.CharField(max_length=60, db_index=True)  # raíz, como en el índice
    largo = models.PositiveSmallIntegerField(db_index=True)
    documentos = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["largo", "palabra"])]

    def __str__(self):
        return self.forma


class Pendiente(models.Model):
    """Actualización de Elasticsearch que no se pudo aplicar; se reintenta."""

    ACCIONES = [("indexar", "indexar"), ("borrar", "borrar")]
    clave = models.CharField(max_length=120, unique=True)
    accion = models.CharField(max_length=10, choices=ACCIONES)
    page_id = models.IntegerField(null=True, blank=True)
    intentos = models.PositiveIntegerField(default=0)
    ultimo_error = models.TextField(blank=True)
    creado = models.DateTimeField(auto_now_add=True)
    modificado = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "actualización pendiente de Elasticsearch"
        verbose_name_plural = "actualizaciones pendientes de Elasticsearch"

    def __str__(self):
        return f"{self.accion} {self.clave}"


class Destacado(ClusterableModel):
    """Resultados fijados por la DEP para una consulta: aparecen primero, en orden."""

    consulta = models.CharField(
        "consulta",
        max_length=200,
        help_text="Tal como la escribe la gente; mayúsculas y tildes no importan.",
    )
    consulta_normalizada = models.CharField(max_length=200, unique=True, editable=False)

    panels = [FieldPanel("consulta"), InlinePanel("paginas", label="Páginas destacadas", min_num=1)]

    class Meta:
        verbose_name = "resultado destacado"
        verbose_name_plural = "resultados destacados"

    def __str__(self):
        return self.consulta

    def save(self, *args, **kwargs):
        self.consulta_normalizada = normalizar_consulta(self.consulta)
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        normalizada = normalizar_consulta(self.consulta)
        if not normalizada:
            raise ValidationError({"consulta": "Escriba al menos una palabra."})
        otros = Destacado.objects.filter(consulta_normalizada=normalizada).exclude(pk=self.pk)
        if otros.exists():
            raise ValidationError(
                {"consulta": "Ya hay resultados destacados para esta consulta; edite esos."}
            )


class PaginaDestacada(Orderable):
    destacado = ParentalKey(Destacado, on_delete=models.CASCADE, related_name="paginas")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="página", on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page")]


class RegistroBusqueda(models.Model):
    """Una fila por consulta normalizada y día: barato de escribir y de resumir."""

    dia = models.DateField()
    consulta = models.CharField(max_length=200)
    veces = models.PositiveIntegerField(default=0)
    sin_resultados = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dia", "consulta"], name="registro_dia_consulta")
        ]
        indexes = [models.Index(fields=["dia"])]

    def __str__(self):
        return f"{self.dia} {self.consulta} ×{self.veces}"

    @classmethod
    def registrable(cls, consulta: str) -> str:
        """La consulta normalizada si vale la pena registrarla; "" si no.

        El informe lo leen los editores: no se registra lo que parece spam o
        publicidad (enlaces, correos, teléfonos, textos largos o palabras
        imposibles), y lo registrado queda acotado en palabras y largo."""
        crudo = (consulta or "").lower()
        if any(señal in crudo for señal in ("://", "www.", "@", ".com", ".cl/", "href")):
            return ""
        normalizada = normalizar_consulta(consulta)
        palabras = normalizada.split()
        if not palabras or len(palabras) > MAXIMO_PALABRAS_REGISTRO:
            return ""
        if any(len(p) > 30 for p in palabras) or sum(c.isdigit() for c in normalizada) > 6:
            return ""
        return normalizada[:LARGO_REGISTRO]

    @classmethod
    def registrar(cls, consulta: str, total: int):
        """Cuenta la consulta. Nunca falla ni bloquea la búsqueda: si la base no
        acepta escrituras (bloqueada, de solo lectura), se deja de contar esa vez."""
        normalizada = cls.registrable(consulta)
        if not normalizada:
            return
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    # Un conteo para el informe de búsquedas: que la búsqueda no espere
                    # el fsync del WAL (~5–30 ms por búsqueda con 100 mil prácticas,
                    # bench/brechas.md). Solo vale en esta transacción; si el servidor se
                    # cae, se pierden a lo más los conteos de sus últimos milisegundos y
                    # la base nunca queda inconsistente (documentación de PostgreSQL,
                    # «Asynchronous Commit»). El resto del sitio sigue esperando el disco.
                    with connection.cursor() as cursor:
                        cursor.execute("SET LOCAL synchronous_commit TO OFF")
                cls._contar(normalizada, total)
        except DatabaseError as error:
            logger.warning("No se registró la búsqueda (%s): %s", type(error).__name__, error)

    @classmethod
    def _contar(cls, normalizada, total):
        dia = timezone.localdate()
        cambios = {"veces": F("veces") + 1}
        if total == 0:
            cambios["sin_resultados"] = F("sin_resultados") + 1
        if not cls.objects.filter(dia=dia, consulta=normalizada).update(**cambios):
            _, creado = cls.objects.get_or_create(
                dia=dia,
                consulta=normalizada,
                defaults={"veces": 1, "sin_resultados": 1 if total == 0 else 0},
            )
            if not creado:  # otra petición la creó entre medio
                cls.objects.filter(dia=dia, consulta=normalizada).update(**cambios)
            else:
                # Al abrir una fila nueva se podan las viejas: el informe mira 30 días.
                cls.objects.filter(dia__lt=dia - timedelta(days=DIAS_REGISTRO)).delete()


class Sinonimo(models.Model):
    """Sigla o término con sus equivalencias, mantenido por la DEP en el admin.

    De dos vías: todas las formas son intercambiables («EIB» ⇄ «educación
    intercultural bilingüe»). De una vía: quien busca el término encuentra también
    los equivalentes, pero no al revés («JUNJI» → «jardín infantil»). Una forma de
    varias palabras calza solo como frase seguida: «técnico profesional» no calza
    con «técnico-pedagógico … profesional». El motor local los lee al buscar (sin
    reindexar); Elasticsearch los recarga en su analizador de búsqueda."""

    termino = models.CharField(
        "sigla o término",
        max_length=100,
        help_text="Lo que escribe la gente, p. ej. «EIB». Mayúsculas y tildes no importan.",
    )
    equivalentes = models.TextField(
        "equivalentes",
        help_text="Una forma por línea (o separadas por comas), p. ej. «educación "
        "intercultural bilingüe». Una forma de varias palabras se busca como frase.",
    )
    bidireccional = models.BooleanField(
        "de dos vías",
        default=True,
        help_text="Marcado: buscar cualquiera de las formas encuentra las demás. Sin marcar: "
        "solo el término encuentra los equivalentes (no al revés).",
    )
    activo = models.BooleanField("activo", default=True)
    termino_normalizado = models.CharField(max_length=100, unique=True, editable=False)
    modificado = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("termino"),
        FieldPanel("equivalentes"),
        FieldPanel("bidireccional"),
        FieldPanel("activo"),
    ]

    class Meta:
        verbose_name = "sinónimo o sigla"
        verbose_name_plural = "sinónimos y siglas"
        ordering = ["termino_normalizado"]

    def __str__(self):
        return self.termino

    def save(self, *args, **kwargs):
        self.termino_normalizado = normalizar_consulta(self.termino)[:100]
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        from .normalizacion import terminos

        errores = {}
        normalizado = normalizar_consulta(self.termino)
        if not terminos(self.termino):
            errores["termino"] = "Escriba una sigla o palabra con contenido (no solo «de», «la»…)."
        elif Sinonimo.objects.filter(termino_normalizado=normalizado).exclude(pk=self.pk).exists():
            errores["termino"] = "Ya hay una entrada para este término; edite esa."
        formas = self.lista_equivalentes()
        if not formas:
            errores["equivalentes"] = "Escriba al menos un equivalente."
        elif not all(terminos(f) for f in formas):
            errores["equivalentes"] = (
                "Cada equivalente debe tener al menos una palabra con contenido."
            )
        elif all(normalizar_consulta(f) == normalizado for f in formas):
            errores["equivalentes"] = "Los equivalentes deben ser distintos del término."
        if errores:
            raise ValidationError(errores)

    def lista_equivalentes(self) -> list[str]:
        import re

        formas = [f.strip() for f in re.split(r"[\n,;]+", self.equivalentes or "")]
        return list(dict.fromkeys(f for f in formas if f))


class ClicBusqueda(models.Model):
    """Un resultado abierto desde una búsqueda: una fila por (día, consulta, página,
    posición) con un contador, como `RegistroBusqueda` (un UPDATE por clic)."""

    dia = models.DateField()
    consulta = models.CharField(max_length=200)
    clave = models.CharField(max_length=120)  # pagina:<id> (clave del documento)
    titulo = models.CharField(max_length=255, blank=True)
    url = models.CharField(max_length=500, blank=True)
    posicion = models.PositiveSmallIntegerField()
    veces = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "clic en resultado de búsqueda"
        verbose_name_plural = "clics en resultados de búsqueda"
        constraints = [
            models.UniqueConstraint(
                fields=["dia", "consulta", "clave", "posicion"], name="clic_dia_consulta"
            )
        ]
        indexes = [models.Index(fields=["dia", "consulta"])]

    def __str__(self):
        return f"{self.dia} {self.consulta} → {self.clave} #{self.posicion} ×{self.veces}"

    @classmethod
    def registrar(cls, consulta: str, clave: str, posicion: int, titulo="", url=""):
        normalizada = normalizar_consulta(consulta)
        if not normalizada or not clave:
            return
        dia = timezone.localdate()
        filtro = {"dia": dia, "consulta": normalizada, "clave": clave[:120], "posicion": posicion}
        if not cls.objects.filter(**filtro).update(veces=F("veces") + 1):
            _, creado = cls.objects.get_or_create(
                **filtro, defaults={"veces": 1, "titulo": titulo[:255], "url": url[:500]}
            )
            if not creado:
                cls.objects.filter(**filtro).update(veces=F("veces") + 1)
            else:
                cls.objects.filter(dia__lt=dia - timedelta(days=DIAS_REGISTRO)).delete()
