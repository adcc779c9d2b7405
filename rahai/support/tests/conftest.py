"""Around the test world's case: a shelter and a legal-aid NGO that receive referrals of the
victim, a second victim, a suspect, and helpers to refer, accept and plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from rahai.accounts.models import RoleCode, User
from rahai.api.tests.conftest import api_as  # noqa: F401 (the API client fixture)
from rahai.cases import services as case_services
from rahai.cases.models import RoleKind
from rahai.consent.services import consent_record
from rahai.orgs.models import Organisation, OrganisationKind
from rahai.people.models import Person
from rahai.referrals import services as referral_services
from rahai.support import services
from rahai.testing import World, make_org, make_person, make_user, make_victim


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


@dataclass
class Support:
    world: World
    shelter_org: Organisation
    legal_org: Organisation
    shelter: User  # the shelter's caseworker
    lawyer: User  # the legal-aid NGO's caseworker
    second_victim: Person
    suspect: Person

    def consent(self, organisation=None, *, purpose="share_organisation", person=None):
        data = {"purpose": purpose, "decision": "given", "language": "ur"}
        if purpose == "share_organisation":
            data["organisation"] = organisation or self.shelter_org
        return consent_record(user=self.world.owner, person=person or self.world.victim, data=data)

    def refer(self, organisation=None, *, service="shelter", accept=True, **overrides):
        """A referral of the victim (identity shared), accepted by its receiver."""
        organisation = organisation or self.shelter_org
        self.consent(organisation)
        data = {
            "person": self.world.victim,
            "to_organisation": organisation,
            "service": service,
            "urgency": "high",
            "need": "Adult man, needs a safe bed tonight.",
            "reason": "Escaped from the kiln owner at Shahdara.",
            "share_identity": True,
            "share_contact": False,
            **overrides,
        }
        referral = referral_services.referral_create(
            user=self.world.owner, case=self.world.case, data=data
        )
        if accept:
            referral = referral_services.referral_accept(
                user=self.receiver_of(organisation), referral=referral
            )
        return referral

    def receiver_of(self, organisation) -> User:
        return self.shelter if organisation == self.shelter_org else self.lawyer

    def plan(self, **data):
        values = {
            "needs": ["shelter", "legal_aid"],
            "goals": "Wants to go home to Okara and get back his CNIC.",
            "risk_notes": "The kiln owner's munshi knows his village.",
            "key_worker": self.world.owner,
            **data,
        }
        return services.plan_create(
            user=self.world.owner, case=self.world.case, person=self.world.victim, data=values
        )

    def service(self, plan, provider=None, *, user=None, **data):
        values = {
            "service": "shelter",
            "provider": provider or self.shelter_org,
            "planned_start": days_ago(10),
            **data,
        }
        return services.service_add(user=user or self.world.owner, plan=plan, data=values)


@pytest.fixture
def support(world) -> Support:
    shelter_org = make_org("Dar-ul-Aman Lahore", kind=OrganisationKind.SHELTER)
    legal_org = make_org("Lahore Legal Aid Society", kind=OrganisationKind.LEGAL_AID)
    shelter = make_user("shelter", shelter_org, RoleCode.CASEWORKER)
    lawyer = make_user("lawyer", legal_org, RoleCode.CASEWORKER)
    second = make_victim(
        world.owner, world.case, given_name="Nasreen", family_name="Bibi", gender="female"
    )
    suspect = make_person(world.owner, given_name="Chaudhry", family_name="Aslam")
    case_services.case_role_add(
        user=world.owner, case=world.case, person=suspect, data={"role": RoleKind.SUSPECT}
    )
    return Support(world, shelter_org, legal_org, shelter, lawyer, second, suspect)
