"""Helpers shared by the scenario builders."""

from __future__ import annotations

from rahai.demo import texts
from rahai.demo.generator import Draft
from rahai.demo.persons import make_person

AIRPORT_FOR = {
    "PB": "LHR",
    "JK": "ATK",
    "IS": "ATK",
    "KP": "PEW",
    "SD": "MLR",
    "BA": "MLR",
    "GB": "ATK",
}
NORTH_PUNJAB = {"RWP", "JHM", "CKW", "ATK", "GJT", "MBD"}


def pick(rng, required: list[str], optional: dict[str, float]) -> list[str]:
    return required + [value for value, chance in optional.items() if rng.random() < chance]


def victim_context(
    rng,
    *,
    status: dict[str, int],
    exploitation: list[str],
    means: list[str],
    recruitment: dict[str, int],
    relationship: dict[str, int],
    industry: str = "",
) -> dict:
    def one(weights: dict[str, int]) -> str:
        return rng.choices(list(weights), weights=list(weights.values()))[0]

    return {
        "trafficking_status": one(status),
        "exploitation_types": exploitation,
        "means_of_control": means,
        "recruitment_method": one(recruitment),
        "recruiter_relationship": one(relationship),
        "industry": industry,
    }


def community_for(rng, province: str, christian: float = 0.08) -> str:
    if province == "SD":
        return "sindhi" if rng.random() < 0.75 else "hindu"
    if province == "KP":
        return "pashtun"
    if province == "BA":
        return "baloch" if rng.random() < 0.6 else "pashtun"
    return "christian" if rng.random() < christian else "punjabi"


def town_in(rng, district: str) -> str:
    return rng.choice(texts.ORIGIN_TOWNS.get(district, [""]))


def rupees(rng, low: int, high: int, step: int = 5_000) -> str:
    return f"{rng.randrange(low // step, high // step + 1) * step:,}"


def maybe_reporter(draft: Draft, community: str, province: str, district: str) -> None:
    if draft.owner == "hotline" and draft.rng.random() < 0.4:
        rng = draft.rng
        person = make_person(
            rng,
            gender=rng.choice(["male", "female"]),
            age=rng.randint(25, 60),
            community=community,
            province=province,
            district=district,
            on=draft.opened_on,
            phone_chance=1.0,
            cnic_chance=0.2,
        )
        draft.add_reporter(person)


def city_name(code: str) -> str:
    return {
        "LHR": "Lahore",
        "ISB": "Islamabad",
        "RWP": "Rawalpindi",
        "KSO": "Karachi",
        "FSD": "Faisalabad",
        "GRW": "Gujranwala",
        "MUX": "Multan",
        "PEW": "Peshawar",
        "QTA": "Quetta",
    }[code]


def origin_name(code: str) -> str:
    names = {
        "MZG": "Muzaffargarh",
        "RYK": "Rahim Yar Khan",
        "BWP": "Bahawalpur",
        "DGK": "Dera Ghazi Khan",
        "RJP": "Rajanpur",
        "LYH": "Layyah",
        "VHR": "Vehari",
        "OKR": "Okara",
        "BWN": "Bahawalnagar",
        "LDN": "Lodhran",
        "TPR": "Tharparkar",
        "JCD": "Jacobabad",
        "KSH": "Kashmore",
        "KSR": "Kasur",
        "SWL": "Sahiwal",
        "HYD": "Hyderabad",
        "NRW": "Narowal",
        "SWT": "Swat",
        "SGD": "Sargodha",
    }
    return names.get(code, "a rural district")


def origin_town(draft: Draft, origin: str) -> str:
    return town_in(draft.rng, origin) or origin_name(origin)
