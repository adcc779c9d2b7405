"""Demo charges, outcomes and hearings on a handful of demo cases, written through the real
services (validated, encrypted and audited like real records).

Six cases with suspects get charges, each at another point of its way through the courts:
a conviction with a sentence and a fine (PTPA s.3, at a special court), an acquittal (BLSAA
s.11), a trial with its next hearing fixed (PSMA), a challan just submitted (PTPA s.4), an
investigation under PPC 371-A beside PTPA s.3, and a fresh FIR. Where a case is shared with the
demo prosecution department, its prosecutor records the hearings and outcomes, as they would.

Needs the law (``load_laws``, which ``rahai demo`` runs first) and the demo cases. Idempotent:
once any demo case has a charge, nothing more is added.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from rahai.cases import services as case_services
from rahai.cases.access import editable_cases
from rahai.cases.models import CASE_TYPE_FIELDS, Case, CaseType, RoleKind, Sensitivity
from rahai.justice import services
from rahai.justice.access import can_record_court, case_suspects, system_charges
from rahai.justice.models import ChargeStatus, Offence, Outcome
from rahai.orgs.models import OrganisationKind

# Owners whose cases are charged (demo usernames), and the prosecution office.
OWNERS = ("investigator", "fia", "desk.ps-civil-lines-grw", "desk.fia-gujranwala")
PROSECUTOR = "prosecutor"
PROSECUTION_ORG = "prosecution_pb"


@dataclass(frozen=True)
class HearingSpec:
    day: int  # days after the charge (decided charges) or before today (pending ones)
    summary: str
    next_in: int | None = None  # days after this hearing to the next


@dataclass(frozen=True)
class Scenario:
    case_type: str
    offences: tuple[tuple[str, str], ...]  # (law code, section)
    status: str
    outcome: str = Outcome.PENDING
    decided_after: int = 0  # days after the charge
    sentence_years: str | None = None
    fine_rs: int | None = None
    court: str = ""  # demo organisation key of the court
    court_case_number: str = ""
    special_court: bool = False
    hearings: tuple[HearingSpec, ...] = field(default_factory=tuple)
    second_suspect_outcome: str | None = None  # another outcome for a second suspect


SCENARIOS = [
    Scenario(
        CaseType.TRAFFICKING_INTERNAL,
        (("ptpa-2018", "3"),),
        ChargeStatus.DECIDED,
        outcome=Outcome.CONVICTED,
        decided_after=150,
        sentence_years="7",
        fine_rs=200_000,
        court="sessions_lahore",
        court_case_number="Sessions Case 112/2026",
        special_court=True,
        hearings=(
            HearingSpec(30, "Charge framed; the accused pleaded not guilty.", 21),
            HearingSpec(51, "Victim's statement recorded by video link (PTPA s.11).", 28),
            HearingSpec(79, "Prosecution evidence closed; defence evidence begun.", 30),
            HearingSpec(150, "Judgment announced."),
        ),
        second_suspect_outcome=Outcome.ACQUITTED,
    ),
    Scenario(
        CaseType.BONDED_LABOUR,
        (("blsaa-1992", "11"),),
        ChargeStatus.DECIDED,
        outcome=Outcome.ACQUITTED,
        decided_after=120,
        court="magistrate_lahore",
        court_case_number="Criminal Case 87/2026",
        hearings=(
            HearingSpec(20, "Challan received; copies supplied to the accused.", 30),
            HearingSpec(120, "Acquitted: the witnesses resiled from their statements."),
        ),
    ),
    Scenario(
        CaseType.SMUGGLING,
        (("psma-2018", "3"),),
        ChargeStatus.TRIAL,
        court="sessions_lahore",
        court_case_number="Sessions Case 131/2026",
        hearings=(
            HearingSpec(40, "Charge framed.", 30),
            HearingSpec(10, "Two prosecution witnesses examined.", 22),
        ),
    ),
    Scenario(
        CaseType.TRAFFICKING_TRANSNATIONAL,
        (("ptpa-2018", "4"),),
        ChargeStatus.CHALLAN,
        court="sessions_lahore",
        court_case_number="Sessions Case 140/2026",
        special_court=True,
        hearings=(HearingSpec(9, "Challan submitted; the court summoned the accused.", 14),),
    ),
    Scenario(
        CaseType.TRAFFICKING_INTERNAL,
        (("ptpa-2018", "3"), ("ppc-1860", "371-A")),
        ChargeStatus.INVESTIGATION,
    ),
    Scenario(CaseType.TRAFFICKING_INTERNAL, (("ptpa-2018", "3"),), ChargeStatus.FIR),
]


def _candidates(users: dict) -> list[tuple[Case, object]]:
    """Normal demo cases with suspects, oldest first, with a user of their owner."""
    found = []
    for username in OWNERS:
        user = users.get(username)
        if user is None:
            continue
        suspects = Count("roles", filter=Q(roles__role=RoleKind.SUSPECT))
        cases = (
            editable_cases(user)
            .filter(sensitivity=Sensitivity.NORMAL)
            .annotate(suspects=suspects)
            .filter(suspects__gt=0)
            .order_by("opened_on", "id")[:60]
        )
        found.extend((case, user) for case in cases)
    found.sort(key=lambda pair: (pair[0].opened_on, pair[0].pk))
    return found


def _pick(candidates: list, used: set[int], scenario: Scenario):
    """The oldest unused case of the scenario's type (with two suspects if it needs them)."""
    of_type = [p for p in candidates if getattr(p[0], CASE_TYPE_FIELDS[scenario.case_type])]
    if scenario.second_suspect_outcome:
        of_type = [p for p in of_type if p[0].suspects > 1] + of_type
    for case, user in of_type + candidates:
        if case.pk not in used:
            used.add(case.pk)
            return case, user
    return None


