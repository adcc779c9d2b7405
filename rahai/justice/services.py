"""Writing a case's charges and court hearings. Each write is checked, atomic and audited.

Who may do what is decided in ``rahai.justice.access``: the case's owner charges suspects and
removes a charge entered by mistake; the owner, and a prosecution office the case is shared
with, record the court's progress (stage, court, outcome, sentence) and the hearings.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.cases.models import Case, CaseRole, RoleKind
from rahai.core.changes import apply_changes, snapshot
from rahai.justice.access import can_charge, can_record_court, charge_exists
from rahai.justice.models import Charge, ChargeStatus, Hearing, Offence, Outcome
from rahai.orgs.models import Organisation, OrganisationKind

CHARGE_FIELDS = [
    "suspect",
    "offence",
    "status",
    "charged_on",
    "fir_number",
    "court",
    "court_case_number",
    "special_court",
    "outcome",
    "outcome_on",
    "sentence_years",
    "sentence_fine_rs",
    "notes",
]
# What ``charge_update`` changes: the charge's way through the courts. Who was charged under
# which section, when, and in which FIR is fixed; a mistake there is removed and charged again.
COURT_FIELDS = [
    "status",
    "court",
    "court_case_number",
    "special_court",
    "outcome",
    "outcome_on",
    "sentence_years",
    "sentence_fine_rs",
    "notes",
]
HEARING_FIELDS = ["court", "court_case_number", "held_on", "summary", "next_on"]

MAX_SENTENCE_YEARS = Decimal("99")
MAX_TEXT = {"fir_number": 40, "court_case_number": 60, "notes": 20000, "summary": 20000}


def _error(errors: dict[str, list], field: str, message, code: str) -> None:
    errors.setdefault(field, []).append(ValidationError(message, code=code))


def _jsonable(changes: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Audit details are JSON: years of a sentence as text ("7.5"), not a Decimal."""
    return {
        name: [str(value) if isinstance(value, Decimal) else value for value in pair]
        for name, pair in changes.items()
    }


