"""Charging a suspect, and recording the charge's way through the courts: every rule of
``rahai.justice.services`` for charges, and what they write to the audit log."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from rahai.audit.models import AuditEntry
from rahai.cases.models import RoleKind
from rahai.justice import services
from rahai.justice.models import Charge
from rahai.justice.tests.court_world import (
    add_suspect,
    charge,
    days_ago,
    make_court,
    offence,
    ptpa,
)
from rahai.testing import make_case, make_org

pytestmark = pytest.mark.django_db


def errors_of(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def _add(world, suspect, the_offence, **fields):
    data = {"charged_on": days_ago(30), "status": "fir", "fir_number": "", "notes": ""}
    data.update(fields)
    return services.charge_add(
        user=world.owner, case=world.case, suspect=suspect, offence=the_offence, **data
    )


# --- charging ------------------------------------------------------------------------------


def test_the_owner_charges_a_suspect_and_the_log_records_it(world):
    suspect = add_suspect(world)
    new = charge(world, suspect, fir_number="123/2026", notes="Arrested at the kiln.")
    assert new.case == world.case and new.suspect == suspect and new.offence == ptpa("3")
    assert (new.status, new.outcome, new.created_by) == ("fir", "pending", world.owner)
    entry = AuditEntry.objects.get(object_type="charge", action="create")
    assert entry.case_id == world.case.pk and entry.person_id == suspect.person_id
    assert {"suspect", "offence", "charged_on", "fir_number", "notes"} <= set(entry.fields)
    assert entry.details["changes"]["offence"] == [None, ptpa("3").pk]


def test_the_charge_notes_are_encrypted_at_rest(world):
    from django.db import connection

    new = charge(world, add_suspect(world), notes="Arrested at the kiln.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM justice_charge WHERE id = %s", [new.pk])
        stored = cursor.fetchone()[0]
    assert "kiln" not in stored


def test_a_victim_cannot_be_charged(world):
    victim_role = world.case.roles.get(role=RoleKind.VICTIM)
    with pytest.raises(ValidationError) as excinfo:
        _add(world, victim_role, ptpa("3"))
    assert errors_of(excinfo) == {"suspect": ["Choose a suspect of this case."]}


def test_a_suspect_of_another_case_cannot_be_charged_on_this_one(world):
    other = make_case(world.owner)
    stranger = add_suspect(world, case=other)
    with pytest.raises(ValidationError) as excinfo:
        _add(world, stranger, ptpa("3"))
    assert "suspect" in errors_of(excinfo)


def test_a_repealed_section_cannot_be_charged(world):
    repealed = offence("ppc-1860", "369-A")
    assert not repealed.chargeable
    with pytest.raises(ValidationError) as excinfo:
        _add(world, add_suspect(world), repealed)
    assert errors_of(excinfo) == {
        "offence": ["This section cannot be charged: it is repealed or makes nothing an offence."]
    }


def test_a_section_that_makes_nothing_an_offence_cannot_be_charged(world):
    with pytest.raises(ValidationError) as excinfo:
        _add(world, add_suspect(world), offence("ptpa-2018", "8"))  # who investigates
    assert "offence" in errors_of(excinfo)


def test_a_suspect_is_charged_once_under_a_section(world):
    suspect = add_suspect(world)
    charge(world, suspect)
    with pytest.raises(ValidationError) as excinfo:
        charge(world, suspect)
    assert errors_of(excinfo) == {
        "offence": ["This suspect is already charged under this section."]
    }


def test_a_suspect_may_be_charged_under_several_sections_and_laws(world):
    suspect = add_suspect(world)
    charge(world, suspect, ("ptpa-2018", "3"))
    charge(world, suspect, ("ppc-1860", "371-A"))
    charge(world, suspect, ("blsaa-1992", "11"))
    assert Charge.objects.filter(suspect=suspect).count() == 3


def test_two_suspects_may_be_charged_under_the_same_section(world):
    charge(world, add_suspect(world))
    charge(world, add_suspect(world, given_name="Khalid", family_name="Butt"))
    assert world.case.charges.count() == 2


def test_a_charge_cannot_be_dated_in_the_future(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        _add(world, add_suspect(world), ptpa("3"), charged_on=tomorrow)
    assert errors_of(excinfo) == {"charged_on": ["This date is in the future."]}


def test_a_charge_needs_its_date(world):
    with pytest.raises(ValidationError) as excinfo:
        _add(world, add_suspect(world), ptpa("3"), charged_on=None)
    assert errors_of(excinfo) == {"charged_on": ["Give the date of the charge."]}


def test_a_new_charge_cannot_be_decided_already(world):
    with pytest.raises(ValidationError) as excinfo:
        _add(world, add_suspect(world), ptpa("3"), status="decided")
    assert errors_of(excinfo) == {
        "status": ["Record the charge first, then the court's decision on it."]
    }


# --- the court's progress and decision -----------------------------------------------------


def test_a_charge_moves_through_the_stages_to_a_court(world):
    new = charge(world, add_suspect(world))
    court = make_court()
    diff = services.charge_update(
        user=world.owner,
        charge=new,
        data={
            "status": "trial",
            "court": court,
            "court_case_number": " Sessions Case 12/2026 ",
            "special_court": True,
        },
    )
    new.refresh_from_db()
    assert (new.status, new.court, new.court_case_number, new.special_court) == (
        "trial",
        court,
        "Sessions Case 12/2026",
        True,
    )
    assert set(diff) == {"status", "court", "court_case_number", "special_court"}


def test_an_outcome_needs_its_date(world):
    new = charge(world, add_suspect(world))
    with pytest.raises(ValidationError) as excinfo:
        services.charge_update(user=world.owner, charge=new, data={"outcome": "acquitted"})
    assert errors_of(excinfo) == {"outcome_on": ["Give the date of the decision."]}


def test_an_outcome_moves_the_charge_to_decided(world):
    new = charge(world, add_suspect(world), status="trial")
    services.charge_update(
        user=world.owner,
        charge=new,
        data={"outcome": "acquitted", "outcome_on": days_ago(1), "status": "trial"},
    )
    new.refresh_from_db()
    assert (new.outcome, new.status, new.outcome_on) == ("acquitted", "decided", days_ago(1))


def test_a_conviction_records_the_sentence_and_the_fine(world):
    new = charge(world, add_suspect(world))
    services.charge_update(
        user=world.owner,
        charge=new,
        data={
            "outcome": "convicted",
            "outcome_on": days_ago(2),
            "sentence_years": Decimal("7.5"),
            "sentence_fine_rs": 200_000,
        },
    )
    new.refresh_from_db()
    assert (new.sentence_years, new.sentence_fine_rs) == (Decimal("7.5"), 200_000)
    entry = AuditEntry.objects.filter(object_type="charge", action="update").get()
    assert entry.details["changes"]["sentence_years"] == [None, "7.5"]
    assert {"outcome", "outcome_on", "status", "sentence_years", "sentence_fine_rs"} == set(
        entry.fields
    )


@pytest.mark.parametrize("outcome", ["pending", "acquitted", "discharged", "withdrawn"])
def test_a_sentence_or_a_fine_goes_only_with_a_conviction(world, outcome):
    new = charge(world, add_suspect(world))
    data = {"outcome": outcome, "sentence_years": Decimal("3"), "sentence_fine_rs": 5000}
    if outcome != "pending":
        data["outcome_on"] = days_ago(1)
    with pytest.raises(ValidationError) as excinfo:
        services.charge_update(user=world.owner, charge=new, data=data)
    message = "A sentence or a fine is recorded only with a conviction."
    assert errors_of(excinfo) == {"sentence_years": [message], "sentence_fine_rs": [message]}


def test_a_sentence_is_between_a_tenth_of_a_year_and_ninety_nine_years(world):
    new = charge(world, add_suspect(world))
    base = {"outcome": "convicted", "outcome_on": days_ago(1)}
    for years in (Decimal("0"), Decimal("120"), Decimal("-1")):
        with pytest.raises(ValidationError) as excinfo:
            services.charge_update(
                user=world.owner, charge=new, data={**base, "sentence_years": years}
            )
        assert list(errors_of(excinfo)) == ["sentence_years"], years
    with pytest.raises(ValidationError) as excinfo:
        services.charge_update(
            user=world.owner, charge=new, data={**base, "sentence_years": Decimal("2.25")}
        )
    assert errors_of(excinfo) == {"sentence_years": ["Give the years to one decimal place."]}


def test_the_decision_cannot_come_before_the_charge(world):
    new = charge(world, add_suspect(world), charged_on=days_ago(10))
    with pytest.raises(ValidationError) as excinfo:
        services.charge_update(
            user=world.owner,
            charge=new,
            data={"outcome": "acquitted", "outcome_on": days_ago(11)},
        )
    expected = f"The decision cannot come before the charge ({days_ago(10).isoformat()})."
    assert errors_of(excinfo) == {"outcome_on": [expected]}


def test_the_decision_cannot_be_in_the_future(world):
    new = charge(world, add_suspect(world))
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        services.charge_update(
            user=world.owner, charge=new, data={"outcome": "convicted", "outcome_on": tomorrow}
        )
    assert errors_of(excinfo) == {"outcome_on": ["This date is in the future."]}


def test_a_decision_date_without_an_outcome_is_refused(world):
    new = charge(world, add_suspect(world))
    with pytest.raises(ValidationError) as excinfo:
        services.charge_update(user=world.owner, charge=new, data={"outcome_on": days_ago(1)})
    assert errors_of(excinfo) == {
        "outcome_on": [
            "A decision date goes with an outcome: choose the outcome or clear the date."
        ]
    }


def test_the_decided_stage_needs_an_outcome(world):
    new = charge(world, add_suspect(world))
    with pytest.raises(ValidationError) as excinfo:
        services.charge_update(user=world.owner, charge=new, data={"status": "decided"})
    assert errors_of(excinfo) == {
        "status": ["A decided charge needs its outcome, or choose the stage it is at."]
    }


def test_a_decision_entered_by_mistake_is_taken_back_with_the_stage(world):
    new = charge(world, add_suspect(world))
    services.charge_update(
        user=world.owner, charge=new, data={"outcome": "acquitted", "outcome_on": days_ago(1)}
    )
    services.charge_update(
        user=world.owner,
        charge=new,
        data={"outcome": "pending", "outcome_on": None, "status": "trial"},
    )
    new.refresh_from_db()
    assert (new.outcome, new.outcome_on, new.status) == ("pending", None, "trial")


def test_the_court_must_be_a_court(world):
    new = charge(world, add_suspect(world))
    shelter = make_org("Lahore Women's Shelter", kind="shelter")
    with pytest.raises(ValidationError) as excinfo:
        services.charge_update(user=world.owner, charge=new, data={"court": shelter})
    assert errors_of(excinfo) == {"court": ["Choose an organisation that is a court."]}


def test_an_unchanged_charge_writes_nothing_to_the_log(world):
    new = charge(world, add_suspect(world))
    assert services.charge_update(user=world.owner, charge=new, data={"status": "fir"}) == {}
    assert not AuditEntry.objects.filter(object_type="charge", action="update").exists()


def test_who_was_charged_under_what_is_not_changed_by_an_update(world):
    new = charge(world, add_suspect(world))
    with pytest.raises(ValueError):
        services.charge_update(user=world.owner, charge=new, data={"offence": ptpa("4")})


# --- removing ------------------------------------------------------------------------------


def test_a_charge_entered_by_mistake_is_removed_and_the_log_says_so(world):
    new = charge(world, add_suspect(world))
    charge_id = new.pk
    services.charge_remove(user=world.owner, charge=new)
    assert not world.case.charges.exists()
    entry = AuditEntry.objects.get(object_type="charge", action="delete")
    assert entry.object_id == str(charge_id) and entry.fields == ["offence"]


def test_a_charge_the_court_decided_cannot_be_removed(world):
    new = charge(world, add_suspect(world))
    services.charge_update(
        user=world.owner, charge=new, data={"outcome": "convicted", "outcome_on": days_ago(1)}
    )
    with pytest.raises(ValidationError) as excinfo:
        services.charge_remove(user=world.owner, charge=new)
    assert errors_of(excinfo) == {"outcome": ["A charge the court has decided cannot be removed."]}
    assert world.case.charges.count() == 1
