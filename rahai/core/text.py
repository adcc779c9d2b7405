"""Plain text in the reader's language, for Python code that builds labels for people.

The ``rahai_text`` template library (``|human_join``, ``{% list_separator %}``) uses these too;
import them from here outside templates (models, services), not from the templatetag module.
Only for text people read: a machine format (CSV, logs, codes) keeps its own fixed separator.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import get_language

URDU_COMMA = "، "  # U+060C ARABIC COMMA and a space


def is_urdu() -> bool:
    return (get_language() or "").startswith("ur")


def list_separator() -> str:
    """The separator between the items of a list in the active language."""
    return URDU_COMMA if is_urdu() else ", "


URDU_SEMICOLON = "؛ "  # U+061B ARABIC SEMICOLON and a space


def group_separator() -> str:
    """The separator between two lists (provinces; districts) in the active language."""
    return URDU_SEMICOLON if is_urdu() else "; "


def join_list(items: Iterable) -> str:
    """Plain text: the items joined with the active language's list separator."""
    return list_separator().join(str(item) for item in items)
