app_name = "practicas"
urlpatterns = []
