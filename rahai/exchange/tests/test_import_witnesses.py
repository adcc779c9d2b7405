"""Importing witnesses and reporters: HTCDS files carry them in ``otherRole`` (and the flat CSV
as rows whose ``rah_Role`` is witness or reporter). They come in as Rahai models them — a role
in the case without a victim or perpetrator context — once only, audited, and a person who is a
victim in one case and a witness in another is one person."""

import json

import pytest

from rahai.audit.models import AuditEntry
from rahai.cases import services as case_services
from rahai.cases.access import visible_cases
from rahai.exchange import services
from rahai.exchange.importer import HTCDS_MAPPING
from rahai.exchange.models import ImportStatus
from rahai.people.access import visible_persons
from rahai.testing import make_case, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def witness_and_reporter(world):
    """A brick-kiln worker who saw it, and the neighbour who called the helpline."""
    for role, name in (("witness", "Allah Ditta"), ("reporter", "Shabana")):
        case_services.case_role_add(
            user=world.owner,
            case=world.case,
            person=make_person(world.owner, given_name=name, family_name=""),
            data={"role": role},
        )


def export_json(user) -> dict:
    return json.loads(services.export_htcds(user=user, fmt="json").content)


def import_json(user, doc: dict):
    data = json.dumps(doc, ensure_ascii=False).encode()
    batch = services.import_upload(user=user, data=data, filename="partner.json")
    return services.import_commit(user=user, batch=batch)


def test_an_htcds_files_witnesses_and_reporters_come_into_their_case(world, witness_and_reporter):
    doc = export_json(world.owner)
    assert len(doc["otherRole"]) == 2
    batch = import_json(world.outsider, doc)
    assert batch.status == ImportStatus.COMMITTED, batch.problems
    assert batch.rows_created == 3 and batch.persons_created == 3
    case = visible_cases(world.outsider).get()
    assert sorted(case.roles.values_list("role", flat=True)) == ["reporter", "victim", "witness"]
    witness = case.roles.get(role="witness")
    assert witness.person.given_name == "Allah Ditta"
    assert witness.trafficking_status == "" and witness.perpetrator_roles == []
    assert not case.events.filter(person=witness.person).exists()  # no route of their own


def test_importing_the_witnesses_again_creates_nothing(world, witness_and_reporter):
    doc = export_json(world.owner)
    import_json(world.outsider, doc)
    again = import_json(world.outsider, doc)
    assert again.rows_created == 0 and again.rows_skipped == 3
    assert visible_persons(world.outsider).count() == 3


def test_a_victim_who_is_a_witness_in_another_case_is_one_person(world):
    other = make_case(world.owner, title="Neighbouring kiln")
    case_services.case_role_add(
        user=world.owner, case=other, person=world.victim, data={"role": "witness"}
    )
    batch = import_json(world.outsider, export_json(world.owner))
    assert batch.rows_created == 2 and batch.persons_created == 1
    person = visible_persons(world.outsider).get()
    assert sorted(person.case_roles.values_list("role", flat=True)) == ["victim", "witness"]


def test_witnesses_and_reporters_are_audited_with_the_import(world, witness_and_reporter):
    before = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    batch = import_json(world.outsider, export_json(world.owner))
    entries = AuditEntry.objects.filter(seq__gt=before, actor=world.outsider)
    witness = visible_cases(world.outsider).get().roles.get(role="witness")
    assert entries.filter(object_type="person", object_id=witness.person_id).exists()
    assert entries.filter(object_type="case_role", object_id=witness.pk).exists()
    details = entries.filter(object_type="import_batch", object_id=batch.pk).latest("seq").details
    assert details["witnesses"] == 1 and details["reporters"] == 1 and details["victims"] == 1


def test_an_other_role_that_names_no_role_is_a_problem_not_a_victim(world, witness_and_reporter):
    doc = export_json(world.owner)
    del doc["otherRole"][0]["rah_Role"]
    data = json.dumps(doc, ensure_ascii=False).encode()
    batch = services.import_upload(user=world.outsider, data=data, filename="partner.json")
    problems = services.import_check(user=world.outsider, batch=batch).problems
    # Row 1 is the victim; the other roles follow it.
    assert [(p.row, p.column) for p in problems] == [(2, "rah_Role")]
    assert "“otherRole”" in problems[0].message


def test_the_csv_export_brings_its_witnesses_back_through_the_htcds_flat_mapping(
    world, witness_and_reporter
):
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
    case = visible_cases(world.outsider).get()
    assert sorted(case.roles.values_list("role", flat=True)) == ["reporter", "victim", "witness"]
