"""Informe de una ronda en PDF, generado en el servidor con fpdf2 (Python puro).

Los números son los del informe HTML: salen del mismo contexto
(`views._contexto_informe`, que los pide a `privacidad.py`), nunca de las
respuestas. Los gráficos son los mismos `GraficoBarras` de portal/graficos.py,
dibujados aquí con rectángulos y texto: cada barra lleva su valor escrito y el
valor de referencia es un rombo, así que se leen sin color y en una impresión
en gris; cada gráfico va con su tabla de datos. Fuente DejaVu Sans incluida
(redes/fuentes/, con su licencia): las fuentes básicas de PDF no traen «—» ni
«≥»; con una TTF los acentos, las eñes y las comillas salen bien y el texto se
puede copiar y buscar.
"""

import logging
from pathlib import Path

from django.utils import timezone
from fpdf import FPDF
from fpdf.fonts import FontFace

# fontTools (que fpdf2 usa para incluir solo las letras usadas) anota cada paso en INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FUENTES = Path(__file__).resolve().parent / "fuentes"
FUENTE = "DejaVu"
GRIS_BARRA = (90, 90, 90)
GRIS_FONDO = (235, 235, 235)
GRIS_ENCABEZADO = (220, 220, 220)


def _num(valor, decimales=2):
    if valor is None:
        return "—"
    return f"{valor:.{decimales}f}".replace(".", ",")


def _cambio(valor):
    if valor is None:
        return "—"
    return ("+" if valor > 0 else "") + _num(valor)


