"""Who hears about what happens to a referral or a transfer, and the texts they get.

Texts name only the reference: notifications and emails never carry personal data.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rahai.accounts.models import RoleCode, User
from rahai.cases.access import EDIT_ROLES, visible_cases
from rahai.notifications.kinds import register
from rahai.notifications.services import notify
from rahai.orgs.models import JurisdictionLevel

TEXTS = {
    "referral.received": _("New referral %(reference)s for your organisation"),
    "referral.info_requested": _("More information asked for on referral %(reference)s"),
    "referral.info_given": _("More information given on referral %(reference)s"),
    "referral.accepted": _("Referral %(reference)s was accepted"),
    "referral.declined": _("Referral %(reference)s was declined"),
    "referral.started": _("Service started on referral %(reference)s"),
    "referral.completed": _("Referral %(reference)s was completed"),
    "referral.revoked": _("Referral %(reference)s was revoked"),
    "referral.reassigned_away": _("Referral %(reference)s was reassigned to another organisation"),
    "referral.override": _("Referral %(reference)s was sent without consent: review it"),
    "referral.override_reviewed": _("The emergency override on %(reference)s was reviewed"),
    "referral.overdue_response": _("Referral %(reference)s is waiting for an answer past its time"),
    "referral.overdue_service": _("Referral %(reference)s is past its due date"),
    "referral.due_changed": _("The due date of referral %(reference)s was changed"),
    "referral.onward": _("Referral %(reference)s was passed on to another organisation"),
    "transfer.requested": _("Case transfer %(reference)s waits for your acceptance"),
    "transfer.accepted": _("Case transfer %(reference)s was accepted"),
    "transfer.declined": _("Case transfer %(reference)s was declined"),
    "transfer.cancelled": _("Case transfer %(reference)s was cancelled"),
}
for _kind, _text in TEXTS.items():
    register(_kind, _text)


def organisation_staff(organisation_id: int):
    """Active users of an organisation who work its cases (and could act on a referral)."""
    return (
        User.objects.filter(
            is_active=True, organisation_id=organisation_id, roles__code__in=EDIT_ROLES
        )
        .distinct()
        .order_by("id")
    )


def organisation_supervisors(organisation_id: int):
    return (
        User.objects.filter(
            is_active=True, organisation_id=organisation_id, roles__code=RoleCode.SUPERVISOR
        )
        .distinct()
        .order_by("id")
    )


def case_supervisors(case) -> list[User]:
    """Supervisors who may see the case: of its owner, or with jurisdiction over its district."""
    district = case.district
    candidates = User.objects.filter(
        Q(organisation_id=case.owner_id)
        | Q(organisation__jurisdiction_level=JurisdictionLevel.NATIONAL)
        | Q(
            organisation__jurisdiction_level=JurisdictionLevel.PROVINCE,
            organisation__province_id=district.province_id,
        )
        | Q(
            organisation__jurisdiction_level=JurisdictionLevel.DISTRICT,
            organisation__district_id=district.pk,
        ),
        is_active=True,
        roles__code=RoleCode.SUPERVISOR,
    ).distinct()
    return [user for user in candidates if visible_cases(user).filter(pk=case.pk).exists()]


def referral_link(referral) -> str:
    return reverse("referrals:detail", args=[referral.pk])


def tell(users, kind: str, referral, *, key: str = "", link: bool = True) -> None:
    notify(
        users,
        kind=kind,
        reference=referral.reference or "",
        link=referral_link(referral) if link else "",
        key=key,
    )


def tell_transfer(users, kind: str, transfer, reference: str) -> None:
    notify(
        users,
        kind=kind,
        reference=reference,
        link=reverse("referrals:transfer_detail", args=[transfer.pk]),
    )
