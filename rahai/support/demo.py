"""Demo support plans for some of the demo victims, written through the real services.

The first victims of the FIA circle's, the police station's and the NGO's cases get a plan:
needs, services from the demo providers (some delivered, some under way, one cancelled),
follow-ups (some overdue), a plan closed with its checklist settled; where the demo has a
referral of the victim, its service is linked to it and a completed one is recorded as the
delivery. Idempotent: a victim who already has a plan is left alone.

Call after the demo cases and coordination data (``seed_coordination``) are loaded.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from rahai.cases.access import editable_cases
from rahai.cases.models import Sensitivity
from rahai.referrals.models import SHARING, ReferralStatus
from rahai.services_directory.selectors import offerings
from rahai.support import services
from rahai.support.access import case_victims, plan_referrals, system_plans
from rahai.support.models import ContactMethod, ServiceStatus

OWNERS = ("fia", "investigator", "caseworker")
PLANS_PER_OWNER = 4
PROVIDERS = {
    "shelter": "shelter_lahore",
    "medical": "shelter_lahore",
    "psychosocial": "ssdo",
    "legal_aid": "legal_aid",
    "livelihood": "ssdo",
    "education": "ssdo",
    "family_tracing": "ssdo",
    "financial": "ssdo",
    "interpretation": "ssdo",
    "repatriation": "ssdo",
    "bonded_labour": "labour_pb",
}
GOALS = [
    "Wants to return to the family home and find paid work nearby.",
    "Wants the advance cancelled and the children back in school.",
    "Wants to recover wages owed and a CNIC in their own name.",
    "Wants to testify safely and then learn a trade.",
]
RISKS = [
    "The kiln owner's munshi has asked neighbours where the family went.",
    "The agent who arranged the journey lives in the same village.",
    "Debts to a relative who introduced the recruiter.",
    "",
]
OUTCOMES = [
    "Attended every session; sleeping better.",
    "Lawyer assigned; bail of the accused opposed.",
    "Completed a six-week tailoring course.",
    "Stayed two weeks; medical check done.",
]
FOLLOW_UPS = [
    "Doing well; asked about the court date.",
    "Family visited; no threats reported.",
    "Looking for work; referred to the NGO's job desk.",
    "Did not answer twice; reached through a cousin.",
]


def demo_victims(user) -> list:
    found = []
    cases = editable_cases(user).filter(sensitivity=Sensitivity.NORMAL).order_by("id")[:100]
    for case in cases:
        for role in case_victims(case):
            found.append((case, role.person))
            if len(found) == PLANS_PER_OWNER:
                return found
    return found


def _needs(case, rng) -> list[str]:
    needs = ["shelter", "psychosocial", "legal_aid"]
    if case.is_bonded_labour:
        needs.append("bonded_labour")
    if case.is_trafficking_transnational or case.is_smuggling:
        needs.append("repatriation")
    needs.append(rng.choice(["livelihood", "medical", "education", "family_tracing"]))
    return list(dict.fromkeys(needs))


def _day(start: date, offset: int, today: date) -> date:
    return min(start + timedelta(days=offset), today)


def seed_support(*, orgs: dict, users: dict, rng) -> int:
    """Plans for the first demo victims of a few owners; returns how many were created."""
    planned = {
        (case_id, person_id)
        for case_id, person_id in system_plans(purpose="demo: who already has a plan")
        .filter(case__owner__in=list(orgs.values()))
        .values_list("case_id", "person_id")
    }
    created = 0
    for username in OWNERS:
        user = users.get(username)
        if user is None:
            continue
        for index, (case, person) in enumerate(demo_victims(user)):
            if (case.pk, person.pk) in planned:
                continue
            _seed_plan(user, case, person, orgs, rng, close=index == PLANS_PER_OWNER - 1)
            created += 1
    return created


@transaction.atomic
def _seed_plan(user, case, person, orgs, rng, *, close: bool):
    today = timezone.localdate()
    opened = max(case.opened_on, today - timedelta(days=rng.randint(30, 90)))
    needs = _needs(case, rng)
    plan = services.plan_create(
        user=user,
        case=case,
        person=person,
        data={
            "needs": needs,
            "goals": rng.choice(GOALS),
            "risk_notes": rng.choice(RISKS),
            "key_worker": user,
            "opened_on": opened,
        },
    )
    linked = _from_referrals(user, plan, opened, today)
    for position, need in enumerate(n for n in needs if n not in linked):
        provider = orgs.get(PROVIDERS.get(need, "")) or case.owner
        start = _day(opened, 2 + 3 * position, today)
        status = ServiceStatus.DELIVERED if close else rng.choice(list(ServiceStatus))
        data = {
            "service": need,
            "provider": provider,
            "offering": offerings(service=need).filter(organisation=provider).first(),
            "planned_start": start,
            "status": status,
            "started_on": start if status != ServiceStatus.PLANNED else None,
            "delivered_on": _day(start, rng.randint(3, 20), today),
            "outcome": rng.choice(OUTCOMES),
        }
        if status == ServiceStatus.CANCELLED:
            data["outcome"] = "Declined: the family preferred to arrange this themselves."
        services.service_add(user=user, plan=plan, data=data)
    contacted = _day(opened, 7, today)
    for _number in range(rng.randint(1, 3)):
        due = contacted + timedelta(days=rng.choice([10, 14, 21, 30]))
        services.follow_up_record(
            user=user,
            plan=plan,
            data={
                "contacted_on": contacted,
                "method": rng.choice(ContactMethod.values),
                "outcome": rng.choice(FOLLOW_UPS),
                "next_due": due,
            },
        )
        if due >= today:
            break
        contacted = due
    if close:
        _close(user, plan)
    return plan


def _from_referrals(user, plan, opened: date, today: date) -> set[str]:
    """Services the victim's demo referrals arranged: completed ones recorded as delivered,
    accepted ones under way with the receiver. Returns the services they cover."""
    covered = set()
    for referral in plan_referrals(user, plan).order_by("id"):
        if referral.status == ReferralStatus.COMPLETED:
            services.planned_service_from_referral(user=user, plan=plan, referral=referral)
        elif referral.status in SHARING:
            services.service_add(
                user=user,
                plan=plan,
                data={
                    "service": referral.service,
                    "provider": referral.to_organisation,
                    "referral": referral,
                    "planned_start": _day(opened, 1, today),
                    "status": ServiceStatus.IN_PROGRESS,
                    "started_on": _day(opened, 1, today),
                },
            )
        else:
            continue
        covered.add(referral.service)
    return covered


def _close(user, plan) -> None:
    for service in plan.services.filter(status__in=[ServiceStatus.PLANNED, "in_progress"]):
        services.service_update(
            user=user,
            service=service,
            data={
                "status": ServiceStatus.DELIVERED,
                "started_on": service.started_on or service.planned_start,
                "delivered_on": timezone.localdate(),
            },
        )
    services.plan_close(
        user=user,
        plan=plan,
        note="Goals met; the survivor knows how to reach the key worker.",
        checklist=[
            {"item": "services", "state": "done"},
            {"item": "accommodation", "state": "done"},
            {"item": "legal_status", "state": "done"},
            {"item": "return_follow_up", "state": "not_applicable", "reason": "No return."},
            {
                "item": "contact_consent",
                "state": "not_applicable",
                "reason": "The survivor asked not to be contacted again.",
            },
            {"item": "survivor_informed", "state": "done"},
        ],
    )
