"""Synthetic persons: names from ``names_data`` in Roman and Urdu script, CNICs, phones, ages.

Everything is drawn from the ``random.Random`` passed in, so the same seed gives the same people.
CNICs have the 13-digit shape with a plausible province digit and the last digit odd for men and
even for women; phones are Pakistani mobiles (03XX XXXXXXX) written the ways records write them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from rahai.demo import names_data

Entry = tuple[str, str, tuple[str, ...]]

# Names of well-known real people (activists, politicians, people in landmark cases) that the
# generator must never give a synthetic victim or suspect; "Bibi" and "Begum" are titles here.
EXCLUDED_GIVEN = {
    "Malala",
    "Mahrang",
    "Iqbal Masih",
    "Salamat Masih",
    "Ashiq Masih",
    "Gurdeep Singh",
    "Bibi",
    "Begum",
}
EXCLUDED_FULL = {
    ("Rimsha", "Masih"),
    ("Sharoon", "Masih"),
    ("Imran", "Khan"),
    ("Nawaz", "Sharif"),
    ("Shahbaz", "Sharif"),
    ("Shehbaz", "Sharif"),
    ("Shahid", "Afridi"),
    ("Fatima", "Bhutto"),
    ("Zulfiqar", "Bhutto"),
    ("Asia", "Masih"),
    ("Maryam", "Nawaz"),
    ("Arshad", "Nadeem"),
    ("Asif", "Zardari"),
    ("Murad", "Shah"),
    ("Nadia", "Khan"),
    ("Aamir", "Khan"),
    ("Junaid", "Khan"),
    ("Younas", "Khan"),
}

_MALE = {entry[0]: entry for entry in names_data.MALE_GIVEN if entry[0] not in EXCLUDED_GIVEN}
_FEMALE = {entry[0]: entry for entry in names_data.FEMALE_GIVEN if entry[0] not in EXCLUDED_GIVEN}
_FAMILY = {entry[0]: entry for entry in names_data.FAMILY_NAMES}

# Community-specific given and family names (by their Roman spelling in names_data).
_SPECIFIC_MALE = {
    "christian": [
        "Pervaiz Masih",
        "Yaqoob Masih",
        "Emmanuel",
        "Samuel",
        "Patras",
        "Sharoon",
        "Joseph",
    ],
    "hindu": [
        "Ramesh",
        "Sunil",
        "Rajesh",
        "Mukesh",
        "Dileep",
        "Sanjay",
        "Ashok",
        "Krishan",
        "Lal Chand",
        "Gian Chand",
        "Bhagwan Das",
    ],
    "sindhi": [
        "Rasool Bakhsh",
        "Nabi Bakhsh",
        "Moula Bakhsh",
        "Khair Muhammad",
        "Jan Muhammad",
        "Ali Gohar",
        "Gul Hassan",
        "Sachal",
    ],
    "pashtun": [
        "Gul Muhammad",
        "Gul Zaman",
        "Sher Zaman",
        "Wali",
        "Aimal",
        "Mir Alam",
        "Bakht Zada",
        "Noor Zaman",
    ],
    "baloch": ["Balach", "Chakar", "Dostain", "Shahdad", "Murad", "Juma", "Dad Muhammad"],
}
_SPECIFIC_FEMALE = {
    "christian": [
        "Sarah",
        "Martha",
        "Mary",
        "Rimsha",
        "Shazia",
        "Nasreen",
        "Rubina",
        "Kiran",
        "Saima",
        "Parveen",
        "Naheed",
    ],
    "hindu": ["Pooja", "Sunita", "Kavita", "Radha", "Sita", "Meena", "Krishna Kumari"],
    "sindhi": ["Marvi"],
    "pashtun": ["Zarmina", "Palwasha", "Gul Bibi"],
    "baloch": ["Gul Bibi"],
}
_FAMILY_BY_COMMUNITY = {
    "punjabi": [
        "Khan",
        "Ahmed",
        "Ali",
        "Hussain",
        "Akhtar",
        "Iqbal",
        "Butt",
        "Chaudhry",
        "Malik",
        "Awan",
        "Rajput",
        "Jatt",
        "Arain",
        "Gujjar",
        "Mirza",
        "Mughal",
        "Bhatti",
        "Khokhar",
        "Cheema",
        "Bajwa",
        "Warraich",
        "Sandhu",
        "Gondal",
        "Tarar",
        "Virk",
        "Ghumman",
        "Dogar",
        "Sial",
        "Janjua",
        "Kayani",
        "Abbasi",
        "Sheikh",
        "Ansari",
        "Qureshi",
        "Shah",
        "Hashmi",
        "Siddiqui",
    ],
    "christian": ["Masih", "Masih", "Masih", "Sahotra", "Joseph", "Gill", "Bhatti"],
    "hindu": ["Kohli", "Meghwar", "Bheel", "Oad", "Kumar", "Thakur"],
    "sindhi": [
        "Memon",
        "Soomro",
        "Jatoi",
        "Chandio",
        "Mahar",
        "Junejo",
        "Abro",
        "Khuhro",
        "Unar",
        "Solangi",
        "Kalhoro",
        "Channa",
        "Shah",
        "Khan",
    ],
    "pashtun": [
        "Khan",
        "Khattak",
        "Yousafzai",
        "Afridi",
        "Shinwari",
        "Achakzai",
        "Kakar",
        "Durrani",
        "Mohmand",
        "Wazir",
        "Mehsud",
        "Bangash",
        "Orakzai",
    ],
    "baloch": [
        "Baloch",
        "Marri",
        "Bugti",
        "Mengal",
        "Leghari",
        "Khosa",
        "Jamali",
        "Rind",
        "Lashari",
        "Zehri",
    ],
}
_ALL_SPECIFIC_MALE = {name for names in _SPECIFIC_MALE.values() for name in names}
_ALL_SPECIFIC_FEMALE = {name for names in _SPECIFIC_FEMALE.values() for name in names}
_GENERAL_MALE = [name for name in _MALE if name not in _ALL_SPECIFIC_MALE]
_GENERAL_FEMALE = [name for name in _FEMALE if name not in _ALL_SPECIFIC_FEMALE]

# Communities whose given names draw mostly on the general (Muslim, pan-Pakistan) pool.
_GENERAL_SHARE = {
    "punjabi": 1.0,
    "sindhi": 0.5,
    "pashtun": 0.6,
    "baloch": 0.5,
    "christian": 0.15,
    "hindu": 0.0,
}

# CNIC first digit by province (1 KP, 3 Punjab, 4 Sindh, 5 Balochistan, 6 Islamabad, 7 GB, 8 AJK).
CNIC_PROVINCE_DIGIT = {"KP": "1", "PB": "3", "SD": "4", "BA": "5", "IS": "6", "GB": "7", "JK": "8"}
# Mobile prefixes that libphonenumber accepts as Pakistani mobiles (Jazz, Zong, Ufone, Telenor).
MOBILE_PREFIXES = [
    f"03{n:02d}"
    for n in [*range(0, 10), *range(10, 19), *range(20, 26), *range(30, 37), *range(40, 50)]
]
LANGUAGES = {
    "PB": ["pa", "ur"],
    "SD": ["sd", "ur"],
    "KP": ["ps", "ur"],
    "BA": ["bal", "ur"],
    "IS": ["ur", "pa"],
    "GB": ["ur"],
    "JK": ["ur", "pa"],
}
SARAIKI_DISTRICTS = {
    "MZG",
    "RYK",
    "BWP",
    "DGK",
    "RJP",
    "LYH",
    "LDN",
    "MUX",
    "BKR",
    "KAD",
    "TNS",
    "VHR",
}
NICKNAMES = [
    "Kaka",
    "Pappu",
    "Billa",
    "Bao",
    "Raja",
    "Chhotu",
    "Mithu",
    "Bhola",
    "Haji Sahib",
    "Malik Sahib",
    "Shah Ji",
    "Doctor",
    "Lala",
    "Agent Sahib",
    "Bhai Jan",
    "Kala",
]


@dataclass
class PersonPlan:
    """The data one ``person_create`` call receives (district and citizenship still as codes)."""

    data: dict
    district: str | None = None
    citizenship: str = "PK"
    pool_key: str | None = None  # a person shared by several cases


def _spell(rng: random.Random, entry: Entry, variant_chance: float) -> str:
    roman, _urdu, variants = entry
    if variants and rng.random() < variant_chance:
        return rng.choice(variants)
    return roman


def pick_given(rng: random.Random, gender: str, community: str) -> Entry:
    female = gender == "female"
    specific = (_SPECIFIC_FEMALE if female else _SPECIFIC_MALE).get(community, [])
    general = _GENERAL_FEMALE if female else _GENERAL_MALE
    table = _FEMALE if female else _MALE
    share = _GENERAL_SHARE.get(community, 1.0)
    if specific and rng.random() >= share:
        return table[rng.choice(specific)]
    return table[rng.choice(general)]


def pick_family(rng: random.Random, community: str) -> Entry:
    return _FAMILY[rng.choice(_FAMILY_BY_COMMUNITY.get(community, _FAMILY_BY_COMMUNITY["punjabi"]))]


def _family_for(given: Entry, family: Entry | None) -> Entry | None:
    """No family name where it would repeat the given name's last word ("Salamat Masih Masih")
    or complete the name of a well-known real person."""
    if (
        family is None
        or given[0].split()[-1] == family[0]
        or (given[0], family[0]) in EXCLUDED_FULL
    ):
        return None
    return family


def _full_name(
    rng: random.Random, given: Entry, family: Entry | None, *, urdu: bool, variant_chance: float
) -> str:
    family = _family_for(given, family)
    if urdu:
        return " ".join(part for part in [given[1], family[1] if family else ""] if part)
    parts = [_spell(rng, given, variant_chance), _spell(rng, family, 0.2) if family else ""]
    return " ".join(part for part in parts if part)


def name_fields(
    rng: random.Random,
    given: Entry,
    family: Entry | None,
    style: str,
    father: tuple[Entry, Entry | None] | None = None,
) -> dict:
    """Name fields in one of three styles: Roman with Urdu, Roman only, Urdu only."""
    family = _family_for(given, family)
    data: dict = {}
    if style == "urdu":
        data["name_urdu"] = _full_name(rng, given, family, urdu=True, variant_chance=0)
    else:
        data["given_name"] = _spell(rng, given, 0.35)
        data["family_name"] = _spell(rng, family, 0.25) if family else ""
        if style == "roman_urdu":
            data["name_urdu"] = _full_name(rng, given, family, urdu=True, variant_chance=0)
    if father is not None:
        data["father_name"] = _full_name(
            rng, father[0], father[1], urdu=style == "urdu", variant_chance=0.3
        )
    return data


def pick_style(rng: random.Random) -> str:
    return rng.choices(["roman_urdu", "roman", "urdu"], weights=[40, 42, 18])[0]


def make_cnic(rng: random.Random, province: str, gender: str) -> str:
    first = CNIC_PROVINCE_DIGIT.get(province, "3")
    middle = "".join(str(rng.randrange(10)) for _ in range(11))
    last = rng.choice("13579" if gender == "male" else "02468")
    digits = f"{first}{middle}{last}"
    if rng.random() < 0.7:  # most records write the dashes
        return f"{digits[:5]}-{digits[5:12]}-{digits[12]}"
    return digits


def make_phone(rng: random.Random) -> str:
    prefix = rng.choice(MOBILE_PREFIXES)
    rest = f"{rng.randrange(10**7):07d}"
    return rng.choice(
        [
            f"{prefix} {rest}",
            f"{prefix}-{rest}",
            f"{prefix}{rest}",
            f"+92 {prefix[1:]} {rest}",
        ]
    )


def make_passport(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return rng.choice(letters) + rng.choice(letters) + f"{rng.randrange(10**7):07d}"


def languages_for(province: str, district: str | None) -> list[str]:
    if district in SARAIKI_DISTRICTS:
        return ["skr", "ur"]
    return list(LANGUAGES.get(province, ["ur"]))


def add_age(rng: random.Random, data: dict, age: int, on: date) -> None:
    """Record an age: a birth date for some, an estimated age (as of ``on``) for the rest."""
    if rng.random() < 0.4:
        birth = on - timedelta(days=age * 365 + rng.randrange(0, 360))
        data["birth_date"] = birth
    else:
        data["estimated_age"] = age
        data["age_estimated_on"] = on


def education_for(rng: random.Random, age: int) -> str:
    if age < 6:
        return "none"
    if age < 12:
        return rng.choice(["none", "none", "isced1"])
    if age < 16:
        return rng.choice(["none", "isced1", "isced1", "isced2", "religious"])
    return rng.choices(
        ["none", "isced1", "isced2", "isced3", "religious", "unknown"],
        weights=[30, 25, 15, 10, 5, 15],
    )[0]


def make_person(
    rng: random.Random,
    *,
    gender: str,
    age: int,
    community: str,
    province: str,
    district: str | None,
    on: date,
    style: str | None = None,
    family: Entry | None = None,
    father: tuple[Entry, Entry | None] | None = None,
    cnic_chance: float = 0.45,
    phone_chance: float = 0.4,
    passport_chance: float = 0.0,
    given: Entry | None = None,
) -> PersonPlan:
    """One synthetic person; ``family``/``father`` tie family members together."""
    style = style or pick_style(rng)
    given = given or pick_given(rng, gender, community)
    if family is None and not given[0].endswith("Masih"):
        family = pick_family(rng, community)
    if father is None and rng.random() < 0.7:
        father = (pick_given(rng, "male", community), family)
    data = name_fields(rng, given, family, style, father)
    data["gender"] = gender
    add_age(rng, data, age, on)
    if age >= 18 and rng.random() < cnic_chance:
        data["cnic"] = make_cnic(rng, province, gender)
    if age >= 14 and rng.random() < phone_chance:
        data["phones"] = [make_phone(rng)]
    if age >= 16 and rng.random() < passport_chance:
        data["passport_number"] = make_passport(rng)
    data["languages"] = languages_for(province, district)
    data["education"] = education_for(rng, age)
    if age >= 18:
        data["marital_status"] = rng.choices(
            ["single", "married", "widowed", "unknown"], weights=[30, 50, 5, 15]
        )[0]
    elif age >= 10:
        data["marital_status"] = "single"
    if rng.random() < 0.3:
        data["address"] = rng.choice(
            ["Chak No. {n}/GB", "Mohalla {m}, ward {n}", "Village {m}, house {n}", "Basti {m}"]
        ).format(
            n=rng.randint(2, 480),
            m=rng.choice(
                ["Noorpur", "Rehmanpura", "Islampura", "Faizabad", "Madina Colony", "Ghousia"]
            ),
        )
    return PersonPlan(data=data, district=district)


def make_suspect(
    rng: random.Random,
    *,
    community: str,
    province: str,
    district: str | None,
    on: date,
    gender: str = "male",
) -> PersonPlan:
    age = rng.randint(24, 62)
    plan = make_person(
        rng,
        gender=gender,
        age=age,
        community=community,
        province=province,
        district=district,
        on=on,
        cnic_chance=0.35,
        phone_chance=0.6,
    )
    if rng.random() < 0.4:
        plan.data["aliases"] = [rng.choice(NICKNAMES)]
    return plan


def make_family(
    rng: random.Random, *, size: int, community: str, province: str, district: str, on: date
) -> list[tuple[PersonPlan, int]]:
    """A household: a father, often a mother, and children; returns (plan, age) pairs."""
    style = pick_style(rng)
    family = pick_family(rng, community)
    head_given = pick_given(rng, "male", community)
    head_age = rng.randint(26, 55)
    members = [
        (
            make_person(
                rng,
                gender="male",
                age=head_age,
                community=community,
                province=province,
                district=district,
                on=on,
                style=style,
                family=family,
                given=head_given,
            ),
            head_age,
        )
    ]
    if size >= 2 and rng.random() < 0.85:
        wife_age = max(18, head_age - rng.randint(0, 8))
        husband = (head_given, family)
        members.append(
            (
                make_person(
                    rng,
                    gender="female",
                    age=wife_age,
                    community=community,
                    province=province,
                    district=district,
                    on=on,
                    style=style,
                    family=family,
                    father=husband,
                    phone_chance=0.1,
                ),
                wife_age,
            )
        )
        members[0][0].data["marital_status"] = members[-1][0].data["marital_status"] = "married"
    while len(members) < size:
        child_age = rng.randint(4, min(17, head_age - 16))
        gender = rng.choice(["male", "female"])
        members.append(
            (
                make_person(
                    rng,
                    gender=gender,
                    age=child_age,
                    community=community,
                    province=province,
                    district=district,
                    on=on,
                    style=style,
                    family=family,
                    father=(head_given, family),
                ),
                child_age,
            )
        )
    return members
