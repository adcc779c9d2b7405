"""Fold Pakistani names in Roman Urdu, English spelling or Urdu script to comparable keys.

A *name key* is a consonant skeleton over letter-equivalence classes shared by both
scripts: "Muhammad", "Mohammed" and "محمد" all become ``mhmd``; "Imran" and "عمران" become
``mrn``; "Yousaf", "Yusuf" and "یوسف" become ``ysf``. Vowels, the semivowels w/y inside a
word, doubled letters, aspiration (h after a consonant, do-chashmi he) and ain are dropped.
Keys are compared, never shown; they only ever reach the database as keyed blind indexes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Honorifics and titles: matched optionally when searching, never required.
TITLES = frozenset(
    {
        "syed",
        "sayed",
        "sayyid",
        "syeda",
        "mian",
        "malik",
        "ch",
        "chaudhry",
        "chaudhary",
        "chaudhri",
        "choudhry",
        "chohdry",
        "rana",
        "hafiz",
        "haji",
        "hajji",
        "sardar",
        "khawaja",
        "khwaja",
        "pir",
        "sheikh",
        "shaikh",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "mst",
        "mussammat",
        "musammat",
        "mohtarma",
        "mai",
        "begum",
        "sahib",
        "sahab",
        "janab",
        "qazi",
        "mir",
        "سید",
        "سیدہ",
        "میاں",
        "ملک",
        "چوہدری",
        "چودھری",
        "رانا",
        "حافظ",
        "حاجی",
        "سردار",
        "خواجہ",
        "پیر",
        "شیخ",
        "ڈاکٹر",
        "مسماۃ",
        "مسمات",
        "بیگم",
        "صاحب",
        "جناب",
        "قاضی",
        "میر",
        "مائی",
    }
)
# Markers after which the father's or husband's name follows.
KINSHIP_MARKERS = frozenset(
    {
        "s/o",
        "d/o",
        "w/o",
        "so",
        "do",
        "wo",
        "son",
        "daughter",
        "wife",
        "bin",
        "binte",
        "bint",
        "ولد",
        "بنت",
        "زوجہ",
        "دختر",
        "پسر",
    }
)
_KINSHIP_PHRASE = re.compile(r"\b(son|daughter|wife)\s+of\b", re.IGNORECASE)

# Whole-word spellings folded before skeletons are taken.
VARIANTS = {
    "m": "muhammad",
    "md": "muhammad",
    "mohd": "muhammad",
    "muhd": "muhammad",
    "mohamad": "muhammad",
    "mhd": "muhammad",
    "mohammad": "muhammad",
    "muhammed": "muhammad",
    "mohammed": "muhammad",
    "mohamed": "muhammad",
    "muhamad": "muhammad",
    "ch": "chaudhry",
    "chaudhary": "chaudhry",
    "chaudhri": "chaudhry",
    "choudhry": "chaudhry",
    "abdul": "abd",
    "abdur": "abd",
    "abdus": "abd",
    "abdul-": "abd",
    "abd-ul": "abd",
    "ul": "",
    "al": "",
    "ur": "",
    "us": "",
    "چوہدری": "chaudhry",
    "چودھری": "chaudhry",
    "چودہری": "chaudhry",
}
_COMPOUND_PREFIXES = ("abdul", "abdur", "abdus", "abd")

# Urdu/Arabic-script letters to Latin equivalence classes ("" drops the letter).
_URDU = {
    "ا": "",
    "آ": "",
    "أ": "",
    "إ": "",
    "ٱ": "",
    "ء": "",
    "ئ": "",
    "ؤ": "",
    "ع": "",
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ٹ": "t",
    "ث": "s",
    "ج": "j",
    "چ": "c",
    "ح": "h",
    "خ": "k",
    "د": "d",
    "ڈ": "d",
    "ذ": "z",
    "ر": "r",
    "ڑ": "r",
    "ز": "z",
    "ژ": "z",
    "س": "s",
    "ش": "s",
    "ص": "s",
    "ض": "z",
    "ط": "t",
    "ظ": "z",
    "غ": "g",
    "ف": "f",
    "ق": "k",
    "ک": "k",
    "ك": "k",
    "گ": "g",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ں": "n",
    "و": "w",
    "ہ": "h",
    "ه": "h",
    "ۃ": "h",
    "ة": "h",
    "ھ": "",
    "ی": "y",
    "ي": "y",
    "ى": "y",
    "ے": "y",
    "ۓ": "y",
}
# Latin digraphs to classes, longest first.
_LATIN_DIGRAPHS = [
    ("sch", "s"),
    ("kh", "k"),
    ("gh", "g"),
    ("ph", "f"),
    ("sh", "s"),
    ("ch", "c"),
    ("zh", "z"),
    ("dh", "d"),
    ("th", "t"),
    ("bh", "b"),
    ("jh", "j"),
    ("rh", "r"),
    ("ck", "k"),
    ("ee", ""),
    ("oo", ""),
]
_LATIN = {
    "q": "k",
    "c": "k",
    "x": "k",
    "v": "w",
    "a": "",
    "e": "",
    "i": "",
    "o": "",
    "u": "",
}
_URDU_RANGE = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_TOKEN_SPLIT = re.compile(r"[\s,;:()\[\]{}\"'`._\-]+")
_URDU_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")


def is_urdu_script(text: str) -> bool:
    return bool(_URDU_RANGE.search(text or ""))


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = _URDU_DIACRITICS.sub("", text)
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return text.casefold()


def tokens(text: str) -> list[str]:
    """Split a name into folded word tokens, splitting ``Abdul``-style compounds."""
    cleaned = _KINSHIP_PHRASE.sub(lambda m: f" {m.group(1)[0]}/o ", _clean(text))
    out: list[str] = []
    for raw in _TOKEN_SPLIT.split(cleaned.replace("/", "/ ").replace("/ o", "/o")):
        if not raw:
            continue
        out.extend(_split_compound(raw))
    return [t for t in out if t]


def _split_compound(token: str) -> list[str]:
    if is_urdu_script(token):
        if token.startswith("عبد") and len(token) > 4:
            rest = token[3:]
            rest = rest[2:] if rest.startswith("ال") and len(rest) > 3 else rest
            return ["عبد", rest]
        return [token]
    for prefix in _COMPOUND_PREFIXES:
        if token.startswith(prefix) and len(token) > len(prefix) + 2:
            return ["abd", token[len(prefix) :]]
    return [token]


def skeleton(token: str) -> str:
    """The consonant-class skeleton of one token in either script."""
    if not token:
        return ""
    token = VARIANTS.get(token, token)
    if is_urdu_script(token):
        if len(token) > 2 and token[-1] in "ہۃةح":
            token = token[:-1]  # final he/hay is a vowel ending or unwritten in Roman (فاطمہ, مسیح)
        classes = []
        for index, ch in enumerate(token):
            cls = _URDU.get(ch)
            if cls is None:
                continue
            if cls in {"w", "y"} and index > 0:
                cls = ""
            classes.append(cls)
    else:
        word = re.sub(r"[^a-z]", "", token)
        if len(word) > 2 and word.endswith("h") and word[-2] in "aeiou":
            word = word[:-1]  # final h after a vowel (Shah, Allah) mirrors the Urdu rule
        for digraph, cls in _LATIN_DIGRAPHS:
            word = word.replace(digraph, cls.upper())
        classes = []
        for index, ch in enumerate(word):
            if ch.isupper():
                classes.append(ch.lower())
                continue
            cls = _LATIN.get(ch, ch)
            if cls in {"w", "y"} and index > 0:
                cls = ""
            if cls == "h" and index > 0 and classes and classes[-1] not in {"", "h"}:
                cls = ""  # aspiration after a consonant (bh, dh, ...) that no digraph caught
            classes.append(cls)
    out: list[str] = []
    for cls in classes:
        if cls and (not out or out[-1] != cls):
            out.append(cls)
    return "".join(out)


@dataclass
class NameQuery:
    """Keys from a typed search: required name keys, optional title keys, father's keys."""

    required: list[str] = field(default_factory=list)
    optional: list[str] = field(default_factory=list)
    father: list[str] = field(default_factory=list)


def _is_title(token: str) -> bool:
    return token in TITLES


def name_keys(*parts: str) -> set[str]:
    """Every key a stored name contributes to the search index (titles included)."""
    keys: set[str] = set()
    for part in parts:
        for token in tokens(part):
            if token in KINSHIP_MARKERS:
                continue
            key = skeleton(token)
            if key:
                keys.add(key)
    return keys


def parse_query(text: str) -> NameQuery:
    query = NameQuery()
    target = query.required
    for token in tokens(text):
        if token in KINSHIP_MARKERS:
            target = query.father
            continue
        key = skeleton(token)
        if not key:
            continue
        if _is_title(token) and target is query.required:
            query.optional.append(key)
        elif key not in target:
            target.append(key)
    return query
