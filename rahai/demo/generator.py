"""Deterministic plans for synthetic cases: pure data, no database.

``plan_case(seed, index, today)`` always returns the same plan for the same arguments, so a
second run that adds missing cases continues the sequence instead of repeating it. The plans are
written through the case and person services by ``rahai.demo.services``.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from rahai.demo import texts
from rahai.demo.catalogue import ORG_BY_KEY, PARTNER_AUTHORS, TEAM_ORG, actor_for
from rahai.demo.factors import vulnerability_factors
from rahai.demo.persons import PersonPlan, make_cnic, make_phone, make_suspect
from rahai.geo.reference import DATA_DIR

FIRST_DAY = date(2023, 1, 1)
POOL_SIZE = 5


def _load_provinces() -> dict[str, str]:
    with (DATA_DIR / "districts.csv").open(encoding="utf-8") as handle:
        return {row["code"]: row["province_code"] for row in csv.DictReader(handle)}


PROVINCE_OF = _load_provinces()

POLICE_BY_DISTRICT = {
    "LHR": "ps_shahdara",
    "GRW": "ps_civil_lines_grw",
    "KSO": "ps_saddar_kso",
    "QTA": "ps_quetta_city",
    "KSR": "ps_kot_radha_kishan",
    "SGR": "ps_sanghar",
}
GUJRANWALA_CIRCLE = {"GRW", "GJT", "SKT", "MBD", "HFZ", "NRW", "WZD"}
ISLAMABAD_CIRCLE = {"RWP", "JHM", "CKW", "ATK", "TLG", "MRE"}
FIA_BY_PROVINCE = {
    "JK": "fia_islamabad",
    "IS": "fia_islamabad",
    "GB": "fia_islamabad",
    "SD": "fia_karachi",
    "BA": "fia_quetta",
    "KP": "fia_peshawar",
}
# Default gap (in days) between an event of this type and the next one on the route.
GAPS = {
    "recruitment": (3, 60),
    "transit": (1, 20),
    "exploitation": (30, 700),
    "interception": (2, 60),
    "return": (1, 5),
}


def fia_circle(district: str) -> str:
    province = PROVINCE_OF[district]
    if province == "PB":
        if district in GUJRANWALA_CIRCLE:
            return "fia_gujranwala"
        return "fia_islamabad" if district in ISLAMABAD_CIRCLE else "fia_lahore"
    return FIA_BY_PROVINCE[province]


@dataclass
class RolePlan:
    person: int  # index into CasePlan.persons
    data: dict
    age: int | None = None


@dataclass
class EventPlan:
    event_type: str
    district: str | None = None
    country: str | None = None
    place: str = ""
    description: str = ""
    gap: tuple[int, int] | None = None
    occurred_on: date | None = None
    approximate: bool = False
    person: int | None = None


@dataclass
class CasePlan:
    index: int
    scenario: str
    owner: str
    actor: str
    case: dict
    persons: list[PersonPlan]
    roles: list[RolePlan]
    events: list[EventPlan]
    notes: list[tuple[str, str]]
    shares: list[tuple[str, str]]
    restricted: bool


@dataclass
class Draft:
    """What a scenario builder fills in; ``finish`` turns it into a CasePlan."""

    rng: random.Random
    seed: int
    today: date
    opened_on: date
    scenario: str
    owner: str = ""
    district: str = ""
    case_types: list[str] = field(default_factory=list)
    persons: list[PersonPlan] = field(default_factory=list)
    roles: list[RolePlan] = field(default_factory=list)
    legs: list[EventPlan] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    note_kind: str = "internal"
    closure_kind: str = "internal"
    restricted: bool = False
    partners: list[str] = field(default_factory=list)
    extra_shares: list[tuple[str, str, float]] = field(default_factory=list)

    # --- people -------------------------------------------------------------------------------
    def add_victim(self, person: PersonPlan, age: int, context: dict) -> int:
        self.persons.append(person)
        self.roles.append(RolePlan(len(self.persons) - 1, {"role": "victim", **context}, age))
        return len(self.persons) - 1

    def add_suspect(self, person: PersonPlan, roles: list[str]) -> None:
        if person.pool_key and any(p.pool_key == person.pool_key for p in self.persons):
            return
        self.persons.append(person)
        self.roles.append(
            RolePlan(len(self.persons) - 1, {"role": "suspect", "perpetrator_roles": roles})
        )

    def add_reporter(self, person: PersonPlan) -> None:
        self.persons.append(person)
        self.roles.append(RolePlan(len(self.persons) - 1, {"role": "reporter"}))

    def suspect_count(self, weights=(10, 40, 35, 15)) -> int:
        return self.rng.choices(range(len(weights)), weights=weights)[0]

    def agent(self, *, community: str, province: str, district: str) -> PersonPlan:
        """A local agent; now and then one of a few agents who recur across cases."""
        if self.rng.random() < 0.08:
            return pool_suspect(self.seed, self.rng.randrange(POOL_SIZE))
        return make_suspect(
            self.rng, community=community, province=province, district=district, on=self.opened_on
        )

    # --- route ----------------------------------------------------------------------------------
    def leg(
        self,
        event_type: str,
        *,
        district: str | None = None,
        country: str | None = None,
        place: str = "",
        gap: tuple[int, int] | None = None,
        says: str = "",
    ) -> None:
        description = ""
        if says:
            description = says if self.rng.random() < 0.8 else ""
        elif self.rng.random() < 0.6:
            group = texts.EVENT_DESCRIPTIONS[self.note_kind]
            description = self.rng.choice(group[event_type])
        self.legs.append(EventPlan(event_type, district, country, place, description, gap))

    # --- ownership ------------------------------------------------------------------------------
    def local_owner(self, district: str, police_chance: float = 0.75) -> str:
        """The district's police station when the demo has one, otherwise the NGO or hotline."""
        if district in POLICE_BY_DISTRICT and self.rng.random() < police_chance:
            return POLICE_BY_DISTRICT[district]
        return self.rng.choice(["ssdo", "hotline", "hotline"])

    def restrict(self, chance: float) -> bool:
        """Restrict to the child-protection team. Only the team's own organisation may restrict
        a case to it, so a restricted case belongs to that police station and its district."""
        if self.rng.random() < chance:
            self.restricted = True
            self.owner = TEAM_ORG
            self.district = ORG_BY_KEY[TEAM_ORG].district
        return self.restricted


