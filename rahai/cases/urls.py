from django.urls import path

from rahai.cases import views, views_parts

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/edit/", views.case_edit, name="edit"),
    path("<int:case_id>/share/", views.case_share, name="share"),
    path("<int:case_id>/share/<int:share_id>/stop/", views.case_unshare, name="unshare"),
    path("<int:case_id>/notes/", views.note_add, name="note_add"),
    path("<int:case_id>/persons/add/", views_parts.role_add, name="role_add"),
    path("<int:case_id>/roles/<int:role_id>/edit/", views_parts.role_edit, name="role_edit"),
    path("<int:case_id>/roles/<int:role_id>/remove/", views_parts.role_remove, name="role_remove"),
    path("<int:case_id>/route/add/", views_parts.event_add, name="event_add"),
    path("<int:case_id>/route/<int:event_id>/edit/", views_parts.event_edit, name="event_edit"),
    path(
        "<int:case_id>/route/<int:event_id>/delete/", views_parts.event_delete, name="event_delete"
    ),
]
