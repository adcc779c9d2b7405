"""Who may read and write a case's charges and court hearings.

Built on ``rahai.cases.access`` and never wider than it: whoever may see a case sees its
charges and hearings; whoever may change the case (its owning organisation's case staff)
charges suspects, records the court's progress and removes a charge entered by mistake.

One addition, as narrow as a note (which every partner of a case may add): a prosecutor of a
prosecution office **the case is shared with** may record what happens in court, that is the
stage, court, outcome and sentence of the existing charges, and the hearings. They cannot
charge anyone, remove a charge or change the case. Seeing a case through a supervisor's
jurisdiction gives no such right, and a revoked share ends it.

Analysts, auditors and outsiders see none of it: the case is a 404 for them, exactly as for a
case that does not exist. Statistics read every charge through ``system_charges``.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from rahai.accounts.models import RoleCode
from rahai.cases.access import access_case, access_case_by_reference, can_edit_case, visible_cases
from rahai.cases.models import Case, CaseRole, RoleKind
from rahai.justice.models import Charge, Hearing
from rahai.orgs.models import OrganisationKind


def _is_prosecution_partner(user, case: Case) -> bool:
    """A prosecutor of a prosecution office with an active share of the case."""
    if not (user.works_cases and user.has_role(RoleCode.PROSECUTOR)):
        return False
    if user.organisation.kind != OrganisationKind.PROSECUTION:
        return False
    if not case.shares.filter(
        organisation_id=user.organisation_id, revoked_at__isnull=True
    ).exists():
        return False
    # A restricted case stays with its team, whatever was shared.
    return visible_cases(user).filter(pk=case.pk).exists()


def can_charge(user, case: Case) -> bool:
    """May charge a suspect of the case, or remove a charge: whoever may change the case."""
    return can_edit_case(user, case)


def can_record_court(user, case: Case) -> bool:
    """May record the court's progress (stage, court, outcome, sentence) and the hearings."""
    return can_edit_case(user, case) or _is_prosecution_partner(user, case)


def access_court_case(user, key, *, write: bool = False) -> Case:
    """The case by its id or its reference (``PB-LHR-2026-000001``), if the user may see it;
    with ``write``, only if they may record the court's progress on it."""
    key = str(key).strip()
    case = access_case(user, key) if key.isdigit() else access_case_by_reference(user, key)
    if write and not can_record_court(user, case):
        raise PermissionDenied
    return case


def case_charges(case: Case) -> QuerySet[Charge]:
    """The charges of a case the caller got from ``rahai.cases.access``."""
    return case.charges.select_related("suspect__person", "offence__law", "court").order_by(
        "suspect_id", "charged_on", "id"
    )


def case_hearings(case: Case) -> QuerySet[Hearing]:
    """The hearings of a case the caller got from ``rahai.cases.access``, latest first."""
    return case.hearings.select_related("court").order_by("-held_on", "-id")


def case_suspects(case: Case) -> QuerySet[CaseRole]:
    """The case's suspects (roles), for the charge form's choice of suspect."""
    return case.roles.filter(role=RoleKind.SUSPECT).select_related("person").order_by("id")


def access_charge(user, charge_id, *, write: bool = False) -> Charge:
    """A charge of a case the user may see; with ``write``, one whose court progress they may
    record. Otherwise a 404 (not visible) or a 403 (visible, read only)."""
    try:
        charge = (
            Charge.objects.filter(case__in=visible_cases(user))
            .select_related("case", "suspect__person", "offence__law", "court")
            .get(pk=int(charge_id))
        )
    except (Charge.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write and not can_record_court(user, charge.case):
        raise PermissionDenied
    return charge


def access_hearing(user, hearing_id, *, write: bool = False) -> Hearing:
    try:
        hearing = (
            Hearing.objects.filter(case__in=visible_cases(user))
            .select_related("case", "court")
            .get(pk=int(hearing_id))
        )
    except (Hearing.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write and not can_record_court(user, hearing.case):
        raise PermissionDenied
    return hearing


def upcoming_hearings(user, *, days: int = 14, today: date | None = None) -> QuerySet[Hearing]:
    """The next court dates, today or within ``days``, of the cases the user's organisation
    owns or has been given a share of: for each case, the date its latest hearing fixed."""
    today = today or timezone.localdate()
    org = user.organisation_id
    cases = visible_cases(user).filter(
        Q(owner_id=org) | Q(shares__organisation_id=org, shares__revoked_at__isnull=True)
    )
    dated = Hearing.objects.filter(
        case__in=cases.values("pk"),
        next_on__gte=today,
        next_on__lte=today + timedelta(days=days),
    )
    return (
        latest_of_their_case(dated)
        .select_related("case", "court")
        .order_by("next_on", "case__reference")
    )


def latest_of_their_case(hearings: QuerySet[Hearing]) -> QuerySet[Hearing]:
    """Of ``hearings``, those that are their case's latest: the one whose next date stands (a
    later hearing has adjourned an earlier one's date)."""
    latest = Hearing.objects.filter(case=OuterRef("case")).order_by("-held_on", "-id")
    return hearings.annotate(latest_id=Subquery(latest.values("pk")[:1])).filter(pk=F("latest_id"))


def charge_exists(*, suspect_id: int, offence_id: int, exclude_id: int | None = None) -> bool:
    """Whether this suspect is already charged under this offence (a yes or no)."""
    charges = Charge.objects.filter(suspect_id=suspect_id, offence_id=offence_id)
    if exclude_id is not None:
        charges = charges.exclude(pk=exclude_id)
    return charges.exists()


def system_charges(*, purpose: str) -> QuerySet[Charge]:
    """All charges of all cases, for system jobs (statistics); the caller audits the purpose."""
    assert purpose, "a system job must say why it reads every charge"
    return Charge.objects.all()


def system_hearings(*, purpose: str) -> QuerySet[Hearing]:
    """All hearings of all cases, for system jobs (the demo loader); the caller audits."""
    assert purpose, "a system job must say why it reads every hearing"
    return Hearing.objects.all()
