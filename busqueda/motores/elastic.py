"""Motor Elasticsearch (opcional, con `ELASTICSEARCH_URL`). Mismo contrato que el local.

- Documento `DocumentoES` con `prepare_*` (de dict del contrato a campos).
- Consulta `multi_match` con pesos (título > resumen > etiquetas > cuerpo),
  resaltado con `<mark>` (encoder html: el texto sale escapado), facetas por
  agregaciones filtradas + `post_filter` (conteos disyuntivos), sugerencia de
  frase para "¿quisiste decir…?" y `completion`/edge n-gramas para sugerencias.
- Reindexado sin cortar el servicio: índice nuevo con sufijo y cambio atómico
  del alias (`reconstruir`).
Toda falla del servidor se convierte en `MotorNoDisponible`.
"""

from datetime import UTC, datetime
from functools import lru_cache

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.helpers import BulkIndexError, bulk
from elasticsearch_dsl import (
    Completion,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Object,
    Q,
    Search,
    Text,
)

from ..models import TIPOS
from ..normalizacion import plegar, plegar_total
from ..registro import ORDENES
from .base import FACETAS, Motor, MotorNoDisponible, OpcionFaceta, Resultado, ResultadoBusqueda
from .es_analisis import CONJUNTO_SINONIMOS, autocompletar, espanol, espanol_busqueda, plegado

ERRORES_ES = (ApiError, TransportError, BulkIndexError)
CAMPOS_TEXTO = ["titulo^10", "resumen^4", "etiquetas^3", "cuerpo"]
POCOS_RESULTADOS = 3
LARGO_MAXIMO = 500


def _texto(**extra):
    return Text(analyzer=espanol, search_analyzer=espanol_busqueda, **extra)


class DocumentoES(Document):
    clave = Keyword()
    tipo = Keyword()
    slug = Keyword()
    url = Keyword(index=False)
    titulo = _texto(
        fields={
            "exacto": Text(analyzer=plegado),
            "autocompletar": Text(analyzer=autocompletar, search_analyzer=plegado),
        }
    )
    resumen = _texto()
    cuerpo = _texto()
    etiquetas = _texto()
    # Texto sin raíces para la sugerencia de frase ("¿quisiste decir…?").
    sugerible = Text(analyzer=plegado)
    completar = Completion(analyzer=plegado)
    fecha = Date()
    # «Nos sirvió» (registro.ORDENES["sirvio"], «Más útiles»).
    sirvio = Integer()
    # Orden alfabético (registro.ORDENES["titulo"]): minúsculas sin tildes.
    titulo_orden = Keyword()
    # Filtros por valor y, aparte, "valor|etiqueta" para que la agregación traiga la etiqueta.
    facetas = Object(properties={f: Keyword() for f in FACETAS})
    pares = Object(properties={f: Keyword() for f in FACETAS})

    class Index:
        name = "trama"
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

    @classmethod
    def desde_documento(cls, doc: dict) -> "DocumentoES":
        es = cls(meta={"id": doc["clave"]})
        for campo in cls._doc_type.mapping:
            preparar = getattr(es, f"prepare_{campo}", None)
            es[campo] = preparar(doc) if preparar else doc.get(campo)
        return es

    def prepare_facetas(self, doc):
        facetas = {f: [v for v, _ in (doc.get("facetas") or {}).get(f) or []] for f in FACETAS}
        facetas["tipo"] = [doc["tipo"]]
        return facetas

    def prepare_pares(self, doc):
        pares = {
            f: [f"{v}|{e}" for v, e in (doc.get("facetas") or {}).get(f) or []] for f in FACETAS
        }
        pares["tipo"] = [f"{doc['tipo']}|{TIPOS.get(doc['tipo'], doc['tipo'])}"]
        return pares

    def prepare_sugerible(self, doc):
        return " ".join(doc.get(c) or "" for c in ("titulo", "resumen", "etiquetas", "cuerpo"))

    def prepare_completar(self, doc):
        entradas = [doc.get("titulo") or ""]
        for opciones in (doc.get("facetas") or {}).values():
            entradas += [e for _, e in opciones or []]
        return {"input": [e for e in dict.fromkeys(entradas) if e]}

    def prepare_titulo_orden(self, doc):
        return plegar_total(doc.get("titulo") or "")[:500]

    def prepare_sirvio(self, doc):
        return max(0, int(doc.get("sirvio") or 0))

    def prepare_fecha(self, doc):
        return doc.get("fecha")


