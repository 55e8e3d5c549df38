"""API pública: el esquema OpenAPI 3 es válido y la aplicación real lo cumple
(schemathesis recorre cada operación con entradas generadas contra la app WSGI:
ninguna respuesta fuera del esquema, ningún 500). También la API de páginas
(Wagtail v2), la guía /api/ y CORS de solo lectura."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from jsonschema_rs import validator_for

from comunidad.api import esquema_openapi
from practicas import demo
from tests.test_casos import crear_caso, crear_indice


@pytest.fixture
def contenido(inicio):
    indice = crear_indice(inicio)
    crear_caso(
        indice,
        "microcentros-rurales",
        title="Microcentros rurales",
        resumen="Docentes de escuelas rurales multigrado que se reúnen cada mes.",
        focos=["capital-profesional"],
        caracteristicas=["colaboracion-sostenida"],
        tipo_red="microcentro-rural",
    )
    crear_caso(indice, "escocia", title="Escocia", pais="Escocia", ambito="internacional")
    crear_caso(indice, "borrador-secreto", title="Borrador secreto", publicar=False)
    demo.cargar(inicio)
    return indice


@pytest.fixture
def app_wsgi(contenido):
    """La aplicación WSGI del sitio dentro de la transacción de la prueba. Como
    hace el Client de Django, no se cierran conexiones al terminar cada solicitud."""
    from portal.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def esquema_api(app_wsgi):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app_wsgi)


# `schemathesis.pytest.from_fixture` no funciona con pytest 9 (usa un atributo
# interno que ya no existe); se usa la estrategia de cada operación con Hypothesis.
@pytest.mark.parametrize("ruta", ["/api/buscar/", "/api/buscar/sugerencias/"])
def test_la_api_cumple_su_esquema_openapi(esquema_api, ruta):
    """Sin 500, códigos y tipos de contenido declarados, cuerpo según el esquema."""
    operacion = esquema_api[ruta]["GET"]
    vistos = []

    @given(case=operacion.as_strategy())
    @settings(
        max_examples=60,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def recorrer(case):
        respuesta = case.call_and_validate()
        vistos.append(respuesta.status_code)

    recorrer()
    assert 200 in vistos  # recorrió de verdad, no solo errores


def test_el_esquema_es_openapi_3_valido(client):
    r = client.get("/api/openapi.json")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/json")
    documento = r.json()
    # Contra el metaesquema oficial de OpenAPI 3.0 (el que trae schemathesis).
    schemathesis.openapi.from_dict(documento).validate()
    roto = {**documento, "paths": {"/api/buscar/": {"get": {"responses": "nada"}}}}
    with pytest.raises(Exception, match="nada"):
        schemathesis.openapi.from_dict(roto).validate()
    assert documento == esquema_openapi()
    buscar = documento["paths"]["/api/buscar/"]["get"]
    nombres = {p["name"] for p in buscar["parameters"]}
    assert {"q", "orden", "pagina", "por_pagina", "slep", "caracteristica"} <= nombres


def test_la_respuesta_real_valida_contra_el_componente(client, contenido):
    documento = esquema_openapi()
    r = client.get("/api/buscar/", {"q": "escuelas rurales", "tipo": "caso"})
    assert r.status_code == 200
    esquema = {**documento["components"]["schemas"]["Busqueda"]}
    esquema = _sin_refs(esquema, documento["components"]["schemas"])
    validator_for(esquema).validate(r.json())
    assert [x["slug"] for x in r.json()["resultados"]] == ["microcentros-rurales"]


def _sin_refs(nodo, componentes):
    if isinstance(nodo, dict):
        if "$ref" in nodo:
            return _sin_refs(componentes[nodo["$ref"].rsplit("/", 1)[1]], componentes)
        return {
            k: _sin_refs(v, componentes)
            for k, v in nodo.items()
            if k != "nullable" and k != "example"
        } | ({"type": [nodo["type"], "null"]} if nodo.get("nullable") else {})
    if isinstance(nodo, list):
        return [_sin_refs(v, componentes) for v in nodo]
    return nodo


def test_api_de_paginas_trae_casos_y_practicas_con_el_marco_y_sin_borradores(client, contenido):
    r = client.get("/api/v2/paginas/", {"type": "casos.CasoPage", "fields": "*"})
    assert r.status_code == 200
    datos = r.json()
    slugs = {p["meta"]["slug"] for p in datos["items"]}
    assert slugs == {"microcentros-rurales", "escocia"}
    micro = next(p for p in datos["items"] if p["meta"]["slug"] == "microcentros-rurales")
    assert micro["focos"] == [
        {"slug": "capital-profesional", "nombre": "Foco en el desarrollo de capital profesional"}
    ]
    assert micro["caracteristicas"][0]["dimension"]["slug"] == "nuclear"
    assert micro["tipo_red"]["slug"] == "microcentro-rural"
    assert micro["fuentes"][0]["institucion"] == "DEP"

    r = client.get(
        "/api/v2/paginas/",
        {"type": "practicas.PracticaPage", "fields": "red,focos,niveles,nivel_evidencia"},
    )
    assert r.status_code == 200
    practica = r.json()["items"][0]
    assert {"slug", "nombre", "slep", "tipo"} <= set(practica["red"])
    assert practica["red"]["slep"]["nombre"]
    assert practica["nivel_evidencia"] in {"descrita", "resultados", "evaluada"}

    r = client.get("/api/v2/paginas/find/", {"html_path": "/casos/borrador-secreto/"})
    assert r.status_code == 404


def test_api_solo_lectura_y_cors_para_leer(client, contenido):
    r = client.get("/api/buscar/", {"q": "red"}, HTTP_ORIGIN="https://slep.ejemplo.cl")
    assert r["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in r
    previa = client.options(
        "/api/v2/paginas/",
        HTTP_ORIGIN="https://slep.ejemplo.cl",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "POST" not in previa.get("Access-Control-Allow-Methods", "")
    assert client.post("/api/v2/paginas/", {}).status_code in (403, 405)
    assert client.post("/api/buscar/", {}).status_code == 405
    # CORS no se abre en el resto del sitio.
    r = client.get("/cuenta/entrar/", HTTP_ORIGIN="https://slep.ejemplo.cl")
    assert "Access-Control-Allow-Origin" not in r


def test_guia_api_explica_con_ejemplos_y_limites(client, inicio):
    r = client.get("/api/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "/api/openapi.json" in html
    assert "/api/buscar/?q=escuelas+rurales" in html
    assert "/api/v2/paginas/?type=casos.CasoPage" in html
    assert "60 cada 60 segundos" in html
    assert "429" in html
