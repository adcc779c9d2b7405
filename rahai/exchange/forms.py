from django import forms
from django.utils.translation import gettext_lazy as _

from rahai.cases.forms import CaseFilterForm
from rahai.exchange.importer import CHOICE, FIELDS, MULTI
from rahai.exchange.reading import MAX_BYTES


class ExportForm(CaseFilterForm):
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("json", "HTCDS JSON"), ("xlsx", "XLSX"), ("csv", "CSV")],
        initial="json",
    )
    personal = forms.BooleanField(
        label=_(
            "Include personal data (names, identity numbers, phones, addresses, dates of birth, texts)"
        ),
        required=False,
        initial=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["q"]  # searching by name stays on the case list


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV or XLSX with column names in the first row, or an HTCDS 2.0 JSON file."),
    )
    mapping = forms.ModelChoiceField(
        label=_("Column mapping"),
        queryset=None,
        required=False,
        help_text=_("For spreadsheets; leave empty to make a new one on the next page."),
    )

    def __init__(self, *args, mappings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mapping"].queryset = mappings

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


def field_choices():
    return [("", "—"), *[(name, str(label)) for name, (label, _k, _c) in FIELDS.items()]]


VALUE_MAP_HELP = _(
    "One line per value: field: value in the file = Rahai code, e.g. “gender: M = male” or "
    "“gender: مرد = male”."
)


class MappingForm(forms.Form):
    name = forms.CharField(label=_("Mapping name"), max_length=80)
    source = forms.CharField(
        label=_("Source"),
        max_length=80,
        help_text=_("The agency or system the files come from; part of every import key."),
    )
    value_maps = forms.CharField(
        label=_("Value maps"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=VALUE_MAP_HELP,
    )

    def __init__(self, *args, header=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.header = list(header)
        for index, column in enumerate(self.header):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=column, choices=field_choices(), required=False
            )

    def column_fields(self):
        return [self[f"col_{index}"] for index in range(len(self.header))]

    def columns(self) -> dict:
        return {
            column: self.cleaned_data.get(f"col_{index}", "")
            for index, column in enumerate(self.header)
            if self.cleaned_data.get(f"col_{index}")
        }

    def clean_value_maps(self):
        text = self.cleaned_data.get("value_maps", "")
        maps: dict[str, dict[str, str]] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            name, sep, rest = line.partition(":")
            raw, eq, code = rest.rpartition("=")
            name = name.strip()
            if not sep or not eq or not raw.strip() or not code.strip():
                raise forms.ValidationError(
                    _("Line %(n)d: write “field: value in the file = Rahai code”.") % {"n": number}
                )
            if name not in FIELDS or FIELDS[name][1] not in (CHOICE, MULTI):
                raise forms.ValidationError(
                    _("Line %(n)d: value maps are only for fields with a list of values.")
                    % {"n": number}
                )
            maps.setdefault(name, {})[raw.strip()] = code.strip()
        return maps


def value_maps_text(value_maps: dict) -> str:
    return "\n".join(
        f"{name}: {raw} = {code}"
        for name, mapping in value_maps.items()
        for raw, code in mapping.items()
    )
