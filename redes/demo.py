"""Autoevaluación de DEMOSTRACIÓN (solo `load_initial_data --demo`, con DEBUG).

Corre después de practicas/demo.py (que crea las redes de ejemplo). Agrega
ruralidad, EIB y año de inicio a esas redes y rondas con respuestas
SINTÉTICAS (generadas con una semilla fija, marcadas como ejemplo):

- Red de jefes de UTP de Barrancas y Red de directores del Huasco: dos rondas
  cerradas cada una (informe completo y cambio en el tiempo); la UTP tiene un
  plan en «Liderazgo distribuido» y «Orientación a la mejora…».
- Red intercultural de escuelas de Costa Araucanía (chica, rural, EIB; la coordina
  la cuenta `coordinadora`): una sesión grupal cerrada
  con 7 personas, la distribución de la sala de cada característica y lo que la
  sala acordó (nivel, evidencia y meta) en cuatro de ellas.
- Red de liceos técnico-profesionales de Barrancas: una ronda abierta con 3
  respuestas («todavía no hay suficientes respuestas») y códigos de ejemplo
  sin usar, que se imprimen al cargar para probar desde un teléfono.
Idempotente: si la ronda ya existe no se vuelve a crear."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from portal.models import Caracteristica

from .contenido import cargar_instrumento
from .models import Accion, Acuerdo, Codigo, Plan, Red, Respuesta, Ronda, hash_codigo

DATOS_REDES = {
    # slug: (rural, eib, desde, establecimientos)
    "microcentro-valle-huasco": (True, False, 2012, 6),
    "microcentros-costa": (True, True, 2009, 7),
    "red-intercultural-costa-araucania": (True, True, 2019, 9),
    "red-utp-barrancas": (False, False, 2021, 11),
    "red-tp-barrancas": (False, False, 2022, 4),
    "red-directores-huasco": (False, False, 2020, 14),
}

CODIGOS_DEMO = [f"DEMO-TP26-000{i}" for i in range(1, 6)]

# Roles de las personas sintéticas de cada ronda.
ROLES_UTP_1 = [
    "coordinacion",
    "directivo",
    "directivo",
    "docente",
    "docente",
    "docente",
    "asistente",
]
ROLES_UTP_2 = ROLES_UTP_1 + ["territorial"]
ROLES_SESION = ["coordinacion"] + ["docente"] * 6
# Sesión grupal de la red intercultural: (característica, nivel acordado, meta, evidencia).
ACUERDOS_SESION = [
    (
        "proposito-claro",
        3,
        4,
        "El propósito está escrito, pero en la sala solo dos escuelas lo conectaron con su PME.",
    ),
    (
        "liderazgo-distribuido",
        2,
        4,
        "Las actas del año muestran que la profesora encargada condujo todas las reuniones.",
    ),
    (
        "confianza",
        4,
        4,
        "Nos visitamos las aulas dos veces y comentamos con franqueza lo que vimos.",
    ),
    (
        "vinculacion-socioeducativa",
        2,
        3,
        "Solo el CESFAM participó una vez; la junta de vecinos no conoce la red.",
    ),
]
ROLES_HUASCO_1 = ["coordinacion", "directivo", "directivo", "directivo", "directivo"]
ROLES_HUASCO_2 = ROLES_HUASCO_1 + ["territorial"]

COMENTARIOS = [
    "Las reuniones sirven más cuando traemos trabajos de estudiantes.",
    "Falta tiempo protegido para preparar lo que compartimos.",
    "Me gustaría que otras escuelas también conduzcan las sesiones.",
    "Se nota más confianza que el año pasado.",
    "",
    "Los acuerdos a veces quedan en el acta y no se siguen.",
    "",
    "Sería bueno invitar al CESFAM y a la biblioteca comunal.",
]


def _respuestas(ronda, roles, semilla, base, ajustes, comentarios=()):
    azar = random.Random(semilla)  # noqa: S311 (datos de ejemplo, no seguridad)
    items = list(ronda.instrumento.items.select_related("caracteristica", "riesgo"))
    for n, rol in enumerate(roles):
        codigo = Codigo.objects.create(
            ronda=ronda,
            hash=hash_codigo(f"ejemplo-{ronda.pk}-{n}-{semilla}"),
            estado=Codigo.ENVIADO,
            rol=rol,
            comentario=comentarios[n] if n < len(comentarios) else "",
            enviado=timezone.now(),
        )
        filas = []
        for item in items:
            clave = item.caracteristica.slug if item.caracteristica_id else item.riesgo.slug
            centro = ajustes.get(clave, base if item.caracteristica_id else 2.0)
            if rol == "coordinacion" and item.caracteristica_id:
                centro += 0.8  # la coordinación ve la red mejor que los demás
            if azar.random() < 0.06:
                valor = None  # no sé / no aplica
            else:
                valor = min(5, max(1, round(azar.gauss(centro, 0.8))))
            filas.append(Respuesta(codigo=codigo, item=item, valor=valor))
        Respuesta.objects.bulk_create(filas)


def _ronda(red, nombre, inicio, termino, estado, instrumento):
    ronda, creada = Ronda.objects.get_or_create(
        red=red,
        nombre=nombre,
        defaults={
            "instrumento": instrumento,
            "inicio": inicio,
            "termino": termino,
            "estado": estado,
            "es_ejemplo": True,
            "cerrada_en": timezone.now() if estado == Ronda.CERRADA else None,
        },
    )
    return ronda, creada


@transaction.atomic
def cargar(inicio, salida=None):
    instrumento, _ = cargar_instrumento()
    for slug, (rural, eib, desde, establecimientos) in DATOS_REDES.items():
        Red.objects.filter(slug=slug).update(
            rural=rural, eib=eib, desde=desde, numero_establecimientos=establecimientos
        )
    Red.objects.filter(slug__in=[r for r in DATOS_REDES]).update(es_ejemplo=True)
    # update() no dispara señales: se reindexan a mano (la red y sus prácticas).
    from busqueda.indice import actualizar_claves, dependientes_de

    for red in Red.objects.filter(slug__in=list(DATOS_REDES)):
        actualizar_claves([f"red:{red.pk}", *dependientes_de(red)])

    hoy = timezone.localdate()
    anio = hoy.year
    creadas = 0
    utp = Red.objects.filter(slug="red-utp-barrancas").first()
    if utp:
        r1, c1 = _ronda(
            utp,
            f"Primer semestre {anio}",
            datetime.date(anio, 4, 1),
            datetime.date(anio, 4, 30),
            Ronda.CERRADA,
            instrumento,
        )
        if c1:
            _respuestas(
                r1,
                ROLES_UTP_1,
                11,
                3.0,
                {
                    "liderazgo-distribuido": 2.1,
                    "ciclos-de-indagacion": 2.3,
                    "confianza": 3.8,
                    "companero-durmiente": 3.4,
                    "roles-difusos": 3.0,
                },
            )
            plan = Plan.objects.create(ronda=r1)
            elegidas = list(
                Caracteristica.objects.filter(
                    slug__in=["liderazgo-distribuido", "ciclos-de-indagacion"]
                )
            )
            plan.caracteristicas.set(elegidas)
            Accion.objects.create(
                plan=plan,
                caracteristica=elegidas[0],
                descripcion="Cada sesión la conduce una escuela distinta, por turnos.",
                responsable="Jefa de UTP de turno",
                fecha=datetime.date(anio, 5, 15),
            )
            Accion.objects.create(
                plan=plan,
                caracteristica=elegidas[-1],
                descripcion="Un ciclo de indagación sobre lectura con registro de aula.",
                responsable="Equipo de mejora del SLEP",
                fecha=datetime.date(anio, 6, 30),
            )
            creadas += 1
        r2, c2 = _ronda(
            utp,
            f"Segundo semestre {anio}",
            datetime.date(anio, 9, 1),
            datetime.date(anio, 9, 30),
            Ronda.CERRADA,
            instrumento,
        )
        if c2:
            _respuestas(
                r2,
                ROLES_UTP_2,
                12,
                3.1,
                {
                    "liderazgo-distribuido": 3.1,
                    "ciclos-de-indagacion": 3.2,
                    "confianza": 3.9,
                    "companero-durmiente": 2.6,
                    "roles-difusos": 2.4,
                },
                COMENTARIOS,
            )
            creadas += 1
    huasco = Red.objects.filter(slug="red-directores-huasco").first()
    if huasco:
        for n, (nombre, mes, roles, base) in enumerate(
            [(f"Marzo {anio}", 3, ROLES_HUASCO_1, 2.8), (f"Agosto {anio}", 8, ROLES_HUASCO_2, 3.2)]
        ):
            r, c = _ronda(
                huasco,
                nombre,
                datetime.date(anio, mes, 1),
                datetime.date(anio, mes, 28),
                Ronda.CERRADA,
                instrumento,
            )
            if c:
                _respuestas(
                    r,
                    roles,
                    20 + n,
                    base,
                    {"vinculacion-socioeducativa": 2.2 + n, "luchas-de-poder": 3.2 - n},
                )
                creadas += 1
    intercultural = Red.objects.filter(slug="red-intercultural-costa-araucania").first()
    if intercultural:
        sesion, c = _ronda(
            intercultural,
            f"Jornada de autoevaluación, junio {anio}",
            datetime.date(anio, 6, 12),
            datetime.date(anio, 6, 12),
            Ronda.CERRADA,
            instrumento,
        )
        if c:
            sesion.modo = Ronda.SESION
            sesion.save(update_fields=["modo"])
            _respuestas(
                sesion,
                ROLES_SESION,
                40,
                3.0,
                {"liderazgo-distribuido": 2.2, "confianza": 3.9, "vinculacion-socioeducativa": 2.1},
            )
            for slug, nivel, meta, evidencia in ACUERDOS_SESION:
                caracteristica = Caracteristica.objects.filter(slug=slug).first()
                if caracteristica:
                    Acuerdo.objects.create(
                        ronda=sesion,
                        caracteristica=caracteristica,
                        mostrada_en=timezone.now(),
                        nivel=nivel,
                        meta=meta,
                        evidencia=evidencia,
                    )
            creadas += 1
    tp = Red.objects.filter(slug="red-tp-barrancas").first()
    if tp:
        abierta, c = _ronda(
            tp,
            f"Ronda {anio}",
            hoy - datetime.timedelta(days=7),
            hoy + datetime.timedelta(days=60),
            Ronda.ABIERTA,
            instrumento,
        )
        if c:
            _respuestas(abierta, ["docente", "docente", "directivo"], 30, 3.0, {})
            for codigo in CODIGOS_DEMO:
                Codigo.objects.create(ronda=abierta, hash=hash_codigo(codigo))
            creadas += 1
        elif abierta.abierta and abierta.termino < hoy:
            abierta.termino = hoy + datetime.timedelta(days=60)
            abierta.save(update_fields=["termino"])
    if salida is not None:
        salida.write(f"Autoevaluación de ejemplo: {creadas} rondas nuevas.")
        libres = [
            c
            for c in CODIGOS_DEMO
            if Codigo.objects.filter(hash=hash_codigo(c), estado=Codigo.SIN_USAR).exists()
        ]
        if libres:
            salida.write(
                "Códigos de ejemplo para responder la ronda abierta en /responder/: "
                + ", ".join(libres)
            )
