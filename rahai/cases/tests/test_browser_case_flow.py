"""End to end in a real browser: sign in, create a case with a victim and a three-leg route,
then find it again by the victim's name in Urdu script."""

import os

import pytest

from rahai.browser import chromium_page
from rahai.testing import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's sync API runs a loop in this thread


def test_investigator_records_a_case_and_finds_it_by_urdu_name(live_server):
    world = build_world()
    with chromium_page() as page:
        page.goto(live_server.url + "/accounts/sign-in/")
        page.fill("#id_username", world.owner.username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(live_server.url + "/")

        page.click("text=New case")
        page.check("input[name=case_types][value=trafficking_transnational]")
        page.select_option("#id_district", label="Gujrat — Punjab")
        page.fill("#id_title", "Young man sent towards Greece")
        page.fill("#id_summary", "Agent promised work in Italy; held in Iran.")
        page.click("button:text('Save')")
        page.wait_for_selector("h1:has-text('PB-GJT-')")
        reference = page.inner_text("h1").split()[0]

        page.click("text=Add victim")
        page.fill("#id_person-given_name", "Zeeshan")
        page.fill("#id_person-family_name", "Warraich")
        page.fill("#id_person-name_urdu", "ذیشان وڑائچ")
        page.fill("#id_person-cnic", "34201-7654321-3")
        page.select_option("#id_person-gender", "male")
        page.select_option("#id_role-trafficking_status", "possible")
        page.check("input[name=role-exploitation_types][value=forced_labour]")
        page.click("button:text('Save')")
        page.wait_for_selector("text=Person added to the case.")

        legs = [
            ("recruitment", "Gujrat — Punjab", None, "2025-03-01"),
            ("transit", None, "Iran", "2025-03-20"),
            ("exploitation", None, "Türkiye", "2025-05-02"),
        ]
        page.click("text=Add route event")
        for index, (kind, district, country, when) in enumerate(legs):
            page.select_option("#id_event_type", kind)
            if district:
                page.select_option("#id_district", label=district)
            if country:
                page.select_option("#id_country", label=country)
            page.fill("#id_occurred_on", when)
            last = index == len(legs) - 1
            page.click(
                "button:text('Save')" if last else "button:text('Save and add the next leg')"
            )
            if not last:
                page.wait_for_selector("text=Route event added.")
        page.wait_for_selector("ol.route li:nth-child(3)")
        assert page.locator("ol.route li").count() == 3

        page.click("nav >> text=Cases")
        page.fill("#id_q", "ذیشان")
        page.click("button:text('Search')")
        page.wait_for_selector(f"#case-results a:has-text('{reference}')")
        assert "ذیشان" not in page.url
        page.click(f"#case-results a:has-text('{reference}')")
        page.wait_for_selector("text=Zeeshan Warraich")
