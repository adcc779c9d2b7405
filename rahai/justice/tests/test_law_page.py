"""The law in one place (/laws/): every law by theme with its sections and penalties, doubtful
rows marked, searchable by section or words, open to every signed-in user, Urdu around English."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rahai.accounts.models import User
from rahai.justice.models import Offence
from rahai.justice.selectors_laws import (
    find_offences,
    law_book,
    offence_url,
    search_words,
    section_matches,
)
from rahai.testing import PASSWORD

pytestmark = pytest.mark.django_db

URL = "/laws/"
HTMX = {"HX-Request": "true", "HX-Target": "law-results"}


def row(html: str, anchor: str) -> str:
    """The table row of one section, found by its anchor."""
    found = re.search(rf'<tr id="{anchor}">(.*?)</tr>', html, re.S)
    assert found, f"no row {anchor}"
    return found.group(1)


def anchors(html: str) -> list[str]:
    return re.findall(r'<tr id="([a-z0-9-]+)">', html)


def page(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_lists_ptpa_section_3_with_its_penalty(world, login):
    html = page(login(world.owner))
    assert reverse("justice:laws") == URL
    section = row(html, "ptpa-2018-3")
    assert "Trafficking in persons" in section
    assert "Up to 7 years, or a fine up to Rs 1 million, or both" in section
    assert 'href="#ptpa-2018-3"' in section
    assert "Prevention of Trafficking in Persons Act, 2018" in html and "Act XXXIV of 2018" in html
    assert "Federal" in html and "Sindh" in html  # the provincial bonded labour acts


def test_offences_link_to_their_place_on_the_page():
    offence = Offence.objects.get(law__code="ppc-1860", section="366-A")
    assert offence_url(offence) == "/laws/#ppc-1860-366-a"


def test_laws_are_grouped_by_theme_in_the_order_of_the_themes(world, login):
    html = page(login(world.owner))
    headings = re.findall(r'<h2 id="theme-([a-z_]+)-title">', html)
    assert headings == ["trafficking", "smuggling", "bonded_labour", "emigration", "related"]
    assert html.index('id="ptpa-2018"') < html.index('id="psma-2018"') < html.index('id="ppc-1860"')


def test_to_be_verified_rows_are_marked_and_the_mark_is_explained(world, login):
    html = page(login(world.owner))
    assert 'id="to-be-verified"' in html and "Check the official text" in html
    assert 'href="#to-be-verified">to be verified</a>' in row(html, "psma-2018-3")
    assert 'href="#to-be-verified">to be verified</a>' in row(html, "ppc-1860-374")
    assert "to be verified" not in row(html, "ptpa-2018-3")


def test_repealed_sections_say_so_and_cannot_be_charged(world, login):
    section = row(page(login(world.owner)), "ppc-1860-369-a")
    assert "Repealed" in section and "Repealed by PTPA 2018, section 15." in section
    assert ">No" in section


def test_a_law_with_no_sections_yet_says_an_administrator_adds_them(world, login):
    html = page(login(world.owner))
    kp = html[html.index('id="kp-blsaa-2015"') :]
    assert "No sections recorded yet" in kp[: kp.index("</article>")]


def test_searching_a_section_number_finds_the_section_and_its_lettered_siblings(world, login):
    client = login(world.owner)
    assert anchors(page(client, q="366")) == ["ppc-1860-366-a", "ppc-1860-366-b"]
    assert anchors(page(client, q="s. 370")) == ["ppc-1860-370"]
    assert anchors(page(client, q="section 369A")) == ["ppc-1860-369-a"]
    assert anchors(page(client, q="11")) == ["ptpa-2018-10-12", "blsaa-1992-11"]


def test_searching_words_finds_them_in_titles_descriptions_and_law_names(world, login):
    client = login(world.owner)
    assert anchors(page(client, q="slave")) == ["ppc-1860-367", "ppc-1860-370", "ppc-1860-371"]
    bonded = page(client, q="bonded")
    assert {"blsaa-1992-11", "blsaa-1992-12", "blsaa-1992-15"} <= set(anchors(bonded))
    assert 'id="sindh-blsaa-2015"' in bonded  # no sections yet, found by its name
    assert anchors(page(client, q="PTPA 3")) == ["ptpa-2018-3"]
    assert anchors(page(client, q="prostitution buying")) == ["ppc-1860-371-b"]


def test_the_theme_filter_shows_one_theme(world, login):
    client = login(world.owner)
    smuggling = page(client, theme="smuggling")
    assert anchors(smuggling) == ["psma-2018-3", "psma-2018-4"]
    assert re.findall(r'<h2 id="theme-([a-z_]+)-title">', smuggling) == ["smuggling"]
    assert anchors(page(client, theme="related", q="kidnapping")) == [
        "ppc-1860-365-b",
        "ppc-1860-367",
        "ppc-1860-367-a",
    ]


def test_a_search_that_finds_nothing_says_so(world, login):
    html = page(login(world.owner), q="zzzz")
    assert anchors(html) == [] and "No law or section matches" in html
    assert "0 sections found" in html


def test_an_unknown_theme_is_ignored_with_a_message(world, login):
    html = page(login(world.owner), theme="nonsense")
    assert "ptpa-2018-3" in anchors(html) and "errorlist" in html


def test_the_form_works_without_javascript_and_with_htmx(world, login):
    client = login(world.owner)
    html = page(client)
    assert '<form method="get" action="/laws/"' in html and 'hx-get="/laws/"' in html
    assert 'hx-target="#law-results"' in html and 'hx-push-url="true"' in html
    partial = client.get(URL, {"q": "slave"}, headers=HTMX).content.decode()
    assert "<html" not in partial and "<form" not in partial
    assert anchors(partial) == ["ppc-1860-367", "ppc-1860-370", "ppc-1860-371"]
    assert 'id="law-count"' in partial and 'hx-swap-oob="innerHTML"' in partial
    assert "3 sections found" in partial
    assert "hx-swap-oob" not in html  # the full page has the count once, in place


def test_the_urdu_page_is_right_to_left_and_the_law_text_left_to_right(world, login, client):
    login(world.owner)
    client.cookies["django_language"] = "ur"
    html = page(client)
    assert '<html lang="ur" dir="rtl">' in html
    assert '<strong lang="en" dir="ltr">Trafficking in persons</strong>' in row(html, "ptpa-2018-3")
    assert '<span lang="en" dir="ltr">Up to 7 years' in row(html, "ptpa-2018-3")
    assert '<span lang="en" dir="ltr">Prevention of Trafficking in Persons Act, 2018</span>' in html
    assert '<p class="small" lang="en" dir="ltr">Section 15 repealed' in html


@pytest.mark.parametrize("who", ["analyst", "owner", "partner", "outsider", "auditor"])
def test_every_signed_in_user_may_read_the_law_analysts_included(world, login, who):
    html = page(login(getattr(world, who)))
    assert "ptpa-2018-3" in anchors(html)
    assert "Correct in administration" not in html  # only for those who may change it


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={URL}"


def test_the_main_navigation_links_to_the_law_page(world, login):
    html = page(login(world.analyst))
    nav = re.search(r"<nav aria-label=\"Main\">(.*?)</nav>", html, re.S).group(1)
    assert f'href="{URL}"' in nav and ">Law</a>" in nav


def test_administrators_see_their_corrections_and_a_link_to_make_more(client):
    offence = Offence.objects.get(law__code="ptpa-2018", section="3")
    offence.penalty = "Corrected penalty."
    offence.save()
    User.objects.create_superuser(username="admin", password=PASSWORD)
    client.login(username="admin", password=PASSWORD)
    html = page(client)
    assert "Corrected penalty." in row(html, "ptpa-2018-3")
    assert reverse("admin:justice_law_change", args=[offence.law_id]) in html


def test_search_words_drop_section_prefixes_and_fold_case():
    assert search_words("S. 366  Slave") == ["366", "slave"]
    assert search_words("section 370, sec. 371") == ["370", "371"]
    assert search_words("") == []


@pytest.mark.parametrize(
    ("section", "word", "matches"),
    [
        ("366-A", "366", True),
        ("366-A", "366a", True),
        ("366-A", "366-a", True),
        ("366-A", "366-b", False),
        ("3", "3", True),
        ("3", "36", False),
        ("36", "3", False),
        ("10-12", "11", True),
        ("10-12", "10-12", True),
        ("10-12", "13", False),
        ("370", "slave", False),
    ],
)
def test_a_section_number_names_its_section(section, word, matches):
    assert section_matches(section, word) is matches


def test_a_year_finds_its_law_and_a_digit_alone_does_not():
    assert {group.theme for group in law_book(q="1979")} == {"emigration"}
    assert all(offence.section.startswith("2") for offence in find_offences(q="2"))


def test_offences_can_be_narrowed_to_those_that_can_be_charged():
    chargeable = find_offences(chargeable=True)
    assert chargeable and all(offence.chargeable for offence in chargeable)
    sections = {(o.law.code, o.section) for o in chargeable}
    assert ("ptpa-2018", "3") in sections and ("ppc-1860", "369-A") not in sections


def test_the_page_reads_the_law_in_two_queries_however_many_sections(world, login):
    client = login(world.owner)
    with CaptureQueriesContext(connection) as queries:
        page(client)
    law_queries = [q["sql"] for q in queries.captured_queries if '"justice_' in q["sql"]]
    assert len(law_queries) == 2  # the laws (with their provinces), then all their sections
