"""Lectura y validación de los parámetros de búsqueda (página, API y exportación).

Reglas (documentadas en README.md):
- `pagina`, `por_pagina`, `orden`, `tipo` con valores inválidos → error 400.
- Valor de faceta con forma inválida (no es un slug) → error 400.
- Valor de faceta bien formado pero que no existe en el índice → se ignora y
  se avisa (un enlace viejo no debe romperse).
- Parámetros desconocidos → se ignoran.
"""

import re
import unicodedata

from .indice import clave_pagina
from .models import TIPOS, Destacado, ValorFaceta
from .motores.base import FACETAS, MAXIMO_POR_PAGINA, ORDENES, POR_PAGINA, ConsultaBusqueda
from .normalizacion import normalizar_consulta

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


def leer_consulta(get, por_pagina_maximo=MAXIMO_POR_PAGINA):
    """(ConsultaBusqueda, avisos) desde un QueryDict; ErrorConsulta si algo no sirve."""
    texto = (get.get("q") or "").strip()
    if len(texto) > LARGO_MAXIMO:
        raise ErrorConsulta(
            f"La búsqueda es demasiado larga: use como máximo {LARGO_MAXIMO} caracteres."
        )
    orden = (get.get("orden") or "relevancia").strip()
    if orden not in ORDENES:
        opciones = " o ".join(f"«{o}»" for o in ORDENES)
        raise ErrorConsulta(f"El orden «{orden[:40]}» no existe: use {opciones}.")
    pagina = _entero(get, "pagina", 1, PAGINA_MAXIMA, "La página")
    por_pagina = _entero(get, "por_pagina", POR_PAGINA, por_pagina_maximo, "La cantidad por página")

    filtros = {}
    for faceta, nombre in FACETAS.items():
        valores = list(
            dict.fromkeys(
                unicodedata.normalize("NFC", v.strip()) for v in get.getlist(faceta) if v.strip()
            )
        )
        if not valores:
            continue
        if len(valores) > MAXIMO_VALORES:
            raise ErrorConsulta(f"Demasiadas opciones en el filtro «{nombre}».")
        for valor in valores:
            if faceta == "tipo" and valor not in TIPOS:
                opciones = " o ".join(f"«{t}»" for t in TIPOS)
                raise ErrorConsulta(f"El tipo «{valor[:40]}» no existe: use {opciones}.")
            if not _VALOR.match(valor):
                raise ErrorConsulta(
                    f"«{valor[:40]}» no es una opción válida del filtro «{nombre}»."
                )
        filtros[faceta] = valores

    avisos = []
    if filtros:
        existentes = set(
            ValorFaceta.objects.filter(
                faceta__in=list(filtros), valor__in={v for vs in filtros.values() for v in vs}
            )
            .values_list("faceta", "valor")
            .distinct()
        )
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


def consulta_a_parametros(consulta, **cambios) -> list[tuple[str, str]]:
    """Pares (nombre, valor) para armar enlaces que conservan la búsqueda."""
    pares = []
    if consulta.texto:
        pares.append(("q", consulta.texto))
    for faceta in FACETAS:
        pares += [(faceta, v) for v in consulta.filtros.get(faceta, [])]
    orden = cambios.get("orden", consulta.orden)
    if orden != "relevancia":
        pares.append(("orden", orden))
    pagina = cambios.get("pagina", consulta.pagina)
    if pagina and pagina != 1:
        pares.append(("pagina", str(pagina)))
    return pares
