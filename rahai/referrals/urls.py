from django.urls import path

from rahai.referrals import views, views_transfers

app_name = "referrals"
urlpatterns = [
    path("", views.referral_list, name="list"),
    path("new/<int:case_id>/", views.referral_create, name="create"),
    path("<int:referral_id>/", views.referral_detail, name="detail"),
    path("<int:referral_id>/onward/", views.referral_onward, name="onward"),
    path("<int:referral_id>/<slug:action>/", views.referral_act, name="act"),
    path("transfers/new/<int:case_id>/", views_transfers.transfer_create, name="transfer_create"),
    path("transfers/<int:transfer_id>/", views_transfers.transfer_detail, name="transfer_detail"),
    path(
        "transfers/<int:transfer_id>/<slug:action>/",
        views_transfers.transfer_act,
        name="transfer_act",
    ),
]
