"""Helpers shared by the web forms."""

from __future__ import annotations

import hashlib

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from rahai.geo.models import Country, District


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form fields it names (the rest to the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class DistrictChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "queryset", District.objects.filter(active=True).select_related("province")
        )
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        return f"{obj.name} — {obj.province.name}"


class CountryChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Country.objects.all())
        super().__init__(**kwargs)


class CachedSelect(forms.Select):
    """A <select> whose rendering with nothing selected is kept for five minutes per language.

    The public report form lists every district and country (about 420 options); Django renders
    each option through its own template, ~23 ms of CPU on every GET /report.
    """

    cache_seconds = 300

    def render(self, name, value, attrs=None, renderer=None):
        if value not in (None, ""):
            return super().render(name, value, attrs, renderer)
        queryset = getattr(self.choices, "queryset", None)
        source = str(queryset.query) if queryset is not None else repr(list(self.choices))
        key = (
            "rahai:select:"
            + hashlib.sha256(
                repr(
                    (name, sorted({**self.attrs, **(attrs or {})}.items()), get_language(), source)
                ).encode()
            ).hexdigest()
        )
        html = cache.get(key)
        if html is None:
            html = str(super().render(name, value, attrs, renderer))
            cache.set(key, html, self.cache_seconds)
        return mark_safe(html)  # noqa: S308 - Django's own rendering, kept as it was


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)
