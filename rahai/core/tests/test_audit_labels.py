"""Every kind of record written to the audit log, and every field name written with it, has a
label in English and in Urdu, so a case's timeline of changes and the audit log never show raw
names such as "contact: case".

The kinds are found in the code: every ``object_type="..."`` literal, and the literal handed to
a helper that passes its ``object_type`` parameter on (``support.services._audit``,
``committees.services.audit``); the field names are the literal ``fields=[...]`` beside a literal
``object_type``. A new kind or field name without a label fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

from rahai.core.templatetags.rahai_audit import (
    OBJECT_LABELS,
    OBJECT_MODELS,
    audit_field_label,
    audit_object,
)

ROOT = Path(__file__).resolve().parents[2]  # the rahai package


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _positions_of_object_type() -> dict[str, set[int]]:
    """Functions with an ``object_type`` parameter, and where it sits among their arguments."""
    positions: dict[str, set[int]] = {}
    for _path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names = [arg.arg for arg in node.args.posonlyargs + node.args.args]
                if "object_type" in names:
                    positions.setdefault(node.name, set()).add(names.index("object_type"))
    return positions


def object_types_in_code() -> tuple[dict[str, set[str]], dict[tuple[str, str], set[str]]]:
    """Each ``object_type`` literal in the code base, and each (object type, field name) pair
    written literally beside one, with the modules that write them."""
    positions = _positions_of_object_type()
    found: dict[str, set[str]] = {}
    fields: dict[tuple[str, str], set[str]] = {}
    for path, tree in _modules():
        where = str(path.relative_to(ROOT.parent))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            literals = [
                keyword.value
                for keyword in node.keywords
                if keyword.arg == "object_type" and isinstance(keyword.value, ast.Constant)
            ]
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            for index in positions.get(name, ()):
                if index < len(node.args) and isinstance(node.args[index], ast.Constant):
                    literals.append(node.args[index])
            for literal in literals:
                if isinstance(literal.value, str) and literal.value:
                    found.setdefault(literal.value, set()).add(where)
            named = [k.value for k in node.keywords if k.arg == "fields"]
            if len(literals) == 1 and named and isinstance(named[0], (ast.List, ast.Tuple)):
                for element in named[0].elts:
                    if isinstance(element, ast.Constant) and isinstance(element.value, str):
                        key = (literals[0].value, element.value)
                        fields.setdefault(key, set()).add(where)
    return found, fields


FOUND, FIELDS = object_types_in_code()


def test_the_search_finds_the_kinds_written_directly_and_through_helpers():
    assert {"case", "contact", "attachment", "import_batch", "report_run"} <= set(FOUND)
    assert {"support_plan", "planned_service", "follow_up"} <= set(FOUND)  # support's _audit
    assert {"committee_member", "agenda_item", "committee_decision"} <= set(FOUND)  # audit()


@pytest.mark.parametrize("object_type", sorted(FOUND))
def test_every_kind_written_to_the_audit_log_has_an_english_and_an_urdu_label(object_type):
    with translation.override("en"):
        english = audit_object(object_type)
    with translation.override("ur"):
        urdu = audit_object(object_type)
    where = ", ".join(sorted(FOUND[object_type]))
    assert object_type in OBJECT_MODELS or object_type in OBJECT_LABELS, f"{object_type} ({where})"
    assert "_" not in english
    assert urdu != english, f"{object_type!r} ({english}) has no Urdu label ({where})"


@pytest.mark.parametrize(("object_type", "field"), sorted(FIELDS))
def test_every_field_name_written_with_a_kind_has_an_urdu_label(object_type, field):
    with translation.override("ur"):
        label = audit_field_label(field, object_type)
    where = ", ".join(sorted(FIELDS[(object_type, field)]))
    assert label not in (field, field.replace("_", " ")), f"{object_type}.{field} ({where})"
