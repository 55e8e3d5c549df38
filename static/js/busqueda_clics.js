/* Trama: registra qué resultado se abre desde una búsqueda (consulta, posición) para el
   informe «Búsquedas del portal». Con navigator.sendBeacon: no espera respuesta, no
   retrasa la navegación y si falla no pasa nada. Funciona también con los resultados
   que pinta busqueda.js, porque escucha en la lista (delegación). */
(function () {
  "use strict";
  var lista = document.getElementById("resultados");
  if (!lista || !navigator.sendBeacon || !window.URLSearchParams) { return; }
  lista.addEventListener("click", function (evento) {
    var enlace = evento.target.closest ? evento.target.closest("a[href]") : null;
    if (!enlace || !lista.contains(enlace)) { return; }
    var item = enlace.closest("li");
    var params = new URLSearchParams(window.location.search);
    var q = (params.get("q") || "").trim();
    if (!q || !item) { return; }
    var pagina = parseInt(params.get("pagina") || "1", 10) || 1;
    var porPagina = parseInt(params.get("por_pagina") || "10", 10) || 10;
    var indice = Array.prototype.indexOf.call(lista.children, item);
    var datos = new URLSearchParams();
    datos.set("q", q);
    datos.set("url", enlace.getAttribute("href"));
    datos.set("posicion", String((pagina - 1) * porPagina + indice + 1));
    try { navigator.sendBeacon(lista.getAttribute("data-clics") || "/api/buscar/clic/", datos); } catch (e) { /* nunca bloquea */ }
  });
})();