def indice_nuevo(alias: str) -> Index:
    """Índice con sufijo de fecha, mapeo y analizadores de `DocumentoES`."""
    nombre = f"{alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    indice = Index(nombre)
    indice.settings(number_of_shards=1, number_of_replicas=0)
    indice.document(DocumentoES)
    return indice


def _filtro(faceta, valores):
    return Q("terms", **{f"facetas.{faceta}": valores})


def armar_busqueda(consulta, indice: str, operador: str = "and") -> Search:
    """La búsqueda completa que se envía (pura: se prueba con `to_dict()` sin servidor)."""
    texto = consulta.texto.strip()[:LARGO_MAXIMO]
    s = Search(index=indice).extra(track_total_hits=True)
    if texto:
        consulta_texto = Q(
            "bool",
            must=[
                Q(
                    "multi_match",
                    query=texto,
                    fields=CAMPOS_TEXTO,
                    type="cross_fields",
                    operator=operador,
                )
            ],
            should=[Q("match_phrase", **{"titulo.exacto": {"query": texto, "boost": 5}})],
        )
        if consulta.destacados:
            consulta_texto = Q("pinned", ids=consulta.destacados, organic=consulta_texto)
        s = s.query(consulta_texto)
        s = s.highlight("cuerpo", "resumen", fragment_size=180, number_of_fragments=2)
        s = s.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
        s = s.suggest(
            "correccion",
            texto,
            phrase={
                "field": "sugerible",
                "size": 1,
                "max_errors": 2,
                "direct_generator": [{"field": "sugerible", "suggest_mode": "missing"}],
            },
        )
    filtros = {f: _filtro(f, v) for f, v in consulta.filtros.items() if v}
    if filtros:
        s = s.post_filter(Q("bool", filter=list(filtros.values())))
    for faceta in FACETAS:
        otras = [q for f, q in filtros.items() if f != faceta]
        s.aggs.bucket(f"f_{faceta}", "filter", filter=Q("bool", filter=otras)).bucket(
            "valores", "terms", field=f"pares.{faceta}", size=500
        )
    if consulta.orden != "relevancia" or not texto:
        orden = ORDENES.get(consulta.orden) or ORDENES["relevancia"]
        s = s.sort(*orden.es)
    else:
        s = s.sort("_score", {"fecha": {"order": "desc", "missing": "_last"}})
    s = s.source(["tipo", "slug", "titulo", "url", "resumen", "fecha", "clave"])
    return s[consulta.desde : consulta.desde + consulta.por_pagina]


