from django.db import migrations


def cargar_marco(apps, schema_editor):
    from portal import taxonomia

    taxonomia.cargar(apps)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_inicial")]

    operations = [migrations.RunPython(cargar_marco, migrations.RunPython.noop)]
