import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from busqueda.evaluacion import VARIANTES, MotorWagtail, evaluar
from busqueda.evaluacion import comparar as comparar_motores
from busqueda.motores import MotorNoDisponible, motor_elasticsearch, motor_local


class Command(BaseCommand):
    help = (
        "Calcula nDCG@10 y MRR de la búsqueda sobre un archivo de consultas juzgadas "
        "(formato de shared/relevancia/consultas.json)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archivo", help="JSON con {'consultas': [{'consulta', 'relevantes'}]}")
        parser.add_argument(
            "--motor",
            choices=["local", "configurado"],
            default="local",
            help="local (por defecto) o el configurado para el sitio (Elasticsearch si hay URL).",
        )
        parser.add_argument("--minimo", type=float, help="Falla si nDCG@10 queda bajo este valor.")
        parser.add_argument(
            "--comparar",
            action="store_true",
            help="Compara además con la búsqueda de serie de Wagtail (cifras de README.md).",
        )

    def handle(self, archivo, motor, minimo=None, comparar=False, **opciones):
        ruta = Path(archivo)
        try:
            datos = json.loads(ruta.read_text(encoding="utf-8"))
            datos["consultas"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"No se pudo leer {ruta}: {error}") from error
        # "configurado" mide Elasticsearch de verdad (sin caer al local) si hay URL.
        elegido = motor_local() if motor == "local" else (motor_elasticsearch() or motor_local())
        try:
            informe = evaluar(elegido, datos)
        except MotorNoDisponible as error:
            raise CommandError(f"El motor {elegido.nombre} no respondió: {error}") from error
        self.stdout.write(f"Motor: {elegido.nombre}")
        self.stdout.write(f"{'consulta':<34} {'nDCG@10':>8} {'RR':>6}  primeros resultados")
        for f in informe["filas"]:
            self.stdout.write(
                f"{f['consulta'][:34]:<34} {f['ndcg']:>8.3f} {f['rr']:>6.3f}  "
                + ", ".join(f["primeros"])
            )
        self.stdout.write(
            f"TOTAL ({len(informe['filas'])} consultas): nDCG@10 = {informe['ndcg']:.3f} · "
            f"MRR = {informe['mrr']:.3f}"
        )
        if comparar:
            self.stdout.write("")
            self.stdout.write(
                f"{'motor':<38} {'nDCG@10':>8} {'MRR':>6} {'variantes':>10} {'ms/consulta':>12}"
            )
            for nombre, ndcg, mrr, iguales, ms in comparar_motores(
                [elegido, MotorWagtail()], datos
            ):
                self.stdout.write(
                    f"{nombre:<38} {ndcg:>8.3f} {mrr:>6.3f} "
                    f"{iguales:>6}/{len(VARIANTES)} {ms:>12.1f}"
                )
        if minimo is not None and informe["ndcg"] < minimo:
            raise CommandError(f"nDCG@10 {informe['ndcg']:.3f} bajo el mínimo {minimo}.")
