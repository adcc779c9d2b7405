"""The demo committees: the Kasur DVC and the Punjab task force, with members, meetings and
action items (some overdue), written through the services and seeded once."""

import random

import pytest

from rahai.audit.verify import verify_chain
from rahai.committees.access import system_actions, system_committees
from rahai.committees.demo import seed_committees
from rahai.committees.overdue import check_overdue_actions
from rahai.demo.services import ensure_organisations, ensure_users

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    orgs, _created = ensure_organisations()
    users, _credentials, _warnings = ensure_users(orgs)
    return orgs, users


def test_the_demo_committees_are_seeded_once(demo):
    orgs, users = demo
    assert seed_committees(orgs=orgs, users=users, rng=random.Random(7)) == 2
    committees = system_committees(purpose="test").order_by("name")
    assert [c.kind for c in committees] == ["dvc", "provincial_tip"]
    dvc = committees[0]
    assert dvc.district.code == "KSR" and dvc.host == orgs["dvc_kasur"]
    assert dvc.members.filter(role="chair").count() == 1
    assert dvc.members.filter(represents__in=["employers", "workers", "bar", "press"]).count() == 4
    assert dvc.meetings.filter(status="held").count() == 2
    assert dvc.meetings.filter(status="scheduled").count() == 1
    actions = system_actions(purpose="test")
    assert {a.status for a in actions} >= {"open", "in_progress", "done"}
    assert any(a.is_overdue for a in actions)
    counts = (system_committees(purpose="test").count(), actions.count())
    assert seed_committees(orgs=orgs, users=users, rng=random.Random(7)) == 0
    assert (system_committees(purpose="test").count(), system_actions(purpose="test").count()) == (
        counts
    )
    assert check_overdue_actions() >= 1
    _checked, problems = verify_chain()
    assert problems == []


def test_demo_users_see_and_keep_the_demo_committees(demo):
    from rahai.committees.access import can_edit_committee, visible_committees

    orgs, users = demo
    seed_committees(orgs=orgs, users=users, rng=random.Random(1))
    task_force = system_committees(purpose="test").get(kind="provincial_tip")
    assert can_edit_committee(users["supervisor"], task_force)
    assert task_force in visible_committees(users["fia"])
    assert set(visible_committees(users["caseworker"])) == set(system_committees(purpose="t"))
    assert not visible_committees(users["analyst"]).exists()
