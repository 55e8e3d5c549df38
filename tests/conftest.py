"""Fixtures compartidas. Las fábricas son funciones pequeñas, sin librerías."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.paginas_base import cargar_base
from portal.permisos import COORDINADORES, EDITORES


@pytest.fixture
def inicio(db):
    """Sitio base: inicio y páginas del marco publicados."""
    return cargar_base()


@pytest.fixture
def crear_usuario(db):
    def _crear(username="usuaria", grupo=None, password="clave-de-prueba-123", **extra):
        user = get_user_model().objects.create_user(
            username=username, password=password, email=f"{username}@ejemplo.cl", **extra
        )
        if grupo:
            user.groups.add(Group.objects.get(name=grupo))
        return user

    return _crear


@pytest.fixture
def editora(crear_usuario):
    return crear_usuario("editora", grupo=EDITORES)


@pytest.fixture
def coordinadora(crear_usuario):
    return crear_usuario("coordinadora", grupo=COORDINADORES)


@pytest.fixture
def red(inicio, coordinadora):
    """Una red que coordina `coordinadora` (tests/fabrica_redes.py)."""
    from .fabrica_redes import crear_red

    return crear_red(coordinadora=coordinadora)


@pytest.fixture
def entrar(client, coordinadora):
    """El cliente con la sesión de la coordinadora."""
    client.force_login(coordinadora)
    return client


@pytest.fixture(autouse=True)
def _cortacircuitos_cerrado():
    """Cada prueba parte con el cortacircuitos de Elasticsearch cerrado."""
    from busqueda.motores.cortacircuitos import elasticsearch

    elasticsearch.reiniciar()
    yield
    elasticsearch.reiniciar()
