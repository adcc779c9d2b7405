"""The fill job: keeps ``Count`` equal to what a direct count of the case tables would give.

Counts are kept per month. A month's counts are a pure function of the cases (or contacts) in
that month, so the job never adds or subtracts: it *recomputes whole months* and replaces their
rows, and the only question is which months to recompute. For each family of statistics (those
computed from cases, those from hotline contacts) a run

1. **claims** the family's ``FillState`` rows (a run already in progress is left alone unless it
   has sent no heartbeat for ``STALE_AFTER``);
2. **plans**: finds what changed since the watermarks of the last planning -- cases whose row
   changed (``updated_at``) or that are new (``id``), and everything the audit log says was
   created, changed or deleted since its last sequence number (roles, route events, persons,
   contacts) -- and adds the months of those cases, before and after the change (``CaseMonth``
   remembers the month each case was counted under), to every statistic's ``pending`` list. A
   rebuild (or a statistic never filled) puts every month with data into ``pending``. The new
   watermarks are taken *before* looking, so nothing that changes meanwhile is missed;
3. **works** through the pending months oldest first, one transaction per month: read the
   month's rows through the access layers' system functions, compute the cells
   (``rahai.insights.facts``), replace the month's ``Count`` rows, take the month off
   ``pending``. A run that is interrupted (an error, SIGTERM, a crash) leaves the rest of
   ``pending`` for the next run, which resumes there.

Re-running after changes therefore gives the same numbers as ``--rebuild``; the tests check it.
Each run that reads cases or contacts appends a ``system`` entry to the audit log.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from rahai.audit.models import AuditAction, AuditEntry, AuditHead
from rahai.audit.services import audit_record
from rahai.cases.access import system_case_roles, system_cases, system_events
from rahai.cases.models import CASE_TYPE_FIELDS
from rahai.geo.models import District
from rahai.hotline.access import system_contacts
from rahai.insights import facts
from rahai.insights.models import MONTH, YEAR, CaseMonth, Count, FillState
from rahai.insights.statistics import FAMILIES, STATISTICS

PURPOSE = "insights: pre-aggregated counts for the analysts' dashboards (no personal data kept)"
STALE_AFTER = timedelta(minutes=15)
# Rows written just before the last planning may commit just after it: look back this far.
OVERLAP = timedelta(minutes=10)
CHANGE_ACTIONS = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE)
CASE_OBJECTS = ("case", "case_role", "event")
CHUNK = 500
BATCH = 2000


class Busy(Exception):
    """Another fill run holds this family of statistics."""


@dataclass
class FamilyReport:
    family: str
    statistics: list[str]
    months: int = 0
    rows: int = 0
    seconds: float = 0.0
    pending: int = 0
    busy: bool = False


@dataclass
class Report:
    families: list[FamilyReport] = field(default_factory=list)

    @property
    def months(self) -> int:
        return sum(f.months for f in self.families)

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.families)

    @property
    def pending(self) -> int:
        return sum(f.pending for f in self.families)

    def as_dict(self) -> dict:
        return {
            f.family: {
                "months": f.months,
                "rows": f.rows,
                "seconds": round(f.seconds, 3),
                "pending": f.pending,
                "busy": f.busy,
            }
            for f in self.families
        }


def fill(
    *,
    rebuild: bool | Iterable[str] = False,
    progress: Callable[[str], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    max_months: int | None = None,
) -> Report:
    """Bring every statistic up to date. ``rebuild``: True for all statistics, or the codes of
    the ones to recompute from scratch. ``should_stop`` is asked between months (SIGTERM);
    ``max_months`` limits the months worked in this run (the rest stay pending)."""
    if rebuild is True:
        rebuild_set = set(STATISTICS)
    elif rebuild:
        rebuild_set = set(rebuild)
        unknown = rebuild_set - set(STATISTICS)
        if unknown:
            raise ValueError(f"unknown statistics: {', '.join(sorted(unknown))}")
    else:
        rebuild_set = set()
    report = Report()
    for family, codes in FAMILIES.items():
        try:
            report.families.append(
                _fill_family(
                    family,
                    list(codes),
                    rebuild=rebuild_set & set(codes),
                    progress=progress,
                    should_stop=should_stop,
                    max_months=max_months,
                )
            )
        except Busy:
            report.families.append(FamilyReport(family, list(codes), busy=True))
    return report


# --- claiming ------------------------------------------------------------------------------------


def _claim(codes: list[str], now: datetime) -> dict[str, FillState]:
    with transaction.atomic():
        for code in codes:
            FillState.objects.get_or_create(statistic=code)
        states = {
            state.statistic: state
            for state in FillState.objects.select_for_update().filter(statistic__in=codes)
        }
        for state in states.values():
            if (
                state.status == FillState.Status.RUNNING
                and state.heartbeat_at
                and state.heartbeat_at > now - STALE_AFTER
            ):
                raise Busy(state.statistic)
        FillState.objects.filter(statistic__in=codes).update(
            status=FillState.Status.RUNNING,
            started_at=now,
            heartbeat_at=now,
            months_done=0,
            rows=0,
            message="",
        )
    for state in states.values():
        state.status = FillState.Status.RUNNING
        state.started_at = state.heartbeat_at = now
        state.months_done = state.rows = 0
    return states


# --- planning ------------------------------------------------------------------------------------


def _month_range(month: date) -> tuple[date, date]:
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return month, following


def _aware(day: date) -> datetime:
    """Midnight at the start of ``day`` in Rahai's time zone (Asia/Karachi)."""
    return datetime(day.year, day.month, day.day, tzinfo=timezone.get_current_timezone())


