"""Corrida de referencia del motor de búsqueda local; escribe bench/REFERENCIA.md.

    make bench-referencia                                  # 100 mil, 300 mil y 1 millón
    .venv/bin/python bench/referencia.py --tamanos 5000,20000 --bases sqlite
    .venv/bin/python bench/referencia.py --informe         # rehace REFERENCIA.md

Responde dónde se quiebra cada motor local (SQLite y PostgreSQL) y desde qué tamaño
conviene Elasticsearch. No es parte de `make bench`: mide SOLO el motor. Generar un
millón de páginas de Wagtail y reindexarlas toma horas; aquí los documentos del
índice se arman directo con el contrato de `busqueda/indice.py` y se cargan con
`motor_local().reconstruir()`, sin páginas.

Para cada base y tamaño N: base nueva (archivo `bench/salida/trama-ref-N.sqlite3` o
base `trama_ref_N` del PostgreSQL de la máquina), migrate y contenido del estudio
(`load_initial_data`, sin demo); después, en un proceso aparte (tiempo y memoria
máxima), el índice se reconstruye con los documentos del sitio más N prácticas
sintéticas: las mismas que `generar_corpus --semilla 42` (mismo vocabulario, mismas
redes y la misma secuencia del generador) convertidas a documento como
`PracticaPage.datos_busqueda()`; las facetas salen de `registro.facetas_de`, y la
primera se compara con una `PracticaPage` real armada en memoria. En PostgreSQL,
`VACUUM ANALYZE` después. Luego, dentro de Django con `bench/settings_bench.py`:
el mapa de facetas en un proceso nuevo (tiempo de `MapaFacetas()._cargar()` y RSS)
y `/api/buscar/` con y sin la caché de texto y el piso, con las funciones de
`bench/medir.py`. Crudos en `bench/salida/referencia-<base>-<n>.json`.
"""

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
if str(BASE) not in sys.path:
    sys.path.insert(0, str(BASE))

from bench.correr import (  # noqa: E402
    METAS_100K,
    PSQL,
    PY,
    SALIDA,
    _maquina,
    asegurar_postgres,
    correr,
    entorno,
    log,
)

SEMILLA = 42
TAMANOS = "100000,300000,1000000"
# Las metas de «Rendimiento a escala nacional» (una sola fuente: bench/correr.py).
META_API_P95 = {base: METAS_100K[base]["api_p95"] for base in ("sqlite", "postgres")}
META_MEMORIA = METAS_100K["memoria_worker"]
INFORME = BASE / "bench" / "REFERENCIA.md"
CADA_PROGRESO = 50_000


# ------------------------------------------------------------ dentro de Django


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
    import django

    django.setup()


def _memoria_proceso():
    """VmRSS y VmHWM (pico) de este proceso, en MiB, de /proc/self/status."""
    salida = {}
    try:
        lineas = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        return {"rss_mib": None, "hwm_mib": None}
    for linea in lineas:
        for campo, clave in (("VmRSS:", "rss_mib"), ("VmHWM:", "hwm_mib")):
            if linea.startswith(campo):
                salida[clave] = round(int(linea.split()[1]) / 1024, 1)
    return salida


class _Relacion:
    """Lo que los orígenes del registro leen de una relación: `.all()`."""

    __slots__ = ("objetos",)

    def __init__(self, objetos):
        self.objetos = objetos

    def all(self):
        return self.objetos


