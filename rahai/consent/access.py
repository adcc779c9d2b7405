"""Who may read and record a person's consent: whoever may see / change the person."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from rahai.consent.models import Consent
from rahai.people.access import can_edit_person, visible_persons


def visible_consents(user) -> QuerySet[Consent]:
    return Consent.objects.filter(person_id__in=visible_persons(user).values("id"))


def person_consents(user, person) -> QuerySet[Consent]:
    """The consents of a person (``person`` came from ``access_person``)."""
    return (
        visible_consents(user)
        .filter(person_id=person.pk)
        .select_related("organisation", "taken_by", "taken_by_organisation", "withdrawn_by")
    )


def access_consent(user, consent_id, *, write: bool = False) -> Consent:
    try:
        consent = visible_consents(user).select_related("person").get(pk=int(consent_id))
    except (Consent.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write and not can_edit_person(user, consent.person):
        raise PermissionDenied
    return consent


def can_record_consent(user, person) -> bool:
    return can_edit_person(user, person)
