"""Descripciones de las seis características nucleares y de los seis riesgos
(issue 16). Solo completa las que siguen vacías: no pisa lo que la DEP editó."""

from django.db import migrations


def completar(apps, schema_editor):
    from portal import taxonomia

    taxonomia.cargar(apps)


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_comuna_coordenadas")]

    operations = [migrations.RunPython(completar, migrations.RunPython.noop)]
