"""nDCG@10 y MRR sobre consultas juzgadas (formato de shared/relevancia/consultas.json)."""

import math

from .motores.base import ConsultaBusqueda

K = 10


def dcg(grados):
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grados))


def evaluar_consulta(motor, texto, relevantes, k=K):
    resultado = motor.buscar(ConsultaBusqueda(texto=texto, por_pagina=k))
    slugs = [r.slug for r in resultado.resultados]
    obtenido = dcg([relevantes.get(s, 0) for s in slugs])
    ideal = dcg(sorted(relevantes.values(), reverse=True)[:k])
    ndcg = obtenido / ideal if ideal else 0.0
    maximo = max(relevantes.values()) if relevantes else 0
    rango = next((i for i, s in enumerate(slugs, 1) if relevantes.get(s) == maximo), None)
    return {
        "consulta": texto,
        "ndcg": ndcg,
        "rr": 1 / rango if rango else 0.0,
        "rango": rango,
        "primeros": slugs[:3],
    }


def evaluar(motor, datos, k=K):
    filas = [evaluar_consulta(motor, c["consulta"], c["relevantes"], k) for c in datos["consultas"]]
    n = len(filas) or 1
    return {
        "filas": filas,
        "ndcg": sum(f["ndcg"] for f in filas) / n,
        "mrr": sum(f["rr"] for f in filas) / n,
    }


# --- Comparación con la búsqueda de serie de Wagtail (para README.md) ---------------

VARIANTES = [
    ("rural", "rurales"),
    ("líder", "líderes"),
    ("educación pública", "educacion publica"),
    ("escuela rural", "escuelas rurales"),
    ("España", "espana"),
    ("México", "MEXICO"),
]


class MotorWagtail:
    """La búsqueda de serie (modelsearch, backend de base de datos) sobre las mismas
    páginas, solo para medir contra ella; no se usa en el sitio."""

    nombre = "wagtail (modelsearch, base de datos)"

    def buscar(self, consulta):
        from .indice import clases_buscables
        from .motores.base import Resultado, ResultadoBusqueda

        filas = []
        for clase in clases_buscables():
            qs = clase.objects.live().public().search(consulta.texto).annotate_score("_puntaje")
            filas += [(getattr(p, "_puntaje", 0) or 0, p) for p in qs]
        filas.sort(key=lambda f: -f[0])
        resultados = [
            Resultado(p.datos_busqueda()["tipo"], p.slug, p.title, p.url, "", [])
            for _, p in filas[: consulta.por_pagina]
        ]
        return ResultadoBusqueda(consulta, len(filas), resultados, {}, self.nombre)


def comparar(motores, datos):
    """Por motor: nDCG@10, MRR, variantes con el mismo primer resultado y ms por consulta."""
    import time

    from .motores.base import ConsultaBusqueda

    filas = []
    for motor in motores:
        inicio = time.perf_counter()
        informe = evaluar(motor, datos)
        n = len(datos["consultas"])
        iguales = 0
        for a, b in VARIANTES:
            ra = motor.buscar(ConsultaBusqueda(texto=a)).resultados
            rb = motor.buscar(ConsultaBusqueda(texto=b)).resultados
            iguales += bool(ra and rb and ra[0].slug == rb[0].slug)
            n += 2
        ms = (time.perf_counter() - inicio) * 1000 / n
        filas.append((motor.nombre, informe["ndcg"], informe["mrr"], iguales, ms))
    return filas
