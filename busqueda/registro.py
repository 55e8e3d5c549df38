"""Registro único de la búsqueda: facetas, tipos de documento, órdenes y listados.

Todo lo que muestra, filtra, exporta o indexa facetas lee de aquí: los dos
motores (mapeo de Elasticsearch, filas de `ValorFaceta`), la lectura de
parámetros (`parametros.py`), la API, las plantillas de filtros, los enlaces de
las fichas y las pruebas. **Agregar una faceta es agregar una entrada en
`FACETAS`**; agregar un tipo de documento, una en `TIPOS_DOCUMENTO`; un orden,
una en `ORDENES`; un listado fijo, una en `LISTADOS`.

Cómo se declara cada cosa (ver también busqueda/README.md, «Registro»):

- `Faceta(clave, etiqueta, origen={tipo: funcion}, listados=..., agrupar=...)`:
  `origen[tipo](objeto)` devuelve la lista de pares `(valor, etiqueta)` de ese
  documento. El valor es estable (un slug; puede llevar tildes, ñ o mayúsculas:
  viaja tal cual por la URL) y la etiqueta es lo que se ve.
- `TipoDocumento(clave, etiqueta, plural, modelo)`: el modelo (página de Wagtail
  o modelo simple / snippet) define `datos_busqueda()` y, si depende de otros
  modelos, `dependencias_busqueda` (ver `indice.py`).
- `Orden(clave, etiqueta, local=[...], es=[...])`: cómo ordena cada motor.
- `Listado(clave, fijos, ordenes, orden_defecto)`: una búsqueda fija del motor
  (p. ej. /casos/ es el motor con `tipo=caso`).

Este módulo no importa modelos de ninguna app: las funciones de `origen` reciben
el objeto ya cargado.
"""

from dataclasses import dataclass, field

from django.db.models import F

# ----------------------------------------------------------------- ayudantes


def terminos(atributo, nombre="nombre"):
    """Origen para una relación a términos con `slug` (ManyToMany, etiquetas)."""

    def origen(obj):
        relacion = getattr(obj, atributo)
        return [(t.slug, getattr(t, nombre)) for t in relacion.all()]

    return origen


def termino(ruta, nombre="nombre", etiqueta=None):
    """Origen para una ForeignKey (ruta con puntos, p. ej. "red.slep")."""

    def origen(obj):
        t = obj
        for parte in ruta.split("."):
            t = getattr(t, parte, None)
            if t is None:
                return []
        return [(t.slug, etiqueta(t) if etiqueta else getattr(t, nombre))]

    return origen


def eleccion(campo):
    """Origen para un campo con `choices`: (valor, texto visible)."""

    def origen(obj):
        valor = getattr(obj, campo)
        if not valor:
            return []
        return [(valor, getattr(obj, f"get_{campo}_display")())]

    return origen


def fijo(valor, etiqueta):
    return lambda obj: [(valor, etiqueta)]


def _dimensiones(obj):
    vistas = []
    for c in obj.caracteristicas.all():
        par = (c.dimension.slug, c.dimension.nombre)
        if par not in vistas:
            vistas.append(par)
    return vistas


def _pais(obj):
    from django.utils.text import slugify

    return [(obj.pais_slug or slugify(obj.pais), obj.pais)] if obj.pais else []


def si_no(campo, si, no):
    """Origen para un campo booleano (ruta con puntos): ("si", si) o ("no", no)."""

    def origen(obj):
        valor = obj
        for parte in campo.split("."):
            valor = getattr(valor, parte, None)
        return [("si", si)] if valor else [("no", no)]

    return origen


def _grupos_caracteristica():
    """{valor: (posición, grupo)}: características en el orden del marco, por dimensión."""
    from portal.models import Caracteristica

    return {
        slug: (i, dimension)
        for i, (slug, dimension) in enumerate(
            Caracteristica.objects.order_by("dimension__orden", "orden", "nombre").values_list(
                "slug", "dimension__nombre"
            )
        )
    }


# ------------------------------------------------------------------- facetas

BUSCAR = "buscar"
CASOS = "casos"
PRACTICAS = "practicas"
REDES = "redes"


@dataclass(frozen=True)
class Faceta:
    clave: str  # nombre del parámetro GET y de la faceta en ambos motores
    etiqueta: str  # texto visible (legend, chips, avisos, columnas)
    origen: dict = field(default_factory=dict)  # {tipo: funcion(objeto) -> [(valor, etiqueta)]}
    listados: frozenset = frozenset({BUSCAR})  # dónde se muestra como filtro
    # Función sin argumentos que da {valor: (posición, grupo)} para agrupar y ordenar.
    agrupar: object = None
    exportar: bool = True  # columna en CSV/XLSX/JSON

    def valores_de(self, tipo, obj):
        funcion = self.origen.get(tipo)
        return list(dict.fromkeys(funcion(obj))) if funcion else []


