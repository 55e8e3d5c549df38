"""PostgreSQL: columna generada `vector_destacado` (título y etiquetas) con su índice
GIN, para la cobertura «calza en título o etiquetas» sin releer el vector de cada
coincidencia (ver `IndicePostgres.COLUMNAS` en busqueda/motores/sql_texto.py). En
SQLite, FTS5 ya filtra por columna: `crear` no cambia nada."""

from django.db import migrations


def crear(apps, schema_editor):
    from busqueda.motores.sql_texto import indice_texto

    with schema_editor.connection.cursor() as cursor:
        indice_texto(schema_editor.connection).crear(cursor)


def borrar(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS busqueda_documento_vector_destacado")
        schema_editor.execute(
            "ALTER TABLE busqueda_documento DROP COLUMN IF EXISTS vector_destacado"
        )


class Migration(migrations.Migration):
    dependencies = [("busqueda", "0010_documento_tipo_fecha_postgres")]

    operations = [migrations.RunPython(crear, borrar)]
