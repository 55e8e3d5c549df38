"""El marco del estudio queda cargado con las etiquetas exactas de DOMINIO.md."""

import pytest

from portal import taxonomia
from portal.models import (
    Caracteristica,
    Comuna,
    Dimension,
    Foco,
    NivelEducativo,
    Principio,
    Riesgo,
    Slep,
    TipoRed,
)

pytestmark = pytest.mark.django_db


def nombres(modelo):
    return list(modelo.objects.values_list("nombre", flat=True))


def test_focos_exactos_y_en_orden():
    assert nombres(Foco) == [
        "Foco en lo socioeducativo",
        "Foco en procesos y resultados",
        "Foco en el desarrollo de capital profesional",
        "Foco en el mejoramiento sistémico",
        "Foco en el aprendizaje profundo",
    ]


def test_principios_exactos_y_en_orden():
    assert nombres(Principio) == [
        "Mejoramiento continuo",
        "Calidad y equidad",
        "Gobernanza",
        "Sistema dinámico y complejo",
        "Pertinencia territorial",
    ]


def test_diez_caracteristicas_cada_una_en_su_dimension():
    por_dimension = {
        d.nombre: [c.nombre for c in d.caracteristicas.order_by("orden")]
        for d in Dimension.objects.all()
    }
    assert por_dimension == {
        "Nuclear": [
            "Propósito claro y ambicioso",
            "Colaboración sostenida",
            "Gestión del conocimiento en movimiento",
            "Orientación a la mejora con ciclos de indagación colaborativa",
            "Confianza personal y profesional",
            "Corresponsabilidad: cumplir lo comprometido",
        ],
        "Territorial": [
            "Vinculación con organizaciones socioeducativas",
            "Participación de la comunidad educativa",
        ],
        "Individual": ["Capital profesional", "Liderazgo distribuido"],
    }
    assert Caracteristica.objects.count() == 10


def test_seis_riesgos():
    assert nombres(Riesgo) == [
        "Luchas de poder",
        "Competencia al interior de la red, fragmentación",
        "Roles y responsabilidades difusas",
        "Conocimiento que no se comparte de manera recíproca",
        "Ilusión de asociación (“compañero durmiente”)",
        "Cooperación fabricada y colegialidad controlada (“instrumentalización”)",
    ]


def test_tipos_de_red_del_estudio_y_niveles():
    tipos = set(nombres(TipoRed))
    for esperado in [
        "Microcentro rural",
        "Red de mejoramiento escolar",
        "Red temática",
        "Red de UTP",
        "Red de directores",
        "Red de jardines infantiles",
        "Red con universidades e institutos",
    ]:
        assert esperado in tipos
    assert "Educación media técnico-profesional" in nombres(NivelEducativo)


def test_cuatro_slep_con_sus_regiones_y_comunas():
    territorio = {
        s.nombre: (s.region.nombre, [c.nombre for c in s.comunas.order_by("orden")])
        for s in Slep.objects.select_related("region")
    }
    assert territorio == {
        "Barrancas": ("Metropolitana", ["Cerro Navia", "Lo Prado", "Pudahuel"]),
        "Huasco": ("Atacama", ["Alto del Carmen", "Freirina", "Huasco", "Vallenar"]),
        "Costa Araucanía": (
            "La Araucanía",
            ["Carahue", "Cholchol", "Nueva Imperial", "Saavedra", "Teodoro Schmidt", "Toltén"],
        ),
        "Puerto Cordillera": ("Coquimbo", ["Andacollo", "Coquimbo"]),
    }
    assert Comuna.objects.count() == 15


def test_cargar_de_nuevo_no_duplica_ni_pisa_ediciones():
    foco = Foco.objects.get(slug="socioeducativo")
    foco.descripcion = "Texto editado por la DEP"
    foco.save()
    assert taxonomia.cargar() == 0
    assert Foco.objects.count() == 5
    assert Comuna.objects.count() == 15
    foco.refresh_from_db()
    assert foco.descripcion == "Texto editado por la DEP"


def test_la_dep_puede_agregar_un_slep_nuevo_sin_codigo():
    from portal.models import Region

    region = Region.objects.create(nombre="Valparaíso", slug="valparaiso", orden=5)
    slep = Slep.objects.create(nombre="Valparaíso", slug="valparaiso", region=region)
    Comuna.objects.create(nombre="Valparaíso", slug="valparaiso", region=region, slep=slep)
    assert Slep.objects.count() == 5
    assert taxonomia.cargar() == 0
    assert Slep.objects.filter(slug="valparaiso").exists()
