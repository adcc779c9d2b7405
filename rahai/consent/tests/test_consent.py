"""Consent per purpose: recorded on the person page, withdrawable, and looked up by purpose."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from rahai.audit.models import AuditEntry
from rahai.consent.models import ConsentPurpose
from rahai.consent.services import consent_for, consent_record, consent_withdraw, has_consent
from rahai.orgs.models import OrganisationKind
from rahai.testing import make_org

pytestmark = pytest.mark.django_db


def _record(world, **data):
    base = {"decision": "given", "decided_on": date(2026, 3, 2), "language": "pa"}
    return consent_record(user=world.owner, person=world.victim, data={**base, **data})


def test_consent_for_finds_the_decision_for_each_purpose(world):
    shelter = make_org("Shelter A", kind=OrganisationKind.SHELTER)
    other_shelter = make_org("Shelter B", kind=OrganisationKind.SHELTER)
    assert consent_for(world.victim, ConsentPurpose.STATISTICS) is None
    _record(world, purpose="statistics", decision="refused")
    _record(world, purpose="share_kind", organisation_kind="shelter")
    _record(world, purpose="share_organisation", organisation=other_shelter, decision="refused")
    assert not has_consent(world.victim, ConsentPurpose.STATISTICS)
    assert has_consent(world.victim, ConsentPurpose.SHARE_ORGANISATION, shelter)
    assert not has_consent(world.victim, ConsentPurpose.SHARE_ORGANISATION, other_shelter)
    assert not has_consent(world.victim, ConsentPurpose.SHARE_ORGANISATION, world.outsider_org)
    assert consent_for(world.victim, ConsentPurpose.CONTACT) is None


def test_the_latest_decision_wins_and_a_withdrawn_one_no_longer_counts(world):
    first = _record(world, purpose="contact", decided_on=date(2026, 1, 1))
    _record(world, purpose="contact", decision="refused", decided_on=date(2026, 2, 1))
    assert not has_consent(world.victim, ConsentPurpose.CONTACT)
    latest = consent_for(world.victim, ConsentPurpose.CONTACT)
    consent_withdraw(user=world.owner, consent=latest)
    assert consent_for(world.victim, ConsentPurpose.CONTACT) == first
    with pytest.raises(ValidationError):
        consent_withdraw(user=world.owner, consent=latest)


def test_a_consent_must_say_what_it_covers(world):
    with pytest.raises(ValidationError) as caught:
        _record(world, purpose="share_organisation")
    assert "organisation" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        _record(world, purpose="share_kind", organisation_kind="", language="xx")
    assert {"organisation_kind", "language"} <= set(caught.value.message_dict)
    with pytest.raises(ValidationError):
        _record(world, purpose="contact", decided_on=timezone.localdate() + timedelta(days=1))


def test_only_those_who_may_change_the_person_record_consent(world):
    with pytest.raises(PermissionDenied):
        consent_record(
            user=world.partner,
            person=world.victim,
            data={"purpose": "contact", "decision": "given", "language": "ur"},
        )


def test_consent_is_recorded_and_withdrawn_on_the_person_page_and_audited(world, login):
    client = login(world.owner)
    url = reverse("people:detail", args=[world.victim.pk])
    page = client.get(url).content.decode()
    assert "No consent recorded" in page and "Record a consent decision" in page
    response = client.post(
        reverse("consent:record", args=[world.victim.pk]),
        {
            "purpose": "share_organisation",
            "organisation": world.partner_org.pk,
            "decision": "given",
            "given_by": "self",
            "decided_on": "2026-03-02",
            "language": "skr",
            "notes": "Explained with her brother present.",
        },
    )
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert "Lahore Shelter NGO" in page and "Saraiki" in page
    assert "Explained with her brother present." in page
    consent = world.victim.consents.get()
    entry = AuditEntry.objects.get(object_type="consent", action="create")
    assert entry.person_id == world.victim.pk and "notes" in entry.fields
    client.post(reverse("consent:withdraw", args=[consent.pk]), {"note": ""})
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None


def test_notes_are_encrypted_at_rest(world):
    from django.db import connection

    _record(world, purpose="contact", notes="Only call after 6 pm, husband checks phone")
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM consent_consent")
        (stored,) = cursor.fetchone()
    assert stored.startswith("v1:") and "husband" not in stored


def test_the_partner_reads_but_cannot_record_and_outsiders_get_404(world, login):
    url = reverse("people:detail", args=[world.victim.pk])
    page = login(world.partner).get(url).content.decode()
    assert "Record a consent decision" not in page
    record = reverse("consent:record", args=[world.victim.pk])
    data = {"purpose": "contact", "decision": "given", "decided_on": "2026-03-02", "language": "ur"}
    assert login(world.partner).post(record, data).status_code == 403
    assert login(world.outsider).post(record, data).status_code == 404
    consent = _record(world, purpose="contact")
    withdraw = reverse("consent:withdraw", args=[consent.pk])
    assert login(world.outsider).post(withdraw).status_code == 404
    assert login(world.partner).post(withdraw).status_code == 403


@pytest.mark.parametrize("code", ["bsk", "brh", "other", "bft"])
def test_a_consent_can_be_explained_in_any_language_of_the_one_list(world, code):
    consent = _record(world, purpose="statistics", language=code)
    assert consent.language == code


def test_the_person_page_names_a_consents_language_in_urdu(world, login):
    _record(world, purpose="statistics", language="bsk")
    client = login(world.owner)
    client.cookies["django_language"] = "ur"
    page = client.get(reverse("people:detail", args=[world.victim.pk])).content.decode()
    assert "بروشسکی" in page
