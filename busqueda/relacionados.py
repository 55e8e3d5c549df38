"""Relacionados, calculados de una sola manera para todos los tipos: en el índice.

Un caso muestra casos y prácticas parecidas; una práctica, prácticas y casos.
Parecido = opciones de faceta compartidas, con peso: mismo tipo de red (3),
característica (2), foco y etiqueta (1); a igual peso, lo más reciente y luego
el título. Todo sale de `ValorFaceta` (índice faceta, valor, documento), que
solo tiene lo publicado y público: el índice nunca tiene borradores.

Cota: por cada opción del documento se miran solo los `CANDIDATOS_POR_OPCION`
documentos más recientes del tipo pedido. Con 100 mil prácticas una opción como
«tipo de red: territorial» la comparten decenas de miles; contar todas las
coincidencias tomaba más de un segundo (bench/RESULTADOS.md) y cambiaba poco:
entre los parecidos de verdad (los que comparten varias opciones) casi siempre
hay recientes. Con menos documentos que la cota el resultado es exacto.

Los que elige el editor (casos relacionados en el admin) van primero y, si
alguno está publicado, solos: es una decisión editorial.

Consultas: una para las opciones del documento, una para los más parecidos de
todos los tipos pedidos (ROW_NUMBER por tipo), una para los elegidos si se
pasan y una para los datos que se muestran bajo cada título."""

from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, Q, Sum, Value, When, Window
from django.db.models.functions import RowNumber

from .models import Documento, ValorFaceta

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
    """Los `limite` más parecidos de cada tipo, en una consulta (ROW_NUMBER por tipo)."""
    comparte = Q()
    candidatos = Q()
    for faceta, valor in opciones:
        comparte |= Q(faceta=faceta, valor=valor)
        for tipo in tipos:
            recientes = ValorFaceta.objects.filter(
                faceta=faceta, valor=valor, documento__tipo=tipo
            ).order_by("-documento_id")[:CANDIDATOS_POR_OPCION]
            candidatos |= Q(documento_id__in=recientes.values("documento_id"))
    peso = Sum(
        Case(
            *[When(faceta=f, then=Value(p)) for f, p in PESOS.items()],
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    orden = [
        F("peso").desc(),
        F("documento__fecha").desc(nulls_last=True),
        F("documento__titulo_plegado").asc(),
    ]
    consulta = (
        ValorFaceta.objects.filter(comparte, candidatos, documento__tipo__in=tipos)
        .exclude(documento__clave=clave)
        .values("documento__tipo", *(f"documento__{c}" for c in _CAMPOS))
        .annotate(peso=peso)
        .annotate(puesto=Window(RowNumber(), partition_by=F("documento__tipo"), order_by=orden))
        .filter(puesto__lte=limite)
        .order_by("documento__tipo", *orden)
    )
    return [
        {"tipo": f["documento__tipo"], **{c: f[f"documento__{c}"] for c in _CAMPOS}}
        for f in consulta
    ]


def _con_meta(filas):
    por_id = {f["id"]: (tipo, f) for tipo, lista in filas.items() for f in lista}
    if not por_id:
        return
    facetas = {f for tipo in filas for f in META.get(tipo, ())}
    valores = {}
    for documento_id, faceta, etiqueta in ValorFaceta.objects.filter(
        documento_id__in=por_id, faceta__in=facetas
    ).values_list("documento_id", "faceta", "etiqueta"):
        valores.setdefault(documento_id, {}).setdefault(faceta, []).append(etiqueta)
    for documento_id, (tipo, fila) in por_id.items():
        datos = valores.get(documento_id, {})
        fila["meta"] = [e for f in META.get(tipo, ()) for e in datos.get(f, [])]
