app_name = "busqueda"
urlpatterns = []
