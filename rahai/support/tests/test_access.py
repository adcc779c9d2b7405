"""Who sees and changes a support plan: the case's owner edits, a partner the case is shared
with reads, a receiving organisation sees only its own services and follow-ups and only while
its referral shares data, everyone else gets 404."""

import pytest
from django.urls import reverse

from rahai.consent.access import person_consents
from rahai.consent.services import consent_withdraw
from rahai.referrals import services as referral_services
from rahai.support import services
from rahai.support.access import access_plan, visible_plans
from rahai.support.tests.conftest import days_ago

pytestmark = pytest.mark.django_db

PRIVATE = ["Wants to go home to Okara", "munshi knows his village", "35202", "Ghafoor"]


def _plan_with_two_providers(support):
    plan = support.plan()
    support.service(plan, support.shelter_org, service="shelter")
    support.service(plan, support.legal_org, service="legal_aid", planned_start=days_ago(3))
    services.follow_up_record(
        user=support.world.owner,
        plan=plan,
        data={"method": "phone", "outcome": "Police follow-up: he is calm."},
    )
    return plan


def _get(client, name, *args):
    return client.get(reverse(name, args=args))


def test_the_case_owner_opens_sees_and_changes_the_plan(support, login):
    plan = _plan_with_two_providers(support)
    client = login(support.world.owner)
    page = _get(client, "support:plan", plan.pk).content.decode()
    for text in ["Muhammad Imran Khan", "Wants to go home to Okara", "munshi knows his village"]:
        assert text in page
    assert "Lahore Legal Aid Society" in page and "Police follow-up" in page
    assert "Close the plan" in page and "Add a planned service" in page
    response = client.post(
        reverse("support:plan_edit", args=[plan.pk]),
        {"needs": ["shelter"], "goals": "Home by Eid", "opened_on": plan.opened_on},
    )
    assert response.status_code == 302
    assert access_plan(support.world.owner, plan.pk).goals == "Home by Eid"


