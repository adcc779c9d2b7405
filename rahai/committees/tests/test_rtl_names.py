"""On the Urdu committee pages, names people typed and organisation names are isolated in
``<bdi>``, so "SHO, Kot Radha Kishan (تھانہ کوٹ رادھا کشن)" keeps its brackets and order, and
dates do not break at their hyphens."""

from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

DESIGNATION = "SHO, Kot Radha Kishan (تھانہ کوٹ رادھا کشن)"
CSS = Path(__file__).resolve().parents[2] / "core" / "static" / "rahai" / "rahai.css"


def _urdu(client, url) -> str:
    client.cookies["django_language"] = "ur"
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'dir="rtl"' in page
    return page


def test_member_names_and_organisations_are_isolated_on_the_urdu_committee_page(dvc, login):
    member = dvc.member(organisation=dvc.labour_org, designation=DESIGNATION)
    page = _urdu(login(dvc.secretary), reverse("committees:detail", args=[dvc.committee.pk]))
    assert f"<bdi>{DESIGNATION}</bdi>" in page
    assert "<bdi>Labour Department, Lahore</bdi>" in page
    assert f"<bdi>{dvc.world.owner_org.name}</bdi>" in page  # the police member
    assert f"<dd><bdi>{dvc.org.name}</bdi></dd>" in page  # host and secretariat
    assert f'<span class="date">{member.start_on:%Y-%m-%d}</span>' in page


def test_action_items_keep_their_due_dates_whole_and_isolate_the_organisation(dvc, login):
    action = dvc.action()
    page = _urdu(login(dvc.secretary), reverse("committees:action_detail", args=[action.pk]))
    assert f"<dd><bdi>{dvc.world.partner_org.name}</bdi></dd>" in page
    assert f'<dd class="date">{action.due_on:%Y-%m-%d}</dd>' in page
    rows = _urdu(login(dvc.secretary), reverse("committees:action_list") + "?status=all")
    assert f'<td class="small date">{action.due_on:%Y-%m-%d}</td>' in rows


def test_the_stylesheet_keeps_dates_on_one_line():
    assert ".date { white-space: nowrap; }" in CSS.read_text(encoding="utf-8")
