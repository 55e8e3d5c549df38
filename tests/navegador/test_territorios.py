"""Territorios en Chromium: la página de Huasco con y sin JavaScript (mapa y lista
dicen lo mismo), axe sin violaciones en el índice, el territorio y el panel de la DEP."""

import pytest


@pytest.fixture
def sitio(contenido, settings):
    # Sin red en las pruebas: el mapa se dibuja sin teselas (solo comunas y redes).
    settings.TRAMA_MAPA_TESELAS = ""
    return settings


def test_territorio_de_huasco_con_mapa_y_accesible(visita, sitio):
    assert visita.ir("/territorios/").status == 200
    visita.axe("indice-territorios")
    visita.page.get_by_role("link", name="SLEP Huasco").click()
    visita.page.wait_for_load_state()
    assert visita.page.get_by_role("heading", level=1).inner_text() == "SLEP Huasco"
    # Las 12 entrevistas del estudio.
    total = visita.page.locator("#trabajo-de-campo tfoot td").inner_text()
    assert total == "12"
    # El mapa se dibujó con las comunas (Leaflet servido desde static/).
    mapa = visita.page.locator("#mapa-territorio")
    assert mapa.is_visible()
    visita.page.wait_for_selector("#mapa-territorio .leaflet-interactive")
    assert visita.page.locator("#mapa-territorio .leaflet-tooltip").count() >= 4
    assert visita.page.get_by_role("button", name="Acercar").count() == 1
    visita.axe("huasco")


def test_territorio_sin_javascript_tiene_la_misma_informacion(chromium, live_server, sitio):
    contexto = chromium.new_context(java_script_enabled=False, locale="es-CL")
    page = contexto.new_page()
    page.goto(live_server.url + "/territorios/huasco/")
    assert not page.locator("#mapa-territorio").is_visible()
    lista = page.locator("#redes").inner_text()
    for comuna in ("Alto del Carmen", "Freirina", "Huasco", "Vallenar"):
        assert comuna in page.locator(".bajada").inner_text()
    from practicas.models import Red

    for red in Red.objects.filter(slep__slug="huasco"):
        assert red.nombre in lista
    contexto.close()


def test_panel_de_la_dep_accesible_y_comparable(visita, sitio):
    visita.entrar("editora", "trama-editora-dev", siguiente="/panel-dep/")
    assert visita.page.get_by_role("heading", level=1).inner_text() == "Panel territorial de la DEP"
    filas = visita.page.locator("#titulo-comparacion ~ div table tbody tr")
    assert filas.count() == 4
    visita.axe("panel-dep")
