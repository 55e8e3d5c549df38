from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from practicas.archivos import servir_imagen_privada

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documentos/", include(wagtaildocs_urls)),
    # Imágenes privadas (prácticas en revisión) y sus miniaturas, con permisos.
    path(
        "imagenes-privadas/<path:ruta>",
        servir_imagen_privada,
        name="imagen_privada",
    ),
    path(
        "cuenta/entrar/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("cuenta/salir/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("comunidad.urls")),
    path(
        "accesibilidad/",
        TemplateView.as_view(template_name="portal/accesibilidad.html"),
        name="accesibilidad",
    ),
    path("", include("busqueda.urls")),
    path("", include("practicas.urls")),
    path("", include("redes.urls")),
    path("", include("territorios.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Todo lo demás son páginas de Wagtail (inicio, marco, casos, prácticas).
urlpatterns += [path("", include(wagtail_urls))]
