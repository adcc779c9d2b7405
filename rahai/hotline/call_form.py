"""The operator's call form: everything in one keyboard-friendly page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rahai.core.forms import CountryChoiceField, DistrictChoiceField
from rahai.core.languages import Language
from rahai.hotline.choices import Answer, CallerType, ContactClass, Urgency
from rahai.hotline.forms import TriageForm
from rahai.hotline.indicators import INDICATOR_CHOICES

MENTION_ROWS = 3
MENTION_ROLES = [("victim", _("Possible victim")), ("suspect", _("Suspect")), ("other", _("Other"))]


class CallForm(TriageForm):
    """The call as it is told, plus the operator's triage (``TriageForm``'s fields), which starts
    from Rahai's suggestion."""

    caller_type = forms.ChoiceField(
        label=_("Caller"),
        choices=CallerType.choices,
        initial=CallerType.PUBLIC,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=Language.choices, initial=Language.URDU
    )
    immediate_danger = forms.ChoiceField(
        label=_("Is anyone in danger right now?"),
        choices=Answer.choices,
        initial=Answer.UNKNOWN,
        widget=forms.RadioSelect,
    )
    children_involved = forms.ChoiceField(
        label=_("Are children involved?"),
        choices=Answer.choices,
        initial=Answer.UNKNOWN,
        widget=forms.RadioSelect,
    )
    narrative = forms.CharField(
        label=_("What the caller says"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    screening = forms.MultipleChoiceField(
        label=_("Screening: indicators the caller describes"),
        choices=INDICATOR_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    district = DistrictChoiceField(label=_("District in Pakistan"), required=False)
    country = CountryChoiceField(label=_("or foreign country"), required=False)
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    when_text = forms.CharField(label=_("When"), max_length=120, required=False)
    persons_at_risk = forms.IntegerField(
        label=_("Persons at risk"), min_value=0, max_value=10_000, required=False
    )
    reporter_name = forms.CharField(label=_("Caller's name"), max_length=200, required=False)
    reporter_phone = forms.CharField(
        label=_("Call-back number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr"}),
    )
    wants_referral = forms.BooleanField(label=_("Asks for a referral to services"), required=False)
    wants_information = forms.BooleanField(label=_("Asks for information only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_class"].initial = ContactClass.TIP
        self.fields["urgency"].initial = Urgency.NORMAL
        for row in range(1, MENTION_ROWS + 1):
            self.fields[f"m{row}_name"] = forms.CharField(
                label=_("Name"), max_length=200, required=False
            )
            self.fields[f"m{row}_role"] = forms.ChoiceField(
                label=_("Role"), choices=MENTION_ROLES, required=False
            )
            self.fields[f"m{row}_age"] = forms.IntegerField(
                label=_("Age"), min_value=0, max_value=120, required=False
            )
            self.fields[f"m{row}_phone"] = forms.CharField(
                label=_("Phone"),
                max_length=40,
                required=False,
                widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr"}),
            )
            self.fields[f"m{row}_cnic"] = forms.CharField(
                label=_("CNIC"),
                max_length=20,
                required=False,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
            )

    def mention_rows(self):
        return [
            [self[f"m{row}_{part}"] for part in ("name", "role", "age", "phone", "cnic")]
            for row in range(1, MENTION_ROWS + 1)
        ]

    def persons_mentioned(self) -> list[dict]:
        people = []
        for row in range(1, MENTION_ROWS + 1):
            item = {
                part: self.cleaned_data.get(f"m{row}_{part}")
                for part in ("name", "role", "age", "phone", "cnic")
            }
            if any(item[part] for part in ("name", "phone", "cnic")):
                people.append(
                    {key: value for key, value in item.items() if value not in (None, "")}
                )
        return people
