"""Internal cases: bonded labour (brick kilns, farms), domestic servitude, begging, sexual exploitation."""

from __future__ import annotations

from rahai.demo import texts
from rahai.demo.generator import PROVINCE_OF, Draft
from rahai.demo.persons import make_family, make_person, make_suspect
from rahai.demo.scenarios.common import (
    city_name,
    community_for,
    maybe_reporter,
    origin_name,
    pick,
    rupees,
    victim_context,
)

# --- bonded labour ------------------------------------------------------------------------------


def _bonded(
    draft: Draft,
    *,
    district: str,
    town: str,
    origin: str,
    community: str,
    industry: str,
    place: str,
    exploiter_word: str,
) -> None:
    rng = draft.rng
    province = PROVINCE_OF[district]
    size = rng.choices([1, 2, 3, 4, 5, 6], weights=[10, 10, 20, 25, 20, 15])[0]
    members = make_family(
        rng,
        size=size,
        community=community,
        province=PROVINCE_OF[origin],
        district=origin,
        on=draft.opened_on,
    )
    draft.case_types = ["bonded_labour"]
    if origin != district and rng.random() < 0.6:
        draft.case_types.append("trafficking_internal")
    status = {"actual": 60, "possible": 38, "not": 2}
    for person, age in members:
        child = age < 18
        exploitation = ["bonded_labour", "forced_labour"] + (["child_labour"] if child else [])
        means = pick(
            rng,
            ["debt_bondage", "restricts_movement"],
            {
                "excessive_hours": 0.6,
                "takes_earnings": 0.5,
                "threats": 0.5,
                "physical_abuse": 0.25,
                "withholds_necessities": 0.2,
                "withholds_documents": 0.15,
                "uses_children": 1.0 if len(members) > 2 else 0.0,
            },
        )
        draft.add_victim(
            person,
            age,
            victim_context(
                rng,
                status=status,
                exploitation=exploitation,
                means=means,
                recruitment={"advance": 80, "family": 10, "job_offer": 10},
                relationship={"employer": 70, "agent": 25, "family": 5},
                industry=industry,
            ),
        )
    suspects = draft.suspect_count((8, 45, 37, 10))
    labels = [
        (["exploiter"], exploiter_word),
        (["recruiter", "harbourer"], "munshi"),
        (["transporter"], "driver"),
    ]
    for roles, _label in labels[:suspects]:
        draft.add_suspect(
            make_suspect(
                rng,
                community="punjabi" if province == "PB" else "sindhi",
                province=province,
                district=district,
                on=draft.opened_on,
            ),
            roles,
        )
    draft.district = district
    draft.owner = draft.local_owner(district)
    draft.note_kind = draft.closure_kind = "bonded"
    draft.values.update(
        town=town,
        amount=rupees(rng, 40_000, 600_000),
        origin=origin,
        city=town,
        who=f"{len(members)} members of one household" if len(members) > 1 else "One worker",
    )
    draft.partners = ["ssdo"]
    if province == "PB":
        draft.extra_shares.append(("labour_pb", "Release and rehabilitation under BLSAA", 0.12))
        draft.extra_shares.append(("prosecution_pb", "Prosecution under BLSAA section 11", 0.08))
    if district == "KSR":
        draft.extra_shares.append(("dvc_kasur", "District Vigilance Committee follow-up", 0.4))
    long_stay = (180, 1800)
    draft.leg("recruitment", district=origin, place="Home village", gap=(2, 30))
    if origin != district:
        draft.leg("transit", district=origin, place="Bus stand", gap=(1, 3))
    draft.leg("exploitation", district=district, place=place.format(town=town), gap=long_stay)
    draft.leg("interception", district=district, place=place.format(town=town), gap=(1, 20))
    draft.leg("return", district=origin, place="Home village")
    maybe_reporter(draft, community, PROVINCE_OF[origin], origin)


