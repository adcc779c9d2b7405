from django.urls import path

from rahai.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("runs/<int:run_id>/status/", views.status, name="status"),
    path("runs/<int:run_id>/<slug:kind>/", views.download, name="download"),
]
