"""Panel de la DEP (solo editores DEP): los SLEP en conjunto, con agregados."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from portal.graficos import barras, matriz_calor
from portal.permisos import es_editor
from portal.planillas import celda_segura

from .panel import cifras_panel, tablas_csv


def _solo_editores(vista):
    @never_cache
    @login_required
    def envuelta(request, *args, **kwargs):
        if not es_editor(request.user):
            raise PermissionDenied("El panel territorial es solo para el equipo editor de la DEP.")
        return vista(request, *args, **kwargs)

    return envuelta


@_solo_editores
def panel(request):
    cifras = cifras_panel()
    caracteristicas = [c.nombre for c in cifras["caracteristicas"]]
    for s in cifras["sleps"]:
        slug = s["slep"].slug
        s["grafico_redes"] = barras(
            f"redes-{slug}", f"Redes del {s['slep']} por tipo", s["redes_por_tipo"]
        )
        s["grafico_evidencia"] = barras(
            f"evidencia-{slug}",
            f"Prácticas del {s['slep']} por nivel de evidencia",
            s["por_evidencia"],
        )
        s["grafico_matriz"] = matriz_calor(
            f"matriz-{slug}",
            f"Prácticas del {s['slep']}: foco de acción × característica",
            [f.nombre for f in cifras["focos"]],
            caracteristicas,
            s["matriz"],
        )
    cifras["grafico_comparacion"] = barras(
        "comparacion-practicas",
        "Prácticas publicadas por SLEP",
        [(str(s["slep"]), s["practicas"]) for s in cifras["sleps"]],
    )
    return render(request, "territorios/panel.html", cifras)


@_solo_editores
def panel_csv(request, tabla):
    tablas = tablas_csv(cifras_panel())
    if tabla not in tablas:
        raise Http404("Esa tabla del panel no existe.")
    encabezado, filas = tablas[tabla]
    respuesta = HttpResponse(content_type="text/csv; charset=utf-8")
    nombre = f"trama-panel-{tabla}-{timezone.localdate():%Y%m%d}.csv"
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    respuesta.write("\ufeff")  # BOM: Excel abre bien los tildes.
    # Punto y coma: un Excel configurado para Chile separa así las columnas.
    escritor = csv.writer(respuesta, delimiter=";")
    escritor.writerow(encabezado)
    for fila in filas:
        escritor.writerow([celda_segura(v) for v in fila])
    return respuesta
