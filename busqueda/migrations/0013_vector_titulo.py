"""PostgreSQL: columna generada `vector_titulo` (solo el título) con su índice GIN,
para que el nivel de título («el título contiene la frase») salga exacto del índice
de texto, sin leer el título de cada candidato, y almacenamiento `MAIN` para lo que
el orden por relevancia lee de cada fila (`IndicePostgres.EN_LA_FILA` en
busqueda/motores/sql_texto.py). El almacenamiento vale para las filas que se escriban
desde ahora: en una instalación con el índice ya cargado, `manage.py reindexar` las
reescribe (sin él todo funciona, más lento). En SQLite, FTS5 ya filtra por columna:
`crear` no cambia nada."""

from django.db import migrations


def crear(apps, schema_editor):
    from busqueda.motores.sql_texto import indice_texto

    with schema_editor.connection.cursor() as cursor:
        indice_texto(schema_editor.connection).crear(cursor)


def borrar(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS busqueda_documento_vector_titulo")
        schema_editor.execute("ALTER TABLE busqueda_documento DROP COLUMN IF EXISTS vector_titulo")


class Migration(migrations.Migration):
    dependencies = [("busqueda", "0012_documento_orden")]

    operations = [migrations.RunPython(crear, borrar)]
