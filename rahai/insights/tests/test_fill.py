"""The fill job: aggregates equal a direct count; incremental runs equal a rebuild; a run that
stops half-way resumes; only one run at a time; every run that reads cases is audited."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

import pytest

from rahai.audit.models import AuditAction, AuditEntry
from rahai.cases import services as case_services
from rahai.cases.models import Case, CaseRole
from rahai.hotline.models import Contact
from rahai.insights import fill
from rahai.insights.models import Count, FillState
from rahai.insights.selectors import Filters, counts, total
from rahai.insights.tests import oracle
from rahai.insights.tests.factories import generate
from rahai.people import services as people_services
from rahai.testing import make_case, make_victim

pytestmark = pytest.mark.django_db

ALL = Filters()


def by_value(statistic, dimension="", by=("value",), filters=ALL) -> Counter:
    return Counter(
        {
            key[0]: n
            for key, (n, _t) in counts(statistic, filters, dimension=dimension, by=by).items()
        }
    )


def snapshot() -> list[tuple]:
    return sorted(
        Count.objects.values_list(
            "statistic",
            "period",
            "level",
            "span",
            "province",
            "district",
            "case_types",
            "gender",
            "age_band",
            "dimension",
            "value",
            "n",
            "total",
        )
    )


def age_the_data() -> None:
    """Make every case look changed long ago (outside the fill job's look-back window)."""
    Case.objects.update(updated_at=fill.timezone.now() - fill.OVERLAP * 10)


def assert_matches_direct_counts() -> None:
    assert by_value("cases", by=("period",)) == oracle.cases_per_month()
    assert by_value("cases", by=("district",)) == oracle.cases_per_district()
    assert total("victims", ALL) == len(oracle.victims())
    assert by_value("victims", by=("gender",)) == oracle.victims_per_gender()
    assert by_value("victims", by=("province",)) == oracle.victims_per_province()
    assert by_value("victims", "exploitation_type") == oracle.victims_per_exploitation_type()
    assert by_value("victims", "vulnerability_factor") == oracle.victims_per_factor()
    assert by_value("victims", "nationality") == oracle.victims_per_nationality()
    assert by_value("suspects", "perpetrator_role") == oracle.suspects_per_role()
    assert total("routes", ALL) == oracle.cases_with_route()
    exploitation = by_value("exploitation_places", by=("district",))
    exploitation.pop("", None)
    assert exploitation == oracle.exploitation_districts()
    assert by_value("contacts", "channel") == oracle.contacts_per_channel()
    assert by_value("contacts", by=("period",)) == oracle.contacts_per_month()
    sla = by_value("contacts", "sla")
    assert sla["late"] + sla["overdue"] == oracle.sla_breaches()


def test_aggregates_equal_a_direct_count_on_generated_data(generated):
    report = fill.fill()
    assert report.months > 0 and report.pending == 0
    assert_matches_direct_counts()
    # Filters too: a province, a case type, a gender, a period.
    punjab = Filters(province="PB")
    assert total("victims", punjab) == len(oracle.victims(district__province__code="PB"))
    assert by_value("victims", "exploitation_type", filters=punjab) == (
        oracle.victims_per_exploitation_type(district__province__code="PB")
    )
    smuggling = Filters(case_type="smuggling")
    assert total("cases", smuggling) == Case.objects.filter(is_smuggling=True).count()
    assert by_value("victims", "vulnerability_factor", filters=smuggling) == (
        oracle.victims_per_factor(is_smuggling=True)
    )
    women = Filters(gender="female")
    assert (
        total("victims", women)
        == CaseRole.objects.filter(role="victim", person__gender="female").count()
    )
    spring = Filters(start=date(2025, 3, 1), end=date(2025, 5, 1))
    assert (
        total("cases", spring)
        == Case.objects.filter(
            opened_on__gte=date(2025, 3, 1), opened_on__lt=date(2025, 6, 1)
        ).count()
    )
    lahore = Filters(district="LHR")
    assert total("cases", lahore) == Case.objects.filter(district__code="LHR").count()


def test_every_level_adds_up_to_the_same_total(generated):
    fill.fill()
    national = total("victims", ALL)
    assert sum(by_value("victims", by=("province",)).values()) == national
    assert sum(by_value("victims", by=("district",)).values()) == national
    assert sum(by_value("victims", by=("age_band",)).values()) == national


def test_incremental_fill_after_changes_equals_a_rebuild(world, generated):
    fill.fill()
    rng = random.Random(7)
    owner = world.owner
    # Changes through the services (audited), of every kind the statistics depend on:
    case = make_case(owner, opened_on=date(2025, 2, 10))
    make_victim(owner, case, given_name="Rubina", gender="female")
    case_services.case_update(user=owner, case=case, data={"opened_on": date(2025, 9, 3)})
    role = case.roles.get()
    case_services.case_role_update(
        user=owner,
        role=role,
        data={"exploitation_types": ["servitude"], "vulnerability_factors": ["household_debt"]},
    )
    people_services.person_update(user=owner, person=role.person, data={"gender": "transgender"})
    case_services.event_create(
        user=owner,
        case=case,
        data={"event_type": "exploitation", "district": world.case.district, "position": 1},
    )
    # The World's case moves month; one of its roles goes.
    case_services.case_update(user=owner, case=world.case, data={"opened_on": date(2025, 1, 20)})
    case_services.case_role_remove(user=owner, role=world.case.roles.first())
    # New rows written in bulk, without the services (as an import or the benchmark would).
    generate(rng, world.owner_org, 15)
    contact = Contact.objects.order_by("id").first()
    Contact.objects.filter(pk=contact.pk).update(channel="email")
    from rahai.audit.services import audit_record

    audit_record(action=AuditAction.UPDATE, object_type="contact", object_id=contact.pk)

    fill.fill()
    incremental = snapshot()
    fill.fill(rebuild=True)
    assert snapshot() == incremental
    assert_matches_direct_counts()


def test_a_case_moved_to_another_month_leaves_its_old_month(world):
    fill.fill()
    old_month = date(2026, 3, 1)
    assert by_value("cases", by=("period",))[old_month] == 1
    case_services.case_update(
        user=world.owner, case=world.case, data={"opened_on": date(2025, 12, 5)}
    )
    fill.fill()
    months = by_value("cases", by=("period",))
    assert months[old_month] == 0
    assert months[date(2025, 12, 1)] == 1


def test_fill_resumes_after_an_interruption(generated, monkeypatch):
    age_the_data()
    real = fill.fill_month
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("power cut")
        return real(*args, **kwargs)

    monkeypatch.setattr(fill, "fill_month", failing)
    with pytest.raises(RuntimeError):
        fill.fill()
    state = FillState.objects.get(statistic="victims")
    assert state.status == FillState.Status.FAILED and state.pending
    assert "RuntimeError" in state.message
    months_left = len(state.pending)

    monkeypatch.setattr(fill, "fill_month", real)
    report = fill.fill()
    assert report.pending == 0
    assert report.families[0].months == months_left
    assert FillState.objects.get(statistic="victims").status == FillState.Status.IDLE
    assert_matches_direct_counts()
    resumed = snapshot()
    fill.fill(rebuild=True)
    assert snapshot() == resumed


def test_a_run_limited_to_some_months_leaves_the_rest_pending(generated):
    report = fill.fill(max_months=2)
    assert report.families[0].months == 2 and report.families[0].pending > 0
    report = fill.fill()
    assert report.pending == 0
    assert_matches_direct_counts()


def test_a_second_run_leaves_a_family_alone_while_another_is_running(generated):
    fill.fill()
    FillState.objects.filter(statistic__in=["cases", "victims"]).update(
        status=FillState.Status.RUNNING, heartbeat_at=fill.timezone.now()
    )
    report = fill.fill(rebuild=True)
    assert report.families[0].busy and not report.families[1].busy


def test_a_run_that_died_long_ago_is_taken_over(generated):
    fill.fill()
    long_ago = fill.timezone.now() - fill.STALE_AFTER * 2
    FillState.objects.update(status=FillState.Status.RUNNING, heartbeat_at=long_ago)
    report = fill.fill()
    assert not any(f.busy for f in report.families)


def test_nothing_changed_means_nothing_recomputed(generated):
    age_the_data()
    fill.fill()
    before = snapshot()
    report = fill.fill()
    assert report.months == 0
    assert snapshot() == before


def test_a_change_recomputes_only_its_month(world, generated):
    age_the_data()
    fill.fill()
    case_services.case_update(user=world.owner, case=world.case, data={"title": "Renamed"})
    report = fill.fill()
    assert report.families[0].months == 1


def test_each_run_that_reads_cases_leaves_a_system_audit_entry(generated):
    fill.fill()
    entries = AuditEntry.objects.filter(action=AuditAction.SYSTEM, object_type="insights")
    assert entries.count() == 2  # the case statistics and the hotline statistics
    assert entries.first().details["purpose"] == fill.PURPOSE


def test_counts_hold_no_names_or_references(world, generated):
    fill.fill()
    text = " ".join(str(row) for row in snapshot())
    assert world.case.reference not in text
    for name in ("Imran", "Khan", "Zarghuna", "Testwali", "35202"):
        assert name not in text


def test_rebuild_of_one_statistic_keeps_the_others(generated):
    fill.fill()
    before = snapshot()
    report = fill.fill(rebuild=["routes"])
    assert report.families[0].months > 0
    assert snapshot() == before
    with pytest.raises(ValueError):
        fill.fill(rebuild=["nonsense"])


def test_breakdowns_keep_gender_by_province_and_neither_by_district(generated):
    from rahai.insights.selectors import limitation

    fill.fill()
    women_in_punjab = Filters(province="PB", gender="female")
    expected = Counter()
    for role in CaseRole.objects.filter(
        role="victim", person__gender="female", case__district__province__code="PB"
    ):
        for code in set(role.exploitation_types) or {"_none"}:
            expected[code] += 1
    assert by_value("victims", "exploitation_type", filters=women_in_punjab) == expected
    assert limitation("victims", women_in_punjab, dimension="exploitation_type") == ""
    children_in_punjab = Filters(province="PB", age_band="0-11")
    assert "age band" in limitation("victims", children_in_punjab, dimension="exploitation_type")
    women_in_lahore = Filters(district="LHR", gender="female")
    assert "gender" in limitation("victims", women_in_lahore, dimension="exploitation_type")
    assert limitation("victims", women_in_lahore) == ""  # plain counts keep both everywhere
    assert (
        total("victims", women_in_lahore)
        == CaseRole.objects.filter(
            role="victim", person__gender="female", case__district__code="LHR"
        ).count()
    )
    assert "district" in limitation(
        "victims", Filters(district="LHR"), dimension="factor_exploitation"
    )


def test_yearly_rows_are_the_sums_of_their_months(generated):
    from django.db.models import Sum

    from rahai.insights.models import MONTH, YEAR

    fill.fill()
    for statistic in ("cases", "victims", "contacts"):
        for year in (2025, 2026):
            months = Count.objects.filter(
                statistic=statistic, span=MONTH, period__year=year
            ).aggregate(n=Sum("n"))["n"]
            years = Count.objects.filter(
                statistic=statistic, span=YEAR, period__year=year
            ).aggregate(n=Sum("n"))["n"]
            assert months == years
    # Whole years read the yearly rows, a month range the monthly ones: the same answer.
    assert total("victims", Filters(start=date(2025, 1, 1), end=date(2025, 12, 1))) == sum(
        n
        for (_p,), (n, _t) in counts(
            "victims", Filters(start=date(2025, 1, 1), end=date(2025, 12, 1)), by=("period",)
        ).items()
    )
