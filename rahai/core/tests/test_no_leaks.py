"""Personal data stays out of error pages, logs and URLs."""

import logging

import pytest
from django.test import Client, override_settings
from django.urls import path

from rahai.core.logging import ScrubPersonalData


def boom(request):
    raise RuntimeError("CNIC 3520212345671 of Muhammad Imran")


urlpatterns = [path("boom/", boom)]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_error_page_shows_nothing_from_the_request():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "3520212345671" not in body and "Imran" not in body


def test_log_filter_masks_long_numbers_and_drops_the_request():
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "lookup %s failed", ("03001234567",), None
    )
    record.request = object()
    assert ScrubPersonalData().filter(record)
    assert "03001234567" not in record.getMessage()
    assert record.request is None


@pytest.mark.django_db
def test_not_found_page_gives_no_hint(world, login):
    response = login(world.outsider).get(f"/cases/{world.case.pk}/")
    assert response.status_code == 404
    assert world.case.reference not in response.content.decode()
