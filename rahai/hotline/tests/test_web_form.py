"""The public web form: anonymous reports in Urdu or English, a reference code and a PIN."""

import re

import pytest
from django.urls import reverse

from rahai.hotline.access import system_contacts

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _submit(client, **fields):
    data = {
        "narrative": "A family is held at a brick kiln against a loan.",
        "children_involved": "yes",
        "immediate_danger": "no",
        "caller_type": "public",
        "lang": "en",
    }
    data.update(fields)
    return client.post(reverse("hotline:report"), data)


def test_the_form_is_urdu_by_default_small_and_self_contained(client, hotline):
    response = client.get(reverse("hotline:report"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'dir="rtl"' in page and 'lang="ur"' in page
    assert len(response.content) < 100_000
    assert "http://" not in page.replace("http://127.0.0.1", "") and "https://" not in page
    assert "<script" not in page


def test_english_switch(client, hotline):
    page = client.get(reverse("hotline:report"), {"lang": "en"}).content.decode()
    assert 'dir="ltr"' in page and "What happened?" in page


def test_an_anonymous_report_gets_a_reference_and_pin(client, hotline):
    response = _submit(client)
    page = response.content.decode()
    assert response.status_code == 200
    reference = re.search(r'id="reference">([A-Z0-9-]+)<', page).group(1)
    pin = re.search(r'id="pin">(\d{6})<', page).group(1)
    contact = system_contacts(purpose="test").get(reference=reference)
    assert contact.anonymous and contact.channel == "web"
    assert contact.organisation == hotline.organisation
    assert contact.narrative.startswith("A family")
    assert contact.pin_digest and pin not in contact.pin_digest
    assert contact.suggested_class  # triage suggested at once
    assert contact.sla_due_at is not None


def test_bad_phone_keeps_the_text_and_saves_nothing(client, hotline):
    response = _submit(client, reporter_phone="12", narrative="Kept text")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kept text" in page
    assert system_contacts(purpose="test").count() == 0


def test_a_bad_file_type_is_refused(client, hotline):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("x.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = _submit(client, attachments=upload)
    assert response.status_code == 400
    assert "Only photos" in response.content.decode()
    assert system_contacts(purpose="test").count() == 0


def test_a_photo_is_stored_encrypted(client, hotline):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    upload = SimpleUploadedFile("kiln.png", PNG, content_type="image/png")
    assert _submit(client, attachments=upload).status_code == 200
    contact = system_contacts(purpose="test").get()
    assert contact.attachments.get().size == len(PNG)
    with connection.cursor() as cursor:
        cursor.execute("SELECT filename, content FROM hotline_attachment")
        filename, content = cursor.fetchone()
    assert "kiln" not in filename and "iVBOR" not in content


def test_honeypot_submissions_are_dropped_silently(client, hotline):
    response = _submit(client, website="http://spam.example")
    assert response.status_code == 200
    assert system_contacts(purpose="test").count() == 0


def test_per_ip_rate_limit_says_so_in_urdu(client, hotline, settings):
    settings.RAHAI_REPORT_LIMIT = (2, 3600)
    for _ in range(2):
        assert _submit(client).status_code == 200
    response = _submit(client, lang="ur", narrative="متن محفوظ رہے")
    assert response.status_code == 429
    page = response.content.decode()
    assert "متن محفوظ رہے" in page
    assert 'dir="rtl"' in page
    assert system_contacts(purpose="test").count() == 2


def test_narrative_is_encrypted_at_rest(client, hotline):
    from django.db import connection

    _submit(client, narrative="Bhatta malik Rashid ne qaid kiya")
    with connection.cursor() as cursor:
        cursor.execute("SELECT narrative FROM hotline_contact")
        (raw,) = cursor.fetchone()
    assert "Rashid" not in raw and raw.startswith("v1:")


def test_status_page_shows_only_the_coarse_status(client, hotline):
    page = _submit(client).content.decode()
    reference = re.search(r'id="reference">([A-Z0-9-]+)<', page).group(1)
    pin = re.search(r'id="pin">(\d{6})<', page).group(1)
    response = client.post(
        reverse("hotline:report_status"), {"reference": reference.lower(), "pin": pin, "lang": "en"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Received" in body
    assert "brick kiln" not in body  # the narrative is never shown back
    response = client.post(
        reverse("hotline:report_status"),
        {"reference": reference, "pin": pin, "text": "They moved to Kasur.", "lang": "en"},
    )
    assert "has been added" in response.content.decode()
    contact = system_contacts(purpose="test").get()
    assert contact.messages.get().body == "They moved to Kasur."


def test_status_with_a_wrong_pin_reveals_nothing(client, hotline):
    page = _submit(client).content.decode()
    reference = re.search(r'id="reference">([A-Z0-9-]+)<', page).group(1)
    response = client.post(
        reverse("hotline:report_status"), {"reference": reference, "pin": "000000", "lang": "en"}
    )
    assert response.status_code == 404
    assert "could not find" in response.content.decode()


def test_a_form_sent_twice_makes_one_report_with_the_same_reference_and_pin(client, hotline):
    page = client.get(reverse("hotline:report")).content.decode()
    key = re.search(r'name="submission" value="([^"]+)"', page).group(1)
    pages = [_submit(client, submission=key).content.decode() for _ in range(2)]
    receipts = [
        re.search(r'id="reference">([A-Z0-9-]+)<.*id="pin">(\d{6})<', page, re.S).groups()
        for page in pages
    ]
    assert receipts[0] == receipts[1]  # the same reference and the same PIN
    assert system_contacts(purpose="test").count() == 1
    other = _submit(client, submission="another-form").content.decode()
    assert receipts[0][0] not in other
