"""Mide el motor local con N documentos sintéticos (en una transacción que se deshace:
no deja rastro). Reproduce las cifras de busqueda/README.md."""

import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from busqueda.motores import motor_local
from busqueda.motores.base import ConsultaBusqueda

PALABRAS = (
    "red escuela rural liceo docente directivo equipo comunidad aprendizaje mejora ciclo "
    "indagación confianza liderazgo distribuido colaboración territorio servicio local "
    "educación pública jardín infantil párvulos matemática lectura ciencias convivencia "
    "familia estudiante planificación evaluación práctica pedagógica microcentro multigrado "
    "técnico profesional universidad instituto pasantía monitoreo indicador propósito "
    "participación vinculación organización municipio región comuna intercultural mapuche "
    "huerto laboratorio taller biblioteca tutoría mentoría observación clase retroalimentación"
).split()
FACETAS = {
    "foco": ["socioeducativo", "procesos-y-resultados", "capital-profesional"],
    "slep": ["barrancas", "huasco", "costa-araucania", "puerto-cordillera"],
    "caracteristica": ["confianza", "liderazgo-distribuido", "colaboracion-sostenida"],
    "nivel": ["parvularia", "basica", "media-hc", "media-tp"],
}
CONSULTAS = ["escuelas rurales", "liderazgo distribuido", "red de docentes", "matemática"]


def sinteticos(n, semilla=7):
    azar = random.Random(semilla)
    for i in range(n):
        texto = lambda k: " ".join(azar.choices(PALABRAS, k=k))  # noqa: E731
        yield {
            "clave": f"sintetico:{i}",
            "slug": f"sintetico-{i}",
            "url": f"/sintetico/{i}/",
            "tipo": azar.choice(["caso", "practica"]),
            "titulo": texto(6).capitalize(),
            "resumen": texto(30),
            "cuerpo": texto(400),
            "etiquetas": texto(8),
            "fecha": None,
            "facetas": {
                f: [(v, v.replace("-", " ").capitalize())]
                for f, vs in FACETAS.items()
                for v in [azar.choice(vs)]
            },
        }


class Command(BaseCommand):
    help = "Mide indexación y búsqueda del motor local con N documentos sintéticos."

    def add_arguments(self, parser):
        parser.add_argument("--documentos", type=int, default=2000)
        parser.add_argument("--repeticiones", type=int, default=5)

    def handle(self, documentos, repeticiones, **opciones):
        motor = motor_local()
        with transaction.atomic():
            inicio = time.perf_counter()
            motor.indexar_lote(sinteticos(documentos))
            segundos = time.perf_counter() - inicio
            self.stdout.write(
                f"Indexar {documentos} documentos: {segundos:.1f} s "
                f"({documentos / segundos:.0f} doc/s)"
            )
            casos = (
                [("texto", {"texto": q}) for q in CONSULTAS]
                + [
                    (
                        "texto+2 facetas",
                        {
                            "texto": q,
                            "filtros": {
                                "slep": ["huasco", "barrancas"],
                                "foco": ["socioeducativo"],
                            },
                        },
                    )
                    for q in CONSULTAS
                ]
                + [("sin texto, facetas", {"filtros": {"nivel": ["basica"]}})]
            )
            for nombre, kw in casos:
                tiempos = []
                for _ in range(repeticiones):
                    t = time.perf_counter()
                    r = motor.buscar(ConsultaBusqueda(**kw))
                    tiempos.append((time.perf_counter() - t) * 1000)
                self.stdout.write(
                    f"{nombre:<20} {kw.get('texto', ''):<22} total={r.total:<6} "
                    f"mediana={statistics.median(tiempos):.0f} ms"
                )
            t = time.perf_counter()
            motor.sugerencias("lider")
            self.stdout.write(f"sugerencias «lider»: {(time.perf_counter() - t) * 1000:.0f} ms")
            transaction.set_rollback(True)