def _chunks(values: list, size: int = CHUNK):
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _audit_changes(since_seq: int):
    return AuditEntry.objects.filter(seq__gt=since_seq, action__in=CHANGE_ACTIONS)


def _changed_case_months(state: FillState, now: datetime) -> set[date]:
    since = (state.changes_seen_at or now) - OVERLAP
    cases = system_cases(purpose=PURPOSE)
    ids = set(cases.filter(updated_at__gte=since).values_list("id", flat=True))
    ids |= set(cases.filter(id__gt=state.last_id).values_list("id", flat=True))
    entries = _audit_changes(state.last_audit_seq)
    ids |= set(
        entries.filter(object_type__in=CASE_OBJECTS, case_id__isnull=False).values_list(
            "case_id", flat=True
        )
    )
    person_ids = list(
        entries.filter(object_type="person", person_id__isnull=False)
        .values_list("person_id", flat=True)
        .distinct()
    )
    roles = system_case_roles(purpose=PURPOSE)
    for chunk in _chunks(person_ids):
        ids |= set(roles.filter(person_id__in=chunk).values_list("case_id", flat=True))
    months: set[date] = set()
    for chunk in _chunks(sorted(ids)):
        months |= {
            facts.month_of(day)
            for day in cases.filter(id__in=chunk).values_list("opened_on", flat=True)
        }
        months |= set(CaseMonth.objects.filter(case_id__in=chunk).values_list("period", flat=True))
    return months


def _changed_contact_months(state: FillState, now: datetime) -> set[date]:
    since = (state.changes_seen_at or now) - OVERLAP
    contacts = system_contacts(purpose=PURPOSE)
    ids = set(contacts.filter(id__gt=state.last_id).values_list("id", flat=True))
    ids |= set(contacts.filter(received_at__gte=since).values_list("id", flat=True))
    ids |= {
        int(object_id)
        for object_id in _audit_changes(state.last_audit_seq)
        .filter(object_type="contact")
        .values_list("object_id", flat=True)
        if str(object_id).isdigit()
    }
    # Unanswered contacts whose response time ran out since the last planning: now breaches.
    ids |= set(
        contacts.filter(
            first_response_at__isnull=True, sla_due_at__gte=since, sla_due_at__lte=now
        ).values_list("id", flat=True)
    )
    months: set[date] = set()
    for chunk in _chunks(sorted(ids)):
        months |= {
            facts.month_of(at)
            for at in contacts.filter(id__in=chunk).values_list("received_at", flat=True)
        }
    return months


def _all_months(family: str, codes: list[str]) -> set[date]:
    if family == "cases":
        source = {
            facts.month_of(day) for day in system_cases(purpose=PURPOSE).dates("opened_on", "month")
        }
    else:
        source = {
            facts.month_of(at)
            for at in system_contacts(purpose=PURPOSE).datetimes("received_at", "month")
        }
    counted = set(
        Count.objects.filter(statistic__in=codes).values_list("period", flat=True).distinct()
    )
    return source | counted


