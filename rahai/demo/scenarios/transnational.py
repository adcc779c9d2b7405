"""Transnational cases: land route through Iran, Libya boat route, Gulf visas, Malaysia/Thailand, marriage brokers."""

from __future__ import annotations

from rahai.demo import texts
from rahai.demo.generator import PROVINCE_OF, Draft, fia_circle
from rahai.demo.persons import make_person, make_suspect
from rahai.demo.scenarios.common import (
    AIRPORT_FOR,
    NORTH_PUNJAB,
    community_for,
    origin_name,
    pick,
    rupees,
    town_in,
)

# --- transnational ------------------------------------------------------------------------------------


def _migrants(
    draft: Draft,
    *,
    origin: str,
    count: int,
    community: str,
    context: dict,
    ages: tuple[int, int] = (17, 35),
    gender: str = "male",
) -> None:
    rng = draft.rng
    for _ in range(count):
        age = rng.randint(*ages)
        person = make_person(
            rng,
            gender=gender,
            age=age,
            community=community,
            province=PROVINCE_OF[origin],
            district=origin,
            on=draft.opened_on,
            cnic_chance=0.6,
            phone_chance=0.5,
            passport_chance=0.5,
        )
        ctx = dict(context)
        ctx["trafficking_status"] = rng.choices(
            list(context["trafficking_status"]),
            weights=list(context["trafficking_status"].values()),
        )[0]
        ctx["recruitment_method"] = rng.choice(context["recruitment_method"])
        ctx["recruiter_relationship"] = rng.choice(context["recruiter_relationship"])
        draft.add_victim(person, age, ctx)


def _agents(draft: Draft, *, origin: str, community: str, roles: list[list[str]]) -> None:
    rng = draft.rng
    province = PROVINCE_OF[origin]
    for i, perpetrator_roles in enumerate(roles[: draft.suspect_count((15, 40, 30, 15))]):
        person = (
            draft.agent(community=community, province=province, district=origin)
            if i == 0
            else make_suspect(
                rng, community=community, province=province, district=origin, on=draft.opened_on
            )
        )
        draft.add_suspect(person, perpetrator_roles)


def _transnational(draft: Draft, origin: str, *, trafficking: bool, smuggling: bool) -> None:
    draft.case_types = (["smuggling"] if smuggling else []) + (
        ["trafficking_transnational"] if trafficking else []
    )
    draft.district = origin
    draft.owner = fia_circle(origin)
    draft.note_kind = draft.closure_kind = "transnational"
    draft.partners = ["ssdo"]
    draft.values.update(origin=origintown_in(draft, origin))
    if PROVINCE_OF[origin] == "PB":
        draft.extra_shares.append(("prosecution_pb", "Prosecution under PSMA/PTPA", 0.08))


def origintown_in(draft: Draft, origin: str) -> str:
    return town_in(draft.rng, origin) or origin_name(origin)


def _smugglingvictim_context(trafficking: bool, means: list[str]) -> dict:
    return {
        "trafficking_status": {"possible": 60, "actual": 40}
        if trafficking
        else {"not": 55, "possible": 45},
        "exploitation_types": ["forced_labour"] if trafficking else [],
        "means_of_control": means if trafficking else ["false_promises"],
        "recruitment_method": ["agent", "agent", "agent", "online", "family"],
        "recruiter_relationship": ["agent", "agent", "friend", "family", "stranger"],
        "industry": "",
    }


