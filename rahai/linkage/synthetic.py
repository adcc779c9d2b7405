"""Synthetic Pakistani person records with known truth, for training, tests and benchmarks.

People live in households (siblings share father, family name, district and often a phone —
the hard negatives); given names follow a steep popularity curve so that "Muhammad Ali" and
"Fatima Bibi" are common. Each person appears in one to several records written by agencies
with their own habits (``PROFILES``): script, spelling variants and slips, dropped or swapped
name parts, titles, missing father's name or the husband's instead, partial or mistyped CNICs,
phone formats, exact dates or guessed ages, a neighbouring district.

Deterministic for a seed; about 3 s per 100,000 records. No real person's data.
"""

from __future__ import annotations

import csv
import itertools
import math
import random
from dataclasses import dataclass
from datetime import date

from rahai.demo import names_data
from rahai.linkage.normalise import DISTRICTS_CSV


@dataclass(frozen=True)
class Profile:
    share: float  # of all records
    urdu: float  # names written in Urdu script
    full_name: float  # one full_name column (else given/family columns)
    variant: float  # another common spelling
    slip: float  # a rule-based transliteration slip (doubled letter, vowel change)
    drop_muhammad: float
    title: float
    drop_family: float
    swap: float  # family name first
    father: float  # father's/husband's name recorded
    husband: float  # for a married woman, the husband's name instead of the father's
    cnic: float
    cnic_partial: float  # of those: only the last four
    cnic_typo: float  # of the full ones: one digit wrong or two swapped
    phone: float
    birth_date: float  # exact date; else year or age
    birth_year: float
    age_jitter: int  # guessed age off by up to this many years
    gender: float
    district: float
    neighbour: float  # a neighbouring district instead of the true one
    address: float


PROFILES = {
    "police": Profile(
        0.30,
        0.30,
        0.8,
        0.35,
        0.08,
        0.3,
        0.15,
        0.25,
        0.03,
        0.9,
        0.3,
        0.6,
        0.05,
        0.05,
        0.6,
        0.2,
        0.3,
        2,
        0.9,
        0.95,
        0.05,
        0.6,
    ),
    "fia": Profile(
        0.20,
        0.05,
        0.2,
        0.30,
        0.03,
        0.1,
        0.05,
        0.1,
        0.02,
        0.95,
        0.1,
        0.9,
        0.02,
        0.03,
        0.7,
        0.8,
        0.15,
        1,
        1.0,
        0.9,
        0.02,
        0.8,
    ),
    "ngo": Profile(
        0.25,
        0.45,
        0.6,
        0.40,
        0.10,
        0.4,
        0.2,
        0.35,
        0.05,
        0.6,
        0.5,
        0.3,
        0.3,
        0.05,
        0.6,
        0.1,
        0.2,
        3,
        0.9,
        0.85,
        0.15,
        0.4,
    ),
    "hotline": Profile(
        0.25,
        0.50,
        1.0,
        0.45,
        0.12,
        0.5,
        0.1,
        0.5,
        0.05,
        0.3,
        0.5,
        0.1,
        0.5,
        0.08,
        0.85,
        0.0,
        0.05,
        5,
        0.6,
        0.7,
        0.25,
        0.1,
    ),
}
_MALE_TITLES = [
    ("Syed", "سید"),
    ("Malik", "ملک"),
    ("Ch.", "چوہدری"),
    ("Rana", "رانا"),
    ("Hafiz", "حافظ"),
    ("Haji", "حاجی"),
    ("Mian", "میاں"),
]
_FEMALE_TITLES = [("Mst.", "مسماۃ"), ("Mai", "مائی"), ("Syeda", "سیدہ"), ("Mrs.", "مسز")]
_MUHAMMAD = ["Muhammad", "Muhammad", "Mohammad", "Muhammed", "M.", "Md", "Mohd"]
_CNIC_PROVINCE = {
    "KP": "1",
    "FA": "2",
    "PB": "3",
    "SD": "4",
    "BA": "5",
    "IS": "6",
    "GB": "7",
    "JK": "8",
}
_MOHALLAS = [
    "Mohalla Islamabad",
    "Mohalla Eidgah",
    "Ghausia Colony",
    "Chak 12",
    "Chak 45 GB",
    "Basti Noor",
    "Gulshan Colony",
    "Railway Road",
    "Model Town",
    "Gharibabad",
    "Bilal Colony",
    "Jinnah Road",
]


