"""Entradas hostiles: ninguna URL pública ni de coordinador responde 500.

Las URLs salen del sitio real (páginas publicadas con el contenido del
estudio y la demo, más las vistas del URLconf); a cada una se le mandan
parámetros basura, cadenas enormes, bytes nulos, Unicode raro, sintaxis de
motores de búsqueda e inyección SQL/HTML. Un 400 debe explicar qué pasó en
español. Al final, Hypothesis sobre el formulario de prácticas.

Cada falla se informa con la URL y la entrada exacta.
"""

import io
import json
from urllib.parse import quote, urlencode

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given
from hypothesis import settings as ajustes_hypothesis
from hypothesis import strategies as st
from wagtail.models import Page

from portal.permisos import COORDINADORES

HOSTILES = [
    "",
    " ",
    "a" * 5000,
    "ñ" * 3000,
    "\x00",
    "abc\x00def",
    "' OR '1'='1",
    "'; DROP TABLE wagtailcore_page; --",
    '" OR 1=1 --',
    "1 UNION SELECT username, password FROM auth_user",
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "{% debug %}",
    "${7*7}",
    'title:"red" AND NOT (foo OR bar)',
    '"frase sin cerrar',
    "red*",
    "*",
    "?",
    "~",
    "red~2",
    "(((",
    ")))",
    '+-&&||!(){}[]^"~*?:\\/',
    "\\",
    "%",
    "_",
    "AND",
    "NOT",
    "-",
    "🙂🏫📚",
    "\u202eevil",
    "\ufeffred",
    "\u200b",
    "𝕽𝖊𝖉",
    "e\u0301scuela",
    "ＲＥＤ",
    "ا لشبكة",
    "网络",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "null",
    "[]",
    "../../../../etc/passwd",
    "javascript:alert(1)",
    "a\r\nSet-Cookie: x=1",
]
# Bytes inválidos en UTF-8, tal como llegarían en la URL.
CRUDOS = ["%FF%FE", "%C0%AF", "%ED%A0%80", "%00", "%E2%80%AE"]

PALABRAS_DE_MENSAJE = (
    "no pudimos entender esa solicitud",
    "solicitud",
    "búsqueda",
    "válid",
    "debe",
    "no existe",
    "demasiad",
    "página",
    "revise",
    "obligatori",
)
PARAMETROS = [
    "q",
    "pagina",
    "por_pagina",
    "orden",
    "tipo",
    "foco",
    "principio",
    "caracteristica",
    "dimension",
    "ambito",
    "pais",
    "slep",
    "tipo_red",
    "nivel",
    "evidencia",
    "etiqueta",
    "red",
    "estado",
    "formato",
    "page",
    "next",
]
# Subconjunto que se prueba parámetro por parámetro (los demás van todos juntos).
HOSTILES_POR_PARAMETRO = ["a" * 5000, "abc\x00def", "' OR '1'='1 🙂", "-99999999999999999999"]
# Barrido corto para fichas (no leen parámetros, pero pasan por el mismo middleware).
HOSTILES_FICHAS = ["a" * 5000, "abc\x00def", "' OR '1'='1", "<script>", "🙂", "\u202e"]


@pytest.fixture
def sitio(db, settings):
    """Contenido del estudio + demo de prácticas."""
    assert get_resolver().url_patterns  # URLs cargadas antes de prender DEBUG
    settings.DEBUG = True  # la demo solo se carga con DEBUG
    call_command("load_initial_data", "--demo", stdout=io.StringIO())
    settings.DEBUG = False


def _urls_del_urlconf():
    """Rutas sin parámetros del URLconf del proyecto (no admin, no documentos)."""
    rutas = []

    def recorrer(patrones, prefijo=""):
        for patron in patrones:
            texto = prefijo + str(patron.pattern)
            if texto.startswith(("admin/", "documentos/", "^")):
                continue
            if isinstance(patron, URLResolver):
                recorrer(patron.url_patterns, texto)
            elif isinstance(patron, URLPattern) and "<" not in texto and "(" not in texto:
                rutas.append("/" + texto)

    recorrer(get_resolver().url_patterns)
    return sorted(set(rutas) - {"/cuenta/salir/"})


