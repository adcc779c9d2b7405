"""Loading the demo world: organisations, users, the restricted-case team, synthetic cases and
the hotline's queue of synthetic contacts.

Cases, persons, roles, events, shares and notes go through the same services as real data, so
they are validated, encrypted, indexed and audited exactly like it; hotline contacts go through
the real intake functions and the operator's services, so they are encrypted, triaged and alert
like real ones. Loading is idempotent: the organisations and users are created once, and cases
and contacts are added only up to the numbers asked for.
"""

from __future__ import annotations

import os
import random
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from rahai.accounts.models import Role, User
from rahai.cases import services as case_services
from rahai.cases.access import system_cases
from rahai.committees.demo import seed_committees
from rahai.demo.catalogue import (
    DEMO_ORG_NAMES,
    ORGANISATIONS,
    PARTNER_AUTHORS,
    PASSWORD_WORDS,
    TEAM_MEMBERS,
    TEAM_NAME,
    TEAM_ORG,
    USERS,
    UserSpec,
    actor_for,
    desk_specs,
)
from rahai.demo.contacts import OPERATOR, SUPERVISOR, ContactPlan, plan_contact
from rahai.demo.coordination import seed_coordination
from rahai.demo.generator import CasePlan, plan_case
from rahai.demo.persons import PersonPlan
from rahai.geo.models import Country, District, Province
from rahai.geo.reference import load_reference
from rahai.hotline import services as hotline_services
from rahai.hotline.access import system_contacts
from rahai.hotline.choices import Channel
from rahai.hotline.intake import ReportData, message_receive, receiving_hotline, web_report_submit
from rahai.hotline.models import Contact, DutyShift
from rahai.hotline.triage_apply import sla_due
from rahai.justice.demo import seed_justice
from rahai.justice.models import Law, Offence
from rahai.justice.reference import load_laws
from rahai.orgs.models import Organisation, Team
from rahai.people import services as people_services
from rahai.people.access import system_persons
from rahai.people.models import Person, PersonSearchKey, SearchKeyKind
from rahai.people.search import digest
from rahai.people.validation import normalise_cnic
from rahai.support.demo import seed_support

BATCH_SIZE = 25
CONTACT_BATCH_SIZE = 20
DEFAULT_CONTACTS = 60
SHIFT_HALF = timedelta(hours=12)
CREDENTIALS_FILE = "demo-credentials.txt"


@dataclass(frozen=True)
class Credential:
    username: str
    organisation: str
    roles: str
    password: str


def credentials_path() -> Path:
    return Path(settings.VAR_DIR) / CREDENTIALS_FILE


def make_password() -> str:
    """Three different words and four digits from ``secrets``: memorable, about 33 bits."""
    words = secrets.SystemRandom().sample(PASSWORD_WORDS, 3)
    return "-".join(words) + f"-{secrets.randbelow(10_000):04d}"


def demo_organisations() -> dict[str, Organisation]:
    by_name = {org.name: org for org in Organisation.objects.filter(name__in=DEMO_ORG_NAMES)}
    return {spec.key: by_name[spec.name] for spec in ORGANISATIONS if spec.name in by_name}


def demo_case_count() -> int:
    """Synthetic demo cases; the few the hotline makes from demo contacts are not counted."""
    return (
        system_cases(purpose="demo loader: count demo cases")
        .filter(owner__name__in=DEMO_ORG_NAMES, contacts__isnull=True)
        .count()
    )


def demo_contacts(hotline: Organisation):
    return system_contacts(purpose="demo loader: the demo hotline's contacts").filter(
        organisation=hotline
    )


def _all_users_exist() -> bool:
    names = [spec.username for spec in [*USERS, *desk_specs()]]
    return User.objects.filter(username__in=names).count() == len(names)


def other_case_count() -> int:
    return (
        system_cases(purpose="demo loader: refuse to mix with real cases")
        .exclude(owner__name__in=DEMO_ORG_NAMES)
        .count()
    )


@transaction.atomic
def ensure_organisations() -> tuple[dict[str, Organisation], int]:
    districts = {d.code: d for d in District.objects.select_related("province")}
    provinces = {p.code: p for p in Province.objects.all()}
    existing = demo_organisations()
    created = 0
    for spec in ORGANISATIONS:
        if spec.key in existing:
            continue
        district = districts[spec.district] if spec.district else None
        province = district.province if district else provinces.get(spec.province or "")
        existing[spec.key] = Organisation.objects.create(
            name=spec.name,
            name_ur=spec.name_ur,
            kind=spec.kind,
            jurisdiction_level=spec.level,
            province=province,
            district=district,
        )
        created += 1
    return existing, created


