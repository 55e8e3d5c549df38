"""Conjunto inicial de sinónimos y siglas (idempotente: nunca modifica lo que la DEP
ya editó; si la DEP borra una entrada, esta migración no la revive porque corre una
sola vez)."""

from django.db import migrations


def cargar(apps, schema_editor):
    from busqueda.normalizacion import normalizar_consulta
    from busqueda.sinonimos import INICIALES

    Sinonimo = apps.get_model("busqueda", "Sinonimo")
    existentes = set(Sinonimo.objects.values_list("termino_normalizado", flat=True))
    for termino, equivalentes, dos_vias in INICIALES:
        normalizado = normalizar_consulta(termino)[:100]
        if normalizado in existentes:
            continue
        existentes.add(normalizado)
        Sinonimo.objects.create(
            termino=termino,
            equivalentes="\n".join(equivalentes),
            bidireccional=dos_vias,
            termino_normalizado=normalizado,
        )


class Migration(migrations.Migration):
    dependencies = [("busqueda", "0005_sinonimos_clics")]

    operations = [migrations.RunPython(cargar, migrations.RunPython.noop)]
