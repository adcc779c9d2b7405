"""Setting up committees and their membership. Each write checks who may make it, validates
everything before writing anything, writes in one transaction and appends an audit entry with
the changed fields (old and new values go into the entry's encrypted details).

Meetings, agenda, attendance and decisions are in ``services_meetings``; action items in
``services_actions``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.committees.access import (
    HOST_KINDS,
    can_create_committee,
    committee_for_update,
    committee_name_taken,
    current_members_q,
)
from rahai.committees.models import (
    DISTRICT_KINDS,
    SINGLE_ROLES,
    Committee,
    CommitteeKind,
    CommitteeMember,
    Constituency,
    MemberRole,
)
from rahai.committees.validation import clean_text
from rahai.core.changes import apply_changes, snapshot

COMMITTEE_FIELDS = [
    "name",
    "name_ur",
    "kind",
    "province",
    "district",
    "host",
    "secretariat",
    "legal_basis",
    "quorum",
    "active",
]
MEMBER_FIELDS = [
    "organisation",
    "person_name",
    "designation",
    "user",
    "role",
    "represents",
    "start_on",
    "end_on",
]


def audit(user, action: str, object_type: str, obj, *, committee_id, fields=(), details=None):
    """One audit entry for a committee record; ``details`` is encrypted in the log."""
    audit_record(
        actor=user,
        action=action,
        object_type=object_type,
        object_id=obj.pk,
        fields=list(fields),
        details={"committee": committee_id, **(details or {})},
    )


# --- committees ----------------------------------------------------------------------------


def clean_committee_data(
    data: dict[str, Any], *, user, committee: Committee | None = None
) -> dict[str, Any]:
    """The committee's fields, validated; every problem at once, by field."""
    current = {name: getattr(committee, name) for name in COMMITTEE_FIELDS} if committee else {}
    values = {**current, **{name: data[name] for name in COMMITTEE_FIELDS if name in data}}
    errors: dict[str, list] = {}

    def fail(field: str, message) -> None:
        errors.setdefault(field, []).append(message)

    for field, limit, required in (
        ("name", 200, True),
        ("name_ur", 200, False),
        ("legal_basis", 300, False),
    ):
        try:
            values[field] = clean_text(values.get(field), field, required=required, limit=limit)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    name = values.get("name")
    if (
        name
        and "name" not in errors
        and committee_name_taken(name, exclude_id=committee.pk if committee else None)
    ):
        fail("name", _("A committee with this name already exists."))
    kind = values.get("kind")
    if kind not in CommitteeKind.values:
        fail("kind", _("Choose from the list."))
    province, district = values.get("province"), values.get("district")
    if province is None:
        fail("province", _("Choose the province."))
    if kind in DISTRICT_KINDS and district is None:
        fail("district", _("A district committee needs its district."))
    if district is not None and province is not None and district.province_id != province.pk:
        fail("district", _("This district is not in the province chosen."))
    host, secretariat = values.get("host"), values.get("secretariat")
    if host is None or not host.active or host.kind not in HOST_KINDS:
        fail(
            "host",
            _(
                "Choose an active organisation of type District Vigilance Committee or "
                "anti-trafficking committee."
            ),
        )
    if secretariat is None or not secretariat.active:
        fail("secretariat", _("Choose the organisation that keeps the committee's records."))
    if (
        committee is None
        and host is not None
        and secretariat is not None
        and user.organisation_id not in (host.pk, secretariat.pk)
    ):
        fail(
            "secretariat",
            _("Your organisation must host the committee or be its secretariat."),
        )
    quorum = values.get("quorum")
    if quorum is not None and (not isinstance(quorum, int) or not 1 <= quorum <= 200):
        fail("quorum", _("Enter a number of members from 1 to 200, or leave it empty."))
    values["active"] = bool(values.get("active", True))
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def committee_create(*, user, data: dict[str, Any]) -> Committee:
    if not can_create_committee(user):
        raise PermissionDenied
    values = clean_committee_data(data, user=user)
    committee = Committee(created_by=user, **values)
    committee.save()
    audit(
        user,
        AuditAction.CREATE,
        "committee",
        committee,
        committee_id=committee.pk,
        fields=COMMITTEE_FIELDS,
        details={"changes": snapshot(committee, COMMITTEE_FIELDS)},
    )
    return committee