TODOS = frozenset({BUSCAR, CASOS, PRACTICAS})

FACETAS_LISTA = [
    # "tipo" la agrega el indexador con la etiqueta del tipo de documento.
    Faceta("tipo", "Tipo", listados=frozenset({BUSCAR}), exportar=False),
    Faceta(
        "foco",
        "Foco de acción",
        origen={"caso": terminos("focos"), "practica": terminos("focos")},
        listados=TODOS,
    ),
    Faceta(
        "principio",
        "Principio orientador",
        origen={"caso": terminos("principios"), "practica": terminos("principios")},
        listados=TODOS,
    ),
    Faceta(
        "caracteristica",
        "Característica de red efectiva",
        origen={"caso": terminos("caracteristicas"), "practica": terminos("caracteristicas")},
        listados=TODOS,
        agrupar=_grupos_caracteristica,
    ),
    Faceta(
        "dimension",
        "Dimensión",
        origen={"caso": _dimensiones, "practica": _dimensiones},
        listados=frozenset({BUSCAR}),
        exportar=False,
    ),
    Faceta(
        "ambito",
        "Ámbito",
        origen={
            "caso": eleccion("ambito"),
            "practica": fijo("chile", "Chile"),
            "red": fijo("chile", "Chile"),
        },
        listados=frozenset({BUSCAR, CASOS}),
    ),
    Faceta(
        "pais",
        "País",
        origen={"caso": _pais, "practica": fijo("chile", "Chile"), "red": fijo("chile", "Chile")},
        listados=frozenset({BUSCAR, CASOS}),
    ),
    Faceta(
        "slep",
        "SLEP",
        origen={
            "practica": termino("red.slep", etiqueta=str),
            "red": termino("slep", etiqueta=str),
        },
        listados=frozenset({BUSCAR, PRACTICAS, REDES}),
    ),
    Faceta(
        "red",
        "Red",
        origen={"practica": termino("red")},
        listados=frozenset({BUSCAR, PRACTICAS}),
    ),
    Faceta(
        "tipo_red",
        "Tipo de red",
        origen={
            "caso": termino("tipo_red"),
            "practica": termino("red.tipo"),
            "red": termino("tipo"),
        },
        listados=TODOS | {REDES},
    ),
    Faceta(
        "nivel",
        "Nivel educativo",
        origen={"practica": terminos("niveles"), "red": terminos("niveles")},
        listados=frozenset({BUSCAR, PRACTICAS, REDES}),
    ),
    Faceta(
        "rural",
        "Rural o multigrado",
        origen={
            "practica": si_no("red.rural", "Rural o multigrado", "Urbana"),
            "red": si_no("rural", "Rural o multigrado", "Urbana"),
        },
        listados=frozenset({BUSCAR, PRACTICAS, REDES}),
    ),
    Faceta(
        "eib",
        "Enfoque intercultural (EIB)",
        origen={
            "practica": si_no("red.eib", "Con enfoque intercultural", "Sin EIB declarado"),
            "red": si_no("eib", "Con enfoque intercultural", "Sin EIB declarado"),
        },
        listados=frozenset({BUSCAR, PRACTICAS, REDES}),
    ),
    Faceta(
        "evidencia",
        "Nivel de evidencia",
        origen={"practica": eleccion("nivel_evidencia")},
        listados=frozenset({BUSCAR, PRACTICAS}),
    ),
    # No se muestra como filtro: marca el contenido de demostración en cada resultado.
    Faceta(
        "ejemplo",
        "Contenido de ejemplo",
        origen={"practica": lambda o: [("ejemplo", "Ejemplo")] if o.es_ejemplo else []},
        listados=frozenset(),
    ),
    Faceta(
        "etiqueta",
        "Etiquetas",
        origen={"caso": terminos("etiquetas", "name"), "practica": terminos("etiquetas", "name")},
        listados=TODOS,
    ),
]

# {clave: Faceta}, en el orden en que se muestran.
FACETAS = {f.clave: f for f in FACETAS_LISTA}
# {clave: etiqueta}: la forma que usan los motores y las plantillas.
ETIQUETAS_FACETAS = {f.clave: f.etiqueta for f in FACETAS_LISTA}


def faceta(clave) -> Faceta:
    return FACETAS[clave]


def facetas_de(tipo, obj) -> dict:
    """{faceta: [(valor, etiqueta)]} de un objeto, leído de los orígenes del registro.

    Los modelos lo usan en `datos_busqueda()["facetas"]`: así de dónde sale cada
    valor se escribe una sola vez."""
    return {f.clave: f.valores_de(tipo, obj) for f in FACETAS_LISTA if f.clave != "tipo"}


def facetas_del_listado(listado) -> list[Faceta]:
    return [f for f in FACETAS_LISTA if listado in f.listados]


# ------------------------------------------------------ tipos de documento


