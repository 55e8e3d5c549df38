"""Suite de CONTRATO de los motores de búsqueda: la misma contra cada motor.

Contra el motor local corre siempre; contra Elasticsearch solo si existe
ELASTICSEARCH_URL (servidor real; nunca un simulacro).
"""

import os
import uuid
from datetime import UTC, datetime

import pytest

from busqueda.motores.base import ConsultaBusqueda
from busqueda.motores.local import MotorLocal

SIN_ES = (
    "ELASTICSEARCH_URL no definido: sin servidor Elasticsearch en esta máquina; "
    "la suite de contrato corre solo contra el motor local."
)


def doc(clave, titulo, resumen="", cuerpo="", etiquetas="", tipo="caso", fecha=None, **facetas):
    return {
        "clave": clave,
        "slug": clave,
        "url": f"/casos/{clave}/",
        "tipo": tipo,
        "titulo": titulo,
        "resumen": resumen,
        "cuerpo": cuerpo,
        "etiquetas": etiquetas,
        "fecha": fecha or datetime(2025, 1, 1, tzinfo=UTC),
        "facetas": {f: v for f, v in facetas.items()},
    }


HUASCO = [("huasco", "SLEP Huasco")]
BARRANCAS = [("barrancas", "SLEP Barrancas")]
LIDERAZGO = [("liderazgo-distribuido", "Liderazgo distribuido")]
CONFIANZA = [("confianza", "Confianza personal y profesional")]

CORPUS = [
    doc(
        "microcentros",
        "Microcentros rurales",
        "Docentes de escuelas rurales multigrado se reúnen cada mes.",
        "En la educación pública rural los microcentros comparten planificaciones. <script>alert(1)</script>",
        "Foco en lo socioeducativo Chile",
        fecha=datetime(2024, 3, 1, tzinfo=UTC),
        slep=HUASCO,
        caracteristica=LIDERAZGO,
        pais=[("chile", "Chile")],
    ),
    doc(
        "lideres",
        "Red de directores líderes",
        "Directoras y directores que aprenden juntos.",
        "Liderazgo distribuido en escuelas urbanas.",
        "Chile",
        tipo="practica",
        fecha=datetime(2025, 6, 1, tzinfo=UTC),
        slep=BARRANCAS,
        caracteristica=LIDERAZGO + CONFIANZA,
        pais=[("chile", "Chile")],
    ),
    doc(
        "espana",
        "España",
        "Redes de centros educativos en España.",
        "Colaboración entre escuelas de distintas comunidades autónomas.",
        "Internacional",
        fecha=datetime(2023, 1, 1, tzinfo=UTC),
        caracteristica=CONFIANZA,
        pais=[("espana", "España")],
    ),
    doc(
        "jardines",
        "Red de jardines infantiles de Huasco",
        "Educadoras de párvulos comparten prácticas.",
        "Trabajo con familias y comunidad.",
        "SLEP Huasco Vallenar",
        tipo="practica",
        fecha=datetime(2025, 9, 1, tzinfo=UTC),
        slep=HUASCO,
        caracteristica=CONFIANZA,
        pais=[("chile", "Chile")],
    ),
    doc(
        "pauta",
        "Pauta de autoevaluación de la red",
        "La red revisa cada año cómo funciona.",
        fecha=datetime(2022, 1, 1, tzinfo=UTC),
    ),
    # Pesos: la palabra "quincha" está en un solo campo de cada uno.
    doc("en-cuerpo", "Caso uno", "Sin nada especial.", "Construcción en quincha y barro."),
    doc("en-resumen", "Caso dos", "Escuelas de quincha.", "Nada especial."),
    doc("en-titulo", "Quincha en la escuela", "Sin nada especial.", "Nada especial."),
]


