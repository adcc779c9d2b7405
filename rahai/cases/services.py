"""Writing cases, roles, route events, notes and shares. Each write is validated, atomic and audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.cases.access import can_add_note, can_edit_case
from rahai.cases.models import (
    CASE_TYPE_FIELDS,
    CLOSED_STATUSES,
    Case,
    CaseReferenceCounter,
    CaseRole,
    CaseShare,
    CaseType,
    Event,
    ExploitationType,
    MeansOfControl,
    Note,
    PerpetratorRole,
    RoleKind,
    Sensitivity,
    VulnerabilityFactor,
)
from rahai.core.changes import apply_changes, snapshot
from rahai.geo.models import District
from rahai.people.validation import validate_event_date

CASE_FIELDS = [
    "status",
    "closure_reason",
    "district",
    "sensitivity",
    "team",
    "title",
    "summary",
    "opened_on",
    "fir_number",
    *CASE_TYPE_FIELDS.values(),
]
ROLE_FIELDS = [
    "role",
    "trafficking_status",
    "status_decided_by",
    "exploitation_types",
    "means_of_control",
    "recruitment_method",
    "recruiter_relationship",
    "age_when_trafficked",
    "industry",
    "vulnerability_factors",
    "perpetrator_roles",
]
EVENT_FIELDS = [
    "person",
    "event_type",
    "district",
    "country",
    "place",
    "occurred_on",
    "date_is_approximate",
    "description",
    "position",
]


def _require_edit(user, case: Case) -> None:
    if not can_edit_case(user, case):
        raise PermissionDenied


def _next_reference(district: District, year: int) -> str:
    prefix = f"{district.province.code}-{district.code}"
    counter, _created = CaseReferenceCounter.objects.select_for_update().get_or_create(
        prefix=prefix, year=year
    )
    CaseReferenceCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return f"{prefix}-{year}-{counter.last:06d}"


def clean_case_data(data: dict[str, Any], *, case: Case | None = None) -> dict[str, Any]:
    cleaned = dict(data)
    errors: dict[str, list] = {}
    if "case_types" in cleaned:
        types = list(dict.fromkeys(cleaned.pop("case_types") or []))
        unknown = [code for code in types if code not in CaseType.values]
        if unknown or not types:
            errors["case_types"] = [
                ValidationError(_("Choose at least one case type."), code="required")
            ]
        for code, field in CASE_TYPE_FIELDS.items():
            cleaned[field] = code in types
    status = cleaned.get("status", case.status if case else None)
    closure = cleaned.get("closure_reason", case.closure_reason if case else "")
    if status in CLOSED_STATUSES and not closure:
        errors["closure_reason"] = [
            ValidationError(_("A closed case needs a closure reason."), code="required")
        ]
    if status and status not in CLOSED_STATUSES and closure:
        cleaned["closure_reason"] = ""
    sensitivity = cleaned.get("sensitivity", case.sensitivity if case else Sensitivity.NORMAL)
    team = cleaned.get("team", case.team if case else None)
    if sensitivity == Sensitivity.RESTRICTED and team is None:
        errors["team"] = [
            ValidationError(
                _("A restricted case must name the team that may see it."), code="required"
            )
        ]
    opened_on = cleaned.get("opened_on")
    if isinstance(opened_on, date) and opened_on > timezone.localdate():
        errors["opened_on"] = [ValidationError(_("This date is in the future."), code="future")]
    if "district" in cleaned and cleaned["district"] is None:
        errors["district"] = [ValidationError(_("Choose a district of Pakistan."), code="required")]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_team(user, cleaned: dict[str, Any]) -> None:
    """A restricted case's team must belong to the owning organisation and include the user,
    so nobody locks a case away from themselves or hands it to another organisation's team."""
    team = cleaned.get("team")
    if team is None:
        return
    if team.organisation_id != user.organisation_id or not team.members.filter(pk=user.pk).exists():
        raise ValidationError(
            {"team": [_("Choose a team of your organisation that you are a member of.")]}
        )