def land_route(draft: Draft) -> None:
    rng = draft.rng
    origin = rng.choice(texts.SMUGGLING_ORIGINS)
    outcome = rng.choices(["taftan", "iran", "turkey", "greece"], weights=[30, 30, 15, 25])[0]
    trafficking = outcome == "turkey" or rng.random() < 0.12
    _transnational(draft, origin, trafficking=trafficking, smuggling=True)
    if outcome == "taftan" and rng.random() < 0.6:
        draft.owner, draft.district = "fia_quetta", "CGI"
    community = community_for(rng, PROVINCE_OF[origin], christian=0.05)
    count = rng.choices([1, 2, 3, 4, 5], weights=[35, 30, 20, 10, 5])[0]
    _migrants(
        draft,
        origin=origin,
        count=count,
        community=community,
        ages=(16, 35),
        context=_smugglingvictim_context(
            trafficking, ["physical_abuse", "threats", "restricts_movement", "debt_bondage"]
        ),
    )
    _agents(
        draft,
        origin=origin,
        community=community,
        roles=[["recruiter", "smuggler"], ["transporter", "smuggler"], ["financier"]],
    )
    label, text = texts.OUTCOMES[outcome]
    draft.values.update(
        amount=rupees(rng, 1_800_000, 4_000_000, 50_000), outcome=label, outcome_text=text
    )
    draft.leg(
        "recruitment",
        district=origin,
        place=f"Agent's office, {draft.values['origin']}",
        gap=(10, 90),
    )
    draft.leg("transit", district="QTA", place="Quetta", gap=(1, 4))
    draft.leg("transit", district="CGI", place="Taftan", gap=(1, 5))
    if outcome == "taftan":
        draft.legs.pop()
        draft.leg(
            "interception",
            district="CGI",
            place="Taftan border crossing",
            says="Stopped by FIA immigration at the border.",
        )
        draft.leg("return", district=origin, place="Home")
        return
    draft.leg(
        "transit", country="IR", place=rng.choice(["Zahedan", "Mashhad", "Maku"]), gap=(3, 30)
    )
    if outcome == "iran":
        draft.leg(
            "interception",
            country="IR",
            place=rng.choice(["Zahedan", "Kerman", "Maku"]),
            says="Detained by the Iranian authorities.",
        )
        draft.leg("return", district="CGI", place="Taftan (deported)")
        return
    if outcome == "turkey":
        draft.leg("exploitation", country="TR", place="Safe house near Van", gap=(10, 60))
        draft.leg(
            "interception",
            country="TR",
            place=rng.choice(["Van", "Istanbul"]),
            says="Detained by the Turkish police.",
        )
        draft.leg("return", district="ATK", place=texts.AIRPORTS["ATK"])
        return
    draft.leg("transit", country="TR", place=rng.choice(["Van", "Istanbul"]), gap=(10, 90))
    draft.leg(
        "interception",
        country="GR",
        place=rng.choice(["Evros region", "Athens", "Thessaloniki"]),
        says="Registered by the Greek police.",
    )
    draft.extra_shares.append(("embassy_athens", "Consular assistance in Greece", 0.6))


def sea_route(draft: Draft) -> None:
    rng = draft.rng
    origin = rng.choice(texts.SMUGGLING_ORIGINS)
    province = PROVINCE_OF[origin]
    outcome = rng.choices(["offloaded", "libya", "boat", "italy"], weights=[15, 30, 25, 30])[0]
    trafficking = outcome == "libya" and rng.random() < 0.5
    airport = (
        rng.choice(["ATK", "SKT", "LHR"])
        if origin in NORTH_PUNJAB
        else (rng.choice(["LHR", "MLR"]) if province == "PB" else AIRPORT_FOR[province])
    )
    _transnational(draft, origin, trafficking=trafficking, smuggling=True)
    if outcome == "offloaded":
        draft.district, draft.owner = airport, fia_circle(airport)
    community = community_for(rng, province, christian=0.05)
    _migrants(
        draft,
        origin=origin,
        count=rng.choices([1, 2, 3, 4], weights=[40, 30, 20, 10])[0],
        community=community,
        context=_smugglingvictim_context(
            trafficking,
            ["restricts_movement", "physical_abuse", "withholds_necessities", "threats"],
        ),
    )
    _agents(
        draft,
        origin=origin,
        community=community,
        roles=[["recruiter", "smuggler"], ["document_forger"], ["financier"]],
    )
    label, text = texts.OUTCOMES[outcome]
    draft.values.update(
        amount=rupees(rng, 2_000_000, 4_500_000, 50_000), outcome=label, outcome_text=text
    )
    if outcome == "boat" and rng.random() < 0.15:
        draft.closure_kind = "shipwreck"
        draft.values["outcome_text"] = (
            "The boat capsized; survivors were taken ashore and some passengers are missing."
        )
    draft.leg(
        "recruitment",
        district=origin,
        place=f"Agent's office, {draft.values['origin']}",
        gap=(15, 120),
    )
    if outcome == "offloaded":
        draft.leg(
            "interception",
            district=airport,
            place=texts.AIRPORTS[airport],
            says="Offloaded by FIA immigration before departure.",
        )
        draft.leg("return", district=origin, place="Home")
        return
    draft.leg("transit", district=airport, place=texts.AIRPORTS[airport], gap=(1, 2))
    hub = rng.choice([("AE", "Dubai"), ("EG", "Cairo")])
    draft.leg("transit", country=hub[0], place=hub[1], gap=(1, 10))
    libya = rng.choice(["Benghazi", "Tobruk"])
    if trafficking:
        draft.leg("exploitation", country="LY", place=f"Warehouse near {libya}", gap=(20, 150))
    else:
        draft.leg("transit", country="LY", place=libya, gap=(10, 120))
    if outcome == "libya":
        draft.leg(
            "interception",
            country="LY",
            place=libya,
            says="Detained after the departure was stopped.",
        )
        draft.leg("return", district=airport, place=texts.AIRPORTS[airport])
    elif outcome == "boat":
        draft.leg(
            "interception",
            **rng.choice(
                [
                    {"country": "GR", "place": "At sea off Pylos"},
                    {"country": "IT", "place": "At sea off Calabria"},
                    {"country": "LY", "place": "Off Tobruk"},
                ]
            ),
            says="Rescued at sea by the coast guard.",
        )
        draft.leg("return", district=airport, place=texts.AIRPORTS[airport])
    else:
        draft.leg(
            "interception",
            country="IT",
            place=rng.choice(["Lampedusa", "Crotone", "Sicily"]),
            says="Landed and registered by the Italian authorities.",
        )


