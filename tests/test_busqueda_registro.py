"""Registro de facetas y dependencias: lo que el motor ofrece lo acepta, y el índice
sigue a los datos (renombrar un término se ve en la búsqueda sin `reindexar`)."""

from urllib.parse import urlencode

import pytest
from django.db import transaction

from busqueda.indice import dependientes_de
from busqueda.models import Documento
from busqueda.registro import FACETAS, LISTADOS, ORDENES, TIPOS_DOCUMENTO, facetas_del_listado

casos_modelos = pytest.importorskip("casos.models")


@pytest.fixture(scope="module")
def _casos_del_modulo(django_db_setup, django_db_blocker):
    from casos.contenido import cargar
    from portal.paginas_base import cargar_base

    with django_db_blocker.unblock(), transaction.atomic():
        cargar(cargar_base())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def casos(_casos_del_modulo, inicio):
    return casos_modelos.CasoPage.objects.all()


def test_registro_declara_cada_faceta_una_vez_con_su_origen():
    claves = [f.clave for f in FACETAS.values()]
    assert len(claves) == len(set(claves))
    tipos = {t.clave for t in TIPOS_DOCUMENTO}
    for faceta in FACETAS.values():
        assert set(faceta.origen) <= tipos, faceta.clave
        assert faceta.etiqueta
    # Cada listado fijo filtra por un tipo registrado y muestra facetas del registro.
    for listado in LISTADOS.values():
        assert set(listado.fijos.get("tipo", [])) <= tipos
        assert set(listado.ordenes) <= set(ORDENES)
        assert all(f.clave in FACETAS for f in facetas_del_listado(listado.clave))


def test_toda_etiqueta_ofrecida_filtra_a_su_conteo_con_tildes_y_enie(client, casos):
    """Propiedad: cada valor de cada faceta de la respuesta, pedido por la URL, da
    exactamente su conteo (incluye etiquetas como «educación rural»)."""
    d = client.get("/api/buscar/", {"por_pagina": 1}).json()
    con_tilde = [o["valor"] for o in d["facetas"]["etiqueta"] if not o["valor"].isascii()]
    assert con_tilde, "el contenido real tiene etiquetas con tildes o ñ"
    for faceta, opciones in d["facetas"].items():
        for opcion in opciones:
            r = client.get("/api/buscar/?" + urlencode({faceta: opcion["valor"], "por_pagina": 1}))
            assert r.status_code == 200, (faceta, opcion["valor"], r.content)
            assert r.json()["total"] == opcion["cantidad"], (faceta, opcion["valor"])
            assert not r.json()["avisos"], (faceta, opcion["valor"])


def test_mayusculas_y_formas_unicode_del_valor_no_dan_400(client, casos):
    import unicodedata

    d = client.get("/api/buscar/").json()
    valor = next(o["valor"] for o in d["facetas"]["etiqueta"] if not o["valor"].isascii())
    descompuesto = unicodedata.normalize("NFD", valor)
    r = client.get("/api/buscar/", {"etiqueta": descompuesto})
    assert r.status_code == 200 and r.json()["total"] > 0


def test_renombrar_un_foco_se_encuentra_por_el_nombre_nuevo(
    client, casos, django_capture_on_commit_callbacks
):
    from portal.models import Foco

    foco = Foco.objects.get(slug="socioeducativo")
    usan = casos_modelos.CasoPage.objects.live().filter(focos=foco).count()
    assert usan
    assert client.get("/api/buscar/", {"q": "zarzaparrilla"}).json()["total"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        foco.nombre = "Foco zarzaparrilla comunitaria"
        foco.save()
    d = client.get("/api/buscar/", {"q": "zarzaparrilla"}).json()
    assert d["total"] == usan
    etiquetas = {o["valor"]: o["etiqueta"] for o in d["facetas"]["foco"]}
    assert etiquetas["socioeducativo"] == "Foco zarzaparrilla comunitaria"


def test_renombrar_en_el_admin_tambien_reindexa(
    client, casos, editora, django_capture_on_commit_callbacks
):
    from portal.models import TipoRed

    tipo = TipoRed.objects.get(slug="microcentro-rural")
    client.force_login(editora)
    from django.urls import reverse

    url = reverse("wagtailsnippets_portal_tipored:edit", args=[tipo.pk])
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            url,
            {
                "nombre": "Microcentro de cordillera",
                "slug": tipo.slug,
                "descripcion": "",
                "orden": 1,
            },
        )
    assert r.status_code == 302, r.content.decode()[:2000]
    tipo.refresh_from_db()
    assert tipo.nombre == "Microcentro de cordillera"
    client.logout()
    d = client.get("/api/buscar/", {"q": "cordillera microcentro"}).json()
    assert "microcentros-rurales" in [x["slug"] for x in d["resultados"]]


def test_dependientes_solo_lo_indexado(casos):
    from portal.models import Foco

    foco = Foco.objects.get(slug="socioeducativo")
    claves = dependientes_de(foco)
    assert claves
    assert set(claves) <= set(Documento.objects.values_list("clave", flat=True))


def test_microcentros_rurales_lleva_a_una_practica_de_microcentro_y_viceversa(
    client, inicio, settings
):
    from django.core.management import call_command

    from practicas.models import PracticaPage

    settings.DEBUG = True
    call_command("load_initial_data", "--demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    caso = casos_modelos.CasoPage.objects.get(slug="microcentros-rurales")
    r = client.get(caso.url)
    practicas = r.context["practicas_relacionadas"]
    assert practicas, "el caso debe mostrar prácticas relacionadas"
    primera = PracticaPage.objects.get(pk=practicas[0].page_id)
    assert primera.red.tipo.slug == "microcentro-rural"
    assert f'href="{primera.url}"' in r.content.decode()
    # Y la práctica de microcentro muestra el caso.
    r = client.get(primera.url)
    assert "microcentros-rurales" in [d.slug for d in r.context["casos_relacionados"]]


def test_enlaces_de_etiqueta_red_y_slep_de_las_fichas_filtran(client, inicio, settings):
    """Ningún enlace de ficha lleva a un 400: etiquetas con tildes incluidas."""
    import re

    from django.core.management import call_command

    from practicas.models import PracticaPage

    settings.DEBUG = True
    call_command("load_initial_data", "--demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    paginas = list(casos_modelos.CasoPage.objects.live()[:6]) + list(
        PracticaPage.objects.live()[:4]
    )
    probados = 0
    for pagina in paginas:
        html = client.get(pagina.url).content.decode()
        for href in set(re.findall(r'href="([^"]*\?(?:etiqueta|red|slep|tipo_red)=[^"]*)"', html)):
            r = client.get(href.replace("&amp;", "&"))
            assert r.status_code == 200, href
            assert r.context["vista"].total > 0, href
            assert not r.context["vista"].resultado.avisos, href
            probados += 1
    assert probados > 10
