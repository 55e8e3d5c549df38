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
from .facetas_bits import bits_de, mapa_facetas
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
    def _cobertura(self, plan):
        """(sql, params): suma de pesos de los grupos que calzan con `t.documento_id`
        (en cualquier campo, y otra vez si calza en título o etiquetas)."""
        indice = indice_texto(connection)
        partes, params = [], []
        for grupo, peso in zip(plan.grupos, plan.pesos, strict=True):
            if not peso:
                continue
            for campos, factor in ((None, 1.0), (CAMPOS_DESTACADOS, PESO_TITULO)):
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

    def _sql_puntaje(self, plan):
        """(sql, params) con filas (documento_id, puntaje, cobertura)."""
        sql, params = indice_texto(connection).subconsulta(plan.grupos, plan.operador)
        if not plan.pesos:
            return f"SELECT t.documento_id, t.puntaje, 0 AS cobertura FROM ({sql}) t", params  # noqa: S608
        cobertura, p_cob = self._cobertura(plan)
        salida = f"SELECT t.documento_id, t.puntaje, {cobertura} AS cobertura FROM ({sql}) t"  # noqa: S608
        salida_params = [*p_cob, *params]  # la cobertura va antes en el SELECT
        if plan.umbral is not None:
            salida += f" WHERE {cobertura} >= %s"
            salida_params += [*p_cob, plan.umbral]
        return salida, salida_params

    def _pesos(self, grupos):
        """idf de cada grupo, ln(1 + N/df), en UNA consulta (0 si ningún documento lo tiene)."""
        indice = indice_texto(connection)
        partes, params = ["(SELECT COUNT(*) FROM busqueda_documento)"], []
        for grupo in grupos:
            sql, p = indice.subconsulta_ids([grupo], "Y")
            partes.append(f"(SELECT COUNT(*) FROM ({sql}) g)")  # noqa: S608
            params += p
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(partes), params)  # noqa: S608
            n, *dfs = cursor.fetchone()
        return [math.log(1 + n / df) if df else 0.0 for df in dfs]

    def _plan(self, terms, tabla=None):
        """Plan de texto: todos los grupos (Y); si ninguna experiencia los tiene todos,
        alguno (O) con umbral de cobertura. Devuelve (plan, aviso o None)."""
        grupos = expandir(terms, tabla)
        plan = PlanTexto(grupos)
        if len(grupos) < 2:
            return plan, None
        if len(grupos) > MAXIMO_GRUPOS_COBERTURA:
            experiencias = Documento.objects.filter(tipo__in=TIPOS_EXPERIENCIA)
            if not experiencias.filter(self._filtro_texto(plan)).exists():
                plan.operador = "O"
                return plan, (
                    "Ninguna experiencia tiene todas las palabras; se muestran las que "
                    "tienen alguna."
                )
            return plan, None
        plan.pesos = self._pesos(grupos)
        experiencias = Documento.objects.filter(tipo__in=TIPOS_EXPERIENCIA)
        if experiencias.filter(self._filtro_texto(plan)).exists():
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
        todos = Documento.objects.filter(coincide, *filtros.values())
        texto_ids = self._sql_ids(plan) if plan else None
        facetas, total = self._facetas(
            filtros, consulta.filtros, texto_ids, destacados if terms else []
        )

        ids = self._pagina(consulta, todos, terms, plan, destacados if terms else [], filtros)
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

    def _pagina(self, consulta, todos, terms, plan, destacados, filtros):
        desde, cuantos = consulta.desde, consulta.por_pagina
        if consulta.orden == "relevancia" and terms:
            texto_sql, texto_params = self._sql_puntaje(plan)
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
                    if filtros
                    else ("", [])
                )
            donde = f"WHERE d.id IN ({filtro_sql}) " if filtro_sql else ""
            # Peso por tipo de documento (registro.TipoDocumento.peso); claves del registro.
            pesos = " ".join(f"WHEN '{t}' THEN {p!r}" for t, p in PESOS_TIPO.items())
            peso = f"(CASE d.tipo {pesos} ELSE 1.0 END)" if pesos else "1.0"
            sql = (
                f"SELECT d.id FROM busqueda_documento d "  # noqa: S608
                f"{union} ({texto_sql}) t ON t.documento_id = d.id "
                f"{donde}"
                f"ORDER BY {orden_destacados}{NIVEL_TITULO} DESC, "
                f"COALESCE(t.cobertura, 0) * {peso} DESC, "
                f"COALESCE(t.puntaje, 0) * {peso} DESC, "
                f"CASE WHEN d.fecha IS NULL THEN 1 ELSE 0 END, d.fecha DESC, d.id "
                f"LIMIT %s OFFSET %s"
            )
            frase = " ".join(terms)  # solo letras, dígitos y espacios: sin comodines de LIKE
            params = [
                *texto_params,
                *filtro_params,
                *params_destacados,
                frase,
                f"{frase} %",
                f"% {frase} %",
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

    def _facetas(self, filtros, seleccion, texto_ids=None, destacados=()):
        """Conteos disyuntivos y total, en memoria (ver facetas_bits.py): la base solo
        entrega los ids que calzan con el texto; el resto son AND y bit_count().

        Los ids salen directo del índice de texto, sin cruzar con `Documento`: a 100
        mil documentos ese cruce costaba 60 ms y la consulta sola, 10 ms."""
        mapa = mapa_facetas()
        if texto_ids is None:
            calzan = mapa.todos
        else:
            sql, params = texto_ids
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                ids = [fila[0] for fila in cursor.fetchall()]
            # Con `todos`: un id del índice de texto sin documento nunca se cuenta.
            calzan = bits_de([*ids, *destacados]) & mapa.todos
        elegidos = {f: seleccion.get(f, []) for f in filtros}
        conteos, total = mapa.contar(calzan, elegidos, FACETAS)
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
        return salida, total

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
