from django.core.management.base import BaseCommand

from comunidad.seguir import enviar_resumenes


class Command(BaseCommand):
    help = (
        "Envía por correo lo nuevo de cada búsqueda guardada (correr una vez al día desde "
        "cron, p. ej. «0 7 * * * manage.py enviar_resumenes»)."
    )

    def handle(self, *args, **opciones):
        enviados = enviar_resumenes()
        self.stdout.write(f"Resúmenes enviados: {enviados}.")
