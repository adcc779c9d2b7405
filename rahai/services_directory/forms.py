from django import forms
from django.utils.translation import gettext_lazy as _

from rahai.core.forms import DistrictChoiceField
from rahai.services_directory.models import ServiceType


class DirectorySearchForm(forms.Form):
    service = forms.ChoiceField(
        label=_("Service"), choices=[("", _("Any service")), *ServiceType.choices], required=False
    )
    district = DistrictChoiceField(label=_("District"), required=False, empty_label=_("Anywhere"))