@transaction.atomic
def committee_update(*, user, committee: Committee, data: dict[str, Any]) -> Committee:
    locked = committee_for_update(user, committee)
    values = clean_committee_data(data, user=user, committee=locked)
    diff = apply_changes(locked, {name: values[name] for name in COMMITTEE_FIELDS})
    if diff:
        locked.save()
        audit(
            user,
            AuditAction.UPDATE,
            "committee",
            locked,
            committee_id=locked.pk,
            fields=list(diff),
            details={"changes": diff},
        )
    return locked


# --- members -------------------------------------------------------------------------------


def _clean_member_data(
    data: dict[str, Any], *, committee: Committee, member: CommitteeMember | None = None
) -> dict[str, Any]:
    current = {name: getattr(member, name) for name in MEMBER_FIELDS} if member else {}
    values = {**current, **{name: data[name] for name in MEMBER_FIELDS if name in data}}
    errors: dict[str, list] = {}

    def fail(field: str, message) -> None:
        errors.setdefault(field, []).append(message)

    for field in ("person_name", "designation"):
        try:
            values[field] = clean_text(values.get(field), field, limit=200)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    organisation, user = values.get("organisation"), values.get("user")
    if user is not None:
        if not user.is_active:
            fail("user", _("This user account is not active."))
        elif organisation is None:
            values["organisation"] = organisation = user.organisation
        elif user.organisation_id != organisation.pk:
            fail("user", _("This user belongs to another organisation."))
    if organisation is None and not values.get("person_name") and not values.get("designation"):
        fail("organisation", _("Name the member: an organisation, a person, or both."))
    if organisation is not None and not organisation.active and member is None:
        fail("organisation", _("This organisation is not active."))
    role = values.get("role")
    if role not in MemberRole.values:
        fail("role", _("Choose from the list."))
    represents = values.get("represents") or ""
    if represents not in Constituency.values and represents != "":
        fail("represents", _("Choose from the list."))
    values["represents"] = represents
    start_on: date | None = values.get("start_on") or timezone.localdate()
    values["start_on"] = start_on
    end_on = values.get("end_on")
    if end_on is not None and end_on < start_on:
        fail("end_on", _("The membership cannot end before it starts."))
    if role in SINGLE_ROLES and (end_on is None or end_on >= timezone.localdate()):
        holders = committee.members.filter(current_members_q(), role=role)
        if member is not None:
            holders = holders.exclude(pk=member.pk)
        if holders.exists():
            fail(
                "role",
                _("The committee already has a current %(role)s: end that membership first.")
                % {"role": MemberRole(role).label.lower()},
            )
    if user is not None and "user" not in errors:
        named = committee.members.filter(current_members_q(), user=user)
        if member is not None:
            named = named.exclude(pk=member.pk)
        if named.exists():
            fail("user", _("This user is already a member of the committee."))
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def member_add(*, user, committee: Committee, data: dict[str, Any]) -> CommitteeMember:
    locked = committee_for_update(user, committee)
    values = _clean_member_data(data, committee=locked)
    member = locked.members.create(**values)
    audit(
        user,
        AuditAction.CREATE,
        "committee_member",
        member,
        committee_id=locked.pk,
        fields=MEMBER_FIELDS,
        details={"changes": snapshot(member, MEMBER_FIELDS)},
    )
    return member


@transaction.atomic
def member_update(*, user, member: CommitteeMember, data: dict[str, Any]) -> CommitteeMember:
    locked = committee_for_update(user, member.committee)
    member = locked.members.select_for_update().get(pk=member.pk)
    values = _clean_member_data(data, committee=locked, member=member)
    diff = apply_changes(member, {name: values[name] for name in MEMBER_FIELDS})
    if diff:
        member.save()
        audit(
            user,
            AuditAction.UPDATE,
            "committee_member",
            member,
            committee_id=locked.pk,
            fields=list(diff),
            details={"changes": diff},
        )
    return member


@transaction.atomic
def member_end(*, user, member: CommitteeMember, end_on: date | None = None) -> CommitteeMember:
    """End a membership (today unless a date is given); its attendance records stay."""
    end_on = end_on or timezone.localdate()
    locked = committee_for_update(user, member.committee)
    current = locked.members.select_for_update().get(pk=member.pk)
    if current.end_on is not None and current.end_on <= end_on:
        raise ValidationError({"end_on": [_("This membership has already ended.")]})
    return member_update(user=user, member=current, data={"end_on": end_on})
