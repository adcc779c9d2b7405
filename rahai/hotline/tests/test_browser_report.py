"""In a real browser: an anonymous report through the Urdu form, then its status by code + PIN."""

import os

import pytest

from rahai.browser import chromium_page
from rahai.hotline.access import system_contacts
from rahai.orgs.models import JurisdictionLevel, OrganisationKind
from rahai.testing import ensure_reference_data, make_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_anonymous_urdu_report_then_status_with_code_and_pin(live_server):
    ensure_reference_data()
    make_org(
        "National Hotline",
        kind=OrganisationKind.HOTLINE,
        district_code="ISB",
        level=JurisdictionLevel.NATIONAL,
    )
    with chromium_page(locale="ur-PK") as page:
        page.goto(live_server.url + "/report")
        assert page.get_attribute("html", "dir") == "rtl"
        page.fill("#id_narrative", "میرے بھائی کو بھٹہ مالک نے پیشگی کی وجہ سے قید کر رکھا ہے")
        page.select_option("#id_district", label="قصور — پنجاب")
        page.check("input[name=children_involved][value=yes]")
        page.check("input[name=immediate_danger][value=no]")
        page.click("button[type=submit]")
        page.wait_for_selector("#reference")
        reference = page.inner_text("#reference").strip()
        pin = page.inner_text("#pin").strip()
        assert reference.startswith("RH-") and len(pin) == 6

        page.goto(live_server.url + "/report/status?lang=ur")
        page.fill("#id_reference", reference)
        page.fill("#id_pin", pin)
        page.click("button[type=submit]")
        page.wait_for_selector("#status")
        status_text = page.inner_text("main")
        assert "بھٹہ" not in status_text  # the status page never shows the report back
        page.fill("textarea[name=text]", "اب وہ قصور شہر کے قریب ہیں")
        page.click("button[type=submit]")
        page.wait_for_selector("p[role=status]")
    contact = system_contacts(purpose="test").get(reference=reference)
    assert contact.language == "ur" and contact.anonymous
    assert contact.messages.get().body == "اب وہ قصور شہر کے قریب ہیں"
    assert "bonded_labour" in contact.case_types
