"""Límites de tasa propios de las redes (escribir a la red, probar códigos).

Siempre activos, también en pruebas: cuidan cosas de la red y no solo la carga
del sitio (el límite general por IP está en portal/seguridad.py). Contador por
clave y ventana fija en la caché, como LimiteTasaMiddleware."""

import hashlib
import time

from django.core.cache import cache

from portal.seguridad import ip_cliente


def clave_ip(request, nombre):
    ip = hashlib.sha256(ip_cliente(request).encode()).hexdigest()[:32]
    return f"{nombre}:{ip}"


def excedido(clave, maximo, ventana, sumar=True):
    """True si `clave` ya usó `maximo` en la ventana actual. Con `sumar`, cuenta uno."""
    ranura = int(time.time()) // ventana
    llave = f"trama:redes:{clave}:{ranura}"
    actual = cache.get(llave, 0)
    if actual >= maximo:
        return True
    if sumar:
        if not cache.add(llave, 1, timeout=ventana + 1):
            try:
                cache.incr(llave)
            except ValueError:
                cache.set(llave, 1, timeout=ventana + 1)
    return False
