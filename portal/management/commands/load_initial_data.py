"""Carga el contenido del estudio (idempotente): `make run` lo usa.

Cada app con un módulo `contenido.py` aporta su función `cargar(inicio, salida)`
(los 19 casos, por ejemplo). Con `--demo`, y solo con DEBUG, también los
módulos `demo.py` (redes y prácticas de ejemplo) y las cuentas de desarrollo.
"""

import importlib
import importlib.util
import os

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.paginas_base import cargar_base
from portal.permisos import COORDINADORES, EDITORES

# Solo para desarrollo local: se crean únicamente con --demo y DEBUG=True.
CUENTAS_DEMO = [
    ("admin", "trama-admin-dev", None, True),
    ("editora", "trama-editora-dev", EDITORES, False),
    ("coordinadora", "trama-coordinadora-dev", COORDINADORES, False),
    ("coordinador2", "trama-coordinador2-dev", COORDINADORES, False),
]


def _modulos(nombre):
    for app_config in apps.get_app_configs():
        modulo = f"{app_config.name}.{nombre}"
        if app_config.name.startswith(("django", "wagtail")):
            continue
        if importlib.util.find_spec(modulo) is not None:
            yield importlib.import_module(modulo)


class Command(BaseCommand):
    help = (
        "Carga el contenido del estudio (marco, inicio, casos). Correrlo dos veces no duplica nada."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Agrega redes, prácticas de ejemplo y cuentas de desarrollo (solo con DEBUG).",
        )

    def handle(self, *args, demo=False, **options):
        if demo and not settings.DEBUG:
            raise CommandError(
                "El contenido de demostración y sus cuentas solo se cargan en desarrollo "
                "(DEBUG=True). En producción use load_initial_data sin --demo."
            )
        with transaction.atomic():
            inicio = cargar_base()
            for modulo in _modulos("contenido"):
                modulo.cargar(inicio, self.stdout)
            if demo:
                self._cuentas_demo()
                for modulo in _modulos("demo"):
                    modulo.cargar(inicio, self.stdout)
        self.stdout.write(self.style.SUCCESS("Contenido del estudio cargado."))
        if demo:
            self._imprimir_cuentas()

    def _cuentas_demo(self):
        User = get_user_model()
        for usuario, clave, grupo, superusuario in CUENTAS_DEMO:
            user, creado = User.objects.get_or_create(
                username=usuario,
                defaults={
                    "email": f"{usuario}@trama.local",
                    "is_superuser": superusuario,
                    "is_staff": superusuario,
                    "first_name": usuario.capitalize(),
                },
            )
            if creado:
                user.set_password(clave)
                user.save()
            if grupo:
                user.groups.add(Group.objects.get(name=grupo))

    def _imprimir_cuentas(self):
        self.stdout.write("")
        self.stdout.write("Cuentas de DESARROLLO (no existen en producción):")
        for usuario, clave, grupo, superusuario in CUENTAS_DEMO:
            rol = "superusuario" if superusuario else grupo
            self.stdout.write(f"  {usuario:<13} / {clave:<24} ({rol})")
        # `make run PUERTO=…` lo pasa en TRAMA_PUERTO para que la dirección impresa sea la real.
        puerto = os.environ.get("TRAMA_PUERTO", "8000")
        self.stdout.write(f"Admin de Wagtail: http://127.0.0.1:{puerto}/admin/")
        self.stdout.write(f"Sitio:            http://127.0.0.1:{puerto}/")
