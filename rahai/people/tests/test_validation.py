"""Bad input gets a clear message and nothing is saved."""

import pytest
from django.urls import reverse

from rahai.people.access import visible_persons

pytestmark = pytest.mark.django_db

BASE = {
    "person-given_name": "Shazia",
    "person-gender": "female",
    "person-education": "unknown",
    "person-marital_status": "unknown",
    "role-role": "victim",
}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("person-cnic", "12345-123", "A CNIC has 13 digits"),
        ("person-phones", "12345", "not valid"),
        ("person-birth_date", "2099-01-01", "cannot be in the future"),
        ("person-district", "99999", "Select a valid choice"),
    ],
)
def test_bad_person_input_is_refused_with_a_message(world, login, field, value, message):
    client = login(world.owner)
    before = visible_persons(world.owner).count()
    response = client.post(reverse("cases:role_add", args=[world.case.pk]), {**BASE, field: value})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Nothing was saved" in page
    assert visible_persons(world.owner).count() == before


def test_unknown_district_on_a_case_is_refused(world, login):
    client = login(world.owner)
    response = client.post(
        reverse("cases:create"),
        {
            "case_types": ["bonded_labour"],
            "district": "424242",
            "opened_on": "2026-01-05",
            "status": "active",
            "sensitivity": "normal",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_case_opened_in_the_future_is_refused(world, login):
    from rahai.geo.models import District

    client = login(world.owner)
    response = client.post(
        reverse("cases:create"),
        {
            "case_types": ["bonded_labour"],
            "district": District.objects.get(code="LHR").pk,
            "opened_on": "2099-01-05",
            "status": "active",
            "sensitivity": "normal",
        },
    )
    assert "This date is in the future." in response.content.decode()


def test_closed_case_needs_a_reason(world, login):
    client = login(world.owner)
    response = client.post(
        reverse("cases:edit", args=[world.case.pk]),
        {
            "case_types": ["bonded_labour"],
            "district": world.case.district_id,
            "opened_on": "2026-01-05",
            "status": "closed",
            "sensitivity": "normal",
        },
    )
    assert "A closed case needs a closure reason." in response.content.decode()
    world.case.refresh_from_db()
    assert world.case.status == "active"


def test_urdu_user_gets_messages_in_urdu(world, login):
    client = login(world.owner)
    client.cookies["django_language"] = "ur"
    response = client.post(
        reverse("cases:role_add", args=[world.case.pk]), {**BASE, "person-cnic": "1"}
    )
    page = response.content.decode()
    assert 'dir="rtl"' in page
    assert "A CNIC has 13 digits" not in page


def test_a_failing_role_leaves_no_orphan_person(world, login):
    client = login(world.owner)
    before = visible_persons(world.owner).count()
    response = client.post(
        reverse("cases:role_add", args=[world.case.pk]), {**BASE, "role-age_when_trafficked": "500"}
    )
    assert response.status_code == 200
    assert visible_persons(world.owner).count() == before