def _years(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return Decimal("NaN")


def _check_texts(state: dict[str, Any], errors: dict[str, list]) -> None:
    for name, limit in MAX_TEXT.items():
        if len(state.get(name) or "") > limit:
            _error(errors, name, _("This value is too long."), "max_length")


def _check_date(errors: dict[str, list], field: str, value: date | None) -> None:
    if isinstance(value, date) and value > timezone.localdate():
        _error(errors, field, _("This date is in the future."), "future")


def _check_court(errors: dict[str, list], court: Organisation | None) -> None:
    if court is not None and court.kind != OrganisationKind.COURT:
        _error(errors, "court", _("Choose an organisation that is a court."), "not_a_court")


def _clean_court_record(state: dict[str, Any], errors: dict[str, list]) -> dict[str, Any]:
    """The rules on a charge's stage, outcome and sentence, on the charge as it would be."""
    status, outcome = state["status"], state["outcome"]
    if status not in ChargeStatus.values:
        _error(errors, "status", _("Choose from the list."), "invalid_choice")
    if outcome not in Outcome.values:
        _error(errors, "outcome", _("Choose from the list."), "invalid_choice")
        return state
    decided = outcome != Outcome.PENDING
    if decided:
        state["status"] = ChargeStatus.DECIDED  # a court's decision ends the charge's way
        if state["outcome_on"] is None:
            _error(errors, "outcome_on", _("Give the date of the decision."), "required")
    else:
        if status == ChargeStatus.DECIDED:
            _error(
                errors,
                "status",
                _("A decided charge needs its outcome, or choose the stage it is at."),
                "no_outcome",
            )
        if state["outcome_on"] is not None:
            _error(
                errors,
                "outcome_on",
                _("A decision date goes with an outcome: choose the outcome or clear the date."),
                "no_outcome",
            )
    _check_date(errors, "outcome_on", state["outcome_on"])
    charged_on, outcome_on = state["charged_on"], state["outcome_on"]
    if isinstance(outcome_on, date) and isinstance(charged_on, date) and outcome_on < charged_on:
        _error(
            errors,
            "outcome_on",
            _("The decision cannot come before the charge (%(date)s).")
            % {"date": charged_on.isoformat()},
            "before_charge",
        )
    years = _years(state["sentence_years"])
    state["sentence_years"] = years
    fine = state["sentence_fine_rs"]
    if outcome != Outcome.CONVICTED:
        for name in ("sentence_years", "sentence_fine_rs"):
            if state[name] is not None:
                _error(
                    errors,
                    name,
                    _("A sentence or a fine is recorded only with a conviction."),
                    "not_convicted",
                )
    if years is not None and not (years.is_finite() and 0 < years <= MAX_SENTENCE_YEARS):
        _error(
            errors,
            "sentence_years",
            _("Give the years of imprisonment, from 0.1 to 99."),
            "out_of_range",
        )
    elif years is not None and years != years.quantize(Decimal("0.1")):
        _error(errors, "sentence_years", _("Give the years to one decimal place."), "decimals")
    if fine is not None and (not isinstance(fine, int) or fine <= 0):
        _error(errors, "sentence_fine_rs", _("A fine is a whole number of rupees."), "invalid")
    _check_texts(state, errors)
    return state


def _audit(
    *, user, action: str, object_type: str, obj, case_id: int, changes: dict, person_id=None
) -> None:
    audit_record(
        actor=user,
        action=action,
        object_type=object_type,
        object_id=obj.pk,
        case_id=case_id,
        person_id=person_id,
        fields=list(changes),
        details={"changes": _jsonable(changes)},
    )


# --- charges -------------------------------------------------------------------------------


@transaction.atomic
def charge_add(
    *,
    user,
    case: Case,
    suspect: CaseRole | None,
    offence: Offence | None,
    charged_on: date | None,
    status: str = ChargeStatus.FIR,
    fir_number: str = "",
    notes: str = "",
) -> Charge:
    """Charge a suspect of the case under an offence (a section of a law)."""
    if not can_charge(user, case):
        raise PermissionDenied
    errors: dict[str, list] = {}
    if suspect is None or suspect.case_id != case.pk or suspect.role != RoleKind.SUSPECT:
        _error(errors, "suspect", _("Choose a suspect of this case."), "not_a_suspect")
    if offence is None:
        _error(errors, "offence", _("Choose the offence."), "required")
    elif not offence.chargeable:
        _error(
            errors,
            "offence",
            _("This section cannot be charged: it is repealed or makes nothing an offence."),
            "not_chargeable",
        )
    elif "suspect" not in errors and charge_exists(suspect_id=suspect.pk, offence_id=offence.pk):
        _error(
            errors, "offence", _("This suspect is already charged under this section."), "duplicate"
        )
    if charged_on is None:
        _error(errors, "charged_on", _("Give the date of the charge."), "required")
    _check_date(errors, "charged_on", charged_on)
    if status == ChargeStatus.DECIDED:
        _error(
            errors,
            "status",
            _("Record the charge first, then the court's decision on it."),
            "decided",
        )
        status = ChargeStatus.FIR  # checked above; the rules below need a stage before a decision
    state = {
        "status": status,
        "outcome": Outcome.PENDING,
        "outcome_on": None,
        "charged_on": charged_on,
        "sentence_years": None,
        "sentence_fine_rs": None,
        "fir_number": (fir_number or "").strip(),
        "notes": (notes or "").strip(),
    }
    state = _clean_court_record(state, errors)
    if errors:
        raise ValidationError(errors)
    charge = case.charges.create(
        suspect=suspect,
        offence=offence,
        charged_on=charged_on,
        status=state["status"],
        fir_number=state["fir_number"],
        notes=state["notes"],
        created_by=user,
    )
    changes = snapshot(charge, CHARGE_FIELDS)
    _audit(
        user=user,
        action=AuditAction.CREATE,
        object_type="charge",
        obj=charge,
        case_id=case.pk,
        person_id=suspect.person_id,
        changes=changes,
    )
    return charge


@transaction.atomic
def charge_update(*, user, charge: Charge, data: dict[str, Any]) -> dict[str, list]:
    """Record the charge's way through the courts: any of ``COURT_FIELDS``. An outcome other
    than pending needs its date and moves the charge to the "decided" stage."""
    unknown = set(data) - set(COURT_FIELDS)
    if unknown:
        raise ValueError(f"charge_update cannot change {sorted(unknown)}")
    if not can_record_court(user, charge.case):
        raise PermissionDenied
    errors: dict[str, list] = {}
    state = {name: getattr(charge, name) for name in COURT_FIELDS}
    state["charged_on"] = charge.charged_on
    for name, value in data.items():
        state[name] = value.strip() if isinstance(value, str) else value
    if "court" in data and (data["court"] or None) != charge.court:
        _check_court(errors, data["court"])
    state = _clean_court_record(state, errors)
    if errors:
        raise ValidationError(errors)
    changed = {name: state[name] for name in COURT_FIELDS if name in data or name == "status"}
    diff = apply_changes(charge, changed)
    if diff:
        charge.save()
        _audit(
            user=user,
            action=AuditAction.UPDATE,
            object_type="charge",
            obj=charge,
            case_id=charge.case_id,
            person_id=charge.suspect.person_id,
            changes=diff,
        )
    return diff


@transaction.atomic
def charge_remove(*, user, charge: Charge) -> None:
    """Remove a charge entered by mistake, while the court has not decided it."""
    if not can_charge(user, charge.case):
        raise PermissionDenied
    if charge.outcome != Outcome.PENDING:
        raise ValidationError(
            {"outcome": [_("A charge the court has decided cannot be removed.")]},
            code="decided",
        )
    audit_record(
        actor=user,
        action=AuditAction.DELETE,
        object_type="charge",
        object_id=charge.pk,
        case_id=charge.case_id,
        person_id=charge.suspect.person_id,
        fields=["offence"],
        details={"changes": {"offence": [charge.offence_id, None]}},
    )
    charge.delete()


# --- hearings ------------------------------------------------------------------------------


def _clean_hearing(state: dict[str, Any], errors: dict[str, list]) -> None:
    held_on, next_on = state["held_on"], state["next_on"]
    if held_on is None:
        _error(errors, "held_on", _("Give the date of the hearing."), "required")
    _check_date(errors, "held_on", held_on)
    if isinstance(held_on, date) and isinstance(next_on, date) and next_on <= held_on:
        _error(errors, "next_on", _("The next hearing must come after this one."), "not_after")
    _check_texts(state, errors)


@transaction.atomic
def hearing_add(
    *,
    user,
    case: Case,
    held_on: date | None,
    court: Organisation | None = None,
    court_case_number: str = "",
    summary: str = "",
    next_on: date | None = None,
) -> Hearing:
    """Record a date in court: what happened, and when the court sits next."""
    if not can_record_court(user, case):
        raise PermissionDenied
    errors: dict[str, list] = {}
    state = {
        "court": court,
        "court_case_number": (court_case_number or "").strip(),
        "held_on": held_on,
        "summary": (summary or "").strip(),
        "next_on": next_on,
    }
    _check_court(errors, court)
    _clean_hearing(state, errors)
    if errors:
        raise ValidationError(errors)
    hearing = case.hearings.create(created_by=user, **state)
    _audit(
        user=user,
        action=AuditAction.CREATE,
        object_type="hearing",
        obj=hearing,
        case_id=case.pk,
        changes=snapshot(hearing, HEARING_FIELDS),
    )
    return hearing


@transaction.atomic
def hearing_update(*, user, hearing: Hearing, data: dict[str, Any]) -> dict[str, list]:
    unknown = set(data) - set(HEARING_FIELDS)
    if unknown:
        raise ValueError(f"hearing_update cannot change {sorted(unknown)}")
    if not can_record_court(user, hearing.case):
        raise PermissionDenied
    errors: dict[str, list] = {}
    state = {name: getattr(hearing, name) for name in HEARING_FIELDS}
    for name, value in data.items():
        state[name] = value.strip() if isinstance(value, str) else value
    if "court" in data and (data["court"] or None) != hearing.court:
        _check_court(errors, data["court"])
    _clean_hearing(state, errors)
    if errors:
        raise ValidationError(errors)
    diff = apply_changes(hearing, {name: state[name] for name in HEARING_FIELDS if name in data})
    if diff:
        hearing.save()
        _audit(
            user=user,
            action=AuditAction.UPDATE,
            object_type="hearing",
            obj=hearing,
            case_id=hearing.case_id,
            changes=diff,
        )
    return diff


@transaction.atomic
def hearing_remove(*, user, hearing: Hearing) -> None:
    """Remove a hearing recorded by mistake (on the wrong case, or twice)."""
    if not can_record_court(user, hearing.case):
        raise PermissionDenied
    audit_record(
        actor=user,
        action=AuditAction.DELETE,
        object_type="hearing",
        object_id=hearing.pk,
        case_id=hearing.case_id,
        fields=["held_on"],
        details={"changes": {"held_on": [hearing.held_on.isoformat(), None]}},
    )
    hearing.delete()
