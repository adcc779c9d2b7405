from django.urls import path

from rahai.hotline import public_views, views, webhooks

app_name = "hotline"
urlpatterns = [
    path("report", public_views.report, name="report"),
    path("report/status", public_views.report_status, name="report_status"),
    path("webhooks/twilio/sms", webhooks.twilio_sms, name="twilio_sms"),
    path("webhooks/twilio/whatsapp", webhooks.twilio_whatsapp, name="twilio_whatsapp"),
    path("webhooks/email", webhooks.inbound_email, name="inbound_email"),
    path("hotline/", views.queue, name="queue"),
    path("hotline/call/", views.call_new, name="call_new"),
    path("hotline/triage-preview/", views.triage_preview, name="triage_preview"),
    path("hotline/contacts/<int:contact_id>/", views.contact_detail, name="contact_detail"),
    path(
        "hotline/contacts/<int:contact_id>/matches/", views.contact_matches, name="contact_matches"
    ),
    path("hotline/contacts/<int:contact_id>/triage/", views.contact_triage, name="contact_triage"),
    path("hotline/contacts/<int:contact_id>/assign/", views.contact_assign, name="contact_assign"),
    path("hotline/contacts/<int:contact_id>/close/", views.contact_close, name="contact_close"),
    path("hotline/contacts/<int:contact_id>/case/", views.contact_case, name="contact_case"),
    path("hotline/contacts/<int:contact_id>/attach/", views.contact_attach, name="contact_attach"),
    path(
        "hotline/contacts/<int:contact_id>/attachments/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path("hotline/alerts/", views.alerts, name="alerts"),
    path("hotline/accuracy/", views.accuracy, name="accuracy"),
]
