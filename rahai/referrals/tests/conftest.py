"""Three organisations around one case: the owner (police station) refers a victim to a shelter;
a legal-aid NGO is the third, and the Karachi outsider must never see anything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from rahai.accounts.models import RoleCode, User
from rahai.api.tests.conftest import api_as  # noqa: F401 (the API client fixture)
from rahai.cases import services as case_services
from rahai.cases.models import RoleKind
from rahai.consent.services import consent_record
from rahai.orgs.models import JurisdictionLevel, Organisation, OrganisationKind
from rahai.people.models import Person
from rahai.referrals.services import referral_create
from rahai.testing import World, make_org, make_person, make_user, make_victim


@dataclass
class Coordination:
    world: World
    shelter_org: Organisation
    legal_org: Organisation
    shelter: User  # shelter caseworker
    shelter_head: User  # shelter supervisor
    lawyer: User
    second_victim: Person
    suspect: Person

    def consent(self, organisation=None, *, decision="given", person=None, **extra):
        return consent_record(
            user=self.world.owner,
            person=person or self.world.victim,
            data={
                "purpose": "share_organisation",
                "organisation": organisation or self.shelter_org,
                "decision": decision,
                "decided_on": date(2026, 3, 2),
                "language": "ur",
                **extra,
            },
        )

    def refer(self, **overrides):
        world = self.world
        user = overrides.pop("user", world.owner)
        data = {
            "person": world.victim,
            "to_organisation": self.shelter_org,
            "service": "shelter",
            "urgency": "high",
            "need": "Adult man, needs a safe bed tonight and medical check.",
            "reason": "Escaped from the kiln owner at Shahdara; owner's men are searching.",
            "share_identity": True,
            "share_contact": True,
        }
        data.update(overrides)
        return referral_create(user=user, case=world.case, data=data)


@pytest.fixture
def coord(world) -> Coordination:
    shelter_org = make_org("Dar-ul-Aman Lahore", kind=OrganisationKind.SHELTER)
    legal_org = make_org("Lahore Legal Aid Society", kind=OrganisationKind.LEGAL_AID)
    shelter = make_user("shelter", shelter_org, RoleCode.CASEWORKER)
    shelter.email = "shelter@example.org"
    shelter.save()
    shelter_head = make_user("shelter-head", shelter_org, RoleCode.SUPERVISOR)
    lawyer = make_user("lawyer", legal_org, RoleCode.CASEWORKER)
    second = make_victim(
        world.owner, world.case, given_name="Nasreen", family_name="Bibi", gender="female"
    )
    suspect = make_person(world.owner, given_name="Chaudhry", family_name="Aslam")
    case_services.case_role_add(
        user=world.owner, case=world.case, person=suspect, data={"role": RoleKind.SUSPECT}
    )
    return Coordination(
        world, shelter_org, legal_org, shelter, shelter_head, lawyer, second, suspect
    )


@pytest.fixture
def fia(world):
    org = make_org(
        "FIA AHT Circle Lahore", kind=OrganisationKind.FIA_AHTC, level=JurisdictionLevel.DISTRICT
    )
    org.district = None  # a circle without a district: it sees only its own cases
    org.save()
    return make_user("fia", org, "investigator")
