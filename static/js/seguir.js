// /buscar/ actualiza la URL sin recargar (busqueda.js): «Seguir esta búsqueda»
// toma la búsqueda de la URL vigente, no la del momento en que se cargó la página.
(function () {
    "use strict";
    function parametrosVigentes() {
        var p = new URLSearchParams(window.location.search);
        p.delete("pagina");
        p.delete("orden");
        return p;
    }
    var form = document.querySelector("form[data-guardar-busqueda]");
    if (form) {
        form.addEventListener("submit", function () {
            form.querySelector("input[name=parametros]").value = parametrosVigentes().toString();
        });
    }
    var enlace = document.querySelector("a[data-fuente-atom]");
    if (enlace) {
        enlace.addEventListener("click", function () {
            var p = parametrosVigentes().toString();
            enlace.href = "/fuentes/buscar/" + (p ? "?" + p : "");
        });
    }
})();
