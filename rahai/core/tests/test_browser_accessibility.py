"""An accessibility audit: axe-core finds no WCAG 2.0/2.1 level A or AA violation on the key
pages, in English and in Urdu (RTL), for the public and for each kind of staff user; and no id
is used twice on a page.

axe checks what a machine can check (names, labels, contrast, lang, ARIA, table headers); it is
no substitute for trying the pages with a keyboard and a screen reader. Text drawn inside the
insights charts (SVG) is beyond its contrast check. One Chromium serves the whole module; each
user signs in once and switches the language with the switch in the page header, as a person
would; the public pages take the language from their own link (``?lang=``).
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe

from rahai.accounts.models import RoleCode, User
from rahai.browser import CHROMIUM, FLAGS, require_browser
from rahai.committees.tests.conftest import Dvc, build_dvc
from rahai.consent.services import consent_record
from rahai.hotline.intake import ReportData, web_report_submit
from rahai.hotline.models import Contact
from rahai.insights import fill
from rahai.insights.pages import PAGES
from rahai.insights.tests.factories import generate
from rahai.justice.services import hearing_add
from rahai.justice.tests.court_world import add_suspect, charge
from rahai.orgs.models import JurisdictionLevel, OrganisationKind
from rahai.referrals.models import Referral
from rahai.referrals.services import referral_create
from rahai.testing import (
    PASSWORD,
    World,
    build_world,
    ensure_reference_data,
    make_org,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The WCAG 2.0 and 2.1 level A and AA rules only; axe's best-practice advice is not a failure.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# WCAG 2.1's 4.1.1 (level A) asks for unique ids, which axe 4.12 no longer checks (WCAG 2.2
# dropped the criterion); yet a label or an aria-describedby finds only the first of two.
DUPLICATE_IDS = """() => {
    const seen = new Set(), twice = new Set();
    for (const element of document.querySelectorAll("[id]")) {
        (seen.has(element.id) ? twice : seen).add(element.id);
    }
    return [...twice];
}"""
LOCALES = {"en": "en-GB", "ur": "ur-PK"}

_axe = Axe()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    require_browser()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield chromium
        chromium.close()


def _new_page(browser, lang: str):
    context = browser.new_context(locale=LOCALES[lang], viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _audit(page, what: str, lang: str, found: list[str]) -> None:
    """Run axe on the page as it is now; add a line per violation to ``found``."""
    page.wait_for_load_state("networkidle")  # parts that htmx loads on "load" are in place
    assert page.get_attribute("html", "lang") == lang, f"{what} is not in {lang}"
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "ur" else "ltr"), what
    results = _axe.run(page, options=AXE_OPTIONS)
    for violation in results.response["violations"]:
        targets = " | ".join(" ".join(node["target"]) for node in violation["nodes"])
        found.append(
            f"{what} [{lang}]: {violation['id']} ({violation['impact']}) "
            f"{violation['help']} -> {targets}"
        )
    for duplicate in page.evaluate(DUPLICATE_IDS):
        found.append(f"{what} [{lang}]: duplicate-id (serious) Ids must be unique -> #{duplicate}")


def _report(found: list[str]) -> str:
    return f"{len(found)} accessibility violations:\n" + "\n".join(found)


def _hotline():
    return make_org(
        "National Hotline",
        kind=OrganisationKind.HOTLINE,
        district_code="ISB",
        level=JurisdictionLevel.NATIONAL,
    )


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_the_public_report_pages_pass_axe(live_server, browser, lang):
    ensure_reference_data()
    _hotline()
    base = live_server.url
    found: list[str] = []
    page = _new_page(browser, lang)
    try:
        page.goto(f"{base}/report?lang={lang}")
        _audit(page, "/report", lang, found)
        page.fill("#id_narrative", "A family is held at a brick kiln against a loan")
        page.fill("#id_reporter_phone", "12")  # not a phone: the form comes back with errors
        page.click("form.box button[type=submit]")
        page.wait_for_selector(".errorlist")
        _audit(page, "/report with errors", lang, found)
        page.fill("#id_reporter_phone", "")
        page.click("form.box button[type=submit]")
        page.wait_for_selector("#reference")
        _audit(page, "/report received", lang, found)
        reference = page.inner_text("#reference").strip()
        pin = page.inner_text("#pin").strip()
        page.goto(f"{base}/report/status?lang={lang}")
        _audit(page, "/report/status", lang, found)
        page.fill("#id_reference", reference)
        page.fill("#id_pin", pin)
        page.click("form.box button[type=submit]")
        page.wait_for_selector("#status")
        _audit(page, "/report/status with a status", lang, found)
    finally:
        page.context.close()
    assert not found, _report(found)


@dataclass
class Site:
    """The shared World, a hotline with a report, a District Vigilance Committee, a referral and
    filled dashboards: enough for every key staff page to show its parts."""

    world: World
    operator: User
    shelter: User  # receives the referral, with an unread notification of it
    contact: Contact
    dvc: Dvc
    referral: Referral


def _site() -> Site:
    world = build_world()
    operator = make_user("operator", _hotline(), RoleCode.HOTLINE_OPERATOR)
    contact, _pin = web_report_submit(
        data=ReportData(
            narrative="میرے بھائی کو بھٹہ مالک نے پیشگی کی وجہ سے قید کر رکھا ہے",
            language="ur",
            place="Kot Radha Kishan",
            immediate_danger="yes",
        ),
        uploads=[],
    )
    dvc = build_dvc(world)
    shelter_org = make_org("Dar-ul-Aman Lahore", kind=OrganisationKind.SHELTER)
    shelter = make_user("shelter", shelter_org, RoleCode.CASEWORKER)
    consent_record(
        user=world.owner,
        person=world.victim,
        data={
            "purpose": "share_organisation",
            "organisation": shelter_org,
            "decision": "given",
            "decided_on": date(2026, 3, 2),
            "language": "ur",
        },
    )
    referral = referral_create(
        user=world.owner,
        case=world.case,
        data={
            "person": world.victim,
            "to_organisation": shelter_org,
            "service": "shelter",
            "urgency": "high",
            "need": "Adult man, needs a safe bed tonight and medical check.",
            "reason": "Escaped from the kiln owner at Shahdara.",
            "share_identity": True,
            "share_contact": True,
        },
    )
    # A charged suspect and a hearing, so the case page shows its "Charges and court" section.
    charge(world, add_suspect(world))
    hearing_add(user=world.owner, case=world.case, held_on=date(2026, 10, 1), summary="Framed.")
    generate(random.Random(20261128), world.owner_org, 40)  # figures for the dashboards
    fill.fill()
    return Site(world, operator, shelter, contact, dvc, referral)


def _switch_language(page, lang: str) -> None:
    """The language switch in the page header: a select that posts to Django's set_language."""
    if page.get_attribute("html", "lang") != lang:
        with page.expect_navigation():
            page.select_option("#lang-switch", lang)


