"""Configuración común de Trama. Todo lo que cambia entre ambientes viene de
variables de entorno; ver README.md."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from portal.seguridad import CSP_PUBLICA

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(nombre, defecto=False):
    valor = os.environ.get(nombre)
    if valor is None:
        return defecto
    return valor.strip().lower() in {"1", "true", "si", "sí", "yes", "on"}


def env_list(nombre, defecto=""):
    return [v.strip() for v in os.environ.get(nombre, defecto).split(",") if v.strip()]


INSTALLED_APPS = [
    "portal",
    "casos",
    "practicas",
    "redes",
    "busqueda",
    "comunidad",
    "wagtail.api.v2",
    "rest_framework",
    "corsheaders",
    "territorios",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    # Configuración editable por la DEP (redes.ConfiguracionAutoevaluacion).
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "axes",
    # Cola de tareas en la base de datos (correo, Elasticsearch, tareas de Wagtail):
    # las corre `manage.py db_worker` (make run lo levanta; README, Despliegue).
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CORS solo para leer la API y los datos abiertos (comunidad/, CORS_* abajo).
    "corsheaders.middleware.CorsMiddleware",
    # Caché de páginas para anónimos (portal/cache.py): guarda la respuesta final.
    "portal.cache.ActualizarCachePaginasMiddleware",
    "portal.seguridad.CSPPorZonaMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Mensaje claro tras cada decisión de la revisión DEP (practicas/middleware.py).
    "practicas.middleware.PeticionAdminMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # 304 a una búsqueda anónima revalidada, antes de contarla (busqueda/revalidacion.py).
    "busqueda.revalidacion.RevalidacionMiddleware",
    # Seguridad (portal/seguridad.py y README, sección Despliegue).
    "portal.seguridad.LimiteTasaMiddleware",
    "portal.seguridad.CabecerasDocumentosMiddleware",
    "portal.cache.LeerCachePaginasMiddleware",
    "axes.middleware.AxesMiddleware",  # debe ir al final
]

# Segundos que una página pública queda en caché para anónimos (0 = sin caché).
# Se invalida al publicar, despublicar, mover o borrar (portal/cache.py).
TRAMA_CACHE_PAGINAS_SEGUNDOS = int(os.environ.get("TRAMA_CACHE_PAGINAS_SEGUNDOS", "300"))

# Segundos que un navegador o proxy puede reusar una búsqueda anónima sin preguntar;
# después revalida con su ETag (busqueda/revalidacion.py).
TRAMA_BUSQUEDA_CACHE_SEGUNDOS = int(os.environ.get("TRAMA_BUSQUEDA_CACHE_SEGUNDOS", "60"))
# Consultas de texto cuyos ids recuerda cada proceso (motor local, como la caché de
# filtros de Lucene): se vacía con cualquier cambio del índice. 0 la apaga.
TRAMA_CACHE_TEXTO = int(os.environ.get("TRAMA_CACHE_TEXTO", "64"))

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite por defecto; PostgreSQL (u otra) con DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite aguanta varios lectores y un escritor sin bloquear el sitio.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Seguridad (detalle y razones en portal/seguridad.py) ---
# Content-Security-Policy de django-csp: estricta en el sitio público; el admin
# relaja solo style-src (CSPPorZonaMiddleware).
CONTENT_SECURITY_POLICY = CSP_PUBLICA
# Sin avatares de Gravatar en el admin: no se envía el correo (hasheado) de los
# editores a un tercero y la CSP no tiene que abrir img-src a otro origen.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Bloqueo tras intentos fallidos de login (django-axes), en /cuenta/entrar/ y en
# el admin: 5 intentos fallidos de la misma cuenta desde la misma IP bloquean
# esa combinación 15 minutos (no bloquea a toda una escuela detrás de una IP).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTOS", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.seguridad.respuesta_bloqueo"
AXES_CLIENT_IP_CALLABLE = "portal.seguridad.ip_cliente_axes"

# Límites de tasa por IP (LimiteTasaMiddleware); gana el primer prefijo que calce.
TRAMA_LIMITE_TASA_ACTIVO = env_bool("TRAMA_LIMITE_TASA_ACTIVO", True)
# Proxies cuya cabecera X-Forwarded-For se cree (direcciones o redes CIDR, separadas
# por comas). Vacío: se usa la dirección de la conexión (README, Proxy HTTPS).
TRAMA_PROXIES_CONFIABLES = env_list("TRAMA_PROXIES_CONFIABLES", "")
# Topes por navegador (`maximo`) y por IP para todos sus navegadores (`maximo_ip`):
# un taller de 30 docentes detrás de la IP de un liceo busca sin 429; un raspador no.
TRAMA_LIMITES_TASA = [
    {
        "nombre": "api-sugerencias",
        "prefijo": "/api/buscar/sugerencias/",
        "metodos": ("GET",),
        "maximo": 120,
        "maximo_ip": 1800,
        "ventana": 60,
        "json": True,
    },
    {
        "nombre": "api-buscar",
        "prefijo": "/api/buscar/",
        "metodos": ("GET",),
        "maximo": 60,
        "maximo_ip": 600,
        "ventana": 60,
        "json": True,
    },
    {
        "nombre": "responder-autoevaluacion",
        "prefijo": "/responder/",
        "metodos": ("POST",),
        # Toda una escuela puede responder desde la misma IP: holgado. Los
        # códigos incorrectos tienen además su propio límite (redes/views.py, con
        # portal.seguridad.limite_alcanzado).
        "maximo": 300,
        "ventana": 600,
    },
    {
        "nombre": "escribir-red",
        "prefijo": "/redes/",
        "metodos": ("POST",),
        "maximo": 60,
        "ventana": 600,
    },
    {
        # «Nos sirvió» (comunidad/sirvio.py): sin cuenta, así que se limita por IP.
        "nombre": "nos-sirvio",
        "prefijo": "/nos-sirvio/",
        "metodos": ("POST",),
        "maximo": 30,
        "ventana": 600,
    },
    {
        # API de páginas de Wagtail (comunidad/api.py), documentado en /api/.
        "nombre": "api-paginas",
        "prefijo": "/api/v2/",
        "metodos": ("GET",),
        "maximo": 60,
        "ventana": 60,
        "json": True,
    },
    {
        # Hasta 1.000 resultados por exportación: topes más bajos.
        "nombre": "exportar",
        "prefijo": "/buscar/exportar",
        "metodos": ("GET",),
        "maximo": 10,
        "maximo_ip": 100,
        "ventana": 600,
    },
    {
        "nombre": "buscar",
        "prefijo": "/buscar/",
        "metodos": ("GET",),
        "maximo": 60,
        "maximo_ip": 600,
        "ventana": 60,
        "pagina": "busqueda/buscar.html",
    },
    {
        # Tope global de intentos de login por IP (además del bloqueo por cuenta de axes).
        "nombre": "login",
        "prefijo": "/cuenta/entrar/",
        "metodos": ("POST",),
        "maximo": 50,
        "ventana": 900,
        "solo_ip": True,
    },
    {
        "nombre": "login-admin",
        "prefijo": "/admin/login/",
        "metodos": ("POST",),
        "maximo": 50,
        "ventana": 900,
        "solo_ip": True,
    },
    {
        # Holgado: varias coordinadoras pueden compartir la IP de un liceo, y
        # practicas/ ya limita además por cuenta (envíos y guardados por hora).
        "nombre": "publicar-practica",
        "prefijo": "/practicas/publicar/",
        "metodos": ("POST",),
        "maximo": 30,
        "ventana": 600,
        "solo_ip": True,
    },
]

# API pública y datos abiertos: cualquier origen puede LEER (GET), sin cookies.
CORS_URLS_REGEX = r"^/(api|datos)/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# API de páginas de Wagtail (v2): solo lectura, sin formularios navegables de DRF.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Sin autenticación básica ni de sesión: la API es pública y no debe servir
    # para probar contraseñas fuera del bloqueo de django-axes.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
}

# Enlaces de «¿Olvidó su contraseña?» e invitaciones: valen 3 días y una sola vez.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("TRAMA_ENLACE_CLAVE_DIAS", "3")) * 86400

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# Páginas y documentos privados de Wagtail mandan al login del sitio (con su
# estilo), no al login sin estilo de Wagtail (/_util/login/).
WAGTAIL_FRONTEND_LOGIN_URL = "/cuenta/entrar/"

# Caché frontal (CDN, Varnish o nginx con purga) delante del sitio: al publicar,
# despublicar o mover una página se le piden PURGE de sus URLs y de las que la
# muestran (portal/cache.py). TRAMA_CACHE_FRONTAL_URL es la dirección que recibe
# las purgas (p. ej. http://127.0.0.1:6081 para un Varnish local). Para Cloudflare o
# CloudFront, ver los backends de wagtail.contrib.frontend_cache en su documentación.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("TRAMA_CACHE_FRONTAL_URL"):
    WAGTAILFRONTENDCACHE["frontal"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["TRAMA_CACHE_FRONTAL_URL"],
    }

LANGUAGE_CODE = "es-cl"
LANGUAGES = [("es-cl", "Español (Chile)")]
TIME_ZONE = "America/Santiago"
USE_I18N = True
USE_TZ = True

# Catálogo propio para lo que Wagtail 8 no trae traducido al español (su
# catálogo `es` está incompleto; es-cl ya cae en `es`, ese no era el problema).
# El .mo va en el repositorio: no hace falta gettext para instalar. Ver
# locale/PARA_WAGTAIL.md.
LOCALE_PATHS = [BASE_DIR / "locale"]

WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("es", "Español")]
WAGTAIL_CONTENT_LANGUAGES = [("es-cl", "Español (Chile)")]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

# Imágenes de colecciones con restricción de vista (prácticas en revisión) y sus
# miniaturas: fuera de MEDIA_ROOT, que el proxy sirve; Django revisa permisos
# (portal/almacen.py). Con TRAMA_MEDIA_PRIVADA_ACCEL (p. ej. "/_media_privada/")
# Django solo autoriza y nginx entrega el archivo (X-Accel-Redirect, README).
# Por defecto, junto a MEDIA_ROOT: `media/` → `media-privada/`.
TRAMA_MEDIA_PRIVADA = Path(
    os.environ.get("TRAMA_MEDIA_PRIVADA", MEDIA_ROOT.parent / f"{MEDIA_ROOT.name}-privada")
)
TRAMA_MEDIA_PRIVADA_ACCEL = os.environ.get("TRAMA_MEDIA_PRIVADA_ACCEL", "")

STORAGES = {
    "default": {"BACKEND": "portal.almacen.AlmacenMedios"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Trama"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")

# Búsqueda del admin de Wagtail (modelsearch). La búsqueda pública tiene su
# propio índice en busqueda/ (ver busqueda/README.md).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Subidas: lo mismo vale para el admin y para el formulario público.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "odp", "xlsx", "ods", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Elasticsearch es opcional: si ELASTICSEARCH_URL existe, la búsqueda pública lo usa.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDICE = os.environ.get("ELASTICSEARCH_INDICE", "trama")

# Todo correo se encola tras el commit y lo envía la tarea `enviar_correos` con el
# backend real (portal/correo.py): una caída del correo nunca deshace una decisión.
EMAIL_BACKEND = "portal.correo.BackendDiferido"
TRAMA_EMAIL_BACKEND_REAL = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
# Un servidor de correo que no contesta no retiene al worker más de 10 s por intento.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

# Tareas en segundo plano (django-tasks): cola en la base de datos, worker aparte
# (`manage.py db_worker`). Las pruebas usan el backend inmediato (settings/test.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Trama DEP <no-responder@trama.local>")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Cada tarea inmediata y cada publicación escriben una línea INFO: ruido en consola.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # axes anuncia su arranque en INFO; los bloqueos van en WARNING.
        "axes": {"level": "WARNING"},
    },
}

# Mapa de los territorios (Leaflet servido desde static/). Fuente de teselas configurable:
# TRAMA_MAPA_TESELAS vacío = mapa sin fondo (solo comunas y redes); la página se lee igual
# sin el mapa. La CSP abre img-src solo al origen de estas teselas y solo en esas páginas.
TRAMA_MAPA_TESELAS = os.environ.get(
    "TRAMA_MAPA_TESELAS", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
TRAMA_MAPA_ATRIBUCION = os.environ.get("TRAMA_MAPA_ATRIBUCION", "© colaboradores de OpenStreetMap")
