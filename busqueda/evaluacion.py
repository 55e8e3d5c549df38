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
