"""Serializadores de los campos del marco para la API de páginas de Wagtail (v2).

Solo DRF, sin importar modelos (así casos/ y practicas/ los importan sin ciclos):
son los `api_fields` de CasoPage y PracticaPage."""

from rest_framework import serializers
from wagtail.api import APIField


class TerminoSerializer(serializers.Serializer):
    slug = serializers.CharField()
    nombre = serializers.CharField()


class CaracteristicaSerializer(TerminoSerializer):
    dimension = TerminoSerializer()


class EtiquetaSerializer(serializers.Serializer):
    slug = serializers.CharField()
    nombre = serializers.CharField(source="name")


class RedSerializer(serializers.Serializer):
    slug = serializers.CharField()
    nombre = serializers.CharField()
    slep = TerminoSerializer()
    tipo = TerminoSerializer()


class OrigenSerializer(serializers.Field):
    """`adaptada_de` de una práctica: la original, solo si está publicada y es
    pública (un borrador o una página restringida no se revela: sale `null`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, pagina):
        if not pagina.live or pagina.get_view_restrictions().exists():
            return None
        return {
            "id": pagina.pk,
            "titulo": pagina.title,
            "slug": pagina.slug,
            "url": pagina.url,
            "red": pagina.red.slug,
        }


class UrlRedSerializer(serializers.Field):
    """Dirección pública de la red en el sitio (/redes/<slug>/)."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, red):
        return red.get_absolute_url()


class FuenteSerializer(serializers.Serializer):
    titulo = serializers.CharField()
    institucion = serializers.CharField()
    anio = serializers.IntegerField(allow_null=True)
    url = serializers.CharField()


MARCO = [
    APIField("focos", serializer=TerminoSerializer(many=True)),
    APIField("principios", serializer=TerminoSerializer(many=True)),
    APIField("caracteristicas", serializer=CaracteristicaSerializer(many=True)),
    APIField("etiquetas", serializer=EtiquetaSerializer(many=True)),
]

# `api_fields` de casos.CasoPage: lo que muestra la ficha, en JSON.
CAMPOS_API_CASO = [
    APIField("resumen"),
    APIField("ambito"),
    APIField("pais"),
    APIField("territorio"),
    APIField("organizacion"),
    APIField("tipo_red", serializer=TerminoSerializer(allow_null=True)),
    APIField("desde"),
    APIField("escala"),
    APIField("cuerpo"),
    APIField("aprendizajes"),
    *MARCO,
    APIField("riesgos_evitados", serializer=TerminoSerializer(many=True)),
    APIField("fuentes", serializer=FuenteSerializer(many=True)),
    APIField("revisado_dep"),
]

# Campos de /api/v2/redes/ (comunidad/api.py): solo lo que muestra la página pública
# de la red. Nunca `coordinadores` ni correos.
CAMPOS_API_RED = [
    APIField("nombre"),
    APIField("slug"),
    APIField("url", serializer=UrlRedSerializer()),
    APIField("tipo", serializer=TerminoSerializer()),
    APIField("slep", serializer=TerminoSerializer()),
    APIField("comunas", serializer=TerminoSerializer(many=True)),
    APIField("niveles", serializer=TerminoSerializer(many=True)),
    APIField("numero_establecimientos"),
    APIField("proposito"),
    APIField("rural"),
    APIField("eib"),
    APIField("desde"),
    APIField("es_ejemplo"),
]

# `api_fields` de practicas.PracticaPage (el SLEP y el tipo de red van en `red`).
CAMPOS_API_PRACTICA = [
    APIField("resumen"),
    APIField("red", serializer=RedSerializer()),
    APIField("desafio"),
    APIField("pasos"),
    APIField("participantes"),
    APIField("niveles", serializer=TerminoSerializer(many=True)),
    APIField("duracion"),
    APIField("resultados"),
    APIField("nivel_evidencia"),
    APIField("vinculo_pme_pel"),
    *MARCO,
    APIField("es_ejemplo"),
    APIField("adaptada_de", serializer=OrigenSerializer()),
]