def _needed_as_actor(spec: UserSpec) -> bool:
    actors = {actor_for(spec.org) for spec in USERS} | {desk.username for desk in desk_specs()}
    return spec.username in actors | set(PARTNER_AUTHORS.values()) | set(TEAM_MEMBERS)


@transaction.atomic
def ensure_users(
    orgs: dict[str, Organisation],
) -> tuple[dict[str, User], list[Credential], list[str]]:
    """Create missing demo users; return them, the new sign-in credentials, and warnings."""
    roles = {role.code: role for role in Role.objects.all()}
    users: dict[str, User] = {}
    credentials: list[Credential] = []
    warnings: list[str] = []
    sign_in = {spec.username for spec in USERS}
    for spec in [*USERS, *desk_specs()]:
        organisation = orgs[spec.org]
        user = User.objects.filter(username=spec.username).first()
        if user is not None:
            if user.organisation_id != organisation.pk:
                if _needed_as_actor(spec):
                    raise CommandError(
                        f"User {spec.username!r} exists but does not belong to {organisation.name}; "
                        "load the demo into a fresh database."
                    )
                warnings.append(f"User {spec.username!r} already exists and was left unchanged.")
            users[spec.username] = user
            continue
        user = User(
            username=spec.username,
            first_name=spec.first_name,
            last_name="(demo)",
            organisation=organisation,
            email=spec.email,
            is_staff=spec.staff,
            is_superuser=spec.staff,
        )
        if spec.username in sign_in:
            password = make_password()
            user.set_password(password)
            credentials.append(
                Credential(spec.username, organisation.name, ", ".join(spec.roles), password)
            )
        else:
            user.set_unusable_password()
        user.save()
        user.roles.set([roles[code] for code in spec.roles])
        users[spec.username] = user
    return users, credentials, warnings


@transaction.atomic
def ensure_team(orgs: dict[str, Organisation], users: dict[str, User]) -> Team:
    team, _created = Team.objects.get_or_create(name=TEAM_NAME, organisation=orgs[TEAM_ORG])
    team.members.add(*[users[name] for name in TEAM_MEMBERS])
    return team


def format_credentials(rows: list[Credential]) -> str:
    header = Credential("username", "organisation", "roles", "password")
    table = [header, *rows]
    widths = [
        max(len(getattr(row, col)) for row in table)
        for col in ("username", "organisation", "roles", "password")
    ]
    lines = []
    for i, row in enumerate(table):
        cells = [row.username, row.organisation, row.roles, row.password]
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
        )
        if i == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def write_credentials(rows: list[Credential]) -> Path:
    """Append the new users' passwords to var/demo-credentials.txt, readable by the owner only."""
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    is_new = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        if is_new:
            handle.write(
                "# Rahai demo users. Synthetic data only: never use these accounts with real cases.\n"
            )
        handle.write(f"\n# Created {timezone.localtime():%Y-%m-%d %H:%M %Z}\n")
        handle.write(format_credentials(rows) + "\n")
    return path


