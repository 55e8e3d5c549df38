"""Vistas de redes: página pública, listado, contacto, edición por la
coordinación, rondas de autoevaluación, respuesta con código, informe y plan.

Permisos: la coordinación ve solo las redes que coordina; cualquier otra red
da 404 (también por URL directa). Los números de una ronda salen siempre de
`privacidad.py`; aquí no se leen respuestas."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from busqueda.motores import ConsultaBusqueda, motor_busqueda
from busqueda.parametros import ErrorConsulta, leer_consulta
from busqueda.registro import LISTADOS, REDES
from portal.graficos import barras as grafico_barras
from portal.models import Caracteristica, Slep
from portal.planillas import celda_segura
from portal.seguridad import clave_ip, limite_alcanzado

from . import privacidad
from .forms import (
    AccionesFormSet,
    AcuerdoForm,
    CodigoForm,
    CodigosForm,
    ComentarioForm,
    ComoLaMiaForm,
    ContactoForm,
    PlanForm,
    RedForm,
    RolForm,
    RondaForm,
    SeccionForm,
)
from .models import Accion, Acuerdo, Codigo, Instrumento, Plan, Red, Respuesta, Ronda
from .recomendaciones import como_la_mia, recomendar
from .tareas import enviar_mensaje_a_red

MAX_ID = 2**62
CONTACTO_POR_IP = (3, 3600)  # mensajes por hora desde una conexión, por red
CONTACTO_POR_RED = (20, 86400)  # mensajes por día que recibe una red
CODIGOS_FALLIDOS = (10, 900)  # códigos inexistentes por conexión cada 15 minutos
GUARDADOS_POR_CODIGO = (120, 3600)


def _red_publica(slug):
    return get_object_or_404(
        Red.objects.select_related("slep", "tipo").prefetch_related("comunas", "niveles"),
        slug=slug,
    )


def _red_coordinada(request, slug):
    """La red si quien pide la coordina; si no, 404 (no se revela que existe)."""
    return get_object_or_404(
        Red.objects.select_related("slep", "tipo"), slug=slug, coordinadores=request.user
    )


def _ronda_de(red, pk):
    if pk > MAX_ID:
        raise Http404("No existe esa ronda.")
    return get_object_or_404(Ronda.objects.select_related("instrumento"), red=red, pk=pk)


# --- público ------------------------------------------------------------------------------


@require_GET
def listado(request):
    """/redes/: el listado `redes` del registro de búsqueda (motor con `tipo=red`),
    con sus facetas declaradas allí (SLEP, tipo de red, nivel, rural, EIB)."""
    listado_redes = LISTADOS[REDES]
    facetas_redes = [(f.clave, f.etiqueta) for f in listado_redes.facetas]
    contexto = {}
    try:
        consulta, avisos = leer_consulta(request.GET)
    except ErrorConsulta as error:
        contexto["error"] = str(error)
        return render(request, "redes/listado.html", contexto, status=400)
    for faceta in list(consulta.filtros):
        if faceta not in {f for f, _ in facetas_redes}:
            del consulta.filtros[faceta]
    consulta.filtros.update(listado_redes.fijos)
    if consulta.orden not in listado_redes.ordenes or "orden" not in request.GET:
        consulta.orden = listado_redes.orden_defecto if not consulta.texto else "relevancia"
    consulta.por_pagina = 50
    resultado = motor_busqueda().buscar(consulta)
    facetas = [
        {"nombre": f, "etiqueta": e, "opciones": resultado.facetas.get(f, [])}
        for f, e in facetas_redes
    ]
    contexto.update(
        resultado=resultado,
        q=consulta.texto,
        facetas=facetas,
        avisos=avisos + resultado.avisos,
        hay_filtros=any(v for f, v in consulta.filtros.items() if f != "tipo") or consulta.texto,
    )
    return render(request, "redes/listado.html", contexto)


@require_GET
def redes_como_la_mia(request):
    """La persona describe su red y ve redes, prácticas y casos parecidos, en ese
    orden de parecido (recomendaciones.como_la_mia: el mismo motor)."""
    # Solo los campos del formulario cuentan: otros parámetros se ignoran.
    propios = {k: v for k, v in request.GET.lists() if k in ComoLaMiaForm.base_fields}
    datos = request.GET if propios else None
    form = ComoLaMiaForm(datos)
    resultados = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            rasgos = form.rasgos()
            if any(v for v in rasgos.values()):
                resultados = como_la_mia(**rasgos)
            else:
                form.add_error(
                    None,
                    "Indique al menos un rasgo de su red (SLEP, tipo, nivel, ruralidad o EIB): "
                    "sin ninguno la búsqueda de parecidas no es válida.",
                )
                status = 400
        else:
            status = 400
    return render(
        request, "redes/como_la_mia.html", {"form": form, "resultados": resultados}, status=status
    )


def _resumen_publico(red):
    if not red.publicar_resumen:
        return None
    ronda = red.rondas.filter(estado=Ronda.CERRADA).order_by("-inicio", "-pk").first()
    if ronda is None:
        return None
    inf = privacidad.informe(ronda)
    return inf if inf.disponible else None


@require_GET
def red(request, slug):
    objeto = _red_publica(slug)
    return _pagina_red(request, objeto, ContactoForm())


def _pagina_red(request, objeto, form, status=200):
    practicas = (
        objeto.practicas.live()
        .public()
        .select_related("adaptada_de__red")
        .order_by("-first_published_at")
    )
    resumen = _resumen_publico(objeto)
    contexto = {
        "red": objeto,
        "practicas": practicas,
        # Adaptaciones publicadas que otras redes hicieron de las prácticas de esta.
        "adaptadas_por_otras": objeto.practicas.model.objects.live()
        .public()
        .filter(adaptada_de__red=objeto)
        .exclude(red=objeto)
        .select_related("red", "adaptada_de")
        .order_by("-first_published_at"),
        "form": form,
        "es_coordinadora": objeto.es_coordinada_por(request.user),
        "resumen": resumen,
        "parecidas": consulta_redes_parecidas(objeto),
    }
    if resumen:
        contexto["grafico_resumen"] = grafico_barras(
            "grafico-resumen",
            f"Resumen de la autoevaluación de {objeto.nombre} (media de 1 a 5)",
            [(f["termino"].nombre, f["celda"].media) for f in resumen.caracteristicas],
            decimales=1,
            escala=(1, 5),
        )
    return render(request, "redes/red.html", contexto, status=status)


@require_POST
def escribir(request, slug):
    objeto = _red_publica(slug)
    form = ContactoForm(request.POST)
    if not form.is_valid():
        return _pagina_red(request, objeto, form, status=400)
    if form.cleaned_data["sitio_web"]:
        # Robot: se le responde como si hubiera salido, sin enviar nada.
        messages.success(request, "Mensaje enviado a la red.")
        return redirect(objeto.get_absolute_url() + "#escribir")
    if limite_alcanzado(
        request, "redes-contacto", clave_ip(request, str(objeto.pk)), *CONTACTO_POR_IP
    ) or limite_alcanzado(request, "redes-contacto-red", str(objeto.pk), *CONTACTO_POR_RED):
        form.add_error(
            None,
            "Se enviaron demasiados mensajes a esta red en poco tiempo. Su texto sigue aquí: "
            "inténtelo de nuevo más tarde.",
        )
        return _pagina_red(request, objeto, form, status=429)
    datos = form.cleaned_data
    transaction.on_commit(
        lambda: enviar_mensaje_a_red.enqueue(
            objeto.pk, datos["nombre"], datos["correo"], datos["mensaje"]
        )
    )
    messages.success(
        request,
        "Mensaje enviado a la coordinación de la red. Le responderán a su correo.",
    )
    return redirect(objeto.get_absolute_url() + "#escribir")


# --- coordinación ---------------------------------------------------------------------------


@login_required
@never_cache
@require_GET
def mis_redes(request):
    redes = list(Red.objects.filter(coordinadores=request.user).select_related("slep", "tipo"))
    return render(request, "redes/mis_redes.html", {"redes": redes})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def editar(request, slug):
    objeto = _red_coordinada(request, slug)
    form = RedForm(request.POST or None, instance=objeto)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Guardamos los datos de la red.")
            return redirect(objeto.get_absolute_url())
        return render(request, "redes/editar.html", {"red": objeto, "form": form}, status=400)
    return render(request, "redes/editar.html", {"red": objeto, "form": form})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def autoevaluacion(request, slug):
    objeto = _red_coordinada(request, slug)
    rondas = list(objeto.rondas.select_related("instrumento"))
    abierta = next((r for r in rondas if r.abierta), None)
    form = RondaForm(request.POST or None)
    instrumento = Instrumento.actual()
    status = 200
    if request.method == "POST":
        if abierta:
            form.add_error(None, "Ya hay una ronda abierta: ciérrela antes de abrir otra.")
            status = 400
        elif instrumento is None:
            form.add_error(None, "La DEP todavía no publica el instrumento de autoevaluación.")
            status = 400
        elif form.is_valid():
            with transaction.atomic():
                ronda = Ronda.objects.create(
                    red=objeto,
                    instrumento=instrumento,
                    nombre=form.cleaned_data["nombre"],
                    inicio=form.cleaned_data["inicio"],
                    termino=form.cleaned_data["termino"],
                    modo=form.cleaned_data["modo"],
                )
                codigos = Codigo.generar(ronda, form.cleaned_data["cantidad"])
            return _mostrar_codigos(request, objeto, ronda, codigos)
        else:
            status = 400
    for r in rondas:
        r.respondieron = privacidad.personas_que_respondieron(r)
    return render(
        request,
        "redes/autoevaluacion.html",
        {
            "red": objeto,
            "rondas": rondas,
            "abierta": abierta,
            "form": form,
            "instrumento": instrumento,
        },
        status=status,
    )


def _mostrar_codigos(request, objeto, ronda, codigos):
    """Los códigos se muestran UNA vez (solo se guarda su hash)."""
    base = request.build_absolute_uri(reverse("redes:responder"))
    filas = [(c, base + "?codigo=" + c) for c in codigos]
    respuesta = render(
        request, "redes/codigos.html", {"red": objeto, "ronda": ronda, "filas": filas}
    )
    respuesta["Cache-Control"] = "no-store"
    return respuesta


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def ronda(request, slug, pk):
    objeto = _red_coordinada(request, slug)
    r = _ronda_de(objeto, pk)
    form = CodigosForm(request.POST or None)
    if request.method == "POST":
        accion = request.POST.get("accion")
        if not r.abierta:
            messages.error(request, "La ronda ya está cerrada.")
            return redirect("redes:ronda", slug=slug, pk=pk)
        if accion == "cerrar":
            r.cerrar()
            messages.success(
                request,
                "Cerramos la ronda. Se conservan todas las respuestas enviadas; las que "
                "quedaron a medio llenar no cuentan.",
            )
            return redirect("redes:informe", slug=slug, pk=pk)
        if accion == "codigos" and form.is_valid():
            return _mostrar_codigos(
                request, objeto, r, Codigo.generar(r, form.cleaned_data["cantidad"])
            )
    return render(
        request,
        "redes/ronda.html",
        {
            "red": objeto,
            "ronda": r,
            "form": form,
            "respondieron": privacidad.personas_que_respondieron(r),
        },
    )


# --- sesión grupal: la sala ------------------------------------------------------------------


def _ronda_sesion(request, slug, pk):
    objeto = _red_coordinada(request, slug)
    r = _ronda_de(objeto, pk)
    if not r.es_sesion:
        raise Http404("Esta ronda no es una sesión grupal.")
    return objeto, r


@login_required
@never_cache
@require_GET
def sala(request, slug, pk):
    """Vista de la coordinación para la sesión: cada característica con cuántas
    personas la puntuaron, su estado y lo acordado (números de privacidad.sala)."""
    objeto, r = _ronda_sesion(request, slug, pk)
    return render(
        request,
        "redes/sala.html",
        {
            "red": objeto,
            "ronda": r,
            "filas": privacidad.sala(r),
            "respondieron": privacidad.personas_que_respondieron(r),
            "umbral": privacidad.umbrales().personas,
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def sala_caracteristica(request, slug, pk, caracteristica):
    """Una característica en la sala: la coordinación cierra su votación (y ve la
    distribución, si llegó al mínimo) y registra nivel acordado, evidencia y meta."""
    objeto, r = _ronda_sesion(request, slug, pk)
    termino = get_object_or_404(
        Caracteristica.objects.select_related("dimension"), slug=caracteristica
    )
    filas = privacidad.sala(r)
    posicion = next((n for n, f in enumerate(filas) if f.termino.pk == termino.pk), None)
    if posicion is None:
        raise Http404("Esa característica no está en el instrumento de esta ronda.")
    fila = filas[posicion]
    acuerdo = fila.acuerdo or Acuerdo(ronda=r, caracteristica=termino)
    accion = request.POST.get("accion") if request.method == "POST" else None
    form = AcuerdoForm(
        request.POST if accion == "acuerdo" else None,
        instance=acuerdo,
        niveles=r.instrumento.niveles,
    )
    contexto = {
        "red": objeto,
        "ronda": r,
        "fila": fila,
        "form": form,
        "anterior": filas[posicion - 1] if posicion > 0 else None,
        "siguiente": filas[posicion + 1] if posicion + 1 < len(filas) else None,
        "posicion": posicion + 1,
        "total": len(filas),
        "umbral": privacidad.umbrales().personas,
    }
    status = 200
    if accion == "mostrar":
        motivo = privacidad.cerrar_votacion(r, termino)
        if not motivo:
            messages.success(
                request,
                f"Votación cerrada: esta es la distribución de la sala en «{termino.nombre}».",
            )
            return redirect(
                "redes:sala_caracteristica", slug=slug, pk=pk, caracteristica=termino.slug
            )
        contexto["error_mostrar"] = motivo
        status = 400
    elif accion == "acuerdo":
        if form.is_valid():
            form.save()
            messages.success(request, f"Guardamos el acuerdo de la sala sobre «{termino.nombre}».")
            return redirect(
                "redes:sala_caracteristica", slug=slug, pk=pk, caracteristica=termino.slug
            )
        status = 400
    elif request.method == "POST":
        contexto["error_mostrar"] = "No reconocimos la acción. Vuelva a intentarlo."
        status = 400
    if fila.celda is not None:
        contexto["grafico"] = grafico_barras(
            f"sala-{termino.slug}",
            f"Distribución de la sala en «{termino.nombre}» (personas por nivel)",
            [(f"Nivel {i}", fila.celda.distribucion[i - 1]) for i, _texto in r.instrumento.niveles]
            + [("No sé / no aplica", fila.celda.no_sabe)],
            maximo=max(1, fila.personas),
        )
    return render(request, "redes/sala_caracteristica.html", contexto, status=status)


def _acuerdos(r, inf):
    """Sesión grupal: [(característica, media individual o None, acuerdo)] de lo que
    la sala acordó. Los acuerdos los escribe la coordinación (no son respuestas);
    la media individual viene del informe (privacidad), si se puede mostrar."""
    filas = []
    for a in r.acuerdos.filter(nivel__isnull=False).select_related("caracteristica__dimension"):
        media = inf.media(a.caracteristica.slug) if inf.disponible else None
        filas.append((a.caracteristica, media, a))
    filas.sort(key=lambda f: (f[0].dimension.orden, f[0].orden, f[0].nombre))
    return filas


def _contexto_informe(objeto, r):
    inf = privacidad.informe(r)
    contexto = {"red": objeto, "ronda": r, "informe": inf}
    if r.es_sesion:
        contexto["acuerdos"] = _acuerdos(r, inf)
        if contexto["acuerdos"]:
            contexto["grafico_acuerdos"] = grafico_barras(
                "grafico-acuerdos",
                f"Nivel acordado por la sala y nivel meta, {r.nombre} (1 a 5)",
                [(c.nombre, a.nivel, a.meta) for c, _m, a in contexto["acuerdos"]],
                escala=(1, 5),
                leyenda_anterior="meta de la red",
            )
    if inf.disponible:
        anterior = inf.anterior.ronda.nombre if inf.anterior else ""
        contexto["grafico_caracteristicas"] = grafico_barras(
            "grafico-caracteristicas",
            f"Puntaje medio por característica, {r.nombre} (1 a 5)",
            [
                (f["termino"].nombre, f["celda"].media, f.get("anterior"))
                for f in inf.caracteristicas
            ],
            decimales=1,
            escala=(1, 5),
            leyenda_anterior=f"ronda anterior ({anterior})",
        )
        contexto["grafico_dimensiones"] = grafico_barras(
            "grafico-dimensiones",
            f"Puntaje medio por dimensión, {r.nombre} (1 a 5)",
            [(f["termino"].nombre, f["celda"].media) for f in inf.dimensiones],
            decimales=1,
            escala=(1, 5),
        )
        plan_anterior = Plan.objects.filter(ronda=r.anterior()).first() if inf.anterior else None
        if plan_anterior:
            elegidas = set(plan_anterior.caracteristicas.values_list("slug", flat=True))
            contexto["seguimiento"] = [
                f for f in inf.caracteristicas if f["termino"].slug in elegidas
            ]
        contexto["columnas_grupos"] = inf.grupos
        contexto["filas_grupos"] = [
            (f["termino"], inf.por_grupo.get(f["termino"].slug, [])) for f in inf.caracteristicas
        ]
    return contexto


@login_required
@never_cache
@require_GET
def informe(request, slug, pk):
    objeto = _red_coordinada(request, slug)
    r = _ronda_de(objeto, pk)
    return render(request, "redes/informe.html", _contexto_informe(objeto, r))


@login_required
@never_cache
@require_GET
def informe_pdf(request, slug, pk):
    """El informe en PDF (redes/pdf.py), con los mismos agregados que el HTML. Sin
    el mínimo de personas, el PDF dice por qué no hay puntajes."""
    from .pdf import informe_pdf as generar

    objeto = _red_coordinada(request, slug)
    r = _ronda_de(objeto, pk)
    return _adjunto(generar(_contexto_informe(objeto, r)), "application/pdf", objeto, r, "pdf")


def _adjunto(contenido, tipo, objeto, r, extension):
    respuesta = HttpResponse(contenido, content_type=tipo)
    respuesta["Content-Disposition"] = (
        f'attachment; filename="informe-{objeto.slug}-{r.pk}.{extension}"'
    )
    return respuesta


@login_required
@never_cache
@require_GET
def informe_csv(request, slug, pk):
    """Solo agregados (los mismos del informe): nunca una respuesta individual."""
    objeto = _red_coordinada(request, slug)
    r = _ronda_de(objeto, pk)
    inf = privacidad.informe(r)
    if not inf.disponible:
        messages.error(request, inf.motivo)
        return redirect("redes:informe", slug=slug, pk=pk)
    salida = io.StringIO()
    salida.write("\ufeff")
    w = csv.writer(salida)
    w.writerow(
        [
            "tipo",
            "nombre",
            "dimension",
            "personas",
            "media",
            "desviacion",
            "nivel_1",
            "nivel_2",
            "nivel_3",
            "nivel_4",
            "nivel_5",
            "no_sabe",
            "ronda_anterior",
            "cambio",
        ]
    )

    def fila(tipo, termino, dimension, celda, anterior=None, cambio=None):
        w.writerow(
            [
                celda_segura(x)
                for x in [
                    tipo,
                    termino.nombre,
                    dimension,
                    celda.n,
                    celda.media,
                    celda.desviacion,
                    *(celda.distribucion if not celda.oculta else [""] * 5),
                    celda.no_sabe,
                    anterior,
                    cambio,
                ]
            ]
        )

    for f in inf.caracteristicas:
        fila(
            "caracteristica",
            f["termino"],
            f["dimension"].nombre,
            f["celda"],
            f.get("anterior"),
            f.get("cambio"),
        )
    for f in inf.dimensiones:
        fila("dimension", f["termino"], f["termino"].nombre, f["celda"])
    for f in inf.riesgos:
        fila("riesgo", f["termino"], "", f["celda"])
    return _adjunto(salida.getvalue(), "text/csv; charset=utf-8", objeto, r, "csv")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def plan(request, slug, pk):
    objeto = _red_coordinada(request, slug)
    r = _ronda_de(objeto, pk)
    inf = privacidad.informe(r)
    acuerdos = _acuerdos(r, inf) if r.es_sesion else []
    # Una red chica (sin el mínimo de personas) puede planificar sobre lo que acordó la sala.
    if not inf.disponible and not acuerdos:
        messages.error(request, inf.motivo)
        return redirect("redes:informe", slug=slug, pk=pk)
    existente = Plan.objects.filter(ronda=r).first()
    iniciales = {}
    acciones_iniciales = []
    if existente:
        iniciales["caracteristicas"] = list(existente.caracteristicas.all())
        acciones_iniciales = [
            {"descripcion": a.descripcion, "responsable": a.responsable, "fecha": a.fecha}
            for a in existente.acciones.all()
        ]
    elegidas = []
    if request.method == "POST":
        form = PlanForm(request.POST)
        acciones = AccionesFormSet(request.POST, prefix="acciones")
        if form.is_valid() and acciones.is_valid():
            with transaction.atomic():
                p, _ = Plan.objects.get_or_create(ronda=r)
                p.caracteristicas.set(form.cleaned_data["caracteristicas"])
                p.acciones.all().delete()
                for datos in acciones.cleaned_data:
                    if datos.get("descripcion"):
                        Accion.objects.create(
                            plan=p,
                            descripcion=datos["descripcion"],
                            responsable=datos["responsable"],
                            fecha=datos.get("fecha"),
                        )
            messages.success(request, "Guardamos el plan de la red.")
            return redirect("redes:plan", slug=slug, pk=pk)
        elegidas = list(form.cleaned_data.get("caracteristicas") or []) if form.is_bound else []
        status = 400
    else:
        seleccion = request.GET.getlist("caracteristicas")
        if seleccion:
            form = PlanForm(request.GET)
            if form.is_valid():
                elegidas = list(form.cleaned_data["caracteristicas"])
        else:
            form = PlanForm(initial=iniciales)
            elegidas = iniciales.get("caracteristicas", [])
        filas = acciones_iniciales + [{}] * max(1, 3 - len(acciones_iniciales))
        acciones = AccionesFormSet(prefix="acciones", initial=filas)
        acciones.extra = 0
        status = 200
    # Sugerencia de partida: las tres características con menor media; en una sesión
    # grupal, las de mayor distancia entre el nivel acordado y la meta.
    debiles = sorted(
        (f for f in inf.caracteristicas if f["celda"].media is not None),
        key=lambda f: f["celda"].media,
    )[:3]
    lejos_de_la_meta = sorted(
        (f for f in acuerdos if f[2].meta and f[2].meta > f[2].nivel),
        key=lambda f: (f[2].nivel - f[2].meta, f[2].nivel, f[0].nombre),
    )[:3]
    return render(
        request,
        "redes/plan.html",
        {
            "red": objeto,
            "ronda": r,
            "form": form,
            "acciones": acciones,
            "elegidas": elegidas,
            "recomendaciones": recomendar(objeto, elegidas) if elegidas else [],
            "debiles": debiles,
            "lejos_de_la_meta": lejos_de_la_meta,
            "plan": existente,
        },
        status=status,
    )


# --- responder con un código ----------------------------------------------------------------

SESION = "redes_codigo"


POR_PAGINA_RESPONDER = 8  # afirmaciones por página, aprox.: cómodo en un teléfono


def _secciones(instrumento, sesion=False):
    """[(clave, título, [items])] en el orden en que se responden: una página por
    dimensión (partida por características si es larga) y una de señales de alerta.
    En una sesión grupal, una página por característica: la sala las vota de a una."""
    items = list(
        instrumento.items.select_related("caracteristica__dimension", "riesgo").order_by(
            "sort_order", "pk"
        )
    )
    dimensiones = {}
    riesgos = []
    for item in items:
        if item.caracteristica_id:
            d = item.caracteristica.dimension
            grupo = dimensiones.setdefault(d.slug, [d, {}])[1]
            grupo.setdefault(item.caracteristica_id, []).append(item)
        else:
            riesgos.append(item)
    secciones = []
    for slug, (d, por_caracteristica) in sorted(
        dimensiones.items(), key=lambda x: (x[1][0].orden, x[0])
    ):
        if sesion:
            for grupo in por_caracteristica.values():
                c = grupo[0].caracteristica
                secciones.append((c.slug, c.nombre, grupo))
            continue
        partes = [[]]
        for grupo in por_caracteristica.values():
            if partes[-1] and len(partes[-1]) + len(grupo) > POR_PAGINA_RESPONDER + 1:
                partes.append([])
            partes[-1].extend(grupo)
        for n, parte in enumerate(partes, 1):
            titulo = f"Dimensión {d.nombre.lower()}"
            if len(partes) > 1:
                titulo += f" ({n} de {len(partes)})"
            secciones.append((f"{slug}-{n}", titulo, parte))
    if riesgos:
        secciones.append(("riesgos", "Señales de alerta", riesgos))
    return secciones


def _motivo_rechazo(codigo):
    if codigo is None:
        return "Ese código no existe. Revise que lo copió completo (12 letras y números)."
    if codigo.estado == Codigo.ENVIADO:
        return (
            "Este código ya se usó para enviar una autoevaluación completa. Cada código sirve "
            "una sola vez; si necesita otro, pídalo a la coordinación de su red."
        )
    ronda = codigo.ronda
    if not ronda.abierta:
        return (
            f"La ronda «{ronda.nombre}» de {ronda.red.nombre} ya se cerró. Las respuestas "
            "enviadas antes del cierre se conservaron."
        )
    hoy = timezone.localdate()
    if hoy < ronda.inicio:
        return f"Esta ronda abre el {ronda.inicio:%d-%m-%Y}. Vuelva ese día con el mismo código."
    if hoy > ronda.termino:
        return (
            f"Esta ronda terminó el {ronda.termino:%d-%m-%Y}. Si aún necesita responder, "
            "hable con la coordinación de su red."
        )
    return ""


@never_cache
@require_http_methods(["GET", "POST"])
def responder(request):
    """Entrada con código (escrito o desde el enlace `?codigo=`). Retomar = mismo código."""
    datos = (
        request.POST
        if request.method == "POST"
        else (request.GET if "codigo" in request.GET else None)
    )
    form = CodigoForm(datos)
    if datos is not None and form.is_valid():
        limite = ("redes-codigos-fallidos", clave_ip(request), *CODIGOS_FALLIDOS)
        if limite_alcanzado(request, *limite, sumar=False):
            form.add_error(
                "codigo",
                "Demasiados códigos incorrectos desde esta conexión. Espere 15 minutos y "
                "vuelva a intentarlo.",
            )
            return render(request, "redes/responder_codigo.html", {"form": form}, status=429)
        codigo = Codigo.buscar(form.cleaned_data["codigo"])
        motivo = _motivo_rechazo(codigo)
        if codigo is None:
            limite_alcanzado(request, *limite)
        if motivo:
            form.add_error("codigo", motivo)
            return render(request, "redes/responder_codigo.html", {"form": form}, status=400)
        request.session.cycle_key()
        request.session[SESION] = codigo.pk
        return redirect("redes:responder_seccion", numero=_primera_pendiente(codigo))
    if datos is None:
        form = CodigoForm()
    return render(
        request, "redes/responder_codigo.html", {"form": form}, status=400 if datos else 200
    )


def _cerradas(ronda):
    """Sesión grupal: características cuya votación ya cerró la coordinación (nadie
    cambia ni agrega su puntaje en ellas: privacidad, regla 7)."""
    if not ronda.es_sesion:
        return set()
    return set(
        Acuerdo.objects.filter(ronda=ronda, mostrada_en__isnull=False).values_list(
            "caracteristica_id", flat=True
        )
    )


def _abiertos(items, cerradas):
    return [i for i in items if i.caracteristica_id not in cerradas]


def _primera_pendiente(codigo):
    if not codigo.rol:
        return 0
    respondidos = set(codigo.respuestas.values_list("item_id", flat=True))
    cerradas = _cerradas(codigo.ronda)
    secciones = _secciones(codigo.ronda.instrumento, codigo.ronda.es_sesion)
    for numero, (_c, _t, items) in enumerate(secciones, 1):
        if any(i.pk not in respondidos for i in _abiertos(items, cerradas)):
            return numero
    return len(secciones) + 1


def _codigo_de_sesion(request):
    pk = request.session.get(SESION)
    if not pk:
        return None
    return Codigo.objects.select_related("ronda__red", "ronda__instrumento").filter(pk=pk).first()


@never_cache
@require_http_methods(["GET", "POST"])
def responder_seccion(request, numero):
    codigo = _codigo_de_sesion(request)
    if codigo is None:
        messages.info(request, "Escriba su código para empezar o retomar la autoevaluación.")
        return redirect("redes:responder")
    motivo = _motivo_rechazo(codigo)
    if motivo:
        request.session.pop(SESION, None)
        return render(request, "redes/responder_fin.html", {"motivo": motivo}, status=410)
    ronda = codigo.ronda
    instrumento = ronda.instrumento
    secciones = _secciones(instrumento, ronda.es_sesion)
    total = len(secciones) + 1  # + la final (comentario y envío)
    if numero > total:
        return redirect("redes:responder_seccion", numero=total)
    if numero > 0 and not codigo.rol:
        return redirect("redes:responder_seccion", numero=0)
    contexto = {
        "codigo": codigo,
        "ronda": ronda,
        "red": ronda.red,
        "numero": numero,
        "total": total,
        "secciones": secciones,
        "instrumento": instrumento,
    }
    if request.method == "POST" and limite_alcanzado(
        request, "redes-guardar", str(codigo.pk), *GUARDADOS_POR_CODIGO
    ):
        contexto["error_general"] = (
            "Demasiados envíos seguidos. Espere unos minutos y vuelva a intentarlo."
        )
        return render(
            request, "redes/responder_fin.html", {"motivo": contexto["error_general"]}, status=429
        )

    if numero == 0:
        form = RolForm(request.POST or None, initial={"rol": codigo.rol})
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                codigo.rol = form.cleaned_data["rol"]
                if codigo.estado == Codigo.SIN_USAR:
                    codigo.estado = Codigo.EN_CURSO
                codigo.save(update_fields=["rol", "estado"])
            return redirect("redes:responder_seccion", numero=1)
        contexto["form"] = form
        return render(
            request, "redes/responder_rol.html", contexto, status=400 if form.errors else 200
        )

    if numero == total:
        return _responder_final(request, codigo, contexto, secciones)

    clave, titulo, items = secciones[numero - 1]
    cerradas = _cerradas(ronda)
    if cerradas:
        contexto["cerradas"] = [i for i in items if i.caracteristica_id in cerradas]
        items = _abiertos(items, cerradas)
    guardadas = dict(codigo.respuestas.filter(item__in=items).values_list("item_id", "valor"))
    iniciales = {f"item_{i}": ("ns" if v is None else str(v)) for i, v in guardadas.items()}
    form = SeccionForm(
        request.POST or None,
        initial=iniciales,
        items=items,
        rol=codigo.rol,
        niveles=instrumento.niveles,
    )
    if request.method == "POST":
        if form.is_valid():
            if not _guardar(codigo, form.valores()):
                messages.warning(
                    request,
                    "La coordinación cerró la votación de una característica mientras usted "
                    "puntuaba: ese puntaje ya no se guardó (la sala ya vio su distribución).",
                )
            destino = numero - 1 if request.POST.get("ir") == "anterior" else numero + 1
            return redirect("redes:responder_seccion", numero=max(0, destino))
        contexto["form"] = form
        contexto["titulo"] = titulo
        return render(request, "redes/responder_seccion.html", contexto, status=400)
    contexto["form"] = form
    contexto["titulo"] = titulo
    return render(request, "redes/responder_seccion.html", contexto)


def _guardar(codigo, valores):
    """Autoguardado de una sección: lo ya contestado no se pierde si se corta la conexión.
    False si algo no se guardó porque su votación se cerró en la sala."""
    completo = True
    with transaction.atomic():
        if codigo.ronda.es_sesion:
            # La misma fila que bloquea privacidad.cerrar_votacion: un puntaje entra
            # antes del cierre o no entra.
            ronda = Ronda.objects.select_for_update().get(pk=codigo.ronda_id)
            cerradas = _cerradas(ronda)
            if cerradas:
                de_item = dict(
                    ronda.instrumento.items.filter(pk__in=list(valores)).values_list(
                        "pk", "caracteristica_id"
                    )
                )
                abiertos = {i: v for i, v in valores.items() if de_item.get(i) not in cerradas}
                completo = len(abiertos) == len(valores)
                valores = abiertos
        bloqueado = Codigo.objects.select_for_update().get(pk=codigo.pk)
        if bloqueado.estado == Codigo.ENVIADO:
            return completo
        for item_id, valor in valores.items():
            Respuesta.objects.update_or_create(
                codigo=bloqueado, item_id=item_id, defaults={"valor": valor}
            )
        if bloqueado.estado == Codigo.SIN_USAR:
            bloqueado.estado = Codigo.EN_CURSO
            bloqueado.save(update_fields=["estado"])
    return completo


def _responder_final(request, codigo, contexto, secciones):
    respondidos = set(codigo.respuestas.values_list("item_id", flat=True))
    cerradas = _cerradas(codigo.ronda)
    faltan = [
        (n, t, sum(1 for i in _abiertos(items, cerradas) if i.pk not in respondidos))
        for n, (_c, t, items) in enumerate(secciones, 1)
        if any(i.pk not in respondidos for i in _abiertos(items, cerradas))
    ]
    form = ComentarioForm(request.POST or None, initial={"comentario": codigo.comentario})
    contexto.update(form=form, faltan=faltan)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "redes/responder_final.html", contexto, status=400)
        with transaction.atomic():
            bloqueado = Codigo.objects.select_for_update().get(pk=codigo.pk)
            bloqueado.comentario = form.cleaned_data["comentario"]
            if request.POST.get("accion") != "enviar" or faltan:
                bloqueado.save(update_fields=["comentario"])
                if request.POST.get("accion") == "enviar":
                    contexto["error_envio"] = (
                        "Aún faltan afirmaciones por contestar (puede marcar «No sé / no "
                        "aplica»). Su comentario quedó guardado."
                    )
                    return render(request, "redes/responder_final.html", contexto, status=400)
                messages.success(request, "Guardamos su comentario.")
                return redirect("redes:responder_seccion", numero=contexto["total"])
            if bloqueado.estado == Codigo.ENVIADO or not bloqueado.ronda.abierta:
                return render(
                    request,
                    "redes/responder_fin.html",
                    {"motivo": _motivo_rechazo(bloqueado)},
                    status=410,
                )
            bloqueado.estado = Codigo.ENVIADO
            bloqueado.enviado = timezone.now()
            bloqueado.save(update_fields=["comentario", "estado", "enviado"])
        request.session.pop(SESION, None)
        return render(request, "redes/responder_gracias.html", {"red": codigo.ronda.red})
    return render(request, "redes/responder_final.html", contexto)


# --- DEP (admin): solo agregados ------------------------------------------------------------


def informe_dep(request):
    """Agregados por SLEP de la última ronda cerrada de cada red (versión vigente).
    Sin el mínimo de redes y personas, solo el número de redes con informe."""
    from portal.permisos import es_editor

    if not es_editor(request.user):
        raise Http404
    instrumento = Instrumento.actual()
    territorios = []
    for slep in Slep.objects.all():
        ultimas = []
        for r in Red.objects.filter(slep=slep):
            ronda_r = (
                r.rondas.filter(estado=Ronda.CERRADA, instrumento=instrumento)
                .order_by("-inicio", "-pk")
                .first()
            )
            if ronda_r:
                ultimas.append(ronda_r)
        agregado = privacidad.agregado_territorial(ultimas)
        territorios.append(
            {"slep": slep, "total_redes": Red.objects.filter(slep=slep).count(), **agregado}
        )
    caracteristicas = list(Caracteristica.objects.select_related("dimension"))
    return render(
        request,
        "redes/admin/informe_dep.html",
        {
            "territorios": territorios,
            "instrumento": instrumento,
            "caracteristicas": caracteristicas,
        },
    )


def consulta_redes_parecidas(red, limite=5):
    """Redes del índice parecidas a una (mismo motor), para su página pública."""
    motor = motor_busqueda()
    base = {"tipo": ["red"]}
    r = motor.buscar(
        ConsultaBusqueda(filtros={**base, "tipo_red": [red.tipo.slug]}, por_pagina=limite + 1)
    )
    return [x for x in r.resultados if x.slug != red.slug][:limite]
