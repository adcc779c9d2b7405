"""The "Charges and court" section of a case page: ``{% load justice_case %}`` then
``{% court_record case as court %}``. ``case`` came from ``access_case``: whoever sees the case
sees its charges and hearings (an inclusion point, so the case view stays as it is)."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from rahai.core.text import join_list
from rahai.justice import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def court_record(context, case) -> selectors.CourtRecord:
    return selectors.court_record(context["request"].user, case)


@register.filter
def offence_label(offence) -> str:
    return selectors.offence_label(offence)


@register.filter
def sentence(charge) -> str:
    """ "7.5 years of imprisonment, a fine of Rs 100,000", in the reader's language."""
    parts = []
    years = charge.sentence_years
    if years is not None:
        shown = number_format(years.normalize() if isinstance(years, Decimal) else years)
        parts.append(
            ngettext(
                "%(years)s year of imprisonment",
                "%(years)s years of imprisonment",
                1 if years == 1 else 2,
            )
            % {"years": shown}
        )
    if charge.sentence_fine_rs:
        fine = number_format(charge.sentence_fine_rs, force_grouping=True)
        parts.append(gettext("a fine of Rs %(fine)s") % {"fine": fine})
    return join_list(parts)
