"""Privacidad de la autoevaluación: el ÚNICO módulo que lee respuestas.

Toda vista, informe, gráfico, CSV o agregado territorial pide sus números
aquí y recibe solo agregados ya filtrados. Reglas (AUTOEVALUACION.md):

1. Ninguna respuesta individual sale de aquí: solo medias, desviaciones y
   distribuciones de grupos que pasan el umbral.
2. Mínimo de personas para mostrar puntajes (por defecto 5; la DEP lo sube,
   nunca bajo 3): vale para la red, cada rol, cada característica y cada
   territorio.
3. Comentarios abiertos: mínimo más alto (por defecto 8), sin atribución
   (ni rol ni fecha; en orden alfabético, no de llegada).
4. Roles bajo el umbral se juntan con otros; si el grupo juntado no alcanza,
   se le suman los siguientes más chicos (supresión complementaria: ningún
   grupo oculto se puede deducir restando los visibles del total). Dentro de
   una característica, una celda oculta arrastra a otras hasta que lo oculto
   junto sume el umbral.
5. Mientras la ronda está abierta solo se ve cuántas personas respondieron.
6. La distancia coordinación–demás solo si ambos grupos pasan el umbral.
7. Sesión grupal (`sala`): la regla 5 tiene una sola excepción, característica
   por característica. Mientras se vota una característica solo se ve cuántas
   personas la puntuaron; la distribución de la sala (personas por nivel y «no
   sé», sin nombres) aparece cuando la coordinación cierra la votación de esa
   característica, y solo si al menos el mínimo de personas (regla 2) la
   puntuó. Al cerrarla nadie puede cambiar ni agregar puntajes en ella: la
   distribución se muestra entera, una vez, y no crece de a una persona (un
   conteo que sube de a uno en la sala diría qué marcó quien acaba de tocar
   su teléfono; por eso 18F pide no mostrar conteos parciales). Estar en la
   misma sala no rebaja el mínimo: AUTOEVALUACION.md no lo exceptúa.
   En una sesión cuenta lo que cada persona guardó (no hace falta «enviar»);
   en el modo individual, solo lo enviado.
"""

from dataclasses import dataclass, field
from statistics import mean, pstdev

from django.db.models import Exists, OuterRef

from .models import (
    COORDINACION,
    NOMBRE_ROL,
    Acuerdo,
    Codigo,
    ConfiguracionAutoevaluacion,
    Respuesta,
)

MINIMO_ABSOLUTO = 3
# Un agregado territorial exige al menos 3 redes con informe propio (nunca menos).
MINIMO_REDES_TERRITORIO = 3
DISCREPANCIA = 1.0  # desviación estándar desde la que se marca una característica
RIESGO_SENALADO = 3.0  # media de un riesgo desde la que se señala


@dataclass(frozen=True)
class Umbrales:
    personas: int
    comentarios: int
    redes: int


def umbrales() -> Umbrales:
    conf = ConfiguracionAutoevaluacion.load()
    personas = max(MINIMO_ABSOLUTO, conf.minimo_personas or 0)
    return Umbrales(
        personas=personas,
        comentarios=max(personas, conf.minimo_comentarios or 0),
        redes=max(MINIMO_REDES_TERRITORIO, conf.minimo_redes_territorio or 0),
    )


def _codigos_que_cuentan(ronda):
    """Personas que cuentan: las que enviaron; en una sesión grupal, también las que
    guardaron algún puntaje (en la sala se puntúa característica por característica)."""
    if not ronda.es_sesion:
        return ronda.codigos.filter(estado=Codigo.ENVIADO)
    con_respuestas = Exists(Respuesta.objects.filter(codigo=OuterRef("pk")))
    return ronda.codigos.filter(estado__in=[Codigo.ENVIADO, Codigo.EN_CURSO]).filter(con_respuestas)