class _Documento(FPDF):
    def __init__(self, pie):
        super().__init__(format="A4")
        self.pie = pie
        self.add_font(FUENTE, "", str(FUENTES / "DejaVuSans.ttf"))
        self.add_font(FUENTE, "B", str(FUENTES / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(True, margin=16)
        self.set_margins(16, 16, 16)
        self.alias_nb_pages()

    def footer(self):
        self.set_y(-12)
        self.set_font(FUENTE, "", 7)
        self.cell(0, 5, f"{self.pie} · página {self.page_no()} de {{nb}}", align="C")

    # --- bloques -------------------------------------------------------------------------

    def titulo(self, texto, tamano=16):
        self.set_font(FUENTE, "B", tamano)
        self.multi_cell(0, tamano * 0.5, texto, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def seccion(self, texto):
        if self.get_y() > self.h - 60:
            self.add_page()
        self.ln(3)
        self.titulo(texto, 12)

    def parrafo(self, texto, negrita=False, tamano=9):
        self.set_font(FUENTE, "B" if negrita else "", tamano)
        self.multi_cell(0, tamano * 0.5, texto, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def tabla(self, encabezados, filas, anchos=None):
        self.set_font(FUENTE, "", 7.5)
        with self.table(
            col_widths=anchos,
            text_align="LEFT",
            line_height=4,
            headings_style=FontFace(emphasis="BOLD", fill_color=GRIS_ENCABEZADO),
            repeat_headings=1,
        ) as tabla:
            fila = tabla.row()
            for e in encabezados:
                fila.cell(e)
            for datos in filas:
                fila = tabla.row()
                for d in datos:
                    fila.cell("" if d is None else str(d))
        self.ln(2)

    def barras(self, grafico):
        """Un GraficoBarras (portal/graficos.py) con sus mismas medidas, escaladas al
        ancho de la página: etiqueta, fondo, barra, valor escrito, rombo y eje."""
        self.set_font(FUENTE, "B", 9)
        self.multi_cell(0, 4.5, grafico.titulo, new_x="LMARGIN", new_y="NEXT")
        if grafico.vacio:
            self.parrafo("Sin datos para mostrar.")
            return
        escala = self.epw / grafico.ancho
        alto = grafico.alto_total * escala
        if self.get_y() + alto > self.h - 20:
            self.add_page()
        x0, y0 = self.l_margin, self.get_y() + 1
        self.set_line_width(0.2)
        for x, texto in grafico.marcas:
            self.set_draw_color(170, 170, 170)
            self.line(x0 + x * escala, y0, x0 + x * escala, y0 + grafico.alto * escala)
            self.set_font(FUENTE, "", 6.5)
            self.text(x0 + x * escala - 1, y0 + grafico.y_eje * escala + 1, texto)
        self.set_draw_color(0, 0, 0)
        for b in grafico.barras:
            y = y0 + (b.y + 3) * escala
            h = 20 * escala
            self.set_font(FUENTE, "", 7)
            etiqueta = b.etiqueta if len(b.etiqueta) <= 40 else b.etiqueta[:39] + "…"
            ancho_etiqueta = self.get_string_width(etiqueta)
            self.text(x0 + (grafico.x_barras - 6) * escala - ancho_etiqueta, y + h * 0.7, etiqueta)
            self.set_fill_color(*GRIS_FONDO)
            self.rect(x0 + grafico.x_barras * escala, y, grafico.ancho_util * escala, h, "F")
            if b.ancho:
                self.set_fill_color(*GRIS_BARRA)
                self.rect(x0 + grafico.x_barras * escala, y, b.ancho * escala, h, "F")
            if b.anterior is not None:
                cx, cy = x0 + b.x_anterior * escala, y + h / 2
                r = 7 * escala
                self.set_fill_color(255, 255, 255)
                self.polygon(
                    [(cx, cy - h / 2), (cx + r, cy), (cx, cy + h / 2), (cx - r, cy)], style="DF"
                )
            self.set_font(FUENTE, "B", 7)
            self.text(
                x0 + (grafico.x_barras + grafico.ancho_util + 6) * escala, y + h * 0.7, b.texto
            )
        self.set_y(y0 + alto + 2)
        if grafico.con_anterior:
            self.parrafo(f"El rombo (◇) marca la {grafico.leyenda_anterior}.", tamano=7.5)


def informe_pdf(contexto) -> bytes:
    """El PDF del informe de una ronda a partir del contexto de la vista del informe."""
    red, ronda, inf = contexto["red"], contexto["ronda"], contexto["informe"]
    hoy = timezone.localdate()
    doc = _Documento(f"Trama · {red.nombre} · {ronda.nombre}")
    doc.set_title(f"Informe de autoevaluación: {ronda.nombre} · {red.nombre}")
    doc.set_author("Trama")
    doc.set_lang("es-CL")
    doc.add_page()
    doc.titulo(f"Informe de autoevaluación: {ronda.nombre}")
    personas = (
        f"{inf.personas} {'persona respondió' if inf.personas == 1 else 'personas respondieron'}"
    )
    doc.parrafo(
        f"{red.nombre} · del {ronda.inicio:%d-%m-%Y} al {ronda.termino:%d-%m-%Y} · {personas}."
        + (" Sesión grupal." if ronda.es_sesion else "")
        + (" Ejemplo: respuestas sintéticas." if ronda.es_ejemplo else ""),
        tamano=10,
    )
    doc.parrafo(f"Generado el {hoy:%d-%m-%Y}.", tamano=8)

    if not inf.disponible:
        doc.parrafo("No hay puntajes en este informe. " + inf.motivo, negrita=True, tamano=10)
        _acuerdos(doc, contexto)
        return bytes(doc.output())

    doc.parrafo(
        "Escala de 1 («casi nunca») a 5 («es parte de cómo funcionamos»). Solo se muestran "
        f"grupos de al menos {inf.umbrales.personas} personas; nadie ve una respuesta individual."
    )

    doc.seccion("Puntaje por característica")
    doc.parrafo(
        f"El rombo ◇ marca la ronda anterior, «{inf.anterior.ronda.nombre}»."
        if inf.anterior
        else inf.motivo_anterior
    )
    doc.barras(contexto["grafico_caracteristicas"])
    encabezados = ["Característica", "Dimensión", "Personas", "Media", "Desviación"]
    encabezados.append("Personas por nivel (1 · 2 · 3 · 4 · 5)")
    anchos = [46, 26, 15, 14, 17, 30]
    if inf.anterior:
        encabezados += ["Anterior", "Cambio"]
        anchos += [15, 15]
    filas = []
    for f in inf.caracteristicas:
        c = f["celda"]
        nombre = f["termino"].nombre + (" (los miembros discrepan)" if f["discrepa"] else "")
        fila = [nombre, f["dimension"].nombre, c.n]
        if c.oculta:
            fila += ["—", "—", c.motivo]
        else:
            fila += [_num(c.media), _num(c.desviacion), " · ".join(map(str, c.distribucion))]
        if inf.anterior:
            fila += [_num(f.get("anterior")), _cambio(f.get("cambio"))]
        filas.append(fila)
    doc.tabla(encabezados, filas, anchos)

    if contexto.get("acuerdos"):
        _acuerdos(doc, contexto)

    if contexto.get("seguimiento"):
        doc.seccion("Lo que la red eligió trabajar en la ronda anterior")
        doc.tabla(
            ["Característica", "Ronda anterior", "Esta ronda", "Cambio"],
            [
                [f["termino"].nombre, _num(f.get("anterior")), _num(f["celda"].media)]
                + [_cambio(f.get("cambio"))]
                for f in contexto["seguimiento"]
            ],
        )

    doc.seccion("Puntaje por dimensión")
    doc.barras(contexto["grafico_dimensiones"])
    doc.tabla(
        ["Dimensión", "Personas", "Media", "Desviación", "Personas por nivel (1 · 2 · 3 · 4 · 5)"],
        [
            [f["termino"].nombre, f["celda"].n]
            + (
                ["—", "—", f["celda"].motivo]
                if f["celda"].oculta
                else [
                    _num(f["celda"].media),
                    _num(f["celda"].desviacion),
                    " · ".join(map(str, f["celda"].distribucion)),
                ]
            )
            for f in inf.dimensiones
        ],
    )

    doc.seccion("Señales de alerta (riesgos de redes nocivas)")
    doc.parrafo(
        "Aquí un puntaje alto es una alerta. Se señala un riesgo si su media es 3 o más, o si "
        "al menos un tercio lo puntuó 4 o 5."
    )
    doc.tabla(
        ["Riesgo", "Personas", "Media", "Personas por nivel (1 · 2 · 3 · 4 · 5)", "¿Señalado?"],
        [
            [f["termino"].nombre, f["celda"].n]
            + (
                ["—", f["celda"].motivo]
                if f["celda"].oculta
                else [_num(f["celda"].media), " · ".join(map(str, f["celda"].distribucion))]
            )
            + ["Sí, señalado" if f["senalado"] else "No"]
            for f in inf.riesgos
        ],
    )

    doc.seccion("Lo que ve la coordinación y lo que ven los demás")
    if inf.brecha:
        doc.tabla(
            ["Característica", "Coordinación", "Demás", "Distancia"],
            [
                [f["termino"].nombre]
                + (
                    [_num(f["coordinacion"]), _num(f["otros"]), _num(f["distancia"])]
                    if f["distancia"] is not None
                    else ["—", "—", "Sin datos suficientes en esta característica."]
                )
                for f in inf.brecha
            ],
        )
    else:
        doc.parrafo(inf.motivo_brecha)

    doc.seccion("Por rol")
    if inf.aviso_grupos:
        doc.parrafo(inf.aviso_grupos)
    if contexto.get("columnas_grupos"):
        doc.tabla(
            ["Característica"] + [f"{g['nombre']} ({g['n']})" for g in contexto["columnas_grupos"]],
            [
                [termino.nombre] + ["—" if c.oculta else _num(c.media) for c in celdas]
                for termino, celdas in contexto["filas_grupos"]
            ],
        )
        doc.parrafo(
            f"«—»: oculta porque menos de {inf.umbrales.personas} personas del grupo la "
            "puntuaron, o para que no se deduzca otra celda oculta.",
            tamano=7.5,
        )

    doc.seccion("Comentarios")
    if inf.comentarios:
        doc.parrafo("Sin nombre ni rol, en orden alfabético.")
        for c in inf.comentarios:
            doc.parrafo(f"• {c}")
    else:
        doc.parrafo(inf.motivo_comentarios or "Nadie dejó comentarios.")
    return bytes(doc.output())


def _acuerdos(doc, contexto):
    acuerdos = contexto.get("acuerdos")
    if not acuerdos:
        return
    doc.seccion("Lo que acordó la sala (sesión grupal)")
    doc.parrafo(
        "Nivel acordado tras conversar la evidencia, y nivel meta, junto a la media individual "
        "(«—» si la ronda no alcanza el mínimo de personas o sigue abierta)."
    )
    doc.barras(contexto["grafico_acuerdos"])
    doc.tabla(
        ["Característica", "Media individual", "Nivel acordado", "Nivel meta", "Evidencia"],
        [[c.nombre, _num(media), a.nivel, a.meta, a.evidencia] for c, media, a in acuerdos],
        [40, 20, 18, 16, 84],
    )