def _plan(family: str, states: dict[str, FillState], rebuild: set[str], now: datetime) -> None:
    # The new watermarks first: whatever changes while we look is seen again next time.
    seq_now = AuditHead.objects.filter(pk=1).values_list("seq", flat=True).first() or 0
    source = (
        system_cases(purpose=PURPOSE) if family == "cases" else system_contacts(purpose=PURPOSE)
    )
    id_now = source.aggregate(top=Max("id"))["top"] or 0
    full = {code for code, state in states.items() if code in rebuild or not state.changes_seen_at}
    incremental = [state for code, state in states.items() if code not in full]
    changed: set[date] = set()
    if incremental:
        # One look for the family, from the oldest watermarks of its statistics.
        look = FillState(
            changes_seen_at=min(s.changes_seen_at for s in incremental),
            last_id=min(s.last_id for s in incremental),
            last_audit_seq=min(s.last_audit_seq for s in incremental),
        )
        finder = _changed_case_months if family == "cases" else _changed_contact_months
        changed = finder(look, now)
    every = _all_months(family, sorted(full)) if full else set()
    with transaction.atomic():
        for code, state in states.items():
            months = every if code in full else changed
            state.pending = sorted(set(state.pending) | {m.isoformat() for m in months})
            state.changes_seen_at = now
            state.last_id = id_now
            state.last_audit_seq = seq_now
            if code in full:
                state.rebuilt_at = now
            state.save(
                update_fields=[
                    "pending",
                    "changes_seen_at",
                    "last_id",
                    "last_audit_seq",
                    "rebuilt_at",
                ]
            )


# --- working -------------------------------------------------------------------------------------


def _province_of() -> dict[str, str]:
    return dict(District.objects.values_list("code", "province__code"))


def _case_rows(month: date, codes: list[str], province_of: dict[str, str]):
    start, end = _month_range(month)
    flags = list(CASE_TYPE_FIELDS.values())
    cases = []
    for row in (
        system_cases(purpose=PURPOSE)
        .filter(opened_on__gte=start, opened_on__lt=end)
        .values("id", "opened_on", "status", "district__code", *flags)
    ):
        district = row["district__code"] or ""
        cases.append(
            {
                "id": row["id"],
                "opened_on": row["opened_on"],
                "status": row["status"],
                "district": district,
                "province": province_of.get(district, ""),
                "case_types": [code for code, flag in CASE_TYPE_FIELDS.items() if row[flag]],
            }
        )
    roles = [
        {
            "case_id": row["case_id"],
            "role": row["role"],
            "trafficking_status": row["trafficking_status"],
            "exploitation_types": row["exploitation_types"],
            "means_of_control": row["means_of_control"],
            "recruitment_method": row["recruitment_method"],
            "recruiter_relationship": row["recruiter_relationship"],
            "industry": row["industry"],
            "vulnerability_factors": row["vulnerability_factors"],
            "perpetrator_roles": row["perpetrator_roles"],
            "age_when_trafficked": row["age_when_trafficked"],
            "gender": row["person__gender"],
            "birth_date": row["person__birth_date"],
            "estimated_age": row["person__estimated_age"],
            "age_estimated_on": row["person__age_estimated_on"],
            "citizenship": row["person__citizenship__code"],
            "home_district": row["person__district__code"],
        }
        for row in system_case_roles(purpose=PURPOSE)
        .filter(case__opened_on__gte=start, case__opened_on__lt=end, role__in=["victim", "suspect"])
        .values(
            "case_id",
            "role",
            "trafficking_status",
            "exploitation_types",
            "means_of_control",
            "recruitment_method",
            "recruiter_relationship",
            "industry",
            "vulnerability_factors",
            "perpetrator_roles",
            "age_when_trafficked",
            "person__gender",
            "person__birth_date",
            "person__estimated_age",
            "person__age_estimated_on",
            "person__citizenship__code",
            "person__district__code",
        )
    ]
    events = []
    if {"routes", "exploitation_places", "victim_origins", "victims"} & set(codes):
        events = [
            {
                "case_id": row["case_id"],
                "event_type": row["event_type"],
                "district": row["district__code"],
                "country": row["country__code"],
            }
            for row in system_events(purpose=PURPOSE)
            .filter(case__opened_on__gte=start, case__opened_on__lt=end)
            .order_by("case_id", "position", "id")
            .values("case_id", "event_type", "district__code", "country__code")
        ]
    return cases, roles, events


