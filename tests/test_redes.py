"""Redes: página pública, listado en el motor, contacto, edición, rondas,
respuesta con código, plan y recomendaciones, y quién ve qué."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from busqueda.motores import ConsultaBusqueda, motor_local
from portal.models import Caracteristica, NivelEducativo
from practicas import contenido as contenido_practicas
from practicas.models import PracticaPage
from redes.contenido import ITEMS, cargar_instrumento
from redes.models import Codigo, Instrumento, Plan, Red, Respuesta, Ronda, hash_codigo
from redes.views import _secciones

from .fabrica_redes import crear_red, crear_ronda, responder


@pytest.fixture(autouse=True)
def sin_contadores():
    """Los límites de tasa cuentan en la caché: cada prueba empieza de cero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def red(inicio, coordinadora):
    return crear_red(coordinadora=coordinadora, numero_establecimientos=6, rural=True, desde=2019)


@pytest.fixture
def otra_coordinadora(crear_usuario):
    from portal.permisos import COORDINADORES

    return crear_usuario("otra", grupo=COORDINADORES)


def _publicar(indice, titulo, red, caracteristicas=(), niveles=()):
    pagina = PracticaPage(title=titulo, red=red, resumen=f"Resumen de {titulo}.")
    pagina.caracteristicas = list(Caracteristica.objects.filter(slug__in=caracteristicas))
    pagina.niveles = list(NivelEducativo.objects.filter(slug__in=niveles))
    indice.add_child(instance=pagina)
    pagina.save_revision().publish()
    return pagina


# --- instrumento ----------------------------------------------------------------------------


def test_instrumento_inicial_cubre_el_marco_y_se_carga_una_vez(inicio):
    instrumento, n = cargar_instrumento()
    assert n == len(ITEMS)
    assert cargar_instrumento() == (instrumento, 0)
    assert Instrumento.objects.count() == 1 and instrumento.vigente
    por_caracteristica = {}
    for item in instrumento.items.all():
        if item.caracteristica_id:
            por_caracteristica[item.caracteristica.slug] = (
                por_caracteristica.get(item.caracteristica.slug, 0) + 1
            )
    assert set(por_caracteristica) == set(Caracteristica.objects.values_list("slug", flat=True))
    assert all(2 <= n <= 4 for n in por_caracteristica.values())
    riesgos = instrumento.items.filter(riesgo__isnull=False)
    assert riesgos.count() == 6 and riesgos.values("riesgo").distinct().count() == 6
    item = instrumento.items.get(texto__startswith="Distintas personas, no solo")
    assert item.texto_para("coordinacion").startswith("Otras personas, además de quienes")
    assert item.texto_para("docente") == item.texto


def test_una_version_con_rondas_no_se_edita(red):
    ronda = crear_ronda(red)
    instrumento = ronda.instrumento
    instrumento.nivel_3 = "Otro texto"
    with pytest.raises(Exception, match="versión nueva"):
        instrumento.full_clean()
    nueva = Instrumento.objects.create(
        nombre=instrumento.nombre,
        version=2,
        vigente=True,
        **{f"nivel_{i}": f"n{i}" for i in range(1, 6)},
    )
    assert Instrumento.actual() == nueva
    assert not Instrumento.objects.get(pk=instrumento.pk).vigente
    # Dos rondas de versiones distintas no se comparan.
    otra = crear_ronda(red, nombre="Con la versión 2", dias=5, instrumento=nueva)
    assert otra.anterior() is None


# --- página pública, listado y búsqueda -----------------------------------------------------


def test_pagina_publica_muestra_datos_y_practicas_sin_correos(red, client):
    indice = contenido_practicas.cargar(Page.objects.get(depth=2).specific)
    _publicar(indice, "Práctica publicada de la red", red)
    red.niveles.add(NivelEducativo.objects.get(slug="basica"))
    html = client.get(f"/redes/{red.slug}/").content.decode()
    assert red.nombre in html and "Propósito de red-a." in html
    assert "Práctica publicada de la red" in html
    assert "Educación básica" in html and "2019" in html
    assert "Rural o multigrado</dt><dd>Sí" in html
    assert "coordinadora@ejemplo.cl" not in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert client.get("/redes/no-existe/").status_code == 404


