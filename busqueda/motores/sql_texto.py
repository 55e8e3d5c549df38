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

import re

from django.db import connection as conexion_defecto

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

    def crear(self, cursor):
        raise NotImplementedError

    def borrar(self, cursor):
        raise NotImplementedError

    def reconstruir(self, cursor):
        """Rehace el índice desde las columnas norm_* (tras cargas masivas o reparaciones)."""
        raise NotImplementedError

    def subconsulta(self, grupos, operador="Y"):
        """(sql, params) que devuelve filas (documento_id, puntaje); mayor puntaje = mejor.
        `grupos`: salida de `sinonimos.expandir` (solo términos [a-z0-9])."""
        raise NotImplementedError

    def subconsulta_ids(self, grupos, operador="Y", campos=None):
        """(sql, params) con solo los documento_id que calzan, sin calcular puntaje:
        para filtrar y contar facetas, donde el puntaje de miles de filas sobra.
        `campos` (p. ej. ("titulo", "etiquetas")) restringe la búsqueda a esas columnas."""
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

    def subconsulta(self, grupos, operador="Y"):
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


class IndicePostgres(IndiceTexto):
    def crear(self, cursor):
        # Se consulta antes de alterar: ALTER TABLE falla si la transacción tiene
        # eventos de trigger pendientes (p. ej. tras borrar filas), aunque no cambie nada.
        cursor.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = 'busqueda_documento' AND column_name = 'vector'"
        )
        if cursor.fetchone():
            return
        cursor.execute(
            "ALTER TABLE busqueda_documento ADD COLUMN IF NOT EXISTS vector tsvector "
            "GENERATED ALWAYS AS ("
            "setweight(to_tsvector('simple', norm_titulo), 'A') || "
            "setweight(to_tsvector('simple', norm_resumen), 'B') || "
            "setweight(to_tsvector('simple', norm_etiquetas), 'C') || "
            "setweight(to_tsvector('simple', norm_cuerpo), 'D')) STORED"
        )
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS busqueda_documento_vector "
            "ON busqueda_documento USING GIN (vector)"
        )

    def borrar(self, cursor):
        cursor.execute("DROP INDEX IF EXISTS busqueda_documento_vector")
        cursor.execute("ALTER TABLE busqueda_documento DROP COLUMN IF EXISTS vector")

    def reconstruir(self, cursor):
        # La columna es generada: siempre está al día; basta con asegurar que exista.
        self.crear(cursor)

    # Letra de peso de cada columna en el tsvector (ver `crear`).
    LETRAS = {"titulo": "A", "resumen": "B", "etiquetas": "C", "cuerpo": "D"}

    @classmethod
    def _tsquery(cls, grupos, operador, campos=None):
        sufijo = ":" + "".join(cls.LETRAS[c] for c in campos) if campos else ""
        return _expresion(
            grupos, operador, " & ", " | ", lambda ts: " <-> ".join(t + sufijo for t in ts)
        )

    def subconsulta(self, grupos, operador="Y"):
        tsquery = self._tsquery(grupos, operador)
        maximo = max(PESOS.values())
        # ts_rank recibe los pesos {D, C, B, A} en [0, 1]: los mismos de FTS5, escalados.
        pesos = ",".join(
            str(round(PESOS[c] / maximo, 4)) for c in ("cuerpo", "etiquetas", "resumen", "titulo")
        )
        # Normalización 1: divide por 1 + log(largo), como bm25 castiga documentos largos.
        sql = (
            f"SELECT id AS documento_id, ts_rank('{{{pesos}}}', vector, q, 1) AS puntaje "  # noqa: S608
            "FROM busqueda_documento, to_tsquery('simple', %s) q "
            "WHERE vector @@ q"
        )
        return sql, [tsquery]

    def subconsulta_ids(self, grupos, operador="Y", campos=None):
        tsquery = self._tsquery(grupos, operador, campos)
        sql = (
            "SELECT id AS documento_id FROM busqueda_documento "
            "WHERE vector @@ to_tsquery('simple', %s)"
        )
        return sql, [tsquery]


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
