"""End to end in a real browser: the DVC's secretariat records attendance and a decision,
assigns an action item and reorders the agenda inline; the NGO reports its action item done
from its own page."""

import os

import pytest

from rahai.browser import chromium_page
from rahai.committees.tests.conftest import build_dvc
from rahai.testing import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _sign_in(page, base, user):
    page.goto(base + "/accounts/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def test_record_a_meeting_inline_and_report_an_action_done(live_server):
    dvc = build_dvc(build_world())
    base = live_server.url
    meeting_url = f"{base}/committees/meetings/{dvc.meeting.pk}/"
    with chromium_page() as page:
        _sign_in(page, base, dvc.secretary)
        page.goto(meeting_url)
        page.select_option(f"#id_status_{dvc.chair.pk}", "present")
        page.select_option(f"#id_status_{dvc.workers.pk}", "present")
        page.select_option(f"#id_status_{dvc.police.pk}", "represented")
        page.fill(f"#id_represented_by_{dvc.police.pk}", "ASI Shahid")
        page.click("#attendance button[type=submit]")
        page.wait_for_selector("#attendance >> text=Quorum met")
        assert page.url == meeting_url  # swapped in place, no reload

        page.fill("#decisions textarea[name=text]", "FIRs in every complaint of confinement.")
        page.click("#decisions button[type=submit]")
        page.wait_for_selector("#decisions >> text=FIRs in every complaint of confinement.")

        page.click("#actions summary")
        page.fill("#actions textarea[name=text]", "Register the FIRs.")
        page.select_option("#actions select[name=organisation]", str(dvc.world.partner_org.pk))
        page.fill("#actions input[name=due_on]", "2099-01-31")
        page.click("#actions button[type=submit]")
        page.wait_for_selector("#actions >> text=Register the FIRs.")
        reference = page.locator("#actions a", has_text="CA-").last.inner_text()

        page.context.clear_cookies()
        _sign_in(page, base, dvc.world.partner)
        page.goto(base + "/committees/")
        page.click(f"text={reference}")
        page.select_option("#id_status", "done")
        page.fill("#id_note", "Three FIRs registered.")
        page.click("#progress button[type=submit]")
        page.wait_for_selector("#progress >> text=Three FIRs registered.")
        assert page.locator("#progress .badge", has_text="Done").count() == 1


def test_reorder_the_agenda_inline_with_the_keyboard(live_server):
    from rahai.committees import services_meetings

    dvc = build_dvc(build_world())
    kilns = dvc.meeting.agenda_items.get(title="Inspection of kilns")
    services_meetings.decision_add(
        user=dvc.secretary, meeting=dvc.meeting, text="Inspect every kiln.", agenda_item=kilns
    )
    other = services_meetings.agenda_item_add(
        user=dvc.secretary, meeting=dvc.meeting, title="Any other business"
    )
    base = live_server.url
    meeting_url = f"{base}/committees/meetings/{dvc.meeting.pk}/"
    titles = "#agenda ol > li > strong"
    with chromium_page() as page:
        _sign_in(page, base, dvc.secretary)
        page.goto(meeting_url)
        assert "(agenda item 2)" in page.locator("#decision-list").inner_text()
        page.click(f"#move-up-{kilns.pk}")
        page.wait_for_selector("#agenda >> text=Agenda item moved.")
        assert page.url == meeting_url  # swapped in place, no reload
        assert page.locator(titles).all_inner_texts() == [
            "1. Inspection of kilns",
            "2. Bonded labour complaints",
            "3. Any other business",
        ]
        assert "(agenda item 1)" in page.locator("#decision-list").inner_text()
        # The focus stays on the button pressed, so a keyboard user moves an item step by step.
        page.focus(f"#move-up-{other.pk}")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "document.querySelectorAll('#agenda ol > li > strong')[1].innerText.includes('Any')"
        )
        assert page.evaluate("document.activeElement.id") == f"move-up-{other.pk}"
        page.keyboard.press("Enter")
        page.wait_for_function(
            "document.querySelectorAll('#agenda ol > li > strong')[0].innerText.includes('Any')"
        )
        assert page.locator(titles).all_inner_texts()[0] == "1. Any other business"
