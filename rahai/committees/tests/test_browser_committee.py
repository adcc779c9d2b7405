"""End to end in a real browser: the DVC's secretariat records attendance and a decision and
assigns an action item inline; the NGO reports it done from its own page."""

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
