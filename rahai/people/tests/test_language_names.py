"""A person's languages are shown by name in the reader's language, never as ISO codes."""

import pytest
from django.urls import reverse
from django.utils import translation

from rahai.people.forms import language_names
from rahai.testing import make_person

pytestmark = pytest.mark.django_db


def test_language_codes_are_named_in_the_active_language():
    assert language_names(["ur", "pa"]) == ["Urdu", "Punjabi"]
    with translation.override("ur"):
        assert language_names(["ur", "pa"]) == ["اردو", "پنجابی"]


def test_a_code_only_the_api_offers_is_named_and_an_unknown_code_is_shown_as_it_is():
    assert language_names(["brh", "xyz"]) == ["Brahui", "xyz"]
    assert language_names(None) == language_names([]) == []


def test_the_person_page_names_the_persons_languages(world, login):
    person = make_person(world.owner, given_name="Nasreen", languages=["ur", "pa"])
    page = login(world.owner).get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "<dd>Urdu, Punjabi</dd>" in page
    assert "<dd>ur, pa</dd>" not in page


def test_the_urdu_person_page_names_them_in_urdu_with_the_urdu_comma(world, login):
    person = make_person(world.owner, given_name="Nasreen", languages=["ur", "pa"])
    client = login(world.owner)
    client.cookies["django_language"] = "ur"
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "<dd>اردو، پنجابی</dd>" in page
    assert "<dd>ur، pa</dd>" not in page
