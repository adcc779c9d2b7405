"""Reading linkage results, always through the people access layer.

``possible_matches`` is the check made when a person is entered at intake or in a case form;
``review_queue`` and ``linked_persons`` only ever return persons the user may see: a confirmed
identity never widens access, the access layer still decides per record.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from rahai.linkage import candidates, engine, frequencies
from rahai.linkage.models import (
    LinkRun,
    MatchCandidate,
    MatchDecision,
    PersonIdentity,
    Verdict,
)
from rahai.linkage.services import PURPOSE, person_record
from rahai.people.access import system_persons, visible_persons


@dataclass
class PossibleMatch:
    person: object
    probability: float
    evidence: list[dict]


def possible_matches(user, person_or_data, *, floor: float = 0.3, limit: int = 20):
    """Persons visible to ``user`` who may be the person given (a saved ``Person`` or the form's
    data as a dict of linkage columns), most likely first, each with its evidence.

    Candidates come from the blind index, rarest evidence first and common names narrowed by
    place and birth year inside the query (``candidates.candidate_ids``); only those the user
    may see are decrypted and scored with the saved model (``engine.match_one``), names adjusted
    for how common they were at the last relink (``frequencies``)."""
    if isinstance(person_or_data, dict):
        data, exclude = person_or_data, None
    else:
        data, exclude = person_record(person_or_data), person_or_data.pk
    ids = [pid for pid in candidates.candidate_ids(data).ids if pid != exclude]
    if not ids:
        return []
    visible = visible_persons(user).filter(id__in=ids).select_related("district")
    by_id = {str(p.pk): p for p in visible}
    if not by_id:
        return []
    last = LinkRun.objects.filter(status=LinkRun.Status.DONE).first()
    population = last.persons if last else system_persons(purpose=PURPOSE).count()
    scored = engine.match_one(
        data,
        [person_record(p) for p in by_id.values()],
        population=population + 1,  # as a relink of the population plus this record would
        frequencies=frequencies.lookup if last else None,
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
