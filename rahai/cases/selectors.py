"""Reading cases: the filtered, searchable list and the pieces of a case page.

Everything starts from ``visible_cases(user)``, so no filter can widen what a user sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from rahai.audit.models import AuditAction, AuditEntry
from rahai.cases.access import case_ids_with_persons, visible_cases
from rahai.cases.models import CASE_TYPE_FIELDS, Case, CaseRole
from rahai.people.search import classify_query, matching_person_ids


@dataclass
class CaseFilters:
    case_type: str = ""
    status: str = ""
    province: str = ""
    district: str = ""
    owner: int | None = None
    opened_from: date | None = None
    opened_to: date | None = None
    q: str = ""


def case_list(user, filters: CaseFilters) -> QuerySet[Case]:
    cases = visible_cases(user)
    if filters.case_type in CASE_TYPE_FIELDS:
        cases = cases.filter(**{CASE_TYPE_FIELDS[filters.case_type]: True})
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.province:
        cases = cases.filter(district__province__code=filters.province)
    if filters.district:
        cases = cases.filter(district__code=filters.district)
    if filters.owner:
        cases = cases.filter(owner_id=filters.owner)
    if filters.opened_from:
        cases = cases.filter(opened_on__gte=filters.opened_from)
    if filters.opened_to:
        cases = cases.filter(opened_on__lte=filters.opened_to)
    if filters.q.strip():
        cases = cases.filter(search_q(filters.q))
    return cases.select_related("owner", "district__province").order_by("-opened_on", "-id")


def search_q(text: str) -> Q:
    """A filter for cases matching a reference, or having a person matching a name/CNIC/phone."""
    kind, value = classify_query(text)
    if kind == "reference":
        return Q(reference=value)
    person_ids = matching_person_ids(text)
    if person_ids is None:
        return Q(reference__iexact=text.strip())
    # No "| Q(reference__iexact=...)" here: classify_query already sent every reference above,
    # and OR-ing an unindexable iexact made both databases walk all cases in date order.
    return Q(id__in=case_ids_with_persons(person_ids))


def case_roles(case: Case) -> QuerySet[CaseRole]:
    return case.roles.select_related("person", "status_decided_by").order_by("role", "id")


def case_timeline(case: Case, *, limit: int | None = 200) -> QuerySet[AuditEntry]:
    """Every change to the case and the things hanging off it (views and searches left out)."""
    hidden = [AuditAction.VIEW, AuditAction.SEARCH, AuditAction.EXPORT]
    entries = (
        AuditEntry.objects.filter(case_id=case.id)
        .exclude(action__in=hidden)
        .select_related("actor")
        .order_by("-seq")
    )
    return entries[:limit] if limit is not None else entries
