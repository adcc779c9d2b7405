from django.urls import path

from rahai.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.index, name="index"),
    path("export/", views.export_cases, name="export"),
    path("imports/new/", views.upload, name="upload"),
    path("imports/<int:batch_id>/", views.batch_detail, name="batch"),
    path("imports/<int:batch_id>/mapping/", views.batch_mapping, name="batch_mapping"),
    path("imports/<int:batch_id>/check/", views.batch_check, name="batch_check"),
    path("imports/<int:batch_id>/commit/", views.batch_commit, name="batch_commit"),
    path("mappings/<int:mapping_id>/", views.mapping_edit, name="mapping"),
]
