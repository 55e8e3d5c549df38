"""Instrumento inicial de autoevaluación (versión 1), escrito para Trama a partir
del marco del estudio de la DEP: 2 a 4 afirmaciones por cada una de las diez
características y una por cada uno de los seis riesgos. Ningún ítem viene de
otro instrumento. Idempotente: si la versión 1 ya existe no se toca (la DEP
pudo haberla editado o ya tener rondas)."""

from django.db import transaction

from portal.models import Caracteristica, Riesgo

NOMBRE = "Autoevaluación de redes (marco DEP)"

INTRODUCCION = (
    "Piense en cómo funciona su red hoy, no en cómo debería funcionar. Para cada afirmación "
    "elija con qué frecuencia ocurre. Si no lo sabe o no aplica a su red, márquelo: también "
    "es información. Sus respuestas son anónimas y nadie las ve una a una."
)

NIVELES = [
    "Casi nunca o nunca ocurre en nuestra red",
    "Ocurre pocas veces, o solo con algunas personas o escuelas",
    "Ocurre a veces; todavía no es lo habitual",
    "Ocurre casi siempre y en casi toda la red",
    "Es parte de cómo funcionamos y podríamos mostrarlo con ejemplos",
]

# (característica o riesgo, afirmación general, {rol: redacción propia})
ITEMS = [
    (
        "proposito-claro",
        "Puedo explicar con mis palabras para qué existe la red y qué quiere lograr.",
        {
            "coordinacion": "Las personas de la red podrían explicar con sus palabras para qué "
            "existe y qué quiere lograr."
        },
    ),
    (
        "proposito-claro",
        "El propósito de la red apunta a mejorar aprendizajes o prácticas, no solo a reunirse.",
        {},
    ),
    (
        "proposito-claro",
        "Lo que hace la red se conecta con los planes de mejora de las escuelas (PME) y del "
        "territorio (PEL).",
        {
            "docente": "Sé cómo lo que hacemos en la red se conecta con lo que mi escuela quiere "
            "mejorar.",
            "asistente": "Sé cómo lo que hacemos en la red se conecta con lo que mi "
            "establecimiento quiere mejorar.",
        },
    ),
    (
        "colaboracion-sostenida",
        "El trabajo de la red continúa entre una reunión y otra, no solo cuando nos juntamos.",
        {},
    ),
    (
        "colaboracion-sostenida",
        "Cada encuentro retoma lo que quedó pendiente del anterior.",
        {},
    ),
    (
        "colaboracion-sostenida",
        "La red sigue funcionando aunque cambien personas, equipos directivos o autoridades.",
        {},
    ),
    (
        "gestion-del-conocimiento",
        "Lo que aprende una escuela de la red llega a las demás (materiales, experiencias, "
        "resultados).",
        {},
    ),
    (
        "gestion-del-conocimiento",
        "La red deja registro de lo que aprende, de modo que otras personas puedan usarlo después.",
        {},
    ),
    (
        "gestion-del-conocimiento",
        "Llevo a mi trabajo ideas o prácticas que conocí en la red.",
        {
            "coordinacion": "Veo que las personas llevan a su trabajo ideas o prácticas que "
            "conocieron en la red.",
            "territorial": "Mi organización usa en su trabajo ideas o aprendizajes que "
            "surgieron en la red.",
        },
    ),
    (
        "ciclos-de-indagacion",
        "La red se hace preguntas sobre sus prácticas y busca evidencia para responderlas.",
        {},
    ),
    (
        "ciclos-de-indagacion",
        "Probamos cambios, miramos qué pasó y ajustamos antes de seguir.",
        {},
    ),
    (
        "ciclos-de-indagacion",
        "Conversamos en la red a partir de registros concretos (observaciones de aula, trabajos "
        "de estudiantes, resultados).",
        {},
    ),
    (
        "confianza",
        "En la red puedo contar algo que no me resultó sin temor a ser juzgado o juzgada.",
        {},
    ),
    (
        "confianza",
        "Lo que se comparte en la red se usa para aprender, no para evaluar a las personas.",
        {
            "directivo": "Lo que se comparte en la red se usa para aprender, no para comparar ni "
            "sancionar a las escuelas.",
        },
    ),
    (
        "confianza",
        "Puedo pedir ayuda a otras personas de la red fuera de las reuniones.",
        {},
    ),
    (
        "corresponsabilidad",
        "Lo que acordamos en la red se cumple.",
        {},
    ),
    (
        "corresponsabilidad",
        "Cada integrante sabe qué le toca y da cuenta de ello ante los demás.",
        {
            "coordinacion": "Cada integrante sabe qué le toca y da cuenta de ello ante los "
            "demás, no solo ante la coordinación.",
        },
    ),
    (
        "vinculacion-socioeducativa",
        "La red trabaja con organizaciones del territorio (salud, cultura, universidades, "
        "comunidades, otras redes) en torno a su propósito.",
        {
            "territorial": "Mi organización tiene un papel claro en la red, no solo de invitada.",
        },
    ),
    (
        "vinculacion-socioeducativa",
        "La red aprovecha experiencias y vínculos que ya existían en el territorio en vez de "
        "empezar de cero.",
        {},
    ),
    (
        "participacion-comunidad",
        "En la red participan distintos actores de la comunidad educativa, no solo los cargos "
        "directivos.",
        {
            "asistente": "Las y los asistentes de la educación tenemos un lugar real en el "
            "trabajo de la red.",
        },
    ),
    (
        "participacion-comunidad",
        "Lo que opinan estudiantes y familias influye en lo que hace la red.",
        {},
    ),
    (
        "capital-profesional",
        "Participar en la red me ha permitido aprender algo que uso en mi trabajo.",
        {
            "coordinacion": "Participar en la red ha permitido a sus integrantes aprender algo "
            "que usan en su trabajo.",
        },
    ),
    (
        "capital-profesional",
        "En la red hay personas que saben facilitar conversaciones y acompañar a otras.",
        {},
    ),
    (
        "capital-profesional",
        "La red da tiempo y espacio para que aprendamos unos de otros.",
        {},
    ),
    (
        "liderazgo-distribuido",
        "Distintas personas, no solo la coordinación, proponen y conducen actividades de la red.",
        {
            "coordinacion": "Otras personas, además de quienes coordinamos, proponen y conducen "
            "actividades de la red.",
        },
    ),
    (
        "liderazgo-distribuido",
        "Lo que se decide en la red tiene quién lo impulse dentro de cada establecimiento.",
        {},
    ),
    (
        "liderazgo-distribuido",
        "Las decisiones importantes de la red se toman con la participación de sus integrantes.",
        {},
    ),
    # Riesgos de redes nocivas: aquí un puntaje alto es una señal de alerta.
    (
        "luchas-de-poder",
        "En la red hay disputas por quién decide que frenan el trabajo.",
        {},
    ),
    (
        "competencia-fragmentacion",
        "Las escuelas de la red compiten entre sí o se dividen en grupos que no colaboran.",
        {},
    ),
    (
        "roles-difusos",
        "No está claro quién hace qué en la red ni quién responde por cada tarea.",
        {},
    ),
    (
        "conocimiento-no-reciproco",
        "Algunas escuelas o personas reciben de la red pero no comparten lo suyo.",
        {},
    ),
    (
        "companero-durmiente",
        "Hay integrantes que figuran en la red pero en la práctica no participan.",
        {},
    ),
    (
        "instrumentalizacion",
        "Participamos en la red porque es obligatorio, y lo que hacemos viene decidido desde "
        "afuera.",
        {},
    ),
]


@transaction.atomic
def cargar_instrumento():
    from .models import Instrumento, Item

    instrumento, creado = Instrumento.objects.get_or_create(
        nombre=NOMBRE,
        version=1,
        defaults={
            "vigente": not Instrumento.objects.filter(vigente=True).exists(),
            "introduccion": INTRODUCCION,
            **{f"nivel_{i}": texto for i, texto in enumerate(NIVELES, 1)},
        },
    )
    if not creado:
        return instrumento, 0
    caracteristicas = {c.slug: c for c in Caracteristica.objects.all()}
    riesgos = {r.slug: r for r in Riesgo.objects.all()}
    for orden, (slug, texto, por_rol) in enumerate(ITEMS):
        Item.objects.create(
            instrumento=instrumento,
            sort_order=orden,
            caracteristica=caracteristicas.get(slug),
            riesgo=riesgos.get(slug),
            texto=texto,
            **{f"texto_{rol}": t for rol, t in por_rol.items()},
        )
    return instrumento, len(ITEMS)


def cargar(inicio, salida=None):
    instrumento, n = cargar_instrumento()
    if salida is not None:
        salida.write(
            f"Instrumento de autoevaluación: {instrumento}"
            + (f", {n} afirmaciones." if n else " (ya existía).")
        )
