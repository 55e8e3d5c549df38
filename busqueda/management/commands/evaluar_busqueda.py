import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from busqueda.evaluacion import VARIANTES, MotorWagtail, evaluar
from busqueda.evaluacion import comparar as comparar_motores
from busqueda.motores import MotorNoDisponible, motor_elasticsearch, motor_local


class Command(BaseCommand):
    help = (
        "Calcula nDCG@10 y MRR de la búsqueda sobre un archivo de consultas juzgadas "
        "(formato de shared/relevancia/consultas.json: cualquier archivo con ese formato). "
        "Con --guardar deja una línea base; con --base muestra qué consultas bajan."
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
            "--guardar", metavar="BASE.json", help="Guarda estas cifras como línea base."
        )
        parser.add_argument(
            "--base",
            metavar="BASE.json",
            help="Compara con una línea base guardada y lista las consultas que bajan.",
        )
        parser.add_argument(
            "--comparar",
            action="store_true",
            help="Compara además con la búsqueda de serie de Wagtail (cifras de README.md).",
        )

    def handle(self, archivo, motor, minimo=None, comparar=False, **opciones):
        ruta = Path(archivo)
        try:
            datos = json.loads(ruta.read_text(encoding="utf-8"))
            consultas = datos["consultas"]
            for c in consultas:
                if not isinstance(c["consulta"], str) or not isinstance(c["relevantes"], dict):
                    raise TypeError("cada consulta necesita 'consulta' (texto) y 'relevantes'")
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"No se pudo leer {ruta}: {error}") from error
        base = None
        if opciones.get("base"):
            try:
                base = json.loads(Path(opciones["base"]).read_text(encoding="utf-8"))
                base["consultas"]
            except (OSError, ValueError, KeyError, TypeError) as error:
                raise CommandError(
                    f"No se pudo leer la línea base {opciones['base']}: {error}"
                ) from error
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
        if base is not None:
            self._comparar_con_base(informe, base)
        if opciones.get("guardar"):
            guardada = {
                "archivo": ruta.name,
                "motor": elegido.nombre,
                "ndcg": round(informe["ndcg"], 4),
                "mrr": round(informe["mrr"], 4),
                "consultas": {
                    f["consulta"]: {
                        "ndcg": round(f["ndcg"], 4),
                        "rr": round(f["rr"], 4),
                        "primeros": f["primeros"],
                    }
                    for f in informe["filas"]
                },
            }
            Path(opciones["guardar"]).write_text(
                json.dumps(guardada, ensure_ascii=False, indent=2), encoding="utf-8"
            )
            self.stdout.write(f"Línea base guardada en {opciones['guardar']}.")
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

    def _comparar_con_base(self, informe, base):
        anteriores = base["consultas"]
        bajan, suben, nuevas = [], [], []
        for f in informe["filas"]:
            previa = anteriores.get(f["consulta"])
            if previa is None:
                nuevas.append(f["consulta"])
            elif f["ndcg"] < previa["ndcg"] - 1e-4:
                bajan.append((f, previa))
            elif f["ndcg"] > previa["ndcg"] + 1e-4:
                suben.append((f, previa))
        self.stdout.write("")
        self.stdout.write(
            f"Línea base ({base.get('motor', '?')}): nDCG@10 = {base.get('ndcg', 0):.3f} → "
            f"{informe['ndcg']:.3f} · MRR = {base.get('mrr', 0):.3f} → {informe['mrr']:.3f}"
        )
        if bajan:
            self.stdout.write(
                self.style.WARNING(f"Bajan respecto de la línea base ({len(bajan)}):")
            )
            for f, previa in bajan:
                self.stdout.write(
                    f"  {f['consulta'][:34]:<34} {previa['ndcg']:.3f} → {f['ndcg']:.3f}  "
                    f"antes: {', '.join(previa.get('primeros', []))} · ahora: "
                    + ", ".join(f["primeros"])
                )
        else:
            self.stdout.write("Ninguna consulta baja respecto de la línea base.")
        if suben:
            self.stdout.write(
                f"Suben ({len(suben)}): " + ", ".join(f["consulta"] for f, _ in suben)
            )
        if nuevas:
            self.stdout.write(f"Sin línea base ({len(nuevas)}): " + ", ".join(nuevas))
