"""Motor Elasticsearch sin servidor: el mapeo, los analizadores y las consultas que arma
(comparando los dict que se enviarían), y la caída a motor local cuando no responde."""

import json

import pytest

from busqueda.motores import MotorConRespaldo
from busqueda.motores.base import FACETAS, ConsultaBusqueda
from busqueda.motores.elastic import (
    DocumentoES,
    MotorElasticsearch,
    armar_busqueda,
    armar_sugerencias,
    indice_nuevo,
)
from busqueda.motores.es_analisis import CONJUNTO_SINONIMOS
from busqueda.motores.local import MotorLocal

# Puerto cerrado: conexión rechazada de verdad (no es un simulacro del motor).
URL_CAIDA = "http://127.0.0.1:9"


def test_analizadores_espanol_plegado_raiz_y_sinonimos():
    ajustes = indice_nuevo("trama").to_dict()["settings"]["analysis"]
    espanol = ajustes["analyzer"]["espanol"]
    assert espanol["filter"][:2] == ["lowercase", "asciifolding"]
    assert ajustes["filter"][espanol["filter"][-1]] == {
        "type": "stemmer",
        "language": "light_spanish",
    }
    busqueda = ajustes["analyzer"]["espanol_busqueda"]
    sinonimos = ajustes["filter"]["trama_sinonimos"]
    assert "trama_sinonimos" in busqueda["filter"]
    assert sinonimos["type"] == "synonym_graph"
    # Las reglas no van en el mapeo: el filtro lee un conjunto de sinónimos que se
    # actualiza y recarga sin reindexar (solo en el analizador de búsqueda).
    assert sinonimos["synonyms_set"] == CONJUNTO_SINONIMOS
    assert sinonimos["updateable"] is True
    assert "synonyms" not in sinonimos
    espanol_filtros = ajustes["analyzer"]["espanol"]["filter"]
    assert "trama_sinonimos" not in espanol_filtros  # al indexar no: no se puede recargar
    bordes = ajustes["filter"]["trama_bordes"]
    assert bordes["type"] == "edge_ngram" and bordes["min_gram"] == 2


def test_al_indexar_autoevaluacion_tambien_es_evaluacion():
    """El multiplexer deja la palabra original y la sin prefijo en la misma posición,
    antes de la raíz; solo al indexar (como en el motor local, «evaluar» encuentra
    «autoevaluación» y no al revés)."""
    import re

    ajustes = indice_nuevo("trama").to_dict()["settings"]["analysis"]
    indexar = ajustes["analyzer"]["espanol"]["filter"]
    assert indexar.index("trama_compuestos") < indexar.index("espanol_raiz")
    assert "trama_compuestos" not in ajustes["analyzer"]["espanol_busqueda"]["filter"]
    multiplexer = ajustes["filter"]["trama_compuestos"]
    assert multiplexer["type"] == "multiplexer" and multiplexer["preserve_original"] is True
    regla = ajustes["filter"][multiplexer["filters"][0]]
    assert regla["type"] == "pattern_replace"

    # La expresión es la misma en Java y en Python: se prueba sobre palabras ya plegadas.
    def quitar(palabra):
        return re.sub(regla["pattern"], regla["replacement"].replace("$1", r"\1"), palabra)

    assert quitar("autoevaluacion") == "evaluacion"
    assert quitar("autos") == "autos"  # como `variantes`: 4 letras o más tras el prefijo
    assert quitar("auto") == "auto"
    assert quitar("evaluacion") == "evaluacion"


def test_mapeo_de_campos():
    props = DocumentoES._doc_type.mapping.to_dict()["properties"]
    for campo in ("titulo", "resumen", "cuerpo", "etiquetas"):
        assert props[campo]["analyzer"] == "espanol"
        assert props[campo]["search_analyzer"] == "espanol_busqueda"
    assert props["titulo"]["fields"]["autocompletar"]["analyzer"] == "autocompletar"
    assert props["completar"]["type"] == "completion"
    assert props["fecha"]["type"] == "date"
    for faceta in FACETAS:
        assert props["facetas"]["properties"][faceta] == {"type": "keyword"}
        assert props["pares"]["properties"][faceta] == {"type": "keyword"}


