"""The survivor's journey: everything the viewer may see about one victim in one case, in date
order, each piece through its own access layer; every view audited."""

from datetime import date

import pytest
from django.urls import reverse

from rahai.accounts.models import RoleCode
from rahai.audit.models import AuditAction, AuditEntry
from rahai.cases import services as case_services
from rahai.geo.models import District
from rahai.hotline import services as hotline_services
from rahai.hotline.intake import ReportData
from rahai.orgs.models import JurisdictionLevel, OrganisationKind
from rahai.referrals import services as referral_services
from rahai.support import services
from rahai.support.tests.conftest import days_ago
from rahai.testing import make_org, make_user

pytestmark = pytest.mark.django_db


def _hotline_contact(world):
    org = make_org(
        "National Hotline",
        kind=OrganisationKind.HOTLINE,
        district_code="ISB",
        level=JurisdictionLevel.NATIONAL,
    )
    operator = make_user("operator", org, RoleCode.HOTLINE_OPERATOR)
    contact = hotline_services.call_log(
        user=operator,
        data=ReportData(narrative="A man escaped a brick kiln in Shahdara", language="ur"),
        contact_class="tip",
        urgency=2,
        case_types=["bonded_labour"],
        indicators=["debt_bondage"],
    )
    hotline_services.contact_attach_to_case(user=operator, contact=contact, case=world.case)
    return contact


def _story(support):
    """A journey with a piece of each kind."""
    world, owner = support.world, support.world.owner
    case_services.event_create(
        user=owner,
        case=world.case,
        data={
            "event_type": "interception",
            "place": "Brick kiln, Shahdara",
            "district": District.objects.get(code="LHR"),
            "occurred_on": date(2026, 2, 20),
            "person": world.victim,
            "position": 1,
        },
    )
    role = world.case.roles.get(person=world.victim)
    case_services.case_role_update(user=owner, role=role, data={"trafficking_status": "actual"})
    case_services.case_update(user=owner, case=world.case, data={"fir_number": "FIR 117/2026"})
    contact = _hotline_contact(world)
    referral = support.refer()  # also records the consent for the shelter
    lawyer_referral = support.refer(support.legal_org, service="legal_aid")
    plan = support.plan(opened_on=days_ago(12))
    shelter = support.service(plan, referral=referral)
    support.service(plan, support.legal_org, service="legal_aid", referral=lawyer_referral)
    services.service_update(
        user=owner,
        service=shelter,
        data={"status": "delivered", "started_on": days_ago(9), "delivered_on": days_ago(2)},
    )
    services.follow_up_record(
        user=support.shelter,
        plan=plan,
        data={"contacted_on": days_ago(1), "method": "home_visit", "outcome": "Settled at home."},
    )
    services.follow_up_record(
        user=owner,
        plan=plan,
        data={"contacted_on": days_ago(1), "method": "phone", "outcome": "Police call: calm."},
    )
    referral_services.referral_complete(user=support.shelter, referral=referral, outcome="Housed")
    return plan, contact


def _journey(client, world):
    response = client.get(reverse("support:journey", args=[world.case.pk, world.victim.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _in_order(page, *texts):
    positions = [page.index(text) for text in texts]
    assert positions == sorted(positions), list(zip(texts, positions, strict=True))


def test_the_case_owner_sees_every_kind_of_event_in_date_order(support, login):
    _plan, contact = _story(support)
    page = _journey(login(support.world.owner), support.world)
    _in_order(
        page,
        "Interception / rescue: Brick kiln, Shahdara, Lahore",  # 2026-02-20
        f"Case {support.world.case.reference} opened",  # 2026-03-01
        "Support plan opened",  # 12 days ago
        "Service planned: Shelter by Dar-ul-Aman Lahore",  # 10 days ago
        "Service started: Shelter",  # 9 days ago
        "Service delivered: Shelter",  # 2 days ago
        "Follow-up: Home visit",  # yesterday
        "Consent given: Sharing with a named organisation: Dar-ul-Aman Lahore",  # today, no time
        "Added to the case as a victim",  # today, in the order things happened
        "Trafficking status: Actual (identified)",
        "FIR FIR 117/2026 recorded",
        f"Hotline contact {contact.reference}",
        ": Sent",
        ": Accepted",
        ": Completed",
    )
    assert "Follow-up: Phone" in page and "Service planned: Legal aid" in page


def test_a_receiver_sees_only_its_referral_its_services_and_its_follow_ups(support, login):
    _story(support)
    referral = support.refer(accept=False)  # a second shelter referral, to see it again
    referral_services.referral_accept(user=support.shelter, referral=referral)
    page = _journey(login(support.shelter), support.world)
    assert "Muhammad Imran Khan" in page
    assert "Service delivered: Shelter by Dar-ul-Aman Lahore" in page
    assert "Settled at home." in page and referral.reference in page
    for text in [
        "Interception",
        "FIR 117",
        "Hotline contact",
        "Consent given",
        "Trafficking status",
        "Service planned: Legal aid",
        "Lahore Legal Aid Society",
        "(owner)",
        "Police call",
        "35202",
        "Ghafoor",
        "Nasreen",
    ]:
        assert text not in page, text


def test_every_view_of_the_journey_is_audited_as_a_view_of_the_person(support, login):
    world = support.world
    _journey(login(world.owner), world)
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, fields=["journey"])
    assert (entry.actor, entry.person_id, entry.case_id) == (
        world.owner,
        world.victim.pk,
        world.case.pk,
    )
    assert entry.object_type == "person"


def test_the_journey_is_404_for_those_who_may_not_see_it(support, login):
    _story(support)
    world = support.world
    for user in (world.outsider, world.analyst, world.auditor):
        client = login(user)
        url = reverse("support:journey", args=[world.case.pk, world.victim.pk])
        assert client.get(url).status_code == 404, user
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW, fields=["journey"]).exists()


def _route_and_plan(support):
    """An interception at Shahdara, Lahore, and a plan for shelter and legal aid."""
    world = support.world
    case_services.event_create(
        user=world.owner,
        case=world.case,
        data={
            "event_type": "interception",
            "place": "Shahdara",
            "district": District.objects.get(code="LHR"),
            "occurred_on": date(2026, 2, 20),
            "person": world.victim,
            "position": 1,
        },
    )
    support.plan(opened_on=days_ago(12), needs=["shelter", "legal_aid"])


def test_an_urdu_journey_joins_the_places_and_the_needs_with_the_urdu_comma(support, login):
    _route_and_plan(support)
    client = login(support.world.owner)
    client.cookies["django_language"] = "ur"
    page = _journey(client, support.world)
    assert "Shahdara، لاہور، پنجاب" in page
    assert "پناہ گاہ (شیلٹر ہوم)، قانونی امداد" in page
    assert "Shahdara, لاہور" not in page and "پناہ گاہ (شیلٹر ہوم), " not in page


def test_an_english_journey_joins_them_with_the_latin_comma(support, login):
    _route_and_plan(support)
    page = _journey(login(support.world.owner), support.world)
    assert "Interception / rescue: Shahdara, Lahore, Punjab" in page
    assert "Shelter, Legal aid" in page
