from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.http import Http404

from rahai.audit.models import AuditEntry
from rahai.linkage import selectors, services
from rahai.linkage.models import LinkRun, MatchDecision, PersonIdentity
from rahai.testing import make_case, make_person, make_victim


@pytest.fixture
def records(world):
    """The world's victim, the same man recorded again by the owner, and his brother."""
    again = make_person(
        world.owner,
        given_name="M. Imran",
        family_name="",
        father_name="عبدالغفور",
        cnic="35202-1234567-1",
        phones=["+92 300 1234567"],
    )
    brother = make_person(
        world.owner,
        given_name="Muhammad Kamran",
        family_name="Khan",
        father_name="Abdul Ghafoor",
        phones=["0300 1234567"],
        cnic="35202-7654321-3",
    )
    return world.victim, again, brother


def identity(person) -> int:
    return PersonIdentity.objects.get(person_id=person.pk).identity


def test_relinking_joins_records_of_one_person_and_not_his_brother(records):
    victim, again, brother = records
    run = services.relink_all()
    assert run.status == LinkRun.Status.DONE and run.progress == 100
    assert identity(victim) == identity(again) != identity(brother)
    assert AuditEntry.objects.filter(object_type="link_run", object_id=str(run.pk)).exists()


def test_review_decisions_are_kept_and_respected_by_every_later_run(world, records):
    victim, again, brother = records
    services.match_decide(
        user=world.owner, person_a_id=again.pk, person_b_id=victim.pk, verdict="different"
    )
    services.match_decide(
        user=world.owner, person_a_id=victim.pk, person_b_id=brother.pk, verdict="same"
    )
    services.relink_all()
    assert identity(victim) != identity(again)
    assert identity(victim) == identity(brother)
    services.relink_all()  # and again
    assert identity(victim) != identity(again)
    first, second = sorted([victim, again], key=lambda p: p.pk)
    assert MatchDecision.objects.get(person_a=first, person_b=second).verdict == "different"


def test_a_decision_is_audited(world, records):
    victim, again, _brother = records
    decision = services.match_decide(
        user=world.owner, person_a_id=victim.pk, person_b_id=again.pk, verdict="same"
    )
    entry = AuditEntry.objects.get(object_type="match_decision", object_id=str(decision.pk))
    assert entry.actor == world.owner and entry.details["verdict"] == "same"


def test_only_a_reviewer_who_sees_both_records_may_decide(world, records):
    victim, again, _brother = records
    with pytest.raises(Http404):
        services.match_decide(
            user=world.outsider, person_a_id=victim.pk, person_b_id=again.pk, verdict="same"
        )
    with pytest.raises(PermissionDenied):
        services.match_decide(
            user=world.analyst, person_a_id=victim.pk, person_b_id=again.pk, verdict="same"
        )


def test_a_linked_identity_shows_only_the_records_the_viewer_may_see(world, records):
    victim, again, _brother = records
    outsider_case = make_case(world.outsider)
    elsewhere = make_victim(
        world.outsider,
        outsider_case,
        given_name="Imran",
        family_name="Khan",
        cnic="35202-1234567-1",
    )
    services.relink_all()
    assert identity(elsewhere) == identity(victim)
    assert set(selectors.linked_persons(world.owner, victim)) == {again}
    assert set(selectors.linked_persons(world.outsider, elsewhere)) == set()


def test_the_review_queue_holds_pairs_the_user_can_see(world, records):
    services.relink_all()
    assert selectors.review_queue(world.owner).exists()
    assert not selectors.review_queue(world.outsider).exists()


def test_a_person_entered_at_intake_is_checked_against_existing_persons(world, records):
    victim, again, brother = records
    found = selectors.possible_matches(
        world.owner,
        {"full_name": "محمد عمران ولد عبدالغفور", "id_number": "35202-1234567-1"},
    )
    people = [m.person for m in found]
    assert people[0] in {victim, again} and brother not in people[:2]
    assert any(e["comparison"] == "cnic" for e in found[0].evidence)
    assert selectors.possible_matches(world.outsider, {"id_number": "35202-1234567-1"}) == []


def test_rahai_link_db_relinks_every_person_and_records_progress(records):
    out, err = StringIO(), StringIO()
    call_command("link", "--db", stdout=out, stderr=err)
    run = LinkRun.objects.get()
    assert run.status == LinkRun.Status.DONE and run.persons == 3
    assert "100% done" in err.getvalue() and "linked 3 persons" in out.getvalue()