def _urls_de_paginas():
    """(listados, fichas): una página publicada de cada tipo. Los listados leen
    filtros de la URL; las fichas no, y reciben un barrido más corto."""
    por_tipo = {}
    for pagina in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        por_tipo.setdefault(type(pagina).__name__, pagina.url)
    listados = [url for tipo, url in por_tipo.items() if tipo.endswith("IndexPage")]
    fichas = [url for tipo, url in por_tipo.items() if not tipo.endswith("IndexPage")]
    fichas += [por_tipo[t] + "imprimir/" for t in ("CasoPage", "PracticaPage") if t in por_tipo]
    return listados, fichas


def _revisar(respuesta, descripcion, fallas):
    if respuesta.status_code >= 500:
        fallas.append(f"{respuesta.status_code} en {descripcion}")
    elif respuesta.status_code == 400:
        cuerpo = respuesta.content.decode("utf-8", "replace")
        if respuesta.get("Content-Type", "").startswith("application/json"):
            mensaje = json.loads(cuerpo).get("error", "")
        else:
            mensaje = cuerpo
        claro = (
            mensaje
            and "Bad Request" not in mensaje
            and any(palabra in mensaje.lower() for palabra in PALABRAS_DE_MENSAJE)
        )
        if not claro:
            fallas.append(f"400 sin mensaje claro en español en {descripcion}: {cuerpo[:200]!r}")


def _barrer(cliente, url, completo=True):
    fallas = []
    for valor in HOSTILES if completo else HOSTILES_FICHAS:
        todos = urlencode([(p, valor) for p in PARAMETROS])
        _revisar(
            cliente.get(f"{url}?{todos}"),
            f"GET {url} con todos los parámetros = {valor[:60]!r}",
            fallas,
        )
    if not completo:
        return fallas
    for parametro in PARAMETROS:
        for valor in HOSTILES_POR_PARAMETRO:
            _revisar(
                cliente.get(url, {parametro: valor}),
                f"GET {url}?{parametro}={valor[:60]!r}",
                fallas,
            )
    for crudo in CRUDOS:
        consulta = "&".join(f"{p}={crudo}" for p in PARAMETROS)
        _revisar(cliente.get(f"{url}?{consulta}"), f"GET {url}?{consulta}", fallas)
    # Un mismo filtro repetido muchas veces.
    repetido = urlencode([("foco", f"foco-{i}") for i in range(500)])
    _revisar(cliente.get(f"{url}?{repetido}"), f"GET {url} con foco repetido 500 veces", fallas)
    return fallas


def _cliente(usuario=None):
    cliente = Client(raise_request_exception=False)
    if usuario:
        cliente.force_login(usuario)
    return cliente


def test_urls_publicas_resisten_entradas_hostiles(sitio):
    listados, fichas = _urls_de_paginas()
    urls = _urls_del_urlconf() + listados
    assert {"/buscar/", "/api/buscar/", "/casos/", "/practicas/"} <= set(urls)
    assert any(url.startswith("/casos/") for url in fichas)
    cliente = _cliente()
    fallas = []
    for url in urls:
        fallas += _barrer(cliente, url)
    for url in fichas:
        fallas += _barrer(cliente, url, completo=False)
    assert not fallas, "\n".join(fallas)

    fallas += _rutas_hostiles(cliente)
    assert not fallas, "\n".join(fallas)


def _coordinadora_con_red(crear_usuario, nombre="coordinadora-hostil"):
    from practicas.models import Red

    coordinadora = crear_usuario(nombre, grupo=COORDINADORES)
    red = Red.objects.order_by("pk").first()
    red.coordinadores.add(coordinadora)
    return coordinadora, red


