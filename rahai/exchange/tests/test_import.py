"""Importing agency spreadsheets and HTCDS files: a dry run that reports every problem by row
and column, an all-or-nothing commit that creates nothing new the second time, and record
linkage for every imported person."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from rahai.audit.models import AuditEntry
from rahai.cases.access import visible_cases
from rahai.exchange import services
from rahai.exchange.models import ImportStatus
from rahai.exchange.reading import FileProblem
from rahai.linkage.models import MatchCandidate
from rahai.people.access import visible_persons

pytestmark = pytest.mark.django_db

HEADER = "FIR,Victim,Surname,Sex,DOB,NIC,Mobile,District,Registered,Exploitation\n"
GOOD = [
    "101/2019,Nasreen,Bibi,F,12/03/2004,35202-1111111-1,0300 1111111,Kasur,2019-05-01,bonded labour",
    "102/2019,Ghulam,Rasool,M,,,,Lahore,2019-06-02,forced_labour; debt",
    "103/2019,شبانہ,,مرد,,,,KSR,15/07/2019,",
]
COLUMNS = {
    "FIR": "fir_number",
    "Victim": "given_name",
    "Surname": "family_name",
    "Sex": "gender",
    "DOB": "birth_date",
    "NIC": "cnic",
    "Mobile": "phones",
    "District": "case_district",
    "Registered": "opened_on",
    "Exploitation": "exploitation_types",
}
VALUES = {
    "gender": {"M": "male", "F": "female", "مرد": "male"},
    "exploitation_types": {"debt": "bonded_labour"},
}


@pytest.fixture
def mapping(world):
    return services.mapping_save(
        user=world.owner,
        name="Kasur police",
        source="kasur-police",
        columns=COLUMNS,
        value_maps=VALUES,
    )


def csv_bytes(*rows):
    return (HEADER + "\n".join(rows) + "\n").encode()


def upload(world, mapping, data, filename="cases.csv"):
    return services.import_upload(user=world.owner, data=data, filename=filename, mapping=mapping)


def counts(user):
    return visible_cases(user).count(), visible_persons(user).count()


def test_dry_run_reports_every_row_problem_and_writes_nothing(world, mapping):
    bad = [
        "201/2019,Asma,Bibi,F,31/02/2004,,,Kasur,2019-05-01,",  # no such date
        "202/2019,Asma,Bibi,F,,,,Atlantis,2019-05-01,",  # no such district
        "203/2019,Asma,Bibi,F,,98765,,Kasur,2019-05-01,",  # CNIC too short
        "204/2019,Asma,Bibi,Q,,,0399 55,Kasur,2019-05-01,juggling",  # unknown codes, bad phone
        "205/2019,,,F,,,,Kasur,2019-05-01,",  # no name
    ]
    before = counts(world.owner)
    batch = upload(world, mapping, csv_bytes(GOOD[0], *bad))
    audit_before = AuditEntry.objects.count()
    checked = services.import_check(user=world.owner, batch=batch)
    found = {(p.row, p.column) for p in checked.problems}
    assert found == {
        (3, "DOB"),
        (4, "District"),
        (5, "NIC"),
        (6, "Sex"),
        (6, "Mobile"),
        (6, "Exploitation"),
        (7, "Victim"),
    }
    assert counts(world.owner) == before
    assert AuditEntry.objects.count() == audit_before  # a dry run writes no case or person
    messages = " ".join(p.message for p in checked.problems)
    assert "“Q”" in messages and "juggling" in messages  # codes help extend the mapping
    assert "98765" not in messages and "0399" not in messages  # identifiers never echoed
    assert batch.rows_invalid == 5 and batch.rows_total == 6


def test_dry_run_speaks_the_users_language(world, mapping):
    from django.utils import translation

    batch = upload(world, mapping, csv_bytes("201/2019,Asma,Bibi,F,,,,Atlantis,2019-05-01,"))
    with translation.override("ur"):
        checked = services.import_check(user=world.owner, batch=batch)
    with translation.override("en"):
        english = services.import_check(user=world.owner, batch=batch)
    assert english.problems[0].message.startswith("No district")
    assert checked.problems[0].row == english.problems[0].row == 2


def test_commit_imports_the_whole_file_and_a_second_import_creates_nothing(world, mapping):
    before_cases, before_persons = counts(world.owner)
    batch = services.import_commit(user=world.owner, batch=upload(world, mapping, csv_bytes(*GOOD)))
    assert batch.status == ImportStatus.COMMITTED and batch.rows_created == 3
    assert counts(world.owner) == (before_cases + 3, before_persons + 3)
    assert batch.content == ""  # the file is erased once imported
    again = services.import_commit(
        user=world.owner, batch=upload(world, mapping, csv_bytes(*reversed(GOOD)))
    )
    assert again.status == ImportStatus.COMMITTED
    assert again.rows_created == 0 and again.rows_skipped == 3
    assert counts(world.owner) == (before_cases + 3, before_persons + 3)


def test_imported_records_go_through_the_services(world, mapping):
    services.import_commit(user=world.owner, batch=upload(world, mapping, csv_bytes(*GOOD)))
    case = visible_cases(world.owner).get(fir_number="101/2019")
    assert case.owner_id == world.owner_org.pk and case.district.code == "KSR"
    assert case.reference.startswith("PB-KSR-2019-")
    role = case.roles.get()
    person = role.person
    assert person.cnic == "3520211111111" and person.phones == ["+923001111111"]
    assert person.gender == "female" and str(person.birth_date) == "2004-03-12"
    assert role.exploitation_types == ["bonded_labour"]
    urdu = visible_cases(world.owner).get(opened_on="2019-07-15").roles.get().person
    assert urdu.gender == "male" and urdu.name_urdu == "" and urdu.given_name == "شبانہ"
    assert person.search_keys.filter(kind="cnic").exists()  # blind indexes were written


def test_a_file_with_a_problem_imports_nothing(world, mapping):
    before = counts(world.owner)
    batch = upload(world, mapping, csv_bytes(*GOOD, "999/2019,Asma,Bibi,F,,,,Atlantis,2019-05-01,"))
    batch = services.import_commit(user=world.owner, batch=batch)
    assert batch.status == ImportStatus.FAILED and batch.rows_created == 0
    assert counts(world.owner) == before
    assert batch.problems == [
        {
            "row": 5,
            "column": "District",
            "message": "No district of Pakistan has this code or name.",
        }
    ]


def test_imported_persons_get_linkage_candidates_and_are_never_merged(world, mapping):
    row = "301/2019,Muhammad Imran,Khan,M,,35202-1234567-1,0300 1234567,Lahore,2019-05-01,"
    batch = services.import_commit(user=world.owner, batch=upload(world, mapping, csv_bytes(row)))
    assert batch.candidates == 1
    imported = visible_cases(world.owner).get(fir_number="301/2019").roles.get().person
    assert imported.pk != world.victim.pk
    pair = sorted([imported.pk, world.victim.pk])
    candidate = MatchCandidate.objects.get(person_a_id=pair[0], person_b_id=pair[1])
    assert candidate.probability >= 0.5
    assert visible_persons(world.owner).filter(pk=world.victim.pk).exists()


def test_rows_with_a_case_id_become_one_case_with_several_victims(world):
    mapping = services.mapping_save(
        user=world.owner,
        name="With ids",
        source="kasur",
        columns={
            "Case": "case_external_id",
            "Person": "person_external_id",
            "Name": "given_name",
            "District": "case_district",
        },
        value_maps={},
    )
    data = b"Case,Person,Name,District\nK-1,1,Asma,KSR\nK-1,2,Bushra,KSR\nK-2,1,Asma,KSR\n"
    batch = services.import_commit(user=world.owner, batch=upload(world, mapping, data))
    assert batch.rows_created == 3
    assert counts(world.owner)[0] == 1 + 2
    data2 = b"Case,Person,Name,District\nK-1,3,Chanda,KSR\n"
    services.import_commit(user=world.owner, batch=upload(world, mapping, data2))
    assert counts(world.owner)[0] == 3  # the new victim joined the case imported before


def test_xlsx_spreadsheets_import_like_csv(world, mapping):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(
        ["501/2020", "Nasreen", "Bibi", "F", None, None, None, "Kasur", "2020-01-05", "sexual"]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    batch = services.import_commit(
        user=world.owner, batch=upload(world, mapping, buffer.getvalue(), "cases.xlsx")
    )
    assert batch.rows_created == 1
    assert visible_cases(world.owner).filter(fir_number="501/2020").exists()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "a.csv", "The file is empty."),
        (b"PK\x03\x04not really a zip", "a.xlsx", "This is not an XLSX spreadsheet we can read."),
        (b"A,A\n1,2\n", "a.csv", "Two columns have the same name in the first row."),
        ("Name\nعاصمہ\n".encode("utf-16"), "a.csv", "This CSV file is not in UTF-8"),
        (b"{not json", "a.json", "This is not a JSON file."),
        (b'{"cases": []}', "a.json", "This JSON file is not an HTCDS export."),
        (b"A,B\n1,2,3\n", "a.csv", "Row 2 has more cells than the first row has column names."),
    ],
)
def test_malformed_files_give_a_clear_message(world, mapping, data, filename, message):
    with pytest.raises(FileProblem) as caught:
        upload(world, mapping, data, filename)
    assert str(caught.value).startswith(message)


def test_htcds_export_imports_into_another_organisation(world, tmp_path):
    exported = services.export_htcds(user=world.owner, fmt="json").content
    path = tmp_path / "partner.json"
    path.write_bytes(exported)
    before = counts(world.outsider)
    call_command("import", "cases", str(path), "--user", "outsider", "--commit")
    cases, persons = counts(world.outsider)
    assert (cases, persons) == (before[0] + 1, before[1] + 1)
    case = visible_cases(world.outsider).get()
    assert case.owner_id == world.outsider_org.pk and case.district.code == "LHR"
    person = case.roles.get().person
    assert person.cnic == "3520212345671" and person.phones == ["+923001234567"]
    call_command("import", "cases", str(path), "--user", "outsider", "--commit")
    assert counts(world.outsider) == (cases, persons)


def test_csv_export_round_trips_through_the_htcds_flat_mapping(world):
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
    person = visible_cases(world.outsider).get().roles.get().person
    assert person.phones == ["+923001234567"] and person.given_name == "Muhammad Imran"


def test_cli_dry_run_lists_problems_and_fails(world, mapping, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes("201/2019,Asma,Bibi,F,,,,Atlantis,2019-05-01,"))
    out = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import", "cases", str(path), "--mapping", "Kasur police", "--user", "owner", stdout=out
        )
    assert "Row 2 [District]: No district" in out.getvalue()
    path.write_bytes(csv_bytes(*GOOD))
    call_command(
        "import", "cases", str(path), "--mapping", "Kasur police", "--user", "owner", stdout=out
    )
    assert "Checked: 3 rows, no problems" in out.getvalue()


def test_mappings_and_imports_are_the_organisations_own(world, mapping, login, client):
    batch = upload(world, mapping, csv_bytes(*GOOD))
    for user in (world.outsider, world.partner, world.analyst):
        login(user)
        assert client.get(f"/exchange/imports/{batch.pk}/").status_code == 404
        assert client.post(f"/exchange/imports/{batch.pk}/commit/").status_code == 404
        assert client.get(f"/exchange/mappings/{mapping.pk}/").status_code == 404
    assert batch.__class__.objects.get(pk=batch.pk).status == ImportStatus.UPLOADED


def test_the_import_pages_walk_upload_mapping_check_and_commit(world, login, client):
    login(world.owner)
    data = io.BytesIO(csv_bytes(*GOOD))
    data.name = "kasur.csv"
    response = client.post("/exchange/imports/new/", {"file": data})
    assert response.status_code == 302
    batch_url = response["Location"]
    page = client.get(batch_url).content.decode()
    assert "Victim" in page and 'name="col_0"' in page
    form = {
        "name": "Kasur",
        "source": "kasur-police",
        "value_maps": "gender: M = male\ngender: F = female\ngender: مرد = male\nexploitation_types: debt = bonded_labour",
    }
    form.update({f"col_{i}": field for i, field in enumerate(COLUMNS.values())})
    assert client.post(batch_url + "mapping/", form).status_code == 302
    report = client.post(batch_url + "check/", headers={"HX-Request": "true"})
    assert report.status_code == 200 and "No problems in 3 rows" in report.content.decode()
    assert "<html" not in report.content.decode()  # htmx gets the report only
    client.post(batch_url + "commit/")
    assert "3 rows imported" in client.get(batch_url).content.decode()
    assert visible_cases(world.owner).filter(fir_number="102/2019").exists()
