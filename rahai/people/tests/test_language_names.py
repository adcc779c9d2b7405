"""A person's languages come from the one list (``rahai.core.languages``) on the form and over
the API, and are shown by name in the reader's language, never as ISO codes."""

import pytest
from django.urls import reverse

from rahai.core.languages import Language
from rahai.people.forms import PersonForm
from rahai.testing import make_person

pytestmark = pytest.mark.django_db

# Every code the person form's own list offered before it was merged into the one list.
OLD_FORM_CODES = ["ur", "pa", "sd", "ps", "bal", "skr", "hno", "bsk", "en", "fa", "ar", "other"]
FORM = {
    "given_name": "Nasreen",
    "gender": "female",
    "education": "unknown",
    "marital_status": "unknown",
}


def test_the_person_form_offers_the_one_list_of_languages():
    assert PersonForm().fields["languages"].choices == Language.choices


@pytest.mark.parametrize("codes", [OLD_FORM_CODES, ["brh", "ks", "scl", "bn", "bft", "khw"]])
def test_the_person_form_takes_every_code_of_the_old_lists_and_the_new_ones(codes):
    form = PersonForm({**FORM, "languages": codes})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["languages"] == codes


def test_the_person_form_refuses_a_code_not_in_the_list():
    form = PersonForm({**FORM, "languages": ["xyz"]})
    assert "languages" in form.errors


def test_editing_a_person_keeps_a_code_stored_before_the_list_was_the_only_one(world, login):
    person = make_person(world.owner, given_name="Nasreen", languages=["ur", "xyz"])
    page = login(world.owner).get(reverse("people:edit", args=[person.pk])).content.decode()
    assert 'value="xyz"' in page and 'value="bsk"' in page
    form = PersonForm(
        {**FORM, "languages": ["ur", "xyz"]},
        initial=PersonForm.initial_for(person),
    )
    assert form.is_valid(), form.errors


def test_the_api_takes_codes_from_the_list_and_refuses_others(world, login):
    client = login(world.owner)
    body = {"given_name": "Nasreen", "languages": ["bsk", "brh", "other"]}
    response = client.post("/api/persons", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["languages"] == ["bsk", "brh", "other"]
    body["languages"] = ["xyz"]
    response = client.post("/api/persons", body, content_type="application/json")
    assert response.status_code == 422, response.content


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
