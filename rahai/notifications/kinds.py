"""The texts of notifications, by kind. Apps register their kinds when they load.

A text may use ``%(reference)s`` and nothing else: notifications (and the emails sent with
them) carry a reference code and a link, never a name, a phone number or a narrative.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

KINDS: dict[str, object] = {}


def register(kind: str, text) -> None:
    """``text`` is a lazy translation with an optional ``%(reference)s`` placeholder."""
    KINDS[kind] = text


def message(kind: str, reference: str = "") -> str:
    text = KINDS.get(kind)
    if text is None:
        return _("Something needs your attention: %(reference)s") % {"reference": reference}
    return str(text) % {"reference": reference}
