"""The minutes as a PDF: produced for whoever sees the meeting, in their language, with the
attendance, agenda and minutes, decisions and action items; audited; 404 for outsiders."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from rahai.audit.models import AuditEntry
from rahai.committees import services_meetings
from rahai.committees.minutes import minutes_pdf

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _record(dvc):
    item = dvc.meeting.agenda_items.first()
    services_meetings.agenda_item_update(
        user=dvc.secretary,
        item=item,
        title=item.title,
        minutes=f"Case {dvc.world.case.reference} discussed: the family is in the shelter.",
    )
    services_meetings.attendance_record(
        user=dvc.secretary,
        meeting=dvc.meeting,
        entries=[
            {"member": dvc.chair, "status": "present"},
            {"member": dvc.police, "status": "represented", "represented_by": "ASI Shahid"},
            {"member": dvc.workers, "status": "present"},
        ],
    )
    services_meetings.decision_add(
        user=dvc.secretary,
        meeting=dvc.meeting,
        agenda_item=item,
        text="FIRs to be registered in every complaint of confinement.",
    )


def test_a_member_downloads_the_minutes_as_a_pdf(dvc, login):
    _record(dvc)
    response = login(dvc.world.owner).get(reverse("committees:minutes_pdf", args=[dvc.meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    day = timezone.localtime(dvc.meeting.starts_at).strftime("%Y-%m-%d")
    assert response["Content-Disposition"] == (
        f'attachment; filename="minutes-district-vigilance-committee-lahore-{day}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    content = response.content
    assert content.startswith(b"%PDF")
    text = _text(content)
    for expected in (
        "District Vigilance Committee, Lahore",
        f"Minutes of the meeting of {day}",
        "Committee Room, DC Office, Lahore",
        "CONFIDENTIAL",
        "Page 1 of",
        "Deputy Commissioner, Lahore",
        "Represented by ASI Shahid",
        "Bonded labour complaints",
        dvc.world.case.reference,
        "FIRs to be registered in every complaint",
        dvc.ngo_action.reference,
        "Inspect the kilns on Ferozepur Road.",
        "Lahore Shelter NGO",
        "quorum met",
    ):
        assert expected in text, expected
    # The workers' representative's name, in Urdu script, shaped and extractable.
    assert "اشرف" in text and "محمد" in text
    for secret in ("Imran", "35202", "0300", "Abdul Ghafoor"):
        assert secret not in text


def test_the_download_is_audited(dvc, login):
    login(dvc.world.partner).get(reverse("committees:minutes_pdf", args=[dvc.meeting.pk]))
    entry = AuditEntry.objects.filter(action="export", object_type="committee_meeting").get()
    assert entry.actor == dvc.world.partner and entry.object_id == str(dvc.meeting.pk)
    assert entry.details == {"committee": dvc.committee.pk, "format": "pdf", "language": "en"}


def test_outsiders_cannot_download_the_minutes(dvc, login):
    for user in (dvc.world.outsider, dvc.world.analyst):
        response = login(user).get(reverse("committees:minutes_pdf", args=[dvc.meeting.pk]))
        assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="export").exists()


def test_the_minutes_in_urdu_are_laid_out_right_to_left(dvc):
    _record(dvc)
    content = minutes_pdf(dvc.meeting, language="ur")
    assert content.startswith(b"%PDF")
    text = _text(content)
    # The committee's Urdu name is its title; every word of it is in the text.
    for word in ("ضلعی", "ویجیلنس", "کمیٹی،", "لاہور"):
        assert word in text, word
    assert dvc.ngo_action.reference in text
    reader = PdfReader(io.BytesIO(content))
    assert reader.metadata.title == "ضلعی ویجیلنس کمیٹی، لاہور"