def _sign_in(page, base: str, user: User, lang: str) -> None:
    page.goto(base + "/accounts/sign-in/")
    _switch_language(page, lang)
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(base + "/")


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_the_staff_pages_pass_axe(live_server, browser, lang):
    site = _site()
    world = site.world
    base = live_server.url
    pages_by_user = [
        (
            world.owner,
            [
                ("home", "/"),
                ("case list", "/cases/"),
                ("case page and its timeline", f"/cases/{world.case.pk}/"),
                ("person page", f"/persons/{world.victim.pk}/"),
                ("referrals list", "/referrals/"),
                ("referral", f"/referrals/{site.referral.pk}/"),
                ("the law", "/laws/"),
                ("charge a suspect", f"/cases/{world.case.pk}/charges/add/"),
                ("record a hearing", f"/cases/{world.case.pk}/hearings/add/"),
            ],
        ),
        (
            site.shelter,
            [
                ("home with a notification", "/"),
                ("referral received", f"/referrals/{site.referral.pk}/"),
            ],
        ),
        (
            site.operator,
            [
                ("hotline home", "/"),
                ("hotline queue", "/hotline/"),
                ("hotline contact", f"/hotline/contacts/{site.contact.pk}/"),
                ("call console", "/hotline/call/"),
            ],
        ),
        (
            site.dvc.secretary,
            [("committee meeting", f"/committees/meetings/{site.dvc.meeting.pk}/")],
        ),
        (
            world.analyst,
            [(f"insights {slug}", f"/insights/{slug}/") for slug in PAGES]
            + [("prosecutions", "/prosecutions/")],
        ),
        (world.auditor, [("audit log", "/audit/")]),
    ]
    found: list[str] = []

    page = _new_page(browser, lang)
    try:
        page.goto(base + "/accounts/sign-in/")
        _switch_language(page, lang)
        _audit(page, "sign-in", lang, found)
    finally:
        page.context.close()

    for user, pages in pages_by_user:
        page = _new_page(browser, lang)
        try:
            _sign_in(page, base, user, lang)
            for what, path in pages:
                page.goto(base + path)
                _audit(page, what, lang, found)
        finally:
            page.context.close()
    assert not found, _report(found)