def _day(start: date, days: int, today: date) -> date:
    return min(start + timedelta(days=days), today)


def _recorder(case: Case, owner_user, users: dict, orgs: dict):
    """Who records the court's progress: the prosecutor, once the case is shared with them."""
    prosecutor = users.get(PROSECUTOR)
    office = orgs.get(PROSECUTION_ORG)
    if prosecutor is None or office is None or office.kind != OrganisationKind.PROSECUTION:
        return owner_user
    if case.district.province_id == office.province_id:
        case_services.case_share(
            user=owner_user, case=case, organisation=office, reason="Prosecution of the accused"
        )
    return prosecutor if can_record_court(prosecutor, case) else owner_user


def _offences() -> dict[tuple[str, str], Offence]:
    return {(o.law.code, o.section): o for o in Offence.objects.select_related("law")}


def seed_justice(*, orgs: dict, users: dict, rng: random.Random | None = None) -> int:
    """Charge the suspects of a few demo cases; return how many charges were added."""
    demo_owners = list(orgs.values())
    if (
        system_charges(purpose="demo loader: are the demo charges there")
        .filter(case__owner__in=demo_owners)
        .exists()
    ):
        return 0
    offences = _offences()
    if not offences:
        return 0  # the law is not loaded; `rahai load_reference` adds it
    rng = rng or random.Random(2026)
    today = timezone.localdate()
    candidates = _candidates(users)
    used: set[int] = set()
    added = 0
    with transaction.atomic():
        for scenario in SCENARIOS:
            picked = _pick(candidates, used, scenario)
            if picked is None:
                break
            case, owner_user = picked
            added += _seed_case(case, owner_user, scenario, offences, orgs, users, today, rng)
    return added


def _seed_case(case, owner_user, scenario: Scenario, offences, orgs, users, today, rng) -> int:
    recorder = _recorder(case, owner_user, users, orgs)
    charged_on = _day(case.opened_on, rng.randint(2, 10), today)
    court = orgs.get(scenario.court)
    suspects = list(case_suspects(case))
    added = 0
    for number, suspect in enumerate(suspects[:2]):
        for law_section in scenario.offences:
            offence = offences.get(law_section)
            if offence is None or not offence.chargeable:
                continue
            charge = services.charge_add(
                user=owner_user,
                case=case,
                suspect=suspect,
                offence=offence,
                charged_on=charged_on,
                status=ChargeStatus.FIR,
                fir_number=case.fir_number,
            )
            added += 1
            # A decided charge was on trial; the outcome moves it to "decided".
            stage = scenario.status
            data: dict = {"status": ChargeStatus.TRIAL if stage == ChargeStatus.DECIDED else stage}
            if court is not None:
                data.update(
                    court=court,
                    court_case_number=scenario.court_case_number,
                    special_court=scenario.special_court,
                )
            outcome = scenario.outcome
            if number == 1 and scenario.second_suspect_outcome:
                outcome = scenario.second_suspect_outcome
            if outcome != Outcome.PENDING:
                data.update(
                    outcome=outcome, outcome_on=_day(charged_on, scenario.decided_after, today)
                )
                if outcome == Outcome.CONVICTED:
                    data["sentence_years"] = scenario.sentence_years
                    data["sentence_fine_rs"] = scenario.fine_rs
            if data != {"status": ChargeStatus.FIR}:
                services.charge_update(user=recorder, charge=charge, data=data)
    _seed_hearings(case, recorder, scenario, charged_on, court, today)
    return added


def _seed_hearings(case, recorder, scenario: Scenario, charged_on, court, today) -> None:
    """A decided charge's hearings follow its charge; a pending one's are the last weeks',
    with the next hearing still to come."""
    for spec in scenario.hearings:
        if scenario.outcome != Outcome.PENDING:
            held_on = _day(charged_on, spec.day, today)
        else:
            held_on = max(charged_on, today - timedelta(days=spec.day))
        next_on = None if spec.next_in is None else held_on + timedelta(days=spec.next_in)
        services.hearing_add(
            user=recorder,
            case=case,
            held_on=held_on,
            court=court,
            court_case_number=scenario.court_case_number,
            summary=spec.summary,
            next_on=next_on,
        )
