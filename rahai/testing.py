"""Shared test world: an owner agency, a partner agency, an outsider, an analyst, a supervisor.

Every access test gets these users for free, so checking who may and may not see a page costs
a few lines (the healthchecks ``BaseTestCase`` idea).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

from rahai.accounts.models import Role, RoleCode, User
from rahai.cases import services as case_services
from rahai.cases.models import Case, CaseType, RoleKind
from rahai.geo.models import Country, District
from rahai.orgs.models import JurisdictionLevel, Organisation, OrganisationKind, Team
from rahai.people import services as people_services
from rahai.people.models import Person

PASSWORD = "correct-horse-battery-staple"
_counter = itertools.count(1)


def make_org(
    name: str,
    *,
    kind=OrganisationKind.POLICE_STATION,
    district_code="LHR",
    level=JurisdictionLevel.DISTRICT,
) -> Organisation:
    district = District.objects.get(code=district_code)
    return Organisation.objects.create(
        name=name,
        kind=kind,
        jurisdiction_level=level,
        province=district.province,
        district=district,
    )


def make_user(username: str, organisation: Organisation | None, *roles: str) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, organisation=organisation)
    user.roles.set(Role.objects.filter(code__in=roles or [RoleCode.CASEWORKER]))
    return user


def make_case(user: User, **overrides) -> Case:
    data = {
        "case_types": [CaseType.TRAFFICKING_INTERNAL],
        "district": user.organisation.district or District.objects.get(code="LHR"),
        "opened_on": date(2026, 3, 1),
        "title": f"Test case {next(_counter)}",
        "summary": "Brick kiln family held against an advance.",
    }
    data.update(overrides)
    return case_services.case_create(user=user, data=data)


def make_person(user: User, **overrides) -> Person:
    data = {"given_name": "Muhammad Imran", "family_name": "Khan", "gender": "male"}
    data.update(overrides)
    return people_services.person_create(user=user, data=data)


def make_victim(user: User, case: Case, **person_fields) -> Person:
    person = make_person(user, **person_fields)
    case_services.case_role_add(
        user=user,
        case=case,
        person=person,
        data={"role": RoleKind.VICTIM, "trafficking_status": "possible"},
    )
    return person


@dataclass
class World:
    owner_org: Organisation
    partner_org: Organisation
    outsider_org: Organisation
    owner: User
    partner: User
    outsider: User
    analyst: User
    supervisor: User
    auditor: User
    case: Case
    victim: Person

    @property
    def pakistan(self) -> Country:
        return Country.objects.get(code="PK")


def ensure_reference_data() -> None:
    """Transactional tests flush the tables that migrations filled; put the reference data back."""
    from rahai.audit.models import AuditHead
    from rahai.geo.models import Province
    from rahai.geo.reference import load_reference
    from rahai.justice.models import Law, Offence
    from rahai.justice.reference import load_laws

    if not District.objects.exists():
        load_reference(Province, District, Country)
    if not Law.objects.exists():
        load_laws(Law, Offence, Province)
    for code in RoleCode.values:
        Role.objects.get_or_create(code=code)
    AuditHead.objects.get_or_create(pk=1)


def build_world() -> World:
    ensure_reference_data()
    owner_org = make_org("Police Station Shahdara, Lahore")
    partner_org = make_org("Lahore Shelter NGO", kind=OrganisationKind.NGO)
    outsider_org = make_org("Police Station Saddar, Karachi", district_code="KSO")
    province_office = make_org(
        "Punjab Anti-Trafficking Cell",
        kind=OrganisationKind.TIP_COMMITTEE,
        level=JurisdictionLevel.PROVINCE,
    )
    owner = make_user("owner", owner_org, RoleCode.INVESTIGATOR)
    partner = make_user("partner", partner_org, RoleCode.CASEWORKER)
    outsider = make_user("outsider", outsider_org, RoleCode.INVESTIGATOR)
    analyst = make_user("analyst", province_office, RoleCode.ANALYST)
    supervisor = make_user("supervisor", province_office, RoleCode.SUPERVISOR)
    auditor = make_user("auditor", province_office, RoleCode.AUDITOR)
    case = make_case(owner)
    victim = make_victim(
        owner,
        case,
        given_name="Muhammad Imran",
        family_name="Khan",
        name_urdu="محمد عمران خان",
        cnic="35202-1234567-1",
        phones=["0300 1234567"],
        father_name="Abdul Ghafoor",
    )
    case_services.case_share(user=owner, case=case, organisation=partner_org, reason="shelter")
    return World(
        owner_org,
        partner_org,
        outsider_org,
        owner,
        partner,
        outsider,
        analyst,
        supervisor,
        auditor,
        case,
        victim,
    )


def restricted_team(world: World, *members: User) -> Team:
    team = Team.objects.create(name="Child protection", organisation=world.owner_org)
    team.members.set(members)
    return team
