"""Página /buscar/, API JSON y exportación. Ninguna vista sabe qué motor hay."""

import csv
import json
from urllib.parse import urlencode

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from portal.models import Caracteristica

from .contencion import contener_fallas
from .models import TIPOS, RegistroBusqueda
from .motores import motor_busqueda
from .motores.base import FACETAS, ORDENES
from .parametros import ErrorConsulta, consulta_a_parametros, leer_consulta

MAXIMO_EXPORTAR = 1000
LARGO_SUGERENCIA = 100


def _grupos_caracteristica():
    """{slug: (posición, dimensión)} en el orden del marco (dimensión, luego característica)."""
    return {
        slug: (i, dimension)
        for i, (slug, dimension) in enumerate(
            Caracteristica.objects.values_list("slug", "dimension__nombre")
        )
    }


def _ordenar_caracteristicas(resultado, grupos):
    """Características agrupadas por dimensión, en el orden del marco."""
    resultado.facetas["caracteristica"] = sorted(
        resultado.facetas.get("caracteristica", []),
        key=lambda o: grupos.get(o.valor, (len(grupos), ""))[0],
    )


def _ejecutar(get, **opciones):
    consulta, avisos = leer_consulta(get, **opciones)
    resultado = motor_busqueda().buscar(consulta)
    resultado.avisos = avisos + resultado.avisos
    return resultado


def _registrar(resultado):
    # Una búsqueda de texto nueva (primera página, sin filtros): no los clics en facetas.
    c = resultado.consulta
    if c.texto and c.pagina == 1 and not c.filtros:
        RegistroBusqueda.registrar(c.texto, resultado.total)


def resultado_a_json(resultado):
    grupos = _grupos_caracteristica()
    _ordenar_caracteristicas(resultado, grupos)
    facetas = {}
    for faceta, opciones in resultado.facetas.items():
        facetas[faceta] = []
        for o in opciones:
            d = o.como_dict()
            if faceta == "caracteristica":
                d["grupo"] = grupos.get(o.valor, (0, "Otras"))[1]
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


@require_GET
@contener_fallas(json=True)
def api_buscar(request):
    try:
        resultado = _ejecutar(request.GET)
    except ErrorConsulta as error:
        return _error_json(str(error))
    _registrar(resultado)
    return JsonResponse(resultado_a_json(resultado), json_dumps_params={"ensure_ascii": False})


@require_GET
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


def _facetas_para_plantilla(resultado):
    grupos = _grupos_caracteristica()
    _ordenar_caracteristicas(resultado, grupos)
    salida = []
    for faceta, nombre in FACETAS.items():
        opciones = resultado.facetas.get(faceta, [])
        if not opciones:
            continue
        bloques = [("", opciones)]
        if faceta == "caracteristica":
            por_grupo = {}
            for o in opciones:
                por_grupo.setdefault(grupos.get(o.valor, (0, "Otras"))[1], []).append(o)
            bloques = list(por_grupo.items())
        salida.append({"nombre": faceta, "etiqueta": nombre, "bloques": bloques})
    return salida


@require_GET
@contener_fallas(
    contexto=lambda: {"ordenes": ORDENES, "tipos": TIPOS, "etiquetas_facetas": FACETAS}
)
def buscar(request):
    contexto = {
        "ordenes": ORDENES,
        "tipos": TIPOS,
        "q": request.GET.get("q", ""),
        "etiquetas_facetas": FACETAS,
    }
    try:
        resultado = _ejecutar(request.GET)
    except ErrorConsulta as error:
        contexto["error"] = str(error)
        return render(request, "busqueda/buscar.html", contexto, status=400)
    _registrar(resultado)
    consulta = resultado.consulta
    paginas = max(1, -(-resultado.total // consulta.por_pagina))
    base = consulta_a_parametros(consulta, pagina=1)
    contexto.update(
        resultado=resultado,
        consulta=consulta,
        facetas=_facetas_para_plantilla(resultado),
        paginas=paginas,
        pagina_anterior=urlencode(consulta_a_parametros(consulta, pagina=consulta.pagina - 1))
        if consulta.pagina > 1
        else None,
        pagina_siguiente=urlencode(consulta_a_parametros(consulta, pagina=consulta.pagina + 1))
        if consulta.pagina < paginas
        else None,
        parametros_exportar=urlencode(base),
        parametros_sugerencia=urlencode(
            [("q", resultado.sugerencia)] + [p for p in base if p[0] != "q"]
        )
        if resultado.sugerencia
        else "",
    )
    return render(request, "busqueda/buscar.html", contexto)


def _exportables(request):
    get = request.GET.copy()
    get["pagina"] = "1"
    get["por_pagina"] = str(MAXIMO_EXPORTAR)
    return _ejecutar(get, por_pagina_maximo=MAXIMO_EXPORTAR)


def _nombre_archivo(extension):
    return f"trama-busqueda-{timezone.localdate():%Y%m%d}.{extension}"


@require_GET
@contener_fallas(json=True)
def exportar_csv(request):
    try:
        resultado = _exportables(request)
    except ErrorConsulta as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    respuesta = HttpResponse(content_type="text/csv; charset=utf-8")
    respuesta["Content-Disposition"] = f'attachment; filename="{_nombre_archivo("csv")}"'
    respuesta.write("\ufeff")  # BOM: las planillas abren bien los tildes.
    escritor = csv.writer(respuesta)
    escritor.writerow(["tipo", "titulo", "url", "resumen", "fecha", "slug"])
    for r in resultado.resultados:
        escritor.writerow(
            [
                TIPOS.get(r.tipo, r.tipo),
                r.titulo,
                request.build_absolute_uri(r.url),
                r.resumen,
                r.fecha.date().isoformat() if hasattr(r.fecha, "date") else (r.fecha or ""),
                r.slug,
            ]
        )
    return respuesta


@require_GET
@contener_fallas(json=True)
def exportar_json(request):
    try:
        resultado = _exportables(request)
    except ErrorConsulta as error:
        return _error_json(str(error))
    c = resultado.consulta
    datos = {
        "consulta": c.texto,
        "filtros": c.filtros,
        "orden": c.orden,
        "total": resultado.total,
        "exportados": len(resultado.resultados),
        "motor": resultado.motor,
        "generado": timezone.now().isoformat(timespec="seconds"),
        "resultados": [
            {
                "tipo": r.tipo,
                "slug": r.slug,
                "titulo": r.titulo,
                "url": request.build_absolute_uri(r.url),
                "resumen": r.resumen,
                "fecha": r.fecha.isoformat() if hasattr(r.fecha, "isoformat") else r.fecha,
            }
            for r in resultado.resultados
        ],
    }
    respuesta = HttpResponse(
        json.dumps(datos, ensure_ascii=False, indent=2), content_type="application/json"
    )
    respuesta["Content-Disposition"] = f'attachment; filename="{_nombre_archivo("json")}"'
    return respuesta
