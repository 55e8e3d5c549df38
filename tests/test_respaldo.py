"""Respaldo y restauración de punta a punta.

El sitio de origen es la base de prueba con el contenido del estudio, la demo
de prácticas, un documento y una imagen; `respaldar` lo guarda; `restaurar`
lo carga en una base nueva y vacía (otro archivo SQLite u otra base
PostgreSQL, según DATABASE_URL) en un proceso aparte, como se haría en un
servidor nuevo. Después se compara lo que ve la gente en los dos: las mismas
páginas con el mismo contenido, los mismos resultados de búsqueda, los mismos
archivos subidos y documentos descargables.
"""

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import connection
from django.urls import get_resolver
from PIL import Image as ImagenPIL

RAIZ = Path(__file__).resolve().parent.parent
CONSULTAS = ["red", "escuelas rurales", "liderazgo distribuido", "convivencia", "xyzzy-nada"]


def estado_del_sitio():
    """Lo que ve la gente: páginas, su contenido, búsqueda y archivos."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Page

    cliente = Client()
    paginas = {}
    for pagina in Page.objects.filter(depth__gt=1).order_by("path").specific():
        entrada = {
            "titulo": pagina.title,
            "tipo": pagina._meta.label,
            "live": pagina.live,
            "id": pagina.id,
        }
        if pagina.live:
            respuesta = cliente.get(pagina.url)
            principal = re.search(rb"<main.*</main>", respuesta.content, re.S)
            # Líneas ordenadas: mismo contenido aunque dos elementos empatados en un
            # orden (p. ej. misma fecha de publicación) salgan en otro orden en
            # PostgreSQL tras restaurar (el orden físico de las filas cambia).
            lineas = sorted((principal.group(0) if principal else b"").splitlines())
            entrada["estado"] = respuesta.status_code
            entrada["main"] = hashlib.sha256(b"\n".join(lineas)).hexdigest()
        paginas[pagina.url_path] = entrada
    busqueda = {}
    for consulta in CONSULTAS:
        respuesta = cliente.get("/api/buscar/", {"q": consulta})
        datos = json.loads(respuesta.content)
        busqueda[consulta] = {
            "estado": respuesta.status_code,
            "total": datos.get("total"),
            "resultados": datos.get("resultados"),
            "facetas": datos.get("facetas"),
        }
    documentos = {}
    for documento in Document.objects.order_by("id"):
        respuesta = cliente.get(documento.url)
        cuerpo = b"".join(respuesta.streaming_content) if respuesta.streaming else b""
        documentos[documento.url] = [respuesta.status_code, hashlib.sha256(cuerpo).hexdigest()]
    medios = {}
    raiz = Path(settings.MEDIA_ROOT)
    for ruta in sorted(raiz.rglob("*")):
        if ruta.is_file() and ruta.relative_to(raiz).parts[0] != "images":
            medios[str(ruta.relative_to(raiz))] = hashlib.sha256(ruta.read_bytes()).hexdigest()
    from redes.models import Plan, Respuesta, Ronda

    # La autoevaluación (rondas, códigos, respuestas y planes) viaja en el respaldo.
    rondas = sorted(
        (
            r.red.slug,
            r.nombre,
            r.estado,
            r.codigos.count(),
            Respuesta.objects.filter(codigo__ronda=r).count(),
            Plan.objects.filter(ronda=r).count(),
        )
        for r in Ronda.objects.select_related("red")
    )
    return {
        "rondas": rondas,
        "paginas": paginas,
        "busqueda": busqueda,
        "documentos": documentos,
        "imagenes": sorted(Image.objects.values_list("title", "file")),
        "medios": medios,
        "usuarios": sorted(get_user_model().objects.values_list("username", "is_superuser")),
        "grupos_de_usuarios": sorted(
            (u.username, g)
            for u in get_user_model().objects.all()
            for g in u.groups.values_list("name", flat=True)
        ),
    }


def _base_restaurada(tmp_path):
    """URL de una base nueva y vacía para restaurar, del mismo motor que la prueba."""
    origen = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'restaurada.sqlite3'}", None
    nombre = f"{origen['NAME']}_restaurada"[:63]
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + nombre
    import psycopg

    parametros = dj_database_url.parse(url)
    conexion = psycopg.connect(
        dbname="postgres",
        user=parametros["USER"],
        host=parametros["HOST"],
        port=parametros["PORT"] or 5432,
        password=parametros["PASSWORD"] or None,
        autocommit=True,
    )

    def borrar():
        conexion.execute(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)')

    borrar()
    conexion.execute(f'CREATE DATABASE "{nombre}"')
    return url, lambda: (borrar(), conexion.close())


def _correr(args, entorno):
    resultado = subprocess.run(
        [sys.executable, *args],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    return resultado.stdout


@pytest.fixture
def sitio_de_origen(db, settings):
    # Carga las URLs antes de prender DEBUG: con DEBUG, portal/urls.py agrega la
    # ruta de medios, y quedaría así para el resto de la sesión de pruebas.
    assert get_resolver().url_patterns
    settings.DEBUG = True  # la demo de prácticas solo se carga con DEBUG
    call_command("load_initial_data", "--demo", stdout=io.StringIO())
    settings.DEBUG = False
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    documento = Document(title="Acta de la red")
    documento.file.save("acta-de-la-red.pdf", ContentFile(b"%PDF-1.4\nacta\n%%EOF\n"), save=False)
    documento.save()
    png = io.BytesIO()
    ImagenPIL.new("RGB", (40, 30), (200, 30, 60)).save(png, "PNG")
    imagen = Image(title="Foto de la jornada")
    imagen.file.save("jornada.png", ImageFile(png, name="jornada.png"), save=False)
    imagen.save()
    return settings


def test_respaldar_y_restaurar_deja_el_sitio_igual(sitio_de_origen, tmp_path):
    antes = json.loads(json.dumps(estado_del_sitio()))  # mismas formas que el otro proceso
    assert len(antes["paginas"]) > 30
    assert antes["busqueda"]["red"]["total"] > 0
    assert antes["documentos"] and antes["medios"]
    assert len(antes["rondas"]) >= 5 and sum(r[4] for r in antes["rondas"]) > 0

    archivo = tmp_path / "respaldo.tar.gz"
    call_command("respaldar", str(archivo), stdout=io.StringIO())
    with tarfile.open(archivo) as tar:
        nombres = tar.getnames()
    assert {"manifiesto.json", "datos.json"} <= set(nombres)
    assert "media/documents/acta-de-la-red.pdf" in nombres
    assert oct(archivo.stat().st_mode & 0o777) == "0o600"

    url, limpiar = _base_restaurada(tmp_path)
    medios = tmp_path / "media-restaurada"
    entorno = {
        **os.environ,
        # dev toma MEDIA_ROOT del entorno (test usa una carpeta temporal por proceso).
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(medios),
    }
    try:
        salida = _correr(["manage.py", "restaurar", str(archivo)], entorno)
        assert "Restaurado respaldo.tar.gz" in salida
        despues = json.loads(
            _correr(
                [
                    "-c",
                    "import django, json, sys; django.setup(); "
                    "from tests.test_respaldo import estado_del_sitio; "
                    "sys.stdout.write('\\nESTADO' + json.dumps(estado_del_sitio()))",
                ],
                entorno,
            ).rsplit("\nESTADO", 1)[1]
        )
        # Restaurar encima de un sitio con contenido se niega sin --sobrescribir.
        repetido = subprocess.run(
            [sys.executable, "manage.py", "restaurar", str(archivo)],
            cwd=RAIZ,
            env=entorno,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert repetido.returncode != 0
        assert "ya tiene usuarios o páginas" in repetido.stderr
    finally:
        if limpiar:
            limpiar()

    assert despues["paginas"] == antes["paginas"]
    assert despues["busqueda"] == antes["busqueda"]
    assert despues["documentos"] == antes["documentos"]
    assert despues["imagenes"] == antes["imagenes"]
    assert despues["medios"] == antes["medios"]
    assert despues["usuarios"] == antes["usuarios"]
    assert despues["grupos_de_usuarios"] == antes["grupos_de_usuarios"]


def test_restaurar_rechaza_un_archivo_que_no_es_respaldo(tmp_path, db):
    from django.core.management.base import CommandError

    falso = tmp_path / "otro.tar.gz"
    with tarfile.open(falso, "w:gz") as tar:
        info = tarfile.TarInfo("hola.txt")
        info.size = 4
        tar.addfile(info, io.BytesIO(b"hola"))
    with pytest.raises(CommandError, match="no parece un respaldo de Trama"):
        call_command("restaurar", str(falso))
    roto = tmp_path / "roto.tar.gz"
    roto.write_bytes(b"esto no es gzip")
    with pytest.raises(CommandError, match="no es un respaldo .tar.gz válido"):
        call_command("restaurar", str(roto))


def test_respaldar_rechaza_un_destino_invalido(tmp_path, db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="debe terminar en .tar.gz"):
        call_command("respaldar", str(tmp_path / "respaldo.zip"))
