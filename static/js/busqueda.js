/* Trama: búsqueda sin recargar (mejora progresiva: sin JS el formulario GET funciona igual).
   Usa /api/buscar/ y /api/buscar/sugerencias/; la URL siempre refleja la búsqueda. */
(function () {
  "use strict";
  var form = document.getElementById("busqueda");
  if (!form || !window.fetch || !window.URLSearchParams) { return; }
  var entrada = document.getElementById("q");
  var lista = document.getElementById("sugerencias");
  var filtros = document.getElementById("filtros");
  var pedido = 0;
  var datosFacetas = document.getElementById("trama-facetas");
  var ETIQUETAS = datosFacetas ? JSON.parse(datosFacetas.textContent) : {};

  function el(tag, attrs, texto) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (texto !== undefined) { e.textContent = texto; }
    return e;
  }

  function parametros(pagina) {
    var p = new URLSearchParams();
    new FormData(form).forEach(function (valor, nombre) {
      if (valor !== "" && !(nombre === "orden" && valor === "relevancia")) { p.append(nombre, valor); }
    });
    if (pagina && pagina > 1) { p.set("pagina", String(pagina)); }
    return p;
  }

  function avisar(mensajes, clase) {
    var caja = document.getElementById("avisos");
    caja.textContent = "";
    mensajes.forEach(function (m) { caja.appendChild(el("p", { "class": "alerta " + clase }, m)); });
    return caja;
  }

  function pintarFacetas(datos) {
    var foco = document.activeElement && document.activeElement.id;
    Array.prototype.forEach.call(filtros.querySelectorAll("fieldset[data-faceta]"), function (f) { f.remove(); });
    var ancla = filtros.querySelector("fieldset:not([data-faceta])");
    Object.keys(datos.facetas).forEach(function (nombre) {
      var opciones = datos.facetas[nombre];
      if (!opciones.length) { return; }
      var fs = el("fieldset", { "data-faceta": nombre });
      fs.appendChild(el("legend", {}, ETIQUETAS[nombre] || nombre));
      var grupo = null, ul = null;
      opciones.forEach(function (o) {
        if (!ul || (o.grupo !== undefined && o.grupo !== grupo)) {
          grupo = o.grupo;
          if (grupo) { fs.appendChild(el("p", { "class": "filtros__grupo" }, grupo)); }
          ul = el("ul"); fs.appendChild(ul);
        }
        var id = "f-" + nombre + "-" + o.valor;
        var li = el("li");
        var caja = el("input", { type: "checkbox", name: nombre, value: o.valor, id: id });
        caja.checked = o.seleccionado;
        var etiqueta = el("label", { "for": id }, o.etiqueta + " ");
        etiqueta.appendChild(el("span", { "class": "conteo" }, "(" + o.cantidad + ")"));
        li.appendChild(caja); li.appendChild(etiqueta); ul.appendChild(li);
      });
      filtros.insertBefore(fs, ancla);
    });
    if (foco && document.getElementById(foco)) { document.getElementById(foco).focus(); }
  }

  function pintar(datos, p) {
    var avisos = datos.avisos.slice();
    var caja = avisar(avisos, "alerta--aviso");
    if (datos.sugerencia) {
      var s = el("p", { "class": "alerta alerta--aviso quisiste-decir" }, "¿Quiso decir ");
      var a = el("a", { href: "#", "data-sugerencia": datos.sugerencia }, datos.sugerencia);
      s.appendChild(a); s.appendChild(document.createTextNode("?")); caja.appendChild(s);
    }
    var paginas = Math.max(1, Math.ceil(datos.total / datos.por_pagina));
    var conteo = datos.total === 1 ? "1 resultado" : datos.total + " resultados";
    if (datos.consulta) { conteo += " para «" + datos.consulta + "»"; }
    if (paginas > 1) { conteo += " · página " + datos.pagina + " de " + paginas; }
    document.getElementById("conteo").textContent = conteo;
    var ol = document.getElementById("resultados");
    ol.textContent = "";
    datos.resultados.forEach(function (r) {
      var li = el("li", { "class": "resultado" });
      li.appendChild(el("p", { "class": "resultado__meta" }, r.tipo === "caso" ? "Caso" : (r.tipo === "practica" ? "Práctica" : r.tipo)));
      if (r.destacado) { li.appendChild(el("p", { "class": "resultado__destacado" }, "Destacado por la DEP")); }
      var h = el("h2"); h.appendChild(el("a", { href: r.url }, r.titulo)); li.appendChild(h);
      if (r.resumen) { li.appendChild(el("p", {}, r.resumen)); }
      r.fragmentos.forEach(function (f) {
        // El servidor escapa todo el texto; el único HTML del fragmento es <mark>.
        var pf = el("p", { "class": "fragmento" }); pf.innerHTML = f; li.appendChild(pf);
      });
      ol.appendChild(li);
    });
    var vacio = document.getElementById("sin-resultados");
    if (vacio) { vacio.hidden = datos.total > 0; }
    var nav = document.getElementById("paginacion");
    nav.textContent = "";
    if (paginas > 1) {
      var ul = el("ul");
      if (datos.pagina > 1) { var li1 = el("li"); li1.appendChild(el("a", { href: "#", "data-pagina": datos.pagina - 1, rel: "prev" }, "Anterior")); ul.appendChild(li1); }
      var actual = el("li"); actual.appendChild(el("span", { "aria-current": "page" }, "Página " + datos.pagina + " de " + paginas)); ul.appendChild(actual);
      if (datos.pagina < paginas) { var li2 = el("li"); li2.appendChild(el("a", { href: "#", "data-pagina": datos.pagina + 1, rel: "next" }, "Siguiente")); ul.appendChild(li2); }
      nav.appendChild(ul);
    }
    var sinPagina = new URLSearchParams(p); sinPagina.delete("pagina");
    var exportar = document.getElementById("exportar");
    if (exportar) {
      var enlaces = exportar.querySelectorAll("a");
      enlaces[0].href = form.dataset.exportarCsv + "?" + sinPagina;
      enlaces[1].href = form.dataset.exportarJson + "?" + sinPagina;
    }
    pintarFacetas(datos);
  }

  function actualizar(pagina) {
    var p = parametros(pagina);
    var numero = ++pedido;
    history.replaceState(null, "", form.action + (String(p) ? "?" + p : ""));
    fetch(form.dataset.api + "?" + p, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (d) { return { ok: r.ok, datos: d }; }); })
      .then(function (r) {
        if (numero !== pedido) { return; }
        if (!r.ok) { avisar([r.datos.error || "No se pudo buscar."], "alerta--error"); return; }
        pintar(r.datos, p);
      })
      .catch(function () {
        if (numero === pedido) { form.submit(); }  // Sin red o API caída: búsqueda clásica.
      });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); cerrar(); actualizar(1); });
  form.addEventListener("change", function (e) {
    if (e.target.name && e.target !== entrada) { actualizar(1); }
  });
  form.addEventListener("click", function (e) {
    var a = e.target.closest("a[data-pagina], a[data-sugerencia]");
    if (!a) { return; }
    e.preventDefault();
    if (a.dataset.sugerencia) { entrada.value = a.dataset.sugerencia; actualizar(1); entrada.focus(); return; }
    actualizar(parseInt(a.dataset.pagina, 10));
    document.getElementById("conteo").scrollIntoView();
  });
  // Sin JS los filtros se aplican con el botón; con JS se aplican al marcarlos.
  var aplicar = form.querySelector(".filtros__aplicar");
  if (aplicar) { aplicar.hidden = true; }

  /* ---- Autocompletado: combobox ARIA (lista con aria-activedescendant) ---- */
  var activa = -1, espera = null, opciones = [];

  function cerrar() {
    lista.hidden = true; lista.textContent = ""; opciones = []; activa = -1;
    entrada.setAttribute("aria-expanded", "false"); entrada.removeAttribute("aria-activedescendant");
  }

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
    entrada.value = s.texto; cerrar(); actualizar(1);
  }

  function sugerir() {
    var texto = entrada.value.trim();
    if (texto.length < 2) { cerrar(); return; }
    fetch(form.dataset.sugerencias + "?" + new URLSearchParams({ q: texto }))
      .then(function (r) { return r.ok ? r.json() : { sugerencias: [] }; })
      .then(function (d) {
        if (entrada.value.trim() !== texto) { return; }
        lista.textContent = ""; opciones = d.sugerencias; activa = -1;
        if (!opciones.length) { cerrar(); return; }
        opciones.forEach(function (s, i) {
          var li = el("li", { role: "option", id: "sugerencia-" + i, "aria-selected": "false" }, s.texto);
          if (s.tipo) { li.appendChild(el("span", { "class": "sugerencias__tipo" }, s.tipo === "caso" ? " · caso" : " · práctica")); }
          li.addEventListener("mousedown", function (e) { e.preventDefault(); elegir(i); });
          lista.appendChild(li);
        });
        lista.hidden = false; entrada.setAttribute("aria-expanded", "true");
      })
      .catch(cerrar);
  }

  entrada.addEventListener("input", function () { clearTimeout(espera); espera = setTimeout(sugerir, 200); });
  entrada.addEventListener("keydown", function (e) {
    if (lista.hidden) { return; }
    if (e.key === "ArrowDown") { e.preventDefault(); marcar(activa + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); marcar(activa - 1); }
    else if (e.key === "Enter" && activa >= 0) { e.preventDefault(); elegir(activa); }
    else if (e.key === "Escape") { e.preventDefault(); cerrar(); }  // cierra sin borrar lo escrito
  });
  entrada.addEventListener("blur", function () { setTimeout(cerrar, 150); });
})();
