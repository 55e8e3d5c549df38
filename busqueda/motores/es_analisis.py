"""Analizadores de Elasticsearch para Trama (único módulo con esta configuración).

- `espanol`: minúsculas, plegado de acentos (ñ incluida, como el motor local),
  palabras compuestas con un prefijo de `normalizacion.PREFIJOS_COMPUESTOS`
  («autoevaluación») también sin él («evaluación», en la misma posición, con el
  filtro `multiplexer`), palabras vacías y raíz española liviana. Se usa al
  indexar. El motor local hace lo mismo al revés (agrega el prefijo a la
  consulta): en los dos, «evaluar» encuentra «autoevaluación» y «autoevaluación»
  no trae cualquier «evaluación». El peso por rareza de cada palabra lo da BM25
  (IDF), que Elasticsearch usa por defecto.
- `espanol_busqueda`: lo mismo más sinónimos y siglas (solo al buscar: el
  filtro `synonym_graph` está hecho para la consulta). Las reglas NO van en el
  mapeo: viven en el conjunto de sinónimos `CONJUNTO_SINONIMOS` de Elasticsearch
  (API `_synonyms`, 8.10+), que se actualiza desde el modelo `Sinonimo` cada vez
  que la DEP edita uno; el filtro es `updateable` y el analizador de búsqueda se
  recarga (`_reload_search_analyzers`) sin reindexar.
- `plegado`: minúsculas y sin acentos, sin raíz (frase exacta y "quisiste decir").
- `autocompletar`: edge n-gramas de 2 a 20 letras para sugerir mientras se escribe.
"""

from django.conf import settings
from elasticsearch_dsl import analyzer, token_filter, tokenizer

from ..normalizacion import PREFIJOS_COMPUESTOS

CONJUNTO_SINONIMOS = f"{getattr(settings, 'ELASTICSEARCH_INDICE', 'trama')}-sinonimos"

vacias = token_filter("espanol_vacias", type="stop", stopwords="_spanish_")
raiz = token_filter("espanol_raiz", type="stemmer", language="light_spanish")
sinonimos = token_filter(
    "trama_sinonimos",
    type="synonym_graph",
    synonyms_set=CONJUNTO_SINONIMOS,
    updateable=True,
    lenient=True,
)
# Tras `asciifolding` la palabra es ASCII: «autoevaluacion» → también «evaluacion».
# Solo con 4 letras o más después del prefijo, como `normalizacion.variantes`.
sin_prefijo = token_filter(
    "trama_sin_prefijo",
    type="pattern_replace",
    pattern=f"^(?:{'|'.join(PREFIJOS_COMPUESTOS)})([a-z]{{4,}})$",
    replacement="$1",
)
compuestos = token_filter(
    "trama_compuestos", type="multiplexer", filters=[[sin_prefijo]], preserve_original=True
)
bordes = token_filter("trama_bordes", type="edge_ngram", min_gram=2, max_gram=20)

espanol = analyzer(
    "espanol",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", compuestos, vacias, raiz],
)
espanol_busqueda = analyzer(
    "espanol_busqueda",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", sinonimos, vacias, raiz],
)
plegado = analyzer("plegado", tokenizer="standard", filter=["lowercase", "asciifolding"])
autocompletar = analyzer(
    "autocompletar",
    tokenizer=tokenizer("trama_palabras", type="standard"),
    filter=["lowercase", "asciifolding", bordes],
)