def personas_que_respondieron(ronda) -> int:
    """Lo único que se ve de una ronda abierta (y lo que cuenta siempre): personas,
    no respuestas (ni códigos a medio llenar en el modo individual)."""
    return _codigos_que_cuentan(ronda).count()


# --- cálculo -------------------------------------------------------------------------------


def _r(x, decimales=2):
    return None if x is None else round(x, decimales)


@dataclass
class Celda:
    """Agregado de un grupo de personas sobre una característica/dimensión/riesgo."""

    n: int = 0
    media: float | None = None
    desviacion: float | None = None
    distribucion: list[int] = field(default_factory=lambda: [0] * 5)  # personas por nivel 1..5
    no_sabe: int = 0
    oculta: bool = True
    motivo: str = ""

    @property
    def porcentajes(self):
        return [round(100 * c / self.n) if self.n else 0 for c in self.distribucion]


def _celda(valores_por_persona, total_personas, umbral):
    """valores_por_persona: {persona: [valores numéricos]} de quienes contestaron algo."""
    puntajes = [mean(v) for v in valores_por_persona.values() if v]
    celda = Celda(n=len(puntajes), no_sabe=total_personas - len(puntajes))
    if celda.n < umbral:
        celda.motivo = (
            f"Menos de {umbral} personas la puntuaron (las demás marcaron «no sé / no aplica»)."
        )
        return celda
    celda.oculta = False
    celda.media = _r(mean(puntajes))
    celda.desviacion = _r(pstdev(puntajes))
    for p in puntajes:
        celda.distribucion[min(5, max(1, int(p + 0.5))) - 1] += 1
    return celda


def _agrupar_roles(conteo_por_rol, umbral):
    """Grupos de roles que se pueden mostrar, cada uno con al menos `umbral` personas.

    Los roles chicos se juntan en «Otros roles»; si ese grupo no alcanza, se le
    suma el rol visible más chico, y así, hasta que alcance o quede uno solo."""
    visibles = {r: n for r, n in conteo_por_rol.items() if n >= umbral}
    juntados = [r for r, n in conteo_por_rol.items() if 0 < n < umbral]
    while juntados and sum(conteo_por_rol[r] for r in juntados) < umbral and visibles:
        menor = min(visibles, key=lambda r: (visibles[r], r))
        juntados.append(menor)
        del visibles[menor]
    grupos = [([r], NOMBRE_ROL[r]) for r in sorted(visibles, key=list(NOMBRE_ROL).index)]
    if juntados:
        if not grupos:
            return [(juntados, "Toda la red")]
        grupos.append(
            (juntados, "Otros roles (" + ", ".join(NOMBRE_ROL[r].lower() for r in juntados) + ")")
        )
    return grupos


def _suprimir_complementario(celdas, umbral):
    """En una fila (una característica, un grupo por columna): si hay celdas
    ocultas, su suma se deduciría del total; se ocultan más (las visibles más
    chicas) hasta que lo oculto junto sume el umbral, o todo."""
    ocultas = [c for c in celdas if c.oculta]
    if not ocultas:
        return
    while sum(c.n for c in ocultas) < umbral:
        visibles = [c for c in celdas if not c.oculta]
        if not visibles:
            break
        menor = min(visibles, key=lambda c: c.n)
        menor.oculta, menor.media, menor.desviacion = True, None, None
        menor.distribucion = [0] * 5
        menor.motivo = "Oculta para que no se deduzca otra celda oculta de esta fila."
        ocultas.append(menor)


@dataclass
class Informe:
    ronda: object
    disponible: bool
    motivo: str = ""
    personas: int = 0
    umbrales: Umbrales | None = None
    caracteristicas: list = field(default_factory=list)  # [{"termino", "dimension", "celda", ...}]
    dimensiones: list = field(default_factory=list)
    riesgos: list = field(default_factory=list)
    grupos: list = field(default_factory=list)  # [{"nombre", "n"}]
    por_grupo: dict = field(default_factory=dict)  # slug caracteristica -> [Celda por grupo]
    aviso_grupos: str = ""
    brecha: list = field(default_factory=list)
    motivo_brecha: str = ""
    comentarios: list = field(default_factory=list)
    motivo_comentarios: str = ""
    anterior: object = None  # Informe de la ronda anterior (misma versión) o None
    motivo_anterior: str = ""

    def media(self, slug):
        for fila in self.caracteristicas:
            if fila["termino"].slug == slug:
                return fila["celda"].media
        return None


