"""Respaldo portable del sitio: base de datos + archivos subidos en un .tar.gz.

    python manage.py respaldar /respaldos/            # crea trama-AAAAMMDD-HHMMSS.tar.gz
    python manage.py respaldar /respaldos/hoy.tar.gz

La base va como JSON de `dumpdata` (no depende del motor: se puede respaldar en
SQLite y restaurar en PostgreSQL), con los ids originales de todo, incluidos
tipos de contenido y permisos. Sin claves naturales a propósito: las de Wagtail
(páginas por URL, colecciones por nombre) cambian los ids de páginas y
colecciones, que están en URLs de documentos y en referencias internas; y el
registro de acciones apunta a páginas borradas, que una clave natural no puede
seguir. No van los datos que se reconstruyen (índices de búsqueda, sesiones,
intentos de login, miniaturas). Los medios van tal cual, salvo las miniaturas
(`images/`), que Wagtail regenera. Se restaura con `manage.py restaurar`.
"""

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMATO = 1

# Modelos que no se respaldan porque se reconstruyen (o no valen la pena).
EXCLUIDOS = [
    "sessions",
    "axes",
    "admin.logentry",
    "wagtailsearch",  # índice del admin (y su tabla FTS en SQLite): update_index
    "wagtailcore.referenceindex",  # rebuild_references_index
    "wagtailcore.uploadedfile",
    "wagtailadmin.editingsession",
    "wagtailimages.rendition",  # miniaturas: se regeneran al pedirlas
    "busqueda.documento",  # índice público: reindexar
    "busqueda.valorfaceta",
    "busqueda.vocablo",
    "busqueda.pendiente",
]
PRIMERO = {"contenttypes.contenttype": 0, "auth.permission": 1}
# Carpetas de MEDIA_ROOT que no se respaldan: miniaturas regenerables.
MEDIOS_EXCLUIDOS = {"images"}


def migraciones_aplicadas():
    registro = MigrationRecorder(connection)
    aplicadas = {}
    for app, nombre in registro.applied_migrations():
        aplicadas.setdefault(app, []).append(nombre)
    return {app: sorted(nombres) for app, nombres in sorted(aplicadas.items())}


class Command(BaseCommand):
    help = "Respalda la base de datos y los archivos subidos en un archivo .tar.gz portable."

    def add_arguments(self, parser):
        parser.add_argument("destino", help="Archivo .tar.gz o carpeta donde dejarlo.")

    def handle(self, destino, **opciones):
        destino = Path(destino)
        if destino.is_dir() or str(destino).endswith("/"):
            destino.mkdir(parents=True, exist_ok=True)
            destino = destino / f"trama-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        elif not destino.name.endswith((".tar.gz", ".tgz")):
            raise CommandError(f"El destino debe terminar en .tar.gz o ser una carpeta: {destino}")
        if not destino.parent.exists():
            raise CommandError(f"No existe la carpeta de destino: {destino.parent}")

        with tempfile.TemporaryDirectory(prefix="trama-respaldo-") as tmp:
            datos = Path(tmp) / "datos.json"
            call_command(
                "dumpdata",
                exclude=EXCLUIDOS,
                output=str(datos),
                verbosity=0,
            )
            objetos = json.loads(datos.read_text(encoding="utf-8"))
            # Tipos de contenido y permisos primero: al cargar el resto, algunas
            # señales piden tipos de contenido y los crearían con otros ids.
            objetos.sort(key=lambda o: PRIMERO.get(o["model"], len(PRIMERO)))
            datos.write_text(json.dumps(objetos, ensure_ascii=False), encoding="utf-8")
            conteo = {}
            for objeto in objetos:
                conteo[objeto["model"]] = conteo.get(objeto["model"], 0) + 1
            medios = self._medios()
            manifiesto = {
                "formato": FORMATO,
                "creado": timezone.now().isoformat(),
                "motor": connection.vendor,
                "migraciones": migraciones_aplicadas(),
                "objetos": conteo,
                "medios": len(medios),
            }
            parcial = destino.with_name(destino.name + ".parcial")
            with tarfile.open(parcial, "w:gz") as tar:
                contenido = json.dumps(manifiesto, ensure_ascii=False, indent=2).encode()
                info = tarfile.TarInfo("manifiesto.json")
                info.size = len(contenido)
                info.mtime = int(timezone.now().timestamp())
                tar.addfile(info, io.BytesIO(contenido))
                tar.add(datos, arcname="datos.json")
                for ruta in medios:
                    tar.add(ruta, arcname=f"media/{ruta.relative_to(settings.MEDIA_ROOT)}")
            # El archivo final aparece completo o no aparece.
            parcial.replace(destino)

        destino.chmod(0o600)  # contiene datos de cuentas (hashes de contraseñas)
        self.stdout.write(
            self.style.SUCCESS(
                f"Respaldo listo: {destino} ({len(objetos)} objetos, {len(medios)} archivos)."
            )
        )
        return None

    def _medios(self):
        raiz = Path(settings.MEDIA_ROOT)
        if not raiz.exists():
            return []
        return sorted(
            ruta
            for ruta in raiz.rglob("*")
            if ruta.is_file() and ruta.relative_to(raiz).parts[0] not in MEDIOS_EXCLUIDOS
        )
