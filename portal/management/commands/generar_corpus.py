"""Corpus sintético de prácticas publicadas, solo para medir (bench/).

    manage.py generar_corpus --practicas 10000 --semilla 21

Determinista: la misma semilla da los mismos textos, etiquetas y redes. Crea
las prácticas ya publicadas bajo /practicas/ y reconstruye el índice de
búsqueda. `make run` nunca lo usa y se niega a correr en producción.

Por qué no usa `add_child()` + `publish()` de Wagtail: cuesta ~15 ms por página
(árbol, revisión, señales), o sea media hora para 100 mil. Aquí las filas de
`wagtailcore_page` se calculan igual que treebeard (`Page._get_path`) y se
insertan por lotes, y las de la tabla hija con el mismo `_insert` que usa
`Model.save()`. El resultado es indistinguible de páginas publicadas: live,
url_path, locale, translation_key y relaciones del marco completas.
"""

import random
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page

from portal.models import Caracteristica, Comuna, Foco, NivelEducativo, Principio, Slep, TipoRed
from portal.paginas_base import cargar_base
from practicas import contenido as contenido_practicas
from practicas.models import PracticaEtiqueta, PracticaPage, PracticasIndexPage, Red

TEMAS = [
    "lectura inicial",
    "comprensión lectora",
    "resolución de problemas matemáticos",
    "convivencia escolar",
    "educación rural multigrado",
    "especialidades técnico-profesionales",
    "interculturalidad y lengua mapuzugun",
    "evaluación formativa",
    "inclusión y diversidad",
    "transición de la educación parvularia a básica",
    "ciencias con indagación",
    "asistencia y retención escolar",
    "liderazgo de equipos directivos",
    "acompañamiento docente en aula",
    "prácticas profesionales con empresas locales",
    "participación de las familias",
    "bienestar socioemocional",
    "uso de datos para la mejora",
]
ACCIONES = [
    "organizamos jornadas mensuales de observación de clases entre escuelas",
    "formamos comunidades de aprendizaje de docentes de distintas comunas",
    "diseñamos en conjunto instrumentos de monitoreo del trabajo de la red",
    "compartimos planificaciones y materiales en una carpeta común",
    "realizamos ciclos de indagación colaborativa con registro de evidencias",
    "invitamos a una universidad regional a acompañar a los liceos",
    "rotamos la coordinación de los encuentros entre los directores",
    "articulamos a los jefes de UTP para revisar los resultados de aprendizaje",
    "convocamos a educadoras tradicionales y a las familias a las sesiones",
    "visitamos los establecimientos rurales para trabajar con los microcentros",
    "vinculamos las metas de la red con el PME de cada establecimiento",
    "definimos acuerdos y responsables al cierre de cada encuentro",
]
RESULTADOS = [
    "los docentes reportan más confianza para probar estrategias nuevas",
    "la red mantiene encuentros regulares durante todo el año escolar",
    "las escuelas comparten evidencias de aprendizaje con criterios comunes",
    "los equipos directivos distribuyen el liderazgo de la red",
    "se sumaron organizaciones del territorio al trabajo de la red",
    "los estudiantes participan en proyectos entre escuelas",
]
ROLES = [
    "docentes de aula",
    "jefes de UTP",
    "directores",
    "educadoras de párvulos",
    "asistentes de la educación",
    "profesionales del SLEP",
    "familias",
    "estudiantes",
]
ETIQUETAS = [
    "lectura",
    "matemática",
    "rural",
    "multigrado",
    "técnico-profesional",
    "intercultural",
    "evaluación",
    "convivencia",
    "inclusión",
    "ciencias",
    "familias",
    "liderazgo",
    "datos",
    "parvularia",
    "universidad",
]
EVIDENCIA = [c for c, _ in PracticaPage.NIVELES_EVIDENCIA]


def _muestra(rng, poblacion, minimo, maximo):
    return rng.sample(poblacion, rng.randint(minimo, min(maximo, len(poblacion))))


