"""El componente de gráficos SVG del servidor (portal/graficos.py): proporciones,
valores escritos (se lee sin color), marca de la ronda anterior y tabla al lado."""

import re

from portal.graficos import barras, matriz_calor, svg


def test_barras_proporcionales_con_valores_escritos_y_tabla():
    g = barras("g1", "Redes por tipo", [("Microcentro", 4), ("Red UTP", 2), ("Otra", 0)])
    assert [b.ancho for b in g.barras] == [g.ancho_util, g.ancho_util / 2, 0]
    html = svg(g)
    assert 'role="img"' in html and "<title" in html and "<desc" in html
    # Cada valor va escrito en el SVG y en la tabla.
    assert re.findall(r'class="grafico__valor">(\d+)</text>', html) == ["4", "2", "0"]
    assert "<td>4</td>" in html and "<td>2</td>" in html
    assert "Microcentro: 4; Red UTP: 2; Otra: 0" in html


def test_escala_fija_con_marcas_y_rombo_de_la_ronda_anterior():
    g = barras(
        "g2",
        "Puntaje",
        [("Confianza", 4.0, 3.0), ("Propósito", None, 2.5)],
        decimales=1,
        escala=(1, 5),
    )
    assert [texto for _, texto in g.marcas] == ["1", "2", "3", "4", "5"]
    confianza, proposito = g.barras
    assert confianza.ancho == round(g.ancho_util * 4 / 5, 1)
    assert proposito.ancho == 0 and proposito.texto == "sin dato"
    html = svg(g)
    assert html.count('class="grafico__anterior"') == 2
    assert "Ronda anterior" in html  # columna de la tabla
    assert "Confianza: 4,0 (ronda anterior: 3,0)" in html


def test_matriz_de_calor_escalones_y_numeros():
    g = matriz_calor("m", "Matriz", ["A", "B"], ["x", "y"], [[0, 4], [2, 1]])
    escalones = [[c.escalon for c in fila] for fila in g.celdas]
    assert escalones[0][0] == 0 and escalones[0][1] == 4
    assert escalones[1][0] > escalones[1][1] > 0
    html = svg(g)
    assert re.findall(r"grafico__valor tono-texto-\d\">(\d+)</text>", html) == ["0", "4", "2", "1"]
    assert not matriz_calor("v", "Vacía", ["A"], ["x"], [[0]]).celdas[0][0].valor
