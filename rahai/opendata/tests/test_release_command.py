"""`rahai release` end to end: read through the audited system read, write atomically, and
never put a name, CNIC, phone, date of birth, case reference, free text or a small district
into any output file."""

import csv
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from rahai.audit.models import AuditAction, AuditEntry
from rahai.cases import services as case_services
from rahai.geo.models import Country, District
from rahai.opendata import output
from rahai.testing import make_case, make_person

pytestmark = pytest.mark.django_db

NAMES = ["Nasreen", "Bibi", "Ghulam", "Rasool", "Shabana", "Kausar"]


def add_victim(user, case, index, **person):
    data = {
        "given_name": f"{NAMES[index % len(NAMES)]} {index}",
        "family_name": "Mazari",
        "name_urdu": "نسرین بی بی",
        "father_name": "Allah Ditta",
        "gender": "female" if index % 3 else "male",
        "birth_date": date(2010, 1 + index % 12, 1 + index % 28),
        "cnic": f"35202{index:07d}1",
        "phones": [f"0300 {index:07d}"],
        "citizenship": Country.objects.get(code="PK"),
    }
    data.update(person)
    victim = make_person(user, **data)
    case_services.case_role_add(
        user=user,
        case=case,
        person=victim,
        data={
            "role": "victim",
            "trafficking_status": "actual",
            "exploitation_types": ["bonded_labour"],
            "means_of_control": ["debt_bondage", "restricts_movement"],
            "recruiter_relationship": "employer",
        },
    )
    return data


@pytest.fixture
def registered(world):
    """30 victims in Lahore and 3 in Gilgit, all registered in 2025."""
    people, references = [], []
    for i in range(30):
        case = make_case(
            world.owner, opened_on=date(2025, 1 + i % 12, 10), summary=f"Kiln story {i}"
        )
        references.append(case.reference)
        people.append(add_victim(world.owner, case, i))
    gilgit = District.objects.get(code="GLT")
    for i in range(30, 33):
        case = make_case(world.owner, district=gilgit, opened_on=date(2025, 5, 5))
        references.append(case.reference)
        people.append(add_victim(world.owner, case, i))
    return people, references


def read_all(directory):
    return {
        path: path.read_text(encoding="utf-8") for path in directory.rglob("*") if path.is_file()
    }


def test_release_writes_every_file(registered, tmp_path):
    out = tmp_path / "release-2025"
    call_command("release", "--year", "2025", "--out", str(out))
    assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} >= {
        "microdata.csv",
        "codebook.csv",
        "report.json",
        "report.html",
        "tables/victims_by_province_gender.csv",
        "tables/victims_by_year_exploitation_gender.csv",
        "tables/victims_by_age_band_citizenship.csv",
        "tables/victims_by_country_of_exploitation_majority.csv",
    }
    report = json.loads((out / "report.json").read_text())
    assert report["k_required"] == 11 and report["k_achieved"] >= 11
    assert report["records_eligible"] == 33
    assert report["records_released"] + report["records_suppressed"] == 33
    assert {entry["column"] for entry in report["codebook"]} >= {"gender", "ageBroad"}
    with (out / "microdata.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == report["records_released"]
    assert all(row["yearOfRegistration"] == "2025" for row in rows)


def test_release_output_contains_no_personal_data(registered, world, tmp_path):
    people, references = registered
    out = tmp_path / "release"
    call_command("release", "--year", "2025", "--out", str(out))
    gilgit = District.objects.get(code="GLT")
    forbidden = {
        "Gilgit",
        gilgit.name_ur,
        "PK-GB-GLT",
        "GLT",
        "Kiln story",
        "Mazari",
        "Allah Ditta",
    }
    forbidden |= {"نسرین", "Muhammad Imran", "Abdul Ghafoor", "3520212345671", "+923001234567"}
    for person in people:
        forbidden |= {person["given_name"], person["cnic"], person["birth_date"].isoformat()}
        forbidden |= {person["birth_date"].strftime("%d/%m/%Y")}
        digits = person["phones"][0].replace(" ", "")
        forbidden |= {digits, "+92" + digits[1:]}
    forbidden |= set(references) | {world.case.reference}
    for path, text in read_all(out).items():
        for value in forbidden:
            assert value not in text, f"{value!r} in {path.name}"


def test_release_is_one_audited_system_read(registered, tmp_path):
    before = AuditEntry.objects.count()
    call_command("release", "--year", "2025", "--out", str(tmp_path / "r"))
    entries = AuditEntry.objects.filter(seq__gt=before)
    assert entries.count() == 1
    entry = entries.get()
    assert entry.action == AuditAction.SYSTEM and entry.object_type == "open_data_release"
    assert entry.details["outcome"] == "written" and entry.details["records_read"] == 33
    assert "release" in entry.details["purpose"]


def test_a_failed_release_leaves_nothing_behind(registered, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(output, "render_to_string", broken)
    out = tmp_path / "release"
    with pytest.raises(OSError):
        call_command("release", "--year", "2025", "--out", str(out))
    assert list(tmp_path.iterdir()) == []
    entry = AuditEntry.objects.filter(object_type="open_data_release").get()
    assert entry.details["outcome"] == "failed"


def test_an_existing_release_is_not_overwritten(registered, tmp_path):
    out = tmp_path / "release"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(CommandError):
        call_command("release", "--year", "2025", "--out", str(out))
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    call_command("release", "--year", "2025", "--out", str(out), "--overwrite")
    assert (out / "microdata.csv").exists() and not (out / "keep.txt").exists()


def test_k_below_11_needs_the_override_flag(registered, tmp_path):
    with pytest.raises(CommandError):
        call_command("release", "--year", "2025", "--out", str(tmp_path / "r"), "--k", "5")
    assert not (tmp_path / "r").exists()
    call_command(
        "release", "--year", "2025", "--out", str(tmp_path / "r"), "--k", "5", "--allow-k-below-11"
    )
    assert json.loads((tmp_path / "r" / "report.json").read_text())["k_required"] == 5


def test_victims_who_refused_statistics_or_are_not_trafficked_are_left_out(world, tmp_path):
    from rahai.consent import services as consent_services

    case = make_case(world.owner, opened_on=date(2025, 2, 2))
    for i in range(12):
        add_victim(world.owner, case, i)
    refusing = make_person(world.owner, given_name="Refuses", gender="female")
    case_services.case_role_add(
        user=world.owner, case=case, person=refusing, data={"role": "victim"}
    )
    consent_services.consent_record(
        user=world.owner,
        person=refusing,
        data={
            "purpose": "statistics",
            "decision": "refused",
            "decided_on": date(2025, 2, 2),
            "language": "ur",
        },
    )
    not_victim = make_person(world.owner, given_name="Not trafficked")
    case_services.case_role_add(
        user=world.owner,
        case=case,
        person=not_victim,
        data={"role": "victim", "trafficking_status": "not"},
    )
    call_command("release", "--year", "2025", "--out", str(tmp_path / "r"))
    report = json.loads((tmp_path / "r" / "report.json").read_text())
    assert report["records_eligible"] == 12
    assert report["excluded"] == {
        "refused use in statistics": 1,
        "trafficking status decided: not trafficked": 1,
    }
