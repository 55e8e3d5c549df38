"""Benchmark de punta a punta de Trama; escribe bench/RESULTADOS.md.

    make bench                                   # 1 mil, 10 mil y 100 mil; SQLite y PostgreSQL
    .venv/bin/python bench/correr.py --tamanos 1000,10000 --bases sqlite

Para cada base y tamaño: base nueva, migrate, contenido del estudio,
`generar_corpus`, `reindexar` (tiempo y memoria máxima), mediciones dentro de
Django (bench/medir.py) y carga concurrente con gunicorn + wrk en loopback,
acotada en tiempo. Los resultados crudos quedan en bench/salida/*.json.
"""

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
SALIDA = BASE / "bench" / "salida"
PY = sys.executable
METAS = {
    "api_p95_10k_ms": 30,
    "consultas_sql_max": 15,
}
# Metas con 100 mil prácticas de los issues «Una sola vía para encontrar» (páginas,
# publicar→buscable) y «Rendimiento a escala nacional» (API, razón, carga, memoria).
METAS_100K = {
    "sqlite": {"api_p95": 40, "pagina_p95": 60},
    "postgres": {"api_p95": 60, "pagina_p95": 120},
    "razon": 3,
    "publicar_buscable": 300,
    "carga_rps": 60,
    "carga_p99": 500,
    "memoria_worker": 300,
}
PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q"]
PAGINAS_CON_META = ("casos (listado)", "prácticas (3 filtros)", "/buscar/ con 3 facetas")


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def entorno(base, n):
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "bench.settings_bench"
    env["TRAMA_CACHE_PAGINAS_SEGUNDOS"] = "0"
    env["STATIC_ROOT"] = str(SALIDA / "static")
    env.pop("ELASTICSEARCH_URL", None)
    if base == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{SALIDA / f'trama-{n}.sqlite3'}"
    else:
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/trama_bench_{n}"
    return env


