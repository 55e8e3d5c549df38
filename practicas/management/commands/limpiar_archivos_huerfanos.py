"""Borra las imágenes y documentos subidos desde el formulario de prácticas que
ninguna práctica usa (intentos abandonados de quien no volvió al formulario).

El formulario ya limpia lo de cada coordinadora cuando vuelve; este comando es
para correrlo a diario (cron) y no dejar archivos privados olvidados."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from practicas import flujo
from practicas.forms import COLECCION_REVISION


class Command(BaseCommand):
    help = "Borra los archivos de prácticas en revisión que ninguna práctica usa."

    def add_arguments(self, parser):
        parser.add_argument(
            "--horas",
            type=int,
            default=24,
            help="Solo archivos subidos hace más de estas horas (por defecto 24: no "
            "toca un formulario que alguien está llenando).",
        )

    def handle(self, *args, horas, **opciones):
        limite = timezone.now() - timedelta(hours=horas)
        recientes_i, recientes_d, usuarios = set(), set(), set()
        for modelo, recientes in (
            (get_image_model(), recientes_i),
            (get_document_model(), recientes_d),
        ):
            filas = modelo.objects.filter(collection__name=COLECCION_REVISION).values_list(
                "pk", "uploaded_by_user_id", "created_at"
            )
            for pk, usuario, creado in filas:
                usuarios.add(usuario)
                if creado >= limite:
                    recientes.add(pk)
        borrados = 0
        for usuario in get_user_model().objects.filter(pk__in=usuarios - {None}):
            borrados += flujo.limpiar_huerfanos(usuario, recientes_i, recientes_d)
        self.stdout.write(f"Archivos huérfanos borrados: {borrados}.")