def _datos(ronda):
    """(personas, {persona: rol}, [(persona, item, valor)], comentarios). Solo aquí."""
    codigos = list(_codigos_que_cuentan(ronda).values_list("pk", "rol", "comentario"))
    roles = {pk: rol for pk, rol, _ in codigos}
    respuestas = list(
        Respuesta.objects.filter(codigo__in=roles).values_list("codigo_id", "item_id", "valor")
    )
    comentarios = [c.strip() for _, _, c in codigos if c and c.strip()]
    return roles, respuestas, comentarios


def informe(ronda, con_anterior=True) -> Informe:
    u = umbrales()
    if ronda.abierta:
        return Informe(
            ronda,
            False,
            motivo="La ronda sigue abierta: mientras tanto solo se muestra cuántas personas "
            "respondieron. El informe aparece al cerrarla.",
            personas=personas_que_respondieron(ronda),
            umbrales=u,
        )
    roles, respuestas, comentarios = _datos(ronda)
    n = len(roles)
    if n < u.personas:
        return Informe(
            ronda,
            False,
            motivo=f"Todavía no hay suficientes respuestas: respondieron {n} "
            f"{'persona' if n == 1 else 'personas'} y se necesitan al menos {u.personas} "
            "para mostrar puntajes sin exponer a nadie.",
            personas=n,
            umbrales=u,
        )
    items = {
        i.pk: i
        for i in ronda.instrumento.items.select_related(
            "caracteristica__dimension", "riesgo"
        ).order_by("sort_order", "pk")
    }
    # persona -> item -> valor (None = no sé)
    valores = {}
    for persona, item_id, valor in respuestas:
        if item_id in items:
            valores.setdefault(persona, {})[item_id] = valor

    def por_persona(filtro_item, personas):
        salida = {}
        for p in personas:
            salida[p] = [
                v for i, v in valores.get(p, {}).items() if v is not None and filtro_item(items[i])
            ]
        return salida

    todas = list(roles)
    resultado = Informe(ronda, True, personas=n, umbrales=u)

    caracteristicas, riesgos, dimensiones = {}, {}, {}
    for item in items.values():
        if item.caracteristica_id:
            caracteristicas.setdefault(item.caracteristica.slug, item.caracteristica)
            dimensiones.setdefault(
                item.caracteristica.dimension.slug, item.caracteristica.dimension
            )
        elif item.riesgo_id:
            riesgos.setdefault(item.riesgo.slug, item.riesgo)
    orden_c = sorted(caracteristicas.values(), key=lambda c: (c.dimension.orden, c.orden, c.nombre))

    for c in orden_c:
        celda = _celda(
            por_persona(lambda i, c=c: i.caracteristica_id == c.pk, todas), n, u.personas
        )
        resultado.caracteristicas.append(
            {
                "termino": c,
                "dimension": c.dimension,
                "celda": celda,
                "discrepa": celda.desviacion is not None and celda.desviacion >= DISCREPANCIA,
            }
        )
    for d in sorted(dimensiones.values(), key=lambda d: d.orden):
        resultado.dimensiones.append(
            {
                "termino": d,
                "celda": _celda(
                    por_persona(
                        lambda i, d=d: (
                            i.caracteristica_id and i.caracteristica.dimension_id == d.pk
                        ),
                        todas,
                    ),
                    n,
                    u.personas,
                ),
            }
        )
    for r in sorted(riesgos.values(), key=lambda r: (r.orden, r.nombre)):
        celda = _celda(por_persona(lambda i, r=r: i.riesgo_id == r.pk, todas), n, u.personas)
        altos = celda.distribucion[3] + celda.distribucion[4]
        resultado.riesgos.append(
            {
                "termino": r,
                "celda": celda,
                "senalado": celda.media is not None
                and (celda.media >= RIESGO_SENALADO or altos * 3 >= celda.n),
            }
        )

    # Por rol (grupos que pasan el umbral, con supresión complementaria por fila).
    conteo = {}
    for rol in roles.values():
        conteo[rol or "docente"] = conteo.get(rol or "docente", 0) + 1
    grupos = _agrupar_roles(conteo, u.personas)
    miembros = [[p for p, rol in roles.items() if (rol or "docente") in g] for g, _ in grupos]
    resultado.grupos = [
        {"nombre": nombre, "n": len(m)} for (_, nombre), m in zip(grupos, miembros, strict=True)
    ]
    if len(grupos) < 2:
        resultado.aviso_grupos = (
            f"Con {n} personas no hay cortes por rol que reúnan al menos {u.personas}: "
            "el informe muestra la red completa, sin separar por rol."
        )
        resultado.grupos = []
    else:
        for c in orden_c:
            fila = [
                _celda(
                    por_persona(lambda i, c=c: i.caracteristica_id == c.pk, m), len(m), u.personas
                )
                for m in miembros
            ]
            _suprimir_complementario(fila, u.personas)
            resultado.por_grupo[c.slug] = fila
        if any(len(g) > 1 for g, _ in grupos):
            resultado.aviso_grupos = (
                f"Los roles con menos de {u.personas} personas se muestran juntos."
            )

    # Coordinación frente a los demás.
    coord = [p for p, rol in roles.items() if rol == COORDINACION]
    otros = [p for p, rol in roles.items() if rol != COORDINACION]
    if len(coord) < u.personas or len(otros) < u.personas:
        resultado.motivo_brecha = (
            "No se muestra la distancia entre lo que ve la coordinación y lo que ven los demás: "
            f"para eso cada grupo necesita al menos {u.personas} personas, y mostrar un grupo "
            "más chico identificaría a quienes coordinan."
        )
    else:
        for c in orden_c:
            fila = [
                _celda(
                    por_persona(lambda i, c=c: i.caracteristica_id == c.pk, g), len(g), u.personas
                )
                for g in (coord, otros)
            ]
            _suprimir_complementario(fila, u.personas)
            a, b = fila
            resultado.brecha.append(
                {
                    "termino": c,
                    "coordinacion": a.media,
                    "otros": b.media,
                    "distancia": _r(a.media - b.media) if not (a.oculta or b.oculta) else None,
                }
            )

    if n >= u.comentarios:
        resultado.comentarios = sorted(comentarios, key=str.casefold)
    else:
        resultado.motivo_comentarios = (
            f"Los comentarios abiertos se muestran con al menos {u.comentarios} personas "
            f"(respondieron {n}): un texto es más fácil de atribuir que un número."
        )

    if con_anterior:
        previa = ronda.anterior()
        if previa is None:
            resultado.motivo_anterior = (
                "Es la primera ronda cerrada de la red con esta versión del instrumento."
            )
        else:
            resultado.anterior = informe(previa, con_anterior=False)
            if not resultado.anterior.disponible:
                resultado.motivo_anterior = (
                    f"La ronda anterior («{previa.nombre}») no alcanzó el mínimo de personas."
                )
                resultado.anterior = None
        if resultado.anterior is not None:
            for fila in resultado.caracteristicas:
                antes = resultado.anterior.media(fila["termino"].slug)
                fila["anterior"] = antes
                ahora = fila["celda"].media
                fila["cambio"] = _r(ahora - antes) if None not in (ahora, antes) else None
    return resultado