def test_urls_de_coordinador_resisten_entradas_hostiles(sitio, crear_usuario):
    coordinadora, _ = _coordinadora_con_red(crear_usuario)
    cliente = _cliente(coordinadora)
    urls = ["/practicas/publicar/", "/practicas/mis-practicas/"]
    from practicas.models import PracticaPage

    propia = PracticaPage.objects.filter(red__coordinadores=coordinadora).first()
    if propia is not None:
        urls.append(f"/practicas/mis-practicas/{propia.pk}/editar/")
    fallas = []
    for url in urls:
        fallas += _barrer(cliente, url)
    fallas += _rutas_hostiles(cliente)
    fallas += _posts_basura(cliente)
    assert not fallas, "\n".join(fallas)


def test_id_enorme_en_editar_practica_no_da_500(formulario):
    """Un id fuera del rango de la base (el patrón <int:pk> acepta cualquier largo)."""
    coordinadora, _ = formulario
    ruta = "/practicas/mis-practicas/99999999999999999999999/editar/"
    respuesta = _cliente(coordinadora).get(ruta)
    assert respuesta.status_code == 404, f"{respuesta.status_code} en GET {ruta}"


def _rutas_hostiles(cliente):
    rutas = [
        "/casos/" + quote("\x00") + "/",
        "/casos/" + "a" * 3000 + "/",
        "/casos/%FF%FE/",
        "/casos/" + quote("🙂") + "/imprimir/",
        "/casos/../../etc/passwd",
        "/practicas/" + quote("' OR 1=1 --") + "/",
        "/practicas/mis-practicas/999999999/editar/",
        "/documentos/999999/x.pdf",
        "/documentos/1/" + quote("<script>") + ".pdf",
        "/buscar/exportar.csv/../../",
        "/" + quote("\u202e") + "/",
    ]
    fallas = []
    for ruta in rutas:
        respuesta = cliente.get(ruta)
        if respuesta.status_code >= 500:
            fallas.append(f"{respuesta.status_code} en GET {ruta}")
    return fallas


def _posts_basura(cliente):
    fallas = []
    cuerpos = [
        {},
        {"username": "\x00", "password": "\x00"},
        {"username": "a" * 10000, "password": "' OR 1=1 --"},
        {"username": ["a", "b"], "password": ["c", "d"]},
        {"csrfmiddlewaretoken": "x" * 500},
    ]
    for cuerpo in cuerpos:
        descripcion = f"POST /cuenta/entrar/ {str(cuerpo)[:80]}"
        _revisar(
            Client(raise_request_exception=False).post("/cuenta/entrar/", cuerpo),
            descripcion,
            fallas,
        )
    for valor in HOSTILES[:25]:
        datos = {
            campo: valor for campo in ("titulo", "resumen", "red", "foco", "etiquetas", "cuerpo")
        }
        respuesta = cliente.post("/practicas/publicar/", datos)
        _revisar(
            respuesta, f"POST /practicas/publicar/ con todos los campos = {valor[:60]!r}", fallas
        )
    # JSON y cuerpos binarios donde se espera un formulario.
    respuesta = cliente.post(
        "/practicas/publicar/", b"\x00\xff" * 100, content_type="application/octet-stream"
    )
    _revisar(respuesta, "POST /practicas/publicar/ con cuerpo binario", fallas)
    respuesta = cliente.post(
        "/practicas/publicar/", '{"titulo": 1}', content_type="application/json"
    )
    _revisar(respuesta, "POST /practicas/publicar/ con JSON", fallas)
    return fallas


# --- Hypothesis sobre el formulario de prácticas ------------------------------------------------