class Command(BaseCommand):
    help = "Genera N prácticas publicadas sintéticas (deterministas) y las indexa. Solo para medir."

    def add_arguments(self, parser):
        parser.add_argument("--practicas", type=int, required=True, help="Cuántas prácticas crear.")
        parser.add_argument("--semilla", type=int, default=1, help="Semilla del generador.")
        parser.add_argument("--lote", type=int, default=500, help="Filas por inserción.")
        parser.add_argument(
            "--sin-indexar", action="store_true", help="No reconstruye el índice al final."
        )

    def handle(self, practicas, semilla, lote, sin_indexar=False, **opciones):
        if not settings.DEBUG and not getattr(settings, "TRAMA_PERMITE_CORPUS", False):
            raise CommandError(
                "generar_corpus es solo para medir: use la configuración de desarrollo o pruebas."
            )
        if practicas < 1:
            raise CommandError("--practicas debe ser un número positivo.")
        rng = random.Random(semilla)
        inicio = cargar_base()
        indice = PracticasIndexPage.objects.first() or contenido_practicas.cargar(inicio)
        with transaction.atomic():
            redes = self._redes(rng)
            creadas = self._practicas(rng, indice, redes, practicas, semilla, lote)
        self.stdout.write(f"Prácticas sintéticas creadas: {creadas}.")
        if not sin_indexar:
            call_command("reindexar", solo="local", stdout=self.stdout)

    def _redes(self, rng):
        tipos = list(TipoRed.objects.all())
        niveles = list(NivelEducativo.objects.all())
        redes = []
        for slep in Slep.objects.all():
            comunas = list(Comuna.objects.filter(slep=slep))
            for i in range(1, 4):
                red, creada = Red.objects.get_or_create(
                    slug=f"corpus-{slep.slug}-{i}",
                    defaults={
                        "nombre": f"Red sintética {i} del SLEP {slep.nombre}",
                        "tipo": rng.choice(tipos),
                        "slep": slep,
                        "numero_establecimientos": rng.randint(3, 25),
                        "proposito": "Red generada para medir el rendimiento del portal.",
                    },
                )
                if creada:
                    red.comunas.set(_muestra(rng, comunas, 1, 3) if comunas else [])
                    red.niveles.set(_muestra(rng, niveles, 1, 2))
                redes.append(red)
        return redes

    def _practicas(self, rng, indice, redes, total, semilla, lote):
        focos = list(Foco.objects.all())
        principios = list(Principio.objects.all())
        caracteristicas = list(Caracteristica.objects.all())
        niveles = list(NivelEducativo.objects.all())
        tags = [
            Tag.objects.get_or_create(name=n, defaults={"slug": slugify(n)})[0] for n in ETIQUETAS
        ]
        tipo_contenido = ContentType.objects.get_for_model(PracticaPage)
        ahora = timezone.now()
        base = indice.numchild
        creadas = 0
        for inicio_lote in range(0, total, lote):
            paginas, hijas, relaciones = [], [], []
            for i in range(inicio_lote, min(total, inicio_lote + lote)):
                tema = rng.choice(TEMAS)
                red = rng.choice(redes)
                titulo = f"{tema.capitalize()}: {rng.choice(ACCIONES)} ({semilla}-{i + 1})"
                slug = f"corpus-{semilla}-{i + 1}"
                fecha = ahora - timedelta(minutes=rng.randint(0, 60 * 24 * 900))
                paginas.append(
                    Page(
                        title=titulo[:255],
                        draft_title=titulo[:255],
                        slug=slug,
                        content_type=tipo_contenido,
                        path=Page._get_path(indice.path, indice.depth + 1, base + i + 1),
                        depth=indice.depth + 1,
                        numchild=0,
                        url_path=f"{indice.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=fecha,
                        last_published_at=fecha,
                        latest_revision_created_at=fecha,
                        locale_id=indice.locale_id,
                        translation_key=uuid.UUID(int=rng.getrandbits(128)),
                    )
                )
                acciones = _muestra(rng, ACCIONES, 2, 4)
                hijas.append(
                    {
                        "red_id": red.pk,
                        "resumen": (
                            f"La {red.nombre.lower()} trabajó en {tema} porque "
                            f"{rng.choice(RESULTADOS)} era una meta compartida. "
                            f"Durante el año {acciones[0]}."
                        ),
                        "desafio": f"<p>Mejorar {tema} en escuelas que antes trabajaban solas.</p>",
                        "pasos": [("paso", a.capitalize() + ".") for a in acciones],
                        "participantes": ", ".join(_muestra(rng, ROLES, 2, 4)),
                        "duracion": rng.choice(["Un semestre", "Un año escolar", "Mensual"]),
                        "resultados": f"<p>{rng.choice(RESULTADOS).capitalize()}.</p>",
                        "nivel_evidencia": rng.choice(EVIDENCIA),
                        "vinculo_pme_pel": "Se vincula con las acciones del PME de cada escuela.",
                        "es_ejemplo": True,
                    }
                )
                relaciones.append(
                    (
                        _muestra(rng, focos, 1, 2),
                        _muestra(rng, principios, 1, 2),
                        _muestra(rng, caracteristicas, 1, 3),
                        _muestra(rng, niveles, 1, 2),
                        _muestra(rng, tags, 0, 3),
                    )
                )
            Page.objects.bulk_create(paginas)
            objetos = [
                PracticaPage(page_ptr_id=p.pk, **valores)
                for p, valores in zip(paginas, hijas, strict=True)
            ]
            # El mismo INSERT que Model.save() hace en la tabla hija (sin señales).
            PracticaPage._base_manager._insert(
                objetos, fields=PracticaPage._meta.local_concrete_fields, using=connection.alias
            )
            self._relaciones(paginas, relaciones)
            creadas += len(paginas)
            self.stdout.write(f"  {creadas}/{total}")
        PracticasIndexPage.objects.filter(pk=indice.pk).update(numchild=F("numchild") + creadas)
        return creadas

    def _relaciones(self, paginas, relaciones):
        m2m = {
            "focos": ("foco_id", 0),
            "principios": ("principio_id", 1),
            "caracteristicas": ("caracteristica_id", 2),
            "niveles": ("niveleducativo_id", 3),
        }
        for campo, (columna, posicion) in m2m.items():
            through = getattr(PracticaPage, campo).through
            filas = [
                through(practicapage_id=p.pk, **{columna: t.pk})
                for p, rel in zip(paginas, relaciones, strict=True)
                for t in rel[posicion]
            ]
            through.objects.bulk_create(filas, batch_size=1000)
        PracticaEtiqueta.objects.bulk_create(
            [
                PracticaEtiqueta(content_object_id=p.pk, tag_id=t.pk)
                for p, rel in zip(paginas, relaciones, strict=True)
                for t in rel[4]
            ],
            batch_size=1000,
        )