def _load_districts():
    with DISTRICTS_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        lat, lon = float(row["lat"]), float(row["lon"])
        near = sorted(
            (
                math.hypot(lat - float(o["lat"]), (lon - float(o["lon"])) * 0.85),
                o["name_en"],
                o["name_ur"],
            )
            for o in rows
            if o is not row
        )[:3]
        out.append(
            (row["name_en"], row["name_ur"], row["province_code"], [(n[1], n[2]) for n in near])
        )
    # Punjab and Sindh hold most of the population and most recorded cases.
    weights = [4 if d[2] in {"PB", "SD"} else 2 if d[2] in {"KP", "IS"} else 1 for d in out]
    return out, weights


def _zipf(pool, exponent=1.1):
    return pool, _cumulative([1 / (rank + 1) ** exponent for rank in range(len(pool))])


def _cumulative(weights) -> list[float]:
    """Cumulative weights, computed once: ``random.choices`` draws exactly the same with them
    as with the weights (it accumulates them itself on every call otherwise)."""
    return list(itertools.accumulate(weights))


_SIBLINGS = ([1, 2, 3, 4], _cumulative([0.55, 0.25, 0.12, 0.08]))


_MALE = _zipf(names_data.MALE_GIVEN)
_FEMALE = _zipf(names_data.FEMALE_GIVEN)
_FAMILY = _zipf(names_data.FAMILY_NAMES, 0.8)


