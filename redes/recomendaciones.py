"""Recomendaciones y «Redes como la mía», siempre por el motor de búsqueda.

Todo sale de `busqueda.motores.motor_busqueda` con facetas del registro: así
funciona igual con el índice local o con Elasticsearch y no hay otra vía de
consulta. El parecido se cuenta por pertenencia: cada rasgo (mismo tipo de
red, algún nivel en común, mismo SLEP, misma ruralidad, EIB, cada
característica elegida) es una consulta del motor con ese filtro agregado, y
cada documento suma el peso de los rasgos cuyas consultas lo traen."""

from busqueda.motores import ConsultaBusqueda, motor_busqueda

CANDIDATOS = 50


def _buscar(motor, filtros):
    return motor.buscar(ConsultaBusqueda(filtros=filtros, por_pagina=CANDIDATOS)).resultados


def por_parecido(base, rasgos, limite=10, excluir=(), solo_parecidos=False):
    """base: filtros que todo resultado cumple; rasgos: [(filtros, peso, razón)].

    Devuelve [{"resultado", "puntos", "razones"}], los más parecidos primero y,
    a igual parecido, en el orden del motor."""
    motor = motor_busqueda()
    todos = [r for r in _buscar(motor, base) if r.url not in excluir]
    puntos, razones = {}, {}
    for filtros, peso, razon in rasgos:
        for r in _buscar(motor, {**base, **filtros}):
            puntos[r.clave] = puntos.get(r.clave, 0) + peso
            razones.setdefault(r.clave, []).append(razon)
    orden = {r.clave: i for i, r in enumerate(todos)}
    if solo_parecidos:
        todos = [r for r in todos if puntos.get(r.clave)]
    todos.sort(key=lambda r: (-puntos.get(r.clave, 0), orden[r.clave]))
    return [
        {"resultado": r, "puntos": puntos.get(r.clave, 0), "razones": razones.get(r.clave, [])}
        for r in todos[:limite]
    ]


def rasgos_de(slep=None, tipo=None, niveles=(), rural=None, eib=None):
    rasgos = []
    if tipo is not None:
        rasgos.append(({"tipo_red": [tipo.slug]}, 3, f"redes de tipo «{tipo.nombre}»"))
    if niveles:
        rasgos.append(({"nivel": [n.slug for n in niveles]}, 2, "los mismos niveles"))
    if slep is not None:
        rasgos.append(({"slep": [slep.slug]}, 2, f"el territorio de {slep}"))
    if rural is not None:
        rasgos.append(({"rural": ["si" if rural else "no"]}, 1, "rural" if rural else "urbana"))
    if eib:
        rasgos.append(({"eib": ["si"]}, 1, "con enfoque intercultural"))
    return rasgos


def recomendar(red, caracteristicas, limite=10):
    """Casos y prácticas con alguna de las características elegidas, primero los
    que tienen más de ellas y los de redes como `red`."""
    slugs = [c.slug for c in caracteristicas]
    if not slugs:
        return []
    base = {"caracteristica": slugs, "tipo": ["caso", "practica"]}
    rasgos = [({"caracteristica": [c.slug]}, 2, c.nombre) for c in caracteristicas]
    rasgos += rasgos_de(
        slep=red.slep,
        tipo=red.tipo,
        niveles=list(red.niveles.all()),
        rural=red.rural,
        eib=red.eib,
    )
    return por_parecido(base, rasgos, limite=limite, excluir={red.get_absolute_url()})


def como_la_mia(limite=6, excluir=(), **rasgos):
    """Redes, prácticas y casos parecidos a la descripción de una red, en ese orden."""
    lista = rasgos_de(**rasgos)
    return {
        tipo: por_parecido(
            {"tipo": [tipo]}, lista, limite=limite, excluir=excluir, solo_parecidos=True
        )
        for tipo in ("red", "practica", "caso")
    }
