from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.accounts.models import User
from rahai.core.forms import DateInput
from rahai.orgs.models import Organisation
from rahai.services_directory.models import ServiceOffering, ServiceType
from rahai.support.models import NEEDS, ChecklistItem, CheckState, ContactMethod, ServiceStatus

NEED_CHOICES = [(code.value, code.label) for code in NEEDS]


def staff_of(organisation_id) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=User.objects.filter(organisation_id=organisation_id, is_active=True)
        .exclude(roles=None)
        .order_by("username"),
        required=False,
    )


class PlanForm(forms.Form):
    needs = forms.MultipleChoiceField(
        label=_("Needs"),
        choices=NEED_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    goals = forms.CharField(
        label=_("Goals and needs assessment"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Stored encrypted. What the survivor wants to achieve, in their words."),
    )
    risk_notes = forms.CharField(
        label=_("Risks"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Stored encrypted, never shown to receiving organisations. E.g. threats from the "
            "recruiter's family, debts, health."
        ),
    )
    key_worker = forms.ModelChoiceField(
        label=_("Key worker"), queryset=User.objects.none(), required=False
    )
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput(), required=False)

    def __init__(self, *args, owner_id=None, **kwargs):
        kwargs.setdefault("initial", {"opened_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["key_worker"].queryset = staff_of(owner_id).queryset


class ProviderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.get_kind_display()})"


class ServiceForm(forms.Form):
    service = forms.ChoiceField(label=_("Service"), choices=[("", "—"), *ServiceType.choices])
    provider = ProviderChoiceField(
        label=_("Provider"), queryset=Organisation.objects.filter(active=True)
    )
    offering = forms.ModelChoiceField(
        label=_("Directory entry"),
        queryset=ServiceOffering.objects.filter(active=True).select_related("organisation"),
        required=False,
    )
    referral = forms.ChoiceField(label=_("Arranged by referral"), required=False)
    planned_start = forms.DateField(label=_("Planned start"), widget=DateInput())
    status = forms.ChoiceField(
        label=_("Status"), choices=ServiceStatus.choices, initial=ServiceStatus.PLANNED
    )
    started_on = forms.DateField(label=_("Started on"), widget=DateInput(), required=False)
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DateInput(), required=False)
    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What was delivered, or why it was cancelled or declined."),
    )

    def __init__(self, *args, referrals=(), providers=None, **kwargs):
        kwargs.setdefault("initial", {"planned_start": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.referrals = {str(r.pk): r for r in referrals}
        self.fields["referral"].choices = [("", "—")] + [
            (str(r.pk), f"{r.reference} · {r.to_organisation} · {r.get_service_display()}")
            for r in referrals
        ]
        if providers is not None:
            self.fields["provider"].queryset = providers
            self.fields["offering"].queryset = self.fields["offering"].queryset.filter(
                organisation__in=providers
            )

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["referral"] = self.referrals.get(data.get("referral") or "")
        return data


class DeliveryForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ServiceStatus.choices)
    started_on = forms.DateField(label=_("Started on"), widget=DateInput(), required=False)
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DateInput(), required=False)
    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FollowUpForm(forms.Form):
    contacted_on = forms.DateField(label=_("Date"), widget=DateInput())
    method = forms.ChoiceField(label=_("Method"), choices=ContactMethod.choices)
    by = forms.ModelChoiceField(label=_("By"), queryset=User.objects.none(), required=False)
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Stored encrypted. How the survivor is, what was agreed."),
    )
    next_due = forms.DateField(label=_("Next follow-up due"), widget=DateInput(), required=False)

    def __init__(self, *args, organisation_id=None, **kwargs):
        kwargs.setdefault("initial", {"contacted_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["by"].queryset = staff_of(organisation_id).queryset


class ChecklistForm(forms.Form):
    item = forms.ChoiceField(choices=ChecklistItem.choices)
    state = forms.ChoiceField(choices=CheckState.choices)
    reason = forms.CharField(required=False, max_length=2000)


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Closure note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