def pool_suspect(seed: int, key: int) -> PersonPlan:
    """One of the few agents who recur in several cases (same person, found by CNIC)."""
    rng = random.Random(f"rahai-demo:{seed}:pool:{key}")
    district = rng.choice(sorted(GUJRANWALA_CIRCLE))
    plan = make_suspect(rng, community="punjabi", province="PB", district=district, on=FIRST_DAY)
    if not plan.data.get("cnic"):
        plan.data["cnic"] = make_cnic(rng, "PB", plan.data["gender"])
    plan.data.setdefault("phones", [make_phone(rng)])
    plan.data["aliases"] = [rng.choice(["Agent Sahib", "Dubai Wala", "Bhai Jan", "Malik Sahib"])]
    plan.pool_key = f"pool-{key}"
    return plan


# --- turning a draft into a plan ------------------------------------------------------------------


def _dated_route(draft: Draft) -> list[EventPlan]:
    """Give each leg a date (strictly increasing, never in the future), then keep 1-5 legs."""
    rng, legs = draft.rng, draft.legs
    if not legs:
        return []
    types = [leg.event_type for leg in legs]
    if "interception" in types:
        anchor = types.index("interception")
    elif "exploitation" in types:
        anchor = len(types) - 1 - types[::-1].index("exploitation")
    else:
        anchor = len(legs) - 1
    legs[anchor].occurred_on = draft.opened_on - timedelta(days=rng.randint(0, 7))
    for i in range(anchor - 1, -1, -1):
        low, high = legs[i].gap or GAPS[legs[i].event_type]
        legs[i].occurred_on = legs[i + 1].occurred_on - timedelta(days=rng.randint(low, high))
    kept = legs[: anchor + 1]
    for i in range(anchor + 1, len(legs)):
        low, high = legs[i - 1].gap or GAPS[legs[i - 1].event_type]
        when = legs[i - 1].occurred_on + timedelta(days=rng.randint(low, high))
        if when > draft.today:
            break
        legs[i].occurred_on = when
        kept.append(legs[i])
    for leg in kept:
        leg.approximate = leg.event_type in {"recruitment", "exploitation"} and rng.random() < 0.4
    size = min(len(kept), rng.choices([1, 2, 3, 4, 5], weights=[4, 10, 26, 30, 30])[0])
    anchor = min(anchor, len(kept) - 1)
    must = {anchor} | ({0} if size >= 2 else set())
    others = [i for i in range(len(kept)) if i not in must]
    rng.shuffle(others)
    others.sort(key=lambda i: kept[i].event_type != "exploitation")  # keep exploitation first
    chosen = must | set(others[: max(0, size - len(must))])
    return [kept[i] for i in sorted(chosen)]


class _Values(dict):
    def __missing__(self, key: str) -> str:
        return "…"


def fill(template: str, values: dict) -> str:
    return template.format_map(_Values(values))


def _status(draft: Draft) -> tuple[str, str]:
    rng = draft.rng
    age_days = (draft.today - draft.opened_on).days
    closed_chance = 0.08 if age_days < 90 else 0.25 if age_days < 365 else 0.45
    if rng.random() < closed_chance:
        if rng.random() < 0.15:
            return "closed_referred", "referred"
        return "closed", rng.choice(texts.CLOSURE_REASONS[draft.closure_kind])
    if rng.random() < (0.35 if age_days > 180 else 0.15):
        return "follow_up", ""
    return "active", ""


