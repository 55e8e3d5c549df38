"""Grupos de Trama y sus permisos.

La migración portal.0003 crea los grupos. Los permisos se asignan aquí, en
`post_migrate`, porque Django crea los objetos Permission recién después de
migrar, y así cada modelo nuevo de casos/prácticas/búsqueda queda cubierto sin
escribir otra migración."""

from django.apps import apps as registro
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes

EDITORES = "Editores DEP"
COORDINADORES = "Coordinadores de red"

# Apps cuyos modelos administra la DEP completos (ver, crear, cambiar, borrar).
APPS_EDITORIALES = ("portal", "casos", "practicas", "busqueda", "territorios", "taggit")
PERMISOS_PAGINA = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
PERMISOS_COLECCION = {
    "wagtailimages": ("add_image", "change_image", "delete_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "delete_document", "choose_document"),
}


def es_editor(user):
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=EDITORES).exists()
    )


def sincronizar_grupos(sender=None, using="default", **kwargs):
    if sender is not None and sender.label != "portal":
        return
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    for app_config in registro.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
        create_permissions(app_config, verbosity=0, using=using)

    editores, _ = Group.objects.using(using).get_or_create(name=EDITORES)
    Group.objects.using(using).get_or_create(name=COORDINADORES)

    permisos = (
        Permission.objects.using(using).filter(content_type__app_label__in=APPS_EDITORIALES)
        | Permission.objects.using(using).filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
        | Permission.objects.using(using).filter(
            content_type__app_label__in=("wagtailredirects", "wagtailcore"),
            codename__in=("add_redirect", "change_redirect", "delete_redirect", "view_redirect"),
        )
    )
    editores.permissions.add(*permisos)

    raiz = Page.objects.using(using).filter(depth=1).first()
    if raiz is not None:
        for codename in PERMISOS_PAGINA:
            permiso = Permission.objects.using(using).get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.using(using).get_or_create(
                group=editores, page=raiz, permission=permiso
            )
    coleccion = Collection.objects.using(using).filter(depth=1).first()
    if coleccion is not None:
        for app_label, codenames in PERMISOS_COLECCION.items():
            for codename in codenames:
                permiso = Permission.objects.using(using).get(
                    content_type__app_label=app_label, codename=codename
                )
                GroupCollectionPermission.objects.using(using).get_or_create(
                    group=editores, collection=coleccion, permission=permiso
                )
