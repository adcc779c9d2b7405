"""``rahai demo`` charges the suspects of a few demo cases: several laws, every stage, a
conviction with a sentence, an acquittal, hearings with their next dates; and only once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from rahai.audit.verify import verify_chain
from rahai.justice.models import Charge, Hearing

pytestmark = pytest.mark.django_db


def run_demo() -> str:
    out = StringIO()
    call_command("demo", cases=60, seed=1, contacts=0, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def test_the_demo_charges_suspects_in_every_stage_once(var_dir):
    out = run_demo()
    assert "Demo prosecutions:" in out
    charges = list(Charge.objects.select_related("offence__law", "court", "suspect"))
    sections = {(c.offence.law.code, c.offence.section) for c in charges}
    assert {("ptpa-2018", "3"), ("ppc-1860", "371-A"), ("blsaa-1992", "11")} <= sections
    assert {("ptpa-2018", "4"), ("psma-2018", "3")} & sections
    assert {"fir", "investigation", "decided"} <= {c.status for c in charges}
    convicted = [c for c in charges if c.outcome == "convicted"]
    assert convicted and all(c.sentence_years and c.outcome_on for c in convicted)
    assert any(c.outcome == "acquitted" for c in charges)
    assert all(c.suspect.role == "suspect" and c.suspect.case_id == c.case_id for c in charges)
    assert all(c.court is None or c.court.kind == "court" for c in charges)
    today = timezone.localdate()
    assert Hearing.objects.filter(next_on__gt=today).exists()
    assert Hearing.objects.filter(created_by__username="prosecutor").exists()
    assert verify_chain()[1] == []

    before = (Charge.objects.count(), Hearing.objects.count())
    assert "Demo prosecutions:" not in run_demo()
    assert (Charge.objects.count(), Hearing.objects.count()) == before
