"""The consent card on the person page (an inclusion tag, so the person view stays as it is)."""

from django import template

from rahai.consent.access import can_record_consent, person_consents
from rahai.consent.forms import ConsentForm

register = template.Library()


@register.inclusion_tag("consent/person_consents.html", takes_context=True)
def consent_card(context, person):
    user = context["request"].user
    can_record = can_record_consent(user, person)
    return {
        "person": person,
        "consents": list(person_consents(user, person)),
        "can_record": can_record,
        "form": ConsentForm() if can_record else None,
        "csrf_token": context.get("csrf_token"),
    }
