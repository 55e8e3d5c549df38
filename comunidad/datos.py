"""Datos abiertos: todo lo publicado (casos, prácticas, redes, taxonomía del
marco) en CSV y JSON, con licencia y fecha de generación. Página /datos/.

Solo entra lo publicado y público (`live`, sin restricción de vista), igual que
en el índice de búsqueda. Nunca datos personales: de las redes no se exportan
sus coordinadores, y de las páginas no se exporta quién las escribió.

Los archivos se generan en cada solicitud (la biblioteca cabe en memoria de
sobra) y la caché de páginas de anónimos los guarda hasta la próxima
publicación (portal/cache.py)."""

import csv
import io
import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from casos.models import CasoPage, solo_publicas
from portal import models as marco
from portal.planillas import celda_segura
from practicas.models import PracticaPage

from .cuentas import _modelo_red

LICENCIA = {
    "nombre": "Creative Commons Atribución 4.0 Internacional (CC BY 4.0)",
    "id": "CC-BY-4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.es",
    "atribucion": "Trama, Dirección de Educación Pública (DEP), Ministerio de Educación de Chile",
}

CONJUNTOS = {
    "casos": "Casos de redes de Chile y del mundo estudiados por la DEP.",
    "practicas": "Prácticas publicadas por las redes de los SLEP y revisadas por la DEP.",
    "redes": "Redes educativas con al menos una práctica publicada (sin datos de contacto).",
    "taxonomia": "Marco del estudio (focos, principios, dimensiones, características, "
    "riesgos), tipos de red, niveles educativos y territorio (regiones, SLEP, comunas).",
}

SEPARADOR = "; "


def _fecha(valor):
    return valor.isoformat(timespec="seconds") if valor else None


def _terminos(lista):
    return [{"slug": t.slug, "nombre": t.nombre} for t in lista]


def _nombres(lista):
    return SEPARADOR.join(t["nombre"] for t in lista)


def _absoluta(request, url):
    return request.build_absolute_uri(url) if url else ""


def casos(request):
    paginas = (
        solo_publicas(CasoPage.objects.live())
        .select_related("tipo_red")
        .prefetch_related(
            "focos",
            "principios",
            "caracteristicas__dimension",
            "riesgos_evitados",
            "etiquetas",
            "fuentes",
        )
        .order_by("title")
    )
    for caso in paginas:
        yield {
            "id": caso.pk,
            "slug": caso.slug,
            "titulo": caso.title,
            "url": _absoluta(request, caso.url),
            "resumen": caso.resumen,
            "ambito": caso.ambito,
            "pais": caso.pais,
            "territorio": caso.territorio,
            "organizacion": caso.organizacion,
            "tipo_red": caso.tipo_red.nombre if caso.tipo_red else "",
            "desde": caso.desde,
            "escala": caso.escala,
            "focos": _terminos(caso.focos.all()),
            "principios": _terminos(caso.principios.all()),
            "caracteristicas": _terminos(caso.caracteristicas.all()),
            "riesgos_evitados": _terminos(caso.riesgos_evitados.all()),
            "etiquetas": [{"slug": e.slug, "nombre": e.name} for e in caso.etiquetas.all()],
            "fuentes": [
                {"titulo": f.titulo, "institucion": f.institucion, "anio": f.anio, "url": f.url}
                for f in caso.fuentes.all()
            ],
            "revisado_dep": caso.revisado_dep,
            "publicado": _fecha(caso.first_published_at),
            "actualizado": _fecha(caso.last_published_at),
        }


def practicas(request):
    paginas = (
        PracticaPage.objects.live()
        .public()
        .select_related("red__slep", "red__tipo")
        .prefetch_related("focos", "principios", "caracteristicas", "niveles", "etiquetas")
        .order_by("title")
    )
    # `adaptada_de`: id de la original solo si también está en este conjunto
    # (publicada y pública); si no, vacío.
    publicadas = set(paginas.values_list("pk", flat=True))
    for p in paginas:
        yield {
            "id": p.pk,
            "slug": p.slug,
            "titulo": p.title,
            "url": _absoluta(request, p.url),
            "resumen": p.resumen,
            "red": p.red.nombre,
            "red_slug": p.red.slug,
            "slep": p.red.slep.nombre,
            "tipo_red": p.red.tipo.nombre,
            "nivel_evidencia": p.get_nivel_evidencia_display(),
            "niveles": _terminos(p.niveles.all()),
            "duracion": p.duracion,
            "participantes": p.participantes,
            "texto": p.texto_cuerpo(),
            "focos": _terminos(p.focos.all()),
            "principios": _terminos(p.principios.all()),
            "caracteristicas": _terminos(p.caracteristicas.all()),
            "etiquetas": [{"slug": e.slug, "nombre": e.name} for e in p.etiquetas.all()],
            "es_ejemplo": p.es_ejemplo,
            "adaptada_de": p.adaptada_de_id if p.adaptada_de_id in publicadas else None,
            "publicado": _fecha(p.first_published_at),
            "actualizado": _fecha(p.last_published_at),
        }


def redes_publicas():
    """Las redes que se publican como datos (aquí y en /api/v2/redes/): las que tienen
    al menos una práctica publicada y pública. Nunca sus coordinadores. None si la
    app de redes no está instalada."""
    modelo = _modelo_red()
    if modelo is None:
        return None
    return modelo.objects.filter(pk__in=PracticaPage.objects.live().public().values("red_id"))


