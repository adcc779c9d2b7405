"""The "Charges and court" section of the case page, in English and in Urdu, and its forms:
as plain pages without JavaScript, and inline with htmx."""

import re

import pytest
from django.urls import reverse

from rahai.justice import services
from rahai.justice.tests.court_world import add_suspect, charge, days_ago, make_court, offence

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def case_page(client, world) -> str:
    return client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()


def section(page: str) -> str:
    start = page.index('<section class="card" id="court"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def convicted(world):
    suspect = add_suspect(world)
    the_charge = charge(world, suspect, fir_number="123/2026")
    services.charge_update(
        user=world.owner,
        charge=the_charge,
        data={
            "court": make_court(),
            "court_case_number": "Sessions Case 12/2026",
            "special_court": True,
            "outcome": "convicted",
            "outcome_on": days_ago(3),
            "sentence_years": 7,
            "sentence_fine_rs": 200000,
        },
    )
    return the_charge


def test_the_section_lists_each_suspects_charges_with_the_law_and_the_outcome(
    world, convicted, login
):
    html = section(case_page(login(world.owner), world))
    assert "<h4><bdi>Rashid Mehmood</bdi></h4>" in html
    assert (
        '<a href="/laws/#ptpa-2018-3"><span lang="en" dir="ltr">'
        "PTPA 2018 s.3 — Trafficking in persons</span></a>"
    ) in html
    assert '<span class="badge">Decided</span>' in html
    assert '<bdi dir="ltr">123/2026</bdi>' in html
    assert "<bdi>Sessions Court, Lahore</bdi>" in html
    assert '<bdi dir="ltr">Sessions Case 12/2026</bdi> · special court or bench' in html
    decided = days_ago(3).strftime("%Y-%m-%d")
    assert f"<strong>Convicted</strong> on {decided}" in html
    assert "7 years of imprisonment, a fine of Rs 200,000" in html


def test_the_section_renders_in_urdu(world, convicted, login):
    client = login(world.owner)
    client.cookies["django_language"] = "ur"
    page = case_page(client, world)
    html = section(page)
    assert '<html lang="ur" dir="rtl">' in page
    assert "<bdi>Rashid Mehmood</bdi>" in html
    # The law's words stay as enacted, marked as English text inside the Urdu page.
    assert '<span lang="en" dir="ltr">PTPA 2018 s.3 — Trafficking in persons</span>' in html
    assert '<bdi dir="ltr">Sessions Case 12/2026</bdi>' in html
    assert "200000" in html  # numbers as the Urdu locale writes them (no grouping)


def test_the_section_says_what_to_do_when_there_are_no_suspects_yet(world, login):
    html = section(case_page(login(world.owner), world))
    assert "Add the suspects to the case first" in html
    assert reverse("justice:charge_add", args=[world.case.pk]) not in html


def test_the_offence_select_lists_only_chargeable_offences_grouped_by_law(world, login):
    add_suspect(world)
    page = login(world.owner).get(reverse("justice:charge_add", args=[world.case.pk]))
    html = page.content.decode()
    select = re.search(r'<select name="offence".*?</select>', html, re.S).group(0)
    assert '<optgroup label="PTPA 2018">' in select and '<optgroup label="PPC">' in select
    assert "PTPA 2018 s.3 — Trafficking in persons" in select
    assert "PPC s.371-A" in select and "BLSAA 1992 s.11" in select and "PSMA 2018 s.3" in select
    assert "369-A" not in select  # repealed by PTPA s.15
    assert f'value="{offence("ptpa-2018", "8").pk}"' not in select  # makes nothing an offence


def test_the_charge_form_proposes_the_only_suspect_and_the_cases_fir(world, login):
    from rahai.cases.services import case_update

    case_update(user=world.owner, case=world.case, data={"fir_number": "77/2026"})
    suspect = add_suspect(world)
    html = (
        login(world.owner).get(reverse("justice:charge_add", args=[world.case.pk])).content.decode()
    )
    assert f'<option value="{suspect.pk}" selected>Rashid Mehmood</option>' in html
    assert re.search(r'name="fir_number" value="77/2026"', html)
    assert 'dir="ltr"' in re.search(r'<input[^>]*name="fir_number"[^>]*>', html).group(0)


def test_a_charge_is_added_with_the_plain_form(world, login):
    suspect = add_suspect(world)
    client = login(world.owner)
    response = client.post(
        reverse("justice:charge_add", args=[world.case.pk]),
        {
            "suspect": suspect.pk,
            "offence": offence("ppc-1860", "371-A").pk,
            "charged_on": days_ago(2).isoformat(),
            "status": "investigation",
            "fir_number": "88/2026",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/cases/{world.case.pk}/#court")
    new = world.case.charges.get()
    assert (new.suspect, new.offence.section, new.status) == (suspect, "371-A", "investigation")
    assert "Charge recorded." in case_page(client, world)


def test_a_charge_is_added_inline_with_htmx(world, login):
    suspect = add_suspect(world)
    client = login(world.owner)
    url = reverse("justice:charge_add", args=[world.case.pk])
    form = client.get(url, headers=HTMX).content.decode()
    assert "<html" not in form and f'hx-post="{url}"' in form and 'hx-target="#court"' in form
    response = client.post(
        url,
        {
            "suspect": suspect.pk,
            "offence": offence("ptpa-2018", "3").pk,
            "charged_on": days_ago(2).isoformat(),
            "status": "fir",
        },
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'id="court-h"' in html and "Charge recorded." in html
    assert "PTPA 2018 s.3 — Trafficking in persons" in html


def test_a_duplicate_charge_comes_back_inline_with_the_error_in_place(world, login):
    suspect = add_suspect(world)
    charge(world, suspect)
    response = login(world.owner).post(
        reverse("justice:charge_add", args=[world.case.pk]),
        {
            "suspect": suspect.pk,
            "offence": offence("ptpa-2018", "3").pk,
            "charged_on": days_ago(2).isoformat(),
            "status": "fir",
        },
        headers=HTMX,
    )
    assert response["HX-Retarget"] == "#charge-new"
    assert "This suspect is already charged under this section." in response.content.decode()


def test_an_outcome_is_recorded_inline_and_the_form_says_what_is_missing(world, login):
    the_charge = charge(world, add_suspect(world))
    client = login(world.owner)
    url = reverse("justice:charge_edit", args=[world.case.pk, the_charge.pk])
    form = client.get(url, headers=HTMX).content.decode()
    assert "<html" not in form and 'name="outcome"' in form
    response = client.post(url, {"status": "trial", "outcome": "convicted"}, headers=HTMX)
    assert response["HX-Retarget"] == f"#charge-{the_charge.pk}"
    assert "Give the date of the decision." in response.content.decode()
    response = client.post(
        url,
        {
            "status": "trial",
            "outcome": "convicted",
            "outcome_on": days_ago(1).isoformat(),
            "sentence_years": "5",
        },
        headers=HTMX,
    )
    assert "Charge saved." in response.content.decode()
    the_charge.refresh_from_db()
    assert (the_charge.status, the_charge.outcome) == ("decided", "convicted")


def test_a_charge_is_removed_while_undecided_but_offered_no_removal_once_decided(
    world, convicted, login
):
    client = login(world.owner)
    url = reverse("justice:charge_edit", args=[world.case.pk, convicted.pk])
    assert "Remove this charge" not in client.get(url).content.decode()
    undecided = charge(world, add_suspect(world, given_name="Khalid", family_name="Butt"))
    url = reverse("justice:charge_edit", args=[world.case.pk, undecided.pk])
    assert "Remove this charge" in client.get(url).content.decode()
    response = client.post(reverse("justice:charge_remove", args=[world.case.pk, undecided.pk]))
    assert response.status_code == 302 and world.case.charges.count() == 1
    response = client.post(reverse("justice:charge_remove", args=[world.case.pk, convicted.pk]))
    assert response.status_code == 302 and world.case.charges.count() == 1


def test_the_timeline_of_changes_names_the_charge_and_its_fields(world, convicted, login):
    html = case_page(login(world.owner), world)
    timeline = html[html.index('id="timeline-h"') :]
    assert "Created charge:" in timeline and "Changed charge:" in timeline
    assert "decided on" in timeline and "sentence (years of imprisonment)" in timeline
    assert "stage" in timeline and "suspect" in timeline
