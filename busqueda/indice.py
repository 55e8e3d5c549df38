"""De objetos del sitio a documentos del índice, y su actualización.

Qué se indexa: los modelos de los tipos de documento del registro
(`registro.TIPOS_DOCUMENTO`). Cada modelo define:

- `datos_busqueda()` → dict con `tipo`, `titulo`, `resumen`, `cuerpo`,
  `etiquetas`, `fecha` y, opcional, `facetas` (si falta, se calcula con los
  orígenes del registro: `registro.facetas_de(tipo, objeto)`).
- `dependencias_busqueda` (opcional) → {"app.Modelo": "ruta__orm"}: de qué
  otros modelos sale lo que indexa. `ruta__orm` va desde el modelo indexado
  hasta el otro (p. ej. `{"portal.Slep": "red__slep"}`). Guardar o borrar una
  instancia de esos modelos reindexa, en una tarea de django-tasks al confirmar
  la transacción y en ambos motores, los documentos que la usan.

Páginas de Wagtail: clave `pagina:<id>`; se indexan solo publicadas (`live`),
sin restricciones de vista (propias o heredadas) y con URL. El índice local se
actualiza en la misma transacción que la página (publicar y buscar nunca se
contradicen); Elasticsearch, en una tarea al confirmar.

Modelos simples (snippets, p. ej. una red): clave `<tipo>:<pk>`; se indexan los
de `Modelo.buscables_busqueda()` (classmethod opcional; por defecto todos), con
URL `get_absolute_url()`. Guardarlos o borrarlos actualiza su documento igual
que publicar una página.

Si Elasticsearch no responde, la actualización queda en `Pendiente` y se
reintenta en el siguiente evento o con `manage.py reindexar --pendientes`.
"""

import logging
from types import SimpleNamespace

from django.apps import apps
from django.db import transaction
from django_tasks import task
from wagtail.models import Page, Site

from .models import Documento, EstadoIndice, Pendiente
from .motores import MotorNoDisponible, motor_elasticsearch, motor_local
from .registro import TIPOS_DOCUMENTO, facetas_de

logger = logging.getLogger(__name__)

PREFIJO_PAGINA = "pagina"


def clave_pagina(page_id) -> str:
    return f"{PREFIJO_PAGINA}:{page_id}"


# ---------------------------------------------------------------- registro


def modelos_registrados():
    """[(TipoDocumento, modelo)] de los tipos cuyo modelo está instalado."""
    salida = []
    for tipo in TIPOS_DOCUMENTO:
        try:
            modelo = apps.get_model(tipo.modelo)
        except LookupError:
            continue
        salida.append((tipo, modelo))
    return salida


def es_pagina(modelo) -> bool:
    return issubclass(modelo, Page)


def clases_buscables():
    """Modelos de página indexados (compatibilidad: evaluación y comandos)."""
    return [m for _, m in modelos_registrados() if es_pagina(m)]


def modelos_simples():
    return [(t, m) for t, m in modelos_registrados() if not es_pagina(m)]


def tipo_de_modelo(modelo):
    for tipo, registrado in modelos_registrados():
        if issubclass(modelo, registrado):
            return tipo
    return None


def clave_de(obj) -> str:
    if isinstance(obj, Page):
        return clave_pagina(obj.pk)
    return f"{tipo_de_modelo(type(obj)).clave}:{obj.pk}"


def objeto_de_clave(clave):
    """El objeto de una clave del índice (específico si es página), o None."""
    prefijo, _, pk = clave.partition(":")
    if not pk.isdigit():
        return None
    if prefijo == PREFIJO_PAGINA:
        page = Page.objects.filter(pk=pk).first()
        return page.specific if page is not None else None
    for tipo, modelo in modelos_simples():
        if tipo.clave == prefijo:
            return modelo._default_manager.filter(pk=pk).first()
    return None


def _buscables_simples(modelo):
    propios = getattr(modelo, "buscables_busqueda", None)
    return propios() if propios else modelo._default_manager.all()


def es_buscable(obj) -> bool:
    if not callable(getattr(obj, "datos_busqueda", None)):
        return False
    if isinstance(obj, Page):
        return obj.live and not obj.get_view_restrictions().exists() and obj.get_url() is not None
    return _buscables_simples(type(obj)).filter(pk=obj.pk).exists()


def documento_de(obj, url=None) -> dict:
    datos = dict(obj.datos_busqueda())
    if "facetas" not in datos:
        datos["facetas"] = facetas_de(datos["tipo"], obj)
    datos["facetas"] = dict(datos["facetas"] or {})
    if isinstance(obj, Page):
        datos.update(page_id=obj.pk, slug=obj.slug, url=url or obj.get_url())
    else:
        datos.update(
            page_id=None,
            slug=getattr(obj, "slug", "") or str(obj.pk),
            url=url or obj.get_absolute_url(),
        )
    datos["clave"] = clave_de(obj)
    return datos