@pytest.mark.parametrize("who", ["outsider", "analyst", "auditor"])
def test_outsiders_analysts_and_auditors_get_404_everywhere(support, login, who):
    plan = _plan_with_two_providers(support)
    world = support.world
    client = login(getattr(world, who))
    urls = [
        reverse("support:plan", args=[plan.pk]),
        reverse("support:victim", args=[world.case.pk, world.victim.pk]),
        reverse("support:journey", args=[world.case.pk, world.victim.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("support:service_add", args=[plan.pk])).status_code == 404
    assert not visible_plans(getattr(world, who)).exists()


def test_a_partner_the_case_is_shared_with_reads_but_does_not_change(support, login):
    plan = _plan_with_two_providers(support)
    client = login(support.world.partner)
    page = _get(client, "support:plan", plan.pk).content.decode()
    assert "munshi knows his village" in page and "Close the plan" not in page
    response = client.post(
        reverse("support:checklist_mark", args=[plan.pk]),
        {"item": "accommodation", "state": "done"},
    )
    assert response.status_code == 403


def test_a_receiver_sees_nothing_before_it_accepts(support, login):
    plan = _plan_with_two_providers(support)
    support.refer(accept=False)
    client = login(support.shelter)
    assert _get(client, "support:plan", plan.pk).status_code == 404
    assert (
        _get(client, "support:journey", support.world.case.pk, support.world.victim.pk).status_code
        == 404
    )


def test_after_accepting_the_receiver_sees_only_its_own_services_and_follow_ups(support, login):
    plan = _plan_with_two_providers(support)
    support.refer()
    client = login(support.shelter)
    page = _get(client, "support:plan", plan.pk).content.decode()
    assert "Muhammad Imran Khan" in page  # the referral shares the identity
    assert "Dar-ul-Aman Lahore" in page and "Shelter" in page
    for text in PRIVATE + ["Lahore Legal Aid Society", "Police follow-up", "Closure checklist"]:
        assert text not in page, text
    assert _get(client, "cases:detail", support.world.case.pk).status_code == 404
    assert _get(client, "people:detail", support.world.victim.pk).status_code == 404


def test_a_receiver_without_a_shared_identity_sees_no_name(support, login):
    plan = _plan_with_two_providers(support)
    support.refer(share_identity=False)
    page = _get(login(support.shelter), "support:plan", plan.pk).content.decode()
    assert "Dar-ul-Aman Lahore" in page and "Imran" not in page


def test_the_receiver_records_delivery_of_its_own_service_only(support, login):
    plan = _plan_with_two_providers(support)
    own, other = plan.services.order_by("id")
    support.refer()
    client = login(support.shelter)
    response = client.post(
        reverse("support:service_update", args=[plan.pk, own.pk]),
        {
            "status": "delivered",
            "started_on": days_ago(9),
            "delivered_on": days_ago(1),
            "outcome": "Ten nights, then home.",
        },
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == "delivered" and own.outcome == "Ten nights, then home."
    response = client.post(
        reverse("support:service_update", args=[plan.pk, other.pk]), {"status": "cancelled"}
    )
    assert response.status_code == 404


def test_the_receiver_adds_services_and_follow_ups_only_for_itself(support, login):
    plan = support.plan()
    support.refer()
    client = login(support.shelter)
    response = client.post(
        reverse("support:service_add", args=[plan.pk]),
        {
            "service": "medical",
            "provider": support.legal_org.pk,
            "planned_start": days_ago(1),
            "status": "planned",
        },
    )
    assert response.status_code == 302 and not plan.services.exists()
    client.post(
        reverse("support:service_add", args=[plan.pk]),
        {
            "service": "medical",
            "provider": support.shelter_org.pk,
            "planned_start": days_ago(1),
            "status": "planned",
        },
    )
    assert plan.services.get().provider == support.shelter_org
    client.post(
        reverse("support:follow_up_add", args=[plan.pk]),
        {"contacted_on": days_ago(0), "method": "in_person", "outcome": "Settled in well."},
    )
    follow_up = plan.follow_ups.get()
    assert follow_up.organisation == support.shelter_org and follow_up.by == support.shelter


@pytest.mark.parametrize("ending", ["complete", "revoke"])
def test_completing_or_revoking_the_referral_ends_the_receivers_access(support, login, ending):
    plan = _plan_with_two_providers(support)
    referral = support.refer()
    client = login(support.shelter)
    assert _get(client, "support:plan", plan.pk).status_code == 200
    if ending == "complete":
        referral_services.referral_complete(user=support.shelter, referral=referral, outcome="Done")
    else:
        referral_services.referral_revoke(user=support.world.owner, referral=referral)
    assert _get(client, "support:plan", plan.pk).status_code == 404
    assert (
        _get(client, "support:journey", support.world.case.pk, support.world.victim.pk).status_code
        == 404
    )
    assert not visible_plans(support.shelter).exists()


def test_withdrawing_consent_ends_the_receivers_access_at_once(support, login):
    plan = _plan_with_two_providers(support)
    support.refer()
    client = login(support.shelter)
    assert _get(client, "support:plan", plan.pk).status_code == 200
    consent = person_consents(support.world.owner, support.world.victim).get()
    consent_withdraw(user=support.world.owner, consent=consent)
    assert _get(client, "support:plan", plan.pk).status_code == 404


def test_a_referral_of_another_victim_opens_nothing(support, login):
    plan = _plan_with_two_providers(support)
    support.consent(person=support.second_victim)
    support.refer(person=support.second_victim)
    assert _get(login(support.shelter), "support:plan", plan.pk).status_code == 404


def test_only_a_victim_of_the_case_has_a_plan_page(support, login):
    client = login(support.world.owner)
    world = support.world
    assert _get(client, "support:victim", world.case.pk, support.suspect.pk).status_code == 404
    assert _get(client, "support:journey", world.case.pk, support.suspect.pk).status_code == 404
