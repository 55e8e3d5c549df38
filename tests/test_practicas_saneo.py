"""Saneo de texto enriquecido y validación de documentos del formulario público."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from practicas.saneo import (
    html_a_texto,
    limpiar_html,
    texto_a_html,
    texto_plano_seguro,
    validar_documento,
)


def zip_con(nombre, entradas):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as comprimido:
        for entrada in entradas:
            comprimido.writestr(entrada, "x")
    return SimpleUploadedFile(nombre, buffer.getvalue())


@pytest.mark.parametrize(
    "hostil",
    [
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<p onclick="x()">x</p>',
        '<img src=x onerror="alert(1)">',
        '<svg onload="alert(1)"></svg>',
        '<iframe src="https://mal.example"></iframe>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_limpiar_html_quita_lo_peligroso(hostil):
    limpio = limpiar_html(hostil).lower()
    for peligro in (
        "<script",
        "javascript:",
        "onclick",
        "onerror",
        "onload",
        "<iframe",
        "data:",
        "style=",
    ):
        assert peligro not in limpio


def test_texto_a_html_arma_parrafos_y_conserva_formato_basico():
    html = texto_a_html(
        "Primer párrafo con <b>negrita</b>.\nSegunda línea.\n\n<ul><li>uno</li></ul>"
    )
    assert (
        html == "<p>Primer párrafo con <b>negrita</b>.<br>Segunda línea.</p><ul><li>uno</li></ul>"
    )
    assert texto_a_html("a < b & c") == "<p>a &lt; b &amp; c</p>"
    assert html_a_texto("<p>a &lt; b &amp; c</p>") == "a < b & c"
    assert (
        html_a_texto(html)
        == "Primer párrafo con <b>negrita</b>.\nSegunda línea.\n\n<ul><li>uno</li></ul>"
    )


def test_texto_plano_sin_etiquetas_ni_entidades():
    assert texto_plano_seguro('Lectura & "escritura" <script>x()</script><b>ya</b>') == (
        'Lectura & "escritura" ya'
    )


@pytest.mark.parametrize(
    "archivo",
    [
        SimpleUploadedFile("guia.pdf", b"%PDF-1.7\n..."),
        SimpleUploadedFile("datos.csv", "comuna;escuelas\nToltén;sí\n".encode()),
        SimpleUploadedFile("notas.txt", "Reunión de la red".encode("latin-1")),
        zip_con("acta.docx", ["[Content_Types].xml", "word/document.xml"]),
        zip_con("acta.odt", ["mimetype", "content.xml"]),
    ],
    ids=lambda a: a.name,
)
def test_documentos_validos(archivo):
    validar_documento(archivo)


@pytest.mark.parametrize(
    "archivo, mensaje",
    [
        (SimpleUploadedFile("guia.pdf", b"<html>no soy pdf</html>"), "no corresponde a un .pdf"),
        (SimpleUploadedFile("acta.docx", b"%PDF-1.4 disfrazado"), "no corresponde a un .docx"),
        (zip_con("acta.docx", ["mimetype"]), "no corresponde a un .docx"),
        (SimpleUploadedFile("datos.csv", b"MZ\x00\x00binario"), "no corresponde a un .csv"),
        (SimpleUploadedFile("virus.exe", b"MZ"), "Tipo de archivo no permitido (.exe)"),
        (SimpleUploadedFile("sin-extension", b"%PDF-1.4"), "sin extensión"),
        (SimpleUploadedFile("vacio.pdf", b""), "está vacío"),
    ],
)
def test_documentos_rechazados_con_mensaje_claro(archivo, mensaje):
    with pytest.raises(ValidationError) as error:
        validar_documento(archivo)
    assert mensaje in " ".join(error.value.messages)


@pytest.mark.parametrize("escrito", ["a<b y c>d", "x<3 y 4>2", "si a<b, entonces b>a"])
def test_editar_y_guardar_conserva_el_texto_como_se_escribio(escrito):
    # Texto plano y texto enriquecido: guardar, volver a abrir y guardar otra vez.
    assert texto_plano_seguro(escrito) == escrito
    assert texto_plano_seguro(texto_plano_seguro(escrito)) == escrito
    una_vez = texto_a_html(escrito)
    assert html_a_texto(una_vez) == escrito
    assert texto_a_html(html_a_texto(una_vez)) == una_vez


def test_campos_de_una_linea_sin_saltos():
    from practicas.saneo import texto_una_linea

    assert texto_una_linea("Tertulias\r\nliterarias\n  entre escuelas ") == (
        "Tertulias literarias entre escuelas"
    )


def test_version_alterada_del_formulario_da_mensaje_en_espanol():
    from practicas.forms import PracticaForm

    campo = PracticaForm.base_fields["revision_base"]
    assert campo.label == "versión de la práctica"
    with pytest.raises(ValidationError) as error:
        campo.clean("no-es-numero")
    assert "Recargue la página" in error.value.messages[0]