# --- sesión grupal: la distribución de la sala (regla 7) -----------------------------------


@dataclass
class FilaSala:
    termino: object  # Caracteristica
    items: list
    personas: int = 0  # puntuaron algo en ella (también «no sé»)
    mostrada: bool = False  # votación cerrada (o ronda cerrada)
    celda: Celda | None = None  # solo si mostrada y con el mínimo
    motivo: str = ""
    acuerdo: object = None


def _motivo_insuficiente(n, umbral):
    return (
        f"Todavía no hay suficientes respuestas: {n} "
        f"{'persona la puntuó' if n == 1 else 'personas la puntuaron'} y se necesitan al "
        f"menos {umbral} para mostrar la distribución de la sala sin exponer a nadie."
    )


def _items_sala(ronda, solo=None):
    return [
        i
        for i in ronda.instrumento.items.select_related("caracteristica__dimension").order_by(
            "sort_order", "pk"
        )
        if i.caracteristica_id and (solo is None or i.caracteristica_id == solo.pk)
    ]


def _valores_sala(ronda, items):
    """{característica: {persona: [valores numéricos]}} de quienes puntuaron algo."""
    de_item = {i.pk: i.caracteristica_id for i in items}
    personas = _codigos_que_cuentan(ronda).values("pk")
    valores = {}
    for persona, item_id, valor in Respuesta.objects.filter(
        codigo__in=personas, item__in=list(de_item)
    ).values_list("codigo_id", "item_id", "valor"):
        lista = valores.setdefault(de_item[item_id], {}).setdefault(persona, [])
        if valor is not None:
            lista.append(valor)
    return valores


