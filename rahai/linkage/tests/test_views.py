"""The record-linkage pages: review queue, decisions, the check at entry, the person panel."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rahai.accounts.models import RoleCode
from rahai.audit.models import AuditAction, AuditEntry
from rahai.cases.models import RoleKind
from rahai.hotline import selectors as hotline_selectors
from rahai.hotline.models import Contact
from rahai.linkage import selectors, services
from rahai.linkage.evidence import chips
from rahai.linkage.models import MatchCandidate, MatchDecision
from rahai.testing import PASSWORD, make_case, make_person, make_user, make_victim

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def again(world):
    """The world's victim recorded a second time by his own police station, in Urdu."""
    return make_person(
        world.owner,
        given_name="",
        family_name="",
        name_urdu="محمد عمران",
        father_name="عبدالغفور",
        cnic="35202-1234567-1",
        phones=["+92 300 1234567"],
    )


@pytest.fixture
def queued(world, again):
    services.relink_all()
    return MatchCandidate.objects.get()


def test_the_review_queue_shows_each_pair_with_its_evidence_and_both_records(
    world, login, queued, again
):
    page = login(world.owner).get(reverse("linkage:review")).content.decode()
    assert "Possible matches to review" in page
    assert "CNIC: full match" in page and "Phone or address: same phone" in page
    assert "likely to be the same person" in page
    assert reverse("people:detail", args=[world.victim.pk]) in page
    assert reverse("people:detail", args=[again.pk]) in page
    assert "Police Station Shahdara, Lahore" in page  # who recorded each
    assert "35202" not in page and "1234567" not in page  # no CNIC or phone on the queue
    assert AuditEntry.objects.filter(
        actor=world.owner, action=AuditAction.VIEW, object_type="match_candidate"
    ).exists()


def test_investigators_caseworkers_and_supervisors_may_review(world, login):
    for user in (world.owner, world.partner, world.supervisor):
        client = Client()
        client.login(username=user.username, password=PASSWORD)
        assert client.get(reverse("linkage:review")).status_code == 200, user.username


