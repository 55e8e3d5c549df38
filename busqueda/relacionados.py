"""Relacionados, calculados de una sola manera para todos los tipos: en el índice.

Un caso muestra casos y prácticas parecidas; una práctica, prácticas y casos.
Parecido = opciones de faceta compartidas, con peso: mismo tipo de red (3),
característica (2), foco y etiqueta (1); a igual peso, lo más reciente y luego
el título. Todo sale de `ValorFaceta` (índice faceta, valor, documento), que
solo tiene lo publicado y público: el índice nunca tiene borradores.

Cota: por cada opción del documento se miran solo los `CANDIDATOS_POR_OPCION`
documentos más recientes del tipo pedido, y el peso de cada uno suma las
opciones en cuya lista aparece. Con 100 mil prácticas una opción como
«tipo de red: territorial» la comparten decenas de miles; contar todas las
coincidencias tomaba más de un segundo (bench/RESULTADOS.md) y cambiaba poco:
entre los parecidos de verdad (los que comparten varias opciones) casi siempre
hay recientes. Con menos documentos que la cota el resultado es exacto.

Los que elige el editor (casos relacionados en el admin) van primero y, si
alguno está publicado, solos: es una decisión editorial.

Consultas: una para las opciones del documento, una para los más parecidos de
todos los tipos pedidos, una para los elegidos si se pasan y una para los datos
que se muestran bajo cada título."""

import time
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count

from .models import Documento, ValorFaceta

PESOS = {"tipo_red": 3, "caracteristica": 2, "foco": 1, "etiqueta": 1}
CANDIDATOS_POR_OPCION = 200
TIPO_ESCASO = 2000
_TAMANOS = None  # (instante, {tipo: documentos}), ver _tamanos_por_tipo()
# Lo que se muestra bajo el título de cada tipo.
META = {"practica": ("red",), "caso": ("pais", "tipo_red"), "red": ("slep", "tipo_red")}


@dataclass
class Relacionado:
    page_id: int | None
    slug: str
    titulo: str
    url: str
    resumen: str
    meta: list[str] = field(default_factory=list)


_CAMPOS = ("id", "page_id", "slug", "titulo", "url", "resumen")


def relacionados(clave, tipos=("caso", "practica"), limite=3, elegidos=None):
    """{tipo: [Relacionado]}: lo más parecido al documento `clave`, por tipo.

    `elegidos`: ids de página (lista o subconsulta) que eligió el editor para el
    primer tipo de `tipos`."""
    filas = {}
    if elegidos is not None:
        filas[tipos[0]] = list(
            Documento.objects.filter(tipo=tipos[0], page_id__in=elegidos)
            .order_by("titulo_plegado", "id")
            .values(*_CAMPOS)
        )
    pendientes = [t for t in tipos if not filas.get(t)]
    opciones = []
    if pendientes:
        opciones = list(
            ValorFaceta.objects.filter(documento__clave=clave, faceta__in=PESOS)
            .values_list("faceta", "valor")
            .distinct()
        )
    if opciones:
        for tipo in pendientes:
            filas[tipo] = []
        for f in _parecidos(clave, pendientes, opciones, limite):
            filas[f["tipo"]].append(f)
    else:
        for tipo in pendientes:
            filas[tipo] = []
    _con_meta(filas)
    return {
        tipo: [
            Relacionado(
                f["page_id"], f["slug"], f["titulo"], f["url"], f["resumen"], f.get("meta", [])
            )
            for f in filas[tipo]
        ]
        for tipo in tipos
    }


def _parecidos(clave, tipos, opciones, limite):
    """Los `limite` más parecidos de cada tipo, en una consulta.

    SQL propio porque el ORM no arma esta forma: por cada opción, los
    `CANDIDATOS_POR_OPCION` documentos más recientes que la comparten (cada uno
    recorre el índice (faceta, valor, documento) hacia atrás y se detiene al
    juntarlos), sumados por documento, y los mejores de cada tipo. Con un OR de
    subconsultas el motor recorría la tabla entera (~4 s con 100 mil prácticas).
    Solo nombres de tablas de `_meta`; los valores van como parámetros."""
    vf, doc = ValorFaceta._meta.db_table, Documento._meta.db_table
    tamanos = _tamanos_por_tipo()
    partes, params = [], []
    for tipo in tipos:
        ramas, ramas_params = [], []
        # Mismo resultado, distinto camino: un tipo escaso (19 casos entre 100 mil
        # prácticas) se recorre desde sus documentos; uno abundante, desde la opción
        # (bench: 82 → 1 ms y 1.100 → 2 ms con 100 mil prácticas).
        if tamanos.get(tipo, 0) <= TIPO_ESCASO:
            de_tipo = f"v.documento_id IN (SELECT id FROM {doc} WHERE tipo = %s)"  # noqa: S608
            union = ""
        else:
            de_tipo = "dd.tipo = %s"
            union = f"JOIN {doc} dd ON dd.id = v.documento_id "
        for n, (faceta, valor) in enumerate(opciones):
            ramas.append(
                f"SELECT * FROM (SELECT v.documento_id, {int(PESOS[faceta])} AS peso "  # noqa: S608
                f"FROM {vf} v {union}"
                f"WHERE v.faceta = %s AND v.valor = %s AND {de_tipo} "
                f"ORDER BY v.documento_id DESC LIMIT %s) o{n}"
            )
            ramas_params += [faceta, valor, tipo, CANDIDATOS_POR_OPCION]
        columnas = ", ".join(f"d.{c}" for c in _CAMPOS)
        partes.append(
            f"SELECT * FROM (SELECT CAST(%s AS VARCHAR(20)) AS tipo, {columnas}, SUM(c.peso) AS peso "  # noqa: S608
            f"FROM ({' UNION ALL '.join(ramas)}) c JOIN {doc} d ON d.id = c.documento_id "
            f"WHERE d.clave <> %s GROUP BY d.id "
            f"ORDER BY peso DESC, CASE WHEN d.fecha IS NULL THEN 1 ELSE 0 END, d.fecha DESC, "
            f"d.titulo_plegado, d.id LIMIT %s) t_{tipo}"
        )
        params += [tipo, *ramas_params, clave, limite]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(partes), params)
        nombres = [c[0] for c in cursor.description]
        return [dict(zip(nombres, fila, strict=True)) for fila in cursor.fetchall()]


def _tamanos_por_tipo():
    """{tipo: documentos}, recordado unos minutos en el proceso: solo elige el camino
    de la consulta (un conteo viejo nunca cambia el resultado)."""
    global _TAMANOS
    ahora = time.monotonic()
    if _TAMANOS is None or ahora - _TAMANOS[0] > 300:
        conteos = dict(
            Documento.objects.values_list("tipo").annotate(n=Count("id")).values_list("tipo", "n")
        )
        _TAMANOS = (ahora, conteos)
    return _TAMANOS[1]


def _con_meta(filas):
    por_id = {f["id"]: (tipo, f) for tipo, lista in filas.items() for f in lista}
    if not por_id:
        return
    facetas = {f for tipo in filas for f in META.get(tipo, ())}
    valores = {}
    for documento_id, faceta, etiqueta in (
        ValorFaceta.objects.filter(documento_id__in=por_id, faceta__in=facetas)
        .order_by("id")
        .values_list("documento_id", "faceta", "etiqueta")
    ):
        valores.setdefault(documento_id, {}).setdefault(faceta, []).append(etiqueta)
    for documento_id, (tipo, fila) in por_id.items():
        datos = valores.get(documento_id, {})
        fila["meta"] = [e for f in META.get(tipo, ()) for e in datos.get(f, [])]
