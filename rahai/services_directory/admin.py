from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rahai.core.languages import Language
from rahai.services_directory.models import ServiceOffering


class ServiceOfferingForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ServiceOffering
        fields = [
            "organisation",
            "service",
            "description",
            "nationwide",
            "provinces",
            "districts",
            "hours",
            "capacity",
            "places_free",
            "languages",
            "contact_name",
            "phone",
            "email",
            "public",
            "active",
        ]


@admin.register(ServiceOffering)
class ServiceOfferingAdmin(admin.ModelAdmin):
    form = ServiceOfferingForm
    list_display = (
        "organisation",
        "service",
        "nationwide",
        "hours",
        "capacity",
        "public",
        "active",
    )
    list_filter = ("service", "public", "active", "nationwide", "organisation__kind")
    search_fields = ("organisation__name", "description", "contact_name")
    filter_horizontal = ("districts", "provinces")
    autocomplete_fields = ("organisation",)
