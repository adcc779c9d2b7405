from django.urls import path

from rahai.services_directory import views

app_name = "services_directory"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("public/", views.public_directory, name="public"),
]
