"""Fallas del buscador (issue 15, puntos 5 y 6).

- Elasticsearch que acepta la conexión y nunca contesta (un servidor de prueba
  en loopback que cuelga): la búsqueda responde desde el índice local con aviso,
  y tras unas fallas el cortacircuitos deja de intentarlo.
- Tabla del índice local borrada y base bloqueada: aviso claro en español
  (página) o JSON (API), nunca 500; registrar la búsqueda nunca la bloquea."""

import json
import socket
import threading
import time

import pytest
from django.db import connection

from busqueda.contencion import AVISO
from busqueda.models import RegistroBusqueda, ValorFaceta
from busqueda.motores import elastic

from . import test_busqueda_api

indice = test_busqueda_api.indice  # fixture: índice local con tres documentos


@pytest.fixture
def es_colgado(settings):
    """Un «Elasticsearch» que acepta conexiones y nunca responde."""
    servidor = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    servidor.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    servidor.bind(("127.0.0.1", 0))  # puerto libre cualquiera, solo en loopback
    servidor.listen(64)
    conexiones = []

    def aceptar():
        while True:
            try:
                cliente, _ = servidor.accept()
            except OSError:
                return
            conexiones.append(cliente)  # se queda abierta, sin responder nunca

    threading.Thread(target=aceptar, daemon=True).start()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{servidor.getsockname()[1]}"
    settings.ELASTICSEARCH_TIMEOUT_BUSQUEDA = 0.5
    elastic._cliente.cache_clear()
    yield conexiones
    servidor.shutdown(socket.SHUT_RDWR)
    servidor.close()
    for c in conexiones:
        c.close()
    elastic._cliente.cache_clear()


def test_elasticsearch_colgado_responde_el_local_y_el_cortacircuitos_deja_de_insistir(
    client, indice, es_colgado, settings
):
    settings.ELASTICSEARCH_FALLAS_PARA_CORTAR = 3
    inicio = time.monotonic()
    for _ in range(10):
        respuesta = client.get("/api/buscar/", {"q": "escuelas rurales"})
        assert respuesta.status_code == 200
        datos = respuesta.json()
        assert datos["motor"] == "local"
        assert datos["resultados"][0]["slug"] == "microcentros-rurales"
        assert any("índice local" in a for a in datos["avisos"])
    # Las sugerencias también responden (desde el local, sin tocar el colgado).
    assert client.get("/api/buscar/sugerencias/", {"q": "escu"}).status_code == 200
    # Solo las primeras 3 búsquedas esperaron al servidor colgado (cada una, un
    # intento sin reintentos); las otras 8 solicitudes ni lo intentaron.
    assert len(es_colgado) == 3
    assert time.monotonic() - inicio < 3 * 0.5 + 10  # holgado: nunca 10 × 3 s como antes
    # La página muestra el mismo aviso.
    pagina = client.get("/buscar/", {"q": "escuelas rurales"})
    assert pagina.status_code == 200
    assert "índice local" in pagina.content.decode()


def test_el_cortacircuitos_vuelve_a_probar_pasada_la_pausa(client, indice, es_colgado, settings):
    settings.ELASTICSEARCH_FALLAS_PARA_CORTAR = 1
    settings.ELASTICSEARCH_PAUSA_SEGUNDOS = 1
    client.get("/api/buscar/", {"q": "red"})
    client.get("/api/buscar/", {"q": "red"})
    assert len(es_colgado) == 1
    time.sleep(1.1)
    client.get("/api/buscar/", {"q": "red"})  # una prueba: sigue colgado, se vuelve a abrir
    client.get("/api/buscar/", {"q": "red"})
    assert len(es_colgado) == 2


def test_tabla_del_indice_borrada_da_aviso_y_nunca_500(client, indice):
    # SQLite: la tabla FTS5 del texto; PostgreSQL: la de valores de facetas.
    tabla = "busqueda_fts" if connection.vendor == "sqlite" else ValorFaceta._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Las FK diferidas de lo que la prueba ya escribió deben verificarse antes de
            # borrar la tabla (si no: «pending trigger events»).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"DROP TABLE {tabla}")
    api = client.get("/api/buscar/", {"q": "escuelas"})
    assert api.status_code == 503
    assert api["Content-Type"].startswith("application/json")
    assert api.json()["error"] == AVISO
    assert api["Retry-After"]
    if connection.vendor == "postgresql":
        return  # la transacción de la prueba quedó abortada: lo demás ya no puede leer
    pagina = client.get("/buscar/", {"q": "escuelas"})
    assert pagina.status_code == 503
    assert AVISO in pagina.content.decode()
    assert client.get("/buscar/exportar.csv", {"q": "escuelas"}).status_code == 503
    assert client.get("/api/buscar/sugerencias/", {"q": "escu"}).status_code in (200, 503)


def test_base_que_no_acepta_escrituras_la_busqueda_responde_igual(client, indice):
    """La base no deja escribir (bloqueada por otro proceso o de solo lectura): la
    búsqueda, que solo lee, responde igual; registrarla se omite esa vez."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            # Antes, las FK diferidas pendientes: al deshacer la prueba no deben correr
            # en una transacción de solo lectura.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET TRANSACTION READ ONLY")
    try:
        respuesta = client.get("/api/buscar/", {"q": "escuelas rurales"})
        pagina = client.get("/buscar/", {"q": "escuelas rurales"})
    finally:
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA query_only = OFF")
    assert respuesta.status_code == 200
    assert respuesta.json()["resultados"][0]["slug"] == "microcentros-rurales"
    assert pagina.status_code == 200
    assert "Microcentros rurales" in pagina.content.decode()


@pytest.mark.parametrize(
    "consulta",
    [
        "compre ya en https://spam.example/oferta",
        "escriba a ventas@spam.example",
        "www.casino-online.example bonos",
        "llame al 9 8765 4321 99",
        "palabra " * 30,
        "a" * 60,
    ],
)
def test_el_informe_de_busquedas_no_registra_spam(client, indice, consulta):
    client.get("/api/buscar/", {"q": consulta})
    assert not RegistroBusqueda.objects.exists()


def test_el_informe_registra_consultas_reales_acotadas(client, indice):
    client.get("/api/buscar/", {"q": "Escuelas  Rurales"})
    assert list(RegistroBusqueda.objects.values_list("consulta", flat=True)) == ["escuelas rurales"]
    assert json.loads(client.get("/api/buscar/", {"q": "escuelas rurales"}).content)["total"] > 0
