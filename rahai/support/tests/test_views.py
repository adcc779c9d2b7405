"""The plan pages: from the case page to a victim's plan, opening one, the plan page audited,
and its parts written inline with htmx (adding a service, a follow-up, ticking the checklist)."""

import pytest
from django.urls import reverse

from rahai.audit.models import AuditAction, AuditEntry
from rahai.support.models import PlanStatus
from rahai.support.tests.conftest import days_ago

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_case_page_links_each_victim_to_their_plan_and_journey(support, login):
    world = support.world
    page = login(world.owner).get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    for victim in (world.victim, support.second_victim):
        assert reverse("support:victim", args=[world.case.pk, victim.pk]) in page
        assert reverse("support:journey", args=[world.case.pk, victim.pk]) in page
    assert reverse("support:victim", args=[world.case.pk, support.suspect.pk]) not in page


def test_the_owner_opens_a_plan_from_the_victims_page(support, login):
    world = support.world
    client = login(world.owner)
    url = reverse("support:victim", args=[world.case.pk, world.victim.pk])
    page = client.get(url).content.decode()
    assert "Open a support plan" in page and "Bonded-labour release and rehabilitation" in page
    response = client.post(
        url,
        {
            "needs": ["shelter", "family_tracing"],
            "goals": "Find his mother in Okara.",
            "key_worker": world.owner.pk,
            "opened_on": days_ago(0),
        },
    )
    plan = world.case.support_plans.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "support:plan", args=[plan.pk]
    )
    assert plan.needs == ["shelter", "family_tracing"] and plan.goals == "Find his mother in Okara."
    assert client.get(url).status_code == 302  # with an open plan, straight to it


def test_a_partner_sees_no_form_to_open_a_plan(support, login):
    world = support.world
    url = reverse("support:victim", args=[world.case.pk, world.victim.pk])
    client = login(world.partner)
    assert "Open a support plan" not in client.get(url).content.decode()
    assert client.post(url, {"needs": ["shelter"]}).status_code == 403


def test_every_view_of_the_plan_page_is_audited(support, login):
    plan = support.plan()
    login(support.world.owner).get(reverse("support:plan", args=[plan.pk]))
    entry = AuditEntry.objects.get(object_type="support_plan", action=AuditAction.VIEW)
    assert entry.person_id == support.world.victim.pk and entry.object_id == str(plan.pk)


def test_adding_a_planned_service_with_htmx_answers_with_the_services_part(support, login):
    plan = support.plan()
    client = login(support.world.owner)
    response = client.post(
        reverse("support:service_add", args=[plan.pk]),
        {
            "service": "legal_aid",
            "provider": support.legal_org.pk,
            "planned_start": days_ago(-3),
            "status": "planned",
        },
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Service added to the plan." in html and "Lahore Legal Aid Society" in html
    assert plan.services.get().service == "legal_aid"


def test_an_invalid_service_comes_back_with_its_errors_and_nothing_saved(support, login):
    plan = support.plan()
    response = login(support.world.owner).post(
        reverse("support:service_add", args=[plan.pk]),
        {
            "service": "shelter",
            "provider": support.shelter_org.pk,
            "planned_start": days_ago(5),
            "status": "delivered",
        },
        **HTMX,
    )
    html = response.content.decode()
    assert "Nothing was saved" in html and "Give the date the service was delivered." in html
    assert not plan.services.exists()


def test_recording_a_follow_up_with_htmx(support, login):
    plan = support.plan()
    response = login(support.world.owner).post(
        reverse("support:follow_up_add", args=[plan.pk]),
        {
            "contacted_on": days_ago(1),
            "method": "whatsapp",
            "outcome": "Asked about his CNIC.",
            "next_due": days_ago(-14),
        },
        **HTMX,
    )
    html = response.content.decode()
    assert "Follow-up recorded." in html and "Asked about his CNIC." in html
    assert days_ago(-14).isoformat() in html


def test_ticking_the_checklist_inline(support, login):
    plan = support.plan()
    client = login(support.world.owner)
    url = reverse("support:checklist_mark", args=[plan.pk])
    html = client.post(url, {"item": "accommodation", "state": "done"}, **HTMX).content.decode()
    assert "Checklist saved." in html and 'id="check-accommodation"' in html
    html = client.post(
        url, {"item": "legal_status", "state": "not_applicable"}, **HTMX
    ).content.decode()
    assert "does not apply" in html
    states = dict(plan.checklist.values_list("item", "state"))
    assert states["accommodation"] == "done" and states["legal_status"] == "todo"


def test_the_plan_list_shows_no_names(support, login):
    plan = support.plan()
    page = login(support.world.owner).get(reverse("support:list")).content.decode()
    assert reverse("support:plan", args=[plan.pk]) in page and "Imran" not in page
    assert plan.status == PlanStatus.OPEN
