"""Filtro facetado reutilizable para listados de páginas (casos, prácticas).

Por qué propio: django-filter filtra, pero no calcula conteos disyuntivos por
opción ni arma las URLs para activar/quitar cada opción; la búsqueda de Wagtail
tampoco sirve aquí (el listado debe ser exacto y sin índice). Esto es una capa
delgada sobre el ORM.

Semántica:

- Cada `Faceta` se lee de un parámetro GET (`?foco=a&foco=b`). Varias opciones
  de una faceta se combinan con O; facetas distintas, con Y.
- Valores repetidos se ignoran; slugs que no existen o con caracteres
  inválidos se ignoran y dejan un aviso en español (`resultado.avisos`).
- Conteos disyuntivos: la cantidad de cada opción se calcula con los filtros
  de las OTRAS facetas (lo que el usuario obtendría al marcarla además de lo
  que ya marcó en la misma faceta). Una consulta agregada por faceta de
  términos y una sola para todas las facetas de valores (`choices` o campo
  propio), sin N+1.
- Paginación con `?pagina=N`. Un número de página no numérico o fuera de rango
  lanza `Http404` (la URL no existe; nunca un 500). Sin resultados, la página 1
  existe y está vacía.

Ejemplo::

    from portal.filtros import Faceta, FiltroFacetado

    FILTRO = FiltroFacetado(
        [
            Faceta("ambito", "Ámbito", campo="ambito", choices=CasoPage.AMBITOS),
            Faceta("pais", "País", campo="pais_slug", campo_nombre="pais"),
            Faceta("foco", "Foco de acción", campo="focos", opciones=Foco.objects.all()),
            Faceta(
                "caracteristica",
                "Característica",
                campo="caracteristicas",
                opciones=Caracteristica.objects.select_related("dimension"),
                agrupar_por="dimension",
            ),
            Faceta("tipo_red", "Tipo de red", campo="tipo_red", opciones=TipoRed.objects.all()),
        ],
        por_pagina=12,
    )

    def get_context(self, request):
        base = CasoPage.objects.live().public().child_of(self)
        filtro = FILTRO.aplicar(request, base)  # puede lanzar Http404 (página)
        contexto["filtro"] = filtro            # filtro.pagina.object_list = casos

En la plantilla: ``{% include "includes/filtros.html" %}`` (formulario GET con
casillas, avisos y filtros activos) e ``{% include "includes/paginacion.html" %}``,
ambas leen la variable ``filtro``.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Exists, Q
from django.http import Http404

PARAMETRO_PAGINA = "pagina"
# Un slug válido; cualquier otra cosa es basura y se descarta con aviso.
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
# Tope de valores por faceta: evita consultas gigantes con URLs fabricadas.
MAX_VALORES = 30


@dataclass
class Opcion:
    valor: str
    nombre: str
    cantidad: int = 0
    seleccionado: bool = False
    url: str = ""  # URL que activa (o desactiva, si está seleccionada) esta opción
    id_html: str = ""


@dataclass
class Grupo:
    nombre: str  # "" si la faceta no se agrupa
    opciones: list = field(default_factory=list)


@dataclass
class FacetaResultado:
    parametro: str
    etiqueta: str
    grupos: list

    @property
    def opciones(self):
        return [opcion for grupo in self.grupos for opcion in grupo.opciones]

    @property
    def agrupada(self):
        return any(grupo.nombre for grupo in self.grupos)

    @property
    def seleccionadas(self):
        return [opcion for opcion in self.opciones if opcion.seleccionado]


@dataclass
class Activo:
    faceta: str
    nombre: str
    url_quitar: str


class Faceta:
    """Una faceta del filtro.

    - `parametro`: nombre del parámetro GET.
    - `etiqueta`: texto visible (legend del fieldset).
    - `campo`: campo del modelo listado. Con `opciones`, es una relación
      (ForeignKey o (Parental)ManyToMany) hacia un modelo de términos con
      `slug` y `nombre`. Sin `opciones`, es un campo propio del modelo cuyos
      valores son slugs (con `choices` fijos o con `campo_nombre` para el
      texto visible de cada valor).
    - `opciones`: queryset de términos (se clona en cada petición).
    - `agrupar_por`: atributo del término para agrupar (p. ej. "dimension").
    """

    def __init__(
        self,
        parametro,
        etiqueta,
        campo,
        opciones=None,
        choices=None,
        campo_nombre=None,
        agrupar_por=None,
    ):
        if opciones is None and choices is None and campo_nombre is None:
            raise ValueError(f"La faceta {parametro!r} necesita opciones, choices o campo_nombre.")
        self.parametro = parametro
        self.etiqueta = etiqueta
        self.campo = campo
        self.opciones = opciones
        self.choices = list(choices) if choices is not None else None
        self.campo_nombre = campo_nombre
        self.agrupar_por = agrupar_por

    @property
    def de_terminos(self):
        return self.opciones is not None

    def condicion(self, modelo, valores):
        """Q que deja las filas con alguno de `valores`. Si ninguno existe, la
        condición es verdadera (los slugs inexistentes se ignoran)."""
        if self.de_terminos:
            con_valor = modelo._base_manager.filter(**{f"{self.campo}__slug__in": valores})
            existe = Exists(self.opciones.model._base_manager.filter(slug__in=valores))
            return Q(pk__in=con_valor.values("pk")) | ~existe
        if self.choices is not None:
            validos = [v for v in valores if v in dict(self.choices)]
            return Q(**{f"{self.campo}__in": validos}) if validos else Q()
        existe = Exists(modelo._base_manager.filter(**{f"{self.campo}__in": valores}))
        return Q(**{f"{self.campo}__in": valores}) | ~existe


class ResultadoFiltro:
    """Lo que recibe la plantilla (variable `filtro`)."""

    def __init__(self, facetas, activos, avisos, pagina, parametros, conservar):
        self.facetas = facetas
        self.activos = activos
        self.avisos = avisos
        self.pagina = pagina
        self.paginador = pagina.paginator
        self.total = pagina.paginator.count
        self._parametros = parametros  # [(clave, valor)] de los filtros válidos
        self._conservar = conservar

    @property
    def hay_filtros(self):
        return bool(self.activos)

    @property
    def conservados(self):
        """Parámetros ajenos a las facetas que el formulario debe reenviar."""
        return self._conservar

    @property
    def querystring(self):
        """Filtros válidos actuales, sin página (para compartir o paginar)."""
        return urlencode(self._conservar + self._parametros)

    @property
    def url_limpiar(self):
        return "?" + urlencode(self._conservar) if self._conservar else "?"

    def url_pagina(self, numero):
        parametros = self._conservar + self._parametros
        if numero > 1:
            parametros = parametros + [(PARAMETRO_PAGINA, str(numero))]
        return "?" + urlencode(parametros)

    @property
    def enlaces_paginas(self):
        """[(numero, url, es_actual)] con elipsis (None) para listas largas."""
        actual = self.pagina.number
        total = self.paginador.num_pages
        enlaces = []
        for numero in self.paginador.get_elided_page_range(actual, on_each_side=2, on_ends=1):
            if numero == self.paginador.ELLIPSIS:
                enlaces.append((None, "", False))
            else:
                enlaces.append((numero, self.url_pagina(numero), numero == actual))
        return enlaces if total > 1 else []

    @property
    def url_anterior(self):
        if self.pagina.has_previous():
            return self.url_pagina(self.pagina.previous_page_number())
        return ""

    @property
    def url_siguiente(self):
        if self.pagina.has_next():
            return self.url_pagina(self.pagina.next_page_number())
        return ""


class FiltroFacetado:
    """Declara las facetas una vez (a nivel de módulo) y aplícalo en cada petición."""

    def __init__(self, facetas, por_pagina=12, conservar=()):
        self.facetas = list(facetas)
        self.por_pagina = por_pagina
        # Parámetros GET ajenos que se mantienen en las URLs (p. ej. "orden").
        self.conservar = tuple(conservar)

    # -- lectura de la petición ---------------------------------------------
    def _leer(self, request):
        avisos = []
        pedidos = {}
        for faceta in self.facetas:
            valores = []
            for crudo in request.GET.getlist(faceta.parametro):
                valor = crudo.strip()
                if not valor:
                    continue
                if not _SLUG.match(valor):
                    avisos.append(f"Se ignoró un valor no válido en el filtro «{faceta.etiqueta}».")
                    continue
                valor = valor.lower()
                if valor not in valores:
                    valores.append(valor)
            if len(valores) > MAX_VALORES:
                avisos.append(
                    f"Se consideraron solo las primeras {MAX_VALORES} opciones de «{faceta.etiqueta}»."
                )
                valores = valores[:MAX_VALORES]
            pedidos[faceta.parametro] = valores
        conservar = []
        for clave in self.conservar:
            for valor in request.GET.getlist(clave)[:MAX_VALORES]:
                if valor.strip():
                    conservar.append((clave, valor.strip()[:200]))
        return pedidos, avisos, conservar

    # -- aplicación -----------------------------------------------------------
    def aplicar(self, request, queryset):
        """Filtra `queryset` según `request.GET`, pagina y devuelve un
        `ResultadoFiltro`. Lanza `Http404` si la página pedida no existe."""
        modelo = queryset.model
        pedidos, avisos, conservar = self._leer(request)
        condiciones = {
            faceta.parametro: faceta.condicion(modelo, pedidos[faceta.parametro])
            for faceta in self.facetas
            if pedidos[faceta.parametro]
        }

        def filtrado_sin(parametro=None):
            q = Q()
            for clave, condicion in condiciones.items():
                if clave != parametro:
                    q &= condicion
            return q

        opciones_por_faceta = {}
        # Facetas de términos: una consulta agregada por faceta.
        for faceta in self.facetas:
            if not faceta.de_terminos:
                continue
            relacion = modelo._meta.get_field(faceta.campo)
            inverso = relacion.related_query_name()
            otros = queryset.filter(filtrado_sin(faceta.parametro)).values("pk")
            terminos = faceta.opciones.all().annotate(
                _cantidad=Count(inverso, filter=Q(**{f"{inverso}__pk__in": otros}), distinct=True)
            )
            opciones_por_faceta[faceta.parametro] = [
                (
                    termino.slug,
                    termino.nombre,
                    termino._cantidad,
                    getattr(termino, faceta.agrupar_por) if faceta.agrupar_por else None,
                )
                for termino in terminos
            ]
        # Facetas de valores (choices o campo propio): una sola consulta para todas.
        de_valores = [f for f in self.facetas if not f.de_terminos]
        if de_valores:
            campos = []
            for faceta in de_valores:
                campos.append(faceta.campo)
                if faceta.campo_nombre and faceta.campo_nombre not in campos:
                    campos.append(faceta.campo_nombre)
            agregados = {
                f"_n_{faceta.parametro}": Count(
                    "pk", filter=filtrado_sin(faceta.parametro) or Q(pk__isnull=False)
                )
                for faceta in de_valores
            }
            filas = list(queryset.order_by().values(*campos).annotate(**agregados))
            for faceta in de_valores:
                cantidades = {}
                nombres = {}
                for fila in filas:
                    valor = fila[faceta.campo]
                    if valor in (None, ""):
                        continue
                    cantidades[valor] = cantidades.get(valor, 0) + fila[f"_n_{faceta.parametro}"]
                    if faceta.campo_nombre:
                        nombres.setdefault(valor, fila[faceta.campo_nombre])
                if faceta.choices is not None:
                    lista = [(v, str(n), cantidades.get(v, 0), None) for v, n in faceta.choices]
                else:
                    lista = sorted(
                        ((v, nombres[v], c, None) for v, c in cantidades.items()),
                        key=lambda t: t[1].lower(),
                    )
                opciones_por_faceta[faceta.parametro] = lista

        # Validación de lo pedido contra las opciones existentes.
        seleccion = {}
        for faceta in self.facetas:
            existentes = {slug for slug, *_ in opciones_por_faceta[faceta.parametro]}
            validos = [v for v in pedidos[faceta.parametro] if v in existentes]
            for invalido in (v for v in pedidos[faceta.parametro] if v not in existentes):
                avisos.append(
                    f"No existe la opción «{invalido}» en el filtro «{faceta.etiqueta}»; se ignoró."
                )
            seleccion[faceta.parametro] = validos

        parametros = [
            (faceta.parametro, valor)
            for faceta in self.facetas
            for valor in seleccion[faceta.parametro]
        ]

        def url_con(parametros_nuevos):
            return "?" + urlencode(conservar + parametros_nuevos)

        facetas_resultado = []
        activos = []
        for faceta in self.facetas:
            grupos = []
            por_grupo = {}
            for slug, nombre, cantidad, grupo in opciones_por_faceta[faceta.parametro]:
                seleccionado = slug in seleccion[faceta.parametro]
                par = (faceta.parametro, slug)
                if seleccionado:
                    url = url_con([p for p in parametros if p != par])
                else:
                    url = url_con(parametros + [par])
                opcion = Opcion(
                    valor=slug,
                    nombre=nombre,
                    cantidad=cantidad,
                    seleccionado=seleccionado,
                    url=url,
                    id_html=f"filtro-{faceta.parametro}-{slug}",
                )
                clave = str(grupo) if grupo is not None else ""
                if clave not in por_grupo:
                    por_grupo[clave] = Grupo(nombre=clave)
                    grupos.append(por_grupo[clave])
                por_grupo[clave].opciones.append(opcion)
                if seleccionado:
                    activos.append(Activo(faceta.etiqueta, nombre, url))
            facetas_resultado.append(FacetaResultado(faceta.parametro, faceta.etiqueta, grupos))

        resultados = queryset.filter(filtrado_sin())
        paginador = Paginator(resultados, self.por_pagina, allow_empty_first_page=True)
        numero = request.GET.get(PARAMETRO_PAGINA, "1").strip() or "1"
        try:
            pagina = paginador.page(numero)
        except (PageNotAnInteger, EmptyPage) as error:
            raise Http404(f"La página «{numero[:20]}» de este listado no existe.") from error
        return ResultadoFiltro(facetas_resultado, activos, avisos, pagina, parametros, conservar)
