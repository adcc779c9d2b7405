from django.urls import path

from rahai.linkage import views

app_name = "linkage"
urlpatterns = [
    path("review/", views.review, name="review"),
    path("review/person/<int:person_id>/", views.person_review, name="person_review"),
    path("decide/", views.decide, name="decide"),
    path("check/", views.check, name="check"),
    path("runs/", views.runs, name="runs"),
    path("runs/start/", views.run_start, name="run_start"),
]