def armar_sugerencias(texto: str, indice: str, limite: int = 8) -> Search:
    texto = texto.strip()[:100]
    s = Search(index=indice).query(
        "match", **{"titulo.autocompletar": {"query": texto, "operator": "and"}}
    )
    s = s.source(["titulo", "tipo", "url"])[: max(1, limite // 2)]
    ultima = texto.split()[-1] if texto.split() else texto
    return s.suggest(
        "terminos",
        ultima,
        completion={"field": "completar", "skip_duplicates": True, "size": limite},
    )


def cuerpo_sinonimos(filas=None) -> list[dict]:
    """Reglas del conjunto de sinónimos (API `_synonyms`) desde el modelo `Sinonimo`."""
    from ..sinonimos import reglas_elasticsearch

    return [
        {"id": f"regla-{i}", "synonyms": regla}
        for i, regla in enumerate(reglas_elasticsearch(filas), 1)
    ]


@lru_cache(maxsize=4)
def _cliente(url: str) -> Elasticsearch:
    # Indexación (en el worker de tareas): espera más, reintenta una vez.
    return Elasticsearch(
        url,
        request_timeout=getattr(settings, "ELASTICSEARCH_TIMEOUT_INDICE", 10),
        max_retries=1,
        retry_on_timeout=False,
    )


def _cliente_busqueda(cliente: Elasticsearch) -> Elasticsearch:
    # Búsqueda (en la solicitud de alguien): espera poco y no reintenta; si no
    # contesta, responde el índice local y el cortacircuitos deja de insistir.
    return cliente.options(
        request_timeout=getattr(settings, "ELASTICSEARCH_TIMEOUT_BUSQUEDA", 1.5),
        max_retries=0,
        retry_on_timeout=False,
    )


class MotorElasticsearch(Motor):
    nombre = "elasticsearch"

    def __init__(self, url: str, alias: str = "trama", refrescar=False):
        self.url = url
        self.alias = alias
        self.refrescar = refrescar
        self.cliente = _cliente(url)
        self.cliente_busqueda = _cliente_busqueda(self.cliente)

    # ----------------------------------------------------------- búsqueda
    def buscar(self, consulta):
        try:
            respuesta = armar_busqueda(consulta, self.alias).using(self.cliente_busqueda).execute()
            avisos = []
            texto = consulta.texto.strip()
            if texto and respuesta.hits.total.value == 0 and len(texto.split()) > 1:
                amplia = armar_busqueda(consulta, self.alias, operador="or")
                alternativa = amplia.using(self.cliente_busqueda).execute()
                if alternativa.hits.total.value:
                    respuesta = alternativa
                    avisos.append(
                        "Ninguna experiencia tiene todas las palabras; se muestran las que "
                        "tienen alguna."
                    )
        except ERRORES_ES as error:
            raise MotorNoDisponible(str(error)) from error
        return self._resultado(consulta, respuesta, avisos)

    def _resultado(self, consulta, respuesta, avisos):
        resultados = []
        for hit in respuesta.hits:
            destacado = getattr(hit.meta, "highlight", None)
            fragmentos = []
            if destacado is not None:
                fragmentos = (
                    list(getattr(destacado, "cuerpo", []) or [])
                    or list(getattr(destacado, "resumen", []) or [])[:1]
                )
            resultados.append(
                Resultado(
                    tipo=hit.tipo,
                    slug=hit.slug,
                    titulo=hit.titulo,
                    url=hit.url,
                    resumen=getattr(hit, "resumen", ""),
                    fragmentos=fragmentos,
                    fecha=getattr(hit, "fecha", None),
                    clave=hit.meta.id,
                    destacado=hit.meta.id in consulta.destacados,
                )
            )
        facetas = {}
        for faceta in FACETAS:
            seleccion = consulta.filtros.get(faceta, [])
            opciones = []
            vistos = set()
            for cubeta in respuesta.aggregations[f"f_{faceta}"].valores.buckets:
                valor, _, etiqueta = cubeta.key.partition("|")
                vistos.add(valor)
                opciones.append(OpcionFaceta(valor, etiqueta, cubeta.doc_count, valor in seleccion))
            opciones += [OpcionFaceta(v, v, 0, True) for v in seleccion if v not in vistos]
            opciones.sort(key=lambda o: (-o.cantidad, plegar(o.etiqueta)))
            facetas[faceta] = opciones
        total = respuesta.hits.total.value
        sugerencia = None
        if consulta.texto.strip() and total < POCOS_RESULTADOS and "suggest" in respuesta:
            opciones = respuesta.suggest.correccion[0].options
            if opciones and opciones[0].text != consulta.texto.strip().lower():
                sugerencia = opciones[0].text
        return ResultadoBusqueda(
            consulta=consulta,
            total=total,
            resultados=resultados,
            facetas=facetas,
            motor=self.nombre,
            sugerencia=sugerencia,
            avisos=avisos,
        )

    def sugerencias(self, texto, limite=8):
        if len(texto.strip()) < 2:
            return []
        try:
            respuesta = (
                armar_sugerencias(texto, self.alias, limite).using(self.cliente_busqueda).execute()
            )
        except ERRORES_ES as error:
            raise MotorNoDisponible(str(error)) from error
        salida = [{"texto": h.titulo, "tipo": h.tipo, "url": h.url} for h in respuesta.hits]
        vistos = {plegar(s["texto"]) for s in salida}
        for opcion in respuesta.suggest.terminos[0].options:
            if plegar(opcion.text) not in vistos:
                vistos.add(plegar(opcion.text))
                salida.append({"texto": opcion.text, "tipo": None, "url": None})
        return salida[:limite]

    # -------------------------------------------------------------- índice
    def actualizar_sinonimos(self):
        """Sube las reglas del modelo `Sinonimo` al conjunto de sinónimos y recarga el
        analizador de búsqueda del índice (el filtro es `updateable`): los resultados
        cambian sin reindexar. Debe existir antes de crear un índice que lo use."""
        try:
            self.cliente.synonyms.put_synonym(
                id=CONJUNTO_SINONIMOS, synonyms_set=cuerpo_sinonimos()
            )
            if self.cliente.indices.exists_alias(name=self.alias):
                self.cliente.indices.reload_search_analyzers(index=self.alias)
        except ERRORES_ES as error:
            raise MotorNoDisponible(str(error)) from error

    def _asegurar_indice(self):
        if not self.cliente.indices.exists_alias(name=self.alias):
            self.actualizar_sinonimos()
            indice = indice_nuevo(self.alias)
            indice.aliases(**{self.alias: {}})
            indice.create(using=self.cliente)

    def indexar(self, doc):
        try:
            self._asegurar_indice()
            DocumentoES.desde_documento(doc).save(
                using=self.cliente, index=self.alias, refresh=self.refrescar
            )
        except ERRORES_ES as error:
            raise MotorNoDisponible(str(error)) from error

    def indexar_lote(self, docs, progreso=None):
        try:
            self._asegurar_indice()
            return self._bulk(self.alias, docs, progreso)
        except ERRORES_ES as error:
            raise MotorNoDisponible(str(error)) from error

    def _bulk(self, indice, docs, progreso):
        n = 0

        def acciones():
            nonlocal n
            for doc in docs:
                accion = DocumentoES.desde_documento(doc).to_dict(include_meta=True)
                accion["_index"] = indice
                yield accion
                n += 1
                if progreso:
                    progreso(n)

        bulk(self.cliente, acciones(), refresh=True)
        return n

    def borrar(self, clave):
        try:
            self.cliente.delete(index=self.alias, id=clave, refresh=self.refrescar)
        except NotFoundError:
            return
        except ERRORES_ES as error:
            raise MotorNoDisponible(str(error)) from error

    def reconstruir(self, docs, progreso=None):
        """Índice nuevo, carga completa y cambio atómico del alias: la búsqueda no se corta."""
        try:
            self.actualizar_sinonimos()
            indice = indice_nuevo(self.alias)
            indice.create(using=self.cliente)
            n = self._bulk(indice._name, docs, progreso)
            anteriores = []
            if self.cliente.indices.exists_alias(name=self.alias):
                anteriores = list(self.cliente.indices.get_alias(name=self.alias))
            elif self.cliente.indices.exists(index=self.alias):
                # Un índice concreto con el nombre del alias (instalación antigua): se reemplaza.
                self.cliente.indices.delete(index=self.alias)
            acciones = [{"remove": {"index": i, "alias": self.alias}} for i in anteriores]
            acciones.append({"add": {"index": indice._name, "alias": self.alias}})
            self.cliente.indices.update_aliases(actions=acciones)
            for viejo in anteriores:
                self.cliente.indices.delete(index=viejo)
            return n
        except ERRORES_ES as error:
            raise MotorNoDisponible(str(error)) from error
