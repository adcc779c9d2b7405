"""Importing perpetrators: an HTCDS file's perpetrator contexts (and spreadsheet rows whose role
is perpetrator) come in like its victims — checked row by row, through the person and case
services, into the case of their victims, audited, once only, and through record linkage."""

import json
from datetime import date

import pytest
from django.utils import translation

from rahai.audit.models import AuditEntry
from rahai.cases import services as case_services
from rahai.cases.access import visible_cases
from rahai.exchange import services
from rahai.exchange.models import ImportStatus
from rahai.geo.models import District
from rahai.linkage.models import MatchCandidate
from rahai.testing import make_person

pytestmark = pytest.mark.django_db

# What the import takes of a person; HTCDS also carries languages, education and marital status,
# which Rahai does not import for anyone, and the person's id, which is the source's.
NOT_IMPORTED = {"prs_Id", "prs_Languages", "prs_Education", "prs_MaritalStatus"}


@pytest.fixture
def perpetrator(world):
    """The recruiter of the world's case, with every personal field the import takes."""
    person = make_person(
        world.owner,
        given_name="Rashid",
        family_name="Mehmood",
        father_name="Karim Bakhsh",
        name_urdu="راشد محمود",
        aliases=["Rashi", "Chaudhry"],
        gender="male",
        birth_date=date(1979, 4, 2),
        cnic="35201-7654321-3",
        passport_number="AB1234567",
        phones=["0301 7654321"],
        address="Kot Radha Kishan",
        district=District.objects.get(code="KSR"),
        citizenship=world.pakistan,
    )
    case_services.case_role_add(
        user=world.owner,
        case=world.case,
        person=person,
        data={"role": "suspect", "perpetrator_roles": ["recruiter", "transporter"]},
    )
    return person


def export_json(user) -> dict:
    return json.loads(services.export_htcds(user=user, fmt="json").content)


def import_json(user, doc: dict):
    data = json.dumps(doc, ensure_ascii=False).encode()
    batch = services.import_upload(user=user, data=data, filename="partner.json")
    return services.import_commit(user=user, batch=batch)


def the_perpetrator_in(doc: dict) -> tuple[dict, dict]:
    (context,) = doc["perpetratorContext"]
    (person,) = [p for p in doc["person"] if p["prs_Id"] == context["prs_Id"]]
    return context, person


def test_an_htcds_file_brings_its_perpetrators_into_the_case_of_their_victims(world, perpetrator):
    batch = import_json(world.outsider, export_json(world.owner))
    assert batch.status == ImportStatus.COMMITTED, batch.problems
    assert batch.rows_created == 2  # the victim and the perpetrator
    case = visible_cases(world.outsider).get()
    assert sorted(case.roles.values_list("role", flat=True)) == ["suspect", "victim"]
    suspect = case.roles.get(role="suspect")
    assert suspect.perpetrator_roles == ["recruiter", "transporter"]
    assert suspect.trafficking_status == "" and suspect.exploitation_types == []
    person = suspect.person
    assert person.owner_id == world.outsider_org.pk and person.pk != perpetrator.pk
    assert person.cnic == "3520176543213" and person.phones == ["+923017654321"]
    assert person.search_keys.filter(kind="cnic").exists()  # through the person service


def test_an_export_import_round_trip_gives_back_the_perpetrators_htcds_fields(world, perpetrator):
    sent = export_json(world.owner)
    import_json(world.outsider, sent)
    back = export_json(world.outsider)
    sent_context, sent_person = the_perpetrator_in(sent)
    back_context, back_person = the_perpetrator_in(back)
    assert back_context["per_RoleInProcess"] == ["RecruiterOrIntermediary", "Transporter"]
    assert back_context["per_RoleInProcess"] == sent_context["per_RoleInProcess"]
    assert {k: v for k, v in back_person.items() if k not in NOT_IMPORTED} == {
        k: v for k, v in sent_person.items() if k not in NOT_IMPORTED
    }
    assert back_context["cas_Id"] == back["victimContext"][0]["cas_Id"]  # one case, both roles


