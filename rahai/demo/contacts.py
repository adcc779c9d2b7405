"""Deterministic plans for synthetic hotline contacts: pure data, no database.

``plan_contact(seed, index)`` always returns the same plan, so a second run that tops the queue
up continues the sequence instead of repeating it. Times are offsets in minutes before "now";
``rahai.demo.services`` sends each plan through the real intake functions (web form, SMS and
WhatsApp, email, the operator's call log) and then handles it as an operator would.

The mix, per block of ten contacts: four web reports, three SMS or WhatsApp conversations, one
email and two phone calls. Contact 3, 26, 49, … is a crisis (immediate danger) and contact 5,
17, 29, … a report the operator turns into a case; the rest are drawn by weight.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from itertools import pairwise

from rahai.demo import contact_texts as ct
from rahai.demo import texts
from rahai.demo.generator import PROVINCE_OF, pool_suspect
from rahai.demo.persons import MOBILE_PREFIXES, make_phone, pick_family, pick_given
from rahai.demo.scenarios.common import city_name, community_for, rupees
from rahai.geo.reference import DATA_DIR
from rahai.hotline.choices import Answer, Channel, ContactClass, Urgency

DAY = 24 * 60
WINDOW = 14 * DAY  # contacts arrive over the last 14 days
MESSAGE = "message"  # an SMS or WhatsApp conversation
CHANNEL_DECK = [Channel.WEB] * 4 + [MESSAGE] * 3 + [Channel.EMAIL] + [Channel.PHONE] * 2
OPERATOR, SUPERVISOR = "operator", "hotline.supervisor"


def _load_names() -> dict[str, tuple[str, str]]:
    with (DATA_DIR / "districts.csv").open(encoding="utf-8") as handle:
        return {row["code"]: (row["name_en"], row["name_ur"]) for row in csv.DictReader(handle)}


DISTRICT_NAMES = _load_names()
CITY_UR = {"KSO": "کراچی"}  # the city, not the district "Karachi South"


@dataclass(frozen=True)
class Triage:
    """The operator's judgement of a contact (Rahai's suggestion may differ)."""

    contact_class: str
    urgency: int
    case_types: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()

    def as_kwargs(self) -> dict:
        return {
            "contact_class": self.contact_class,
            "urgency": int(self.urgency),
            "case_types": list(self.case_types),
            "indicators": list(self.indicators),
        }


TRIAGE = {
    "kiln": Triage(
        ContactClass.TIP,
        Urgency.HIGH,
        ("bonded_labour",),
        ("debt_bondage", "believes_debt_bonded", "cannot_leave", "child_working"),
    ),
    "domestic": Triage(
        ContactClass.TIP,
        Urgency.HIGH,
        ("trafficking_internal",),
        (
            "restriction_of_movement",
            "limited_family_contact",
            "withholding_of_wages",
            "child_working",
        ),
    ),
    "workshop": Triage(
        ContactClass.TIP,
        Urgency.HIGH,
        ("trafficking_internal",),
        ("physical_sexual_violence", "excessive_overtime", "withholding_of_wages", "child_working"),
    ),
    "agent_abroad": Triage(
        ContactClass.TIP,
        Urgency.HIGH,
        ("smuggling", "trafficking_transnational"),
        (
            "paid_agent_border_crossing",
            "undocumented_irregular_route",
            "restriction_of_movement",
            "limited_family_contact",
        ),
    ),
    "marriage": Triage(
        ContactClass.TIP,
        Urgency.HIGH,
        ("trafficking_internal",),
        ("abuse_of_vulnerability", "limited_family_contact", "child_away_from_family"),
    ),
    "begging": Triage(
        ContactClass.TIP,
        Urgency.HIGH,
        ("trafficking_internal",),
        ("withholding_of_wages", "fear_or_injuries", "child_working"),
    ),
    "gulf": Triage(
        ContactClass.TIP,
        Urgency.NORMAL,
        ("trafficking_transnational",),
        ("retention_of_documents", "withholding_of_wages", "cannot_leave"),
    ),
    "referral": Triage(ContactClass.REFERRAL_REQUEST, Urgency.NORMAL),
    "information": Triage(ContactClass.INFORMATION_REQUEST, Urgency.LOW),
    "non_substantive": Triage(ContactClass.NON_SUBSTANTIVE, Urgency.LOW),
}
CRISES = {"crisis_kiln": "kiln", "crisis_domestic": "domestic", "crisis_abroad": "agent_abroad"}
CASE_KINDS = ("kiln", "domestic", "workshop", "agent_abroad", "marriage", "begging", "gulf")
KIND_WEIGHTS = {
    "kiln": 14,
    "domestic": 12,
    "workshop": 8,
    "agent_abroad": 14,
    "marriage": 8,
    "begging": 8,
    "gulf": 6,
    "referral": 5,
    "information": 12,
    "non_substantive": 9,
}
CHILDREN = {"kiln", "domestic", "workshop", "marriage", "begging"}
CALLERS = {
    "kiln": {"victim": 3, "family": 3, "public": 3, "unknown": 1},
    "domestic": {"public": 6, "family": 2, "unknown": 2},
    "workshop": {"public": 6, "professional": 2, "unknown": 2},
    "agent_abroad": {"family": 9, "unknown": 1},
    "marriage": {"family": 4, "public": 3, "professional": 2, "unknown": 1},
    "begging": {"public": 7, "professional": 1, "unknown": 2},
    "gulf": {"family": 7, "victim": 2, "unknown": 1},
    "referral": {"victim": 4, "family": 4, "unknown": 2},
    "information": {"public": 5, "professional": 3, "unknown": 2},
    "non_substantive": {"unknown": 1},
}
LANGUAGES = {
    Channel.WEB: {ct.RU: 40, ct.UR: 35, ct.EN: 25},
    MESSAGE: {ct.RU: 55, ct.UR: 25, ct.EN: 20},
    Channel.EMAIL: {ct.RU: 25, ct.UR: 15, ct.EN: 60},
    Channel.PHONE: {ct.RU: 50, ct.UR: 15, ct.EN: 35},
}
# Minutes from the last message to the first response, by the operator's urgency.
RESPONSE = {
    Urgency.CRITICAL: (3, 14),
    Urgency.HIGH: (15, 180),
    Urgency.NORMAL: (30, 1800),
    Urgency.LOW: (60, 4300),
}
OTHER_DISTRICTS = ["LHR", "KSO", "ISB", "RWP", "FSD", "MUX", "PEW", "QTA", "HYD", "SKT", "GRW"]


def is_crisis_slot(index: int) -> bool:
    return index % 23 == 3


def _deck_channel(seed: int, index: int) -> str:
    deck = list(CHANNEL_DECK)
    random.Random(f"rahai-demo-hotline:{seed}:deck:{index // len(deck)}").shuffle(deck)
    return deck[index % len(deck)]


def open_crisis(seed: int) -> int:
    """The crisis left waiting in the queue (overdue, alerted): the first one not phoned in,
    since a call is handled as it is logged."""
    return next(
        index for index in range(3, 10_000, 23) if _deck_channel(seed, index) != Channel.PHONE
    )


def is_case_slot(index: int) -> bool:
    return index % 12 == 5 and not is_crisis_slot(index)


@dataclass
class ContactPlan:
    index: int
    kind: str  # a TRIAGE key, or a CRISES key
    channel: str  # a Channel value
    language: str  # ct.RU, ct.UR or ct.EN
    messages: list[str]  # one for the web form, a call and an email; 1-3 for SMS/WhatsApp
    report: dict  # ReportData fields; "district" and "country" as codes
    triage: Triage
    sender: str = ""  # SMS/WhatsApp: the phone; email: the address
    age: int = 0  # minutes from the last message to now
    gaps: list[int] = field(default_factory=list)  # minutes between messages
    response: int | None = None  # minutes from the last message to the first response
    confirm: bool = False  # the operator confirms the triage (calls are confirmed as logged)
    assign_to: str | None = None
    assigned_by: str = OPERATOR
    close: bool = False
    case: dict | None = None  # title, district code, case types: the operator makes a case

    @property
    def crisis(self) -> bool:
        return self.kind in CRISES

    @property
    def narrative(self) -> str:
        return "\n\n".join(self.messages)


def _one(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def district_name(code: str, urdu: bool = False) -> str:
    return DISTRICT_NAMES[code][1 if urdu else 0]


def _values(rng: random.Random, kind: str) -> tuple[dict, str | None, str | None, str | None]:
    """Template values, the report's district or country, and the case's district."""
    values: dict = {"n": rng.randint(3, 12), "months": rng.randint(2, 14)}
    district = country = None
    if kind == "kiln":
        district = rng.choice(sorted(texts.KILN_TOWNS))
        values |= {
            "town": rng.choice(texts.KILN_TOWNS[district]),
            "amount": rupees(rng, 80_000, 600_000),
            "age": rng.randint(7, 12),
        }
    elif kind in {"domestic", "workshop", "begging"}:
        cities = {"domestic": texts.CITY_AREAS, "workshop": ct.SPOTS, "begging": ct.SPOTS}[kind]
        district = rng.choice(sorted(cities))
        spot, spot_ur = rng.choice(ct.SPOTS.get(district, [("the main chowk", "مین چوک")]))
        values |= {
            "city": city_name(district),
            "city_ur": CITY_UR.get(district, district_name(district, urdu=True)),
            "area": rng.choice(texts.CITY_AREAS.get(district, [city_name(district)])),
            "origin": district_name(rng.choice(texts.SOUTH_PUNJAB)),
            "spot": spot,
            "spot_ur": spot_ur,
            "age": rng.randint(10, 15) if kind == "domestic" else rng.randint(8, 14),
        }
    elif kind == "agent_abroad":
        origin = rng.choice(texts.SMUGGLING_ORIGINS)
        country = rng.choice(["IR", "LY"])
        city, city_ur = rng.choice(ct.ABROAD_CITIES[country])
        given = pick_given(rng, "male", "punjabi")
        values |= {
            "origin": district_name(origin),
            "country": ct.COUNTRY_NAMES[country][0],
            "abroad_city": city,
            "abroad_city_ur": city_ur,
            "name": given[0],
            "name_ur": given[1],
            "amount": rupees(rng, 1_500_000, 4_500_000, 100_000),
        }
        values["case_district"] = origin
    elif kind == "marriage":
        district = rng.choice([*texts.SOUTH_PUNJAB, "TPR", "UMK", "SGR", "JCD"])
        values |= {
            "town": rng.choice(texts.ORIGIN_TOWNS.get(district, [district_name(district)])),
            "age": rng.randint(12, 16),
            "amount": rupees(rng, 100_000, 800_000),
        }
    elif kind == "gulf":
        origin = rng.choice(texts.GULF_ORIGINS)
        country = rng.choice(sorted(texts.GULF))
        given = pick_given(rng, "male", community_for(rng, PROVINCE_OF[origin]))
        values |= {
            "gulf_city": rng.choice(texts.GULF[country]),
            "country_ur": ct.COUNTRY_NAMES[country][1],
            "name": given[0],
            "name_ur": given[1],
        }
        values["case_district"] = origin
    else:  # referral, information, non_substantive
        district = rng.choice(OTHER_DISTRICTS)
    if district:
        values |= {
            "district": district_name(district),
            "district_ur": district_name(district, True),
        }
        values.setdefault("case_district", district)
    values.setdefault("origin", "")
    values.setdefault("country", ct.COUNTRY_NAMES[country][0] if country else "")
    return values, district, country, values.pop("case_district", None)


def _sender_phone(rng: random.Random, seed: int, index: int) -> str:
    """A mobile number no other plan of this seed uses, so conversations never cross."""
    prefix = rng.choice(MOBILE_PREFIXES)
    return f"+92{prefix[1:]}{(index * 7919 + seed * 104_729) % 10**7:07d}"


def _reporter(rng: random.Random, kind: str, channel: str) -> dict:
    community = "punjabi" if rng.random() < 0.7 else rng.choice(["sindhi", "pashtun", "christian"])
    gender = rng.choice(["male", "female"])
    given, family = pick_given(rng, gender, community), pick_family(rng, community)
    name = f"{given[0]} {family[0]}" if given[0].split()[-1] != family[0] else given[0]
    email_name = name.lower().replace(" ", ".").replace("'", "")
    email = f"{email_name}{rng.randint(1, 99)}@{rng.choice(['example.com', 'example.org'])}"
    if channel == Channel.PHONE:
        return {
            "reporter_name": name if rng.random() < 0.7 else "",
            "reporter_phone": make_phone(rng) if rng.random() < 0.85 else "",
        }
    if channel == Channel.EMAIL:
        return {"reporter_name": name if rng.random() < 0.6 else "", "reporter_email": email}
    if kind == "non_substantive" or rng.random() < 0.45:
        return {}  # anonymous
    return {
        "reporter_name": name,
        "reporter_phone": make_phone(rng) if rng.random() < 0.8 else "",
        "reporter_email": email if rng.random() < 0.25 else "",
    }


def _mentions(rng: random.Random, seed: int, kind: str, values: dict) -> list[dict]:
    """Persons an operator notes during a call; now and then a recurring demo agent."""
    people: list[dict] = []
    if values.get("name"):
        people.append({"name": values["name"], "role": "victim", "age": rng.randint(19, 34)})
    elif kind in CHILDREN and rng.random() < 0.5:
        given = pick_given(rng, "female" if kind in {"domestic", "marriage"} else "male", "punjabi")
        people.append({"name": given[0], "role": "victim", "age": values.get("age", 12)})
    if kind in {"agent_abroad", "gulf"} and rng.random() < 0.35:
        agent = pool_suspect(seed, rng.randrange(5)).data
        name = (
            agent.get("name_urdu")
            or f"{agent.get('given_name', '')} {agent.get('family_name', '')}"
        )
        people.append(
            {
                "name": name.strip(),
                "role": "suspect",
                "phone": agent["phones"][0],
                "cnic": agent["cnic"],
            }
        )
    elif kind in {"kiln", "agent_abroad", "gulf"} and rng.random() < 0.4:
        given, family = pick_given(rng, "male", "punjabi"), pick_family(rng, "punjabi")
        people.append(
            {"name": f"{given[0]} {family[0]}", "role": "suspect", "phone": make_phone(rng)}
        )
    return people


def _messages(
    rng: random.Random,
    plan_kind: str,
    channel: str,
    language: str,
    sentences: list[str],
    report: dict,
) -> list[str]:
    text = " ".join(sentences)
    if channel == Channel.PHONE and plan_kind == "non_substantive":
        return [rng.choice(ct.CALL_NON_SUBSTANTIVE)]
    if channel == Channel.PHONE:
        opening = ct.CALL_OPENINGS.get(report.get("caller_type", "unknown"), "")
        return [f"{opening} {text}".strip()]
    if channel == Channel.EMAIL:
        signature = report.get("reporter_name") or ""
        subject = ct.EMAIL_SUBJECTS[language]
        return [f"{subject}\n\n{text}\n\n{signature}".strip()]
    if channel in {Channel.SMS, Channel.WHATSAPP}:
        roll = rng.random()
        if roll < 0.35 and len(sentences) >= 2:
            parts = min(len(sentences), rng.choice([2, 3]))
            cuts = sorted(rng.sample(range(1, len(sentences)), parts - 1))
            bounds = [0, *cuts, len(sentences)]
            return [" ".join(sentences[a:b]) for a, b in pairwise(bounds)]
        if roll < 0.5 and plan_kind != "non_substantive":
            return [rng.choice(ct.GREETINGS[language]), text]
    return [text]


def _timing(rng: random.Random, seed: int, plan: ContactPlan) -> None:
    """When it came in, and whether and when the operator first responded."""
    if plan.channel in {Channel.SMS, Channel.WHATSAPP} and len(plan.messages) > 1:
        plan.gaps = [rng.randint(1, 25) for _ in plan.messages[1:]]
    span = sum(plan.gaps)
    if plan.crisis:
        waiting = plan.index == open_crisis(seed)
        plan.age = rng.randint(25, 90) if waiting else rng.randint(30, 300)
        handled = not waiting
    elif plan.case is not None:
        plan.age = rng.randint(DAY + 120, 12 * DAY)
        handled = True
    else:
        roll = rng.random()
        if roll < 0.3:
            plan.age, chance = rng.randint(5, 12 * 60), 0.12
        elif roll < 0.5:
            plan.age, chance = rng.randint(12 * 60, 3 * DAY), 0.3
        else:
            plan.age, chance = rng.randint(3 * DAY, WINDOW - span - 60), 0.42
        handled = rng.random() < chance
    if plan.channel == Channel.PHONE:
        plan.response = 0  # the call is answered and logged as it happens
        plan.gaps = []
        handled = True
    elif handled and plan.age >= 2:
        low, high = RESPONSE[Urgency(plan.triage.urgency)]
        plan.response = min(rng.randint(low, high), plan.age - 1)
        plan.confirm = True
    elif plan.age > 12 * 60 and rng.random() < 0.1:
        plan.response = min(rng.randint(60, 600), plan.age - 1)  # picked up, triage not yet done
        plan.assign_to, plan.assigned_by = OPERATOR, SUPERVISOR
        return
    else:
        return
    # Handling after the triage: assignment, closing.
    if plan.channel != Channel.PHONE and (plan.crisis or plan.case or rng.random() < 0.55):
        plan.assign_to = OPERATOR if rng.random() < 0.75 or plan.crisis else SUPERVISOR
        plan.assigned_by = (
            SUPERVISOR if plan.assign_to == OPERATOR and rng.random() < 0.5 else OPERATOR
        )
    if plan.case is None and not plan.crisis:
        quick = plan.triage.contact_class in {
            ContactClass.INFORMATION_REQUEST,
            ContactClass.NON_SUBSTANTIVE,
            ContactClass.REFERRAL_REQUEST,
        }
        plan.close = rng.random() < (0.75 if quick else 0.15 if plan.age > 5 * DAY else 0.0)


def plan_contact(seed: int, index: int) -> ContactPlan:
    """The plan for demo contact number ``index`` (0-based) under ``seed``."""
    rng = random.Random(f"rahai-demo-hotline:{seed}:{index}")
    channel = _deck_channel(seed, index)
    if channel == MESSAGE:
        channel = rng.choice([Channel.SMS, Channel.WHATSAPP])
    if is_crisis_slot(index):
        kind = rng.choice(sorted(CRISES))
        base = CRISES[kind]
        triage = Triage(
            ContactClass.CRISIS,
            Urgency.CRITICAL,
            TRIAGE[base].case_types,
            tuple(
                sorted(
                    {
                        *TRIAGE[base].indicators,
                        "physical_sexual_violence",
                        "restriction_of_movement",
                    }
                )
            ),
        )
    else:
        if is_case_slot(index):
            kind = rng.choice(CASE_KINDS)
        else:
            weights = dict(KIND_WEIGHTS)
            if channel == Channel.EMAIL:
                weights["non_substantive"] = 0
            elif channel == Channel.PHONE:
                weights["non_substantive"] = 3
            kind = _one(rng, weights)
        base, triage = kind, TRIAGE[kind]
    language = _one(rng, LANGUAGES[MESSAGE if channel in {"sms", "whatsapp"} else channel])
    values, district, country, case_district = _values(rng, base)
    sentences = [s.format(**values) for s in rng.choice(ct.NARRATIVES[kind][language])]

    caller = _one(rng, CALLERS[base]) if channel in {Channel.WEB, Channel.PHONE} else "unknown"
    children = Answer.YES if base in CHILDREN else Answer.NO
    persons = {"kiln": values["n"] * 5, "begging": values["n"]}.get(base, 1)
    substantive = triage.contact_class not in {
        ContactClass.INFORMATION_REQUEST,
        ContactClass.NON_SUBSTANTIVE,
        ContactClass.REFERRAL_REQUEST,
    }
    report: dict = {"language": "en" if language == ct.EN else "ur", "caller_type": caller}
    if channel == Channel.WEB:
        report |= {
            "district": district if rng.random() < 0.75 else None,
            "country": country if rng.random() < 0.75 else None,
            "place": values.get("town") or values.get("area") or values.get("abroad_city") or "",
            "when_text": rng.choice(ct.WHEN[language]) if substantive else "",
            "persons_at_risk": persons if substantive and rng.random() < 0.5 else None,
            "children_involved": children if substantive and rng.random() < 0.6 else Answer.UNKNOWN,
            "immediate_danger": Answer.YES
            if kind in CRISES
            else rng.choice([Answer.NO, Answer.UNKNOWN])
            if substantive
            else Answer.UNKNOWN,
            "wants_referral": kind == "referral",
            "wants_information": kind == "information",
        }
        if rng.random() < 0.4:
            report["place"] = ""
    elif channel == Channel.PHONE:
        report |= {
            "district": district,
            "country": country,
            "place": values.get("town") or values.get("area") or values.get("abroad_city") or "",
            "when_text": rng.choice(ct.WHEN[language]) if substantive else "",
            "persons_at_risk": persons if substantive else None,
            "children_involved": children if substantive else Answer.UNKNOWN,
            "immediate_danger": Answer.YES
            if kind in CRISES
            else (Answer.NO if substantive else Answer.UNKNOWN),
            "screening": list(triage.indicators),
            "persons_mentioned": _mentions(rng, seed, base, values),
            "wants_referral": kind == "referral",
            "wants_information": kind == "information",
        }
    if channel in {Channel.WEB, Channel.PHONE, Channel.EMAIL}:
        report |= _reporter(rng, base, channel)
    plan = ContactPlan(
        index=index,
        kind=kind,
        channel=channel,
        language=language,
        messages=_messages(rng, kind, channel, language, sentences, report),
        report=report,
        triage=triage,
    )
    if channel in {Channel.SMS, Channel.WHATSAPP}:
        plan.sender = _sender_phone(rng, seed, index)
    elif channel == Channel.EMAIL:
        plan.sender = report.pop("reporter_email")
        report.pop("reporter_name", None)
    if is_case_slot(index):
        title = ct.CASE_TITLES[kind].format(**values)
        plan.case = {
            "title": title[:140],
            "district": case_district,
            "case_types": triage.case_types,
        }
    _timing(rng, seed, plan)
    return plan
