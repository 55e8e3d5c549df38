"""El admin habla español: la editora recorre sus páginas y no encuentra los
textos en inglés que Wagtail 8 deja sin traducir (catálogo propio en locale/)."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from practicas import contenido
from practicas.models import PracticaPage, PracticasIndexPage

# Textos en inglés vistos en el admin (issue 16 y un barrido de sus páginas).
INGLES = [
    re.compile(r"\b\d+ (Pages?|Images?|Documents?)\b"),
    re.compile(r"\b\d+-\d+ of \d+"),
    re.compile(r"Search all pages"),
    re.compile(r"Privacy and access"),
    re.compile(r"Page types usage"),
    re.compile(r"There are no .{0,60} to display"),
    re.compile(r"Why not"),
    re.compile(r"etiquedas"),
    re.compile(r"unknown number"),
    re.compile(r"Revision base"),
    re.compile(r"You do not have permission"),
    re.compile(r"Show filters"),
    re.compile(r"Filter by"),
    re.compile(r"More options for"),
    re.compile(r"Sort by '"),
    re.compile(r"Usage count"),
    re.compile(r"Go to the first error"),
    re.compile(r"There are no results"),
    re.compile(r"Edit account avatar"),
    re.compile(r'aria-label="Actions"'),
    re.compile(r"Anyone can edit this"),
    re.compile(r"Show issue"),
    re.compile(r"created in Trama"),
    re.compile(r"Search…"),
]

PO = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"


def _texto_visible(html):
    html = re.sub(r"<script\b.*?</script>", " ", html, flags=re.S | re.I)
    html = re.sub(r"<template\b.*?</template>", " ", html, flags=re.S | re.I)
    return html


@pytest.fixture
def sitio(inicio, editora, coordinadora):
    from tests.test_practicas import crear_red

    indice = contenido.cargar(inicio)
    red = crear_red("red-admin", coordinadores=[coordinadora])
    practica = PracticaPage(title="Práctica en revisión", slug="en-revision", red=red)
    indice.add_child(instance=practica)
    practica.save_revision(user=coordinadora)
    return {"indice": indice, "practica": practica}


@pytest.mark.django_db
def test_el_admin_no_muestra_textos_en_ingles(sitio, editora):
    c = Client()
    c.force_login(editora)
    indice = PracticasIndexPage.objects.get()
    practica = PracticaPage.objects.get()
    urls = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{indice.pk}/",
        f"/admin/pages/{practica.pk}/edit/",
        f"/admin/pages/{practica.pk}/history/",
        f"/admin/pages/{practica.pk}/usage/",
        "/admin/pages/search/?q=pr%C3%A1ctica",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/redes/red/",
        "/admin/reports/site-history/",
        "/admin/reports/page-types-usage/",
        "/admin/redirects/",
        "/admin/account/",
    ]
    if "wagtail.contrib.search_promotions" in settings.INSTALLED_APPS:
        urls.append("/admin/searchpicks/")  # «resultados destacados» (issue 11)
    hallazgos = []
    for url in urls:
        respuesta = c.get(url)
        assert respuesta.status_code == 200, url
        texto = _texto_visible(respuesta.content.decode())
        for patron in INGLES:
            for m in patron.finditer(texto):
                hallazgos.append(f"{url}: {texto[max(0, m.start() - 40) : m.end() + 40]!r}")
    assert not hallazgos, "\n".join(hallazgos)
    # Y lo que sí debe decir.
    inicio_admin = c.get("/admin/").content.decode()
    assert "Buscar en todas las páginas…" in inicio_admin
    listado = c.get(f"/admin/pages/{indice.pk}/").content.decode()
    assert re.search(r"1-1 de 1 página", listado)


def _po(ruta):
    """{(msgid, índice de plural): msgstr} del .po (lector mínimo, sin dependencias)."""
    entradas, actual, clave = {}, {}, None

    def cerrar():
        if actual.get("msgid"):
            if "msgid_plural" in actual:
                for k, v in actual.items():
                    if k.startswith("msgstr["):
                        entradas[(actual["msgid"], int(k[7:-1]))] = v
            else:
                entradas[(actual["msgid"], None)] = actual.get("msgstr", "")

    for linea in ruta.read_text(encoding="utf-8").splitlines():
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', linea)
        if m:
            if m.group(1) in ("msgid", "msgctxt") and "msgstr" in "".join(actual):
                cerrar()
                actual = {}
            clave = m.group(1)
            actual[clave] = m.group(2).encode().decode("unicode_escape").encode("latin-1").decode()
        elif linea.startswith('"') and clave:
            actual[clave] += (
                linea[1:-1].encode().decode("unicode_escape").encode("latin-1").decode()
            )
    cerrar()
    return entradas


def test_el_mo_del_repositorio_esta_al_dia_con_el_po():
    """El .mo va en el repositorio (una instalación nueva no necesita gettext):
    debe traducir exactamente lo que dice el .po."""
    mo = PO.with_suffix(".mo")
    assert mo.exists()
    with mo.open("rb") as archivo:
        catalogo = gettext.GNUTranslations(archivo)
    entradas = _po(PO)
    assert len(entradas) > 300
    for (msgid, plural), msgstr in entradas.items():
        if plural is None:
            assert catalogo.gettext(msgid) == msgstr, msgid
    with translation.override("es-cl"):
        assert translation.gettext("Privacy and access") == "Privacidad y acceso"
        assert translation.gettext("Search all pages…") == "Buscar en todas las páginas…"
