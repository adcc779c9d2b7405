"""Demo support plans: some demo victims get one, through the real services, once."""

import random
from io import StringIO

import pytest
from django.core.management import call_command

from rahai.accounts.models import User
from rahai.demo.services import demo_organisations
from rahai.support.access import system_plans
from rahai.support.demo import OWNERS, PLANS_PER_OWNER, demo_victims, seed_support
from rahai.support.models import PlanStatus, ServiceStatus
from rahai.support.selectors import is_overdue, next_follow_up_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("demo", cases=30, seed=1, contacts=0, stdout=StringIO(), stderr=StringIO())
    return demo_organisations(), {user.username: user for user in User.objects.all()}


def test_demo_victims_get_plans_once(demo):
    orgs, users = demo  # `rahai demo` has seeded the plans already
    victims = {name: len(demo_victims(users[name])) for name in OWNERS}
    plans = list(system_plans(purpose="test").order_by("id"))
    assert len(plans) == sum(victims.values()) > 0
    assert seed_support(orgs=orgs, users=users, rng=random.Random(1)) == 0
    assert system_plans(purpose="test").count() == len(plans)
    closed = [plan for plan in plans if plan.status == PlanStatus.CLOSED]
    assert len(closed) == sum(1 for count in victims.values() if count == PLANS_PER_OWNER) > 0
    statuses = {service.status for plan in plans for service in plan.services.all()}
    assert {ServiceStatus.DELIVERED, ServiceStatus.IN_PROGRESS} <= statuses
    overdue = [
        plan
        for plan in plans
        if plan.status == PlanStatus.OPEN
        and is_overdue(next_follow_up_due(list(plan.follow_ups.all())))
    ]
    assert overdue, "some demo plans show an overdue follow-up"


def test_demo_plans_use_the_demo_referrals(demo):
    linked = [
        service
        for plan in system_plans(purpose="test")
        for service in plan.services.select_related("referral")
        if service.referral_id
    ]
    assert any(service.status == ServiceStatus.DELIVERED for service in linked)
    assert any(service.referral.status == "in_progress" for service in linked)
