"""Loading the demo world: organisations, users, the restricted-case team and synthetic cases.

Cases, persons, roles, events, shares and notes go through the same services as real data, so
they are validated, encrypted, indexed and audited exactly like it. Loading is idempotent: the
organisations and users are created once, and cases are added only up to the number asked for.
"""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from rahai.accounts.models import Role, User
from rahai.cases import services as case_services
from rahai.cases.access import system_cases
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
from rahai.demo.generator import CasePlan, plan_case
from rahai.demo.persons import PersonPlan
from rahai.geo.models import Country, District, Province
from rahai.geo.reference import load_reference
from rahai.orgs.models import Organisation, Team
from rahai.people import services as people_services
from rahai.people.access import system_persons
from rahai.people.models import Person, PersonSearchKey, SearchKeyKind
from rahai.people.search import digest
from rahai.people.validation import normalise_cnic

BATCH_SIZE = 25
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
    return (
        system_cases(purpose="demo loader: count demo cases")
        .filter(owner__name__in=DEMO_ORG_NAMES)
        .count()
    )


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


def load_demo(*, cases: int, seed: int, stdout, stderr, force: bool = False) -> int:
    """Load the demo world and cases up to ``cases``; return how many cases were added."""
    orgs = demo_organisations()
    if len(orgs) == len(ORGANISATIONS) and demo_case_count() >= cases:
        stdout.write(f"Demo data already loaded ({demo_case_count()} demo cases).")
        return 0
    if not force and other_case_count():
        raise CommandError(
            "This database holds cases that the demo did not create. Refusing to mix synthetic "
            "cases with them; use --force only on a test database."
        )
    added = load_reference(Province, District, Country)
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
    return _load_cases(orgs, users, team, cases=cases, seed=seed, stdout=stdout, stderr=stderr)


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