def _slip(rng: random.Random, word: str) -> str:
    """A plausible Roman Urdu transliteration slip."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.random()
    if op < 0.3 and word[i] not in "aeiou":
        return word[:i] + word[i] + word[i:]  # doubled consonant
    if op < 0.6:
        swaps = {"a": "e", "e": "a", "i": "ee", "u": "o", "o": "u"}
        for j in range(i, len(word)):
            if word[j] in swaps:
                return word[:j] + swaps[word[j]] + word[j + 1 :]
        return word
    if op < 0.8:
        return word[:i] + word[i + 1 :]  # a dropped letter
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # two letters swapped


@dataclass
class Person:
    entity: int
    female: bool
    muhammad: bool
    given: tuple
    family: tuple
    father: tuple  # (roman, urdu, variants) of the father's given name; family shared
    father_muhammad: bool
    husband: tuple | None
    birth: date
    cnic: str
    phone: str
    district: tuple
    address: str


class Generator:
    def __init__(self, seed: int = 1, *, reference_year: int | None = None):
        self.rng = random.Random(seed)
        self.reference_year = reference_year or date.today().year  # noqa: DTZ011
        self.districts, weights = _load_districts()
        self.district_weights = _cumulative(weights)
        self.agencies = list(PROFILES)
        self.agency_weights = _cumulative(PROFILES[a].share for a in self.agencies)

    def _pick(self, pool):
        return self.rng.choices(pool[0], cum_weights=pool[1])[0]

    def _phone(self) -> str:
        rng = self.rng
        return f"03{rng.choice('0123445')}{rng.randrange(10)}{rng.randrange(10**7):07d}"

    def households(self, n_people: int):
        rng = self.rng
        entity = 0
        while entity < n_people:
            district = rng.choices(self.districts, cum_weights=self.district_weights)[0]
            family = self._pick(_FAMILY)
            father = self._pick(_MALE)
            father_muhammad = rng.random() < 0.3
            phone = self._phone()
            address = f"{rng.choice(_MOHALLAS)} {rng.randrange(1, 60)}, {district[0]}"
            prefix = _CNIC_PROVINCE.get(district[2], "3") + f"{rng.randrange(1000, 9999)}"
            born = date(self.reference_year - rng.randrange(10, 65), 1, 1)
            names_taken: set[str] = set()
            for _sibling in range(rng.choices(_SIBLINGS[0], cum_weights=_SIBLINGS[1])[0]):
                female = rng.random() < 0.45
                born = date.fromordinal(born.toordinal() + rng.randrange(300, 2500))
                if born.year > self.reference_year - 5:
                    break
                married = female and born.year < self.reference_year - 20 and rng.random() < 0.7
                given = self._pick(_FEMALE if female else _MALE)
                if given[0] in names_taken:
                    continue  # parents do not give two children one name
                names_taken.add(given[0])
                last = rng.randrange(10)
                last = last - last % 2 if female else last | 1  # CNIC: even for women
                yield Person(
                    entity=entity,
                    female=female,
                    muhammad=not female and rng.random() < 0.35,
                    given=given,
                    family=family,
                    father=father,
                    father_muhammad=father_muhammad,
                    husband=self._pick(_MALE) if married else None,
                    birth=born,
                    cnic=f"{prefix}{rng.randrange(10**7):07d}{last}",
                    phone=phone if rng.random() < 0.6 else self._phone(),
                    district=district,
                    address=address,
                )
                entity += 1
                if entity >= n_people:
                    return

    def records(self, n_records: int, *, duplicates_per_person: float = 0.8):
        """About ``n_records`` records; each person is recorded 1 + Poisson-ish extra times."""
        rng = self.rng
        n_people = max(1, int(n_records / (1 + duplicates_per_person)))
        out: list[dict] = []
        for person in self.households(n_people):
            extra = 0
            while rng.random() < duplicates_per_person / (1 + duplicates_per_person) and extra < 6:
                extra += 1
            for _ in range(1 + extra):
                agency = rng.choices(self.agencies, cum_weights=self.agency_weights)[0]
                out.append(self.render(person, agency, len(out)))
        rng.shuffle(out)
        return out[:n_records]

    def _spell(self, entry: tuple, profile: Profile, urdu: bool) -> str:
        roman, urdu_text, variants = entry
        if urdu:
            return urdu_text
        word = roman
        if variants and self.rng.random() < profile.variant:
            word = self.rng.choice(variants)
        if self.rng.random() < profile.slip:
            word = " ".join(_slip(self.rng, w) for w in word.split())
        return word if self.rng.random() < 0.8 else word.upper()

    def render(self, p: Person, agency: str, index: int) -> dict:
        rng, prof = self.rng, PROFILES[agency]
        urdu = rng.random() < prof.urdu
        given = self._spell(p.given, prof, urdu)
        if p.muhammad and p.given[0] != "Muhammad" and rng.random() >= prof.drop_muhammad:
            given = ("محمد" if urdu else rng.choice(_MUHAMMAD)) + " " + given
        family = "" if rng.random() < prof.drop_family else self._spell(p.family, prof, urdu)
        if rng.random() < prof.title:
            title = rng.choice(_FEMALE_TITLES if p.female else _MALE_TITLES)
            given = (title[1] if urdu else title[0]) + " " + given
        father = ""
        relation = "d/o" if p.female else "s/o"
        if rng.random() < prof.father:
            if p.husband and rng.random() < prof.husband:
                father, relation = self._spell(p.husband, prof, urdu), "w/o"
            else:
                father = self._spell(p.father, prof, urdu)
                if (
                    p.father_muhammad
                    and p.father[0] != "Muhammad"
                    and rng.random() >= prof.drop_muhammad
                ):
                    father = ("محمد " if urdu else "Muhammad ") + father
                if rng.random() < 0.5:
                    father += " " + self._spell(p.family, prof, urdu)
        rec = {
            "record_id": f"{agency[:3].upper()}-{index:07d}",
            "source": agency,
            "entity_id": str(p.entity),
        }
        if rng.random() < prof.full_name:
            parts = [family, given] if family and rng.random() < prof.swap else [given, family]
            full = " ".join(x for x in parts if x)
            if father:
                marker = {"s/o": "ولد", "d/o": "بنت", "w/o": "زوجہ"}[relation] if urdu else relation
                full += f" {marker} {father}"
            rec["full_name"] = full
        else:
            rec["given_name"], rec["family_name"], rec["father_name"] = given, family, father
        if rng.random() < prof.gender:
            rec["gender"] = "female" if p.female else "male"
        roll = rng.random()
        if roll < prof.birth_date:
            rec["birth_date"] = p.birth.isoformat()
        elif roll < prof.birth_date + prof.birth_year:
            rec["birth_year"] = str(p.birth.year)
        else:
            age = (
                self.reference_year - p.birth.year + rng.randint(-prof.age_jitter, prof.age_jitter)
            )
            rec["age"] = str(max(age, 1))
        if rng.random() < prof.cnic:
            rec["id_number"] = self._cnic(p.cnic, prof)
        if rng.random() < prof.phone:
            number = p.phone if rng.random() < 0.9 else self._phone()  # a changed number
            rec["phone"] = self._phone_format(number)
        if rng.random() < prof.district:
            name = rng.choice(p.district[3]) if rng.random() < prof.neighbour else p.district[:2]
            rec["district"] = name[1] if urdu and rng.random() < 0.5 else name[0]
        if rng.random() < prof.address:
            address = p.address
            if rng.random() < 0.4:  # written differently: no house number, other spelling
                address = address.split(" ", 2)[0] + " " + address.rsplit(",", 1)[-1].strip()
            rec["address"] = address if rng.random() < 0.8 else address.upper()
        rec["_urdu"] = urdu
        rec["_female"] = p.female
        return rec

    def _cnic(self, cnic: str, prof: Profile) -> str:
        rng = self.rng
        if rng.random() < prof.cnic_partial:
            return "xxxxx-xxxxxxx-" + cnic[-4:] if rng.random() < 0.5 else cnic[-4:]
        if rng.random() < prof.cnic_typo:
            i = rng.randrange(1, 12)
            if rng.random() < 0.5:
                cnic = cnic[:i] + cnic[i + 1] + cnic[i] + cnic[i + 2 :]
            else:
                cnic = cnic[:i] + str((int(cnic[i]) + rng.randrange(1, 10)) % 10) + cnic[i + 1 :]
        return f"{cnic[:5]}-{cnic[5:12]}-{cnic[12]}" if rng.random() < 0.6 else cnic

    def _phone_format(self, phone: str) -> str:
        rest = phone[1:]
        return self.rng.choice(
            [
                phone,
                f"{phone[:4]}-{phone[4:]}",
                f"+92 {rest[:3]} {rest[3:]}",
                f"92{rest}",
                f"0092{rest}",
            ]
        )


PUBLIC_COLUMNS = (
    "record_id",
    "source",
    "full_name",
    "given_name",
    "family_name",
    "father_name",
    "gender",
    "birth_date",
    "birth_year",
    "age",
    "id_number",
    "phone",
    "address",
    "district",
)


def generate(n_records: int, *, seed: int = 1, reference_year: int | None = None) -> list[dict]:
    """Records with their truth (``entity_id``) and subgroup flags (``_urdu``, ``_female``)."""
    return Generator(seed, reference_year=reference_year).records(n_records)


def write_csv(records: list[dict], path, *, with_truth: bool = False) -> None:
    columns = list(PUBLIC_COLUMNS) + (["entity_id"] if with_truth else [])
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(records)
