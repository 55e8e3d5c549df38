"""Normalización de texto en español, idéntica para el índice y la consulta.

Se hace en Python (no en la base) para que SQLite y PostgreSQL indexen y busquen
exactamente los mismos términos: minúsculas, sin tildes ni diéresis, plural
simple a singular, raíz Snowball española y, al final, ñ→n (así "España" y
"espana" dan el mismo término; la ñ se pliega DESPUÉS del stemmer, que la
conoce, y de la misma forma en índice y consulta).
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# Palabras vacías: no aportan a la relevancia y en FTS5/tsvector solo agregan ruido.
PALABRAS_VACIAS = frozenset(
    """
    a al algo algunas algunos ante antes como con contra cual cuando de del desde donde
    durante e el ella ellas ellos en entre era es esa esas ese eso esos esta estas este
    esto estos fue fueron ha han hasta la las le les lo los mas me mi mis muy no nos o
    otra otras otro otros para pero por que quien se sea ser si sin sobre son su sus
    tambien te tiene tienen u un una unas uno unos y ya
    """.split()
)

LARGO_MAXIMO_PALABRA = 40
_PALABRA = re.compile(r"[^\W_]+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("spanish")


def plegar(texto: str) -> str:
    """Minúsculas y sin tildes/diéresis, pero conserva la ñ (la necesita el stemmer)."""
    if texto.isascii():  # la mayoría de las palabras: nada que plegar
        return texto.lower()
    texto = unicodedata.normalize("NFD", texto.lower())
    salida = []
    for i, c in enumerate(texto):
        if unicodedata.combining(c):
            # La virgulilla sobre la n se conserva: es otra letra en español.
            if c == "\u0303" and i > 0 and texto[i - 1] == "n":
                salida.append(c)
            continue
        salida.append(c)
    return unicodedata.normalize("NFC", "".join(salida))


@lru_cache(maxsize=100_000)
def plegar_total(texto: str) -> str:
    """Plegado completo (también ñ→n): para comparar palabras visibles y prefijos."""
    return plegar(texto).replace("ñ", "n")


def palabras(texto: str):
    """Palabras del texto con su posición: [(inicio, fin, palabra_original)]."""
    return [(m.start(), m.end(), m.group()) for m in _PALABRA.finditer(texto or "")]


def _singular(palabra: str) -> str:
    # Plural simple antes del stemmer: Snowball deja "líder"→"lid" pero
    # "líderes"→"lider"; quitando el plural primero, ambas dan "lid".
    if len(palabra) >= 5 and palabra.endswith("es") and palabra[-3] not in "aeiou":
        return palabra[:-2]
    if len(palabra) >= 4 and palabra.endswith("s") and palabra[-2] in "aeo":
        return palabra[:-1]
    return palabra


@lru_cache(maxsize=50_000)
def termino(palabra: str) -> str:
    """Término indexable de UNA palabra ya extraída ('' si es vacía o inútil)."""
    p = plegar(palabra)[:LARGO_MAXIMO_PALABRA]
    if not p or p in PALABRAS_VACIAS:
        return ""
    if p.isdigit():
        return p
    raiz = _stemmer.stemWord(_singular(p))
    # Snowball deja «monitoreo»/«monitorea» en «monitore» y «monitorear» en «monitor»
    # (igual «sondeo»/«sondear», «recreo»/«recrear»): la -e final de la raíz se quita
    # para que el sustantivo y el verbo coincidan.
    if len(raiz) >= 6 and raiz.endswith("e"):
        raiz = raiz[:-1]
    return raiz.replace("ñ", "n")


# Prefijos que forman palabras compuestas del mismo concepto: quien busca «evaluar»
# también busca «autoevaluación». Se aplican a la CONSULTA (no al índice): el término
# «evalu» se busca además como «autoevalu».
PREFIJOS_COMPUESTOS = ("auto",)


def variantes(term: str) -> list[str]:
    """Otras formas indexadas del mismo concepto para un término de la consulta."""
    if len(term) < 4 or term.isdigit():
        return []
    return [p + term for p in PREFIJOS_COMPUESTOS if not term.startswith(p)]


def terminos(texto: str) -> list[str]:
    """Términos de un texto, en orden, sin vacíos."""
    return [t for _, _, w in palabras(texto) if (t := termino(w))]


def texto_indexable(texto: str) -> str:
    """Lo que se guarda en el índice de texto: términos separados por espacios."""
    return " ".join(terminos(texto))


def normalizar_consulta(consulta: str) -> str:
    """Forma canónica de una consulta para registros y destacados: 'Escuelas  Rurales' →
    'escuelas rurales'."""
    return " ".join(plegar_total(w) for _, _, w in palabras(consulta))[:200]
