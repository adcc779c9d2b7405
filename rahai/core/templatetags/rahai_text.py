"""Text in the reader's language: lists joined with the Urdu comma, durations in words.

``{% load rahai_text %}`` then ``{{ labels|human_join }}`` instead of ``{{ labels|join:", " }}``:
"Brick kiln, Domestic work" in English, "بھٹہ، گھریلو کام" in Urdu; ``{{ minutes|duration }}``:
"45 minutes", "5 hours 17 minutes", "13 days 5 hours".
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html_join
from django.utils.translation import ngettext, pgettext

# The list helpers live in rahai.core.text (for models and services); re-exported here.
from rahai.core.text import URDU_COMMA as URDU_COMMA
from rahai.core.text import group_separator, join_list, list_separator
from rahai.core.text import is_urdu as is_urdu

register = template.Library()


@register.filter(is_safe=True, needs_autoescape=True)
def human_join(value, autoescape=True) -> str:
    """A list for people to read: "a, b, c" in English, "a، b، c" in Urdu (items escaped)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return conditional_escape(value) if autoescape else value
    if not autoescape:
        return join_list(value)
    return format_html_join(list_separator(), "{}", ((item,) for item in value))


@register.simple_tag(name="list_separator")
def list_separator_tag() -> str:
    """Between items written out in a loop: ``{% if not forloop.last %}{% list_separator %}``."""
    return list_separator()


@register.simple_tag(name="group_separator")
def group_separator_tag() -> str:
    """Between two lists written out one after the other (provinces; districts)."""
    return group_separator()


def duration_text(minutes: int) -> str:
    """A length of time for people: minutes under an hour, hours and minutes under a day,
    days and hours above (the sign is dropped: "late" or "left" is the caller's word)."""
    minutes = abs(int(minutes))
    if minutes < 60:
        return _minutes(minutes)
    hours, rest = divmod(minutes, 60)
    if hours < 24:
        return _both(_hours(hours), _minutes(rest) if rest else "")
    days, hours = divmod(hours, 24)
    return _both(_days(days), _hours(hours) if hours else "")


def _minutes(n: int) -> str:
    return ngettext("%(n)d minute", "%(n)d minutes", n) % {"n": n}


def _hours(n: int) -> str:
    return ngettext("%(n)d hour", "%(n)d hours", n) % {"n": n}


def _days(n: int) -> str:
    return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}


def _both(larger: str, smaller: str) -> str:
    if not smaller:
        return larger
    return pgettext(
        "a length of time: the larger unit, then the smaller (2 hours 5 minutes)",
        "%(larger)s %(smaller)s",
    ) % {"larger": larger, "smaller": smaller}


@register.filter
def duration(minutes) -> str:
    """``{{ minutes|duration }}``: "19069" → "13 days 5 hours" (empty for no number)."""
    try:
        return duration_text(int(minutes))
    except (TypeError, ValueError):
        return ""
