/* Trama: búsqueda sin recargar y autocompletado (mejora progresiva: sin JS el
   formulario GET funciona igual). Un solo dibujo: el servidor. Al cambiar un filtro,
   el orden o la página se pide la MISMA página con los nuevos parámetros y se
   reemplazan los filtros y los resultados; cada paso queda en el historial
   (pushState), así «Atrás» deshace un filtro. Sirve en /buscar/, /casos/ y
   /practicas/ (formulario con data-vivo). El autocompletado es un combobox ARIA en
   toda caja con data-sugerencias (también la del inicio). */
(function () {
  "use strict";

  function el(tag, attrs, texto) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (texto !== undefined) { e.textContent = texto; }
    return e;
  }

  /* ---------------- búsqueda viva ---------------- */
  var form = document.querySelector("form[data-vivo]");
  var ANCHO = window.matchMedia ? window.matchMedia("(min-width: 50rem)") : null;
  var panel = document.getElementById("filtros");
  // En pantallas anchas los filtros se ven abiertos; en el teléfono, cerrados (resultados primero).
  if (panel && ANCHO && ANCHO.matches) { panel.open = true; }

  var pedido = 0;

  function parametros() {
    var p = new URLSearchParams();
    new FormData(form).forEach(function (valor, nombre) { if (valor !== "") { p.append(nombre, valor); } });
    return p;
  }

  function reemplazar(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var foco = document.activeElement && document.activeElement.id;
    ["zona-resultados", "filtros-contenido"].forEach(function (id) {
      var nuevo = doc.getElementById(id), viejo = document.getElementById(id);
      if (nuevo && viejo) { viejo.replaceWith(document.importNode(nuevo, true)); }
    });
    var resumen = doc.querySelector("#filtros > summary"), actual = document.querySelector("#filtros > summary");
    if (resumen && actual) { actual.textContent = resumen.textContent; }
    var error = doc.querySelector(".alerta--error"), errorActual = form.querySelector(".alerta--error");
    if (errorActual) { errorActual.remove(); }
    if (error) { form.querySelector(".buscador").after(document.importNode(error, true)); }
    if (foco && document.getElementById(foco)) { document.getElementById(foco).focus(); }
  }

  function ir(url, empujar) {
    var numero = ++pedido;
    if (empujar) { history.pushState({ trama: true }, "", url); }
    fetch(url, { headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.text(); })
      .then(function (html) { if (numero === pedido) { reemplazar(html); } })
      .catch(function () { if (numero === pedido) { window.location.href = url; } });
  }

  function urlDelFormulario() {
    var p = parametros();
    p.delete("pagina");
    var q = String(p);
    return form.getAttribute("action").split("?")[0] + (q ? "?" + q : "");
  }

  if (form && window.fetch && window.URLSearchParams && window.DOMParser && history.pushState) {
    history.replaceState({ trama: true }, "", window.location.href);
    form.addEventListener("submit", function (e) { e.preventDefault(); cerrarTodos(); ir(urlDelFormulario(), true); });
    form.addEventListener("change", function (e) {
      if (e.target.name && e.target.name !== "q") { ir(urlDelFormulario(), true); }
    });
    form.addEventListener("click", function (e) {
      var a = e.target.closest("a[data-navegar]");
      if (!a || e.ctrlKey || e.metaKey || e.shiftKey) { return; }
      e.preventDefault();
      var destino = new URL(a.href, window.location.href);
      var q = document.getElementById("q");
      if (q) { q.value = destino.searchParams.get("q") || ""; }
      ir(destino.pathname + destino.search, true);
      var zona = document.getElementById("zona-resultados");
      if (zona && a.closest("#paginacion")) { zona.focus(); }
    });
    window.addEventListener("popstate", function () {
      var destino = new URL(window.location.href);
      var q = document.getElementById("q");
      if (q) { q.value = destino.searchParams.get("q") || ""; }
      ir(window.location.href, false);
    });
    // Sin JS los filtros se aplican con el botón; con JS se aplican al marcarlos.
    form.classList.add("busqueda--viva");
  }

  /* ---------------- autocompletado: combobox ARIA ---------------- */
  var cerradores = [];
  function cerrarTodos() { cerradores.forEach(function (c) { c(); }); }

  Array.prototype.forEach.call(document.querySelectorAll("input[role=combobox][data-sugerencias]"), function (entrada) {
    var lista = document.getElementById(entrada.getAttribute("aria-controls"));
    if (!lista || !window.fetch) { return; }
    var activa = -1, espera = null, opciones = [];
    var prefijo = entrada.id === "q" ? "sugerencia-" : entrada.id + "-sugerencia-";

    function cerrar() {
      lista.hidden = true; lista.textContent = ""; opciones = []; activa = -1;
      entrada.setAttribute("aria-expanded", "false"); entrada.removeAttribute("aria-activedescendant");
    }
    cerradores.push(cerrar);

    function marcar(i) {
      var items = lista.querySelectorAll("[role=option]");
      if (!items.length) { return; }
      activa = (i + items.length) % items.length;
      Array.prototype.forEach.call(items, function (li, j) { li.setAttribute("aria-selected", j === activa ? "true" : "false"); });
      entrada.setAttribute("aria-activedescendant", items[activa].id);
    }

    function elegir(i) {
      var s = opciones[i];
      if (!s) { return; }
      if (s.url) { window.location.href = s.url; return; }
      entrada.value = s.texto; cerrar();
      if (entrada.form && entrada.form.requestSubmit) { entrada.form.requestSubmit(); } else if (entrada.form) { entrada.form.submit(); }
    }

    function sugerir() {
      var texto = entrada.value.trim();
      if (texto.length < 2) { cerrar(); return; }
      fetch(entrada.dataset.sugerencias + "?" + new URLSearchParams({ q: texto }))
        .then(function (r) { return r.ok ? r.json() : { sugerencias: [] }; })
        .then(function (d) {
          if (entrada.value.trim() !== texto) { return; }
          lista.textContent = ""; opciones = d.sugerencias; activa = -1;
          if (!opciones.length) { cerrar(); return; }
          opciones.forEach(function (s, i) {
            var li = el("li", { role: "option", id: prefijo + i, "aria-selected": "false" }, s.texto);
            if (s.tipo) { li.appendChild(el("span", { "class": "sugerencias__tipo" }, s.tipo === "caso" ? " · caso" : (s.tipo === "practica" ? " · práctica" : " · " + s.tipo))); }
            li.addEventListener("mousedown", function (e) { e.preventDefault(); elegir(i); });
            lista.appendChild(li);
          });
          lista.hidden = false; entrada.setAttribute("aria-expanded", "true");
        })
        .catch(cerrar);
    }

    entrada.addEventListener("input", function () { clearTimeout(espera); espera = setTimeout(sugerir, 200); });
    entrada.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && activa < 0) { clearTimeout(espera); cerrar(); return; }
      if (lista.hidden) { return; }
      if (e.key === "ArrowDown") { e.preventDefault(); marcar(activa + 1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); marcar(activa - 1); }
      else if (e.key === "Enter" && activa >= 0) { e.preventDefault(); elegir(activa); }
      else if (e.key === "Escape") { e.preventDefault(); cerrar(); }  // cierra sin borrar lo escrito
    });
    entrada.addEventListener("blur", function () { setTimeout(cerrar, 150); });
  });
})();
