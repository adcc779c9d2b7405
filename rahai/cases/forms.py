from django import forms
from django.utils.translation import gettext_lazy as _

from rahai.cases.models import (
    CaseStatus,
    CaseType,
    ClosureReason,
    EventType,
    ExploitationType,
    Industry,
    MeansOfControl,
    PerpetratorRole,
    RecruiterRelationship,
    RecruitmentMethod,
    RoleKind,
    Sensitivity,
    TraffickingStatus,
    VulnerabilityFactor,
)
from rahai.core.forms import CountryChoiceField, DateInput, DistrictChoiceField
from rahai.geo.models import Province
from rahai.orgs.models import Organisation, Team


def _blank(choices):
    return [("", "—"), *choices]


class CaseFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={
                "placeholder": _("Reference, name (any script), CNIC or phone"),
                "type": "search",
                # Names may be typed in Urdu or Latin script: the text takes its own direction.
                "dir": "auto",
            }
        ),
    )
    case_type = forms.ChoiceField(
        label=_("Case type"), choices=_blank(CaseType.choices), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=_blank(CaseStatus.choices), required=False
    )
    province = forms.ChoiceField(label=_("Province"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    owner = forms.ModelChoiceField(
        label=_("Owning organisation"), queryset=Organisation.objects.all(), required=False
    )
    opened_from = forms.DateField(label=_("Opened from"), required=False, widget=DateInput())
    opened_to = forms.DateField(label=_("Opened to"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from rahai.geo.models import District

        self.fields["province"].choices = _blank([(p.code, p.name) for p in Province.objects.all()])
        self.fields["district"].choices = _blank(
            [
                (d.code, f"{d.name} ({d.province.code})")
                for d in District.objects.select_related("province")
            ]
        )


class CaseForm(forms.Form):
    case_types = forms.MultipleChoiceField(
        label=_("Case types"), choices=CaseType.choices, widget=forms.CheckboxSelectMultiple
    )
    district = DistrictChoiceField(label=_("District"))
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput())
    title = forms.CharField(
        label=_("Short title"),
        max_length=140,
        required=False,
        help_text=_("No names: e.g. 'Brick kiln family, 6 persons'"),
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    fir_number = forms.CharField(
        label=_("FIR number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr"}),  # "123/2024": reads left to right in Urdu
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=CaseStatus.choices, initial=CaseStatus.ACTIVE
    )
    closure_reason = forms.ChoiceField(
        label=_("Closure reason"), choices=_blank(ClosureReason.choices), required=False
    )
    sensitivity = forms.ChoiceField(
        label=_("Sensitivity"),
        choices=Sensitivity.choices,
        initial=Sensitivity.NORMAL,
        help_text=_("Restrict cases with child victims or sexual exploitation."),
    )
    team = forms.ModelChoiceField(
        label=_("Restricted to team"), queryset=Team.objects.none(), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["team"].queryset = Team.objects.filter(members=user)

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class ShareForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.filter(active=True)
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role in the case"), choices=RoleKind.choices)
    trafficking_status = forms.ChoiceField(
        label=_("Trafficking status"), choices=_blank(TraffickingStatus.choices), required=False
    )
    status_decided_by = forms.ModelChoiceField(
        label=_("Status decided by"), queryset=Organisation.objects.all(), required=False
    )
    exploitation_types = forms.MultipleChoiceField(
        label=_("Types of exploitation"),
        choices=ExploitationType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    means_of_control = forms.MultipleChoiceField(
        label=_("Means of control"),
        choices=MeansOfControl.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    recruitment_method = forms.ChoiceField(
        label=_("Recruitment method"), choices=_blank(RecruitmentMethod.choices), required=False
    )
    recruiter_relationship = forms.ChoiceField(
        label=_("Relationship to recruiter"),
        choices=_blank(RecruiterRelationship.choices),
        required=False,
    )
    age_when_trafficked = forms.IntegerField(
        label=_("Age when trafficked"), min_value=0, max_value=120, required=False
    )
    industry = forms.ChoiceField(
        label=_("Industry (ISIC section)"), choices=_blank(Industry.choices), required=False
    )
    vulnerability_factors = forms.MultipleChoiceField(
        label=_("Vulnerability and root causes"),
        choices=VulnerabilityFactor.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("What made this person vulnerable: record what the victim or the file says."),
    )
    perpetrator_roles = forms.MultipleChoiceField(
        label=_("Perpetrator roles"),
        choices=PerpetratorRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class EventForm(forms.Form):
    event_type = forms.ChoiceField(label=_("What happened"), choices=EventType.choices)
    district = DistrictChoiceField(label=_("District in Pakistan"), required=False)
    country = CountryChoiceField(label=_("or foreign country"), required=False)
    place = forms.CharField(
        label=_("Place (city, border crossing)"), max_length=120, required=False
    )
    occurred_on = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    date_is_approximate = forms.BooleanField(label=_("Approximate date"), required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    position = forms.IntegerField(
        label=_("Order"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=_("Leave empty to add at the end of the route."),
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Note"), max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
    )
