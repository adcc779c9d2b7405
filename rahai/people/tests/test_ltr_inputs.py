"""Numbers people type, CNICs, phones, passports and reference codes, are written left to right
even on the Urdu pages, and an example number in an Urdu error message reads left to right."""

import re

import pytest
from django.urls import reverse

from rahai.hotline.call_form import CallForm
from rahai.hotline.forms import PublicReportForm, StatusForm
from rahai.people.forms import PersonForm
from rahai.people.tests.test_validation import BASE

pytestmark = pytest.mark.django_db

LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate ... pop directional isolate


@pytest.mark.parametrize("name", ["cnic", "phones", "passport_number"])
def test_the_person_forms_number_inputs_are_left_to_right(name):
    assert PersonForm().fields[name].widget.attrs["dir"] == "ltr"


@pytest.mark.parametrize("name", ["reporter_phone", "m1_phone", "m1_cnic", "m3_phone", "m3_cnic"])
def test_the_call_forms_number_inputs_are_left_to_right(name):
    assert CallForm().fields[name].widget.attrs["dir"] == "ltr"


def test_the_public_forms_phone_and_reference_inputs_are_left_to_right():
    assert PublicReportForm().fields["reporter_phone"].widget.attrs["dir"] == "ltr"
    assert StatusForm().fields["reference"].widget.attrs["dir"] == "ltr"
    assert StatusForm().fields["pin"].widget.attrs["dir"] == "ltr"


def test_the_rendered_cnic_and_phone_inputs_say_dir_ltr(world, login):
    page = login(world.owner).get(reverse("cases:role_add", args=[world.case.pk])).content.decode()
    for name in ("person-cnic", "person-phones", "person-passport_number"):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
        assert 'dir="ltr"' in tag, tag


@pytest.mark.parametrize(
    ("field", "value", "example"),
    [("person-phones", "12345", "0300 1234567"), ("person-cnic", "12345-123", "12345-1234567-1")],
)
def test_the_example_number_in_an_urdu_error_reads_left_to_right(
    world, login, field, value, example
):
    client = login(world.owner)
    client.cookies["django_language"] = "ur"
    response = client.post(reverse("cases:role_add", args=[world.case.pk]), {**BASE, field: value})
    page = response.content.decode()
    assert 'dir="rtl"' in page
    assert f"{LRI}{example}{PDI}" in page