def test_prepare_convierte_el_contrato():
    es = DocumentoES.desde_documento(
        {
            "clave": "pagina:7",
            "tipo": "practica",
            "slug": "red-x",
            "url": "/practicas/red-x/",
            "titulo": "Red X",
            "resumen": "R",
            "cuerpo": "C",
            "etiquetas": "SLEP Huasco",
            "fecha": None,
            "facetas": {"slep": [("huasco", "SLEP Huasco")], "foco": []},
        }
    )
    d = es.to_dict(include_meta=True)
    assert d["_id"] == "pagina:7"
    fuente = d["_source"]
    assert fuente["facetas"]["slep"] == ["huasco"]
    assert fuente["facetas"]["tipo"] == ["practica"]
    assert fuente["pares"]["slep"] == ["huasco|SLEP Huasco"]
    assert fuente["pares"]["tipo"] == ["practica|Práctica"]
    assert fuente["completar"]["input"] == ["Red X", "SLEP Huasco"]


def test_consulta_con_pesos_resaltado_y_facetas_disyuntivas():
    consulta = ConsultaBusqueda(
        texto="escuelas rurales",
        filtros={"slep": ["huasco", "barrancas"], "foco": ["socioeducativo"]},
        pagina=2,
        por_pagina=10,
    )
    d = armar_busqueda(consulta, "trama").to_dict()
    multi = d["query"]["bool"]["must"][0]["multi_match"]
    assert multi["fields"] == ["titulo^10", "resumen^4", "etiquetas^3", "cuerpo"]
    assert multi["operator"] == "and" and multi["query"] == "escuelas rurales"
    # Filtros en post_filter (los resultados) y no en la consulta (las agregaciones).
    assert d["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"facetas.slep": ["huasco", "barrancas"]}},
                {"terms": {"facetas.foco": ["socioeducativo"]}},
            ]
        }
    }
    # La agregación de una faceta usa los filtros de las DEMÁS, no los suyos.
    assert d["aggs"]["f_slep"]["filter"] == {
        "bool": {"filter": [{"terms": {"facetas.foco": ["socioeducativo"]}}]}
    }
    assert d["aggs"]["f_slep"]["aggs"]["valores"]["terms"]["field"] == "pares.slep"
    assert len(d["aggs"]["f_tipo"]["filter"]["bool"]["filter"]) == 2
    assert set(d["aggs"]) == {f"f_{f}" for f in FACETAS}
    assert d["highlight"]["pre_tags"] == ["<mark>"]
    assert d["highlight"]["encoder"] == "html"
    assert d["suggest"]["correccion"]["phrase"]["field"] == "sugerible"
    assert d["from"] == 10 and d["size"] == 10


def test_orden_reciente_destacados_y_sin_texto():
    d = armar_busqueda(
        ConsultaBusqueda(texto="red", orden="reciente", destacados=["pagina:3"]), "trama"
    ).to_dict()
    assert d["sort"][0] == {"fecha": {"order": "desc", "missing": "_last"}}
    assert d["query"]["pinned"]["ids"] == ["pagina:3"]
    vacia = armar_busqueda(ConsultaBusqueda(), "trama").to_dict()
    assert "query" not in vacia and "highlight" not in vacia and "suggest" not in vacia


def test_orden_mas_utiles_por_nos_sirvio_con_desempate_fijo():
    props = DocumentoES._doc_type.mapping.to_dict()["properties"]
    assert props["sirvio"] == {"type": "integer"}
    doc = {"clave": "pagina:9", "tipo": "practica", "titulo": "X", "sirvio": 4, "facetas": {}}
    assert DocumentoES.desde_documento(doc).to_dict()["sirvio"] == 4
    sin_conteo = {**doc, "sirvio": None}
    assert DocumentoES.desde_documento(sin_conteo).to_dict()["sirvio"] == 0
    for texto in ("", "lectura"):  # con texto también: el orden pedido manda, no el puntaje
        d = armar_busqueda(ConsultaBusqueda(texto=texto, orden="sirvio"), "trama").to_dict()
        assert d["sort"] == [
            {"sirvio": {"order": "desc", "missing": "_last"}},
            {"fecha": {"order": "desc", "missing": "_last"}},
            "slug",
        ]


