from django.urls import path

from rahai.people import views

app_name = "people"
urlpatterns = [
    path("pick/", views.person_pick, name="pick"),
    path("<int:person_id>/", views.person_detail, name="detail"),
    path("<int:person_id>/edit/", views.person_edit, name="edit"),
]