def brick_kiln(draft: Draft) -> None:
    rng = draft.rng
    if rng.random() < 0.7:
        district = rng.choice(
            ["KSR", "KSR", "KSR", "SKP", "LHR", "LHR", "NKS", "OKR", "FSD", "GRW"]
        )
        origin = district if rng.random() < 0.5 else rng.choice(texts.SOUTH_PUNJAB)
        community = "christian" if rng.random() < 0.45 else "punjabi"
    else:
        district = rng.choice(["HYD", "SGR", "SGR", "SGR", "MPK", "TAY", "UMK"])
        origin = district if rng.random() < 0.5 else rng.choice(["TPR", "UMK", "MPK", "BDN"])
        community = "hindu" if rng.random() < 0.7 else "sindhi"
    town = rng.choice(texts.KILN_TOWNS[district])
    _bonded(
        draft,
        district=district,
        town=town,
        origin=origin,
        community=community,
        industry="C",
        place="Brick kiln near {town}",
        exploiter_word="kiln owner",
    )


def agriculture(draft: Draft) -> None:
    rng = draft.rng
    district = rng.choice(["SGR", "SGR", "SGR", "UMK", "MPK", "BDN", "TAY", "MTR"])
    origin = district if rng.random() < 0.5 else rng.choice(["TPR", "UMK", "MPK"])
    town = rng.choice(texts.FARM_TOWNS[district])
    community = "hindu" if rng.random() < 0.7 else "sindhi"
    _bonded(
        draft,
        district=district,
        town=town,
        origin=origin,
        community=community,
        industry="A",
        place="Farmland near {town}",
        exploiter_word="landlord",
    )


# --- internal trafficking ---------------------------------------------------------------------------


def _internal(
    draft: Draft,
    *,
    cities: list[str],
    origins: list[str],
    victims: list[tuple[str, int]],
    exploitation: list[str],
    means: tuple[list[str], dict[str, float]],
    recruitment: dict[str, int],
    relationship: dict[str, int],
    industry: str,
    place: str,
    interception: str,
    restrict_chance: float,
    suspects: list[tuple[list[str], str]],
) -> None:
    rng = draft.rng
    sensitive = any(age < 18 for _g, age in victims) or "sexual" in exploitation
    if draft.restrict(restrict_chance if sensitive else 0):
        city = draft.district
    else:
        city = rng.choice(cities)
        draft.owner = draft.local_owner(city)
    origin = rng.choice(origins)
    province = PROVINCE_OF[origin]
    community = community_for(rng, province, christian=0.15)
    area = rng.choice(texts.CITY_AREAS.get(city, [""]))
    draft.case_types = ["trafficking_internal"]
    draft.district = city
    for gender, age in victims:
        person = make_person(
            rng,
            gender=gender,
            age=age,
            community=community,
            province=province,
            district=origin,
            on=draft.opened_on,
            phone_chance=0.2,
        )
        child_types = ["child_labour"] if age < 18 and "sexual" not in exploitation else []
        draft.add_victim(
            person,
            age,
            victim_context(
                rng,
                status={"actual": 55, "possible": 42, "not": 3},
                exploitation=exploitation + child_types,
                means=pick(rng, list(means[0]), means[1])
                + (["uses_children"] if age < 18 and "forced_begging" in exploitation else []),
                recruitment=recruitment,
                relationship=relationship,
                industry=industry,
            ),
        )
    count = draft.suspect_count()
    city_province = PROVINCE_OF[city]
    for roles, gender in suspects[:count]:
        draft.add_suspect(
            make_suspect(
                rng,
                community=community_for(rng, city_province),
                province=city_province,
                district=city,
                on=draft.opened_on,
                gender=gender,
            ),
            roles,
        )
    draft.values.update(city=city_name(city), origin=origin_name(origin), area=area)
    draft.partners = ["shelter_lahore", "ssdo"] if city_province == "PB" else ["ssdo"]
    if city_province == "PB":
        draft.extra_shares.append(("prosecution_pb", "Prosecution under PTPA", 0.1))
        draft.extra_shares.append(("legal_aid", "Legal representation for the victim", 0.06))
    draft.leg("recruitment", district=origin, place="Home village")
    if rng.random() < 0.5:
        draft.leg("transit", district=origin, place="Bus stand")
    draft.leg("exploitation", district=city, place=place.format(area=area).strip(", "))
    draft.leg("interception", district=city, place=interception)
    draft.leg("return", district=origin, place="Home village")
    maybe_reporter(draft, community, province, origin)