@pytest.mark.parametrize("texto", ['"', "NEAR(", "titulo:x", "-", "(((", "x" * 5000])
def test_sintaxis_hostil_nunca_va_como_query_string(texto):
    d = armar_busqueda(ConsultaBusqueda(texto=texto), "trama").to_dict()
    texto_dict = json.dumps(d)
    assert "query_string" not in texto_dict
    assert len(d["query"]["bool"]["must"][0]["multi_match"]["query"]) <= 500


def test_sugerencias_por_ngramas_y_completion():
    d = armar_sugerencias("escuelas ru", "trama").to_dict()
    assert d["query"] == {
        "match": {"titulo.autocompletar": {"query": "escuelas ru", "operator": "and"}}
    }
    assert d["suggest"]["terminos"]["prefix"] == "ru"
    assert d["suggest"]["terminos"]["completion"]["field"] == "completar"


def test_si_elasticsearch_no_responde_busca_en_el_local_y_lo_dice(db):
    local = MotorLocal()
    local.indexar(
        {
            "clave": "a",
            "slug": "a",
            "url": "/a/",
            "tipo": "caso",
            "titulo": "Microcentros rurales",
            "resumen": "",
            "cuerpo": "",
            "etiquetas": "",
            "fecha": None,
            "facetas": {},
        }
    )
    motor = MotorConRespaldo(MotorElasticsearch(URL_CAIDA, "trama-prueba"), local)
    r = motor.buscar(ConsultaBusqueda(texto="rurales"))
    assert r.motor == "local"
    assert [x.slug for x in r.resultados] == ["a"]
    assert any("índice local" in a for a in r.avisos)
    assert motor.sugerencias("micro")[0]["texto"] == "Microcentros rurales"


def test_lectura_de_una_respuesta_de_elasticsearch():
    """La respuesta (formato documentado de _search) se traduce al mismo contrato."""
    from elasticsearch_dsl.response import Response

    consulta = ConsultaBusqueda(texto="microcentors", filtros={"slep": ["huasco", "atacama"]})
    s = armar_busqueda(consulta, "trama")
    vacio = {"doc_count": 0, "valores": {"buckets": []}}
    crudo = {
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "hits": [
                {
                    "_index": "trama-20260101",
                    "_id": "pagina:4",
                    "_score": 2.0,
                    "_source": {
                        "tipo": "caso",
                        "slug": "microcentros-rurales",
                        "titulo": "Microcentros rurales",
                        "url": "/casos/microcentros-rurales/",
                        "resumen": "Docentes rurales.",
                        "clave": "pagina:4",
                    },
                    "highlight": {"cuerpo": ["las <mark>escuelas</mark> &lt;b&gt;"]},
                }
            ],
        },
        "aggregations": {
            **{f"f_{f}": vacio for f in FACETAS},
            "f_slep": {
                "doc_count": 3,
                "valores": {
                    "buckets": [
                        {"key": "barrancas|SLEP Barrancas", "doc_count": 2},
                        {"key": "huasco|SLEP Huasco", "doc_count": 1},
                    ]
                },
            },
        },
        "suggest": {
            "correccion": [
                {
                    "text": "microcentors",
                    "offset": 0,
                    "length": 12,
                    "options": [{"text": "microcentros", "score": 0.4}],
                }
            ]
        },
    }
    r = MotorElasticsearch(URL_CAIDA, "trama")._resultado(consulta, Response(s, crudo), [])
    assert r.motor == "elasticsearch" and r.total == 1
    assert r.resultados[0].como_dict() == {
        "tipo": "caso",
        "slug": "microcentros-rurales",
        "titulo": "Microcentros rurales",
        "url": "/casos/microcentros-rurales/",
        "resumen": "Docentes rurales.",
        "fragmentos": ["las <mark>escuelas</mark> &lt;b&gt;"],
        "destacado": False,
    }
    slep = [(o.valor, o.etiqueta, o.cantidad, o.seleccionado) for o in r.facetas["slep"]]
    assert slep == [
        ("barrancas", "SLEP Barrancas", 2, False),
        ("huasco", "SLEP Huasco", 1, True),
        ("atacama", "atacama", 0, True),
    ]
    assert r.sugerencia == "microcentros"
