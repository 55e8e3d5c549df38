"""Cada regla de privacidad de AUTOEVALUACION.md, una por una (redes/privacidad.py)."""

from statistics import mean, pstdev

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from redes import privacidad
from redes.models import Codigo, ConfiguracionAutoevaluacion, Ronda

from .fabrica_redes import crear_red, crear_ronda, responder


def _informe_html(client, ronda):
    return client.get(reverse("redes:informe", args=[ronda.red.slug, ronda.pk])).content.decode()


# Regla: sin el mínimo de personas (por defecto 5) no hay puntajes.
def test_con_4_respuestas_no_hay_puntajes_y_con_5_si(red, entrar):
    ronda = crear_ronda(red)
    for _ in range(4):
        responder(ronda, "docente", 4)
    inf = privacidad.informe(ronda)
    assert not inf.disponible and inf.caracteristicas == []
    html = _informe_html(entrar, ronda)
    assert "Todavía no hay suficientes respuestas" in html
    assert "4,00" not in html and "Puntaje por característica" not in html
    csv = entrar.get(reverse("redes:informe_csv", args=[red.slug, ronda.pk]))
    assert csv.status_code == 302  # sin informe no hay exportación

    responder(ronda, "docente", 4)
    inf = privacidad.informe(ronda)
    assert inf.disponible and inf.personas == 5
    assert all(f["celda"].media == 4.0 for f in inf.caracteristicas)
    html = _informe_html(entrar, ronda)
    assert "Puntaje por característica" in html and "4,00" in html and "<svg" in html


# Regla: la DEP puede subir el mínimo, nunca bajarlo de 3.
def test_el_minimo_se_puede_subir_pero_nunca_bajar_de_3(red):
    conf = ConfiguracionAutoevaluacion.load()
    conf.minimo_personas = 2
    with pytest.raises(ValidationError):
        conf.full_clean()
    ConfiguracionAutoevaluacion.objects.filter(pk=conf.pk).update(minimo_personas=1)
    assert privacidad.umbrales().personas == 3  # aunque la base diga 1
    ronda = crear_ronda(red)
    for _ in range(2):
        responder(ronda, "docente", 3)
    assert not privacidad.informe(ronda).disponible
    ConfiguracionAutoevaluacion.objects.filter(pk=conf.pk).update(minimo_personas=7)
    for _ in range(4):
        responder(ronda, "docente", 3)
    assert not privacidad.informe(ronda).disponible  # 6 < 7
    responder(ronda, "docente", 3)
    assert privacidad.informe(ronda).disponible


# Regla: el umbral vale también por característica (quienes marcaron «no sé» no cuentan).
def test_una_caracteristica_con_pocas_respuestas_numericas_se_oculta(red):
    ronda = crear_ronda(red)
    for i in range(6):
        responder(ronda, "docente", 4, por_slug={"confianza": 5 if i < 4 else None})
    inf = privacidad.informe(ronda)
    fila = next(f for f in inf.caracteristicas if f["termino"].slug == "confianza")
    assert fila["celda"].oculta and fila["celda"].media is None and fila["celda"].n == 4
    assert fila["celda"].distribucion == [0] * 5


# Regla: un rol con menos personas que el mínimo se junta con otros.
def test_un_rol_con_2_personas_se_junta_con_otros(red):
    ronda = crear_ronda(red)
    for rol, n in [("docente", 5), ("directivo", 6), ("asistente", 2)]:
        for _ in range(n):
            responder(ronda, rol, 3)
    inf = privacidad.informe(ronda)
    nombres = [g["nombre"] for g in inf.grupos]
    assert all(g["n"] >= 5 for g in inf.grupos)
    assert sum(g["n"] for g in inf.grupos) == 13
    assert not any(g["nombre"].startswith("Asistente") for g in inf.grupos)
    otros = next(g for g in inf.grupos if g["nombre"].startswith("Otros roles"))
    assert "asistente" in otros["nombre"] and otros["n"] == 7  # 2 asistentes + 5 docentes
    assert len(nombres) == 2


def test_con_pocos_en_cada_rol_el_informe_junta_todo_y_lo_dice(red):
    ronda = crear_ronda(red)
    for rol in ["coordinacion", "directivo", "directivo", "docente", "docente", "asistente"]:
        responder(ronda, rol, 3)
    inf = privacidad.informe(ronda)
    assert inf.disponible and inf.grupos == []
    assert "no hay cortes por rol" in inf.aviso_grupos


