"""API pública de Trama: páginas (Wagtail API v2), esquema OpenAPI 3 de la
búsqueda y la página /api/ que explica cómo usarlas.

La API de búsqueda la implementa `busqueda/views.py`; aquí solo se DESCRIBE,
con los mismos límites que aplica `busqueda/parametros.py` (se importan, no se
copian). La prueba `tests/test_api_esquema.py` recorre este esquema contra la
aplicación real con schemathesis.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.functional import classproperty
from django.views.decorators.http import require_GET
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet

from busqueda.motores.base import FACETAS, MAXIMO_POR_PAGINA, ORDENES
from busqueda.parametros import LARGO_MAXIMO, MAXIMO_VALORES, PAGINA_MAXIMA
from busqueda.registro import BUSCAR, LISTADOS, TIPOS
from busqueda.views import LARGO_SUGERENCIA

from .serializadores import CAMPOS_API_RED


class PaginasAPIViewSet(PagesAPIViewSet):
    """La de Wagtail tal cual: solo páginas publicadas y públicas del sitio, solo GET."""

    http_method_names = ["get", "head", "options"]


class RedesAPIViewSet(BaseAPIViewSet):
    """/api/v2/redes/: las redes no son páginas (redes.Red es un modelo), así que van
    en un endpoint propio del mismo router, con la clase base de Wagtail. Solo
    lectura y solo las redes públicas según la MISMA regla de /datos/
    (`datos.redes_publicas`); los campos son los de `CAMPOS_API_RED` (sin
    coordinadores ni correos)."""

    http_method_names = ["get", "head", "options"]
    name = "redes"
    filter_backends = [FieldsFilter, OrderingFilter]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "nombre",
        "slug",
        "url",
        "tipo",
        "slep",
    ]
    nested_default_fields = BaseAPIViewSet.nested_default_fields + ["nombre", "slug"]
    # Filtros y orden solo por campos simples (?slug=…, ?rural=true, ?order=nombre).
    FILTRABLES = ("id", "nombre", "slug", "rural", "eib", "desde", "numero_establecimientos")

    @classproperty
    def model(cls):
        from .cuentas import _modelo_red

        return _modelo_red()

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields(cls.body_fields + CAMPOS_API_RED)

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        campos = super().get_available_fields(model, db_fields_only)
        return [c for c in campos if c in cls.FILTRABLES] if db_fields_only else campos

    def get_queryset(self):
        from .datos import redes_publicas

        return (
            redes_publicas()
            .select_related("slep", "tipo")
            .prefetch_related("comunas", "niveles")
            .order_by("nombre", "id")
        )


api_router = WagtailAPIRouter("api_v2")
api_router.register_endpoint("paginas", PaginasAPIViewSet)
api_router.register_endpoint("redes", RedesAPIViewSet)

VERSION = "1.0.0"


def ordenes_buscar():
    return LISTADOS[BUSCAR].ordenes


def limites_tasa():
    """{nombre: (máximo, ventana en segundos)} de los límites de la API."""
    return {
        regla["nombre"]: (regla["maximo"], regla["ventana"])
        for regla in getattr(settings, "TRAMA_LIMITES_TASA", [])
        if regla["prefijo"].startswith("/api/")
    }


def _parametro(nombre, descripcion, esquema, **extra):
    return {
        "name": nombre,
        "in": "query",
        "required": False,
        "description": descripcion,
        "schema": esquema,
        **extra,
    }


def _parametros_busqueda():
    parametros = [
        _parametro(
            "q",
            "Texto a buscar, en español. Mayúsculas, tildes y plurales no importan.",
            {"type": "string", "maxLength": LARGO_MAXIMO},
            example="escuelas rurales",
        ),
        _parametro(
            "orden",
            ", ".join(f"{clave} ({ORDENES[clave].lower()})" for clave in ordenes_buscar())
            + ". Sin texto, «relevancia» ordena por los más recientes.",
            {"type": "string", "enum": list(ordenes_buscar()), "default": "relevancia"},
        ),
        _parametro(
            "pagina",
            "Página de resultados.",
            {"type": "integer", "minimum": 1, "maximum": PAGINA_MAXIMA, "default": 1},
        ),
        _parametro(
            "por_pagina",
            "Resultados por página.",
            {"type": "integer", "minimum": 1, "maximum": MAXIMO_POR_PAGINA, "default": 10},
        ),
    ]
    for faceta, nombre in FACETAS.items():
        if faceta == "tipo":
            item = {"type": "string", "enum": list(TIPOS)}
        else:
            item = {"type": "string", "maxLength": 100}
        parametros.append(
            _parametro(
                faceta,
                f"Filtro «{nombre}» por su valor (el slug de las URL de /buscar/); repítalo "
                f"para sumar opciones (O dentro de un filtro, Y entre filtros). Un valor "
                f"que no existe o no tiene forma de slug se ignora y se avisa en `avisos`; "
                f"se consideran las primeras {MAXIMO_VALORES} opciones.",
                {"type": "array", "items": item, "maxItems": MAXIMO_VALORES},
                style="form",
                explode=True,
            )
        )
    return parametros


ERROR = {
    "description": "Parámetro inválido; `error` explica en español qué corregir.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
DEMASIADAS = {
    "description": "Se superó el límite de solicitudes por minuto desde su IP. "
    "Espere los segundos que indica la cabecera `Retry-After`.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def esquema_openapi():
    """El documento OpenAPI 3.0 (dict). No consulta la base: se puede servir siempre."""
    limites = limites_tasa()
    buscar = limites.get("api-buscar", (60, 60))
    sugerencias = limites.get("api-sugerencias", (120, 60))
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "API de búsqueda de Trama",
            "version": VERSION,
            "description": (
                "Búsqueda de casos y prácticas de redes educativas de la Dirección de "
                "Educación Pública (Chile), clasificados con el marco del estudio. Solo "
                "lectura, sin autenticación, CORS abierto para GET. Guía en /api/."
            ),
            "license": {
                "name": "CC BY 4.0",
                "url": "https://creativecommons.org/licenses/by/4.0/deed.es",
            },
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/buscar/": {
                "get": {
                    "operationId": "buscar",
                    "summary": "Buscar casos y prácticas, con facetas",
                    "description": (
                        f"Límite: {buscar[0]} solicitudes cada {buscar[1]} segundos por IP. "
                        "Parámetros desconocidos se ignoran."
                    ),
                    "parameters": _parametros_busqueda(),
                    "responses": {
                        "200": {
                            "description": "Resultados, conteos de facetas y avisos.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Busqueda"}
                                }
                            },
                        },
                        "400": ERROR,
                        "429": DEMASIADAS,
                    },
                }
            },
            "/api/buscar/sugerencias/": {
                "get": {
                    "operationId": "sugerencias",
                    "summary": "Sugerencias mientras se escribe",
                    "description": (
                        f"Límite: {sugerencias[0]} solicitudes cada {sugerencias[1]} segundos por IP."
                    ),
                    "parameters": [
                        _parametro(
                            "q",
                            "Lo escrito hasta ahora; se completa la última palabra.",
                            {"type": "string", "maxLength": LARGO_SUGERENCIA},
                            example="micro",
                        )
                    ],
                    "responses": {
                        "200": {
                            "description": "Títulos (con URL) y términos del índice.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Sugerencias"}
                                }
                            },
                        },
                        "400": ERROR,
                        "429": DEMASIADAS,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string"}},
                },
                "Resultado": {
                    "type": "object",
                    "required": ["tipo", "slug", "titulo", "url", "resumen", "fragmentos"],
                    "properties": {
                        "tipo": {
                            "type": "string",
                            "description": "caso o practica",
                            "example": "caso",
                        },
                        "slug": {"type": "string"},
                        "titulo": {"type": "string"},
                        "url": {"type": "string", "description": "Ruta de la ficha en el sitio."},
                        "resumen": {"type": "string"},
                        "fragmentos": {
                            "type": "array",
                            "description": "HTML cuyo único elemento es <mark>; el resto va escapado.",
                            "items": {"type": "string"},
                        },
                    },
                },
                "OpcionFaceta": {
                    "type": "object",
                    "required": ["valor", "etiqueta", "cantidad", "seleccionado"],
                    "properties": {
                        "valor": {"type": "string"},
                        "etiqueta": {"type": "string"},
                        "cantidad": {"type": "integer", "minimum": 0},
                        "seleccionado": {"type": "boolean"},
                        "grupo": {
                            "type": "string",
                            "description": "Solo en `caracteristica`: su dimensión.",
                        },
                    },
                },
                "Busqueda": {
                    "type": "object",
                    "required": [
                        "consulta",
                        "total",
                        "pagina",
                        "por_pagina",
                        "motor",
                        "sugerencia",
                        "avisos",
                        "resultados",
                        "facetas",
                    ],
                    "properties": {
                        "consulta": {"type": "string"},
                        "total": {"type": "integer", "minimum": 0},
                        "pagina": {"type": "integer", "minimum": 1},
                        "por_pagina": {"type": "integer", "minimum": 1},
                        "motor": {"type": "string", "enum": ["local", "elasticsearch"]},
                        "sugerencia": {
                            "type": "string",
                            "nullable": True,
                            "description": "«¿Quiso decir…?» cuando hay pocos resultados.",
                        },
                        "avisos": {"type": "array", "items": {"type": "string"}},
                        "resultados": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Resultado"},
                        },
                        "facetas": {
                            "type": "object",
                            "description": "Por faceta, sus opciones con conteo disyuntivo.",
                            "additionalProperties": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/OpcionFaceta"},
                            },
                        },
                    },
                },
                "Sugerencias": {
                    "type": "object",
                    "required": ["consulta", "sugerencias"],
                    "properties": {
                        "consulta": {"type": "string"},
                        "sugerencias": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["texto", "tipo", "url"],
                                "properties": {
                                    "texto": {"type": "string"},
                                    "tipo": {"type": "string", "nullable": True},
                                    "url": {"type": "string", "nullable": True},
                                },
                            },
                        },
                    },
                },
            }
        },
    }


@require_GET
def openapi(request):
    return JsonResponse(esquema_openapi(), json_dumps_params={"ensure_ascii": False, "indent": 2})


@require_GET
def guia(request):
    limites = limites_tasa()
    return render(
        request,
        "comunidad/api.html",
        {
            "facetas": FACETAS,
            "ordenes": {clave: ORDENES[clave] for clave in ordenes_buscar()},
            "limites": limites,
            "maximo_por_pagina": MAXIMO_POR_PAGINA,
            "pagina_maxima": PAGINA_MAXIMA,
            "largo_maximo": LARGO_MAXIMO,
            "largo_sugerencia": LARGO_SUGERENCIA,
            "maximo_valores": MAXIMO_VALORES,
            "base": request.build_absolute_uri("/").rstrip("/"),
        },
    )
