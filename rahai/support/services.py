"""Writing support plans: opening one, planning and delivering services, follow-ups, the closure
checklist and closing. Each write checks who may make it (``rahai.support.access``), validates
before it writes anything, locks the plan, and is audited with the victim's case and person."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.accounts.models import User
from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.cases.models import Case
from rahai.consent.models import ConsentPurpose
from rahai.consent.services import consent_for
from rahai.core.changes import apply_changes, snapshot
from rahai.orgs.models import Organisation
from rahai.referrals.models import Referral, ReferralStatus
from rahai.services_directory.models import ServiceOffering, ServiceType
from rahai.support.access import (
    can_edit_plan,
    can_open_plan,
    can_record_delivery,
    can_work_on_plan,
    case_victims,
    checklist_for_update,
    lock_plan,
    lock_service,
    open_plan_of,
    plan_person,
    plan_referrals,
    services_of_referral,
    unresolved_services,
)
from rahai.support.models import (
    NEEDS,
    ChecklistItem,
    CheckState,
    ClosureCheck,
    ContactMethod,
    FollowUp,
    PlannedService,
    PlanStatus,
    ServiceStatus,
    SupportPlan,
)

MAX_TEXT = 10_000
PLAN_FIELDS = ["needs", "goals", "risk_notes", "key_worker", "opened_on"]
SERVICE_FIELDS = [
    "service",
    "provider",
    "offering",
    "referral",
    "planned_start",
    "status",
    "started_on",
    "delivered_on",
    "outcome",
]
DELIVERY_FIELDS = ["planned_start", "status", "started_on", "delivered_on", "outcome"]
FOLLOW_UP_FIELDS = ["contacted_on", "method", "by", "outcome", "next_due"]


def _text(value: str | None, field: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: [_("This field is required.")]})
    if len(value) > limit:
        raise ValidationError({field: [_("This text is too long.")]})
    return value


def _audit(user, plan: SupportPlan, action, object_type, object_id, fields, details=None):
    audit_record(
        actor=user,
        action=action,
        object_type=object_type,
        object_id=object_id,
        case_id=plan.case_id,
        person_id=plan.person_id,
        fields=fields,
        details=details,
    )


def _require_open(plan: SupportPlan) -> None:
    if plan.status != PlanStatus.OPEN:
        raise ValidationError(
            _("This support plan is closed. Open a new plan to arrange more support.")
        )


def _not_future(value: date | None, field: str, errors: dict) -> None:
    if value is not None and value > timezone.localdate():
        errors[field] = [_("This date is in the future.")]


# --- plans ---------------------------------------------------------------------------------


def clean_plan_data(data: dict[str, Any], *, case: Case) -> dict[str, Any]:
    cleaned = {name: data[name] for name in PLAN_FIELDS if name in data}
    errors: dict[str, list] = {}
    if "needs" in cleaned:
        needs = list(dict.fromkeys(cleaned["needs"] or []))
        if any(code not in NEEDS for code in needs):
            errors["needs"] = [_("Choose from the list.")]
        cleaned["needs"] = needs
    for name in ("goals", "risk_notes"):
        if name in cleaned:
            try:
                cleaned[name] = _text(cleaned[name], name)
            except ValidationError as exc:
                errors.update(exc.message_dict)
    worker = cleaned.get("key_worker")
    if worker is not None and not (
        isinstance(worker, User)
        and worker.is_active
        and worker.organisation_id == case.owner_id
        and worker.works_cases
    ):
        errors["key_worker"] = [_("Choose a caseworker of the organisation that owns the case.")]
    if "opened_on" in cleaned:
        cleaned["opened_on"] = cleaned["opened_on"] or timezone.localdate()
        _not_future(cleaned["opened_on"], "opened_on", errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def plan_create(*, user, case: Case, person, data: dict[str, Any]) -> SupportPlan:
    """Open a support plan for a victim of the case, with an empty closure checklist."""
    if not can_open_plan(user, case):
        raise PermissionDenied
    if not case_victims(case).filter(person_id=person.pk).exists():
        raise ValidationError({"person": [_("Choose a victim of this case.")]})
    if open_plan_of(case, person) is not None:
        raise ValidationError(_("This victim already has an open support plan in this case."))
    cleaned = clean_plan_data({"opened_on": None, **data}, case=case)
    plan = SupportPlan(case=case, person=person, created_by=user, **cleaned)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:  # opened at the same moment by someone else
        raise ValidationError(
            _("This victim already has an open support plan in this case.")
        ) from None
    for item in ChecklistItem.values:
        plan.checklist.create(item=item)
    changes = snapshot(plan, PLAN_FIELDS)
    _audit(
        user, plan, AuditAction.CREATE, "support_plan", plan.pk, list(changes), {"changes": changes}
    )
    return plan


@transaction.atomic
def plan_update(*, user, plan: SupportPlan, data: dict[str, Any]) -> dict[str, list]:
    if not can_edit_plan(user, plan):
        raise PermissionDenied
    locked = lock_plan(plan)
    _require_open(locked)
    cleaned = clean_plan_data(data, case=locked.case)
    diff = apply_changes(locked, cleaned)
    if diff:
        locked.save()
        _audit(
            user,
            locked,
            AuditAction.UPDATE,
            "support_plan",
            locked.pk,
            list(diff),
            {"changes": diff},
        )
    return diff


# --- planned services ----------------------------------------------------------------------


def _clean_delivery(values: dict[str, Any], errors: dict) -> None:
    """Status, dates and outcome agree: in progress has a start, delivered a date, cancelled a
    reason; no date in the future; delivered not before started."""
    status = values.get("status") or ServiceStatus.PLANNED
    if status not in ServiceStatus.values:
        errors["status"] = [_("Choose from the list.")]
        return
    values["status"] = status
    for name in ("started_on", "delivered_on"):
        _not_future(values.get(name), name, errors)
    if values.get("planned_start") is None:
        errors["planned_start"] = [_("Give the date the service is planned to start.")]
    if status == ServiceStatus.IN_PROGRESS and values.get("started_on") is None:
        errors["started_on"] = [_("Give the date the service started.")]
    if status == ServiceStatus.DELIVERED and values.get("delivered_on") is None:
        errors["delivered_on"] = [_("Give the date the service was delivered.")]
    if status == ServiceStatus.CANCELLED and not values.get("outcome"):
        errors["outcome"] = [_("Say why the service was cancelled or declined.")]
    if status in (ServiceStatus.PLANNED, ServiceStatus.IN_PROGRESS):
        values["delivered_on"] = None
    started, delivered = values.get("started_on"), values.get("delivered_on")
    if started and delivered and delivered < started and "delivered_on" not in errors:
        errors["delivered_on"] = [_("A service cannot be delivered before it started.")]


def _clean_service(user, plan: SupportPlan, data: dict[str, Any], *, editor: bool) -> dict:
    values = {name: data.get(name) for name in SERVICE_FIELDS}
    errors: dict[str, list] = {}
    if values["service"] not in ServiceType.values:
        errors["service"] = [_("Choose from the list.")]
    provider = values["provider"]
    if not isinstance(provider, Organisation) or not provider.active:
        errors["provider"] = [_("Choose the organisation that provides the service.")]
        provider = None
    elif not editor and provider.pk != user.organisation_id:
        errors["provider"] = [_("You can only add services your own organisation provides.")]
    offering = values["offering"]
    if offering is not None and not (
        isinstance(offering, ServiceOffering)
        and provider is not None
        and offering.organisation_id == provider.pk
        and offering.service == values["service"]
    ):
        errors["offering"] = [_("Choose this provider's directory entry for this service.")]
    referral = values["referral"]
    if referral is not None and not (
        isinstance(referral, Referral)
        and plan_referrals(user, plan).filter(pk=referral.pk).exists()
        and provider is not None
        and referral.to_organisation_id == provider.pk
    ):
        errors["referral"] = [_("Choose a referral of this victim to this provider.")]
    try:
        values["outcome"] = _text(values["outcome"], "outcome")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    _clean_delivery(values, errors)
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def service_add(*, user, plan: SupportPlan, data: dict[str, Any]) -> PlannedService:
    """Plan a service (any provider, for the owner's staff; its own, for a receiver)."""
    if not can_work_on_plan(user, plan):
        raise PermissionDenied
    values = _clean_service(user, plan, data, editor=can_edit_plan(user, plan))
    locked = lock_plan(plan)
    _require_open(locked)
    service = PlannedService(plan=locked, created_by=user, **values)
    service.save()
    changes = snapshot(service, SERVICE_FIELDS)
    _audit(
        user,
        locked,
        AuditAction.CREATE,
        "planned_service",
        service.pk,
        list(changes),
        {"changes": changes, "plan": locked.pk},
    )
    return service


@transaction.atomic
def service_update(*, user, service: PlannedService, data: dict[str, Any]) -> dict[str, list]:
    """Record progress or delivery: status, dates and outcome (and the planned start)."""
    if not can_record_delivery(user, service):
        raise PermissionDenied
    locked = lock_plan(service.plan)
    _require_open(locked)
    current = lock_service(service)
    values = {name: data.get(name, getattr(current, name)) for name in DELIVERY_FIELDS}
    errors: dict[str, list] = {}
    try:
        values["outcome"] = _text(values["outcome"], "outcome")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    _clean_delivery(values, errors)
    if errors:
        raise ValidationError(errors)
    diff = apply_changes(current, values)
    if diff:
        current.save()
        _audit(
            user,
            locked,
            AuditAction.UPDATE,
            "planned_service",
            current.pk,
            list(diff),
            {"changes": diff, "plan": locked.pk},
        )
    return diff


@transaction.atomic
def planned_service_from_referral(*, user, plan: SupportPlan, referral: Referral) -> PlannedService:
    """Record a completed referral's outcome as the delivery of the service it arranged: the
    service linked to the referral if the plan has one, else a new delivered service."""
    if not can_edit_plan(user, plan):
        raise PermissionDenied
    if not plan_referrals(user, plan).filter(pk=referral.pk).exists():
        raise ValidationError({"referral": [_("Choose a referral of this victim.")]})
    if referral.status != ReferralStatus.COMPLETED:
        raise ValidationError(
            {"referral": [_("Only a completed referral's outcome can be recorded as delivered.")]}
        )
    locked = lock_plan(plan)
    _require_open(locked)
    linked = [
        s for s in services_of_referral(locked, referral) if s.status != ServiceStatus.CANCELLED
    ]
    if any(s.status == ServiceStatus.DELIVERED for s in linked):
        raise ValidationError(
            {"referral": [_("This referral's service is already recorded as delivered.")]}
        )
    values = {
        "status": ServiceStatus.DELIVERED,
        "started_on": timezone.localdate(referral.accepted_at) if referral.accepted_at else None,
        "delivered_on": timezone.localdate(referral.closed_at or timezone.now()),
    }
    details = {"plan": locked.pk, "referral": referral.pk}
    if linked:
        service = lock_service(linked[0])
        values["outcome"] = service.outcome or referral.outcome
        diff = apply_changes(service, values)
        service.save()
        _audit(
            user,
            locked,
            AuditAction.UPDATE,
            "planned_service",
            service.pk,
            list(diff),
            {"changes": diff, **details},
        )
        return service
    service = PlannedService(
        plan=locked,
        service=referral.service,
        provider_id=referral.to_organisation_id,
        offering_id=referral.offering_id,
        referral=referral,
        planned_start=timezone.localdate(referral.sent_at),
        outcome=referral.outcome,
        created_by=user,
        **values,
    )
    service.save()
    changes = snapshot(service, SERVICE_FIELDS)
    _audit(
        user,
        locked,
        AuditAction.CREATE,
        "planned_service",
        service.pk,
        list(changes),
        {"changes": changes, **details},
    )
    return service


# --- follow-ups ----------------------------------------------------------------------------


@transaction.atomic
def follow_up_record(*, user, plan: SupportPlan, data: dict[str, Any]) -> FollowUp:
    """A contact with the survivor, by the owner's staff or a receiving provider's staff."""
    if not can_work_on_plan(user, plan):
        raise PermissionDenied
    errors: dict[str, list] = {}
    contacted_on = data.get("contacted_on") or timezone.localdate()
    _not_future(contacted_on, "contacted_on", errors)
    method = data.get("method")
    if method not in ContactMethod.values:
        errors["method"] = [_("Choose from the list.")]
    by = data.get("by") or user
    if not (
        isinstance(by, User)
        and by.is_active
        and by.organisation_id == user.organisation_id
        and by.works_cases
    ):
        errors["by"] = [_("Choose someone of your organisation.")]
    try:
        outcome = _text(data.get("outcome"), "outcome", required=True)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        outcome = ""
    next_due = data.get("next_due")
    if next_due is not None and next_due <= contacted_on:
        errors["next_due"] = [_("The next follow-up must come after this one.")]
    if errors:
        raise ValidationError(errors)
    locked = lock_plan(plan)
    _require_open(locked)
    follow_up = FollowUp(
        plan=locked,
        contacted_on=contacted_on,
        method=method,
        by=by,
        organisation_id=user.organisation_id,
        outcome=outcome,
        next_due=next_due,
        recorded_by=user,
    )
    follow_up.save()
    changes = snapshot(follow_up, FOLLOW_UP_FIELDS)
    _audit(
        user,
        locked,
        AuditAction.CREATE,
        "follow_up",
        follow_up.pk,
        list(changes),
        {"changes": changes, "plan": locked.pk},
    )
    return follow_up


# --- the closure checklist and closing -----------------------------------------------------


def _label(item: str) -> str:
    return str(dict(ChecklistItem.choices).get(item, item))


def _unresolved_message(plan: SupportPlan) -> str | None:
    pending = list(unresolved_services(plan))
    if not pending:
        return None
    names = "; ".join(f"{s.get_service_display()} ({s.provider})" for s in pending)
    return _(
        "These services are still planned or in progress: %(services)s. Record each as "
        "delivered, or as cancelled or declined."
    ) % {"services": names}


def _check_mark(user, plan: SupportPlan, item, state, reason) -> tuple[str, str]:
    """The validated (state, reason) for one item, or a ValidationError naming the item."""
    if item not in ChecklistItem.values:
        raise ValidationError({"item": [_("Choose from the list.")]})
    if state not in CheckState.values:
        raise ValidationError({item: [_("Choose from the list.")]})
    reason = _text(reason, item, limit=2000)
    if state == CheckState.NOT_APPLICABLE and not reason:
        raise ValidationError(
            {item: [_("Say why “%(item)s” does not apply.") % {"item": _label(item)}]}
        )
    if state == CheckState.DONE and item == ChecklistItem.SERVICES:
        message = _unresolved_message(plan)
        if message:
            raise ValidationError({item: [message]})
    if state == CheckState.DONE and item == ChecklistItem.CONTACT_CONSENT:
        person = plan_person(user, plan)
        if person is None or consent_for(person, ConsentPurpose.CONTACT) is None:
            raise ValidationError(
                {
                    item: [
                        _(
                            "No decision about being contacted is recorded on the person's "
                            "page. Record it there first, or mark this item not applicable."
                        )
                    ]
                }
            )
    return state, reason if state == CheckState.NOT_APPLICABLE else ""


def _apply_mark(user, plan, row: ClosureCheck, state: str, reason: str) -> None:
    changes = apply_changes(row, {"state": state, "reason": reason})
    if not changes:
        return
    row.marked_by = user if state != CheckState.TODO else None
    row.marked_at = timezone.now() if state != CheckState.TODO else None
    row.save()
    _audit(
        user,
        plan,
        AuditAction.UPDATE,
        "support_plan",
        plan.pk,
        ["checklist"],
        {"item": row.item, "changes": changes},
    )


@transaction.atomic
def checklist_mark(
    *, user, plan: SupportPlan, item: str, state: str, reason: str = ""
) -> ClosureCheck:
    """Tick an item, mark it not applicable (with a reason), or set it back to do."""
    if not can_edit_plan(user, plan):
        raise PermissionDenied
    locked = lock_plan(plan)
    _require_open(locked)
    state, reason = _check_mark(user, locked, item, state, reason)
    row = checklist_for_update(locked)[item]
    _apply_mark(user, locked, row, state, reason)
    return row


@transaction.atomic
def plan_close(
    *, user, plan: SupportPlan, note: str = "", checklist: list[dict] | None = None
) -> SupportPlan:
    """Close the plan. Every checklist item must be done or not applicable with a reason and
    every service delivered or cancelled; ``checklist`` may settle items in the same step.
    Nothing is written unless all of it holds."""
    if not can_edit_plan(user, plan):
        raise PermissionDenied
    note = _text(note, "note", limit=2000)
    locked = lock_plan(plan)
    _require_open(locked)
    rows = checklist_for_update(locked)
    errors: dict[str, list] = {}
    marks: dict[str, tuple[str, str]] = {}
    for mark in checklist or []:
        item = mark.get("item")
        try:
            marks[item] = _check_mark(user, locked, item, mark.get("state"), mark.get("reason"))
        except ValidationError as exc:
            errors.update(exc.message_dict)
    final = {item: marks.get(item, (row.state, row.reason)) for item, row in rows.items()}
    missing = [
        _label(item)
        for item in ChecklistItem.values
        if item not in final
        or not (
            final[item][0] == CheckState.DONE
            or (final[item][0] == CheckState.NOT_APPLICABLE and final[item][1].strip())
        )
    ]
    if missing:
        errors.setdefault("checklist", []).append(
            _(
                "The plan cannot be closed yet. Tick these checklist items, or mark them not "
                "applicable with a reason: %(items)s."
            )
            % {"items": "; ".join(missing)}
        )
    unresolved = _unresolved_message(locked)
    if unresolved:
        errors.setdefault("services", []).append(unresolved)
    if errors:
        raise ValidationError(errors)
    for item, (state, reason) in marks.items():
        _apply_mark(user, locked, rows[item], state, reason)
    locked.status = PlanStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.closed_by = user
    locked.closure_note = note
    locked.save(update_fields=["status", "closed_at", "closed_by", "closure_note", "updated_at"])
    _audit(
        user,
        locked,
        AuditAction.UPDATE,
        "support_plan",
        locked.pk,
        ["status", "closure_note"],
        {"changes": {"status": [PlanStatus.OPEN, PlanStatus.CLOSED], "closure_note": [None, note]}},
    )
    return locked