@dataclass(frozen=True)
class TipoDocumento:
    """Un tipo de documento del índice.

    `modelo` es "app_label.NombreModelo". Si es una página de Wagtail, la clave de
    sus documentos es `pagina:<id>` y se indexa solo publicada, pública y con URL.
    Si es un modelo simple (snippet), la clave es `<clave>:<pk>` y se indexa lo que
    devuelva `Modelo.buscables_busqueda()` (por defecto, todos); su URL sale de
    `get_absolute_url()`. Ver `indice.py`."""

    clave: str
    etiqueta: str
    plural: str
    modelo: str
    # Peso en el orden por relevancia (multiplica el puntaje de texto). Quien busca un
    # tema busca primero experiencias (casos y prácticas); una red que lo menciona va
    # después, salvo que su nombre sea lo buscado (el nivel de título va antes).
    peso: float = 1.0
    # ¿Es una experiencia (caso, práctica)? La regla «todas las palabras; si ninguna
    # experiencia las tiene, las que tienen más» mira solo experiencias: que una red
    # mencione todas las palabras no debe ocultar las prácticas que tienen casi todas.
    experiencia: bool = True


TIPOS_DOCUMENTO = [
    TipoDocumento("caso", "Caso", "Casos", "casos.CasoPage"),
    TipoDocumento("practica", "Práctica", "Prácticas", "practicas.PracticaPage"),
    TipoDocumento("red", "Red", "Redes", "redes.Red", peso=0.5, experiencia=False),
]
TIPOS = {t.clave: t.etiqueta for t in TIPOS_DOCUMENTO}
PESOS_TIPO = {t.clave: t.peso for t in TIPOS_DOCUMENTO if t.peso != 1.0}
TIPOS_EXPERIENCIA = [t.clave for t in TIPOS_DOCUMENTO if t.experiencia]


def tipo_documento(clave) -> TipoDocumento | None:
    return next((t for t in TIPOS_DOCUMENTO if t.clave == clave), None)


# -------------------------------------------------------------------- órdenes


@dataclass(frozen=True)
class Orden:
    """Un criterio de orden. `local`: argumentos de `order_by()` sobre
    `busqueda.Documento`; `es`: lista `sort` de Elasticsearch. "relevancia" no los
    usa: cada motor ordena por su puntaje de texto (sin texto, cae en `local`/`es`)."""

    clave: str
    etiqueta: str
    local: tuple = ()
    es: tuple = ()


_RECIENTE_LOCAL = (F("fecha").desc(nulls_last=True), "titulo", "id")
_RECIENTE_ES = ({"fecha": {"order": "desc", "missing": "_last"}}, "slug")

ORDENES_LISTA = [
    Orden("relevancia", "Relevancia", local=_RECIENTE_LOCAL, es=_RECIENTE_ES),
    Orden("reciente", "Más recientes", local=_RECIENTE_LOCAL, es=_RECIENTE_ES),
    Orden(
        "titulo",
        "Título (A–Z)",
        local=("titulo_plegado", "id"),
        es=({"titulo_orden": "asc"}, "slug"),
    ),
    # Más «nos sirvió» primero (columna `sirvio` del documento, comunidad/sirvio.py);
    # a igual conteo, lo más reciente y luego un desempate fijo.
    Orden(
        "sirvio",
        "Más útiles",
        local=(F("sirvio").desc(), *_RECIENTE_LOCAL),
        es=({"sirvio": {"order": "desc", "missing": "_last"}}, *_RECIENTE_ES),
    ),
]
ORDENES = {o.clave: o for o in ORDENES_LISTA}
ETIQUETAS_ORDENES = {o.clave: o.etiqueta for o in ORDENES_LISTA}


# ------------------------------------------------------------------- listados


@dataclass(frozen=True)
class Listado:
    """Una búsqueda fija del motor con su subconjunto de facetas y órdenes."""

    clave: str
    fijos: dict  # filtros que el usuario no puede quitar, p. ej. {"tipo": ["caso"]}
    ordenes: tuple = ("relevancia", "reciente", "titulo")
    orden_defecto: str = "relevancia"  # sin texto, "relevancia" = más recientes
    por_pagina: int = 10

    @property
    def facetas(self):
        return facetas_del_listado(self.clave)


CON_SIRVIO = ("relevancia", "reciente", "titulo", "sirvio")

LISTADOS = {
    BUSCAR: Listado(BUSCAR, fijos={}, ordenes=CON_SIRVIO),
    CASOS: Listado(CASOS, fijos={"tipo": ["caso"]}, ordenes=CON_SIRVIO, orden_defecto="titulo"),
    PRACTICAS: Listado(
        PRACTICAS, fijos={"tipo": ["practica"]}, ordenes=CON_SIRVIO, orden_defecto="reciente"
    ),
    REDES: Listado(
        REDES, fijos={"tipo": ["red"]}, ordenes=("relevancia", "titulo"), orden_defecto="titulo"
    ),
}
