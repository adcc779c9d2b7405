"""A District Vigilance Committee around the shared test world.

The DVC of Lahore is hosted by its own organisation, whose supervisor and caseworker keep its
records (the secretariat). The police station that owns the world's case and the NGO it is
shared with are members; the Karachi outsider and the province office's analyst are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from rahai.accounts.models import RoleCode, User
from rahai.api.tests.conftest import api_as  # noqa: F401 (the API client fixture)
from rahai.committees import services, services_actions, services_meetings
from rahai.committees.models import (
    Committee,
    CommitteeAction,
    CommitteeMeeting,
    CommitteeMember,
)
from rahai.geo.models import District
from rahai.orgs.models import Organisation, OrganisationKind
from rahai.testing import World, make_org, make_user


@dataclass
class Dvc:
    world: World
    org: Organisation  # hosts the committee and is its secretariat
    labour_org: Organisation
    secretary: User  # secretariat supervisor
    clerk: User  # secretariat caseworker
    dvc_analyst: User  # analyst of the host organisation
    labour_officer: User
    committee: Committee
    chair: CommitteeMember
    police: CommitteeMember
    ngo: CommitteeMember
    workers: CommitteeMember
    meeting: CommitteeMeeting  # held yesterday
    ngo_action: CommitteeAction  # assigned to the NGO (world.partner_org)
    labour_action: CommitteeAction  # assigned to the labour department (not a member)

    def member(self, **data) -> CommitteeMember:
        data.setdefault("role", "member")
        return services.member_add(user=self.secretary, committee=self.committee, data=data)

    def schedule(self, *, days: float = 7, agenda=("Complaints",)) -> CommitteeMeeting:
        return services_meetings.meeting_schedule(
            user=self.secretary,
            committee=self.committee,
            starts_at=timezone.now() + timedelta(days=days),
            venue="DC Office, Lahore",
            agenda=list(agenda),
        )

    def action(self, organisation=None, *, due_on: date | None = None, **data) -> CommitteeAction:
        data = {
            "text": "Inspect the kilns on Ferozepur Road.",
            "organisation": organisation or self.world.partner_org,
            "due_on": due_on or timezone.localdate() + timedelta(days=14),
            **data,
        }
        return services_actions.action_create(user=self.secretary, meeting=self.meeting, data=data)


def build_dvc(world: World) -> Dvc:
    org = make_org("District Vigilance Committee, Lahore", kind=OrganisationKind.DVC)
    labour_org = make_org("Labour Department, Lahore", kind=OrganisationKind.LABOUR_DEPARTMENT)
    secretary = make_user("dvc-secretary", org, RoleCode.SUPERVISOR)
    clerk = make_user("dvc-clerk", org, RoleCode.CASEWORKER)
    dvc_analyst = make_user("dvc-analyst", org, RoleCode.ANALYST)
    labour_officer = make_user("labour-officer", labour_org, RoleCode.CASEWORKER)
    lahore = District.objects.select_related("province").get(code="LHR")
    committee = services.committee_create(
        user=secretary,
        data={
            "name": "District Vigilance Committee, Lahore",
            "name_ur": "ضلعی ویجیلنس کمیٹی، لاہور",
            "kind": "dvc",
            "province": lahore.province,
            "district": lahore,
            "host": org,
            "secretariat": org,
            "legal_basis": "Bonded Labour System (Abolition) Act 1992, s. 15",
            "active": True,
        },
    )
    start = timezone.localdate() - timedelta(days=90)

    def add(**data):
        return services.member_add(
            user=secretary, committee=committee, data={"start_on": start, **data}
        )

    chair = add(
        designation="Deputy Commissioner, Lahore",
        role="chair",
        represents="district_administration",
    )
    police = add(
        organisation=world.owner_org, designation="SHO", role="member", represents="police"
    )
    ngo = add(organisation=world.partner_org, role="member", represents="ngo")
    workers = add(
        person_name="محمد اشرف",
        designation="Bhatta Mazdoor Union",
        role="member",
        represents="workers",
    )
    meeting = services_meetings.meeting_schedule(
        user=secretary,
        committee=committee,
        starts_at=timezone.now() - timedelta(days=1),
        venue="Committee Room, DC Office, Lahore",
        agenda=["Bonded labour complaints", "Inspection of kilns"],
    )
    services_meetings.meeting_mark_held(user=secretary, meeting=meeting)
    meeting.refresh_from_db()
    dvc = Dvc(
        world,
        org,
        labour_org,
        secretary,
        clerk,
        dvc_analyst,
        labour_officer,
        committee,
        chair,
        police,
        ngo,
        workers,
        meeting,
        None,
        None,
    )  # type: ignore[arg-type]
    dvc.ngo_action = dvc.action()
    dvc.labour_action = dvc.action(labour_org, text="Report on the inspections.")
    return dvc


@pytest.fixture
def dvc(world) -> Dvc:
    return build_dvc(world)
