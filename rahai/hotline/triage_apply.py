"""Putting Rahai's triage suggestion on a contact, and the SLA clock that follows from it."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from rahai.hotline.choices import Channel, Urgency

# Time to first response, by urgency (Polaris: act on crisis contacts at once).
SLA = {
    Urgency.CRITICAL: timedelta(minutes=15),
    Urgency.HIGH: timedelta(hours=2),
    Urgency.NORMAL: timedelta(hours=24),
    Urgency.LOW: timedelta(hours=72),
}


def sla_due(received_at, urgency: int):
    return (received_at or timezone.now()) + SLA.get(urgency, SLA[Urgency.NORMAL])


def apply_suggestion(contact, data) -> None:
    """Set the suggested triage and, until an operator confirms, the working triage too."""
    from rahai.hotline.triage import ScreeningAnswers, suggest

    answers = ScreeningAnswers(
        indicators=frozenset(getattr(data, "screening", None) or contact.screening or []),
        immediate_danger=getattr(data, "immediate_danger", None) or contact.immediate_danger,
        children_involved=getattr(data, "children_involved", None) or contact.children_involved,
        persons_at_risk=getattr(data, "persons_at_risk", None) or contact.persons_at_risk,
        abroad=(contact.country_id is not None and getattr(contact.country, "code", "") != "PK")
        if contact.country_id
        else None,
        caller_type=contact.caller_type,
        wants_referral=bool(getattr(data, "wants_referral", False)),
        wants_information=bool(getattr(data, "wants_information", False)),
    )
    suggestion = suggest(text=contact.narrative or "", answers=answers)
    contact.suggested_class = suggestion.contact_class
    contact.suggested_urgency = int(suggestion.urgency)
    contact.suggested_case_types = list(suggestion.case_types)
    contact.suggested_indicators = list(suggestion.indicators)
    if contact.channel in {Channel.SMS, Channel.WHATSAPP, Channel.EMAIL}:
        contact.language = suggestion.language  # reply in the language they wrote in
    if contact.triage_confirmed_at is None:
        contact.contact_class = suggestion.contact_class
        contact.urgency = int(suggestion.urgency)
        contact.case_types = list(suggestion.case_types)
        contact.indicators = list(suggestion.indicators)
        contact.sla_due_at = sla_due(contact.received_at, contact.urgency)
