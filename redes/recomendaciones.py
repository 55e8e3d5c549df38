"""De los resultados a la acción: casos y prácticas fuertes en las características
elegidas, primero los de redes como la propia.

Todo sale del motor de búsqueda (`busqueda.motores.motor_busqueda`), con el
filtro `caracteristica` y los de parecido como facetas del mismo motor: así
funciona igual con el índice local o con Elasticsearch y no hay otra vía de
consulta. El parecido de cada resultado se cuenta por pertenencia: cuántas
búsquedas (misma característica elegida, mismo tipo de red, algún nivel en
común, mismo SLEP, misma ruralidad) lo traen."""

from busqueda.motores import ConsultaBusqueda, motor_busqueda

CANDIDATOS = 50


def _claves(motor, filtros):
    r = motor.buscar(ConsultaBusqueda(filtros=filtros, por_pagina=CANDIDATOS))
    return r, {x.clave or x.url for x in r.resultados}


def recomendar(red, caracteristicas, limite=10):
    slugs = [c.slug for c in caracteristicas]
    if not slugs:
        return []
    motor = motor_busqueda()
    base = {"caracteristica": slugs, "tipo": ["caso", "practica"]}
    todos, _ = _claves(motor, base)
    puntos = {}
    razones = {}

    def sumar(filtros, peso, razon):
        _, claves = _claves(motor, {**base, **filtros})
        for clave in claves:
            puntos[clave] = puntos.get(clave, 0) + peso
            razones.setdefault(clave, []).append(razon)

    nombres = {c.slug: c.nombre for c in caracteristicas}
    for slug in slugs:
        sumar({"caracteristica": [slug]}, 2, nombres[slug])
    sumar({"tipo_red": [red.tipo.slug]}, 3, f"redes de tipo «{red.tipo.nombre}»")
    niveles = list(red.niveles.values_list("slug", flat=True))
    if niveles:
        sumar({"nivel": niveles}, 2, "los mismos niveles")
    sumar({"slep": [red.slep.slug]}, 2, f"el territorio de {red.slep}")
    sumar({"rural": ["si" if red.rural else "no"]}, 1, "rural" if red.rural else "urbana")
    if red.eib:
        sumar({"eib": ["si"]}, 1, "con enfoque intercultural")

    orden = {(x.clave or x.url): i for i, x in enumerate(todos.resultados)}
    propios = {red.get_absolute_url()}
    lista = [x for x in todos.resultados if x.url not in propios]
    lista.sort(key=lambda x: (-puntos.get(x.clave or x.url, 0), orden[x.clave or x.url]))
    salida = []
    for x in lista[:limite]:
        clave = x.clave or x.url
        salida.append(
            {"resultado": x, "puntos": puntos.get(clave, 0), "razones": razones.get(clave, [])}
        )
    return salida
