"""Linkage keys for Pakistani names and identifiers, on top of ``rahai.core.names``.

``rahai.core.names`` folds a token to its consonant skeleton for the blind-index search; this
module adds what linkage needs on top and never changes those keys:

* a **variant table** (Muhammad/Mohammad/Mohd/M., Yousaf/Yusuf, عمران/Imran, ...) giving each
  known token one canonical Roman spelling, so "محمد یوسف" and "Mohd Yusuf" agree exactly;
* **titles and honorifics** removed deliberately: a title is only a title at the *start* of a
  name ("Malik Aslam" is Aslam; "Aslam Malik" is Aslam of the Malik family); a few honorifics
  (Bibi, Begum, Sahib) are also dropped at the end; female titles (Mst., Mai, Syeda) hint the
  gender when the record has none;
* a leading **Muhammad** (or M., Md, Mohd) is set aside when other names follow, because
  records drop it freely: "Muhammad Imran" and "M. Imran" and "Imran" are the same given name;
* compounds are joined: Abdul/Ghulam + next word, next word + Ullah/Uddin/Din, in both scripts;
* the **father's or husband's name** (after s/o, d/o, w/o, ولد, بنت, زوجہ, or its own column)
  is its own evidence, with the relation kept so a woman's "d/o" and "w/o" are not compared;
* CNICs as full digits plus the last four; phones in E.164; birth year from a date, a year or
  an estimated age; districts resolved to the reference list with centroids.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import phonenumbers

from rahai.core import names
from rahai.demo import names_data

_LEADING_TITLES = {t.rstrip(".").casefold() for t in (*names.TITLES, *names_data.TITLES)}
_LEADING_TITLES |= {"مسز", "al", "alhaj", "al-haj", "engr", "prof", "rev", "capt", "maj", "col"}
# Honorifics that also trail a name ("Fatima Bibi", "Razia Begum", "Aslam Sahib").
_TRAILING_HONORIFICS = {"bibi", "begum", "sahib", "sahab", "jee", "ji", "بی", "بیگم", "صاحب", "جی"}
_FEMALE_TITLES = {
    "mst",
    "mussammat",
    "musammat",
    "musamat",
    "mai",
    "bibi",
    "begum",
    "mrs",
    "ms",
    "miss",
    "syeda",
    "mohtarma",
    "مسماۃ",
    "مسمات",
    "مائی",
    "بیگم",
    "سیدہ",
    "محترمہ",
    "مسز",
}
_HUSBAND_MARKERS = {"w/o", "wo", "wife", "wd/o", "زوجہ", "بیوہ"}
_KINSHIP = set(names.KINSHIP_MARKERS) | _HUSBAND_MARKERS | {"ibn", "walad", "wald", "بن"}
_COMPOUND_HEADS = {
    "abd",
    "abdul",
    "abdur",
    "abdus",
    "عبد",
    "ghulam",
    "gulam",
    "غلام",
    "ata",
    "عطا",
    "noor",
    "nur",
    "نور",
}
_COMPOUND_TAILS = {
    "ullah",
    "ulla",
    "allah",
    "llah",
    "اللہ",
    "الله",
    "uddin",
    "udin",
    "din",
    "deen",
    "الدین",
    "دین",
    "ur",
    "ul",
    "ud",
    "us",
}
_LINKERS = {"ul", "ur", "ud", "us", "al", "e"}  # "Zain-ul-Abideen": dropped between parts


def _table() -> dict[str, str]:
    """Token → canonical Roman spelling, from the curated name lists (both scripts)."""
    table: dict[str, str] = {}
    for roman, urdu, variants in (
        *names_data.MALE_GIVEN,
        *names_data.FEMALE_GIVEN,
        *names_data.FAMILY_NAMES,
    ):
        canonical = _compact(roman)
        for spelling in (roman, urdu, *variants):
            table.setdefault(_compact(spelling), canonical)
    for short in ("m", "md", "mohd", "muhd", "mhd", "mohamad", "muhamad", "محمّد"):
        table[short] = "muhammad"
    for spelling in ("abd", "abdul", "abdur", "abdus", "عبد"):
        table[spelling] = "abd"
    for spelling in ("ch", "chaudary", "chohdry", "چودھری", "چودہری"):
        table[spelling] = "chaudhry"
    return table


def _compact(text: str) -> str:
    return re.sub(r"[\s.\-']", "", names._clean(text))


def clean(text: str) -> str:
    """``names._clean`` (Unicode-normalised, diacritics off, case-folded), with a fast path:
    ASCII text has nothing to normalise, so folding its case gives the same string."""
    text = text or ""
    return text.lower() if text.isascii() else names._clean(text)


def _kinship_phrase(match: re.Match) -> str:
    return f" {match.group(1)[0]}/o "


@lru_cache(maxsize=50_000)
def _tokens_urdu(text: str) -> tuple[str, ...]:
    return tuple(names.tokens(text))


def tokens(text: str) -> list[str]:
    """Exactly ``names.tokens`` (the blind index depends on it), faster: ASCII text skips the
    Unicode normalisation, other text is cached (the same Urdu names come back often)."""
    if not text.isascii():
        return list(_tokens_urdu(text))
    cleaned = names._KINSHIP_PHRASE.sub(_kinship_phrase, text.lower())
    out: list[str] = []
    for raw in names._TOKEN_SPLIT.split(cleaned.replace("/", "/ ").replace("/ o", "/o")):
        if raw:
            out.extend(names._split_compound(raw))
    return [t for t in out if t]


VARIANT_TABLE = _table()
KNOWN_NAMES = frozenset(VARIANT_TABLE.values())


@dataclass(frozen=True)
class Token:
    raw: str  # as written (folded case), one script
    canon: str  # canonical Roman spelling when known, else the raw spelling (Latin) or skeleton
    skel: str  # consonant skeleton, common to both scripts
    parts: tuple[str, ...] = ()  # the tokens joined into this one ("abd", "ghafoor"), as written


@lru_cache(maxsize=200_000)
def token(raw: str) -> Token:
    skel = names.skeleton(raw)
    if names.is_urdu_script(raw) and raw.startswith("ال") and len(raw) > 3 and raw != "اللہ":
        skel = names.skeleton(raw[2:])  # the Arabic article: الدین is دین
    canon = VARIANT_TABLE.get(raw)
    if canon is None:
        canon = skel if names.is_urdu_script(raw) else raw
    return Token(raw=raw, canon=canon, skel=skel, parts=(raw,))


def _join(first: Token, second: Token) -> Token:
    canon = first.canon + second.canon
    return Token(
        raw=first.raw + second.raw,
        canon=VARIANT_TABLE.get(canon, canon),
        skel=first.skel + second.skel,
        parts=first.parts + second.parts,
    )


@dataclass
class NamePart:
    tokens: list[Token] = field(default_factory=list)

    @property
    def canon(self) -> str:
        return " ".join(t.canon for t in self.tokens)

    @property
    def skel(self) -> str:
        return " ".join(t.skel for t in self.tokens)

    @property
    def raw(self) -> str:
        return " ".join(t.raw for t in self.tokens)


@dataclass
class ParsedName:
    given: NamePart = field(default_factory=NamePart)
    family: NamePart = field(default_factory=NamePart)
    father: NamePart = field(default_factory=NamePart)
    relation: str = ""  # "f" father, "h" husband, "" not said
    muhammad: bool = False
    female_title: bool = False
    urdu: bool = False

    @property
    def all_canon(self) -> list[str]:
        return sorted({t.canon for t in [*self.given.tokens, *self.family.tokens]})


def _core(raw_tokens: list[str]) -> tuple[list[Token], bool, bool]:
    """Titles off, compounds joined, a leading Muhammad set aside when more names follow."""
    female = False
    while raw_tokens and raw_tokens[0] in _LEADING_TITLES and len(raw_tokens) > 1:
        female = female or raw_tokens[0] in _FEMALE_TITLES
        raw_tokens = raw_tokens[1:]
    while raw_tokens and raw_tokens[-1] in _TRAILING_HONORIFICS and len(raw_tokens) > 1:
        female = female or raw_tokens[-1] in _FEMALE_TITLES
        raw_tokens = raw_tokens[:-1]
    out: list[Token] = []
    pending_head = False
    for raw in raw_tokens:
        if raw in _LINKERS and out:
            continue
        tok = token(raw)
        if not tok.skel and tok.canon not in KNOWN_NAMES:
            continue
        if out and (raw in _COMPOUND_TAILS or pending_head):
            out[-1] = _join(out[-1], tok)
            pending_head = False
            continue
        pending_head = raw in _COMPOUND_HEADS
        out.append(tok)
    muhammad = False
    if len(out) > 1 and out[0].canon == "muhammad":
        out, muhammad = out[1:], True
    return out, muhammad, female


def parse_name(
    full_name: str = "", given: str = "", family: str = "", father: str = ""
) -> ParsedName:
    """Split a person's name (either script) into given, family and father's/husband's parts."""
    parsed = ParsedName()
    text = " ".join(p for p in (full_name, given, family, father) if p)
    parsed.urdu = names.is_urdu_script(text)
    own: list[str] = []
    kin: list[str] = []
    if full_name:
        target = own
        for raw in tokens(full_name):
            if raw in _KINSHIP:
                target = kin
                parsed.relation = "h" if raw in _HUSBAND_MARKERS else "f"
                continue
            target.append(raw)
    else:
        own = [t for t in tokens(f"{given} {family}") if t not in _KINSHIP]
    core, parsed.muhammad, parsed.female_title = _core(own)
    if given and family and not full_name:
        # Separate columns say where the family name starts; keep that split.
        n_family = len(_core([t for t in tokens(family) if t not in _KINSHIP])[0])
        split = max(1, len(core) - n_family) if n_family else len(core)
    else:
        split = 1
    parsed.given = NamePart(core[:split])
    parsed.family = NamePart(core[split:])
    if father:
        kin = []
        for raw in tokens(father):
            if raw in _KINSHIP:
                parsed.relation = "h" if raw in _HUSBAND_MARKERS else "f"
                continue
            kin.append(raw)
    parsed.father = NamePart(_core(kin)[0])
    return parsed


