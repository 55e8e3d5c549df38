"""Conteos de facetas del motor local contra un oráculo de fuerza bruta.

Un corpus aleatorio (semilla fija) y combinaciones aleatorias de filtros: el
total y cada conteo disyuntivo tienen que coincidir con lo que sale de contar
a mano sobre los mismos documentos (O dentro de una faceta, Y entre facetas,
cada faceta contada con los filtros de las demás). También se comprueba que
publicar un documento nuevo cambia los conteos en la búsqueda siguiente (el
mapa de bits en memoria no queda viejo).
"""

import random
from datetime import UTC, datetime

import pytest

from busqueda.motores.base import ConsultaBusqueda
from busqueda.motores.local import MotorLocal

pytestmark = pytest.mark.django_db

OPCIONES = {
    "foco": ["socioeducativo", "capital-profesional", "aprendizaje-profundo"],
    "slep": ["huasco", "barrancas", "costa-araucania"],
    "evidencia": ["descrita", "resultados", "evaluada"],
    "nivel": ["basica", "media-tp", "parvularia"],
}
PALABRAS = ["lectura", "rural", "convivencia", "ciencias"]


def _corpus(rng, n=60):
    docs = []
    for i in range(n):
        facetas = {
            faceta: [(v, v.capitalize()) for v in rng.sample(valores, rng.randint(0, 2))]
            for faceta, valores in OPCIONES.items()
        }
        palabra = rng.choice(PALABRAS)
        docs.append(
            {
                "clave": f"doc-{i}",
                "slug": f"doc-{i}",
                "url": f"/practicas/doc-{i}/",
                "tipo": rng.choice(["caso", "practica"]),
                "titulo": f"Experiencia {i} de {palabra}",
                "resumen": f"Una red trabajó {palabra}.",
                "cuerpo": "",
                "etiquetas": "",
                "fecha": datetime(2025, 1, 1 + i % 28, tzinfo=UTC),
                "facetas": facetas,
                "_palabra": palabra,
            }
        )
    return docs


def _oraculo(docs, texto, filtros):
    def valores(doc, faceta):
        if faceta == "tipo":
            return {doc["tipo"]}
        return {v for v, _ in doc["facetas"].get(faceta, [])}

    def pasa(doc, excepto=None):
        if texto and doc["_palabra"] != texto:
            return False
        return all(valores(doc, f) & set(vs) for f, vs in filtros.items() if vs and f != excepto)

    total = sum(pasa(d) for d in docs)
    conteos = {}
    for faceta in [*OPCIONES, "tipo"]:
        for d in docs:
            if pasa(d, excepto=faceta):
                for v in valores(d, faceta):
                    conteos[(faceta, v)] = conteos.get((faceta, v), 0) + 1
    return total, conteos


def _conteos(resultado):
    return {
        (faceta, o.valor): o.cantidad
        for faceta, opciones in resultado.facetas.items()
        if faceta in (*OPCIONES, "tipo")
        for o in opciones
        if o.cantidad
    }


def test_conteos_coinciden_con_fuerza_bruta():
    rng = random.Random(2026)
    docs = _corpus(rng)
    motor = MotorLocal()
    motor.reconstruir([{k: v for k, v in d.items() if k != "_palabra"} for d in docs])
    for _ in range(40):
        texto = rng.choice(["", *PALABRAS])
        filtros = {
            f: rng.sample(vs, rng.randint(1, 2)) for f, vs in OPCIONES.items() if rng.random() < 0.4
        }
        resultado = motor.buscar(ConsultaBusqueda(texto=texto, filtros=filtros))
        total, conteos = _oraculo(docs, texto, filtros)
        assert resultado.total == total, (texto, filtros)
        assert _conteos(resultado) == conteos, (texto, filtros)


def test_publicar_cambia_los_conteos_en_la_busqueda_siguiente():
    rng = random.Random(7)
    docs = _corpus(rng, 20)
    motor = MotorLocal()
    motor.reconstruir([{k: v for k, v in d.items() if k != "_palabra"} for d in docs])
    antes = _conteos(motor.buscar(ConsultaBusqueda(texto="")))
    nuevo = {k: v for k, v in docs[0].items() if k != "_palabra"}
    nuevo.update(clave="doc-nuevo", slug="doc-nuevo", facetas={"slep": [("huasco", "Huasco")]})
    motor.indexar(nuevo)
    despues = _conteos(motor.buscar(ConsultaBusqueda(texto="")))
    assert despues[("slep", "huasco")] == antes.get(("slep", "huasco"), 0) + 1
    motor.borrar("doc-nuevo")
    assert _conteos(motor.buscar(ConsultaBusqueda(texto=""))) == antes


def test_mapa_se_actualiza_por_cambios_sin_recargar_y_cuadra_con_una_carga_nueva(monkeypatch):
    """Publicar/despublicar actualiza solo los documentos tocados (sin recargar todo
    el índice) y el resultado es el mismo que el de una carga completa."""
    from busqueda.motores import facetas_bits

    rng = random.Random(11)
    docs = [{k: v for k, v in d.items() if k != "_palabra"} for d in _corpus(rng, 30)]
    motor = MotorLocal()
    motor.reconstruir(docs)
    motor.buscar(ConsultaBusqueda(texto=""))  # carga completa
    cargas = []
    original = facetas_bits.MapaFacetas._cargar
    monkeypatch.setattr(
        facetas_bits.MapaFacetas, "_cargar", lambda self: (cargas.append(1), original(self))
    )
    for i in range(15):
        doc = dict(rng.choice(docs))
        if rng.random() < 0.3:
            motor.borrar(doc["clave"])
        else:
            doc["facetas"] = {"slep": [(f"slep-{rng.randint(0, 3)}", f"SLEP {i}")]}
            motor.indexar(doc)
        incremental = _conteos(motor.buscar(ConsultaBusqueda(texto="")))
    assert not cargas, "cada cambio recargó el mapa entero"
    nuevo = facetas_bits.MapaFacetas()
    nuevo._cargar()
    assert nuevo.bits == facetas_bits.mapa_facetas().bits
    assert nuevo.todos == facetas_bits.mapa_facetas().todos
    assert incremental == _conteos(motor.buscar(ConsultaBusqueda(texto="")))
