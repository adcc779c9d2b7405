"""The annual report's figures equal direct counts of the case tables, small cells are "<5",
and referrals and support services are counted through their access layers, audited once."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from django.utils import timezone

from rahai.audit.models import AuditEntry
from rahai.cases.models import Case, CaseRole
from rahai.hotline.models import Contact
from rahai.insights import fill
from rahai.insights.suppression import shown
from rahai.insights.tests import oracle
from rahai.people.models import Gender
from rahai.reports.annual import annual_report
from rahai.reports.tests.conftest import make_referral, make_served

pytestmark = pytest.mark.django_db


def figures(section) -> dict[str, str]:
    """label -> the first figure's text, as the report shows it."""
    return {str(row[0]): row[1].text for row in section.table.rows}


def by_slug(report) -> dict:
    return {section.slug: section for section in report.sections}


@pytest.fixture
def exact(settings):
    """No suppression, so that every figure can be compared with a direct count."""
    settings.RAHAI_SUPPRESSION_THRESHOLD = 1


def test_the_figures_equal_direct_counts(generated, exact):
    fill.fill(rebuild=True)
    sections = by_slug(annual_report(2025))
    cases_2025 = Case.objects.filter(opened_on__year=2025)
    victims = oracle.victims(opened_on__year=2025)
    contacts = [c for c in Contact.objects.all() if timezone.localtime(c.received_at).year == 2025]
    totals = figures(sections["totals"])
    assert totals["Cases opened"] == shown(cases_2025.count()).text
    assert totals["Victims identified"] == shown(len(victims)).text
    assert totals["Hotline contacts"] == shown(len(contacts)).text
    suspects = CaseRole.objects.filter(role="suspect", case__opened_on__year=2025).count()
    assert totals["Suspects identified"] == shown(suspects).text

    gender = figures(sections["gender"])
    expected = Counter(role.person.gender or "unknown" for role in victims)
    assert gender == {
        str(dict(Gender.choices)[code]): shown(n).text for code, n in expected.items()
    }

    exploitation = oracle.victims_per_exploitation_type(opened_on__year=2025)
    shown_types = sections["exploitation"].table.rows
    assert sum(row[1].value for row in shown_types) == sum(exploitation.values())
    assert sorted(row[1].value for row in shown_types) == sorted(exploitation.values())

    provinces = Counter(case.district.province.name_en for case in cases_2025)
    assert figures(sections["provinces"]) == {name: shown(n).text for name, n in provinces.items()}

    channels = Counter(c.get_channel_display() for c in contacts)
    assert figures(sections["hotline-channels"]) == {
        str(name): shown(n).text for name, n in channels.items()
    }

    nationality = Counter(
        role.person.citizenship.name_en if role.person.citizenship else "Unknown"
        for role in victims
    )
    assert figures(sections["nationality"]) == {k: shown(n).text for k, n in nationality.items()}


def test_internal_and_transnational_cases_are_counted_by_type(generated, exact):
    fill.fill(rebuild=True)
    table = by_slug(annual_report(2025))["case-types"].table
    rows = {str(row[0]): row[1].value for row in table.rows}
    internal = Case.objects.filter(opened_on__year=2025, is_trafficking_internal=True).count()
    abroad = Case.objects.filter(opened_on__year=2025, is_trafficking_transnational=True).count()
    assert rows.get("Trafficking (internal)", 0) == internal
    assert rows.get("Trafficking (transnational)", 0) == abroad


def test_referrals_and_services_are_counted_once_per_victim_and_audited_once(world, exact):
    fill.fill(rebuild=True)
    case, victim = world.case, world.victim
    make_referral(world, case, victim, service="shelter", sent=date(2026, 4, 2))
    make_referral(world, case, victim, service="legal_aid", sent=date(2026, 5, 2))
    make_referral(world, case, victim, service="shelter", sent=date(2025, 5, 2))  # other year
    make_served(world, case, victim, service="shelter", started=date(2026, 4, 10))
    before = AuditEntry.objects.filter(action="system", object_type="reports").count()
    table = by_slug(annual_report(2026))["services"].table
    rows = {str(row[0]): [cell.value for cell in row[1:]] for row in table.rows}
    assert rows["Shelter"] == [1, 1, 1]
    assert rows["Legal aid"] == [1, 1, 0]
    assert rows["All services"] == [2, 1, 1]
    assert AuditEntry.objects.filter(action="system", object_type="reports").count() == before + 1


def test_small_cells_show_as_below_the_threshold(world):
    fill.fill(rebuild=True)
    sections = by_slug(annual_report(2026))
    assert figures(sections["totals"])["Victims identified"] == "<5"
    assert figures(sections["gender"]) == {"Male": "<5"}


def test_prosecutions_and_convictions_are_counted_per_law_for_the_year(world, exact):
    from rahai.justice import services as justice
    from rahai.justice.tests.court_world import add_suspect, charge

    first = add_suspect(world)
    second = add_suspect(world, given_name="Khalid", family_name="Butt")
    trafficking = charge(world, first, charged_on=date(2025, 6, 1))
    charge(world, first, law_section=("ppc-1860", "371-A"), charged_on=date(2026, 2, 1))
    acquitted = charge(world, second, charged_on=date(2026, 3, 1))
    justice.charge_update(
        user=world.owner,
        charge=trafficking,
        data={"outcome": "convicted", "outcome_on": date(2026, 9, 1), "sentence_years": 7},
    )
    justice.charge_update(
        user=world.owner,
        charge=acquitted,
        data={"outcome": "acquitted", "outcome_on": date(2026, 10, 1)},
    )
    section = by_slug(annual_report(2026))["prosecutions"]
    rows = {str(row[0]): [cell.value for cell in row[1:]] for row in section.table.rows}
    # charged in 2026, decided in 2026, convicted, acquitted
    assert rows["PTPA 2018"] == [1, 2, 1, 1]
    assert rows["PPC"] == [1, 0, 0, 0]
    assert rows["All laws"] == [2, 2, 1, 1]  # the first suspect, charged under two laws, once
    assert "PTPA 2018" in section.chart and "All laws" not in section.chart


def test_a_year_without_charges_reports_zero_prosecutions(world):
    section = by_slug(annual_report(2026))["prosecutions"]
    assert [[str(c) for c in row] for row in section.table.rows] == [
        ["All laws", "0", "0", "0", "0"]
    ]
