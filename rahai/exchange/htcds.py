"""HTCDS 2.0 names for Rahai's fields and values, in one place (documented in
``docs/exchange.md``). ``prs_``, ``vic_``, ``per_``, ``hte_``, ``cas_`` and ``org_`` are the
standard's table prefixes; ``rah_`` marks Rahai extensions the standard has no field for."""

from __future__ import annotations

import re

from rahai.cases.models import (
    CaseStatus,
    ClosureReason,
    EventType,
    ExploitationType,
    MeansOfControl,
    PerpetratorRole,
    RecruiterRelationship,
    RecruitmentMethod,
    RoleKind,
    TraffickingStatus,
)
from rahai.people.models import Gender

STANDARD = "HTCDS"
VERSION = "2.0"


def camel(code: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\s]+", code) if part)


# Rahai code → HTCDS value name, where the standard has a name of its own.
GENDER = {
    "female": "Female",
    "male": "Male",
    "transgender": "Transgender/NonConforming",
    "other": "Transgender/NonConforming",
    "unknown": "Unknown",
}
CASE_STATUS = {
    "active": "Active",
    "follow_up": "FollowUp",
    "closed": "Closed",
    "closed_referred": "ClosedReferred",
}
MEANS_OF_CONTROL = {
    "restricts_financial": "RestrictsFinancialAccess",
    "restricts_medical": "RestrictsMedicalCare",
    "excessive_hours": "ExcessiveWorkingHours",
    "threat_law_enforcement": "ThreatOfLawEnforcement",
}
EXPLOITATION = {
    "sexual": "SexualExploitation",
    "servitude": "DomesticServitude",
}
RECRUITMENT = {"job_offer": "JobOffer", "marriage": "IntimatePartnerOrMarriageProposition"}
PERPETRATOR = {"recruiter": "RecruiterOrIntermediary"}
ROLE = {"suspect": "Perpetrator"}  # the HTCDS table a role is written to: perpetratorContext
EVENT_TYPE = {"interception": "Interception", "return": "Return"}

# field → (Rahai choices, explicit HTCDS names); every other code is written in CamelCase.
VALUE_NAMES = {
    "gender": (Gender, GENDER),
    "status": (CaseStatus, CASE_STATUS),
    "closure_reason": (ClosureReason, {}),
    "trafficking_status": (TraffickingStatus, {}),
    "exploitation_types": (ExploitationType, EXPLOITATION),
    "means_of_control": (MeansOfControl, MEANS_OF_CONTROL),
    "recruitment_method": (RecruitmentMethod, RECRUITMENT),
    "recruiter_relationship": (RecruiterRelationship, {}),
    "perpetrator_roles": (PerpetratorRole, PERPETRATOR),
    "role": (RoleKind, ROLE),
    "event_type": (EventType, EVENT_TYPE),
}


def to_htcds(field: str, code: str) -> str:
    if not code:
        return ""
    _choices, names = VALUE_NAMES[field]
    return names.get(code) or camel(code)


def from_htcds(field: str) -> dict[str, str]:
    """Every accepted spelling (folded) of each of a field's values → Rahai code: the code,
    its HTCDS name, its English label."""
    choices, names = VALUE_NAMES[field]
    accepted: dict[str, str] = {}
    for code, label in choices.choices:
        for spelling in (code, camel(code), str(label)):
            accepted[fold(spelling)] = code
    for code, name in names.items():
        accepted.setdefault(fold(name), code)
    return accepted


def fold(value: str) -> str:
    return re.sub(r"[\s_\-/()]+", "", str(value)).casefold()


# The flat layout (CSV export, and the built-in mapping for importing it): one row per role.
# Rahai import field → HTCDS column.
FLAT_COLUMNS = {
    "case_external_id": "cas_Id",
    "case_types": "rah_CaseTypes",
    "status": "cas_Status",
    "closure_reason": "rah_ClosureReason",
    "opened_on": "rah_OpenedOn",
    "case_district": "rah_District",
    "title": "rah_Title",
    "summary": "rah_Summary",
    "fir_number": "rah_FirNumber",
    "owner": "cas_Owner",
    "person_external_id": "prs_Id",
    "role": "rah_Role",
    "given_name": "prs_FirstName",
    "family_name": "prs_SecondName",
    "father_name": "rah_FatherOrHusbandName",
    "name_urdu": "rah_NameUrdu",
    "aliases": "rah_Aliases",
    "gender": "prs_Gender",
    "birth_date": "prs_Birthdate",
    "estimated_age": "rah_EstimatedAge",
    "cnic": "rah_CNIC",
    "passport_number": "rah_PassportNumber",
    "phones": "prs_MobilePhone",
    "address": "prs_MailingStreet",
    "person_district": "rah_PersonDistrict",
    "citizenship": "prs_Nationality",
    "trafficking_status": "vic_TraffickingStatus",
    "exploitation_types": "vic_TypeOfExploitation",
    "means_of_control": "vic_MethodsOfControl",
    "recruitment_method": "vic_MethodOfRecruitment",
    "recruiter_relationship": "vic_RelationshipToRecruiter",
    "age_when_trafficked": "vic_AgeWhenTrafficked",
    "industry": "vic_LabourIndustry",
    "perpetrator_roles": "per_RoleInProcess",
    "exploitation_country": "hte_Country",
}
PERSONAL_FIELDS = frozenset(
    {
        "given_name",
        "family_name",
        "father_name",
        "name_urdu",
        "aliases",
        "birth_date",
        "cnic",
        "passport_number",
        "phones",
        "address",
        "summary",
    }
)
