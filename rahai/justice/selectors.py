"""Reading charges and hearings: a case's court record for its page, the offences a suspect
may be charged under, and the yearly prosecution figures.

A case's record starts from a case ``rahai.cases.access`` returned; the figures read every
charge through ``system_charges`` and hold counts only, never a case or a person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.utils import timezone

from rahai.cases.models import Case, CaseRole
from rahai.justice.access import (
    can_charge,
    can_record_court,
    case_charges,
    case_hearings,
    case_suspects,
    system_charges,
)
from rahai.justice.models import Charge, Hearing, Law, Offence, Outcome
from rahai.justice.selectors_laws import find_offences


def offence_label(offence: Offence) -> str:
    """ "PTPA 2018 s.3 — Trafficking in persons": the law's own words, in English as enacted."""
    return f"{offence.law.short_name} s.{offence.section} — {offence.title}"


def chargeable_offences() -> list[Offence]:
    """Every section a suspect may be charged under (not repealed), in the laws' order."""
    return find_offences(chargeable=True)


def offence_choices(offences: list[Offence]) -> list[tuple[str, list[tuple[int, str]]]]:
    """Offences grouped by law, for a ``<select>`` with ``<optgroup>``s."""
    groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
    for offence in offences:
        _name, options = groups.setdefault(offence.law_id, (offence.law.short_name, []))
        options.append((offence.pk, offence_label(offence)))
    return list(groups.values())


@dataclass
class SuspectCharges:
    suspect: CaseRole
    charges: list[Charge]


@dataclass
class CourtRecord:
    """What the case page's "Charges and court" section shows."""

    suspects: list[SuspectCharges]
    hearings: list[Hearing]
    next_hearing: Hearing | None
    can_charge: bool
    can_record: bool
    uncharged: list[CaseRole] = field(default_factory=list)

    @property
    def charge_count(self) -> int:
        return sum(len(entry.charges) for entry in self.suspects)

    @property
    def has_suspects(self) -> bool:
        return bool(self.suspects or self.uncharged)


def court_record(user, case: Case, *, today: date | None = None) -> CourtRecord:
    """The charges of each suspect of the case, and its hearings (latest first). The next
    hearing is the date the latest hearing fixed, if that is today or later."""
    today = today or timezone.localdate()
    charges: dict[int, list[Charge]] = {}
    for charge in case_charges(case):
        charges.setdefault(charge.suspect_id, []).append(charge)
    suspects = list(case_suspects(case))
    hearings = list(case_hearings(case))
    latest = hearings[0] if hearings else None
    upcoming = latest if latest and latest.next_on and latest.next_on >= today else None
    return CourtRecord(
        suspects=[
            SuspectCharges(role, charges[role.pk]) for role in suspects if role.pk in charges
        ],
        hearings=hearings,
        next_hearing=upcoming,
        can_charge=can_charge(user, case),
        can_record=can_record_court(user, case),
        uncharged=[role for role in suspects if role.pk not in charges],
    )


# --- yearly figures ------------------------------------------------------------------------


@dataclass
class ProsecutionCounts:
    """One year's figures for one law (``law`` None: the year across all laws, where a person
    charged under two laws counts once)."""

    year: int
    law: Law | None
    suspects_charged: int = 0
    charges_decided: int = 0
    convicted: int = 0
    acquitted: int = 0


def _by_year_and_law(charges, date_field: str, measure) -> dict[tuple[int, int | None], int]:
    year = f"{date_field}__year"
    rows = charges.order_by().values_list(year, "offence__law_id").annotate(n=measure)
    totals = charges.order_by().values_list(year).annotate(n=measure)
    found = {(year, law_id): n for year, law_id, n in rows}
    found.update({(year, None): n for year, n in totals})
    return found


def prosecution_counts(*, year_from: int, year_to: int) -> list[ProsecutionCounts]:
    """The figures Pakistan reports each year, per year and law, oldest year first:

    - suspects charged: persons charged in the year (by the date of the charge);
    - charges decided: charges the court decided in the year, whatever the outcome;
    - convicted and acquitted: persons convicted or acquitted in the year (by the date of the
      decision); a person convicted under two sections of a law counts once for that law.

    Counts only, for dashboards and reports; the caller suppresses small ones before showing
    them (``rahai.insights.suppression``)."""
    charges = system_charges(purpose="statistics: prosecutions by year and law")
    charged = charges.filter(charged_on__year__gte=year_from, charged_on__year__lte=year_to)
    decided = charges.filter(
        outcome_on__year__gte=year_from, outcome_on__year__lte=year_to
    ).exclude(outcome=Outcome.PENDING)
    persons = Count("suspect__person", distinct=True)
    figures = {
        "suspects_charged": _by_year_and_law(charged, "charged_on", persons),
        "charges_decided": _by_year_and_law(decided, "outcome_on", Count("id")),
        "convicted": _by_year_and_law(
            decided.filter(outcome=Outcome.CONVICTED), "outcome_on", persons
        ),
        "acquitted": _by_year_and_law(
            decided.filter(outcome=Outcome.ACQUITTED), "outcome_on", persons
        ),
    }
    keys = {key for counts in figures.values() for key in counts}
    laws = {law.pk: law for law in Law.objects.filter(pk__in={k[1] for k in keys if k[1]})}
    rows = []
    for year, law_id in keys:
        row = ProsecutionCounts(year=year, law=laws.get(law_id) if law_id else None)
        for name, counts in figures.items():
            setattr(row, name, counts.get((year, law_id), 0))
        rows.append(row)
    rows.sort(
        key=lambda r: (r.year, r.law is None, r.law.position if r.law else 0, str(r.law or ""))
    )
    return rows


def years_with_charges() -> list[int]:
    """The years in which a charge was laid or decided, oldest first (for a page's filter)."""
    charges = system_charges(purpose="statistics: the years prosecutions cover").order_by()
    years = set(charges.values_list("charged_on__year", flat=True).distinct())
    decided = charges.filter(outcome_on__isnull=False)
    years |= set(decided.values_list("outcome_on__year", flat=True).distinct())
    return sorted(years)
