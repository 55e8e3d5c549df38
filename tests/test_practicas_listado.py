"""Prácticas públicas: listado con filtros, ficha, vista imprimible, búsqueda y demo."""

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from busqueda.registro import FACETAS
from portal.models import Caracteristica, Foco, NivelEducativo, Principio, Slep, TipoRed
from portal.permisos import COORDINADORES
from practicas import contenido, demo, flujo
from practicas.models import PracticaImagen, PracticaPage, PracticaRecurso, Red
from tests.test_practicas import pdf, png


@pytest.fixture
def indice(inicio):
    return contenido.cargar(inicio)


def red(slug, slep, tipo):
    return Red.objects.create(
        nombre=f"Red {slug}",
        slug=slug,
        tipo=TipoRed.objects.get(slug=tipo),
        slep=Slep.objects.get(slug=slep),
    )


def publicar(
    indice, titulo, la_red, focos=(), caracteristicas=(), niveles=(), evidencia="descrita", **extra
):
    pagina = PracticaPage(
        title=titulo,
        red=la_red,
        resumen=f"Resumen de {titulo}.",
        nivel_evidencia=evidencia,
        pasos=[("paso", "Primer paso")],
        **extra,
    )
    pagina.focos = list(Foco.objects.filter(slug__in=focos))
    pagina.caracteristicas = list(Caracteristica.objects.filter(slug__in=caracteristicas))
    pagina.niveles = list(NivelEducativo.objects.filter(slug__in=niveles))
    pagina.principios = list(Principio.objects.filter(slug="gobernanza"))
    pagina.etiquetas.set(["ruralidad"])
    indice.add_child(instance=pagina)
    pagina.save_revision().publish()
    return pagina


@pytest.fixture
def practicas(indice):
    utp = red("utp-barrancas", "barrancas", "utp")
    micro = red("micro-huasco", "huasco", "microcentro-rural")
    return {
        "lectura": publicar(
            indice,
            "Lectura en red",
            utp,
            focos=["aprendizaje-profundo"],
            caracteristicas=["ciclos-de-indagacion"],
            niveles=["basica"],
            evidencia="resultados",
        ),
        "multigrado": publicar(
            indice,
            "Planificación multigrado",
            micro,
            focos=["capital-profesional"],
            caracteristicas=["confianza"],
            niveles=["basica"],
        ),
        "monitoreo": publicar(
            indice,
            "Monitoreo de la red",
            micro,
            focos=["capital-profesional", "mejoramiento-sistemico"],
            caracteristicas=["ciclos-de-indagacion"],
            niveles=["media-hc"],
            evidencia="evaluada",
        ),
    }


def titulos(respuesta):
    return sorted(r.titulo for r in respuesta.context["vista"].resultado.resultados)


def test_listado_filtra_por_cada_faceta(practicas):
    c = Client()
    assert titulos(c.get("/practicas/")) == [
        "Lectura en red",
        "Monitoreo de la red",
        "Planificación multigrado",
    ]
    assert titulos(c.get("/practicas/?foco=capital-profesional")) == [
        "Monitoreo de la red",
        "Planificación multigrado",
    ]
    assert titulos(c.get("/practicas/?slep=barrancas")) == ["Lectura en red"]
    assert titulos(c.get("/practicas/?tipo_red=microcentro-rural&evidencia=evaluada")) == [
        "Monitoreo de la red"
    ]
    assert titulos(c.get("/practicas/?caracteristica=ciclos-de-indagacion&nivel=basica")) == [
        "Lectura en red"
    ]
    assert titulos(c.get("/practicas/?principio=gobernanza")) == [
        "Lectura en red",
        "Monitoreo de la red",
        "Planificación multigrado",
    ]
    html = c.get("/practicas/?slep=huasco").content.decode()
    # Facetas visibles con sus etiquetas y la explicación de los niveles de evidencia.
    for texto in (
        "SLEP",
        "Tipo de red",
        "Nivel educativo",
        "Nivel de evidencia",
        "Dimensión" if False else "Nuclear",
        "Con resultados observados",
    ):
        assert texto in html
    assert "todavía no reporta resultados" in html.lower()


def test_listado_no_muestra_borradores_ni_pide_pagina_inexistente(practicas, indice):
    borrador = PracticaPage(title="Borrador secreto", red=Red.objects.first(), live=False)
    indice.add_child(instance=borrador)
    c = Client()
    assert "Borrador secreto" not in c.get("/practicas/").content.decode()
    assert c.get(borrador.url or "/practicas/borrador-secreto/").status_code == 404
    fuera = c.get("/practicas/?pagina=99")
    assert fuera.status_code == 200 and "La página 99 no existe" in fuera.content.decode()
    assert c.get("/practicas/?pagina=abc").status_code == 400
    assert c.get("/practicas/?foco=<script>").status_code == 200


