"""La búsqueda habla como los docentes: sinónimos y siglas como datos, consultas en
lenguaje natural, «¿quiso decir…?» por palabra, destacados marcados y el informe que
lleva de la búsqueda fallida a la corrección. Con el contenido real (19 casos) y las
prácticas de demostración, cargados una vez por módulo."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from busqueda.models import ClicBusqueda, Destacado, PaginaDestacada, RegistroBusqueda, Sinonimo
from busqueda.motores.base import ConsultaBusqueda
from busqueda.motores.elastic import MotorElasticsearch, cuerpo_sinonimos
from busqueda.motores.local import MotorLocal
from busqueda.sinonimos import INICIALES, cargar_iniciales, expandir, reglas_elasticsearch

pytest.importorskip("casos.models")
URL_CAIDA = "http://127.0.0.1:9"  # puerto cerrado: Elasticsearch "caído" de verdad


@pytest.fixture(scope="module")
def _contenido_del_modulo(django_db_setup, django_db_blocker):
    from casos.contenido import cargar
    from portal.paginas_base import cargar_base
    from practicas import demo

    with django_db_blocker.unblock(), transaction.atomic():
        inicio = cargar_base()
        cargar(inicio)
        demo.cargar(inicio)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def contenido(_contenido_del_modulo, db):
    return None


def slugs(client, q, **params):
    r = client.get("/api/buscar/", {"q": q, **params})
    assert r.status_code == 200, r.content
    return [x["slug"] for x in r.json()["resultados"]]


def buscar(q):
    return MotorLocal().buscar(ConsultaBusqueda(texto=q))


CALENDARIO = "calendario-intercultural-construido-con-educadores-tradicionales"
PASANTIAS = "pasantias-de-estudiantes-tp-en-un-instituto-profesional"
PAUTA = "pauta-de-autoevaluacion-para-monitorear-como-funciona-la-red"
MICRO_SLEP = "aprender-de-lo-que-ya-existia-los-microcentros-en-el-nuevo-slep"


# ------------------------------------------------------------- consultas del issue
@pytest.mark.parametrize(
    ("consulta", "esperado", "hasta"),
    [
        ("EIB", CALENDARIO, 1),
        ("educación intercultural bilingüe", CALENDARIO, 1),
        ("estudiantes TP práctica profesional", PASANTIAS, 1),
        ("evaluar red", PAUTA, 1),
        ("monitorear redes", PAUTA, 1),
        ("qué pasó con los microcentros cuando llegó el SLEP", MICRO_SLEP, 3),
        ("indicadores", PAUTA, 3),
    ],
)
def test_consultas_de_docentes_traen_lo_pertinente_arriba(
    client, contenido, consulta, esperado, hasta
):
    assert esperado in slugs(client, consulta)[:hasta]


def test_eib_con_la_red_intercultural_marcada_sigue_trayendo_la_practica_primero(
    client, contenido, django_capture_on_commit_callbacks
):
    """Como en `make run`: la red del calendario declara EIB. La práctica de una red EIB
    también es EIB (indexa los rasgos de su red) y va antes que la red (peso del tipo)."""
    from redes.models import Red

    red = Red.objects.get(slug="red-intercultural-costa-araucania")
    red.eib = True
    with django_capture_on_commit_callbacks(execute=True):  # reindexa sus prácticas
        red.save()
    primeros = slugs(client, "EIB")[:3]
    assert primeros[0] == CALENDARIO
    assert "red-intercultural-costa-araucania" in primeros


def test_educacion_intercultural_bilingue_ya_no_trae_todo_lo_que_dice_educacion(client, contenido):
    r = buscar("educación intercultural bilingüe")
    assert r.resultados[0].slug == CALENDARIO
    # Antes: 27 resultados por la regla de «alguna palabra».
    assert r.total <= 3


def test_tp_no_calza_con_tecnico_pedagogico(client, contenido):
    # «subdirección de apoyo técnico-pedagógico» + «profesional» suelto no es «TP».
    r = buscar("TP")
    encontrados = {x.slug for x in r.resultados}
    assert PASANTIAS in encontrados
    assert "visitas-entre-escuelas-de-cuatro-comunas" not in encontrados  # técnico-pedagógico
    assert "microcentros-rurales" not in slugs(client, "estudiantes TP práctica profesional")[:1]
    # La forma larga calza como frase seguida:
    grupos = expandir(["tp"])
    assert ["tecnic", "profesional"] in grupos[0]


def test_derivacion_une_evaluar_con_autoevaluacion_y_monitorear_con_monitoreo(contenido):
    from busqueda.normalizacion import termino, terminos

    assert termino("monitorear") == termino("monitoreo") == termino("monitorea")
    assert termino("evaluar") == termino("evaluación")
    assert ["autoevalu"] in expandir(terminos("evaluar"))[0]
    assert buscar("autoevaluación").resultados[0].slug == PAUTA
    assert PAUTA in [x.slug for x in buscar("monitoreo").resultados]


def test_palabras_vacias_no_cuentan(contenido):
    con = [x.slug for x in buscar("las pasantías de los estudiantes").resultados]
    sin = [x.slug for x in buscar("pasantías estudiantes").resultados]
    assert con == sin and con[0] == PASANTIAS


def test_con_algunas_palabras_primero_las_que_tienen_mas_y_mas_raras(contenido):
    # Ninguna tiene «zorzal»; «multigrado» es rara, «red» está en casi todo.
    r = buscar("multigrado red zorzal")
    assert 0 < r.total < buscar("red").total
    primeros = [x.slug for x in r.resultados]
    assert "planificacion-multigrado-compartida-en-el-microcentro" in primeros[:3]
    # Lo que solo dice «red» (la palabra común) no se cuela antes de lo que dice «multigrado».
    from busqueda.models import Documento

    for slug in primeros:
        d = Documento.objects.get(slug=slug)
        assert "multigrado" in (d.titulo + d.resumen + d.cuerpo + d.etiquetas).lower()
    assert any("algunas palabras" in a or "tienen más" in a for a in r.avisos)


# ------------------------------------------------------------- sinónimos como datos
def test_sinonimo_creado_en_el_admin_cambia_resultados_sin_reindexar(client, contenido, editora):
    assert slugs(client, "zapallo") == []
    client.force_login(editora)
    respuesta = client.post(
        "/admin/snippets/busqueda/sinonimo/add/",
        {
            "termino": "zapallo",
            "equivalentes": "calendario mapuche",
            "bidireccional": "on",
            "activo": "on",
        },
    )
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    assert Sinonimo.objects.filter(termino="zapallo").exists()
    # La misma prueba, sin reindexar nada: la búsqueda siguiente ya lo usa.
    assert slugs(client, "zapallo")[0] == CALENDARIO
    # De dos vías: la forma larga también encuentra lo que dice «zapallo» (nada aquí),
    # y desactivar la entrada la saca al tiro.
    Sinonimo.objects.filter(termino="zapallo").update(activo=False)
    assert slugs(client, "zapallo") == []


def test_sinonimo_de_una_via(contenido):
    Sinonimo.objects.create(termino="kkwq", equivalentes="multigrado", bidireccional=False)
    assert buscar("kkwq").total >= 1
    grupos = expandir(["multigr"])
    assert grupos == [[["multigr"], ["automultigr"]]]  # «multigrado» no se expande a «kkwq»


def test_validacion_del_sinonimo_en_espanol(db):
    Sinonimo.objects.create(termino="XYZ", equivalentes="algo")
    with pytest.raises(ValidationError, match="Ya hay una entrada"):
        Sinonimo(termino="xyz", equivalentes="otra cosa").full_clean()
    with pytest.raises(ValidationError, match="al menos un equivalente"):
        Sinonimo(termino="QQQ", equivalentes=" , \n").full_clean()
    with pytest.raises(ValidationError, match="con contenido"):
        Sinonimo(termino="de la", equivalentes="algo").full_clean()


def test_conjunto_inicial_cargado_e_idempotente(db):
    terminos = set(Sinonimo.objects.values_list("termino", flat=True))
    for sigla in ("EIB", "TP", "UTP", "PIE", "PME", "PEL", "SLEP", "DEP", "DEPROV", "CFT"):
        assert sigla in terminos
    for sigla in ("IP", "JUNJI", "EPJA", "RME"):
        assert sigla in terminos
    eib = Sinonimo.objects.get(termino="EIB")
    eib.equivalentes = "lo que la DEP decidió"
    eib.save()
    Sinonimo.objects.get(termino="PIE").delete()
    assert cargar_iniciales() == 1  # repone solo la que falta
    eib.refresh_from_db()
    assert eib.equivalentes == "lo que la DEP decidió"  # nunca pisa lo editado
    assert cargar_iniciales() == 0
    assert Sinonimo.objects.count() == len(INICIALES)


def test_ninguna_sigla_del_conjunto_inicial_da_cero_resultados(client, contenido):
    # Con el estudio y la demo de `make run` (la demo trae una red PIE y una EPJA).
    sin_resultados = [termino for termino, *_ in INICIALES if not slugs(client, termino)]
    assert sin_resultados == []
    assert "codocencia-entre-docentes-de-aula-y-equipos-pie" in slugs(client, "PIE")[:3]
    assert (
        "trayectorias-acompanadas-en-centros-de-educacion-de-adultos" in slugs(client, "EPJA")[:3]
    )


# ------------------------------------------------------------------ quiso decir
def test_quiso_decir_por_palabra_en_consulta_de_varias_palabras(client, contenido):
    d = client.get("/api/buscar/", {"q": "microsentros rurales"}).json()
    assert d["sugerencia"] == "microcentros rurales"
    html = client.get("/buscar/", {"q": "microsentros rurales"}).content.decode()
    assert "¿Quiso decir" in html and "microcentros rurales" in html


def test_quiso_decir_corrige_siglas_frecuentes(contenido):
    assert buscar("SELP Huasco").sugerencia == "SLEP huasco"
    assert buscar("UPT").sugerencia == "UTP"
    assert buscar("EIB").sugerencia is None  # una sigla conocida no se «corrige»


# ------------------------------------------------------------------ destacados
def test_destacados_se_marcan_en_la_pagina_y_la_api(client, contenido):
    from practicas.models import PracticaPage

    pauta = PracticaPage.objects.get(slug=PAUTA)
    destacado = Destacado.objects.create(consulta="redes rurales")
    PaginaDestacada.objects.create(destacado=destacado, page=pauta, sort_order=0)
    d = client.get("/api/buscar/", {"q": "Redes Rurales"}).json()
    assert d["resultados"][0]["slug"] == PAUTA and d["resultados"][0]["destacado"] is True
    assert all(r["destacado"] is False for r in d["resultados"][1:])
    html = client.get("/buscar/", {"q": "redes rurales"}).content.decode()
    assert html.count("Destacado por la DEP") == 1
    assert html.index("Destacado por la DEP") < html.index(f"/{PAUTA}/") + 400


# ------------------------------------------------------------------ clics e informe
def test_clics_registran_consulta_resultado_y_posicion(client, contenido):
    url = client.get("/api/buscar/", {"q": "EIB"}).json()["resultados"][0]["url"]
    for _ in range(2):
        assert (
            client.post("/api/buscar/clic/", {"q": "EIB", "url": url, "posicion": "1"}).status_code
            == 204
        )
    assert (
        client.post("/api/buscar/clic/", {"q": "eib", "url": url, "posicion": "3"}).status_code
        == 204
    )
    filas = {(c.consulta, c.posicion): c.veces for c in ClicBusqueda.objects.all()}
    assert filas == {("eib", 1): 2, ("eib", 3): 1}
    # Entradas malas: 400 en español y nada se registra; un resultado que no existe, 204.
    for malo in (
        {"q": "", "url": url, "posicion": "1"},
        {"q": "x", "url": url, "posicion": "0"},
        {"q": "x", "url": url, "posicion": "uno"},
        {"q": "x", "url": "", "posicion": "1"},
    ):
        r = client.post("/api/buscar/clic/", malo)
        assert r.status_code == 400 and r.json()["error"]
    assert (
        client.post(
            "/api/buscar/clic/", {"q": "x", "url": "/no/existe/", "posicion": "1"}
        ).status_code
        == 204
    )
    assert client.get("/api/buscar/clic/").status_code == 405
    assert ClicBusqueda.objects.count() == 2


def test_informe_cuenta_clics_y_posicion_y_lleva_a_corregir(client, contenido, editora):
    client.get("/api/buscar/", {"q": "EIB"})
    client.get("/api/buscar/", {"q": "eib"})
    client.get("/api/buscar/", {"q": "zzkkqq"})
    client.get("/api/buscar/", {"q": "multigrado"})
    client.get("/api/buscar/", {"q": "multigrado"})
    url = client.get("/api/buscar/", {"q": "EIB"}).json()["resultados"][0]["url"]
    client.post("/api/buscar/clic/", {"q": "EIB", "url": url, "posicion": "1"})
    client.post("/api/buscar/clic/", {"q": "EIB", "url": url, "posicion": "2"})
    client.force_login(editora)
    html = client.get("/admin/informes/busquedas/").content.decode()
    assert "Calendario intercultural construido con educadores tradicionales" in html
    assert "1.5" in html or "1,5" in html  # posición promedio de los dos clics
    # Sin resultados → crear sinónimo o destacado con la consulta ya escrita.
    assert "/admin/snippets/busqueda/sinonimo/add/?termino=zzkkqq" in html
    assert "/admin/snippets/busqueda/destacado/add/?consulta=zzkkqq" in html
    # «multigrado» tuvo resultados dos veces y nadie abrió ninguno.
    assert "nadie abre sus resultados" in html
    seccion = html[html.index('id="nadie-abre"') : html.index('id="frecuentes"')]
    assert "multigrado" in seccion and "eib" not in seccion
    # El formulario llega rellenado.
    alta = client.get("/admin/snippets/busqueda/sinonimo/add/", {"termino": "zzkkqq"})
    assert 'value="zzkkqq"' in alta.content.decode()
    alta = client.get("/admin/snippets/busqueda/destacado/add/", {"consulta": "zzkkqq"})
    assert 'value="zzkkqq"' in alta.content.decode()
    # Exportable, con período.
    csv = client.get("/admin/informes/busquedas/", {"formato": "csv", "dias": "7"})
    assert csv["Content-Type"].startswith("text/csv")
    texto = csv.content.decode("utf-8-sig")
    assert "eib" in texto and "Calendario intercultural" in texto
    assert texto.splitlines()[0].startswith("consulta,veces")


def test_informe_periodo_elegible_y_fechas_malas(client, db, editora):
    hoy = timezone.localdate()
    RegistroBusqueda.objects.create(dia=hoy - timedelta(days=40), consulta="vieja", veces=2)
    RegistroBusqueda.objects.create(dia=hoy, consulta="nueva", veces=1)
    client.force_login(editora)
    html = client.get("/admin/informes/busquedas/").content.decode()
    assert "nueva" in html and "vieja" not in html
    html = client.get("/admin/informes/busquedas/", {"dias": "60"}).content.decode()
    assert "vieja" in html
    desde = (hoy - timedelta(days=45)).isoformat()
    hasta = (hoy - timedelta(days=35)).isoformat()
    html = client.get(
        "/admin/informes/busquedas/", {"desde": desde, "hasta": hasta}
    ).content.decode()
    assert "vieja" in html and "nueva" not in html
    r = client.get("/admin/informes/busquedas/", {"desde": "31-02-2026"})
    assert r.status_code == 200 and "Fecha no válida" in r.content.decode()


# ------------------------------------------------------------------ Elasticsearch
def test_reglas_de_sinonimos_para_elasticsearch(db):
    reglas = reglas_elasticsearch()
    assert "tp, tecnico-profesional" in reglas
    assert any(r.startswith("eib, educacion intercultural bilingue") for r in reglas)
    assert any(r.startswith("junji => junji, junta nacional") for r in reglas)  # una vía
    Sinonimo.objects.create(termino="Zorzal", equivalentes="ave, pájaro")
    cuerpo = cuerpo_sinonimos()
    assert {"synonyms"} <= set(cuerpo[0]) and all(c["id"] for c in cuerpo)
    assert any(c["synonyms"] == "zorzal, ave, pajaro" for c in cuerpo)


def test_editar_un_sinonimo_recarga_elasticsearch_al_confirmar(
    db, settings, django_capture_on_commit_callbacks, caplog
):
    """Con ELASTICSEARCH_URL, guardar un sinónimo encola la recarga DESPUÉS de confirmar;
    con el servidor caído (puerto cerrado real) la edición se guarda igual y se avisa."""
    settings.ELASTICSEARCH_URL = URL_CAIDA
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Sinonimo.objects.create(termino="Chincol", equivalentes="ave chica")
    assert len(callbacks) == 1
    assert "sinónimos se subirán" in caplog.text
    assert Sinonimo.objects.filter(termino="Chincol").exists()
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks() as callbacks:
        Sinonimo.objects.create(termino="Tordo", equivalentes="ave negra")
    assert callbacks == []


def test_actualizar_sinonimos_con_servidor_caido_avisa_sin_romper(db):
    from busqueda.motores import MotorNoDisponible

    with pytest.raises(MotorNoDisponible):
        MotorElasticsearch(URL_CAIDA, "trama").actualizar_sinonimos()


# ------------------------------------------------------------------ evaluar_busqueda
def test_evaluar_busqueda_con_linea_base_muestra_lo_que_baja(contenido, tmp_path):
    archivo = tmp_path / "juzgadas.json"
    archivo.write_text(
        json.dumps(
            {
                "consultas": [
                    {"consulta": "EIB", "relevantes": {CALENDARIO: 3}},
                    {"consulta": "evaluar red", "relevantes": {PAUTA: 3}},
                ]
            }
        ),
        encoding="utf-8",
    )
    base = tmp_path / "base.json"
    salida = StringIO()
    call_command("evaluar_busqueda", str(archivo), "--guardar", str(base), stdout=salida)
    assert "nDCG@10 = 1.000" in salida.getvalue()
    guardada = json.loads(base.read_text(encoding="utf-8"))
    assert guardada["consultas"]["EIB"]["ndcg"] == 1.0
    # Sin el sinónimo, «EIB» baja: la comparación lo muestra.
    Sinonimo.objects.filter(termino="EIB").delete()
    salida = StringIO()
    call_command("evaluar_busqueda", str(archivo), "--base", str(base), stdout=salida)
    texto = salida.getvalue()
    assert "Bajan respecto de la línea base" in texto
    assert "EIB" in texto.split("Bajan respecto de la línea base")[1]


def test_hecho_cuando_del_informe_al_sinonimo_y_la_docente_encuentra_el_calendario(
    client, contenido, editora
):
    """La editora abre el informe, ve «eib» sin resultados, crea el sinónimo desde ahí
    (formulario ya rellenado) y quien busca «EIB» encuentra el calendario primero."""
    Sinonimo.objects.filter(termino="EIB").delete()  # como antes de este issue
    assert slugs(client, "EIB") == []
    client.force_login(editora)
    informe = client.get("/admin/informes/busquedas/").content.decode()
    seccion = informe[informe.index('id="sin-resultados"') : informe.index('id="nadie-abre"')]
    assert ">eib</a>" in seccion
    enlace = "/admin/snippets/busqueda/sinonimo/add/?termino=eib"
    assert enlace in seccion
    formulario = client.get(enlace).content.decode()
    assert 'value="eib"' in formulario
    r = client.post(
        enlace,
        {
            "termino": "eib",
            "equivalentes": "educación intercultural bilingüe\ninterculturalidad",
            "bidireccional": "on",
            "activo": "on",
        },
    )
    assert r.status_code == 302
    client.logout()
    assert slugs(client, "EIB")[0] == CALENDARIO
    client.force_login(editora)
    informe = client.get("/admin/informes/busquedas/").content.decode()
    assert "Editar sinónimo" in informe  # la fila de «eib» ya lleva a editar lo creado