def test_escribir_a_la_red_envia_a_cada_coordinador_por_separado(
    red, client, crear_usuario, django_capture_on_commit_callbacks
):
    red.coordinadores.add(crear_usuario("segunda"))
    datos = {"nombre": "Ana", "correo": "ana@escuela.cl", "mensaje": "¿Podemos visitarlos?"}
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(f"/redes/{red.slug}/escribir/", datos)
    assert r.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["coordinadora@ejemplo.cl", "segunda@ejemplo.cl"]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    assert mail.outbox[0].reply_to == ["ana@escuela.cl"]
    assert "¿Podemos visitarlos?" in mail.outbox[0].body
    # Límite de envíos: el cuarto mensaje en la hora se rechaza y conserva el texto.
    for _ in range(2):
        client.post(f"/redes/{red.slug}/escribir/", datos)
    r = client.post(f"/redes/{red.slug}/escribir/", datos)
    assert r.status_code == 429 and "¿Podemos visitarlos?" in r.content.decode()


def test_una_red_recibe_hasta_20_mensajes_al_dia_desde_distintas_conexiones(red):
    datos = {"nombre": "Ana", "correo": "ana@escuela.cl", "mensaje": "Mensaje número"}
    for n in range(20):
        r = Client(REMOTE_ADDR=f"10.0.0.{n + 1}").post(f"/redes/{red.slug}/escribir/", datos)
        assert r.status_code == 302, n
    r = Client(REMOTE_ADDR="10.0.1.1").post(f"/redes/{red.slug}/escribir/", datos)
    assert r.status_code == 429 and "Mensaje número" in r.content.decode()
    # El tope es de esa red: otra red sigue recibiendo.
    otra = crear_red(slug="red-b")
    r = Client(REMOTE_ADDR="10.0.1.1").post(f"/redes/{otra.slug}/escribir/", datos)
    assert r.status_code == 302


def test_escribir_a_la_red_exige_csrf_y_datos_validos(red):
    cliente = Client(enforce_csrf_checks=True)
    r = cliente.post(
        f"/redes/{red.slug}/escribir/", {"nombre": "A", "correo": "a@b.cl", "mensaje": "x"}
    )
    assert r.status_code == 403
    r = Client().post(
        f"/redes/{red.slug}/escribir/", {"nombre": "A", "correo": "no-es-correo", "mensaje": "hola"}
    )
    assert r.status_code == 400 and "hola" in r.content.decode()
    assert mail.outbox == []


def test_listado_y_buscar_usan_el_motor_con_facetas(inicio, coordinadora):
    crear_red(
        slug="rural-eib", slep="costa-araucania", tipo="microcentro-rural", rural=True, eib=True
    )
    crear_red(slug="urbana", slep="barrancas", tipo="utp")
    html = Client().get("/redes/", {"rural": "si"}).content.decode()
    assert "Red rural-eib" in html and "Red urbana" not in html
    html = Client().get("/redes/", {"eib": "si", "slep": "costa-araucania"}).content.decode()
    assert "Red rural-eib" in html and "1 red" in html
    r = motor_local().buscar(ConsultaBusqueda(filtros={"tipo": ["red"]}))
    assert {x.slug for x in r.resultados} == {"rural-eib", "urbana"}
    assert "Red urbana" in Client().get("/buscar/", {"tipo": "red"}).content.decode()
    assert Client().get("/redes/", {"pagina": "x"}).status_code == 400


def test_editar_la_red_reindexa_y_solo_su_coordinacion_puede(red, client, otra_coordinadora):
    url = reverse("redes:editar", args=[red.slug])
    client.force_login(otra_coordinadora)
    assert client.get(url).status_code == 404
    client.force_login(red.coordinadores.first())
    datos = {
        "proposito": "Nuevo propósito compartido",
        "numero_establecimientos": "8",
        "desde": "2015",
        "eib": "on",
        "niveles": [NivelEducativo.objects.get(slug="basica").pk],
    }
    assert client.post(url, datos).status_code == 302
    red.refresh_from_db()
    assert red.eib and not red.rural and red.desde == 2015
    r = motor_local().buscar(ConsultaBusqueda(filtros={"tipo": ["red"], "eib": ["si"]}))
    assert [x.slug for x in r.resultados] == [red.slug]
    r = client.post(url, {**datos, "desde": "3000"})
    assert r.status_code == 400 and "Nuevo propósito compartido" in r.content.decode()