# Nombre anterior, para quien ya lo usa.
documento_de_pagina = documento_de


def paginas_buscables():
    """Todas las páginas que deben estar en el índice (para reconstruir).

    Cada modelo puede declarar `preparar_consulta_busqueda(queryset)` con sus
    select_related/prefetch_related: sin eso, `datos_busqueda()` hace una docena
    de consultas por página y reconstruir 10 mil prácticas tomaba minutos."""
    # Una sola lectura de las raíces de los sitios para todas las páginas: la API
    # pública `get_url_parts(request=...)` guarda esa lectura en el objeto que
    # recibe (cualquier objeto sirve; no tiene que ser una petición HTTP). Con un
    # solo sitio la URL es relativa, como la de `get_url()`.
    cache = SimpleNamespace()
    un_sitio = Site.objects.count() <= 1
    for clase in clases_buscables():
        paginas = clase.objects.live().public().order_by("path")
        preparar = getattr(clase, "preparar_consulta_busqueda", None)
        if preparar is not None:
            paginas = preparar(paginas)
        for page in paginas.iterator(chunk_size=500):
            yield page, _url(page, cache, un_sitio)


def _url(page, cache, un_sitio):
    partes = page.get_url_parts(request=cache)
    if partes is None or partes[2] is None:
        return None
    _sitio, raiz, ruta = partes
    return ruta if un_sitio or not raiz else raiz.rstrip("/") + ruta


def documentos_buscables():
    # `.public()` ya dejó fuera las páginas con restricciones de vista (propias o
    # heredadas); solo falta descartar las que no tienen URL (fuera de todo sitio).
    for page, url in paginas_buscables():
        if url is not None:
            yield documento_de(page, url)
    for _tipo, modelo in modelos_simples():
        objetos = _buscables_simples(modelo)
        preparar = getattr(modelo, "preparar_consulta_busqueda", None)
        if preparar is not None:
            objetos = preparar(objetos)
        for obj in objetos.iterator(chunk_size=500):
            yield documento_de(obj)


def total_buscables() -> int:
    return sum(c.objects.live().public().count() for c in clases_buscables()) + sum(
        _buscables_simples(m).count() for _, m in modelos_simples()
    )


# ------------------------------------------------------------- actualizar


def _documento_actual(clave):
    """El dict a indexar para `clave`, o None si ya no debe estar en el índice."""
    obj = objeto_de_clave(clave)
    if obj is None or not es_buscable(obj):
        return None
    return documento_de(obj)


def _aplicar(motor, clave):
    doc = _documento_actual(clave)
    if doc:
        motor.indexar(doc)
    else:
        motor.borrar(clave)


def actualizar_local(claves):
    motor = motor_local()
    for clave in claves:
        _aplicar(motor, clave)


def procesar_pendientes(motor=None) -> tuple[int, int]:
    """Reintenta lo pendiente en Elasticsearch. Devuelve (aplicados, que_siguen_pendientes)."""
    motor = motor or motor_elasticsearch()
    if motor is None:
        return 0, Pendiente.objects.count()
    aplicados = 0
    for pendiente in Pendiente.objects.order_by("creado"):
        try:
            _aplicar(motor, pendiente.clave)
        except MotorNoDisponible as error:
            Pendiente.objects.filter(pk=pendiente.pk).update(
                intentos=pendiente.intentos + 1, ultimo_error=str(error)[:2000]
            )
            break
        pendiente.delete()
        aplicados += 1
    return aplicados, Pendiente.objects.count()


def _guardar_pendiente(clave, error):
    doc = _documento_actual(clave)
    prefijo, _, pk = clave.partition(":")
    pendiente, _ = Pendiente.objects.get_or_create(
        clave=clave,
        defaults={
            "accion": "indexar" if doc else "borrar",
            "page_id": int(pk) if prefijo == PREFIJO_PAGINA and pk.isdigit() else None,
        },
    )
    pendiente.accion = "indexar" if doc else "borrar"
    pendiente.intentos += 1
    pendiente.ultimo_error = str(error)[:2000]
    pendiente.save()


def _como_claves(ids_o_claves):
    return [c if isinstance(c, str) else clave_pagina(c) for c in ids_o_claves]


def aplicar_elasticsearch(claves):
    motor = motor_elasticsearch()
    if motor is None:
        return
    procesar_pendientes(motor)
    aplicado = False
    for clave in _como_claves(claves):
        try:
            _aplicar(motor, clave)
        except MotorNoDisponible as error:
            logger.warning("Elasticsearch no respondió; %s queda pendiente.", clave)
            _guardar_pendiente(clave, error)
        else:
            Pendiente.objects.filter(clave=clave).delete()
            aplicado = True
    if aplicado:
        # El local ya cambió la versión al confirmar; Elasticsearch llega después:
        # otra versión, para que una búsqueda revalidada entre medio no quede vieja.
        EstadoIndice.marcar_respuestas()


