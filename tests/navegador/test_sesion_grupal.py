"""Sesión grupal de punta a punta en Chromium real: la coordinadora abre una ronda
en modo sesión, cinco integrantes puntúan la primera característica cada uno en su
dispositivo (uno en un teléfono de 390×844), la sala ve llegar el conteo sin
recargar, la coordinadora cierra la votación, ve la distribución (gráfico y tabla,
sin nombres) y registra nivel acordado, evidencia y nivel meta; el informe lo
muestra. axe sin violaciones en la sala y en la página del teléfono."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from .conftest import visita_telefono


@pytest.fixture
def red_chica(live_server):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from portal.paginas_base import cargar_base
    from portal.permisos import COORDINADORES
    from redes.contenido import cargar_instrumento

    from ..fabrica_redes import crear_red

    cargar_base()
    cargar_instrumento()
    usuaria = get_user_model().objects.create_user(
        "coordinadora", "coordinadora@ejemplo.cl", "clave-de-prueba-123"
    )
    usuaria.groups.add(Group.objects.get(name=COORDINADORES))
    return crear_red(slug="microcentro-del-valle", coordinadora=usuaria, rural=True)


def _puntuar_primera(v, codigo, valor, axe=False):
    """Entra con su código, elige su rol y puntúa la primera característica."""
    page = v.page
    v.ir("/responder/")
    page.get_by_label("Código de respuesta").fill(codigo)
    page.get_by_role("button", name="Comenzar o retomar").click()
    page.get_by_label("Docente o educadora").check()
    page.get_by_role("button", name="Guardar y seguir").click()
    preguntas = page.locator("fieldset.pregunta")
    expect(preguntas.first).to_be_visible()
    titulo = page.get_by_role("heading", level=1).inner_text()
    for pregunta in preguntas.all():
        pregunta.locator(f'input[value="{valor}"]').check()
    if axe:
        v.axe("caracteristica-en-el-telefono")
    page.get_by_role("button", name="Guardar y seguir").click()
    expect(page.locator("fieldset.pregunta").first).to_be_visible()
    v.captura("puntuo")
    return titulo


def test_sesion_grupal_de_punta_a_punta(nueva_visita, red_chica, chromium, live_server):
    from django.utils import timezone

    coordinadora = nueva_visita("coordinadora")
    page = coordinadora.page
    coordinadora.entrar("coordinadora", siguiente="/redes/microcentro-del-valle/autoevaluacion/")
    hoy = timezone.localdate()
    page.get_by_label("Nombre de la ronda").fill("Jornada de junio")
    page.get_by_label("Abre el").fill(hoy.isoformat())
    page.get_by_label("Cierra el").fill((hoy + datetime.timedelta(days=1)).isoformat())
    page.get_by_label("Códigos de respuesta a generar").fill("5")
    page.get_by_label(re.compile("Sesión grupal: todos")).check()
    page.get_by_role("button", name="Abrir ronda y generar códigos").click()
    codigos = page.locator("code.codigo").all_inner_texts()
    assert len(codigos) == 5
    page.get_by_role("link", name="Ya los repartí: ir a la sala").click()
    expect(page.get_by_role("heading", name="Sesión grupal: Jornada de junio")).to_be_visible()
    coordinadora.axe("sala")
    page.get_by_role("link", name=re.compile("^Empezar por")).click()
    primera = page.get_by_role("heading", level=1).inner_text()
    expect(page.locator("[data-sala-vivo]")).to_contain_text("0 personas la puntuaron")
    coordinadora.axe("sala-antes")
    # Con menos del mínimo, la sala no muestra la distribución.
    page.get_by_role("button", name="Cerrar la votación y mostrar la distribución").click()
    expect(page.get_by_role("alert")).to_contain_text("Todavía no hay suficientes respuestas")
    expect(page.locator("svg")).to_have_count(0)

    valores = ["3", "4", "4", "5", "2"]
    for i, (codigo, valor) in enumerate(zip(codigos, valores, strict=True)):
        if i == 0:
            telefono = visita_telefono(chromium, live_server.url, "sesion-telefono")
            assert _puntuar_primera(telefono, codigo, valor, axe=True) == primera
            assert not telefono.errores, telefono.errores
            telefono.page.context.close()
        else:
            assert _puntuar_primera(nueva_visita(f"integrante-{i}"), codigo, valor) == primera
        if i == 3:
            # La sala se actualiza sola (sala.js), sin recargar: 4 personas.
            expect(page.locator("[data-sala-vivo]")).to_contain_text(
                "4 personas la puntuaron", timeout=25_000
            )
            expect(page.locator("svg")).to_have_count(0)

    page.get_by_role("link", name="Actualizar").click()
    expect(page.locator("[data-sala-vivo]")).to_contain_text("5 personas la puntuaron")
    page.get_by_role("button", name="Cerrar la votación y mostrar la distribución").click()
    expect(page.locator("[data-sala-vivo]")).to_contain_text("votación cerrada")
    figura = page.locator("figure.grafico")
    expect(figura.locator("svg")).to_be_visible()
    tabla = figura.locator("table")
    expect(tabla).to_contain_text("No sé / no aplica")
    conteos = tabla.locator("tbody td").all_inner_texts()
    assert conteos == ["0", "1", "1", "2", "1", "0"]  # niveles 1 a 5 y «no sé»
    coordinadora.axe("sala-distribucion")

    # Un error no borra lo escrito; después se guarda.
    evidencia = "Las actas de marzo a mayo muestran turnos de conducción entre escuelas."
    page.locator('input[name="nivel"][value="4"]').check()
    page.locator('input[name="meta"][value="3"]').check()
    page.get_by_label("Evidencia que sostiene ese nivel").fill(evidencia)
    page.get_by_role("button", name="Guardar el acuerdo").click()
    expect(page.get_by_text("no puede ser menor que el nivel acordado (4)")).to_be_visible()
    expect(page.get_by_label("Evidencia que sostiene ese nivel")).to_have_value(evidencia)
    expect(page.locator('input[name="nivel"][value="4"]')).to_be_checked()
    coordinadora.axe("sala-error")
    page.locator('input[name="meta"][value="5"]').check()
    page.get_by_role("button", name="Guardar el acuerdo").click()
    expect(page.get_by_text(re.compile("Guardamos el acuerdo de la sala"))).to_be_visible()
    coordinadora.captura("acuerdo-guardado")

    page.get_by_role("link", name="Todas las características").click()
    fila = page.locator("tr", has=page.get_by_role("link", name=primera))
    expect(fila).to_contain_text("Cerrada")
    expect(fila.locator("td").nth(2)).to_have_text("4")
    expect(fila.locator("td").nth(3)).to_have_text("5")

    page.get_by_role("link", name=re.compile("Ir a la ronda")).click()
    page.get_by_role("button", name="Cerrar la ronda y ver el informe").click()
    acuerdos = page.locator("table", has=page.locator("caption#c-acuerdos"))
    expect(acuerdos).to_contain_text(evidencia)
    fila = acuerdos.locator("tbody tr").first
    expect(fila.locator("th")).to_have_text(primera)
    # La media individual (3, 4, 4, 5, 2 → 3,60) junto al nivel acordado y la meta.
    expect(fila.locator("td")).to_have_text(["3,60", "4", "5", evidencia])
    coordinadora.axe("informe-sesion")