def redes(request):
    publicas = redes_publicas()
    if publicas is None:
        return
    for red in (
        publicas.select_related("slep", "tipo")
        .prefetch_related("comunas", "niveles")
        .order_by("nombre")
    ):
        yield {
            "slug": red.slug,
            "nombre": red.nombre,
            "tipo": red.tipo.nombre,
            "slep": red.slep.nombre,
            "comunas": _terminos(red.comunas.all()),
            "niveles": _terminos(red.niveles.all()),
            "numero_establecimientos": red.numero_establecimientos,
            "proposito": red.proposito,
        }


def taxonomia(request):
    def filas(tipo, consulta, padre=None):
        for t in consulta:
            yield {
                "tipo": tipo,
                "slug": t.slug,
                "nombre": t.nombre,
                "descripcion": getattr(t, "descripcion", ""),
                "padre": padre(t) if padre else "",
            }

    yield from filas("foco", marco.Foco.objects.all())
    yield from filas("principio", marco.Principio.objects.all())
    yield from filas("dimension", marco.Dimension.objects.all())
    yield from filas(
        "caracteristica",
        marco.Caracteristica.objects.select_related("dimension"),
        lambda t: t.dimension.slug,
    )
    yield from filas("riesgo", marco.Riesgo.objects.all())
    yield from filas("tipo_red", marco.TipoRed.objects.all())
    yield from filas("nivel", marco.NivelEducativo.objects.all())
    yield from filas("region", marco.Region.objects.all())
    yield from filas("slep", marco.Slep.objects.select_related("region"), lambda t: t.region.slug)
    yield from filas(
        "comuna",
        marco.Comuna.objects.select_related("region", "slep"),
        lambda t: t.slep.slug if t.slep else t.region.slug,
    )


GENERADORES = {"casos": casos, "practicas": practicas, "redes": redes, "taxonomia": taxonomia}


def _celda(valor):
    if isinstance(valor, list):
        if valor and isinstance(valor[0], dict) and "nombre" in valor[0]:
            return _nombres(valor)
        if valor and isinstance(valor[0], dict):
            return SEPARADOR.join(
                f"{v.get('titulo', '')} {v.get('url', '')}".strip() for v in valor
            )
        return SEPARADOR.join(str(v) for v in valor)
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    if valor is None:
        return ""
    return celda_segura(valor)


def _nombre_archivo(conjunto, extension, generado):
    return f"trama-{conjunto}-{timezone.localtime(generado):%Y%m%d}.{extension}"


def _cabeceras(respuesta, conjunto, extension, generado):
    respuesta["Content-Disposition"] = (
        f'attachment; filename="{_nombre_archivo(conjunto, extension, generado)}"'
    )
    respuesta["Link"] = f'<{LICENCIA["url"]}>; rel="license"'
    respuesta["X-Generado"] = _fecha(generado)
    return respuesta


@require_GET
def descargar(request, conjunto, extension):
    if conjunto not in GENERADORES or extension not in ("csv", "json"):
        raise Http404
    generado = timezone.now()
    filas = list(GENERADORES[conjunto](request))
    if extension == "json":
        cuerpo = {
            "conjunto": conjunto,
            "descripcion": CONJUNTOS[conjunto],
            "licencia": LICENCIA,
            "generado": _fecha(generado),
            "fuente": request.build_absolute_uri("/datos/"),
            "total": len(filas),
            conjunto: filas,
        }
        respuesta = HttpResponse(
            json.dumps(cuerpo, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        return _cabeceras(respuesta, conjunto, extension, generado)
    salida = io.StringIO()
    salida.write("\ufeff")  # BOM: las planillas abren bien los tildes.
    if filas:
        escritor = csv.DictWriter(salida, fieldnames=list(filas[0]))
        escritor.writeheader()
        for fila in filas:
            escritor.writerow({k: _celda(v) for k, v in fila.items()})
    respuesta = HttpResponse(salida.getvalue(), content_type="text/csv; charset=utf-8")
    return _cabeceras(respuesta, conjunto, extension, generado)


@require_GET
def catalogo(request):
    """Índice legible por máquinas de los conjuntos, con licencia y fecha."""
    generado = timezone.now()
    return HttpResponse(
        json.dumps(
            {
                "titulo": "Datos abiertos de Trama",
                "licencia": LICENCIA,
                "generado": _fecha(generado),
                "conjuntos": [
                    {
                        "nombre": nombre,
                        "descripcion": descripcion,
                        "distribuciones": [
                            {
                                "formato": ext.upper(),
                                "url": request.build_absolute_uri(f"/datos/{nombre}.{ext}"),
                            }
                            for ext in ("csv", "json")
                        ],
                    }
                    for nombre, descripcion in CONJUNTOS.items()
                ],
            },
            ensure_ascii=False,
            indent=2,
        ),
        content_type="application/json; charset=utf-8",
    )


@require_GET
def pagina(request):
    totales = {
        "casos": solo_publicas(CasoPage.objects.live()).count(),
        "practicas": PracticaPage.objects.live().public().count(),
    }
    return render(
        request,
        "comunidad/datos.html",
        {
            "conjuntos": CONJUNTOS,
            "licencia": LICENCIA,
            "totales": totales,
            "ahora": timezone.now(),
        },
    )
