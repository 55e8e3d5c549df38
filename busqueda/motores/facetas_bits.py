"""Conteo de facetas en memoria con mapas de bits, en una pasada.

Por qué no basta SQL: contar facetas disyuntivas en la base recorre
`ValorFaceta` una vez por cada faceta con selección más otra para el resto, y
cada recorrido toca todas las filas de los documentos que calzan con el texto.
A 10 mil documentos eso eran cientos de milisegundos por búsqueda
(bench/RESULTADOS.md). Aquí cada opción de faceta (faceta, valor) es un entero
de Python usado como mapa de bits sobre los ids de `Documento`; contar una
opción es un AND y un `bit_count()`, microsegundos aunque haya 100 mil
documentos, y todas las facetas salen de la misma pasada.

El mapa vive en cada proceso y se actualiza por cambios: cada escritura del
motor local anota los documentos tocados en `CambioIndice`; antes de contar,
cada proceso lee los cambios posteriores al último que vio y rehace solo esos
documentos (sus opciones y su bit en `todos`). Se recarga entero solo si
`EstadoIndice` cambió (`reconstruir`), si el último cambio visto ya no existe
(se deshizo su transacción) o si hay demasiados cambios juntos.

Un cambio que se confirma DESPUÉS de otro con id mayor (transacciones
concurrentes) no se pierde: los cambios de los últimos `VENTANA` segundos se
vuelven a aplicar (aplicar es idempotente: relee el estado del documento).
"""

import threading
from datetime import timedelta

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from ..models import CambioIndice, Documento, EstadoIndice, ValorFaceta

VENTANA = timedelta(seconds=10)
# Sobre esta cantidad de documentos cambiados de una vez, recargar todo es más barato.
MAXIMO_INCREMENTAL = 300


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
        self.ultimo = (0, "")  # (id, marca) del último CambioIndice aplicado
        self._candado = threading.Lock()

    def asegurar(self):
        # La versión y el último cambio se leen ANTES de cargar: lo que cambie durante
        # la carga se verá (y aplicará) en la llamada siguiente.
        version = EstadoIndice.actual()
        with self._candado:
            if version != self.version:
                self._recargar(version)
                return self
            cambios = list(
                CambioIndice.objects.filter(
                    Q(id__gte=self.ultimo[0]) | Q(creado__gte=timezone.now() - VENTANA)
                )
                .order_by("id")
                .values_list("id", "documento_id", "marca")
            )
            if self.ultimo[0] and (self.ultimo[0], self.ultimo[1]) not in {
                (i, m) for i, _, m in cambios
            }:
                self._recargar(version)  # el último cambio visto se deshizo
                return self
            documentos = {d for i, d, _ in cambios if i != self.ultimo[0]}
            if len(documentos) > MAXIMO_INCREMENTAL:
                self._recargar(version)
                return self
            if documentos:
                self._aplicar(documentos)
            if cambios:
                self.ultimo = (cambios[-1][0], cambios[-1][2])
        return self

    def _ultimo_cambio(self):
        fila = CambioIndice.objects.order_by("-id").values_list("id", "marca").first()
        return fila or (0, "")

    def _recargar(self, version):
        ultimo = self._ultimo_cambio()
        self._cargar()
        self.version = version
        self.ultimo = ultimo

    def _aplicar(self, documentos):
        """Rehace en memoria las opciones de estos documentos desde la base."""
        for d in documentos:
            mascara = 1 << d
            for clave in [c for c, b in self.bits.items() if (b >> d) & 1]:
                resto = self.bits[clave] & ~mascara
                if resto:
                    self.bits[clave] = resto
                else:
                    del self.bits[clave]
            self.todos &= ~mascara
        for d in Documento.objects.filter(id__in=documentos).values_list("id", flat=True):
            self.todos |= 1 << d
        for d, faceta, valor, etiqueta in ValorFaceta.objects.filter(
            documento_id__in=documentos
        ).values_list("documento_id", "faceta", "valor", "etiqueta"):
            clave = (faceta, valor)
            self.bits[clave] = self.bits.get(clave, 0) | (1 << d)
            self.etiquetas[clave] = etiqueta

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
