from django.urls import path

from . import views

app_name = "practicas"
urlpatterns = [
    path("practicas/publicar/", views.publicar, name="publicar"),
    path("practicas/publicar/adaptar/<int:pk>/", views.adaptar, name="adaptar"),
    path("practicas/mis-practicas/", views.mis_practicas, name="mis_practicas"),
    path("practicas/mis-practicas/<int:pk>/editar/", views.editar, name="editar"),
    path("practicas/mis-practicas/<int:pk>/vista-previa/", views.vista_previa, name="vista_previa"),
    path(
        "practicas/mis-practicas/<int:pk>/vista-previa/imprimir/",
        views.vista_previa_imprimir,
        name="vista_previa_imprimir",
    ),
    path("practicas/mis-practicas/<int:pk>/enviar/", views.enviar, name="enviar"),
]
