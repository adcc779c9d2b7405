"""The yearly prosecution figures: persons charged, charges decided, persons convicted and
acquitted, per year and law; and the page that shows them, suppressed, to those who may see
aggregates (never a case or a name)."""

from datetime import date

import pytest
from django.urls import reverse

from rahai.justice import services
from rahai.justice.selectors import prosecution_counts, years_with_charges
from rahai.justice.tests.court_world import add_suspect, charge
from rahai.testing import make_case

pytestmark = pytest.mark.django_db


def decide(world, the_charge, outcome: str, on: date, **sentence):
    services.charge_update(
        user=world.owner,
        charge=the_charge,
        data={"outcome": outcome, "outcome_on": on, **sentence},
    )


@pytest.fixture
def prosecutions(world):
    """2025: two suspects charged under PTPA s.3 (one also under s.4 and PPC 371-A).
    2026: one of them convicted under s.3 and s.4, the other acquitted; a third suspect of
    another case charged under BLSAA s.11."""
    first = add_suspect(world)
    second = add_suspect(world, given_name="Khalid", family_name="Butt")
    a3 = charge(world, first, charged_on=date(2025, 5, 1))
    a4 = charge(world, first, ("ptpa-2018", "4"), charged_on=date(2025, 5, 1))
    charge(world, first, ("ppc-1860", "371-A"), charged_on=date(2025, 6, 1))
    b3 = charge(world, second, charged_on=date(2025, 5, 2))
    decide(world, a3, "convicted", date(2026, 2, 1), sentence_years=7)
    decide(world, a4, "convicted", date(2026, 2, 1))
    decide(world, b3, "acquitted", date(2026, 2, 1))
    other = make_case(world.owner)
    charge(world, add_suspect(world, case=other), ("blsaa-1992", "11"), charged_on=date(2026, 1, 5))


def by_key(rows):
    return {(row.year, row.law.code if row.law else None): row for row in rows}


def test_persons_charged_count_each_person_once_per_law_and_once_a_year(world, prosecutions):
    rows = by_key(prosecution_counts(year_from=2025, year_to=2026))
    assert rows[(2025, "ptpa-2018")].suspects_charged == 2
    assert rows[(2025, "ppc-1860")].suspects_charged == 1
    assert rows[(2025, None)].suspects_charged == 2  # the first suspect once, under three charges
    assert rows[(2026, "blsaa-1992")].suspects_charged == 1


def test_decisions_count_in_the_year_of_the_decision(world, prosecutions):
    rows = by_key(prosecution_counts(year_from=2025, year_to=2026))
    ptpa_2026 = rows[(2026, "ptpa-2018")]
    assert (ptpa_2026.charges_decided, ptpa_2026.convicted, ptpa_2026.acquitted) == (3, 1, 1)
    assert rows[(2026, None)].convicted == 1 and rows[(2026, None)].acquitted == 1
    assert rows[(2025, "ptpa-2018")].charges_decided == 0


def test_the_years_asked_for_limit_the_figures_and_come_in_order(world, prosecutions):
    rows = prosecution_counts(year_from=2026, year_to=2026)
    assert {row.year for row in rows} == {2026}
    rows = prosecution_counts(year_from=2025, year_to=2026)
    assert [row.year for row in rows] == sorted(row.year for row in rows)
    assert rows[-1].law is None  # a year's total after its laws
    assert years_with_charges() == [2025, 2026]


def test_the_page_shows_suppressed_figures_to_the_analyst(world, prosecutions, login):
    response = login(world.analyst).get(reverse("justice:prosecutions"), {"year_from": 2025})
    html = response.content.decode()
    assert response.status_code == 200
    assert "&lt;5" in html and "All laws" in html and "PTPA 2018" in html
    assert "Rashid" not in html and world.case.reference not in html


def test_the_page_is_for_those_who_may_see_aggregates_only(world, login):
    assert login(world.supervisor).get(reverse("justice:prosecutions")).status_code == 200
    for user in (world.owner, world.partner, world.outsider):
        assert login(user).get(reverse("justice:prosecutions")).status_code == 403


def test_the_dashboards_lead_to_the_prosecutions_and_back(world, login):
    client = login(world.analyst)
    dashboard = client.get(reverse("insights:overview")).content.decode()
    assert f'href="{reverse("justice:prosecutions")}"' in dashboard
    page = client.get(reverse("justice:prosecutions")).content.decode()
    assert f'href="{reverse("insights:overview")}"' in page
