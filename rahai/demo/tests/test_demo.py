import re
import stat
from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from rahai.accounts.models import User
from rahai.audit.models import AuditEntry
from rahai.audit.verify import verify_chain
from rahai.cases.models import Case, CaseRole, CaseShare, Event, Note, RoleKind, Sensitivity
from rahai.demo.catalogue import DEMO_ORG_NAMES, ORGANISATIONS, TEAM_NAME, USERS
from rahai.demo.contact_texts import NARRATIVES
from rahai.demo.contacts import CRISES, TRIAGE, open_crisis, plan_contact
from rahai.demo.generator import PROVINCE_OF, plan_case, pool_suspect
from rahai.demo.persons import CNIC_PROVINCE_DIGIT
from rahai.demo.services import (
    CaseWriter,
    demo_case_count,
    demo_organisations,
    ensure_team,
    ensure_users,
)
from rahai.geo.models import District
from rahai.hotline.models import Contact, ContactMessage, ContactStatus, DutyShift
from rahai.hotline.selectors import sla_state, triage_queue
from rahai.hotline.triage import ScreeningAnswers, suggest
from rahai.hotline.triage_apply import sla_due
from rahai.notifications.models import Notification
from rahai.orgs.models import Organisation, OrganisationKind, Team
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
        "contacts": Contact.objects.count(),
        "messages": ContactMessage.objects.count(),
        "notifications": Notification.objects.count(),
        "shifts": DutyShift.objects.count(),
    }


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_demo_creates_world_and_cases_once(var_dir):
    out, err = run_demo(cases=20, seed=1, contacts=0)

    assert Organisation.objects.filter(name__in=DEMO_ORG_NAMES).count() == len(ORGANISATIONS)
    assert not Organisation.objects.filter(name_ur="").exists()
    for spec in USERS:
        user = User.objects.get(username=spec.username)
        assert user.organisation.name == next(o.name for o in ORGANISATIONS if o.key == spec.org)
        assert user.role_codes == frozenset(spec.roles)
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    hotline_supervisor = User.objects.get(username="hotline.supervisor")
    assert hotline_supervisor.email == "hotline.supervisor@example.org"
    assert hotline_supervisor.organisation.kind == OrganisationKind.HOTLINE
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
    out2, _err2 = run_demo(cases=20, seed=1, contacts=0)
    assert "Demo data already loaded" in out2
    assert counts() == before
    assert path.read_text(encoding="utf-8") == stored


@pytest.mark.django_db
def test_demo_tops_up_missing_cases_without_new_users(var_dir):
    run_demo(cases=4, seed=3, contacts=0)
    users = User.objects.count()
    out, _err = run_demo(cases=7, seed=3, contacts=0)
    assert "Demo users exist; their passwords are in" in out
    assert Case.objects.count() == 7
    assert User.objects.count() == users


@pytest.mark.django_db
def test_demo_refuses_to_mix_with_real_cases(world, var_dir):
    with pytest.raises(CommandError, match="did not create"):
        run_demo(cases=2, seed=1, contacts=3)
    assert Case.objects.count() == 1
    assert not Contact.objects.exists()


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


# --- the hotline queue ------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_fills_the_hotline_queue_once(var_dir, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        out, err = run_demo(cases=2, contacts=60, seed=2026)
    assert "Added 60 hotline contacts" in out and "60/60" in err
    hotline = demo_organisations()["hotline"]
    contacts = list(Contact.objects.all())
    assert len(contacts) == 60 and {c.organisation_id for c in contacts} == {hotline.pk}
    plans = [plan_contact(2026, index) for index in range(60)]

    # The mix of channels and languages, all triaged by Rahai's suggestion.
    channels = Counter(c.channel for c in contacts)
    assert channels["web"] == 24 and channels["email"] == 6 and channels["phone"] == 12
    assert channels["sms"] + channels["whatsapp"] == 18
    assert {c.language for c in contacts} == {"ur", "en"}
    assert all(c.suggested_class and c.contact_class for c in contacts)
    threads = [c for c in contacts if c.messages.count() >= 2]
    assert threads and all(c.channel in {"sms", "whatsapp"} for c in threads)
    assert all(
        m.external_id.startswith(("DEMO-SM2026-", "DEMO-EM2026-"))
        for m in ContactMessage.objects.all()
    )

    # Encrypted at rest like real reports.
    with connection.cursor() as cursor:
        cursor.execute("SELECT narrative FROM hotline_contact")
        stored = [row[0] for row in cursor.fetchall()]
    # (Compare whole plaintexts: a short word can turn up in random base64 by chance.)
    assert all(text.startswith("v1:") for text in stored if text)
    plaintexts = [c.narrative[:40] for c in contacts if len(c.narrative) >= 20]
    assert plaintexts and not any(plain in text for plain in plaintexts for text in stored)

    # Handling: calls logged by the operator, about 30 % confirmed afterwards, some assigned,
    # a few closed, five turned into cases by the hotline.
    operator = User.objects.get(username="operator")
    supervisor = User.objects.get(username="hotline.supervisor")
    calls = [c for c in contacts if c.channel == "phone"]
    assert all(c.created_by == operator and c.triage_confirmed_by == operator for c in calls)
    confirmed_later = [c for c in contacts if c.channel != "phone" and c.triage_confirmed_at]
    assert 12 <= len(confirmed_later) <= 24
    assert any(c.assigned_to == supervisor for c in contacts)
    assert 2 <= sum(c.status == ContactStatus.CLOSED for c in contacts) <= 15
    made = [c for c in contacts if c.case_id]
    assert len(made) == 5 and all(c.case.owner == hotline for c in made)
    assert demo_case_count() == 2 and Case.objects.count() == 7

    # Spread over the last 14 days, with SLA clocks that follow: overdue and due in the queue.
    now = timezone.now()
    for contact in contacts:
        assert now - timedelta(days=14) <= contact.received_at <= contact.last_message_at <= now
        assert contact.sla_due_at == sla_due(contact.received_at, contact.urgency)
        if contact.first_response_at:
            assert contact.received_at <= contact.first_response_at <= now
        times = list(contact.messages.values_list("at", flat=True))
        assert times == sorted(times) and (not times or times[-1] == contact.last_message_at)
    states = Counter(sla_state(c, now)[0] for c in triage_queue(operator))
    assert states["overdue"] and states["due"] and states["met"]

    # Two or three crises; each alerted the hotline supervisor on duty, in the app and by email;
    # one still waits in the queue, overdue.
    crises = [c for c in contacts if c.contact_class == "crisis"]
    assert 2 <= len(crises) == sum(plan.crisis for plan in plans) <= 3
    assert DutyShift.objects.filter(user=supervisor, starts_at__lte=now, ends_at__gt=now).exists()
    for crisis in crises:
        assert Notification.objects.filter(
            key=f"crisis:{crisis.pk}", user=supervisor, kind="hotline.crisis"
        ).exists()
    assert len(mailoutbox) == len(crises)
    assert {m.to[0] for m in mailoutbox} == {"hotline.supervisor@example.org"}
    assert [sla_state(c, now)[0] for c in crises].count("overdue") == 1
    assert plans[open_crisis(2026)].crisis
    assert verify_chain()[1] == []

    before = counts()
    out2, _err2 = run_demo(cases=2, contacts=60, seed=2026)
    assert "Demo data already loaded (2 demo cases, 60 hotline contacts)" in out2
    assert counts() == before


