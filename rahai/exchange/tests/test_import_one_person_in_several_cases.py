"""One person in several cases of a file: HTCDS has one row per person's role in a case, so a
person in three cases has three rows. They become one person with a role in each case — when
the file says so with a strong identifier (the same person id, or an identical CNIC), never
because the names agree. Rows of one person that disagree are listed, the first value kept."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command

from rahai.audit.models import AuditEntry
from rahai.cases import services as case_services
from rahai.cases.access import visible_cases
from rahai.exchange import services
from rahai.exchange.models import ImportStatus
from rahai.linkage.models import MatchCandidate
from rahai.people.access import visible_persons
from rahai.testing import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def victim_in_three_cases(world):
    """The world's victim, in the world's case and two more cases of the owner."""
    for title in ("Second kiln", "Third kiln"):
        case = make_case(world.owner, title=title)
        case_services.case_role_add(
            user=world.owner,
            case=case,
            person=world.victim,
            data={"role": "victim", "trafficking_status": "possible"},
        )
    return world.victim


def export_json(user) -> bytes:
    return services.export_htcds(user=user, fmt="json").content


def upload_json(user, data: bytes):
    return services.import_upload(user=user, data=data, filename="partner.json")


def import_json(user, data: bytes):
    return services.import_commit(user=user, batch=upload_json(user, data))


def test_a_person_in_three_cases_of_an_htcds_file_becomes_one_person_with_three_roles(
    world, victim_in_three_cases
):
    data = export_json(world.owner)
    assert len(json.loads(data)["victimContext"]) == 3  # one row per case
    batch = import_json(world.outsider, data)
    assert batch.status == ImportStatus.COMMITTED, batch.problems
    assert batch.rows_created == 3 and batch.persons_created == 1
    (person,) = visible_persons(world.outsider)
    assert person.pk != world.victim.pk and person.owner_id == world.outsider_org.pk
    assert person.case_roles.count() == 3
    assert set(person.case_roles.values_list("case_id", flat=True)) == set(
        visible_cases(world.outsider).values_list("pk", flat=True)
    )
    assert person.cnic == "3520212345671"


def test_the_dry_run_says_how_many_rows_and_how_many_distinct_persons(
    world, victim_in_three_cases, login, client
):
    batch = upload_json(world.outsider, export_json(world.owner))
    checked = services.import_check(user=world.outsider, batch=batch)
    assert checked.total == 3 and checked.distinct_persons == 1
    assert batch.persons_total == 1
    login(world.outsider)
    report = client.post(f"/exchange/imports/{batch.pk}/check/", headers={"HX-Request": "true"})
    assert "3 rows, 1 distinct person." in report.content.decode()
    assert not visible_persons(world.outsider).exists()  # a dry run writes nothing


def test_the_command_line_dry_run_says_it_too(world, victim_in_three_cases, tmp_path):
    path = tmp_path / "partner.json"
    path.write_bytes(export_json(world.owner))
    out = io.StringIO()
    call_command("import", "cases", str(path), "--user", "outsider", stdout=out)
    assert "3 rows, 1 distinct person." in out.getvalue()


def test_importing_the_file_again_adds_no_person_and_no_role(world, victim_in_three_cases):
    data = export_json(world.owner)
    import_json(world.outsider, data)
    roles = sorted(visible_persons(world.outsider).get().case_roles.values_list("pk", flat=True))
    again = import_json(world.outsider, data)
    assert again.status == ImportStatus.COMMITTED
    assert again.rows_created == 0 and again.persons_created == 0 and again.rows_skipped == 3
    (person,) = visible_persons(world.outsider)
    assert sorted(person.case_roles.values_list("pk", flat=True)) == roles
    assert visible_cases(world.outsider).count() == 3


def test_a_new_case_of_a_person_imported_before_joins_that_person(world, victim_in_three_cases):
    doc = json.loads(export_json(world.owner))
    first_two = {**doc, "victimContext": doc["victimContext"][:2]}
    import_json(world.outsider, json.dumps(first_two).encode())
    batch = import_json(world.outsider, json.dumps(doc).encode())
    assert batch.rows_created == 1 and batch.rows_skipped == 2 and batch.persons_created == 0
    (person,) = visible_persons(world.outsider)
    assert person.case_roles.count() == 3


def test_the_import_of_one_person_in_three_cases_is_audited_like_any_import(
    world, victim_in_three_cases
):
    before = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    batch = import_json(world.outsider, export_json(world.owner))
    entries = AuditEntry.objects.filter(seq__gt=before, actor=world.outsider)
    person = visible_persons(world.outsider).get()
    assert entries.filter(object_type="person", object_id=person.pk).count() == 1  # created once
    assert entries.filter(object_type="case_role", person_id=person.pk).count() == 3
    assert entries.filter(object_type="case").count() == 3
    details = entries.filter(object_type="import_batch", object_id=batch.pk).latest("seq").details
    assert details["created"] == 3 and details["victims"] == 3
    assert details["persons"] == 1 and details["persons_created"] == 1
    assert details["conflicts"] == 0


# --- spreadsheets: the same person id, or the same CNIC ----------------------------------------

HEADER = "Case,Person,Role,Name,Surname,NIC,DOB,Sex,District,Mobile\n"


@pytest.fixture
def mapping(world):
    return services.mapping_save(
        user=world.owner,
        name="Kasur with persons",
        source="kasur-persons",
        columns={
            "Case": "case_external_id",
            "Person": "person_external_id",
            "Role": "role",
            "Name": "given_name",
            "Surname": "family_name",
            "NIC": "cnic",
            "DOB": "birth_date",
            "Sex": "gender",
            "District": "case_district",
            "Mobile": "phones",
        },
        value_maps={"gender": {"M": "male", "F": "female"}},
    )


def upload(world, mapping, *rows: str):
    data = (HEADER + "\n".join(rows) + "\n").encode()
    return services.import_upload(user=world.owner, data=data, filename="k.csv", mapping=mapping)


def new_persons(world):
    return visible_persons(world.owner).exclude(pk=world.victim.pk)


def test_rows_with_the_same_cnic_are_one_person_even_without_a_person_id(world, mapping):
    batch = upload(
        world,
        mapping,
        "K-1,,victim,Nasreen,Bibi,35202-1111111-1,,F,KSR,",
        "K-2,,perpetrator,Nasreen,Bibi,3520211111111,,F,KSR,",
    )
    batch = services.import_commit(user=world.owner, batch=batch)
    assert batch.status == ImportStatus.COMMITTED, batch.problems
    (person,) = new_persons(world)
    assert sorted(person.case_roles.values_list("role", flat=True)) == ["suspect", "victim"]
    assert person.case_roles.values("case").distinct().count() == 2


def test_the_same_person_in_two_cases_with_identical_rows_keeps_both_cases(world, mapping):
    row = ",,victim,Nasreen,Bibi,35202-1111111-1,2004-03-12,F,KSR,"
    batch = services.import_commit(
        user=world.owner, batch=upload(world, mapping, "K-1" + row, "K-2" + row)
    )
    assert batch.rows_created == 2 and batch.persons_created == 1
    assert new_persons(world).get().case_roles.count() == 2


def test_names_alone_never_make_rows_one_person(world, mapping):
    row = ",,victim,Nasreen,Bibi,,2004-03-12,F,KSR,"
    batch = upload(world, mapping, "K-1" + row, "K-2" + row)
    assert services.import_check(user=world.owner, batch=batch).distinct_persons == 2
    batch = services.import_commit(user=world.owner, batch=batch)
    assert batch.persons_created == 2
    first, second = new_persons(world)
    assert first.case_roles.count() == second.case_roles.count() == 1
    pair = sorted([first.pk, second.pk])
    assert MatchCandidate.objects.filter(person_a_id=pair[0], person_b_id=pair[1]).exists()
    assert batch.candidates == 1  # proposed for review once, not merged


def test_rows_of_one_person_that_disagree_are_listed_and_the_first_value_is_kept(world, mapping):
    batch = upload(
        world,
        mapping,
        "K-1,7,victim,Nasreen,Bibi,,2004-03-12,F,KSR,0300 1111111",
        "K-2,7,victim,NASREEN,bibi,,2003-03-12,M,KSR,0300 2222222",
        "K-3,7,victim,Nasreen,Bibi,,,,KSR,",
    )
    checked = services.import_check(user=world.owner, batch=batch)
    assert checked.problems == []  # listed, not refused
    assert [(c.row, c.column) for c in checked.conflicts] == [(3, "DOB"), (3, "Sex")]
    assert checked.conflicts[0].message == (
        "Row 2 is the same person (the same person id or CNIC) with another value here; the "
        "value of row 2 is kept. Correct the person after the import if this one is right."
    )
    assert "2003" not in " ".join(c.message for c in checked.conflicts)  # no value echoed
    batch = services.import_commit(user=world.owner, batch=batch)
    assert batch.status == ImportStatus.COMMITTED
    (person,) = new_persons(world)
    assert person.birth_date == date(2004, 3, 12) and person.gender == "female"
    assert person.phones == ["+923001111111", "+923002222222"]  # several phones add up
    assert person.case_roles.count() == 3
    assert [c["row"] for c in batch.conflicts] == [3, 3]  # kept with the batch for later


def test_the_differences_are_shown_on_the_import_page(world, mapping, login, client):
    batch = upload(
        world,
        mapping,
        "K-1,7,victim,Nasreen,Bibi,,2004-03-12,F,KSR,",
        "K-2,7,victim,Nasreen,Bibi,,2003-03-12,F,KSR,",
    )
    services.import_check(user=world.owner, batch=batch)
    login(world.owner)
    page = client.get(f"/exchange/imports/{batch.pk}/").content.decode()
    assert "Differences between rows of one person" in page and "2 rows, 1 distinct person" in page
    services.import_commit(user=world.owner, batch=batch)
    page = client.get(f"/exchange/imports/{batch.pk}/").content.decode()
    assert "Differences between rows of one person" in page and "1 person created" in page


def test_another_organisation_sees_neither_the_import_nor_its_differences(
    world, mapping, login, client
):
    batch = upload(
        world,
        mapping,
        "K-1,7,victim,Nasreen,Bibi,,2004-03-12,F,KSR,",
        "K-2,7,victim,Nasreen,Bibi,,2003-03-12,F,KSR,",
    )
    for user in (world.outsider, world.partner, world.analyst):
        login(user)
        assert client.get(f"/exchange/imports/{batch.pk}/").status_code == 404
        assert client.post(f"/exchange/imports/{batch.pk}/check/").status_code == 404
    assert not new_persons(world).exists()


def test_a_second_cnic_for_one_person_id_is_a_problem_and_nothing_is_imported(world, mapping):
    batch = upload(
        world,
        mapping,
        "K-1,7,victim,Nasreen,Bibi,35202-1111111-1,,F,KSR,",
        "K-2,7,victim,Nasreen,Bibi,35202-2222222-2,,F,KSR,",
    )
    checked = services.import_check(user=world.owner, batch=batch)
    assert [(p.row, p.column) for p in checked.problems] == [(3, "NIC")]
    assert checked.problems[0].message.startswith("Row 2 is the same person")
    assert "2222222" not in checked.problems[0].message
    assert services.import_commit(user=world.owner, batch=batch).status == ImportStatus.FAILED
    assert not new_persons(world).exists()


def test_one_person_twice_in_the_same_role_of_a_case_is_a_problem(world, mapping):
    batch = upload(
        world,
        mapping,
        "K-1,7,victim,Nasreen,Bibi,35202-1111111-1,,F,KSR,",
        "K-1,8,victim,Nasreen,Bibi,35202-1111111-1,,F,KSR,",
    )
    checked = services.import_check(user=world.owner, batch=batch)
    assert [(p.row, p.column) for p in checked.problems] == [(3, "Person")]
    assert checked.problems[0].message == (
        "Row 2 gives this person (the same person id or CNIC) the same role in the same case; "
        "leave one of the two rows out."
    )


def test_a_person_may_be_a_victim_in_one_case_and_a_perpetrator_in_another(world, mapping):
    batch = services.import_commit(
        user=world.owner,
        batch=upload(
            world,
            mapping,
            "K-1,7,victim,Nasreen,Bibi,,,F,KSR,",
            "K-2,7,perpetrator,Nasreen,Bibi,,,F,KSR,",
        ),
    )
    assert batch.rows_created == 2 and batch.persons_created == 1
    roles = new_persons(world).get().case_roles.order_by("case_id")
    assert [role.role for role in roles] == ["victim", "suspect"]


def test_a_changed_row_of_a_person_already_in_that_case_is_not_imported_again(world, mapping):
    services.import_commit(
        user=world.owner,
        batch=upload(
            world,
            mapping,
            "K-1,,victim,Nasreen,Bibi,35202-1111111-1,2004-03-12,F,KSR,",
            "K-2,,victim,Nasreen,Bibi,35202-1111111-1,2004-03-12,F,KSR,",
        ),
    )
    changed = upload(
        world,
        mapping,
        "K-1,,victim,Nasreen,Bibi,35202-1111111-1,2004-03-13,F,KSR,",  # another date of birth
        "K-2,,victim,Nasreen,Bibi,35202-1111111-1,2004-03-12,F,KSR,",
    )
    assert services.import_check(user=world.owner, batch=changed).problems == []
    batch = services.import_commit(user=world.owner, batch=changed)
    assert batch.rows_created == 0 and batch.rows_skipped == 2  # an import never updates
    assert new_persons(world).get().case_roles.count() == 2


def test_rows_imported_before_the_case_id_was_part_of_their_key_are_still_skipped(world, mapping):
    from rahai.exchange.models import ImportedRecord

    rows = (
        "K-1,,victim,Nasreen,Bibi,,2004-03-12,F,KSR,",
        "K-2,,victim,Asma,Bibi,,2001-01-01,F,KSR,",
    )
    batch = services.import_commit(user=world.owner, batch=upload(world, mapping, *rows))
    checked = services.import_check(user=world.owner, batch=upload(world, mapping, *rows))
    for row in checked.rows:  # as an earlier version of the importer keyed them
        ImportedRecord.objects.filter(batch=batch, key=row.row_key).update(key=row.legacy_key)
    assert all(row.legacy_key != row.row_key for row in checked.rows)
    again = services.import_commit(user=world.owner, batch=upload(world, mapping, *rows))
    assert again.rows_created == 0 and again.rows_skipped == 2
    assert new_persons(world).count() == 2