def domestic(draft: Draft) -> None:
    rng = draft.rng
    if rng.random() < 0.75:
        victims = [
            (rng.choice(["female", "female", "male"]), rng.randint(8, 16))
            for _ in range(rng.choice([1, 1, 1, 2]))
        ]
    else:
        victims = [("female", rng.randint(17, 40))]
    _internal(
        draft,
        cities=["LHR", "LHR", "LHR", "ISB", "RWP", "KSO", "KSO", "FSD", "GRW", "GRW"],
        origins=[*texts.SOUTH_PUNJAB, "TPR", "SWT"],
        victims=victims,
        exploitation=["servitude"],
        means=(
            ["restricts_movement"],
            {
                "physical_abuse": 0.5,
                "takes_earnings": 0.6,
                "withholds_necessities": 0.3,
                "excessive_hours": 0.6,
                "psychological_abuse": 0.4,
                "restricts_medical": 0.2,
            },
        ),
        recruitment={"family": 50, "job_offer": 30, "agent": 20},
        relationship={"family": 35, "agent": 40, "employer": 20, "unknown": 5},
        industry="T",
        place="House in {area}",
        interception="Rescued from the house",
        restrict_chance=0.55,
        suspects=[(["exploiter"], "female"), (["recruiter"], "male"), (["exploiter"], "male")],
    )


def begging(draft: Draft) -> None:
    rng = draft.rng
    victims = [
        (rng.choice(["male", "female"]), rng.randint(5, 14)) for _ in range(rng.randint(1, 4))
    ]
    _internal(
        draft,
        cities=["LHR", "LHR", "KSO", "KSO", "RWP", "ISB", "PEW", "MUX", "QTA"],
        origins=["RYK", "RJP", "DGK", "MZG", "JCD", "KSH"],
        victims=victims,
        exploitation=["forced_begging"],
        means=(
            ["takes_earnings"],
            {
                "physical_abuse": 0.5,
                "threats": 0.5,
                "restricts_movement": 0.4,
                "withholds_necessities": 0.3,
            },
        ),
        recruitment={"family": 40, "abduction": 20, "other": 20, "unknown": 20},
        relationship={"family": 30, "stranger": 30, "agent": 25, "unknown": 15},
        industry="",
        place="Traffic signals, {area}",
        interception="Rescue drive against organised begging",
        restrict_chance=0.45,
        suspects=[(["exploiter"], "male"), (["transporter"], "male"), (["harbourer"], "female")],
    )


def sexual(draft: Draft) -> None:
    rng = draft.rng
    victims = [("female", rng.randint(15, 30)) for _ in range(rng.choice([1, 1, 2, 3]))]
    _internal(
        draft,
        cities=["LHR", "LHR", "LHR", "KSO", "KSO", "GRW", "RWP", "FSD", "ISB", "MUX"],
        origins=["KSR", "OKR", "SWL", "HYD", "MZG", "NRW", "SGD", "BWP"],
        victims=victims,
        exploitation=["sexual"],
        means=(
            ["false_promises"],
            {
                "threats": 0.6,
                "sexual_abuse": 0.6,
                "withholds_documents": 0.4,
                "psychoactive_substances": 0.25,
                "restricts_movement": 0.6,
                "takes_earnings": 0.5,
            },
        ),
        recruitment={"job_offer": 45, "marriage": 20, "online": 25, "abduction": 10},
        relationship={"intimate_partner": 20, "friend": 25, "agent": 35, "stranger": 20},
        industry="S",
        place="Rented house in {area}",
        interception="Police raid on the house",
        restrict_chance=0.6,
        suspects=[
            (["exploiter", "harbourer"], "female"),
            (["recruiter"], "male"),
            (["transporter"], "male"),
        ],
    )