# --- identifiers ----------------------------------------------------------------------------
_MASK = re.compile(r"[xX*#?_•]")


def id_number(value: str) -> tuple[str | None, str | None]:
    """(full digits, last four) of a CNIC or other ID; a masked or short number gives only the
    last four ("xxxxx-xxxxxxx-1234", "...1234")."""
    value = (value or "").strip()
    digits = re.sub(r"\D", "", value)
    if not digits:
        return None, None
    last4 = digits[-4:] if len(digits) >= 4 else None
    if _MASK.search(value) or len(digits) < 6:
        return None, last4
    return digits, last4


_PHONE_SPLIT = re.compile(r"[,;/،؛|\n]+")
_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
# The common layouts of a Pakistani mobile number: 03001234567, +92 300 1234567, 923001234567,
# 00923001234567 (separators aside). A number of this shape is valid exactly when it fits the
# mobile numbering plan (no other kind of Pakistani number starts with 3), so it is answered
# directly; anything else goes through ``phonenumbers``. Both give the same answer
# (``test_normalise``; checked on a million synthetic numbers).
_PK_MOBILE_SHAPE = re.compile(r"(?:\+92|0092|92|0)(3\d{9})")
_PK_MOBILE = re.compile(
    phonenumbers.PhoneMetadata.metadata_for_region("PK").mobile.national_number_pattern
)


