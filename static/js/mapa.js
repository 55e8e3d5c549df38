/* Mapa de un territorio (Leaflet, servido desde static/vendor/leaflet).
   Lee los puntos del JSON de la página (#datos-mapa): comunas y redes. La página
   tiene la misma información en listas, así que sin JavaScript no se pierde nada. */
(function () {
    "use strict";
    var contenedor = document.getElementById("mapa-territorio");
    var fuente = document.getElementById("datos-mapa");
    if (!contenedor || !fuente || typeof L === "undefined") { return; }
    var datos = JSON.parse(fuente.textContent);
    if (!datos.puntos || !datos.puntos.length) { return; }
    contenedor.classList.add("mapa--activo");
    var mapa = L.map(contenedor, { zoomControl: false, scrollWheelZoom: false });
    L.control.zoom({ zoomInTitle: "Acercar", zoomOutTitle: "Alejar" }).addTo(mapa);
    mapa.attributionControl.setPrefix(false);
    if (datos.teselas) {
        L.tileLayer(datos.teselas, { maxZoom: 14, attribution: datos.atribucion || "" }).addTo(mapa);
    }
    var limites = [];
    datos.puntos.forEach(function (p) {
        var esRed = p.tipo === "red";
        var marca = L.circleMarker([p.lat, p.lon], {
            radius: esRed ? 9 : 6,
            weight: 2,
            color: esRed ? "#083a66" : "#1b1f24",
            fillColor: esRed ? "#0b4f8a" : "#ffffff",
            fillOpacity: esRed ? 0.85 : 1
        }).addTo(mapa);
        var texto = (esRed ? "Red: " : "Comuna: ") + p.nombre;
        if (esRed && p.comunas && p.comunas.length) { texto += " (" + p.comunas.join(", ") + ")"; }
        marca.bindTooltip(texto, { permanent: !esRed, direction: "right", className: "mapa__etiqueta" });
        limites.push([p.lat, p.lon]);
    });
    if (limites.length === 1) {
        mapa.setView(limites[0], 10);
    } else {
        mapa.fitBounds(limites, { padding: [30, 30], maxZoom: 11 });
    }
})();