def test_listado_y_ficha_con_pocas_consultas(practicas, django_assert_max_num_queries):
    c = Client()
    c.get("/practicas/")  # calienta cachés de sitio
    with django_assert_max_num_queries(15):
        assert c.get("/practicas/?foco=capital-profesional&slep=huasco").status_code == 200
    pagina = practicas["monitoreo"]
    c.get(pagina.url)
    # 15 + relacionados (entre tipos, del índice: los finalistas en una consulta y el
    # mapa de facetas en memoria al día en otra) + «nos sirvió» + imagen de Open Graph
    # + sus adaptaciones publicadas (una consulta).
    with django_assert_max_num_queries(20):
        assert c.get(pagina.url).status_code == 200


def test_ficha_relacionadas_e_imprimible(practicas):
    c = Client()
    pagina = practicas["monitoreo"]
    respuesta = c.get(pagina.url)
    html = respuesta.content.decode()
    assert "Evaluada" in html and "evaluada de manera sistemática" in html
    relacionadas = [p.titulo for p in respuesta.context["relacionadas"]]
    assert relacionadas and set(relacionadas) <= {"Lectura en red", "Planificación multigrado"}
    assert f'href="{pagina.url}imprimir/"' in html
    impresa = c.get(pagina.url + "imprimir/")
    assert impresa.status_code == 200
    assert "versión para imprimir" in impresa.content.decode()
    assert "Monitoreo de la red" in impresa.content.decode()


def test_datos_busqueda_cumple_el_contrato(practicas):
    datos = PracticaPage.objects.get(pk=practicas["monitoreo"].pk).datos_busqueda()
    assert datos["tipo"] == "practica" and datos["titulo"] == "Monitoreo de la red"
    facetas = datos["facetas"]
    # Todas las facetas del registro (salvo "tipo", que agrega el indexador).
    assert set(facetas) == set(FACETAS) - {"tipo"}
    assert facetas["red"] == [(practicas["monitoreo"].red.slug, practicas["monitoreo"].red.nombre)]
    assert facetas["ambito"] == [("chile", "Chile")]
    assert facetas["slep"] == [("huasco", "SLEP Huasco")]
    assert facetas["evidencia"] == [("evaluada", "Evaluada")]
    assert facetas["dimension"] == [("nuclear", "Nuclear")]
    assert ("ruralidad", "ruralidad") in facetas["etiqueta"]
    assert "Primer paso" in datos["cuerpo"]
    assert "Huasco" in datos["etiquetas"] and "Microcentro rural" in datos["etiquetas"]
    assert datos["fecha"] is not None


def test_archivos_se_publican_al_aprobar(indice, crear_usuario, editora):
    from tests.test_practicas import accion_admin, cliente, datos

    coordinadora = crear_usuario("coordinadora", grupo=COORDINADORES)
    la_red = red("red-a", "barrancas", "utp")
    la_red.coordinadores.add(coordinadora)
    c = cliente(coordinadora)
    c.post(
        "/practicas/publicar/",
        {**datos(la_red), "imagen": png(), "pie_imagen": "Foto", "documento": pdf(), "enviar": "1"},
    )
    pagina = PracticaPage.objects.get()
    documento = get_document_model().objects.get()
    assert Client().get(documento.url).status_code != 200
    accion_admin(cliente(editora), pagina, "approve")
    documento.refresh_from_db()
    assert documento.collection.name == "Prácticas publicadas"
    assert get_image_model().objects.get().collection.name == "Prácticas publicadas"
    pagina.refresh_from_db()
    html = Client().get(pagina.url).content.decode()
    assert documento.url in html and 'alt="Foto"' in html
    assert Client().get(documento.url).status_code == 200


def test_contenido_crea_indice_y_flujo_idempotente(inicio):
    primero = contenido.cargar(inicio)
    segundo = contenido.cargar(inicio)
    assert primero.pk == segundo.pk and primero.url == "/practicas/"
    flujo_dep = primero.get_workflow()
    assert flujo_dep.name == "Revisión DEP"
    tarea = flujo_dep.tasks.get().specific
    assert [g.name for g in tarea.groups.all()] == ["Editores DEP"]
    assert flujo.coleccion_revision().get_view_restrictions().exists()


def test_demo_carga_redes_y_practicas_de_ejemplo(inicio, settings, crear_usuario):
    settings.DEBUG = True
    call_command("load_initial_data", "--demo", stdout=open("/dev/null", "w"))
    call_command("load_initial_data", "--demo", stdout=open("/dev/null", "w"))
    assert PracticaPage.objects.live().count() == len(demo.PRACTICAS)
    assert not PracticaPage.objects.filter(es_ejemplo=False).exists()
    for slep in Slep.objects.all():
        assert 2 <= Red.objects.filter(slep=slep).count() <= 4
    assert Red.objects.filter(coordinadores__username="coordinadora").exists()
    assert Red.objects.filter(coordinadores__username="coordinador2").exists()
    html = Client().get("/practicas/").content.decode()
    assert "Ejemplo" in html
    ficha = Client().get(PracticaPage.objects.first().url).content.decode()
    assert "Ejemplo de demostración" in ficha
    # Las recursos e imágenes no se inventan en la demo.
    assert not PracticaImagen.objects.exists() and not PracticaRecurso.objects.exists()
