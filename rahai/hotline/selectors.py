"""Reading hotline contacts: the triage queue, matches for a contact, triage accuracy."""

from __future__ import annotations

import logging

from django.db.models import QuerySet
from django.utils import timezone

from rahai.hotline.access import visible_contacts
from rahai.hotline.models import Contact, ContactStatus
from rahai.linkage.selectors import possible_matches as linkage_matches
from rahai.people.access import person_cases

logger = logging.getLogger(__name__)


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


def possible_matches(user, contact: Contact, *, limit: int = 10) -> list[dict]:
    """Persons the user may see who may be someone the contact mentions (or the reporter),
    scored by the record-linkage model: ``person``, ``probability``, ``evidence``, ``roles``."""
    records = []
    for mention in contact.persons_mentioned or []:
        record = {
            "full_name": (mention.get("name") or "").strip(),
            "phone": (mention.get("phone") or "").strip(),
            "id_number": (mention.get("cnic") or "").strip(),
        }
        age = mention.get("age")
        if isinstance(age, int) and contact.received_at:
            record["birth_year"] = str(timezone.localtime(contact.received_at).year - age)
        if any(record[key] for key in ("full_name", "phone", "id_number")):
            records.append(record)
    if contact.reporter_phone:
        records.append({"phone": contact.reporter_phone})
    found: dict[int, dict] = {}
    try:
        for record in records:
            for match in linkage_matches(user, record, limit=limit):
                best = found.get(match.person.pk)
                if best is None or match.probability > best["probability"]:
                    found[match.person.pk] = {
                        "person": match.person,
                        "probability": match.probability,
                        "evidence": match.evidence,
                    }
    except Exception:  # the contact page must open even if the linkage check fails
        logger.exception("possible matches check failed for a hotline contact")
        return []
    results = sorted(found.values(), key=lambda item: -item["probability"])[:limit]
    for item in results:
        item["roles"] = list(person_cases(user, item["person"])[:5])
    return results


def triage_confirmations(user) -> QuerySet[Contact]:
    """Contacts an operator has confirmed, with Rahai's suggestion beside the confirmation."""
    return (
        visible_contacts(user).filter(triage_confirmed_at__isnull=False).exclude(suggested_class="")
    )
