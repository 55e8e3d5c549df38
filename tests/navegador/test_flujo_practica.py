"""Una práctica de punta a punta, en Chromium real, con dos sesiones a la vez:
la coordinadora la publica con tres imágenes y dos PDF, abre su PDF desde la
vista previa mientras está en revisión; la editora DEP (admin en español) pide
cambios en el admin; la coordinadora ve el pedido encabezando el formulario,
corrige y reenvía; la editora aprueba; la práctica queda publicada, con sus
PDF descargables y en la búsqueda."""

import io
import re

from PIL import Image as ImagenPIL
from playwright.sync_api import expect

TITULO = "Tertulias pedagógicas intercomunales"
PALABRA_UNICA = "zumbayllu"


def _png(nombre="tertulia.png", color=(30, 90, 160)):
    datos = io.BytesIO()
    ImagenPIL.new("RGB", (320, 200), color).save(datos, "PNG")
    return {"name": nombre, "mimeType": "image/png", "buffer": datos.getvalue()}


def _pdf(nombre):
    return {
        "name": nombre,
        "mimeType": "application/pdf",
        "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    }


PDF = _pdf("pauta-tertulias.pdf")


def _marcar_primero(page, nombre_grupo):
    page.get_by_role("group", name=re.compile(nombre_grupo)).get_by_role("checkbox").first.check()


def _pagina():
    from practicas.models import PracticaPage

    return PracticaPage.objects.get(title=TITULO)


def _accion_de_flujo(editora, nombre, comentario=None, pagina=None):
    """En el editor de la página (por omisión, la de este módulo), abre el menú de
    acciones y usa la acción del flujo."""
    page = editora.page
    editora.ir(f"/admin/pages/{(pagina or _pagina()).id}/edit/")
    boton = page.locator(f'button[data-workflow-action-name="{nombre}"]')
    if comentario is not None:
        boton = boton.and_(page.locator("[data-workflow-action-modal-url]"))
    else:
        boton = boton.and_(page.locator(":not([data-workflow-action-modal-url])"))
    if not boton.is_visible():
        page.locator(
            "footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]"
        ).first.click()
    expect(boton).to_be_visible()
    editora.captura(f"admin-antes-de-{nombre}")
    boton.click()
    if comentario is not None:
        dialogo = page.get_by_role("dialog")
        dialogo.locator("textarea").fill(comentario)
        editora.captura(f"admin-comentario-{nombre}")
        dialogo.locator("button[type=submit], input[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    editora.captura(f"admin-despues-de-{nombre}")


def test_coordinadora_publica_editora_pide_cambios_y_aprueba(nueva_visita, contenido):
    coordinadora = nueva_visita("1-coordinadora")
    editora = nueva_visita("2-editora")
    anonima = nueva_visita("3-publico")
    page = coordinadora.page

    # 1. La coordinadora entra y publica con imagen y PDF.
    coordinadora.entrar("coordinadora", "trama-coordinadora-dev", siguiente="/practicas/publicar/")
    page.wait_for_url("**/practicas/publicar/")
    coordinadora.captura("formulario-vacio")
    red = page.get_by_label("Red que publica")
    if red.is_enabled():
        red.select_option(index=1)
    page.get_by_role("textbox", name="Título (obligatorio)").fill(TITULO)
    page.get_by_label("Resumen").fill(
        f"Docentes de tres comunas se reúnen a leer y discutir su práctica ({PALABRA_UNICA})."
    )
    page.get_by_label("Desafío que aborda").fill("Aislamiento de docentes en escuelas pequeñas.")
    page.get_by_label("Qué hicieron (pasos)").fill("Elegir un texto\nLeerlo\nDiscutirlo en red")
    page.get_by_label("Quiénes participaron (roles)").fill("Docentes y jefes técnicos.")
    _marcar_primero(page, "Niveles educativos")
    page.get_by_role("group", name=re.compile("Nivel de evidencia")).get_by_role(
        "radio"
    ).first.check()
    _marcar_primero(page, "Focos de acción")
    page.get_by_label("Etiquetas libres").fill("tertulias, lectura")
    page.get_by_label("Agregar imágenes").set_input_files(
        [_png(), _png("ronda.png", (160, 90, 30)), _png("mural.png", (30, 160, 90))]
    )
    page.get_by_label("Agregar documentos descargables").set_input_files(
        [PDF, _pdf("acta-primera-tertulia.pdf")]
    )
    coordinadora.captura("formulario-lleno")
    page.get_by_role("button", name="Guardar borrador").click()

    # 1b. Las tres imágenes con miniatura y los dos PDF quedaron; describe cada una.
    expect(page.locator("img.archivo-subido__miniatura")).to_have_count(3)
    page.get_by_label("Descripción de «tertulia.png»").fill("Docentes conversando en ronda.")
    page.get_by_label("Título de «pauta-tertulias.pdf»").fill("Pauta de las tertulias")
    coordinadora.captura("archivos-subidos-con-miniaturas")
    coordinadora.axe("formulario-con-archivos-axe")
    page.get_by_role("button", name="Guardar borrador").click()
    page.get_by_role("link", name="Ver la vista previa de la última versión guardada").click()
    coordinadora.captura("vista-previa-borrador")
    coordinadora.axe("vista-previa-axe")
    page.get_by_role("button", name="Enviar a revisión de la DEP").click()

    # 2. La ve en revisión y abre su PDF desde la vista previa.
    page.wait_for_url("**/practicas/mis-practicas/")
    fila = page.get_by_role("row").filter(has_text=TITULO)
    expect(fila).to_contain_text("En revisión")
    coordinadora.captura("en-revision")
    practica = _pagina()
    assert not practica.live
    fila.get_by_role("link", name=re.compile("Vista previa")).click()
    enlace_pdf = page.get_by_role("link", name="Pauta de las tertulias")
    expect(enlace_pdf).to_be_visible()
    respuesta = page.request.get(coordinadora.servidor + enlace_pdf.get_attribute("href"))
    assert respuesta.status == 200
    assert respuesta.headers["content-type"] == "application/pdf"
    # (Chromium sin interfaz descarga los PDF en vez de mostrarlos: se verifica la respuesta.)
    assert respuesta.body().startswith(b"%PDF")
    coordinadora.captura("vista-previa-en-revision-con-su-pdf")
    documento = practica.get_latest_revision_as_object().recursos.first().documento
    # Mientras está en revisión, su PDF no se descarga sin permiso.
    respuesta = anonima.page.request.get(anonima.servidor + documento.url, max_redirects=0)
    assert respuesta.status in (302, 403), respuesta.status
    assert respuesta.headers.get("content-type", "") != "application/pdf"

    # 3. La editora DEP pide cambios desde el admin.
    editora.ir("/admin/login/")
    editora.page.locator("input[name=username]").fill("editora")
    editora.page.locator("input[name=password]").fill("trama-editora-dev")
    editora.page.locator("form button[type=submit]").click()
    editora.page.wait_for_url("**/admin/")
    expect(editora.page.get_by_placeholder("Buscar en todas las páginas…")).to_be_visible()
    editora.captura("admin-panel")
    _accion_de_flujo(editora, "reject", comentario="Cuenten cuántas escuelas participaron.")
    expect(editora.page.get_by_text("Pidió cambios en")).to_be_visible()
    editora.captura("admin-mensaje-tras-pedir-cambios")
    # Fuera del editor: su autoguardado en segundo plano no compite con la prueba por SQLite.
    editora.ir(f"/admin/pages/{practica.get_parent().id}/")
    expect(editora.page.get_by_text("cambios solicitados").first).to_be_visible()
    editora.captura("admin-listado-cambios-solicitados")

    # 4. La coordinadora ve el pedido, corrige y reenvía.
    coordinadora.ir("/practicas/mis-practicas/")
    fila = page.get_by_role("row").filter(has_text=TITULO)
    expect(fila).to_contain_text("Cambios solicitados")
    expect(page.get_by_text("Cuenten cuántas escuelas participaron.")).to_be_visible()
    coordinadora.captura("cambios-solicitados")
    # «Mis prácticas» cabe en un teléfono de 390 px (sin desplazamiento horizontal).
    tamano = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(fila.get_by_role("link", name=re.compile("Corregir y reenviar"))).to_be_in_viewport()
    coordinadora.captura("mis-practicas-telefono")
    coordinadora.axe("mis-practicas-telefono-axe")
    page.set_viewport_size(tamano)
    fila.get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="La DEP pidió estos cambios")).to_be_visible()
    expect(page.get_by_text("Cuenten cuántas escuelas participaron.")).to_be_visible()
    page.get_by_label("Quiénes participaron (roles)").fill(
        "Docentes y jefes técnicos de 9 escuelas de tres comunas."
    )
    coordinadora.captura("corrigiendo")
    page.get_by_role("button", name="Enviar a revisión de la DEP").click()
    page.wait_for_url("**/practicas/mis-practicas/")
    expect(page.get_by_role("row").filter(has_text=TITULO)).to_contain_text("En revisión")
    coordinadora.captura("reenviada")

    # 5. La editora aprueba.
    _accion_de_flujo(editora, "approve")
    expect(editora.page.get_by_text("Aprobó y publicó")).to_be_visible()
    editora.ir("/admin/")
    practica = _pagina()
    assert practica.live

    # 6. Publicada: ficha con la imagen y el PDF, y en la búsqueda.
    anonima.ir(practica.url)
    expect(anonima.page.get_by_role("heading", level=1)).to_have_text(TITULO)
    expect(anonima.page.get_by_text("9 escuelas de tres comunas")).to_be_visible()
    expect(anonima.page.get_by_role("img", name="Docentes conversando en ronda.")).to_be_visible()
    anonima.captura("practica-publicada")
    anonima.axe("practica-publicada-axe")
    respuesta = anonima.page.request.get(anonima.servidor + documento.url)
    assert respuesta.status == 200
    assert respuesta.headers["content-type"] == "application/pdf"
    assert "sandbox" in respuesta.headers["content-security-policy"]
    anonima.ir(f"/buscar/?q={PALABRA_UNICA}")
    resultado = anonima.page.locator("#resultados > li").filter(has_text=TITULO)
    expect(resultado).to_be_visible()
    anonima.captura("en-la-busqueda")