def sala(ronda, solo=None) -> list[FilaSala]:
    """Cada característica de una ronda en sesión grupal: cuántas personas la
    puntuaron y, si ya se cerró su votación y llegó al mínimo, la distribución
    (personas por nivel 1–5 y «no sé»). `solo`: una característica."""
    u = umbrales()
    items = _items_sala(ronda, solo)
    valores = _valores_sala(ronda, items)
    acuerdos = {a.caracteristica_id: a for a in Acuerdo.objects.filter(ronda=ronda)}
    filas = {}
    for item in items:
        c = item.caracteristica
        if c.pk not in filas:
            filas[c.pk] = FilaSala(termino=c, items=[], acuerdo=acuerdos.get(c.pk))
        filas[c.pk].items.append(item)
    for fila in filas.values():
        por_persona = valores.get(fila.termino.pk, {})
        fila.personas = len(por_persona)
        fila.mostrada = not ronda.abierta or bool(fila.acuerdo and fila.acuerdo.mostrada_en)
        if not fila.mostrada:
            fila.motivo = (
                "Votación abierta: la distribución aparece cuando la coordinación la cierra "
                f"(con al menos {u.personas} personas que la hayan puntuado)."
            )
            continue
        celda = _celda(por_persona, fila.personas, u.personas)
        if celda.oculta:
            fila.motivo = _motivo_insuficiente(celda.n, u.personas)
        else:
            fila.celda = celda
    # El orden de las páginas del teléfono (views._secciones): por dimensión y, dentro,
    # por el orden de las afirmaciones en el instrumento (sorted es estable).
    return sorted(filas.values(), key=lambda f: f.termino.dimension.orden)


def cerrar_votacion(ronda, caracteristica):
    """Cierra la votación de una característica y deja ver su distribución, solo si
    al menos el mínimo de personas la puntuó (con un número, no «no sé»).
    Devuelve "" si quedó cerrada, o el motivo para no cerrarla."""
    from django.db import transaction
    from django.utils import timezone

    if not ronda.abierta:
        return "La ronda ya está cerrada: la sala muestra lo que se puntuó."
    from .models import Ronda

    u = umbrales()
    with transaction.atomic():
        # La misma fila que bloquea el guardado de puntajes de la sesión (views._guardar).
        Ronda.objects.select_for_update().get(pk=ronda.pk)
        acuerdo, _ = Acuerdo.objects.select_for_update().get_or_create(
            ronda=ronda, caracteristica=caracteristica
        )
        if acuerdo.mostrada_en:
            return ""
        por_persona = _valores_sala(ronda, _items_sala(ronda, caracteristica)).get(
            caracteristica.pk, {}
        )
        puntuaron = sum(1 for v in por_persona.values() if v)
        if puntuaron < u.personas:
            return _motivo_insuficiente(puntuaron, u.personas) + " La votación sigue abierta."
        acuerdo.mostrada_en = timezone.now()
        acuerdo.save(update_fields=["mostrada_en", "actualizado"])
    return ""


