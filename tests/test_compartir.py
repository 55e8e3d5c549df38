"""Vista previa al compartir: Open Graph con título, resumen e imagen; favicon."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from practicas import demo
from practicas.models import PracticaPage
from tests.test_casos import crear_caso, crear_indice


def meta(html, propiedad):
    m = re.search(rf'<meta property="{re.escape(propiedad)}" content="([^"]*)"', html)
    return m.group(1) if m else None


def imagen_png(titulo="Encuentro del microcentro"):
    datos = io.BytesIO()
    PILImage.new("RGB", (1600, 900), "#336699").save(datos, "PNG")
    return get_image_model().objects.create(
        title=titulo, file=ImageFile(io.BytesIO(datos.getvalue()), name="encuentro.png")
    )


@pytest.fixture
def indice(inicio):
    return crear_indice(inicio)


def test_caso_con_imagen_comparte_titulo_resumen_e_imagen(client, indice):
    crear_caso(
        indice,
        "microcentros-rurales",
        title="Microcentros rurales",
        resumen="Docentes rurales que se reúnen cada mes para aprender juntos.",
        imagen=imagen_png(),
    )
    html = client.get("/casos/microcentros-rurales/").content.decode()
    assert meta(html, "og:title") == "Microcentros rurales"
    assert (
        meta(html, "og:description")
        == "Docentes rurales que se reúnen cada mes para aprender juntos."
    )
    assert meta(html, "og:url") == "http://testserver/casos/microcentros-rurales/"
    assert meta(html, "og:type") == "article"
    imagen = meta(html, "og:image")
    assert imagen.startswith("http://testserver/") and ".fill-1200x630" in imagen
    assert meta(html, "og:image:width") == "1200"
    assert meta(html, "og:image:alt") == "Encuentro del microcentro"
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_practica_sin_imagen_usa_la_de_trama(client, inicio):
    demo.cargar(inicio)
    practica = PracticaPage.objects.live().first()
    html = client.get(practica.url).content.decode()
    assert meta(html, "og:title") == (practica.seo_title or practica.title)
    assert meta(html, "og:description").startswith(practica.resumen[:40].strip())
    assert meta(html, "og:image").endswith("/static/img/trama-compartir.png")


def test_favicon_en_cada_pagina_y_en_la_raiz(client, inicio):
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg"' in html
    assert meta(html, "og:site_name") == "Trama"
    r = client.get("/favicon.ico")
    assert r.status_code == 301 and r["Location"] == "/static/img/favicon.ico"


def test_pagina_de_red_comparte_su_nombre_y_proposito(rf, inicio):
    from django.template import RequestContext, Template

    from portal.models import Slep, TipoRed
    from practicas.models import Red

    red = Red.objects.create(
        nombre="Microcentro Los Copihues",
        slug="copihues",
        tipo=TipoRed.objects.first(),
        slep=Slep.objects.first(),
        proposito="Escuelas rurales que planifican juntas.",
    )
    request = rf.get("/redes/copihues/")
    html = Template("{% load compartir %}{% etiquetas_compartir %}").render(
        RequestContext(request, {"red": red})
    )
    assert meta(html, "og:title") == "Microcentro Los Copihues"
    assert meta(html, "og:description") == "Escuelas rurales que planifican juntas."
    assert meta(html, "og:url") == "http://testserver/redes/copihues/"
