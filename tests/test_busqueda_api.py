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
    assert set(primero) == {"tipo", "slug", "titulo", "url", "resumen", "fragmentos"}
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
        ("por_pagina=500", "cantidad"),
        ("q=" + "x" * 501, "larga"),
    ],
)
def test_api_parametros_invalidos_dan_400_en_espanol(client, indice, query, fragmento):
    r = client.get(f"/api/buscar/?{query}")
    assert r.status_code == 400
    assert fragmento in r.json()["error"]


@pytest.mark.parametrize("ruta", ["/api/buscar/", "/buscar/", "/buscar/exportar.json"])
def test_valor_de_faceta_mal_formado_se_ignora_con_aviso_en_todas_las_vistas(client, indice, ruta):
    """Una sola regla: lo que el motor no ofrece se ignora y se avisa (no 400)."""
    r = client.get(ruta, {"foco": "<script>", "slep": "huasco"})
    assert r.status_code == 200
    cuerpo = r.content.decode()
    if ruta == "/buscar/":
        assert "<script>" not in cuerpo and "«&lt;script&gt;»" in cuerpo
    assert "no es una opción válida" in cuerpo


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


FECHA_LOCAL = timezone.localtime(datetime(2025, 1, 1, tzinfo=UTC)).date().isoformat()
COLUMNAS = [
    "Tipo",
    "Título",
    "URL",
    "Resumen",
    "Fecha de publicación",
    "SLEP",
    "Red",
    "Tipo de red",
    "Nivel de evidencia",
    "Foco de acción",
    "Principio orientador",
    "Característica de red efectiva",
]


def test_exportar_csv_para_excel_en_espanol_y_json_con_filtros(client, indice):
    r = client.get("/buscar/exportar.csv", {"slep": "huasco"})
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/csv")
    # BOM + punto y coma: Excel con configuración regional de Chile lo abre en columnas.
    assert r.content.startswith("\ufeff".encode())
    filas = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert set(COLUMNAS) <= set(filas[0])
    por_columna = [dict(zip(filas[0], f, strict=True)) for f in filas[1:]]
    assert [f["Título"] for f in por_columna] == ["Microcentros rurales"]
    assert por_columna[0]["URL"] == "http://testserver/casos/microcentros-rurales/"
    assert por_columna[0]["SLEP"] == "SLEP Huasco"
    assert por_columna[0]["Característica de red efectiva"] == "Liderazgo distribuido"
    # La fecha de publicación en la hora de Chile (el índice la guarda con zona).
    assert por_columna[0]["Fecha de publicación"] == FECHA_LOCAL
    d = json.loads(client.get("/buscar/exportar.json", {"tipo": "practica"}).content)
    assert d["filtros"] == {"tipo": ["practica"]}
    assert [x["slug"] for x in d["resultados"]] == ["red-utp"]
    assert d["resultados"][0]["slep"] == ["SLEP Barrancas"]
    assert client.get("/buscar/exportar.csv", {"orden": "xyz"}).status_code == 400


def test_exportar_xlsx_se_lee_de_vuelta_con_sus_columnas(client, indice):
    from openpyxl import load_workbook

    r = client.get("/buscar/exportar.xlsx", {"q": "escuelas"})
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    hoja = load_workbook(io.BytesIO(r.content)).active
    filas = list(hoja.iter_rows(values_only=True))
    assert set(COLUMNAS) <= set(filas[0])
    por_columna = [dict(zip(filas[0], f, strict=True)) for f in filas[1:]]
    assert por_columna[0]["Título"] == "Microcentros rurales"
    assert por_columna[0]["SLEP"] == "SLEP Huasco"
    assert por_columna[0]["Fecha de publicación"].date().isoformat() == FECHA_LOCAL


def test_exportar_neutraliza_formulas_en_csv_y_xlsx(client, db):
    from openpyxl import load_workbook

    MotorLocal().reconstruir(
        [
            _doc(
                "peligro",
                '=HYPERLINK("http://malo.example","clic")',
                "@SUM(1+1) resumen",
                slep=[("huasco", "+cmd|' /C calc'!A0")],
            )
        ]
    )
    filas = list(
        csv.reader(
            io.StringIO(client.get("/buscar/exportar.csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    fila = dict(zip(filas[0], filas[1], strict=True))
    assert fila["Título"].startswith("'=") and fila["Resumen"].startswith("'@")
    assert fila["SLEP"].startswith("'+")
    hoja = load_workbook(io.BytesIO(client.get("/buscar/exportar.xlsx").content)).active
    celdas = [c.value for c in hoja[2]]
    assert all(not (isinstance(v, str) and v[:1] in "=+-@") for v in celdas), celdas
    assert all(c.data_type != "f" for c in hoja[2])


def test_sin_resultados_no_ofrece_descargar_y_sugiere(client, indice):
    html = client.get("/buscar/", {"q": "zzzzqqq", "slep": "huasco"}).content.decode()
    assert "Descargar" not in html
    assert "Quitar «SLEP: SLEP Huasco»" in html
    assert "Temas cercanos" in html or "Ver todo" in html


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
