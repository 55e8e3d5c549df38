"""/buscar/ con JavaScript en Chromium real: se actualiza sin recargar, la URL refleja
la búsqueda, los filtros conservan el foco y el autocompletado es un combobox ARIA."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from busqueda.motores.local import MotorLocal

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.navegador,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"No está Chromium en {CHROMIUM}."),
]


def _doc(slug, titulo, resumen, slep):
    return {
        "clave": slug,
        "slug": slug,
        "url": f"/casos/{slug}/",
        "tipo": "caso",
        "titulo": titulo,
        "resumen": resumen,
        "cuerpo": f"{resumen} Escuelas rurales que trabajan en red.",
        "etiquetas": slep[1],
        "fecha": datetime(2025, 1, 1, tzinfo=UTC),
        "facetas": {"slep": [slep]},
    }


def test_busqueda_sin_recargar_y_combobox(live_server):
    from playwright.sync_api import expect, sync_playwright

    MotorLocal().reconstruir(
        [
            _doc(
                "microcentros-rurales",
                "Microcentros rurales",
                "Docentes rurales.",
                ("huasco", "SLEP Huasco"),
            ),
            _doc(
                "red-norte", "Red del norte", "Liceos del norte.", ("barrancas", "SLEP Barrancas")
            ),
        ]
    )
    errores = []
    with sync_playwright() as p:
        navegador = p.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = navegador.new_page()
        page.on("pageerror", lambda e: errores.append(str(e)))
        page.on(
            "console",
            lambda m: errores.append(m.text) if "Content Security Policy" in m.text else None,
        )
        page.goto(f"{live_server.url}/buscar/")
        page.evaluate("window.sinRecargar = true")

        page.type("#q", "escuelas rurales", delay=10)
        page.wait_for_selector("#sugerencias [role=option]")
        page.press("#q", "Escape")  # cierra las sugerencias sin borrar lo escrito
        assert page.get_attribute("#q", "aria-expanded") == "false"
        assert page.input_value("#q") == "escuelas rurales"
        page.press("#q", "Enter")
        expect(page.locator("#conteo")).to_contain_text("2 resultados para")
        assert page.url.endswith("/buscar/?q=escuelas+rurales")
        assert page.evaluate("window.sinRecargar") is True
        assert page.locator("#resultados mark").count() > 0

        page.check("#f-slep-huasco")
        expect(page.locator("#conteo")).to_contain_text("1 resultado para")
        assert "slep=huasco" in page.url
        assert page.evaluate("document.activeElement.id") == "f-slep-huasco"
        assert page.evaluate("window.sinRecargar") is True
        # La otra opción de la misma faceta sigue contando lo que sumaría.
        assert "(1)" in page.inner_text("label[for=f-slep-barrancas]")

        page.fill("#q", "")
        page.type("#q", "micro", delay=20)
        page.wait_for_selector("#sugerencias [role=option]")
        assert page.get_attribute("#q", "aria-expanded") == "true"
        page.press("#q", "ArrowDown")
        assert page.get_attribute("#q", "aria-activedescendant") == "sugerencia-0"
        page.press("#q", "Enter")
        page.wait_for_url("**/casos/microcentros-rurales/")
        navegador.close()
    assert not errores, errores


def test_abrir_un_resultado_registra_clic_y_posicion_sin_frenar(live_server):
    """El clic viaja por navigator.sendBeacon (busqueda_clics.js): la navegación sigue y
    el informe recibe la consulta, el resultado y su posición."""
    import time

    from playwright.sync_api import sync_playwright

    from busqueda.models import ClicBusqueda

    MotorLocal().reconstruir(
        [
            _doc("red-uno", "Escuelas rurales uno", "Primera.", ("huasco", "SLEP Huasco")),
            _doc("red-dos", "Red dos", "Segunda.", ("barrancas", "SLEP Barrancas")),
        ]
    )
    with sync_playwright() as p:
        navegador = p.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = navegador.new_page()
        page.goto(f"{live_server.url}/buscar/?q=escuelas+rurales")
        enlaces = page.locator("#resultados li h3 a, #resultados li h2 a")
        assert enlaces.count() == 2
        segundo = enlaces.nth(1).get_attribute("href")
        enlaces.nth(1).click()
        page.wait_for_url(f"**{segundo}")
        navegador.close()
    for _ in range(50):
        if ClicBusqueda.objects.exists():
            break
        time.sleep(0.1)
    clic = ClicBusqueda.objects.get()
    assert (clic.consulta, clic.posicion, clic.url, clic.veces) == (
        "escuelas rurales",
        2,
        segundo,
        1,
    )
