#!/usr/bin/env python3
"""Taller simulado contra gunicorn en loopback (issue 15, «Nada se pierde y nada se cae»).

30 docentes (hilos, cada uno con sus cookies) detrás de UNA IP (127.0.0.1) usan el
portal a la vez durante TRAMA_TALLER_SEGUNDOS (120 por defecto; p. ej. 20 para
probar en local) con la mezcla de un taller: buscar, marcar un filtro, abrir una
ficha, el autocompletado y la API. Cada docente se comporta como un navegador:
espera entre clic y clic, reusa lo que tiene fresco (max-age) y revalida con
If-None-Match lo vencido. gunicorn corre con gunicorn.conf.py y la configuración
de producción CON sus límites de tasa (bench/settings_taller.py), sobre una base
SQLite temporal con el estudio y la demo (lo mismo que carga `make run`).

Falla (código 1) si hubo un solo 429, un 5xx o un error de conexión, o si la
búsqueda no devolvió resultados. Imprime cuántas solicitudes hizo.

    .venv/bin/python .ci/taller.py                      # 2 minutos (CI)
    TRAMA_TALLER_SEGUNDOS=20 .venv/bin/python .ci/taller.py
"""

import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

RAIZ = Path(__file__).resolve().parent.parent
PY = str(RAIZ / ".venv" / "bin" / "python")
SEGUNDOS = int(os.environ.get("TRAMA_TALLER_SEGUNDOS", "120"))
CLIENTES = int(os.environ.get("TRAMA_TALLER_CLIENTES", "30"))
# Entre un clic y el siguiente, como alguien que lee lo que abrió.
PAUSA = (
    float(os.environ.get("TRAMA_TALLER_PAUSA_MIN", "1.5")),
    float(os.environ.get("TRAMA_TALLER_PAUSA_MAX", "4.5")),
)
CONSULTAS = [
    "escuelas rurales",
    "convivencia escolar",
    "lectura",
    "microcentros",
    "liderazgo pedagógico",
    "jefes de UTP",
    "educación técnico profesional",
    "inclusión",
    "trabajo colaborativo",
    "redes de directores",
]


def log(mensaje):
    print(f"[taller {time.strftime('%H:%M:%S')}] {mensaje}", flush=True)


