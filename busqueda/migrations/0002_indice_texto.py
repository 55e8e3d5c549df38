"""Índice de texto propio de cada base (FTS5 en SQLite, tsvector+GIN en PostgreSQL).

Lo específico de cada base vive en busqueda/motores/sql_texto.py.
"""

from django.db import migrations


def crear(apps, schema_editor):
    from busqueda.motores.sql_texto import indice_texto

    with schema_editor.connection.cursor() as cursor:
        indice_texto(schema_editor.connection).crear(cursor)


def borrar(apps, schema_editor):
    from busqueda.motores.sql_texto import indice_texto

    with schema_editor.connection.cursor() as cursor:
        indice_texto(schema_editor.connection).borrar(cursor)


class Migration(migrations.Migration):
    dependencies = [("busqueda", "0001_inicial")]

    operations = [migrations.RunPython(crear, borrar)]