@task()
def actualizar_elasticsearch(claves):
    """Aplica en Elasticsearch los cambios de estos documentos (y antes, lo pendiente).

    Acepta claves (`pagina:3`, `red:7`) o, por compatibilidad, ids de página."""
    aplicar_elasticsearch(claves)


@task()
def reindexar_dependientes(claves):
    """Reindexa en ambos motores documentos cuyo contenido cambió por otro modelo
    (un foco renombrado, un SLEP, una red, una etiqueta)."""
    claves = _como_claves(claves)
    actualizar_local(claves)
    aplicar_elasticsearch(claves)


def actualizar_claves(claves):
    """Punto único: actualiza el índice local ya y Elasticsearch al confirmar."""
    claves = list(dict.fromkeys(_como_claves(claves)))
    if not claves:
        return
    actualizar_local(claves)
    if motor_elasticsearch() is not None:
        transaction.on_commit(lambda: actualizar_elasticsearch.enqueue(claves))


def actualizar_sirvio(page_id, cantidad):
    """Cambió el «nos sirvió» de una página: solo esa columna de su documento.

    Local: un UPDATE por la clave única, en la misma solicitud. Es un número que no
    toca texto, facetas ni vocabulario (no hace falta `CambioIndice`: el orden se lee
    en SQL), y rehacer el documento entero costaría una docena de consultas por clic.
    Elasticsearch: la tarea de siempre al confirmar (rehace el documento desde la base,
    que ya trae el conteo nuevo); si no responde, queda en `Pendiente`."""
    clave = clave_pagina(page_id)
    Documento.objects.filter(clave=clave).update(sirvio=cantidad)
    if motor_elasticsearch() is not None:
        transaction.on_commit(lambda: actualizar_elasticsearch.enqueue([clave]))


def actualizar_paginas(page_ids):
    actualizar_claves([clave_pagina(i) for i in page_ids])


def afectadas_por(page, con_descendientes=True):
    """La página y, si corresponde, sus descendientes indexados o indexables."""
    ids = [page.pk]
    if con_descendientes:
        ids += Documento.objects.filter(page__path__startswith=page.path).values_list(
            "page_id", flat=True
        )
        for clase in clases_buscables():
            ids += clase.objects.descendant_of(page).values_list("pk", flat=True)
    return [i for i in ids if i is not None]


def url_de_descendientes_cambio(page) -> bool:
    """¿Cambió la URL de la página respecto de la que tienen sus descendientes en
    el índice? (Publicar un padre solo reindexa a los hijos si cambió su URL.)"""
    if not page.numchild:
        # Sin hijos no hay descendientes: publicar una práctica nueva no busca entre
        # las 100 mil del índice (~110 ms de los ~160 ms de publicar, bench/brechas.md).
        return False
    doc = (
        Documento.objects.filter(page__path__startswith=page.path, page__depth__gt=page.depth)
        .select_related("page")
        .order_by("page__depth")
        .first()
    )
    if doc is None:
        return False
    return doc.page.get_url() != doc.url


# ----------------------------------------------------------- dependencias


def dependencias():
    """{etiqueta_modelo: [(modelo_indexado, ruta_orm)]} declaradas en el registro."""
    salida = {}
    for _tipo, modelo in modelos_registrados():
        for etiqueta, ruta in (getattr(modelo, "dependencias_busqueda", None) or {}).items():
            salida.setdefault(etiqueta.lower(), []).append((modelo, ruta))
    return salida


def dependientes_de(instancia) -> list[str]:
    """Claves de los documentos indexados que usan `instancia`."""
    etiqueta = instancia._meta.label_lower
    claves = []
    for modelo, ruta in dependencias().get(etiqueta, []):
        ids = (
            modelo._default_manager.filter(**{f"{ruta}__in": [instancia.pk]})
            .values_list("pk", flat=True)
            .distinct()
        )
        if es_pagina(modelo):
            claves += [clave_pagina(i) for i in ids]
        else:
            prefijo = tipo_de_modelo(modelo).clave
            claves += [f"{prefijo}:{i}" for i in ids]
    if not claves:
        return []
    # Solo lo que está en el índice: un borrador que usa el término no se toca.
    return list(
        Documento.objects.filter(clave__in=claves).values_list("clave", flat=True).distinct()
    )


def encolar_dependientes(claves):
    claves = list(dict.fromkeys(claves))
    if claves:
        transaction.on_commit(lambda: reindexar_dependientes.enqueue(claves))
