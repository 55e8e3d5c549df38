"""Mediciones dentro de Django sobre una base ya poblada (la llama bench/correr.py).

    DJANGO_SETTINGS_MODULE=bench.settings_bench DATABASE_URL=… python bench/medir.py --rondas 8

Imprime un JSON con: latencias de /api/buscar/ por tipo de consulta, el piso
(la misma consulta de texto directa sobre FTS5 o tsvector, con el driver de la
base y sin Django), la búsqueda de serie de Wagtail, publicar→buscable, y
render y consultas SQL de las páginas públicas.
"""

import argparse
import gc
import json
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Page  # noqa: E402

from busqueda.motores.sql_texto import indice_texto  # noqa: E402
from busqueda.normalizacion import terminos  # noqa: E402
from busqueda.sinonimos import expandir  # noqa: E402

CONSULTAS = {
    "1 palabra": ["lectura", "convivencia", "rurales"],
    "3 palabras": [
        "comprensión lectora escuelas",
        "universidad liceos técnico",
        "evaluación formativa docentes",
    ],
}
FACETAS = {
    0: {},
    1: {"foco": "socioeducativo"},
    3: {"foco": "socioeducativo", "slep": "huasco", "evidencia": "resultados"},
}
PAGINAS_API = [1, 5]
POR_PAGINA = 20


def percentiles(muestras_s):
    ms = sorted(x * 1000 for x in muestras_s)
    if len(ms) < 2:
        return {"n": len(ms), "p50": ms[0] if ms else None, "p95": None, "p99": None}
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {
        "n": len(ms),
        "p50": round(q[49], 2),
        "p95": round(q[94], 2),
        "p99": round(q[98], 2),
    }


