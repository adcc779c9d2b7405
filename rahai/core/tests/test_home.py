import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_shows_the_organisations_active_cases(world, login):
    page = login(world.owner).get(reverse("core:home")).content.decode()
    assert "Active cases of your organisation" in page
    assert world.case.reference in page


def test_supervisor_home_covers_the_jurisdiction(world, login):
    page = login(world.supervisor).get(reverse("core:home")).content.decode()
    assert "Active cases in your jurisdiction" in page
    assert world.case.reference in page


def test_partner_home_lists_cases_shared_with_them(world, login):
    page = login(world.partner).get(reverse("core:home")).content.decode()
    assert "Shared with your organisation" in page
    assert world.case.reference in page


def test_analyst_home_shows_no_personal_data(world, login):
    page = login(world.analyst).get(reverse("core:home")).content.decode()
    assert world.case.reference not in page
    assert "no personal data is shown" in page


def test_admin_registers_reference_data_only():
    from django.contrib import admin

    registered = {model._meta.label for model in admin.site._registry}
    assert {"geo.District", "orgs.Organisation", "accounts.User"} <= registered
    assert not registered & {
        "cases.Case",
        "cases.CaseRole",
        "cases.Event",
        "cases.Note",
        "people.Person",
        "people.PersonSearchKey",
        "audit.AuditEntry",
    }
