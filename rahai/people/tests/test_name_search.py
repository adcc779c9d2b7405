"""Name search finds spelling variants and the Urdu-script form, through the keyed index."""

import pytest
from django.urls import reverse

from rahai.people.access import visible_persons
from rahai.people.search import matching_person_ids
from rahai.testing import make_victim

pytestmark = pytest.mark.django_db


def found(world, text):
    return set(
        visible_persons(world.owner)
        .filter(id__in=matching_person_ids(text))
        .values_list("id", flat=True)
    )


@pytest.mark.parametrize(
    "query",
    [
        "Muhammad Imran",
        "Mohammed Imran",
        "Mohammad Imran",
        "M. Imran",
        "Muhd Imraan",
        "محمد عمران",
        "Imran Khan",
        "عمران",
        "imran s/o Abdul Ghafoor",
        "Imran s/o Abdulghafoor",
        "Syed Imran",
    ],
)
def test_variants_and_urdu_script_find_the_person(world, query):
    assert world.victim.pk in found(world, query)


@pytest.mark.parametrize("query", ["Ayesha", "Imran s/o Yousaf", "Muhammad Nawaz"])
def test_other_names_do_not_match(world, query):
    assert world.victim.pk not in found(world, query)


def test_urdu_entered_name_is_found_by_roman_spelling(world):
    person = make_victim(
        world.owner, world.case, given_name="", family_name="", name_urdu="عائشہ بی بی"
    )
    assert person.pk in found(world, "Aisha Bibi")
    assert person.pk in found(world, "Ayesha")


def test_cnic_and_phone_search_in_any_format(world):
    for query in [
        "35202-1234567-1",
        "3520212345671",
        "+92 300 1234567",
        "03001234567",
        "0300-1234567",
    ]:
        assert world.victim.pk in found(world, query), query


def test_case_list_search_by_urdu_name_finds_the_case(world, login):
    response = login(world.owner).post(reverse("cases:list"), {"q": "محمد عمران"}, follow=True)
    assert reverse("cases:detail", args=[world.case.pk]) in response.content.decode()


def test_search_words_never_reach_the_url(world, login):
    response = login(world.owner).post(reverse("cases:list"), {"q": "Imran Khan"})
    assert response.status_code == 302
    assert "Imran" not in response["Location"]
