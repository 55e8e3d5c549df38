"""Autoevaluación de una red de punta a punta en Chromium real: la coordinadora
abre una ronda, cinco personas responden con sus códigos (una desde un
teléfono de 390×844), la coordinadora cierra, ve el informe con su gráfico,
elige dos características y ve las recomendaciones. axe sin violaciones en el
formulario de respuesta y en el informe."""

import datetime
import re

import pytest
from playwright.sync_api import expect


@pytest.fixture
def red_con_practicas(live_server):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from portal.models import Caracteristica, NivelEducativo
    from portal.paginas_base import cargar_base
    from portal.permisos import COORDINADORES
    from practicas import contenido as contenido_practicas
    from practicas.models import PracticaPage
    from redes.contenido import cargar_instrumento

    from ..fabrica_redes import crear_red

    inicio = cargar_base()
    cargar_instrumento()
    usuaria = get_user_model().objects.create_user(
        "coordinadora", "coordinadora@ejemplo.cl", "clave-de-prueba-123"
    )
    usuaria.groups.add(Group.objects.get(name=COORDINADORES))
    red = crear_red(slug="red-del-valle", coordinadora=usuaria, rural=True)
    red.niveles.add(NivelEducativo.objects.get(slug="basica"))
    otra = crear_red(slug="red-de-la-costa", slep="huasco", tipo="directores")
    indice = contenido_practicas.cargar(inicio)
    for titulo, de, slug in [
        ("Sesiones conducidas por turnos", red, "liderazgo-distribuido"),
        ("Turnos de liderazgo en la costa", otra, "liderazgo-distribuido"),
    ]:
        pagina = PracticaPage(title=titulo, red=de, resumen=f"Resumen de {titulo}.")
        pagina.caracteristicas = list(Caracteristica.objects.filter(slug=slug))
        indice.add_child(instance=pagina)
        pagina.save_revision().publish()
    return red


def _responder(v, codigo, valor, axe=False):
    page = v.page
    v.ir("/responder/")
    page.get_by_label("Código de respuesta").fill(codigo)
    page.get_by_role("button", name="Comenzar o retomar").click()
    page.get_by_label("Docente o educadora").check()
    if axe:
        v.axe("rol")
    page.get_by_role("button", name="Guardar y seguir").click()
    primera = True
    while page.locator("fieldset.pregunta").count():
        for pregunta in page.locator("fieldset.pregunta").all():
            pregunta.locator(f'input[value="{valor}"]').check()
        if axe and primera:
            v.axe("seccion")
            primera = False
        page.get_by_role("button", name="Guardar y seguir").click()
    expect(page.get_by_role("heading", name="Último paso: enviar")).to_be_visible()
    page.get_by_role("button", name="Enviar mi autoevaluación").click()
    expect(page.get_by_role("heading", name=re.compile("Gracias"))).to_be_visible()
    v.captura("enviada")


def test_ronda_de_punta_a_punta(nueva_visita, red_con_practicas, chromium, live_server):
    coordinadora = nueva_visita("coordinadora")
    page = coordinadora.page
    coordinadora.entrar("coordinadora", siguiente="/redes/red-del-valle/autoevaluacion/")
    expect(page.get_by_role("heading", name=re.compile("Autoevaluación de"))).to_be_visible()
    page.get_by_label("Nombre de la ronda").fill("Ronda de otoño")
    from django.utils import timezone

    hoy = timezone.localdate()
    page.get_by_label("Abre el").fill(hoy.isoformat())
    page.get_by_label("Cierra el").fill((hoy + datetime.timedelta(days=30)).isoformat())
    page.get_by_label("Códigos de respuesta a generar").fill("5")
    page.get_by_role("button", name="Abrir ronda y generar códigos").click()
    codigos = page.locator("code.codigo").all_inner_texts()
    assert len(codigos) == 5
    coordinadora.captura("codigos")

    valores = ["3", "4", "4", "5", "2"]
    for i, (codigo, valor) in enumerate(zip(codigos, valores, strict=True)):
        if i == 0:
            # Desde un teléfono: 390×844, táctil.
            from .conftest import visita_telefono

            telefono = visita_telefono(chromium, live_server.url, "autoevaluacion-telefono")
            _responder(telefono, codigo, valor, axe=True)
            # El código ya no sirve una segunda vez.
            telefono.ir("/responder/")
            telefono.page.get_by_label("Código de respuesta").fill(codigo)
            telefono.page.get_by_role("button", name="Comenzar o retomar").click()
            expect(telefono.page.get_by_text(re.compile("ya se usó"))).to_be_visible()
            assert not telefono.errores, telefono.errores
            telefono.page.context.close()
        else:
            _responder(nueva_visita(f"persona-{i}"), codigo, valor)

    coordinadora.ir("/redes/red-del-valle/autoevaluacion/")
    page.get_by_role("link", name=re.compile("Ver y cerrar")).click()
    expect(page.get_by_role("status")).to_contain_text("5 personas respondieron")
    page.get_by_role("button", name="Cerrar la ronda y ver el informe").click()
    expect(
        page.get_by_role("heading", name=re.compile("Informe de autoevaluación"))
    ).to_be_visible()
    expect(
        page.locator("figure[aria-labelledby=grafico-caracteristicas-titulo] svg")
    ).to_be_visible()
    expect(page.locator("table", has=page.locator("caption#c-caracteristicas"))).to_contain_text(
        "3,60"
    )  # media de 3,4,4,5,2
    coordinadora.axe("informe")

    page.get_by_role("link", name=re.compile("Elegir en qué trabajar")).click()
    page.get_by_label("Liderazgo distribuido").check()
    page.get_by_label("Confianza personal y profesional").check()
    page.get_by_role("button", name=re.compile("Ver experiencias")).click()
    recomendaciones = page.locator("ol.recomendaciones > li")
    expect(recomendaciones.first).to_contain_text("Sesiones conducidas por turnos")
    expect(recomendaciones.nth(1)).to_contain_text("Turnos de liderazgo en la costa")
    coordinadora.captura("recomendaciones")