def phone(value: str) -> str | None:
    """One phone written any common way → E.164, or None when it is not a valid number."""
    shape = _PK_MOBILE_SHAPE.fullmatch(_PHONE_SEPARATORS.sub("", value or ""))
    if shape:
        national = shape.group(1)
        return "+92" + national if _PK_MOBILE.fullmatch(national) else None
    return _phone(value)


@lru_cache(maxsize=100_000)
def _phone(value: str) -> str | None:
    cleaned = (value or "").strip()
    if not cleaned:
        return None
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    elif re.fullmatch(r"92\d{10}", re.sub(r"\D", "", cleaned)) and not cleaned.startswith("0"):
        cleaned = "+" + re.sub(r"\D", "", cleaned)
    try:
        number = phonenumbers.parse(cleaned, "PK")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phones(value: str) -> list[str]:
    out: list[str] = []
    for part in _PHONE_SPLIT.split(value or ""):
        number = phone(part)
        if number and number not in out:
            out.append(number)
    return out


_GENDER = {
    "f": "f",
    "female": "f",
    "woman": "f",
    "girl": "f",
    "عورت": "f",
    "خاتون": "f",
    "m": "m",
    "male": "m",
    "man": "m",
    "boy": "m",
    "مرد": "m",
    "t": "t",
    "transgender": "t",
    "khawaja sira": "t",
    "خواجہ سرا": "t",
}


def gender(value: str) -> str | None:
    return _GENDER.get((value or "").strip().casefold())


# --- places ---------------------------------------------------------------------------------
DISTRICTS_CSV = Path(__file__).resolve().parents[1] / "geo" / "data" / "districts.csv"


@dataclass(frozen=True)
class Place:
    code: str
    province: str
    lat: float
    lon: float


_DISTRICT_ALIASES = {
    "dgkhan": "DGK",
    "dikhan": "DIK",
    "rykhan": "RYK",
    "tobateksingh": "TTS",
    "tts": "TTS",
    "mbdin": "MBD",
    "mandibahaudin": "MBD",
    "isb": "ISB",
    "khi": "KHI",
    "lhr": "LHR",
}


@lru_cache(maxsize=1)
def districts() -> dict[str, Place]:
    """District names (English, Urdu, compact and skeleton forms) → reference district."""
    lookup: dict[str, Place] = {}
    with DISTRICTS_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            place = Place(row["code"], row["province_code"], float(row["lat"]), float(row["lon"]))
            for name in (row["name_en"], row["name_ur"], row["code"]):
                if name:
                    lookup.setdefault(_place_key(name), place)
                    lookup.setdefault(_place_skel(name), place)
    for alias, code in _DISTRICT_ALIASES.items():
        by_code = lookup.get(_place_key(code))
        if by_code:
            lookup.setdefault(alias, by_code)
    return lookup


def _place_key(text: str) -> str:
    return re.sub(r"[^\w]", "", clean(text))


def _place_skel(text: str) -> str:
    return "~" + "".join(names.skeleton(t) for t in tokens(text))


@lru_cache(maxsize=10_000)
def district(value: str) -> tuple[str | None, Place | None]:
    """(comparison key, reference district or None) for a district as written."""
    if not (value or "").strip():
        return None, None
    table = districts()
    place = table.get(_place_key(value)) or table.get(_place_skel(value))
    return (place.code if place else _place_key(value)), place


def address(value: str) -> str | None:
    folded = " ".join(clean(value).replace(",", " ").split())
    return folded or None
