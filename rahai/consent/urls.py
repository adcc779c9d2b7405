from django.urls import path

from rahai.consent import views

app_name = "consent"
urlpatterns = [
    path("persons/<int:person_id>/record/", views.consent_record, name="record"),
    path("<int:consent_id>/withdraw/", views.consent_withdraw, name="withdraw"),
]