def test_analysts_never_review_and_other_roles_are_refused(world, login, client):
    assert login(world.analyst).get(reverse("linkage:review")).status_code == 404
    prosecutor = make_user("prosecutor", world.owner_org, RoleCode.PROSECUTOR)
    assert login(prosecutor).get(reverse("linkage:review")).status_code == 403
    client.logout()
    response = client.get(reverse("linkage:review"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_queue_holds_only_pairs_whose_two_records_the_reviewer_can_see(world, login, queued):
    page = login(world.outsider).get(reverse("linkage:review")).content.decode()
    assert "Nothing to review." in page and "Imran" not in page


def test_the_review_queue_is_paginated_most_likely_first(world, login, settings, again):
    services.relink_all()
    MatchCandidate.objects.create(
        person_a_id=world.victim.pk,
        person_b_id=make_person(world.owner, given_name="Imran", family_name="Khan").pk,
        probability=0.51,
        evidence=[],
    )
    settings.RAHAI_PAGE_SIZE = 1
    client = login(world.owner)
    first = client.get(reverse("linkage:review")).content.decode()
    second = client.get(reverse("linkage:review") + "?page=2").content.decode()
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert "51 % likely" in second and "51 % likely" not in first


def test_same_person_swaps_the_row_with_htmx_and_joins_the_identities(world, login, queued, again):
    response = login(world.owner).post(
        reverse("linkage:decide"),
        {"a": world.victim.pk, "b": again.pk, "verdict": "same", "next": "/linkage/review/"},
        **HTMX,
    )
    assert response.status_code == 200
    row = response.content.decode()
    assert row.lstrip().startswith('<article class="card pair" id="pair-')
    assert "Marked as the same person." in row and "Change to: different people" in row
    decision = MatchDecision.objects.get()
    assert decision.verdict == "same" and decision.decided_by == world.owner
    assert not MatchCandidate.objects.exists()
    assert AuditEntry.objects.filter(
        object_type="match_decision", object_id=str(decision.pk), actor=world.owner
    ).exists()
    assert list(selectors.linked_persons(world.owner, world.victim)) == [again]


def test_a_decision_works_without_javascript_and_returns_to_the_page(world, login, queued, again):
    back = reverse("linkage:review") + "?page=1"
    response = login(world.owner).post(
        reverse("linkage:decide"),
        {"a": again.pk, "b": world.victim.pk, "verdict": "different", "next": back},
        follow=True,
    )
    assert response.redirect_chain == [(back, 302)]
    assert "Marked as different people." in response.content.decode()
    assert MatchDecision.objects.get().verdict == "different"
    assert list(selectors.linked_persons(world.owner, world.victim)) == []


def test_a_decision_never_sends_the_reviewer_off_the_site(world, login, again):
    response = login(world.owner).post(
        reverse("linkage:decide"),
        {"a": again.pk, "b": world.victim.pk, "verdict": "same", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("linkage:review")


def test_a_decision_is_a_post_with_a_csrf_token(world, again):
    client = Client(enforce_csrf_checks=True)
    client.login(username=world.owner.username, password=PASSWORD)
    data = {"a": again.pk, "b": world.victim.pk, "verdict": "same"}
    assert client.get(reverse("linkage:decide"), data).status_code == 405
    assert client.post(reverse("linkage:decide"), data).status_code == 403
    assert not MatchDecision.objects.exists()


def test_no_one_decides_about_a_record_they_cannot_see(world, login, queued, again):
    data = {"a": again.pk, "b": world.victim.pk, "verdict": "same"}
    assert login(world.outsider).post(reverse("linkage:decide"), data).status_code == 404
    assert login(world.analyst).post(reverse("linkage:decide"), data).status_code == 404
    bad = {"a": again.pk, "b": again.pk, "verdict": "same"}
    assert login(world.owner).post(reverse("linkage:decide"), bad).status_code == 400
    assert not MatchDecision.objects.exists()


def test_the_person_being_entered_is_checked_against_persons_the_user_may_see(world, login):
    case = make_case(world.owner)
    response = login(world.owner).post(
        reverse("linkage:check") + f"?case={case.pk}",
        {
            "person-given_name": "Mohammad Imran",
            "person-family_name": "Khan",
            "person-father_name": "Abdul Ghafoor",
            "person-cnic": "35202-1234567-1",
            "person-gender": "unknown",
        },
    )
    page = response.content.decode()
    assert "Possibly already recorded" in page
    assert reverse("people:detail", args=[world.victim.pk]) in page
    assert f"{reverse('cases:role_add', args=[case.pk])}?person={world.victim.pk}" in page
    assert "CNIC: full match" in page and "Use this person" in page
    entry = AuditEntry.objects.get(actor=world.owner, action=AuditAction.SEARCH)
    assert entry.details["kind"] == "possible_matches"
    assert "Imran" not in str(entry.details) and "35202" not in str(entry.details)


def test_the_check_is_posted_and_shows_nothing_the_user_may_not_see(world, login):
    data = {"person-given_name": "Muhammad Imran", "person-cnic": "35202-1234567-1"}
    assert login(world.owner).get(reverse("linkage:check"), data).status_code == 405
    page = login(world.outsider).post(reverse("linkage:check"), data).content.decode()
    assert "Imran" not in page and "No possible match" in page
    assert login(world.analyst).post(reverse("linkage:check"), data).status_code == 404


def test_the_check_waits_until_there_is_something_to_look_for(world, login):
    page = login(world.owner).post(reverse("linkage:check"), {"person-given_name": "M"})
    assert page.content.decode().strip() == ""


def test_the_add_person_form_checks_for_possible_matches_as_names_are_typed(world, login):
    page = login(world.owner).get(reverse("cases:role_add", args=[world.case.pk])).content
    page = page.decode()
    assert f'hx-post="{reverse("linkage:check")}?case={world.case.pk}"' in page
    assert 'id="linkage-matches"' in page


def test_saving_a_person_who_may_already_be_recorded_links_to_the_review(world, login):
    case = make_case(world.owner)
    response = login(world.owner).post(
        reverse("cases:role_add", args=[case.pk]),
        {
            "person-given_name": "Imran",
            "person-family_name": "Khan",
            "person-father_name": "Abdul Ghafoor",
            "person-phones": "0300-1234567",
            "person-gender": "male",
            "person-education": "unknown",
            "person-marital_status": "unknown",
            "role-role": RoleKind.VICTIM,
            "role-trafficking_status": "possible",
        },
        follow=True,
    )
    page = response.content.decode()
    new = case.roles.get().person
    assert "This person may already be recorded" in page
    assert f'<a href="{reverse("linkage:person_review", args=[new.pk])}">Review them</a>' in page
    review = login(world.owner).get(reverse("linkage:person_review", args=[new.pk]))
    assert reverse("people:detail", args=[world.victim.pk]) in review.content.decode()


def test_the_person_page_shows_the_same_person_in_other_records_the_viewer_may_see(
    world, login, again
):
    elsewhere = make_victim(
        world.outsider,
        make_case(world.outsider),
        given_name="Imran",
        family_name="Khan",
        cnic="35202-1234567-1",
    )
    services.match_decide(
        user=world.owner, person_a_id=world.victim.pk, person_b_id=again.pk, verdict="same"
    )
    services.relink_all()
    page = login(world.owner).get(reverse("people:detail", args=[world.victim.pk])).content
    page = page.decode()
    assert "Same person in other records" in page
    assert reverse("people:detail", args=[again.pk]) in page
    assert reverse("people:detail", args=[elsewhere.pk]) not in page  # not the owner's to see
    assert reverse("linkage:person_review", args=[world.victim.pk]) in page
    theirs = login(world.outsider).get(reverse("people:detail", args=[elsewhere.pk]))
    assert "No other record that you can see is linked" in theirs.content.decode()


def test_the_person_page_lists_pairs_waiting_for_review(world, login, queued, again):
    page = login(world.owner).get(reverse("people:detail", args=[again.pk])).content.decode()
    assert "Possible matches waiting for review" in page
    assert "Review possible matches" in page
    partner_page = login(world.partner).get(reverse("people:detail", args=[world.victim.pk]))
    assert "Possible matches waiting for review" not in partner_page.content.decode()


def test_a_persons_review_shows_fresh_matches_and_earlier_decisions(world, login, again):
    services.match_decide(
        user=world.owner, person_a_id=world.victim.pk, person_b_id=again.pk, verdict="different"
    )
    page = login(world.owner).get(reverse("linkage:person_review", args=[again.pk])).content
    page = page.decode()
    assert "Marked as different people." in page and "Change to: same person" in page
    other = login(world.outsider).get(reverse("linkage:person_review", args=[again.pk]))
    assert other.status_code == 404


def test_the_hotline_shows_possible_matches_with_their_evidence(world):
    contact = Contact(
        persons_mentioned=[{"name": "Mohammed Imran", "phone": "0300-1234567", "age": 30}],
        received_at=timezone.now(),
    )
    matches = hotline_selectors.possible_matches(world.owner, contact)
    assert matches[0]["person"] == world.victim
    assert matches[0]["probability"] > 0.5
    assert any(c.label == "Phone or address: same phone" for c in chips(matches[0]["evidence"]))
    assert [r.case for r in matches[0]["roles"]] == [world.case]
    assert hotline_selectors.possible_matches(world.outsider, contact) == []


def test_evidence_chips_name_what_agreed_and_what_did_not():
    labelled = chips(
        [
            {"comparison": "cnic", "level": "Exact match on cnic", "weight": 16.0},
            {"comparison": "cnic", "level": "one digit off", "weight": 19.4},
            {"comparison": "cnic", "level": "same last four (one side partial)", "weight": 12.4},
            {"comparison": "given", "level": "same name (variant table)", "weight": 5.1},
            {"comparison": "family", "level": "Exact match on family_skel", "weight": 3.3},
            {"comparison": "father", "level": "Array intersection size >= 1", "weight": 3.2},
            {"comparison": "birth", "level": "within 3 years", "weight": 1.9},
            {"comparison": "district", "level": "Distance less than 80km", "weight": 1.6},
            {"comparison": "contact", "level": "All other comparisons", "weight": -1.9},
            {"comparison": "gender", "level": "All other comparisons", "weight": -8.0},
            {"comparison": "birth", "level": "a level from a future model", "weight": 0.4},
        ]
    )
    assert [c.label for c in labelled] == [
        "CNIC: full match",
        "CNIC: one digit off",
        "CNIC: same last four digits",
        "Given name: same name, another spelling",
        "Family name: sounds the same",
        "Father's or husband's name: a name in common",
        "Age or birth date: within 3 years",
        "District: neighbouring district",
        "Phone or address: no phone or address of their own in common",
        "Gender: different",
        "Age or birth date: partly agrees",
    ]
    assert [c.outcome for c in labelled][-3:] == ["disagrees", "disagrees", "weak"]


def test_every_level_of_the_shipped_model_has_its_own_wording():
    from rahai.linkage import model

    generic = {"partly agrees", "disagrees"}
    for comparison in model.load()["splink"]["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            item = {
                "comparison": comparison["output_column_name"],
                "level": level.get("label_for_charts", ""),
                "weight": 1.0,
            }
            label = chips([item])[0].label
            assert label.split(": ", 1)[1] not in generic, item


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_matches_appear_while_typing_and_a_decision_swaps_the_pair(live_server):
    import os

    from rahai.browser import chromium_page
    from rahai.testing import build_world

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API
    world = build_world()
    again = make_person(
        world.owner, given_name="", family_name="", name_urdu="محمد عمران", cnic="35202-1234567-1"
    )
    services.relink_all()
    case = make_case(world.owner)  # no database work inside the Playwright block (its loop)
    with chromium_page() as page:
        page.goto(live_server.url + reverse("accounts:login"))
        page.fill("#id_username", world.owner.username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(live_server.url + "/")

        page.goto(live_server.url + reverse("cases:role_add", args=[case.pk]))
        page.fill("#id_person-given_name", "Mohammad Imran")
        page.fill("#id_person-family_name", "Khan")
        page.wait_for_selector("#linkage-matches :text('Possibly already recorded')")
        assert "Use this person" in page.inner_text("#linkage-matches")

        review = live_server.url + reverse("linkage:review")
        page.goto(review)
        pair = f"#pair-{min(world.victim.pk, again.pk)}-{max(world.victim.pk, again.pk)}"
        page.click(f"{pair} button:text('Same person')")
        page.wait_for_selector(f"{pair} :text('Marked as the same person.')")
        assert page.url == review  # swapped in place, no page load
    assert MatchDecision.objects.get().verdict == "same"
