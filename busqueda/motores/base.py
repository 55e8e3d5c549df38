"""Contrato común de los motores de búsqueda: consulta, resultado e interfaz."""

from dataclasses import dataclass, field

from ..registro import ETIQUETAS_FACETAS, ETIQUETAS_ORDENES

# {clave: etiqueta} de las facetas y los órdenes: salen del registro (busqueda/registro.py).
FACETAS = ETIQUETAS_FACETAS
ORDENES = ETIQUETAS_ORDENES
POR_PAGINA = 10
MAXIMO_POR_PAGINA = 50


@dataclass
class ConsultaBusqueda:
    texto: str = ""
    filtros: dict[str, list[str]] = field(default_factory=dict)
    orden: str = "relevancia"
    pagina: int = 1
    por_pagina: int = POR_PAGINA
    # Ids de Documento/página destacados por la DEP para esta consulta, en orden.
    destacados: list[str] = field(default_factory=list)

    @property
    def desde(self):
        return (self.pagina - 1) * self.por_pagina


@dataclass
class Resultado:
    tipo: str
    slug: str
    titulo: str
    url: str
    resumen: str
    fragmentos: list[str]
    fecha: object = None
    clave: str = ""

    def como_dict(self):
        return {
            "tipo": self.tipo,
            "slug": self.slug,
            "titulo": self.titulo,
            "url": self.url,
            "resumen": self.resumen,
            "fragmentos": self.fragmentos,
        }


@dataclass
class OpcionFaceta:
    valor: str
    etiqueta: str
    cantidad: int
    seleccionado: bool

    def como_dict(self):
        return {
            "valor": self.valor,
            "etiqueta": self.etiqueta,
            "cantidad": self.cantidad,
            "seleccionado": self.seleccionado,
        }


@dataclass
class ResultadoBusqueda:
    consulta: ConsultaBusqueda
    total: int
    resultados: list[Resultado]
    facetas: dict[str, list[OpcionFaceta]]
    motor: str
    sugerencia: str | None = None
    avisos: list[str] = field(default_factory=list)


class Motor:
    """Interfaz de un motor. `MotorLocal` y `MotorElasticsearch` la cumplen igual.

    Documentos: dicts del contrato `datos_busqueda()` más `clave` (única), `slug`
    y `url` (ver `indice.documento_de_pagina`).
    """

    nombre = ""

    def buscar(self, consulta: ConsultaBusqueda) -> ResultadoBusqueda:
        raise NotImplementedError

    def sugerencias(self, texto: str, limite: int = 8) -> list[dict]:
        """[{"texto", "tipo", "url"}]: títulos (con url) y términos (url None)."""
        raise NotImplementedError

    def indexar(self, doc: dict) -> None:
        raise NotImplementedError

    def indexar_lote(self, docs) -> int:
        n = 0
        for doc in docs:
            self.indexar(doc)
            n += 1
        return n

    def borrar(self, clave: str) -> None:
        raise NotImplementedError

    def reconstruir(self, docs, progreso=None) -> int:
        """Reemplaza todo el índice por `docs` (iterable); `progreso(n)` tras cada uno."""
        raise NotImplementedError


class MotorNoDisponible(Exception):
    """El motor no respondió (servidor caído, tiempo agotado, error del servidor)."""
