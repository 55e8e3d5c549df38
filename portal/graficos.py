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
    # Valor de referencia (p. ej. la ronda anterior): un rombo, no un color.
    anterior: float | None = None
    texto_anterior: str = ""
    x_anterior: float = 0.0

    @property
    def rombo(self):
        """Puntos del rombo que marca `anterior` (alto de la barra: 4 a 22)."""
        x = self.x_anterior
        return f"{x},4 {x + 7},13 {x},22 {x - 7},13"


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
    # Marcas del eje [(x, texto)] cuando la escala es fija (p. ej. 1 a 5).
    marcas: list[tuple[float, str]] = field(default_factory=list)
    leyenda_anterior: str = ""

    @property
    def vacio(self):
        return not self.barras

    @property
    def con_anterior(self):
        return any(b.anterior is not None for b in self.barras)

    @property
    def alto_total(self):
        return self.alto + (24 if self.marcas else 0)

    @property
    def y_eje(self):
        return self.alto + 16


def _texto_valor(valor, decimales):
    if valor is None:
        return "sin dato"
    if decimales:
        return f"{valor:.{decimales}f}".replace(".", ",")
    return f"{int(valor)}"


def barras(
    id,
    titulo,
    filas,
    unidad="",
    maximo=None,
    decimales=0,
    descripcion="",
    escala=None,
    leyenda_anterior="ronda anterior",
):
    """Barras horizontales.

    `filas`: [(etiqueta, valor)] o [(etiqueta, valor, anterior)]; None = sin dato.
    `escala=(1, 5)` fija el eje (con sus marcas) en vez de ajustarlo al mayor valor;
    `anterior` se dibuja como un rombo sobre la barra (se distingue por la forma)."""
    valores = [f[1] for f in filas if f[1] is not None]
    piso = 0
    if escala is not None:
        _, tope = escala
    else:
        tope = maximo if maximo is not None else (max(valores) if valores else 0)
    grafico = GraficoBarras(
        id=id,
        titulo=titulo,
        descripcion=descripcion,
        unidad=unidad,
        leyenda_anterior=leyenda_anterior,
    )

    def x_de(valor):
        return round(grafico.ancho_util * (min(valor, tope) - piso) / (tope - piso), 1)

    for i, fila in enumerate(filas):
        etiqueta, valor = fila[0], fila[1]
        anterior = fila[2] if len(fila) > 2 else None
        barra = Barra(
            etiqueta=str(etiqueta),
            valor=valor,
            texto=_texto_valor(valor, decimales) + (f" {unidad}" if unidad and valor else ""),
            y=i * (ALTO_BARRA + SEPARACION),
            anterior=anterior,
            texto_anterior=_texto_valor(anterior, decimales) if anterior is not None else "",
        )
        if valor and tope > piso:
            barra.ancho = x_de(valor)
        if anterior is not None and tope > piso:
            barra.x_anterior = grafico.x_barras + x_de(anterior)
        grafico.barras.append(barra)
    grafico.alto = max(1, len(filas)) * (ALTO_BARRA + SEPARACION)
    if escala is not None:
        grafico.marcas = [
            (grafico.x_barras + x_de(n), str(n)) for n in range(escala[0], escala[1] + 1)
        ]
    if not grafico.descripcion:
        partes = []
        for b in grafico.barras:
            parte = f"{b.etiqueta}: {b.texto}"
            if b.anterior is not None:
                parte += f" ({leyenda_anterior}: {b.texto_anterior})"
            partes.append(parte)
        grafico.descripcion = "; ".join(partes)
    return grafico


def svg(grafico, **contexto):
    """El gráfico ya dibujado (figura con SVG y tabla), para quien arma HTML en Python."""
    from django.template.loader import render_to_string

    plantilla = (
        "includes/graficos/matriz.html"
        if isinstance(grafico, MatrizCalor)
        else "includes/graficos/barras.html"
    )
    return render_to_string(plantilla, {"g": grafico, **contexto})


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
