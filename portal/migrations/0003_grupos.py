from django.db import migrations

# Los nombres viven en portal.permisos; se copian aquí porque una migración
# no debe depender de código que puede cambiar.
GRUPOS = ["Editores DEP", "Coordinadores de red"]


def crear_grupos(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for nombre in GRUPOS:
        Group.objects.get_or_create(name=nombre)


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_taxonomias"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(crear_grupos, migrations.RunPython.noop)]
