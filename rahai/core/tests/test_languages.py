"""One list of languages (``rahai.core.languages``) for persons, service offerings, consents and
hotline contacts; every code ever stored stays valid; codes are shown by name, translated."""

import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.functional import Promise

from rahai.consent.forms import ConsentForm
from rahai.consent.models import Consent
from rahai.core.languages import Language, language_label, language_labels
from rahai.hotline.call_form import CallForm
from rahai.hotline.models import Contact
from rahai.people.forms import PersonForm
from rahai.services_directory.admin import ServiceOfferingForm

ROOT = Path(__file__).resolve().parents[2]

# The codes of the two lists there were before this one: stored data holds them.
OLD_CORE_CODES = {
    "ur", "en", "pa", "skr", "sd", "ps", "bal", "brh", "hno", "ks", "scl", "fa", "ar", "bn",
    "other",
}  # fmt: skip
OLD_PEOPLE_FORM_CODES = {
    "ur", "pa", "sd", "ps", "bal", "skr", "hno", "bsk", "en", "fa", "ar", "other",
}  # fmt: skip
PAKISTANI = {
    "ur": "Urdu",
    "en": "English",
    "pa": "Punjabi",
    "skr": "Saraiki",
    "sd": "Sindhi",
    "ps": "Pashto",
    "bal": "Balochi",
    "brh": "Brahui",
    "hno": "Hindko",
    "ks": "Kashmiri",
    "scl": "Shina",
    "bft": "Balti",
    "bsk": "Burushaski",
    "khw": "Khowar",
    "fa": "Persian / Dari",
    "bn": "Bengali",
    "ar": "Arabic",
}


def test_every_code_either_old_list_had_is_still_in_the_one_list():
    assert not (OLD_CORE_CODES | OLD_PEOPLE_FORM_CODES) - set(Language.values)


def test_the_languages_of_pakistan_are_in_the_list_by_name():
    assert {code: Language(code).label for code in PAKISTANI} == PAKISTANI


def test_codes_are_unique_fit_the_stored_fields_and_labels_are_translatable():
    assert len(set(Language.values)) == len(Language.values)
    assert len({str(label) for label in Language.labels}) == len(Language.labels)
    assert all(len(code) <= 8 for code in Language.values)  # Consent and Contact: max_length=8
    assert all(isinstance(label, Promise) for label in Language.labels)


@pytest.mark.django_db
def test_every_language_field_offers_exactly_the_one_list():
    assert PersonForm().fields["languages"].choices == Language.choices
    assert ServiceOfferingForm().fields["languages"].choices == Language.choices
    assert ConsentForm().fields["language"].choices == Language.choices
    assert CallForm().fields["language"].choices == Language.choices
    assert Consent._meta.get_field("language").choices == Language.choices
    assert Contact._meta.get_field("language").choices == Language.choices


def test_no_other_list_of_languages_is_kept_in_the_code():
    # A language choice list elsewhere: ("pa", ...) or ("skr", ...) as a (code, label) pair.
    pair = re.compile(r"""\(\s*["'](?:pa|skr|sd|ps|bal|bsk)["']\s*,""")
    found = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("rahai/**/*.py")
        if "tests" not in path.parts
        and "migrations" not in path.parts
        and path.name != "languages.py"
        and (pair.search(path.read_text()) or "LANGUAGE_CHOICES" in path.read_text())
    ]
    assert found == []


def test_a_code_is_named_in_the_readers_language():
    assert language_label("skr") == "Saraiki"
    assert language_labels(["ur", "pa", "bsk"]) == ["Urdu", "Punjabi", "Burushaski"]
    with translation.override("ur"):
        assert language_label("skr") == "سرائیکی"
        assert language_labels(["ur", "pa"]) == ["اردو", "پنجابی"]


def test_a_code_the_list_does_not_know_is_shown_as_it_is():
    assert language_label("xyz") == "xyz"
    assert language_labels(["brh", "xyz"]) == ["Brahui", "xyz"]
    assert language_labels(None) == language_labels([]) == []
