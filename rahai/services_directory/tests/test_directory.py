"""The service directory: search by service and district, the offline map, the public subset."""

import re

import pytest
from django.urls import reverse

from rahai.geo.models import District, Province
from rahai.orgs.models import JurisdictionLevel, OrganisationKind
from rahai.services_directory.models import ServiceOffering
from rahai.services_directory.selectors import offerings, providers_for
from rahai.testing import make_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(world):
    shelter = make_org("Dar-ul-Aman Lahore", kind=OrganisationKind.SHELTER)
    legal = make_org(
        "Sindh Legal Aid",
        kind=OrganisationKind.LEGAL_AID,
        district_code="KSO",
        level=JurisdictionLevel.PROVINCE,
    )
    helpline = make_org(
        "National Legal Helpline", kind=OrganisationKind.LEGAL_AID, district_code="ISB"
    )
    lahore = District.objects.get(code="LHR")
    beds = ServiceOffering.objects.create(
        organisation=shelter,
        service="shelter",
        hours="24/7",
        capacity=40,
        places_free=6,
        languages=["ur", "pa"],
        phone="042-111-000",
        public=False,
        description="Women and children",
    )
    beds.districts.set([lahore])
    sindh = ServiceOffering.objects.create(
        organisation=legal, service="legal_aid", public=True, phone="021-222-000"
    )
    sindh.provinces.set([Province.objects.get(code="SD")])
    national = ServiceOffering.objects.create(
        organisation=helpline, service="legal_aid", nationwide=True, public=True, phone="1099"
    )
    return {"shelter": beds, "sindh": sindh, "national": national, "lahore": lahore}


def test_search_finds_providers_by_service_and_district(directory):
    lahore = directory["lahore"]
    karachi = District.objects.get(code="KSO")
    assert list(offerings(service="shelter", district=lahore)) == [directory["shelter"]]
    assert set(offerings(service="legal_aid", district=lahore)) == {directory["national"]}
    assert set(offerings(service="legal_aid", district=karachi)) == {
        directory["national"],
        directory["sindh"],
    }
    assert providers_for("shelter", karachi) == []


def test_the_staff_page_shows_the_map_without_external_scripts(directory, login, world):
    response = login(world.analyst).get(
        reverse("services_directory:directory"),
        {"service": "shelter", "district": directory["lahore"].pk},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dar-ul-Aman Lahore" in html and "042-111-000" in html and "6 free" in html
    assert "<svg" in html and html.count("<circle") > 100  # every district a dot
    assert 'href="#offering-' in html
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_the_public_page_lists_only_public_offerings_without_sign_in(directory, client):
    response = client.get(reverse("services_directory:public"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "National Legal Helpline" in html and "1099" in html
    assert "Dar-ul-Aman" not in html and "042-111-000" not in html
    assert "<svg" not in html  # the public page does not show where providers are


def test_the_staff_page_needs_sign_in(client):
    response = client.get(reverse("services_directory:directory"))
    assert response.status_code == 302


def test_htmx_search_returns_only_the_results(directory, login, world):
    response = login(world.owner).get(
        reverse("services_directory:directory"),
        {"service": "legal_aid"},
        headers={"HX-Request": "true", "HX-Target": "directory-results"},
    )
    html = response.content.decode()
    assert "National Legal Helpline" in html and "<html" not in html


def test_the_referral_form_stars_the_directorys_providers(directory, world, login):
    client = login(world.owner)
    url = reverse("referrals:create", args=[world.case.pk])
    html = client.get(url, {"service": "shelter"}).content.decode()
    assert "★ Dar-ul-Aman Lahore" in html
    partial = client.get(
        url, {"service": "shelter"}, headers={"HX-Request": "true", "HX-Trigger-Name": "service"}
    ).content.decode()
    assert 'id="organisation-field"' in partial and "<html" not in partial


def test_the_urdu_pages_list_a_providers_languages_with_the_urdu_comma(directory, login, world):
    national = directory["national"]
    national.languages = ["ur", "en"]
    national.save()
    client = login(world.owner)
    client.cookies["django_language"] = "ur"
    staff = client.get(reverse("services_directory:directory"), {"service": "shelter"})
    public = client.get(reverse("services_directory:public"))
    assert "اردو، پنجابی" in staff.content.decode()
    assert "اردو، انگریزی" in public.content.decode()


def test_the_english_pages_list_them_with_the_latin_comma(directory, login, world):
    page = login(world.owner).get(reverse("services_directory:directory"), {"service": "shelter"})
    assert "Urdu, Punjabi" in page.content.decode()


def test_the_maps_label_for_a_district_joins_its_providers_with_the_urdu_comma(
    directory, login, world
):
    second = make_org("Lahore Women's Crisis Centre", kind=OrganisationKind.SHELTER)
    offering = ServiceOffering.objects.create(organisation=second, service="shelter")
    offering.districts.set([directory["lahore"]])
    client = login(world.owner)
    client.cookies["django_language"] = "ur"
    html = client.get(reverse("services_directory:directory"), {"service": "shelter"})
    assert "Dar-ul-Aman Lahore، Lahore Women&#x27;s Crisis Centre" in html.content.decode()


def test_the_urdu_pages_join_an_offerings_districts_with_the_urdu_comma(directory, login, world):
    directory["shelter"].districts.add(District.objects.get(code="KSR"))
    client = login(world.owner)
    client.cookies["django_language"] = "ur"
    html = client.get(reverse("services_directory:directory"), {"service": "shelter"})
    assert "قصور، لاہور" in html.content.decode()  # in English order: Kasur, Lahore


def test_the_urdu_pages_separate_provinces_from_districts_with_the_urdu_semicolon(
    directory, login, world
):
    directory["shelter"].provinces.add(Province.objects.get(code="SD"))
    client = login(world.owner)
    client.cookies["django_language"] = "ur"
    html = client.get(reverse("services_directory:directory"), {"service": "shelter"})
    assert "سندھ؛ لاہور" in html.content.decode()
    client.cookies["django_language"] = "en"
    html = client.get(reverse("services_directory:directory"), {"service": "shelter"})
    assert "Sindh; Lahore" in html.content.decode()


def test_an_offerings_languages_from_the_one_list_are_named_on_both_pages(directory, login, world):
    national = directory["national"]
    national.languages = ["bsk", "brh", "khw"]
    national.save()
    client = login(world.owner)
    staff = client.get(reverse("services_directory:directory"), {"service": "legal_aid"})
    public = client.get(reverse("services_directory:public"))
    assert "Burushaski, Brahui, Khowar" in staff.content.decode()
    assert "Burushaski, Brahui, Khowar" in public.content.decode()
