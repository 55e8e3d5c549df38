"""Modelos de la comunidad: el conteo de «nos sirvió» y las búsquedas guardadas."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F


class NosSirvio(models.Model):
    """Cuántas veces dijeron «nos sirvió» de una página (caso o práctica).

    Solo el número: no se guarda quién, ni su IP, ni su navegador. Que un
    navegador cuente una sola vez lo recuerda una cookie firmada en ese
    navegador (comunidad/sirvio.py)."""

    pagina = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="nos_sirvio", primary_key=True
    )
    cantidad = models.PositiveIntegerField("veces que sirvió", default=0)
    actualizado = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "«nos sirvió»"
        verbose_name_plural = "«nos sirvió»"

    def __str__(self):
        return f"{self.pagina_id}: {self.cantidad}"

    @classmethod
    def sumar(cls, pagina_id):
        """+1 sin carreras (UPDATE … SET cantidad = cantidad + 1). Devuelve el total."""
        fila, creada = cls.objects.get_or_create(pagina_id=pagina_id, defaults={"cantidad": 1})
        if not creada:
            cls.objects.filter(pk=pagina_id).update(cantidad=F("cantidad") + 1)
            fila.refresh_from_db(fields=["cantidad"])
        return fila.cantidad

    @classmethod
    def cantidad_de(cls, pagina_id):
        return cls.objects.filter(pk=pagina_id).values_list("cantidad", flat=True).first() or 0

    @staticmethod
    def anotar(paginas):
        """Anota `sirvio_indice` (0 si nadie marcó) en un queryset de páginas: al
        reconstruir el índice, una sola consulta para todo el lote."""
        from django.db.models.functions import Coalesce

        return paginas.annotate(sirvio_indice=Coalesce(F("nos_sirvio__cantidad"), 0))

    @classmethod
    def para_indice(cls, pagina):
        """El conteo que va al documento del índice (`sirvio`, orden «Más útiles»)."""
        anotado = getattr(pagina, "sirvio_indice", None)
        return anotado if anotado is not None else cls.cantidad_de(pagina.pk)

    @classmethod
    def conteos(cls, pagina_ids):
        """{page_id: cantidad} para un lote (listados, índice de búsqueda)."""
        return dict(cls.objects.filter(pk__in=list(pagina_ids)).values_list("pk", "cantidad"))


def _token():
    return secrets.token_urlsafe(32)


class BusquedaGuardada(models.Model):
    """Una búsqueda (texto y filtros, tal como su URL) que una persona con cuenta
    sigue: recibe por correo lo nuevo que calza. `token` permite darse de baja
    desde el correo sin iniciar sesión."""

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="busquedas_guardadas"
    )
    nombre = models.CharField("nombre", max_length=200)
    parametros = models.CharField("parámetros de la búsqueda", max_length=2000, blank=True)
    creada = models.DateTimeField(auto_now_add=True)
    ultimo_envio = models.DateTimeField(
        "hasta cuándo ya se avisó",
        help_text="El próximo resumen trae solo lo publicado después de esta fecha.",
    )
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    activa = models.BooleanField(default=True)

    class Meta:
        ordering = ["-creada"]
        verbose_name = "búsqueda guardada"
        verbose_name_plural = "búsquedas guardadas"
        constraints = [
            models.UniqueConstraint(
                fields=["usuario", "parametros"], name="busqueda_guardada_unica_por_usuario"
            )
        ]

    def __str__(self):
        return self.nombre
