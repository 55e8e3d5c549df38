"""Modo de sesión grupal: cada integrante puntúa en su teléfono, la coordinación ve
la distribución de la sala (sin nombres, con el mínimo de personas) y registra el
nivel acordado, la evidencia y el nivel meta (privacidad.py, regla 7)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from portal.models import Caracteristica
from redes import privacidad
from redes.models import Acuerdo, Codigo, Respuesta, Ronda

from .fabrica_redes import crear_red, crear_ronda, responder

LIDERAZGO = "liderazgo-distribuido"


@pytest.fixture
def sesion(red):
    return crear_ronda(red, estado=Ronda.ABIERTA, modo=Ronda.SESION)


def _url(ronda, nombre="redes:sala_caracteristica", slug=LIDERAZGO):
    args = [ronda.red.slug, ronda.pk] + ([slug] if nombre == "redes:sala_caracteristica" else [])
    return reverse(nombre, args=args)


def _texto(respuesta):
    """El texto que se lee en la página (sin etiquetas)."""
    return " ".join(re.sub(r"<[^>]+>", " ", respuesta.content.decode()).split())


def _en_sala(ronda, valor, **extra):
    """Una persona que puntuó en la sala (guardó, sin «enviar»: cuenta igual)."""
    return responder(ronda, "docente", valor, estado=Codigo.EN_CURSO, **extra)


def test_la_distribucion_nunca_se_muestra_con_menos_del_minimo(sesion, entrar):
    for valor in (3, 3, 4, 4):
        _en_sala(sesion, valor)
    html = entrar.get(_url(sesion)).content.decode()
    assert "4 personas la puntuaron" in _texto(entrar.get(_url(sesion)))
    assert "Distribución de la sala en" not in html and "<svg" not in html
    r = entrar.post(_url(sesion), {"accion": "mostrar"})
    html = r.content.decode()
    assert r.status_code == 400
    assert "Todavía no hay suficientes respuestas: 4 personas la puntuaron" in html
    assert "al menos 5" in html and "La votación sigue abierta" in html
    assert "<svg" not in html
    assert not Acuerdo.objects.filter(mostrada_en__isnull=False).exists()
    # «No sé» no cuenta para el mínimo: alguien más que no sabe no la destraba.
    _en_sala(sesion, 3, por_slug={LIDERAZGO: None})
    assert entrar.post(_url(sesion), {"accion": "mostrar"}).status_code == 400
    # Con la quinta persona que puntúa, se cierra y se ve la distribución entera.
    _en_sala(sesion, 5)
    r = entrar.post(_url(sesion), {"accion": "mostrar"})
    assert r.status_code == 302
    html = entrar.get(_url(sesion)).content.decode()
    assert "6 personas la puntuaron · votación cerrada" in _texto(entrar.get(_url(sesion)))
    tabla = re.search(r'<table class="tabla-datos">.*?</table>', html, re.S).group(0)
    filas = dict(re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', tabla))
    assert [int(v) for v in filas.values()] == [0, 0, 2, 2, 1, 1]  # 1..5 y «no sé»
    assert "No sé / no aplica" in filas
    assert "<svg" in html and "docente" not in tabla.lower()
    # Las demás características siguen en votación: solo su conteo.
    otra = _url(sesion, slug="confianza")
    assert "<svg" not in entrar.get(otra).content.decode()


def test_al_cerrar_la_votacion_nadie_cambia_su_puntaje_en_ella(sesion, entrar):
    for valor in (2, 2, 2, 2, 2):
        _en_sala(sesion, valor)
    (codigo,) = Codigo.generar(sesion, 1)
    telefono = Client()
    assert telefono.post(reverse("redes:responder"), {"codigo": codigo}).status_code == 302
    telefono.post(reverse("redes:responder_seccion", args=[0]), {"rol": "docente"})
    # En la sesión hay una página por característica; la de liderazgo distribuido:
    from redes.views import _secciones

    secciones = _secciones(sesion.instrumento, sesion=True)
    numero, (_clave, titulo, items) = next(
        (n, s) for n, s in enumerate(secciones, 1) if s[0] == LIDERAZGO
    )
    assert titulo == "Liderazgo distribuido" and all(
        i.caracteristica.slug == LIDERAZGO for i in items
    )
    assert entrar.post(_url(sesion), {"accion": "mostrar"}).status_code == 302
    antes = privacidad.sala(sesion, solo=Caracteristica.objects.get(slug=LIDERAZGO))[0]
    url = reverse("redes:responder_seccion", args=[numero])
    html = telefono.get(url).content.decode()
    assert "La sala ya cerró la votación de esta característica" in html
    r = telefono.post(url, {f"item_{i.pk}": "5" for i in items} | {"ir": "siguiente"})
    assert r.status_code == 302
    assert not Respuesta.objects.filter(codigo__ronda=sesion, valor=5).exists()
    despues = privacidad.sala(sesion, solo=Caracteristica.objects.get(slug=LIDERAZGO))[0]
    assert despues.celda.distribucion == antes.celda.distribucion == [0, 5, 0, 0, 0]


def test_con_la_ronda_cerrada_la_sala_aplica_el_minimo(red, entrar):
    ronda = crear_ronda(red, modo=Ronda.SESION)
    for _ in range(4):
        _en_sala(ronda, 3)
    (fila,) = privacidad.sala(ronda, solo=Caracteristica.objects.get(slug=LIDERAZGO))
    assert fila.mostrada and fila.celda is None
    assert "Todavía no hay suficientes respuestas" in fila.motivo
    assert "<svg" not in entrar.get(_url(ronda)).content.decode()


def test_la_sala_es_solo_de_su_coordinacion_y_de_rondas_en_sesion(
    sesion, client, crear_usuario, editora
):
    from portal.permisos import COORDINADORES

    otra = crear_usuario("otra", grupo=COORDINADORES)
    crear_red(slug="red-propia", coordinadora=otra)
    for _ in range(5):
        _en_sala(sesion, 4)
    for usuario in (otra, editora):
        client.force_login(usuario)
        assert client.get(_url(sesion, "redes:sala")).status_code == 404
        assert client.get(_url(sesion)).status_code == 404
        assert client.post(_url(sesion), {"accion": "mostrar"}).status_code == 404
        r = client.post(
            _url(sesion), {"accion": "acuerdo", "nivel": 3, "meta": 4, "evidencia": "x"}
        )
        assert r.status_code == 404
        assert (
            client.get(
                reverse("redes:sala_caracteristica", args=["red-propia", sesion.pk, LIDERAZGO])
            ).status_code
            == 404
        )
    assert not Acuerdo.objects.exists()
    client.logout()
    assert client.get(_url(sesion, "redes:sala")).status_code == 302
    # Una ronda individual no tiene sala; una característica que no existe, tampoco.
    client.force_login(sesion.red.coordinadores.first())
    individual = crear_ronda(sesion.red, nombre="Individual")
    assert client.get(_url(individual, "redes:sala")).status_code == 404
    assert client.get(_url(sesion, slug="no-existe")).status_code == 404
    assert client.get(_url(sesion, "redes:sala")).status_code == 200


def test_el_acuerdo_se_guarda_sin_perder_lo_escrito_y_sale_en_el_informe(sesion, entrar):
    for valor in (2, 2, 3, 3, 4, 2):
        _en_sala(sesion, valor)
    evidencia = "Las actas muestran que solo la coordinación conduce las sesiones."
    r = entrar.post(_url(sesion), {"accion": "acuerdo", "evidencia": evidencia, "meta": "7"})
    html = r.content.decode()
    assert r.status_code == 400
    assert "Elija el nivel que acordó la sala" in html and "Elija un nivel de 1 a 5" in html
    assert evidencia in html
    r = entrar.post(_url(sesion), {"accion": "acuerdo", "nivel": "4", "meta": "2", "evidencia": ""})
    html = r.content.decode()
    assert r.status_code == 400
    assert "no puede ser menor que el nivel acordado (4)" in html
    assert "Escriba la evidencia" in html
    assert 'value="4" required id="id_nivel_3" checked' in html or re.search(
        r'value="4"[^>]*checked', html
    )
    r = entrar.post(
        _url(sesion), {"accion": "acuerdo", "nivel": "2", "meta": "4", "evidencia": evidencia}
    )
    assert r.status_code == 302
    acuerdo = Acuerdo.objects.get(ronda=sesion, caracteristica__slug=LIDERAZGO)
    assert (acuerdo.nivel, acuerdo.meta, acuerdo.evidencia) == (2, 4, evidencia)
    assert "nivel 2, meta 4" in entrar.get(_url(sesion)).content.decode()
    # Abierta: el informe aún no trae medias, pero sí lo acordado.
    html = entrar.get(_url(sesion, "redes:informe")).content.decode()
    assert "Lo que acordó la sala" in html and evidencia in html
    assert "2,67" not in html
    # Cerrada: lo acordado junto a la media individual (2, 2, 3, 3, 4, 2 → 2,67).
    sesion.cerrar()
    html = entrar.get(_url(sesion, "redes:informe")).content.decode()
    fila = re.search(r"<tr><th scope=\"row\">Liderazgo distribuido</th><td>2,67</td>.*?</tr>", html)
    assert fila and "<td>2</td><td>4</td>" in fila.group(0) and evidencia in fila.group(0)
    html = entrar.get(_url(sesion, "redes:plan")).content.decode()
    assert "acordado 2, meta 4" in html


def test_una_red_chica_planifica_con_lo_acordado(red, entrar):
    ronda = crear_ronda(red, modo=Ronda.SESION)
    for _ in range(3):
        _en_sala(ronda, 3)
    Acuerdo.objects.create(
        ronda=ronda,
        caracteristica=Caracteristica.objects.get(slug="confianza"),
        nivel=3,
        meta=5,
        evidencia="Nos visitamos las aulas.",
    )
    html = entrar.get(_url(ronda, "redes:informe")).content.decode()
    assert "Todavía no hay suficientes respuestas" in html
    assert "Nos visitamos las aulas." in html
    r = entrar.get(_url(ronda, "redes:plan"))
    assert r.status_code == 200 and "acordado 3, meta 5" in r.content.decode()


def test_en_sesion_cuenta_lo_guardado_y_en_individual_solo_lo_enviado(red):
    sesion = crear_ronda(red, estado=Ronda.ABIERTA, modo=Ronda.SESION)
    individual = crear_ronda(red, estado=Ronda.ABIERTA, nombre="Individual")
    for ronda in (sesion, individual):
        _en_sala(ronda, 3)
        responder(ronda, "docente", 3)
        Codigo.generar(ronda, 2)  # sin usar: no cuentan
    assert privacidad.personas_que_respondieron(sesion) == 2
    assert privacidad.personas_que_respondieron(individual) == 1


def test_abrir_una_ronda_en_sesion_grupal(red, entrar):
    from django.utils import timezone

    from redes.contenido import cargar_instrumento

    cargar_instrumento()
    hoy = timezone.localdate()
    datos = {"nombre": "Sesión de junio", "inicio": hoy, "termino": hoy, "cantidad": 6}
    r = entrar.post(_url_autoevaluacion(red), datos | {"modo": "otro"})
    assert r.status_code == 400 and "Elija uno de los dos modos" in r.content.decode()
    assert "Sesión de junio" in r.content.decode()
    r = entrar.post(_url_autoevaluacion(red), datos | {"modo": "sesion"})
    assert r.status_code == 200 and "ir a la sala" in r.content.decode()
    ronda = Ronda.objects.get(nombre="Sesión de junio")
    assert ronda.es_sesion and ronda.codigos.count() == 6


def _url_autoevaluacion(red):
    return reverse("redes:autoevaluacion", args=[red.slug])
