// «Nos sirvió» sin salir de la ficha. Sin JavaScript, el formulario lleva a una
// página que confirma con un POST (comunidad/sirvio.py). Aquí: se pide el token
// CSRF a la misma URL y se envía el POST con fetch.
(function () {
    "use strict";
    document.querySelectorAll("form[data-nos-sirvio]").forEach(function (form) {
        form.addEventListener("submit", function (evento) {
            if (!window.fetch) { return; }
            evento.preventDefault();
            var boton = form.querySelector("button");
            var estado = form.parentNode.querySelector("[data-nos-sirvio-estado]");
            var conteo = form.parentNode.querySelector("[data-nos-sirvio-conteo]");
            boton.disabled = true;
            var pedir = { headers: { "Accept": "application/json" }, credentials: "same-origin" };
            fetch(form.action, pedir)
                .then(function (r) { if (!r.ok) { throw r; } return r.json(); })
                .then(function (datos) {
                    return fetch(form.action, {
                        method: "POST",
                        credentials: "same-origin",
                        headers: { "Accept": "application/json", "X-CSRFToken": datos.csrf },
                    });
                })
                .then(function (r) { if (!r.ok) { throw r; } return r.json(); })
                .then(function (datos) {
                    if (conteo) { conteo.textContent = datos.cantidad; }
                    if (estado) { estado.textContent = datos.mensaje; }
                    boton.setAttribute("aria-pressed", "true");
                })
                .catch(function () {
                    boton.disabled = false;
                    form.submit();  // sin conexión o con límite: el camino sin JavaScript explica
                });
        });
    });
})();
