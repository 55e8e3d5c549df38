"""API JSON, página /buscar/, exportación, registro de búsquedas e informe del admin."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from busqueda.models import Destacado, PaginaDestacada, RegistroBusqueda
from busqueda.motores.local import MotorLocal


def _doc(clave, titulo, resumen, tipo="caso", **facetas):
    return {
        "clave": clave,
        "slug": clave.split(":")[-1],
        "url": f"/casos/{clave.split(':')[-1]}/",
        "tipo": tipo,
        "titulo": titulo,
        "resumen": resumen,
        "cuerpo": f"{resumen} Texto del cuerpo con escuelas rurales y redes.",
        "etiquetas": " ".join(e for v in facetas.values() for _, e in v),
        "fecha": datetime(2025, 1, 1, tzinfo=UTC),
        "facetas": facetas,
    }


@pytest.fixture
def indice(db):
    MotorLocal().reconstruir(
        [
            _doc(
                "microcentros-rurales",
                "Microcentros rurales",
                "Docentes de escuelas rurales.",
                slep=[("huasco", "SLEP Huasco")],
                caracteristica=[("liderazgo-distribuido", "Liderazgo distribuido")],
            ),
            _doc(
                "red-utp",
                "Red de UTP",
                "Jefes técnicos que comparten.",
                tipo="practica",
                slep=[("barrancas", "SLEP Barrancas")],
                caracteristica=[("confianza", "Confianza personal y profesional")],
            ),
            _doc("escocia", "Escocia", "Colaboración escolar en Escocia."),
        ]
    )


def test_api_responde_el_contrato(client, indice):
    r = client.get("/api/buscar/", {"q": "escuelas rurales"})
    assert r.status_code == 200
    d = r.json()
    assert set(d) >= {
        "consulta",
        "total",
        "pagina",
        "por_pagina",
        "motor",
        "sugerencia",
        "resultados",
        "facetas",
    }
    assert d["consulta"] == "escuelas rurales" and d["motor"] == "local"
    assert d["pagina"] == 1 and d["por_pagina"] == 10
    primero = d["resultados"][0]
    assert set(primero) == {"tipo", "slug", "titulo", "url", "resumen", "fragmentos", "destacado"}
    assert primero["destacado"] is False
    assert primero["slug"] == "microcentros-rurales"
    assert "<mark>" in primero["fragmentos"][0]
    opcion = d["facetas"]["slep"][0]
    assert set(opcion) == {"valor", "etiqueta", "cantidad", "seleccionado"}
    assert d["facetas"]["caracteristica"][0]["grupo"]  # agrupada por dimensión


def test_api_faceta_repetida_son_varias_opciones(client, indice):
    d = client.get("/api/buscar/?slep=huasco&slep=barrancas").json()
    assert d["total"] == 2
    assert {o["valor"]: o["seleccionado"] for o in d["facetas"]["slep"]} == {
        "huasco": True,
        "barrancas": True,
    }


@pytest.mark.parametrize(
    "query,fragmento",
    [
        ("pagina=abc", "página"),
        ("pagina=0", "página"),
        ("pagina=99999", "página"),
        ("orden=xyz", "orden"),
        ("tipo=otro", "tipo"),
        ("foco=%3Cscript%3E", "válida"),
        ("por_pagina=500", "cantidad"),
        ("q=" + "x" * 501, "larga"),
    ],
)
def test_api_parametros_invalidos_dan_400_en_espanol(client, indice, query, fragmento):
    r = client.get(f"/api/buscar/?{query}")
    assert r.status_code == 400
    assert fragmento in r.json()["error"]


def test_api_opcion_desconocida_se_ignora_con_aviso(client, indice):
    r = client.get("/api/buscar/?slep=atlantida")
    assert r.status_code == 200
    d = r.json()
    assert d["total"] == 3
    assert "atlantida" in d["avisos"][0]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=st.text(max_size=80), pagina=st.text(max_size=5), foco=st.text(max_size=20))
def test_api_entradas_hostiles_dan_200_o_400(client, indice, q, pagina, foco):
    r = client.get("/api/buscar/", {"q": q, "pagina": pagina, "foco": foco})
    assert r.status_code in (200, 400)
    r = client.get("/api/buscar/sugerencias/", {"q": q})
    assert r.status_code in (200, 400)


def test_sugerencias(client, indice):
    d = client.get("/api/buscar/sugerencias/", {"q": "micro"}).json()
    assert d["consulta"] == "micro"
    assert d["sugerencias"][0] == {
        "texto": "Microcentros rurales",
        "tipo": "caso",
        "url": "/casos/microcentros-rurales/",
    }
    assert client.get("/api/buscar/sugerencias/", {"q": "x" * 101}).status_code == 400


def test_pagina_buscar_sin_js(client, indice):
    r = client.get("/buscar/", {"q": "escuelas rurales"})
    html = r.content.decode()
    assert r.status_code == 200
    assert '<meta name="robots" content="noindex">' in html
    assert 'href="/casos/microcentros-rurales/">Microcentros rurales</a>' in html
    assert "<mark>escuelas</mark>" in html
    assert 'role="status"' in html and "resultado" in html
    assert 'name="slep" value="huasco"' in html
    assert "/buscar/exportar.csv?q=escuelas+rurales" in html
    assert 'role="combobox"' in html


def test_pagina_quisiste_decir_y_error_conserva_lo_escrito(client, indice):
    html = client.get("/buscar/", {"q": "microcentors"}).content.decode()
    assert "¿Quiso decir" in html and "?q=microcentros" in html
    r = client.get("/buscar/", {"q": "mis redes", "pagina": "abc"})
    assert r.status_code == 400
    html = r.content.decode()
    assert 'value="mis redes"' in html
    assert "número entero positivo" in html


def test_exportar_csv_y_json_con_filtros(client, indice):
    r = client.get("/buscar/exportar.csv", {"slep": "huasco"})
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/csv")
    filas = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert filas[0][:3] == ["tipo", "titulo", "url"]
    assert [f[1] for f in filas[1:]] == ["Microcentros rurales"]
    assert filas[1][2] == "http://testserver/casos/microcentros-rurales/"
    d = json.loads(client.get("/buscar/exportar.json", {"tipo": "practica"}).content)
    assert d["filtros"] == {"tipo": ["practica"]}
    assert [x["slug"] for x in d["resultados"]] == ["red-utp"]
    assert client.get("/buscar/exportar.csv", {"orden": "xyz"}).status_code == 400


def test_registro_de_busquedas_y_informe(client, indice, editora, coordinadora):
    client.get("/buscar/", {"q": "Escuelas  RURALES"})
    client.get("/api/buscar/", {"q": "escuelas rurales"})
    client.get("/api/buscar/", {"q": "zzzzqqq"})
    client.get("/api/buscar/", {"q": "escuelas rurales", "slep": "huasco"})  # refinamiento
    client.get("/api/buscar/sugerencias/", {"q": "escuelas"})  # no se registra
    registros = {r.consulta: (r.veces, r.sin_resultados) for r in RegistroBusqueda.objects.all()}
    assert registros == {"escuelas rurales": (2, 0), "zzzzqqq": (1, 1)}
    viejo = RegistroBusqueda.objects.create(
        dia=timezone.localdate() - timedelta(days=200), consulta="antigua", veces=3
    )
    client.get("/api/buscar/", {"q": "otra consulta nueva"})
    assert not RegistroBusqueda.objects.filter(pk=viejo.pk).exists()

    client.force_login(editora)
    html = client.get("/admin/informes/busquedas/").content.decode()
    assert "escuelas rurales" in html and "zzzzqqq" in html
    client.force_login(coordinadora)
    assert client.get("/admin/informes/busquedas/").status_code in (302, 403)


def test_destacados_primero(client, indice, inicio):
    # Un documento cuya clave es la de una página real (el destacado apunta a páginas).
    MotorLocal().indexar(
        _doc(f"pagina:{inicio.pk}", "Guía de redes de la DEP", "Orientaciones generales.")
    )
    destacado = Destacado.objects.create(consulta="Escuelas Rurales")
    PaginaDestacada.objects.create(destacado=destacado, page=inicio, sort_order=0)
    d = client.get("/api/buscar/", {"q": "escuelas rurales"}).json()
    assert d["resultados"][0]["titulo"] == "Guía de redes de la DEP"
    assert d["resultados"][1]["slug"] == "microcentros-rurales"


def test_admin_destacados_e_informe_en_el_menu(client, editora):
    client.force_login(editora)
    assert client.get("/admin/snippets/busqueda/destacado/").status_code == 200
    assert client.get("/admin/snippets/busqueda/destacado/add/").status_code == 200
    assert "/admin/informes/busquedas/" in client.get("/admin/").content.decode()
    d = Destacado(consulta="  ESCUELAS rurales ")
    d.save()
    assert d.consulta_normalizada == "escuelas rurales"
    with pytest.raises(ValidationError, match="Ya hay resultados destacados"):
        Destacado(consulta="Escuelas Rurales").full_clean()