@transaction.atomic
def case_create(*, user, data: dict[str, Any]) -> Case:
    if not user.works_cases:
        raise PermissionDenied
    cleaned = clean_case_data({"case_types": [], **data})
    _check_team(user, cleaned)
    case = Case(owner_id=user.organisation_id, created_by=user)
    for name in CASE_FIELDS:
        if name in cleaned:
            setattr(case, name, cleaned[name])
    case.opened_on = cleaned.get("opened_on") or timezone.localdate()
    case.reference = _next_reference(case.district, case.opened_on.year)
    case.save()
    changes = snapshot(case, CASE_FIELDS)
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="case",
        object_id=case.pk,
        case_id=case.pk,
        fields=list(changes),
        details={"changes": changes},
    )
    return case


@transaction.atomic
def case_update(*, user, case: Case, data: dict[str, Any]) -> dict[str, list]:
    _require_edit(user, case)
    cleaned = clean_case_data(data, case=case)
    if "team" in cleaned and cleaned["team"] is not None and cleaned["team"].pk != case.team_id:
        _check_team(user, cleaned)
    diff = apply_changes(case, {name: cleaned[name] for name in CASE_FIELDS if name in cleaned})
    if diff:
        case.save()
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            object_type="case",
            object_id=case.pk,
            case_id=case.pk,
            fields=list(diff),
            details={"changes": diff},
        )
    return diff


@transaction.atomic
def case_share(*, user, case: Case, organisation, reason: str = "") -> CaseShare:
    _require_edit(user, case)
    if organisation.pk == case.owner_id:
        raise ValidationError(
            {"organisation": [_("The case already belongs to this organisation.")]}
        )
    share = case.shares.filter(organisation=organisation, revoked_at__isnull=True).first()
    if share is None:
        share = case.shares.create(organisation=organisation, shared_by=user, reason=reason)
        audit_record(
            actor=user,
            action=AuditAction.SHARE,
            object_type="case",
            object_id=case.pk,
            case_id=case.pk,
            fields=["shares"],
            details={"organisation": organisation.pk, "reason": reason},
        )
    return share


@transaction.atomic
def case_unshare(*, user, case: Case, share_id: int) -> None:
    _require_edit(user, case)
    share = case.shares.filter(pk=share_id, revoked_at__isnull=True).first()
    if share is None:
        raise ValidationError(_("This case is not shared with that organisation."))
    share.revoked_at = timezone.now()
    share.save(update_fields=["revoked_at"])
    audit_record(
        actor=user,
        action=AuditAction.UNSHARE,
        object_type="case",
        object_id=case.pk,
        case_id=case.pk,
        fields=["shares"],
        details={"organisation": share.organisation_id},
    )


def _clean_role(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = dict(data)
    errors: dict[str, list] = {}
    choices = {
        "exploitation_types": ExploitationType.values,
        "means_of_control": MeansOfControl.values,
        "perpetrator_roles": PerpetratorRole.values,
        "vulnerability_factors": VulnerabilityFactor.values,
    }
    for name, allowed in choices.items():
        if name in cleaned:
            values = list(dict.fromkeys(cleaned[name] or []))
            if any(value not in allowed for value in values):
                errors[name] = [ValidationError(_("Choose from the list."), code="invalid_choice")]
            cleaned[name] = values
    role = cleaned.get("role")
    if role is not None and role not in RoleKind.values:
        errors["role"] = [ValidationError(_("Choose from the list."), code="invalid_choice")]
    if role != RoleKind.VICTIM:
        for name in (
            "trafficking_status",
            "recruitment_method",
            "recruiter_relationship",
            "industry",
        ):
            cleaned.setdefault(name, "")
    age = cleaned.get("age_when_trafficked")
    if age is not None and not 0 <= age <= 120:
        errors["age_when_trafficked"] = [
            ValidationError(_("An age must be between 0 and 120."), code="age")
        ]
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def case_role_add(*, user, case: Case, person, data: dict[str, Any]) -> CaseRole:
    _require_edit(user, case)
    cleaned = _clean_role(data)
    if case.roles.filter(person=person, role=cleaned.get("role")).exists():
        raise ValidationError({"role": [_("This person already has this role in the case.")]})
    role = CaseRole(case=case, person=person)
    for name in ROLE_FIELDS:
        if name in cleaned:
            setattr(role, name, cleaned[name])
    role.save()
    changes = snapshot(role, ROLE_FIELDS)
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="case_role",
        object_id=role.pk,
        case_id=case.pk,
        person_id=person.pk,
        fields=list(changes),
        details={"changes": changes},
    )
    return role