@pytest.mark.django_db
def test_demo_tops_up_the_queue_and_puts_the_supervisor_on_duty_again(var_dir):
    run_demo(cases=0, contacts=5, seed=4)
    DutyShift.objects.update(ends_at=timezone.now() - timedelta(minutes=1))
    out, _err = run_demo(cases=0, contacts=8, seed=4)
    assert "Added 3 hotline contacts" in out and "is on duty until" in out
    assert Contact.objects.count() == 8
    assert DutyShift.objects.count() == 2
    out, _err = run_demo(cases=0, contacts=8, seed=4)
    assert "already loaded" in out and DutyShift.objects.count() == 2


@pytest.mark.django_db
def test_demo_contacts_never_reach_another_hotline(var_dir):
    Organisation.objects.create(name="Another hotline", kind=OrganisationKind.HOTLINE)
    _out, err = run_demo(cases=0, contacts=4, seed=4)
    assert "not the demo hotline" in err
    assert not Contact.objects.exists()


def test_contact_plans_are_deterministic_and_only_crises_read_as_crises():
    assert plan_contact(9, 17) == plan_contact(9, 17)
    assert plan_contact(9, 17) != plan_contact(10, 17)
    assert set(NARRATIVES) == set(TRIAGE) | set(CRISES)
    for seed in (1, 2026):
        plans = [plan_contact(seed, index) for index in range(60)]
        assert 2 <= sum(plan.crisis for plan in plans) <= 3
        assert sum(plan.case is not None for plan in plans) == 5
        assert {"kiln", "domestic", "agent_abroad", "information", "non_substantive"} <= {
            plan.kind for plan in plans
        }
        senders = [plan.sender for plan in plans if plan.sender]
        assert len(set(senders)) == len(senders)  # conversations never cross
        for plan in plans:
            assert "{" not in plan.narrative and plan.triage.contact_class
            if plan.case is not None:
                assert plan.case["case_types"] and plan.case["district"] in PROVINCE_OF
            report = plan.report
            answers = ScreeningAnswers(
                immediate_danger=report.get("immediate_danger", "unknown"),
                children_involved=report.get("children_involved", "unknown"),
                persons_at_risk=report.get("persons_at_risk"),
                wants_referral=report.get("wants_referral", False),
                wants_information=report.get("wants_information", False),
            )
            if plan.channel != "phone":  # a call's triage is the operator's, not the text's
                suggested = suggest(text=plan.narrative, answers=answers).contact_class
                assert (suggested == "crisis") == plan.crisis, plan.narrative
            # Words alone never make a crisis of a report that is not one.
            assert plan.crisis or suggest(text=plan.narrative).contact_class != "crisis"


@pytest.mark.django_db
def test_demo_fills_the_directory_and_referrals_in_every_state_once(var_dir):
    from rahai.referrals.models import Referral
    from rahai.services_directory.models import ServiceOffering

    out, _err = run_demo(cases=60, seed=1, contacts=0)
    assert "Demo coordination" in out
    assert ServiceOffering.objects.filter(public=True).exists()
    assert ServiceOffering.objects.filter(public=False, service="shelter").exists()
    statuses = Counter(Referral.objects.values_list("status", flat=True))
    assert {"sent", "in_progress", "accepted", "completed", "info_requested"} <= set(statuses)
    assert Referral.objects.filter(parent__isnull=False).count() == 1
    assert Referral.objects.filter(respond_by__lt=timezone.now(), status="sent").exists()
    before = (ServiceOffering.objects.count(), Referral.objects.count())
    run_demo(cases=60, seed=1, contacts=0)
    assert (ServiceOffering.objects.count(), Referral.objects.count()) == before
    assert verify_chain()[1] == []
