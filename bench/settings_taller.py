"""Configuración del taller simulado (.ci/taller.py): la de los benchmarks (la de
producción sin HTTPS forzado), pero CON los límites de tasa de producción, que son
justamente lo que el taller prueba."""

from bench.settings_bench import *  # noqa: F403

TRAMA_LIMITE_TASA_ACTIVO = True
