"""Página /buscar/, API JSON y exportación. Ninguna vista sabe qué motor hay.

La página y los listados (/casos/, /practicas/) se arman con `listados.vista`;
la API y las exportaciones, con `listados.ejecutar`: mismos parámetros, mismas
reglas (parametros.py)."""

import csv
import io
import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from portal.planillas import celda_segura as neutralizar

from .contencion import contener_fallas
from .listados import ejecutar, ordenar_agrupar, vista
from .models import RegistroBusqueda, ValorFaceta
from .motores import AVISO_RESPALDO, motor_busqueda
from .parametros import ErrorConsulta
from .registro import BUSCAR, FACETAS, TIPOS
from .revalidacion import no_publicar, revalidable

MAXIMO_EXPORTAR = 1000
LARGO_SUGERENCIA = 100


def _registrar(resultado):
    # Una búsqueda de texto nueva (primera página, sin filtros): no los clics en facetas.
    c = resultado.consulta
    if c.texto and c.pagina == 1 and not c.filtros:
        RegistroBusqueda.registrar(c.texto, resultado.total)


def resultado_a_json(resultado):
    facetas = {}
    for faceta, opciones in resultado.facetas.items():
        facetas[faceta] = []
        for grupo, lista in ordenar_agrupar(faceta, opciones):
            for o in lista:
                d = o.como_dict()
                if FACETAS[faceta].agrupar is not None:
                    d["grupo"] = grupo
                facetas[faceta].append(d)
    c = resultado.consulta
    return {
        "consulta": c.texto,
        "total": resultado.total,
        "pagina": c.pagina,
        "por_pagina": c.por_pagina,
        "motor": resultado.motor,
        "sugerencia": resultado.sugerencia,
        "avisos": resultado.avisos,
        "resultados": [r.como_dict() for r in resultado.resultados],
        "facetas": facetas,
    }


def _error_json(mensaje):
    return JsonResponse({"error": mensaje}, status=400, json_dumps_params={"ensure_ascii": False})


def _degradada(respuesta, resultado):
    # Elasticsearch no respondió y contestó el índice local: vale para esta vez, no
    # para guardarla ni revalidarla (revalidacion.py).
    if resultado is not None and AVISO_RESPALDO in resultado.avisos:
        no_publicar(respuesta)
    return respuesta


@require_GET
@revalidable("api-buscar")
@contener_fallas(json=True)
def api_buscar(request):
    try:
        resultado = ejecutar(request.GET)
    except ErrorConsulta as error:
        return _error_json(str(error))
    _registrar(resultado)
    respuesta = JsonResponse(resultado_a_json(resultado), json_dumps_params={"ensure_ascii": False})
    return _degradada(respuesta, resultado)


@require_GET
@revalidable("api-sugerencias")
@contener_fallas(json=True)
def api_sugerencias(request):
    texto = (request.GET.get("q") or "").strip()
    if len(texto) > LARGO_SUGERENCIA:
        return _error_json(
            f"El texto para sugerencias es demasiado largo (máximo {LARGO_SUGERENCIA} caracteres)."
        )
    sugerencias = motor_busqueda().sugerencias(texto) if texto else []
    return JsonResponse(
        {"consulta": texto, "sugerencias": sugerencias}, json_dumps_params={"ensure_ascii": False}
    )


def render_vista(request, plantilla, v, contexto=None):
    """Responde con la vista de búsqueda (400 si los parámetros no sirven)."""
    contexto = dict(contexto or {})
    contexto.update(
        vista=v,
        resultado=v.resultado,
        consulta=v.consulta,
        q=request.GET.get("q", ""),
        error=v.error,
    )
    return render(request, plantilla, contexto, status=400 if v.error else 200)


@require_GET
@revalidable("buscar")
@contener_fallas()
def buscar(request):
    v = vista(request.GET, BUSCAR)
    if v.resultado is not None:
        _registrar(v.resultado)
    return _degradada(render_vista(request, "busqueda/buscar.html", v), v.resultado)


# ------------------------------------------------------------- exportar


def _exportables(request):
    get = request.GET.copy()
    get["pagina"] = "1"
    get["por_pagina"] = str(MAXIMO_EXPORTAR)
    return ejecutar(get, por_pagina_maximo=MAXIMO_EXPORTAR)


def _nombre_archivo(extension):
    return f"trama-busqueda-{timezone.localdate():%Y%m%d}.{extension}"