class CaseWriter:
    """Writes CasePlans through the services, resolving codes to rows once."""

    def __init__(self, orgs: dict[str, Organisation], users: dict[str, User], team: Team):
        self.orgs, self.users, self.team = orgs, users, team
        self.districts = {d.code: d for d in District.objects.select_related("province")}
        self.countries = {c.code: c for c in Country.objects.all()}
        self.pool: dict[str, Person] = {}

    def _find_by_cnic(self, cnic: str) -> Person | None:
        key = digest(SearchKeyKind.CNIC, normalise_cnic(cnic))
        person_id = (
            PersonSearchKey.objects.filter(kind=SearchKeyKind.CNIC, digest=key)
            .order_by("person_id")
            .values_list("person_id", flat=True)
            .first()
        )
        if person_id is None:
            return None
        return system_persons(purpose="demo loader: reuse a recurring demo suspect").get(
            pk=person_id
        )

    def person(self, plan: PersonPlan, actor: User) -> Person:
        if plan.pool_key:
            if plan.pool_key not in self.pool:
                found = self._find_by_cnic(plan.data["cnic"])
                if found is not None:
                    self.pool[plan.pool_key] = found
            if plan.pool_key in self.pool:
                return self.pool[plan.pool_key]
        data = dict(plan.data)
        data["district"] = self.districts.get(plan.district) if plan.district else None
        data["citizenship"] = self.countries.get(plan.citizenship)
        person = people_services.person_create(user=actor, data=data)
        if plan.pool_key:
            self.pool[plan.pool_key] = person
        return person

    def write(self, plan: CasePlan):
        actor = self.users[plan.actor]
        data = dict(plan.case)
        data["district"] = self.districts[data["district"]]
        if plan.restricted:
            data["team"] = self.team
        case = case_services.case_create(user=actor, data=data)
        persons = [self.person(person, actor) for person in plan.persons]
        owner = self.orgs[plan.owner]
        for role in plan.roles:
            role_data = dict(role.data)
            if role_data.get("trafficking_status") in {"actual", "not"}:
                role_data["status_decided_by"] = owner
            case_services.case_role_add(
                user=actor, case=case, person=persons[role.person], data=role_data
            )
        for position, event in enumerate(plan.events, start=1):
            case_services.event_create(
                user=actor,
                case=case,
                data={
                    "event_type": event.event_type,
                    "district": self.districts[event.district] if event.district else None,
                    "country": self.countries[event.country] if event.country else None,
                    "place": event.place,
                    "occurred_on": event.occurred_on,
                    "date_is_approximate": event.approximate,
                    "description": event.description,
                    "person": persons[event.person] if event.person is not None else None,
                    "position": position,
                },
            )
        for key, reason in plan.shares:
            case_services.case_share(
                user=actor, case=case, organisation=self.orgs[key], reason=reason
            )
        for author, body in plan.notes:
            case_services.note_create(user=self.users[author], case=case, body=body)
        return case


def load_demo(
    *,
    cases: int,
    seed: int,
    stdout,
    stderr,
    force: bool = False,
    contacts: int = DEFAULT_CONTACTS,
) -> int:
    """Load the demo world, cases up to ``cases`` and hotline contacts up to ``contacts``;
    return how many cases were added."""
    orgs = demo_organisations()
    if (
        len(orgs) == len(ORGANISATIONS)
        and _all_users_exist()
        and demo_case_count() >= cases
        and demo_contacts(orgs["hotline"]).count() >= contacts
    ):
        _report_shift(ensure_duty_shift(orgs), stdout)
        stdout.write(
            f"Demo data already loaded ({demo_case_count()} demo cases, "
            f"{demo_contacts(orgs['hotline']).count()} hotline contacts)."
        )
        _load_coordination(orgs, ensure_users(orgs)[0], stdout=stdout)
        return 0
    if not force and other_case_count():
        raise CommandError(
            "This database holds cases that the demo did not create. Refusing to mix synthetic "
            "cases with them; use --force only on a test database."
        )
    added = load_reference(Province, District, Country)
    added.update(load_laws(Law, Offence, Province))
    if any(added.values()):
        stdout.write(
            "Reference data added: " + ", ".join(f"{n} {kind}" for kind, n in added.items())
        )
    orgs, created_orgs = ensure_organisations()
    users, credentials, warnings = ensure_users(orgs)
    team = ensure_team(orgs, users)
    for warning in warnings:
        stderr.write(warning)
    stdout.write(f"Demo organisations: {len(orgs)} ({created_orgs} new).")
    path = credentials_path()
    if credentials:
        write_credentials(credentials)
        stdout.write(
            "Demo users created. Passwords are shown once here and kept in "
            f"{path} (readable by you only):\n"
        )
        stdout.write(format_credentials(credentials) + "\n")
    elif path.exists():
        stdout.write(f"Demo users exist; their passwords are in {path}")
    else:
        stdout.write(
            f"Demo users exist, but {path} is missing; set new passwords with "
            "`manage.py changepassword <username>`."
        )
    added = _load_cases(orgs, users, team, cases=cases, seed=seed, stdout=stdout, stderr=stderr)
    _report_shift(ensure_duty_shift(orgs), stdout)
    _load_contacts(orgs, users, contacts=contacts, seed=seed, stdout=stdout, stderr=stderr)
    _load_coordination(orgs, users, stdout=stdout)
    return added