def correr(cmd, env, medir=False):
    """Corre un comando; con medir=True devuelve (segundos, memoria_max_MiB)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=BASE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    salida = proc.stdout.read()
    _, estado, uso = os.wait4(proc.pid, 0)
    dt = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(estado) != 0:
        sys.stdout.write(salida.decode(errors="replace")[-4000:])
        raise SystemExit(f"Falló: {' '.join(map(str, cmd))}")
    if medir:
        return dt, round(uso.ru_maxrss / 1024, 1)
    return salida.decode(errors="replace")


def preparar_base(base, n, env):
    if base == "sqlite":
        archivo = SALIDA / f"trama-{n}.sqlite3"
        for sufijo in ("", "-wal", "-shm"):
            Path(f"{archivo}{sufijo}").unlink(missing_ok=True)
    else:
        asegurar_postgres()
        nombre = f"trama_bench_{n}"
        subprocess.run([*PSQL, "-c", f"DROP DATABASE IF EXISTS {nombre}"], check=True)
        subprocess.run([*PSQL, "-c", f"CREATE DATABASE {nombre}"], check=True)
    manage = [PY, "manage.py"]
    correr([*manage, "migrate", "--noinput", "-v0"], env)
    correr([*manage, "createcachetable"], env)
    correr([*manage, "collectstatic", "--noinput", "-v0"], env)
    correr([*manage, "load_initial_data"], env)


def asegurar_postgres():
    """Arranca el PostgreSQL de la máquina si está abajo (como .ci/run)."""
    listo = ["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]
    if subprocess.run(listo, check=False).returncode == 0:
        return
    versiones = sorted(Path("/etc/postgresql").glob("*"))
    if versiones:
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", versiones[-1].name, "main", "start"],
            check=False,
        )
    for _ in range(30):
        if subprocess.run(listo, check=False).returncode == 0:
            return
        time.sleep(1)
    raise SystemExit("PostgreSQL no responde en 127.0.0.1:5432; use --bases sqlite.")


def redis_disponible():
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", 6379)) == 0


def wrk_disponible():
    if shutil.which("wrk"):
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("instalando wrk (Debian) para la carga concurrente…")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True)
    return bool(shutil.which("wrk"))


def _campo(lineas, condicion, posicion, tipo):
    """Un campo de la salida de wrk: la primera línea que cumple `condicion`."""
    for linea in lineas:
        if condicion(linea):
            return tipo(linea.split()[posicion])
    return None


def puerto_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memoria_workers(maestro):
    """RSS máximo (MiB) de los workers de gunicorn al terminar la carga, leído de /proc.
    Cuenta también las páginas compartidas con el maestro (`preload_app`): es una cota
    superior de lo que cada worker agrega."""
    maximo = None
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            campos = stat.read_text().rsplit(")", 1)[1].split()
            if int(campos[1]) != maestro:
                continue
            for linea in (stat.parent / "status").read_text().splitlines():
                if linea.startswith("VmRSS:"):
                    mib = round(int(linea.split()[1]) / 1024, 1)
                    maximo = mib if maximo is None else max(maximo, mib)
        except (OSError, IndexError, ValueError):
            continue
    return maximo


def medir_carga(env, segundos, conexiones):
    """gunicorn (configuración de producción) + wrk en loopback, acotado en tiempo."""
    puerto = puerto_libre()
    if not wrk_disponible():
        return {"error": "wrk no está disponible: no se midió la carga concurrente."}
    env = dict(env)
    env["TRAMA_CACHE_PAGINAS_SEGUNDOS"] = "300"
    if redis_disponible():
        env["CACHE_URL"] = "redis://127.0.0.1:6379/7"
        subprocess.run(["redis-cli", "-n", "7", "flushdb"], capture_output=True, check=False)
    workers = 2 * (os.cpu_count() or 1) + 1
    gunicorn = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "-c",
            "gunicorn.conf.py",
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{puerto}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--access-logfile",
            str(SALIDA / "gunicorn-acceso.log"),
        ],
        env=env,
        cwd=BASE,
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", puerto)) == 0:
                    break
            time.sleep(0.1)
        rutas = {
            "inicio (cacheada)": "/",
            "listado de casos (cacheada)": "/casos/",
            "ficha de caso (cacheada)": "/casos/uruguay/",
            "API de búsqueda (sin caché)": "/api/buscar/?q=lectura&foco=socioeducativo",
        }
        resultados = {
            "workers": workers,
            "conexiones": conexiones,
            "segundos": segundos,
            "cache": env.get("CACHE_URL", "base de datos"),
        }
        for nombre, ruta in rutas.items():
            url = f"http://127.0.0.1:{puerto}{ruta}"
            subprocess.run(["curl", "-s", "-o", "/dev/null", url], check=False)
            salida = subprocess.run(
                ["wrk", "-t2", f"-c{conexiones}", f"-d{segundos}s", "--latency", url],
                capture_output=True,
                text=True,
                timeout=segundos + 30,
                check=False,
            ).stdout
            lineas = salida.splitlines()
            rps = _campo(lineas, lambda x: x.startswith("Requests/sec"), 1, float)
            no_2xx = _campo(lineas, lambda x: "Non-2xx" in x, -1, int) or 0
            p50 = _campo(lineas, lambda x: x.strip().startswith("50%"), 1, str) or ""
            p99 = _campo(lineas, lambda x: x.strip().startswith("99%"), 1, str) or ""
            resultados[nombre] = {"rps": rps, "no_2xx": no_2xx, "p50": p50, "p99": p99}
        resultados["memoria_max_worker_mib"] = memoria_workers(gunicorn.pid)
        return resultados
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


def medir_calidad(env, base, n, archivos):
    """nDCG@10 y MRR con `evaluar_busqueda` sobre la misma base (estudio + corpus):
    la calidad se mide junto a los tiempos, con el mismo índice."""
    calidad = {}
    for archivo in archivos:
        destino = SALIDA / f"calidad-{base}-{n}-{Path(archivo).stem}.json"
        correr([PY, "manage.py", "evaluar_busqueda", archivo, "--guardar", str(destino)], env)
        datos = json.loads(destino.read_text(encoding="utf-8"))
        calidad[Path(archivo).name] = {
            "ndcg": datos["ndcg"],
            "mrr": datos["mrr"],
            "consultas": len(datos["consultas"]),
        }
        log(f"  calidad {Path(archivo).name}: nDCG@10 {datos['ndcg']:.3f}")
    return calidad


def una_corrida(base, n, args):
    env = entorno(base, n)
    guardado = SALIDA / f"resultado-{base}-{n}.json"
    if args.reusar and guardado.exists():
        # Vuelve a medir sobre la base de la corrida anterior (mismo corpus e índice):
        # sirve para medir un cambio de código que no toca el índice sin esperar los
        # minutos de generar y reindexar. Conserva las cifras de esa preparación.
        anterior = json.loads(guardado.read_text())
        log(f"{base} · {n} documentos: reusando la base de {anterior['fecha']}")
        correr([PY, "manage.py", "migrate", "--noinput", "-v0"], env)  # el código pudo cambiar
        return _medir(base, n, args, env, anterior["generar_s"], anterior["reindexar"], anterior)
    log(f"{base} · {n} documentos: preparando base")
    preparar_base(base, n, env)
    t_gen, mem_gen = correr(
        [
            PY,
            "manage.py",
            "generar_corpus",
            "--practicas",
            str(n),
            "--semilla",
            "42",
            "--sin-indexar",
        ],
        env,
        medir=True,
    )
    log(f"  corpus generado en {t_gen:.1f} s; reindexar…")
    t_idx, mem_idx = correr([PY, "manage.py", "reindexar", "--solo", "local"], env, medir=True)
    log(f"  reindexar: {t_idx:.1f} s, {mem_idx} MiB")
    if base == "postgres":
        # Lo que el autovacuum hace solo en una instalación en marcha (mapa de
        # visibilidad y estadísticas tras la carga masiva); medir antes mediría una
        # base recién cargada que ningún sitio sirve por mucho tiempo.
        nombre = f"trama_bench_{n}"
        for tabla in ("busqueda_documento", "busqueda_valorfaceta"):
            subprocess.run([*PSQL, "-d", nombre, "-c", f"VACUUM ANALYZE {tabla}"], check=True)
    reindexar = {"segundos": round(t_idx, 1), "memoria_max_mib": mem_idx}
    return _medir(base, n, args, env, round(t_gen, 1), reindexar)


def _medir(base, n, args, env, generar_s, reindexar, anterior=None):
    medir = [PY, "bench/medir.py", "--rondas", str(args.rondas)]
    resultado = {
        "base": base,
        "n": n,
        "generar_s": generar_s,
        "comando": "python bench/correr.py " + " ".join(sys.argv[1:]),
        "fecha": datetime.now().strftime("%Y-%m-%d %H:%M"),
    }
    if anterior is not None and "wagtail_update_index_s" in anterior:
        resultado["wagtail_update_index_s"] = anterior["wagtail_update_index_s"]
    elif anterior is None and n <= args.wagtail_hasta:
        t_wag, _ = correr([PY, "manage.py", "update_index", "-v0"], env, medir=True)
        resultado["wagtail_update_index_s"] = round(t_wag, 1)
        medir.append("--wagtail")
    resultado["calidad"] = medir_calidad(env, base, n, args.consultas)
    log("  midiendo API, piso, render y publicar→buscable…")
    resultado.update(json.loads(correr(medir, env).strip().splitlines()[-1]))
    resultado["reindexar"] = reindexar
    if not args.sin_carga:
        log("  carga concurrente (gunicorn + wrk)…")
        resultado["carga"] = medir_carga(env, args.segundos_carga, args.conexiones)
    (SALIDA / f"resultado-{base}-{n}.json").write_text(
        json.dumps(resultado, ensure_ascii=False, indent=2)
    )
    return resultado


def _maquina():
    modelo = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        lineas = cpuinfo.read_text().splitlines()
        modelo = next((x.split(":", 1)[1].strip() for x in lineas if "model name" in x), "")
    memoria = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        memoria = f"{kb / 1024 / 1024:.0f} GiB"
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} núcleos ({modelo}), {memoria}, Python {platform.python_version()}"


def _cumple(valor, meta):
    if valor is None:
        return "sin dato"
    return "✅ cumple" if valor <= meta else f"❌ falta {valor - meta:.1f}"


def cargar_resultados():
    """Todas las corridas guardadas (una por base y tamaño, la última de cada una)."""
    orden_base = {"sqlite": 0, "postgres": 1}
    resultados = [json.loads(p.read_text()) for p in SALIDA.glob("resultado-*.json")]
    return sorted(resultados, key=lambda r: (orden_base.get(r["base"], 9), r["n"]))


def _ms(texto):
    """«1.14s», «44.17ms» o «870.00us» de wrk, en milisegundos."""
    if not texto:
        return None
    for sufijo, factor in (("ms", 1), ("us", 0.001), ("s", 1000)):
        if texto.endswith(sufijo):
            return float(texto[: -len(sufijo)]) * factor
    return None


def tabla_metas(resultados):
    """Cada meta de 100 mil prácticas contra lo medido, por base."""
    lineas = [
        "## Metas con 100 mil prácticas: cumplidas o no",
        "",
        "| medida | base | meta | medido | |",
        "| --- | --- | --- | --- | --- |",
    ]

    def fila(nombre, base, meta, valor, menor=True, unidad=" ms"):
        if valor is None:
            estado = "sin dato"
        else:
            ok = valor <= meta if menor else valor >= meta
            estado = "✅" if ok else "❌"
        signo = "≤" if menor else "≥"
        medido = "—" if valor is None else f"{valor:g}{unidad}"
        lineas.append(f"| {nombre} | {base} | {signo} {meta}{unidad} | {medido} | {estado} |")

    for r in resultados:
        if r["n"] < 100000 or r["base"] not in METAS_100K:
            continue
        base, metas = r["base"], METAS_100K[r["base"]]
        fila("`/api/buscar/` p95 (mezcla)", base, metas["api_p95"], r["api"]["total"]["p95"])
        if "api_sin_cache_texto" in r:
            fila(
                "`/api/buscar/` p95, sin caché de texto",
                base,
                metas["api_p95"],
                r["api_sin_cache_texto"]["total"]["p95"],
            )
        piso = r["piso"]["p50"]
        razon = round(r["api"]["total"]["p50"] / piso, 1) if piso else None
        fila("razón API / piso (p50)", base, METAS_100K["razon"], razon, unidad="")
        for pagina in PAGINAS_CON_META:
            if pagina in r["render"]:
                fila(f"render {pagina} p95", base, metas["pagina_p95"], r["render"][pagina]["p95"])
        fila(
            "publicar→buscable",
            base,
            METAS_100K["publicar_buscable"],
            r["publicar"]["buscable_ms"],
        )
        carga = (r.get("carga") or {}).get("API de búsqueda (sin caché)")
        if carga:
            fila(
                "API sin caché bajo carga",
                base,
                METAS_100K["carga_rps"],
                carga["rps"],
                False,
                " req/s",
            )
            fila("API sin caché bajo carga, p99", base, METAS_100K["carga_p99"], _ms(carga["p99"]))
        memoria = (r.get("carga") or {}).get("memoria_max_worker_mib")
        fila(
            "memoria por worker (RSS máx.)",
            base,
            METAS_100K["memoria_worker"],
            memoria,
            unidad=" MiB",
        )
    return lineas + [""] if len(lineas) > 4 else []


def informe(resultados):
    corridas = sorted({(r.get("fecha", "?"), r.get("comando", "?")) for r in resultados})
    lineas = [
        "# Resultados de rendimiento de Trama",
        "",
        f"- Máquina: {_maquina()}",
        "- Corridas (fecha, hora de la máquina, y comando que las reproduce; `make bench` corre todo):",
        *[f"  - {fecha}: `{comando}`" for fecha, comando in corridas],
        "- Configuración: `bench/settings_bench.py` (producción sin HTTPS forzado ni límites de tasa);",
        "  API y render medidos con el cliente de Django en proceso (sin red); carga con gunicorn + wrk en loopback.",
        "",
        *tabla_metas(resultados),
        "## Búsqueda: `/api/buscar/` contra el piso",
        "",
        "El piso es la misma consulta de texto (top 20) ejecutada directo sobre el índice de texto "
        "(FTS5 `MATCH` o `tsvector @@`) con el driver de la base, sin Django.",
        "",
        "| base | docs | API p50 | API p95 | API p99 | API p95 con 3 facetas | piso p50 | piso p95 | razón API/piso (p50) | Wagtail `search()` p50 | meta p95 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in resultados:
        api = r["api"]["total"]
        tres = max(v["p95"] for k, v in r["api"]["por_clase"].items() if k.endswith("3 facetas"))
        piso = r["piso"]
        razon = round(api["p50"] / piso["p50"], 1) if piso["p50"] else None
        wag = r.get("wagtail", {}).get("p50", "no medido")
        if r["n"] >= 100000 and r["base"] in METAS_100K:
            cumple = _cumple(api["p95"], METAS_100K[r["base"]]["api_p95"])
        elif r["n"] >= 10000 and r["base"] == "sqlite":
            cumple = _cumple(api["p95"], METAS["api_p95_10k_ms"])
        else:
            cumple = "—"
        lineas.append(
            f"| {r['base']} | {r['n']:,} | {api['p50']} ms | {api['p95']} ms | {api['p99']} ms | "
            f"{tres} ms | {piso['p50']} ms | {piso['p95']} ms | {razon} | {wag} | {cumple} |"
        )
    lineas += ["", "### Detalle por tipo de consulta (p50 / p95, ms)", ""]
    for r in resultados:
        lineas.append(
            f"**{r['base']}, {r['n']:,} documentos**: "
            + "; ".join(f"{k}: {v['p50']}/{v['p95']}" for k, v in r["api"]["por_clase"].items())
        )
        lineas.append("")
    lineas += [
        "## Índice",
        "",
        "| base | docs | generar corpus | reindexar completo | memoria máx. reindexar | publicar | publicar→buscable | Wagtail `update_index` |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in resultados:
        p = r["publicar"]
        lineas.append(
            f"| {r['base']} | {r['n']:,} | {r['generar_s']} s | {r['reindexar']['segundos']} s | "
            f"{r['reindexar']['memoria_max_mib']} MiB | {p['publicar_ms']} ms | {p['buscable_ms']} ms | "
            f"{r.get('wagtail_update_index_s', 'no medido')} s |"
        )
    lineas += [
        "",
        "## Calidad de la búsqueda, en la misma base",
        "",
        "`manage.py evaluar_busqueda` (motor local) con el contenido del estudio y el corpus",
        "sintético cargados (sin la demo de `make run`); meta del issue de búsqueda: ≥ 0.90",
        "con el corpus cargado.",
        "",
        "| base | docs | archivo | consultas | nDCG@10 | MRR |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in resultados:
        for archivo, c in (r.get("calidad") or {}).items():
            lineas.append(
                f"| {r['base']} | {r['n']:,} | {archivo} | {c['consultas']} | {c['ndcg']:.3f} | "
                f"{c['mrr']:.3f} |"
            )
        if not r.get("calidad"):
            lineas.append(f"| {r['base']} | {r['n']:,} | no medida en esta corrida | | | |")
    lineas += [
        "",
        "## Páginas: render (p50 / p95) y consultas SQL",
        "",
        "Consultas SQL por página: las de la aplicación y, aparte, las lecturas de la caché",
        "cuando la caché es la tabla `trama_cache` (con `CACHE_URL=redis://…` no son SQL).",
        "",
        "| base | docs | página | p50 | p95 | consultas SQL de la app | + lecturas de caché en base |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in resultados:
        for nombre, v in r["render"].items():
            cache = v.get("consultas_cache", 0)
            app = v["consultas_sql"] - cache
            marca = "" if app <= METAS["consultas_sql_max"] else " ❌"
            lineas.append(
                f"| {r['base']} | {r['n']:,} | {nombre} | {v['p50']} ms | {v['p95']} ms | {app}{marca} | {cache if 'consultas_cache' in v else 's/d'} |"
            )
    lineas += ["", "## Carga concurrente (peticiones por segundo)", ""]
    for r in resultados:
        carga = r.get("carga")
        if not carga:
            continue
        if "error" in carga:
            lineas.append(f"- {r['base']}, {r['n']:,}: {carga['error']}")
            continue
        lineas.append(
            f"**{r['base']}, {r['n']:,} documentos** — gunicorn {carga['workers']} workers, wrk "
            f"{carga['conexiones']} conexiones × {carga['segundos']} s, caché: {carga['cache']}"
        )
        lineas += [
            "",
            "| ruta | req/s | latencia p50 | p99 | respuestas no 2xx |",
            "| --- | --- | --- | --- | --- |",
        ]
        for nombre, v in carga.items():
            if isinstance(v, dict):
                lineas.append(
                    f"| {nombre} | {v['rps']} | {v['p50']} | {v['p99']} | {v['no_2xx']} |"
                )
        lineas.append("")
    # Las causas medidas de cada brecha se escriben a mano (bench/brechas.md) y se
    # agregan al final: el informe las muestra junto a las cifras.
    brechas = BASE / "bench" / "brechas.md"
    if brechas.exists():
        lineas += ["", brechas.read_text().strip()]
    (BASE / "bench" / "RESULTADOS.md").write_text("\n".join(lineas) + "\n")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tamanos", default="1000,10000,100000")
    parser.add_argument("--bases", default="sqlite,postgres")
    parser.add_argument("--rondas", type=int, default=8)
    parser.add_argument(
        "--wagtail-hasta",
        type=int,
        default=10000,
        help="Mide Page.objects.search() (requiere update_index) hasta este tamaño.",
    )
    parser.add_argument("--segundos-carga", type=int, default=8)
    parser.add_argument("--conexiones", type=int, default=16)
    parser.add_argument("--sin-carga", action="store_true")
    parser.add_argument(
        "--reusar",
        action="store_true",
        help="Mide de nuevo sobre la base de la corrida anterior de cada tamaño (sin generar "
        "ni reindexar; conserva esas cifras).",
    )
    parser.add_argument(
        "--consultas",
        action="append",
        help="Archivo de consultas juzgadas para medir la calidad (se puede repetir; por "
        "defecto busqueda/consultas_juzgadas.json). Cualquier archivo con ese formato.",
    )
    parser.add_argument(
        "--informe", action="store_true", help="Solo rehace RESULTADOS.md con lo guardado."
    )
    args = parser.parse_args()
    args.consultas = args.consultas or [str(BASE / "busqueda" / "consultas_juzgadas.json")]
    SALIDA.mkdir(parents=True, exist_ok=True)
    if args.informe:
        informe(cargar_resultados())
        return
    for base in args.bases.split(","):
        for n in (int(x) for x in args.tamanos.split(",")):
            una_corrida(base, n, args)
            informe(cargar_resultados())
    log("listo: bench/RESULTADOS.md")


if __name__ == "__main__":
    main()
