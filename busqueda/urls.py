from django.urls import path

from . import views

app_name = "busqueda"
urlpatterns = [
    path("buscar/", views.buscar, name="buscar"),
    path("buscar/exportar.csv", views.exportar_csv, name="exportar_csv"),
    path("buscar/exportar.json", views.exportar_json, name="exportar_json"),
    path("buscar/exportar.xlsx", views.exportar_xlsx, name="exportar_xlsx"),
    path("api/buscar/", views.api_buscar, name="api_buscar"),
    path("api/buscar/sugerencias/", views.api_sugerencias, name="api_sugerencias"),
]