def _shares(draft: Draft) -> list[tuple[str, str]]:
    if draft.restricted:
        return []
    rng = draft.rng
    shares: list[tuple[str, str]] = []
    partners = [key for key in draft.partners or ["ssdo"] if key != draft.owner] or [
        "shelter_lahore"
    ]
    if rng.random() < 0.2:
        reason = {
            "ssdo": "Victim support, legal and psychosocial help",
            "shelter_lahore": "Shelter and medical care",
        }[partners[0]]
        shares.append((partners[0], reason))
    for key, reason, chance in draft.extra_shares:
        if key != draft.owner and rng.random() < chance:
            shares.append((key, reason))
    return shares


def _notes(draft: Draft, actor: str, shares: list[tuple[str, str]]) -> list[tuple[str, str]]:
    rng = draft.rng
    count = rng.choices([0, 1, 2, 3], weights=[20, 35, 30, 15])[0]
    pool = texts.NOTES[draft.note_kind]
    notes = [(actor, fill(body, draft.values)) for body in rng.sample(pool, min(count, len(pool)))]
    for key, _reason in shares:
        author = PARTNER_AUTHORS.get(key)
        if author and len(notes) < 3 and rng.random() < 0.6:
            kind = "prosecution" if key == "prosecution_pb" else "partner"
            notes.append((author, rng.choice(texts.NOTES[kind])))
    return notes


def _who(roles: list[RolePlan], persons: list[PersonPlan]) -> str:
    """How the summary names the victims: "A child", "3 men", "2 women", "4 people"."""
    kinds = {
        (
            "child"
            if (role.age or 0) < 18
            else "woman"
            if persons[role.person].data.get("gender") == "female"
            else "man"
        )
        for role in roles
    }
    n = len(roles)
    if len(kinds) != 1:
        return f"{n} people"
    kind = kinds.pop()
    if n == 1:
        return {"child": "A child", "woman": "A woman", "man": "A man"}[kind]
    return f"{n} " + {"child": "children", "woman": "women", "man": "men"}[kind]


def _fir(draft: Draft) -> str:
    kind = ORG_BY_KEY[draft.owner].kind
    if kind in {"police_station", "fia_ahtc"} and draft.rng.random() < 0.7:
        return f"{draft.rng.randint(3, 950)}/{draft.opened_on.year}"
    return ""


def finish(draft: Draft, index: int) -> CasePlan:
    rng = draft.rng
    events = _dated_route(draft)
    start = events[0].occurred_on if events else draft.opened_on
    years_ago = max(0, (draft.opened_on - start).days // 365)
    for role in draft.roles:
        if role.age is not None:
            role.data["age_when_trafficked"] = max(0, role.age - years_ago)
    # Root causes from their own random stream, so the rest of the plan stays as it was.
    factor_rng = random.Random(f"rahai-demo:{draft.seed}:{index}:factors")
    for role in draft.roles:
        if role.data["role"] == "victim":
            role.data["vulnerability_factors"] = vulnerability_factors(
                factor_rng, draft.scenario, role.data, role.age
            )
    victims = [role.person for role in draft.roles if role.data["role"] == "victim"]
    if victims and rng.random() < 0.4:
        for event in events:
            event.person = victims[0]
    status, closure = _status(draft)
    actor = actor_for(draft.owner)
    shares = _shares(draft)
    n = len(victims)
    values = {
        "n": n,
        "persons": f"{n} person" + ("" if n == 1 else "s"),
        "who": _who(
            [role for role in draft.roles if role.data["role"] == "victim"],
            draft.persons,
        ),
        **draft.values,
    }
    title_template = rng.choice(texts.TITLES[draft.scenario])
    case = {
        "case_types": draft.case_types,
        "district": draft.district,
        "opened_on": draft.opened_on,
        "status": status,
        "closure_reason": closure,
        "title": fill(title_template, values)[:140],
        "summary": fill(texts.SUMMARIES[draft.scenario], values),
        "fir_number": _fir(draft),
        "sensitivity": "restricted" if draft.restricted else "normal",
    }
    draft.values = values
    return CasePlan(
        index=index,
        scenario=draft.scenario,
        owner=draft.owner,
        actor=actor,
        case=case,
        persons=draft.persons,
        roles=draft.roles,
        events=events,
        notes=_notes(draft, actor, shares),
        shares=shares,
        restricted=draft.restricted,
    )


def plan_case(seed: int, index: int, today: date) -> CasePlan:
    """The plan for demo case number ``index`` (0-based) under ``seed``."""
    from rahai.demo.scenarios import BUILDERS, WEIGHTS

    rng = random.Random(f"rahai-demo:{seed}:{index}")
    scenario = rng.choices(list(BUILDERS), weights=[WEIGHTS[name] for name in BUILDERS])[0]
    opened_on = FIRST_DAY + timedelta(days=rng.randrange((today - FIRST_DAY).days + 1))
    draft = Draft(rng=rng, seed=seed, today=today, opened_on=opened_on, scenario=scenario)
    BUILDERS[scenario](draft)
    return finish(draft, index)
