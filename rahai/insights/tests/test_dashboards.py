"""The dashboards: who may see them, filters in the URL, a CSV per table, htmx partials, Urdu,
and no personal data or case references anywhere on them."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse

from rahai.accounts.models import RoleCode
from rahai.insights import fill
from rahai.insights.pages import PAGES
from rahai.orgs.models import OrganisationKind
from rahai.testing import make_org, make_user

pytestmark = pytest.mark.django_db

PAGE_URLS = [reverse("insights:overview")] + [
    reverse("insights:dashboard", args=[slug]) for slug in PAGES if slug != "overview"
]


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def filled(generated):
    fill.fill()
    return generated


@pytest.mark.parametrize("url", PAGE_URLS)
def test_every_dashboard_renders_for_an_analyst(filled, world, login, url):
    response = login(world.analyst).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "Download this table (CSV)" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "<script" not in html.split("</head>")[1]


def test_supervisors_and_committee_staff_see_the_dashboards(filled, world, login, client):
    assert login(world.supervisor).get(PAGE_URLS[0]).status_code == 200
    client.logout()
    dvc = make_org("DVC Kasur", kind=OrganisationKind.DVC, district_code="KSR")
    secretary = make_user("dvc-secretary", dvc, RoleCode.CASEWORKER)
    assert login(secretary).get(PAGE_URLS[1]).status_code == 200


def test_case_workers_and_outsiders_do_not(filled, world, login, client):
    for user in (world.owner, world.partner, world.outsider):
        client.logout()
        assert login(user).get(PAGE_URLS[0]).status_code == 403
        assert login(user).get(reverse("insights:csv", args=["trends", "trend"])).status_code == 403
    client.logout()
    response = client.get(PAGE_URLS[0])
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_filters_stay_in_the_url_and_change_the_figures(filled, world, login):
    client = login(world.analyst)
    everything = client.get(reverse("insights:dashboard", args=["trends"]), {"stat": "victims"})
    url = reverse("insights:dashboard", args=["trends"])
    query = {"stat": "victims", "split": "gender", "province": "PB", "year": "2025"}
    response = client.get(url, query)
    html = response.content.decode()
    assert 'value="PB" selected' in html and 'value="2025" selected' in html
    assert 'value="gender" selected' in html
    # Links to the other dashboards and to each CSV carry the same filters.
    assert "province=PB" in html and "year=2025" in html
    csv_link = re.search(r'href="([^"]*/trend\.csv\?[^"]*)"', html).group(1).replace("&amp;", "&")
    assert "province=PB" in csv_link and "split=gender" in csv_link
    assert everything.content != response.content


def test_csv_is_exactly_the_table_beside_the_chart(filled, world, login):
    client = login(world.analyst)
    query = {"stat": "cases", "split": "case_type", "by": "year"}
    page = client.get(reverse("insights:dashboard", args=["trends"]), query)
    panel = next(p for p in page.context["panels"] if p.slug == "trend")
    response = client.get(reverse("insights:csv", args=["trends", "trend"]), query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == [str(c) for c in panel.table.columns]
    assert len(rows) == len(panel.table.rows) + 1
    assert [row[0] for row in rows[1:]] == [str(row[0]) for row in panel.table.rows]
    for line, row in zip(rows[1:], panel.table.rows, strict=True):
        for text, cell in zip(line[1:], row[1:], strict=True):
            assert text == (cell.text if cell.suppressed else str(int(cell.value)))


@pytest.mark.parametrize("page", [p for p in PAGES])
def test_every_table_has_a_csv(filled, world, login, page):
    client = login(world.analyst)
    for table in PAGES[page].builders:
        response = client.get(reverse("insights:csv", args=[page, table]))
        assert response.status_code == 200, (page, table)
        assert csv_rows(response)[0]


def test_unknown_dashboards_and_tables_are_404(filled, world, login):
    client = login(world.analyst)
    assert client.get(reverse("insights:dashboard", args=["nonsense"])).status_code == 404
    assert client.get(reverse("insights:csv", args=["trends", "nonsense"])).status_code == 404


def test_invalid_filters_are_ignored_not_an_error(filled, world, login):
    client = login(world.analyst)
    response = client.get(
        reverse("insights:dashboard", args=["trends"]),
        {"start": "2025-13", "province": "XX", "stat": "persons", "split": "cnic"},
    )
    assert response.status_code == 200


def test_htmx_gets_only_the_panels(filled, world, login):
    client = login(world.analyst)
    response = client.get(
        reverse("insights:dashboard", args=["routes"]),
        headers={"HX-Request": "true", "HX-Target": "insights-panels"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'class="panels"' in html


def test_dashboards_work_in_urdu(filled, world, login):
    client = login(world.analyst)
    client.cookies["django_language"] = "ur"
    response = client.get(reverse("insights:dashboard", args=["map"]))
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def test_the_overview_offers_an_update_to_analysts(filled, world, login):
    client = login(world.analyst)
    html = client.get(PAGE_URLS[0]).content.decode()
    assert reverse("insights:refresh") in html
    response = client.post(reverse("insights:refresh"))
    assert response.status_code == 302


def test_csv_downloads_are_audited(filled, world, login):
    from rahai.audit.models import AuditAction, AuditEntry

    login(world.analyst).get(reverse("insights:csv", args=["hotline", "channels"]))
    entry = AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="insights").get()
    assert entry.object_id == "hotline/channels" and entry.actor == world.analyst


def test_no_personal_data_or_case_references_on_any_dashboard(filled, world, login):
    from rahai.cases.models import Case

    client = login(world.analyst)
    forbidden = [
        "Imran",
        "محمد عمران",
        "Ghafoor",
        "35202",
        "1234567",
        "Zarghuna",
        "Testwali",
        *Case.objects.values_list("reference", flat=True),
    ]
    for url in PAGE_URLS:
        for query in ({}, {"province": "PB"}, {"district": "LHR", "stat": "victims"}):
            html = client.get(url, query).content.decode()
            for text in forbidden:
                assert text not in html, (url, text)
    for page, spec in PAGES.items():
        for table in spec.builders:
            body = client.get(reverse("insights:csv", args=[page, table])).content.decode()
            for text in forbidden:
                assert text not in body, (page, table, text)
