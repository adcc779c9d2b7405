"""Showing committee records: case references in minutes become links that the case access
layer decides (the link never says anything about the case; opening it may be a 404)."""

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from rahai.committees.validation import CASE_REFERENCE

register = template.Library()


@register.filter(needs_autoescape=True)
def case_links(text: str, autoescape: bool = True) -> str:
    """Escape the text and link every case reference in it."""
    parts = CASE_REFERENCE.split(text or "")
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append(
                format_html(
                    '<a href="{}" dir="ltr">{}</a>',
                    reverse("committees:case_link", args=[part]),
                    part,
                )
            )
        else:
            out.append(escape(part))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above