def gulf(draft: Draft) -> None:
    rng = draft.rng
    origin = rng.choice(texts.GULF_ORIGINS)
    province = PROVINCE_OF[origin]
    country = rng.choice(list(texts.GULF))
    city = rng.choice(texts.GULF[country])
    female = rng.random() < 0.35
    _transnational(draft, origin, trafficking=True, smuggling=False)
    community = community_for(rng, province)
    exploitation = (
        ["forced_labour"]
        + (["servitude"] if female else [])
        + (["sexual"] if female and rng.random() < 0.1 else [])
    )
    means = pick(
        rng,
        ["withholds_documents", "takes_earnings"],
        {
            "excessive_hours": 0.6,
            "threats": 0.4,
            "false_promises": 0.7,
            "restricts_movement": 0.5,
            "debt_bondage": 0.4,
            "withholds_necessities": 0.3,
            "threat_law_enforcement": 0.3,
        },
    )
    industry = "T" if female else rng.choice(["F", "F", "H", "A", "I"])
    context = {
        "trafficking_status": {"possible": 50, "actual": 45, "not": 5},
        "exploitation_types": exploitation,
        "means_of_control": means,
        "recruitment_method": ["job_offer", "agent", "online"],
        "recruiter_relationship": ["agent", "agent", "friend", "family"],
        "industry": industry,
    }
    _migrants(
        draft,
        origin=origin,
        count=1 if female else rng.choice([1, 1, 2, 3]),
        community=community,
        context=context,
        ages=(19, 45),
        gender="female" if female else "male",
    )
    _agents(
        draft,
        origin=origin,
        community=community,
        roles=[["recruiter"], ["recruiter", "financier"], ["document_forger"]],
    )
    names = {
        "SA": "Saudi Arabia",
        "AE": "the UAE",
        "QA": "Qatar",
        "OM": "Oman",
        "KW": "Kuwait",
        "BH": "Bahrain",
    }
    draft.values.update(country=names[country], amount=rupees(rng, 400_000, 1_500_000, 25_000))
    airport = AIRPORT_FOR[province] if origin not in NORTH_PUNJAB else "ATK"
    draft.leg(
        "recruitment",
        district=origin,
        place=f"Sub-agent's office, {draft.values['origin']}",
        gap=(20, 150),
    )
    draft.leg("transit", district=airport, place=texts.AIRPORTS[airport], gap=(1, 2))
    draft.leg("exploitation", country=country, place=city, gap=(60, 700))
    draft.leg(
        "interception",
        country=country,
        place=f"Embassy welfare wing, {city}",
        says="Asked the embassy for help; passport recovered through the sponsor.",
    )
    draft.leg("return", district=airport, place=texts.AIRPORTS[airport])


