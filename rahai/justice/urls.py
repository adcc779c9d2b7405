"""Law and prosecution. Included at the site root (``rahai/urls.py``), so each route carries
its own prefix: the law page under ``laws/``, a case's charges and hearings under
``cases/<case_id>/`` (where the personal-data checks, such as the analysts' test, find them)."""

from django.urls import path

from rahai.justice import views_case, views_laws, views_prosecutions

app_name = "justice"
urlpatterns = [
    # The consolidated law (views_laws.py): reference data, any signed-in user.
    path("laws/", views_laws.law_list, name="laws"),
    # Charges, outcomes and hearings on a case (views_case.py): as the case itself.
    path("cases/<int:case_id>/court/", views_case.court_section, name="court"),
    path("cases/<int:case_id>/charges/add/", views_case.charge_add, name="charge_add"),
    path(
        "cases/<int:case_id>/charges/<int:charge_id>/edit/",
        views_case.charge_edit,
        name="charge_edit",
    ),
    path(
        "cases/<int:case_id>/charges/<int:charge_id>/remove/",
        views_case.charge_remove,
        name="charge_remove",
    ),
    path("cases/<int:case_id>/hearings/add/", views_case.hearing_add, name="hearing_add"),
    path(
        "cases/<int:case_id>/hearings/<int:hearing_id>/edit/",
        views_case.hearing_edit,
        name="hearing_edit",
    ),
    path(
        "cases/<int:case_id>/hearings/<int:hearing_id>/remove/",
        views_case.hearing_remove,
        name="hearing_remove",
    ),
    # Prosecutions by year and law: counts only, for the dashboards' readers.
    path("prosecutions/", views_prosecutions.prosecutions, name="prosecutions"),
]
