"""SMS, WhatsApp and email webhooks: signatures, idempotency, threading, replies."""

import json

import pytest
from django.urls import reverse

from rahai.hotline.access import system_contacts
from rahai.hotline.models import ContactMessage
from rahai.hotline.twilio import compute_signature

pytestmark = pytest.mark.django_db


def _sms(
    client,
    sid="SM1",
    body="Madad! Bhatta malik ne qaid kar rakha hai",
    sender="+923001234567",
    path="hotline:twilio_sms",
    **extra,
):
    data = {"MessageSid": sid, "From": sender, "To": "+15005550006", "Body": body, "NumMedia": "0"}
    data.update(extra)
    return client.post(reverse(path), data)


def test_an_sms_makes_a_contact_and_replies_with_the_reference_in_urdu(client, hotline):
    response = _sms(client)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    contact = system_contacts(purpose="test").get()
    assert contact.channel == "sms" and contact.reporter_phone == "+923001234567"
    xml = response.content.decode()
    assert contact.reference in xml
    assert contact.language == "ur"
    assert "<Message>" in xml and "رہائی" in xml  # the acknowledgement, in Urdu


def test_an_english_sms_gets_an_english_reply(client, hotline):
    response = _sms(client, body="My brother is held by an agent in Libya, please help")
    assert "reference" in response.content.decode()


def test_a_retried_delivery_never_makes_a_second_contact(client, hotline):
    _sms(client, sid="SMdup")
    response = _sms(client, sid="SMdup")
    assert response.status_code == 200
    assert system_contacts(purpose="test").count() == 1
    assert ContactMessage.objects.filter(external_id="SMdup").count() == 1


def test_messages_from_one_sender_thread_into_one_contact(client, hotline):
    _sms(client, sid="SMa", body="Help")
    _sms(client, sid="SMb", body="We are 6 people at the kiln in Kasur")
    contact = system_contacts(purpose="test").get()
    assert contact.messages.filter(direction="in").count() == 2
    assert "Kasur" in contact.narrative
    _sms(client, sid="SMc", sender="+923331112233", body="another person")
    assert system_contacts(purpose="test").count() == 2


def test_whatsapp_sender_prefix_is_understood(client, hotline):
    _sms(client, sid="WA1", sender="whatsapp:+923001234567", path="hotline:twilio_whatsapp")
    contact = system_contacts(purpose="test").get()
    assert contact.channel == "whatsapp" and contact.reporter_phone == "+923001234567"


def test_signature_is_checked_when_a_token_is_configured(client, hotline, settings):
    settings.TWILIO_AUTH_TOKEN = "secret-token"
    settings.RAHAI_PUBLIC_URL = "https://rahai.example.org"
    data = {
        "MessageSid": "SMsig",
        "From": "+923001234567",
        "To": "+1",
        "Body": "help",
        "NumMedia": "0",
    }
    bad = client.post(reverse("hotline:twilio_sms"), data, HTTP_X_TWILIO_SIGNATURE="nope")
    assert bad.status_code == 403
    assert system_contacts(purpose="test").count() == 0
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    query.update(data)
    signature = compute_signature(
        "https://rahai.example.org/webhooks/twilio/sms", query, "secret-token"
    )
    good = client.post(reverse("hotline:twilio_sms"), data, HTTP_X_TWILIO_SIGNATURE=signature)
    assert good.status_code == 200
    assert system_contacts(purpose="test").count() == 1


def test_signature_matches_twilios_published_example():
    # Twilio's documented example (auth token 12345).
    from django.http import QueryDict

    params = QueryDict(mutable=True)
    params.update(
        {
            "CallSid": "CA1234567890ABCDE",
            "Caller": "+12349013030",
            "Digits": "1234",
            "From": "+12349013030",
            "To": "+18005551212",
        }
    )
    assert (
        compute_signature("https://mycompany.com/myapp.php?foo=1&bar=2", params, "12345")
        == "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    )


def test_a_database_failure_gives_a_retryable_5xx(client, hotline, monkeypatch):
    from django.db import DatabaseError

    def broken(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr("rahai.hotline.webhooks.message_receive", broken)
    assert _sms(client).status_code == 503


def test_per_sender_rate_limit(client, hotline, settings):
    settings.RAHAI_SENDER_LIMIT = (2, 3600)
    for i in range(3):
        response = _sms(client, sid=f"SMr{i}")
    assert system_contacts(purpose="test").get().messages.filter(direction="in").count() == 2
    assert "many messages" in response.content.decode() or "پیغامات" in response.content.decode()


def test_raw_email_is_received_once(client, hotline):
    raw = (
        b"From: Reporter <someone@example.org>\r\nTo: hotline@rahai.pk\r\nSubject: Boy at a workshop\r\n"
        b"Message-ID: <abc@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"A 12 year old boy works 14 hours a day and is beaten.\r\n"
    )
    first = client.post(reverse("hotline:inbound_email"), raw, content_type="message/rfc822")
    again = client.post(reverse("hotline:inbound_email"), raw, content_type="message/rfc822")
    assert first.status_code == 200 and first.json()["status"] == "received"
    assert again.json()["status"] == "duplicate"
    contact = system_contacts(purpose="test").get()
    assert contact.channel == "email" and contact.reporter_email == "someone@example.org"
    assert "beaten" in contact.narrative


def test_provider_json_email_is_received(client, hotline):
    payload = {
        "From": "a@example.org",
        "Subject": "Help",
        "TextBody": "Held in Karachi",
        "MessageID": "m-1",
    }
    response = client.post(
        reverse("hotline:inbound_email"), json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 200
    assert system_contacts(purpose="test").get().narrative.endswith("Held in Karachi")


def test_email_webhook_token(client, hotline, settings):
    settings.RAHAI_EMAIL_WEBHOOK_TOKEN = "tok"
    payload = json.dumps({"from": "a@example.org", "text": "x", "message_id": "m-2"})
    assert (
        client.post(
            reverse("hotline:inbound_email"), payload, content_type="application/json"
        ).status_code
        == 403
    )
    ok = client.post(
        reverse("hotline:inbound_email"),
        payload,
        content_type="application/json",
        HTTP_X_RAHAI_WEBHOOK_TOKEN="tok",
    )
    assert ok.status_code == 200


def test_malformed_email_is_a_clear_400(client, hotline):
    response = client.post(
        reverse("hotline:inbound_email"), b"{not json", content_type="application/json"
    )
    assert response.status_code == 400 and "error" in response.json()
