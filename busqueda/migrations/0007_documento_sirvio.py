"""Columna `sirvio` del documento (orden «Más útiles»), cargada con los conteos ya
registrados.

En SQLite, agregar una columna NOT NULL rehace la tabla `busqueda_documento` y con
eso se pierden los triggers que mantienen el índice FTS5 (busqueda/README.md,
«Límites conocidos»): se vuelven a crear después (y también al deshacer). Los ids
se conservan, así que el contenido del índice de texto sigue valiendo. En
PostgreSQL la columna se agrega sin rehacer nada y `crear` no hace nada.
"""

from django.db import migrations, models


def recrear_indice_texto(apps, schema_editor):
    from busqueda.motores.sql_texto import indice_texto

    with schema_editor.connection.cursor() as cursor:
        indice_texto(schema_editor.connection).crear(cursor)


def cargar_conteos(apps, schema_editor):
    Documento = apps.get_model("busqueda", "Documento")
    NosSirvio = apps.get_model("comunidad", "NosSirvio")
    for pagina_id, cantidad in NosSirvio.objects.filter(cantidad__gt=0).values_list(
        "pagina_id", "cantidad"
    ):
        Documento.objects.filter(clave=f"pagina:{pagina_id}").update(sirvio=cantidad)


class Migration(migrations.Migration):
    dependencies = [
        ("busqueda", "0006_sinonimos_iniciales"),
        ("comunidad", "0001_inicial"),
    ]

    operations = [
        # Al deshacer, después de quitar la columna (que también rehace la tabla).
        migrations.RunPython(migrations.RunPython.noop, recrear_indice_texto),
        migrations.AddField(
            model_name="documento",
            name="sirvio",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(recrear_indice_texto, migrations.RunPython.noop),
        migrations.RunPython(cargar_conteos, migrations.RunPython.noop),
    ]
