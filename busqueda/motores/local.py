"""Motor local: índice propio en la base del sitio (SQLite o PostgreSQL).

Texto: FTS5 o tsvector (ver `sql_texto.py`) sobre términos normalizados en
Python. Facetas: tabla `ValorFaceta` (documento, faceta, valor, etiqueta) con
conteos disyuntivos: O dentro de una faceta, Y entre facetas; los conteos de una
faceta se calculan con los filtros de las DEMÁS. Se cuentan en memoria con mapas
de bits (`facetas_bits.py`): la base solo entrega los ids que calzan con el texto.
"""

import math
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, time
from itertools import islice

from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest
from django.utils import timezone

from ..fragmentos import fragmentos
from ..models import TIPOS, CambioIndice, Documento, EstadoIndice, Sinonimo, ValorFaceta, Vocablo
from ..normalizacion import (
    PALABRAS_VACIAS,
    palabras,
    plegar,
    plegar_total,
    termino,
    terminos,
    texto_indexable,
)
from ..registro import ORDENES, PESOS_TIPO, TIPOS_EXPERIENCIA
from ..sinonimos import disparadores, expandir
from .base import FACETAS, Motor, OpcionFaceta, Resultado, ResultadoBusqueda
from .facetas_bits import bits_de, ids_de, mapa_facetas
from .sql_texto import indice_texto

MAXIMO_TERMINOS = 32
# Antes que el puntaje de texto: el título ES la frase buscada (3), empieza con ella (2)
# o la contiene seguida (1). Es un orden por niveles, sin escala, así que vale igual
# para bm25 (SQLite) y ts_rank (PostgreSQL). Los títulos nombran la experiencia: quien
# escribe "microcentros" busca "Microcentros rurales" antes que un caso que los menciona.
NIVEL_TITULO = (
    "CASE WHEN d.norm_titulo = %s THEN 3 WHEN d.norm_titulo LIKE %s THEN 2 "
    "WHEN (' ' || d.norm_titulo || ' ') LIKE %s THEN 1 ELSE 0 END"
)
POCOS_RESULTADOS = 3
LOTE_SQL = 500
# Consultas con O (ninguna experiencia tiene todas las palabras): cada grupo de la
# consulta pesa como su rareza, idf = ln(1 + N/df), y el doble si está en el título o
# en las etiquetas. Se muestran las experiencias con al menos esta fracción de la mejor
# cobertura: «educación intercultural bilingüe» ya no trae todo lo que dice «educación».
FRACCION_COBERTURA = 0.5
PESO_TITULO = 2.0  # se suma al peso de un grupo que calza en título o etiquetas
CAMPOS_DESTACADOS = ("titulo", "etiquetas")
# Cada grupo agrega subconsultas al ordenar y filtrar; una consulta de docente tiene
# pocas palabras con contenido. Sobre este número (texto pegado, consultas hostiles) se
# busca con Y/O y bm25 solamente, sin cobertura: el costo queda acotado.
MAXIMO_GRUPOS_COBERTURA = 8
# Filtros de faceta como lista de ids (del mapa de bits) hasta este tamaño; sobre él, el
# filtro es amplio y las subconsultas terminan pronto (el orden por fecha recorre su
# índice y cada fila calza con alta probabilidad).
MAXIMO_IDS_EN_LISTA = 20_000


@dataclass
class PlanTexto:
    """Cómo se busca el texto: grupos (de `sinonimos.expandir`), operador entre grupos
    y, si hay más de un grupo, pesos por grupo (idf) y umbral mínimo de cobertura."""

    grupos: list
    operador: str = "Y"
    pesos: list | None = None
    umbral: float | None = None


def _trozos(lista, n=LOTE_SQL):
    lista = list(lista)
    for i in range(0, len(lista), n):
        yield lista[i : i + n]


def vocablos_de(doc) -> dict[str, tuple[str, str]]:
    """{palabra_plegada: (forma_visible, termino)} de los textos de un documento."""
    salida = {}
    for campo in ("titulo", "resumen", "cuerpo", "etiquetas"):
        for _, _, w in palabras(doc.get(campo) or ""):
            if len(w) < 3 or w.isdigit() or len(w) > 60:
                continue
            clave = plegar_total(w)
            if clave in PALABRAS_VACIAS or clave in salida:
                continue
            salida[clave] = (w.lower(), termino(w))
    return salida


def _fecha(valor):
    """El contrato admite date o datetime; el índice guarda datetime con zona."""
    if valor is None or isinstance(valor, datetime):
        return valor
    return datetime.combine(valor, time(12), tzinfo=timezone.get_current_timezone())


def distancia(a: str, b: str, tope: int) -> int:
    """Damerau-Levenshtein (transposiciones adyacentes); corta si supera `tope`."""
    if abs(len(a) - len(b)) > tope:
        return tope + 1
    previa2 = None
    previa = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        actual = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            costo = 0 if ca == cb else 1
            actual[j] = min(previa[j] + 1, actual[j - 1] + 1, previa[j - 1] + costo)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                actual[j] = min(actual[j], previa2[j - 2] + 1)
        if min(actual) > tope:
            return tope + 1
        previa2, previa = previa, actual
    return previa[-1]