def _contact_rows(month: date, province_of: dict[str, str]) -> list[dict]:
    start, end = _month_range(month)
    rows = (
        system_contacts(purpose=PURPOSE)
        .filter(received_at__gte=_aware(start), received_at__lt=_aware(end))
        .values(
            "received_at",
            "channel",
            "contact_class",
            "case_types",
            "district__code",
            "sla_due_at",
            "first_response_at",
        )
    )
    return [
        {
            "received_at": row["received_at"],
            "channel": row["channel"],
            "contact_class": row["contact_class"],
            "case_types": row["case_types"],
            "district": row["district__code"] or "",
            "province": province_of.get(row["district__code"] or "", ""),
            "sla_due_at": row["sla_due_at"],
            "first_response_at": row["first_response_at"],
        }
        for row in rows
    ]


# Rows are written with one executemany per month: the ORM's bulk_create spends most of its
# time preparing values field by field (4,000 rows a second on SQLite against 100,000+ here).
_COUNT_COLUMNS = (
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


def _write_counts(cells: facts.Cells, month: date) -> list[str]:
    """Insert the month's cells; returns the statistic of each row written."""
    period = connection.ops.adapt_datefield_value(month)
    rows = [
        (
            statistic,
            period,
            level,
            MONTH,
            province,
            district,
            mask,
            gender,
            band,
            dimension,
            value[:120],
            n,
            total,
        )
        for (
            statistic,
            level,
            province,
            district,
            mask,
            gender,
            band,
            dimension,
            value,
        ), (n, total) in cells.values.items()
    ]
    table = connection.ops.quote_name(Count._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _COUNT_COLUMNS)
    marks = ", ".join(["%s"] * len(_COUNT_COLUMNS))
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, BATCH * 5):
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", chunk)  # noqa: S608 - names from the model, values bound
    return [row[0] for row in rows]


def _remember_case_months(case_ids: list[int], month: date) -> None:
    """``CaseMonth`` says these cases are counted in ``month`` (and no others are)."""
    stale = CaseMonth.objects.filter(period=month).values_list("case_id", flat=True)
    for chunk in _chunks(sorted(set(stale) - set(case_ids))):
        CaseMonth.objects.filter(case_id__in=chunk).delete()
    period = connection.ops.adapt_datefield_value(month)
    table = connection.ops.quote_name(CaseMonth._meta.db_table)
    with connection.cursor() as cursor:
        for chunk in _chunks(case_ids, BATCH * 5):
            cursor.executemany(
                f"INSERT INTO {table} (case_id, period) VALUES (%s, %s) "  # noqa: S608
                "ON CONFLICT (case_id) DO UPDATE SET period = excluded.period",
                [(case_id, period) for case_id in chunk],
            )


def fill_month(family: str, month: date, codes: list[str], province_of=None) -> dict[str, int]:
    """Recompute one month of these statistics and replace their rows; returns rows per code.
    Call inside a transaction."""
    province_of = province_of if province_of is not None else _province_of()
    if family == "cases":
        cases, roles, events = _case_rows(month, codes, province_of)
        cells = facts.case_cells(cases, roles, events, codes, province_of)
        _remember_case_months([case["id"] for case in cases], month)
    else:
        cells = facts.contact_cells(_contact_rows(month, province_of))
    Count.objects.filter(period=month, statistic__in=codes, span=MONTH).delete()
    written = dict.fromkeys(codes, 0)
    for statistic in _write_counts(cells, month):
        written[statistic] += 1
    return written


_GROUP_COLUMNS = (
    "statistic",
    "level",
    "province",
    "district",
    "case_types",
    "gender",
    "age_band",
    "dimension",
    "value",
)


