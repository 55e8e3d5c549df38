// Sala de la sesión grupal (redes/templates/redes/sala*.html): mientras la votación
// está abierta, cada tanto trae la misma página y reemplaza solo el conteo
// ([data-sala-vivo]); los formularios no se tocan (lo escrito no se pierde). Sin
// JavaScript queda el enlace «Actualizar».
(function () {
    "use strict";
    var enlace = document.querySelector("[data-sala-actualizar]");
    var vivo = document.querySelector("[data-sala-vivo]");
    if (!enlace || !vivo || !window.fetch || !window.DOMParser) {
        return;
    }
    var segundos = parseInt(enlace.getAttribute("data-sala-actualizar"), 10) || 15;
    function traer() {
        if (document.hidden) {
            return;
        }
        fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
            .then(function (r) { return r.ok ? r.text() : ""; })
            .then(function (html) {
                if (!html) {
                    return;
                }
                var nuevo = new DOMParser().parseFromString(html, "text/html").querySelector("[data-sala-vivo]");
                if (nuevo && nuevo.innerHTML !== vivo.innerHTML) {
                    vivo.innerHTML = nuevo.innerHTML;
                }
            })
            .catch(function () { /* sin red: queda el enlace «Actualizar» */ });
    }
    window.setInterval(traer, segundos * 1000);
})();
