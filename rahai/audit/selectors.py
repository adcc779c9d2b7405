"""Reading the audit log: who may browse which entries."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from rahai.accounts.models import RoleCode
from rahai.audit.models import AuditEntry
from rahai.cases.access import visible_cases


def can_browse_audit(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.has_role(RoleCode.AUDITOR, RoleCode.SUPERVISOR)
    )


def can_read_audit_values(user) -> bool:
    """Only auditors may open the (encrypted) old and new values of a change."""
    return user.is_authenticated and user.is_active and user.has_role(RoleCode.AUDITOR)


def audit_entries(
    user,
    *,
    username: str = "",
    case_reference: str = "",
    action: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEntry]:
    if not can_browse_audit(user):
        return AuditEntry.objects.none()
    entries = AuditEntry.objects.select_related("actor")
    if not user.has_role(RoleCode.AUDITOR):
        # Supervisors: their own organisation's staff, and the cases they can see.
        entries = entries.filter(
            Q(organisation_id=user.organisation_id)
            | Q(case_id__in=visible_cases(user).values("id"))
        )
    if username:
        entries = entries.filter(Q(actor__username=username) | Q(actor_label=username))
    if case_reference:
        case_ids = visible_cases(user).filter(reference=case_reference.strip().upper()).values("id")
        if user.has_role(RoleCode.AUDITOR):
            from rahai.cases.access import system_cases

            case_ids = (
                system_cases(purpose="audit browsing by reference")
                .filter(reference=case_reference.strip().upper())
                .values("id")
            )
        entries = entries.filter(case_id__in=case_ids)
    if action:
        entries = entries.filter(action=action)
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    return entries.order_by("-seq")
