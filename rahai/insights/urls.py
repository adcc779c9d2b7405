from django.urls import path

from rahai.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.dashboard, name="overview"),
    path("refresh/", views.refresh, name="refresh"),
    path("<slug:page>/", views.dashboard, name="dashboard"),
    path("<slug:page>/<slug:table>.csv", views.table_csv, name="csv"),
]
