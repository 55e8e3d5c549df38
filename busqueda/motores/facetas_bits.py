"""Conteo de facetas en memoria con mapas de bits, en una pasada.

Por qué no basta SQL: contar facetas disyuntivas en la base recorre
`ValorFaceta` una vez por cada faceta con selección más otra para el resto, y
cada recorrido toca todas las filas de los documentos que calzan con el texto.
A 10 mil documentos eso eran cientos de milisegundos por búsqueda
(bench/RESULTADOS.md). Aquí cada opción de faceta (faceta, valor) es un entero
de Python usado como mapa de bits sobre los ids de `Documento`; contar una
opción es un AND y un `bit_count()`, microsegundos aunque haya 100 mil
documentos, y todas las facetas salen de la misma pasada.

El mapa vive en cada proceso y se recarga solo cuando el índice cambió: cada
escritura del motor local marca una versión nueva en `EstadoIndice` (una
fila) y cada conteo la compara. Publicar o despublicar hace que el siguiente
conteo de cada proceso recargue (tiempo medido en bench/RESULTADOS.md).
"""

import threading

from django.db import connection

from ..models import Documento, EstadoIndice, ValorFaceta


def bits_de(ids, largo_bytes=None):
    """Mapa de bits (int) con los ids dados encendidos."""
    ids = list(ids)
    if not ids:
        return 0
    tabla = bytearray(largo_bytes or (max(ids) >> 3) + 1)
    for i in ids:
        tabla[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(tabla, "little")


class MapaFacetas:
    """Opciones de faceta → mapa de bits de documentos, con sus etiquetas."""

    def __init__(self):
        self.version = None
        self.bits = {}
        self.etiquetas = {}
        self.todos = 0
        self._candado = threading.Lock()

    def asegurar(self):
        # La versión se lee ANTES de cargar: si cambia durante la carga, la próxima
        # llamada ve otra versión y recarga; nunca queda un mapa viejo marcado nuevo.
        version = EstadoIndice.actual()
        if version != self.version:
            with self._candado:
                if version != self.version:
                    self._cargar()
                    self.version = version
        return self

    def _cargar(self):
        # Cursor directo y no el ORM: a 100 mil documentos son más de un millón de
        # filas y el costo por fila del ORM multiplica el tiempo de recarga.
        por_opcion, etiquetas, maximo = {}, {}, 0
        tabla = ValorFaceta._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT documento_id, faceta, valor, etiqueta FROM {tabla}")  # noqa: S608
            while filas := cursor.fetchmany(20_000):
                for documento_id, faceta, valor, etiqueta in filas:
                    clave = (faceta, valor)
                    lista = por_opcion.get(clave)
                    if lista is None:
                        lista = por_opcion[clave] = []
                        etiquetas[clave] = etiqueta
                    lista.append(documento_id)
                    if documento_id > maximo:
                        maximo = documento_id
            cursor.execute(f"SELECT id FROM {Documento._meta.db_table}")  # noqa: S608
            ids = [fila[0] for fila in cursor.fetchall()]
        largo = (max([maximo, *ids[-1:]]) >> 3) + 1
        self.todos = bits_de(ids, largo)
        self.bits = {clave: bits_de(ids, largo) for clave, ids in por_opcion.items()}
        self.etiquetas = etiquetas

    def seleccion(self, faceta, valores):
        """Documentos con alguna de las opciones elegidas de una faceta (O)."""
        resultado = 0
        for valor in valores:
            resultado |= self.bits.get((faceta, valor), 0)
        return resultado

    def contar(self, coincide, filtros, facetas):
        """Conteos disyuntivos.

        coincide: mapa de bits de los documentos que calzan con el texto.
        filtros: {faceta: [valores]} elegidos. Devuelve ({(faceta, valor): cantidad},
        total) donde cada faceta se cuenta con los filtros de las DEMÁS."""
        por_faceta = {f: self.seleccion(f, v) for f, v in filtros.items() if v}
        todos = coincide
        for bits in por_faceta.values():
            todos &= bits
        bases = {}
        for faceta in facetas:
            if faceta in por_faceta:
                base = coincide
                for otra, bits in por_faceta.items():
                    if otra != faceta:
                        base &= bits
                bases[faceta] = base
            else:
                bases[faceta] = todos
        conteos = {}
        for (faceta, valor), bits in self.bits.items():
            base = bases.get(faceta)
            if base is None:
                continue
            cantidad = (base & bits).bit_count()
            if cantidad:
                conteos[(faceta, valor)] = cantidad
        return conteos, todos.bit_count()


_MAPA = MapaFacetas()


def mapa_facetas():
    return _MAPA.asegurar()