# --- rondas y códigos -----------------------------------------------------------------------


def _abrir(client, red, cantidad=6):
    cargar_instrumento()
    hoy = timezone.localdate()
    r = client.post(
        reverse("redes:autoevaluacion", args=[red.slug]),
        {
            "nombre": "Ronda de prueba",
            "inicio": hoy.isoformat(),
            "termino": (hoy + datetime.timedelta(days=30)).isoformat(),
            "cantidad": cantidad,
        },
    )
    assert r.status_code == 200, r.content.decode()[:2000]
    return re.findall(r'<code class="codigo">([A-Z0-9-]+)</code>', r.content.decode())


def _responder_todo(cliente, codigo, rol="docente", valor="4", enviar=True):
    r = cliente.post(reverse("redes:responder"), {"codigo": codigo})
    assert r.status_code == 302, r.content.decode()[:1500]
    cliente.post(reverse("redes:responder_seccion", args=[0]), {"rol": rol})
    ronda = Codigo.objects.get(hash=hash_codigo(codigo)).ronda
    secciones = _secciones(ronda.instrumento)
    for n, (_c, _t, items) in enumerate(secciones, 1):
        r = cliente.post(
            reverse("redes:responder_seccion", args=[n]), {f"item_{i.pk}": valor for i in items}
        )
        assert r.status_code == 302
    if enviar:
        return cliente.post(
            reverse("redes:responder_seccion", args=[len(secciones) + 1]),
            {"accion": "enviar", "comentario": ""},
        )
    return None


def test_codigos_de_un_solo_uso_imposibles_de_adivinar(red, client):
    client.force_login(red.coordinadores.first())
    codigos = _abrir(client, red, cantidad=30)
    assert len(codigos) == len(set(codigos)) == 30
    assert all(
        re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", c) for c in codigos
    )
    # Solo se guarda la huella: el código no está en la base.
    assert not Codigo.objects.filter(hash__in=codigos).exists()
    assert Codigo.objects.filter(ronda__red=red).exclude(rol="").count() == 0
    persona = Client()
    r = _responder_todo(persona, codigos[0])
    assert "Gracias" in r.content.decode()
    r = Client().post(reverse("redes:responder"), {"codigo": codigos[0].lower()})
    assert r.status_code == 400 and "ya se usó" in r.content.decode()
    r = Client().get(reverse("redes:responder"), {"codigo": "AAAA-BBBB-CCCC"})
    assert r.status_code == 400 and "no existe" in r.content.decode()


def test_se_retoma_con_el_mismo_codigo_sin_perder_lo_guardado(red, client):
    client.force_login(red.coordinadores.first())
    codigo = _abrir(client, red, cantidad=1)[0]
    telefono = Client()
    telefono.post(reverse("redes:responder"), {"codigo": codigo})
    telefono.post(reverse("redes:responder_seccion", args=[0]), {"rol": "docente"})
    ronda = Ronda.objects.get(red=red)
    item = ronda.instrumento.items.order_by("sort_order").first()
    telefono.post(reverse("redes:responder_seccion", args=[1]), {f"item_{item.pk}": "2"})
    # Se corta la conexión; otro dispositivo, mismo código: sigue donde quedó.
    otro = Client()
    r = otro.post(reverse("redes:responder"), {"codigo": codigo})
    assert r.url == reverse("redes:responder_seccion", args=[1])
    html = otro.get(r.url).content.decode()
    assert re.search(rf'name="item_{item.pk}" value="2"[^>]*checked', html)
    r = otro.post(
        reverse(
            "redes:responder_seccion",
            args=[len(_secciones(ronda.instrumento)) + 1],
        ),
        {"accion": "enviar"},
    )
    assert r.status_code == 400 and "faltan" in r.content.decode().lower()
    assert Codigo.objects.get(hash=hash_codigo(codigo)).estado == Codigo.EN_CURSO


