from django.urls import path

from rahai.support import views, views_parts

app_name = "support"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("cases/<int:case_id>/victims/<int:person_id>/", views.victim_plan, name="victim"),
    path("cases/<int:case_id>/victims/<int:person_id>/journey/", views.journey, name="journey"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("plans/<int:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:plan_id>/close/", views.plan_close, name="plan_close"),
    path("plans/<int:plan_id>/services/", views_parts.service_add, name="service_add"),
    path(
        "plans/<int:plan_id>/services/<int:service_id>/",
        views_parts.service_update,
        name="service_update",
    ),
    path(
        "plans/<int:plan_id>/from-referral/<int:referral_id>/",
        views_parts.service_from_referral,
        name="service_from_referral",
    ),
    path("plans/<int:plan_id>/follow-ups/", views_parts.follow_up_add, name="follow_up_add"),
    path("plans/<int:plan_id>/checklist/", views_parts.checklist_mark, name="checklist_mark"),
]
