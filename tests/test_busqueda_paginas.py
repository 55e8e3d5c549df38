"""Búsqueda sobre las páginas reales (casos y prácticas): contenido de los 19 casos,
índice al día al publicar/despublicar/mover/borrar, borradores y revisiones nunca
visibles, Elasticsearch caído sin romper la publicación."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from wagtail.models import PageViewRestriction

from busqueda.evaluacion import evaluar
from busqueda.models import Documento, Pendiente
from busqueda.motores.local import MotorLocal

casos_modelos = pytest.importorskip("casos.models")
CONSULTAS = Path(__file__).resolve().parent.parent / "busqueda" / "consultas_juzgadas.json"
URL_CAIDA = "http://127.0.0.1:9"  # puerto cerrado: Elasticsearch "caído" de verdad


@pytest.fixture(scope="module")
def _casos_del_modulo(django_db_setup, django_db_blocker):
    """Carga los 19 casos UNA vez por módulo dentro de una transacción que se deshace al
    final; cada prueba corre en un punto de guardado propio (como setUpTestData)."""
    from casos.contenido import cargar
    from portal.paginas_base import cargar_base

    with django_db_blocker.unblock(), transaction.atomic():
        cargar(cargar_base())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def casos(_casos_del_modulo, inicio):
    return casos_modelos.CasoPage.objects.all()


def api(client, **params):
    r = client.get("/api/buscar/", params)
    assert r.status_code == 200, r.content
    return r.json()


def slugs(client, q, **params):
    return [x["slug"] for x in api(client, q=q, **params)["resultados"]]


def test_escuelas_rurales_muestra_microcentros_primero_con_fragmento(client, casos):
    d = api(client, q="escuelas rurales")
    primero = d["resultados"][0]
    assert primero["slug"] == "microcentros-rurales"
    assert primero["url"] == "/casos/microcentros-rurales/"
    assert any("<mark>" in f for f in primero["fragmentos"])
    html = client.get("/buscar/", {"q": "escuelas rurales"}).content.decode()
    assert html.index("microcentros-rurales") < html.index("/casos/colombia/")


@pytest.mark.parametrize(
    "a,b",
    [("educación pública", "educacion publica"), ("Escocia", "ESCOCIA"), ("rural", "rurales")],
)
def test_variantes_en_contenido_real(client, casos, a, b):
    assert slugs(client, a)[:1] == slugs(client, b)[:1] != []


def test_evaluacion_con_el_contenido_real_llega_a_la_meta(casos):
    datos = json.loads(CONSULTAS.read_text(encoding="utf-8"))
    informe = evaluar(MotorLocal(), datos)
    assert informe["ndcg"] >= 0.9, informe["filas"]
    assert informe["mrr"] >= 0.9


def test_facetas_reales_cuadran(client, casos):
    d = api(client)
    assert d["total"] == 19
    for faceta in ("ambito", "foco", "caracteristica", "pais"):
        for opcion in d["facetas"][faceta]:
            assert api(client, **{faceta: opcion["valor"]})["total"] == opcion["cantidad"]


def test_borrador_no_aparece_y_lo_publicado_sigue(client, casos):
    pagina = casos.get(slug="microcentros-rurales")
    pagina.title = "Título en borrador zzqx"
    pagina.save_revision()
    assert slugs(client, "zzqx") == []
    assert slugs(client, "microcentros")[0] == "microcentros-rurales"


def test_despublicar_y_volver_a_publicar(client, casos):
    pagina = casos.get(slug="escocia")
    pagina.unpublish()
    assert "escocia" not in slugs(client, "escocia")
    pagina.get_latest_revision().publish()
    assert slugs(client, "escocia")[0] == "escocia"


def test_publicar_cambios_actualiza(client, casos):
    pagina = casos.get(slug="uruguay").get_latest_revision_as_object()
    pagina.title = "Uruguay: red de escuelas con nombre nuevo qqwz"
    pagina.save_revision().publish()
    assert slugs(client, "qqwz") == ["uruguay"]


def test_borrar_quita_del_indice(client, casos):
    casos.get(slug="mexico").delete()
    assert "mexico" not in slugs(client, "mexico")
    assert not Documento.objects.filter(slug="mexico").exists()


def test_mover_actualiza_la_url(client, casos, inicio):
    otro = inicio.add_child(instance=casos_modelos.CasosIndexPage(title="Archivo", slug="archivo"))
    otro.save_revision().publish()
    casos.get(slug="austria").move(otro, pos="last-child")
    d = api(client, q="austria")
    assert d["resultados"][0]["url"] == "/archivo/austria/"


def test_restriccion_de_vista_saca_del_indice(client, casos):
    pagina = casos.get(slug="belgica")
    restriccion = PageViewRestriction.objects.create(
        page=pagina, restriction_type=PageViewRestriction.PASSWORD, password="secreto"
    )
    assert "belgica" not in slugs(client, "belgica")
    restriccion.delete()
    assert slugs(client, "belgica")[0] == "belgica"


def test_practicas_publicadas_si_en_revision_no(client, inicio, coordinadora):
    practicas = pytest.importorskip("practicas.models")
    from practicas import demo
    from practicas.flujo import enviar_a_revision

    demo.cargar(inicio)
    publicadas = practicas.PracticaPage.objects.live()
    assert publicadas.exists()
    d = api(client, tipo="practica")
    assert d["total"] == publicadas.count()
    una = publicadas.first()
    assert slugs(client, una.title)[0] == una.slug

    indice = practicas.PracticasIndexPage.objects.first()
    nueva = practicas.PracticaPage(
        title="Práctica en revisión kkvw",
        slug="practica-en-revision-kkvw",
        red=una.red,
        resumen="Aún no aprobada.",
        live=False,
        owner=coordinadora,
    )
    indice.add_child(instance=nueva)
    nueva.save_revision(user=coordinadora)
    enviar_a_revision(nueva, coordinadora)
    assert slugs(client, "kkvw") == []
    assert api(client, tipo="practica")["total"] == publicadas.count()


def test_reindexar_reconstruye_con_progreso(casos):
    Documento.objects.all().delete()
    salida = StringIO()
    call_command("reindexar", stdout=salida)
    assert "19/19" in salida.getvalue()
    assert Documento.objects.count() == 19


def test_evaluar_busqueda_imprime_por_consulta_y_total(casos):
    salida = StringIO()
    call_command("evaluar_busqueda", str(CONSULTAS), "--minimo", "0.9", stdout=salida)
    texto = salida.getvalue()
    assert "microcentros" in texto and "TOTAL (12 consultas): nDCG@10 = " in texto
    with pytest.raises(CommandError):
        call_command("evaluar_busqueda", "/no/existe.json", stdout=StringIO())


def test_elasticsearch_caido_no_impide_publicar_y_queda_pendiente(
    client, casos, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = URL_CAIDA
    pagina = casos.get(slug="australia").get_latest_revision_as_object()
    pagina.title = "Australia: redes con título nuevo ppxz"
    with django_capture_on_commit_callbacks(execute=True):
        pagina.save_revision().publish()
    # El local se actualizó y la búsqueda responde desde él, diciéndolo.
    d = api(client, q="ppxz")
    assert d["motor"] == "local"
    assert [x["slug"] for x in d["resultados"]] == ["australia"]
    assert any("índice local" in a for a in d["avisos"])
    pendiente = Pendiente.objects.get(page_id=pagina.pk)
    assert pendiente.accion == "indexar" and pendiente.intentos == 1
    with pytest.raises(CommandError):
        call_command("reindexar", "--pendientes", stdout=StringIO())
    assert Pendiente.objects.get(page_id=pagina.pk).intentos == 2


def test_load_initial_data_repara_un_indice_desfasado(casos, inicio):
    from busqueda.contenido import cargar

    assert cargar(inicio) == 0  # al día: no hace nada
    Documento.objects.all().delete()
    assert cargar(inicio) == 19
    assert Documento.objects.count() == 19
