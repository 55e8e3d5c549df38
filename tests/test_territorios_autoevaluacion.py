"""Cómo están las redes del territorio: el agregado de la autoevaluación por SLEP
pasa por redes/privacidad.py (3 redes con informe propio o más; nada de una red
bajo su umbral entra; ninguna red se ve por separado). Sin la demo cargada: cada
prueba arma sus redes."""

import re


def _seccion(respuesta, ancla):
    html = respuesta.content.decode()
    return re.sub(r"\s+", " ", html.split(f'id="{ancla}"')[1].split("</section>")[0])


def test_agregado_del_slep_solo_con_3_redes_que_pasan_su_umbral(client, inicio):
    from territorios.contenido import cargar as cargar_territorios
    from tests.fabrica_redes import crear_red, crear_ronda, responder

    cargar_territorios(inicio)
    rondas = []
    for i, valor in enumerate([2, 3]):
        ronda = crear_ronda(crear_red(slug=f"red-h{i}", slep="huasco"))
        for _ in range(5):
            responder(ronda, "docente", valor)
        rondas.append(ronda)
    # Una tercera red con solo 4 respuestas: bajo su umbral, no entra al agregado.
    bajo = crear_ronda(crear_red(slug="red-h-bajo", slep="huasco"))
    for _ in range(4):
        responder(bajo, "docente", 1)

    seccion = _seccion(client.get("/territorios/huasco/"), "como-estan")
    assert "3 cerraron una ronda" in seccion and "2 reunieron respuestas suficientes" in seccion
    assert "Puntaje medio" not in seccion and 'role="img"' not in seccion
    assert "al menos 3 redes" in seccion

    # Con una tercera red que sí pasa su umbral, aparece el agregado.
    tercera = crear_ronda(crear_red(slug="red-h2", slep="huasco"))
    for _ in range(5):
        responder(tercera, "docente", 4)
    respuesta = client.get("/territorios/huasco/")
    seccion = _seccion(respuesta, "como-estan")
    assert 'role="img"' in seccion
    # Media ponderada de las tres redes que pasaron (2, 3 y 4 con 5 personas cada una):
    # 3,0; la red bajo su umbral (puntaje 1) no la baja.
    assert "<td>3,0</td>" in seccion
    # Distribución de las redes: una en el nivel 2, una en el 3 y una en el 4.
    fila = re.search(r"Propósito claro y ambicioso</th><td>3</td>((?:<td>\d</td>){5})", seccion)
    assert fila and re.findall(r"\d", fila.group(1)) == ["0", "1", "1", "1", "0"]
    # Ninguna red se nombra en el agregado.
    for slug in ("red-h0", "red-h1", "red-h2", "red-h-bajo"):
        assert f"Red {slug}" not in seccion


def test_rondas_abiertas_no_entran_al_agregado(client, inicio):
    from redes.models import Ronda
    from territorios.contenido import cargar as cargar_territorios
    from tests.fabrica_redes import crear_red, crear_ronda, responder

    cargar_territorios(inicio)
    for i in range(3):
        ronda = crear_ronda(crear_red(slug=f"red-b{i}", slep="barrancas"), estado=Ronda.ABIERTA)
        for _ in range(6):
            responder(ronda, "docente", 3)
    seccion = _seccion(client.get("/territorios/barrancas/"), "como-estan")
    assert "0 cerraron una ronda" in seccion and 'role="img"' not in seccion
