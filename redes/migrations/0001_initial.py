"""`Red` pasa de `practicas` a `redes` sin tocar la base de datos.

Aquí solo cambia el estado de las migraciones: el modelo `redes.Red` nace
apuntando a la tabla existente `practicas_red` (y sus tablas intermedias, que
se llaman a partir de ella). `practicas.0002` deja de declararlo allá y
`redes.0002` renombra las tablas. Probado con datos en
tests/test_redes_migracion.py."""

import django.db.models.deletion
import modelsearch.index
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ('portal', '0003_grupos'),
        ('practicas', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.CreateModel(
            name='Red',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('nombre', models.CharField(max_length=200, verbose_name='nombre')),
                ('slug', models.SlugField(max_length=120, unique=True, verbose_name='slug')),
                ('numero_establecimientos', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='número de establecimientos')),
                ('proposito', models.TextField(blank=True, verbose_name='propósito')),
                                                                                                ('comunas', models.ManyToManyField(blank=True, related_name='redes', to='portal.comuna', verbose_name='comunas')),
                ('coordinadores', models.ManyToManyField(blank=True, help_text='Usuarios del grupo «Coordinadores de red» que publican las prácticas de esta red.', related_name='redes_coordinadas', to=settings.AUTH_USER_MODEL, verbose_name='coordinadores')),
                ('niveles', models.ManyToManyField(blank=True, related_name='redes', to='portal.niveleducativo', verbose_name='niveles de los establecimientos')),
                ('slep', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='redes', to='portal.slep', verbose_name='SLEP')),
                ('tipo', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='redes', to='portal.tipored', verbose_name='tipo de red')),
            ],
            options={
                'db_table': 'practicas_red',
                'verbose_name': 'red',
                'verbose_name_plural': 'redes',
                'ordering': ['slep__orden', 'nombre'],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
            ],
            database_operations=[],
        ),
    ]