TEXTO_RARO = st.one_of(
    st.sampled_from(HOSTILES),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
)
# Enteros dentro del rango de la base: los que se salen ya tienen su prueba
# (test_ids_fuera_de_rango_en_el_formulario_no_dan_500) y aquí taparían el resto.
IDS_RAROS = st.one_of(
    st.sampled_from(["", "abc", "-1", "0", "1.5", "\x00", "' OR 1=1", "1,2", " 1 "]),
    st.integers(min_value=-(2**63), max_value=2**63 - 1).map(str),
)
CAMPOS_TEXTO = [
    "titulo",
    "resumen",
    "desafio",
    "pasos",
    "participantes",
    "duracion",
    "resultados",
    "vinculo_pme_pel",
    "etiquetas",
    "nivel_evidencia",
    "revision_base",
]
CAMPOS_MULTIPLES = [
    "niveles",
    "focos",
    "principios",
    "caracteristicas",
    "imagenes_subidas",
    "documentos_subidos",
]


@pytest.fixture
def formulario(db, crear_usuario):
    from django.core.management import call_command as comando

    comando("load_initial_data", stdout=io.StringIO())  # índice de prácticas, sin demo
    from portal.models import Slep, TipoRed
    from practicas.models import Red

    coordinadora = crear_usuario("coordinadora-hypothesis", grupo=COORDINADORES)
    red = Red.objects.create(
        nombre="Red de prueba hostil",
        slug="red-de-prueba-hostil",
        slep=Slep.objects.first(),
        tipo=TipoRed.objects.first(),
    )
    red.coordinadores.add(coordinadora)
    return coordinadora, red


@pytest.mark.parametrize(
    "campo",
    [
        "red",
        "documentos_subidos",
        "imagenes_subidas",
        "focos",
        "niveles",
    ],
)
def test_ids_fuera_de_rango_en_el_formulario_no_dan_500(formulario, campo):
    coordinadora, red_propia = formulario
    datos = {"red": red_propia.pk, "titulo": "Práctica", "guardar": "1"}
    datos[campo] = "99999999999999999999"
    respuesta = _cliente(coordinadora).post("/practicas/publicar/", datos)
    assert respuesta.status_code == 400, (
        f"{respuesta.status_code} en POST /practicas/publicar/ con {campo}=99999999999999999999"
    )


@ajustes_hypothesis(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    textos=st.fixed_dictionaries({c: TEXTO_RARO for c in CAMPOS_TEXTO}),
    multiples=st.fixed_dictionaries({c: st.lists(IDS_RAROS, max_size=4) for c in CAMPOS_MULTIPLES}),
    red=st.one_of(st.just("propia"), IDS_RAROS),
    accion=st.sampled_from(["guardar", "enviar", None]),
)
def test_formulario_de_practicas_nunca_da_500(formulario, textos, multiples, red, accion):
    coordinadora, red_propia = formulario
    cliente = _cliente(coordinadora)
    datos = {**textos, **multiples, "red": str(red_propia.pk) if red == "propia" else red}
    if accion:
        datos[accion] = "1"
    respuesta = cliente.post("/practicas/publicar/", datos)
    fallas = []
    _revisar(respuesta, f"POST /practicas/publicar/ con {datos!r}", fallas)
    assert not fallas, fallas[0]
    assert respuesta.status_code in (200, 302, 400, 409, 429)
    if respuesta.status_code == 400:
        assert "No se perdió nada de lo que escribió" in respuesta.content.decode()


@ajustes_hypothesis(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(titulo=st.text(alphabet="abcdefghijklmnñopqrstuvwxyzáéíóú ", min_size=3, max_size=80))
def test_formulario_con_errores_conserva_lo_escrito(formulario, titulo):
    coordinadora, red_propia = formulario
    cliente = _cliente(coordinadora)
    # Enviar a revisión sin los campos obligatorios: vuelve con errores y con lo escrito.
    respuesta = cliente.post(
        "/practicas/publicar/",
        {"red": red_propia.pk, "titulo": titulo, "resumen": "", "enviar": "1"},
    )
    if not titulo.strip():
        return
    assert respuesta.status_code == 400
    assert (
        f'value="{titulo.strip()}"' in respuesta.content.decode()
        or titulo in respuesta.content.decode()
    )