# Regla: supresión complementaria (una celda oculta no se deduce de los totales).
def test_supresion_complementaria_en_una_fila_por_rol(red):
    ronda = crear_ronda(red)
    for i in range(5):
        responder(ronda, "docente", 3, por_slug={"confianza": 4 if i < 2 else None})
    for _ in range(6):
        responder(ronda, "directivo", 2, por_slug={"confianza": 5})
    inf = privacidad.informe(ronda)
    fila_total = next(f for f in inf.caracteristicas if f["termino"].slug == "confianza")
    assert fila_total["celda"].media is not None  # 8 personas en total la puntuaron
    celdas = inf.por_grupo["confianza"]
    # Docentes: 2 puntuaron → oculta; si directivos se viera, docentes = total − directivos.
    assert all(c.oculta for c in celdas)
    for slug, fila in inf.por_grupo.items():
        ocultas = [c for c in fila if c.oculta]
        assert not ocultas or sum(c.n for c in ocultas) >= 5, slug


def test_supresion_complementaria_unitaria():
    a, b, c = privacidad.Celda(n=2), privacidad.Celda(n=6), privacidad.Celda(n=9)
    b.oculta = c.oculta = False
    b.media, c.media = 3.0, 4.0
    privacidad._suprimir_complementario([a, b, c], 5)
    assert a.oculta and b.oculta and not c.oculta  # la visible más chica acompaña a la oculta


# Regla: mientras la ronda está abierta solo se ve cuántas personas respondieron.
def test_mientras_esta_abierta_solo_se_ve_cuantas_personas_respondieron(red, entrar):
    ronda = crear_ronda(red, estado=Ronda.ABIERTA)
    for rol in ["docente"] * 4 + ["directivo"] * 3:
        responder(ronda, rol, 4)
    responder(ronda, "docente", 2, estado=Codigo.EN_CURSO)  # a medio llenar: no cuenta
    inf = privacidad.informe(ronda)
    assert not inf.disponible and inf.personas == 7
    assert inf.caracteristicas == [] and inf.grupos == [] and inf.comentarios == []
    html = entrar.get(reverse("redes:ronda", args=[red.slug, ronda.pk])).content.decode()
    assert "<strong>7</strong> personas respondieron" in html
    assert "Docente" not in html and "4,00" not in html
    html = _informe_html(entrar, ronda)
    assert "sigue abierta" in html and "Puntaje" not in html
    assert entrar.get(reverse("redes:informe_csv", args=[red.slug, ronda.pk])).status_code == 302


# Regla: comentarios abiertos con un mínimo más alto (8) y sin atribución.
def test_comentarios_solo_con_8_personas_y_sin_atribucion(red, entrar):
    ronda = crear_ronda(red)
    for i in range(7):
        responder(ronda, "docente" if i else "coordinacion", 3, comentario=f"zeta comentario {i}")
    inf = privacidad.informe(ronda)
    assert inf.comentarios == [] and "al menos 8" in inf.motivo_comentarios
    assert "zeta comentario" not in _informe_html(entrar, ronda)
    responder(ronda, "asistente", 3, comentario="Alfa: un comentario")
    inf = privacidad.informe(ronda)
    assert inf.comentarios[0] == "Alfa: un comentario"  # orden alfabético, no de llegada
    assert len(inf.comentarios) == 8
    html = _informe_html(entrar, ronda)
    assert "Alfa: un comentario" in html


# Regla: ninguna respuesta individual en la interfaz ni en la exportación.
def test_la_exportacion_solo_trae_agregados(red, entrar):
    ronda = crear_ronda(red)
    for i in range(5):
        responder(ronda, "docente", 1 + i)
    respuesta = entrar.get(reverse("redes:informe_csv", args=[red.slug, ronda.pk]))
    assert respuesta.status_code == 200
    filas = respuesta.content.decode("utf-8-sig").strip().splitlines()
    inf = privacidad.informe(ronda)
    assert len(filas) == 1 + len(inf.caracteristicas) + len(inf.dimensiones) + len(inf.riesgos)
    assert filas[0].startswith("tipo,nombre,dimension,personas,media")
    assert all(",5," in f for f in filas[1:])  # cada fila resume a las 5 personas
    # Ni el admin expone respuestas ni códigos.
    from wagtail.snippets.models import get_snippet_models

    assert {m.__name__ for m in get_snippet_models()} & {"Respuesta", "Codigo", "Ronda"} == set()


