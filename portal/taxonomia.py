"""Marco del estudio diagnóstico de la DEP: etiquetas exactas de DOMINIO.md.

Estos datos los carga la migración 0002 (y `load_initial_data`, que es
idempotente). Después la DEP los mantiene desde el admin: el código no vuelve
a pisar lo que un editor cambió, solo crea lo que falta según su slug.
"""

FOCOS = [
    (
        "socioeducativo",
        "Foco en lo socioeducativo",
        "Redes que recomponen y fortalecen los vínculos con organizaciones "
        "socioeducativas del territorio, incluidas las que existían antes de cada "
        "SLEP, y con universidades e institutos, sobre todo para estudiantes de "
        "liceos técnico-profesionales.",
    ),
    (
        "procesos-y-resultados",
        "Foco en procesos y resultados",
        "Redes que ordenan su trabajo en torno a procesos de mejora y a resultados "
        "observables, y que revisan si están logrando los propósitos que se definieron.",
    ),
    (
        "capital-profesional",
        "Foco en el desarrollo de capital profesional",
        "Redes que desarrollan las capacidades de docentes, directivos y equipos SLEP, "
        "incluida la capacidad de conformar y gestionar redes.",
    ),
    (
        "mejoramiento-sistemico",
        "Foco en el mejoramiento sistémico",
        "Redes que articulan establecimientos y comunas que tradicionalmente no han "
        "trabajado juntos, para pensar la mejora más allá de los muros de cada comuna.",
    ),
    (
        "aprendizaje-profundo",
        "Foco en el aprendizaje profundo",
        "Redes con efectos claros en los aprendizajes de los estudiantes, como las "
        "redes de UTP que fortalecen su propósito pedagógico.",
    ),
]

PRINCIPIOS = [
    (
        "mejoramiento-continuo",
        "Mejoramiento continuo",
        "La red monitorea cómo funciona y si logra sus propósitos, con instrumentos "
        "que le permiten aprender y ajustar su trabajo.",
    ),
    (
        "calidad-y-equidad",
        "Calidad y equidad",
        "La red busca una educación de calidad integral para todos sus estudiantes, "
        "poniendo atención a quienes más lo necesitan.",
    ),
    (
        "gobernanza",
        "Gobernanza",
        "Los SLEP afianzan sus vínculos territoriales y generan las condiciones "
        "institucionales para que el trabajo en red ocurra y se sostenga.",
    ),
    (
        "sistema-dinamico-y-complejo",
        "Sistema dinámico y complejo",
        "La red se entiende como parte de un sistema con muchos actores y relaciones "
        "que cambian en el tiempo, y se adapta a ellos.",
    ),
    (
        "pertinencia-territorial",
        "Pertinencia territorial",
        "La red dialoga con las experiencias de trabajo en red que ya existen en el "
        "territorio, con sus actores clave y, donde corresponde, con lo intercultural.",
    ),
]

DIMENSIONES = [
    ("nuclear", "Nuclear", "Lo que constituye a la red: su propósito y su forma de colaborar."),
    ("territorial", "Territorial", "La relación de la red con su territorio y su comunidad."),
    ("individual", "Individual", "Las capacidades de las personas que participan en la red."),
]

