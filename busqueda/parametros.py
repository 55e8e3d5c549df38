"""Lectura y validación de los parámetros de búsqueda (página, API y exportación).

Una sola regla para /buscar/, /casos/, /practicas/, la API y las exportaciones,
en ambos motores (documentada en README.md, «Valores inválidos»):
- `pagina` (no entera, < 1 o > 1000), `por_pagina`, `orden` (fuera de los del
  listado), `tipo` y `q` demasiado largo → error 400 con mensaje en español; la
  página conserva lo escrito.
- Un valor de faceta que el motor no ofrece (con forma inválida o que no existe
  en el índice) → se ignora y se avisa; el resto de la búsqueda sigue.
- Más de 30 opciones en una faceta → se usan las primeras 30 y se avisa.
- Parámetros desconocidos → se ignoran. Filtros fijos del listado → no se pisan.
- Una página más allá de la última → 200, lista vacía y aviso con enlace a la 1.
"""

import re
import unicodedata

from .indice import clave_pagina
from .models import TIPOS, Destacado
from .motores.base import FACETAS, MAXIMO_POR_PAGINA, ConsultaBusqueda
from .motores.facetas_bits import mapa_facetas
from .normalizacion import normalizar_consulta
from .registro import BUSCAR, LISTADOS

LARGO_MAXIMO = 500
PAGINA_MAXIMA = 1000
MAXIMO_VALORES = 30
# Forma de un valor de faceta: letras de cualquier alfabeto y caja (tildes, ñ,
# mayúsculas), dígitos, "_" y "-". Es la forma de todo valor que el motor ofrece
# (los slugs de taggit conservan las tildes): lo que se ofrece, se acepta.
_VALOR = re.compile(r"^\w[\w-]{0,99}$")


class ErrorConsulta(ValueError):
    """Parámetro inválido: el mensaje (en español) se muestra tal cual."""


def _entero(get, nombre, defecto, maximo, texto):
    crudo = (get.get(nombre) or "").strip()
    if not crudo:
        return defecto
    try:
        valor = int(crudo)
    except ValueError:
        raise ErrorConsulta(f"{texto} debe ser un número entero positivo.") from None
    if valor < 1:
        raise ErrorConsulta(f"{texto} debe ser un número entero positivo.")
    if valor > maximo:
        raise ErrorConsulta(f"{texto} no puede ser mayor que {maximo}.")
    return valor


def leer_consulta(get, por_pagina_maximo=MAXIMO_POR_PAGINA, listado=None):
    """(ConsultaBusqueda, avisos) desde un QueryDict; ErrorConsulta si algo no sirve.

    `listado` (registro.Listado) fija filtros (p. ej. `tipo=caso`), los órdenes
    permitidos, el orden por omisión y la cantidad por página. Sin él, es /buscar/."""
    listado = listado or LISTADOS[BUSCAR]
    texto = (get.get("q") or "").strip()
    if len(texto) > LARGO_MAXIMO:
        raise ErrorConsulta(
            f"La búsqueda es demasiado larga: use como máximo {LARGO_MAXIMO} caracteres."
        )
    defecto = "relevancia" if texto else listado.orden_defecto
    orden = (get.get("orden") or defecto).strip()
    if orden not in listado.ordenes:
        opciones = " o ".join(f"«{o}»" for o in listado.ordenes)
        raise ErrorConsulta(f"El orden «{orden[:40]}» no existe: use {opciones}.")
    pagina = _entero(get, "pagina", 1, PAGINA_MAXIMA, "La página")
    por_pagina = _entero(
        get, "por_pagina", listado.por_pagina, por_pagina_maximo, "La cantidad por página"
    )

    filtros, avisos = {}, []
    for faceta, nombre in FACETAS.items():
        if faceta in listado.fijos:
            continue  # el listado ya lo fija: /casos/?tipo=practica sigue siendo /casos/
        valores = list(
            dict.fromkeys(
                unicodedata.normalize("NFC", v.strip()) for v in get.getlist(faceta) if v.strip()
            )
        )
        if not valores:
            continue
        if len(valores) > MAXIMO_VALORES:
            avisos.append(
                f"Se consideraron solo las primeras {MAXIMO_VALORES} opciones del filtro "
                f"«{nombre}»."
            )
            valores = valores[:MAXIMO_VALORES]
        buenos = []
        for valor in valores:
            if faceta == "tipo" and valor not in TIPOS:
                opciones = " o ".join(f"«{t}»" for t in TIPOS)
                raise ErrorConsulta(f"El tipo «{valor[:40]}» no existe: use {opciones}.")
            if _VALOR.match(valor):
                buenos.append(valor)
            else:
                avisos.append(
                    f"Se ignoró «{valor[:40]}»: no es una opción válida del filtro «{nombre}»."
                )
        if buenos:
            filtros[faceta] = buenos

    if filtros:
        # Las opciones que existen son las del mapa de facetas en memoria (se mantiene
        # al día con cada cambio del índice local, que existe con cualquier motor): en
        # PostgreSQL, el DISTINCT sobre `ValorFaceta` tomaba ~110 ms con 100 mil prácticas.
        existentes = mapa_facetas().bits
        for faceta in list(filtros):
            conocidos = [v for v in filtros[faceta] if (faceta, v) in existentes]
            for valor in filtros[faceta]:
                if (faceta, valor) not in existentes:
                    avisos.append(
                        f"Se ignoró el filtro «{FACETAS[faceta]}: {valor}»: ninguna experiencia "
                        "publicada tiene esa opción."
                    )
            if conocidos:
                filtros[faceta] = conocidos
            else:
                del filtros[faceta]
    for faceta, valores in listado.fijos.items():
        filtros[faceta] = list(valores)

    consulta = ConsultaBusqueda(
        texto=texto, filtros=filtros, orden=orden, pagina=pagina, por_pagina=por_pagina
    )
    consulta.destacados = destacados_para(texto)
    return consulta, avisos


def destacados_para(texto) -> list[str]:
    normalizada = normalizar_consulta(texto)
    if not normalizada:
        return []
    destacado = Destacado.objects.filter(consulta_normalizada=normalizada).first()
    if destacado is None:
        return []
    return [
        clave_pagina(pid)
        for pid in destacado.paginas.order_by("sort_order").values_list("page_id", flat=True)
    ]


def consulta_a_parametros(consulta, listado=None, **cambios) -> list[tuple[str, str]]:
    """Pares (nombre, valor) para armar enlaces que conservan la búsqueda.

    `cambios`: `pagina`, `orden`, `texto` o `filtros` ({faceta: [valores]})."""
    listado = listado or LISTADOS[BUSCAR]
    pares = []
    texto = cambios.get("texto", consulta.texto)
    if texto:
        pares.append(("q", texto))
    filtros = cambios.get("filtros", consulta.filtros)
    for faceta in FACETAS:
        if faceta not in listado.fijos:
            pares += [(faceta, v) for v in filtros.get(faceta, [])]
    orden = cambios.get("orden", consulta.orden)
    if orden != ("relevancia" if texto else listado.orden_defecto):
        pares.append(("orden", orden))
    pagina = cambios.get("pagina", consulta.pagina)
    if pagina and pagina != 1:
        pares.append(("pagina", str(pagina)))
    return pares
