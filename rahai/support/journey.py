"""The survivor's journey: everything Rahai knows about one victim in one case that the viewer
may see, in date order — the hotline contact, the case's milestones (opened, identified, FIR,
status), the route, referrals and their history, consent, transfers, the support plan's
services and follow-ups, and its closure.

Every piece is read through its own access layer (cases, hotline, referrals, consent, support),
so a viewer never sees here what they could not see on the piece's own page. A receiver of a
referral sees only its referral's history (as ``referral_history`` gives it), the services it
provides and the follow-ups it made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rahai.audit.models import AuditAction, AuditEntry
from rahai.cases.models import CaseStatus, TraffickingStatus
from rahai.consent.access import person_consents
from rahai.core.text import join_list
from rahai.hotline.access import visible_contacts
from rahai.referrals.access import access_referral, referral_history, visible_referrals
from rahai.referrals.models import TransferStatus
from rahai.referrals.selectors import case_transfers
from rahai.support.access import (
    JourneySubject,
    access_plan,
    plan_follow_ups,
    plan_services,
    visible_plans,
)
from rahai.support.models import ServiceStatus

KIND_LABELS = {
    "hotline": gettext_lazy("Hotline"),
    "case": gettext_lazy("Case"),
    "identification": gettext_lazy("Identification"),
    "route": gettext_lazy("Route"),
    "referral": gettext_lazy("Referral"),
    "consent": gettext_lazy("Consent"),
    "transfer": gettext_lazy("Transfer"),
    "plan": gettext_lazy("Support plan"),
    "service": gettext_lazy("Service"),
    "follow_up": gettext_lazy("Follow-up"),
}


@dataclass(frozen=True)
class JourneyItem:
    on: date
    kind: str  # hotline, case, identification, route, referral, consent, transfer, plan, service, follow_up
    title: str
    detail: str = ""
    who: str = ""
    link: str = ""
    at: datetime | None = None  # when the time of day is known
    approximate: bool = False

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def sort_key(self) -> tuple:
        moment = timezone.localtime(self.at).time() if self.at else time.min
        return (self.on, self.at is not None, moment)


def _moment(at: datetime) -> dict:
    return {"on": timezone.localdate(at), "at": at}


@dataclass
class Journey:
    items: list[JourneyItem]
    undated: list[JourneyItem]  # route events without a date, in route order


def build_journey(user, subject: JourneySubject) -> Journey:
    items: list[JourneyItem] = []
    undated: list[JourneyItem] = []
    if subject.sees_case:
        items += _hotline(user, subject)
        items += _case_milestones(subject)
        route, undated = _route(subject)
        items += route
        items += _consents(user, subject)
        items += _transfers(subject)
        referrals = visible_referrals(user).filter(case_id=subject.case_id)
        referrals = referrals.filter(Q(person_id=subject.person_id) | Q(person__isnull=True))
        items += _referrals(user, [access_referral(user, r.pk) for r in referrals.order_by("id")])
    else:
        items += _referrals(user, subject.referrals)
    items += _plans(user, subject)
    items.sort(key=lambda item: item.sort_key)
    return Journey(items=items, undated=undated)


def _hotline(user, subject) -> list[JourneyItem]:
    contacts = visible_contacts(user).filter(case_id=subject.case_id).order_by("received_at")
    return [
        JourneyItem(
            kind="hotline",
            title=_("Hotline contact %(reference)s (%(channel)s)")
            % {"reference": contact.reference, "channel": contact.get_channel_display()},
            detail=str(contact.get_contact_class_display()) if contact.contact_class else "",
            link=reverse("hotline:contact_detail", args=[contact.pk]),
            **_moment(contact.received_at),
        )
        for contact in contacts
    ]


def _changes(entry: AuditEntry) -> dict:
    details = entry.details if isinstance(entry.details, dict) else {}
    changes = details.get("changes")
    return changes if isinstance(changes, dict) else {}


def _case_milestones(subject) -> list[JourneyItem]:
    """The case opened; the victim added and identified; the FIR; the case's status changes.
    Dates come from the audit log, which records every change to a case and its roles."""
    case, role = subject.case, subject.role
    items = [
        JourneyItem(
            on=case.opened_on,
            kind="case",
            title=_("Case %(reference)s opened") % {"reference": case.reference},
            link=reverse("cases:detail", args=[case.pk]),
        )
    ]
    entries = (
        AuditEntry.objects.filter(
            case_id=case.pk,
            action__in=[AuditAction.CREATE, AuditAction.UPDATE],
            object_type__in=["case", "case_role"],
        )
        .select_related("actor")
        .order_by("seq")
    )
    statuses, identified = dict(CaseStatus.choices), dict(TraffickingStatus.choices)
    for entry in entries:
        changes, who = _changes(entry), entry.actor_label
        if entry.object_type == "case" and entry.object_id == str(case.pk):
            fir = changes.get("fir_number", [None, None])[-1]
            if fir:
                items.append(
                    JourneyItem(
                        kind="case",
                        title=_("FIR %(number)s recorded") % {"number": fir},
                        who=who,
                        **_moment(entry.at),
                    )
                )
            status = changes.get("status", [None, None])[-1]
            if status and entry.action == AuditAction.UPDATE:
                items.append(
                    JourneyItem(
                        kind="case",
                        title=_("Case status: %(status)s")
                        % {"status": statuses.get(status, status)},
                        who=who,
                        **_moment(entry.at),
                    )
                )
        elif entry.object_type == "case_role" and entry.object_id == str(role.pk):
            if entry.action == AuditAction.CREATE:
                items.append(
                    JourneyItem(
                        kind="case",
                        title=_("Added to the case as a victim"),
                        who=who,
                        **_moment(entry.at),
                    )
                )
            status = changes.get("trafficking_status", [None, None])[-1]
            if status:
                items.append(
                    JourneyItem(
                        kind="identification",
                        title=_("Trafficking status: %(status)s")
                        % {"status": identified.get(status, status)},
                        who=who,
                        **_moment(entry.at),
                    )
                )
    return items


def _route(subject) -> tuple[list[JourneyItem], list[JourneyItem]]:
    """The route events of this victim and of the case as a whole (no one person's)."""
    events = subject.case.events.filter(
        Q(person_id=subject.person_id) | Q(person__isnull=True)
    ).select_related("district", "country")
    dated, undated = [], []
    for event in events.order_by("position", "id"):
        item = JourneyItem(
            on=event.occurred_on or date.min,
            kind="route",
            title=f"{event.get_event_type_display()}: {event.place_label or '?'}",
            detail=event.description,
            approximate=event.date_is_approximate,
        )
        (dated if event.occurred_on else undated).append(item)
    return dated, undated


def _consents(user, subject) -> list[JourneyItem]:
    items = []
    for consent in person_consents(user, subject.person).order_by("decided_on", "id"):
        scope = f": {consent.scope_label}" if consent.scope_label else ""
        what = f"{consent.get_purpose_display()}{scope}"
        items.append(
            JourneyItem(
                on=consent.decided_on,
                kind="consent",
                title=_("Consent %(decision)s: %(what)s")
                % {"decision": consent.get_decision_display().lower(), "what": what},
                who=f"{consent.taken_by.get_username()} · {consent.taken_by_organisation}",
            )
        )
        if consent.withdrawn_at:
            items.append(
                JourneyItem(
                    kind="consent",
                    title=_("Consent withdrawn: %(what)s") % {"what": what},
                    detail=consent.withdrawal_note,
                    who=consent.withdrawn_by.get_username() if consent.withdrawn_by else "",
                    **_moment(consent.withdrawn_at),
                )
            )
    return items


def _transfers(subject) -> list[JourneyItem]:
    items = []
    for transfer in case_transfers(subject.case):
        link = reverse("referrals:transfer_detail", args=[transfer.pk])
        route = {"from": transfer.from_organisation, "to": transfer.to_organisation}
        items.append(
            JourneyItem(
                kind="transfer",
                title=_("Transfer of the case from %(from)s to %(to)s requested") % route,
                link=link,
                **_moment(transfer.requested_at),
            )
        )
        if transfer.decided_at and transfer.status != TransferStatus.REQUESTED:
            items.append(
                JourneyItem(
                    kind="transfer",
                    title=_("Transfer to %(to)s: %(status)s")
                    % {"to": transfer.to_organisation, "status": transfer.get_status_display()},
                    link=link,
                    **_moment(transfer.decided_at),
                )
            )
    return items


def _referrals(user, referrals) -> list[JourneyItem]:
    items = []
    for referral in referrals:
        link = reverse("referrals:detail", args=[referral.pk])
        heading = _("Referral %(reference)s to %(organisation)s (%(service)s)") % {
            "reference": referral.reference or "—",
            "organisation": referral.to_organisation,
            "service": referral.get_service_display(),
        }
        for event in referral_history(user, referral):
            items.append(
                JourneyItem(
                    kind="referral",
                    title=f"{heading}: {event.label}",
                    detail=event.text,
                    who=" · ".join(part for part in (event.who, event.organisation) if part),
                    link=link,
                    **_moment(event.at),
                )
            )
    return items


def _plans(user, subject) -> list[JourneyItem]:
    items = []
    plans = visible_plans(user).filter(case_id=subject.case_id, person_id=subject.person_id)
    for plan_id in plans.order_by("opened_on", "id").values_list("pk", flat=True):
        plan = access_plan(user, plan_id)
        link = reverse("support:plan", args=[plan.pk])
        items.append(
            JourneyItem(
                on=plan.opened_on,
                kind="plan",
                title=_("Support plan opened"),
                detail=join_list(plan.need_labels),
                who=_key_worker(plan),
                link=link,
            )
        )
        items += _services(user, plan, link)
        for follow_up in plan_follow_ups(user, plan):
            detail = follow_up.outcome
            if follow_up.next_due:
                detail += " " + _("(next follow-up due %(date)s)") % {
                    "date": follow_up.next_due.isoformat()
                }
            items.append(
                JourneyItem(
                    on=follow_up.contacted_on,
                    kind="follow_up",
                    title=_("Follow-up: %(method)s") % {"method": follow_up.get_method_display()},
                    detail=detail.strip(),
                    who=f"{follow_up.by.get_username()} · {follow_up.organisation}",
                    link=link,
                )
            )
        if plan.closed_at:
            items.append(
                JourneyItem(
                    kind="plan",
                    title=_("Support plan closed"),
                    detail=plan.closure_note,
                    who=plan.closed_by.get_username()
                    if plan.viewer_sees_case and plan.closed_by
                    else "",
                    link=link,
                    **_moment(plan.closed_at),
                )
            )
    return items


def _key_worker(plan) -> str:
    """The owner's key worker, for the case's viewers (a receiver sees no one of the other
    side by name, as in a referral's history)."""
    return plan.key_worker.get_username() if plan.viewer_sees_case and plan.key_worker else ""


def _services(user, plan, link: str) -> list[JourneyItem]:
    items = []
    for service in plan_services(user, plan):
        name = {"service": service.get_service_display(), "provider": service.provider}
        items.append(
            JourneyItem(
                on=service.planned_start,
                kind="service",
                title=_("Service planned: %(service)s by %(provider)s") % name,
                link=link,
            )
        )
        if service.started_on:
            items.append(
                JourneyItem(
                    on=service.started_on,
                    kind="service",
                    title=_("Service started: %(service)s by %(provider)s") % name,
                    link=link,
                )
            )
        if service.status == ServiceStatus.DELIVERED and service.delivered_on:
            items.append(
                JourneyItem(
                    on=service.delivered_on,
                    kind="service",
                    title=_("Service delivered: %(service)s by %(provider)s") % name,
                    detail=service.outcome,
                    link=link,
                )
            )
        if service.status == ServiceStatus.CANCELLED:
            items.append(
                JourneyItem(
                    kind="service",
                    title=_("Service cancelled or declined: %(service)s by %(provider)s") % name,
                    detail=service.outcome,
                    link=link,
                    **_moment(service.updated_at),
                )
            )
    return items
