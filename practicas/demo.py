"""Redes y prácticas de DEMOSTRACIÓN (solo `load_initial_data --demo`, con DEBUG).

Ilustran los hallazgos del estudio de la DEP (redes con universidades e
institutos para liceos TP, redes de UTP, microcentros, redes interculturales,
redes que articulan comunas, monitoreo de redes, redes temáticas de integración
escolar y de educación de adultos). Son ficticias: van
marcadas `es_ejemplo` y la ficha lo dice. No traen cifras: donde una
práctica real reportaría datos, el texto dice qué se registró, no cuánto."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from portal.models import Caracteristica, Comuna, Foco, NivelEducativo, Principio, Slep, TipoRed

from .contenido import cargar as cargar_contenido
from .models import PracticaPage, Red

# (slug, nombre, tipo, slep, comunas, niveles, coordinador, propósito)
REDES = [
    (
        "red-utp-barrancas",
        "Red de jefes de UTP de Barrancas",
        "utp",
        "barrancas",
        ["Cerro Navia", "Lo Prado", "Pudahuel"],
        ["basica", "media-hc"],
        "coordinadora",
        "Mejorar la enseñanza de la lectura y la escritura compartiendo lo que funciona en cada escuela.",
    ),
    (
        "red-tp-barrancas",
        "Red de liceos técnico-profesionales de Barrancas",
        "universidades-institutos",
        "barrancas",
        ["Pudahuel", "Cerro Navia"],
        ["media-tp"],
        "coordinadora",
        "Abrir a las y los estudiantes TP caminos de práctica y continuidad de estudios junto a "
        "instituciones de educación superior.",
    ),
    (
        "red-jardines-barrancas",
        "Red de jardines infantiles de Barrancas",
        "jardines-infantiles",
        "barrancas",
        ["Lo Prado", "Pudahuel"],
        ["parvularia"],
        "coordinador2",
        "Cuidar la transición de los niños y niñas desde el jardín a la escuela.",
    ),
    (
        "microcentro-valle-huasco",
        "Microcentro rural del valle del Huasco",
        "microcentro-rural",
        "huasco",
        ["Alto del Carmen"],
        ["basica"],
        "coordinador2",
        "Que los docentes de escuelas multigrado no trabajen solos.",
    ),
    (
        "red-directores-huasco",
        "Red de directores del Huasco",
        "directores",
        "huasco",
        ["Alto del Carmen", "Freirina", "Huasco", "Vallenar"],
        ["basica", "media-hc", "media-tp"],
        "coordinadora",
        "Liderar juntos la mejora de las escuelas de las cuatro comunas del SLEP.",
    ),
    (
        "red-tp-huasco",
        "Red de liceos TP del Huasco",
        "universidades-institutos",
        "huasco",
        ["Vallenar", "Huasco", "Freirina"],
        ["media-tp"],
        "coordinador2",
        "Alinear las especialidades TP con la educación superior técnica y el territorio.",
    ),
    (
        "red-intercultural-costa-araucania",
        "Red intercultural de escuelas de Costa Araucanía",
        "tematica",
        "costa-araucania",
        ["Saavedra", "Teodoro Schmidt", "Carahue", "Nueva Imperial", "Cholchol", "Toltén"],
        ["parvularia", "basica"],
        "coordinadora",
        "Que la lengua y la cultura mapuche estén en el centro del aprendizaje, con las "
        "comunidades.",
    ),
    (
        "microcentros-costa",
        "Microcentros rurales de la costa",
        "microcentro-rural",
        "costa-araucania",
        ["Toltén", "Teodoro Schmidt"],
        ["basica"],
        "coordinador2",
        "Dar continuidad, dentro del SLEP, al trabajo que los microcentros ya hacían.",
    ),
    (
        "red-mejoramiento-puerto-cordillera",
        "Red de mejoramiento escolar Andacollo–Coquimbo",
        "mejoramiento-escolar",
        "puerto-cordillera",
        ["Andacollo", "Coquimbo"],
        ["basica", "media-hc"],
        "coordinadora",
        "Que escuelas de dos comunas que antes no trabajaban juntas mejoren juntas.",
    ),
    (
        "red-utp-puerto-cordillera",
        "Red de UTP de Puerto Cordillera",
        "utp",
        "puerto-cordillera",
        ["Coquimbo", "Andacollo"],
        ["basica", "media-hc"],
        "coordinador2",
        "Fortalecer la evaluación formativa en el aula.",
    ),
    (
        "red-pie-puerto-cordillera",
        "Red de coordinadoras PIE de Puerto Cordillera",
        "tematica",
        "puerto-cordillera",
        ["Coquimbo", "Andacollo"],
        ["basica", "especial"],
        "coordinador2",
        "Que los equipos del Programa de Integración Escolar y los docentes de aula enseñen "
        "juntos y no en paralelo.",
    ),
    (
        "red-epja-huasco",
        "Red de centros de educación de personas jóvenes y adultas del Huasco",
        "tematica",
        "huasco",
        ["Vallenar", "Freirina", "Huasco"],
        ["adultos"],
        "coordinador2",
        "Que quienes retoman sus estudios encuentren en cada centro una trayectoria "
        "acompañada, y que los centros dejen de trabajar aislados.",
    ),
]

D, R, E = PracticaPage.DESCRITA, PracticaPage.RESULTADOS, PracticaPage.EVALUADA

# Cada práctica: título, red, resumen, desafío, pasos, participantes, duración,
# resultados, evidencia, PME/PEL, focos, principios, características, niveles, etiquetas.
PRACTICAS = [
    {
        "title": "Pasantías de estudiantes TP en un instituto profesional",
        "red": "red-tp-barrancas",
        "resumen": "Los liceos TP de la red acordaron con un instituto profesional pasantías "
        "para que sus estudiantes conozcan la continuidad de estudios de su especialidad.",
        "desafio": "<p>Los estudiantes de especialidades técnicas terminaban cuarto medio sin "
        "conocer cómo seguir estudiando. El estudio de la DEP recomienda redes con "
        "universidades e institutos, sobre todo para estudiantes TP.</p>",
        "pasos": [
            "Los jefes de especialidad de cada liceo identificaron las especialidades comunes.",
            "La red contactó al instituto y acordó un programa de visitas y pasantías.",
            "Docentes de los liceos y del instituto planificaron juntos las actividades.",
            "Los estudiantes hicieron las pasantías y compartieron su experiencia en su liceo.",
        ],
        "participantes": "Jefes de especialidad, docentes TP, orientadores, docentes del "
        "instituto, estudiantes de tercero y cuarto medio.",
        "duracion": "Un semestre, con visitas mensuales.",
        "resultados": "<p>Los orientadores registraron el interés de los estudiantes por seguir "
        "estudiando antes y después de las pasantías y lo conversaron en la red.</p>",
        "nivel_evidencia": R,
        "vinculo_pme_pel": "Aporta a la dimensión de formación técnico-profesional del PME y a la "
        "línea de articulación con la educación superior del PEL.",
        "focos": ["procesos-y-resultados", "socioeducativo"],
        "principios": ["calidad-y-equidad", "pertinencia-territorial"],
        "caracteristicas": ["vinculacion-socioeducativa", "colaboracion-sostenida"],
        "niveles": ["media-tp"],
        "etiquetas": ["educación superior", "pasantías"],
    },
    {
        "title": "Ciclos de indagación sobre comprensión lectora entre jefes de UTP",
        "red": "red-utp-barrancas",
        "resumen": "Los jefes de UTP de la red eligieron un problema común de lectura, "
        "probaron estrategias en sus escuelas y analizaron juntos lo que pasó.",
        "desafio": "<p>Cada escuela trabajaba la comprensión lectora por su cuenta y las "
        "reuniones de la red eran informativas. Se buscaba que la red tuviera efectos claros "
        "en el aprendizaje.</p>",
        "pasos": [
            "Definir una pregunta común a partir de los diagnósticos de cada escuela.",
            "Elegir una estrategia de enseñanza y acordar cómo observarla en el aula.",
            "Aplicarla en cada escuela durante un mes y registrar lo observado.",
            "Analizar en la red los registros y decidir qué mantener y qué ajustar.",
        ],
        "participantes": "Jefes de UTP, docentes de lenguaje de primer ciclo, equipo de "
        "mejora del SLEP.",
        "duracion": "Ciclos de dos meses; sesiones de red quincenales.",
        "resultados": "",
        "nivel_evidencia": D,
        "vinculo_pme_pel": "Se vincula con la meta de lectura del PME de cada escuela.",
        "focos": ["aprendizaje-profundo", "procesos-y-resultados"],
        "principios": ["mejoramiento-continuo"],
        "caracteristicas": ["ciclos-de-indagacion", "gestion-del-conocimiento"],
        "niveles": ["basica"],
        "etiquetas": ["lectura", "indagación"],
    },
    {
        "title": "Banco compartido de materiales de la red de UTP",
        "red": "red-utp-barrancas",
        "resumen": "Un repositorio común donde cada escuela deja planificaciones y "
        "evaluaciones probadas, con una nota sobre cómo le fue.",
        "desafio": "<p>Los buenos materiales se quedaban en cada escuela y se perdían cuando "
        "cambiaba el equipo.</p>",
        "pasos": [
            "Acordar una ficha mínima para cada material (curso, objetivo, cómo se usó).",
            "Cada jefe de UTP aporta materiales antes de cada sesión de la red.",
            "En la sesión se comenta un material y quien lo usó cuenta cómo le fue.",
        ],
        "participantes": "Jefes de UTP y docentes que aportan materiales.",
        "duracion": "Permanente, desde que se formó la red.",
        "resultados": "",
        "nivel_evidencia": D,
        "vinculo_pme_pel": "Apoya las acciones de gestión curricular del PME.",
        "focos": ["capital-profesional"],
        "principios": ["mejoramiento-continuo"],
        "caracteristicas": ["gestion-del-conocimiento", "corresponsabilidad"],
        "niveles": ["basica", "media-hc"],
        "etiquetas": ["materiales"],
    },
    {
        "title": "Transición del jardín a primero básico",
        "red": "red-jardines-barrancas",
        "resumen": "Jardines y escuelas cercanas acordaron un traspaso de información y "
        "visitas para que el paso a la escuela sea cuidado.",
        "desafio": "<p>Las familias y los niños vivían el paso del jardín a la escuela como un "
        "corte; las educadoras y los docentes no se conocían.</p>",
        "pasos": [
            "Mapear a qué escuelas llegan los niños y niñas de cada jardín.",
            "Organizar visitas de los párvulos a las escuelas y de docentes a los jardines.",
            "Acordar con las familias un informe de traspaso.",
        ],
        "participantes": "Directoras y educadoras de párvulos, docentes de primero básico, "
        "familias.",
        "duracion": "Segundo semestre de cada año.",
        "resultados": "",
        "nivel_evidencia": D,
        "vinculo_pme_pel": "Se relaciona con la línea de trayectorias educativas del PEL.",
        "focos": ["socioeducativo"],
        "principios": ["calidad-y-equidad"],
        "caracteristicas": ["participacion-comunidad", "colaboracion-sostenida"],
        "niveles": ["parvularia", "basica"],
        "etiquetas": ["transición", "familias"],
    },
    {
        "title": "Planificación multigrado compartida en el microcentro",
        "red": "microcentro-valle-huasco",
        "resumen": "Docentes de escuelas rurales multigrado planifican juntos una vez al mes "
        "y se prestan estrategias para cursos combinados.",
        "desafio": "<p>En las escuelas unidocentes y bidocentes cada profesor enfrenta solo "
        "la enseñanza en cursos combinados.</p>",
        "pasos": [
            "Reunión mensual del microcentro con una agenda acordada por los docentes.",
            "Cada docente presenta una clase multigrado y recibe comentarios.",
            "Se planifica en conjunto la unidad del mes siguiente.",
        ],
        "participantes": "Docentes de escuelas rurales, encargada de microcentros del SLEP.",
        "duracion": "Mensual, durante el año escolar.",
        "resultados": "<p>Los docentes registran en una bitácora qué estrategias aplicaron y "
        "cómo respondieron sus estudiantes; la bitácora se revisa en cada reunión.</p>",
        "nivel_evidencia": R,
        "vinculo_pme_pel": "Responde al objetivo de desarrollo profesional docente del PEL.",
        "focos": ["capital-profesional"],
        "principios": ["pertinencia-territorial"],
        "caracteristicas": ["capital-profesional", "colaboracion-sostenida", "confianza"],
        "niveles": ["basica"],
        "etiquetas": ["ruralidad", "multigrado"],
    },
    {
        "title": "Visitas entre escuelas de cuatro comunas",
        "red": "red-directores-huasco",
        "resumen": "Directores de Alto del Carmen, Freirina, Huasco y Vallenar se visitan "
        "para observar una práctica de gestión y conversar sobre ella.",
        "desafio": "<p>Las comunas del SLEP no tenían historia de trabajo conjunto y cada "
        "director conocía solo su escuela.</p>",
        "pasos": [
            "Cada director propone una práctica de su escuela que quiere mostrar.",
            "Se organizan visitas en duplas de comunas distintas.",
            "Después de cada visita, la dupla presenta lo aprendido a la red.",
        ],
        "participantes": "Directores, equipo de la subdirección de apoyo técnico-pedagógico "
        "del SLEP.",
        "duracion": "Dos visitas por semestre.",
        "resultados": "",
        "nivel_evidencia": D,
        "vinculo_pme_pel": "Aporta al objetivo del PEL de articular a los establecimientos del "
        "territorio.",
        "focos": ["mejoramiento-sistemico"],
        "principios": ["gobernanza", "sistema-dinamico-y-complejo"],
        "caracteristicas": ["liderazgo-distribuido", "confianza"],
        "niveles": ["basica", "media-hc"],
        "etiquetas": ["liderazgo", "articulación comunal"],
    },
    {
        "title": "Mesa de especialidades TP con la educación superior técnica",
        "red": "red-tp-huasco",
        "resumen": "Los liceos TP del SLEP y un centro de formación técnica revisan juntos "
        "las especialidades y las oportunidades de continuidad de estudios.",
        "desafio": "<p>Las especialidades de los liceos no conversaban con la oferta de "
        "educación superior ni con el trabajo del territorio.</p>",
        "pasos": [
            "Conformar una mesa con jefes de especialidad y la institución de educación superior.",
            "Revisar los perfiles de egreso de cada especialidad.",
            "Acordar charlas, visitas y módulos compartidos.",
        ],
        "participantes": "Jefes de especialidad, directores de liceos TP, docentes de un "
        "centro de formación técnica.",
        "duracion": "Reuniones bimensuales.",
        "resultados": "",
        "nivel_evidencia": D,
        "vinculo_pme_pel": "Vinculado a la línea de educación técnico-profesional del PEL.",
        "focos": ["procesos-y-resultados"],
        "principios": ["pertinencia-territorial", "calidad-y-equidad"],
        "caracteristicas": ["vinculacion-socioeducativa", "proposito-claro"],
        "niveles": ["media-tp"],
        "etiquetas": ["educación superior"],
    },
    {
        "title": "Calendario intercultural construido con educadores tradicionales",
        "red": "red-intercultural-costa-araucania",
        "resumen": "Las escuelas de la red, con educadores tradicionales y comunidades, "
        "organizan el año escolar en diálogo con el calendario mapuche.",
        "desafio": "<p>En algunos territorios lo intercultural tiene un valor profundo, pero "
        "cada escuela lo abordaba con actividades aisladas.</p>",
        "pasos": [
            "Conversaciones con comunidades y educadores tradicionales sobre los ciclos del año.",
            "Diseño de un calendario común con hitos y aprendizajes asociados.",
            "Cada escuela planifica sus unidades considerando el calendario.",
            "Encuentro de cierre entre escuelas y comunidades.",
        ],
        "participantes": "Educadores tradicionales, docentes, educadoras de párvulos, "
        "familias y comunidades.",
        "duracion": "Anual.",
        "resultados": "",
        "nivel_evidencia": D,
        "vinculo_pme_pel": "Aporta al sello intercultural de los PME y a la línea de "
        "pertinencia territorial del PEL.",
        "focos": ["socioeducativo", "aprendizaje-profundo"],
        "principios": ["pertinencia-territorial"],
        "caracteristicas": ["participacion-comunidad", "vinculacion-socioeducativa"],
        "niveles": ["parvularia", "basica"],
        "etiquetas": ["interculturalidad", "lengua mapuche"],
    },
    {
        "title": "Aprender de lo que ya existía: los microcentros en el nuevo SLEP",
        "red": "microcentros-costa",
        "resumen": "Los microcentros rurales revisaron qué hacían antes del traspaso al SLEP "
        "para mantener lo valioso y decidir qué cambiar.",
        "desafio": "<p>Los territorios ya tenían experiencias de red; la nueva forma de "
        "trabajo debía dialogar con ellas y no partir de cero.</p>",
        "pasos": [
            "Reconstruir con los docentes la historia de cada microcentro.",
            "Identificar las prácticas que querían mantener.",
            "Acordar con el SLEP los apoyos que necesitaban.",
        ],
        "participantes": "Docentes rurales, encargado de microcentros del SLEP.",
        "duracion": "Un semestre de trabajo; luego reuniones mensuales.",
        "resultados": "",
        "nivel_evidencia": D,
        "vinculo_pme_pel": "Se vincula con la línea de educación rural del PEL.",
        "focos": ["mejoramiento-sistemico", "socioeducativo"],
        "principios": ["pertinencia-territorial", "gobernanza"],
        "caracteristicas": ["confianza", "proposito-claro"],
        "niveles": ["basica"],
        "etiquetas": ["ruralidad"],
    },
    {
        "title": "Pauta de autoevaluación para monitorear cómo funciona la red",
        "red": "red-mejoramiento-puerto-cordillera",
        "resumen": "La red aplica dos veces al año una pauta basada en las diez "
        "características de redes efectivas y decide mejoras a partir de ella.",
        "desafio": "<p>El estudio de la DEP advierte que faltan instrumentos para monitorear "
        "cómo funcionan las redes y si logran sus propósitos.</p>",
        "pasos": [
            "Adaptar una pauta con las diez características del marco del estudio.",
            "Aplicarla de forma individual al inicio y al final del año.",
            "Analizar los resultados en una sesión de la red.",
            "Acordar dos mejoras y revisarlas en la aplicación siguiente.",
        ],
        "participantes": "Directores, jefes de UTP, equipo de mejora del SLEP.",
        "duracion": "Dos aplicaciones por año.",
        "resultados": "<p>La red compara las dos aplicaciones del año con el equipo del SLEP "
        "y deja constancia de las mejoras acordadas y de si se cumplieron.</p>",
        "nivel_evidencia": E,
        "vinculo_pme_pel": "Aporta al seguimiento de las redes que el PEL compromete.",
        "focos": ["mejoramiento-sistemico"],
        "principios": ["mejoramiento-continuo"],
        "caracteristicas": ["proposito-claro", "corresponsabilidad", "gestion-del-conocimiento"],
        "niveles": ["basica", "media-hc"],
        "etiquetas": ["monitoreo"],
    },
    {
        "title": "Comunidades de aprendizaje entre Andacollo y Coquimbo",
        "red": "red-mejoramiento-puerto-cordillera",
        "resumen": "Docentes de escuelas de dos comunas forman comunidades por asignatura "
        "que se reúnen alternando la sede.",
        "desafio": "<p>Andacollo y Coquimbo no tenían instancias comunes; las escuelas "
        "pequeñas tenían pocos pares con quienes conversar.</p>",
        "pasos": [
            "Formar comunidades por asignatura con docentes de ambas comunas.",
            "Alternar la sede de las reuniones entre las comunas.",
            "Compartir una clase preparada en conjunto en cada reunión.",
        ],
        "participantes": "Docentes de matemática y lenguaje, jefes de UTP.",
        "duracion": "Mensual.",
        "resultados": "",
        "nivel_evidencia": D,
        "vinculo_pme_pel": "Aporta al objetivo del PEL de articular comunas.",
        "focos": ["capital-profesional", "mejoramiento-sistemico"],
        "principios": ["sistema-dinamico-y-complejo"],
        "caracteristicas": ["colaboracion-sostenida", "capital-profesional"],
        "niveles": ["basica"],
        "etiquetas": ["articulación comunal"],
    },
    {
        "title": "Acompañamiento al aula con foco en evaluación formativa",
        "red": "red-utp-puerto-cordillera",
        "resumen": "Los jefes de UTP acuerdan una pauta común de observación de clases "
        "centrada en la retroalimentación y la comparten entre escuelas.",
        "desafio": "<p>Las observaciones de aula se usaban para calificar y no para "
        "aprender; los docentes las vivían con desconfianza.</p>",
        "pasos": [
            "Acordar en la red una pauta breve centrada en la retroalimentación.",
            "Observar clases en parejas de jefes de UTP de escuelas distintas.",
            "Conversar con cada docente observado y acordar un compromiso.",
        ],
        "participantes": "Jefes de UTP, docentes de aula.",
        "duracion": "Un ciclo por semestre.",
        "resultados": "<p>Cada escuela registra los compromisos acordados y su seguimiento; "
        "la red revisa esos registros al cierre del semestre.</p>",
        "nivel_evidencia": R,
        "vinculo_pme_pel": "Se vincula con las acciones de evaluación formativa del PME.",
        "focos": ["procesos-y-resultados", "capital-profesional"],
        "principios": ["mejoramiento-continuo", "calidad-y-equidad"],
        "caracteristicas": ["confianza", "ciclos-de-indagacion"],
        "niveles": ["basica", "media-hc"],
        "etiquetas": ["evaluación formativa", "observación de aula"],
    },
    {
        "title": "Codocencia entre docentes de aula y equipos PIE",
        "red": "red-pie-puerto-cordillera",
        "resumen": "Las coordinadoras del Programa de Integración Escolar (PIE) de la red "
        "acordaron con las UTP un modelo de codocencia: planificar, enseñar y evaluar en "
        "pareja, y revisar juntas en la red cómo funciona.",
        "desafio": "<p>Las educadoras diferenciales sacaban a los estudiantes del aula o "
        "llegaban a la clase sin haberla planificado con el docente; cada escuela resolvía "
        "sola cómo trabajar la inclusión.</p>",
        "pasos": [
            "Acordar en la red qué significa codocencia y qué tiempos protegidos requiere.",
            "Cada pareja (docente de aula y educadora diferencial) planifica una unidad junta.",
            "Observarse entre escuelas y registrar qué ajustes necesitó cada estudiante.",
            "Llevar a la sesión de la red los registros y acordar qué mejorar.",
        ],
        "participantes": "Coordinadoras PIE, educadoras diferenciales, docentes de aula, "
        "jefes de UTP.",
        "duracion": "Un año escolar; sesiones de red mensuales.",
        "resultados": "<p>Cada escuela registra las unidades planificadas en pareja y los "
        "ajustes acordados; la red los revisa al cierre de cada semestre.</p>",
        "nivel_evidencia": R,
        "vinculo_pme_pel": "Se vincula con las acciones de inclusión y apoyo a la diversidad "
        "del PME.",
        "focos": ["capital-profesional", "aprendizaje-profundo"],
        "principios": ["calidad-y-equidad"],
        "caracteristicas": ["colaboracion-sostenida", "capital-profesional"],
        "niveles": ["basica", "especial"],
        "etiquetas": ["inclusión", "codocencia"],
    },
    {
        "title": "Trayectorias acompañadas en centros de educación de adultos",
        "red": "red-epja-huasco",
        "resumen": "Los centros de educación de personas jóvenes y adultas (EPJA) de la red "
        "comparten una entrevista de ingreso y un plan de acompañamiento para quienes "
        "retoman sus estudios, y revisan juntos quiénes se están quedando atrás.",
        "desafio": "<p>Muchas personas retomaban sus estudios y dejaban de asistir a las "
        "pocas semanas; cada centro hacía su propio seguimiento y no había con quién "
        "compararlo.</p>",
        "pasos": [
            "Acordar una entrevista de ingreso común sobre trabajo, horarios y metas.",
            "Asignar a cada estudiante un docente que lo acompaña durante el semestre.",
            "Revisar en la red, cada mes, la asistencia y los casos que preocupan.",
            "Compartir lo que resultó con quienes compatibilizan estudio y trabajo.",
        ],
        "participantes": "Directores y docentes de los centros EPJA, orientadores, equipo "
        "del SLEP.",
        "duracion": "Un año; reuniones mensuales de la red.",
        "resultados": "<p>Los centros registran la asistencia y los motivos de abandono con "
        "la misma pauta, lo que permite conversar en la red sobre datos comparables.</p>",
        "nivel_evidencia": R,
        "vinculo_pme_pel": "Aporta a la línea de trayectorias educativas del PEL.",
        "focos": ["socioeducativo", "procesos-y-resultados"],
        "principios": ["calidad-y-equidad", "pertinencia-territorial"],
        "caracteristicas": ["proposito-claro", "vinculacion-socioeducativa"],
        "niveles": ["adultos"],
        "etiquetas": ["educación de adultos", "trayectorias educativas"],
    },
]


def _red(datos):
    slug, nombre, tipo, slep, comunas, niveles, coordinador, proposito = datos
    red, _ = Red.objects.get_or_create(
        slug=slug,
        defaults={
            "nombre": nombre,
            "tipo": TipoRed.objects.get(slug=tipo),
            "slep": Slep.objects.get(slug=slep),
            "proposito": proposito,
        },
    )
    red.comunas.set(Comuna.objects.filter(slug__in=[slugify(c) for c in comunas]))
    red.niveles.set(NivelEducativo.objects.filter(slug__in=niveles))
    usuario = get_user_model().objects.filter(username=coordinador).first()
    if usuario is not None:
        red.coordinadores.add(usuario)
    return red


@transaction.atomic
def cargar(inicio, salida=None):
    indice = cargar_contenido(inicio)
    redes = {datos[0]: _red(datos) for datos in REDES}
    creadas = 0
    for datos in PRACTICAS:
        datos = dict(datos)
        slug = slugify(datos["title"])[:70]
        if indice.get_children().filter(slug=slug).exists():
            continue
        red = redes[datos.pop("red")]
        focos = Foco.objects.filter(slug__in=datos.pop("focos"))
        principios = Principio.objects.filter(slug__in=datos.pop("principios"))
        caracteristicas = Caracteristica.objects.filter(slug__in=datos.pop("caracteristicas"))
        niveles = NivelEducativo.objects.filter(slug__in=datos.pop("niveles"))
        etiquetas = datos.pop("etiquetas")
        pasos = [("paso", paso) for paso in datos.pop("pasos")]
        pagina = PracticaPage(slug=slug, red=red, pasos=pasos, es_ejemplo=True, **datos)
        pagina.focos = list(focos)
        pagina.principios = list(principios)
        pagina.caracteristicas = list(caracteristicas)
        pagina.niveles = list(niveles)
        pagina.etiquetas.set(etiquetas)
        pagina.owner = red.coordinadores.first()
        indice.add_child(instance=pagina)
        pagina.save_revision(user=pagina.owner).publish()
        creadas += 1
    if salida is not None:
        salida.write(f"Prácticas de ejemplo: {len(redes)} redes, {creadas} prácticas nuevas.")
