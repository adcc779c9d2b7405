"""Transferring a case's ownership to another organisation, with acceptance and history.

The receiving organisation sees, before accepting, only a summary without names (case types,
district, year, numbers of victims and suspects) and the reason. Accepting makes it the owner;
the former owner keeps read-and-note access through a share if it asked to.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.cases.access import can_edit_case
from rahai.cases.models import Case
from rahai.referrals import notify
from rahai.referrals.access import can_decide_transfer, transfer_case_for_update
from rahai.referrals.models import CaseTransfer, TransferStatus


def _audit(user, transfer, action, fields, details=None) -> None:
    audit_record(
        actor=user,
        action=action,
        object_type="case_transfer",
        object_id=transfer.pk,
        case_id=transfer.case_id,
        fields=fields,
        details=details,
    )


@transaction.atomic
def transfer_request(
    *, user, case: Case, organisation, reason: str, keep_access: bool = True
) -> CaseTransfer:
    if not can_edit_case(user, case):
        raise PermissionDenied
    reason = (reason or "").strip()
    errors: dict[str, list] = {}
    if organisation is None or not organisation.active:
        errors["organisation"] = [_("Choose the organisation to transfer the case to.")]
    elif organisation.pk == case.owner_id:
        errors["organisation"] = [_("The case already belongs to this organisation.")]
    if not reason:
        errors["reason"] = [_("Say why the case should move (no names).")]
    elif len(reason) > 2000:
        errors["reason"] = [_("This text is too long.")]
    if case.transfers.filter(status=TransferStatus.REQUESTED).exists():
        errors["organisation"] = [_("A transfer of this case is already waiting.")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            transfer = case.transfers.create(
                from_organisation_id=case.owner_id,
                to_organisation=organisation,
                reason=reason,
                keep_access=keep_access,
                requested_by=user,
            )
    except IntegrityError:
        raise ValidationError(
            {"organisation": [_("A transfer of this case is already waiting.")]}
        ) from None
    _audit(
        user,
        transfer,
        AuditAction.CREATE,
        ["to_organisation", "reason"],
        {"organisation": organisation.pk, "changes": {"reason": [None, reason]}},
    )
    notify.tell_transfer(
        notify.organisation_staff(organisation.pk),
        "transfer.requested",
        transfer,
        transfer.reference,
    )
    return transfer


def _decide(user, transfer: CaseTransfer, status: str, note: str) -> None:
    transfer.status = status
    transfer.decided_by = user
    transfer.decided_at = timezone.now()
    transfer.decision_note = (note or "").strip()[:2000]
    transfer.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


@transaction.atomic
def transfer_accept(*, user, transfer: CaseTransfer, team=None, note: str = "") -> Case:
    """The receiver becomes the owner. A restricted case needs one of the receiver's teams
    (with the accepting user in it), or nobody at the new owner could see it."""
    case = transfer_case_for_update(user, transfer)  # checks can_decide_transfer
    if case.owner_id != transfer.from_organisation_id:
        raise ValidationError(_("The case has changed hands since this transfer was asked for."))
    if case.is_restricted and (
        team is None
        or team.organisation_id != user.organisation_id
        or not team.members.filter(pk=user.pk).exists()
    ):
        raise ValidationError(
            {"team": [_("This case is restricted: choose your team that will see it.")]}
        )
    previous_owner, previous_team = case.owner_id, case.team_id
    case.owner_id = transfer.to_organisation_id
    if case.is_restricted:
        case.team = team
    case.save(update_fields=["owner", "team", "updated_at"])
    _decide(user, transfer, TransferStatus.ACCEPTED, note)
    changes = {"owner": [previous_owner, case.owner_id]}
    if case.team_id != previous_team:
        changes["team"] = [previous_team, case.team_id]
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="case",
        object_id=case.pk,
        case_id=case.pk,
        fields=list(changes),
        details={"changes": changes, "transfer": transfer.pk},
    )
    # The new owner no longer needs a share; the former owner keeps one if it asked to.
    case.shares.filter(organisation_id=case.owner_id, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if transfer.keep_access and not case.is_restricted:
        case.shares.create(
            organisation_id=previous_owner,
            shared_by=user,
            reason=str(_("Former owner, after transfer %(reference)s"))
            % {"reference": transfer.reference},
        )
        audit_record(
            actor=user,
            action=AuditAction.SHARE,
            object_type="case",
            object_id=case.pk,
            case_id=case.pk,
            fields=["shares"],
            details={"organisation": previous_owner, "transfer": transfer.pk},
        )
    _audit(user, transfer, AuditAction.UPDATE, ["status"], {"status": "accepted"})
    notify.tell_transfer([transfer.requested_by], "transfer.accepted", transfer, transfer.reference)
    return case


@transaction.atomic
def transfer_decline(*, user, transfer: CaseTransfer, note: str = "") -> CaseTransfer:
    if not can_decide_transfer(user, transfer):
        raise PermissionDenied
    if not (note or "").strip():
        raise ValidationError({"note": [_("Say why the transfer is declined.")]})
    _decide(user, transfer, TransferStatus.DECLINED, note)
    _audit(user, transfer, AuditAction.UPDATE, ["status"], {"status": "declined", "note": note})
    notify.tell_transfer([transfer.requested_by], "transfer.declined", transfer, transfer.reference)
    return transfer


@transaction.atomic
def transfer_cancel(*, user, transfer: CaseTransfer) -> CaseTransfer:
    if transfer.status != TransferStatus.REQUESTED:
        raise ValidationError(_("This transfer is no longer waiting."))
    if not transfer.viewer_sees_case or not can_edit_case(user, transfer.case):
        raise PermissionDenied
    _decide(user, transfer, TransferStatus.CANCELLED, "")
    _audit(user, transfer, AuditAction.UPDATE, ["status"], {"status": "cancelled"})
    notify.tell_transfer(
        notify.organisation_staff(transfer.to_organisation_id),
        "transfer.cancelled",
        transfer,
        transfer.reference,
    )
    return transfer
