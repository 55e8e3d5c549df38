"""«Nos sirvió»: sin cuenta, una vez por navegador, sin datos personales.

- Una vez por navegador: una cookie firmada (`trama_sirvio`) guarda los ids de
  las páginas que ese navegador ya marcó. No identifica a nadie; borrarla
  permite volver a marcar, como en cualquier portal sin cuentas: el límite de
  tasa por IP (TRAMA_LIMITES_TASA, «nos-sirvio») acota el abuso.
- CSRF con el mecanismo de Django. Para no romper la caché de las fichas (una
  página con `{% csrf_token %}` fija una cookie y ya no se guarda en caché), la
  ficha muestra un formulario GET hacia /nos-sirvio/<id>/: sin JavaScript esa
  página confirma con un POST protegido; con JavaScript (static/js/nos-sirvio.js)
  se pide el token a esa misma URL y se hace el POST sin salir de la ficha.
"""

from django.contrib import messages
from django.core import signing
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from busqueda.indice import actualizar_sirvio

from .models import NosSirvio

COOKIE = "trama_sirvio"
SAL = "comunidad.nos-sirvio"
DURACION = 2 * 365 * 24 * 3600
MAXIMO_EN_COOKIE = 500
TIPOS = ("casos.casopage", "practicas.practicapage")


def marcadas(request):
    try:
        valor = request.get_signed_cookie(COOKIE, default="", salt=SAL)
    except signing.BadSignature:
        return set()
    return {int(x) for x in valor.split(".") if x.isdigit()}


def _pagina(pagina_id):
    pagina = (
        Page.objects.live().public().filter(pk=pagina_id).select_related("content_type").first()
    )
    if pagina is None:
        raise Http404("Esta página no existe o no está publicada.")
    tipo = f"{pagina.content_type.app_label}.{pagina.content_type.model}"
    if tipo not in TIPOS:
        raise Http404("Solo los casos y las prácticas reciben «nos sirvió».")
    return pagina


def _quiere_json(request):
    return "application/json" in request.headers.get("Accept", "")


def cantidad(pagina_id):
    return NosSirvio.cantidad_de(pagina_id)


@require_http_methods(["GET", "POST"])
def nos_sirvio(request, pagina_id):
    pagina = _pagina(pagina_id)
    ya = pagina.pk in marcadas(request)
    if request.method == "GET":
        datos = {"cantidad": cantidad(pagina.pk), "marcado": ya}
        if _quiere_json(request):
            return JsonResponse({**datos, "csrf": get_token(request)})
        return render(request, "comunidad/nos_sirvio.html", {"pagina": pagina, **datos})

    if ya:
        total, mensaje = cantidad(pagina.pk), "Ya había marcado que le sirvió. ¡Gracias!"
    else:
        total, mensaje = NosSirvio.sumar(pagina.pk), "¡Gracias! Contamos que le sirvió."
        # El orden «Más útiles» de listados y búsqueda lee este número del índice.
        actualizar_sirvio(pagina.pk, total)
    if _quiere_json(request):
        respuesta = JsonResponse({"cantidad": total, "marcado": True, "mensaje": mensaje})
    else:
        messages.success(request, mensaje)
        respuesta = redirect(pagina.url + "#nos-sirvio")
    if not ya:
        ids = sorted(marcadas(request) | {pagina.pk})[-MAXIMO_EN_COOKIE:]
        respuesta.set_signed_cookie(
            COOKIE,
            ".".join(str(i) for i in ids),
            salt=SAL,
            max_age=DURACION,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return respuesta
