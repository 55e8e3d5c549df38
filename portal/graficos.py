"""Gráficos SVG generados en el servidor (sin servicios externos ni JavaScript).

Cada gráfico se dibuja con una plantilla (`templates/includes/graficos/*.html`)
a partir de lo que calculan estas funciones, y siempre va con su tabla de datos
al lado: el SVG es `role="img"` con título y descripción, escribe cada valor
como texto (se lee sin color y se imprime en blanco y negro) y la tabla es la
fuente accesible de los mismos números.

Uso en una vista::

    from portal.graficos import barras, matriz_calor
    contexto["grafico"] = barras("redes-por-tipo", "Redes por tipo", [("Microcentro", 3), ...])

y en la plantilla ``{% include "includes/graficos/barras.html" with g=grafico %}``.
"""

from dataclasses import dataclass, field

ANCHO = 640
ALTO_BARRA = 26
SEPARACION = 8
MARGEN_ETIQUETA = 220
MARGEN_VALOR = 48
# Cinco escalones de tono (clases `tono-0`…`tono-4` en trama.css, de claro a oscuro,
# con texto de contraste AA en cada uno); el número va siempre escrito en la celda.
ESCALONES = 5


@dataclass
class Barra:
    etiqueta: str
    valor: float | None
    texto: str
    y: int = 0
    ancho: float = 0.0


@dataclass
class GraficoBarras:
    id: str
    titulo: str
    descripcion: str
    unidad: str
    barras: list[Barra] = field(default_factory=list)
    ancho: int = ANCHO
    alto: int = 0
    x_barras: int = MARGEN_ETIQUETA
    ancho_util: int = ANCHO - MARGEN_ETIQUETA - MARGEN_VALOR

    @property
    def vacio(self):
        return not self.barras


def _texto_valor(valor, decimales):
    if valor is None:
        return "sin dato"
    if decimales:
        return f"{valor:.{decimales}f}".replace(".", ",")
    return f"{int(valor)}"


def barras(id, titulo, filas, unidad="", maximo=None, decimales=0, descripcion=""):
    """Barras horizontales. `filas`: [(etiqueta, valor)]; valor None = sin dato."""
    valores = [v for _, v in filas if v is not None]
    tope = maximo if maximo is not None else (max(valores) if valores else 0)
    grafico = GraficoBarras(id=id, titulo=titulo, descripcion=descripcion, unidad=unidad)
    for i, (etiqueta, valor) in enumerate(filas):
        barra = Barra(
            etiqueta=str(etiqueta),
            valor=valor,
            texto=_texto_valor(valor, decimales) + (f" {unidad}" if unidad and valor else ""),
            y=i * (ALTO_BARRA + SEPARACION),
        )
        if valor and tope:
            barra.ancho = round(grafico.ancho_util * min(valor, tope) / tope, 1)
        grafico.barras.append(barra)
    grafico.alto = max(1, len(filas)) * (ALTO_BARRA + SEPARACION)
    if not grafico.descripcion:
        grafico.descripcion = "; ".join(f"{b.etiqueta}: {b.texto}" for b in grafico.barras)
    return grafico


@dataclass
class Celda:
    fila: str
    columna: str
    valor: int
    x: int
    y: int
    escalon: int


@dataclass
class MatrizCalor:
    id: str
    titulo: str
    descripcion: str
    filas: list[str]
    columnas: list[str]
    celdas: list[list[Celda]]
    ancho: int
    alto: int
    lado: int
    margen_filas: int
    margen_columnas: int
    maximo: int

    @property
    def vacio(self):
        return self.maximo == 0


def matriz_calor(id, titulo, filas, columnas, valores, descripcion="", lado=44):
    """Matriz de conteos: `valores[i][j]` para la fila i y la columna j.

    El tono crece con el valor en cinco escalones, y el número va escrito en
    cada celda: la matriz se lee sin color y en una impresión en gris."""
    maximo = max((v for fila in valores for v in fila), default=0)
    margen_filas, margen_columnas = 240, 150
    celdas = []
    for i, nombre_fila in enumerate(filas):
        fila = []
        for j, nombre_columna in enumerate(columnas):
            valor = valores[i][j]
            escalon = (
                0 if not valor or not maximo else min(ESCALONES - 1, 1 + (3 * valor) // maximo)
            )
            fila.append(
                Celda(
                    fila=nombre_fila,
                    columna=nombre_columna,
                    valor=valor,
                    x=margen_filas + j * lado,
                    y=margen_columnas + i * lado,
                    escalon=escalon,
                )
            )
        celdas.append(fila)
    return MatrizCalor(
        id=id,
        titulo=titulo,
        descripcion=descripcion
        or f"{len(filas)} filas por {len(columnas)} columnas; el valor más alto es {maximo}.",
        filas=list(filas),
        columnas=list(columnas),
        celdas=celdas,
        ancho=margen_filas + len(columnas) * lado + 8,
        alto=margen_columnas + len(filas) * lado + 8,
        lado=lado,
        margen_filas=margen_filas,
        margen_columnas=margen_columnas,
        maximo=maximo,
    )
