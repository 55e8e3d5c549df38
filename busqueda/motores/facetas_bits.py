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
concurrentes) no se pierde: se miran los cambios de los últimos `VENTANA`
segundos y se aplica cada uno que este proceso no haya aplicado (aplicar es
idempotente: relee el estado del documento).
"""

import threading
from collections import OrderedDict
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from ..models import CambioIndice, Documento, EstadoIndice, ValorFaceta

VENTANA = timedelta(seconds=10)
# Sobre esta cantidad de documentos cambiados de una vez, recargar todo es más barato.
MAXIMO_INCREMENTAL = 300


# Desde este tamaño, armar el mapa como texto de «0» y «1» (int(texto, 2) es lineal en
# base 2) cuesta un tercio que encender bit a bit: 3 ms contra 8 ms con 100 mil ids.
MINIMO_COMO_TEXTO = 2_000


def bits_de(ids, largo_bytes=None):
    """Mapa de bits (int) con los ids dados encendidos."""
    ids = list(ids)
    if not ids:
        return 0
    if len(ids) >= MINIMO_COMO_TEXTO:
        texto = bytearray(b"0" * (max(ids) + 1))
        for i in ids:
            texto[i] = 49  # «1»
        texto.reverse()  # int(…, 2) lee el bit más alto primero
        return int(texto, 2)
    tabla = bytearray(largo_bytes or (max(ids) >> 3) + 1)
    for i in ids:
        tabla[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(tabla, "little")


def ids_de(bits):
    """Los ids encendidos en un mapa de bits, de menor a mayor. `bin()` y `str.find`
    corren en C: unos milisegundos para decenas de miles de ids."""
    texto = bin(bits)[:1:-1]  # el bit 0 primero
    salida = []
    i = texto.find("1")
    while i >= 0:
        salida.append(i)
        i = texto.find("1", i + 1)
    return salida


VENTANA_BITS = 8192  # bits que `ids_mas_altos` mira de una vez


def ids_mas_altos(bits, cuantos):
    """Los `cuantos` ids más altos encendidos en `bits`, de mayor a menor, sin pasar
    a lista el mapa entero (se mira de a `VENTANA_BITS` desde arriba)."""
    salida = []
    while bits and len(salida) < cuantos:
        desde = max(0, bits.bit_length() - VENTANA_BITS)
        salida.extend(reversed([desde + i for i in ids_de(bits >> desde)]))
        bits &= (1 << desde) - 1
    return salida[:cuantos]


class MapaFacetas:
    """Opciones de faceta → mapa de bits de documentos, con sus etiquetas."""

    def __init__(self):
        self.version = None
        self.bits = {}
        self.etiquetas = {}
        self.todos = 0
        self.ultimo = (0, "")  # (id, marca) del último CambioIndice aplicado
        self._vistos = set()  # (id, marca) de los cambios recientes ya aplicados
        self._candado = threading.Lock()
        # Mapas de bits de consultas de texto ya resueltas (clave: su SQL y parámetros),
        # como la caché de filtros de Lucene: se vacía con cualquier cambio del índice
        # que este proceso aplique, así que nunca responde con un índice viejo.
        self._texto = OrderedDict()

    def bits_texto(self, clave, calcular):
        """El mapa de bits de una consulta de texto: de la caché o `calcular()`."""
        tope = settings.TRAMA_CACHE_TEXTO
        if not tope:
            return calcular()
        with self._candado:
            if clave in self._texto:
                self._texto.move_to_end(clave)
                return self._texto[clave]
            marca = self.ultimo, self.version
        bits = calcular()
        with self._candado:
            # Solo si el índice no cambió mientras se calculaba.
            if (self.ultimo, self.version) == marca:
                self._texto[clave] = bits
                while len(self._texto) > tope:
                    self._texto.popitem(last=False)
        return bits

    def asegurar(self):
        # La versión y los cambios se leen ANTES de cargar (en UNA consulta: este
        # método corre en cada búsqueda y en cada ficha con relacionados): lo que
        # cambie durante la carga se verá (y aplicará) en la llamada siguiente.
        version, cambios = self._estado()
        with self._candado:
            if version != self.version:
                self._recargar(version, cambios)
                return self
            if self.ultimo[0] and (self.ultimo[0], self.ultimo[1]) not in {
                (i, m) for i, _, m in cambios
            }:
                self._recargar(version, cambios)  # el último cambio visto se deshizo
                return self
            # Solo los cambios que este proceso no aplicó aún: uno confirmado tarde con
            # id menor aparece en la ventana con un (id, marca) nuevo.
            documentos = {d for i, d, m in cambios if (i, m) not in self._vistos}
            if len(documentos) > MAXIMO_INCREMENTAL:
                self._recargar(version, cambios)
                return self
            if documentos:
                self._aplicar(documentos)
            self._vistos = {(i, m) for i, _, m in cambios}
            if cambios:
                self.ultimo = (cambios[-1][0], cambios[-1][2])
        return self

    def _estado(self):
        """(versión del índice, [(id, documento_id, marca)] de los cambios desde el
        último visto o de los últimos VENTANA segundos), en una consulta."""
        estado, cambio = EstadoIndice._meta.db_table, CambioIndice._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 0, 0, version FROM {estado} WHERE id = 1 UNION ALL "  # noqa: S608
                f"SELECT id, documento_id, marca FROM {cambio} WHERE id >= %s OR creado >= %s",
                # Como lo guarda el ORM en cada base (en SQLite, texto en UTC sin zona).
                [
                    self.ultimo[0],
                    connection.ops.adapt_datetimefield_value(timezone.now() - VENTANA),
                ],
            )
            filas = cursor.fetchall()
        version = next((m for i, _, m in filas if i == 0), None)
        return version, sorted((i, d, m) for i, d, m in filas if i != 0)

    def _ultimo_cambio(self):
        fila = CambioIndice.objects.order_by("-id").values_list("id", "marca").first()
        return fila or (0, "")

    def _recargar(self, version, cambios=()):
        self._texto.clear()
        ultimo = self._ultimo_cambio()
        self._cargar()
        self.version = version
        self.ultimo = ultimo
        # La carga (posterior a leer `cambios`) ya incluye esos cambios; uno que se
        # confirme tarde aparecerá después con un (id, marca) que no está aquí.
        self._vistos = {(i, m) for i, _, m in cambios}

    def _aplicar(self, documentos):
        """Rehace en memoria las opciones de estos documentos desde la base."""
        self._texto.clear()
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
        # Cursor del lado del servidor en PostgreSQL (`chunked_cursor`, el de
        # `QuerySet.iterator()`): sin él, el driver trae el millón de filas a memoria
        # antes del primer fetchmany y ese pico quedaba en el RSS de cada worker
        # (~360 MiB con 100 mil prácticas; ~135 MiB así). En SQLite es el de siempre.
        por_opcion, etiquetas, maximo = {}, {}, 0
        tabla = ValorFaceta._meta.db_table
        with connection.chunked_cursor() as cursor:
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
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM {Documento._meta.db_table}")  # noqa: S608
            ids = [fila[0] for fila in cursor.fetchall()]
        largo = (max([maximo, *ids]) >> 3) + 1
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
        resultado) donde cada faceta se cuenta con los filtros de las DEMÁS y
        `resultado` es el mapa de bits de lo que calza con el texto y TODOS los
        filtros (el total es su `bit_count()`)."""
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
        return conteos, todos


_MAPA = MapaFacetas()


def mapa_facetas():
    return _MAPA.asegurar()
