"""A hotline contact attached to a case appears on the case's timeline of changes by its name in
the reader's language ("ہیلپ لائن رابطہ"), never as the raw "contact: case"."""

import pytest
from django.urls import reverse

from rahai.hotline.intake import ReportData, web_report_submit
from rahai.hotline.services import contact_attach_to_case

pytestmark = pytest.mark.django_db


def _timeline(page: str) -> str:
    start = page.index('id="timeline-h"')
    return page[start : page.index("</section>", start)]


def test_an_attached_contact_reads_as_a_hotline_contact_on_the_urdu_timeline(
    client, login, hotline, world
):
    contact, _pin = web_report_submit(
        data=ReportData(narrative="A family is held at a brick kiln", language="ur"), uploads=[]
    )
    contact_attach_to_case(user=hotline.operator, contact=contact, case=world.case)
    client = login(world.owner)
    client.cookies["django_language"] = "ur"
    timeline = _timeline(client.get(reverse("cases:detail", args=[world.case.pk])).content.decode())
    assert "ہیلپ لائن رابطہ" in timeline
    assert "contact" not in timeline


def test_the_english_timeline_names_it_a_hotline_contact(client, login, hotline, world):
    contact, _pin = web_report_submit(
        data=ReportData(narrative="A family is held at a brick kiln", language="en"), uploads=[]
    )
    contact_attach_to_case(user=hotline.operator, contact=contact, case=world.case)
    page = login(world.owner).get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert "hotline contact" in _timeline(page).lower()