class _Generador:
    """Prácticas sintéticas como documentos del índice, sin páginas.

    Consume el generador aleatorio en el mismo orden que `generar_corpus` (redes
    primero, luego por práctica: tema, red, título, fecha, translation_key, pasos,
    resumen, participantes, duración, resultados, evidencia y relaciones), así que con
    la misma semilla salen las mismas prácticas que `make bench` (salvo la fecha, que
    aquí cuenta desde un día fijo, y la URL)."""

    FECHA_BASE = datetime.fromisoformat("2026-01-01T12:00:00+00:00")
    DURACIONES = ["Un semestre", "Un año escolar", "Mensual"]

    def __init__(self, semilla):
        import random

        from django.utils.text import slugify
        from taggit.models import Tag

        from portal.management.commands import generar_corpus as corpus
        from portal.models import Caracteristica, Foco, NivelEducativo, Principio
        from practicas.models import PracticaPage, Red

        self.c = corpus
        self.semilla = semilla
        self.rng = random.Random(semilla)
        creadas = corpus.Command()._redes(self.rng)  # las mismas redes que generar_corpus
        por_pk = Red.objects.select_related("slep", "tipo").prefetch_related("comunas")
        por_pk = por_pk.in_bulk([r.pk for r in creadas])
        self.redes = [por_pk[r.pk] for r in creadas]
        self.comunas = {r.pk: [c.nombre for c in r.comunas.all()] for r in self.redes}
        self.focos = list(Foco.objects.all())
        self.principios = list(Principio.objects.all())
        self.caracteristicas = list(Caracteristica.objects.select_related("dimension"))
        self.niveles = list(NivelEducativo.objects.all())
        self.tags = [
            Tag.objects.get_or_create(name=n, defaults={"slug": slugify(n)})[0]
            for n in corpus.ETIQUETAS
        ]
        self.evidencias = dict(PracticaPage.NIVELES_EVIDENCIA)
        self.vinculo = "Se vincula con las acciones del PME de cada escuela."

    def practica(self, i):
        """Los datos de la práctica i (como los guarda generar_corpus)."""
        c, rng = self.c, self.rng
        tema = rng.choice(c.TEMAS)
        red = rng.choice(self.redes)
        titulo = f"{tema.capitalize()}: {rng.choice(c.ACCIONES)} ({self.semilla}-{i + 1})"
        minutos = rng.randint(0, 60 * 24 * 900)
        rng.getrandbits(128)  # translation_key de la página: mantiene la secuencia
        acciones = c._muestra(rng, c.ACCIONES, 2, 4)
        resumen = (
            f"La {red.nombre.lower()} trabajó en {tema} porque "
            f"{rng.choice(c.RESULTADOS)} era una meta compartida. "
            f"Durante el año {acciones[0]}."
        )
        participantes = ", ".join(c._muestra(rng, c.ROLES, 2, 4))
        duracion = rng.choice(self.DURACIONES)
        resultados = f"{rng.choice(c.RESULTADOS).capitalize()}."
        evidencia = rng.choice(c.EVIDENCIA)

        def orden(objetos):  # como las lee la base: el orden del modelo
            return sorted(objetos, key=lambda t: (t.orden, t.nombre))

        return {
            "titulo": titulo[:255],
            "slug": f"referencia-{self.semilla}-{i + 1}",
            "red": red,
            "fecha": self.FECHA_BASE - _minutos(minutos),
            "resumen": resumen,
            "desafio": f"Mejorar {tema} en escuelas que antes trabajaban solas.",
            "pasos": [a.capitalize() + "." for a in acciones],
            "participantes": participantes,
            "duracion": duracion,
            "resultados": resultados,
            "evidencia": evidencia,
            "focos": orden(c._muestra(rng, self.focos, 1, 2)),
            "principios": orden(c._muestra(rng, self.principios, 1, 2)),
            "caracteristicas": orden(c._muestra(rng, self.caracteristicas, 1, 3)),
            "niveles": orden(c._muestra(rng, self.niveles, 1, 2)),
            "etiquetas": sorted(c._muestra(rng, self.tags, 0, 3), key=lambda t: t.pk),
        }

    def documento(self, p):
        """El documento del índice de una práctica, como `documento_de(PracticaPage)`."""
        from types import SimpleNamespace

        from busqueda.registro import facetas_de

        red = p["red"]
        evidencia = p["evidencia"]
        objeto = SimpleNamespace(
            red=red,
            nivel_evidencia=evidencia,
            get_nivel_evidencia_display=lambda: self.evidencias[evidencia],
            es_ejemplo=True,
            **{
                campo: _Relacion(p[campo])
                for campo in ("focos", "principios", "caracteristicas", "niveles", "etiquetas")
            },
        )
        dimensiones = {c.dimension.slug: c.dimension for c in p["caracteristicas"]}
        nombres = (
            [t.nombre for t in p["focos"] + p["principios"] + p["caracteristicas"] + p["niveles"]]
            + [d.nombre for d in dimensiones.values()]
            + [red.nombre, str(red.slep), red.slep.nombre, red.tipo.nombre, "Chile"]
            + red.palabras_de_rasgos()
            + self.comunas[red.pk]
            + [e.name for e in p["etiquetas"]]
        )
        cuerpo = [
            p["desafio"],
            "\n".join(p["pasos"]),
            p["participantes"],
            p["duracion"],
            p["resultados"],
            self.vinculo,
        ]
        return {
            "clave": f"referencia:{p['slug']}",
            "page_id": None,
            "tipo": "practica",
            "slug": p["slug"],
            "url": f"/practicas/{p['slug']}/",
            "titulo": p["titulo"],
            "resumen": p["resumen"],
            "cuerpo": "\n".join(x for x in cuerpo if x),
            "etiquetas": " · ".join(nombres),
            "fecha": p["fecha"],
            "sirvio": 0,
            "facetas": facetas_de("practica", objeto),
        }

    def verificar(self, p, doc):
        """Compara el documento sintético con el de una PracticaPage real armada en
        memoria con los mismos datos: si el modelo o el registro cambian, la corrida se
        detiene en vez de medir otra cosa."""
        from practicas.models import PracticaPage

        pagina = PracticaPage(
            title=p["titulo"],
            slug=p["slug"],
            red=p["red"],
            resumen=p["resumen"],
            desafio=f"<p>{p['desafio']}</p>",
            pasos=[("paso", paso) for paso in p["pasos"]],
            participantes=p["participantes"],
            duracion=p["duracion"],
            resultados=f"<p>{p['resultados']}</p>",
            nivel_evidencia=p["evidencia"],
            vinculo_pme_pel=self.vinculo,
            es_ejemplo=True,
            first_published_at=p["fecha"],
            last_published_at=p["fecha"],
        )
        for campo in ("focos", "principios", "caracteristicas", "niveles"):
            setattr(pagina, campo, p[campo])
        pagina.etiquetas.add(*p["etiquetas"])
        pagina.sirvio_indice = 0
        real = pagina.datos_busqueda()
        diferencias = [
            campo
            for campo in ("tipo", "titulo", "resumen", "cuerpo", "fecha", "sirvio")
            if real[campo] != doc[campo]
        ]
        if sorted(real["etiquetas"].split(" · ")) != sorted(doc["etiquetas"].split(" · ")):
            diferencias.append("etiquetas")
        facetas_reales = {f: set(v) for f, v in real["facetas"].items()}
        if facetas_reales != {f: set(v) for f, v in doc["facetas"].items()}:
            diferencias.append("facetas")
        if diferencias:
            raise SystemExit(
                "El documento sintético ya no calza con PracticaPage.datos_busqueda() en: "
                + ", ".join(diferencias)
                + ". Ajuste _Generador.documento en bench/referencia.py."
            )

    def documentos(self, n):
        for i in range(n):
            p = self.practica(i)
            doc = self.documento(p)
            if i == 0:
                self.verificar(p, doc)
            yield doc