def test_cerrar_con_respuestas_en_curso_conserva_las_enviadas(red, client):
    client.force_login(red.coordinadores.first())
    codigos = _abrir(client, red, cantidad=7)
    for c in codigos[:5]:
        _responder_todo(Client(), c)
    a_medias = Client()
    _responder_todo(a_medias, codigos[5], enviar=False)
    ronda = Ronda.objects.get(red=red)
    html = client.get(reverse("redes:ronda", args=[red.slug, ronda.pk])).content.decode()
    assert "<strong>5</strong> personas respondieron" in html
    r = client.post(reverse("redes:ronda", args=[red.slug, ronda.pk]), {"accion": "cerrar"})
    assert r.status_code == 302
    ronda.refresh_from_db()
    assert not ronda.abierta
    assert (
        Respuesta.objects.filter(codigo__ronda=ronda, codigo__estado=Codigo.ENVIADO).count()
        == 5 * ronda.instrumento.items.count()
    )
    r = a_medias.post(reverse("redes:responder_seccion", args=[6]), {"accion": "enviar"})
    assert r.status_code == 410 and "ya se cerró" in r.content.decode()
    html = client.get(reverse("redes:informe", args=[red.slug, ronda.pk])).content.decode()
    assert "5 personas respondieron" in html and "4,00" in html


def test_limite_de_codigos_incorrectos(red):
    cliente = Client()
    for _ in range(10):
        assert (
            cliente.post(reverse("redes:responder"), {"codigo": "ZZZZ-ZZZZ-ZZZZ"}).status_code
            == 400
        )
    r = cliente.post(reverse("redes:responder"), {"codigo": "ZZZZ-ZZZZ-ZZZZ"})
    assert r.status_code == 429 and "Demasiados códigos incorrectos" in r.content.decode()
    # Ni siquiera un código bueno pasa desde esa conexión; desde otra, sí.
    ronda = crear_ronda(red, estado=Ronda.ABIERTA)
    (codigo,) = Codigo.generar(ronda, 1)
    assert cliente.post(reverse("redes:responder"), {"codigo": codigo}).status_code == 429
    otra = Client(REMOTE_ADDR="10.9.9.9")
    assert otra.post(reverse("redes:responder"), {"codigo": codigo}).status_code == 302


# --- quién ve qué ---------------------------------------------------------------------------


def test_otra_coordinadora_no_ve_nada_ni_por_url(red, client, otra_coordinadora, editora):
    ronda = crear_ronda(red)
    for _ in range(5):
        responder(ronda, "docente", 3)
    urls = [
        reverse("redes:autoevaluacion", args=[red.slug]),
        reverse("redes:ronda", args=[red.slug, ronda.pk]),
        reverse("redes:informe", args=[red.slug, ronda.pk]),
        reverse("redes:informe_csv", args=[red.slug, ronda.pk]),
        reverse("redes:plan", args=[red.slug, ronda.pk]),
        reverse("redes:editar", args=[red.slug]),
    ]
    propia = crear_red(slug="red-propia", coordinadora=otra_coordinadora)
    for usuario in (otra_coordinadora, editora):
        client.force_login(usuario)
        for url in urls:
            assert client.get(url).status_code == 404, (usuario, url)
        # Tampoco con su propia red y el id de una ronda ajena.
        assert client.get(reverse("redes:informe", args=[propia.slug, ronda.pk])).status_code == 404
        assert client.post(urls[1], {"accion": "cerrar"}).status_code == 404
    client.logout()
    assert client.get(urls[2]).status_code == 302  # sin sesión: a entrar
    client.force_login(red.coordinadores.first())
    assert all(client.get(u).status_code in (200, 302) for u in urls)


def test_la_dep_ve_solo_agregados(red, client, editora):
    client.force_login(editora)
    ronda = crear_ronda(red)
    for _ in range(6):
        responder(ronda, "docente", 3)
    html = client.get(reverse("redes_informe_dep")).content.decode()
    assert "SLEP Barrancas" in html or "Barrancas" in html
    assert "1 con informe (6 personas)" in html and "al menos 3 redes" in html
    assert "3,00" not in html


