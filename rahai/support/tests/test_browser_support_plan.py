"""In a real browser: from the case page the owner opens a victim's support plan, adds a
planned service and ticks the closure checklist inline (htmx), then reads the journey."""

import os

import pytest

from rahai.browser import chromium_page
from rahai.orgs.models import OrganisationKind
from rahai.testing import PASSWORD, build_world, make_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _sign_in(page, base, user):
    page.goto(base + "/accounts/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def test_open_a_plan_add_a_service_and_tick_the_checklist(live_server):
    world = build_world()
    shelter_org = make_org("Dar-ul-Aman Lahore", kind=OrganisationKind.SHELTER)
    base = live_server.url
    with chromium_page() as page:
        _sign_in(page, base, world.owner)
        page.goto(f"{base}/cases/{world.case.pk}/")
        page.click(f"a[href='/support/cases/{world.case.pk}/victims/{world.victim.pk}/']")
        page.check("input[name=needs][value=shelter]")
        page.check("input[name=needs][value=legal_aid]")
        page.fill("#id_goals", "Wants to go home to Okara.")
        page.click("button:text('Open the plan')")
        page.wait_for_selector("text=Support plan opened.")
        plan_url = page.url

        page.click("summary:text('Add a planned service')")
        page.select_option("#id_service", "shelter")
        page.select_option("#id_provider", str(shelter_org.pk))
        page.fill("#id_planned_start", "2026-03-05")
        with page.expect_response(lambda r: r.url.endswith("/services/")):  # htmx, no reload
            page.click("button:text('Add service')")
        page.wait_for_selector("#services >> text=Service added to the plan.")
        assert page.url == plan_url
        assert "Dar-ul-Aman Lahore" in page.inner_text("#services")

        with page.expect_response(lambda r: r.url.endswith("/checklist/")):
            page.click("#check-accommodation >> button:text('Tick')")
        page.wait_for_selector("#checklist >> text=Checklist saved.")
        assert "Done" in page.inner_text("#check-accommodation")
        page.fill("#reason-return_follow_up", "He never left Lahore.")
        page.click("#check-return_follow_up >> button:text('Not applicable')")
        page.wait_for_selector("#check-return_follow_up >> text=He never left Lahore.")

        page.click("text=The survivor's journey")
        page.wait_for_selector("text=Service planned: Shelter by Dar-ul-Aman Lahore")
        assert "Support plan opened" in page.content()