@transaction.atomic
def case_role_update(*, user, role: CaseRole, data: dict[str, Any]) -> dict[str, list]:
    _require_edit(user, role.case)
    cleaned = _clean_role({"role": role.role, **data})
    if (
        cleaned["role"] != role.role
        and role.case.roles.filter(person_id=role.person_id, role=cleaned["role"]).exists()
    ):
        raise ValidationError({"role": [_("This person already has this role in the case.")]})
    diff = apply_changes(role, {name: cleaned[name] for name in ROLE_FIELDS if name in cleaned})
    if diff:
        role.save()
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            object_type="case_role",
            object_id=role.pk,
            case_id=role.case_id,
            person_id=role.person_id,
            fields=list(diff),
            details={"changes": diff},
        )
    return diff


@transaction.atomic
def case_role_remove(*, user, role: CaseRole) -> None:
    _require_edit(user, role.case)
    audit_record(
        actor=user,
        action=AuditAction.DELETE,
        object_type="case_role",
        object_id=role.pk,
        case_id=role.case_id,
        person_id=role.person_id,
        fields=["role"],
        details={"changes": {"role": [role.role, None]}},
    )
    role.delete()


def _clean_event(data: dict[str, Any], *, event: Event | None = None) -> dict[str, Any]:
    cleaned = dict(data)
    errors: dict[str, list] = {}
    district = cleaned.get("district", event.district if event else None)
    country = cleaned.get("country", event.country if event else None)
    if district is not None and country is not None and country.code != "PK":
        errors["country"] = [
            ValidationError(
                _("Give either a district of Pakistan or a foreign country, not both."), code="both"
            )
        ]
    if district is None and country is None:
        errors["district"] = [
            ValidationError(_("Give a district of Pakistan or a foreign country."), code="required")
        ]
    if country is not None and country.code == "PK":
        if district is None:
            errors["district"] = [
                ValidationError(_("For a place in Pakistan, choose the district."), code="required")
            ]
        cleaned["country"] = None
    try:
        validate_event_date(cleaned.get("occurred_on"))
    except ValidationError as exc:
        errors["occurred_on"] = exc.error_list
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def event_create(*, user, case: Case, data: dict[str, Any]) -> Event:
    _require_edit(user, case)
    cleaned = _clean_event(data)
    event = Event(case=case)
    for name in EVENT_FIELDS:
        if name in cleaned:
            setattr(event, name, cleaned[name])
    if not cleaned.get("position"):
        event.position = (case.events.aggregate(top=Max("position"))["top"] or 0) + 1
    event.save()
    changes = snapshot(event, EVENT_FIELDS)
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="event",
        object_id=event.pk,
        case_id=case.pk,
        fields=list(changes),
        details={"changes": changes},
    )
    return event


@transaction.atomic
def event_update(*, user, event: Event, data: dict[str, Any]) -> dict[str, list]:
    _require_edit(user, event.case)
    cleaned = _clean_event(data, event=event)
    diff = apply_changes(event, {name: cleaned[name] for name in EVENT_FIELDS if name in cleaned})
    if diff:
        event.save()
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            object_type="event",
            object_id=event.pk,
            case_id=event.case_id,
            fields=list(diff),
            details={"changes": diff},
        )
    return diff


@transaction.atomic
def event_delete(*, user, event: Event) -> None:
    _require_edit(user, event.case)
    audit_record(
        actor=user,
        action=AuditAction.DELETE,
        object_type="event",
        object_id=event.pk,
        case_id=event.case_id,
        fields=["event"],
        details={"changes": {"event_type": [event.event_type, None]}},
    )
    event.delete()


@transaction.atomic
def note_create(*, user, case: Case, body: str) -> Note:
    if not can_add_note(user, case):
        raise PermissionDenied
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Write something first.")]})
    if len(body) > 20000:
        raise ValidationError({"body": [_("A note can be at most 20,000 characters.")]})
    note = case.notes.create(author=user, organisation_id=user.organisation_id, body=body)
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="note",
        object_id=note.pk,
        case_id=case.pk,
        fields=["body"],
        details={"changes": {"body": [None, body]}},
    )
    return note
