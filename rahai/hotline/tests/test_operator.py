"""The operator's side: call console, triage queue, crisis alerts, contact → case, access."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rahai.audit.models import AuditAction, AuditEntry
from rahai.hotline.access import system_contacts
from rahai.hotline.intake import ReportData, web_report_submit
from rahai.hotline.models import DutyShift
from rahai.notifications.models import Notification
from rahai.testing import make_user

pytestmark = pytest.mark.django_db

CALL = {
    "caller_type": "family",
    "language": "ur",
    "immediate_danger": "no",
    "children_involved": "yes",
    "narrative": "Mera bhai bhatta par peshgi ki wajah se qaid hai",
    "screening": ["debt_bondage"],
    "contact_class": "tip",
    "urgency": "2",
    "case_types": ["bonded_labour"],
    "indicators": ["debt_bondage"],
    "m1_name": "Imran Khan",
    "m1_role": "victim",
    "m1_phone": "0300 1234567",
}


def _report(**overrides):
    data = ReportData(narrative="A boy works at a kiln for a loan", language="en")
    for key, value in overrides.items():
        setattr(data, key, value)
    contact, _pin = web_report_submit(data=data, uploads=[])
    return contact


def test_operator_logs_a_call_with_confirmed_triage(client, login, hotline):
    response = login(hotline.operator).post(reverse("hotline:call_new"), CALL)
    assert response.status_code == 302
    contact = system_contacts(purpose="test").get()
    assert contact.channel == "phone" and contact.triage_confirmed_by == hotline.operator
    assert contact.contact_class == "tip" and contact.urgency == 2
    assert contact.persons_mentioned[0]["name"] == "Imran Khan"
    assert contact.first_response_at is not None
    assert AuditEntry.objects.filter(object_type="contact", action=AuditAction.CREATE).exists()


def test_triage_preview_suggests_from_roman_urdu(client, login, hotline):
    response = login(hotline.operator).post(reverse("hotline:triage_preview"), CALL)
    assert response.status_code == 200
    assert 'data-types="bonded_labour' in response.content.decode()


def test_queue_orders_by_urgency_then_age_and_shows_sla(client, login, hotline):
    low = _report(narrative="What is the number of the helpline?", wants_information=True)
    crisis = _report(
        narrative="Help now, they are beating us and locked the door", immediate_danger="yes"
    )
    page = login(hotline.operator).get(reverse("hotline:queue")).content.decode()
    assert page.index(crisis.reference) < page.index(low.reference)
    assert " left</span>" in page  # the time left to answer, in words


def test_a_crisis_alerts_the_on_duty_supervisor_in_app_and_by_email(
    hotline, django_capture_on_commit_callbacks
):
    other = make_user("night-supervisor", hotline.organisation, "supervisor")
    other.email = "night@example.org"
    other.save()
    now = timezone.now()
    DutyShift.objects.create(
        user=other,
        starts_at=now - timezone.timedelta(hours=1),
        ends_at=now + timezone.timedelta(hours=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        contact = _report(narrative="They are beating us right now, help", immediate_danger="yes")
    assert contact.contact_class == "crisis"
    alerts = Notification.objects.filter(kind="hotline.crisis")
    assert list(alerts.values_list("user__username", flat=True)) == ["night-supervisor"]
    assert len(mail.outbox) == 1 and contact.reference in mail.outbox[0].subject
    assert "beating" not in mail.outbox[0].body


def test_without_a_shift_every_hotline_supervisor_is_alerted(hotline):
    _report(narrative="Help, locked in, beating", immediate_danger="yes")
    assert Notification.objects.filter(user=hotline.supervisor, kind="hotline.crisis").exists()


def test_confirming_triage_records_the_operators_choice_and_measures_accuracy(
    client, login, hotline
):
    contact = _report()
    client = login(hotline.operator)
    response = client.post(
        reverse("hotline:contact_triage", args=[contact.pk]),
        {"contact_class": "tip", "urgency": "2", "case_types": ["bonded_labour"]},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.triage_confirmed_by == hotline.operator and contact.status == "in_progress"
    page = client.get(reverse("hotline:accuracy")).content.decode()
    assert "Confirmed contacts" in page


def test_operator_turns_a_contact_into_a_case(client, login, hotline, world):
    contact = _report()
    client = login(hotline.operator)
    client.post(
        reverse("hotline:contact_triage", args=[contact.pk]),
        {"contact_class": "tip", "urgency": "2", "case_types": ["bonded_labour"]},
    )
    page = client.get(reverse("hotline:contact_case", args=[contact.pk])).content.decode()
    assert "A boy works at a kiln" in page  # prefilled summary
    response = client.post(
        reverse("hotline:contact_case", args=[contact.pk]),
        {
            "case_types": ["bonded_labour"],
            "district": world.case.district_id,
            "opened_on": "2026-11-01",
            "status": "active",
            "sensitivity": "normal",
            "summary": "A boy works at a kiln for a loan",
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.case is not None and contact.case.owner == hotline.organisation


def test_possible_existing_persons_are_shown_before_creating(client, login, hotline, world):
    from rahai.cases.services import case_share

    case_share(user=world.owner, case=world.case, organisation=hotline.organisation)
    contact = _report(persons_mentioned=[{"name": "Mohammed Imran", "phone": "0300-1234567"}])
    client = login(hotline.operator)
    page = client.get(reverse("hotline:contact_case", args=[contact.pk])).content.decode()
    assert world.case.reference in page


def test_the_contact_page_loads_possible_matches_after_opening(client, login, hotline, world):
    from rahai.cases.services import case_share

    case_share(user=world.owner, case=world.case, organisation=hotline.organisation)
    contact = _report(persons_mentioned=[{"name": "Mohammed Imran", "phone": "0300-1234567"}])
    client = login(hotline.operator)
    page = client.get(reverse("hotline:contact_detail", args=[contact.pk])).content.decode()
    url = reverse("hotline:contact_matches", args=[contact.pk])
    assert f'hx-get="{url}"' in page and "Muhammad Imran" not in page
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Muhammad Imran" in fragment and "<html" not in fragment
    assert "Muhammad Imran" in client.get(url).content.decode()  # without JavaScript: a page
    assert any(
        "possible_matches" in entry.fields
        for entry in AuditEntry.objects.filter(object_type="contact", object_id=str(contact.pk))
    )


def test_outsiders_cannot_load_a_contacts_matches(client, login, hotline, world):
    contact = _report(persons_mentioned=[{"name": "Mohammed Imran"}])
    url = reverse("hotline:contact_matches", args=[contact.pk])
    for user in (world.outsider, world.analyst, world.owner):
        assert login(user).get(url).status_code == 404


def test_non_trafficking_contacts_never_become_cases(client, login, hotline, world):
    contact = _report(narrative="What are your opening hours?", wants_information=True)
    client = login(hotline.operator)
    client.post(
        reverse("hotline:contact_triage", args=[contact.pk]),
        {"contact_class": "information_request", "urgency": "4"},
    )
    response = client.post(
        reverse("hotline:contact_case", args=[contact.pk]),
        {
            "case_types": ["bonded_labour"],
            "district": world.case.district_id,
            "opened_on": "2026-11-01",
            "status": "active",
            "sensitivity": "normal",
        },
    )
    assert response.status_code == 200
    assert "do not become cases" in response.content.decode()
    contact.refresh_from_db()
    assert contact.case is None


def test_attach_to_an_existing_case(client, login, hotline):
    from rahai.testing import make_case

    case = make_case(hotline.operator)
    contact = _report()
    client = login(hotline.operator)
    client.post(
        reverse("hotline:contact_triage", args=[contact.pk]),
        {"contact_class": "tip", "urgency": "3"},
    )
    client.post(reverse("hotline:contact_attach", args=[contact.pk]), {"reference": case.reference})
    contact.refresh_from_db()
    assert contact.case == case


@pytest.mark.parametrize(
    "who", ["owner", "partner", "outsider", "analyst", "auditor", "supervisor"]
)
def test_staff_outside_the_hotline_get_404(client, login, hotline, world, who):
    contact = _report()
    client = login(getattr(world, who))
    for url in [
        reverse("hotline:queue"),
        reverse("hotline:call_new"),
        reverse("hotline:contact_detail", args=[contact.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("hotline:contact_triage", args=[contact.pk]),
            {"contact_class": "tip", "urgency": "3"},
        ).status_code
        == 404
    )


def test_every_staff_view_of_a_contact_is_audited(client, login, hotline):
    contact = _report()
    login(hotline.operator).get(reverse("hotline:contact_detail", args=[contact.pk]))
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW,
        object_type="contact",
        object_id=str(contact.pk),
        actor=hotline.operator,
    ).exists()


def test_case_staff_see_a_contact_attached_to_their_case(client, login, hotline, world):
    contact = _report()
    client = login(hotline.operator)
    client.post(
        reverse("hotline:contact_triage", args=[contact.pk]),
        {"contact_class": "tip", "urgency": "3"},
    )
    from rahai.cases.services import case_share

    case_share(user=world.owner, case=world.case, organisation=hotline.organisation)
    client.post(
        reverse("hotline:contact_attach", args=[contact.pk]), {"reference": world.case.reference}
    )
    assert (
        login(world.owner).get(reverse("hotline:contact_detail", args=[contact.pk])).status_code
        == 200
    )


def test_an_unread_crisis_alert_shows_in_the_header(client, login, hotline):
    _report(narrative="Help, they are beating us, locked in", immediate_danger="yes")
    page = login(hotline.supervisor).get(reverse("core:home")).content.decode()
    assert "1 notification" in page
