"""«Más útiles»: el orden por «nos sirvió» de /practicas/, /casos/, /buscar/ y la
API, declarado una vez en el registro y leído del índice (columna `sirvio`)."""

import pytest
from django.test import Client

from busqueda.indice import documentos_buscables
from busqueda.models import Documento
from busqueda.motores import motor_local
from busqueda.registro import LISTADOS, ORDENES
from comunidad.api import esquema_openapi
from tests.test_casos import crear_caso, crear_indice
from tests.test_nos_sirvio import marcar
from tests.test_practicas_listado import indice, publicar, red  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tres(indice):  # noqa: F811
    la_red = red("red-orden", "barrancas", "utp")
    # Creadas en este orden: «Zeta» es la más reciente (sin «nos sirvió», iría primera).
    return {
        "x": publicar(indice, "Equis con más votos", la_red, focos=["socioeducativo"]),
        "y": publicar(indice, "Ye con un voto", la_red, focos=["socioeducativo"]),
        "z": publicar(indice, "Zeta sin votos", la_red, focos=["socioeducativo"]),
    }


def _votar(pagina, veces):
    for _ in range(veces):
        marcar(Client(enforce_csrf_checks=True), pagina)  # un navegador distinto cada vez


def test_dos_votos_en_x_y_uno_en_y_las_ponen_primero(tres):
    _votar(tres["x"], 2)
    _votar(tres["y"], 1)
    assert Documento.objects.get(page_id=tres["x"].pk).sirvio == 2
    r = Client().get("/practicas/", {"orden": "sirvio"})
    assert r.status_code == 200
    slugs = [x.slug for x in r.context["vista"].resultado.resultados]
    assert slugs == [tres["x"].slug, tres["y"].slug, tres["z"].slug]
    # Sin el orden, /practicas/ sigue por más recientes.
    r = Client().get("/practicas/")
    assert r.context["vista"].resultado.resultados[0].slug == tres["z"].slug
    # El selector de orden lo ofrece con su nombre.
    assert "Más útiles" in Client().get("/practicas/").content.decode()


def test_mismos_parametros_mismo_orden_en_listado_buscar_y_api(tres):
    _votar(tres["y"], 2)
    _votar(tres["x"], 1)
    params = {"orden": "sirvio", "foco": "socioeducativo"}
    api = Client().get("/api/buscar/", {**params, "tipo": "practica"})
    pagina = Client().get("/buscar/", {**params, "tipo": "practica"})
    listado = Client().get("/practicas/", params)
    assert api.status_code == pagina.status_code == listado.status_code == 200
    esperado = [tres["y"].slug, tres["x"].slug, tres["z"].slug]
    assert [x["slug"] for x in api.json()["resultados"]] == esperado
    for r in (pagina, listado):
        assert [x.slug for x in r.context["vista"].resultado.resultados] == esperado
    # Con texto también ordena por utilidad, no por puntaje.
    api = Client().get("/api/buscar/", {"q": "votos", "orden": "sirvio", "tipo": "practica"})
    assert [x["slug"] for x in api.json()["resultados"]] == esperado


def test_empates_deterministas_y_casos_tambien(inicio, tres):
    casos = crear_indice(inicio)
    viejo = crear_caso(casos, "caso-viejo", title="Caso viejo")
    nuevo = crear_caso(casos, "caso-nuevo", title="Caso nuevo")
    _votar(viejo, 1)
    _votar(nuevo, 1)
    # Mismo conteo: primero el más reciente; el orden no cambia entre solicitudes.
    r = Client().get("/casos/", {"orden": "sirvio"})
    primeras = [x.slug for x in r.context["vista"].resultado.resultados]
    assert primeras == ["caso-nuevo", "caso-viejo"]
    assert [
        x.slug
        for x in Client().get("/casos/", {"orden": "sirvio"}).context["vista"].resultado.resultados
    ] == primeras


def test_reconstruir_el_indice_conserva_los_conteos(tres):
    _votar(tres["y"], 3)
    motor_local().reconstruir(documentos_buscables())
    assert Documento.objects.get(page_id=tres["y"].pk).sirvio == 3
    # Y republicar una práctica no borra su conteo.
    tres["y"].save_revision().publish()
    assert Documento.objects.get(page_id=tres["y"].pk).sirvio == 3


def test_el_registro_y_el_esquema_openapi_lo_declaran():
    assert ORDENES["sirvio"].etiqueta == "Más útiles"
    for listado in ("buscar", "casos", "practicas"):
        assert "sirvio" in LISTADOS[listado].ordenes
    assert "sirvio" not in LISTADOS["redes"].ordenes  # las redes no reciben «nos sirvió»
    orden = next(
        p
        for p in esquema_openapi()["paths"]["/api/buscar/"]["get"]["parameters"]
        if p["name"] == "orden"
    )
    assert "sirvio" in orden["schema"]["enum"]
    assert "sirvio (más útiles)" in orden["description"]


def test_orden_desconocido_sigue_siendo_400_con_mensaje(tres):
    r = Client().get("/api/buscar/", {"orden": "utiles"})
    assert r.status_code == 400 and "orden" in r.json()["error"].lower()
