"""Presentación común de una búsqueda del motor: /buscar/, /casos/ y /practicas/.

Los listados son búsquedas fijas del mismo motor (`registro.LISTADOS`): esto
arma, para la plantilla única de filtros (`includes/filtros.html`), los chips de
filtros activos (`includes/filtros_activos.html`), el paginador único
(`includes/paginacion.html`) y los resultados (`includes/resultados.html`), las
opciones de cada faceta con su URL para marcar o desmarcar, los grupos, el
orden y las sugerencias cuando no hay resultados.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator

from .models import ValorFaceta
from .motores import ConsultaBusqueda, motor_busqueda
from .parametros import ErrorConsulta, consulta_a_parametros, leer_consulta
from .registro import BUSCAR, ETIQUETAS_ORDENES, FACETAS, LISTADOS, facetas_del_listado

# Facetas que se muestran como datos de cada resultado (en este orden).
META_RESULTADO = ("ambito", "pais", "slep", "red", "tipo_red", "evidencia")
TEMAS_CERCANOS = 6


@dataclass
class Opcion:
    valor: str
    etiqueta: str
    cantidad: int
    seleccionado: bool
    url: str
    id_html: str


@dataclass
class FacetaVista:
    clave: str
    etiqueta: str
    grupos: list  # [(nombre_grupo_o_"", [Opcion])]
    seleccionadas: int = 0

    @property
    def opciones(self):
        return [o for _, opciones in self.grupos for o in opciones]


@dataclass
class Activo:
    faceta: str
    etiqueta: str
    url_quitar: str


@dataclass
class Vista:
    listado: object
    resultado: object = None
    consulta: object = None
    error: str = ""
    facetas: list = field(default_factory=list)
    activos: list = field(default_factory=list)
    ordenes: list = field(default_factory=list)
    url_limpiar: str = "?"
    paginas: int = 1
    enlaces_paginas: list = field(default_factory=list)
    url_anterior: str = ""
    url_siguiente: str = ""
    parametros: str = ""
    url_sugerencia: str = ""
    sin_resultados: list = field(default_factory=list)  # [(texto, url)]
    temas: list = field(default_factory=list)  # [(etiqueta, url)]

    @property
    def total(self):
        return self.resultado.total if self.resultado else 0

    @property
    def hay_filtros(self):
        return bool(self.activos)

    @property
    def n_filtros(self):
        return len(self.activos)


def ejecutar(get, listado=None, **opciones):
    consulta, avisos = leer_consulta(get, listado=listado, **opciones)
    resultado = motor_busqueda().buscar(consulta)
    resultado.avisos = avisos + resultado.avisos
    paginas = max(1, -(-resultado.total // consulta.por_pagina))
    if consulta.pagina > paginas and resultado.total:
        resultado.avisos.append(
            f"La página {consulta.pagina} no existe: esta búsqueda tiene {paginas}."
        )
    return resultado


def _url(consulta, listado, **cambios):
    return "?" + urlencode(consulta_a_parametros(consulta, listado, **cambios))


def _sin(filtros, faceta, valor):
    nuevos = {f: [v for v in vs if not (f == faceta and v == valor)] for f, vs in filtros.items()}
    return {f: vs for f, vs in nuevos.items() if vs}


def _con(filtros, faceta, valor):
    nuevos = {f: list(vs) for f, vs in filtros.items()}
    nuevos.setdefault(faceta, []).append(valor)
    return nuevos


def ordenar_agrupar(faceta, opciones):
    """[(grupo, [opciones])] con el orden y la agrupación que declara el registro."""
    definicion = FACETAS[faceta]
    if definicion.agrupar is None:
        return [("", opciones)]
    grupos = definicion.agrupar()
    opciones = sorted(opciones, key=lambda o: grupos.get(o.valor, (len(grupos), ""))[0])
    por_grupo = {}
    for o in opciones:
        por_grupo.setdefault(grupos.get(o.valor, (0, "Otras"))[1], []).append(o)
    return list(por_grupo.items())


def _meta_de_resultados(resultados):
    """Datos de cada resultado (SLEP, red, país…) desde el índice local, en una consulta."""
    claves = [r.clave for r in resultados if r.clave]
    meta = {}
    if claves:
        filas = ValorFaceta.objects.filter(
            documento__clave__in=claves, faceta__in=META_RESULTADO + ("foco", "ejemplo")
        ).order_by("id")  # el orden en que se indexaron (el del marco), igual tras restaurar
        filas = filas.values_list("documento__clave", "faceta", "valor", "etiqueta")
        for clave, faceta, valor, etiqueta in filas:
            meta.setdefault(clave, {}).setdefault(faceta, []).append((valor, etiqueta))
    for r in resultados:
        datos = meta.get(r.clave, {})
        # Sin repetir (ámbito y país de una práctica chilena son ambos «Chile»).
        r.meta = list(dict.fromkeys(e for f in META_RESULTADO for _, e in datos.get(f, [])))
        r.focos = [e for _, e in datos.get("foco", [])]
        r.ejemplo = bool(datos.get("ejemplo"))


def vista(get, listado_clave=BUSCAR):
    """La `Vista` para la plantilla. Con parámetros inválidos, `vista.error` (→ 400)."""
    listado = LISTADOS[listado_clave]
    v = Vista(listado=listado)
    try:
        resultado = ejecutar(get, listado=listado)
    except ErrorConsulta as error:
        v.error = str(error)
        return v
    consulta = resultado.consulta
    v.resultado, v.consulta = resultado, consulta
    propios = {f.clave for f in facetas_del_listado(listado.clave)}
    elegidas = {f for f, vs in consulta.filtros.items() if vs and f not in listado.fijos}
    for clave in FACETAS:
        # Las del listado y, aunque no sean suyas, las que vienen marcadas (para poder quitarlas).
        if clave not in propios and clave not in elegidas:
            continue
        opciones = []
        for o in resultado.facetas.get(clave, []):
            cambio = (_sin if o.seleccionado else _con)(consulta.filtros, clave, o.valor)
            opciones.append(
                Opcion(
                    valor=o.valor,
                    etiqueta=o.etiqueta,
                    cantidad=o.cantidad,
                    seleccionado=o.seleccionado,
                    url=_url(consulta, listado, filtros=cambio, pagina=1),
                    id_html=f"f-{clave}-{o.valor}",
                )
            )
            if o.seleccionado:
                v.activos.append(
                    Activo(
                        FACETAS[clave].etiqueta,
                        o.etiqueta,
                        _url(consulta, listado, filtros=cambio, pagina=1),
                    )
                )
        if opciones:
            v.facetas.append(
                FacetaVista(
                    clave,
                    FACETAS[clave].etiqueta,
                    ordenar_agrupar(clave, opciones),
                    sum(o.seleccionado for o in opciones),
                )
            )
    v.ordenes = [(o, ETIQUETAS_ORDENES[o], o == consulta.orden) for o in listado.ordenes]
    v.url_limpiar = _url(consulta, listado, filtros={}, pagina=1)
    v.paginas = max(1, -(-resultado.total // consulta.por_pagina))
    paginador = Paginator(range(resultado.total), consulta.por_pagina)
    if v.paginas > 1:
        actual = min(consulta.pagina, v.paginas)
        for numero in paginador.get_elided_page_range(actual, on_each_side=2, on_ends=1):
            if numero == paginador.ELLIPSIS:
                v.enlaces_paginas.append((None, "", False))
            else:
                v.enlaces_paginas.append(
                    (numero, _url(consulta, listado, pagina=numero), numero == consulta.pagina)
                )
    if 1 < consulta.pagina <= v.paginas:
        v.url_anterior = _url(consulta, listado, pagina=consulta.pagina - 1)
    if consulta.pagina < v.paginas:
        v.url_siguiente = _url(consulta, listado, pagina=consulta.pagina + 1)
    if consulta.pagina > v.paginas and resultado.total:
        v.url_anterior = _url(consulta, listado, pagina=1)
    v.parametros = urlencode(consulta_a_parametros(consulta, listado, pagina=1))
    if resultado.sugerencia:
        v.url_sugerencia = _url(consulta, listado, texto=resultado.sugerencia, pagina=1)
    _meta_de_resultados(resultado.resultados)
    if not resultado.total:
        _sugerir(v, listado)
    return v


def _sugerir(v, listado):
    """Sin resultados: quitar cada filtro (con lo que daría), la corrección y temas."""
    consulta = v.consulta
    for activo in v.activos:
        v.sin_resultados.append((f"Quitar «{activo.faceta}: {activo.etiqueta}»", activo.url_quitar))
    if consulta.texto and consulta.filtros and v.activos:
        v.sin_resultados.append(
            (f"Buscar «{consulta.texto}» sin filtros", _url(consulta, listado, filtros={}))
        )
    if consulta.texto:
        v.sin_resultados.append(
            ("Ver todo, sin palabras de búsqueda", _url(consulta, listado, texto="", pagina=1))
        )
    # Temas cercanos: las etiquetas y focos más frecuentes del listado, sin texto ni filtros.
    base = motor_busqueda().buscar(
        ConsultaBusqueda(filtros=dict(listado.fijos), orden=listado.orden_defecto, por_pagina=1)
    )
    for faceta in ("etiqueta", "foco"):
        for o in base.facetas.get(faceta, [])[: TEMAS_CERCANOS // 2]:
            v.temas.append(
                (o.etiqueta, _url(consulta, listado, texto="", filtros={faceta: [o.valor]}))
            )


class ListadoMixin:
    """Para una página índice de Wagtail que es un listado fijo del motor.

    Declare `listado_busqueda = "casos"` (clave de `registro.LISTADOS`); la plantilla
    recibe `vista` e incluye `includes/filtros.html` y `includes/resultados.html`.
    Con parámetros inválidos responde 400 con el mensaje y lo escrito."""

    listado_busqueda = BUSCAR

    def contexto_listado(self, request):
        v = vista(request.GET, self.listado_busqueda)
        return {"vista": v, "q": request.GET.get("q", ""), "error": v.error}

    def serve(self, request, *args, **kwargs):
        respuesta = super().serve(request, *args, **kwargs)
        datos = getattr(respuesta, "context_data", None) or {}
        if "vista" in datos and datos["vista"].error:
            respuesta.status_code = 400
        return respuesta
