"""Planning and delivering services: dates and statuses that make sense, links to the directory
and to referrals, and a completed referral's outcome recorded as the delivery."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from rahai.audit.models import AuditAction, AuditEntry
from rahai.referrals import services as referral_services
from rahai.services_directory.models import ServiceOffering
from rahai.support import services
from rahai.support.access import access_plan
from rahai.support.models import ServiceStatus
from rahai.support.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


def _update(support, service, user=None, **data):
    return services.service_update(user=user or support.world.owner, service=service, data=data)


def _complete(support, referral, outcome="Sheltered ten nights; reunited with his brother."):
    referral_services.referral_start(user=support.shelter, referral=referral)
    return referral_services.referral_complete(
        user=support.shelter, referral=referral, outcome=outcome
    )


def test_opening_a_plan_is_audited_with_the_case_and_the_victim(support):
    plan = support.plan()
    entry = AuditEntry.objects.get(object_type="support_plan", action=AuditAction.CREATE)
    assert entry.case_id == support.world.case.pk and entry.person_id == support.world.victim.pk
    assert entry.details["changes"]["risk_notes"][1] == "The kiln owner's munshi knows his village."
    assert plan.needs == ["shelter", "legal_aid"]


def test_a_plan_is_only_for_a_victim_and_only_by_the_case_owner(support):
    with pytest.raises(ValidationError, match="victim of this case"):
        services.plan_create(
            user=support.world.owner, case=support.world.case, person=support.suspect, data={}
        )
    with pytest.raises(PermissionDenied):
        services.plan_create(
            user=support.world.partner,
            case=support.world.case,
            person=support.world.victim,
            data={},
        )


def test_needs_and_the_key_worker_are_checked(support):
    with pytest.raises(ValidationError) as caught:
        support.plan(needs=["shelter", "investigation"], key_worker=support.shelter)
    assert set(caught.value.message_dict) == {"needs", "key_worker"}


def test_delivery_needs_consistent_dates_and_a_cancellation_needs_a_reason(support):
    plan = support.plan()
    service = support.service(plan)
    cases = [
        ({"status": "in_progress"}, "started_on"),
        ({"status": "delivered", "started_on": days_ago(3)}, "delivered_on"),
        (
            {"status": "delivered", "started_on": days_ago(3), "delivered_on": days_ago(5)},
            "delivered_on",
        ),
        ({"status": "delivered", "delivered_on": days_ago(-2)}, "delivered_on"),
        ({"status": "cancelled"}, "outcome"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationError) as caught:
            _update(support, service, **data)
        assert field in caught.value.message_dict, data
    service.refresh_from_db()
    assert service.status == ServiceStatus.PLANNED
    _update(support, service, status="cancelled", outcome="He chose his uncle's home instead.")
    service.refresh_from_db()
    assert service.status == ServiceStatus.CANCELLED


def test_a_directory_entry_must_be_the_providers_for_the_service(support):
    plan = support.plan()
    offering = ServiceOffering.objects.create(organisation=support.legal_org, service="legal_aid")
    with pytest.raises(ValidationError) as caught:
        support.service(plan, support.shelter_org, offering=offering)
    assert "offering" in caught.value.message_dict
    service = support.service(plan, support.legal_org, service="legal_aid", offering=offering)
    assert service.offering == offering


def test_a_linked_referral_must_be_this_victims_to_this_provider(support):
    plan = support.plan()
    referral = support.refer()
    with pytest.raises(ValidationError) as caught:
        support.service(plan, support.legal_org, referral=referral)
    assert "referral" in caught.value.message_dict
    assert support.service(plan, referral=referral).referral == referral


def test_a_completed_referral_is_suggested_and_recorded_as_the_linked_delivery(support, login):
    plan = support.plan()
    referral = support.refer()
    linked = support.service(plan, referral=referral)
    _complete(support, referral)
    client = login(support.world.owner)
    page = client.get(reverse("support:plan", args=[plan.pk])).content.decode()
    assert "Completed referrals not yet recorded as delivered" in page
    assert referral.reference in page and "reunited with his brother" in page
    response = client.post(
        reverse("support:service_from_referral", args=[plan.pk, referral.pk]), follow=True
    )
    assert "Recorded as delivered from referral" in response.content.decode()
    linked.refresh_from_db()
    assert linked.status == ServiceStatus.DELIVERED
    assert linked.outcome == "Sheltered ten nights; reunited with his brother."
    assert linked.delivered_on == days_ago(0) and linked.started_on == days_ago(0)
    assert plan.services.count() == 1
    page = client.get(reverse("support:plan", args=[plan.pk])).content.decode()
    assert "Completed referrals not yet recorded as delivered" not in page


def test_without_a_linked_service_the_referral_becomes_a_delivered_one(support):
    plan = support.plan()
    referral = _complete(support, support.refer())
    owner_plan = access_plan(support.world.owner, plan.pk)
    service = services.planned_service_from_referral(
        user=support.world.owner, plan=owner_plan, referral=referral
    )
    assert (service.service, service.provider, service.referral) == (
        "shelter",
        support.shelter_org,
        referral,
    )
    assert service.status == ServiceStatus.DELIVERED
    with pytest.raises(ValidationError, match="already recorded as delivered"):
        services.planned_service_from_referral(
            user=support.world.owner, plan=owner_plan, referral=referral
        )


def test_only_a_completed_referral_is_recorded_as_a_delivery(support):
    plan = support.plan()
    referral = support.refer()
    with pytest.raises(ValidationError, match="completed"):
        services.planned_service_from_referral(
            user=support.world.owner, plan=plan, referral=referral
        )


def test_the_receiver_cannot_record_a_delivery_from_the_referral(support):
    plan = support.plan()
    referral = support.refer()
    with pytest.raises(PermissionDenied):
        services.planned_service_from_referral(
            user=support.shelter, plan=access_plan(support.shelter, plan.pk), referral=referral
        )


def test_every_write_is_audited(support):
    plan = support.plan()
    service = support.service(plan)
    _update(support, service, status="in_progress", started_on=days_ago(1))
    services.follow_up_record(
        user=support.world.owner, plan=plan, data={"method": "whatsapp", "outcome": "Fine"}
    )
    services.checklist_mark(user=support.world.owner, plan=plan, item="accommodation", state="done")
    kinds = list(
        AuditEntry.objects.filter(person_id=support.world.victim.pk)
        .exclude(object_type__in=["person", "case_role", "consent", "referral"])
        .order_by("seq")
        .values_list("object_type", "action")
    )
    assert kinds == [
        ("support_plan", "create"),
        ("planned_service", "create"),
        ("planned_service", "update"),
        ("follow_up", "create"),
        ("support_plan", "update"),
    ]
