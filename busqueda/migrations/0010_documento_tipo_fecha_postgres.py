"""Índice (tipo, fecha DESC NULLS LAST) solo en PostgreSQL.

El orden «Más recientes» es `fecha DESC NULLS LAST, titulo, id` (registro.py). En
SQLite los nulos son los menores, así que recorrer (tipo, fecha) hacia atrás ya los
deja al final y el índice de la migración 0009 sirve. En PostgreSQL, recorrer ese
índice hacia atrás da NULLS FIRST y el planificador ordenaba las 100 mil prácticas
(~90 ms en el inicio, bench/brechas.md); con este índice lee las primeras y desempata
por título con un orden incremental. SQLite no acepta NULLS LAST en un índice, por
eso no es un `models.Index` del modelo.
"""

from django.db import migrations

NOMBRE = "busqueda_doc_tipo_fecha_pg"


def crear(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NOMBRE} "
            "ON busqueda_documento (tipo, fecha DESC NULLS LAST)"
        )


def borrar(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NOMBRE}")


class Migration(migrations.Migration):
    dependencies = [("busqueda", "0009_documento_tipo_fecha")]

    operations = [migrations.RunPython(crear, borrar)]
