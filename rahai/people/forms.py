from django import forms
from django.utils.translation import gettext_lazy as _

from rahai.core.forms import CountryChoiceField, DateInput, DistrictChoiceField
from rahai.core.languages import Language
from rahai.people.models import Education, Gender, MaritalStatus
from rahai.people.validation import format_cnic


class PersonForm(forms.Form):
    given_name = forms.CharField(label=_("Given name"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    father_name = forms.CharField(
        label=_("Father's or husband's name"), max_length=200, required=False
    )
    name_urdu = forms.CharField(
        label=_("Name in Urdu script"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ur"}),
    )
    aliases = forms.CharField(
        label=_("Aliases"),
        max_length=500,
        required=False,
        help_text=_("Separate several with commas."),
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.UNKNOWN)
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=DateInput())
    estimated_age = forms.IntegerField(
        label=_("Estimated age"),
        min_value=0,
        max_value=120,
        required=False,
        help_text=_("When the birth date is not known."),
    )
    cnic = forms.CharField(
        label=_("CNIC"),
        max_length=20,
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": "12345-1234567-1", "inputmode": "numeric", "dir": "ltr"}
        ),
    )
    passport_number = forms.CharField(
        label=_("Passport number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocapitalize": "characters"}),
    )
    phones = forms.CharField(
        label=_("Phones"),
        max_length=300,
        required=False,
        help_text=_("Separate several with commas."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr"}),
    )
    address = forms.CharField(label=_("Address"), max_length=500, required=False)
    district = DistrictChoiceField(label=_("District"), required=False)
    citizenship = CountryChoiceField(label=_("Citizenship"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    education = forms.ChoiceField(
        label=_("Education"), choices=Education.choices, initial=Education.UNKNOWN
    )
    marital_status = forms.ChoiceField(
        label=_("Marital status"), choices=MaritalStatus.choices, initial=MaritalStatus.UNKNOWN
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A code stored before the list was the only one (the API once took any code) stays
        # ticked, so saving the form does not drop it.
        stored = [code for code in self.initial.get("languages") or [] if code not in Language]
        if stored:
            self.fields["languages"].choices = [*Language.choices, *((c, c) for c in stored)]

    @classmethod
    def initial_for(cls, person) -> dict:
        return {
            "given_name": person.given_name,
            "family_name": person.family_name,
            "father_name": person.father_name,
            "name_urdu": person.name_urdu,
            "aliases": ", ".join(person.aliases or []),
            "gender": person.gender,
            "birth_date": person.birth_date,
            "estimated_age": person.estimated_age,
            "cnic": format_cnic(person.cnic) if person.cnic else "",
            "passport_number": person.passport_number,
            "phones": ", ".join(person.phones or []),
            "address": person.address,
            "district": person.district_id,
            "citizenship": person.citizenship_id,
            "languages": person.languages,
            "education": person.education,
            "marital_status": person.marital_status,
        }

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        if data.get("birth_date"):
            data["estimated_age"] = None if not data.get("estimated_age") else data["estimated_age"]
        return data
