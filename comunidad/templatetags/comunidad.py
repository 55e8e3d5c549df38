from django import template

from comunidad import sirvio

register = template.Library()


@register.inclusion_tag("comunidad/includes/nos_sirvio.html", takes_context=True)
def nos_sirvio(context, pagina):
    """Conteo y botón «Nos sirvió» de una ficha (una consulta)."""
    request = context.get("request")
    if pagina is None or not pagina.pk or getattr(request, "is_preview", False):
        return {"omitir": True}
    return {
        "pagina_id": pagina.pk,
        "cantidad": sirvio.cantidad(pagina.pk),
        "marcado": request is not None and pagina.pk in sirvio.marcadas(request),
    }


@register.simple_tag(takes_context=True)
def fuente_atom(context):
    """URL de la fuente Atom de esta página (búsqueda o listado con sus filtros), o ""."""
    from comunidad.fuentes import fuente_de

    request = context.get("request")
    pagina = context.get("page")
    slep = getattr(pagina, "slep", None) if pagina is not None else None
    if (
        slep is not None
        and getattr(slep, "slug", None)
        and type(pagina).__name__ == "TerritorioPage"
    ):
        return f"/fuentes/slep/{slep.slug}/"  # página de un territorio (app territorios/)
    return (fuente_de(request) or "") if request is not None else ""
