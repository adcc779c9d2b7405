"""On a phone (390 × 800) no page is wider than the screen, in English or in Urdu: the public
report form once measured some 10,400 px in Urdu (a honeypot field pushed 9,999 px to the left,
which in RTL is off the far end), and a wide staff table must scroll inside its card. The staff
pages bring their own Urdu font for phones and PCs without one."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from rahai.accounts.models import RoleCode
from rahai.browser import chromium_page
from rahai.hotline.access import system_contacts
from rahai.hotline.intake import ReportData, web_report_submit
from rahai.orgs.models import JurisdictionLevel, OrganisationKind
from rahai.testing import PASSWORD, ensure_reference_data, make_org, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PHONE = {"width": 390, "height": 800}


def _hotline():
    ensure_reference_data()
    return make_org(
        "National Hotline",
        kind=OrganisationKind.HOTLINE,
        district_code="ISB",
        level=JurisdictionLevel.NATIONAL,
    )


def _fits_the_phone(page, what: str) -> None:
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{what} is {width} px wide on a {PHONE['width']} px phone"


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_the_public_report_form_and_status_page_fit_a_phone(live_server, lang):
    _hotline()
    with chromium_page(locale="ur-PK" if lang == "ur" else "en-GB") as page:
        page.set_viewport_size(PHONE)
        for path in ("/report", "/report/status"):
            page.goto(f"{live_server.url}{path}?lang={lang}")
            assert page.get_attribute("html", "dir") == ("rtl" if lang == "ur" else "ltr")
            _fits_the_phone(page, f"{path} in {lang}")
        page.goto(f"{live_server.url}/report?lang={lang}")
        page.fill("#id_narrative", "A family is held at a brick kiln against a loan")
        page.fill("#id_reporter_phone", "12")  # not a phone: the form comes back with an error
        page.click("button[type=submit]")
        page.wait_for_selector(".errorlist")
        _fits_the_phone(page, f"/report with errors in {lang}")


def test_the_hotline_queue_fits_a_phone_in_urdu(live_server):
    hotline = _hotline()
    operator = make_user("operator", hotline, RoleCode.HOTLINE_OPERATOR)
    for number, narrative in enumerate(
        [
            "A family of nine is held at a brick kiln on Ferozepur Road against a peshgi loan",
            "میری بہن کو گھریلو کام کے لیے لاہور لے گئے اور اب فون پر بات نہیں کرنے دیتے",
            "Help now, they are beating us and locked the door of the kiln",
        ]
    ):
        contact, _pin = web_report_submit(
            data=ReportData(narrative=narrative, language="ur", place="Kot Radha Kishan"),
            uploads=[],
        )
        late = timezone.now() - timedelta(days=13, hours=number)
        system_contacts(purpose="test").filter(pk=contact.pk).update(sla_due_at=late)
    with chromium_page(locale="ur-PK") as page:
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + "/accounts/sign-in/")
        page.fill("#id_username", operator.username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(live_server.url + "/")
        page.goto(live_server.url + "/hotline/")
        assert page.get_attribute("html", "dir") == "rtl"
        assert page.locator("#queue-table tbody tr").count() == 3
        _fits_the_phone(page, "the hotline queue in Urdu")
        # The staff pages' own Urdu font, for machines without one: served and read by Chromium.
        faces = page.evaluate(
            """async () => (await document.fonts.load('700 16px "Rahai Naskh"', 'اردو'))
                .concat(await document.fonts.load('16px "Rahai Naskh"', 'اردو'))
                .map(face => face.status)"""
        )
        assert faces == ["loaded", "loaded"]
