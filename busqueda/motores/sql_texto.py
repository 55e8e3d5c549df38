"""Índice de texto de cada base de datos, detrás de una sola interfaz.

Es el ÚNICO lugar que sabe si la base es SQLite o PostgreSQL. Ambas reciben el
mismo texto ya normalizado en Python (términos separados por espacios, solo
letras y dígitos), así que se comportan igual; solo cambia cómo se guarda y se puntúa:

- SQLite: tabla virtual FTS5 de contenido externo sobre `busqueda_documento`,
  sincronizada por triggers; puntaje `bm25` con pesos por columna.
- PostgreSQL: columna `tsvector` generada (configuración `simple`, con
  `setweight` A/B/C/D) e índice GIN; puntaje `ts_rank` con los mismos pesos.

La consulta nunca recibe texto crudo: solo términos producidos por
`normalizacion.terminos`, que no contienen comillas, operadores ni espacios.
"""

import json
import re
from contextlib import contextmanager

from django.db import connection as conexion_defecto
from django.db import transaction

# Pesos relativos: título > resumen > etiquetas del marco > cuerpo.
PESOS = {"titulo": 10.0, "resumen": 4.0, "etiquetas": 3.0, "cuerpo": 1.0}
# Letras y dígitos Unicode (lo que produce `normalizacion.termino`): sin comillas,
# espacios ni operadores de FTS5/tsquery.
_TERMINO_SEGURO = re.compile(r"^[^\W_]+$")


def _expresion(grupos, operador, y, o, alternativa):
    """Arma la expresión booleana desde grupos de `sinonimos.expandir`: grupos unidos
    por `operador`, alternativas por O; una alternativa de varios términos es una FRASE
    (términos seguidos: «técnico profesional» no calza con «técnico-pedagógico …
    profesional»). `alternativa(lista_de_terminos)` la escribe en la sintaxis de la base."""
    partes = []
    for alternativas in grupos:
        opciones = []
        for lista in alternativas:
            for t in lista:
                if not _TERMINO_SEGURO.match(t):
                    raise ValueError("Términos no normalizados en la consulta de texto.")
            opciones.append("(" + alternativa(lista) + ")")
        partes.append("(" + o.join(opciones) + ")")
    return (y if operador == "Y" else o).join(partes)


