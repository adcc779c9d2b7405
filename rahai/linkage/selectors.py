"""Reading linkage results, always through the people access layer.

``possible_matches`` is the check made when a person is entered at intake or in a case form;
``review_queue`` and ``linked_persons`` only ever return persons the user may see: a confirmed
identity never widens access, the access layer still decides per record.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from rahai.core import names
from rahai.linkage import engine
from rahai.linkage.models import (
    LinkRun,
    MatchCandidate,
    MatchDecision,
    PersonIdentity,
    Verdict,
)
from rahai.linkage.services import PURPOSE, person_record
from rahai.people.access import system_persons, visible_persons
from rahai.people.models import PersonSearchKey, SearchKeyKind
from rahai.people.search import digest
from rahai.people.validation import normalise_cnic, normalise_phones

MAX_CANDIDATES = 300
COMMON_KEYS = {"mhmd", "bd", "l"}  # Muhammad, Abd, Ali: too common to find anyone by


@dataclass
class PossibleMatch:
    person: object
    probability: float
    evidence: list[dict]


def _candidate_ids(data: dict) -> QuerySet:
    keys: list[tuple[str, str]] = []
    try:
        cnic = normalise_cnic(data.get("id_number") or "")
    except Exception:
        cnic = ""
    if cnic:
        keys.append((SearchKeyKind.CNIC, digest(SearchKeyKind.CNIC, cnic)))
    try:
        phones = normalise_phones(data.get("phone") or "")
    except Exception:
        phones = []
    keys += [(SearchKeyKind.PHONE, digest(SearchKeyKind.PHONE, p)) for p in phones]
    exact = Q()
    for kind, value in keys:
        exact |= Q(kind=kind, digest=value)
    name_keys = (
        names.name_keys(
            data.get("given_name") or "", data.get("family_name") or "", data.get("full_name") or ""
        )
        - COMMON_KEYS
    )
    by_name = (
        PersonSearchKey.objects.filter(
            kind=SearchKeyKind.NAME,
            digest__in=[digest(SearchKeyKind.NAME, k) for k in name_keys],
        )
        .values("person_id")
        .annotate(n=Count("digest", distinct=True))
        .filter(n__gte=min(2, len(name_keys)) or 1)
        .values("person_id")
    )
    ids = by_name if name_keys else PersonSearchKey.objects.none().values("person_id")
    if keys:
        ids = ids.union(PersonSearchKey.objects.filter(exact).values("person_id"))
    return ids


def possible_matches(user, person_or_data, *, floor: float = 0.3, limit: int = 20):
    """Persons visible to ``user`` who may be the person given (a saved ``Person`` or the form's
    data as a dict of linkage columns), most likely first, each with its evidence."""
    if isinstance(person_or_data, dict):
        data, exclude = person_or_data, None
    else:
        data, exclude = person_record(person_or_data), person_or_data.pk
    ids = list(_candidate_ids(data).values_list("person_id", flat=True)[: MAX_CANDIDATES * 2])
    candidates = visible_persons(user).filter(id__in=ids).select_related("district")
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude)
    by_id = {str(p.pk): p for p in candidates[:MAX_CANDIDATES]}
    if not by_id:
        return []
    last = LinkRun.objects.filter(status=LinkRun.Status.DONE).first()
    population = last.persons if last else system_persons(purpose=PURPOSE).count()
    scored = engine.match_one(
        data, [person_record(p) for p in by_id.values()], population=population
    )
    return [
        PossibleMatch(by_id[rid], probability, evidence)
        for rid, probability, evidence in scored
        if probability >= floor
    ][:limit]


def review_queue(user) -> QuerySet[MatchCandidate]:
    """Open candidate pairs whose two persons the user may both see."""
    visible = visible_persons(user).values("id")
    return MatchCandidate.objects.filter(person_a__in=visible, person_b__in=visible).select_related(
        "person_a", "person_b"
    )


def pending_for(user, person) -> QuerySet[MatchCandidate]:
    """Open candidate pairs of this person whose other person the user may see too."""
    return review_queue(user).filter(Q(person_a_id=person.pk) | Q(person_b_id=person.pk))


def linked_persons(user, person) -> QuerySet:
    """The other records of the same identity that this user may see (a "different people"
    decision made since the last run already counts)."""
    identity = PersonIdentity.objects.filter(person_id=person.pk).values("identity")
    same = PersonIdentity.objects.filter(identity__in=identity).values("person_id")
    different = MatchDecision.objects.filter(verdict=Verdict.DIFFERENT)
    return (
        visible_persons(user)
        .filter(id__in=same)
        .exclude(pk=person.pk)
        .exclude(id__in=different.filter(person_a_id=person.pk).values("person_b_id"))
        .exclude(id__in=different.filter(person_b_id=person.pk).values("person_a_id"))
    )
