"""Admin de Wagtail para editores DEP: sinónimos y siglas, resultados destacados y el
informe «Búsquedas del portal», desde el que cada búsqueda sin resultados o sin clics
se corrige en un clic (sinónimo o destacado ya rellenados)."""

import csv
from datetime import date, timedelta
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from .models import (
    DIAS_REGISTRO,
    ClicBusqueda,
    Destacado,
    Pendiente,
    RegistroBusqueda,
    Sinonimo,
)
from .normalizacion import normalizar_consulta

DIAS_INFORME = 30
PERMISO_INFORME = "busqueda.view_registrobusqueda"
# Una consulta «que nadie abre»: se buscó al menos estas veces con resultados y ningún
# resultado se abrió en el período.
MINIMO_SIN_CLICS = 2
FILAS = 50


class CreateViewRellenada(CreateView):
    """Alta con campos rellenados desde la URL (?termino=…, ?consulta=…): así el informe
    lleva a la editora al formulario con la búsqueda ya escrita. Solo rellena: nada se
    guarda hasta que ella lo confirma."""

    campos_rellenables = ()

    def get_initial_form_instance(self):
        instancia = super().get_initial_form_instance()
        if self.request.method != "GET":
            return instancia
        valores = {
            campo: self.request.GET.get(campo, "").strip()[:200]
            for campo in self.campos_rellenables
            if self.request.GET.get(campo, "").strip()
        }
        if not valores:
            return instancia
        instancia = instancia or self.model()
        for campo, valor in valores.items():
            setattr(instancia, campo, valor)
        return instancia


class CrearSinonimo(CreateViewRellenada):
    campos_rellenables = ("termino", "equivalentes")


class CrearDestacado(CreateViewRellenada):
    campos_rellenables = ("consulta",)


class SinonimoViewSet(SnippetViewSet):
    model = Sinonimo
    add_view_class = CrearSinonimo
    icon = "list-ul"
    menu_label = "Sinónimos y siglas"
    menu_name = "sinonimos"
    menu_order = 321
    add_to_admin_menu = True
    list_display = ["termino", "equivalentes", "bidireccional", "activo"]
    list_filter = ["bidireccional", "activo"]
    search_fields = ["termino", "equivalentes"]
    ordering = ["termino_normalizado"]


class DestacadoViewSet(SnippetViewSet):
    model = Destacado
    add_view_class = CrearDestacado
    icon = "pick"
    menu_label = "Resultados destacados"
    menu_name = "resultados-destacados"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["consulta"]
    search_fields = ["consulta"]
    ordering = ["consulta"]


register_snippet(DestacadoViewSet)
register_snippet(SinonimoViewSet)


def _fecha(texto):
    try:
        return date.fromisoformat((texto or "").strip())
    except ValueError:
        return None


def periodo(get):
    """(desde, hasta, aviso): por ?dias=N o ?desde=AAAA-MM-DD&hasta=AAAA-MM-DD, dentro
    de lo que se guarda (DIAS_REGISTRO). Un valor inválido vuelve al período por defecto
    y lo dice."""
    hoy = timezone.localdate()
    minimo = hoy - timedelta(days=DIAS_REGISTRO)
    aviso = ""
    desde, hasta = _fecha(get.get("desde")), _fecha(get.get("hasta"))
    if get.get("desde") or get.get("hasta"):
        if (get.get("desde") and not desde) or (get.get("hasta") and not hasta):
            aviso = "Fecha no válida: use el formato AAAA-MM-DD. Se muestran los últimos 30 días."
            desde = hasta = None
        else:
            hasta = min(hasta or hoy, hoy)
            desde = desde or hasta - timedelta(days=DIAS_INFORME - 1)
            if desde > hasta:
                aviso = "La fecha de inicio es posterior a la de término; se invirtieron."
                desde, hasta = hasta, desde
    else:
        try:
            dias = int(get.get("dias") or DIAS_INFORME)
        except ValueError:
            dias = DIAS_INFORME
            aviso = "El número de días debe ser un entero. Se muestran los últimos 30 días."
        dias = max(1, min(dias, DIAS_REGISTRO))
        desde, hasta = hoy - timedelta(days=dias - 1), hoy
    if desde is None:
        desde, hasta = hoy - timedelta(days=DIAS_INFORME - 1), hoy
    if desde < minimo:
        desde = minimo
        aviso = aviso or f"Solo se guardan los últimos {DIAS_REGISTRO} días."
    return desde, hasta, aviso


