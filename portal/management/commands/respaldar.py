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

Coherente aunque la gente esté guardando: toda la base se lee en UNA
instantánea (en PostgreSQL, una transacción REPEATABLE READ de solo lectura;
en SQLite, una transacción de lectura diferida, que en modo WAL ve la base tal
como estaba al empezar y no bloquea a quien escribe). Antes de dejar el
archivo se verifica su integridad: cada clave foránea apunta a un objeto que
está en el respaldo y cada página tiene su fila de tipo específico. El archivo
se crea con permisos 0600 desde el primer byte (trae hashes de contraseñas).
"""

import io
import json
import logging
import os
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from portal.almacen import PREFIJO, raiz_privada

logger = logging.getLogger(__name__)

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


@contextmanager
def instantanea():
    """Todas las lecturas dentro del bloque ven la base en un mismo instante."""
    if connection.in_atomic_block:
        # Llamado desde código que ya abrió una transacción (p. ej. una prueba):
        # no se puede fijar otra instantánea; se lee dentro de esa.
        yield
        return
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        from django.db import transaction

        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # Diferida: no toma el candado de escritura (Django abre las suyas
            # con IMMEDIATE); la instantánea queda fija con la primera lectura.
            cursor.execute("BEGIN DEFERRED")
            cursor.execute("SELECT count(*) FROM sqlite_master")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
        return
    raise CommandError(f"Motor de base de datos no soportado para respaldos: {connection.vendor}")


def verificar_integridad(objetos):
    """Lista de problemas del volcado (vacía si está completo y coherente)."""
    presentes = {(o["model"], str(o["pk"])) for o in objetos}
    respaldados = {o["model"] for o in objetos}
    problemas = []
    for objeto in objetos:
        try:
            modelo = apps.get_model(objeto["model"])
        except LookupError:
            continue
        for campo in modelo._meta.get_fields():
            if not (campo.concrete and isinstance(campo, models.ForeignKey)):
                continue
            if not campo.db_constraint:  # p. ej. el registro de acciones de páginas borradas
                continue
            valor = objeto["fields"].get(campo.name)
            if valor is None:
                continue
            destino = campo.related_model._meta
            etiqueta = destino.label_lower
            if etiqueta not in respaldados and _excluido(etiqueta):
                continue
            if (etiqueta, str(valor)) not in presentes:
                problemas.append(
                    f"{objeto['model']} {objeto['pk']}: {campo.name}={valor} no está en el respaldo"
                )
        # Herencia multitabla: la fila de la tabla padre tiene su tabla hija.
        for padre, enlace in modelo._meta.parents.items():
            if enlace and (padre._meta.label_lower, str(objeto["pk"])) not in presentes:
                problemas.append(f"{objeto['model']} {objeto['pk']}: falta su fila de {padre}")
    tipos = {
        str(o["pk"]): ".".join(o["fields"]["natural_key"])
        if "natural_key" in o["fields"]
        else f"{o['fields'].get('app_label')}.{o['fields'].get('model')}"
        for o in objetos
        if o["model"] == "contenttypes.contenttype"
    }
    for objeto in objetos:
        if objeto["model"] != "wagtailcore.page":
            continue
        especifico = tipos.get(str(objeto["fields"].get("content_type")))
        if especifico and especifico != "wagtailcore.page":
            if (especifico, str(objeto["pk"])) not in presentes:
                problemas.append(f"página {objeto['pk']}: falta su fila de {especifico}")
    return problemas


def _excluido(etiqueta):
    app = etiqueta.split(".")[0]
    return etiqueta in EXCLUIDOS or app in EXCLUIDOS


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
            with instantanea():
                call_command(
                    "dumpdata",
                    exclude=EXCLUIDOS,
                    output=str(datos),
                    verbosity=0,
                )
                migraciones = migraciones_aplicadas()
            objetos = json.loads(datos.read_text(encoding="utf-8"))
            problemas = verificar_integridad(objetos)
            if problemas:
                raise CommandError(
                    "El respaldo salió incoherente y no se guardó (avise al equipo técnico): "
                    + "; ".join(problemas[:10])
                )
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
                "migraciones": migraciones,
                "objetos": conteo,
                "medios": len(medios),
            }
            parcial = destino.with_name(destino.name + ".parcial")
            parcial.unlink(missing_ok=True)
            # 0600 desde que existe: contiene datos de cuentas (hashes de contraseñas).
            descriptor = os.open(parcial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with (
                    os.fdopen(descriptor, "wb") as crudo,
                    tarfile.open(fileobj=crudo, mode="w:gz") as tar,
                ):
                    contenido = json.dumps(manifiesto, ensure_ascii=False, indent=2).encode()
                    info = tarfile.TarInfo("manifiesto.json")
                    info.size = len(contenido)
                    info.mtime = int(timezone.now().timestamp())
                    info.mode = 0o600
                    tar.addfile(info, io.BytesIO(contenido))
                    tar.add(datos, arcname="datos.json")
                    for ruta, nombre in medios:
                        try:
                            tar.add(ruta, arcname=f"media/{nombre}")
                        except FileNotFoundError:  # se borró mientras se respaldaba
                            logger.warning("Archivo borrado durante el respaldo: %s", ruta)
                # El archivo final aparece completo o no aparece.
                parcial.replace(destino)
            except BaseException:
                parcial.unlink(missing_ok=True)
                raise
        self.stdout.write(
            self.style.SUCCESS(
                f"Respaldo listo: {destino} ({len(objetos)} objetos, {len(medios)} archivos)."
            )
        )
        return None

    def _medios(self):
        """[(ruta en disco, nombre en el almacén)]: MEDIA_ROOT y la carpeta de imágenes
        privadas (portal/almacen.py), que va en el respaldo como `media/privado/…`."""
        medios = []
        for raiz, prefijo in ((Path(settings.MEDIA_ROOT), ""), (raiz_privada(), PREFIJO)):
            if not raiz.exists():
                continue
            for ruta in raiz.rglob("*"):
                relativa = ruta.relative_to(raiz)
                if ruta.is_file() and relativa.parts[0] not in MEDIOS_EXCLUIDOS:
                    medios.append((ruta, prefijo + relativa.as_posix()))
        return sorted(medios)