def puerto_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def preparar(directorio):
    """Base SQLite temporal con el estudio y la demo; devuelve el entorno de gunicorn."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    base.update(
        DATABASE_URL=f"sqlite:///{directorio / 'taller.sqlite3'}",
        MEDIA_ROOT=str(directorio / "media"),
        STATIC_ROOT=str(directorio / "static"),
    )
    base.pop("ELASTICSEARCH_URL", None)
    desarrollo = {**base, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    taller = {**base, "DJANGO_SETTINGS_MODULE": "bench.settings_taller"}
    # La demo (redes y prácticas) solo se carga con DEBUG: esos pasos con dev; la
    # tabla de caché (límites de tasa) y los estáticos (manifiesto de WhiteNoise) con
    # la configuración de producción.
    for comando, ajustes in (
        (["migrate", "--noinput"], desarrollo),
        (["createcachetable"], taller),
        (["load_initial_data", "--demo"], desarrollo),
        (["collectstatic", "--noinput"], taller),
    ):
        t0 = time.monotonic()
        subprocess.run(
            [PY, "manage.py", *comando, "-v", "0"],
            cwd=RAIZ,
            env=ajustes,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        log(f"  {comando[0]}: {time.monotonic() - t0:.0f} s")
    return taller


class Docente(threading.Thread):
    """Un navegador: sus cookies, su caché (ETag y frescura) y su ritmo."""

    def __init__(self, n, base, fin, resultados):
        super().__init__(daemon=True)
        self.rand = random.Random(n)
        self.base = base
        self.fin = fin
        self.resultados = resultados
        self.abridor = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.cache = {}  # url → (etag, vence)
        self.fichas = []
        self.facetas = []

    def pedir(self, ruta):
        url = self.base + ruta
        guardada = self.cache.get(url)
        if guardada and guardada[1] > time.monotonic():
            self.resultados.anotar("cache del navegador", 0.0)
            return None
        solicitud = urllib.request.Request(url, headers={"Accept-Language": "es-CL"})
        if guardada:
            solicitud.add_header("If-None-Match", guardada[0])
        t0 = time.perf_counter()
        try:
            with self.abridor.open(solicitud, timeout=30) as respuesta:
                cuerpo, estado, cabeceras = respuesta.read(), respuesta.status, respuesta.headers
        except urllib.error.HTTPError as error:
            cuerpo, estado, cabeceras = error.read(), error.code, error.headers
        except OSError as error:
            self.resultados.anotar(f"error de conexión ({type(error).__name__})", 0.0, ruta)
            return None
        self.resultados.anotar(estado, time.perf_counter() - t0, ruta)
        if estado in (200, 304) and cabeceras.get("ETag"):
            control = cabeceras.get("Cache-Control", "")
            edad = next(
                (
                    int(p.split("=")[1])
                    for p in control.split(",")
                    if p.strip().startswith("max-age=")
                ),
                0,
            )
            self.cache[url] = (cabeceras["ETag"], time.monotonic() + edad)
        return cuerpo if estado == 200 else None

    def buscar_api(self, texto):
        cuerpo = self.pedir("/api/buscar/?" + urlencode({"q": texto}))
        if cuerpo:
            datos = json.loads(cuerpo)
            self.resultados.con_resultados += bool(datos["total"])
            self.fichas.extend(r["url"] for r in datos["resultados"][:3])
            self.facetas.extend(
                (f, o["valor"]) for f in ("foco", "slep") for o in datos["facetas"].get(f, [])[:3]
            )

    def run(self):
        time.sleep(self.rand.uniform(0, 2))  # no entran todos en el mismo milisegundo
        self.buscar_api(self.rand.choice(CONSULTAS))
        while time.monotonic() < self.fin:
            texto = self.rand.choice(CONSULTAS)
            accion = self.rand.random()
            if accion < 0.30:
                self.pedir("/buscar/?" + urlencode({"q": texto}))
            elif accion < 0.45 and self.facetas:
                faceta, valor = self.rand.choice(self.facetas)
                self.pedir("/buscar/?" + urlencode({"q": texto, faceta: valor}))
            elif accion < 0.65 and self.fichas:
                self.pedir(self.rand.choice(self.fichas))
            elif accion < 0.85:
                for largo in (3, 5):  # el autocompletado pide mientras se escribe
                    self.pedir("/api/buscar/sugerencias/?" + urlencode({"q": texto[:largo]}))
            else:
                self.buscar_api(texto)
            time.sleep(self.rand.uniform(*PAUSA))


# Tope por navegador de /api/buscar/ en TRAMA_LIMITES_TASA (portal/settings/base.py).
LIMITE_API = 60


def _estado(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as respuesta:
            return respuesta.status
    except urllib.error.HTTPError as error:
        return error.code


class Resultados:
    def __init__(self):
        self.candado = threading.Lock()
        self.estados = {}
        self.tiempos = []
        self.malas = []
        self.con_resultados = 0

    def anotar(self, estado, segundos, ruta=""):
        with self.candado:
            self.estados[estado] = self.estados.get(estado, 0) + 1
            if segundos:
                self.tiempos.append(segundos)
            if (
                str(estado).startswith("error")
                or estado == 429
                or (isinstance(estado, int) and estado >= 500)
            ):
                self.malas.append((estado, ruta))


def main():
    # Terminado desde fuera (.ci/run al fallar otro paso): el finally detiene gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    inicio = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="trama-taller-") as tmp:
        directorio = Path(tmp)
        log("preparando la base (migrate, estudio y demo)…")
        entorno = preparar(directorio)
        preparado = time.monotonic() - inicio
        puerto = puerto_libre()
        gunicorn = subprocess.Popen(
            [
                str(RAIZ / ".venv" / "bin" / "gunicorn"),
                "-c",
                "gunicorn.conf.py",
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{puerto}",
                "--log-level",
                "warning",
                "--access-logfile",
                str(directorio / "acceso.log"),
            ],
            cwd=RAIZ,
            env=entorno,
        )
        try:
            for _ in range(300):
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", puerto)) == 0:
                        break
                time.sleep(0.1)
            else:
                log("gunicorn no abrió el puerto")
                return 1
            resultados = Resultados()
            log(f"{CLIENTES} docentes desde 127.0.0.1 durante {SEGUNDOS} s…")
            fin = time.monotonic() + SEGUNDOS
            docentes = [
                Docente(n, f"http://127.0.0.1:{puerto}", fin, resultados) for n in range(CLIENTES)
            ]
            for d in docentes:
                d.start()
            for d in docentes:
                d.join(SEGUNDOS + 60)
            # Control: los límites SÍ están activos (si no, «sin 429» no probaría nada).
            # Un raspador en la misma IP que descarta cookies se detiene.
            # La ventana de django-ratelimit es fija: 61 solicitudes pueden quedar
            # repartidas entre dos ventanas. Con hasta 2 × tope + 1, una de ellas pasa
            # del tope siempre que tomen menos de un minuto.
            raspador = []
            for _ in range(2 * LIMITE_API + 1):
                raspador.append(_estado(f"http://127.0.0.1:{puerto}/api/buscar/?q=red"))
                if raspador[-1] == 429:
                    break
        finally:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
    tiempos = sorted(resultados.tiempos) or [0.0]
    solicitudes = sum(v for k, v in resultados.estados.items() if k != "cache del navegador")
    log(
        f"{solicitudes} solicitudes a gunicorn ({solicitudes / SEGUNDOS:.1f}/s), "
        f"{resultados.estados.get('cache del navegador', 0)} servidas por la caché del navegador; "
        f"estados: {dict(sorted(resultados.estados.items(), key=str))}; "
        f"p50 {tiempos[len(tiempos) // 2] * 1000:.0f} ms, "
        f"p95 {tiempos[int(len(tiempos) * 0.95)] * 1000:.0f} ms; "
        f"preparación {preparado:.0f} s, total {time.monotonic() - inicio:.0f} s"
    )
    if raspador[-1] != 429:
        log(f"FALLA: un raspador sin cookies no recibió 429 ({raspador[-1]}): ¿límites apagados?")
        return 1
    if resultados.malas:
        log(
            f"FALLA: {len(resultados.malas)} respuestas 429/5xx/errores, p. ej. {resultados.malas[:5]}"
        )
        return 1
    if not resultados.con_resultados:
        log("FALLA: ninguna búsqueda devolvió resultados (¿índice vacío?)")
        return 1
    log("sin 429 ni 5xx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
