"""Issue 16, contenido: aviso de revisión coherente, «Marcar revisados por la
DEP» en lote, descripciones del marco y la ficha de PRETeC."""

import pytest
from django.test import Client
from django.urls import reverse

from casos import contenido as contenido_casos
from casos.models import CasoPage
from portal import taxonomia
from portal.models import Caracteristica, Riesgo
from tests.test_casos import DATOS, crear_caso, crear_indice

pytestmark = pytest.mark.django_db

NUCLEARES = [c for c in taxonomia.CARACTERISTICAS if c[0] == "nuclear"]


def test_caracteristicas_nucleares_y_riesgos_tienen_descripcion(inicio, client):
    assert len(NUCLEARES) == 6 and len(taxonomia.RIESGOS) == 6
    for _dim, slug, _nombre, _desc in NUCLEARES:
        assert len(Caracteristica.objects.get(slug=slug).descripcion) > 60, slug
    for slug, _nombre, _desc in taxonomia.RIESGOS:
        assert len(Riesgo.objects.get(slug=slug).descripcion) > 60, slug
    html = client.get("/marco/riesgos/").content.decode()
    assert "imponer su agenda" in html  # Luchas de poder, con su descripción


def test_descripciones_completan_lo_vacio_sin_pisar_a_la_dep(inicio):
    editada = Riesgo.objects.get(slug="luchas-de-poder")
    editada.descripcion = "Texto de la DEP."
    editada.save()
    vacia = Caracteristica.objects.get(slug="confianza")
    vacia.descripcion = ""
    vacia.save()
    taxonomia.cargar()
    editada.refresh_from_db()
    vacia.refresh_from_db()
    assert editada.descripcion == "Texto de la DEP."
    assert vacia.descripcion.startswith("Las personas se sienten seguras")


def test_aviso_de_revision_coherente_con_el_indice(inicio, client):
    contenido_casos.cargar(inicio)
    indice = client.get("/casos/").content.decode()
    ficha = client.get("/casos/escocia/").content.decode()
    assert "Ficha en revisión editorial" in ficha
    assert "aún no la revisa" not in ficha
    assert "revisó diez experiencias" not in indice
    assert "Ficha en revisión editorial" in indice


def test_pretec_dice_que_falta_y_a_quien_pedirlo(inicio, client):
    contenido_casos.cargar(inicio)
    html = client.get("/casos/pretec-red-de-ciencias/").content.decode()
    assert "Qué falta para completar esta ficha" in html
    assert "A quién pedirlo" in html
    assert "escriba a la DEP" in html


def test_marcar_varios_casos_revisados_en_lote(inicio, editora):
    indice = crear_indice(inicio)
    for slug, datos in DATOS.items():
        crear_caso(indice, slug, **dict(datos))
    casos = list(CasoPage.objects.order_by("pk")[:2])
    otro = CasoPage.objects.exclude(pk__in=[c.pk for c in casos]).first()
    c = Client()
    c.force_login(editora)
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "marcar_revisados_dep"))
        + "?"
        + "&".join(f"id={caso.pk}" for caso in casos)
        + f"&next=/admin/pages/{indice.pk}/"
    )
    confirmar = c.get(url)
    assert confirmar.status_code == 200
    assert "Marcar revisados por la DEP" in confirmar.content.decode()
    respuesta = c.post(url, {}, follow=True)
    assert "Se marcaron 2 casos como revisados por la DEP." in respuesta.content.decode()
    for caso in casos:
        caso.refresh_from_db()
        assert caso.revisado_dep and caso.live and not caso.has_unpublished_changes
        assert caso.get_latest_revision().user == editora
        assert "Ficha en revisión editorial" not in Client().get(caso.url).content.decode()
    otro.refresh_from_db()
    assert not otro.revisado_dep
    # La acción aparece en el listado de casos.
    listado = c.get(f"/admin/pages/{indice.pk}/").content.decode()
    assert "Marcar revisados por la DEP" in listado
