"""Caché frontal (CDN, Varnish): publicar y despublicar piden PURGE de la ficha y de
las páginas que la muestran, tras el commit; un servidor de caché caído nunca
impide publicar. El servidor de purgas es real: HTTP en loopback."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.test_practicas_listado import indice, publicar, red  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def servidor_purgas():
    recibidas = []

    class Manejador(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 (nombre del método HTTP)
            recibidas.append((self.headers.get("Host"), self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    servidor = ThreadingHTTPServer(("127.0.0.1", 0), Manejador)
    hilo = threading.Thread(target=servidor.serve_forever, daemon=True)
    hilo.start()
    yield f"http://127.0.0.1:{servidor.server_port}", recibidas
    servidor.shutdown()


def _frontal(settings, url):
    settings.WAGTAILFRONTENDCACHE = {
        "frontal": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": url,
        }
    }


def test_publicar_purga_la_ficha_el_listado_el_inicio_y_la_red(
    settings,
    servidor_purgas,
    indice,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    url, recibidas = servidor_purgas
    _frontal(settings, url)
    la_red = red("utp-barrancas", "barrancas", "utp")
    with django_capture_on_commit_callbacks() as al_confirmar:
        pagina = publicar(indice, "Lectura en red", la_red, focos=["aprendizaje-profundo"])
    assert recibidas == []  # nada se purga antes del commit
    for funcion in al_confirmar:
        funcion()
    rutas = {ruta for _, ruta in recibidas}
    assert pagina.url in rutas
    assert pagina.url + "imprimir/" in rutas
    assert "/practicas/" in rutas and "/" in rutas
    assert la_red.get_absolute_url() in rutas
    # Despublicar también purga la ficha (para que la CDN no la siga sirviendo).
    recibidas.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pagina.unpublish()
    assert pagina.url in {ruta for _, ruta in recibidas}


def test_sin_caché_frontal_no_se_purga_nada(
    settings,
    servidor_purgas,
    indice,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    _, recibidas = servidor_purgas
    settings.WAGTAILFRONTENDCACHE = {}
    with django_capture_on_commit_callbacks(execute=True):
        publicar(indice, "Lectura en red", red("utp-barrancas", "barrancas", "utp"))
    assert recibidas == []


def test_caché_frontal_caída_no_impide_publicar(
    settings,
    indice,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    import socket

    libre = socket.socket()
    libre.bind(("127.0.0.1", 0))
    puerto = libre.getsockname()[1]
    libre.close()  # nadie escucha en ese puerto
    _frontal(settings, f"http://127.0.0.1:{puerto}")
    with django_capture_on_commit_callbacks(execute=True):
        pagina = publicar(indice, "Lectura en red", red("utp-barrancas", "barrancas", "utp"))
    pagina.refresh_from_db()
    assert pagina.live
