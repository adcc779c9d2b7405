"""The one place that decides who may read and write persons.

A person is visible through the cases they appear in (see ``rahai.cases.access``); a person
not yet linked to any case is visible to the organisation that recorded them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from rahai.cases.access import EDIT_ROLES, editable_cases, visible_cases
from rahai.cases.models import CaseRole
from rahai.people.models import Person


def visible_persons(user) -> QuerySet[Person]:
    if not getattr(user, "is_authenticated", False) or not user.works_cases:
        return Person.objects.none()
    in_visible_cases = CaseRole.objects.filter(case_id__in=visible_cases(user).values("id"))
    linked = CaseRole.objects.values("person_id")
    return Person.objects.filter(
        Q(id__in=in_visible_cases.values("person_id"))
        | (Q(owner_id=user.organisation_id) & ~Q(id__in=linked))
    )


def access_person(user, person_id, *, write: bool = False) -> Person:
    try:
        person = visible_persons(user).get(pk=int(person_id))
    except (Person.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write and not can_edit_person(user, person):
        raise PermissionDenied
    return person


def can_edit_person(user, person: Person) -> bool:
    if not user.works_cases or not user.has_role(*EDIT_ROLES):
        return False
    in_my_cases = CaseRole.objects.filter(
        person_id=person.id, case_id__in=editable_cases(user).values("id")
    ).exists()
    if in_my_cases:
        return True
    return (
        person.owner_id == user.organisation_id
        and not CaseRole.objects.filter(person_id=person.id).exists()
    )


def person_cases(user, person: Person):
    """The cases (visible to this user) in which the person has a role, with the roles."""
    return (
        CaseRole.objects.filter(person_id=person.id, case_id__in=visible_cases(user).values("id"))
        .select_related("case", "case__district")
        .order_by("-case__opened_on")
    )


def system_persons(*, purpose: str) -> QuerySet[Person]:
    assert purpose, "a system job must say why it reads every person"
    return Person.objects.all()
