"""Fallas de respaldo y restauración (issue 15, puntos 1 y 2).

- Respaldo mientras dos procesos guardan borradores sin parar: cada archivo
  restaura y toda página abre en el admin (en el motor de la suite: SQLite o
  PostgreSQL con DATABASE_URL).
- Restaurar en una base vacía con la configuración de producción, como dice el
  README.
- Un archivo truncado o un volcado incoherente dan un error claro en español.

Las bases de los otros procesos parten de una copia de la base de prueba recién
migrada (API de respaldo de SQLite o pg_dump), para no migrar de nuevo."""

import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import dj_database_url
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from portal.management.commands.respaldar import verificar_integridad

RAIZ = Path(__file__).resolve().parent.parent

SEMBRAR = """
import django; django.setup()
from casos.models import CasosIndexPage
from portal.paginas_base import cargar_base
from django.contrib.auth import get_user_model
inicio = cargar_base()
if not CasosIndexPage.objects.exists():
    inicio.add_child(instance=CasosIndexPage(title="Casos", slug="casos"))
if not get_user_model().objects.filter(username="admin").exists():
    get_user_model().objects.create_superuser("admin", "admin@ejemplo.cl", "clave-larga-de-prueba")
"""

# Guarda borradores sin parar: páginas nuevas (página + fila específica +
# revisión + latest_revision) y nuevas revisiones de las que ya hay.
ESCRIBIR = """
import os, sys, time
import django; django.setup()
from django.db import DatabaseError, transaction
from casos.models import CasoPage, CasosIndexPage
quien, carpeta = sys.argv[1], sys.argv[2]
indice = CasosIndexPage.objects.get()
n = fallas = intento = 0
while not os.path.exists(os.path.join(carpeta, "parar")):
    intento += 1
    try:
        with transaction.atomic():
            indice.refresh_from_db()
            pagina = indice.add_child(instance=CasoPage(
                title=f"Borrador {quien}-{intento}", slug=f"borrador-{quien}-{intento}",
                resumen="Texto del borrador.", live=False))
            pagina.save_revision()
        otra = CasoPage.objects.filter(slug__startswith=f"borrador-{quien}-").order_by("?").first()
        otra.resumen = f"Cambio {n}"
        otra.save_revision()
        n += 1
        with open(os.path.join(carpeta, f"progreso-{quien}"), "w") as progreso:
            progreso.write(str(n))
    except DatabaseError:  # p. ej. dos altas a la vez bajo el mismo índice (ruta repetida)
        fallas += 1
        time.sleep(0.05)
print(f"ESCRITOS {n} {fallas}")
"""

# Toda página abre en el admin (edición) y en el sitio las publicadas.
REVISAR = """
import django, json, sys; django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page
c = Client()
c.force_login(get_user_model().objects.get(username="admin"))
malas = []
paginas = list(Page.objects.filter(depth__gt=1).order_by("path"))
for p in paginas:
    r = c.get(f"/admin/pages/{p.pk}/edit/")
    if r.status_code != 200:
        malas.append([p.pk, p.title, r.status_code])
print("REVISION" + json.dumps({"paginas": len(paginas), "malas": malas}))
"""


def _entorno(url, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": url,
        "MEDIA_ROOT": extra.pop("MEDIA_ROOT", ""),
        **extra,
    }


