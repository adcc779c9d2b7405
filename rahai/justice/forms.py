"""Forms for a case's charges and hearings. They parse; the rules are in ``services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rahai.core.forms import DateInput
from rahai.justice.models import ChargeStatus, Outcome
from rahai.justice.selectors import chargeable_offences, offence_choices
from rahai.orgs.models import Organisation, OrganisationKind

# "123/2026", "Sessions Case 45/2026": numbers and slashes read left to right in Urdu too.
LTR = {"dir": "ltr"}
ADD_STAGES = [(value, label) for value, label in ChargeStatus.choices if value != "decided"]


class CourtChoiceField(forms.ModelChoiceField):
    """A court, from the organisations recorded as courts."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "queryset",
            Organisation.objects.filter(kind=OrganisationKind.COURT, active=True).order_by("name"),
        )
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Court"))
        super().__init__(**kwargs)


class ChargeForm(forms.Form):
    """Charge a suspect of the case under a section of a law."""

    suspect = forms.TypedChoiceField(label=_("Suspect"), coerce=int)
    offence = forms.TypedChoiceField(
        label=_("Offence"),
        coerce=int,
        help_text=_("Only sections in force that make something an offence are listed."),
    )
    charged_on = forms.DateField(label=_("Charged on"), widget=DateInput())
    status = forms.ChoiceField(label=_("Stage"), choices=ADD_STAGES, initial=ChargeStatus.FIR)
    fir_number = forms.CharField(
        label=_("FIR number"), max_length=40, required=False, widget=forms.TextInput(attrs=LTR)
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )

    def __init__(self, *args, suspects, **kwargs):
        super().__init__(*args, **kwargs)
        self.suspects = {role.pk: role for role in suspects}
        self.fields["suspect"].choices = [("", "—")] + [
            (role.pk, role.person.display_name) for role in suspects
        ]
        offences = chargeable_offences()
        self.offences = {offence.pk: offence for offence in offences}
        self.fields["offence"].choices = [("", "—"), *offence_choices(offences)]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["suspect"] = self.suspects.get(data["suspect"])
        data["offence"] = self.offences.get(data["offence"])
        return data


class ChargeCourtForm(forms.Form):
    """The charge's way through the courts, and the court's decision."""

    status = forms.ChoiceField(label=_("Stage"), choices=ChargeStatus.choices)
    court = CourtChoiceField()
    court_case_number = forms.CharField(
        label=_("Court case number"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs=LTR),
    )
    special_court = forms.BooleanField(
        label=_("Special court or bench"),
        required=False,
        help_text=_("Tried by a court or bench designated for trafficking and smuggling cases."),
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    outcome_on = forms.DateField(label=_("Decided on"), required=False, widget=DateInput())
    sentence_years = forms.DecimalField(
        label=_("Sentence (years of imprisonment)"),
        required=False,
        min_value=0,
        max_digits=4,
        decimal_places=1,
        help_text=_("Only with a conviction. 7.5 is seven and a half years."),
    )
    sentence_fine_rs = forms.IntegerField(
        label=_("Fine (Rs)"), required=False, min_value=1, help_text=_("Only with a conviction.")
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class HearingForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the hearing"), widget=DateInput())
    court = CourtChoiceField()
    court_case_number = forms.CharField(
        label=_("Court case number"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs=LTR),
    )
    summary = forms.CharField(
        label=_("What happened"),
        required=False,
        max_length=20000,
        help_text=_("Victims and witnesses by their role, not by name (PTPA section 11)."),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    next_on = forms.DateField(label=_("Next hearing"), required=False, widget=DateInput())

    def service_data(self) -> dict:
        return dict(self.cleaned_data)