class IndiceTexto:
    """Interfaz: crear/borrar el esquema y armar la subconsulta de texto."""

    # ¿`subconsulta(…, ids)` puntúa solo esos ids? (si no, el llamador filtra después)
    puntua_solo_ids = False

    def crear(self, cursor):
        raise NotImplementedError

    def borrar(self, cursor):
        raise NotImplementedError

    def reconstruir(self, cursor):
        """Rehace el índice desde las columnas norm_* (tras cargas masivas o reparaciones)."""
        raise NotImplementedError

    def subconsulta(self, grupos, operador="Y", ids=None):
        """(sql, params) que devuelve filas (documento_id, puntaje); mayor puntaje = mejor.
        `grupos`: salida de `sinonimos.expandir` (solo términos [a-z0-9]). `ids`: si se
        da, la base PUEDE puntuar solo esos documentos (el llamador igual filtra)."""
        raise NotImplementedError

    def subconsulta_ids(self, grupos, operador="Y", campos=None):
        """(sql, params) con solo los documento_id que calzan, sin calcular puntaje:
        para filtrar y contar facetas, donde el puntaje de miles de filas sobra.
        `campos` (p. ej. ("titulo", "etiquetas")) restringe la búsqueda a esas columnas."""
        raise NotImplementedError

    def tras_carga(self, cursor):
        """Después de reconstruir el índice entero (estadísticas del planificador)."""

    def subconsulta_frase_titulo(self, terminos):
        """(sql, params) con los documento_id que tienen estos términos seguidos en el
        título: exactamente esos si `frase_titulo_exacta`; si no, un superconjunto que
        el llamador confirma con el título."""
        raise NotImplementedError

    # ¿`subconsulta_frase_titulo` da exactamente los títulos con la frase?
    frase_titulo_exacta = False

    def tabla_orden(self):
        """`busqueda_documento d` como la lee el orden por relevancia (una fila por
        coincidencia, solo id, tipo, fecha y norm_titulo)."""
        return "busqueda_documento d"

    def leer_ids(self, cursor, sql, params):
        """Los ids que entrega la subconsulta `sql` (una columna), en una sola fila:
        a 100 mil coincidencias, traer 100 mil filas al driver costaba ~25 ms y una
        fila agregada ~6 ms (bench/brechas.md)."""
        raise NotImplementedError

    def puntaje_en_fila(self, grupos, operador="Y"):
        """Para las bases que puntúan con columnas de `busqueda_documento d`: (expresión
        del puntaje, lo que se agrega al FROM, sus parámetros, condición «d calza con el
        texto»). None si el puntaje solo sale de la subconsulta (FTS5)."""
        return None

    def condicion_frase_titulo(self, terminos):
        """(sql, params): «d tiene la frase en el título», sobre `busqueda_documento d`
        (solo si `puntaje_en_fila` no es None)."""
        raise NotImplementedError

    def condicion_fila_ids(self, columna, ids):
        """(sql, params): «`columna` es uno de estos ids» para recorrer esas filas."""
        return self.condicion_ids(columna, ids)

    def condicion_ids(self, columna, ids):
        """(sql, params): condición «`columna` es uno de estos ids», en UN parámetro."""
        sql, params = self.lista_ids(ids)
        return f"{columna} IN ({sql})", params

    def lista_ids(self, ids):
        """(sql, params): subconsulta que entrega estos ids en UN parámetro, para
        `id IN (…)` con miles de ids sin topar el máximo de parámetros de la base."""
        raise NotImplementedError


