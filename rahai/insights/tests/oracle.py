"""Direct counts from the case tables, written independently of ``rahai.insights.facts``.

Tests compare these with what the dashboards read from the count tables.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db.models import Count as DbCount
from django.utils import timezone

from rahai.cases.models import Case, CaseRole, Event
from rahai.hotline.models import Contact


def month(day: date) -> date:
    return day.replace(day=1)


def cases_per_month() -> Counter:
    return Counter(month(day) for day in Case.objects.values_list("opened_on", flat=True))


def cases_per_district() -> Counter:
    return Counter(
        dict(Case.objects.values_list("district__code").annotate(n=DbCount("id")).order_by())
    )


def victims(**case_filter) -> list[CaseRole]:
    return list(
        CaseRole.objects.filter(
            role="victim", **{f"case__{k}": v for k, v in case_filter.items()}
        ).select_related("person__citizenship", "case__district__province")
    )


def victims_per_gender(**case_filter) -> Counter:
    return Counter(role.person.gender for role in victims(**case_filter))


def victims_per_exploitation_type(**case_filter) -> Counter:
    found = Counter()
    for role in victims(**case_filter):
        for code in set(role.exploitation_types) or {"_none"}:
            found[code] += 1
    return found


def victims_per_factor(**case_filter) -> Counter:
    found = Counter()
    for role in victims(**case_filter):
        for code in set(role.vulnerability_factors) or {"_none"}:
            found[code] += 1
    return found


def victims_per_nationality() -> Counter:
    return Counter(
        role.person.citizenship.code if role.person.citizenship else "unknown" for role in victims()
    )


def victims_per_province() -> Counter:
    return Counter(role.case.district.province.code for role in victims())


def suspects_per_role() -> Counter:
    found = Counter()
    for role in CaseRole.objects.filter(role="suspect"):
        for code in set(role.perpetrator_roles) or {"_none"}:
            found[code] += 1
    return found


def cases_with_route() -> int:
    return (
        Event.objects.filter(
            event_type__in=["recruitment", "transit", "exploitation", "interception"]
        )
        .values("case_id")
        .distinct()
        .count()
    )


def exploitation_districts() -> Counter:
    pairs = set(
        Event.objects.filter(event_type="exploitation", district__isnull=False).values_list(
            "case_id", "district__code"
        )
    )
    return Counter(code for _case, code in pairs)


def contacts_per_channel() -> Counter:
    return Counter(Contact.objects.values_list("channel", flat=True))


def contacts_per_month() -> Counter:
    return Counter(
        timezone.localtime(at).date().replace(day=1)
        for at in Contact.objects.values_list("received_at", flat=True)
    )


def sla_breaches() -> int:
    now = timezone.now()
    late = 0
    for due, responded in Contact.objects.values_list("sla_due_at", "first_response_at"):
        if due is None:
            continue
        if (responded is not None and responded > due) or (responded is None and due <= now):
            late += 1
    return late
