"""Biblioteca de casos: filtros facetados, conteos, ficha, relacionados, vista
imprimible, contenido inicial y edición en el admin de Wagtail."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client, TestCase
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from casos import contenido
from casos.models import CasoPage, CasosIndexPage, FuenteCaso
from portal.models import Caracteristica, Foco, Principio, TipoRed
from portal.paginas_base import cargar_base
from portal.permisos import EDITORES

# -- fábricas -----------------------------------------------------------------


def crear_indice(inicio):
    indice = CasosIndexPage.objects.first()
    if indice is None:
        indice = inicio.add_child(instance=CasosIndexPage(title="Casos", slug="casos"))
        indice.save_revision().publish()
    return indice


def crear_caso(indice, slug, publicar=True, **datos):
    """Crea un caso con sus etiquetas del marco dadas por slug."""
    focos = datos.pop("focos", [])
    principios = datos.pop("principios", [])
    caracteristicas = datos.pop("caracteristicas", [])
    tipo_red = datos.pop("tipo_red", None)
    relacionados = datos.pop("relacionados", [])
    datos.setdefault("pais", "Chile")
    datos.setdefault("resumen", f"Resumen de {slug}.")
    caso = CasoPage(
        title=datos.pop("title", f"Caso {slug}"),
        slug=slug,
        tipo_red=TipoRed.objects.get(slug=tipo_red) if tipo_red else None,
        **datos,
    )
    caso.focos.set(Foco.objects.filter(slug__in=focos))
    caso.principios.set(Principio.objects.filter(slug__in=principios))
    caso.caracteristicas.set(Caracteristica.objects.filter(slug__in=caracteristicas))
    caso.relacionados.set(CasoPage.objects.filter(slug__in=relacionados))
    caso.fuentes = [FuenteCaso(titulo="Fuente", institucion="DEP", url="https://ejemplo.cl/")]
    caso.live = publicar
    indice.add_child(instance=caso)
    revision = caso.save_revision()
    if publicar:
        revision.publish()
    return caso


# Un conjunto pequeño y variado. Las expectativas de las pruebas se calculan de
# estos datos con lógica de conjuntos en Python, no con el ORM que se prueba.
DATOS = {
    "rural-a": dict(
        ambito="chile",
        pais="Chile",
        tipo_red="microcentro-rural",
        focos=["capital-profesional"],
        principios=["pertinencia-territorial"],
        caracteristicas=["colaboracion-sostenida", "confianza"],
    ),
    "rural-b": dict(
        ambito="chile",
        pais="Chile",
        tipo_red="microcentro-rural",
        focos=["capital-profesional", "aprendizaje-profundo"],
        principios=["calidad-y-equidad"],
        caracteristicas=["colaboracion-sostenida"],
    ),
    "utp-c": dict(
        ambito="chile",
        pais="Chile",
        tipo_red="utp",
        focos=["procesos-y-resultados"],
        principios=["mejoramiento-continuo"],
        caracteristicas=["ciclos-de-indagacion", "liderazgo-distribuido"],
    ),
    "escocia-d": dict(
        ambito="internacional",
        pais="Escocia",
        tipo_red="politica-nacional",
        focos=["mejoramiento-sistemico"],
        principios=["calidad-y-equidad"],
        caracteristicas=["ciclos-de-indagacion", "liderazgo-distribuido"],
    ),
    "uruguay-e": dict(
        ambito="internacional",
        pais="Uruguay",
        tipo_red="politica-nacional",
        focos=["aprendizaje-profundo"],
        principios=["sistema-dinamico-y-complejo"],
        caracteristicas=["proposito-claro"],
    ),
    "colombia-f": dict(
        ambito="internacional",
        pais="Colombia",
        tipo_red="microcentro-rural",
        focos=["aprendizaje-profundo", "socioeducativo"],
        principios=["pertinencia-territorial"],
        caracteristicas=["participacion-comunidad", "colaboracion-sostenida"],
    ),
    "mexico-g": dict(
        ambito="internacional",
        pais="México",
        tipo_red="red-de-docentes",
        focos=["capital-profesional"],
        principios=["calidad-y-equidad"],
        caracteristicas=["liderazgo-distribuido", "confianza"],
    ),
}
FACETAS = {
    "ambito": lambda d: {d["ambito"]},
    "pais": lambda d: {d["pais"].lower().replace("é", "e")},
    "foco": lambda d: set(d["focos"]),
    "principio": lambda d: set(d["principios"]),
    "caracteristica": lambda d: set(d["caracteristicas"]),
    "tipo_red": lambda d: {d["tipo_red"]},
}


def esperados(filtros):
    """Slugs que deben listarse: O dentro de una faceta, Y entre facetas."""
    return {
        slug
        for slug, datos in DATOS.items()
        if all(FACETAS[param](datos) & set(valores) for param, valores in filtros.items())
    }


def listado(client, filtros=None, **extra):
    consulta = urlencode(filtros or {}, doseq=True)
    return client.get(f"/casos/?{consulta}", **extra)


def slugs_listados(respuesta):
    return {r.slug for r in respuesta.context["vista"].resultado.resultados}


class FiltrosDelListadoTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.indice = crear_indice(cargar_base())
        cls.casos = {slug: crear_caso(cls.indice, slug, **dict(d)) for slug, d in DATOS.items()}
        # Lo que nunca debe aparecer: borrador, despublicado y privado.
        crear_caso(
            cls.indice,
            "borrador",
            publicar=False,
            ambito="internacional",
            caracteristicas=["liderazgo-distribuido", "colaboracion-sostenida", "confianza"],
            focos=["capital-profesional"],
        )
        despublicado = crear_caso(
            cls.indice,
            "despublicado",
            ambito="internacional",
            caracteristicas=["liderazgo-distribuido", "colaboracion-sostenida", "confianza"],
            focos=["capital-profesional"],
        )
        despublicado.unpublish()
        privado = crear_caso(
            cls.indice,
            "privado",
            caracteristicas=["colaboracion-sostenida", "confianza"],
            focos=["capital-profesional"],
        )
        PageViewRestriction.objects.create(page=privado, restriction_type=PageViewRestriction.LOGIN)

    def test_sin_filtros_lista_solo_los_publicados_y_publicos(self):
        respuesta = listado(self.client)
        assert respuesta.status_code == 200
        assert slugs_listados(respuesta) == set(DATOS)
        assert respuesta.context["vista"].total == len(DATOS)

    def test_cada_opcion_de_cada_faceta_devuelve_exactamente_sus_casos(self):
        for param, extraer in FACETAS.items():
            valores = set().union(*(extraer(d) for d in DATOS.values()))
            for valor in valores:
                with self.subTest(param=param, valor=valor):
                    respuesta = listado(self.client, {param: [valor]})
                    assert respuesta.status_code == 200
                    assert slugs_listados(respuesta) == esperados({param: [valor]})

    def test_combinaciones_o_dentro_de_faceta_e_y_entre_facetas(self):
        combinaciones = [
            {"ambito": ["internacional"], "caracteristica": ["liderazgo-distribuido"]},
            {"foco": ["capital-profesional", "mejoramiento-sistemico"]},
            {"foco": ["aprendizaje-profundo"], "tipo_red": ["microcentro-rural"]},
            {
                "caracteristica": ["confianza", "proposito-claro"],
                "principio": ["calidad-y-equidad", "sistema-dinamico-y-complejo"],
            },
            {"pais": ["chile", "uruguay"], "foco": ["aprendizaje-profundo"]},
            {"ambito": ["chile"], "pais": ["escocia"]},  # combinación vacía
        ]
        for filtros in combinaciones:
            with self.subTest(filtros=filtros):
                assert slugs_listados(listado(self.client, filtros)) == esperados(filtros)
        assert esperados(combinaciones[0]), "la combinación del issue debe tener casos"

    def test_conteos_cuadran_con_lo_que_se_lista_al_marcar_la_opcion(self):
        seleccion = {"ambito": ["internacional"], "foco": ["aprendizaje-profundo"]}
        filtro = listado(self.client, seleccion).context["vista"]
        for faceta in filtro.facetas:
            if faceta.clave not in FACETAS:
                continue
            for opcion in faceta.opciones:
                # Conteo disyuntivo: la faceta propia se reemplaza por la opción.
                otra = {k: v for k, v in seleccion.items() if k != faceta.clave}
                otra[faceta.clave] = [opcion.valor]
                with self.subTest(faceta=faceta.clave, opcion=opcion.valor):
                    assert opcion.cantidad == len(esperados(otra))
                    assert opcion.cantidad == listado(self.client, otra).context["vista"].total

    def test_las_url_de_opciones_activan_y_quitan_el_filtro(self):
        respuesta = listado(self.client, {"foco": ["capital-profesional"]})
        filtro = respuesta.context["vista"]
        foco = next(f for f in filtro.facetas if f.clave == "foco")
        activa = next(o for o in foco.opciones if o.valor == "capital-profesional")
        otra = next(o for o in foco.opciones if o.valor == "socioeducativo")
        assert activa.seleccionado and not otra.seleccionado
        assert "foco=capital-profesional" not in activa.url
        assert "foco=capital-profesional" in otra.url and "foco=socioeducativo" in otra.url
        assert [a.etiqueta for a in filtro.activos] == [
            "Foco en el desarrollo de capital profesional"
        ]
        html = respuesta.content.decode()
        assert "checked" in html and "Aplicar filtros" in html
        assert f'href="{filtro.activos[0].url_quitar}"' in html

    def test_caracteristicas_agrupadas_por_dimension(self):
        filtro = listado(self.client).context["vista"]
        faceta = next(f for f in filtro.facetas if f.clave == "caracteristica")
        assert [g for g, _ in faceta.grupos] == ["Nuclear", "Territorial", "Individual"]
        individual = {o.valor for o in faceta.grupos[2][1]}
        # El motor ofrece las opciones que algún caso publicado tiene.
        usadas = {c for d in DATOS.values() for c in d["caracteristicas"]}
        assert individual == usadas & {"capital-profesional", "liderazgo-distribuido"}

    def test_slugs_inexistentes_se_ignoran_con_aviso(self):
        respuesta = listado(self.client, {"foco": ["no-existe"], "ambito": ["marte"]})
        assert respuesta.status_code == 200
        assert slugs_listados(respuesta) == set(DATOS)
        avisos = " ".join(respuesta.context["vista"].resultado.avisos)
        assert "no-existe»" in avisos and "marte»" in avisos
        assert "no-existe" in respuesta.content.decode()

    def test_valido_mas_inexistente_filtra_por_el_valido(self):
        filtros = {"foco": ["no-existe", "socioeducativo"]}
        respuesta = listado(self.client, filtros)
        assert slugs_listados(respuesta) == esperados({"foco": ["socioeducativo"]})

    def test_parametros_repetidos_no_duplican(self):
        respuesta = listado(self.client, {"foco": ["socioeducativo"] * 3})
        filtro = respuesta.context["vista"]
        assert len(filtro.activos) == 1
        assert filtro.parametros == "foco=socioeducativo"

    def test_basura_en_los_parametros_nunca_da_500(self):
        for consulta in [
            "foco=%00",
            "foco=<script>alert(1)</script>",
            "foco=" + "a" * 5000,
            "caracteristica=%E2%80%AE&pais=",
            "ambito[]=chile",
            "tipo_red=utp&tipo_red=utp&tipo_red=%FF",
            "&".join(f"foco=x{n}" for n in range(200)),
        ]:
            with self.subTest(consulta=consulta[:40]):
                respuesta = self.client.get(f"/casos/?{consulta}")
                assert respuesta.status_code == 200
                assert "<script>alert" not in respuesta.content.decode()

    def test_pagina_no_numerica_da_400_y_fuera_de_rango_avisa(self):
        """La misma regla que /buscar/ y la API (busqueda/parametros.py)."""
        for pagina in ["0", "-1", "abc", "1.5", "99999"]:
            with self.subTest(pagina=pagina):
                respuesta = self.client.get(f"/casos/?q=red&pagina={pagina}")
                assert respuesta.status_code == 400
                html = respuesta.content.decode()
                assert "página" in html.lower() and 'value="red"' in html
        respuesta = self.client.get("/casos/?pagina=7")
        assert respuesta.status_code == 200
        assert "La página 7 no existe" in respuesta.content.decode()
        assert self.client.get("/casos/?pagina=1").status_code == 200

    def test_paginacion_conserva_los_filtros(self):
        indice = self.indice
        for n in range(11):
            crear_caso(indice, f"extra-{n}", ambito="chile", focos=["socioeducativo"])
        respuesta = listado(self.client, {"foco": ["socioeducativo"]})
        filtro = respuesta.context["vista"]
        assert filtro.paginas == 2
        assert filtro.url_siguiente == "?foco=socioeducativo&pagina=2"
        segunda = self.client.get("/casos/" + filtro.url_siguiente)
        assert segunda.status_code == 200
        todos = slugs_listados(respuesta) | slugs_listados(segunda)
        assert todos == esperados({"foco": ["socioeducativo"]}) | {f"extra-{n}" for n in range(11)}

    def test_relacionados_por_lo_compartido_sin_borradores(self):
        """Peso: tipo de red 3, característica 2, foco 1 (busqueda/relacionados.py);
        a igual peso, el publicado más tarde primero (DATOS se crea en orden)."""
        respuesta = self.client.get("/casos/rural-a/")
        relacionados = [c.slug for c in respuesta.context["relacionados"]]
        propio = DATOS["rural-a"]
        orden = list(DATOS)

        def peso(d):
            return (
                3 * (d["tipo_red"] == propio["tipo_red"])
                + 2 * len(set(propio["caracteristicas"]) & set(d["caracteristicas"]))
                + len(set(propio["focos"]) & set(d["focos"]))
            )

        candidatos = [
            (-peso(d), -orden.index(slug), slug)
            for slug, d in DATOS.items()
            if slug != "rural-a" and peso(d) > 0
        ]
        assert relacionados == [slug for *_, slug in sorted(candidatos)[:3]]
        assert relacionados[0] == "rural-b"  # mismo tipo, característica y foco
        for oculto in ("borrador", "despublicado", "privado"):
            assert oculto not in relacionados
        # Bajo el título, país y tipo de red del caso relacionado.
        html = respuesta.content.decode()
        assert "Chile · Microcentro rural" in html or "Chile · " in html

    def test_relacionados_elegidos_por_el_editor_tienen_prioridad(self):
        caso = crear_caso(
            self.indice,
            "con-elegidos",
            caracteristicas=["colaboracion-sostenida"],
            relacionados=["uruguay-e", "borrador", "despublicado"],
        )
        respuesta = self.client.get(caso.url)
        assert [c.slug for c in respuesta.context["relacionados"]] == ["uruguay-e"]


# -- ficha, impresión y consultas -----------------------------------------------


@pytest.fixture
def biblioteca(inicio):
    indice = crear_indice(inicio)
    for slug, datos in DATOS.items():
        crear_caso(indice, slug, **dict(datos))
    return indice


@pytest.mark.django_db
def test_ficha_muestra_datos_etiquetas_enlazadas_fuentes_y_aviso(client, biblioteca):
    html = client.get("/casos/utp-c/").content.decode()
    assert "Ficha en revisión editorial" in html
    assert 'href="/casos/?foco=procesos-y-resultados"' in html
    assert 'href="/casos/?principio=mejoramiento-continuo"' in html
    assert 'href="/casos/?caracteristica=liderazgo-distribuido"' in html
    assert "https://ejemplo.cl/" in html
    assert 'href="/casos/utp-c/imprimir/"' in html


@pytest.mark.django_db
def test_etiquetas_libres_llevan_a_la_busqueda(client, biblioteca):
    caso = CasoPage.objects.get(slug="rural-a")
    caso.etiquetas.add("escuelas rurales")
    caso.save_revision().publish()
    html = client.get(caso.url).content.decode()
    assert 'href="/buscar/?etiqueta=escuelas-rurales"' in html


@pytest.mark.django_db
def test_ficha_revisada_no_muestra_aviso(client, biblioteca):
    caso = CasoPage.objects.get(slug="utp-c")
    caso.revisado_dep = True
    caso.save_revision().publish()
    assert "Ficha en revisión editorial" not in client.get(caso.url).content.decode()


@pytest.mark.django_db
def test_vista_imprimible_responde_con_la_ficha_completa(client, biblioteca):
    respuesta = client.get("/casos/escocia-d/imprimir/")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Caso escocia-d" in html and "https://ejemplo.cl/" in html
    assert 'name="robots" content="noindex"' in html
    assert client.get("/casos/escocia-d/otra-cosa/").status_code == 404


@pytest.mark.django_db
def test_caso_despublicado_da_404_en_ficha_e_imprimible(client, biblioteca):
    CasoPage.objects.get(slug="uruguay-e").unpublish()
    assert client.get("/casos/uruguay-e/").status_code == 404
    assert client.get("/casos/uruguay-e/imprimir/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "ruta",
    [
        "/casos/",
        "/casos/?ambito=internacional&caracteristica=liderazgo-distribuido&foco=capital-profesional",
        "/casos/rural-a/",
        "/casos/escocia-d/imprimir/",
    ],
)
def test_paginas_publicas_con_pocas_consultas(
    client, biblioteca, ruta, django_assert_max_num_queries
):
    # Primera visita: llena las cachés de proceso (sitio, tipos de contenido).
    client.get(ruta)
    # 15 + «nos sirvió» (su conteo) + la imagen 1200×630 de Open Graph (comunidad/)
    # + 2 de relacionados en la ficha: los casos elegidos por el editor, las opciones del
    # caso, los finalistas de ambos tipos y sus datos salen del índice en 4 consultas, y
    # el mapa de facetas en memoria, de donde salen los parecidos, se pone al día con 1.
    with django_assert_max_num_queries(19):
        assert client.get(ruta).status_code == 200


@pytest.mark.django_db
def test_programado_no_aparece_hasta_su_hora(client, biblioteca):
    indice = CasosIndexPage.objects.get()
    caso = crear_caso(indice, "programado", publicar=False, focos=["socioeducativo"])
    caso.go_live_at = timezone.now() + timedelta(hours=2)
    revision = caso.save_revision()
    revision.publish()
    caso.refresh_from_db()
    assert not caso.live
    assert "programado" not in slugs_listados(client.get("/casos/"))
    # Simula que llegó la hora: la revisión aprobada queda con fecha pasada.
    pasado = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = pasado
    revision.content["go_live_at"] = pasado.isoformat()
    revision.save()
    call_command("publish_scheduled")
    assert "programado" in slugs_listados(client.get("/casos/"))


@pytest.mark.django_db
def test_datos_busqueda_cumple_el_contrato(biblioteca):
    datos = CasoPage.objects.get(slug="escocia-d").datos_busqueda()
    assert datos["tipo"] == "caso"
    assert datos["facetas"]["ambito"] == [("internacional", "Internacional")]
    assert datos["facetas"]["pais"] == [("escocia", "Escocia")]
    assert {slug for slug, _ in datos["facetas"]["caracteristica"]} == {
        "ciclos-de-indagacion",
        "liderazgo-distribuido",
    }
    assert datos["facetas"]["tipo_red"] == [
        ("politica-nacional", "Política nacional o regional de redes")
    ]
    assert {slug for slug, _ in datos["facetas"]["dimension"]} == {"nuclear", "individual"}
    assert datos["facetas"]["slep"] == [] and datos["facetas"]["evidencia"] == []
    assert "Escocia" in datos["etiquetas"] and "Liderazgo distribuido" in datos["etiquetas"]
    assert datos["fecha"] is not None


# -- contenido inicial ----------------------------------------------------------

SLUGS = [
    "microcentros-rurales",
    "redes-de-mejoramiento-escolar",
    "red-belen-educa",
    "sip-red-de-colegios",
    "fundacion-chile-escuelas-lideres",
    "fundacion-educacional-arauco",
    "fundacion-oportunidad",
    "maestros-de-maestros",
    "pretec-red-de-ciencias",
    "proyecto-eleva",
    "escocia",
    "belgica",
    "australia",
    "austria",
    "inglaterra",
    "espana",
    "mexico",
    "uruguay",
    "colombia",
]


# -- admin de Wagtail ------------------------------------------------------------


def datos_formulario(caso, **cambios):
    datos = {
        "title": caso.title,
        "slug": caso.slug,
        "ambito": caso.ambito,
        "pais": caso.pais,
        "territorio": caso.territorio,
        "organizacion": caso.organizacion,
        "tipo_red": caso.tipo_red_id or "",
        "desde": caso.desde or "",
        "escala": caso.escala,
        "resumen": caso.resumen,
        "cuerpo": streamfield(
            [("seccion", {"titulo": "Cómo se organiza", "texto": rich_text("<p>Texto.</p>")})]
        ),
        "aprendizajes": rich_text("<p>Aprendizaje.</p>"),
        "focos": [str(f.pk) for f in caso.focos.all()],
        "principios": [str(p.pk) for p in caso.principios.all()],
        "caracteristicas": [str(c.pk) for c in caso.caracteristicas.all()],
        "etiquetas": "redes, uruguay",
        "fuentes": inline_formset(
            [
                {"id": str(f.pk), "titulo": f.titulo, "institucion": f.institucion, "url": f.url}
                for f in caso.fuentes.all()
            ],
            initial=caso.fuentes.count(),
        ),
        "comments": inline_formset([]),
    }
    datos.update(cambios)
    plano = nested_form_data(datos)
    # Las listas (selección múltiple) van sin aplanar.
    for campo in ("focos", "principios", "caracteristicas"):
        plano = {k: v for k, v in plano.items() if not k.startswith(f"{campo}-")}
        plano[campo] = datos[campo]
    return plano


class ContenidoInicialTest(TestCase):
    """Los 19 casos se cargan una vez para toda la clase (cada prueba se revierte)."""

    @classmethod
    def setUpTestData(cls):
        cls.inicio = cargar_base()
        contenido.cargar(cls.inicio)
        cls.editora = get_user_model().objects.create_user("editora", password="clave-123")
        cls.editora.groups.add(Group.objects.get(name=EDITORES))

    def test_contenido_carga_los_19_casos_completos(self):
        casos = {
            c.slug: c
            for c in CasoPage.objects.live().prefetch_related("focos", "caracteristicas", "fuentes")
        }
        assert sorted(casos) == sorted(SLUGS)
        for slug, caso in casos.items():
            assert not caso.revisado_dep, slug
            assert caso.focos.all(), slug
            assert caso.caracteristicas.all(), slug
            assert any(
                f.url.startswith("https://") or f.url.startswith("http://")
                for f in caso.fuentes.all()
            ), slug
            assert caso.url == f"/casos/{slug}/"
        internacionales = {s for s, c in casos.items() if c.ambito == "internacional"}
        assert len(internacionales) == 9 and len(casos) - len(internacionales) == 10
        for slug in internacionales:
            assert "pendiente de revisión DEP" in str(casos[slug].cuerpo), slug
        assert "escuelas rurales" in casos["microcentros-rurales"].resumen.lower() + str(
            casos["microcentros-rurales"].cuerpo
        )
        assert "Fundación Chile" in casos["proyecto-eleva"].title + casos["proyecto-eleva"].resumen
        respuesta = self.client.get(
            "/casos/?ambito=internacional&caracteristica=liderazgo-distribuido"
        )
        assert respuesta.status_code == 200 and slugs_listados(respuesta)
        for slug in SLUGS:
            assert self.client.get(f"/casos/{slug}/").status_code == 200, slug

    def test_carga_idempotente_y_no_pisa_ediciones(self):
        uruguay = CasoPage.objects.get(slug="uruguay")
        uruguay.resumen = "Resumen corregido por la DEP."
        uruguay.save_revision().publish()
        CasoPage.objects.get(slug="belgica").unpublish()
        paginas = CasoPage.objects.count()
        assert contenido.cargar(self.inicio) == 0
        call_command("load_initial_data")
        assert CasoPage.objects.count() == paginas
        assert CasoPage.objects.get(slug="uruguay").resumen == "Resumen corregido por la DEP."
        assert not CasoPage.objects.get(slug="belgica").live

    def test_editora_dep_edita_y_publica_el_resumen_de_uruguay(self):
        cliente = Client()
        cliente.force_login(self.editora)
        uruguay = CasoPage.objects.get(slug="uruguay")
        assert cliente.get(f"/admin/pages/{uruguay.pk}/edit/").status_code == 200
        nuevo = "Resumen revisado por la DEP: la Red Global de Aprendizajes en Uruguay."

        # Vista previa con el cambio, sin publicar.
        datos = datos_formulario(uruguay, resumen=nuevo)
        previa = cliente.post(f"/admin/pages/{uruguay.pk}/edit/preview/", datos)
        assert previa.status_code == 200 and previa.json()["is_valid"], previa.content[:500]
        assert nuevo in cliente.get(f"/admin/pages/{uruguay.pk}/edit/preview/").content.decode()
        assert nuevo not in Client().get("/casos/uruguay/").content.decode()

        # Publicar.
        datos["action-publish"] = "action-publish"
        respuesta = cliente.post(f"/admin/pages/{uruguay.pk}/edit/", datos)
        assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
        uruguay.refresh_from_db()
        assert uruguay.resumen == nuevo and uruguay.live
        assert uruguay.revisions.count() >= 2
        assert nuevo in Client().get("/casos/uruguay/").content.decode()


@pytest.mark.django_db
def test_editora_dep_crea_y_despublica_un_caso(biblioteca, editora):
    cliente = Client()
    cliente.force_login(editora)
    indice = CasosIndexPage.objects.get()
    crear = f"/admin/pages/add/casos/casopage/{indice.pk}/"
    assert cliente.get(crear).status_code == 200
    plantilla = CasoPage(
        title="Red nueva", slug="red-nueva", pais="Chile", resumen="Una red nueva."
    )
    datos = datos_formulario(plantilla, fuentes=inline_formset([]))
    datos["focos"] = [str(Foco.objects.get(slug="socioeducativo").pk)]
    # Vista previa de un caso que aún no existe.
    previa = cliente.post(f"{crear}preview/", datos)
    assert previa.status_code == 200 and previa.json()["is_valid"], previa.content[:500]
    assert "Una red nueva." in cliente.get(f"{crear}preview/").content.decode()

    datos["action-publish"] = "action-publish"
    respuesta = cliente.post(crear, datos)
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    caso = CasoPage.objects.get(slug="red-nueva")
    assert caso.live and caso.get_parent().pk == indice.pk
    assert Client().get("/casos/red-nueva/").status_code == 200

    respuesta = cliente.post(f"/admin/pages/{caso.pk}/unpublish/")
    assert respuesta.status_code == 302
    assert Client().get("/casos/red-nueva/").status_code == 404


@pytest.mark.django_db
def test_editores_dep_tienen_permiso_sobre_los_casos(biblioteca, editora):
    assert editora.groups.filter(name=EDITORES).exists()
    caso = CasoPage.objects.get(slug="colombia-f")
    permisos = caso.permissions_for_user(editora)
    assert permisos.can_edit() and permisos.can_publish() and permisos.can_unpublish()
