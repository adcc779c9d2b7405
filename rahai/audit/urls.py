from django.urls import path

from rahai.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.audit_log, name="log"),
    path("<int:seq>/", views.audit_detail, name="detail"),
]
