import re
import stat
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from rahai.accounts.models import User
from rahai.audit.models import AuditEntry
from rahai.audit.verify import verify_chain
from rahai.cases.models import Case, CaseRole, CaseShare, Event, Note, RoleKind, Sensitivity
from rahai.demo.catalogue import DEMO_ORG_NAMES, ORGANISATIONS, TEAM_NAME, USERS
from rahai.demo.generator import PROVINCE_OF, plan_case, pool_suspect
from rahai.demo.persons import CNIC_PROVINCE_DIGIT
from rahai.demo.services import CaseWriter, demo_organisations, ensure_team, ensure_users
from rahai.geo.models import District
from rahai.orgs.models import Organisation, Team
from rahai.people.models import Person
from rahai.people.validation import normalise_cnic, normalise_phone

TODAY = date(2026, 11, 28)


def run_demo(**options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("demo", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def counts() -> dict[str, int]:
    return {
        "orgs": Organisation.objects.count(),
        "users": User.objects.count(),
        "teams": Team.objects.count(),
        "cases": Case.objects.count(),
        "persons": Person.objects.count(),
        "roles": CaseRole.objects.count(),
        "events": Event.objects.count(),
        "notes": Note.objects.count(),
        "shares": CaseShare.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_demo_creates_world_and_cases_once(var_dir):
    out, err = run_demo(cases=20, seed=1)

    assert Organisation.objects.filter(name__in=DEMO_ORG_NAMES).count() == len(ORGANISATIONS)
    assert not Organisation.objects.filter(name_ur="").exists()
    for spec in USERS:
        user = User.objects.get(username=spec.username)
        assert user.organisation.name == next(o.name for o in ORGANISATIONS if o.key == spec.org)
        assert user.role_codes == frozenset(spec.roles)
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    team = Team.objects.get(name=TEAM_NAME)
    assert set(team.members.values_list("username", flat=True)) == {"investigator", "caseworker"}
    assert User.objects.get(username="caseworker").organisation.name.startswith("SSDO")

    # Passwords: printed once, stored in var/ with mode 0600, and they work.
    path = var_dir / "demo-credentials.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    stored = path.read_text(encoding="utf-8")
    for spec in USERS:
        match = re.search(rf"^{re.escape(spec.username)}\s.*\s(\S+)$", out, re.MULTILINE)
        assert match, spec.username
        assert match.group(1) in stored
        assert User.objects.get(username=spec.username).check_password(match.group(1))
    assert "20/20" in err

    cases = list(Case.objects.all())
    assert len(cases) == 20
    for case in cases:
        assert case.roles.filter(role=RoleKind.VICTIM).exists(), case.reference
        events = list(case.events.order_by("position"))
        assert 1 <= len(events) <= 5
        dates = [event.occurred_on for event in events]
        assert dates == sorted(dates) and len(set(dates)) == len(dates)
        assert case.opened_on <= timezone.localdate()
        assert case.owner.name in DEMO_ORG_NAMES
        assert (case.status in {"closed", "closed_referred"}) == bool(case.closure_reason)
        if case.sensitivity == Sensitivity.RESTRICTED:
            assert case.team == team and case.owner == team.organisation
    assert AuditEntry.objects.filter(object_type="case", action="create").count() == 20
    assert verify_chain()[1] == []

    # Everything the services stored validates again after decryption.
    for person in Person.objects.all():
        if person.cnic:
            assert normalise_cnic(person.cnic) == person.cnic
        for phone in person.phones:
            assert normalise_phone(phone) == phone and phone.startswith("+923")

    before = counts()
    out2, _err2 = run_demo(cases=20, seed=1)
    assert "Demo data already loaded" in out2
    assert counts() == before
    assert path.read_text(encoding="utf-8") == stored


@pytest.mark.django_db
def test_demo_tops_up_missing_cases_without_new_users(var_dir):
    run_demo(cases=4, seed=3)
    users = User.objects.count()
    out, _err = run_demo(cases=7, seed=3)
    assert "Demo users exist; their passwords are in" in out
    assert Case.objects.count() == 7
    assert User.objects.count() == users


@pytest.mark.django_db
def test_demo_refuses_to_mix_with_real_cases(world, var_dir):
    with pytest.raises(CommandError, match="did not create"):
        run_demo(cases=2, seed=1)
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_recurring_suspect_is_found_again_by_cnic(var_dir):
    from rahai.demo.services import ensure_organisations

    orgs, _created = ensure_organisations()
    users, _credentials, _warnings = ensure_users(orgs)
    team = ensure_team(orgs, users)
    first = CaseWriter(orgs, users, team).person(pool_suspect(5, 2), users["fia"])
    again = CaseWriter(orgs, users, team).person(pool_suspect(5, 2), users["investigator"])
    assert first.pk == again.pk
    assert demo_organisations().keys() == orgs.keys()


def test_plans_are_deterministic():
    assert plan_case(9, 17, TODAY) == plan_case(9, 17, TODAY)
    assert plan_case(9, 17, TODAY) != plan_case(10, 17, TODAY)


def test_generated_identifiers_and_routes_are_valid():
    scenarios, restricted, shared, pool_uses = set(), 0, 0, {}
    for index in range(300):
        plan = plan_case(2026, index, TODAY)
        scenarios.add(plan.scenario)
        restricted += plan.restricted
        if plan.restricted:
            assert plan.owner == "ps_shahdara" and plan.case["district"] == "LHR"
            assert plan.actor == "investigator" and not plan.shares
        shared += any(key in {"ssdo", "shelter_lahore"} for key, _reason in plan.shares)
        victims = [r for r in plan.roles if r.data["role"] == "victim"]
        suspects = [r for r in plan.roles if r.data["role"] == "suspect"]
        assert 1 <= len(victims) <= 6 and len(suspects) <= 3
        assert 1 <= len(plan.events) <= 5
        dates = [event.occurred_on for event in plan.events]
        assert dates == sorted(dates) and len(set(dates)) == len(dates) and dates[-1] <= TODAY
        assert date(2023, 1, 1) <= plan.case["opened_on"] <= TODAY
        assert len(plan.case["title"]) <= 140 and "…" not in plan.case["summary"]
        if (
            "smuggling" in plan.case["case_types"]
            or "trafficking_transnational" in plan.case["case_types"]
        ):
            assert plan.owner.startswith("fia_")
        for person in plan.persons:
            if person.pool_key:
                pool_uses[person.pool_key] = pool_uses.get(person.pool_key, 0) + 1
            data = person.data
            assert data.get("given_name") or data.get("name_urdu")
            if data.get("cnic"):
                digits = normalise_cnic(data["cnic"])
                assert len(digits) == 13
                assert digits[0] in CNIC_PROVINCE_DIGIT.values()
                if not person.pool_key:
                    assert digits[0] == CNIC_PROVINCE_DIGIT[PROVINCE_OF[person.district]]
                assert int(digits[-1]) % 2 == (1 if data["gender"] == "male" else 0)
            for phone in data.get("phones", []):
                assert re.fullmatch(r"\+923\d{9}", normalise_phone(phone))
    assert len(scenarios) == 10
    assert 15 <= restricted <= 50  # about 10 %
    assert 35 <= shared <= 90  # about 20 %
    assert any(uses >= 2 for uses in pool_uses.values())


@pytest.mark.django_db
def test_load_reference_adds_only_what_is_missing():
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "nothing added" in out.getvalue()
    District.objects.get(code="NLM").delete()
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "Added 0 provinces, 1 districts, 0 countries" in out.getvalue()
    assert District.objects.filter(code="NLM").exists()


def test_name_tables_resolve_and_real_people_are_excluded():
    from rahai.demo import persons

    for table, groups in [
        (persons._MALE, persons._SPECIFIC_MALE),
        (persons._FEMALE, persons._SPECIFIC_FEMALE),
        (persons._FAMILY, persons._FAMILY_BY_COMMUNITY),
    ]:
        assert all(name in table for names in groups.values() for name in names)
    for index in range(300):
        for person in plan_case(2026, index, TODAY).persons:
            given, family = person.data.get("given_name", ""), person.data.get("family_name", "")
            assert given not in persons.EXCLUDED_GIVEN
            assert (given, family) not in persons.EXCLUDED_FULL