def test_a_personal_field_of_a_perpetrator_is_encrypted_like_a_victims(world, perpetrator):
    from django.db import connection

    import_json(world.outsider, export_json(world.owner))
    person = visible_cases(world.outsider).get().roles.get(role="suspect").person
    with connection.cursor() as cursor:
        cursor.execute("SELECT cnic, given_name FROM people_person WHERE id = %s", [person.pk])
        stored = " ".join(str(value) for value in cursor.fetchone())
    assert "3520176543213" not in stored and "Rashid" not in stored


def test_importing_the_file_again_creates_no_perpetrator_again(world, perpetrator):
    doc = export_json(world.owner)
    import_json(world.outsider, doc)
    cases = visible_cases(world.outsider)
    roles_before = [(r.role, r.person_id) for r in cases.get().roles.all()]
    again = import_json(world.outsider, doc)
    assert again.status == ImportStatus.COMMITTED
    assert again.rows_created == 0 and again.rows_skipped == 2
    assert [(r.role, r.person_id) for r in cases.get().roles.all()] == roles_before


def test_a_perpetrator_added_later_to_a_case_joins_the_case_imported_before(world, perpetrator):
    doc = export_json(world.owner)
    victims_only = {**doc, "perpetratorContext": []}
    import_json(world.outsider, victims_only)
    batch = import_json(world.outsider, doc)
    assert batch.rows_created == 1 and batch.rows_skipped == 1
    case = visible_cases(world.outsider).get()
    assert sorted(case.roles.values_list("role", flat=True)) == ["suspect", "victim"]


def test_the_perpetrators_import_is_audited_like_the_victims(world, perpetrator):
    before = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    batch = import_json(world.outsider, export_json(world.owner))
    entries = AuditEntry.objects.filter(seq__gt=before, actor=world.outsider)
    suspect = visible_cases(world.outsider).get().roles.get(role="suspect")
    assert entries.filter(object_type="person", object_id=suspect.person_id).exists()
    role_entry = entries.get(object_type="case_role", object_id=suspect.pk)
    assert role_entry.case_id == suspect.case_id and "perpetrator_roles" in role_entry.fields
    batch_entry = entries.filter(object_type="import_batch", object_id=batch.pk).latest("seq")
    assert batch_entry.details["victims"] == 1 and batch_entry.details["perpetrators"] == 1


def test_imported_perpetrators_go_through_record_linkage(world, perpetrator):
    import_json(world.owner, export_json(world.owner))  # the owner re-imports its own export
    imported = (
        visible_cases(world.owner).exclude(pk=world.case.pk).get().roles.get(role="suspect").person
    )
    assert imported.pk != perpetrator.pk
    pair = sorted([imported.pk, perpetrator.pk])
    candidate = MatchCandidate.objects.get(person_a_id=pair[0], person_b_id=pair[1])
    assert candidate.probability >= 0.5  # stored for review, never merged


def test_a_perpetrators_problems_are_listed_by_row_and_column_in_the_users_language(
    world, perpetrator
):
    doc = export_json(world.owner)
    (person,) = [p for p in doc["person"] if p["prs_Id"] == doc["perpetratorContext"][0]["prs_Id"]]
    person["rah_CNIC"] = "98765"
    doc["perpetratorContext"][0]["per_RoleInProcess"] = ["Kingpin"]
    doc["perpetratorContext"][0]["vic_TypeOfExploitation"] = ["ForcedLabour"]
    data = json.dumps(doc, ensure_ascii=False).encode()
    batch = services.import_upload(user=world.outsider, data=data, filename="partner.json")
    with translation.override("en"):
        english = services.import_check(user=world.outsider, batch=batch).problems
    with translation.override("ur"):
        urdu = services.import_check(user=world.outsider, batch=batch).problems
    # Row 1 is the victim context, row 2 the perpetrator context after it.
    assert {(p.row, p.column) for p in english} == {
        (2, "rah_CNIC"),
        (2, "per_RoleInProcess"),
        (2, "vic_TypeOfExploitation"),
    }
    messages = {p.column: p.message for p in english}
    assert "“Kingpin”" in messages["per_RoleInProcess"]
    assert messages["vic_TypeOfExploitation"] == (
        "Only a victim has this; leave it empty on a perpetrator's row."
    )
    assert "98765" not in " ".join(messages.values())
    assert [(p.row, p.column) for p in urdu] == [(p.row, p.column) for p in english]
    assert {p.column: p.message for p in urdu}["rah_CNIC"] != messages["rah_CNIC"]
    assert services.import_commit(user=world.outsider, batch=batch).status == ImportStatus.FAILED
    assert not visible_cases(world.outsider).exists()  # nothing of the file was imported


