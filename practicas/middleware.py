"""La petición en curso, para que la tarea «Revisión DEP» deje un mensaje claro
tras cada decisión. `Task.on_action` de Wagtail no recibe la petición y su
vista de acciones no agrega mensaje propio (o solo «Página … actualizada»)."""

from contextvars import ContextVar

PETICION = ContextVar("trama_peticion_admin", default=None)


class PeticionAdminMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/admin/"):
            return self.get_response(request)
        marca = PETICION.set(request)
        try:
            return self.get_response(request)
        finally:
            PETICION.reset(marca)


def avisar(mensaje):
    """Mensaje de éxito en el admin si hay una petición del admin en curso."""
    from django.contrib import messages

    peticion = PETICION.get()
    if peticion is not None and hasattr(peticion, "_messages"):
        messages.success(peticion, mensaje)