def datos_informe(desde, hasta):
    """Filas del informe para el período (también las usa la exportación)."""
    registros = RegistroBusqueda.objects.filter(dia__gte=desde, dia__lte=hasta)
    por_consulta = {
        f["consulta"]: f
        for f in registros.values("consulta").annotate(
            veces=Sum("veces"), sin=Sum("sin_resultados")
        )
    }
    clics = ClicBusqueda.objects.filter(dia__gte=desde, dia__lte=hasta)
    clics_por_consulta = {
        f["consulta"]: f["total"] for f in clics.values("consulta").annotate(total=Sum("veces"))
    }
    sinonimos = dict(Sinonimo.objects.values_list("termino_normalizado", "pk"))
    destacados = dict(Destacado.objects.values_list("consulta_normalizada", "pk"))
    filas = []
    for consulta, f in por_consulta.items():
        con_resultados = f["veces"] - f["sin"]
        n_clics = clics_por_consulta.get(consulta, 0)
        filas.append(
            {
                "consulta": consulta,
                "veces": f["veces"],
                "sin": f["sin"],
                "con_resultados": con_resultados,
                "clics": n_clics,
                "tasa": round(100 * n_clics / con_resultados) if con_resultados else None,
                "nadie_abre": con_resultados >= MINIMO_SIN_CLICS and n_clics == 0,
                "sinonimo": sinonimos.get(normalizar_consulta(consulta)),
                "destacado": destacados.get(normalizar_consulta(consulta)),
            }
        )
    abiertos = {}
    for f in (
        clics.values("consulta", "clave", "titulo", "url")
        .annotate(total=Sum("veces"))
        .order_by("consulta", "-total")
    ):
        abiertos.setdefault(f["consulta"], []).append(f)
    # Posición promedio ponderada por clics, por (consulta, resultado).
    sumas = {}
    for c, clave, pos, veces in clics.values_list("consulta", "clave", "posicion", "veces"):
        s = sumas.setdefault((c, clave), [0, 0])
        s[0] += pos * veces
        s[1] += veces
    for lista in abiertos.values():
        for f in lista:
            s = sumas.get((f["consulta"], f["clave"]), [0, 1])
            f["posicion_media"] = round(s[0] / s[1], 1) if s[1] else None
    return filas, abiertos


def _enlaces(fila):
    consulta = fila["consulta"]
    return {
        **fila,
        "url_buscar": "/buscar/?" + urlencode({"q": consulta}),
        "url_sinonimo": (
            reverse(Sinonimo.snippet_viewset.get_url_name("edit"), args=[fila["sinonimo"]])
            if fila["sinonimo"]
            else reverse(Sinonimo.snippet_viewset.get_url_name("add"))
            + "?"
            + urlencode({"termino": consulta})
        ),
        "url_destacado": (
            reverse(Destacado.snippet_viewset.get_url_name("edit"), args=[fila["destacado"]])
            if fila["destacado"]
            else reverse(Destacado.snippet_viewset.get_url_name("add"))
            + "?"
            + urlencode({"consulta": consulta})
        ),
    }


def _exportar(filas, abiertos, desde, hasta):
    respuesta = HttpResponse(content_type="text/csv; charset=utf-8")
    nombre = f"trama-busquedas-{desde:%Y%m%d}-{hasta:%Y%m%d}.csv"
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    respuesta.write("\ufeff")
    escritor = csv.writer(respuesta)
    escritor.writerow(
        [
            "consulta",
            "veces",
            "sin resultados",
            "clics",
            "nadie abre resultados",
            "resultado abierto",
            "url",
            "clics en el resultado",
            "posición promedio",
        ]
    )

    def celda(texto):
        # Una celda que empieza con =, +, - o @ se ejecutaría como fórmula en una planilla.
        texto = str(texto)
        return "'" + texto if texto[:1] in ("=", "+", "-", "@", "\t", "\r") else texto

    for f in sorted(filas, key=lambda f: (-f["veces"], f["consulta"])):
        base = [
            celda(f["consulta"]),
            f["veces"],
            f["sin"],
            f["clics"],
            "sí" if f["nadie_abre"] else "no",
        ]
        lista = abiertos.get(f["consulta"]) or [None]
        for a in lista:
            if a is None:
                escritor.writerow([*base, "", "", "", ""])
            else:
                escritor.writerow(
                    [*base, celda(a["titulo"]), a["url"], a["total"], a["posicion_media"]]
                )
    return respuesta


def informe_busquedas(request):
    if not request.user.has_perm(PERMISO_INFORME):
        raise PermissionDenied
    desde, hasta, aviso = periodo(request.GET)
    filas, abiertos = datos_informe(desde, hasta)
    if request.GET.get("formato") == "csv":
        return _exportar(filas, abiertos, desde, hasta)
    frecuentes = sorted(filas, key=lambda f: (-f["veces"], f["consulta"]))[:FILAS]
    sin_resultados = sorted(
        (f for f in filas if f["sin"]), key=lambda f: (-f["sin"], f["consulta"])
    )[:FILAS]
    nadie_abre = sorted(
        (f for f in filas if f["nadie_abre"]), key=lambda f: (-f["con_resultados"], f["consulta"])
    )[:FILAS]
    con_clics = sorted(
        ((c, lista) for c, lista in abiertos.items()),
        key=lambda par: (-sum(a["total"] for a in par[1]), par[0]),
    )[:FILAS]
    parametros = {"desde": desde.isoformat(), "hasta": hasta.isoformat()}
    return render(
        request,
        "busqueda/admin/informe.html",
        {
            "frecuentes": [_enlaces(f) for f in frecuentes],
            "sin_resultados": [_enlaces(f) for f in sin_resultados],
            "nadie_abre": [_enlaces(f) for f in nadie_abre],
            "abiertos": con_clics,
            "desde": desde,
            "hasta": hasta,
            "aviso": aviso,
            "dias_registro": DIAS_REGISTRO,
            "minimo_sin_clics": MINIMO_SIN_CLICS,
            "url_exportar": "?" + urlencode({**parametros, "formato": "csv"}),
            "pendientes": Pendiente.objects.count(),
            "header_icon": "search",
            "page_title": "Búsquedas del portal",
        },
    )


@hooks.register("register_admin_urls")
def urls_informe():
    return [path("informes/busquedas/", informe_busquedas, name="busqueda_informe")]


class InformeMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISO_INFORME)


@hooks.register("register_reports_menu_item")
def menu_informe():
    return InformeMenuItem(
        "Búsquedas del portal",
        reverse("busqueda_informe"),
        name="busquedas",
        icon_name="search",
        order=1100,
    )
