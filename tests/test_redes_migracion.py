"""La mudanza de `Red` de practicas/ a redes/ conserva redes, prácticas y permisos."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

ANTES = [("practicas", "0001_initial"), ("redes", None)]


@pytest.mark.django_db(transaction=True)
def test_migracion_conserva_redes_y_practicas():
    executor = MigrationExecutor(connection)
    executor.migrate(ANTES)
    executor.loader.build_graph()
    viejas = executor.loader.project_state([("practicas", "0001_initial")]).apps

    Red = viejas.get_model("practicas", "Red")
    assert Red._meta.db_table == "practicas_red"
    Slep = viejas.get_model("portal", "Slep")
    Region = viejas.get_model("portal", "Region")
    Comuna = viejas.get_model("portal", "Comuna")
    TipoRed = viejas.get_model("portal", "TipoRed")
    Nivel = viejas.get_model("portal", "NivelEducativo")
    User = viejas.get_model("auth", "User")
    Page = viejas.get_model("wagtailcore", "Page")
    Locale = viejas.get_model("wagtailcore", "Locale")
    ContentType = viejas.get_model("contenttypes", "ContentType")
    PracticaPage = viejas.get_model("practicas", "PracticaPage")

    region, _ = Region.objects.get_or_create(slug="reg-x", defaults={"nombre": "Región X"})
    slep, _ = Slep.objects.get_or_create(
        slug="slep-x", defaults={"nombre": "Slep X", "region": region}
    )
    comuna = Comuna.objects.create(slug="comuna-x", nombre="Comuna X", region=region, slep=slep)
    tipo, _ = TipoRed.objects.get_or_create(slug="tipo-x", defaults={"nombre": "Tipo X"})
    nivel, _ = Nivel.objects.get_or_create(slug="nivel-x", defaults={"nombre": "Nivel X"})
    usuaria = User.objects.create(username="coordina-x")
    red = Red.objects.create(
        nombre="Red antigua",
        slug="red-antigua",
        tipo=tipo,
        slep=slep,
        numero_establecimientos=7,
        proposito="Aprender juntas.",
    )
    red.comunas.add(comuna)
    red.niveles.add(nivel)
    red.coordinadores.add(usuaria)
    ct_red, _ = ContentType.objects.get_or_create(app_label="practicas", model="red")
    locale = Locale.objects.first() or Locale.objects.create(language_code="es-cl")
    raiz = Page.objects.filter(depth=1).first()
    ct_practica, _ = ContentType.objects.get_or_create(app_label="practicas", model="practicapage")
    practica = PracticaPage.objects.create(
        title="Práctica antigua",
        slug="practica-antigua",
        path=raiz.path + "9999",
        depth=raiz.depth + 1,
        content_type=ct_practica,
        locale=locale,
        red=red,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from practicas.models import PracticaPage as Practica
    from redes.models import Red as RedNueva

    assert RedNueva._meta.db_table == "redes_red"
    nueva = RedNueva.objects.get(slug="red-antigua")
    assert nueva.pk == red.pk
    assert nueva.nombre == "Red antigua"
    assert nueva.numero_establecimientos == 7
    assert nueva.proposito == "Aprender juntas."
    assert list(nueva.comunas.values_list("slug", flat=True)) == ["comuna-x"]
    assert list(nueva.niveles.values_list("slug", flat=True)) == ["nivel-x"]
    assert list(nueva.coordinadores.values_list("username", flat=True)) == ["coordina-x"]
    assert (nueva.rural, nueva.eib, nueva.desde) == (False, False, None)
    assert Practica.objects.get(pk=practica.pk).red == nueva
    assert list(nueva.practicas.values_list("pk", flat=True)) == [practica.pk]
    # El tipo de contenido (y con él sus permisos) se mudó, no se duplicó.
    from django.contrib.contenttypes.models import ContentType as CT

    assert CT.objects.get(pk=ct_red.pk).app_label == "redes"
    assert not CT.objects.filter(app_label="practicas", model="red").exists()
    tablas = connection.introspection.table_names()
    assert "practicas_red" not in tablas
    assert {
        "redes_red",
        "redes_red_comunas",
        "redes_red_niveles",
        "redes_red_coordinadores",
    } <= set(tablas)
