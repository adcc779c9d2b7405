import random
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from rahai.insights.tests.factories import generate
from rahai.referrals.models import Referral
from rahai.support.models import PlannedService, SupportPlan


@pytest.fixture
def reports_dir(settings, tmp_path):
    """Report runs write under VAR_DIR/reports: a temporary VAR_DIR for each test."""
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR / "reports"


@pytest.fixture
def generated(world):
    """The World plus 60 generated cases (2025 into 2026) with victims, routes and contacts."""
    return generate(random.Random(20261128), world.owner_org, 60)


def make_referral(world, case, person, *, service: str, sent: date) -> Referral:
    at = datetime.combine(sent, datetime.min.time(), tzinfo=timezone.get_default_timezone())
    return Referral.objects.create(
        case=case,
        person=person,
        from_organisation=world.owner_org,
        to_organisation=world.partner_org,
        service=service,
        need="Needs a safe place to stay",
        district=case.district,
        respond_by=at + timedelta(days=3),
        sent_at=at,
        consent_required=False,
        created_by=world.owner,
    )


def make_served(world, case, person, *, service: str, started: date, status="delivered"):
    plan = SupportPlan.objects.create(
        case=case, person=person, opened_on=started, created_by=world.owner
    )
    PlannedService.objects.create(
        plan=plan,
        service=service,
        provider=world.partner_org,
        planned_start=started,
        started_on=started,
        status=status,
        created_by=world.owner,
    )
    return plan