CARACTERISTICAS = [
    (
        "nuclear",
        "proposito-claro",
        "Propósito claro y ambicioso",
        "La red sabe para qué existe: un objetivo compartido, centrado en el aprendizaje de "
        "los estudiantes y en el mejoramiento de sus escuelas, que exige más de lo que cada "
        "establecimiento lograría solo y que orienta qué se hace en cada encuentro.",
    ),
    (
        "nuclear",
        "colaboracion-sostenida",
        "Colaboración sostenida",
        "Sus integrantes trabajan juntos de manera regular y a lo largo del tiempo, no en "
        "encuentros aislados: hay tiempos, espacios y acuerdos que permiten que la "
        "colaboración continúe aunque cambien las personas.",
    ),
    (
        "nuclear",
        "gestion-del-conocimiento",
        "Gestión del conocimiento en movimiento",
        "Lo que se aprende circula: prácticas, materiales y resultados se comparten entre "
        "establecimientos, se registran y se prueban en otros contextos, en vez de quedarse "
        "en una escuela o en una persona.",
    ),
    (
        "nuclear",
        "ciclos-de-indagacion",
        "Orientación a la mejora con ciclos de indagación colaborativa",
        "La red se pregunta qué funciona y por qué: define un problema de aprendizaje, prueba "
        "cambios, recoge evidencia y ajusta en ciclos sucesivos, usando los datos para aprender "
        "y no para sancionar.",
    ),
    (
        "nuclear",
        "confianza",
        "Confianza personal y profesional",
        "Las personas se sienten seguras para mostrar su práctica, reconocer dificultades y "
        "dar y recibir retroalimentación. Se construye con el tiempo, en relaciones de "
        "respeto y reciprocidad, y permite hablar de lo que no resulta.",
    ),
    (
        "nuclear",
        "corresponsabilidad",
        "Corresponsabilidad: cumplir lo comprometido",
        "Cada integrante asume su parte y responde ante los demás por lo acordado. La "
        "responsabilidad por lo que logra la red es compartida y no recae solo en quien "
        "coordina.",
    ),
    (
        "territorial",
        "vinculacion-socioeducativa",
        "Vinculación con organizaciones socioeducativas",
        "Articular la comunidad aprovechando lo existente.",
    ),
    (
        "territorial",
        "participacion-comunidad",
        "Participación de la comunidad educativa",
        "Distintos actores en relación con un propósito.",
    ),
    (
        "individual",
        "capital-profesional",
        "Capital profesional",
        "Producto del trabajo en red y necesario para gestionarlo y acompañarlo.",
    ),
    (
        "individual",
        "liderazgo-distribuido",
        "Liderazgo distribuido",
        "Permite participar en una red y profundizar su trabajo en cada establecimiento.",
    ),
]

RIESGOS = [
    (
        "luchas-de-poder",
        "Luchas de poder",
        "Personas o instituciones usan la red para imponer su agenda o ganar influencia. Las "
        "decisiones dejan de tomarse en función del propósito común y quienes tienen menos "
        "poder se retiran o callan.",
    ),
    (
        "competencia-fragmentacion",
        "Competencia al interior de la red, fragmentación",
        "Los establecimientos se ven como rivales (por matrícula, resultados o recursos) y "
        "no comparten lo que saben; la red se divide en grupos que no dialogan entre sí.",
    ),
    (
        "roles-difusos",
        "Roles y responsabilidades difusas",
        "No está claro quién hace qué, quién decide ni quién responde por lo acordado. Las "
        "tareas se duplican o quedan sin hacer y el trabajo depende de la buena voluntad de "
        "unos pocos.",
    ),
    (
        "conocimiento-no-reciproco",
        "Conocimiento que no se comparte de manera recíproca",
        "El conocimiento fluye en una sola dirección: algunos integrantes solo reciben o solo "
        "entregan, o lo aprendido no vuelve a la red. Se pierde el beneficio mutuo que "
        "sostiene la colaboración.",
    ),
    (
        "companero-durmiente",
        "Ilusión de asociación (\u201ccompañero durmiente\u201d)",
        "Un integrante figura en la red pero no participa de verdad: asiste sin aportar o no "
        "lleva lo aprendido a su establecimiento. La red parece más amplia y activa de lo que es.",
    ),
    (
        "instrumentalizacion",
        "Cooperación fabricada y colegialidad controlada (\u201cinstrumentalización\u201d)",
        "La colaboración se impone desde fuera como una obligación administrativa, con agendas "
        "y productos definidos por otros. Las reuniones se cumplen, pero la red no tiene "
        "propósito propio ni compromiso real de sus integrantes.",
    ),
]

TIPOS_RED = [
    ("microcentro-rural", "Microcentro rural"),
    ("mejoramiento-escolar", "Red de mejoramiento escolar"),
    ("tematica", "Red temática"),
    ("utp", "Red de UTP"),
    ("directores", "Red de directores"),
    ("jardines-infantiles", "Red de jardines infantiles"),
    ("universidades-institutos", "Red con universidades e institutos"),
    ("red-de-colegios", "Red de colegios de un sostenedor"),
    ("red-de-docentes", "Red de docentes"),
    ("politica-nacional", "Política nacional o regional de redes"),
]

