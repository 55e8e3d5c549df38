"""Relacionados, calculados de una sola manera para todos los tipos: en el índice.

Un caso muestra casos y prácticas parecidas; una práctica, prácticas y casos.
Parecido = opciones de faceta compartidas, con peso: mismo tipo de red (3),
característica (2), foco y etiqueta (1); a igual peso, lo más reciente y luego
el título. Todo sale del índice (`ValorFaceta` y su mapa de bits en memoria,
motores/facetas_bits.py), que solo tiene lo publicado y público: el índice
nunca tiene borradores.

Cota: por cada opción del documento se miran solo los `CANDIDATOS_POR_OPCION`
documentos indexados más recientemente (ids más altos) del tipo pedido, y el peso de cada uno suma las
opciones en cuya lista aparece. Con 100 mil prácticas una opción como
«tipo de red: territorial» la comparten decenas de miles; contar todas las
coincidencias tomaba más de un segundo (bench/RESULTADOS.md) y cambiaba poco:
entre los parecidos de verdad (los que comparten varias opciones) casi siempre
hay recientes. Con menos documentos que la cota el resultado es exacto.

Los que elige el editor (casos relacionados en el admin) van primero y, si
alguno está publicado, solos: es una decisión editorial.

Consultas: una para las opciones del documento, la que pone al día el mapa de
facetas en memoria, una para desempatar a los finalistas de todos
los tipos, una para los elegidos si se pasan y una para los datos que se muestran
bajo cada título."""

from collections import Counter
from dataclasses import dataclass, field

from .models import Documento, ValorFaceta
from .motores.facetas_bits import ids_mas_altos, mapa_facetas

PESOS = {"tipo_red": 3, "caracteristica": 2, "foco": 1, "etiqueta": 1}
CANDIDATOS_POR_OPCION = 200
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
    opciones, propio = [], None
    if pendientes:
        for documento_id, faceta, valor in ValorFaceta.objects.filter(
            documento__clave=clave, faceta__in=PESOS
        ).values_list("documento_id", "faceta", "valor"):
            propio = documento_id
            opciones.append((faceta, valor))
    if opciones:
        for tipo in pendientes:
            filas[tipo] = []
        for f in _parecidos(propio, pendientes, list(dict.fromkeys(opciones)), limite):
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


def _parecidos(propio, tipos, opciones, limite):
    """Los `limite` más parecidos de cada tipo al documento `propio` (su id), desde el
    mapa de facetas en memoria (el mismo que cuenta las facetas de la búsqueda,
    facetas_bits.py).

    Por cada opción, los `CANDIDATOS_POR_OPCION` documentos más recientes del tipo
    que la comparten son los bits más altos de (opción AND tipo); el peso de cada
    documento suma sus opciones. Solo los empatados hasta el último lugar se leen de
    la base (una consulta para todos los tipos), para desempatar por fecha y título.
    En SQL (una subconsulta por opción con ORDER BY … LIMIT) costaba ~530 ms en
    PostgreSQL con 100 mil prácticas (bench/brechas.md)."""
    mapa = mapa_facetas()
    pesos_por_tipo, finalistas = {}, set()
    for tipo in tipos:
        de_tipo = mapa.bits.get(("tipo", tipo), 0)
        pesos = Counter()
        for faceta, valor in opciones:
            opcion = mapa.bits.get((faceta, valor), 0) & de_tipo
            for documento_id in ids_mas_altos(opcion, CANDIDATOS_POR_OPCION):
                pesos[documento_id] += PESOS[faceta]
        pesos.pop(propio, None)
        if pesos:
            corte = sorted(pesos.values(), reverse=True)[min(limite, len(pesos)) - 1]
            finalistas.update(i for i, p in pesos.items() if p >= corte)
            pesos_por_tipo[tipo] = pesos
    if not finalistas:
        return []
    por_id = {
        f["id"]: f
        for f in Documento.objects.filter(id__in=finalistas).values(
            *_CAMPOS, "tipo", "fecha", "titulo_plegado"
        )
    }
    salida = []
    for tipo, pesos in pesos_por_tipo.items():
        filas = [por_id[i] for i in pesos if i in por_id and por_id[i]["tipo"] == tipo]
        filas.sort(
            key=lambda f, pesos=pesos: (
                -pesos[f["id"]],
                f["fecha"] is None,
                -(f["fecha"].timestamp() if f["fecha"] else 0),
                f["titulo_plegado"],
                f["id"],
            )
        )
        salida.extend(filas[:limite])
    return salida


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
