"""Vistas del formulario público y de «Mis prácticas» (fuera del admin).

Permisos: un usuario solo ve y edita prácticas de las redes que coordina
(`Red.coordinadores`); cualquier otra da 404, también por URL directa."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods

from . import flujo
from .forms import ENVIAR, GUARDAR, MAX_ID, PracticaForm, SubidaForm
from .models import (
    BORRADOR,
    CAMBIOS,
    EN_REVISION,
    ETIQUETAS_ESTADO,
    PUBLICADA,
    RECHAZADA,
    PracticaPage,
    PracticasIndexPage,
    Red,
    estado_practica,
)
from .saneo import html_a_texto


def _practicas_de(user):
    return PracticaPage.objects.filter(red__coordinadores=user).distinct()


def _practica_o_404(user, pk):
    # <int:pk> acepta cualquier largo; fuera del rango de la BD no existe (y no da 500).
    if pk > MAX_ID:
        raise Http404("No existe esa práctica.")
    return get_object_or_404(_practicas_de(user), pk=pk)


def _indice():
    indice = PracticasIndexPage.objects.first()
    if indice is None:
        raise Http404("Aún no existe la sección de prácticas.")
    return indice


def _sin_red(request):
    return render(request, "practicas/sin_red.html", status=403)


def _iniciales(pagina):
    """Valores del formulario a partir de la última revisión de la práctica."""
    borrador = pagina.get_latest_revision_as_object()
    return {
        "red": pagina.red_id,
        "titulo": borrador.title,
        "resumen": borrador.resumen,
        "desafio": html_a_texto(borrador.desafio),
        "pasos": "\n".join(str(bloque.value) for bloque in borrador.pasos),
        "participantes": borrador.participantes,
        "niveles": [n.pk for n in borrador.niveles.all()],
        "duracion": borrador.duracion,
        "resultados": html_a_texto(borrador.resultados),
        "nivel_evidencia": borrador.nivel_evidencia,
        "vinculo_pme_pel": borrador.vinculo_pme_pel,
        "focos": [f.pk for f in borrador.focos.all()],
        "principios": [p.pk for p in borrador.principios.all()],
        "caracteristicas": [c.pk for c in borrador.caracteristicas.all()],
        "etiquetas": ", ".join(t.name for t in borrador.etiquetas.all()),
        "imagenes_subidas": [i.imagen_id for i in borrador.imagenes.all()],
        "documentos_subidos": [r.documento_id for r in borrador.recursos.all()],
        "pies": {i.imagen_id: i.pie for i in borrador.imagenes.all()},
        "titulos_documentos": {
            r.documento_id: r.titulo or r.documento.title for r in borrador.recursos.all()
        },
        "revision_base": pagina.latest_revision_id,
    }


@login_required
@require_http_methods(["GET", "POST"])
def publicar(request):
    if not Red.objects.filter(coordinadores=request.user).exists():
        return _sin_red(request)
    return _formulario(request, pagina=None)


# Lo que se copia de la original al adaptarla: título, resumen, texto y clasificación.
# No se copian los archivos (son de la otra red), ni los resultados, el nivel de
# evidencia o el vínculo con el PME/PEL: esos son de cada red y se cuentan al tenerlos.
LARGO_TITULO = 200


def _iniciales_adaptacion(original):
    prefijo = "Adaptación de «"
    titulo = original.title[: LARGO_TITULO - len(prefijo) - 1]
    return {
        "titulo": f"{prefijo}{titulo}»",
        "resumen": original.resumen,
        "desafio": html_a_texto(original.desafio),
        "pasos": "\n".join(str(bloque.value) for bloque in original.pasos),
        "participantes": original.participantes,
        "niveles": [n.pk for n in original.niveles.all()],
        "duracion": original.duracion,
        "focos": [f.pk for f in original.focos.all()],
        "principios": [p.pk for p in original.principios.all()],
        "caracteristicas": [c.pk for c in original.caracteristicas.all()],
        "etiquetas": ", ".join(t.name for t in original.etiquetas.all()),
    }


def _original_publicada(pk):
    """La práctica publicada y pública que se quiere adaptar, o None."""
    if pk > MAX_ID:
        return None
    return PracticaPage.objects.live().public().select_related("red").filter(pk=pk).first()


@login_required
@require_http_methods(["GET", "POST"])
def adaptar(request, pk):
    """«La adaptamos en nuestra red»: el formulario de siempre, prellenado con la
    original, para una red distinta de la suya. Pasa por la misma revisión DEP; la
    original muestra la adaptación solo cuando se publica."""
    original = _original_publicada(pk)
    redes = Red.objects.filter(coordinadores=request.user)
    if original is None:
        if request.method == "POST" and redes.exists():
            # Se despublicó mientras escribía: no se pierde lo escrito; puede
            # publicarlo como práctica propia (el formulario apunta a «Publicar»).
            contexto = {
                "pagina": None,
                "accion_url": reverse("practicas:publicar"),
                "errores_generales": [
                    "La práctica que estaba adaptando dejó de estar publicada mientras "
                    "escribía, así que no podemos registrarla como adaptación. Lo que escribió "
                    "sigue abajo: puede guardarlo como práctica propia de su red (vuelva a "
                    "elegir sus archivos, si había agregado alguno)."
                ],
            }
            form = PracticaForm(request.POST, user=request.user)
            form.is_valid()
            return _render(request, form, SubidaForm(), contexto, status=409)
        raise Http404("Esa práctica no existe o ya no está publicada.")
    if not redes.exists():
        return _sin_red(request)
    if not redes.exclude(pk=original.red_id).exists():
        messages.info(
            request,
            f"«{original.title}» es de su red: una red no adapta su propia práctica. Si quiere "
            "cambiarla, edítela desde Mis prácticas.",
        )
        return redirect(original.url)
    return _formulario(request, pagina=None, original=original)


@login_required
@require_http_methods(["GET", "POST"])
def editar(request, pk):
    pagina = _practica_o_404(request.user, pk)
    estado, _ = estado_practica(pagina, flujo.ultimo_estado(pagina))
    if estado == EN_REVISION:
        messages.warning(
            request,
            f"«{pagina.draft_title}» está en revisión en la DEP: podrá editarla cuando "
            "decidan (si piden cambios, le llegará un correo).",
        )
        return redirect("practicas:mis_practicas")
    if estado == RECHAZADA:
        messages.warning(request, f"«{pagina.draft_title}» fue rechazada y no se puede reenviar.")
        return redirect("practicas:mis_practicas")
    return _formulario(request, pagina=pagina)


def _preparar_vista_previa(request, pagina):
    """Deja `request` como la vista previa del admin (PreviewableMixin.make_preview_request)
    y con las acciones de la coordinadora (editar, enviar, imprimir)."""
    borrador = pagina.get_latest_revision_as_object()
    request.is_preview = True
    request.preview_mode = borrador.default_preview_mode
    codigo, comentario = estado_practica(pagina, flujo.ultimo_estado(pagina))
    request.trama_previa = {
        "estado": codigo,
        "estado_nombre": ETIQUETAS_ESTADO[codigo],
        "comentario": comentario,
        "editable": codigo not in (EN_REVISION, RECHAZADA),
        "enviable": codigo in (BORRADOR, CAMBIOS),
        "con_cambios": codigo == CAMBIOS,
        "editar_url": reverse("practicas:editar", args=[pagina.pk]),
        "enviar_url": reverse("practicas:enviar", args=[pagina.pk]),
        "imprimir_url": reverse("practicas:vista_previa_imprimir", args=[pagina.pk]),
        "previa_url": reverse("practicas:vista_previa", args=[pagina.pk]),
    }
    return borrador


def _privada(respuesta):
    patch_cache_control(respuesta, private=True, no_store=True)
    respuesta["X-Robots-Tag"] = "noindex"
    return respuesta


@login_required
@require_http_methods(["GET"])
def vista_previa(request, pk):
    """La última versión de una práctica de SUS redes, tal como se verá publicada,
    con «Editar», «Enviar a revisión» y su versión para imprimir."""
    pagina = _practica_o_404(request.user, pk)
    borrador = _preparar_vista_previa(request, pagina)
    return _privada(borrador.serve_preview(request, borrador.default_preview_mode))


@login_required
@require_http_methods(["GET"])
def vista_previa_imprimir(request, pk):
    """Versión para imprimir de la vista previa (la pública solo existe publicada)."""
    pagina = _practica_o_404(request.user, pk)
    borrador = _preparar_vista_previa(request, pagina)
    contexto = borrador.get_context(request)
    return _privada(render(request, "practicas/practica_imprimir.html", contexto))


@login_required
@require_http_methods(["POST"])
def enviar(request, pk):
    """«Enviar a revisión» desde la vista previa: envía la última versión guardada
    si tiene todo lo que se exige al enviar; si no, abre el formulario con lo que falta."""
    pagina = _practica_o_404(request.user, pk)
    codigo, _ = estado_practica(pagina, flujo.ultimo_estado(pagina))
    if codigo in (EN_REVISION, RECHAZADA):
        return editar(request, pk)  # mismos avisos que al intentar editarla
    if codigo == PUBLICADA:
        messages.info(request, f"«{pagina.title}» ya está publicada y no tiene cambios por enviar.")
        return redirect("practicas:mis_practicas")
    limite = flujo.limite_excedido(request.user, True, False)
    if limite:
        messages.warning(request, limite)
        return redirect("practicas:vista_previa", pk=pk)
    iniciales = _iniciales(pagina)
    datos = QueryDict(mutable=True)
    for clave, valor in iniciales.items():
        if isinstance(valor, dict):
            continue
        if isinstance(valor, (list, tuple)):
            datos.setlist(clave, [str(v) for v in valor])
        elif valor is not None:
            datos[clave] = str(valor)
    for imagen_id, pie in iniciales["pies"].items():
        datos[f"pie_{imagen_id}"] = pie
    for documento_id, titulo in iniciales["titulos_documentos"].items():
        datos[f"titulo_doc_{documento_id}"] = titulo
    form = PracticaForm(datos, user=request.user, pagina=pagina, accion=ENVIAR)
    if not form.is_valid():
        contexto = {"pagina": pagina, "errores_generales": []}
        contexto["errores_generales"].append(
            "Para enviarla a revisión falta completar lo que se marca abajo. Complételo y "
            "presione «Enviar a revisión de la DEP»."
        )
        return _render(request, form, SubidaForm(), contexto, status=400)
    borrador = pagina.get_latest_revision_as_object()
    flujo.enviar_a_revision(borrador, request.user)
    messages.success(
        request,
        f"Enviamos «{borrador.title}» a revisión de la DEP. Le avisaremos por correo "
        "cuando decidan.",
    )
    return redirect("practicas:mis_practicas")


def _formulario(request, pagina, original=None):
    indice = _indice()
    contexto = {"pagina": pagina, "errores_generales": [], "original": original}
    if original is not None:
        contexto["accion_url"] = reverse("practicas:adaptar", args=[original.pk])
    elif pagina is not None and pagina.adaptada_de_id and pagina.adaptada_de.live:
        contexto["original"] = pagina.adaptada_de
    if pagina is not None:
        codigo, comentario = estado_practica(pagina, flujo.ultimo_estado(pagina))
        if codigo == CAMBIOS:
            contexto["comentario_dep"] = comentario
            contexto["cambios_dep"] = flujo.cambios_de_la_dep(pagina)
    if request.method == "GET":
        if pagina is None:
            flujo.limpiar_huerfanos(request.user)
        if pagina is not None:
            iniciales = _iniciales(pagina)
        elif original is not None:
            iniciales = _iniciales_adaptacion(original)
        else:
            iniciales = {}
        form = PracticaForm(user=request.user, pagina=pagina, initial=iniciales, original=original)
        subida = SubidaForm()
        return _render(request, form, subida, contexto)

    accion = ENVIAR if ENVIAR in request.POST else GUARDAR
    subiendo = bool(request.FILES)
    datos = request.POST.copy()
    limite = flujo.limite_excedido(request.user, accion == ENVIAR, subiendo)
    if limite:
        form = PracticaForm(
            datos, user=request.user, pagina=pagina, accion=accion, original=original
        )
        contexto["errores_generales"].append(limite)
        return _render(request, form, SubidaForm(), contexto, status=429)

    # 1) Archivos nuevos: si son válidos se guardan ya, aunque el resto tenga errores.
    subida = SubidaForm(request.POST, request.FILES)
    subida_valida = subida.is_valid()
    # cleaned_data solo trae los campos válidos: la imagen buena se guarda aunque
    # el documento falle, y viceversa.
    # Antes de guardar lo nuevo, se borra lo que dejaron intentos abandonados
    # (así un archivo subido de nuevo conserva su nombre).
    flujo.limpiar_huerfanos(
        request.user, datos.getlist("imagenes_subidas"), datos.getlist("documentos_subidos")
    )
    imagenes, documentos = flujo.guardar_subidas(subida, request.user)
    for imagen in imagenes:
        datos.appendlist("imagenes_subidas", str(imagen.pk))
    for documento in documentos:
        datos.appendlist("documentos_subidos", str(documento.pk))

    # 2) El resto del formulario.
    form = PracticaForm(datos, user=request.user, pagina=pagina, accion=accion, original=original)
    if not (form.is_valid() and subida_valida):
        if subida_valida:
            subida = SubidaForm()  # los archivos ya quedaron guardados y listados
        return _render(request, form, subida, contexto, status=400)
    try:
        pagina = flujo.guardar_practica(
            form,
            request.user,
            indice,
            pagina=pagina,
            enviar=accion == ENVIAR,
            adaptada_de=original if pagina is None else None,
        )
    except flujo.EdicionConcurrente:
        contexto["concurrente"] = True
        contexto["errores_generales"].append(
            "Esta práctica cambió desde que abrió el formulario (otra persona de su red, "
            "o usted en otra pestaña, guardó una versión más nueva). No guardamos sus cambios "
            "para no pisar los de otra persona: copie lo que necesite y vuelva a abrir la "
            "práctica para editar la versión actual."
        )
        return _render(request, form, SubidaForm(), contexto, status=409)
    if accion == ENVIAR:
        messages.success(
            request,
            f"Enviamos «{pagina.title}» a revisión de la DEP. Le avisaremos por correo "
            "cuando decidan.",
        )
        return redirect("practicas:mis_practicas")
    messages.success(request, f"Guardamos el borrador de «{pagina.title}».")
    return redirect("practicas:editar", pk=pagina.pk)


def _render(request, form, subida, contexto, status=200):
    contexto.update(
        {
            "form": form,
            "subida": subida,
            "explicacion_evidencia": PracticaPage.EXPLICACION_EVIDENCIA,
            "hay_errores": bool(form.errors or subida.errors or contexto["errores_generales"]),
        }
    )
    if contexto.get("accion_url"):
        pass  # adaptación: vuelve a la misma dirección (con la original en la URL)
    elif contexto["pagina"] is not None:
        contexto["accion_url"] = reverse("practicas:editar", args=[contexto["pagina"].pk])
    else:
        contexto["accion_url"] = reverse("practicas:publicar")
    return render(request, "practicas/formulario.html", contexto, status=status)


@login_required
def mis_practicas(request):
    redes = list(Red.objects.filter(coordinadores=request.user).select_related("slep", "tipo"))
    if not redes:
        return _sin_red(request)
    paginas = list(
        _practicas_de(request.user)
        .select_related("red", "adaptada_de__red")
        .order_by("-latest_revision_created_at", "-pk")
    )
    estados = flujo.ultimos_estados(paginas)
    filas = []
    for pagina in paginas:
        codigo, comentario = estado_practica(pagina, estados.get(pagina.pk))
        filas.append(
            {
                "pagina": pagina,
                "estado": codigo,
                "estado_nombre": ETIQUETAS_ESTADO[codigo],
                "comentario": comentario,
                "editable": codigo not in (EN_REVISION, RECHAZADA),
                "con_cambios": codigo == CAMBIOS,
            }
        )
    return render(request, "practicas/mis_practicas.html", {"redes": redes, "filas": filas})