def _correr(args, entorno, espera=300):
    resultado = subprocess.run(
        [sys.executable, *args],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=espera,
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    return resultado.stdout


def _admin_pg(sql):
    import psycopg

    p = dj_database_url.parse(os.environ["DATABASE_URL"])
    with psycopg.connect(
        dbname="postgres",
        user=p["USER"],
        host=p["HOST"],
        port=p["PORT"] or 5432,
        password=p["PASSWORD"] or None,
        autocommit=True,
    ) as conexion:
        conexion.execute(sql)


def _url_pg(base):
    return os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + base


@pytest.fixture(scope="session")
def plantilla_vacia(django_db_setup, django_db_blocker, tmp_path_factory):
    """La base de prueba recién migrada, copiada fuera de toda transacción."""
    with django_db_blocker.unblock():
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            ruta = tmp_path_factory.mktemp("plantilla") / "vacia.sqlite3"
            destino = sqlite3.connect(ruta)
            connection.connection.backup(destino)
            destino.close()
            return ruta
        return subprocess.run(
            [
                shutil.which("pg_dump"),
                "--no-owner",
                "--no-privileges",
                "-d",
                _url_pg(connection.settings_dict["NAME"]),
            ],
            capture_output=True,
            check=True,
        ).stdout


class BasesVacias:
    """Bases nuevas con el esquema ya migrado (copias de la plantilla)."""

    def __init__(self, tmp_path, plantilla):
        self.tmp_path = tmp_path
        self.plantilla = plantilla
        self.creadas = []

    def nueva(self, nombre, migrada=True):
        if connection.vendor == "sqlite":
            ruta = self.tmp_path / f"{nombre}.sqlite3"
            if migrada:
                shutil.copyfile(self.plantilla, ruta)
            return f"sqlite:///{ruta}"
        base = f"{connection.settings_dict['NAME']}_{nombre}"[:63]
        _admin_pg(f'DROP DATABASE IF EXISTS "{base}" WITH (FORCE)')
        _admin_pg(f'CREATE DATABASE "{base}"')
        self.creadas.append(base)
        if migrada:
            subprocess.run(
                [shutil.which("psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", _url_pg(base)],
                input=self.plantilla,
                check=True,
                capture_output=True,
            )
        return _url_pg(base)

    def limpiar(self):
        for base in self.creadas:
            _admin_pg(f'DROP DATABASE IF EXISTS "{base}" WITH (FORCE)')


@pytest.fixture
def bases(plantilla_vacia, db, tmp_path):
    bases = BasesVacias(tmp_path, plantilla_vacia)
    yield bases
    bases.limpiar()


def test_respaldo_con_escrituras_concurrentes_restaura_y_todo_abre(bases, tmp_path):
    origen = bases.nueva("origen")
    destino = bases.nueva("destino")
    medios = tmp_path / "media"
    entorno = _entorno(origen, MEDIA_ROOT=str(medios))
    _correr(["-c", SEMBRAR], entorno)

    escritores = [
        subprocess.Popen(
            [sys.executable, "-c", ESCRIBIR, quien, str(tmp_path)],
            cwd=RAIZ,
            env=entorno,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for quien in ("a", "b")
    ]
    archivos = []

    def escritos(quien):
        progreso = tmp_path / f"progreso-{quien}"
        return int(progreso.read_text() or 0) if progreso.exists() else 0

    try:
        # Que los dos ya estén escribiendo (en una máquina cargada tardan en arrancar).
        limite = time.time() + 240
        while min(escritos("a"), escritos("b")) < 3 and time.time() < limite:
            assert all(e.poll() is None for e in escritores), escritores[0].stderr.read()
            time.sleep(0.5)
        for n in range(2):  # dos respaldos con las escrituras en curso
            archivo = tmp_path / f"respaldo-{n}.tar.gz"
            _correr(["manage.py", "respaldar", str(archivo)], entorno)
            archivos.append(archivo)
    finally:
        (tmp_path / "parar").touch()
        salidas = [e.communicate(timeout=120) for e in escritores]
    for salida, error in salidas:
        assert "ESCRITOS" in salida, error
        assert int(salida.split()[1]) > 3, salida  # de verdad escribieron mientras tanto
    # Cada respaldo se verificó al crearse; el último (con más páginas) se restaura.
    assert all(oct(a.stat().st_mode & 0o777) == "0o600" for a in archivos)
    restaurada = _entorno(destino, MEDIA_ROOT=str(tmp_path / "media-restaurada"))
    # --sobrescribir: la copia vacía de la base de prueba puede traer el sitio base.
    _correr(["manage.py", "restaurar", str(archivos[-1]), "--sobrescribir"], restaurada)
    revision = _correr(["-c", REVISAR], restaurada).rsplit("REVISION", 1)[1]
    import json

    datos = json.loads(revision)
    assert datos["paginas"] > 10
    assert datos["malas"] == []


def test_restaurar_en_base_vacia_con_produccion_como_dice_el_readme(bases, tmp_path, settings):
    url = bases.nueva("produccion", migrada=False)  # una base nueva de verdad: ni migrada
    # Origen: el sitio base con una práctica publicada (señales de caché al migrar).
    from portal.paginas_base import cargar_base

    cargar_base()
    archivo = tmp_path / "respaldo.tar.gz"
    call_command("respaldar", str(archivo), stdout=io.StringIO())

    produccion = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "prueba-" + "x" * 50,
        "ALLOWED_HOSTS": "trama.ejemplo.cl",
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(tmp_path / "media-produccion"),
        "STATIC_ROOT": str(tmp_path / "static-produccion"),
    }
    produccion.pop("CACHE_URL", None)
    salida = _correr(["manage.py", "restaurar", str(archivo)], produccion)
    assert "Restaurado respaldo.tar.gz" in salida
    # El sitio quedó armado: el sitio por defecto apunta al inicio restaurado. (La
    # página pública se sirve tras `collectstatic`, paso aparte del README.)
    sitio = _correr(
        [
            "-c",
            "import django; django.setup(); from wagtail.models import Site; "
            "s = Site.objects.get(is_default_site=True); "
            "print('SITIO', s.root_page.specific.__class__.__name__, s.root_page.live)",
        ],
        produccion,
    )
    assert "SITIO HomePage True" in sitio


def test_archivo_truncado_da_error_claro_y_no_toca_la_base(inicio, tmp_path):
    archivo = tmp_path / "respaldo.tar.gz"
    call_command("respaldar", str(archivo), stdout=io.StringIO())
    contenido = archivo.read_bytes()
    truncado = tmp_path / "truncado.tar.gz"
    truncado.write_bytes(contenido[: len(contenido) // 2])
    with pytest.raises(CommandError, match="incompleto o dañado"):
        call_command("restaurar", str(truncado), "--sobrescribir")
    # Un tar bien formado pero con el volcado cortado, también.
    cortado = tmp_path / "cortado.tar.gz"
    with tarfile.open(archivo) as original, tarfile.open(cortado, "w:gz") as nuevo:
        for miembro in original.getmembers():
            datos = original.extractfile(miembro).read() if miembro.isfile() else b""
            if miembro.name == "datos.json":
                datos = datos[: len(datos) // 2]
                miembro.size = len(datos)
            nuevo.addfile(miembro, io.BytesIO(datos))
    with pytest.raises(CommandError, match="incompleto o dañado"):
        call_command("restaurar", str(cortado), "--sobrescribir")
    from wagtail.models import Page

    assert Page.objects.filter(pk=inicio.pk).exists()


def test_verificacion_detecta_una_pagina_sin_su_fila_y_una_revision_que_falta():
    objetos = [
        {
            "model": "contenttypes.contenttype",
            "pk": 1,
            "fields": {"app_label": "wagtailcore", "model": "page"},
        },
        {
            "model": "contenttypes.contenttype",
            "pk": 7,
            "fields": {"app_label": "casos", "model": "casopage"},
        },
        {
            "model": "wagtailcore.page",
            "pk": 5,
            "fields": {"content_type": 7, "latest_revision": 99, "path": "00010001"},
        },
    ]
    problemas = verificar_integridad(objetos)
    assert any("falta su fila de casos.casopage" in p for p in problemas)
    assert any("latest_revision=99 no está en el respaldo" in p for p in problemas)
    completo = objetos[:2] + [
        {**objetos[2], "fields": {**objetos[2]["fields"], "latest_revision": None}}
    ]
    completo.append({"model": "casos.casopage", "pk": 5, "fields": {}})
    assert verificar_integridad(completo) == []
