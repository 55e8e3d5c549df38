"""Informe de una ronda en PDF (redes/pdf.py): mismos agregados que el HTML,
gráficos y tablas, texto en español que se puede leer y buscar."""

import io
import re

from django.urls import reverse
from pypdf import PdfReader

from portal.models import Caracteristica
from redes.models import Acuerdo, Ronda

from .fabrica_redes import crear_red, crear_ronda, responder


def _pdf(client, ronda):
    r = client.get(reverse("redes:informe_pdf", args=[ronda.red.slug, ronda.pk]))
    assert r.status_code == 200, r.status_code
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"].startswith("attachment;")
    assert r.content.startswith(b"%PDF")
    lector = PdfReader(io.BytesIO(r.content))
    return lector, " ".join(" ".join(p.extract_text() for p in lector.pages).split())


def test_el_pdf_trae_los_mismos_numeros_que_el_informe(red, entrar):
    ronda = crear_ronda(red, nombre="Primer semestre")
    valores = [(2, 5), (3, 4), (4, 4), (4, 3), (5, 3), (3, 2)]
    for a, b in valores:
        responder(ronda, "docente", 3, por_slug={"liderazgo-distribuido": a, "confianza": b})
    html = entrar.get(reverse("redes:informe", args=[red.slug, ronda.pk])).content.decode()
    html = re.sub(r">\s+<", "><", html)
    assert "Descargar PDF" in html
    lector, texto = _pdf(entrar, ronda)
    assert len(lector.pages) >= 2
    assert "Informe de autoevaluación: Primer semestre" in texto
    assert red.nombre in texto and "6 personas respondieron" in texto
    assert "Sesión grupal" not in texto
    # Cada característica con su media, la misma del HTML.
    filas = re.findall(
        r'<tr><th scope="row">([^<]+?)(?: <span[^>]*>[^<]*</span>)?</th><td>[^<]*</td><td>\d+</td>'
        r"<td>([\d,]+)</td>",
        html,
    )
    assert len(filas) == Caracteristica.objects.count()
    for nombre, media in filas:
        assert nombre in texto, nombre
        assert re.search(re.escape(nombre) + r".{0,120}?" + re.escape(media), texto), (
            nombre,
            media,
        )
    medias = dict(filas)
    assert (
        medias["Liderazgo distribuido"] == "3,50"
        and medias["Confianza personal y profesional"] == "3,50"
    )
    assert "3,50" in texto and "3,00" in texto
    # Tablas de dimensiones y riesgos, gráficos con su título, acentos y comillas.
    assert "Puntaje por dimensión" in texto and "Señales de alerta" in texto
    assert "Puntaje medio por característica, Primer semestre (1 a 5)" in texto
    assert "«casi nunca»" in texto and "(“compañero durmiente”)" in texto
    assert "Luchas de poder 6 3,00 0 · 0 · 6 · 0 · 0 Sí, señalado" in texto
    assert "Personas por nivel (1 · 2 · 3 · 4 · 5)" in texto


def test_con_menos_del_minimo_el_pdf_dice_por_que_no_hay_puntajes(red, entrar):
    ronda = crear_ronda(red)
    for _ in range(3):
        responder(ronda, "docente", 4)
    _, texto = _pdf(entrar, ronda)
    assert "No hay puntajes en este informe" in texto
    assert "Todavía no hay suficientes respuestas: respondieron 3 personas" in texto
    assert "al menos 5" in texto
    assert "4,00" not in texto and "Puntaje por característica" not in texto
    abierta = crear_ronda(red, estado=Ronda.ABIERTA, nombre="Abierta")
    for _ in range(6):
        responder(abierta, "docente", 4)
    _, texto = _pdf(entrar, abierta)
    assert "La ronda sigue abierta" in texto and "4,00" not in texto


def test_el_pdf_de_una_sesion_trae_lo_acordado(red, entrar):
    ronda = crear_ronda(red, modo=Ronda.SESION)
    for _ in range(5):
        responder(ronda, "docente", 3)
    Acuerdo.objects.create(
        ronda=ronda,
        caracteristica=Caracteristica.objects.get(slug="confianza"),
        nivel=3,
        meta=4,
        evidencia="Nos visitamos las aulas y comentamos con franqueza.",
    )
    _, texto = _pdf(entrar, ronda)
    assert "Sesión grupal" in texto and "Lo que acordó la sala" in texto
    assert "Nos visitamos las aulas y comentamos con franqueza." in texto
    assert "Nivel acordado por la sala y nivel meta" in texto


def test_otra_coordinadora_no_descarga_el_pdf(red, client, crear_usuario, editora):
    from portal.permisos import COORDINADORES

    ronda = crear_ronda(red)
    for _ in range(5):
        responder(ronda, "docente", 3)
    otra = crear_usuario("otra", grupo=COORDINADORES)
    propia = crear_red(slug="red-propia", coordinadora=otra)
    for usuario in (otra, editora):
        client.force_login(usuario)
        assert (
            client.get(reverse("redes:informe_pdf", args=[red.slug, ronda.pk])).status_code == 404
        )
        assert (
            client.get(reverse("redes:informe_pdf", args=[propia.slug, ronda.pk])).status_code
            == 404
        )
    client.logout()
    assert client.get(reverse("redes:informe_pdf", args=[red.slug, ronda.pk])).status_code == 302
