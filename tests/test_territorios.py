"""Territorios: página de cada SLEP, índice con el total del estudio, mapa con su
lista equivalente y panel de la DEP (solo editores, cifras que cuadran)."""

import csv
import io
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from busqueda.models import RegistroBusqueda
from portal.models import Comuna, Region, Slep
from territorios.models import Hallazgo, TerritorioPage

# Trabajo de campo del estudio (DOMINIO.md): (individuales, grupales, focus, total).
ESTUDIO = {
    "barrancas": (5, 1, 1, 7),
    "huasco": (1, 5, 6, 12),
    "costa-araucania": (4, 0, 5, 9),
    "puerto-cordillera": (2, 1, 4, 7),
}


@pytest.fixture(scope="module")
def _sitio_del_modulo(django_db_setup, django_db_blocker):
    """El sitio de `make run` (estudio + demo) una vez por módulo, en una transacción
    que se deshace al final."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            call_command("load_initial_data", "--demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def sitio(_sitio_del_modulo, db):
    return TerritorioPage.objects.all()


def texto(respuesta):
    html = respuesta.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def tabla_campo(html):
    """{tipo: número} de la tabla del trabajo de campo de una página de SLEP."""
    filas = re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td>', html)
    return {nombre.strip(): valor.strip() for nombre, valor in filas}


@pytest.mark.parametrize("slug", list(ESTUDIO))
def test_cifras_del_trabajo_de_campo_coinciden_con_el_estudio(client, sitio, slug):
    r = client.get(f"/territorios/{slug}/")
    assert r.status_code == 200
    filas = tabla_campo(r.content.decode())
    individuales, grupales, focus, total = ESTUDIO[slug]
    assert filas["Individuales"] == str(individuales)
    assert filas["Grupales (2 a 3 personas)"] == str(grupales)
    assert filas["Grupales tipo focus (4 a 8 personas)"] == str(focus)
    assert filas["Total"] == str(total)


def test_indice_muestra_el_total_del_estudio(client, sitio):
    r = client.get("/territorios/")
    assert r.status_code == 200
    contenido = texto(r)
    pie = re.search(r"<tfoot>.*?</tfoot>", r.content.decode(), flags=re.S).group(0)
    assert re.findall(r"<td>(\d+)</td>", pie) == ["7", "12", "9", "7", "35"]
    assert "8 talleres de análisis colectivo" in contenido
    assert "6 en los territorios y 2 en la DEP" in contenido
    for slug in ESTUDIO:
        assert f'href="/territorios/{slug}/"' in r.content.decode()


def test_huasco_muestra_hallazgos_redes_y_practicas(client, sitio):
    r = client.get("/territorios/huasco/")
    contenido = texto(r)
    huasco = Slep.objects.get(slug="huasco")
    # Hallazgos del estudio, por foco y por principio.
    for hallazgo in Hallazgo.objects.filter(del_estudio=True):
        assert hallazgo.texto in contenido
    # Cada red del SLEP aparece, agrupada bajo su tipo.
    redes = list(huasco.redes.select_related("tipo"))
    assert redes, "la demo tiene redes en Huasco"
    for red in redes:
        assert red.nombre in contenido
        assert red.tipo.nombre in contenido
    # Las prácticas recientes son prácticas publicadas de redes del SLEP.
    from practicas.models import PracticaPage

    publicadas = PracticaPage.objects.live().filter(red__slep=huasco)
    assert publicadas.exists()
    for practica in publicadas[:3]:
        assert practica.title in contenido
    ajena = PracticaPage.objects.live().exclude(red__slep=huasco).first()
    seccion = r.content.decode().split('id="practicas"')[1].split("</section>")[0]
    assert ajena.title not in seccion


def test_mapa_y_lista_dicen_lo_mismo(client, sitio):
    """Sin JavaScript (o sin mapa) la página tiene la misma información: cada punto
    del mapa está en el texto de la página."""
    r = client.get("/territorios/costa-araucania/")
    html = r.content.decode()
    datos = json.loads(re.search(r'id="datos-mapa"[^>]*>(.*?)</script>', html, re.S).group(1))
    contenido = texto(r)
    comunas = [p for p in datos["puntos"] if p["tipo"] == "comuna"]
    assert {p["nombre"] for p in comunas} == set(
        Comuna.objects.filter(slep__slug="costa-araucania").values_list("nombre", flat=True)
    )
    for punto in datos["puntos"]:
        assert punto["nombre"] in contenido
        assert -56 < punto["lat"] < -17 and -76 < punto["lon"] < -66  # dentro de Chile
    # La biblioteca de mapas se sirve desde static/, no desde otro sitio.
    assert re.search(r'<script src="/static/vendor/leaflet/leaflet[^"]*\.js"', html)


def test_fuente_de_teselas_configurable_y_csp_solo_en_el_mapa(client, sitio, settings):
    settings.TRAMA_MAPA_TESELAS = "https://teselas.ejemplo.cl/{z}/{x}/{y}.png"
    r = client.get("/territorios/huasco/")
    assert "https://teselas.ejemplo.cl" in r["Content-Security-Policy"]
    datos = json.loads(
        re.search(r'id="datos-mapa"[^>]*>(.*?)</script>', r.content.decode(), re.S).group(1)
    )
    assert datos["teselas"] == settings.TRAMA_MAPA_TESELAS
    otra = client.get("/territorios/")
    assert "teselas.ejemplo.cl" not in otra["Content-Security-Policy"]
    settings.TRAMA_MAPA_TESELAS = ""
    sin = client.get("/territorios/barrancas/")
    assert "teselas.ejemplo.cl" not in sin["Content-Security-Policy"]


def test_slep_nuevo_tiene_su_pagina_sin_tocar_codigo(client, sitio):
    region = Region.objects.get(slug="atacama")
    nuevo = Slep.objects.create(nombre="Atacama Norte", slug="atacama-norte", region=region)
    Comuna.objects.create(nombre="Chañaral", slug="chanaral", region=region, slep=nuevo)
    r = client.get("/territorios/atacama-norte/")
    assert r.status_code == 200
    contenido = texto(r)
    assert "SLEP Atacama Norte" in contenido
    assert "Chañaral" in contenido
    assert "no fue parte del estudio diagnóstico" in contenido
    # No se le atribuyen hallazgos ni entrevistas del estudio que no tuvo.
    assert Hallazgo.objects.filter(del_estudio=True).first().texto not in contenido
    assert "Después del estudio diagnóstico" in texto(client.get("/territorios/"))


def test_recomendadas_trabajan_los_desafios_del_territorio(client, sitio):
    from territorios.resumen import resumen_territorio

    pagina = TerritorioPage.objects.get(slep__slug="barrancas")
    datos = resumen_territorio(pagina)
    desafios = {c.slug for c in datos["desafios"]}
    assert len(desafios) == 3
    assert datos["recomendadas"]
    from wagtail.models import Page

    for r in datos["recomendadas"]:
        pagina_r = Page.objects.get(url_path__endswith=f"/{r.slug}/").specific
        assert desafios & set(pagina_r.caracteristicas.values_list("slug", flat=True))


# ------------------------------------------------------------------ panel de la DEP


def test_panel_solo_para_editores(client, sitio, crear_usuario):
    from portal.permisos import COORDINADORES, EDITORES

    anonimo = client.get("/panel-dep/")
    assert anonimo.status_code == 302 and "/cuenta/entrar/" in anonimo["Location"]
    client.force_login(crear_usuario("coordi-panel", grupo=COORDINADORES))
    assert client.get("/panel-dep/").status_code == 403
    assert client.get("/panel-dep/comparacion.csv").status_code == 403
    client.force_login(crear_usuario("editora-panel", grupo=EDITORES))
    r = client.get("/panel-dep/")
    assert r.status_code == 200
    assert "no-store" in r.get("Cache-Control", "") or "max-age=0" in r.get("Cache-Control", "")


def _leer_csv(respuesta):
    contenido = respuesta.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(contenido), delimiter=";"))


def test_cifras_del_panel_coinciden_con_un_calculo_independiente(client, sitio, crear_usuario):
    from portal.models import Caracteristica, Foco, TipoRed
    from portal.permisos import EDITORES
    from practicas.models import PracticaPage, Red

    client.force_login(crear_usuario("editora-cifras", grupo=EDITORES))
    comparacion = _leer_csv(client.get("/panel-dep/comparacion.csv"))
    assert comparacion[0][:6] == [
        "SLEP",
        "Región",
        "Redes",
        "Prácticas publicadas",
        "Rondas en curso",
        "Rondas cerradas",
    ]
    publicadas = PracticaPage.objects.live().public()
    for fila in comparacion[1:]:
        slep = Slep.objects.get(nombre=fila[0].removeprefix("SLEP "))
        assert int(fila[2]) == Red.objects.filter(slep=slep).count()
        assert int(fila[3]) == publicadas.filter(red__slep=slep).count()
        from redes.models import Ronda

        assert int(fila[4]) == Ronda.objects.filter(red__slep=slep, estado=Ronda.ABIERTA).count()
        assert int(fila[5]) == Ronda.objects.filter(red__slep=slep, estado=Ronda.CERRADA).count()

    tipos = list(TipoRed.objects.all())
    redes = _leer_csv(client.get("/panel-dep/redes-por-tipo.csv"))
    for fila in redes[1:]:
        slep = Slep.objects.get(nombre=fila[0].removeprefix("SLEP "))
        esperado = [str(Red.objects.filter(slep=slep, tipo=t).count()) for t in tipos]
        assert fila[1:] == esperado

    caracteristicas = list(Caracteristica.objects.all())
    matriz = _leer_csv(client.get("/panel-dep/practicas-foco-caracteristica.csv"))
    assert matriz[0][2:] == [c.nombre for c in caracteristicas]
    for fila in matriz[1:]:
        slep = Slep.objects.get(nombre=fila[0].removeprefix("SLEP "))
        foco = Foco.objects.get(nombre=fila[1])
        del_foco = publicadas.filter(red__slep=slep, focos=foco)
        esperado = [
            str(del_foco.filter(caracteristicas=c).distinct().count()) for c in caracteristicas
        ]
        assert fila[2:] == esperado, (slep, foco)

    evidencia = _leer_csv(client.get("/panel-dep/practicas-por-evidencia.csv"))
    for fila in evidencia[1:]:
        slep = Slep.objects.get(nombre=fila[0].removeprefix("SLEP "))
        esperado = [
            str(publicadas.filter(red__slep=slep, nivel_evidencia=valor).count())
            for valor, _ in PracticaPage.NIVELES_EVIDENCIA
        ]
        assert fila[1:] == esperado

    r = client.get("/panel-dep/")
    contenido = texto(r)
    for slep in Slep.objects.all():
        assert str(slep) in contenido
    assert r.content.decode().count('role="img"') >= 3 * Slep.objects.count()


def test_busquedas_sin_resultados_en_el_panel_sin_formulas(client, sitio, crear_usuario):
    from portal.permisos import EDITORES

    hoy = timezone.localdate()
    RegistroBusqueda.objects.create(dia=hoy, consulta="eib", veces=4, sin_resultados=4)
    RegistroBusqueda.objects.create(
        dia=hoy, consulta='=hyperlink("http://x")', veces=1, sin_resultados=1
    )
    client.force_login(crear_usuario("editora-busquedas", grupo=EDITORES))
    assert "eib" in texto(client.get("/panel-dep/"))
    filas = _leer_csv(client.get("/panel-dep/busquedas-sin-resultados.csv"))
    assert filas[1] == ["eib", "4"]
    assert all(not celda.startswith("=") for fila in filas for celda in fila)
    assert client.get("/panel-dep/inexistente.csv").status_code == 404
