/* Trama: registra qué resultado se abre desde una búsqueda (consulta, posición) para el
   informe «Búsquedas del portal». Con navigator.sendBeacon: no espera respuesta, no
   retrasa la navegación y si falla no pasa nada. Escucha en el documento (delegación),
   así sigue funcionando cuando busqueda.js reemplaza la zona de resultados. */
(function () {
  "use strict";
  if (!navigator.sendBeacon || !window.URLSearchParams || !document.addEventListener) { return; }
  document.addEventListener("click", function (evento) {
    var enlace = evento.target && evento.target.closest ? evento.target.closest("a[href]") : null;
    var lista = document.getElementById("resultados");
    if (!enlace || !lista || !lista.contains(enlace)) { return; }
    var item = enlace.closest("li");
    var params = new URLSearchParams(window.location.search);
    var q = (params.get("q") || "").trim();
    if (!q || !item || item.parentNode !== lista) { return; }
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
