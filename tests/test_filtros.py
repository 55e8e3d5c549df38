"""portal/filtros.py sobre modelos simples (comunas de los SLEP), sin páginas."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from portal.filtros import MAX_VALORES, Faceta, FiltroFacetado
from portal.models import Comuna, Region, Slep

pytestmark = pytest.mark.django_db

FILTRO = FiltroFacetado(
    [
        Faceta(
            "slep",
            "SLEP",
            campo="slep",
            opciones=Slep.objects.select_related("region"),
            agrupar_por="region",
        ),
        Faceta("region", "Región", campo="region", opciones=Region.objects.all()),
        Faceta("comuna", "Comuna", campo="slug", campo_nombre="nombre"),
    ],
    por_pagina=4,
    conservar=("orden",),
)


def aplicar(consulta):
    return FILTRO.aplicar(RequestFactory().get(f"/?{consulta}"), Comuna.objects.order_by("slug"))


def test_o_dentro_de_faceta_e_y_entre_facetas():
    resultado = aplicar("slep=huasco&slep=barrancas&region=atacama&pagina=1")
    esperadas = set(Comuna.objects.filter(slep__slug="huasco").values_list("slug", flat=True))
    todas = {c.slug for c in resultado.paginador.object_list}
    assert todas == esperadas


def test_conteos_disyuntivos_usan_las_otras_facetas():
    resultado = aplicar("slep=huasco")
    region = next(f for f in resultado.facetas if f.parametro == "region")
    cantidades = {o.valor: o.cantidad for o in region.opciones}
    assert cantidades == {
        r.slug: Comuna.objects.filter(slep__slug="huasco", region=r).count()
        for r in Region.objects.all()
    }
    slep = next(f for f in resultado.facetas if f.parametro == "slep")
    # La faceta propia no se filtra a sí misma: cada SLEP muestra todas sus comunas.
    assert {o.valor: o.cantidad for o in slep.opciones} == {
        s.slug: s.comunas.count() for s in Slep.objects.all()
    }


def test_agrupa_opciones_y_marca_seleccionadas():
    resultado = aplicar("slep=costa-araucania")
    slep = next(f for f in resultado.facetas if f.parametro == "slep")
    assert slep.agrupada
    grupos = {g.nombre: [o.valor for o in g.opciones] for g in slep.grupos}
    assert grupos["La Araucanía"] == ["costa-araucania"]
    assert [o.valor for o in slep.seleccionadas] == ["costa-araucania"]


def test_pocas_consultas_sin_importar_la_cantidad_de_opciones(django_assert_max_num_queries):
    # Dos facetas de términos (una consulta cada una), una para la de valores,
    # más el conteo y la página de resultados.
    with django_assert_max_num_queries(5):
        resultado = aplicar("slep=huasco&comuna=vallenar&comuna=freirina")
        list(resultado.pagina.object_list)


def test_urls_conservan_parametros_ajenos_declarados_y_quitan_la_pagina():
    resultado = aplicar("orden=nombre&slep=huasco&otro=x&pagina=1")
    assert resultado.querystring == "orden=nombre&slep=huasco"
    assert resultado.url_limpiar == "?orden=nombre"
    assert resultado.activos[0].url_quitar == "?orden=nombre"
    barrancas = next(o for f in resultado.facetas for o in f.opciones if o.valor == "barrancas")
    assert barrancas.url == "?orden=nombre&slep=huasco&slep=barrancas"


def test_valores_invalidos_inexistentes_y_demasiados():
    resultado = aplicar(
        "comuna=%3Cb%3E&comuna=atlantida&region=" + "&region=".join(f"x{n}" for n in range(50))
    )
    assert resultado.total == Comuna.objects.count()
    avisos = " ".join(resultado.avisos)
    assert "no válido" in avisos and "«atlantida»" in avisos
    assert f"primeras {MAX_VALORES}" in avisos


@pytest.mark.parametrize("pagina", ["99", "0", "uno"])
def test_pagina_inexistente_lanza_404(pagina):
    with pytest.raises(Http404):
        aplicar(f"pagina={pagina}")


def test_faceta_sin_opciones_es_un_error_de_programacion():
    with pytest.raises(ValueError):
        Faceta("x", "X", campo="x")