# Regla: la distancia coordinación–demás solo si ambos grupos pasan el umbral.
def test_brecha_coordinacion_solo_si_ambos_grupos_pasan_el_umbral(red):
    ronda = crear_ronda(red)
    for _ in range(4):
        responder(ronda, "coordinacion", 5)
    for _ in range(6):
        responder(ronda, "docente", 3)
    inf = privacidad.informe(ronda)
    assert inf.brecha == [] and "cada grupo necesita al menos 5" in inf.motivo_brecha
    responder(ronda, "coordinacion", 5)
    inf = privacidad.informe(ronda)
    assert inf.brecha and all(f["distancia"] == 2.0 for f in inf.brecha)


# Los números del informe coinciden con un cálculo independiente.
def test_numeros_del_informe_coinciden_con_calculo_independiente(red):
    ronda = crear_ronda(red)
    valores = [1, 2, 4, 5, 5, 3, None]
    personas = []
    for i, v in enumerate(valores):
        por_slug = {"proposito-claro": v, "luchas-de-poder": 5 - i % 5}
        responder(ronda, "docente", (i % 5) + 1, por_slug=por_slug)
        personas.append(por_slug | {"_resto": (i % 5) + 1})
    inf = privacidad.informe(ronda)
    fila = next(f for f in inf.caracteristicas if f["termino"].slug == "proposito-claro")
    numericos = [v for v in valores if v is not None]
    assert fila["celda"].n == 6 and fila["celda"].no_sabe == 1
    assert fila["celda"].media == round(mean(numericos), 2)
    assert fila["celda"].desviacion == round(pstdev(numericos), 2)
    assert fila["celda"].distribucion == [1, 1, 1, 1, 2]
    assert fila["discrepa"] is (pstdev(numericos) >= 1)
    otra = next(f for f in inf.caracteristicas if f["termino"].slug == "confianza")
    resto = [p["_resto"] for p in personas]
    assert otra["celda"].media == round(mean(resto), 2)
    # Dimensión nuclear: media por persona de sus ítems numéricos, luego media de personas.
    from redes.models import Item

    items = list(
        Item.objects.filter(
            instrumento=ronda.instrumento, caracteristica__dimension__slug="nuclear"
        ).select_related("caracteristica")
    )
    por_persona = []
    for p in personas:
        vals = [p.get(i.caracteristica.slug, p["_resto"]) for i in items]
        vals = [v for v in vals if v is not None]
        por_persona.append(mean(vals))
    nuclear = next(d for d in inf.dimensiones if d["termino"].slug == "nuclear")
    assert nuclear["celda"].media == round(mean(por_persona), 2)
    riesgo = next(r for r in inf.riesgos if r["termino"].slug == "luchas-de-poder")
    assert riesgo["celda"].media == round(mean([5 - i % 5 for i in range(7)]), 2)
    assert riesgo["senalado"]


def test_cambio_respecto_de_la_ronda_anterior_de_la_misma_version(red):
    primera = crear_ronda(red, nombre="Primera", dias=-60)
    for _ in range(5):
        responder(primera, "docente", 2)
    segunda = crear_ronda(red, nombre="Segunda")
    for _ in range(5):
        responder(segunda, "docente", 4, por_slug={"confianza": 3})
    inf = privacidad.informe(segunda)
    assert inf.anterior is not None and inf.anterior.ronda == primera
    filas = {f["termino"].slug: f for f in inf.caracteristicas}
    assert filas["liderazgo-distribuido"]["cambio"] == 2.0
    assert filas["confianza"]["cambio"] == 1.0


def test_agregado_territorial_exige_varias_redes(inicio, coordinadora):
    rondas = []
    for i in range(3):
        r = crear_red(slug=f"red-t{i}", coordinadora=coordinadora)
        ronda = crear_ronda(r)
        for _ in range(5 if i < 2 else 3):
            responder(ronda, "docente", i + 2)
        rondas.append(ronda)
    agregado = privacidad.agregado_territorial(rondas)
    assert agregado["redes"] == 2 and agregado["filas"] == [] and "al menos 3" in agregado["motivo"]
    for _ in range(2):
        responder(rondas[2], "docente", 4)
    agregado = privacidad.agregado_territorial(rondas)
    assert agregado["redes"] == 3 and agregado["filas"][0]["media"] == 3.0
