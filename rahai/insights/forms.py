"""The dashboards' filters, read from the URL's query string (so a view can be shared)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.cases.models import CaseType
from rahai.geo.models import District, Province
from rahai.insights.selectors import Filters
from rahai.insights.statistics import (
    DIMENSIONS,
    GEO_AND_PERSON_SPLITS,
    STATISTICS,
    AgeBand,
)
from rahai.people.models import Gender

TREND_STATISTICS = ("contacts", "cases", "victims", "suspects")
# Breakdowns offered on the trends page: not the cross dimensions or whole route patterns.
TREND_DIMENSIONS = {
    code
    for code, spec in DIMENSIONS.items()
    if spec.kind not in {"pair", "pattern", "place"} and code != "country"
}


def _blank(choices, label=None):
    return [("", label or _("All")), *choices]


def _month(value: str) -> date | None:
    try:
        year, month = (int(part) for part in value.split("-")[:2])
        return date(year, month, 1)
    except (TypeError, ValueError):
        return None


class MonthField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        month = _month(value)
        if month is None or not 1990 <= month.year <= 2100:
            raise forms.ValidationError(_("Give a month as YYYY-MM."), code="month")
        return month


class InsightsFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    start = MonthField(label=_("From month"), required=False)
    end = MonthField(label=_("To month"), required=False)
    province = forms.ChoiceField(label=_("Province"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    case_type = forms.ChoiceField(
        label=_("Case type"), choices=_blank(CaseType.choices), required=False
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=_blank(Gender.choices), required=False)
    age_band = forms.ChoiceField(
        label=_("Age band"), choices=_blank(AgeBand.choices), required=False
    )

    def __init__(self, *args, years: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        years = years or list(range(this_year, this_year - 10, -1))
        self.fields["year"].choices = _blank([(y, str(y)) for y in years], _("All years"))
        self.fields["province"].choices = _blank([(p.code, p.name) for p in Province.objects.all()])
        self.fields["district"].choices = _blank(
            [
                (d.code, f"{d.name} ({d.province.code})")
                for d in District.objects.select_related("province")
            ]
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The last month comes before the first."))
        return data

    def filters(self) -> Filters:
        """The filters from a bound form (invalid fields are left out)."""
        self.is_valid()  # cleaned_data then holds only the fields that are valid
        data = getattr(self, "cleaned_data", {})
        start, end = data.get("start"), data.get("end")
        year = data.get("year")
        if year and not start and not end:
            start, end = date(year, 1, 1), date(year, 12, 1)
        district = data.get("district") or ""
        province = data.get("province") or ""
        if district:
            own = District.objects.filter(code=district).values_list("province__code", flat=True)
            if province and own.first() != province:
                district = ""
        return Filters(
            start=start,
            end=end,
            province=province,
            district=district,
            case_type=data.get("case_type") or "",
            gender=data.get("gender") or "",
            age_band=data.get("age_band") or "",
        )


def split_choices(statistic: str) -> list[tuple[str, str]]:
    """Breakdowns offered for a statistic on the trends page."""
    stat = STATISTICS[statistic]
    splits = [("", _("None (total)"))]
    for code, label in GEO_AND_PERSON_SPLITS.items():
        if code in {"gender", "age_band"} and not stat.persons:
            continue
        splits.append((code, label))
    splits += [
        (code, DIMENSIONS[code].label) for code in stat.dimensions if code in TREND_DIMENSIONS
    ]
    return splits


class TrendOptionsForm(forms.Form):
    stat = forms.ChoiceField(
        label=_("Count"),
        choices=[(code, STATISTICS[code].label) for code in TREND_STATISTICS],
        required=False,
    )
    split = forms.ChoiceField(label=_("Broken down by"), required=False)
    by = forms.ChoiceField(
        label=_("Per"),
        choices=[("", _("Automatic")), ("month", _("Month")), ("year", _("Year"))],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        statistic = self.data.get("stat") if self.data.get("stat") in TREND_STATISTICS else "cases"
        self.statistic = statistic
        self.fields["split"].choices = split_choices(statistic)

    def options(self) -> TrendOptions:
        data = self.cleaned_data if self.is_valid() else {}
        split = data.get("split") or ""
        valid = {code for code, _label in split_choices(self.statistic)}
        return TrendOptions(
            statistic=self.statistic,
            split=split if split in valid else "",
            by=data.get("by") or "",
        )


@dataclass(frozen=True)
class TrendOptions:
    statistic: str = "cases"
    split: str = ""
    by: str = ""
