from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.core.forms import DateInput
from rahai.orgs.models import Organisation, Team
from rahai.referrals.models import DeclineReason, Urgency
from rahai.services_directory.models import ServiceType


class OrganisationChoiceField(forms.ModelChoiceField):
    """Organisations, with those the directory lists for the service and district marked."""

    def __init__(self, *args, suggested=(), **kwargs):
        self.suggested = set(suggested)
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        label = f"{obj} ({obj.get_kind_display()})"
        return f"★ {label}" if obj.pk in self.suggested else label


def organisations(exclude_id=None, suggested=()):
    queryset = Organisation.objects.filter(active=True).select_related("district")
    if exclude_id:
        queryset = queryset.exclude(pk=exclude_id)
    return sorted(queryset, key=lambda org: (org.pk not in set(suggested), org.name))


class ReferralForm(forms.Form):
    person = forms.ChoiceField(label=_("Who is referred"))
    service = forms.ChoiceField(label=_("Service"), choices=[("", "—"), *ServiceType.choices])
    to_organisation = OrganisationChoiceField(
        label=_("Refer to"),
        queryset=Organisation.objects.none(),
        help_text=_("★ listed in the service directory for this service and district."),
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial="normal")
    due_on = forms.DateField(label=_("Service needed by"), required=False, widget=DateInput())
    need = forms.CharField(
        label=_("What is needed"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Shown to the receiver BEFORE it accepts, to decide: no names, no places, no "
            "phone numbers. E.g. 'Woman with two small children, needs a safe bed tonight'."
        ),
    )
    reason = forms.CharField(
        label=_("Reason and background"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shared only once the receiver accepts, until the referral ends."),
    )
    share_identity = forms.BooleanField(
        label=_("Share the victim's name, age, gender, languages and district"),
        required=False,
        initial=True,
    )
    share_contact = forms.BooleanField(
        label=_("Share the victim's phone numbers and address"), required=False
    )
    notes = forms.MultipleChoiceField(
        label=_("Share these notes of the case"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    override = forms.BooleanField(
        label=_("Emergency: send without the victim's consent"),
        required=False,
        help_text=_("Flagged, audited and reviewed by a supervisor."),
    )
    override_reason = forms.CharField(
        label=_("Why consent could not be obtained"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, case, victims, notes, suggested=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.victims = {str(role.person_id): role.person for role in victims}
        self.fields["person"].choices = [
            *[(pid, person.display_name) for pid, person in self.victims.items()],
            ("", _("The case as a whole (no one's identity is shared)")),
        ]
        self.fields["to_organisation"].queryset = Organisation.objects.filter(active=True).exclude(
            pk=case.owner_id
        )
        self.fields["to_organisation"].suggested = set(suggested)
        self.fields["to_organisation"].choices = [("", "—")] + [
            (org.pk, self.fields["to_organisation"].label_from_instance(org))
            for org in organisations(case.owner_id, suggested)
        ]
        self.notes = {str(note.pk): note for note in notes}
        self.fields["notes"].choices = [
            (pk, f"{note.created_at:%Y-%m-%d} · {note.body[:90]}")
            for pk, note in self.notes.items()
        ]

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on and due_on < timezone.localdate():
            raise forms.ValidationError(_("This date is in the past."))
        return due_on

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["person"] = self.victims.get(data.get("person") or "")
        data["notes"] = [self.notes[pk] for pk in data.get("notes") or []]
        return data


class OnwardForm(forms.Form):
    """Passing a received referral on: the scope can only narrow what was received."""

    service = forms.ChoiceField(label=_("Service"), choices=[("", "—"), *ServiceType.choices])
    to_organisation = forms.ModelChoiceField(
        label=_("Refer to"), queryset=Organisation.objects.none()
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial="normal")
    due_on = ReferralForm.base_fields["due_on"]
    need = ReferralForm.base_fields["need"]
    reason = ReferralForm.base_fields["reason"]
    share_identity = ReferralForm.base_fields["share_identity"]
    share_contact = ReferralForm.base_fields["share_contact"]
    notes = ReferralForm.base_fields["notes"]
    override = ReferralForm.base_fields["override"]
    override_reason = ReferralForm.base_fields["override_reason"]

    def __init__(self, *args, referral, notes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = (
            Organisation.objects.filter(active=True)
            .exclude(pk=referral.to_organisation_id)
            .exclude(pk=referral.from_organisation_id)
            .order_by("name")
        )
        if not referral.share_identity:
            del self.fields["share_identity"]
        if not referral.share_contact:
            del self.fields["share_contact"]
        self.notes = {str(note.pk): note for note in notes}
        if self.notes:
            self.fields["notes"].choices = [
                (pk, f"{note.created_at:%Y-%m-%d} · {note.body[:90]}")
                for pk, note in self.notes.items()
            ]
        else:
            del self.fields["notes"]

    clean_due_on = ReferralForm.clean_due_on

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["notes"] = [self.notes[pk] for pk in data.get("notes") or []]
        return data


class DueForm(forms.Form):
    due_on = forms.DateField(
        label=_("Service needed by"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty to remove the due date."),
    )
    text = forms.CharField(label=_("Why"), required=False, max_length=2000)


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why"), choices=DeclineReason.choices)
    text = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CompleteForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done. Completing ends your access to the victim's data."),
    )


class ReassignForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Reassign to"), queryset=Organisation.objects.filter(active=True)
    )
    text = forms.CharField(label=_("Note"), required=False, max_length=2000)


class ReviewForm(forms.Form):
    justified = forms.TypedChoiceField(
        label=_("Was the override justified?"),
        choices=[("yes", _("Yes, justified")), ("no", _("No, not justified"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    text = forms.CharField(label=_("Note"), required=False, max_length=2000)


class TransferForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Transfer to"), queryset=Organisation.objects.filter(active=True)
    )
    reason = forms.CharField(
        label=_("Why"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the receiving organisation before it accepts: no names."),
    )
    keep_access = forms.BooleanField(
        label=_("Keep read access after the transfer"), required=False, initial=True
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(active=True).exclude(
            pk=case.owner_id
        )


class TransferAcceptForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    text = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(
            organisation_id=user.organisation_id, members=user
        )
