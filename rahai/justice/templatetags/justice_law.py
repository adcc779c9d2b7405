"""Linking to the law page: ``{% load justice_law %}`` then ``{{ offence|offence_url }}``
(``/laws/#ptpa-2018-3``) or ``id="{{ offence|offence_anchor }}"``."""

from django import template

from rahai.justice import selectors_laws

register = template.Library()


@register.filter
def offence_anchor(offence) -> str:
    return selectors_laws.offence_anchor(offence)


@register.filter
def offence_url(offence) -> str:
    return selectors_laws.offence_url(offence)
