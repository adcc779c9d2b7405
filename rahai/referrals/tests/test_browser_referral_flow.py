"""End to end in a real browser: the police refer a victim to a shelter; the shelter sees no
name until it accepts, then the scope, and nothing again once it completes."""

import os

import pytest

from rahai.browser import chromium_page
from rahai.consent.services import consent_record
from rahai.orgs.models import OrganisationKind
from rahai.testing import PASSWORD, build_world, make_org, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _sign_in(page, base, user):
    page.goto(base + "/accounts/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def test_refer_accept_complete(live_server):
    world = build_world()
    shelter_org = make_org("Dar-ul-Aman Lahore", kind=OrganisationKind.SHELTER)
    shelter = make_user("shelter", shelter_org, "caseworker")
    consent_record(
        user=world.owner,
        person=world.victim,
        data={
            "purpose": "share_organisation",
            "organisation": shelter_org,
            "decision": "given",
            "language": "ur",
        },
    )
    base = live_server.url
    with chromium_page() as page:
        _sign_in(page, base, world.owner)
        page.goto(f"{base}/cases/{world.case.pk}/")
        page.click("text=Refer to a service")
        with page.expect_response(lambda r: "service=shelter" in r.url):  # htmx swaps the list
            page.select_option("#id_service", "shelter")
        page.wait_for_load_state("networkidle")
        page.select_option("#id_to_organisation", str(shelter_org.pk))
        page.select_option("#id_urgency", "emergency")
        page.fill("#id_need", "Adult man, needs a safe bed tonight")
        page.fill("#id_reason", "Escaped from the kiln owner")
        page.check("#id_share_contact")
        page.click("button:text('Send referral')")
        page.wait_for_selector("text=sent.")
        reference = page.inner_text("h1").split()[0]
        assert reference.startswith("RF-")
        page.click("button:text('Sign out')")

        _sign_in(page, base, shelter)
        page.click("nav >> text=Referrals")
        page.click(f"text={reference}")
        page.wait_for_selector("text=Adult man, needs a safe bed tonight")
        assert "Imran" not in page.content()
        page.click("button:text('Accept')")
        page.wait_for_selector("text=Referral accepted.")
        assert "Muhammad Imran Khan" in page.inner_text("#shared")
        assert "+923001234567" in page.inner_text("#shared")
        assert "35202" not in page.content() and "Ghafoor" not in page.content()
        page.fill("#id_outcome", "Sheltered for ten days, then home.")
        page.click("button:text('Complete')")
        page.wait_for_selector("text=Referral completed.")
        assert "Imran" not in page.content()
        response = page.goto(f"{base}/cases/{world.case.pk}/")
        assert response.status == 404 and world.case.reference not in page.content()
