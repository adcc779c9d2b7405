import pytest
from django.urls import reverse

from rahai.audit.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def test_viewing_a_case_and_a_person_is_audited(world, login):
    client = login(world.partner)
    client.get(reverse("cases:detail", args=[world.case.pk]))
    client.get(reverse("people:detail", args=[world.victim.pk]))
    views = AuditEntry.objects.filter(action=AuditAction.VIEW, actor=world.partner)
    assert views.filter(object_type="case", case_id=world.case.pk).exists()
    assert views.filter(object_type="person", person_id=world.victim.pk).exists()


def test_a_change_records_fields_and_encrypted_old_and_new_values(world, login):
    client = login(world.owner)
    client.post(
        reverse("people:edit", args=[world.victim.pk]),
        {
            "given_name": "Imran",
            "family_name": "Khan",
            "gender": "male",
            "education": "unknown",
            "marital_status": "unknown",
            "cnic": "35202-1234567-1",
            "phones": "03001234567",
        },
    )
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_type="person").latest("seq")
    assert "given_name" in entry.fields
    assert entry.details["changes"]["given_name"] == ["Muhammad Imran", "Imran"]
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT details FROM audit_auditentry WHERE seq = %s", [entry.seq])
        (raw,) = cursor.fetchone()
    assert "Imran" not in raw


@pytest.mark.parametrize("who", ["auditor", "supervisor"])
def test_auditors_and_supervisors_browse_the_log(world, login, who):
    response = login(getattr(world, who)).get(reverse("audit:log"), {"case": world.case.reference})
    assert response.status_code == 200
    assert "Created" in response.content.decode()


@pytest.mark.parametrize("who", ["owner", "partner", "outsider", "analyst"])
def test_others_cannot_browse_the_log(world, login, who):
    assert login(getattr(world, who)).get(reverse("audit:log")).status_code == 404


def test_only_auditors_open_values_and_that_is_audited(world, login):
    entry = AuditEntry.objects.filter(object_type="person", action=AuditAction.CREATE).first()
    assert login(world.supervisor).get(reverse("audit:detail", args=[entry.seq])).status_code == 404
    response = login(world.auditor).get(reverse("audit:detail", args=[entry.seq]))
    assert response.status_code == 200
    assert "Muhammad Imran" in response.content.decode()
    assert AuditEntry.objects.filter(actor=world.auditor, object_type="audit_entry").exists()


def test_case_timeline_lists_changes_not_views(world, login):
    client = login(world.owner)
    page = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert "Timeline of changes" in page
    assert "Viewed" not in page.split("Timeline of changes")[1]
