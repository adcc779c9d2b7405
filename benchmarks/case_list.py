"""Benchmark: the case list (filters and search) at N synthetic cases.

    .venv/bin/python benchmarks/case_list.py --cases 100000
    .venv/bin/python benchmarks/case_list.py --cases 100000 --reuse \
        --database-url postgres://root@127.0.0.1:5432/rahai_bench

The script builds its own database (a fresh SQLite file under ``var/bench/`` by default, or the
PostgreSQL database given; every table is dropped and migrations re-run), bulk-generates N cases
with persons, search keys, roles and shares (not through the services: they audit each write),
then times what the list page asks of the database -- ``selectors.case_list`` with the paginator's
count and page 1 of 25 rows -- for three users and every filter and search kind, and the whole
HTTP request through the test client for one user.

Machines are shared and noisy, so every measurement is interleaved with a baseline (the same
page + count on the bare ``Case`` table: no access filter, no search) and reported as a ratio to
it. Figures go to ``docs/performance.md`` (machine, date, command line); tests never time anything.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_VERSION = "case_list/1"  # bump when the generated data changes shape
PAGE_SIZE = 25


# --------------------------------------------------------------------------------------------
# Settings: fixed keys so a reused database still decrypts, its own var dir and database.
# --------------------------------------------------------------------------------------------


def _fixed_key(label: str) -> str:
    """A 32-byte key in ``rahai.core.crypto.generate_key()`` format, derived from a label."""
    raw = hashlib.sha256(f"rahai-benchmark-only:{label}".encode()).digest()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def configure(args) -> str:
    var_dir = ROOT / "var" / "bench"
    (var_dir / "static").mkdir(parents=True, exist_ok=True)  # whitenoise wants STATIC_ROOT
    if args.database_url:
        url = args.database_url
        label = "postgresql" if url.startswith(("postgres", "pgsql")) else "custom"
    else:
        url = f"sqlite:///{var_dir / 'case_list.sqlite3'}"
        label = "sqlite"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "rahai.settings",
            "RAHAI_VAR_DIR": str(var_dir),
            "RAHAI_ENV_FILE": str(var_dir / "no-env-file"),
            "RAHAI_DEBUG": "0",
            "RAHAI_SECRET_KEY": "benchmark-only-" + _fixed_key("secret"),
            "RAHAI_DATA_KEYS": "b1:" + _fixed_key("data"),
            "RAHAI_INDEX_KEY": _fixed_key("index"),
            "RAHAI_AUDIT_KEY": _fixed_key("audit"),
            "RAHAI_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "DATABASE_URL": url,
        }
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    return label


def ensure_postgres_database(url: str) -> None:
    """Create the PostgreSQL database if it does not exist yet (connecting to ``postgres``)."""
    from urllib.parse import unquote, urlparse

    import psycopg
    from psycopg import sql

    parsed = urlparse(url)
    name = unquote(parsed.path.lstrip("/"))
    params = {
        "host": parsed.hostname,
        "port": parsed.port or 5432,
        "user": unquote(parsed.username or ""),
    }
    if parsed.password:
        params["password"] = unquote(parsed.password)
    try:
        psycopg.connect(dbname=name, **params).close()
        return
    except psycopg.OperationalError:
        pass
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# --------------------------------------------------------------------------------------------
# Database: fresh (drop every table, migrate) or reused.
# --------------------------------------------------------------------------------------------


def meta_path(label: str) -> Path:
    return ROOT / "var" / "bench" / f"case_list.{label}.json"


def reusable(label: str, n_cases: int, seed: int) -> dict | None:
    from django.db import connection

    path = meta_path(label)
    if not path.is_file():
        return None
    meta = json.loads(path.read_text())
    if meta.get("names") != names_fingerprint():
        return None  # the name lists changed: the data would not be the same any more
    if (
        meta.get("version") != BENCH_VERSION
        or meta.get("cases") != n_cases
        or meta.get("seed") != seed
    ):
        return None
    if "cases_case" not in connection.introspection.table_names():
        return None
    from rahai.cases.models import Case

    return meta if Case.objects.count() == n_cases else None


def names_fingerprint() -> str:
    from rahai.demo import names_data

    lists = (names_data.MALE_GIVEN, names_data.FEMALE_GIVEN, names_data.FAMILY_NAMES)
    return hashlib.sha256(repr(lists).encode()).hexdigest()[:16]


def fresh_database(label: str) -> None:
    from django.core.management import call_command
    from django.db import connection

    meta_path(label).unlink(missing_ok=True)
    if connection.vendor == "sqlite":
        connection.close()
        db = Path(connection.settings_dict["NAME"])
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    else:
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names():
                cursor.execute(f'DROP TABLE IF EXISTS "{table}" CASCADE')
    call_command("migrate", interactive=False, verbosity=0)


def migrate_reused() -> bool:
    """Bring a reused database up to the code's migrations (a new index, say); True if any ran."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return False
    call_command("migrate", interactive=False, verbosity=0)
    analyze()
    return True