def _load_coordination(orgs, users, *, stdout) -> None:
    """The service directory and referrals in every state (each part idempotent)."""
    offerings, referrals = seed_coordination(orgs, users)
    plans = seed_support(orgs=orgs, users=users, rng=random.Random(2026))
    committees = seed_committees(orgs=orgs, users=users, rng=random.Random(2026))
    if offerings or referrals or plans or committees:
        stdout.write(
            f"Demo coordination: {offerings} service offerings, {referrals} referrals, "
            f"{plans} support plans, {committees} committees."
        )
    charges = seed_justice(orgs=orgs, users=users, rng=random.Random(2026))
    if charges:
        stdout.write(f"Demo prosecutions: {charges} charges, with their hearings and outcomes.")


def _load_cases(orgs, users, team, *, cases: int, seed: int, stdout, stderr) -> int:
    existing = demo_case_count()
    if existing >= cases:
        stdout.write(f"Demo cases: {existing} already loaded.")
        return 0
    writer = CaseWriter(orgs, users, team)
    today = timezone.localdate()
    started = time.monotonic()
    for start in range(existing, cases, BATCH_SIZE):
        end = min(start + BATCH_SIZE, cases)
        with transaction.atomic():
            for index in range(start, end):
                writer.write(plan_case(seed, index, today))
        stderr.write(f"  demo cases {end}/{cases} ({time.monotonic() - started:.1f}s)")
    added = cases - existing
    stdout.write(
        f"Added {added} demo cases (seed {seed}) in {time.monotonic() - started:.1f}s; "
        f"{demo_case_count()} demo cases in total."
    )
    return added


# --- the hotline's queue -------------------------------------------------------------------------


def ensure_duty_shift(orgs: dict[str, Organisation]) -> DutyShift | None:
    """Put the demo hotline supervisor on duty for now ± 12 hours unless a shift covers now;
    return the new shift (None when one already covers now or there is no such supervisor)."""
    if "hotline" not in orgs:
        return None
    supervisor = User.objects.filter(
        username=SUPERVISOR, organisation=orgs["hotline"], is_active=True
    ).first()
    if supervisor is None:
        return None
    now = timezone.now()
    if DutyShift.objects.filter(user=supervisor, starts_at__lte=now, ends_at__gt=now).exists():
        return None
    return DutyShift.objects.create(
        user=supervisor, starts_at=now - SHIFT_HALF, ends_at=now + SHIFT_HALF
    )


def _report_shift(shift: DutyShift | None, stdout) -> None:
    if shift is not None:
        stdout.write(
            f"{SUPERVISOR} is on duty until {timezone.localtime(shift.ends_at):%Y-%m-%d %H:%M}: "
            "crisis alerts go to them."
        )