def _minutos(m):
    from datetime import timedelta

    return timedelta(minutes=m)


def cargar(n, archivo_progreso):
    """Reconstruye el índice local con el sitio y n prácticas sintéticas (proceso aparte)."""
    _django()
    from itertools import chain

    from busqueda.indice import documentos_buscables
    from busqueda.motores import motor_local

    t0 = time.perf_counter()
    progreso_txt = Path(archivo_progreso) if archivo_progreso else None

    def anotar(texto):
        # Sin la hora: dentro de Django el proceso quedó en la zona de TIME_ZONE.
        if progreso_txt is not None:
            rss = _memoria_proceso().get("rss_mib")
            with progreso_txt.open("a", encoding="utf-8") as f:
                f.write(f"[{time.perf_counter() - t0:7.0f} s] {texto}; RSS {rss} MiB\n")

    generador = _Generador(SEMILLA)
    reales = list(documentos_buscables())  # redes recién creadas y contenido del estudio
    anotar(f"{len(reales)} documentos del sitio; generando {n} prácticas")
    cada = max(1000, min(CADA_PROGRESO, n // 10))
    siguiente = [cada]
    total_docs = n + len(reales)

    def progreso(hechos):
        if hechos >= siguiente[0]:
            ritmo = hechos / (time.perf_counter() - t0)
            faltan = (total_docs - hechos) / ritmo / 60
            anotar(f"{hechos}/{total_docs} documentos, {ritmo:.0f}/s, faltan ~{faltan:.0f} min")
            siguiente[0] += cada

    total = motor_local().reconstruir(chain(reales, generador.documentos(n)), progreso=progreso)
    anotar(f"listo: {total} documentos en {time.perf_counter() - t0:.1f} s")
    print(json.dumps({"documentos": total, "del_sitio": len(reales)}))


def medir_mapa():
    """Tiempo de `MapaFacetas()._cargar()` en un proceso nuevo y su RSS (proceso aparte)."""
    _django()
    from django.db import connection

    from busqueda.motores.facetas_bits import MapaFacetas

    connection.ensure_connection()
    antes = _memoria_proceso()
    mapa = MapaFacetas()
    t0 = time.perf_counter()
    mapa._cargar()
    segundos = time.perf_counter() - t0
    despues = _memoria_proceso()
    print(
        json.dumps(
            {
                "segundos": round(segundos, 2),
                "opciones": len(mapa.bits),
                "documentos": mapa.todos.bit_count(),
                "bits_mib": round(
                    sum((b.bit_length() + 7) // 8 for b in mapa.bits.values()) / 2**20, 2
                ),
                "rss_antes_mib": antes.get("rss_mib"),
                "rss_mib": despues.get("rss_mib"),
                "hwm_mib": despues.get("hwm_mib"),
            }
        )
    )


def medir_busqueda(rondas):
    """`/api/buscar/` con y sin caché de texto y el piso, con bench/medir.py (que no
    mide aquí render ni publicar: no hay páginas de las prácticas)."""
    _django()
    from django.test import Client

    from bench import medir as mediciones
    from busqueda.models import Documento, ValorFaceta

    cliente = Client()
    # Como un worker ya en marcha (medir.py, gunicorn.conf.py): el mapa cargado y lo
    # importado quedan fuera del recolector de ciclos antes de medir.
    for q in ("lectura", "comprensión lectora escuelas"):
        cliente.get("/api/buscar/", {"q": q})
    gc.freeze()
    resultado = {
        "documentos": Documento.objects.count(),
        "valores_faceta": ValorFaceta.objects.count(),
        "api": mediciones.medir_api(cliente, rondas),
        "api_sin_cache_texto": mediciones.medir_api_sin_cache(cliente, rondas),
        "piso": mediciones.medir_piso(rondas),
    }
    resultado["memoria_proceso"] = _memoria_proceso()
    print(json.dumps(resultado, ensure_ascii=False))


# ----------------------------------------------------------------- corrida


def nombre_pg(n):
    return f"trama_ref_{n}"


def archivo_sqlite(n):
    return SALIDA / f"trama-ref-{n}.sqlite3"


def entorno_ref(base, n):
    env = entorno(base, n)
    if base == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{archivo_sqlite(n)}"
    else:
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{nombre_pg(n)}"
    return env


def preparar(base, n, env):
    """Base nueva, migrate, tabla de caché y contenido del estudio (sin demo)."""
    if base == "sqlite":
        for sufijo in ("", "-wal", "-shm"):
            Path(f"{archivo_sqlite(n)}{sufijo}").unlink(missing_ok=True)
    else:
        asegurar_postgres()
        subprocess.run([*PSQL, "-c", f"DROP DATABASE IF EXISTS {nombre_pg(n)}"], check=True)
        subprocess.run([*PSQL, "-c", f"CREATE DATABASE {nombre_pg(n)}"], check=True)
    correr([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    correr([PY, "manage.py", "createcachetable"], env)
    correr([PY, "manage.py", "load_initial_data"], env)


def tamano_base_mib(base, n):
    if base == "sqlite":
        partes = [Path(f"{archivo_sqlite(n)}{s}") for s in ("", "-wal")]
        return round(sum(p.stat().st_size for p in partes if p.exists()) / 2**20, 1)
    salida = subprocess.run(
        [*PSQL, "-tAc", f"SELECT pg_database_size('{nombre_pg(n)}')"],
        capture_output=True,
        text=True,
        check=True,
    )
    return round(int(salida.stdout.strip()) / 2**20, 1)


def _ultima_linea_json(texto):
    return json.loads(texto.strip().splitlines()[-1])


def _preparar_y_cargar(base, n, env, resultado):
    log(f"{base} · {n} documentos: preparando base (migrate, contenido del estudio)")
    t0 = time.perf_counter()
    preparar(base, n, env)
    resultado["preparar_s"] = round(time.perf_counter() - t0, 1)
    progreso = SALIDA / f"referencia-{base}-{n}.log"
    progreso.unlink(missing_ok=True)
    log(
        f"  cargando {n} prácticas sintéticas en el índice (avance en bench/salida/{progreso.name})"
    )
    segundos, memoria = correr(
        [PY, "bench/referencia.py", "--cargar", str(n), "--progreso", str(progreso)],
        env,
        medir=True,
    )
    resultado["carga"] = {"segundos": round(segundos, 1), "memoria_max_mib": memoria}
    log(f"  carga: {segundos:.1f} s, {memoria} MiB")
    if base == "postgres":
        # Como correr.py: lo que el autovacuum haría solo en una instalación en marcha.
        t0 = time.perf_counter()
        for tabla in ("busqueda_documento", "busqueda_valorfaceta"):
            subprocess.run([*PSQL, "-d", nombre_pg(n), "-c", f"VACUUM ANALYZE {tabla}"], check=True)
        resultado["vacuum_s"] = round(time.perf_counter() - t0, 1)


def una_corrida(base, n, args):
    env = entorno_ref(base, n)
    inicio = time.perf_counter()
    resultado = {
        "base": base,
        "n": n,
        "semilla": SEMILLA,
        "fecha": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "comando": "python bench/referencia.py " + " ".join(sys.argv[1:]),
        "maquina": _maquina(),
        "carga_sistema_inicio": round(os.getloadavg()[0], 2),
    }
    guardado = SALIDA / f"referencia-{base}-{n}.json"
    anterior = json.loads(guardado.read_text()) if guardado.exists() else None
    if args.reusar and anterior and "carga" in anterior:
        # Vuelve a medir sobre la base ya cargada (mismo corpus): sirve para medir un
        # cambio de código sin esperar la carga. `migrate` aplica lo que el código
        # nuevo pida (columnas, tablas del índice); las cifras de carga son las de antes.
        log(f"{base} · {n} documentos: reusando la base de {anterior['fecha']}")
        correr([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
        for clave in ("preparar_s", "carga", "vacuum_s", "fecha_carga"):
            if clave in anterior:
                resultado[clave] = anterior[clave]
        resultado.setdefault("fecha_carga", anterior["fecha"])
    else:
        resultado["fecha_carga"] = resultado["fecha"]
        _preparar_y_cargar(base, n, env, resultado)
    resultado["base_mib"] = tamano_base_mib(base, n)
    log("  mapa de facetas en un proceso nuevo…")
    t0 = time.perf_counter()
    resultado["mapa"] = _ultima_linea_json(correr([PY, "bench/referencia.py", "--medir-mapa"], env))
    resultado["mapa_proceso_s"] = round(time.perf_counter() - t0, 1)
    log(f"  mapa: {resultado['mapa']['segundos']} s, RSS {resultado['mapa']['rss_mib']} MiB")
    log("  /api/buscar/ con y sin caché de texto, y el piso…")
    t0 = time.perf_counter()
    medido = correr([PY, "bench/referencia.py", "--medir", "--rondas", str(args.rondas)], env)
    resultado.update(_ultima_linea_json(medido))
    resultado["medir_s"] = round(time.perf_counter() - t0, 1)
    resultado["carga_sistema_fin"] = round(os.getloadavg()[0], 2)
    resultado["duracion_total_s"] = round(time.perf_counter() - inicio, 1)
    log(
        f"  API p95 {resultado['api']['total']['p95']} ms, sin caché de texto "
        f"{resultado['api_sin_cache_texto']['total']['p95']} ms; total {resultado['duracion_total_s']} s"
    )
    (SALIDA / f"referencia-{base}-{n}.json").write_text(
        json.dumps(resultado, ensure_ascii=False, indent=2)
    )
    return resultado


# ------------------------------------------------------------------ informe


def cargar_resultados(parciales=False):
    """Las corridas guardadas; con `parciales`, solo las que no llegaron a medir la API
    (su carga y su `nota` se informan aparte)."""
    orden = {"sqlite": 0, "postgres": 1}
    resultados = [json.loads(p.read_text()) for p in SALIDA.glob("referencia-*.json")]
    resultados = [r for r in resultados if ("api" in r) != parciales]
    return sorted(resultados, key=lambda r: (orden.get(r["base"], 9), r["n"]))


def _v(valor, unidad=""):
    return "—" if valor is None else f"{valor:g}{unidad}"


def _memoria_worker(r):
    """Pico de memoria del proceso que sirvió las búsquedas (Django, mapa y cachés)."""
    return (r.get("memoria_proceso") or {}).get("hwm_mib")


def _mil(n):
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return "1 millón" if n == 1_000_000 else f"{n // 1_000_000} millones"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000} mil"
    return f"{n:,}".replace(",", ".")


def _quiebre(filas, valor, meta):
    """(último tamaño que cumple antes de la primera falla, primera falla, valor en la
    falla) sobre los tamaños medidos, de menor a mayor; falla None si cumple en todos."""
    ultimo_ok = None
    for r in filas:
        v = valor(r)
        if v is None:
            continue
        if v > meta:
            return ultimo_ok, r, v
        ultimo_ok = r
    return ultimo_ok, None, None


def _frase_criterio(nombre, filas, valor, meta, unidad):
    ok, falla, v = _quiebre(filas, valor, meta)
    mayor = filas[-1]["n"]
    if falla is None:
        medido = valor(filas[-1])
        return (
            f"{nombre} (meta ≤ {meta}{unidad}): cumple en todos los tamaños medidos, hasta "
            f"{_mil(mayor)} ({_v(medido, unidad)})."
        )
    if ok is None:
        return (
            f"{nombre} (meta ≤ {meta}{unidad}): no cumple ya en el menor tamaño medido, "
            f"{_mil(falla['n'])} ({_v(v, unidad)})."
        )
    return (
        f"{nombre} (meta ≤ {meta}{unidad}): cumple hasta {_mil(ok['n'])} "
        f"({_v(valor(ok), unidad)}) y se quiebra entre {_mil(ok['n'])} y {_mil(falla['n'])} "
        f"({_v(v, unidad)} con {_mil(falla['n'])})."
    )


def puntos_bench():
    """Los tamaños que midió `make bench` (bench/RESULTADOS.md, con páginas) en la misma
    forma que una corrida de referencia, solo con lo que usa el quiebre: la mezcla con y
    sin caché de texto y la memoria por worker de gunicorn."""
    puntos = []
    for ruta in SALIDA.glob("resultado-*-*.json"):
        r = json.loads(ruta.read_text())
        if "api" not in r:
            continue
        carga = r.get("carga") or {}
        puntos.append(
            {
                "base": r["base"],
                "n": r["n"],
                "fecha": r.get("fecha"),
                "api": r["api"],
                "api_sin_cache_texto": r["api_sin_cache_texto"],
                "memoria_proceso": {"hwm_mib": carga.get("memoria_max_worker_mib")},
                "de_bench": True,
            }
        )
    return puntos


def seccion_quiebre(resultados):
    lineas = [
        "## Dónde se quiebra cada motor",
        "",
        "Sale de la tabla de arriba, nada más: un motor «se quiebra» en el primer tamaño",
        "medido en que no cumple una meta del issue (p95 de `/api/buscar/` ≤ "
        + " / ".join(f"{m} ms en {b}" for b, m in META_API_P95.items())
        + f"; memoria por worker ≤ {META_MEMORIA} MiB, aquí el pico del proceso que",
        "sirvió las búsquedas). Entre dos tamaños medidos no se interpola: el quiebre queda",
        "entre el último que cumple y el primero que no. La meta que cuenta es la misma de",
        "`bench/RESULTADOS.md` (p95 de la mezcla, con la caché de texto de cada proceso); la",
        "mezcla **sin** esa caché (cada consulta por primera vez en el proceso) se muestra",
        "al lado como el peor caso.",
        "",
    ]
    if resultados and max(r["n"] for r in resultados) < 100_000:
        lineas += [
            "> Solo hay tamaños menores que 100 mil: esto verifica el método, no es la",
            "> referencia del issue (`make bench-referencia` mide 100 mil, 300 mil y 1 millón).",
            "",
        ]
    extra = [
        p
        for p in puntos_bench()
        if not any(r["base"] == p["base"] and r["n"] == p["n"] for r in resultados)
    ]
    if extra:
        lineas += [
            "Con los tamaños de esta corrida van también los que midió `make bench` en la misma",
            "máquina (`bench/RESULTADOS.md`, con páginas; memoria: RSS máximo de un worker de",
            "gunicorn): "
            + ", ".join(f"{p['base']} {_mil(p['n'])} ({p['fecha']})" for p in extra)
            + ".",
            "",
        ]
    limites = {}  # base -> (último tamaño que cumple todo, primer tamaño que falla)
    for base in ("sqlite", "postgres"):
        filas = sorted(
            [r for r in [*resultados, *extra] if r["base"] == base], key=lambda r: r["n"]
        )
        if not filas:
            lineas += [f"- **{base}**: sin corridas guardadas.", ""]
            continue
        meta = META_API_P95[base]
        criterios = [
            ("API p95 (mezcla)", lambda r: r["api"]["total"]["p95"], meta, " ms"),
            (
                "API p95 sin caché de texto (peor caso)",
                lambda r: r["api_sin_cache_texto"]["total"]["p95"],
                meta,
                " ms",
            ),
            ("pico de memoria del proceso de búsqueda", _memoria_worker, META_MEMORIA, " MiB"),
        ]
        lineas.append(f"- **{'SQLite' if base == 'sqlite' else 'PostgreSQL'}**")
        for nombre, valor, m, unidad in criterios:
            lineas.append(f"  - {_frase_criterio(nombre, filas, valor, m, unidad)}")
        cuenta = [criterios[0], criterios[2]]  # la mezcla (meta del issue) y memoria
        primeras = [f for _, v, m, _ in cuenta if (f := _quiebre(filas, v, m)[1]) is not None]
        primera = min(primeras, key=lambda r: r["n"]) if primeras else None
        cumplen = [r for r in filas if primera is None or r["n"] < primera["n"]]
        limites[base] = (cumplen[-1]["n"] if cumplen else None, primera["n"] if primera else None)
        lineas.append("")
    lineas += ["### Desde qué tamaño conviene Elasticsearch", ""]
    if not limites:
        return lineas + ["Sin corridas guardadas: no hay recomendación.", ""]
    nombres = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
    for base, (ok, falla) in limites.items():
        if falla is None:
            texto = f"no hace falta en lo medido (cumple las metas hasta {_mil(ok)})"
        elif ok is None:
            texto = (
                f"ya con {_mil(falla)}, el menor tamaño medido, no cumple (medir tamaños "
                "menores para acotar)"
            )
        else:
            texto = (
                f"sobre {_mil(ok)} (cumple con {_mil(ok)} y no con {_mil(falla)}; entre esos "
                "dos tamaños no hay medición)"
            )
        lineas.append(f"- Un sitio en {nombres[base]}: {texto}.")
    lineas.append("")
    # El motor local que más aguanta decide cuándo Elasticsearch hace falta de verdad.
    aguante = {b: (falla is None, ok or 0) for b, (ok, falla) in limites.items()}
    mejor_aguante = max(aguante.values())
    mejores = [b for b, a in aguante.items() if a == mejor_aguante]
    ok, falla = limites[mejores[0]]
    quienes = " y ".join(nombres[b] for b in mejores)
    if falla is None:
        lineas.append(
            f"**Con las metas absolutas, en esta máquina:** hasta {_mil(ok)} documentos, {quienes} "
            f"{'cumplen' if len(mejores) > 1 else 'cumple'} todas las "
            "metas: hasta ahí Elasticsearch no hace falta por rendimiento (puede convenir "
            "por otras razones, como varios servidores de búsqueda)."
        )
    elif ok is None:
        lineas.append(
            f"**Con las metas absolutas, en esta máquina:** Elasticsearch desde {_mil(falla)} documentos, el menor "
            "tamaño medido: ningún motor local cumple ahí las metas."
        )
    else:
        lineas.append(
            f"**Con las metas absolutas, en esta máquina:** Elasticsearch sobre {_mil(ok)} documentos: es lo más que "
            f"aguanta un motor local con las metas ({quienes}); con {_mil(falla)} ya no cumple."
        )
    lineas.append(
        "Las metas de latencia dependen de la máquina (la de esta corrida mide el piso de "
        "SQLite ~3 veces más lento que la del 2026-12-02, `bench/brechas.md`); la memoria "
        "no. La recomendación del proyecto, que pesa las dos, está en el README («¿Motor "
        "local o Elasticsearch?»)."
    )
    sqlite, postgres = limites.get("sqlite"), limites.get("postgres")
    if mejores == ["postgres"] and sqlite and sqlite[1] is not None:
        lineas.append(
            "Un sitio en SQLite que pase su límite puede pasar primero a PostgreSQL, "
            f"que en esta medición aguanta más{'' if postgres[0] is None else f' (hasta {_mil(postgres[0])})'}."
        )
    return lineas + [""]


def informe(resultados):
    # Una línea por comando, con la fecha de su primera y su última corrida guardada.
    corridas = {}
    for r in sorted(resultados, key=lambda r: r["fecha"]):
        corridas.setdefault(r["comando"], []).append(r["fecha"])
    maquinas = sorted({r.get("maquina", "?") for r in resultados})
    lineas = [
        "# Referencia del motor de búsqueda local: dónde se quiebra",
        "",
        "Corrida de referencia del issue «Rendimiento a escala nacional»: a qué tamaño deja",
        "de cumplir las metas cada motor local y desde cuándo conviene Elasticsearch. Mide",
        "**solo el motor**: las prácticas se cargan directo en el índice local",
        "(`motor_local().reconstruir()`), sin páginas de Wagtail, así que aquí no hay render",
        "de páginas, publicar→buscable ni carga concurrente (eso está en `bench/RESULTADOS.md`,",
        "hasta 100 mil). Los documentos son las prácticas de `generar_corpus --semilla 42`",
        "(mismo vocabulario, redes y secuencia) con sus facetas del registro, más el",
        "contenido del estudio. `bench/README.md` explica el método.",
        "",
        "- Reproducir: `make bench-referencia` (no corre con `make bench`); corridas guardadas:",
        *[
            f"  - {fechas[0]}{f' a {fechas[-1]}' if fechas[-1] != fechas[0] else ''}: `{comando}`"
            for comando, fechas in corridas.items()
        ],
        *[f"- Máquina: {m}" for m in maquinas],
        "- Configuración: `bench/settings_bench.py`; API medida con el cliente de Django en",
        "  proceso (sin red), mezcla fija de `bench/medir.py` (36 consultas por ronda).",
        "",
        "## Resultados",
        "",
        "Carga: reconstruir el índice con todos los documentos, en un proceso aparte (memoria:",
        "su RSS máximo). Mapa: `MapaFacetas()._cargar()` en un proceso nuevo y su RSS al",
        "terminar. Piso: la misma consulta de texto directa sobre FTS5 o `tsvector`.",
        "",
        "| base | docs | carga | memoria máx. carga | API p50 / p95 | API sin caché de texto p50 / p95 | piso p50 / p95 | carga del mapa | RSS con el mapa |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in resultados:
        api, sin, piso, mapa = (
            r["api"]["total"],
            r["api_sin_cache_texto"]["total"],
            r["piso"],
            r["mapa"],
        )
        lineas.append(
            f"| {r['base']} | {r['n']:,} | {r['carga']['segundos']} s | "
            f"{r['carga']['memoria_max_mib']} MiB | {api['p50']} / {api['p95']} ms | "
            f"{sin['p50']} / {sin['p95']} ms | {piso['p50']} / {piso['p95']} ms | "
            f"{mapa['segundos']} s | {mapa['rss_mib']} MiB |"
        )
    notas = [
        f"- {r['base']}, {_mil(r['n'])}: {r['nota']}"
        for r in [*resultados, *cargar_resultados(parciales=True)]
        if r.get("nota")
    ]
    if notas:
        lineas += [
            "",
            "Notas de las corridas (anotadas a mano en su JSON, clave `nota`):",
            "",
            *notas,
        ]
    lineas += [
        "",
        "### Más detalle",
        "",
        "Docs indexados: las prácticas más el contenido del sitio. Memoria del proceso de",
        "búsqueda: el que corrió la API (Django, mapa y caché de texto), al final y su pico.",
        "Carga del sistema: promedio de 1 minuto al empezar y al terminar cada corrida (con",
        "otro proceso ocupando un núcleo, los tiempos suben).",
        "",
        "| base | docs | docs indexados | opciones de faceta (filas) | base en disco | VACUUM ANALYZE | API p99 | sin caché p99 | mapa: opciones / mapas de bits | memoria proceso de búsqueda (final / pico) | carga del sistema | duración total |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in resultados:
        mem = r.get("memoria_proceso") or {}
        mapa = r["mapa"]
        vacuum = f"{r['vacuum_s']} s" if "vacuum_s" in r else "—"
        lineas.append(
            f"| {r['base']} | {r['n']:,} | {r['documentos']:,} | {r['valores_faceta']:,} | "
            f"{r['base_mib']} MiB | {vacuum} | {r['api']['total']['p99']} ms | "
            f"{r['api_sin_cache_texto']['total']['p99']} ms | {mapa['opciones']} / "
            f"{mapa['bits_mib']} MiB | {_v(mem.get('rss_mib'))} / {_v(mem.get('hwm_mib'))} MiB | "
            f"{r['carga_sistema_inicio']} → {r['carga_sistema_fin']} | "
            f"{r['duracion_total_s'] / 60:.1f} min |"
        )
    lineas += ["", "### Por tipo de consulta, sin caché de texto (p50 / p95, ms)", ""]
    for r in resultados:
        clases = r["api_sin_cache_texto"]["por_clase"]
        lineas.append(
            f"**{r['base']}, {r['n']:,}**: "
            + "; ".join(f"{k}: {v['p50']}/{v['p95']}" for k, v in clases.items())
        )
        lineas.append("")
    lineas += seccion_quiebre(resultados)
    INFORME.write_text("\n".join(lineas).rstrip() + "\n")


# --------------------------------------------------------------------- main


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tamanos", default=TAMANOS, help=f"Por defecto {TAMANOS}.")
    parser.add_argument("--bases", default="sqlite,postgres")
    parser.add_argument("--rondas", type=int, default=5)
    parser.add_argument(
        "--informe", action="store_true", help="Solo rehace REFERENCIA.md con lo guardado."
    )
    parser.add_argument(
        "--reusar",
        action="store_true",
        help="Vuelve a medir sobre la base ya cargada de cada tamaño (sin cargar de nuevo).",
    )
    # Modos internos: cada uno corre en su propio proceso, dentro de Django.
    parser.add_argument("--cargar", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--progreso", help=argparse.SUPPRESS)
    parser.add_argument("--medir-mapa", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--medir", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cargar is not None:
        cargar(args.cargar, args.progreso)
        return
    if args.medir_mapa:
        medir_mapa()
        return
    if args.medir:
        medir_busqueda(args.rondas)
        return
    SALIDA.mkdir(parents=True, exist_ok=True)
    if not args.informe:
        bases = args.bases.split(",")
        if set(bases) - set(META_API_P95):
            parser.error(f"--bases: solo {', '.join(META_API_P95)}")
        for base in bases:
            for n in (int(x) for x in args.tamanos.split(",")):
                una_corrida(base, n, args)
                informe(cargar_resultados())
    informe(cargar_resultados())
    log("listo: bench/REFERENCIA.md")


if __name__ == "__main__":
    main()
