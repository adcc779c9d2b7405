"""Applying field changes to a model instance and describing them for the audit log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import models


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def apply_changes(instance: models.Model, changes: dict[str, Any]) -> dict[str, list[Any]]:
    """Set each attribute that differs; return ``{field: [old, new]}`` for those that did."""
    diff: dict[str, list[Any]] = {}
    for name, new in changes.items():
        field = instance._meta.get_field(name)
        attname = field.attname if isinstance(field, models.ForeignKey) else name
        old = getattr(instance, attname)
        new_plain = _plain(new)
        if _plain(old) != new_plain:
            diff[name] = [_plain(old), new_plain]
            setattr(instance, name, new)
    return diff


def snapshot(instance: models.Model, names: list[str]) -> dict[str, list[Any]]:
    """``{field: [None, value]}`` for a newly created object's non-empty fields."""
    out: dict[str, list[Any]] = {}
    for name in names:
        field = instance._meta.get_field(name)
        value = getattr(instance, field.attname if isinstance(field, models.ForeignKey) else name)
        if value not in (None, "", [], False):
            out[name] = [None, _plain(value)]
    return out