class ContactWriter:
    """Sends ContactPlans through the hotline's intake and the operator's services."""

    def __init__(self, orgs: dict[str, Organisation], users: dict[str, User], seed: int):
        self.seed = seed
        operator = users[OPERATOR]
        supervisor = users.get(SUPERVISOR)
        if supervisor is None or supervisor.organisation_id != operator.organisation_id:
            supervisor = operator  # a pre-existing "hotline.supervisor" elsewhere: not staff here
        self.staff = {OPERATOR: operator, SUPERVISOR: supervisor}
        self.districts = {d.code: d for d in District.objects.all()}
        self.countries = {c.code: c for c in Country.objects.all()}

    def _report(self, plan: ContactPlan) -> ReportData:
        data = dict(plan.report)
        data["district"] = self.districts.get(data.get("district") or "")
        data["country"] = self.countries.get(data.get("country") or "")
        return ReportData(narrative=plan.narrative, **data)

    def _receive(self, plan: ContactPlan) -> Contact | None:
        if plan.channel == Channel.WEB:
            contact, _pin = web_report_submit(data=self._report(plan), uploads=[])
            return contact
        if plan.channel == Channel.PHONE:
            return hotline_services.call_log(
                user=self.staff[OPERATOR], data=self._report(plan), **plan.triage.as_kwargs()
            )
        code = "EM" if plan.channel == Channel.EMAIL else "SM"
        contact = None
        for number, body in enumerate(plan.messages):
            received = message_receive(
                channel=plan.channel,
                sender=plan.sender,
                body=body,
                external_id=f"DEMO-{code}{self.seed}-{plan.index:05d}-{number}",
            )
            if received.duplicate:
                return None  # loaded by an earlier run
            contact = received.contact
        return contact

    def write(self, plan: ContactPlan) -> Contact | None:
        contact = self._receive(plan)
        if contact is None:
            return None
        operator = self.staff[OPERATOR]
        now = timezone.now()
        last = now - timedelta(minutes=plan.age)
        received_at = last - timedelta(minutes=sum(plan.gaps))
        responded = None if plan.response is None else last + timedelta(minutes=plan.response)
        if plan.confirm:
            hotline_services.contact_triage_confirm(
                user=operator, contact=contact, **plan.triage.as_kwargs()
            )
        if plan.assign_to:
            hotline_services.contact_assign(
                user=self.staff[plan.assigned_by],
                contact=contact,
                assignee=self.staff[plan.assign_to],
            )
        if plan.case is not None:
            hotline_services.contact_create_case(
                user=operator,
                contact=contact,
                data={
                    "case_types": list(plan.case["case_types"]),
                    "district": self.districts[plan.case["district"]],
                    "opened_on": timezone.localdate(responded or received_at),
                    "title": plan.case["title"],
                    "summary": contact.narrative,
                    "status": "active",
                },
            )
        if plan.close:
            hotline_services.contact_close(user=operator, contact=contact)
        self._backdate(plan, contact, received_at, last, responded)
        return contact

    def _backdate(self, plan, contact, received_at, last, responded) -> None:
        """Spread the queue over the last days: the services stamped everything "now"."""
        fields = {
            "received_at": received_at,
            "last_message_at": last,
            "sla_due_at": sla_due(received_at, contact.urgency),
        }
        if responded is not None:
            fields["first_response_at"] = responded
            if contact.triage_confirmed_at is not None:
                fields["triage_confirmed_at"] = responded
        system_contacts(purpose="demo loader: date a synthetic contact").filter(
            pk=contact.pk
        ).update(**fields)
        at = received_at
        messages = list(contact.messages.order_by("at", "id").values_list("pk", flat=True))
        for pk, gap in zip(messages, [0, *plan.gaps], strict=False):
            at += timedelta(minutes=gap)
            contact.messages.filter(pk=pk).update(at=at)


def _load_contacts(orgs, users, *, contacts: int, seed: int, stdout, stderr) -> int:
    hotline = orgs["hotline"]
    existing = demo_contacts(hotline).count()
    if existing >= contacts:
        if contacts:
            stdout.write(f"Hotline contacts: {existing} already loaded.")
        return 0
    receiving = receiving_hotline()
    if receiving is None or receiving.pk != hotline.pk:
        stderr.write(
            f"Public reports go to {receiving.name if receiving else 'no hotline'}, not the demo "
            f"hotline; set RAHAI_HOTLINE_ORGANISATION={hotline.name!r} to load demo contacts."
        )
        return 0
    writer = ContactWriter(orgs, users, seed)
    started = time.monotonic()
    channels: dict[str, int] = {}
    crises = made_cases = 0
    for start in range(existing, contacts, CONTACT_BATCH_SIZE):
        end = min(start + CONTACT_BATCH_SIZE, contacts)
        with transaction.atomic():
            for index in range(start, end):
                plan = plan_contact(seed, index)
                if writer.write(plan) is None:
                    continue
                channel = "SMS/WhatsApp" if plan.channel in {"sms", "whatsapp"} else plan.channel
                channels[channel] = channels.get(channel, 0) + 1
                crises += plan.crisis
                made_cases += plan.case is not None
        stderr.write(f"  hotline contacts {end}/{contacts} ({time.monotonic() - started:.1f}s)")
    names = {"web": "web", "SMS/WhatsApp": "SMS/WhatsApp", "email": "email", "phone": "calls"}
    mix = ", ".join(f"{channels[key]} {label}" for key, label in names.items() if key in channels)
    total = demo_contacts(hotline).count()
    stdout.write(
        f"Added {total - existing} hotline contacts (seed {seed}) in "
        f"{time.monotonic() - started:.1f}s: {mix}; {crises} in immediate danger, "
        f"{made_cases} made into cases; {total} demo contacts in total."
    )
    return total - existing
