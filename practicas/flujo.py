"""Guardar y enviar prácticas desde el formulario público, con el flujo de
moderación de Wagtail «Revisión DEP» y colecciones de archivos propias."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Revision,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.users.models import UserProfile

from portal.almacen import guardar_original_privado
from portal.permisos import EDITORES

from .forms import COLECCION_PUBLICA, COLECCION_REVISION
from .models import PracticaImagen, PracticaPage, PracticaRecurso, RevisionDepTask

NOMBRE_FLUJO = "Revisión DEP"
NOMBRE_TAREA = "Aprobación de Editores DEP"
# Rutas propias bajo /practicas/ que ninguna práctica puede usar como slug.
SLUGS_RESERVADOS = {"publicar", "mis-practicas", "imprimir"}

# Límites por usuario (se pueden ajustar en settings).
ENVIOS_POR_HORA = getattr(settings, "PRACTICAS_ENVIOS_POR_HORA", 5)
GUARDADOS_POR_HORA = getattr(settings, "PRACTICAS_GUARDADOS_POR_HORA", 40)
SUBIDAS_POR_HORA = getattr(settings, "PRACTICAS_SUBIDAS_POR_HORA", 20)


def _raiz_colecciones():
    # La crea la migración de Wagtail; una prueba con flush (live_server) la borra.
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def coleccion_revision():
    """Colección privada (solo Editores DEP) donde quedan los archivos subidos
    desde el formulario hasta que la práctica se aprueba."""
    coleccion = Collection.objects.filter(name=COLECCION_REVISION).first()
    if coleccion is None:
        coleccion = _raiz_colecciones().add_child(name=COLECCION_REVISION)
    if not CollectionViewRestriction.objects.filter(collection=coleccion).exists():
        restriccion = CollectionViewRestriction.objects.create(
            collection=coleccion, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriccion.groups.set(Group.objects.filter(name=EDITORES))
    return coleccion


def coleccion_publica():
    coleccion = Collection.objects.filter(name=COLECCION_PUBLICA).first()
    if coleccion is None:
        coleccion = _raiz_colecciones().add_child(name=COLECCION_PUBLICA)
    return coleccion


def asegurar_flujo(indice):
    """Crea (si falta) el flujo «Revisión DEP» con su tarea para Editores DEP y
    lo asigna al índice de prácticas. Idempotente."""
    flujo, _ = Workflow.objects.get_or_create(name=NOMBRE_FLUJO, defaults={"active": True})
    tarea = RevisionDepTask.objects.filter(name=NOMBRE_TAREA).first()
    if tarea is None:
        tarea = RevisionDepTask.objects.create(name=NOMBRE_TAREA)
        tarea.groups.set(Group.objects.filter(name=EDITORES))
    if not WorkflowTask.objects.filter(workflow=flujo, task=tarea).exists():
        WorkflowTask.objects.create(workflow=flujo, task=tarea, sort_order=0)
    WorkflowPage.objects.update_or_create(page=indice, defaults={"workflow": flujo})
    return flujo


def ultimo_estado(pagina):
    return (
        WorkflowState.objects.for_instance(pagina)
        .select_related("current_task_state")
        .order_by("-created_at", "-pk")
        .first()
    )


def ultimos_estados(paginas):
    """{id de página: último WorkflowState} en una sola consulta (para «Mis prácticas»)."""
    if not paginas:
        return {}
    estados = (
        WorkflowState.objects.filter(
            base_content_type=paginas[0].get_base_content_type(),
            object_id__in=[str(p.pk) for p in paginas],
        )
        .select_related("current_task_state")
        .order_by("created_at", "pk")
    )
    return {int(estado.object_id): estado for estado in estados}


def limite_excedido(user, accion_enviar, subiendo):
    """Mensaje si el usuario superó su límite por hora; "" si no."""
    hace_una_hora = timezone.now() - timedelta(hours=1)
    if accion_enviar:
        envios = WorkflowState.objects.filter(
            requested_by=user, created_at__gte=hace_una_hora
        ).count()
        if envios >= ENVIOS_POR_HORA:
            return (
                f"Ya envió {envios} prácticas a revisión en la última hora (el máximo es "
                f"{ENVIOS_POR_HORA}). Su texto no se perdió: guárdelo como borrador y "
                "vuelva a enviarlo más tarde."
            )
    guardados = Revision.page_revisions.filter(user=user, created_at__gte=hace_una_hora).count()
    if guardados >= GUARDADOS_POR_HORA:
        return (
            f"Guardó {guardados} veces en la última hora (el máximo es {GUARDADOS_POR_HORA}). "
            "Espere unos minutos y vuelva a intentarlo; lo escrito sigue en el formulario."
        )
    if subiendo:
        subidas = (
            get_image_model().objects.filter(uploaded_by_user=user, created_at__gte=hace_una_hora)
        ).count() + get_document_model().objects.filter(
            uploaded_by_user=user, created_at__gte=hace_una_hora
        ).count()
        if subidas >= SUBIDAS_POR_HORA:
            return (
                f"Subió {subidas} archivos en la última hora (el máximo es {SUBIDAS_POR_HORA}). "
                "Espere un rato para subir más."
            )
    return ""


def guardar_subidas(subida, user):
    """Guarda las imágenes y documentos válidos en la colección privada.
    Devuelve (imágenes, documentos), dos listas (pueden ir vacías)."""
    imagenes, documentos = [], []
    datos = getattr(subida, "cleaned_data", {}) or {}
    if not (subida.imagenes_validas or subida.documentos_validos):
        return imagenes, documentos
    coleccion = coleccion_revision()
    pie = (datos.get("pie_imagen") or "").strip()
    for archivo in subida.imagenes_validas:
        # La descripción escrita al subir vale para una sola imagen; con varias,
        # cada una se describe después en la lista (parte con su nombre de archivo).
        titulo = pie if pie and len(subida.imagenes_validas) == 1 else ""
        titulo = titulo or archivo.name.rsplit(".", 1)[0]
        # Directo a la carpeta privada: una imagen en revisión nunca está donde el
        # proxy sirve archivos (portal/almacen.py).
        modelo = get_image_model()
        imagen = modelo(
            title=titulo[:255],
            file=guardar_original_privado(modelo, archivo),
            collection=coleccion,
            uploaded_by_user=user,
        )
        imagen._set_image_file_metadata()
        imagen.save()
        imagenes.append(imagen)
    titulo_doc = (datos.get("titulo_documento") or "").strip()
    for archivo in subida.documentos_validos:
        titulo = titulo_doc if titulo_doc and len(subida.documentos_validos) == 1 else ""
        titulo = titulo or archivo.name.rsplit(".", 1)[0]
        documento = get_document_model()(
            title=titulo[:255], file=archivo, collection=coleccion, uploaded_by_user=user
        )
        documento._set_document_file_metadata()
        documento.save()
        documentos.append(documento)
    return imagenes, documentos


def archivos_referidos(user):
    """(ids de imágenes, ids de documentos) que usan las prácticas de las redes
    de `user`, en su fila publicada o en su última revisión (un borrador nunca
    publicado solo guarda sus archivos en la revisión)."""
    imagenes = set(PracticaImagen.objects.values_list("imagen_id", flat=True))
    documentos = set(PracticaRecurso.objects.values_list("documento_id", flat=True))
    for pagina in PracticaPage.objects.filter(red__coordinadores=user).distinct():
        borrador = pagina.get_latest_revision_as_object()
        imagenes.update(i.imagen_id for i in borrador.imagenes.all())
        documentos.update(r.documento_id for r in borrador.recursos.all())
    return imagenes, documentos


def limpiar_huerfanos(user, conservar_imagenes=(), conservar_documentos=()):
    """Borra las imágenes y documentos que `user` subió desde el formulario y que
    ninguna práctica usa: los deja un intento abandonado (subió y no guardó).
    Se llama al abrir o enviar el formulario, antes de guardar lo nuevo, así el
    archivo que se vuelve a subir conserva su nombre (sin «foto_noenVK9.png»).
    Wagtail borra del disco el archivo y sus miniaturas al borrar el objeto.

    No toca lo que el formulario en curso ya lista (`conservar_*`) ni nada fuera
    de la colección de revisión. Devuelve cuántos borró."""
    referidas, referidos = archivos_referidos(user)

    def ids(valores):
        # Solo ids válidos: lo demás lo rechaza el formulario con su mensaje.
        return {int(x) for x in valores if str(x).isdigit() and int(x) <= 2**63 - 1}

    conservar_i = referidas | ids(conservar_imagenes)
    conservar_d = referidos | ids(conservar_documentos)
    imagenes = (
        get_image_model()
        .objects.filter(collection__name=COLECCION_REVISION, uploaded_by_user=user)
        .exclude(pk__in=conservar_i)
    )
    documentos = (
        get_document_model()
        .objects.filter(collection__name=COLECCION_REVISION, uploaded_by_user=user)
        .exclude(pk__in=conservar_d)
    )
    borrados = 0
    for objeto in [*imagenes, *documentos]:
        # El archivo se borra ya (Wagtail lo haría al confirmar la transacción,
        # tarde para la subida que viene en esta misma petición).
        if hasattr(objeto, "renditions"):
            for rendicion in objeto.renditions.all():
                rendicion.file.delete(save=False)
        objeto.file.delete(save=False)
        objeto.delete()
        borrados += 1
    return borrados


def _slug_unico(indice, titulo):
    base = (slugify(titulo) or "practica")[:70].strip("-")
    if base in SLUGS_RESERVADOS:
        base = f"{base}-practica"
    slug, n = base, 2
    while indice.get_children().filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _aplicar(pagina, form):
    from .saneo import texto_a_html, texto_plano_seguro, texto_una_linea

    datos = form.cleaned_data
    pagina.title = texto_una_linea(datos["titulo"])[:255] or "Práctica sin título"
    pagina.draft_title = pagina.title
    pagina.resumen = texto_plano_seguro(datos.get("resumen"))
    pagina.desafio = texto_a_html(datos.get("desafio"))
    pagina.pasos = [("paso", texto_plano_seguro(paso)) for paso in form.lista_pasos()]
    pagina.participantes = texto_plano_seguro(datos.get("participantes"))
    pagina.duracion = texto_una_linea(datos.get("duracion"))
    pagina.resultados = texto_a_html(datos.get("resultados"))
    pagina.nivel_evidencia = datos.get("nivel_evidencia") or PracticaPage.DESCRITA
    pagina.vinculo_pme_pel = texto_plano_seguro(datos.get("vinculo_pme_pel"))
    pagina.niveles = list(datos.get("niveles") or [])
    pagina.focos = list(datos.get("focos") or [])
    pagina.principios = list(datos.get("principios") or [])
    pagina.caracteristicas = list(datos.get("caracteristicas") or [])
    pagina.etiquetas.set(form.lista_etiquetas())
    pies = {i.imagen_id: i.pie for i in pagina.imagenes.all()}
    pies.update(form.pies())
    pagina.imagenes = [
        PracticaImagen(imagen=imagen, pie=pies.get(imagen.pk, imagen.title), sort_order=n)
        for n, imagen in enumerate(datos.get("imagenes_subidas") or [])
    ]
    titulos = {r.documento_id: r.titulo for r in pagina.recursos.all()}
    titulos.update(form.titulos_documentos())
    pagina.recursos = [
        PracticaRecurso(documento=doc, titulo=titulos.get(doc.pk, ""), sort_order=n)
        for n, doc in enumerate(datos.get("documentos_subidos") or [])
    ]


class EdicionConcurrente(Exception):
    """La práctica cambió desde que se abrió el formulario."""


@transaction.atomic
def guardar_practica(form, user, indice, pagina=None, enviar=False, adaptada_de=None):
    """Guarda una revisión (borrador) con `user` como autor y, si `enviar`,
    pone la práctica en el flujo «Revisión DEP». Devuelve la página.

    `adaptada_de`: al crear una adaptación, la práctica original (queda fija)."""
    if pagina is None:
        red = form.cleaned_data["red"]
        pagina = PracticaPage(
            title=" ".join(form.cleaned_data["titulo"].split()),
            slug=_slug_unico(indice, form.cleaned_data["titulo"]),
            red=red,
            owner=user,
            live=False,
            adaptada_de=adaptada_de,
        )
        _aplicar(pagina, form)
        indice.add_child(instance=pagina)
    else:
        # Bloqueo de fila: dos envíos simultáneos no pueden pisarse.
        fila = PracticaPage.objects.select_for_update().get(pk=pagina.pk)
        base = form.cleaned_data.get("revision_base")
        if base != fila.latest_revision_id:
            raise EdicionConcurrente
        pagina = fila.get_latest_revision_as_object()
        _aplicar(pagina, form)
    pagina.save_revision(user=user, log_action=True)
    if enviar:
        enviar_a_revision(pagina, user)
    return pagina


def enviar_a_revision(pagina, user):
    # El coordinador recibe los correos de Trama (con enlace a «Mis prácticas»),
    # no los de Wagtail, que enlazan al admin donde no puede entrar.
    perfil = UserProfile.get_for_user(user)
    if perfil.approved_notifications or perfil.rejected_notifications:
        perfil.approved_notifications = False
        perfil.rejected_notifications = False
        perfil.save(update_fields=["approved_notifications", "rejected_notifications"])
    estado = pagina.current_workflow_state
    if estado is not None and estado.status == WorkflowState.STATUS_NEEDS_CHANGES:
        estado.resume(user=user)
        return estado
    flujo = pagina.get_workflow()
    if flujo is None:
        raise RuntimeError("Falta el flujo «Revisión DEP»: corra load_initial_data.")
    return flujo.start(pagina, user)


# Campos que se comparan para contar a la red qué cambió la DEP (etiqueta visible).
CAMPOS_COMPARADOS = (
    ("title", "Título"),
    ("resumen", "Resumen"),
    ("desafio", "Desafío que aborda"),
    ("pasos", "Qué hicieron (pasos)"),
    ("participantes", "Quiénes participaron (roles)"),
    ("niveles", "Niveles educativos"),
    ("duracion", "Duración o periodicidad"),
    ("nivel_evidencia", "Nivel de evidencia"),
    ("resultados", "Resultados y evidencias"),
    ("vinculo_pme_pel", "Vínculo con el PME o el PEL"),
    ("focos", "Focos de acción"),
    ("principios", "Principios orientadores"),
    ("caracteristicas", "Características de redes efectivas"),
    ("etiquetas", "Etiquetas libres"),
    ("imagenes", "Imágenes"),
    ("recursos", "Documentos"),
)


def _valor_visible(pagina, campo):
    from .saneo import html_a_texto

    if campo in ("desafio", "resultados"):
        return html_a_texto(getattr(pagina, campo))
    if campo == "pasos":
        return "\n".join(str(b.value) for b in pagina.pasos)
    if campo == "nivel_evidencia":
        return pagina.get_nivel_evidencia_display()
    if campo in ("niveles", "focos", "principios", "caracteristicas"):
        return ", ".join(sorted(t.nombre for t in getattr(pagina, campo).all()))
    if campo == "etiquetas":
        return ", ".join(sorted(t.name for t in pagina.etiquetas.all()))
    if campo == "imagenes":
        return "\n".join(f"{i.pie or i.imagen.title}" for i in pagina.imagenes.all())
    if campo == "recursos":
        return "\n".join(r.titulo or r.documento.title for r in pagina.recursos.all())
    return str(getattr(pagina, campo) or "")


def comparar(antes, ahora):
    """[{campo, antes, ahora}] de los campos que difieren entre dos versiones."""
    cambios = []
    for campo, etiqueta in CAMPOS_COMPARADOS:
        a, b = _valor_visible(antes, campo), _valor_visible(ahora, campo)
        if a.strip() != b.strip():
            cambios.append({"campo": etiqueta, "antes": a, "ahora": b})
    return cambios


def cambios_de_la_dep(pagina):
    """Lo que una editora cambió en la práctica después de que la red la envió.

    Decisión (issue 16): las ediciones de la editora antes de decidir se guardan
    (Wagtail las guarda como revisión suya) y se muestran a la red: qué campo,
    cómo estaba y cómo quedó, en el formulario de corrección y en el correo.
    Se compara la última revisión de alguien de la red con la última revisión
    de la página; si la última es de la red, no hay cambios de la DEP."""
    ultima = pagina.get_latest_revision()
    if ultima is None:
        return []
    de_la_red = set(pagina.red.coordinadores.values_list("pk", flat=True))
    if ultima.user_id in de_la_red:
        return []
    enviada = (
        Revision.page_revisions.filter(object_id=str(pagina.pk), user_id__in=de_la_red)
        .order_by("-created_at", "-pk")
        .first()
    )
    if enviada is None:
        return []
    return comparar(enviada.as_object(), ultima.as_object())
