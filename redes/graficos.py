"""Gráficos SVG generados en el servidor (sin servicio externo ni JavaScript).

Se leen sin color: cada barra lleva su valor escrito, la ronda anterior es una
marca con forma propia (rombo) y no un tono, y el gráfico tiene título y
descripción accesibles. Siempre va junto a su tabla de datos (la plantilla).
Cada etiqueta va en su propia línea sobre la barra: así cabe completa también
en un teléfono."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

ANCHO = 640
MARGEN = 10
ALTO_FILA = 48
ESCALA = (ANCHO - 2 * MARGEN - 50) / 5


def _cortar(texto, largo=80):
    return texto if len(texto) <= largo else texto[: largo - 1].rstrip() + "…"


def _numero(valor):
    return f"{valor:.1f}".replace(".", ",")


def barras(id_svg, titulo, filas):
    """filas: [(etiqueta, media | None, anterior | None)] en escala 1–5."""
    ident = escape(id_svg)
    alto = 20 + ALTO_FILA * len(filas) + 30
    partes = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafico" id="{ident}" '
        f'viewBox="0 0 {ANCHO} {alto}" role="img" aria-labelledby="{ident}-t {ident}-d">',
        f'<title id="{ident}-t">{escape(titulo)}</title>',
        f'<desc id="{ident}-d">Barras horizontales en escala de 0 a 5; el valor va escrito al '
        "final de cada barra. El rombo marca la ronda anterior. Los mismos datos están en la "
        "tabla junto al gráfico.</desc>",
    ]
    base_y = alto - 22
    for nivel in range(0, 6):
        x = MARGEN + nivel * ESCALA
        partes.append(
            f'<line x1="{x:.1f}" y1="14" x2="{x:.1f}" y2="{base_y}" stroke="#767676" '
            'stroke-width="1" stroke-dasharray="2 3"/>'
        )
        partes.append(
            f'<text x="{x:.1f}" y="{alto - 6}" text-anchor="middle" font-size="13" '
            f'fill="#1b1f24">{nivel}</text>'
        )
    for i, (etiqueta, media, anterior) in enumerate(filas):
        y = 20 + i * ALTO_FILA
        partes.append(
            f'<text x="{MARGEN}" y="{y + 12}" font-size="14" fill="#1b1f24">'
            f"{escape(_cortar(etiqueta))}</text>"
        )
        barra_y = y + 18
        if media is None:
            partes.append(
                f'<text x="{MARGEN}" y="{barra_y + 15}" font-size="13" font-style="italic" '
                'fill="#1b1f24">sin datos suficientes</text>'
            )
        else:
            ancho = media * ESCALA
            partes.append(
                f'<rect x="{MARGEN}" y="{barra_y}" width="{ancho:.1f}" height="20" '
                'fill="#0b4f8a" stroke="#000" stroke-width="1"/>'
            )
            fin = max(ancho, (anterior or 0) * ESCALA + 8)
            partes.append(
                f'<text x="{MARGEN + fin + 8:.1f}" y="{barra_y + 15}" font-size="14" '
                f'font-weight="bold" fill="#1b1f24">{_numero(media)}</text>'
            )
        if anterior is not None:
            x = MARGEN + anterior * ESCALA
            cy = barra_y + 10
            partes.append(
                f'<polygon points="{x:.1f},{cy - 10} {x + 7:.1f},{cy} {x:.1f},{cy + 10} '
                f'{x - 7:.1f},{cy}" fill="#fff" stroke="#000" stroke-width="2">'
                f"<title>Ronda anterior: {_numero(anterior)}</title></polygon>"
            )
    partes.append("</svg>")
    return mark_safe("".join(partes))  # noqa: S308 (todo texto variable pasa por escape)