class IndiceSQLite(IndiceTexto):
    tabla = "busqueda_fts"
    columnas = ("norm_titulo", "norm_resumen", "norm_cuerpo", "norm_etiquetas")

    def crear(self, cursor):
        cols = ", ".join(self.columnas)
        nuevos = ", ".join(f"new.{c}" for c in self.columnas)
        viejos = ", ".join(f"old.{c}" for c in self.columnas)
        t = self.tabla
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {t} USING fts5({cols}, "
            f"content='busqueda_documento', content_rowid='id', tokenize='unicode61')"
        )
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {t}_ai AFTER INSERT ON busqueda_documento BEGIN "  # noqa: S608
            f"INSERT INTO {t}(rowid, {cols}) VALUES (new.id, {nuevos}); END"
        )
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {t}_ad AFTER DELETE ON busqueda_documento BEGIN "  # noqa: S608
            f"INSERT INTO {t}({t}, rowid, {cols}) VALUES ('delete', old.id, {viejos}); END"
        )
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {t}_au AFTER UPDATE ON busqueda_documento BEGIN "  # noqa: S608
            f"INSERT INTO {t}({t}, rowid, {cols}) VALUES ('delete', old.id, {viejos}); "
            f"INSERT INTO {t}(rowid, {cols}) VALUES (new.id, {nuevos}); END"
        )

    def borrar(self, cursor):
        for sufijo in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER IF EXISTS {self.tabla}_{sufijo}")
        cursor.execute(f"DROP TABLE IF EXISTS {self.tabla}")

    def reconstruir(self, cursor):
        self.crear(cursor)
        cursor.execute(f"INSERT INTO {self.tabla}({self.tabla}) VALUES ('rebuild')")  # noqa: S608

    @staticmethod
    def _match(grupos, operador, campos=None):
        match = _expresion(grupos, operador, " AND ", " OR ", lambda ts: '"' + " ".join(ts) + '"')
        if campos:
            columnas = " ".join(f"norm_{c}" for c in campos)
            match = f"{{{columnas}}} : ({match})"
        return match

    def subconsulta(self, grupos, operador="Y", ids=None):
        # `ids` no se usa: bm25 necesita recorrer todas las coincidencias (sus
        # estadísticas) y FTS5 con `rowid IN (…)` puntúa cada id por separado: con 500
        # ids, ~1 s en vez de ~30 ms (medido con 100 mil prácticas).
        match = self._match(grupos, operador)
        pesos = ", ".join(
            str(PESOS[c]) for c in ("titulo", "resumen", "cuerpo", "etiquetas")
        )  # mismo orden que las columnas
        sql = (
            f"SELECT rowid AS documento_id, -bm25({self.tabla}, {pesos}) AS puntaje "  # noqa: S608
            f"FROM {self.tabla} WHERE {self.tabla} MATCH %s"
        )
        return sql, [match]

    def subconsulta_ids(self, grupos, operador="Y", campos=None):
        match = self._match(grupos, operador, campos)
        sql = f"SELECT rowid AS documento_id FROM {self.tabla} WHERE {self.tabla} MATCH %s"  # noqa: S608
        return sql, [match]

    # Una frase de FTS5 restringida a la columna `norm_titulo` son esos términos
    # seguidos en el título: lo mismo que `(' ' || norm_titulo || ' ') LIKE '% frase %'`
    # (NIVEL_TITULO), porque norm_titulo ya son términos separados por un espacio.
    frase_titulo_exacta = True

    def subconsulta_frase_titulo(self, terminos):
        return self.subconsulta_ids([[list(terminos)]], "Y", campos=("titulo",))

    def tabla_orden(self):
        # Por id, SQLite siempre va a la tabla (la fila ancha, con el cuerpo); el índice
        # busqueda_doc_orden trae lo mismo en una fracción de las páginas. Con 41 mil
        # coincidencias («escuelas rurales», 100 mil prácticas): 180 → 132 ms.
        return "busqueda_documento d INDEXED BY busqueda_doc_orden"

    def leer_ids(self, cursor, sql, params):
        cursor.execute(f"SELECT group_concat(documento_id) FROM ({sql}) ids", params)  # noqa: S608
        (texto,) = cursor.fetchone()
        return list(map(int, texto.split(","))) if texto else []

    def lista_ids(self, ids):
        return "SELECT value FROM json_each(%s)", [json.dumps(list(ids))]


