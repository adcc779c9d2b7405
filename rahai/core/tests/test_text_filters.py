"""Lists for people to read are joined with the Urdu comma "، " on Urdu pages, and with ", " in
English; no staff template joins a human list with a bare comma."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from rahai.cases.models import CaseType
from rahai.core import text
from rahai.core.templatetags.rahai_text import human_join, join_list, list_separator
from rahai.testing import make_case

ROOT = Path(__file__).resolve().parents[2]
# The apps whose templates these checks cover.
APPS = (
    "core",
    "cases",
    "hotline",
    "referrals",
    "support",
    "committees",
    "people",
    "services_directory",
    "opendata",
)


def _render(source: str, **context) -> str:
    return Template("{% load rahai_text %}" + source).render(Context(context))


def test_english_lists_are_joined_with_a_comma():
    assert human_join(["Brick kiln", "Domestic work"]) == "Brick kiln, Domestic work"
    assert list_separator() == ", "


def test_urdu_lists_are_joined_with_the_urdu_comma():
    with translation.override("ur"):
        assert human_join(["بھٹہ", "گھریلو کام"]) == "بھٹہ، گھریلو کام"
        assert join_list(["کیس", "فرد"]) == "کیس، فرد"
        assert (
            _render(
                "{% for x in xs %}{{ x }}{% if not forloop.last %}{% list_separator %}{% endif %}{% endfor %}",
                xs=["ا", "ب"],
            )
            == "ا، ب"
        )


def test_two_lists_are_separated_with_the_languages_semicolon():
    template = "{% group_separator %}"
    assert _render(template) == "; "
    with translation.override("ur"):
        assert _render(template) == "؛ "


def test_python_code_joins_with_the_same_separator_as_the_templates():
    # Models and services import rahai.core.text; the template library re-exports it.
    assert join_list is text.join_list and list_separator is text.list_separator
    with translation.override("ur"):
        assert text.join_list(["تفتان", 2024]) == "تفتان، 2024"


def test_the_items_are_escaped_and_an_empty_list_falls_back_to_the_default():
    assert _render("{{ xs|human_join }}", xs=["<b>", "A & B"]) == "&lt;b&gt;, A &amp; B"
    assert _render('{{ xs|human_join|default:"—" }}', xs=[]) == "—"
    assert _render('{{ xs|human_join|default:"—" }}', xs=None) == "—"


@pytest.mark.django_db
def test_the_case_page_lists_case_types_with_the_urdu_comma(world, login):
    case = make_case(
        world.owner, case_types=[CaseType.BONDED_LABOUR, CaseType.TRAFFICKING_INTERNAL]
    )
    client = login(world.owner)
    client.cookies["django_language"] = "ur"
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    with translation.override("ur"):
        labels = [str(label) for label in case.get_case_types_display()]
    assert "، ".join(labels) in page
    assert ", ".join(labels) not in page


def test_no_staff_template_joins_a_list_with_a_bare_comma():
    offenders = []
    for app in APPS:
        for path in (ROOT / app / "templates").rglob("*.html"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if re.search(r"""\|join:\s*["'],\s["']|forloop\.last\s*%\}\s*,""", line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert not offenders, "use |human_join or {% list_separator %}: " + ", ".join(offenders)
