from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.consent.models import ConsentDecision, ConsentPurpose, GivenBy
from rahai.core.forms import DateInput
from rahai.core.languages import Language
from rahai.orgs.models import Organisation, OrganisationKind


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation (for sharing with a named organisation)"),
        queryset=Organisation.objects.filter(active=True),
        required=False,
    )
    organisation_kind = forms.ChoiceField(
        label=_("Type of organisation (for sharing with a type)"),
        choices=[("", "—"), *OrganisationKind.choices],
        required=False,
    )
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ConsentDecision.choices, widget=forms.RadioSelect
    )
    given_by = forms.ChoiceField(label=_("Given by"), choices=GivenBy.choices)
    decided_on = forms.DateField(label=_("Date"), widget=DateInput())
    language = forms.ChoiceField(label=_("Explained in"), choices=Language.choices)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Stored encrypted. E.g. what was explained, conditions the person set."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "initial", {"decided_on": timezone.localdate(), "language": Language.URDU}
        )
        super().__init__(*args, **kwargs)


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("Why"), required=False, max_length=2000)
