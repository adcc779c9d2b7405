"""Test helpers for charges and hearings: suspects, courts, a prosecution office the case is
shared with, and offences from the shipped law (loaded by the justice data migration)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from rahai.accounts.models import RoleCode
from rahai.cases import services as case_services
from rahai.cases.models import CaseRole, RoleKind
from rahai.justice import services
from rahai.justice.models import Charge, Offence
from rahai.orgs.models import JurisdictionLevel, Organisation, OrganisationKind
from rahai.testing import World, make_org, make_person, make_user


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def offence(law: str, section: str) -> Offence:
    return Offence.objects.select_related("law").get(law__code=law, section=section)


def ptpa(section: str = "3") -> Offence:
    return offence("ptpa-2018", section)


def add_suspect(world: World, case=None, **person) -> CaseRole:
    case = case or world.case
    fields = {"given_name": "Rashid", "family_name": "Mehmood", "gender": "male", **person}
    suspect = make_person(world.owner, **fields)
    return case_services.case_role_add(
        user=world.owner, case=case, person=suspect, data={"role": RoleKind.SUSPECT}
    )


def make_court(name: str = "Sessions Court, Lahore") -> Organisation:
    return make_org(name, kind=OrganisationKind.COURT)


def prosecution_office(world: World, *, share: bool = True):
    """A district prosecution office, its prosecutor, and (by default) a share of the case."""
    office = make_org("District Public Prosecutor, Lahore", kind=OrganisationKind.PROSECUTION)
    prosecutor = make_user("prosecutor", office, RoleCode.PROSECUTOR)
    if share:
        case_services.case_share(
            user=world.owner, case=world.case, organisation=office, reason="prosecution"
        )
    return office, prosecutor


def provincial_prosecution_supervisor(world: World):
    """A prosecution supervisor who sees the case through the province, with no share."""
    office = make_org(
        "Public Prosecution Department, Punjab",
        kind=OrganisationKind.PROSECUTION,
        level=JurisdictionLevel.PROVINCE,
    )
    return make_user("chief.prosecutor", office, RoleCode.SUPERVISOR, RoleCode.PROSECUTOR)


def charge(world: World, suspect: CaseRole, law_section=("ptpa-2018", "3"), **fields) -> Charge:
    data = {"charged_on": days_ago(60), "status": "fir", "fir_number": "123/2026", "notes": ""}
    data.update(fields)
    return services.charge_add(
        user=world.owner,
        case=suspect.case,
        suspect=suspect,
        offence=offence(*law_section),
        **data,
    )
