"""The check at entry: candidates from the blind index, frequency-aware, and scored by the model
as the batch engine scores them. Access still decides what is shown."""

from datetime import date

import pytest
from django.urls import reverse

from rahai.core import names
from rahai.geo.models import District
from rahai.linkage import candidates, engine, frequencies, model, selectors, services, synthetic
from rahai.linkage.models import LinkRun, NameFrequency
from rahai.linkage.records import features
from rahai.people import search
from rahai.testing import make_case, make_person, make_victim

TODAY = date(2026, 3, 1)


@pytest.fixture
def small_blocks(monkeypatch):
    """A block cap of 3, so that a handful of namesakes makes a "common" name."""
    monkeypatch.setattr(model, "BLOCK_CAP", 3)


def namesake(user, district="LHR", born=1990, **fields):
    data = {
        "given_name": "Muhammad Ali",
        "family_name": "",
        "gender": "male",
        "district": District.objects.get(code=district),
        "estimated_age": 2026 - born,
        "age_estimated_on": TODAY,
    }
    data.update(fields)
    return make_person(user, **data)


@pytest.fixture
def namesakes(world, small_blocks):
    """Ten men called Muhammad Ali: Lahore and Karachi, born 1970 to 2006, sons of others."""
    people = []
    for i, (district, born) in enumerate(
        [("LHR", 1970), ("LHR", 1975), ("LHR", 2004), ("LHR", 2006), ("KSO", 1991)]
        + [("KSO", 1989), ("PEW", 1990), ("QTA", 1992), ("LHR", 1981), ("KSO", 1990)]
    ):
        people.append(namesake(world.owner, district, born, father_name=f"Father{i} Khan"))
    return people


def test_a_common_name_is_found_by_the_fathers_name(world, namesakes):
    true = namesake(world.owner, "QTA", 1960, father_name="Ghulam Rasool")
    query = {"full_name": "Mohd Ali s/o Ghulam Rasool"}
    found = candidates.candidate_ids(query)
    assert true.pk in found.ids
    assert len(found.ids) < len(namesakes)  # the namesakes were not all taken
    assert selectors.possible_matches(world.owner, query)[0].person == true


@pytest.mark.parametrize("fetch", [3000, 2], ids=["narrowed in Python", "narrowed by queries"])
def test_a_common_name_is_narrowed_by_district_and_birth_year(world, namesakes, monkeypatch, fetch):
    monkeypatch.setattr(candidates, "NARROW_FETCH", fetch)
    true = namesake(world.owner, "LHR", 1990)
    query = {"full_name": "محمد علی", "district": "Lahore", "birth_year": "1991"}
    found = candidates.candidate_ids(query)
    assert true.pk in found.ids
    # Lahore and its neighbours, born 1988-1994: the Lahore men born 1970-2006 are left out.
    assert not {p.pk for p in namesakes[:4]} & set(found.ids)
    assert selectors.possible_matches(world.owner, query)[0].person == true


def test_a_neighbouring_district_counts(world, namesakes):
    true = namesake(world.owner, "KSR", 1990)  # Kasur, next to Lahore
    query = {"given_name": "Ali", "district": "Lahore", "birth_year": "1990"}
    assert true.pk in candidates.candidate_ids(query).ids


def test_rare_evidence_comes_first(world, namesakes):
    true = namesake(world.owner, "QTA", 1960, cnic="35202-7777777-1", father_name="Rasool Bux")
    query = {
        "full_name": "Muhammad Ali s/o Father1 Khan",
        "id_number": "35202-7777777-1",
        "district": "Lahore",
    }
    found = candidates.candidate_ids(query)
    assert found.ids[0] == true.pk and found.blocks[0] == ("cnic", 1)
    assert candidates.candidate_ids(query, limit=1).ids == [true.pk]


def test_a_rare_name_key_is_a_block_of_its_own(world, namesakes):
    rare = namesake(world.owner, "QTA", 1960, family_name="Vankwani")
    query = {"given_name": "Aly", "family_name": "Vankwani"}  # no place, no year, no father
    found = candidates.candidate_ids(query)
    assert found.ids[0] == rare.pk


def test_a_value_shared_by_too_many_persons_is_not_a_block(world, small_blocks):
    for _ in range(4):  # a placeholder CNIC, as agencies type when they have none
        namesake(world.owner, cnic="11111-1111111-1", given_name="Zubair")
    found = candidates.candidate_ids({"id_number": "11111-1111111-1"})
    assert found.ids == [] and found.blocks == []


