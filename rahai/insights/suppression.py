"""Small-cell suppression: the one place where a count becomes something that may be shown.

A count of 1 to ``RAHAI_SUPPRESSION_THRESHOLD - 1`` (default 5) could point at a person, so it
is shown as "<5" in every chart, table and CSV. Zero is shown as 0. Shares and means are shown
only when both their numerator and denominator may be shown. Dashboards never hold a raw count
past this module: ``Table`` converts every number through ``shown`` when it is built, and charts
draw a suppressed value at the threshold, hatched, with the same "<5" label (never its size).

This is primary suppression only: totals are shown, so a single suppressed cell in a row could
be worked out from the total and the other cells. docs/insights.md says so; the open-data
release applies stricter rules before anything leaves Rahai.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def threshold() -> int:
    return max(1, int(getattr(settings, "RAHAI_SUPPRESSION_THRESHOLD", 5)))


@dataclass(frozen=True)
class Shown:
    """A figure as it may be shown: ``value`` is None when suppressed (or not applicable)."""

    value: float | None
    text: str
    suppressed: bool = False

    def __str__(self) -> str:
        return self.text

    @property
    def plot_value(self) -> float:
        """Where a chart draws it: a suppressed count at the threshold, never its real size."""
        if self.suppressed:
            return float(threshold())
        return float(self.value or 0)


def suppressed_text() -> str:
    return "<" + str(threshold())


def shown(n: int | None) -> Shown:
    """A count, or "<5" when 0 < n < threshold."""
    if n is None:
        return Shown(None, "–")
    if 0 < n < threshold():
        return Shown(None, suppressed_text(), suppressed=True)
    return Shown(n, number_format(n, force_grouping=True))


def shown_share(part: int, whole: int) -> Shown:
    """``part`` as a percentage of ``whole``, suppressed when either count is."""
    if whole <= 0:
        return Shown(None, "–")
    if 0 < part < threshold() or whole < threshold():
        return Shown(None, suppressed_text(), suppressed=True)
    percent = 100.0 * part / whole
    return Shown(round(percent, 1), _("%(percent)s %%") % {"percent": number_format(percent, 1)})


def shown_mean(total: float, n: int, *, unit: str = "") -> Shown:
    """A mean of ``n`` values summing to ``total``, suppressed when ``n`` is."""
    if n <= 0:
        return Shown(None, "–")
    if n < threshold():
        return Shown(None, suppressed_text(), suppressed=True)
    mean = total / n
    text = number_format(mean, 1)
    return Shown(round(mean, 1), f"{text} {unit}".strip())


def shown_cell(value) -> Shown | str:
    """A table cell: numbers are suppressed, ``Shown`` passes, text stays text."""
    if isinstance(value, Shown):
        return value
    if isinstance(value, bool) or value is None:
        return shown(None) if value is None else str(value)
    if isinstance(value, int):
        return shown(value)
    return str(value)
