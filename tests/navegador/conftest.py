"""Pruebas de punta a punta en Chromium real (paquete Debian `chromium`).

- El navegador es el del sistema (/usr/bin/chromium, lo instala .ci/run); nunca
  se descarga uno (`playwright install` no se usa).
- El servidor lo levanta la prueba: `live_server` de pytest-django sobre la base
  de prueba, con la misma configuración de seguridad (CSP incluida) que producción.
- Cada paso deja una captura en artefactos/capturas/<prueba>/.
- Toda página visitada se vigila: un error de JavaScript o una violación de la
  CSP en la consola hacen fallar la prueba.
- axe-core (dentro de axe-playwright-python, v4.12) revisa accesibilidad con las
  etiquetas WCAG 2.2 AA.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = os.environ.get("TRAMA_CHROMIUM", "/usr/bin/chromium")
ARGUMENTOS_CHROMIUM = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
CAPTURAS = Path(__file__).resolve().parents[2] / "artefactos" / "capturas"
ETIQUETAS_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()


def pytest_collection_modifyitems(items):
    carpeta = Path(__file__).parent
    for item in items:
        if carpeta in Path(item.fspath).parents:
            item.add_marker(pytest.mark.navegador)
            # live_server necesita transacciones reales; serialized_rollback
            # conserva las taxonomías y grupos que cargan las migraciones.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="module")
def chromium():
    """Un Chromium por módulo: Playwright síncrono deja un bucle asyncio activo
    mientras vive, y otras pruebas (o sus propios Playwright) no deben verlo."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"No está Chromium en {CHROMIUM}. Instálelo con: "
            "apt-get install -y chromium chromium-driver (lo hace .ci/run)."
        )
    from playwright.sync_api import sync_playwright

    # Con ese bucle activo en este hilo, el ORM de Django se niega a correr salvo
    # que se le permita; solo mientras dura el módulo.
    anterior = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            navegador = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTOS_CHROMIUM)
            yield navegador
            navegador.close()
    finally:
        if anterior is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = anterior


class Visita:
    """Una pestaña con su carpeta de capturas y su registro de errores."""

    def __init__(self, page, servidor, carpeta):
        self.page = page
        self.servidor = servidor
        self.carpeta = carpeta
        self.paso = 0
        self.errores = []
        page.on("console", self._consola)
        page.on("pageerror", lambda error: self.errores.append(f"JavaScript: {error}"))
        page.on("response", self._respuesta)

    def _consola(self, mensaje):
        # Las cargas fallidas se revisan en _respuesta (un 400 de un formulario
        # con errores es esperado; un CSS o un script que falta, no).
        if mensaje.type == "error" and not mensaje.text.startswith("Failed to load resource"):
            self.errores.append(f"consola en {self.page.url}: {mensaje.text}")

    def _respuesta(self, respuesta):
        recurso = respuesta.request.resource_type
        if (
            recurso != "document"
            and respuesta.status >= 400
            and not respuesta.url.endswith("favicon.ico")
        ):
            self.errores.append(f"{respuesta.status} al cargar {recurso} {respuesta.url}")

    def ir(self, ruta):
        respuesta = self.page.goto(self.servidor + ruta)
        return respuesta

    def captura(self, nombre):
        self.paso += 1
        self.carpeta.mkdir(parents=True, exist_ok=True)
        archivo = self.carpeta / f"{self.paso:02d}-{nombre}.png"
        self.page.screenshot(path=str(archivo), full_page=True)
        return archivo

    def axe(self, nombre=None):
        """0 violaciones WCAG 2.2 AA en la página actual (y su captura)."""
        self.captura(nombre or "axe")
        resultado = _axe.run(
            self.page,
            options={"runOnly": {"type": "tag", "values": ETIQUETAS_WCAG}},
        )
        assert resultado.violations_count == 0, (
            f"Violaciones de accesibilidad en {self.page.url}:\n" + resultado.generate_report()
        )

    def entrar(self, usuario, clave="clave-de-prueba-123", siguiente="/"):
        self.ir(f"/cuenta/entrar/?next={siguiente}")
        self.page.get_by_label("Nombre de usuario").fill(usuario)
        self.page.get_by_label("Contraseña").fill(clave)
        self.page.get_by_role("button", name="Entrar").click()
        self.page.wait_for_load_state()


def visita_telefono(chromium, servidor, carpeta):
    """Una pestaña de teléfono (390×844, táctil) con su propio contexto; cerrarla
    con `visita.page.context.close()`."""
    contexto = chromium.new_context(
        locale="es-CL", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    contexto.set_default_timeout(15_000)
    return Visita(contexto.new_page(), servidor, CAPTURAS / carpeta)


@pytest.fixture
def nueva_visita(chromium, live_server, request):
    """Fábrica de pestañas con sesiones separadas (p. ej. coordinadora y editora)."""
    nombre = re.sub(r"[^\w-]+", "_", request.node.name)
    abiertas = []

    def _nueva(quien=""):
        contexto = chromium.new_context(locale="es-CL", viewport={"width": 1280, "height": 900})
        contexto.set_default_timeout(15_000)
        carpeta = CAPTURAS / nombre / quien if quien else CAPTURAS / nombre
        v = Visita(contexto.new_page(), live_server.url, carpeta)
        abiertas.append((contexto, v))
        return v

    yield _nueva
    errores = []
    for contexto, v in abiertas:
        contexto.close()
        errores += v.errores
    assert not errores, "Errores en el navegador:\n" + "\n".join(errores)


@pytest.fixture
def visita(nueva_visita):
    return nueva_visita()


@pytest.fixture
def contenido(settings, live_server):
    """El contenido del estudio (19 casos) y la demo de prácticas con sus cuentas:
    editora/trama-editora-dev, coordinadora/trama-coordinadora-dev."""
    import io

    from django.core.management import call_command
    from django.urls import get_resolver

    # URLs cargadas antes de prender DEBUG (con DEBUG se agregaría la ruta de medios).
    assert get_resolver().url_patterns
    settings.DEBUG = True  # la demo y sus cuentas solo se crean con DEBUG
    call_command("load_initial_data", "--demo", stdout=io.StringIO())
    settings.DEBUG = False
    return settings
