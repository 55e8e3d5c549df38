"""La búsqueda en un teléfono (390×844) y con teclado, en Chromium real, con el
contenido del estudio: resultados en la primera pantalla, filtros en un panel
«Filtros (N)», ≤ 5 Tab de la caja al primer resultado, «Atrás» deshace un filtro,
etiquetas con tildes que filtran y axe sin violaciones."""

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

TELEFONO = {"width": 390, "height": 844}


@pytest.fixture
def telefono(nueva_visita):
    v = nueva_visita("telefono")
    v.page.set_viewport_size(TELEFONO)
    return v


@pytest.mark.parametrize("ruta", ["/buscar/?q=rural", "/casos/?q=rural", "/practicas/"])
def test_en_el_telefono_el_primer_resultado_se_ve_en_la_primera_pantalla(telefono, contenido, ruta):
    telefono.ir(ruta)
    primero = telefono.page.locator("#resultados > li h3 a").first
    expect(primero).to_be_visible()
    caja = primero.bounding_box()
    assert caja["y"] + caja["height"] <= TELEFONO["height"], caja
    # Los filtros están cerrados, en un panel con su botón.
    expect(telefono.page.locator("#filtros > summary")).to_have_text(re.compile(r"^Filtros"))
    assert telefono.page.evaluate("document.getElementById('filtros').open") is False
    telefono.captura("primera-pantalla")
    telefono.axe()


@pytest.mark.parametrize("ruta", ["/buscar/?q=escuelas+rurales", "/casos/"])
def test_primer_resultado_a_cinco_tab_o_menos_de_la_caja(telefono, contenido, ruta):
    page = telefono.page
    telefono.ir(ruta)
    page.focus("#q")
    primero = page.locator("#resultados > li h3 a").first.get_attribute("href")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == primero:
            break
    else:
        pytest.fail("El primer resultado no se alcanza con 5 Tab desde la caja")


def test_docente_en_el_telefono_busca_rural_filtra_por_educacion_rural_y_vuelve(
    telefono, contenido
):
    page = telefono.page
    telefono.ir("/buscar/")
    page.fill("#q", "rural")
    page.press("#q", "Enter")
    expect(page.locator("#conteo")).to_contain_text("para «rural»")
    total = page.locator("#resultados > li").count()
    page.locator("#filtros > summary").click()
    etiqueta = page.locator("fieldset[data-faceta=etiqueta] input[value='educación-rural']")
    expect(etiqueta).to_be_visible()
    telefono.axe("filtros-abiertos")
    etiqueta.check()
    expect(page).to_have_url(re.compile("etiqueta=" + re.escape(quote("educación-rural"))))
    expect(page.locator("#filtros > summary")).to_have_text("Filtros (1)")
    expect(page.locator("#filtros-activos")).to_contain_text("educación rural")
    filtrados = page.locator("#resultados > li").count()
    assert 0 < filtrados <= total
    assert "no es una opción válida" not in page.content()
    telefono.captura("filtrado")
    # «Atrás» deshace el último paso (el filtro), no sale de la búsqueda.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/buscar/\?q=rural$"))
    expect(page.locator("#filtros-activos")).to_have_count(0)
    expect(page.locator("#conteo")).to_contain_text("para «rural»")
    # Desde la ficha de Microcentros rurales se llega a una práctica de microcentro.
    telefono.ir("/casos/microcentros-rurales/")
    practica = page.locator("#practicas-relacionadas-titulo + ul a").first
    expect(practica).to_be_visible()
    practica.click()
    expect(page.locator(".ficha__datos")).to_contain_text("Microcentro rural")


def test_autocompletado_en_la_caja_del_inicio(visita, contenido):
    page = visita.page
    visita.ir("/")
    page.locator("#inicio-q").press_sequentially("micro", delay=60)
    lista = page.locator("#inicio-q-sugerencias")
    expect(lista.get_by_role("option").first).to_be_visible()
    page.press("#inicio-q", "ArrowDown")
    expect(page.locator("#inicio-q")).to_have_attribute(
        "aria-activedescendant", "inicio-q-sugerencia-0"
    )
    visita.axe("inicio-sugerencias")
