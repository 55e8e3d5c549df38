"""Restaura un respaldo de `manage.py respaldar` en una base vacía.

    python manage.py restaurar /respaldos/trama-20260101-030000.tar.gz

Pasos: migra el esquema, vacía los datos que dejan las migraciones, carga el
JSON, copia los archivos subidos a MEDIA_ROOT y reconstruye los índices
(búsqueda pública con `reindexar`, búsqueda del admin, índice de referencias).
Se niega si la base ya tiene contenido o usuarios (para no pisar un sitio vivo
por error), salvo con --sobrescribir.
"""

import json
import shutil
import tarfile
import tempfile
import zlib
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS, transaction
from wagtail.models import Page

from portal.almacen import PREFIJO, raiz_privada

from .respaldar import FORMATO, migraciones_aplicadas

# Lo que lanzan tarfile/gzip/json ante un archivo cortado o dañado.
ERRORES_DE_ARCHIVO = (tarfile.TarError, EOFError, zlib.error, OSError, json.JSONDecodeError)
DANADO = (
    "El respaldo {archivo} está incompleto o dañado ({error}). ¿Se cortó al copiarlo? "
    "Use otro respaldo o vuelva a copiarlo; la base no se modificó."
)


class Command(BaseCommand):
    help = "Restaura un respaldo (.tar.gz de `respaldar`) en una base vacía."

    def add_arguments(self, parser):
        parser.add_argument("archivo", help="Respaldo .tar.gz creado con `manage.py respaldar`.")
        parser.add_argument(
            "--sobrescribir",
            action="store_true",
            help="Reemplaza el contenido aunque la base no esté vacía (¡borra lo que haya!).",
        )

    def handle(self, archivo, sobrescribir=False, **opciones):
        archivo = Path(archivo)
        if not archivo.is_file():
            raise CommandError(f"No existe el respaldo: {archivo}")
        try:
            tar = tarfile.open(archivo, "r:gz")
        except (tarfile.TarError, OSError) as error:
            raise CommandError(f"{archivo} no es un respaldo .tar.gz válido: {error}") from error

        with tar, tempfile.TemporaryDirectory(prefix="trama-restaurar-") as tmp:
            tmp = Path(tmp)
            manifiesto = self._manifiesto(tar)
            # Todo el archivo se lee y se comprueba ANTES de tocar la base.
            try:
                # filter="data": sin rutas absolutas, enlaces ni salidas de la carpeta.
                tar.extractall(tmp, filter="data")
            except ERRORES_DE_ARCHIVO as error:
                raise CommandError(DANADO.format(archivo=archivo.name, error=error)) from error
            datos = tmp / "datos.json"
            if not datos.is_file():
                raise CommandError("El respaldo no trae datos.json.")
            try:
                objetos = json.loads(datos.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError) as error:
                raise CommandError(DANADO.format(archivo=archivo.name, error=error)) from error
            esperados = manifiesto.get("objetos", {})
            if len(objetos) != sum(esperados.values()):
                raise CommandError(
                    DANADO.format(
                        archivo=archivo.name,
                        error=f"trae {len(objetos)} objetos y el manifiesto dice "
                        f"{sum(esperados.values())}",
                    )
                )

            # La tabla de caché antes de migrar: en producción la caché vive en la
            # base y las señales que corren durante `migrate` ya la usan.
            call_command("createcachetable", verbosity=0)
            call_command("migrate", interactive=False, verbosity=0)
            self._verificar_compatible(manifiesto)
            if not sobrescribir:
                self._verificar_vacia()

            with transaction.atomic():
                # Vacía todo lo que crean las migraciones (raíz, sitio por
                # defecto, taxonomías, grupos, tipos de contenido, permisos) sin
                # volver a crearlo: el respaldo trae su propia versión, con sus ids.
                call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
                call_command("loaddata", str(datos), verbosity=0)
            ContentType.objects.clear_cache()
            # Si el código tiene modelos nuevos, sus tipos y permisos se crean aquí.
            emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)

            self._copiar_medios(tmp / "media")

        call_command("createcachetable", verbosity=0)
        self._reconstruir_indices()
        paginas = Page.objects.filter(depth__gt=1).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Restaurado {archivo.name}: {paginas} páginas, "
                f"{manifiesto.get('medios', 0)} archivos subidos, índices reconstruidos."
            )
        )

    def _manifiesto(self, tar):
        try:
            miembro = tar.getmember("manifiesto.json")
            manifiesto = json.load(tar.extractfile(miembro))
        except KeyError as error:
            raise CommandError(
                "El archivo no parece un respaldo de Trama (falta manifiesto.json)."
            ) from error
        except ERRORES_DE_ARCHIVO as error:
            raise CommandError(
                DANADO.format(archivo=Path(tar.name or "").name, error=error)
            ) from error
        if manifiesto.get("formato") != FORMATO:
            raise CommandError(
                f"Formato de respaldo {manifiesto.get('formato')!r} no soportado "
                f"(esta versión lee el formato {FORMATO})."
            )
        return manifiesto

    def _verificar_compatible(self, manifiesto):
        """El código debe conocer todas las migraciones del respaldo."""
        aqui = migraciones_aplicadas()
        faltan = [
            f"{app}.{nombre}"
            for app, nombres in manifiesto.get("migraciones", {}).items()
            for nombre in nombres
            if nombre not in aqui.get(app, [])
        ]
        if faltan:
            raise CommandError(
                "El respaldo viene de una versión más nueva del sitio; actualice el código "
                "antes de restaurar. Migraciones desconocidas: " + ", ".join(faltan[:10])
            )

    def _verificar_vacia(self):
        if get_user_model().objects.exists() or Page.objects.filter(depth__gt=2).exists():
            raise CommandError(
                "La base de datos ya tiene usuarios o páginas. Restaure en una base vacía "
                "o use --sobrescribir para reemplazar todo su contenido."
            )

    def _copiar_medios(self, origen):
        if not origen.is_dir():
            return
        destino = Path(settings.MEDIA_ROOT)
        destino.mkdir(parents=True, exist_ok=True)
        # `privado/…` son las imágenes privadas: a su carpeta, fuera de MEDIA_ROOT.
        privados = origen / PREFIJO.rstrip("/")
        shutil.copytree(origen, destino, dirs_exist_ok=True, ignore=self._sin_privados(origen))
        if privados.is_dir():
            raiz_privada().mkdir(parents=True, exist_ok=True)
            shutil.copytree(privados, raiz_privada(), dirs_exist_ok=True)

    @staticmethod
    def _sin_privados(origen):
        def ignorar(carpeta, nombres):
            return [PREFIJO.rstrip("/")] if Path(carpeta) == origen else []

        return ignorar

    def _reconstruir_indices(self):
        comandos = get_commands()
        if "reindexar" in comandos:  # búsqueda pública (app busqueda)
            call_command("reindexar", verbosity=0, stdout=self.stdout)
        call_command("update_index", verbosity=0)  # búsqueda del admin de Wagtail
        call_command("rebuild_references_index", verbosity=0)