def east(draft: Draft) -> None:
    rng = draft.rng
    origin = rng.choice(["GRW", "GJT", "SKT", "LHR", "FSD", "MBD"])
    outcome = rng.choice(["malaysia", "thailand", "thailand"])
    trafficking = rng.random() < 0.2
    _transnational(draft, origin, trafficking=trafficking, smuggling=True)
    community = community_for(rng, "PB")
    context = _smugglingvictim_context(
        trafficking, ["withholds_documents", "takes_earnings", "debt_bondage"]
    )
    if trafficking:
        context["industry"] = "A"
    _migrants(
        draft,
        origin=origin,
        count=rng.choice([1, 1, 2, 3]),
        community=community,
        context=context,
        ages=(18, 35),
    )
    _agents(
        draft,
        origin=origin,
        community=community,
        roles=[["recruiter", "smuggler"], ["document_forger"], ["transporter"]],
    )
    label, text = texts.OUTCOMES[outcome]
    draft.values.update(
        amount=rupees(rng, 1_500_000, 3_500_000, 50_000), outcome=label, outcome_text=text
    )
    airport = rng.choice(["LHR", "MLR", "SKT"])
    draft.leg(
        "recruitment",
        district=origin,
        place=f"Agent's office, {draft.values['origin']}",
        gap=(15, 90),
    )
    draft.leg("transit", district=airport, place=texts.AIRPORTS[airport], gap=(1, 2))
    if outcome == "malaysia":
        draft.leg(
            "interception",
            country="MY",
            place="Kuala Lumpur International Airport",
            says="Refused entry and held at the airport.",
        )
    else:
        if trafficking:
            draft.leg("exploitation", country="MY", place="Plantation in Johor", gap=(30, 200))
        else:
            draft.leg("transit", country="MY", place="Kuala Lumpur", gap=(5, 40))
        draft.leg(
            "interception",
            country="TH",
            place=rng.choice(["Bangkok", "Songkhla", "Hat Yai"]),
            says="Detained on expired visas.",
        )
    draft.leg("return", district=airport, place=texts.AIRPORTS[airport])


def marriage_cn(draft: Draft) -> None:
    rng = draft.rng
    origin = rng.choice(["GRW", "FSD", "LHR", "SKP", "KSR", "GJT", "SKT"])
    _transnational(draft, origin, trafficking=True, smuggling=False)
    community = "christian" if rng.random() < 0.65 else "punjabi"
    age = rng.randint(16, 25)
    person = make_person(
        rng,
        gender="female",
        age=age,
        community=community,
        province="PB",
        district=origin,
        on=draft.opened_on,
        passport_chance=0.8,
        cnic_chance=0.7,
    )
    draft.add_victim(
        person,
        age,
        {
            "trafficking_status": rng.choice(["possible", "actual"]),
            "exploitation_types": ["forced_marriage"] + (["sexual"] if rng.random() < 0.6 else []),
            "means_of_control": pick(
                rng,
                ["false_promises"],
                {
                    "restricts_movement": 0.7,
                    "psychological_abuse": 0.6,
                    "withholds_documents": 0.5,
                    "physical_abuse": 0.3,
                },
            ),
            "recruitment_method": "marriage",
            "recruiter_relationship": rng.choice(["agent", "family"]),
            "industry": "",
        },
    )
    _agents(
        draft,
        origin=origin,
        community=community,
        roles=[["recruiter"], ["recruiter", "harbourer"], ["document_forger"]],
    )
    draft.values.update(amount=rupees(rng, 300_000, 1_200_000, 25_000))
    draft.partners = ["shelter_lahore", "ssdo"]
    airport = "ATK" if rng.random() < 0.5 else "LHR"
    draft.leg(
        "recruitment",
        district=origin,
        place=f"Marriage bureau, {draft.values['origin']}",
        gap=(20, 90),
    )
    draft.leg("transit", district=airport, place=texts.AIRPORTS[airport], gap=(1, 2))
    draft.leg(
        "exploitation",
        country="CN",
        place=rng.choice(["Hebei province", "Shandong province"]),
        gap=(30, 300),
    )
    draft.leg(
        "interception",
        country="CN",
        place="Embassy of Pakistan, Beijing",
        says="Contacted the embassy for help.",
    )
    draft.leg("return", district="ATK", place=texts.AIRPORTS["ATK"])
