"""HTCDS 2.0 export of the cases a user may see, as JSON, XLSX (one sheet per HTCDS table) or
CSV (the flat layout, one row per person's role in a case).

Cases come only from ``rahai.cases.selectors.case_list`` (which starts from
``visible_cases(user)``); persons only through those cases' roles. Without personal data, a
person is a number local to the file and names, identity numbers, phones, addresses, dates of
birth, summaries and route descriptions are left out.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

from django.utils import timezone

from rahai.exchange import htcds
from rahai.exchange.htcds import FLAT_COLUMNS, to_htcds

TABLES = [
    "organisation",
    "case",
    "person",
    "victimContext",
    "perpetratorContext",
    "otherRole",
    "historicEvent",
]


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, date | datetime) else ""


def build(user, cases, *, personal: bool) -> dict:
    """The HTCDS document for ``cases`` (a queryset from the access layer)."""
    doc: dict = {
        "standard": htcds.STANDARD,
        "version": htcds.VERSION,
        "generator": "Rahai",
        "exportedAt": timezone.now().replace(microsecond=0).isoformat(),
        "exportedBy": {"organisation": user.organisation.name if user.organisation else ""},
        "personalData": personal,
        **{table: [] for table in TABLES},
    }
    organisations: dict[int, dict] = {}
    persons: dict[int, dict] = {}
    pseudonyms: dict[int, str] = {}

    def person_id(person) -> str:
        if personal:
            return f"P{person.pk}"
        return pseudonyms.setdefault(person.pk, f"X{len(pseudonyms) + 1}")

    queryset = cases.select_related("owner", "district__province").prefetch_related(
        "roles__person__citizenship",
        "roles__person__district",
        "roles__status_decided_by",
        "events__country",
        "events__district__province",
        "events__person",
    )
    for case in queryset.iterator(chunk_size=500):
        owner = case.owner
        organisations.setdefault(
            owner.pk,
            {
                "org_Id": owner.pk,
                "org_Name": owner.name,
                "org_Type": owner.kind,
                "org_ShippingCountry": "PK",
            },
        )
        doc["case"].append(
            {
                "cas_Id": case.reference,
                "cas_Status": to_htcds("status", case.status),
                "cas_Owner": owner.pk,
                "rah_ClosureReason": case.closure_reason,
                "rah_CaseTypes": case.case_types,
                "rah_OpenedOn": _iso(case.opened_on),
                "rah_District": case.district.code,
                "rah_Province": case.district.province.code,
                "rah_Title": case.title,
                "rah_FirNumber": case.fir_number,
                **({"rah_Summary": case.summary} if personal else {}),
            }
        )
        for role in case.roles.all():
            person = role.person
            pid = person_id(person)
            if person.pk not in persons:
                persons[person.pk] = _person(person, pid, personal)
            link = {"cas_Id": case.reference, "prs_Id": pid}
            if role.role == "victim":
                doc["victimContext"].append(
                    {
                        **link,
                        "vic_TraffickingStatus": to_htcds(
                            "trafficking_status", role.trafficking_status
                        ),
                        "vic_StatusDecidedBy": role.status_decided_by.name
                        if role.status_decided_by
                        else "",
                        "vic_TypeOfExploitation": [
                            to_htcds("exploitation_types", c) for c in role.exploitation_types
                        ],
                        "vic_MethodsOfControl": [
                            to_htcds("means_of_control", c) for c in role.means_of_control
                        ],
                        "vic_MethodOfRecruitment": to_htcds(
                            "recruitment_method", role.recruitment_method
                        ),
                        "vic_RelationshipToRecruiter": to_htcds(
                            "recruiter_relationship", role.recruiter_relationship
                        ),
                        "vic_AgeWhenTrafficked": role.age_when_trafficked,
                        "vic_LabourIndustry": role.industry,
                    }
                )
            elif role.role == "suspect":
                doc["perpetratorContext"].append(
                    {
                        **link,
                        "per_RoleInProcess": [
                            to_htcds("perpetrator_roles", c) for c in role.perpetrator_roles
                        ],
                    }
                )
            else:
                doc["otherRole"].append({**link, "rah_Role": role.role})
        for event in case.events.all():
            doc["historicEvent"].append(
                {
                    "cas_Id": case.reference,
                    "prs_Id": person_id(event.person) if event.person_id else "",
                    "rah_Order": event.position,
                    "hte_Type": to_htcds("event_type", event.event_type),
                    "hte_Country": event.country.code if event.country_id else "PK",
                    "hte_State": event.district.province.code if event.district_id else "",
                    "rah_District": event.district.code if event.district_id else "",
                    "hte_City": event.place,
                    "hte_Date": _iso(event.occurred_on),
                    "rah_DateApproximate": event.date_is_approximate,
                    **({"hte_Description": event.description} if personal else {}),
                }
            )
    doc["organisation"] = list(organisations.values())
    doc["person"] = list(persons.values())
    return doc


def _person(person, pid: str, personal: bool) -> dict:
    out = {
        "prs_Id": pid,
        "prs_Gender": to_htcds("gender", person.gender),
        "prs_Nationality": person.citizenship.code if person.citizenship_id else "",
        "rah_PersonDistrict": person.district.code if person.district_id else "",
        "prs_Languages": list(person.languages or []),
        "prs_Education": person.education,
        "prs_MaritalStatus": person.marital_status,
    }
    if personal:
        out.update(
            {
                "prs_FirstName": person.given_name,
                "prs_SecondName": person.family_name,
                "rah_FatherOrHusbandName": person.father_name,
                "rah_NameUrdu": person.name_urdu,
                "rah_Aliases": list(person.aliases or []),
                "prs_Birthdate": _iso(person.birth_date),
                "rah_EstimatedAge": person.estimated_age,
                "rah_AgeEstimatedOn": _iso(person.age_estimated_on),
                "rah_CNIC": person.cnic,
                "rah_PassportNumber": person.passport_number,
                "prs_MobilePhone": list(person.phones or []),
                "prs_MailingStreet": person.address,
            }
        )
    return out


def counts(doc: dict) -> dict[str, int]:
    return {"cases": len(doc["case"]), "persons": len(doc["person"])}


# --- formats ---------------------------------------------------------------------------------


def _cell(value) -> str | int | float | bool | None:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def to_json(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


def to_xlsx(doc: dict) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    about = book.create_sheet("about")
    for key in ("standard", "version", "generator", "exportedAt", "personalData"):
        about.append([key, _cell(doc[key])])
    for table in TABLES:
        sheet = book.create_sheet(table)
        rows = doc[table]
        header = list(dict.fromkeys(key for row in rows for key in row))
        sheet.append(header)
        for row in rows:
            sheet.append([_safe(_cell(row.get(key))) for key in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _safe(value):
    """Text starting like a formula is written as text, never run by a spreadsheet."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def flat_rows(doc: dict) -> list[dict]:
    """One row per person's role in a case, in ``FLAT_COLUMNS``' HTCDS names."""
    cases = {c["cas_Id"]: c for c in doc["case"]}
    persons = {p["prs_Id"]: p for p in doc["person"]}
    exploitation = {}
    for event in doc["historicEvent"]:
        if event["hte_Type"] == "Exploitation":
            exploitation.setdefault((event["cas_Id"], event["prs_Id"]), event["hte_Country"])
    rows = []
    roles = [(r, "victim") for r in doc["victimContext"]]
    roles += [(r, "suspect") for r in doc["perpetratorContext"]]
    roles += [(r, r["rah_Role"]) for r in doc["otherRole"]]
    for role, kind in roles:
        case, person = cases[role["cas_Id"]], persons[role["prs_Id"]]
        merged = {**case, **person, **role, "rah_Role": kind}
        merged["hte_Country"] = exploitation.get(
            (role["cas_Id"], role["prs_Id"]), exploitation.get((role["cas_Id"], ""), "")
        )
        rows.append({column: _cell(merged.get(column, "")) for column in FLAT_COLUMNS.values()})
    return rows


def to_csv(doc: dict) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(FLAT_COLUMNS.values()))
    writer.writeheader()
    for row in flat_rows(doc):
        writer.writerow({k: _safe("" if v is None else v) for k, v in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8 (Urdu)


FORMATS = {
    "json": (to_json, "application/json", "json"),
    "xlsx": (
        to_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "csv": (to_csv, "text/csv; charset=utf-8", "csv"),
}
