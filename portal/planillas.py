"""Celdas seguras para planillas (CSV y XLSX que se abren en Excel o Calc).

Una celda de texto que empieza con =, +, -, @, tabulación o retorno la ejecuta la
planilla como fórmula (inyección de fórmulas, OWASP «CSV Injection»): se le
antepone un apóstrofo, que la planilla no muestra. Un texto que es un número
(«-0.5») no es una fórmula y queda igual. Todas las exportaciones del sitio
(búsqueda, datos abiertos, informes de redes, panel de la DEP) pasan por aquí.
"""

INICIO_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _es_numero(texto):
    try:
        float(texto)
    except ValueError:
        return False
    return True


def celda_segura(valor):
    if isinstance(valor, str) and valor.startswith(INICIO_FORMULA) and not _es_numero(valor):
        return "'" + valor
    return valor
