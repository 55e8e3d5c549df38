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
    """Guarda la imagen y el documento válidos en la colección privada.
    Devuelve (imagen, documento), cualquiera puede ser None."""
    imagen = documento = None
    datos = subida.cleaned_data
    coleccion = None
    if datos.get("imagen"):
        coleccion = coleccion_revision()
        archivo = datos["imagen"]
        titulo = (datos.get("pie_imagen") or "").strip() or archivo.name.rsplit(".", 1)[0]
        imagen = get_image_model()(
            title=titulo[:255], file=archivo, collection=coleccion, uploaded_by_user=user
        )
        imagen._set_image_file_metadata()
        imagen.save()
    if datos.get("documento"):
        coleccion = coleccion or coleccion_revision()
        archivo = datos["documento"]
        titulo = (datos.get("titulo_documento") or "").strip() or archivo.name.rsplit(".", 1)[0]
        documento = get_document_model()(
            title=titulo[:255], file=archivo, collection=coleccion, uploaded_by_user=user
        )
        documento._set_document_file_metadata()
        documento.save()
    return imagen, documento


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
    pagina.imagenes = [
        PracticaImagen(imagen=imagen, pie=pies.get(imagen.pk, imagen.title), sort_order=n)
        for n, imagen in enumerate(datos.get("imagenes_subidas") or [])
    ]
    titulos = {r.documento_id: r.titulo for r in pagina.recursos.all()}
    pagina.recursos = [
        PracticaRecurso(documento=doc, titulo=titulos.get(doc.pk, ""), sort_order=n)
        for n, doc in enumerate(datos.get("documentos_subidos") or [])
    ]


class EdicionConcurrente(Exception):
    """La práctica cambió desde que se abrió el formulario."""


@transaction.atomic
def guardar_practica(form, user, indice, pagina=None, enviar=False):
    """Guarda una revisión (borrador) con `user` como autor y, si `enviar`,
    pone la práctica en el flujo «Revisión DEP». Devuelve la página."""
    if pagina is None:
        red = form.cleaned_data["red"]
        pagina = PracticaPage(
            title=" ".join(form.cleaned_data["titulo"].split()),
            slug=_slug_unico(indice, form.cleaned_data["titulo"]),
            red=red,
            owner=user,
            live=False,
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


def publicar_archivos(pagina):
    """Al aprobarse, sus imágenes y documentos pasan a la colección pública."""
    publica = coleccion_publica()
    revision = coleccion_revision()
    imagenes = [i.imagen_id for i in pagina.imagenes.all()]
    documentos = [r.documento_id for r in pagina.recursos.all()]
    get_image_model().objects.filter(pk__in=imagenes, collection=revision).update(
        collection=publica
    )
    get_document_model().objects.filter(pk__in=documentos, collection=revision).update(
        collection=publica
    )
