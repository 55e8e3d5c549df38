"""Fragmentos con las palabras buscadas resaltadas, sobre el texto ORIGINAL.

Todo el texto se escapa; el único HTML que sale es `<mark>`.
"""

from bisect import bisect_left, bisect_right

from django.utils.html import escape

from .normalizacion import palabras, termino

LARGO_FRAGMENTO = 180
MAXIMO_ACIERTOS = 60


def fragmentos(texto: str, terminos_buscados: set[str], maximo: int = 2) -> list[str]:
    if not texto or not terminos_buscados:
        return []
    lista = palabras(texto)
    terms = [termino(w) for _, _, w in lista]
    aciertos = [i for i, t in enumerate(terms) if t in terminos_buscados][:MAXIMO_ACIERTOS]
    if not aciertos:
        return []
    inicios = [a for a, _, _ in lista]
    finales = [b for _, b, _ in lista]
    # Ventanas alrededor de cada acierto; se prefieren las que juntan más términos distintos.
    ventanas = []
    for i in aciertos:
        inicio = max(0, lista[i][0] - LARGO_FRAGMENTO // 3)
        fin = min(len(texto), inicio + LARGO_FRAGMENTO)
        desde, hasta = bisect_left(inicios, inicio), bisect_right(finales, fin)
        dentro = set(terms[desde:hasta]) & terminos_buscados
        ventanas.append((-len(dentro), inicio, fin))
    ventanas.sort()
    elegidas = []
    for _, inicio, fin in ventanas:
        if all(fin <= a or inicio >= b for a, b in elegidas):
            elegidas.append((inicio, fin))
        if len(elegidas) == maximo:
            break
    return [
        _resaltar(texto, lista, inicio, fin, terminos_buscados) for inicio, fin in sorted(elegidas)
    ]


def _resaltar(texto, lista, inicio, fin, terminos_buscados):
    # Corta en límites de palabra.
    dentro = [(a, b, w) for (a, b, w) in lista if a >= inicio and b <= fin]
    if not dentro:
        return ""
    inicio, fin = dentro[0][0], dentro[-1][1]
    partes = ["…" if inicio > 0 else ""]
    cursor = inicio
    for a, b, w in dentro:
        if termino(w) in terminos_buscados:
            partes.append(escape(texto[cursor:a]))
            partes.append(f"<mark>{escape(w)}</mark>")
            cursor = b
    partes.append(escape(texto[cursor:fin]))
    partes.append("…" if palabras(texto[fin:]) else "")
    return "".join(partes).replace("\n", " ")