SHEET = (
    "Case,Person,Role,Name,District,Exploitation,Roles\n"
    "K-9,1,victim,Asma,KSR,debt,\n"
    "K-9,2,perpetrator,Rashid,KSR,,recruiter; exploiter\n"
)


@pytest.fixture
def role_mapping(world):
    return services.mapping_save(
        user=world.owner,
        name="Kasur with roles",
        source="kasur-roles",
        columns={
            "Case": "case_external_id",
            "Person": "person_external_id",
            "Role": "role",
            "Name": "given_name",
            "District": "case_district",
            "Exploitation": "exploitation_types",
            "Roles": "perpetrator_roles",
        },
        value_maps={"exploitation_types": {"debt": "bonded_labour"}},
    )


def import_sheet(world, mapping, text: str):
    batch = services.import_upload(
        user=world.owner, data=text.encode(), filename="roles.csv", mapping=mapping
    )
    return services.import_commit(user=world.owner, batch=batch)


def test_a_spreadsheets_perpetrator_rows_join_their_victims_case(world, role_mapping):
    batch = import_sheet(world, role_mapping, SHEET)
    assert batch.status == ImportStatus.COMMITTED, batch.problems
    case = visible_cases(world.owner).exclude(pk=world.case.pk).get()
    suspect = case.roles.get(role="suspect")
    assert suspect.person.given_name == "Rashid"
    assert suspect.perpetrator_roles == ["recruiter", "exploiter"]
    assert case.roles.get(role="victim").exploitation_types == ["bonded_labour"]
    assert import_sheet(world, role_mapping, SHEET).rows_created == 0


def test_a_person_may_be_a_victim_and_a_perpetrator_of_one_case(world, role_mapping):
    sheet = "Case,Person,Role,Name,District\nK-7,1,victim,Asma,KSR\nK-7,1,suspect,Asma,KSR\n"
    batch = import_sheet(world, role_mapping, sheet)
    assert batch.rows_created == 2
    case = visible_cases(world.owner).exclude(pk=world.case.pk).get()
    assert sorted(case.roles.values_list("role", flat=True)) == ["suspect", "victim"]


def test_fields_that_do_not_belong_to_the_rows_role_are_problems(world, role_mapping):
    sheet = (
        "Case,Person,Role,Name,District,Exploitation,Roles\n"
        "K-8,1,witness,Asma,KSR,sexual,\n"
        "K-8,2,victim,Bushra,KSR,,smuggler\n"
        "K-8,3,suspect,Rashid,KSR,sexual,\n"
        "K-8,4,reporter,Chanda,KSR,,recruiter\n"
    )
    batch = services.import_upload(
        user=world.owner, data=sheet.encode(), filename="roles.csv", mapping=role_mapping
    )
    problems = services.import_check(user=world.owner, batch=batch).problems
    assert [(p.row, p.column) for p in problems] == [
        (2, "Exploitation"),
        (3, "Roles"),
        (4, "Exploitation"),
        (5, "Roles"),
    ]
    assert problems[0].message.startswith("A witness or reporter has no victim context")
    assert problems[1].message.startswith("Only a perpetrator has roles")
    assert problems[2].message.startswith("Only a victim has this")


def test_the_csv_export_brings_its_perpetrators_back_through_the_htcds_flat_mapping(
    world, perpetrator
):
    from rahai.exchange.importer import HTCDS_MAPPING

    data = services.export_htcds(user=world.owner, fmt="csv").content
    mapping = services.mapping_save(
        user=world.outsider,
        name="HTCDS flat",
        source="owner-police",
        columns=HTCDS_MAPPING,
        value_maps={},
    )
    batch = services.import_upload(
        user=world.outsider, data=data, filename="x.csv", mapping=mapping
    )
    batch = services.import_commit(user=world.outsider, batch=batch)
    assert batch.status == ImportStatus.COMMITTED, batch.problems
    suspect = visible_cases(world.outsider).get().roles.get(role="suspect")
    assert suspect.perpetrator_roles == ["recruiter", "transporter"]
    assert suspect.person.cnic == "3520176543213" and suspect.person.aliases == [
        "Rashi",
        "Chaudhry",
    ]
