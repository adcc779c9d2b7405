"""A contact's language comes from the one list of languages: the operator may log a call in
Punjabi or Pashto, the contact page names it in the reader's language, and replies go out in
a language Rahai is translated into."""

import pytest
from django.urls import reverse

from rahai.core.languages import Language
from rahai.hotline.access import system_contacts
from rahai.hotline.call_form import CallForm
from rahai.hotline.intake import ReportData, web_report_submit
from rahai.hotline.models import Contact
from rahai.hotline.tests.test_operator import CALL
from rahai.hotline.webhooks import _reply_language

pytestmark = pytest.mark.django_db


def test_the_call_form_offers_the_one_list_of_languages():
    assert CallForm().fields["language"].choices == Language.choices


def test_a_call_in_a_regional_language_is_stored_and_named_on_the_contact_page(login, hotline):
    client = login(hotline.operator)
    response = client.post(reverse("hotline:call_new"), {**CALL, "language": "skr"})
    assert response.status_code == 302
    contact = system_contacts(purpose="test").get()
    assert contact.language == "skr"
    url = reverse("hotline:contact_detail", args=[contact.pk])
    assert "<dd>Saraiki</dd>" in client.get(url).content.decode()
    client.cookies["django_language"] = "ur"
    assert "<dd>سرائیکی</dd>" in client.get(url).content.decode()


def test_a_code_not_in_the_list_becomes_urdu():
    data = ReportData(narrative="A boy works at a kiln for a loan", language="xyz")
    contact, _pin = web_report_submit(data=data, uploads=[])
    assert contact.language == Language.URDU


@pytest.mark.parametrize(("language", "reply"), [("ur", "ur"), ("en", "en"), ("ps", "ur")])
def test_replies_are_in_the_contacts_language_when_rahai_speaks_it_else_in_urdu(language, reply):
    assert _reply_language(Contact(language=language)) == reply