NIVELES = [
    ("parvularia", "Educación parvularia"),
    ("basica", "Educación básica"),
    ("media-hc", "Educación media científico-humanista"),
    ("media-tp", "Educación media técnico-profesional"),
    ("adultos", "Educación de personas jóvenes y adultas"),
    ("especial", "Educación especial"),
]

REGIONES = [
    ("atacama", "Atacama"),
    ("coquimbo", "Coquimbo"),
    ("metropolitana", "Metropolitana"),
    ("la-araucania", "La Araucanía"),
]

SLEPS = [
    ("barrancas", "Barrancas", "metropolitana", ["Cerro Navia", "Lo Prado", "Pudahuel"]),
    ("huasco", "Huasco", "atacama", ["Alto del Carmen", "Freirina", "Huasco", "Vallenar"]),
    (
        "costa-araucania",
        "Costa Araucanía",
        "la-araucania",
        ["Carahue", "Cholchol", "Nueva Imperial", "Saavedra", "Teodoro Schmidt", "Toltén"],
    ),
    ("puerto-cordillera", "Puerto Cordillera", "coquimbo", ["Andacollo", "Coquimbo"]),
]


def cargar(apps=None):
    """Crea lo que falta del marco, sin pisar ediciones de la DEP.

    Recibe `apps` cuando la llama una migración (modelos históricos)."""
    from django.utils.text import slugify

    if apps is None:
        from django.apps import apps as apps_registro

        apps = apps_registro

    def modelo(nombre):
        return apps.get_model("portal", nombre)

    creados = 0

    def crear(nombre_modelo, slug, **defaults):
        nonlocal creados
        obj, nuevo = modelo(nombre_modelo).objects.get_or_create(slug=slug, defaults=defaults)
        creados += int(nuevo)
        # Una descripción que sigue vacía se completa con la del estudio; la que la DEP
        # ya escribió (o editó) no se toca.
        if not nuevo and defaults.get("descripcion") and not getattr(obj, "descripcion", "x"):
            obj.descripcion = defaults["descripcion"]
            obj.save(update_fields=["descripcion"])
        return obj

    for orden, (slug, nombre, descripcion) in enumerate(FOCOS, 1):
        crear("Foco", slug, nombre=nombre, descripcion=descripcion, orden=orden)
    for orden, (slug, nombre, descripcion) in enumerate(PRINCIPIOS, 1):
        crear("Principio", slug, nombre=nombre, descripcion=descripcion, orden=orden)
    dimensiones = {}
    for orden, (slug, nombre, descripcion) in enumerate(DIMENSIONES, 1):
        dimensiones[slug] = crear(
            "Dimension", slug, nombre=nombre, descripcion=descripcion, orden=orden
        )
    for orden, (dim, slug, nombre, descripcion) in enumerate(CARACTERISTICAS, 1):
        crear(
            "Caracteristica",
            slug,
            nombre=nombre,
            descripcion=descripcion,
            orden=orden,
            dimension=dimensiones[dim],
        )
    for orden, (slug, nombre, descripcion) in enumerate(RIESGOS, 1):
        crear("Riesgo", slug, nombre=nombre, descripcion=descripcion, orden=orden)
    for orden, (slug, nombre) in enumerate(TIPOS_RED, 1):
        crear("TipoRed", slug, nombre=nombre, orden=orden)
    for orden, (slug, nombre) in enumerate(NIVELES, 1):
        crear("NivelEducativo", slug, nombre=nombre, orden=orden)
    regiones = {}
    for orden, (slug, nombre) in enumerate(REGIONES, 1):
        regiones[slug] = crear("Region", slug, nombre=nombre, orden=orden)
    for orden, (slug, nombre, region, comunas) in enumerate(SLEPS, 1):
        slep = crear("Slep", slug, nombre=nombre, region=regiones[region], orden=orden)
        for orden_c, comuna in enumerate(comunas, 1):
            crear(
                "Comuna",
                slugify(comuna),
                nombre=comuna,
                region=regiones[region],
                slep=slep,
                orden=orden_c,
            )
    return creados