def test_la_red_puede_publicar_el_resumen_de_su_ultimo_informe(red, client):
    ronda = crear_ronda(red)
    for _ in range(5):
        responder(ronda, "docente", 4)
    assert "Cómo se ve la red a sí misma" not in client.get(f"/redes/{red.slug}/").content.decode()
    Red.objects.filter(pk=red.pk).update(publicar_resumen=True)
    html = client.get(f"/redes/{red.slug}/").content.decode()
    assert "Cómo se ve la red a sí misma" in html and "<svg" in html and "4,0" in html


# --- plan y recomendaciones -----------------------------------------------------------------


def test_recomendaciones_traen_la_caracteristica_y_primero_redes_parecidas(red, client, inicio):
    indice = contenido_practicas.cargar(Page.objects.get(depth=2).specific)
    red.niveles.add(NivelEducativo.objects.get(slug="basica"))
    parecida = crear_red(slug="parecida", slep="barrancas", tipo="utp", rural=True)
    parecida.niveles.add(NivelEducativo.objects.get(slug="basica"))
    distinta = crear_red(slug="distinta", slep="huasco", tipo="directores")
    _publicar(
        indice, "De red distinta con liderazgo", distinta, ["liderazgo-distribuido"], ["media-tp"]
    )
    _publicar(
        indice, "De red parecida con liderazgo", parecida, ["liderazgo-distribuido"], ["basica"]
    )
    _publicar(indice, "Sin la característica", parecida, ["confianza"], ["basica"])
    ronda = crear_ronda(red)
    for _ in range(5):
        responder(ronda, "docente", 3)
    client.force_login(red.coordinadores.first())
    ids = [
        Caracteristica.objects.get(slug=s).pk
        for s in ("liderazgo-distribuido", "corresponsabilidad")
    ]
    r = client.get(reverse("redes:plan", args=[red.slug, ronda.pk]), {"caracteristicas": ids})
    html = r.content.decode()
    assert r.status_code == 200
    assert "Sin la característica" not in html
    assert html.index("De red parecida con liderazgo") < html.index("De red distinta con liderazgo")
    # Guardar el plan (2 características y una acción) y verlo en la siguiente ronda.
    datos = {
        "caracteristicas": ids,
        "acciones-TOTAL_FORMS": "1",
        "acciones-INITIAL_FORMS": "0",
        "acciones-0-descripcion": "Turnos para conducir",
        "acciones-0-responsable": "UTP",
    }
    assert client.post(reverse("redes:plan", args=[red.slug, ronda.pk]), datos).status_code == 302
    assert list(Plan.objects.get(ronda=ronda).caracteristicas.values_list("slug", flat=True)) != []
    siguiente = crear_ronda(red, nombre="Ronda 2", dias=30)
    for _ in range(5):
        responder(siguiente, "docente", 4)
    html = client.get(reverse("redes:informe", args=[red.slug, siguiente.pk])).content.decode()
    assert "Lo que la red eligió trabajar en la ronda anterior" in html
    assert "de 3,00 a 4,00 (subió 1,00)" in html
    # Una sola característica no basta.
    r = client.post(
        reverse("redes:plan", args=[red.slug, ronda.pk]), {**datos, "caracteristicas": ids[:1]}
    )
    assert r.status_code == 400 and "Elija 2 o 3" in r.content.decode()


def test_redes_como_la_mia_ordena_por_parecido(inicio):
    crear_red(slug="muy-parecida", slep="huasco", tipo="microcentro-rural", rural=True)
    crear_red(slug="algo-parecida", slep="barrancas", tipo="microcentro-rural")
    crear_red(slug="nada-parecida", slep="barrancas", tipo="utp")
    from portal.models import Slep, TipoRed

    datos = {
        "slep": Slep.objects.get(slug="huasco").pk,
        "tipo": TipoRed.objects.get(slug="microcentro-rural").pk,
        "rural": "si",
    }
    html = Client().get(reverse("redes:como_la_mia"), datos).content.decode()
    assert html.index("Red muy-parecida") < html.index("Red algo-parecida")
    assert "Red nada-parecida" not in html
    assert Client().get(reverse("redes:como_la_mia"), {"rural": ""}).status_code == 400
    assert Client().get(reverse("redes:como_la_mia"), {"slep": "x"}).status_code == 400
