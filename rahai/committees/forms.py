"""Web forms for committees. They parse; the rules (and the messages users see for them) are in
the services, whose errors the views attach back to these fields."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.accounts.models import User
from rahai.committees.access import HOST_KINDS
from rahai.committees.models import (
    ActionStatus,
    AttendanceStatus,
    CommitteeKind,
    Constituency,
    MemberRole,
)
from rahai.core.forms import DateInput, DistrictChoiceField
from rahai.geo.models import Province
from rahai.orgs.models import Organisation

RECORD_HELP = _(
    "No victims' names or numbers: refer to a case by its reference (e.g. PB-LHR-2026-000123)."
)


class OrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.get_kind_display()})"


def active_organisations():
    return Organisation.objects.filter(active=True).order_by("name")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%H:%M")
        super().__init__(**kwargs)


class CommitteeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    name_ur = forms.CharField(
        label=_("Name (Urdu)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ur"}),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=CommitteeKind.choices)
    province = forms.ModelChoiceField(label=_("Province"), queryset=Province.objects.all())
    district = DistrictChoiceField(
        label=_("District"), required=False, help_text=_("Required for a district committee.")
    )
    host = OrganisationField(
        label=_("Host organisation"),
        queryset=Organisation.objects.filter(active=True, kind__in=HOST_KINDS),
        help_text=_("The committee as an organisation in Rahai."),
    )
    secretariat = OrganisationField(
        label=_("Secretariat"),
        queryset=Organisation.objects.none(),
        help_text=_("Its supervisors and caseworkers keep the committee's records in Rahai."),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=300,
        required=False,
        help_text=_(
            "E.g. 'Punjab Bonded Labour System (Abolition) Act 1992 (amended 2012), "
            "s. 15' or the notification that set it up."
        ),
    )
    quorum = forms.IntegerField(
        label=_("Quorum"),
        required=False,
        min_value=1,
        max_value=200,
        help_text=_("Members needed for a valid meeting. Empty: more than half."),
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["secretariat"].queryset = active_organisations()


class MemberForm(forms.Form):
    organisation = OrganisationField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    person_name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    designation = forms.CharField(
        label=_("Designation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("E.g. 'Deputy Commissioner' or 'District Officer Labour'."),
    )
    username = forms.CharField(
        label=_("Rahai user (username)"),
        max_length=150,
        required=False,
        help_text=_("If the member signs in to Rahai: they then see the committee."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    represents = forms.ChoiceField(
        label=_("Represents"), choices=[("", "—"), *Constituency.choices], required=False
    )
    start_on = forms.DateField(label=_("Member since"), required=False, widget=DateInput())
    end_on = forms.DateField(label=_("Member until"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = active_organisations()

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active user has this username."))
        return user

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["user"] = data.pop("username", None)
        return data


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(label=_("Time"), widget=TimeInput())
    venue = forms.CharField(
        label=_("Venue"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text=_("One item a line."),
    )

    def starts_at(self) -> datetime:
        naive = datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        return timezone.make_aware(naive)

    def agenda_titles(self) -> list[str]:
        return [
            line.strip()
            for line in self.cleaned_data.get("agenda", "").splitlines()
            if line.strip()
        ]


class MeetingEditForm(MeetingForm):
    agenda = None
    notes = forms.CharField(
        label=_("General minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=RECORD_HELP,
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why is it cancelled?"), max_length=300, required=False)


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label=_("New agenda item"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"})
    )

    def __init__(self, *args, **kwargs):
        # A meeting's page holds several forms: each has its own ids, so every label finds
        # its own field (two "id_text" sent the action's label to the decision's box).
        kwargs.setdefault("auto_id", "id_agenda_%s")
        super().__init__(*args, **kwargs)


class MinutesForm(forms.Form):
    title = forms.CharField(
        label=_("Agenda item"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text=RECORD_HELP,
    )


class AttendanceForm(forms.Form):
    """One status and one 'represented by' per member row."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            pk = row.member.pk
            self.fields[f"status_{pk}"] = forms.ChoiceField(
                label=_("Attendance"),
                choices=[("", "—"), *AttendanceStatus.choices],
                required=False,
                initial=row.status,
            )
            self.fields[f"represented_by_{pk}"] = forms.CharField(
                label=_("Represented by"),
                max_length=200,
                required=False,
                initial=row.represented_by,
                widget=forms.TextInput(attrs={"dir": "auto"}),
            )

    def bound_rows(self):
        for row in self.rows:
            pk = row.member.pk
            yield row, self[f"status_{pk}"], self[f"represented_by_{pk}"]

    def entries(self) -> list[dict]:
        return [
            {
                "member": row.member,
                "status": self.cleaned_data.get(f"status_{row.member.pk}", ""),
                "represented_by": self.cleaned_data.get(f"represented_by_{row.member.pk}", ""),
            }
            for row in self.rows
        ]


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("Decision"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=RECORD_HELP,
    )
    agenda_item = forms.TypedChoiceField(
        label=_("Under agenda item"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, agenda=(), **kwargs):
        kwargs.setdefault("auto_id", "id_decision_%s")
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].choices = [("", "—")] + [
            (item.pk, f"{item.position}. {item.title}") for item in agenda
        ]


class ActionForm(forms.Form):
    text = forms.CharField(
        label=_("Action"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        help_text=RECORD_HELP,
    )
    organisation = OrganisationField(label=_("Assigned to"), queryset=Organisation.objects.none())
    assigned_person = forms.CharField(
        label=_("Person responsible"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("Optional: name or designation."),
    )
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    decision = forms.TypedChoiceField(
        label=_("Follows decision"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, decisions=(), **kwargs):
        kwargs.setdefault("auto_id", "id_action_%s")
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = active_organisations()
        self.fields["decision"].choices = [("", "—")] + [
            (d.pk, f"{d.number}. {d.text[:80]}") for d in decisions
        ]


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    note = forms.CharField(
        label=_("Progress note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        help_text=RECORD_HELP,
    )

    def __init__(self, *args, statuses=None, **kwargs):
        super().__init__(*args, **kwargs)
        if statuses is not None:
            self.fields["status"].choices = [
                (value, label) for value, label in ActionStatus.choices if value in statuses
            ]
