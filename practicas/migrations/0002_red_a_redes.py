"""`Red` se muda a la app `redes` (ver redes/migrations/0001_initial.py).

Solo cambia el estado: la FK `PracticaPage.red` apunta a `redes.Red`, que usa
la misma tabla, así que la columna `red_id` y sus valores no se tocan."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("practicas", "0001_initial"),
        ("redes", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="practicapage",
                    name="red",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="practicas",
                        to="redes.red",
                        verbose_name="red",
                    ),
                ),
                migrations.DeleteModel(name="Red"),
            ],
            database_operations=[],
        ),
    ]
