"""On the Urdu pages a route's places are joined with the Urdu comma "، ", FIR numbers read left
to right, and the search boxes, which take names in either script, follow what is typed."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from rahai.cases import services as case_services
from rahai.cases.forms import CaseFilterForm, CaseForm
from rahai.cases.models import Event
from rahai.geo.models import Country, District

pytestmark = pytest.mark.django_db


def _event(world, **data):
    return case_services.event_create(
        user=world.owner,
        case=world.case,
        data={"event_type": "transit", "occurred_on": date(2026, 2, 1), "position": 1, **data},
    )


def _input(page: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)


def test_a_place_label_is_joined_with_a_comma_in_english(world):
    event = _event(world, place="Shahdara", district=District.objects.get(code="LHR"))
    assert event.place_label == "Shahdara, Lahore, Punjab"


def test_a_place_label_is_joined_with_the_urdu_comma_in_urdu(world):
    event = _event(world, place="Taftan", district=District.objects.get(code="CGI"))
    with translation.override("ur"):
        assert event.place_label == "Taftan، چاغی، بلوچستان"


def test_a_place_label_with_one_part_has_no_separator(world):
    assert Event(place="Taftan").place_label == "Taftan"
    border = Event(country=Country.objects.get(code="IR"))
    assert border.place_label == "Iran"
    with translation.override("ur"):
        assert border.place_label == "ایران"
    assert Event().place_label == ""


def test_the_urdu_case_page_joins_a_routes_place_and_district_with_the_urdu_comma(world, login):
    _event(world, place="Shahdara", district=District.objects.get(code="LHR"))
    client = login(world.owner)
    client.cookies["django_language"] = "ur"
    page = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert "<bdi>Shahdara</bdi>، لاہور، پنجاب" in page


def test_the_fir_number_input_reads_left_to_right(world, login):
    assert CaseForm().fields["fir_number"].widget.attrs["dir"] == "ltr"
    client = login(world.owner)
    client.cookies["django_language"] = "ur"
    for url in (reverse("cases:create"), reverse("cases:edit", args=[world.case.pk])):
        assert 'dir="ltr"' in _input(client.get(url).content.decode(), "fir_number")


def test_the_fir_number_on_the_case_page_reads_left_to_right(world, login):
    case_services.case_update(user=world.owner, case=world.case, data={"fir_number": "117/2026"})
    client = login(world.owner)
    client.cookies["django_language"] = "ur"
    page = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert '<bdi dir="ltr">117/2026</bdi>' in page


def test_the_case_search_box_takes_the_direction_of_what_is_typed(world, login):
    # References, CNICs and phones read left to right, but names may be typed in Urdu script.
    assert CaseFilterForm().fields["q"].widget.attrs["dir"] == "auto"
    page = login(world.owner).get(reverse("cases:list")).content.decode()
    assert 'dir="auto"' in _input(page, "q")


def test_the_find_a_person_box_takes_the_direction_of_what_is_typed(world, login):
    page = login(world.owner).get(reverse("cases:role_add", args=[world.case.pk])).content
    assert 'dir="auto"' in _input(page.decode(), "q")