def medir_api(cliente, rondas):
    por_clase, todas = {}, []
    for _ in range(rondas + 1):  # la primera ronda calienta cachés y no cuenta
        for clase, consultas in CONSULTAS.items():
            for q in consultas:
                for n_facetas, facetas in FACETAS.items():
                    for pagina in PAGINAS_API:
                        params = urlencode({"q": q, "pagina": pagina, **facetas})
                        t0 = time.perf_counter()
                        r = cliente.get(f"/api/buscar/?{params}")
                        dt = time.perf_counter() - t0
                        if r.status_code != 200:
                            raise SystemExit(f"/api/buscar/?{params} respondió {r.status_code}")
                        por_clase.setdefault(f"{clase}, {n_facetas} facetas", []).append(dt)
                        por_clase.setdefault(f"página {pagina}", []).append(dt)
                        todas.append(dt)
    # Descarta la ronda de calentamiento (la primera de cada clave).
    n_por_ronda = len(todas) // (rondas + 1)
    todas = todas[n_por_ronda:]
    return {
        "total": percentiles(todas),
        "por_clase": {
            k: percentiles(v[len(v) // (rondas + 1) :]) for k, v in sorted(por_clase.items())
        },
    }


def medir_api_sin_cache(cliente, rondas):
    from django.test import override_settings

    with override_settings(TRAMA_CACHE_TEXTO=0):
        return medir_api(cliente, rondas)


def _sql_piso(q, pagina):
    grupos = expandir(terminos(q))
    sql, params = indice_texto(connection).subconsulta(grupos, "Y")
    offset = (pagina - 1) * POR_PAGINA
    completo = (
        f"SELECT documento_id, puntaje FROM ({sql}) s "  # noqa: S608
        f"ORDER BY puntaje DESC LIMIT {POR_PAGINA} OFFSET {offset}"
    )
    return completo, params


def medir_piso(rondas):
    """La misma consulta de texto, directo con el driver de la base (sin Django)."""
    ajustes = connection.settings_dict
    if connection.vendor == "sqlite":
        conn = sqlite3.connect(ajustes["NAME"])
        marcador = "?"
    else:
        import psycopg

        conn = psycopg.connect(
            host=ajustes["HOST"] or None,
            port=ajustes["PORT"] or None,
            user=ajustes["USER"] or None,
            password=ajustes["PASSWORD"] or None,
            dbname=ajustes["NAME"],
        )
        marcador = "%s"
    muestras = []
    for ronda in range(rondas + 1):
        for consultas in CONSULTAS.values():
            for q in consultas:
                for pagina in PAGINAS_API:
                    sql, params = _sql_piso(q, pagina)
                    sql = sql.replace("%s", marcador)
                    t0 = time.perf_counter()
                    cur = conn.cursor()
                    cur.execute(sql, params)
                    cur.fetchall()
                    dt = time.perf_counter() - t0
                    if ronda:
                        muestras.append(dt)
    conn.close()
    return percentiles(muestras)


def medir_wagtail(rondas):
    muestras = []
    for ronda in range(rondas + 1):
        for consultas in CONSULTAS.values():
            for q in consultas:
                t0 = time.perf_counter()
                list(Page.objects.live().search(q)[:POR_PAGINA])
                dt = time.perf_counter() - t0
                if ronda:
                    muestras.append(dt)
    return percentiles(muestras)


def medir_publicar(cliente):
    from practicas.models import PracticaPage, PracticasIndexPage, Red

    indice = PracticasIndexPage.objects.first()
    red = Red.objects.order_by("pk").first()
    palabra = f"zorzal{int(time.time() * 1000)}"
    t0 = time.perf_counter()
    pagina = indice.add_child(
        instance=PracticaPage(
            title=f"Práctica {palabra} recién publicada",
            slug=palabra,
            red=red,
            resumen="Medición de publicar a buscable.",
        )
    )
    pagina.save_revision().publish()
    t_publicar = time.perf_counter() - t0
    intentos = 0
    while True:
        intentos += 1
        datos = json.loads(cliente.get(f"/api/buscar/?q={palabra}").content)
        if datos["total"] >= 1:
            break
        if time.perf_counter() - t0 > 30:
            return {"publicar_ms": round(t_publicar * 1000, 1), "buscable_ms": None}
        time.sleep(0.01)
    total = time.perf_counter() - t0
    pagina.delete()
    return {
        "publicar_ms": round(t_publicar * 1000, 1),
        "buscable_ms": round(total * 1000, 1),
        "intentos": intentos,
    }


def rutas_render():
    from casos.models import CasoPage
    from practicas.models import PracticaPage

    caso = CasoPage.objects.live().filter(slug="uruguay").first() or CasoPage.objects.live().first()
    practica = PracticaPage.objects.live().order_by("pk").first()
    return {
        "inicio": "/",
        "casos (listado)": "/casos/",
        "casos (filtros)": "/casos/?ambito=internacional&caracteristica=liderazgo-distribuido",
        "ficha de caso": caso.url,
        "prácticas (3 filtros)": "/practicas/?foco=socioeducativo&slep=huasco&evidencia=resultados",
        "ficha de práctica": practica.url,
        "/buscar/": "/buscar/?q=escuelas+rurales",
        "/buscar/ con 3 facetas": (
            "/buscar/?q=redes&foco=socioeducativo&slep=huasco&evidencia=resultados"
        ),
    }


def medir_render(cliente, repeticiones):
    salida = {}
    for nombre, ruta in rutas_render().items():
        cliente.get(ruta)
        with CaptureQueriesContext(connection) as consultas:
            r = cliente.get(ruta)
        # Contar ya: la próxima petición vacía el registro de consultas de la conexión.
        n_consultas = len(consultas)
        # Lecturas de la caché en base (`trama_cache`): con CACHE_URL=redis no son SQL.
        n_cache = sum("trama_cache" in q["sql"] for q in consultas.captured_queries)
        if r.status_code != 200:
            raise SystemExit(f"{ruta} respondió {r.status_code}")
        muestras = []
        for _ in range(repeticiones):
            t0 = time.perf_counter()
            cliente.get(ruta)
            muestras.append(time.perf_counter() - t0)
        p = percentiles(muestras)
        salida[nombre] = {
            "ruta": ruta,
            "consultas_sql": n_consultas,
            "consultas_cache": n_cache,
            **p,
        }
    return salida


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rondas", type=int, default=8)
    parser.add_argument("--repeticiones-render", type=int, default=20)
    parser.add_argument("--wagtail", action="store_true", help="Mide Page.objects.search().")
    args = parser.parse_args()
    cliente = Client()
    # Como en producción (`when_ready` en gunicorn.conf.py), lo cargado queda fuera del
    # recolector de ciclos; aquí después de una primera vuelta por las páginas, que
    # carga plantillas y modelos que un worker ya tendría cargados.
    for ruta in rutas_render().values():
        cliente.get(ruta)
    gc.freeze()
    resultado = {
        "documentos": __import__("busqueda.models").models.Documento.objects.count(),
        "api": medir_api(cliente, args.rondas),
        # La misma mezcla sin la caché de consultas de texto de cada proceso
        # (facetas_bits.MapaFacetas.bits_texto): cada búsqueda vuelve a leer sus ids.
        "api_sin_cache_texto": medir_api_sin_cache(cliente, args.rondas),
        "piso": medir_piso(args.rondas),
        "render": medir_render(cliente, args.repeticiones_render),
        "publicar": medir_publicar(cliente),
    }
    if args.wagtail:
        resultado["wagtail"] = medir_wagtail(args.rondas)
    print(json.dumps(resultado, ensure_ascii=False))


if __name__ == "__main__":
    main()
