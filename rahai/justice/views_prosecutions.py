"""Prosecutions by year and law (``/prosecutions/``): suspects charged, charges decided,
convictions and acquittals, the figures Pakistan reports each year.

Counts only, for those who may see the dashboards (``rahai.insights.permissions``: analysts,
supervisors, committees), suppressed below the threshold as everywhere else ("<5"). Nothing
here reads a case or a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.insights.permissions import can_see_insights
from rahai.insights.suppression import Shown, shown, suppressed_text
from rahai.justice.selectors import prosecution_counts, years_with_charges

DEFAULT_YEARS = 5


class YearsForm(forms.Form):
    year_from = forms.TypedChoiceField(label=_("From"), coerce=int, required=False)
    year_to = forms.TypedChoiceField(label=_("To"), coerce=int, required=False)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(year, str(year)) for year in sorted(years, reverse=True)]
        self.fields["year_from"].choices = [("", "—"), *choices]
        self.fields["year_to"].choices = [("", "—"), *choices]

    def span(self, years: list[int]) -> tuple[int, int]:
        last = max(years) if years else timezone.localdate().year
        first = max(min(years), last - DEFAULT_YEARS + 1) if years else last
        if self.is_valid():
            first = self.cleaned_data["year_from"] or first
            last = self.cleaned_data["year_to"] or last
        return min(first, last), max(first, last)


@dataclass
class Row:
    year: int
    law: str
    total: bool
    cells: list[Shown]


@login_required
def prosecutions(request):
    if not can_see_insights(request.user):
        raise PermissionDenied
    years = years_with_charges()
    form = YearsForm(request.GET or None, years=years)
    first, last = form.span(years)
    rows = [
        Row(
            year=row.year,
            law=row.law.short_name if row.law else "",
            total=row.law is None,
            cells=[
                shown(row.suspects_charged),
                shown(row.charges_decided),
                shown(row.convicted),
                shown(row.acquitted),
            ],
        )
        for row in prosecution_counts(year_from=first, year_to=last)
    ]
    context = {
        "form": form,
        "rows": rows,
        "first": first,
        "last": last,
        "suppressed": suppressed_text(),
    }
    return render(request, "justice/prosecutions.html", context)
