"""Closing a plan: every checklist item ticked or marked not applicable with a reason, every
service delivered or cancelled; a clear message otherwise, and nothing half-saved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rahai.audit.models import AuditEntry
from rahai.support import services
from rahai.support.access import access_plan
from rahai.support.models import ChecklistItem, CheckState, PlanStatus
from rahai.support.tests.conftest import days_ago

pytestmark = pytest.mark.django_db

SETTLED = [
    {"item": "services", "state": "done"},
    {"item": "accommodation", "state": "done"},
    {"item": "legal_status", "state": "done"},
    {"item": "return_follow_up", "state": "not_applicable", "reason": "He was never moved."},
    {"item": "contact_consent", "state": "not_applicable", "reason": "Declined to discuss."},
    {"item": "survivor_informed", "state": "done"},
]


def _states(plan):
    return dict(plan.checklist.values_list("item", "state"))


def _mark(support, plan, item, state, reason=""):
    return services.checklist_mark(
        user=support.world.owner, plan=plan, item=item, state=state, reason=reason
    )


def test_a_new_plan_has_every_checklist_item_to_do(support):
    plan = support.plan()
    assert _states(plan) == {item: "todo" for item in ChecklistItem.values}


def test_closing_with_items_left_names_them_and_changes_nothing(support):
    plan = support.plan()
    _mark(support, plan, "accommodation", "done")
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.plan_close(user=support.world.owner, plan=plan, note="All done")
    message = " ".join(caught.value.message_dict["checklist"])
    assert "The plan cannot be closed yet" in message
    assert "Legal case status recorded" in message and "Survivor informed" in message
    assert "Safe accommodation arranged" not in message
    plan.refresh_from_db()
    assert plan.status == PlanStatus.OPEN and plan.closed_at is None and plan.closure_note == ""
    assert AuditEntry.objects.count() == entries


def test_not_applicable_needs_a_reason(support):
    plan = support.plan()
    with pytest.raises(ValidationError) as caught:
        _mark(support, plan, "return_follow_up", "not_applicable", "  ")
    assert "does not apply" in str(caught.value)
    assert _states(plan)["return_follow_up"] == CheckState.TODO
    check = _mark(support, plan, "return_follow_up", "not_applicable", "Never left Lahore.")
    assert check.reason == "Never left Lahore." and check.marked_by == support.world.owner


def test_services_still_planned_block_the_services_item_and_closing(support):
    plan = support.plan()
    support.service(plan)
    with pytest.raises(ValidationError) as caught:
        _mark(support, plan, "services", "done")
    assert "Shelter (Dar-ul-Aman Lahore)" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        services.plan_close(user=support.world.owner, plan=plan, checklist=SETTLED[1:])
    assert "still planned or in progress" in " ".join(caught.value.message_dict["services"])
    assert _states(plan)["accommodation"] == "todo"  # the marks sent with it were not saved


def test_consent_for_contact_must_be_on_record_before_it_is_ticked(support):
    plan = support.plan()
    with pytest.raises(ValidationError) as caught:
        _mark(support, plan, "contact_consent", "done")
    assert "No decision about being contacted" in str(caught.value)
    support.consent(purpose="contact")
    assert _mark(support, plan, "contact_consent", "done").state == "done"


def test_closing_in_one_step_saves_nothing_when_one_mark_fails(support):
    plan = support.plan()
    marks = [*SETTLED[:3], {"item": "return_follow_up", "state": "not_applicable"}, *SETTLED[4:]]
    with pytest.raises(ValidationError) as caught:
        services.plan_close(user=support.world.owner, plan=plan, checklist=marks)
    assert "return_follow_up" in caught.value.message_dict
    assert set(_states(plan).values()) == {"todo"}
    assert access_plan(support.world.owner, plan.pk).status == PlanStatus.OPEN


def test_a_settled_plan_closes_and_is_audited(support):
    plan = support.plan()
    delivered = support.service(plan)
    services.service_update(
        user=support.world.owner,
        service=delivered,
        data={"status": "delivered", "started_on": days_ago(9), "delivered_on": days_ago(2)},
    )
    closed = services.plan_close(
        user=support.world.owner, plan=plan, note="Home with his family.", checklist=SETTLED
    )
    assert closed.status == PlanStatus.CLOSED and closed.closed_by == support.world.owner
    assert _states(plan)["return_follow_up"] == "not_applicable"
    entry = AuditEntry.objects.filter(object_type="support_plan", fields=["closure_note", "status"])
    assert entry.get().person_id == support.world.victim.pk


def test_a_closed_plan_cannot_be_changed_but_a_new_one_may_be_opened(support):
    plan = support.plan()
    services.plan_close(user=support.world.owner, plan=plan, checklist=SETTLED)
    with pytest.raises(ValidationError, match="closed"):
        support.service(plan)
    with pytest.raises(ValidationError, match="closed"):
        services.follow_up_record(
            user=support.world.owner, plan=plan, data={"method": "phone", "outcome": "ok"}
        )
    assert support.plan().status == PlanStatus.OPEN


def test_a_victim_has_one_open_plan_per_case(support):
    support.plan()
    with pytest.raises(ValidationError, match="already has an open support plan"):
        support.plan()


def test_the_close_button_shows_the_message_and_leaves_the_plan_open(support, login):
    plan = support.plan()
    client = login(support.world.owner)
    response = client.post(
        reverse("support:plan_close", args=[plan.pk]), {"note": "done"}, follow=True
    )
    page = response.content.decode()
    assert "The plan cannot be closed yet" in page and "Survivor informed about the closure" in page
    plan.refresh_from_db()
    assert plan.status == PlanStatus.OPEN and plan.closure_note == ""