def analyze() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        connection.ensure_connection()
        autocommit = connection.get_autocommit()
        connection.set_autocommit(True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        connection.set_autocommit(autocommit)
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# --------------------------------------------------------------------------------------------
# Synthetic data.
# --------------------------------------------------------------------------------------------

# (name, kind, jurisdiction, district code, relative share of cases owned)
ORGANISATIONS = [
    ("FIA AHTC Lahore Circle", "fia_ahtc", "district", "LHR", 8.0),  # the "large organisation"
    ("FIA Anti-Human Trafficking Headquarters", "fia_ahtc", "national", "ISB", 1.0),
    ("National Anti-Trafficking Hotline", "hotline", "national", "ISB", 1.5),
    ("Punjab Anti-Trafficking Cell", "tip_committee", "province", "LHR", 1.0),
    ("Sindh Anti-Trafficking Committee", "tip_committee", "province", "KSO", 0.8),
    ("Khyber Pakhtunkhwa Anti-Trafficking Committee", "tip_committee", "province", "PEW", 0.6),
    ("Balochistan Anti-Trafficking Committee", "tip_committee", "province", "QTA", 0.4),
    ("FIA AHTC Karachi Circle", "fia_ahtc", "district", "KSO", 5.0),
    ("FIA AHTC Islamabad Circle", "fia_ahtc", "district", "ISB", 4.0),
    ("FIA AHTC Peshawar Circle", "fia_ahtc", "district", "PEW", 3.5),
    ("FIA AHTC Quetta Circle", "fia_ahtc", "district", "QTA", 2.5),
    ("FIA AHTC Multan Circle", "fia_ahtc", "district", "MUX", 3.0),
    ("FIA AHTC Faisalabad Circle", "fia_ahtc", "district", "FSD", 3.0),
    ("FIA AHTC Gujranwala Circle", "fia_ahtc", "district", "GRW", 3.5),
    ("FIA AHTC Sialkot Circle", "fia_ahtc", "district", "SKT", 2.0),
    ("FIA AHTC Hyderabad Circle", "fia_ahtc", "district", "HYD", 2.0),
    ("FIA AHTC Rawalpindi Circle", "fia_ahtc", "district", "RWP", 2.5),
    ("Police Station Shahdara, Lahore", "police_station", "district", "LHR", 2.0),
    ("Police Station Kot Lakhpat, Lahore", "police_station", "district", "LHR", 1.5),
    ("Police Station Saddar, Karachi", "police_station", "district", "KSO", 2.0),
    ("Police Station Orangi, Karachi", "police_station", "district", "KWE", 1.5),
    ("Police Station Gulshan, Karachi", "police_station", "district", "KEA", 1.2),
    ("Police Station Civil Lines, Faisalabad", "police_station", "district", "FSD", 1.5),
    ("Police Station Cantt, Multan", "police_station", "district", "MUX", 1.2),
    ("Police Station Sadar, Kasur", "police_station", "district", "KSR", 1.8),
    ("Police Station City, Sheikhupura", "police_station", "district", "SKP", 1.2),
    ("Police Station Sargodha City", "police_station", "district", "SGD", 1.0),
    ("Police Station Rahim Yar Khan", "police_station", "district", "RYK", 1.4),
    ("Police Station Bahawalpur Saddar", "police_station", "district", "BWP", 1.0),
    ("Police Station Sukkur City", "police_station", "district", "SUK", 0.9),
    ("Police Station Larkana", "police_station", "district", "LRK", 0.8),
    ("Police Station Mardan", "police_station", "district", "MDN", 0.8),
    ("Police Station Swat", "police_station", "district", "SWT", 0.6),
    ("Police Station Dera Ismail Khan", "police_station", "district", "DIK", 0.6),
    ("Lahore Shelter NGO", "ngo", "district", "LHR", 1.5),
    ("Karachi Women's Shelter", "shelter", "district", "KCE", 1.2),
    ("Bonded Labour Liberation Front, Kasur", "ngo", "district", "KSR", 1.5),
    ("Brick Kiln Workers Legal Aid, Sheikhupura", "legal_aid", "district", "SKP", 0.9),
    ("Dar-ul-Aman Multan", "shelter", "district", "MUX", 0.7),
    ("Dar-ul-Aman Peshawar", "shelter", "district", "PEW", 0.6),
    ("Migrant Rights Centre, Gujranwala", "ngo", "district", "GRW", 1.0),
    ("Child Protection Bureau, Rawalpindi", "ngo", "district", "RWP", 0.8),
    ("Hyderabad Legal Aid Society", "legal_aid", "district", "HYD", 0.6),
    ("Quetta Women's Crisis Centre", "shelter", "district", "QTA", 0.5),
    ("Labour Department Punjab, Lahore", "labour_department", "district", "LHR", 0.8),
    ("Labour Department Sindh, Hyderabad", "labour_department", "district", "HYD", 0.6),
    ("District Vigilance Committee Kasur", "dvc", "district", "KSR", 0.5),
    ("District Vigilance Committee Rahim Yar Khan", "dvc", "district", "RYK", 0.4),
    ("District Vigilance Committee Sanghar", "dvc", "district", "SGR", 0.4),
    ("Gilgit Anti-Trafficking Desk", "tip_committee", "district", "GLT", 0.3),
]
LARGE_ORG = ORGANISATIONS[0][0]

STATUS_MIX = [("closed", 50), ("active", 27), ("follow_up", 13), ("closed_referred", 10)]
CLOSURE_REASONS = [
    "services_completed",
    "conviction",
    "victim_declined",
    "lost_contact",
    "not_trafficking",
    "other",
]
TYPE_MIX = [
    ("is_trafficking_internal", 40),
    ("is_bonded_labour", 25),
    ("is_smuggling", 20),
    ("is_trafficking_transnational", 15),
]
TITLES = [
    "Brick kiln family",
    "Domestic worker",
    "Agricultural labourers",
    "Carpet weavers",
    "Girls promised jobs abroad",
    "Forced marriage",
    "Camel jockeys returned",
    "Boat interception",
    "Forced begging ring",
    "Fishing crew",
    "Visa agent fraud",
]
ROLE_MIX = [("victim", 60), ("suspect", 25), ("witness", 8), ("reporter", 7)]
PERSONS_PER_CASE = [(1, 60), (2, 30), (3, 7), (4, 3)]  # mean 1.53
MOBILE_PREFIXES = (
    [f"30{d}" for d in range(10)]
    + [f"31{d}" for d in range(7)]
    + [f"32{d}" for d in range(5)]
    + [f"33{d}" for d in range(7)]
    + [f"34{d}" for d in range(7)]
)
CNIC_FIRST = {"KP": "1", "PB": "3", "SD": "4", "BA": "5", "IS": "6", "GB": "7", "JK": "8"}
OPENED_FROM = date(2017, 1, 1)
OPENED_TO = date(2026, 11, 27)


def _weighted(pairs):
    values = [value for value, _weight in pairs]
    cum, total = [], 0.0
    for _value, weight in pairs:
        total += weight
        cum.append(total)
    return values, cum


def _zipf(items, exponent=1.0):
    return _weighted([(item, 1.0 / (rank + 1) ** exponent) for rank, item in enumerate(items)])


class Names:
    """Pakistani names from ``rahai.demo.names_data`` with Zipf-like frequencies."""

    def __init__(self, rng: random.Random):
        from rahai.demo import names_data

        self.rng = rng
        self.male = _zipf(names_data.MALE_GIVEN, 0.9)
        self.female = _zipf(names_data.FEMALE_GIVEN, 0.9)
        self.family = _zipf(names_data.FAMILY_NAMES, 0.8)
        self.male_list = names_data.MALE_GIVEN
        self.female_list = names_data.FEMALE_GIVEN
        self.family_list = names_data.FAMILY_NAMES

    def pick(self, table):
        values, cum = table
        return self.rng.choices(values, cum_weights=cum)[0]

    def spelt(self, entry) -> str:
        roman, _urdu, variants = entry
        if variants and self.rng.random() < 0.25:
            return self.rng.choice(variants)
        return roman

    def given(self, gender: str):
        """(roman, urdu) of a given name; a third of men carry a leading Muhammad."""
        if gender == "female":
            entry = self.pick(self.female)
            return self.spelt(entry), entry[1]
        entry = self.pick(self.male)
        if entry[0] != "Muhammad" and self.rng.random() < 0.33:
            muhammad = self.male_list[0]
            return f"{self.spelt(muhammad)} {self.spelt(entry)}", f"{muhammad[1]} {entry[1]}"
        return self.spelt(entry), entry[1]

    def family_name(self):
        if self.rng.random() < 0.1:
            return "", ""
        entry = self.pick(self.family)
        return self.spelt(entry), entry[1]


@dataclass
class World:
    organisations: list = field(default_factory=list)
    large_org: object = None
    province_org: object = None
    national_org: object = None
    caseworker: object = None
    province_supervisor: object = None
    national_supervisor: object = None
    staff: dict = field(default_factory=dict)  # organisation id -> a staff user
    teams: dict = field(default_factory=dict)  # organisation id -> a restricted team


def make_world(create: bool) -> World:
    """Organisations, users and teams (created when ``create``, else looked up)."""
    from rahai.accounts.models import Role, RoleCode, User
    from rahai.geo.models import District
    from rahai.orgs.models import Organisation, Team

    districts = {d.code: d for d in District.objects.select_related("province")}
    world = World()
    for name, kind, level, code, _share in ORGANISATIONS:
        district = districts[code]
        if create:
            org = Organisation.objects.create(
                name=name,
                kind=kind,
                jurisdiction_level=level,
                province=district.province,
                district=None if level != "district" else district,
            )
            staff = User(username=f"staff-{org.pk}", organisation=org)
            staff.set_unusable_password()
            staff.save()
            staff.roles.set([Role.objects.get(code=RoleCode.CASEWORKER)])
            team = Team.objects.create(name="Child protection", organisation=org)
            team.members.add(staff)
        else:
            org = Organisation.objects.get(name=name)
            staff = User.objects.get(username=f"staff-{org.pk}")
            team = Team.objects.get(organisation=org, name="Child protection")
        world.organisations.append(org)
        world.staff[org.pk] = staff
        world.teams[org.pk] = team
    by_name = {org.name: org for org in world.organisations}
    world.large_org = by_name[LARGE_ORG]
    world.province_org = by_name["Punjab Anti-Trafficking Cell"]
    world.national_org = by_name["FIA Anti-Human Trafficking Headquarters"]

    def user(username, org, role):
        if create:
            person = User(username=username, organisation=org)
            person.set_unusable_password()
            person.save()
            person.roles.set([Role.objects.get(code=role)])
            world.teams[org.pk].members.add(person)
            return person
        return User.objects.get(username=username)

    world.caseworker = user("bench-caseworker", world.large_org, RoleCode.CASEWORKER)
    world.province_supervisor = user(
        "bench-province-supervisor", world.province_org, RoleCode.SUPERVISOR
    )
    world.national_supervisor = user(
        "bench-national-supervisor", world.national_org, RoleCode.SUPERVISOR
    )
    return world


def generate(world: World, n_cases: int, seed: int, batch_size: int, verbose: bool) -> dict:
    from django.db import transaction

    from rahai.cases.models import Case, CaseReferenceCounter, CaseRole, CaseShare
    from rahai.geo.models import District
    from rahai.people.models import Person, PersonSearchKey
    from rahai.people.search import person_search_digests

    rng = random.Random(seed)
    names = Names(rng)
    districts = list(District.objects.select_related("province"))
    by_province: dict[int, list] = {}
    for district in districts:
        by_province.setdefault(district.province_id, []).append(district)
    orgs = world.organisations
    org_pick = _weighted(
        [(org, share) for org, (*_, share) in zip(orgs, ORGANISATIONS, strict=True)]
    )
    share_targets = [org for org in orgs if org.kind in {"ngo", "shelter", "legal_aid", "fia_ahtc"}]
    status_pick = _weighted(STATUS_MIX)
    type_pick = _weighted(TYPE_MIX)
    role_pick = _weighted(ROLE_MIX)
    count_pick = _weighted(PERSONS_PER_CASE)
    span = (OPENED_TO - OPENED_FROM).days
    counters: dict[tuple[str, int], int] = {}
    recent_suspects: list[int] = []  # person ids that reappear as suspects in later cases
    timings = {"cases": 0.0, "persons": 0.0, "search_keys": 0.0, "roles_shares": 0.0}
    totals = {"cases": 0, "persons": 0, "search_keys": 0, "roles": 0, "shares": 0}

    def pick(table):
        values, cum = table
        return rng.choices(values, cum_weights=cum)[0]

    def opened_on() -> date:
        # More cases in recent years: the square root skews towards the end of the span.
        return OPENED_FROM + timedelta(days=int(span * rng.random() ** 0.6))

    def case_district(org):
        if org.jurisdiction_level == "district" and rng.random() < 0.75:
            return org.district
        if org.jurisdiction_level in {"district", "province"} and rng.random() < 0.8:
            return rng.choice(by_province[org.province_id])
        return rng.choice(districts)

    def new_person(org, role, district, transnational):
        if role == "victim":
            gender = "female" if rng.random() < 0.55 else "male"
        else:
            gender = "male" if rng.random() < 0.85 else "female"
        given, given_ur = names.given(gender)
        family, family_ur = names.family_name()
        person = Person(owner=org, gender=gender, district=district)
        roll = rng.random()
        if roll < 0.05:  # recorded in Urdu script only
            person.name_urdu = f"{given_ur} {family_ur}".strip()
        else:
            person.given_name, person.family_name = given, family
            if roll < 0.45:
                person.name_urdu = f"{given_ur} {family_ur}".strip()
        if rng.random() < 0.5:
            father, _ = names.given("male")
            person.father_name = f"{father} {names.family_name()[0]}".strip()
        if rng.random() < 0.05:
            person.aliases = [names.given(gender)[0]]
        if rng.random() < 0.45:
            first = CNIC_FIRST.get(district.province.code, "3")
            person.cnic = first + "".join(rng.choices("0123456789", k=12))
        if rng.random() < 0.4:
            person.phones = [
                f"+92{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7):07d}"
                for _ in range(1 if rng.random() < 0.85 else 2)
            ]
        if transnational and rng.random() < 0.5:
            person.passport_number = (
                "".join(rng.choices("ABCDEFGHJKLMNPRSTUVWXYZ", k=2)) + f"{rng.randrange(10**7):07d}"
            )
        if rng.random() < 0.6:
            person.estimated_age = rng.randint(8, 55) if role == "victim" else rng.randint(20, 65)
        return person

    made = 0
    started = time.perf_counter()
    while made < n_cases:
        size = min(batch_size, n_cases - made)
        with transaction.atomic():
            t0 = time.perf_counter()
            cases = []
            for _ in range(size):
                org = pick(org_pick)
                district = case_district(org)
                opened = opened_on()
                prefix = f"{district.province.code}-{district.code}"
                key = (prefix, opened.year)
                counters[key] = counters.get(key, 0) + 1
                status = pick(status_pick)
                case = Case(
                    reference=f"{prefix}-{opened.year}-{counters[key]:06d}",
                    status=status,
                    closure_reason=rng.choice(CLOSURE_REASONS)
                    if status == "closed"
                    else ("referred" if status == "closed_referred" else ""),
                    owner=org,
                    district=district,
                    opened_on=opened,
                    title=f"{rng.choice(TITLES)}, {rng.randint(1, 9)} persons",
                    summary="Synthetic benchmark case. " * rng.randint(1, 4),
                    fir_number=f"FIR {rng.randint(1, 999)}/{opened.year}"
                    if rng.random() < 0.4
                    else "",
                    created_by=world.staff[org.pk],
                )
                setattr(case, pick(type_pick), True)
                if rng.random() < 0.1:
                    setattr(case, pick(type_pick), True)
                if rng.random() < 0.03:
                    case.sensitivity = "restricted"
                    case.team = world.teams[org.pk]
                cases.append(case)
            Case.objects.bulk_create(cases, batch_size=batch_size)
            t1 = time.perf_counter()

            persons, role_plan = [], []  # role_plan: (case, person index or existing id, role)
            for case in cases:
                transnational = case.is_trafficking_transnational or case.is_smuggling
                for slot in range(pick(count_pick)):
                    role = "victim" if slot == 0 else pick(role_pick)
                    if role == "suspect" and recent_suspects and rng.random() < 0.15:
                        role_plan.append((case, ("id", rng.choice(recent_suspects)), role))
                        continue
                    persons.append(new_person(case.owner, role, case.district, transnational))
                    role_plan.append((case, ("new", len(persons) - 1), role))
            Person.objects.bulk_create(persons, batch_size=batch_size)
            t2 = time.perf_counter()

            keys = [
                PersonSearchKey(person_id=person.pk, kind=kind, digest=value)
                for person in persons
                for kind, value in person_search_digests(person)
            ]
            PersonSearchKey.objects.bulk_create(keys, batch_size=batch_size)
            t3 = time.perf_counter()

            roles, seen = [], set()
            for case, (source, ref), role in role_plan:
                person_id = persons[ref].pk if source == "new" else ref
                if (case.pk, person_id, role) in seen:
                    continue
                seen.add((case.pk, person_id, role))
                victim = role == "victim"
                roles.append(
                    CaseRole(
                        case_id=case.pk,
                        person_id=person_id,
                        role=role,
                        trafficking_status=rng.choice(["possible", "actual", "actual"])
                        if victim
                        else "",
                        exploitation_types=[
                            rng.choice(
                                [
                                    "forced_labour",
                                    "bonded_labour",
                                    "sexual",
                                    "servitude",
                                    "forced_begging",
                                ]
                            )
                        ]
                        if victim
                        else [],
                        perpetrator_roles=[rng.choice(["recruiter", "exploiter", "transporter"])]
                        if role == "suspect"
                        else [],
                    )
                )
                if role == "suspect" and source == "new":
                    recent_suspects.append(person_id)
            del recent_suspects[:-2000]
            CaseRole.objects.bulk_create(roles, batch_size=batch_size)

            shares = []
            for case in cases:
                if rng.random() < 0.12:
                    target = rng.choice(share_targets)
                    if target.pk == case.owner_id:
                        continue
                    revoked = rng.random() < 0.1
                    shares.append(
                        CaseShare(
                            case_id=case.pk,
                            organisation=target,
                            shared_by=world.staff[case.owner_id],
                            reason="shelter and legal aid",
                            revoked_at=case.created_at if revoked else None,
                        )
                    )
            CaseShare.objects.bulk_create(shares, batch_size=batch_size)
            t4 = time.perf_counter()

        timings["cases"] += t1 - t0
        timings["persons"] += t2 - t1
        timings["search_keys"] += t3 - t2
        timings["roles_shares"] += t4 - t3
        totals["cases"] += len(cases)
        totals["persons"] += len(persons)
        totals["search_keys"] += len(keys)
        totals["roles"] += len(roles)
        totals["shares"] += len(shares)
        made += size
        if verbose:
            elapsed = time.perf_counter() - started
            print(f"  generated {made:>7,} / {n_cases:,} cases  ({elapsed:6.1f} s)", flush=True)

    CaseReferenceCounter.objects.bulk_create(
        [
            CaseReferenceCounter(prefix=prefix, year=year, last=last)
            for (prefix, year), last in counters.items()
        ]
    )
    return {"timings": timings, "totals": totals}


# --------------------------------------------------------------------------------------------
# Measuring.
# --------------------------------------------------------------------------------------------


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def baseline_query():
    """The same page + count on the bare Case table: no access filter, no search."""
    from rahai.cases.models import Case

    t0 = time.perf_counter()
    rows = list(Case.objects.order_by("-opened_on", "-id")[:PAGE_SIZE])
    total = Case.objects.count()
    assert rows and total
    return time.perf_counter() - t0


def list_query(user, filters, page_number=1):
    """What the list view asks of the database: the paginator's count, then one page of rows."""
    from django.core.paginator import Paginator

    from rahai.cases import selectors

    t0 = time.perf_counter()
    paginator = Paginator(selectors.case_list(user, filters), PAGE_SIZE)
    total = paginator.count
    t1 = time.perf_counter()
    page = paginator.get_page(page_number)
    for case in page.object_list:  # what the template touches
        _ = (case.reference, case.owner.name, case.district.name, case.district.province.name)
    t2 = time.perf_counter()
    return total, t1 - t0, t2 - t1


@dataclass
class Result:
    user: str
    scenario: str
    matches: int | str
    count_ms: list[float]
    page_ms: list[float]
    total_ms: list[float]
    base_ms: list[float]

    @property
    def ratio(self) -> float:
        return statistics.median(self.total_ms) / statistics.median(self.base_ms)


def measure(user_label, scenario, func, runs, warmup) -> Result:
    """``func`` returns (matches, count seconds, page seconds); interleaved with the baseline."""
    for _ in range(warmup):
        baseline_query()
        func()
    counts, pages, totals, bases = [], [], [], []
    matches = None
    for _ in range(runs):
        bases.append(_ms(baseline_query()))
        t0 = time.perf_counter()
        matches, count_s, page_s = func()
        totals.append(_ms(time.perf_counter() - t0))
        counts.append(_ms(count_s))
        pages.append(_ms(page_s))
    return Result(user_label, scenario, matches, counts, pages, totals, bases)


def search_samples(world: World) -> dict[str, str]:
    """Search terms taken from the data: identifiers of a person in the large org's cases."""
    from rahai.cases.models import CaseRole
    from rahai.demo import names_data

    rare_given = {entry[0] for entry in names_data.MALE_GIVEN[-40:] + names_data.FEMALE_GIVEN[-30:]}
    rare_family = {entry[0] for entry in names_data.FAMILY_NAMES[-40:]}
    samples: dict[str, str] = {}
    roles = (
        CaseRole.objects.filter(case__owner=world.large_org, role="victim")
        .select_related("person", "case")
        .order_by("-case__opened_on", "id")
    )
    for role in roles.iterator(chunk_size=500):
        person = role.person
        samples.setdefault("reference", role.case.reference)
        if person.cnic and "cnic" not in samples:
            samples["cnic"] = f"{person.cnic[:5]}-{person.cnic[5:12]}-{person.cnic[12]}"
        if person.phones and "phone" not in samples:
            local = "0" + person.phones[0].removeprefix("+92")
            samples["phone"] = f"{local[:4]} {local[4:]}"
        if (
            "rare" not in samples
            and person.given_name in rare_given
            and person.family_name in rare_family
        ):
            samples["rare"] = f"{person.given_name} {person.family_name}"
        if len(samples) == 4:
            break
    samples.setdefault("rare", "Gurdeep Singh")
    samples["common"] = "Muhammad Ali"
    samples["urdu"] = "عمران خان"
    return samples


def scenarios(world: World, samples: dict[str, str]):
    from rahai.cases.selectors import CaseFilters

    year = OPENED_TO.year
    return [
        ("no filter", CaseFilters()),
        ("status=active", CaseFilters(status="active")),
        ("case type=bonded labour", CaseFilters(case_type="bonded_labour")),
        ("province=Punjab", CaseFilters(province="PB")),
        ("district=Lahore", CaseFilters(district="LHR")),
        (
            f"opened {year - 1}-01-01..06-30",
            CaseFilters(opened_from=date(year - 1, 1, 1), opened_to=date(year - 1, 6, 30)),
        ),
        ("owner=large org", CaseFilters(owner=world.large_org.pk)),
        (
            "combined: type+status+PB+dates",
            CaseFilters(
                case_type="trafficking_internal",
                status="active",
                province="PB",
                opened_from=date(year - 2, 1, 1),
                opened_to=OPENED_TO,
            ),
        ),
        ("search reference", CaseFilters(q=samples["reference"])),
        ("search CNIC", CaseFilters(q=samples["cnic"])),
        ("search phone", CaseFilters(q=samples["phone"])),
        ("search 'Muhammad Ali'", CaseFilters(q=samples["common"])),
        ("search rare name", CaseFilters(q=samples["rare"])),
        ("search Urdu 'عمران خان'", CaseFilters(q=samples["urdu"])),
        ("search 'Muhammad Ali' + active", CaseFilters(q=samples["common"], status="active")),
    ]


def http_results(world: World, samples: dict[str, str], runs: int, warmup: int) -> list[Result]:
    from django.test import Client
    from django.test.utils import override_settings

    results = []
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        client = Client()
        client.force_login(world.caseworker)

        def get_active():
            t0 = time.perf_counter()
            response = client.get("/cases/?status=active")
            assert response.status_code == 200, response.status_code
            return "-", 0.0, time.perf_counter() - t0

        def post_search():
            t0 = time.perf_counter()
            response = client.post("/cases/", {"q": samples["common"]}, follow=True)
            assert response.status_code == 200 and response.redirect_chain, response.status_code
            return "-", 0.0, time.perf_counter() - t0

        results.append(
            measure("caseworker", "HTTP GET /cases/?status=active", get_active, runs, warmup)
        )
        results.append(
            measure(
                "caseworker",
                f"HTTP POST search '{samples['common']}' + follow",
                post_search,
                runs,
                warmup,
            )
        )
    return results


def explain(users, named_filters, only: str) -> None:
    """The database's plan for each count and page query (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    for user_label, user in users:
        for name, filters in named_filters:
            if only and only not in name:
                continue
            with CaptureQueriesContext(connection) as queries:
                list_query(user, filters)
            for query in queries.captured_queries:
                sql = query["sql"]
                if "cases_case" not in sql:
                    continue
                print(f"-- {user_label} / {name}: {'count' if 'COUNT(*)' in sql[:40] else 'page'}")
                with connection.cursor() as cursor:
                    cursor.execute(prefix + sql)
                    for row in cursor.fetchall():
                        print("   ", row[-1])
    print()


def print_table(results: list[Result], title: str) -> None:
    header = (
        f"{'user':<20} {'scenario':<40} {'matches':>8} {'count med':>10} {'page med':>9} "
        f"{'total med':>10} {'total p95':>10} {'base med':>9} {'x base':>7}"
    )
    print(title)
    print(header)
    print("-" * len(header))
    for r in results:
        count = statistics.median(r.count_ms)
        page = statistics.median(r.page_ms)
        print(
            f"{r.user:<20} {r.scenario:<40} {r.matches!s:>8} "
            f"{count:>10.1f} {page:>9.1f} {statistics.median(r.total_ms):>10.1f} "
            f"{p95(r.total_ms):>10.1f} {statistics.median(r.base_ms):>9.1f} {r.ratio:>7.1f}"
        )
    print()


def versions() -> str:
    import sqlite3

    import django
    from django.db import connection

    parts = [f"Python {sys.version.split()[0]}", f"Django {django.get_version()}"]
    if connection.vendor == "sqlite":
        parts.append(f"SQLite {sqlite3.sqlite_version}")
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            parts.append(f"PostgreSQL {cursor.fetchone()[0]}")
    return ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument(
        "--database-url", default="", help="postgres://... (default: SQLite file under var/bench/)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep a database generated earlier with the same --cases and --seed",
    )
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--no-analyze", action="store_true", help="skip ANALYZE after generating")
    parser.add_argument("--only", default="", help="run only scenarios whose name contains this")
    parser.add_argument("--explain", action="store_true", help="print the query plans too")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()

    label = configure(args)
    if label == "postgresql":
        ensure_postgres_database(args.database_url)
    import django

    django.setup()
    from django.db import connection

    print(
        f"Rahai case list benchmark: {args.cases:,} cases on {connection.vendor} "
        f"({connection.settings_dict['NAME']})"
    )
    meta = reusable(label, args.cases, args.seed) if args.reuse else None
    if meta:
        print(
            f"Reusing the database generated earlier ({meta['generated_seconds']:.1f} s to generate)."
        )
        if migrate_reused():
            print("Applied new migrations to it (and re-ran ANALYZE).")
        world = make_world(create=False)
    else:
        t0 = time.perf_counter()
        fresh_database(label)
        t_migrate = time.perf_counter() - t0
        world = make_world(create=True)
        gen = generate(world, args.cases, args.seed, args.batch_size, verbose=not args.quiet)
        t_gen = time.perf_counter() - t0 - t_migrate
        t_analyze = 0.0
        if not args.no_analyze:
            ta = time.perf_counter()
            analyze()
            t_analyze = time.perf_counter() - ta
        meta = {
            "version": BENCH_VERSION,
            "cases": args.cases,
            "seed": args.seed,
            "names": names_fingerprint(),
            "generated_seconds": t_migrate + t_gen + t_analyze,
            "migrate_seconds": t_migrate,
            "generate_seconds": t_gen,
            "analyze_seconds": t_analyze,
            **gen,
        }
        meta_path(label).write_text(json.dumps(meta, indent=2))
        totals, timings = gen["totals"], gen["timings"]
        print()
        print("Generation")
        print(
            f"  migrate {t_migrate:6.1f} s   generate {t_gen:6.1f} s   analyze {t_analyze:5.1f} s   "
            f"total {meta['generated_seconds']:6.1f} s"
        )
        print("  rows: " + ", ".join(f"{name} {value:,}" for name, value in totals.items()))
        print("  time: " + ", ".join(f"{name} {value:.1f} s" for name, value in timings.items()))
    print(versions())
    print()

    samples = search_samples(world)
    print("Search terms: " + "; ".join(f"{k}={v!r}" for k, v in samples.items()))
    print()
    users = [
        ("caseworker (large org)", world.caseworker),
        ("supervisor (Punjab)", world.province_supervisor),
        ("supervisor (national)", world.national_supervisor),
    ]
    base_all = [_ms(baseline_query()) for _ in range(args.warmup)]
    base_all = [_ms(baseline_query()) for _ in range(args.runs)]
    print(
        f"Baseline (bare Case table, page of {PAGE_SIZE} + count): "
        f"median {statistics.median(base_all):.1f} ms, p95 {p95(base_all):.1f} ms"
    )
    print()

    results = []
    for user_label, user in users:
        for name, filters in scenarios(world, samples):
            if args.only and args.only not in name:
                continue
            results.append(
                measure(
                    user_label,
                    name,
                    lambda u=user, f=filters: list_query(u, f),
                    args.runs,
                    args.warmup,
                )
            )
        if not args.only:
            results.append(
                measure(
                    user_label,
                    "no filter, page 200",
                    lambda u=user: list_query(u, _empty_filters(), 200),
                    args.runs,
                    args.warmup,
                )
            )
    print_table(
        results,
        f"List query: count + page 1 ({PAGE_SIZE} rows), ms over {args.runs} runs "
        f"after {args.warmup} warm-up; 'x base' = total median / baseline median "
        "(baseline interleaved with each scenario)",
    )
    slowest = max(results, key=lambda r: statistics.median(r.total_ms), default=None)
    if slowest:
        print(
            f"Slowest list query: {slowest.user} / {slowest.scenario}: "
            f"{statistics.median(slowest.total_ms):.1f} ms median"
        )
    print()
    if args.explain:
        explain(users, scenarios(world, samples), args.only)
    if not args.only:
        try:
            http = http_results(world, samples, args.runs, args.warmup)
        except Exception as exc:  # the rest of the app may be mid-change; keep the list figures
            print(f"HTTP measurements failed: {exc.__class__.__name__}: {exc}")
        else:
            print_table(
                http, "Full HTTP request through django.test.Client ('page med' = whole request)"
            )


def _empty_filters():
    from rahai.cases.selectors import CaseFilters

    return CaseFilters()


if __name__ == "__main__":
    main()
