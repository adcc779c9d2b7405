"""The law page's search box and theme filter (plain GET, so a search is a link)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rahai.justice.models import LawTheme


class LawSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Section or words"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("e.g. 366, slave, bonded"),
                # Section numbers and English words: the box follows what is typed, not the page.
                "dir": "auto",
                "autocomplete": "off",
            }
        ),
    )
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", _("All themes")), *LawTheme.choices]
    )

    def search(self) -> dict[str, str]:
        """The valid filters: a field that fails (an unknown theme, an over-long search) is
        left out of ``cleaned_data`` and so ignored, with its message shown beside it."""
        self.is_valid()
        data = self.cleaned_data
        return {"q": (data.get("q") or "").strip(), "theme": data.get("theme") or ""}
