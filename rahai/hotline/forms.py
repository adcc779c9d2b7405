from django import forms
from django.utils.translation import gettext_lazy as _

from rahai.cases.models import CaseType
from rahai.core.forms import CachedSelect, CountryChoiceField, DistrictChoiceField
from rahai.hotline.choices import Answer, CallerType, ContactClass, Urgency
from rahai.hotline.indicators import INDICATOR_CHOICES


class PublicReportForm(forms.Form):
    """The public form: plain questions, everything optional but the story or a place."""

    narrative = forms.CharField(
        label=_("What happened?"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Who, what work, who is controlling them, anything you know. You do not have to give your name."
        ),
    )
    district = DistrictChoiceField(
        label=_("Where? A district of Pakistan"), required=False, widget=CachedSelect
    )
    country = CountryChoiceField(
        label=_("or a foreign country"), required=False, widget=CachedSelect
    )
    place = forms.CharField(
        label=_("Place (village, city, factory, kiln…)"), max_length=120, required=False
    )
    when_text = forms.CharField(
        label=_("When?"),
        max_length=120,
        required=False,
        help_text=_("For example: now, last week, March 2025"),
    )
    persons_at_risk = forms.IntegerField(
        label=_("How many people are at risk?"), min_value=0, max_value=10_000, required=False
    )
    children_involved = forms.ChoiceField(
        label=_("Are children involved?"),
        choices=Answer.choices,
        initial=Answer.UNKNOWN,
        widget=forms.RadioSelect,
    )
    immediate_danger = forms.ChoiceField(
        label=_("Is anyone in danger right now?"),
        choices=Answer.choices,
        initial=Answer.UNKNOWN,
        widget=forms.RadioSelect,
    )
    caller_type = forms.ChoiceField(
        label=_("You are"), choices=CallerType.choices, initial=CallerType.UNKNOWN, required=False
    )
    reporter_name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    reporter_phone = forms.CharField(
        label=_("Your phone (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr"}),
    )
    reporter_email = forms.EmailField(
        label=_("Your email (optional)"),
        required=False,
        widget=forms.EmailInput(attrs={"dir": "ltr"}),
    )
    attachments = forms.FileField(
        label=_("Photo or document (optional)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}
        ),
    )
    # One key per form shown: sending the same form again finds the report it made.
    submission = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    # A field people never see; bots fill it in.
    website = forms.CharField(
        required=False,
        label="Website",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class StatusForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference code"),
        max_length=20,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocapitalize": "characters"}),
    )
    pin = forms.CharField(
        label=_("PIN"),
        max_length=10,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )


class AddInformationForm(forms.Form):
    reference = forms.CharField(widget=forms.HiddenInput)
    pin = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Add information"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class TriageForm(forms.Form):
    contact_class = forms.ChoiceField(label=_("Class"), choices=ContactClass.choices)
    urgency = forms.TypedChoiceField(label=_("Urgency"), choices=Urgency.choices, coerce=int)
    case_types = forms.MultipleChoiceField(
        label=_("Likely case types"),
        choices=CaseType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    indicators = forms.MultipleChoiceField(
        label=_("Indicators present"),
        choices=INDICATOR_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