def test_a_person_the_viewer_cannot_see_is_never_revealed(world):
    case = make_case(world.outsider)
    hidden = make_victim(
        world.outsider, case, given_name="Shehzad", family_name="Vankwani", cnic="35202-5555555-3"
    )
    query = {"full_name": "Shehzad Vankwani", "id_number": "35202-5555555-3"}
    assert hidden.pk in candidates.candidate_ids(query).ids  # retrieval sees everyone ...
    assert selectors.possible_matches(world.owner, query) == []  # ... the owner sees nobody
    shown = selectors.possible_matches(world.outsider, query)
    assert [m.person for m in shown] == [hidden]


def test_nothing_is_sent_to_the_database_in_clear():
    found = candidates.evidence_of(
        {"full_name": "Imran s/o Ghafoor", "id_number": "35202-1234567-1", "phone": "0300 1234567"}
    )
    values = [found.cnic, *found.phones, *found.given, *found.father]
    assert len(values) == 4
    assert all(len(digest) == 40 and "imran" not in digest for _kind, digest in values)


def test_a_compound_name_gives_the_keys_the_index_holds_for_it():
    found = candidates.evidence_of({"given_name": "Ali", "father_name": "Ghulam Rasool"})
    stored = {("father", search.digest("father", k)) for k in names.name_keys("Ghulam Rasool")}
    assert set(found.father) == stored


def _with_birth_years(records):
    """Ages as birth years as of 2026, so that no test depends on today's date."""
    out = []
    for r in records:
        r = dict(r)
        if r.get("age"):
            r["birth_year"] = str(2026 - int(r.pop("age")))
        out.append(r)
    return out


def test_the_check_scores_as_the_batch_engine_does():
    records = _with_birth_years(synthetic.generate(1500, seed=21, reference_year=2026))
    existing, new = records[10:], records[:10]
    table = features(existing, reference_year=2026)
    index = engine.LinkIndex(table)
    saved = model.load()
    counts = {}
    for column in frequencies.tf_columns(saved):
        values = [v for v in table.column(column).to_pylist() if v is not None]
        counts[column] = ({v: values.count(v) for v in set(values)}, len(values))
    by_id = {r["record_id"]: r for r in existing}
    compared = 0
    for record in new:
        batch = {rid: p for rid, p, _ev in index.match(record)}
        if not batch:
            continue
        checked = engine.match_one(
            record,
            [by_id[rid] for rid in batch],
            population=len(existing) + 1,
            frequencies=lambda wanted: {c: counts[c] for c in wanted},
        )
        for rid, probability, evidence in checked:
            assert abs(probability - batch[rid]) < 0.002, rid
            assert evidence
            compared += 1
    assert compared > 8


@pytest.mark.django_db
def test_a_relink_keeps_name_frequencies_under_digests_only(world):
    make_person(world.owner, given_name="Imran", family_name="Khan")
    services.relink_all()
    rows = list(NameFrequency.objects.values_list("column", "digest", "count"))
    assert rows and all("imran" not in digest and "khan" not in digest for _c, digest, _n in rows)
    counts, total = frequencies.lookup({"given_canon": {"imran", "nobody"}})["given_canon"]
    assert counts == {"imran": 2} and total == 2  # the world's victim and this one
    assert LinkRun.objects.get().persons == 2


def test_an_identity_is_the_smallest_person_id_as_a_number():
    assert services.identities({"9": "10", "10": "10", "11": "11"}) == {9: 9, 10: 9, 11: 11}


def test_runs_of_the_earlier_model_version_stay_readable(world, login):
    old = LinkRun.objects.create(
        model_version="rahai-person-v1", threshold=0.8, status=LinkRun.Status.DONE, persons=1
    )
    run = services.relink_all()
    assert run.model_version == "rahai-person-v2" == model.load()["version"]
    old.refresh_from_db()
    assert old.model_version == "rahai-person-v1" and old.status == LinkRun.Status.DONE
    page = login(world.supervisor).get(reverse("linkage:runs"))
    assert page.status_code == 200 and page.content.decode().count("<tr") >= 3


def test_a_birth_year_that_cannot_be_one_is_no_evidence(world):
    assert candidates.evidence_of({"given_name": "Ali", "birth_year": "2"}).birth_year is None
    assert candidates.candidate_ids({"given_name": "Ali", "birth_year": "2"}).ids == []
