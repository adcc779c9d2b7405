"""Reading the consolidated law: the law page (``views_laws``) and the API (``api_laws``).

The law is a small reference table (tens of laws, a few hundred sections at most) and holds no
personal data, so a search reads it whole and matches in Python: a section number finds its
section ("366" finds 366-A and 366-B, "11" finds 10-12), any other word is looked for in the
section's and its law's names and texts. Every word must match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.text import slugify

from rahai.justice.models import Law, LawTheme, Offence

MAX_WORDS = 10
# "s.366", "s. 366", "sec 366", "section 366" are all "366".
_SECTION_PREFIX = re.compile(r"(?i)\b(?:sections?|sec\.?|ss?\.)\s*(?=\d)")
_SECTION_WORD = re.compile(r"^(\d+)(?:-?([a-z]{1,2}))?$")
_SECTION_RANGE = re.compile(r"^(\d+)-(\d+)$")


@dataclass
class LawEntry:
    law: Law
    offences: list[Offence]


@dataclass
class ThemeGroup:
    theme: str
    label: str
    laws: list[LawEntry] = field(default_factory=list)

    @property
    def offence_count(self) -> int:
        return sum(len(entry.offences) for entry in self.laws)


def offence_anchor(offence: Offence) -> str:
    """The offence's id on the law page: ``ptpa-2018-3``, ``ppc-1860-366-a``."""
    return slugify(f"{offence.law.code}-{offence.section}")


def offence_url(offence: Offence) -> str:
    """Where the law page shows the offence: ``/laws/#ptpa-2018-3``."""
    return f"{reverse('justice:laws')}#{offence_anchor(offence)}"


def search_words(q: str) -> list[str]:
    """The words of a search, folded, with "s." / "section" before a number dropped."""
    q = _SECTION_PREFIX.sub("", q or "")
    return [word for word in re.split(r"[\s,;]+", q.casefold()) if word][:MAX_WORDS]


def section_matches(section: str, word: str) -> bool:
    """Whether a search word names this section: "366" is 366, 366-A or 366-B (not 3660);
    "366a" and "366-a" are 366-A; "11" falls in 10-12."""
    section = section.casefold().replace(" ", "")
    if section == word:
        return True
    found = _SECTION_WORD.match(word)
    if not found:
        return False
    number, letter = found.groups()
    if letter:
        return section in {f"{number}-{letter}", f"{number}{letter}"}
    if section == number or re.fullmatch(rf"{number}-?[a-z]{{1,2}}", section):
        return True
    span = _SECTION_RANGE.match(section)
    return bool(span) and int(span[1]) <= int(number) <= int(span[2])


def _law_text(law: Law) -> str:
    return " ".join([law.code, law.short_name, law.title, law.citation]).casefold()


def _offence_text(offence: Offence) -> str:
    parts = [offence.title, offence.description, offence.penalty, offence.repealed_note]
    return " ".join(parts).casefold()


def _law_word(word: str, law_text: str) -> bool:
    if _SECTION_WORD.match(word):  # a number is a whole word of a law's name: "2018", not "2"
        return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", law_text) is not None
    return word in law_text


def _offence_matches(offence: Offence, words: list[str], law_text: str) -> bool:
    text = _offence_text(offence)
    return all(
        section_matches(offence.section, word)
        or _law_word(word, law_text)
        or (not _SECTION_WORD.match(word) and word in text)
        for word in words
    )


def _laws(*, theme: str = "", code: str = ""):
    # The prefetch also sets each offence's ``law``: no query per section for its law's name.
    laws = Law.objects.select_related("province").prefetch_related(
        Prefetch("offences", queryset=Offence.objects.order_by("position", "id"))
    )
    if theme:
        laws = laws.filter(theme=theme)
    if code:
        laws = laws.filter(code=code)
    return laws.order_by("position", "short_name")


def law_entries(*, q: str = "", theme: str = "", law: str = "") -> list[LawEntry]:
    """Laws in their order, each with the sections the search finds. Without a search every law
    is listed with all its sections; with one, a law is listed if a section matches, or, for a
    law with no sections recorded, if its name does."""
    words = search_words(q)
    entries = []
    for row in _laws(theme=theme, code=law):
        offences = list(row.offences.all())
        if words:
            law_text = _law_text(row)
            if not offences:
                if all(_law_word(word, law_text) for word in words):
                    entries.append(LawEntry(row, []))
                continue
            offences = [o for o in offences if _offence_matches(o, words, law_text)]
            if not offences:
                continue
        entries.append(LawEntry(row, offences))
    return entries


def law_book(*, q: str = "", theme: str = "") -> list[ThemeGroup]:
    """The law page: the themes in their order (trafficking, smuggling, bonded labour,
    emigration, related offences), each with its laws; themes with nothing found are left out."""
    groups = {value: ThemeGroup(value, str(label)) for value, label in LawTheme.choices}
    for entry in law_entries(q=q, theme=theme):
        groups[entry.law.theme].laws.append(entry)
    return [group for group in groups.values() if group.laws]


def find_offences(
    *, q: str = "", theme: str = "", law: str = "", chargeable: bool | None = None
) -> list[Offence]:
    """Sections across laws, in the laws' order: for the API and for choosing a charge."""
    return [
        offence
        for entry in law_entries(q=q, theme=theme, law=law)
        for offence in entry.offences
        if chargeable is None or offence.chargeable == chargeable
    ]
