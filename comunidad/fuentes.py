"""Fuentes Atom para seguir lo que se publica: cualquier búsqueda o listado con
sus filtros, cada SLEP. Son consultas al mismo motor de búsqueda
(`busqueda.motores.motor_busqueda`) con los mismos parámetros y reglas que
/buscar/ (`busqueda.parametros.leer_consulta`): no hay otro filtro. Como el
índice solo tiene lo publicado y público, una fuente nunca trae borradores.

    /fuentes/buscar/?q=rural&slep=huasco   cualquier búsqueda (mismos parámetros que /buscar/)
    /fuentes/casos/?foco=…                  el listado de casos con sus filtros
    /fuentes/practicas/?…                   el listado de prácticas con sus filtros
    /fuentes/slep/<slug>/                   todo lo del territorio de un SLEP
    /fuentes/red/<slug>/                    lo publicado por una red (faceta `red`)
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from busqueda.motores import motor_busqueda
from busqueda.motores.base import FACETAS, MAXIMO_POR_PAGINA, ResultadoBusqueda
from busqueda.parametros import ErrorConsulta, consulta_a_parametros, leer_consulta
from busqueda.registro import CASOS, LISTADOS, PRACTICAS, TIPOS
from portal.models import Slep

ENTRADAS = MAXIMO_POR_PAGINA
AUTOR = "Dirección de Educación Pública (DEP)"


def buscar_recientes(get, forzar=None, pagina=1, listado=None):
    """Resultado del motor, más recientes primero, con los parámetros de /buscar/
    (o del listado del registro, p. ej. /casos/ = el motor con tipo=caso)."""
    get = get.copy()
    for clave, valores in (forzar or {}).items():
        get.setlist(clave, valores)
    get["orden"] = "reciente"
    get["pagina"] = str(pagina)
    get["por_pagina"] = str(ENTRADAS)
    consulta, _avisos = leer_consulta(get, listado=listado)
    if any(clave not in consulta.filtros for clave in forzar or {}):
        # El filtro propio de la fuente (p. ej. un SLEP aún sin contenido) no está en
        # el índice: leer_consulta lo ignoraría y la fuente traería todo.
        return ResultadoBusqueda(consulta=consulta, total=0, resultados=[], facetas={}, motor="")
    return motor_busqueda().buscar(consulta)


_NO_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def limpio(texto):
    """Sin los caracteres que XML 1.0 prohíbe (un \\x00 en `q` rompería la fuente)."""
    return _NO_XML.sub("", texto or "")


def describir(consulta):
    """«rural · SLEP: huasco» para títulos de fuentes y de búsquedas guardadas."""
    partes = [f"«{consulta.texto}»"] if consulta.texto else []
    for faceta, valores in consulta.filtros.items():
        partes.append(f"{FACETAS.get(faceta, faceta)}: {', '.join(valores)}")
    return " · ".join(partes) or "todo lo publicado"


@dataclass
class Pedido:
    """Lo que una fuente necesita de una solicitud. La instancia de `Feed` la
    comparten todas las solicitudes (hilos): nada de la solicitud se guarda en ella."""

    resultado: object
    ruta: str
    titulo: str
    enlace: str


class FuenteBusqueda(Feed):
    feed_type = Atom1Feed
    author_name = AUTOR
    forzar = None
    listado = None  # clave de busqueda.registro.LISTADOS (None: /buscar/)
    titulo = "Trama"
    ruta_html = "/buscar/"

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except ErrorConsulta as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")

    def pedido(self, request, forzar, titulo, ruta_html):
        listado = LISTADOS[self.listado] if self.listado else None
        resultado = buscar_recientes(request.GET, forzar, listado=listado)
        fijos = {**(forzar or {}), **(listado.fijos if listado else {})}
        parametros = [
            p
            for p in consulta_a_parametros(resultado.consulta)
            if p[0] not in fijos and p[0] not in ("orden", "pagina")
        ]
        return Pedido(
            resultado=resultado,
            ruta=request.get_full_path(),
            titulo=f"{titulo}: {describir(resultado.consulta)}",
            enlace=ruta_html + (f"?{urlencode(parametros)}" if parametros else ""),
        )

    def get_object(self, request, *args, **kwargs):
        return self.pedido(request, self.forzar, self.titulo, self.ruta_html)

    def title(self, pedido):
        return limpio(pedido.titulo)

    def subtitle(self, pedido):
        return (
            "Casos y prácticas de redes de la Educación Pública publicados en Trama "
            "que calzan con esta búsqueda, los más recientes primero."
        )

    def link(self, pedido):
        return pedido.enlace

    def feed_url(self, pedido):
        return pedido.ruta

    def items(self, pedido):
        # Una fuente trae novedades: lo que tiene fecha de publicación (casos y
        # prácticas). Las redes no tienen fecha y Atom exige <updated> en cada entrada.
        return [r for r in pedido.resultado.resultados if hasattr(r.fecha, "tzinfo")]

    def item_title(self, item):
        return limpio(f"{TIPOS.get(item.tipo, item.tipo.capitalize())}: {item.titulo}")

    def item_description(self, item):
        return limpio(item.resumen)

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.fecha if hasattr(item.fecha, "tzinfo") else None

    def item_updateddate(self, item):
        return self.item_pubdate(item)

    def item_categories(self, item):
        return [TIPOS.get(item.tipo, item.tipo)]


class FuenteCasos(FuenteBusqueda):
    listado = CASOS
    titulo = "Casos de Trama"
    ruta_html = "/casos/"


class FuentePracticas(FuenteBusqueda):
    listado = PRACTICAS
    titulo = "Prácticas de Trama"
    ruta_html = "/practicas/"


class FuenteSlep(FuenteBusqueda):
    def get_object(self, request, slug):
        slep = get_object_or_404(Slep, slug=slug)
        pedido = self.pedido(request, {"slep": [slug]}, f"Trama en el {slep}", "/buscar/")
        pedido.titulo = f"Trama en el {slep}"
        pedido.enlace = f"/buscar/?{urlencode({'slep': slug})}"
        return pedido


class FuenteRed(FuenteBusqueda):
    """Las prácticas de una red (faceta `red` del registro). Si la faceta aún no
    existe o la red no tiene nada publicado, la fuente queda vacía, nunca con todo."""

    def get_object(self, request, slug):
        from .cuentas import _modelo_red

        modelo = _modelo_red()
        if modelo is None:
            raise Http404
        red = get_object_or_404(modelo, slug=slug)
        pedido = self.pedido(request, {"red": [slug]}, red.nombre, "/buscar/")
        pedido.titulo = f"Trama: prácticas de {red.nombre}"
        pedido.enlace = f"/buscar/?{urlencode({'red': slug})}"
        return pedido


RUTA_RED = re.compile(r"^/redes/(?P<slug>[-\w]+)/$")

RUTAS_CON_FUENTE = {
    "/buscar/": "/fuentes/buscar/",
    "/casos/": "/fuentes/casos/",
    "/practicas/": "/fuentes/practicas/",
}


def fuente_de(request):
    """URL de la fuente Atom de la página pedida (con su texto y filtros), o None.
    Sin consultas: los parámetros se validan cuando el lector pide la fuente."""
    destino = RUTAS_CON_FUENTE.get(request.path)
    if destino is None:
        red = RUTA_RED.match(request.path)
        return f"/fuentes/red/{red['slug']}/" if red else None
    conocidos = ("q", *FACETAS)
    parametros = [
        (clave, valor)
        for clave in conocidos
        for valor in request.GET.getlist(clave)
        if valor.strip()
    ]
    return destino + (f"?{urlencode(parametros)}" if parametros else "")
