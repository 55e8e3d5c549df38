"""axe-core (WCAG 2.2 AA) sobre listados, fichas, búsqueda y formularios con el
contenido real del estudio, y el recorrido de una docente."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Page


def _url_de(tipo):
    pagina = Page.objects.live().type(tipo).specific().order_by("path").first()
    assert pagina is not None, f"No hay páginas publicadas de tipo {tipo.__name__}"
    return pagina.url


@pytest.mark.parametrize(
    "ruta",
    [
        "/casos/",
        "/casos/?foco=capital-profesional",
        "caso",
        "caso-imprimir",
        "/practicas/",
        "practica",
        "/buscar/",
        "/buscar/?q=escuelas+rurales",
        "/buscar/?q=xyzzyqwv",
        "/buscar/?q=red&foco=capital-profesional&tipo=caso",
    ],
)
def test_listados_fichas_y_busqueda_sin_violaciones_wcag(visita, contenido, ruta):
    from casos.models import CasoPage
    from practicas.models import PracticaPage

    if ruta.startswith("caso"):
        ruta = _url_de(CasoPage) + ("imprimir/" if ruta.endswith("imprimir") else "")
    elif ruta == "practica":
        ruta = _url_de(PracticaPage)
    respuesta = visita.ir(ruta)
    assert respuesta.status == 200
    visita.page.wait_for_load_state("networkidle")
    if "xyzzy" in ruta:
        expect(visita.page.locator("#sin-resultados")).to_be_visible()
    visita.axe()


def test_formularios_de_coordinador_con_errores_sin_violaciones_wcag(visita, contenido):
    visita.entrar("coordinadora", "trama-coordinadora-dev", siguiente="/practicas/publicar/")
    visita.page.wait_for_url("**/practicas/publicar/")
    visita.axe("formulario-vacio")
    visita.page.get_by_role("button", name="Enviar a revisión de la DEP").click()
    resumen = visita.page.locator("#resumen-errores")
    expect(resumen).to_be_visible()
    # El resumen de errores recibe el foco para que el lector de pantalla lo lea.
    assert visita.page.evaluate("document.activeElement.id") == "resumen-errores"
    visita.axe("formulario-con-errores")
    visita.ir("/practicas/mis-practicas/")
    visita.axe("mis-practicas")


def test_docente_busca_filtra_abre_un_caso_y_salta_a_uno_relacionado(visita, contenido):
    page = visita.page
    visita.ir("/")
    visita.captura("inicio")
    # Autocompletado: escribe, aparecen sugerencias y elige una con el teclado.
    visita.ir("/buscar/")
    entrada = page.get_by_role("combobox", name="¿Qué experiencia busca?")
    entrada.press_sequentially("rur", delay=60)
    sugerencias = page.get_by_role("listbox", name="Sugerencias")
    expect(sugerencias).to_be_visible()
    expect(sugerencias.get_by_role("option").first).to_be_visible()
    visita.captura("autocompletado")
    entrada.press("ArrowDown")
    expect(entrada).to_have_attribute("aria-activedescendant", "sugerencia-0")
    entrada.press("Escape")
    expect(sugerencias).to_be_hidden()

    # Busca, y ve resultados.
    entrada.fill("escuelas rurales")
    expect(sugerencias).to_be_visible()
    entrada.press("Escape")
    entrada.press("Enter")
    conteo = page.locator("#conteo")
    expect(conteo).to_contain_text("resultado")
    expect(conteo).to_contain_text("escuelas rurales")
    total_sin_filtro = page.locator("#resultados > li").count()
    assert total_sin_filtro > 0
    visita.captura("resultados")

    # Marca una faceta: solo casos.
    page.locator("fieldset[data-faceta=tipo] input[value=caso]").check()
    expect(page).to_have_url(re.compile(r"[?&]tipo=caso"))
    # La URL cambia antes de que llegue la lista nueva (el JS pide la página al servidor):
    # se espera a que TODOS los resultados a la vista sean casos, no solo el primero.
    page.wait_for_function(
        """() => {
            const metas = [...document.querySelectorAll("#resultados h3 + .resultado__meta")];
            return metas.length > 0 && metas.every((m) => /^Caso\\b/.test(m.textContent.trim()));
        }"""
    )
    tipos = page.locator("#resultados h3 + .resultado__meta").all_inner_texts()
    assert tipos and {t.split(" · ")[0] for t in tipos} == {"Caso"}
    visita.captura("filtrado-por-caso")

    # Abre el primer caso.
    primero = page.locator("#resultados > li h3 a").first
    titulo = primero.inner_text()
    primero.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(titulo)
    visita.captura("ficha-del-caso")

    # Salta a un caso relacionado.
    relacionados = page.locator("section.relacionados a")
    expect(relacionados.first).to_be_visible()
    otro = relacionados.first.inner_text()
    relacionados.first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(otro.split("\n")[0].strip())
    assert page.get_by_role("heading", level=1).inner_text() != titulo
    visita.captura("caso-relacionado")
