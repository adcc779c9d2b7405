"""Reading hotline contacts: the triage queue, matches for a contact, triage accuracy."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.hotline.access import visible_contacts
from rahai.hotline.models import Contact, ContactStatus
from rahai.people.access import person_cases, visible_persons
from rahai.people.search import matching_person_ids


def triage_queue(user) -> QuerySet[Contact]:
    """Open contacts of the user's hotline, most urgent first, then oldest first."""
    return (
        visible_contacts(user)
        .exclude(status=ContactStatus.CLOSED)
        .filter(organisation_id__in=[user.organisation_id, None])
        .select_related("district__province", "country", "assigned_to", "case")
        .order_by("urgency", "received_at")
    )


def sla_state(contact: Contact, now=None) -> tuple[str, int]:
    """('overdue'|'due'|'met', minutes): minutes left (negative when overdue)."""
    now = now or timezone.now()
    if contact.first_response_at is not None:
        return "met", 0
    if contact.sla_due_at is None:
        return "due", 0
    minutes = int((contact.sla_due_at - now).total_seconds() // 60)
    return ("overdue" if minutes < 0 else "due"), minutes


def possible_matches(user, contact: Contact, *, limit: int = 10):
    """Persons the user may see who share a CNIC, phone or name keys with those the contact mentions."""
    queries: list[str] = []
    for mention in contact.persons_mentioned or []:
        for key in ("cnic", "phone", "name"):
            value = (mention.get(key) or "").strip()
            if len(value) >= 3:
                queries.append(value)
    if contact.reporter_phone:
        queries.append(contact.reporter_phone)
    found = {}
    persons = visible_persons(user)
    for text in queries:
        ids = matching_person_ids(text)
        if ids is None:
            continue
        for person in persons.filter(id__in=ids)[:limit]:
            found.setdefault(person.pk, {"person": person, "matched_on": set()})["matched_on"].add(
                _kind(text)
            )
    results = []
    for item in list(found.values())[:limit]:
        item["roles"] = list(person_cases(user, item["person"])[:5])
        item["matched_on"] = sorted(item["matched_on"])
        results.append(item)
    return results


MATCH_LABELS = {"cnic": _("CNIC"), "phone": _("phone"), "name": _("name"), "reference": _("reference")}


def _kind(text: str) -> str:
    from rahai.people.search import classify_query

    return str(MATCH_LABELS.get(classify_query(text)[0], classify_query(text)[0]))


def triage_confirmations(user) -> QuerySet[Contact]:
    """Contacts an operator has confirmed, with Rahai's suggestion beside the confirmation."""
    return (
        visible_contacts(user).filter(triage_confirmed_at__isnull=False).exclude(suggested_class="")
    )
