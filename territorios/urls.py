from django.urls import path

from . import views

urlpatterns = [
    path("panel-dep/", views.panel, name="panel_dep"),
    path("panel-dep/<slug:tabla>.csv", views.panel_csv, name="panel_dep_csv"),
]
