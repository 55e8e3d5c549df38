from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import path

from . import api, cuentas, datos, fuentes, seguir, sirvio


def favicon(request):
    # Los navegadores y lectores piden /favicon.ico en la raíz aunque la página declare otro.
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))


urlpatterns = [
    path("favicon.ico", favicon),
    path("fuentes/buscar/", fuentes.FuenteBusqueda(), name="fuente_buscar"),
    path("fuentes/casos/", fuentes.FuenteCasos(), name="fuente_casos"),
    path("fuentes/practicas/", fuentes.FuentePracticas(), name="fuente_practicas"),
    path("fuentes/slep/<slug:slug>/", fuentes.FuenteSlep(), name="fuente_slep"),
    path("fuentes/red/<slug:slug>/", fuentes.FuenteRed(), name="fuente_red"),
    path("cuenta/busquedas/", seguir.lista, name="cuenta_busquedas"),
    path("cuenta/busquedas/guardar/", seguir.guardar, name="cuenta_busqueda_guardar"),
    path("cuenta/busquedas/<int:pk>/borrar/", seguir.borrar, name="cuenta_busqueda_borrar"),
    path("seguir/baja/<str:token>/", seguir.baja, name="seguir_baja"),
    path("nos-sirvio/<int:pagina_id>/", sirvio.nos_sirvio, name="nos_sirvio"),
    path("api/", api.guia, name="api_guia"),
    path("api/openapi.json", api.openapi, name="api_openapi"),
    path("api/v2/", api.api_router.urls),
    path("datos/", datos.pagina, name="datos"),
    path("datos/catalogo.json", datos.catalogo, name="datos_catalogo"),
    path("datos/<slug:conjunto>.<str:extension>", datos.descargar, name="datos_descargar"),
    path("cuenta/contrasena/olvido/", cuentas.OlvidoView.as_view(), name="cuenta_olvido"),
    path(
        "cuenta/contrasena/olvido/enviado/",
        cuentas.OlvidoEnviadoView.as_view(),
        name="cuenta_olvido_enviado",
    ),
    path(
        "cuenta/contrasena/nueva/<uidb64>/<token>/",
        cuentas.NuevaClaveView.as_view(),
        name="cuenta_nueva_clave",
    ),
    path(
        "cuenta/invitacion/<uidb64>/<token>/",
        cuentas.InvitacionView.as_view(),
        name="cuenta_invitacion",
    ),
    path("cuenta/contrasena/lista/", cuentas.ClaveListaView.as_view(), name="cuenta_clave_lista"),
]
