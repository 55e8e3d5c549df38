"""Adaptación en Chromium real: la coordinadora abre la práctica publicada de otra
red, «La adaptamos en nuestra red», el formulario llega prellenado, la envía; la
editora la aprueba en el admin; la original muestra «Adaptada por 1 red» y la
adaptación su origen. Sin violaciones de accesibilidad en el formulario ni en las fichas."""

import re

from playwright.sync_api import expect

from tests.navegador.test_flujo_practica import _accion_de_flujo

TITULO = "Nuestra versión de la práctica"


def test_coordinadora_adapta_y_la_original_muestra_la_adaptacion(nueva_visita, contenido):
    from practicas.models import PracticaPage
    from redes.models import Red

    propias = Red.objects.filter(coordinadores__username="coordinadora")
    original = PracticaPage.objects.live().exclude(red__in=propias).order_by("title").first()
    assert original is not None

    coordinadora = nueva_visita("1-coordinadora")
    editora = nueva_visita("2-editora")
    publico = nueva_visita("3-publico")
    page = coordinadora.page

    coordinadora.entrar("coordinadora", "trama-coordinadora-dev", siguiente=original.url)
    page.wait_for_url(f"**{original.url}")
    page.get_by_role("link", name="La adaptamos en nuestra red").click()
    page.wait_for_url("**/practicas/publicar/adaptar/**")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Adaptar «")
    titulo = page.get_by_role("textbox", name="Título (obligatorio)")
    expect(titulo).to_have_value(re.compile("^Adaptación de «"))
    expect(page.get_by_label("Resumen")).to_have_value(original.resumen)
    coordinadora.axe("formulario-adaptacion")
    red = page.get_by_label("Red que la adapta")
    if red.is_enabled():
        red.select_option(index=1)
    titulo.fill(TITULO)
    page.get_by_role("group", name=re.compile("Nivel de evidencia")).get_by_role(
        "radio"
    ).first.check()
    if (
        not page.get_by_role("group", name=re.compile("Niveles educativos"))
        .get_by_role("checkbox", checked=True)
        .count()
    ):
        page.get_by_role("group", name=re.compile("Niveles educativos")).get_by_role(
            "checkbox"
        ).first.check()
    page.get_by_role("button", name="Enviar a revisión de la DEP").click()
    page.wait_for_url("**/practicas/mis-practicas/")
    expect(page.get_by_role("row", name=re.compile(TITULO))).to_contain_text("Adaptación de «")

    adaptacion = PracticaPage.objects.get(title=TITULO)
    assert adaptacion.adaptada_de_id == original.pk
    editora.entrar("editora", "trama-editora-dev", siguiente="/admin/")

    _accion_de_flujo(editora, "approve", pagina=adaptacion)
    adaptacion.refresh_from_db()
    assert adaptacion.live

    publico.ir(original.url)
    seccion = publico.page.get_by_role("region", name=re.compile("Adaptada por 1 red"))
    expect(seccion.get_by_role("link", name=TITULO)).to_be_visible()
    publico.axe("original-con-adaptacion")
    seccion.get_by_role("link", name=TITULO).click()
    publico.page.wait_for_url(f"**{adaptacion.url}")
    expect(publico.page.get_by_role("link", name=f"«{original.title}»")).to_be_visible()
    publico.axe("adaptacion-con-origen")
