from django.urls import path

from rahai.committees import views, views_actions, views_meetings

app_name = "committees"
urlpatterns = [
    path("", views.committee_list, name="list"),
    path("new/", views.committee_create, name="create"),
    path("<int:committee_id>/", views.committee_detail, name="detail"),
    path("<int:committee_id>/edit/", views.committee_edit, name="edit"),
    path("<int:committee_id>/members/", views.member_add, name="member_add"),
    path("<int:committee_id>/members/<int:member_id>/end/", views.member_end, name="member_end"),
    path(
        "<int:committee_id>/meetings/new/",
        views_meetings.meeting_schedule,
        name="meeting_schedule",
    ),
    path("meetings/<int:meeting_id>/", views_meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/edit/", views_meetings.meeting_edit, name="meeting_edit"),
    path(
        "meetings/<int:meeting_id>/status/<slug:action>/",
        views_meetings.meeting_status,
        name="meeting_status",
    ),
    path("meetings/<int:meeting_id>/agenda/", views_meetings.agenda_add, name="agenda_add"),
    path(
        "meetings/<int:meeting_id>/agenda/<int:item_id>/",
        views_meetings.agenda_edit,
        name="agenda_edit",
    ),
    path(
        "meetings/<int:meeting_id>/agenda/<int:item_id>/remove/",
        views_meetings.agenda_remove,
        name="agenda_remove",
    ),
    path(
        "meetings/<int:meeting_id>/agenda/<int:item_id>/move/<slug:direction>/",
        views_meetings.agenda_move,
        name="agenda_move",
    ),
    path(
        "meetings/<int:meeting_id>/attendance/",
        views_meetings.attendance_save,
        name="attendance",
    ),
    path("meetings/<int:meeting_id>/decisions/", views_meetings.decision_add, name="decision_add"),
    path("meetings/<int:meeting_id>/actions/", views_meetings.action_add, name="action_add"),
    path(
        "meetings/<int:meeting_id>/minutes.pdf",
        views_meetings.minutes_download,
        name="minutes_pdf",
    ),
    path("actions/", views_actions.action_list, name="action_list"),
    path("actions/<int:action_id>/", views_actions.action_detail, name="action_detail"),
    path("actions/<int:action_id>/status/", views_actions.action_status, name="action_status"),
    path("actions/<int:action_id>/edit/", views_actions.action_edit, name="action_edit"),
    path("case/<str:reference>/", views.case_link, name="case_link"),
]
