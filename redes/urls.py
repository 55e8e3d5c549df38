from django.urls import path

from . import views

app_name = "redes"
urlpatterns = [
    path("redes/", views.listado, name="listado"),
    path("redes/mis-redes/", views.mis_redes, name="mis_redes"),
    path("redes/como-la-mia/", views.redes_como_la_mia, name="como_la_mia"),
    path("redes/<slug:slug>/", views.red, name="red"),
    path("redes/<slug:slug>/escribir/", views.escribir, name="escribir"),
    path("redes/<slug:slug>/editar/", views.editar, name="editar"),
    path("redes/<slug:slug>/autoevaluacion/", views.autoevaluacion, name="autoevaluacion"),
    path("redes/<slug:slug>/autoevaluacion/<int:pk>/", views.ronda, name="ronda"),
    path("redes/<slug:slug>/autoevaluacion/<int:pk>/informe/", views.informe, name="informe"),
    path(
        "redes/<slug:slug>/autoevaluacion/<int:pk>/informe.csv",
        views.informe_csv,
        name="informe_csv",
    ),
    path(
        "redes/<slug:slug>/autoevaluacion/<int:pk>/informe.pdf",
        views.informe_pdf,
        name="informe_pdf",
    ),
    path("redes/<slug:slug>/autoevaluacion/<int:pk>/plan/", views.plan, name="plan"),
    path("redes/<slug:slug>/autoevaluacion/<int:pk>/sala/", views.sala, name="sala"),
    path(
        "redes/<slug:slug>/autoevaluacion/<int:pk>/sala/<slug:caracteristica>/",
        views.sala_caracteristica,
        name="sala_caracteristica",
    ),
    path("responder/", views.responder, name="responder"),
    path("responder/<int:numero>/", views.responder_seccion, name="responder_seccion"),
]
