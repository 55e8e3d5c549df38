from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from busqueda.indice import documentos_buscables, procesar_pendientes, total_buscables
from busqueda.models import Pendiente
from busqueda.motores import MotorNoDisponible, motor_elasticsearch, motor_local


class Barra:
    """Barra de progreso de texto (sin dependencias)."""

    def __init__(self, salida, total, titulo, ancho=30):
        self.salida, self.total, self.titulo, self.ancho = salida, max(total, 1), titulo, ancho
        self.interactiva = getattr(salida, "isatty", lambda: False)()

    def __call__(self, n):
        if not self.interactiva and n not in (self.total,) and n % 100:
            return
        llenas = min(self.ancho, int(self.ancho * n / self.total))
        self.salida.write(
            f"\r{self.titulo}: [{'#' * llenas}{'.' * (self.ancho - llenas)}] {n}/{self.total}",
            ending="" if self.interactiva else "\n",
        )
        self.salida.flush()


class Command(BaseCommand):
    help = (
        "Reconstruye el índice de búsqueda desde las páginas publicadas (local y, si hay "
        "ELASTICSEARCH_URL, Elasticsearch con índice nuevo y cambio de alias, sin cortar el "
        "servicio). Con --pendientes solo reintenta lo pendiente en Elasticsearch."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--pendientes",
            action="store_true",
            help="Solo reintenta lo pendiente en Elasticsearch.",
        )
        parser.add_argument(
            "--solo",
            choices=["local", "elasticsearch"],
            help="Reconstruye solo uno de los motores.",
        )

    def handle(self, pendientes=False, solo=None, **opciones):
        elastic = motor_elasticsearch()
        if pendientes:
            if elastic is None:
                self.stdout.write("Sin ELASTICSEARCH_URL: no hay nada pendiente que reintentar.")
                return
            aplicados, quedan = procesar_pendientes(elastic)
            self.stdout.write(f"Aplicados: {aplicados}. Siguen pendientes: {quedan}.")
            if quedan:
                raise CommandError("Elasticsearch sigue sin responder; se reintentará después.")
            return
        motores = []
        if solo in (None, "local"):
            motores.append(motor_local())
        if solo in (None, "elasticsearch"):
            if elastic is None and solo == "elasticsearch":
                raise CommandError("No hay ELASTICSEARCH_URL configurado.")
            if elastic is not None:
                motores.append(elastic)
        total = total_buscables()
        for motor in motores:
            barra = Barra(self.stdout, total, f"Índice {motor.nombre}")
            comienzo = timezone.now()
            try:
                n = motor.reconstruir(documentos_buscables(), progreso=barra)
            except MotorNoDisponible as error:
                raise CommandError(f"Elasticsearch no respondió: {error}") from error
            if motor is elastic:
                # La reconstrucción ya incluye lo que estaba pendiente antes de empezar.
                Pendiente.objects.filter(modificado__lt=comienzo).delete()
            if barra.interactiva:
                self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"Índice {motor.nombre}: {n} documentos."))
