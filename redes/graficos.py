"""Gráficos SVG generados en el servidor (sin servicio externo ni JavaScript).

Se leen sin color: cada barra lleva su valor escrito, la ronda anterior es una
marca con forma propia (rombo) y no un tono, y el gráfico tiene título y
descripción accesibles. Siempre va junto a su tabla de datos (la plantilla)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

ANCHO = 640
ETIQUETA = 250
ALTO_FILA = 34
ESCALA = (ANCHO - ETIQUETA - 60) / 5


def _cortar(texto, largo=38):
    return texto if len(texto) <= largo else texto[: largo - 1].rstrip() + "…"


def barras(id_svg, titulo, filas):
    """filas: [(etiqueta, media | None, anterior | None)] en escala 1–5."""
    alto = 40 + ALTO_FILA * len(filas) + 30
    partes = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafico" id="{escape(id_svg)}" '
        f'viewBox="0 0 {ANCHO} {alto}" role="img" aria-labelledby="{escape(id_svg)}-t '
        f'{escape(id_svg)}-d">',
        f'<title id="{escape(id_svg)}-t">{escape(titulo)}</title>',
        f'<desc id="{escape(id_svg)}-d">Barras horizontales de 1 a 5; el valor va escrito al '
        "final de cada barra. El rombo marca la ronda anterior. Los mismos datos están en la "
        "tabla junto al gráfico.</desc>",
    ]
    # Ejes y grilla 1..5
    for nivel in range(0, 6):
        x = ETIQUETA + nivel * ESCALA
        partes.append(
            f'<line x1="{x:.1f}" y1="30" x2="{x:.1f}" y2="{alto - 25}" class="grafico__grilla" '
            'stroke="#bbb" stroke-dasharray="2 3"/>'
        )
        partes.append(
            f'<text x="{x:.1f}" y="{alto - 8}" text-anchor="middle" class="grafico__eje" '
            f'font-size="12">{nivel}</text>'
        )
    for i, (etiqueta, media, anterior) in enumerate(filas):
        y = 40 + i * ALTO_FILA
        partes.append(
            f'<text x="{ETIQUETA - 8}" y="{y + 17}" text-anchor="end" font-size="13" '
            f'class="grafico__etiqueta">{escape(_cortar(etiqueta))}</text>'
        )
        if media is None:
            partes.append(
                f'<text x="{ETIQUETA + 6}" y="{y + 17}" font-size="12" font-style="italic">'
                "sin datos suficientes</text>"
            )
        else:
            ancho = media * ESCALA
            partes.append(
                f'<rect x="{ETIQUETA}" y="{y + 4}" width="{ancho:.1f}" height="18" '
                'class="grafico__barra" fill="#1f4e79" stroke="#000" stroke-width="1"/>'
            )
            partes.append(
                f'<text x="{ETIQUETA + ancho + 6:.1f}" y="{y + 18}" font-size="13" '
                f'font-weight="bold" class="grafico__valor">{media:.1f}'.replace(".", ",")
                + "</text>"
            )
        if anterior is not None:
            x = ETIQUETA + anterior * ESCALA
            cy = y + 13
            partes.append(
                f'<polygon points="{x:.1f},{cy - 9} {x + 7:.1f},{cy} {x:.1f},{cy + 9} '
                f'{x - 7:.1f},{cy}" fill="#fff" stroke="#000" stroke-width="2" '
                'class="grafico__anterior"/>'
            )
    partes.append("</svg>")
    return mark_safe("".join(partes))  # noqa: S308 (todo texto variable pasa por escape)