# --- agregados territoriales (DEP y SLEP) ---------------------------------------------------


def rondas_territorio(slep, dias=365):
    """La última ronda cerrada en el último año de cada red del SLEP (instrumento vigente)."""
    from datetime import timedelta

    from django.db.models import Q
    from django.utils import timezone

    from .models import Instrumento, Red, Ronda

    instrumento = Instrumento.actual()
    desde = timezone.now() - timedelta(days=dias)
    # Cerrada en el último año (una ronda cargada sin fecha de cierre cuenta por su término).
    reciente = Q(cerrada_en__gte=desde) | Q(cerrada_en__isnull=True, termino__gte=desde.date())
    rondas = []
    for red in Red.objects.filter(slep=slep):
        ronda = (
            red.rondas.filter(reciente, estado=Ronda.CERRADA, instrumento=instrumento)
            .order_by("-termino", "-pk")
            .first()
        )
        if ronda is not None:
            rondas.append(ronda)
    return rondas


def agregado_territorial(rondas):
    """Puntajes de un territorio sobre las últimas rondas cerradas de varias redes.

    Solo entran las redes cuyo informe pasó su propio umbral (nada de una red bajo
    su umbral se suma); se muestra con al menos `umbrales().redes` de esas redes
    (3 por defecto, nunca menos) y `umbrales().personas` personas. Por característica:
    media ponderada por personas y la distribución de las redes según su media
    (cuántas redes en cada nivel 1–5); una característica que menos de
    `umbrales().redes` redes puntuaron se oculta. Sin el mínimo, solo conteos."""
    u = umbrales()
    validas = []
    for ronda in rondas:
        inf = informe(ronda, con_anterior=False)
        if inf.disponible:
            validas.append(inf)
    salida = {
        "evaluadas": len(rondas),
        "redes": len(validas),
        "personas": sum(i.personas for i in validas),
        "filas": [],
        "disponible": False,
        "minimo_redes": u.redes,
    }
    if len(validas) < u.redes or salida["personas"] < u.personas:
        salida["motivo"] = (
            f"Se muestran puntajes de un territorio con al menos {u.redes} redes con informe "
            f"(cada una con {u.personas} personas o más); aquí hay {len(validas)}."
        )
        return salida
    salida["disponible"] = True
    nombres = {}
    for inf in validas:
        for fila in inf.caracteristicas:
            nombres.setdefault(fila["termino"].slug, (fila["termino"], fila.get("dimension")))
    for slug, (termino, dimension) in nombres.items():
        pares = [
            (f["celda"].media, f["celda"].n)
            for inf in validas
            for f in inf.caracteristicas
            if f["termino"].slug == slug and f["celda"].media is not None
        ]
        n = sum(p[1] for p in pares)
        visible = len(pares) >= u.redes and n >= u.personas
        bandas = [0] * 5
        if visible:
            for media, _ in pares:
                bandas[min(5, max(1, int(media + 0.5))) - 1] += 1
        salida["filas"].append(
            {
                "termino": termino,
                "dimension": dimension,
                "redes": len(pares),
                "media": _r(sum(m * k for m, k in pares) / n) if visible else None,
                "bandas": bandas if visible else None,
            }
        )
    return salida


def mas_debiles(agregado, cuantas=3):
    """Las características con menor media visible de un agregado territorial."""
    filas = [f for f in agregado.get("filas", []) if f["media"] is not None]
    return sorted(filas, key=lambda f: (f["media"], f["termino"].slug))[:cuantas]