FACETAS_EXPORTADAS = [f for f in FACETAS.values() if f.exportar]


def _filas(request, resultado):
    """[(encabezados), filas...] con las facetas exportables del registro."""
    claves = [r.clave for r in resultado.resultados]
    valores = {}
    for clave, faceta, etiqueta in (
        ValorFaceta.objects.filter(
            documento__clave__in=claves, faceta__in=[f.clave for f in FACETAS_EXPORTADAS]
        )
        .order_by("id")
        .values_list("documento__clave", "faceta", "etiqueta")
    ):
        valores.setdefault((clave, faceta), []).append(etiqueta)
    encabezados = ["Tipo", "Título", "URL", "Resumen", "Fecha de publicación"] + [
        f.etiqueta for f in FACETAS_EXPORTADAS
    ]
    filas = []
    for r in resultado.resultados:
        fecha = timezone.localtime(r.fecha).date() if r.fecha else None
        filas.append(
            [
                TIPOS.get(r.tipo, r.tipo),
                r.titulo,
                request.build_absolute_uri(r.url),
                r.resumen,
                fecha,
            ]
            + ["; ".join(sorted(valores.get((r.clave, f.clave), []))) for f in FACETAS_EXPORTADAS]
        )
    return encabezados, filas


@require_GET
@contener_fallas(json=True)
def exportar_csv(request):
    try:
        resultado = _exportables(request)
    except ErrorConsulta as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    encabezados, filas = _filas(request, resultado)
    respuesta = HttpResponse(content_type="text/csv; charset=utf-8")
    respuesta["Content-Disposition"] = f'attachment; filename="{_nombre_archivo("csv")}"'
    # BOM y punto y coma: un Excel configurado en español (Chile) lo abre en columnas
    # y con tildes (la coma es allí el separador decimal).
    respuesta.write("\ufeff")
    escritor = csv.writer(respuesta, delimiter=";")
    escritor.writerow(encabezados)
    for fila in filas:
        escritor.writerow(
            [neutralizar(c.isoformat() if hasattr(c, "isoformat") else c) for c in fila]
        )
    return respuesta


@require_GET
@contener_fallas(json=True)
def exportar_xlsx(request):
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    try:
        resultado = _exportables(request)
    except ErrorConsulta as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    encabezados, filas = _filas(request, resultado)
    libro = Workbook()
    hoja = libro.active
    hoja.title = "Resultados"
    hoja.append(encabezados)
    for fila in filas:
        hoja.append([neutralizar(c) for c in fila])
    for celda in hoja["E"][1:]:
        celda.number_format = "DD-MM-YYYY"
    hoja.freeze_panes = "A2"
    for i, ancho in enumerate([10, 40, 45, 60, 14] + [28] * len(FACETAS_EXPORTADAS), 1):
        hoja.column_dimensions[get_column_letter(i)].width = ancho
    salida = io.BytesIO()
    libro.save(salida)
    respuesta = HttpResponse(
        salida.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    respuesta["Content-Disposition"] = f'attachment; filename="{_nombre_archivo("xlsx")}"'
    return respuesta


@require_GET
@contener_fallas(json=True)
def exportar_json(request):
    try:
        resultado = _exportables(request)
    except ErrorConsulta as error:
        return _error_json(str(error))
    c = resultado.consulta
    encabezados, filas = _filas(request, resultado)
    datos = {
        "consulta": c.texto,
        "filtros": c.filtros,
        "orden": c.orden,
        "total": resultado.total,
        "exportados": len(resultado.resultados),
        "motor": resultado.motor,
        "avisos": resultado.avisos,
        "generado": timezone.now().isoformat(timespec="seconds"),
        "resultados": [
            {
                "tipo": r.tipo,
                "slug": r.slug,
                "titulo": r.titulo,
                "url": request.build_absolute_uri(r.url),
                "resumen": r.resumen,
                "fecha": r.fecha.isoformat() if hasattr(r.fecha, "isoformat") else r.fecha,
                **{
                    f.clave: [v for v in fila[5 + i].split("; ") if v]
                    for i, f in enumerate(FACETAS_EXPORTADAS)
                },
            }
            for r, fila in zip(resultado.resultados, filas, strict=True)
        ],
    }
    respuesta = HttpResponse(
        json.dumps(datos, ensure_ascii=False, indent=2), content_type="application/json"
    )
    respuesta["Content-Disposition"] = f'attachment; filename="{_nombre_archivo("json")}"'
    return respuesta