class MotorLocal(Motor):
    nombre = "local"

    # ----------------------------------------------------------------- índice
    def indexar(self, doc: dict) -> None:
        with transaction.atomic():
            delta = Counter()
            documento_id = self._indexar(doc, delta)
            self._aplicar_vocabulario(delta)
            CambioIndice.registrar([documento_id])

    def indexar_lote(self, docs, progreso=None) -> int:
        """Indexa muchos documentos en una transacción (vocabulario al final)."""
        n = 0
        with transaction.atomic():
            delta = Counter()
            cambiados = []
            for doc in docs:
                cambiados.append(self._indexar(doc, delta))
                n += 1
                if progreso:
                    progreso(n)
            self._aplicar_vocabulario(delta)
            CambioIndice.registrar(cambiados)
        return n

    def borrar(self, clave: str) -> None:
        with transaction.atomic():
            doc = Documento.objects.filter(clave=clave).first()
            if doc is None:
                return
            delta = Counter()
            for palabra, info in vocablos_de(self._campos(doc)).items():
                delta[(palabra, *info)] -= 1
            documento_id = doc.id
            doc.delete()
            self._aplicar_vocabulario(delta)
            CambioIndice.registrar([documento_id])

    def reconstruir(self, docs, progreso=None) -> int:
        with transaction.atomic():
            with connection.cursor() as cursor:
                indice_texto(connection).reconstruir(cursor)
            ValorFaceta.objects.all().delete()
            Documento.objects.all().delete()
            CambioIndice.objects.all().delete()  # versión nueva: cada proceso recarga todo
            Vocablo.objects.all().delete()
            # Índice vacío: todo es nuevo, así que se inserta por lotes (un INSERT
            # de documentos y otro de facetas cada LOTE_SQL) en vez de fila a fila.
            n, delta, docs = 0, Counter(), iter(docs)
            while lote := list(islice(docs, LOTE_SQL)):
                self._insertar_nuevos(lote, delta)
                n += len(lote)
                if progreso:
                    progreso(n)
            self._aplicar_vocabulario(delta)
            EstadoIndice.marcar()
            with connection.cursor() as cursor:
                indice_texto(connection).tras_carga(cursor)
            return n

    def _insertar_nuevos(self, lote, delta):
        for doc in lote:
            for palabra, info in vocablos_de(doc).items():
                delta[(palabra, *info)] += 1
        documentos = Documento.objects.bulk_create(
            [Documento(clave=doc["clave"], **self._valores(doc)) for doc in lote]
        )
        ValorFaceta.objects.bulk_create(
            [
                fila
                for documento, doc in zip(documentos, lote, strict=True)
                for fila in self._filas_facetas(documento, doc)
            ],
            batch_size=2000,
        )

    @staticmethod
    def _campos(doc: Documento) -> dict:
        return {c: getattr(doc, c) for c in ("titulo", "resumen", "cuerpo", "etiquetas")}

    def _indexar(self, doc: dict, delta: Counter) -> None:
        clave = doc["clave"]
        anterior = Documento.objects.filter(clave=clave).first()
        viejos = vocablos_de(self._campos(anterior)) if anterior else {}
        nuevos = vocablos_de(doc)
        for palabra, info in nuevos.items():
            if palabra not in viejos:
                delta[(palabra, *info)] += 1
        for palabra, info in viejos.items():
            if palabra not in nuevos:
                delta[(palabra, *info)] -= 1
        valores = self._valores(doc)
        if anterior:
            for campo, valor in valores.items():
                setattr(anterior, campo, valor)
            anterior.save()
            documento = anterior
            documento.facetas.all().delete()
        else:
            documento = Documento.objects.create(clave=clave, **valores)
        ValorFaceta.objects.bulk_create(self._filas_facetas(documento, doc))
        return documento.id

    @staticmethod
    def _valores(doc):
        return {
            "page_id": doc.get("page_id"),
            "tipo": doc["tipo"],
            "slug": doc.get("slug", ""),
            "url": doc.get("url", ""),
            "titulo": doc.get("titulo", ""),
            "resumen": doc.get("resumen", ""),
            "cuerpo": doc.get("cuerpo", ""),
            "etiquetas": doc.get("etiquetas", ""),
            "fecha": _fecha(doc.get("fecha")),
            "sirvio": max(0, int(doc.get("sirvio") or 0)),
            "titulo_plegado": plegar_total(doc.get("titulo", ""))[:500],
            "norm_titulo": texto_indexable(doc.get("titulo", "")),
            "norm_resumen": texto_indexable(doc.get("resumen", "")),
            "norm_cuerpo": texto_indexable(doc.get("cuerpo", "")),
            "norm_etiquetas": texto_indexable(doc.get("etiquetas", "")),
        }

    @staticmethod
    def _filas_facetas(documento, doc):
        filas = [
            ValorFaceta(
                documento=documento,
                faceta="tipo",
                valor=doc["tipo"],
                etiqueta=TIPOS.get(doc["tipo"], doc["tipo"]),
            )
        ]
        vistos = set()
        for faceta, opciones in (doc.get("facetas") or {}).items():
            if faceta not in FACETAS or faceta == "tipo":
                continue
            for valor, etiqueta in opciones or []:
                if (faceta, valor) in vistos:
                    continue
                vistos.add((faceta, valor))
                filas.append(
                    ValorFaceta(
                        documento=documento,
                        faceta=faceta,
                        valor=str(valor)[:100],
                        etiqueta=str(etiqueta)[:255],
                    )
                )
        return filas

    @staticmethod
    def _aplicar_vocabulario(delta: Counter) -> None:
        suma = {}
        for (palabra, forma, term), n in delta.items():
            if n:
                anterior = suma.get(palabra, (forma, term, 0))
                suma[palabra] = (anterior[0], anterior[1], anterior[2] + n)
        for trozo in _trozos(suma):
            existentes = set(
                Vocablo.objects.filter(palabra__in=trozo).values_list("palabra", flat=True)
            )
            nuevos = []
            por_cambio = {}
            for palabra in trozo:
                forma, term, n = suma[palabra]
                if palabra in existentes:
                    por_cambio.setdefault(n, []).append(palabra)
                elif n > 0:
                    nuevos.append(
                        Vocablo(
                            palabra=palabra,
                            forma=forma,
                            termino=term,
                            largo=len(palabra),
                            documentos=n,
                        )
                    )
            for n, lista in por_cambio.items():
                Vocablo.objects.filter(palabra__in=lista).update(
                    documentos=Greatest(F("documentos") + n, 0)
                )
            Vocablo.objects.bulk_create(nuevos, ignore_conflicts=True)
        Vocablo.objects.filter(documentos__lte=0).delete()

    # --------------------------------------------------------------- búsqueda
    def _filtro_texto(self, plan):
        # Solo ids, sin puntaje: filtrar y contar no necesitan bm25/ts_rank de cada fila.
        sql, params = self._sql_ids(plan)
        return Q(id__in=RawSQL(f"SELECT documento_id FROM ({sql}) texto", params))  # noqa: S611, S608

    # ----------------------------------------------------- texto y ranking
    def _cobertura(self, plan, para_ordenar=False):
        """(sql, params): suma de pesos de los grupos que calzan con `t.documento_id`
        (en cualquier campo, y otra vez si calza en título o etiquetas).

        `para_ordenar` con el operador Y: toda coincidencia tiene todos los grupos, así
        que la parte «en cualquier campo» es la misma para todas y no cambia el orden;
        se omite (con «escuelas rurales» a 100 mil prácticas, cada una de esas
        subconsultas recorría ~40 mil coincidencias)."""
        indice = indice_texto(connection)
        partes, params = [], []
        campos_y_factores = ((None, 1.0), (CAMPOS_DESTACADOS, PESO_TITULO))
        if para_ordenar and plan.operador == "Y":
            campos_y_factores = campos_y_factores[1:]
        for grupo, peso in zip(plan.grupos, plan.pesos, strict=True):
            if not peso:
                continue
            for campos, factor in campos_y_factores:
                sql, p = indice.subconsulta_ids([grupo], "Y", campos=campos)
                partes.append(f"CASE WHEN t.documento_id IN ({sql}) THEN %s ELSE 0 END")
                params += [*p, peso * factor]
        return (" + ".join(partes) or "0"), params

    def _sql_ids(self, plan):
        indice = indice_texto(connection)
        sql, params = indice.subconsulta_ids(plan.grupos, plan.operador)
        if plan.umbral is None:
            return sql, params
        cobertura, p_cob = self._cobertura(plan)
        return (
            f"SELECT t.documento_id FROM ({sql}) t WHERE {cobertura} >= %s",  # noqa: S608
            [*params, *p_cob, plan.umbral],
        )

    def _sql_puntaje(self, plan, ids=None):
        """(sql, params) con filas (documento_id, puntaje, cobertura); `ids`, si se da,
        acota a quién puntuar (ver `IndiceTexto.subconsulta`)."""
        sql, params = indice_texto(connection).subconsulta(plan.grupos, plan.operador, ids)
        if not plan.pesos:
            return f"SELECT t.documento_id, t.puntaje, 0 AS cobertura FROM ({sql}) t", params  # noqa: S608
        cobertura, p_cob = self._cobertura(plan, para_ordenar=True)
        salida = f"SELECT t.documento_id, t.puntaje, {cobertura} AS cobertura FROM ({sql}) t"  # noqa: S608
        salida_params = [*p_cob, *params]  # la cobertura va antes en el SELECT
        if plan.umbral is not None:
            # El umbral (solo con O) mira la cobertura completa.
            completa, p_completa = self._cobertura(plan)
            salida += f" WHERE {completa} >= %s"
            salida_params += [*p_completa, plan.umbral]
        return salida, salida_params

    def _pesos(self, grupos):
        """idf de cada grupo, ln(1 + N/df) (0 si ningún documento lo tiene), con el
        mapa de bits de cada grupo (de la caché de texto si ya se pidió). En
        PostgreSQL un COUNT(*) por grupo visitaba la tabla en cada búsqueda (~110 ms
        por grupo con 100 mil prácticas); así cuesta lo mismo la primera vez y nada
        las siguientes."""
        mapa = mapa_facetas()
        indice = indice_texto(connection)
        n = mapa.todos.bit_count()
        salida = []
        for grupo in grupos:
            df = self._bits_texto(mapa, *indice.subconsulta_ids([grupo], "Y")).bit_count()
            salida.append(math.log(1 + n / df) if df else 0.0)
        return salida

    def _plan(self, terms, tabla=None):
        """Plan de texto: todos los grupos (Y); si ninguna experiencia los tiene todos,
        alguno (O) con umbral de cobertura. Devuelve (plan, aviso o None)."""
        grupos = expandir(terms, tabla)
        plan = PlanTexto(grupos)
        if len(grupos) < 2:
            return plan, None
        if len(grupos) > MAXIMO_GRUPOS_COBERTURA:
            if not self._alguna_experiencia(plan):
                plan.operador = "O"
                return plan, (
                    "Ninguna experiencia tiene todas las palabras; se muestran las que "
                    "tienen alguna."
                )
            return plan, None
        plan.pesos = self._pesos(grupos)
        if self._alguna_experiencia(plan):
            return plan, None
        plan.operador = "O"
        cobertura, p_cob = self._cobertura(plan)
        sql, params = indice_texto(connection).subconsulta_ids(grupos, "O")
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({cobertura}) FROM ({sql}) t", [*p_cob, *params])  # noqa: S608
            (maximo,) = cursor.fetchone()
        if not maximo:
            return plan, None
        # Margen por redondeo: la mejor siempre cumple su propio umbral.
        plan.umbral = float(maximo) * FRACCION_COBERTURA - 1e-9
        return plan, (
            "Ninguna experiencia tiene todas las palabras; se muestran las que tienen más "
            "y las más específicas."
        )

    def _alguna_experiencia(self, plan):
        """¿Alguna experiencia (caso o práctica) calza con el texto del plan? Con el mapa
        de bits de esa consulta, el mismo que después cuentan las facetas (de la caché):
        antes era un EXISTS en SQL que volvía a evaluar el texto en cada búsqueda."""
        mapa = mapa_facetas()
        experiencias = 0
        for tipo in TIPOS_EXPERIENCIA:
            experiencias |= mapa.bits.get(("tipo", tipo), 0)
        return bool(self._bits_texto(mapa, *self._sql_ids(plan)) & experiencias)

    def _filtros_facetas(self, filtros):
        # La faceta «tipo» la agrega el indexador con el tipo del documento: es la
        # columna `tipo`. Filtrarla por la columna deja que el índice (tipo, fecha)
        # entregue un listado fijo (/practicas/, el inicio) ya ordenado por fecha: con
        # 100 mil prácticas, la subconsulta sobre `ValorFaceta` obligaba a ordenar todas
        # (~300 ms, bench/RESULTADOS.md) y la columna responde en menos de 1 ms.
        return {
            faceta: Q(tipo__in=valores)
            if faceta == "tipo"
            else Q(
                id__in=ValorFaceta.objects.filter(faceta=faceta, valor__in=valores).values(
                    "documento_id"
                )
            )
            for faceta, valores in filtros.items()
            if valores
        }

    def buscar(self, consulta):
        terms = list(dict.fromkeys(terminos(consulta.texto)))[:MAXIMO_TERMINOS]
        avisos = []
        destacados = []
        if consulta.destacados:
            por_clave = dict(
                Documento.objects.filter(clave__in=consulta.destacados).values_list("clave", "id")
            )
            destacados = [por_clave[c] for c in consulta.destacados if c in por_clave]
        filtros = self._filtros_facetas(consulta.filtros)

        plan = None
        if terms:
            plan, aviso = self._plan(terms)
            coincide = self._filtro_texto(plan)
            if aviso and Documento.objects.filter(coincide).exists():
                avisos.append(aviso)
            if destacados:
                coincide |= Q(id__in=destacados)
        else:
            coincide = Q()
        texto_ids = self._sql_ids(plan) if plan else None
        facetas, resultado = self._facetas(
            filtros, consulta.filtros, texto_ids, destacados if terms else []
        )
        total = resultado.bit_count()
        lista = None
        if filtros and total <= MAXIMO_IDS_EN_LISTA:
            # El mapa de bits ya sabe qué documentos calzan con el texto y TODOS los
            # filtros: la base recibe esa lista (un parámetro) en vez de una subconsulta
            # por faceta. Con 100 mil prácticas y 3 filtros, las subconsultas `IN` sobre
            # `ValorFaceta` eran la mayor parte de los ~220 ms de /practicas/
            # (bench/brechas.md); la lista de unos cientos de ids cuesta ~1 ms.
            lista = ids_de(resultado)
            sql, params = indice_texto(connection).lista_ids(lista)
            filtros_pagina = {"resultado": Q(id__in=RawSQL(sql, params))}  # noqa: S611
            todos = Documento.objects.filter(filtros_pagina["resultado"])  # ya incluye el texto
        else:
            filtros_pagina = filtros
            todos = Documento.objects.filter(coincide, *filtros_pagina.values())

        if not total or not consulta.por_pagina:
            ids = []  # nada calza (o solo se pidieron conteos): sin consulta de página
        else:
            ids = self._pagina(
                consulta,
                todos,
                terms,
                plan,
                destacados if terms else [],
                filtros_pagina,
                lista,
                resultado,
            )
        docs = Documento.objects.in_bulk(ids)
        buscados = {t for grupo in (plan.grupos if plan else []) for alt in grupo for t in alt}
        fijados = set(destacados)
        resultados = []
        for i in ids:
            d = docs[i]
            frag = fragmentos(d.cuerpo, buscados) or fragmentos(d.resumen, buscados, 1)
            resultados.append(
                Resultado(
                    tipo=d.tipo,
                    slug=d.slug,
                    titulo=d.titulo,
                    url=d.url,
                    resumen=d.resumen,
                    fragmentos=frag,
                    fecha=d.fecha,
                    clave=d.clave,
                    destacado=i in fijados,
                )
            )
        sugerencia = None
        corregir_por_o = plan is not None and plan.operador == "O" and plan.pesos is not None
        if terms and (total < POCOS_RESULTADOS or corregir_por_o):
            sugerencia = self._quisiste_decir(consulta.texto, filtros, total, plan.operador)
        return ResultadoBusqueda(
            consulta=consulta,
            total=total,
            resultados=resultados,
            facetas=facetas,
            motor=self.nombre,
            sugerencia=sugerencia,
            avisos=avisos,
        )

    def _pagina(
        self, consulta, todos, terms, plan, destacados, filtros, lista=None, resultado=None
    ):
        desde, cuantos = consulta.desde, consulta.por_pagina
        if consulta.orden == "relevancia" and terms:
            indice = indice_texto(connection)
            cobertura_sql, cobertura_params = "COALESCE(t.cobertura, 0)", []
            por_niveles = None
            if plan.umbral is None and not destacados and resultado:
                por_niveles = self._prefijo_por_niveles(plan, terms, resultado, desde + cuantos)
            solo_frase = False
            if por_niveles is not None:
                # Solo el prefijo del orden que llega hasta esta página, y la cobertura
                # ya calculada en memoria: mismo orden, sin subconsultas por grupo.
                lista, niveles, solo_frase = por_niveles
                plan = PlanTexto(plan.grupos, plan.operador)  # sin cobertura en SQL
                partes = []
                for valor, ids in niveles:
                    condicion, p = indice.condicion_ids("d.id", ids)
                    partes.append(f"WHEN {condicion} THEN %s")
                    cobertura_params += [*p, valor]
                if partes:
                    cobertura_sql = f"(CASE {' '.join(partes)} ELSE 0 END)"
                else:
                    cobertura_sql = "0"
            # Peso por tipo de documento (registro.TipoDocumento.peso); claves del registro.
            pesos = " ".join(f"WHEN '{t}' THEN {p!r}" for t, p in PESOS_TIPO.items())
            peso = f"(CASE d.tipo {pesos} ELSE 1.0 END)" if pesos else "1.0"
            frase = " ".join(terms)  # solo letras, dígitos y espacios: sin comodines de LIKE
            params_nivel = [frase, f"{frase} %", f"% {frase} %"]

            def orden_por_relevancia(puntaje):
                # Un solo ORDER BY para las dos formas de la consulta (con y sin unión).
                return (
                    f"{NIVEL_TITULO} DESC, {cobertura_sql} * {peso} DESC, "
                    f"{puntaje} * {peso} DESC, "
                    "CASE WHEN d.fecha IS NULL THEN 1 ELSE 0 END, d.fecha DESC, d.id "
                    "LIMIT %s OFFSET %s"
                )

            en_fila = indice.puntaje_en_fila(plan.grupos, plan.operador)
            if en_fila and (lista is not None or solo_frase) and not destacados and not plan.pesos:
                # La base puntúa en la misma fila que tiene las claves de orden (título,
                # tipo, fecha): un solo recorrido de los documentos del prefijo, sin la
                # autounión documento ⋈ texto (bench/brechas.md).
                puntaje, desde_sql, params_puntaje, calza_texto = en_fila
                if por_niveles is None:
                    cobertura_sql, cobertura_params = "0", []  # sin pesos no hay cobertura
                if solo_frase:
                    # El prefijo es justo «la frase en el título» (que implica el texto):
                    # el índice GIN lo entrega en orden físico, más barato que buscar
                    # miles de ids uno a uno (con «rurales», ~13 mil).
                    condicion, p_condicion = indice.condicion_frase_titulo(terms)
                else:
                    condicion, p_condicion = indice.condicion_fila_ids("d.id", lista)
                    condicion = f"{condicion} AND {calza_texto}"
                sql = (
                    f"SELECT d.id FROM busqueda_documento d, {desde_sql} "  # noqa: S608
                    f"WHERE {condicion} ORDER BY {orden_por_relevancia(puntaje)}"
                )
                params = [
                    *params_puntaje,
                    *p_condicion,
                    *params_nivel,
                    *cobertura_params,
                    cuantos,
                    desde,
                ]
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    return [fila[0] for fila in cursor.fetchall()]
            texto_sql, texto_params = self._sql_puntaje(plan, lista)
            orden_destacados, params_destacados = "", []
            if destacados:
                # Los destacados pueden no calzar con el texto: LEFT JOIN y el filtro completo.
                union = "LEFT JOIN"
                filtro_sql, filtro_params = todos.values("id").query.sql_with_params()
                casos = " ".join("WHEN %s THEN %s" for _ in destacados)
                orden_destacados = f"CASE d.id {casos} ELSE %s END, "
                for posicion, i in enumerate(destacados):
                    params_destacados += [i, posicion]
                params_destacados.append(len(destacados))
            else:
                # El JOIN ya exige el texto; solo faltan las facetas (si hay).
                union = "JOIN"
                filtro_sql, filtro_params = (
                    Documento.objects.filter(*filtros.values()).values("id").query.sql_with_params()
                    if filtros and lista is None
                    else ("", [])
                )
            donde = f"WHERE d.id IN ({filtro_sql}) " if filtro_sql else ""
            if lista is not None and union == "JOIN" and indice.puntua_solo_ids:
                donde, filtro_params = "", []  # la subconsulta de texto ya se acotó a `lista`
            elif lista is not None:
                # La lista ya es texto (o destacado) y todos los filtros: una condición
                # directa. Anidada como subconsulta del ORM, PostgreSQL la recorría una
                # vez por fila (semi join en bucle: 335 ms con 2.500 ids).
                condicion, filtro_params = indice.condicion_ids("d.id", lista)
                donde = f"WHERE {condicion} "
            sql = (
                f"SELECT d.id FROM {indice.tabla_orden()} "  # noqa: S608
                f"{union} ({texto_sql}) t ON t.documento_id = d.id "
                f"{donde}"
                f"ORDER BY {orden_destacados}{orden_por_relevancia('COALESCE(t.puntaje, 0)')}"
            )
            params = [
                *texto_params,
                *filtro_params,
                *params_destacados,
                *params_nivel,
                *cobertura_params,
                cuantos,
                desde,
            ]
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return [fila[0] for fila in cursor.fetchall()]
        orden = list((ORDENES.get(consulta.orden) or ORDENES["relevancia"]).local)
        if consulta.orden == "relevancia" and destacados:
            orden.insert(
                0,
                Case(
                    *[When(id=i, then=Value(p)) for p, i in enumerate(destacados)],
                    default=Value(len(destacados)),
                    output_field=IntegerField(),
                ),
            )
        return list(todos.order_by(*orden).values_list("id", flat=True)[desde : desde + cuantos])

    def _prefijo_por_niveles(self, plan, terms, resultado, hasta):
        """El menor conjunto de documentos que contiene las `hasta` primeras posiciones
        del orden por relevancia, y la cobertura de cada uno, calculados con mapas de
        bits (sin umbral de cobertura: con él, la cobertura depende de todo el texto).

        El orden es (nivel de título, cobertura × peso del tipo, puntaje…). Los que
        tienen la frase en el título (nivel > 0) van primero; después, la cobertura
        toma pocos valores (una suma por combinación de grupos que calzan en título o
        etiquetas), así que el resto se corta en niveles enteros de cobertura × peso
        hasta juntar `hasta`. Ese prefijo, ordenado por el mismo SQL, da la misma
        página que ordenar todas las coincidencias (tests/test_busqueda_cache_texto.py
        lo compara), y la base ya no evalúa una subconsulta por grupo en cada una: con
        «escuelas rurales» y 100 mil prácticas eran ~40 mil filas por subconsulta.

        Devuelve (ids del prefijo, [(cobertura, ids)], ¿es solo la frase en el título?)
        o None si no conviene. Si es solo la frase y la base puntúa en la fila, los ids
        no hacen falta y van como None."""
        mapa = mapa_facetas()
        indice = indice_texto(connection)
        partes = [(resultado, 0.0)]  # (documentos, cobertura en título o etiquetas)
        # Sin pesos (una palabra, o texto largo): sin cobertura; solo corta el nivel.
        for grupo, peso in zip(plan.grupos, plan.pesos or [0] * len(plan.grupos), strict=True):
            if not peso:
                continue
            sql, params = indice.subconsulta_ids([grupo], "Y", campos=CAMPOS_DESTACADOS)
            calza = self._bits_texto(mapa, sql, params)
            nuevas = []
            for bits, valor in partes:
                # Misma suma y mismo orden de sumandos que `_cobertura` en SQL.
                for sub, v in ((bits & calza, valor + peso * PESO_TITULO), (bits & ~calza, valor)):
                    if sub:
                        nuevas.append((sub, v))
            partes = nuevas
        # Nivel de título > 0: la frase en el título, del índice de texto. Si el índice
        # puede dar más de la cuenta (`frase_titulo_exacta` falso), se confirma con la
        # misma condición que NIVEL_TITULO; si no, confirmar era leer el título de
        # cada candidato (con «rurales» y 100 mil prácticas, ~13 mil filas y ~40 ms).
        frase = " ".join(terms)
        sql, params = indice.subconsulta_frase_titulo(terms)
        con_frase_todos = self._bits_texto(mapa, sql, params)
        candidatos = con_frase_todos & resultado
        con_frase = candidatos if indice.frase_titulo_exacta else 0
        if candidatos and not indice.frase_titulo_exacta:
            condicion, p = indice.condicion_ids("d.id", ids_de(candidatos))
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT d.id FROM {indice.tabla_orden()} WHERE {condicion} "  # noqa: S608
                    "AND (' ' || d.norm_titulo || ' ') LIKE %s",
                    [*p, f"% {frase} %"],
                )
                con_frase = bits_de([fila[0] for fila in cursor.fetchall()])
        # Niveles del resto: cobertura × peso del tipo, de mayor a menor.
        tipos = {t: mapa.bits.get(("tipo", t), 0) for t in PESOS_TIPO}
        otros = ~0
        for bits in tipos.values():
            otros &= ~bits
        por_clave = {}
        for bits, valor in partes:
            for tipo, bits_tipo in [*tipos.items(), (None, otros)]:
                sub = bits & bits_tipo & ~con_frase
                if sub:
                    clave = valor * PESOS_TIPO.get(tipo, 1.0)
                    por_clave[clave] = por_clave.get(clave, 0) | sub
        prefijo, cuantos = con_frase, con_frase.bit_count()
        for clave in sorted(por_clave, reverse=True):
            if cuantos >= hasta:
                break
            prefijo |= por_clave[clave]
            cuantos += por_clave[clave].bit_count()
        if cuantos == resultado.bit_count() and len(partes) == 1:
            return None  # nada que cortar ni cobertura que distinga: el SQL de siempre
        con_cobertura = [(bits, valor) for bits, valor in partes if valor and bits & prefijo]
        # ¿El prefijo es exactamente «todos los documentos con la frase en el título»?
        # (todos calzan con el texto y los filtros). Entonces una base que puntúa en la
        # fila lo pide con la condición de texto, sin lista de ids: ahí no hace falta el
        # tope de la lista (con 1 millón de prácticas, «rurales» tiene ~130 mil títulos).
        solo_frase = (
            indice.frase_titulo_exacta
            and not con_cobertura
            and prefijo == con_frase == con_frase_todos & mapa.todos
        )
        if solo_frase and indice.puntaje_en_fila(plan.grupos, plan.operador) is not None:
            return None, [], True
        if cuantos > MAXIMO_IDS_EN_LISTA:
            return None  # prefijo tan amplio como las subconsultas: no hay ganancia
        niveles = [(valor, ids_de(bits & prefijo)) for bits, valor in con_cobertura]
        return ids_de(prefijo), niveles, solo_frase

    def _bits_texto(self, mapa, sql, params):
        """Mapa de bits de una subconsulta de ids del índice de texto (con la caché)."""

        def calcular():
            with connection.cursor() as cursor:
                return bits_de(indice_texto(connection).leer_ids(cursor, sql, params))

        return mapa.bits_texto((sql, tuple(params)), calcular)

    def _facetas(self, filtros, seleccion, texto_ids=None, destacados=()):
        """Conteos disyuntivos y el mapa de bits del resultado (texto y todos los
        filtros), en memoria (ver facetas_bits.py): la base solo entrega los ids que
        calzan con el texto; el resto son AND y bit_count().

        Los ids salen directo del índice de texto, sin cruzar con `Documento`: a 100
        mil documentos ese cruce costaba 60 ms y la consulta sola, 10 ms."""
        mapa = mapa_facetas()
        if texto_ids is None:
            calzan = mapa.todos
        else:
            # Con `todos`: un id del índice de texto sin documento nunca se cuenta.
            calzan = (self._bits_texto(mapa, *texto_ids) | bits_de(destacados)) & mapa.todos
        elegidos = {f: seleccion.get(f, []) for f in filtros}
        conteos, resultado = mapa.contar(calzan, elegidos, FACETAS)
        salida = {f: [] for f in FACETAS}
        for (faceta, valor), cantidad in conteos.items():
            salida[faceta].append(
                OpcionFaceta(
                    valor=valor,
                    etiqueta=mapa.etiquetas[(faceta, valor)],
                    cantidad=cantidad,
                    seleccionado=valor in seleccion.get(faceta, []),
                )
            )
        for faceta, valores in seleccion.items():
            for valor in valores:
                if faceta in salida and (faceta, valor) not in conteos:
                    etiqueta = mapa.etiquetas.get((faceta, valor), valor)
                    salida[faceta].append(OpcionFaceta(valor, etiqueta, 0, True))
        for opciones in salida.values():
            opciones.sort(key=lambda o: (-o.cantidad, plegar(o.etiqueta)))
        return salida, resultado

    # ------------------------------------------------------- quisiste decir
    @staticmethod
    def _siglas():
        """Siglas del vocabulario de sinónimos (una palabra en mayúsculas): «UTP», «SLEP»…"""
        return {
            plegar_total(t): t
            for t in Sinonimo.objects.filter(activo=True).values_list("termino", flat=True)
            if len(palabras(t)) == 1 and t.upper() == t and 2 <= len(t) <= 8
        }

    def _corregir_palabra(self, palabra, conocidas, siglas):
        """Forma visible corregida de `palabra`, o None si no hace falta o no hay.
        `conocidas`: términos que ya son formas de un sinónimo (no se corrigen)."""
        plegada = plegar_total(palabra)
        if plegada.isdigit() or plegada in PALABRAS_VACIAS or termino(palabra) in conocidas:
            return None
        if len(plegada) < 3:
            return None
        if Vocablo.objects.filter(Q(palabra=plegada) | Q(termino=termino(palabra))).exists():
            return None
        if len(plegada) <= 6:
            # Siglas frecuentes con una letra cambiada o dos traspuestas: «SELP» → «SLEP».
            cercanas = sorted(
                (distancia(plegada, s, 1), s) for s in siglas if distancia(plegada, s, 1) <= 1
            )
            if cercanas:
                return siglas[cercanas[0][1]]
        if len(plegada) < 4:
            return None
        tope = 1 if len(plegada) <= 5 else 2
        candidatos = Vocablo.objects.filter(
            largo__gte=len(plegada) - tope, largo__lte=len(plegada) + tope
        ).filter(Q(palabra__startswith=plegada[0]) | Q(palabra__endswith=plegada[-2:]))
        mejor = None
        for otra, forma, docs in candidatos.values_list("palabra", "forma", "documentos"):
            d = distancia(plegada, otra, tope)
            if d <= tope and (mejor is None or (d, -docs) < mejor[:2]):
                mejor = (d, -docs, forma)
        return mejor[2] if mejor else None

    def _quisiste_decir(self, texto, filtros, total, operador="Y"):
        """Corrige PALABRA POR PALABRA («microsentros rurales» → «microcentros rurales»).
        Se propone si la corrección trae más resultados o, cuando la búsqueda tuvo que
        conformarse con algunas palabras (O), si la corregida las encuentra todas."""
        tabla = disparadores()
        conocidas = {t for forma in tabla for t in forma if len(forma) == 1}
        siglas = self._siglas()
        partes = []
        cambio = False
        for _, _, w in palabras(texto):
            corregida = self._corregir_palabra(w, conocidas, siglas)
            cambio = cambio or corregida is not None
            partes.append(corregida or w.lower())
        if not cambio:
            return None
        sugerida = " ".join(partes)
        terms = list(dict.fromkeys(terminos(sugerida)))[:MAXIMO_TERMINOS]
        if not terms:
            return None
        plan = PlanTexto(expandir(terms, tabla))
        mejora = Documento.objects.filter(self._filtro_texto(plan), *filtros.values()).count()
        if operador == "O":
            return sugerida if mejora else None
        return sugerida if mejora > total else None

    # ---------------------------------------------------------- sugerencias
    def sugerencias(self, texto, limite=8):
        lista = [plegar_total(w) for _, _, w in palabras(texto)][:8]
        if not lista or len("".join(lista)) < 2:
            return []
        titulos = Documento.objects.all()
        for p in lista:
            titulos = titulos.filter(
                Q(titulo_plegado__startswith=p) | Q(titulo_plegado__contains=f" {p}")
            )
        salida = [
            {"texto": titulo, "tipo": tipo, "url": url}
            for titulo, tipo, url in titulos.order_by("titulo").values_list(
                "titulo", "tipo", "url"
            )[: max(1, limite // 2)]
        ]
        previas = [w.lower() for _, _, w in palabras(texto)][:-1]
        ultima = lista[-1]
        if len(ultima) >= 2:
            vistos = {plegar_total(s["texto"]) for s in salida}
            for forma in (
                Vocablo.objects.filter(palabra__startswith=ultima)
                .order_by("-documentos", "palabra")
                .values_list("forma", flat=True)[:limite]
            ):
                propuesta = " ".join([*previas, forma])
                if plegar_total(propuesta) in vistos:
                    continue
                vistos.add(plegar_total(propuesta))
                salida.append({"texto": propuesta, "tipo": None, "url": None})
                if len(salida) >= limite:
                    break
        return salida[:limite]