def roll_up_year(year: int, codes: list[str]) -> int:
    """Replace the yearly rows of these statistics with the sums of their months' rows (one
    INSERT ... SELECT ... GROUP BY in the database). Call inside a transaction."""
    first, following = date(year, 1, 1), date(year + 1, 1, 1)
    Count.objects.filter(period=first, statistic__in=codes, span=YEAR).delete()
    table = connection.ops.quote_name(Count._meta.db_table)
    group = ", ".join(connection.ops.quote_name(c) for c in _GROUP_COLUMNS)
    marks = ", ".join(["%s"] * len(codes))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({group}, period, span, n, total) "  # noqa: S608 - names from the model
            f"SELECT {group}, %s, %s, SUM(n), SUM(total) FROM {table} "
            f"WHERE span = %s AND period >= %s AND period < %s AND statistic IN ({marks}) "
            f"GROUP BY {group}",
            [
                connection.ops.adapt_datefield_value(first),
                YEAR,
                MONTH,
                connection.ops.adapt_datefield_value(first),
                connection.ops.adapt_datefield_value(following),
                *codes,
            ],
        )
        return cursor.rowcount


def _roll_up_pending_years(states: dict[str, FillState], progress) -> int:
    years = sorted({year for state in states.values() for year in state.pending_years})
    rows = 0
    for year in years:
        todo = [code for code, state in states.items() if year in state.pending_years]
        with transaction.atomic():
            rows += max(0, roll_up_year(int(year), todo))
            for code in todo:
                states[code].pending_years = [y for y in states[code].pending_years if y != year]
            FillState.objects.bulk_update([states[code] for code in todo], ["pending_years"])
        if progress:
            progress(f"year {year}: summed from its months")
    return rows


def _fill_family(
    family: str,
    codes: list[str],
    *,
    rebuild: set[str],
    progress,
    should_stop,
    max_months,
) -> FamilyReport:
    started = time.perf_counter()
    now = timezone.now()
    states = _claim(codes, now)
    report = FamilyReport(family, codes)
    try:
        _plan(family, states, rebuild, now)
        months = sorted({month for state in states.values() for month in state.pending})
        province_of = _province_of() if months else {}
        if months:
            audit_record(
                action=AuditAction.SYSTEM,
                object_type="insights",
                actor_label="rahai insights fill",
                details={
                    "purpose": PURPOSE,
                    "statistics": codes,
                    "months": len(months),
                    "rebuild": sorted(rebuild),
                },
            )
        for index, iso in enumerate(months):
            if (max_months is not None and index >= max_months) or (should_stop and should_stop()):
                break
            month = date.fromisoformat(iso)
            todo = [code for code in codes if iso in states[code].pending]
            with transaction.atomic():
                written = fill_month(family, month, todo, province_of)
                beat = timezone.now()
                for code in todo:
                    state = states[code]
                    state.pending = [m for m in state.pending if m != iso]
                    state.pending_years = sorted({*state.pending_years, iso[:4]})
                    state.months_done += 1
                    state.rows += written[code]
                    state.heartbeat_at = beat
                FillState.objects.bulk_update(
                    [states[code] for code in todo],
                    ["pending", "pending_years", "months_done", "rows", "heartbeat_at"],
                )
            report.months += 1
            report.rows += sum(written.values())
            if progress:
                progress(
                    f"{family}: {iso[:7]} ({index + 1}/{len(months)}), {sum(written.values())} rows"
                )
        # Yearly rows: the sums of the months just written (and of any left by a run that
        # stopped before this step).
        report.rows += _roll_up_pending_years(states, progress)
    except BaseException as exc:
        FillState.objects.filter(statistic__in=codes).update(
            status=FillState.Status.FAILED,
            finished_at=timezone.now(),
            seconds=time.perf_counter() - started,
            message=f"{exc.__class__.__name__} (the remaining months stay pending)"[:300],
        )
        raise
    report.seconds = time.perf_counter() - started
    report.pending = len({month for state in states.values() for month in state.pending})
    FillState.objects.filter(statistic__in=codes).update(
        status=FillState.Status.IDLE,
        finished_at=timezone.now(),
        seconds=report.seconds,
        message=f"stopped with {report.pending} months still pending" if report.pending else "",
    )
    return report


def fill_states() -> list[FillState]:
    known = {state.statistic: state for state in FillState.objects.all()}
    return [known.get(code) or FillState(statistic=code) for code in STATISTICS]


def figures_as_of() -> datetime | None:
    """When the counts were last brought up to date (the oldest statistic's last planning)."""
    states = list(FillState.objects.filter(statistic__in=list(STATISTICS)))
    if len(states) < len(STATISTICS) or any(not s.changes_seen_at for s in states):
        return None
    return min(s.changes_seen_at for s in states)