class IndicePostgres(IndiceTexto):
    puntua_solo_ids = True

    # Columnas generadas (cada una con su índice GIN `busqueda_documento_<columna>`):
    # `vector`, todo el texto con pesos A/B/C/D; `vector_destacado`, solo título y
    # etiquetas, para la cobertura «calza en título o etiquetas» (local.CAMPOS_DESTACADOS).
    # Con pesos (`'rural':AC` sobre `vector`) el índice GIN no filtra por peso y
    # PostgreSQL releía el vector de cada coincidencia: ~360 ms por grupo con 100 mil
    # prácticas (bench/brechas.md); con su propia columna el índice responde solo.
    # (Una frase podría calzar uniendo la última palabra del título con la primera
    # etiqueta: solo suma al orden, nunca agrega un resultado.)
    COLUMNAS = {
        "vector": (
            "setweight(to_tsvector('simple', norm_titulo), 'A') || "
            "setweight(to_tsvector('simple', norm_resumen), 'B') || "
            "setweight(to_tsvector('simple', norm_etiquetas), 'C') || "
            "setweight(to_tsvector('simple', norm_cuerpo), 'D')"
        ),
        "vector_destacado": (
            "to_tsvector('simple', norm_titulo) || to_tsvector('simple', norm_etiquetas)"
        ),
        # Solo el título: la frase del nivel de título sale exacta del índice GIN (con
        # `vector_destacado` una frase podía unir el título con las etiquetas y había
        # que confirmar leyendo el título de cada candidato: ~13 mil filas con «rurales»).
        "vector_titulo": "to_tsvector('simple', norm_titulo)",
    }
    DESTACADOS = ("titulo", "etiquetas")
    # Columna propia de cada conjunto de campos que se busca por separado.
    COLUMNA_DE_CAMPOS = {DESTACADOS: "vector_destacado", ("titulo",): "vector_titulo"}
    frase_titulo_exacta = True

    # Lo que el orden por relevancia lee de cada coincidencia (local.MotorLocal._pagina:
    # el vector para ts_rank, el título para el nivel de título, el tipo para su peso)
    # queda en la fila, comprimido si hace falta; el cuerpo y los demás textos largos se
    # van a TOAST primero. Con `extended` (el de siempre) el vector o el título de una
    # práctica típica terminaban en TOAST y ordenar los ~13 mil títulos con «rural» leía
    # ~57 mil páginas: 300 → 45 ms (bench/brechas.md). Vale para las filas que se
    # escriban desde ahora: `reindexar` las reescribe todas.
    EN_LA_FILA = ("vector", "vector_titulo", "norm_titulo", "tipo")

    def crear(self, cursor):
        for columna, expresion in self.COLUMNAS.items():
            # Se consulta antes de alterar: ALTER TABLE falla si la transacción tiene
            # eventos de trigger pendientes (p. ej. tras borrar filas), aunque no cambie.
            cursor.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = 'busqueda_documento' AND column_name = %s",
                [columna],
            )
            if cursor.fetchone():
                continue
            cursor.execute(
                f"ALTER TABLE busqueda_documento ADD COLUMN IF NOT EXISTS {columna} tsvector "
                f"GENERATED ALWAYS AS ({expresion}) STORED"
            )
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS busqueda_documento_{columna} "
                f"ON busqueda_documento USING GIN ({columna})"
            )
        cursor.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = 'busqueda_documento'::regclass "
            "AND attname = ANY(%s) AND attstorage <> 'm' AND NOT attisdropped",
            [list(self.EN_LA_FILA)],
        )
        for (columna,) in cursor.fetchall():
            cursor.execute(
                f"ALTER TABLE busqueda_documento ALTER COLUMN {columna} SET STORAGE MAIN"
            )

    def borrar(self, cursor):
        for columna in self.COLUMNAS:
            cursor.execute(f"DROP INDEX IF EXISTS busqueda_documento_{columna}")
            cursor.execute(f"ALTER TABLE busqueda_documento DROP COLUMN IF EXISTS {columna}")

    def reconstruir(self, cursor):
        # Las columnas son generadas: siempre están al día; basta con asegurar que existan.
        self.crear(cursor)

    def tras_carga(self, cursor):
        # Tras insertar 100 mil documentos y dos millones de opciones, las estadísticas
        # siguen siendo las de la tabla vacía hasta que pase el autovacuum, y con ellas
        # el planificador elegía recorrer y ordenar tablas enteras (bench/brechas.md).
        cursor.execute("ANALYZE busqueda_documento")
        cursor.execute("ANALYZE busqueda_valorfaceta")

    # Letra de peso de cada columna en el tsvector (ver `crear`).
    LETRAS = {"titulo": "A", "resumen": "B", "etiquetas": "C", "cuerpo": "D"}

    @classmethod
    def _tsquery(cls, grupos, operador, campos=None):
        sufijo = ":" + "".join(cls.LETRAS[c] for c in campos) if campos else ""
        return _expresion(
            grupos, operador, " & ", " | ", lambda ts: " <-> ".join(t + sufijo for t in ts)
        )

    @staticmethod
    def _rango(vector):
        maximo = max(PESOS.values())
        # ts_rank recibe los pesos {D, C, B, A} en [0, 1]: los mismos de FTS5, escalados.
        pesos = ",".join(
            str(round(PESOS[c] / maximo, 4)) for c in ("cuerpo", "etiquetas", "resumen", "titulo")
        )
        # Normalización 1: divide por 1 + log(largo), como bm25 castiga documentos largos.
        return f"ts_rank('{{{pesos}}}', {vector}, q, 1)"

    def subconsulta(self, grupos, operador="Y", ids=None):
        # ts_rank mira solo el vector de cada fila: con `ids` se puntúan solo esos (a
        # 100 mil prácticas, «redes» con 3 filtros pasó de puntuar 100 mil filas, 139 ms,
        # a unas decenas).
        tsquery = self._tsquery(grupos, operador)
        sql = (
            f"SELECT id AS documento_id, {self._rango('vector')} AS puntaje "  # noqa: S608
            "FROM busqueda_documento, to_tsquery('simple', %s) q "
            "WHERE vector @@ q"
        )
        if ids is not None:
            return sql + " AND id = ANY(%s)", [tsquery, list(ids)]
        return sql, [tsquery]

    def subconsulta_ids(self, grupos, operador="Y", campos=None):
        columna = "vector"
        if campos and tuple(campos) in self.COLUMNA_DE_CAMPOS:
            columna, campos = self.COLUMNA_DE_CAMPOS[tuple(campos)], None
        tsquery = self._tsquery(grupos, operador, campos)
        sql = (
            f"SELECT id AS documento_id FROM busqueda_documento "  # noqa: S608
            f"WHERE {columna} @@ to_tsquery('simple', %s)"
        )
        return sql, [tsquery]

    def puntaje_en_fila(self, grupos, operador="Y"):
        return (
            self._rango("d.vector"),
            "to_tsquery('simple', %s) q",
            [self._tsquery(grupos, operador)],
            "d.vector @@ q",
        )

    def condicion_frase_titulo(self, terminos):
        tsquery = self._tsquery([[list(terminos)]], "Y")
        return "d.vector_titulo @@ to_tsquery('simple', %s)", [tsquery]

    def condicion_fila_ids(self, columna, ids):
        # `= ANY` recorre el índice de la llave por cada id, en orden; como subconsulta
        # (`IN (SELECT unnest…)`) el planificador a veces recorría la tabla entera.
        return f"{columna} = ANY(%s)", [list(ids)]

    @contextmanager
    def _por_indice(self, cursor):
        # Con una palabra que está en casi todo, el planificador prefiere recorrer la
        # tabla y evaluar `vector @@ q` fila por fila: su modelo de costos no ve que
        # cada evaluación descomprime el vector (TOAST). Con 100 mil prácticas, leer
        # los ids así: 369 ms; por el índice GIN: 129 ms. SET LOCAL vale solo aquí.
        with transaction.atomic():
            cursor.execute("SET LOCAL enable_seqscan = off")
            yield
            # Dentro de una transacción mayor, el resto de ella planifica como siempre
            # (si algo falló, deshacer el savepoint ya deshace también el SET).
            cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")

    def leer_ids(self, cursor, sql, params):
        with self._por_indice(cursor):
            cursor.execute(f"SELECT array_agg(documento_id) FROM ({sql}) ids", params)  # noqa: S608
            (lista,) = cursor.fetchone()
        return lista or []

    def lista_ids(self, ids):
        return "SELECT unnest(%s::integer[])", [list(ids)]

    def subconsulta_frase_titulo(self, terminos):
        # `vector_titulo`, sin peso: el índice GIN responde solo; con `:A` sobre
        # `vector` releería el vector de cada candidato.
        return self.subconsulta_ids([[list(terminos)]], "Y", campos=("titulo",))


_POR_MOTOR = {"sqlite": IndiceSQLite, "postgresql": IndicePostgres}


def indice_texto(connection=None) -> IndiceTexto:
    """El índice de texto de la base en uso (el único `vendor` del código de búsqueda)."""
    vendor = (connection or conexion_defecto).vendor
    try:
        return _POR_MOTOR[vendor]()
    except KeyError:
        raise NotImplementedError(
            f"La búsqueda local no tiene índice de texto para la base '{vendor}'."
        ) from None