@pytest.fixture(params=["local", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def motor(request, db):
    if request.param == "local":
        m = MotorLocal()
        m.reconstruir(CORPUS)
        yield m
        return
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip(SIN_ES)
    from busqueda.motores.elastic import MotorElasticsearch

    m = MotorElasticsearch(url, alias=f"trama-prueba-{uuid.uuid4().hex[:8]}", refrescar=True)
    m.reconstruir(CORPUS)
    yield m
    m.cliente.indices.delete(index=f"{m.alias}-*")


def buscar(motor, texto="", **kw):
    return motor.buscar(ConsultaBusqueda(texto=texto, **kw))


def primero(motor, texto):
    r = buscar(motor, texto)
    return r.resultados[0].slug if r.resultados else None


@pytest.mark.parametrize(
    "a,b,esperado",
    [
        ("rural", "rurales", "microcentros"),
        ("líder", "líderes", "lideres"),
        ("educación pública", "educacion publica", "microcentros"),
        ("ESPAÑA", "espana", "espana"),
        ("Microcentros Rurales", "microcentro rural", "microcentros"),
    ],
)
def test_variantes_de_tildes_mayusculas_y_plural_dan_el_mismo_primero(motor, a, b, esperado):
    assert primero(motor, a) == esperado
    assert primero(motor, b) == esperado


def test_evaluar_encuentra_autoevaluacion_y_no_al_reves(motor):
    assert primero(motor, "evaluar") == "pauta"
    assert primero(motor, "evaluación") == "pauta"
    assert [r.slug for r in buscar(motor, "autoevaluación").resultados] == ["pauta"]


def test_titulo_pesa_mas_que_resumen_y_este_mas_que_cuerpo(motor):
    r = buscar(motor, "quincha")
    assert [x.slug for x in r.resultados] == ["en-titulo", "en-resumen", "en-cuerpo"]


def test_etiquetas_del_marco_son_buscables(motor):
    r = buscar(motor, "Vallenar")
    assert [x.slug for x in r.resultados] == ["jardines"]


def test_fragmentos_resaltados_y_escapados(motor):
    r = buscar(motor, "educación rural")
    assert r.resultados[0].slug == "microcentros"
    fragmento = " ".join(r.resultados[0].fragmentos)
    assert "<mark>" in fragmento
    assert "<script>" not in fragmento


def test_facetas_cuentan_y_cuadran_con_el_total_al_filtrar(motor):
    r = buscar(motor)
    assert r.total == len(CORPUS)
    for faceta in ("slep", "caracteristica", "tipo", "pais"):
        assert r.facetas[faceta], faceta
        for opcion in r.facetas[faceta]:
            filtrado = buscar(motor, filtros={faceta: [opcion.valor]})
            assert filtrado.total == opcion.cantidad, (faceta, opcion.valor)


def test_o_dentro_de_una_faceta_y_entre_facetas(motor):
    huasco = buscar(motor, filtros={"slep": ["huasco"]})
    assert {x.slug for x in huasco.resultados} == {"microcentros", "jardines"}
    # Las otras opciones de la MISMA faceta siguen contando lo que sumarían.
    slep = {o.valor: (o.cantidad, o.seleccionado) for o in huasco.facetas["slep"]}
    assert slep == {"huasco": (2, True), "barrancas": (1, False)}
    # Las OTRAS facetas cuentan dentro de lo filtrado.
    carac = {o.valor: o.cantidad for o in huasco.facetas["caracteristica"]}
    assert carac == {"liderazgo-distribuido": 1, "confianza": 1}

    ambos = buscar(motor, filtros={"slep": ["huasco", "barrancas"]})
    assert ambos.total == 3
    cruce = buscar(
        motor, filtros={"slep": ["huasco", "barrancas"], "caracteristica": ["confianza"]}
    )
    assert {x.slug for x in cruce.resultados} == {"lideres", "jardines"}


def test_filtro_con_texto(motor):
    r = buscar(motor, "red", filtros={"tipo": ["practica"]})
    assert {x.slug for x in r.resultados} == {"lideres", "jardines"}
    assert {o.valor: o.cantidad for o in r.facetas["tipo"]}["practica"] == 2


def test_orden_reciente_y_paginacion(motor):
    r = buscar(motor, "red", orden="reciente")
    fechas = [x.slug for x in r.resultados]
    assert fechas.index("jardines") < fechas.index("lideres")
    p1 = buscar(motor, por_pagina=3, pagina=1, orden="reciente")
    p2 = buscar(motor, por_pagina=3, pagina=2, orden="reciente")
    p3 = buscar(motor, por_pagina=3, pagina=3, orden="reciente")
    slugs = [x.slug for p in (p1, p2, p3) for x in p.resultados]
    assert len(slugs) == len(set(slugs)) == len(CORPUS)
    assert p1.total == p2.total == len(CORPUS)


def test_quisiste_decir(motor):
    r = buscar(motor, "microcentors")
    assert r.total == 0
    assert r.sugerencia == "microcentros"
    assert buscar(motor, "microcentros").sugerencia is None


def test_sugerencias_mientras_se_escribe(motor):
    textos = [s["texto"] for s in motor.sugerencias("micro")]
    assert "Microcentros rurales" in textos
    assert motor.sugerencias("micro")[0]["url"] == "/casos/microcentros/"
    assert motor.sugerencias("") == []


@pytest.mark.parametrize(
    "texto",
    [
        '"',
        '"escuelas',
        "*",
        "micro*",
        "NEAR(rural escuela)",
        "-rural",
        "titulo:rural",
        "(((",
        ")",
        "AND OR NOT",
        "rural AND",
        "^~{}[]",
        "'; DROP TABLE busqueda_documento; --",
        "x" * 600,
        " ".join(["palabra"] * 300),
        "\x00\x01",
        "😀 redes",
    ],
)
def test_consultas_hostiles_no_rompen(motor, texto):
    r = buscar(motor, texto)
    assert r.total >= 0
    motor.sugerencias(texto[:100])


def test_indexar_actualizar_y_borrar(motor):
    motor.indexar(doc("nuevo", "Red de ciencias en Atacama", "Laboratorios compartidos."))
    assert primero(motor, "laboratorios") == "nuevo"
    motor.indexar(doc("nuevo", "Red de matemáticas en Atacama", "Talleres compartidos."))
    assert buscar(motor, "laboratorios").total == 0
    assert primero(motor, "talleres") == "nuevo"
    motor.borrar("nuevo")
    assert buscar(motor, "talleres").total == 0
    motor.borrar("no-existe")  # borrar lo que no está no es error


def test_destacados_aparecen_primero(motor):
    r = buscar(motor, "rural", destacados=["espana"])
    assert [x.slug for x in r.resultados][:2] == ["espana", "microcentros"]
    assert r.total == 2
