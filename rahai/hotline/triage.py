"""Suggest a hotline contact's class, urgency, likely case types and indicators.

Input is the free text of a report (English, Roman Urdu or Urdu script) and/or an operator's
screening answers; the operator confirms or changes the suggestion, and
:func:`suggestion_accuracy` measures how often the suggestion was right.

Rules (Polaris practice, see DOMAIN.md "Hotline contact classes"):

* **crisis** (urgency critical): immediate danger answered yes, or words of immediate danger
  ("bachao", "jaan ka khatra") or urgent help ("abhi", "madad", "help") together with violence
  or confinement; an explicit "no" to immediate danger overrides the words.
* **tip**: a situation with force, fraud or coercion (or child indicators, abduction, sale of a
  person, forced marriage, or any situation involving children) and no immediate danger; urgency
  high with children, confinement, abduction/sale, three or more indicators or a victim reporting
  directly, else normal. A tip is also suggested from the answers alone (persons at risk or
  children involved) when the text says nothing recognisable.
* **high_risk** (normal): exploitation without clear force, fraud or coercion, e.g. smuggling
  only, a brick kiln or commercial sex with no coercion mentioned.
* **referral_request** (normal): wants a service and no situation is described.
* **information_request** (low): asks for information, or nothing recognisable was said.
* **non_substantive** (low): empty, very short, gibberish, greetings, tests and pranks.

Reasons are fixed, translatable phrases naming the rule that fired; they never quote the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from rahai.cases.models import CaseType
from rahai.core.names import is_urdu_script
from rahai.hotline import indicators as ind
from rahai.hotline.choices import Answer, CallerType, ContactClass, Urgency

MAX_CHARS = 20_000  # only the start of very long texts (e.g. quoted e-mail threads) is read

# --- Normalisation -------------------------------------------------------------------------

_URDU_DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_INVISIBLE = re.compile(r"[\u200B\u200D-\u200F\u061C\u2066-\u2069\uFEFF]")
_FOLD_LETTERS = str.maketrans("يىكهةۃە۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "ییکہہہہ" + "0123456789" * 2)
_APOSTROPHE = re.compile(r"(?<=[a-z])['’‘`](?=[a-z])")
_TOKEN = re.compile(r"[^\W_]+|[.!?\n۔؟;]")
_WORD = re.compile(r"[^\W_]+")
_DOUBLE = re.compile(r"([a-z])\1+")
BREAK = "."  # sentence-break token: phrases and gaps never cross it


def normalise(text: str) -> str:
    """NFKC, Urdu diacritics and Latin accents stripped, casefolded, Urdu letter variants and
    digits unified (ي→ی, ك→ک, ه→ہ, ۱→1), so both scripts compare as typed by most people."""
    text = unicodedata.normalize("NFKC", text or "").replace("\u200c", " ")
    text = _URDU_DIACRITICS.sub("", _INVISIBLE.sub("", text))
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _APOSTROPHE.sub("", text.casefold().translate(_FOLD_LETTERS))


def _fold0(word: str) -> str:
    if not word.isascii():
        return word
    word = word.replace("ee", "i").replace("oo", "u").replace("q", "k")
    return _DOUBLE.sub(r"\1", word)


# Roman Urdu spellings folded to one form (after ee→i, oo→u, q→k and doubled letters).
_VARIANT_TEXT = (
    "nahi: nahin nhi nai nae nahy nahe nhin; mein: main mai mei mn mien; kar: kr; "
    "hai: hay hy; hain: hn hen; mujhe: mjhe mujhy mujy; diya: dia; liya: lia; gaye: gae gye; "
    "gayi: gai gyi; paise: paisay pese pesay paisey; wapas: wapis wapes; bahar: bahir; "
    "tankhwa: tankhah tankha tankhwah tankhuah; shanakhti: shanakti shnakhti shnakti; "
    "kagzat: kaghzat kaghazat kagazat; zabardasti: zabrdasti zbrdsti zaberdasti; "
    "peshgi: pesgi peshgy; dunki: dunky dunkey donki dankey dhunki; "
    "bache: bachay bachey bachy; bacha: bachcha; bachon: bachun bachaon; "
    "bachiyan: bachian bachiya; madad: madat mdd; bachao: bachaw bchao; jaldi: jaldy jldi; "
    "abhi: abhe abhy; malumat: malomat; ghar: gher; gharwalon: gharwalo gharwale; "
    "mazdur: mazdoor; kanuni: kanooni; pata: pta"
)
_VARIANTS = {
    _fold0(variant): _fold0(canonical)
    for entry in _VARIANT_TEXT.split(";")
    for canonical, variants in [entry.split(":")]
    for variant in variants.split()
}
_VARIANTS = {k: v for k, v in _VARIANTS.items() if k != v}


def fold(word: str) -> str:
    """One normalised token folded for matching (Latin spelling variants; Urdu unchanged)."""
    folded = _fold0(word)
    return _VARIANTS.get(folded, folded)


def tokens(normalised: str) -> list[str]:
    return [BREAK if t in ".!?\n۔؟;" else fold(t) for t in _TOKEN.findall(normalised)]


# --- Keyword patterns -----------------------------------------------------------------------

_GAP, _ANY, _GAP_MAX = "~", "?", 4


@dataclass(frozen=True)
class _Alt:
    text: str
    mode: str  # "exact", "prefix" or "contains"

    def matches(self, token: str) -> bool:
        if self.mode == "exact":
            return token == self.text
        if self.mode == "prefix":
            return token.startswith(self.text)
        return self.text in token


def compile_keyword(keyword: str) -> tuple:
    """Compile the keyword syntax described in :mod:`rahai.hotline.indicators`."""
    pattern: list = []
    for part in normalise(keyword).split():
        if part in (_GAP, _ANY):
            pattern.append(part)
            continue
        alts = []
        for alt in part.split("/"):
            word = alt.rstrip("*")
            if not _WORD.fullmatch(word):
                raise ValueError(f"bad keyword part {alt!r} in {keyword!r}")
            word = fold(word)
            if alt.endswith("*"):
                mode = "prefix"
            elif is_urdu_script(word) and len(word) >= 5:
                mode = "contains"
            else:
                mode = "exact"
            alts.append(_Alt(word, mode))
        pattern.append(tuple(alts))
    if not pattern or not isinstance(pattern[0], tuple) or not isinstance(pattern[-1], tuple):
        raise ValueError(f"keyword must start and end with a word: {keyword!r}")
    return tuple(pattern)


def _match_at(pattern: tuple, toks: list[str], i: int, j: int) -> bool:
    while j < len(pattern):
        element = pattern[j]
        if element == _GAP:
            for k in range(i, min(i + _GAP_MAX, len(toks)) + 1):
                if k > i and toks[k - 1] == BREAK:
                    break
                if _match_at(pattern, toks, k, j + 1):
                    return True
            return False
        if i >= len(toks) or toks[i] == BREAK:
            return False
        if element != _ANY and not any(alt.matches(toks[i]) for alt in element):
            return False
        i, j = i + 1, j + 1
    return True


class KeywordMatcher:
    """Finds which rule codes' keywords occur in a token list (indexed by the first word)."""

    def __init__(self, rules: Iterable[tuple[str, str]]):
        self._exact: dict[str, list] = defaultdict(list)
        self._prefix: dict[str, list] = defaultdict(list)
        self._contains: list = []
        for code, keyword in rules:
            pattern = compile_keyword(keyword)
            for alt in pattern[0]:
                entry = (pattern, code)
                if alt.mode == "exact":
                    self._exact[alt.text].append(entry)
                elif alt.mode == "prefix":
                    self._prefix[alt.text].append(entry)
                else:
                    self._contains.append((alt.text, entry))

    def find(self, toks: list[str]) -> set[str]:
        found: set[str] = set()
        for i, tok in enumerate(toks):
            if tok == BREAK:
                continue
            candidates = list(self._exact.get(tok, ()))
            for n in range(1, len(tok) + 1):
                candidates.extend(self._prefix.get(tok[:n], ()))
            if not tok.isascii():
                candidates.extend(entry for text, entry in self._contains if text in tok)
            for pattern, code in candidates:
                if code not in found and _match_at(pattern, toks, i, 0):
                    found.add(code)
        return found


def _wordset(text: str) -> frozenset[str]:
    return frozenset(fold(word) for word in text.split())


_MATCHER = KeywordMatcher(
    [(i.code, kw) for i in ind.INDICATORS for kw in i.keywords]
    + [
        (code, kw)
        for code, (_reason, text) in ind.SIGNALS.items()
        for kw in ind.parse_keywords(text)
    ]
)

_GREETINGS = _wordset(
    "test testing tst hello hi hey salam slam assalam asalam assalamualaikum "
    "asalamualaikum aoa walaikum walaikumsalam wslm lol prank mazak joke ok okay k thanks "
    "thank you thx shukriya jazakallah bye good morning evening sir madam ji jee han yes "
    "no hm hmm o u wa alaikum alaykum alikum aleikum wrong number galat ghalat sorry "
    "mistake anyone there koi hai "
    "سلام السلام علیکم وعلیکم ہیلو ٹیسٹ مذاق شکریہ اوکے جی ہاں سر غلط نمبر معذرت"
)
_LAUGHS = ("haha", "hehe", "hihi", "lol")
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_ROMAN_URDU_MARKERS = _wordset(
    "hai hain nahi mein mujhe mera meri mere hamara hamari hamare humara tum aap apka apki "
    "unho unhon usne usko unko inko ko ka ki ke se ne kya kyun kaise kahan aur bhi tha thi "
    "kar karo karna karte karta karti raha rahi rahe gaya gayi diya liya wala wali abhi "
    "jaldi madad bachao bhai behan beta beti ammi abbu chahiye hum yeh woh wahan yahan "
    "kuch koi bohat bahut lekin magar agar phir jab tak log sahab ji"
)

_CONFINEMENT = frozenset({"restriction_of_movement", "cannot_leave", "movement_controlled"})
_VIOLENCE = frozenset({"physical_sexual_violence", "intimidation_threats"})
_DEBT = frozenset({"debt_bondage", "believes_debt_bonded"})
_BONDED_USUAL = _DEBT | {"withholding_of_wages", "cannot_leave"}
_COERCION = ind.codes_of_kind(ind.COERCION)
_CONDITIONS = ind.codes_of_kind(ind.CONDITIONS)
_CONTEXT = ind.codes_of_kind(ind.CONTEXT)
_CHILD = ind.codes_of_kind(ind.CHILD)
_SMUGGLING = ind.codes_of_kind(ind.SMUGGLING)
_SECTORS = frozenset({"kiln", "domestic", "begging", "sexual"})
_ACTS = frozenset({"abduction", "sold", "forced_marriage"})
_LABOUR = frozenset({"work", "kiln", "agriculture", "domestic", "begging"})


# --- Public API -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ScreeningAnswers:
    """An operator's (or web form's) structured answers; every field is optional."""

    indicators: frozenset[str] = frozenset()
    immediate_danger: str = Answer.UNKNOWN
    children_involved: str = Answer.UNKNOWN
    persons_at_risk: int | None = None
    abroad: bool | None = None
    caller_type: str = CallerType.UNKNOWN
    wants_referral: bool = False
    wants_information: bool = False

    def __post_init__(self):
        object.__setattr__(self, "indicators", frozenset(self.indicators or ()))


@dataclass(frozen=True)
class Suggestion:
    contact_class: str  # a ContactClass value
    urgency: int  # an Urgency value
    case_types: tuple[str, ...]  # CaseType values (plain str), possibly empty
    indicators: tuple[str, ...]  # indicator codes in INDICATORS order
    reasons: tuple[Promise, ...]  # translatable; never contain text from the report
    language: str  # "ur" or "en"
    rules: tuple[str, ...] = ()  # stable ids of the rules that fired, for storage and tuning


class _Reasons:
    def __init__(self):
        self._items: dict[str, Promise] = {}

    def add(self, rule: str, reason: Promise) -> None:
        self._items.setdefault(rule, reason)

    def rules(self) -> tuple[str, ...]:
        return tuple(self._items)

    def reasons(self) -> tuple[Promise, ...]:
        return tuple(self._items.values())


def detect_language(text: str) -> str:
    """ "ur" for Urdu script or recognisable Roman Urdu, else "en"."""
    norm = normalise(text)
    urdu = sum(1 for c in norm if c.isalpha() and is_urdu_script(c))
    latin = sum(1 for c in norm if "a" <= c <= "z")
    if urdu and urdu >= 0.2 * (urdu + latin):
        return "ur"
    latin_words = [fold(w) for w in _WORD.findall(norm) if w.isascii() and not w.isdigit()]
    hits = sum(1 for w in latin_words if w in _ROMAN_URDU_MARKERS)
    if hits and hits >= 0.15 * len(latin_words) and (hits >= 2 or len(latin_words) <= 3):
        return "ur"
    return "en"


def _is_junk_word(word: str) -> bool:
    if not word.isascii() or word.isdigit():
        return False
    return bool(
        (len(word) >= 4 and re.search(r"(.)\1\1\1", word))
        or (len(word) >= 3 and not re.search(r"[aeiouy\d]", word))
        or (len(word) >= 4 and any(word in row for row in _KEYBOARD_ROWS))
        or re.search(r"[bcdfghjklmnpqrstvwxz]{5}", word)
    )


def _is_junk_text(words: list[str]) -> bool:
    """Gibberish, greetings, tests and laughter only."""
    if not words:
        return False
    junk = sum(1 for w in words if _is_junk_word(w))
    chatter = sum(1 for w in words if fold(w) in _GREETINGS or w.startswith(_LAUGHS))
    return junk >= 0.6 * len(words) or chatter + junk == len(words)


def find_indicators(text: str) -> tuple[str, ...]:
    """Indicator codes whose keywords occur in the text (no answers, no derived indicators)."""
    found = _MATCHER.find(tokens(normalise((text or "")[:MAX_CHARS])))
    return tuple(i.code for i in ind.INDICATORS if i.code in found)


def suggest(*, text: str = "", answers: ScreeningAnswers | None = None) -> Suggestion:
    answers = answers or ScreeningAnswers()
    norm = normalise((text or "")[:MAX_CHARS])
    found = _MATCHER.find(tokens(norm))
    words = _WORD.findall(norm)
    letters = sum(1 for c in norm if c.isalpha())
    signals = {code for code in found if code in ind.SIGNALS}
    why = _Reasons()

    children = answers.children_involved == Answer.YES or (
        answers.children_involved != Answer.NO and "children" in signals
    )
    derived: set[str] = set()
    if children:
        if signals & _LABOUR:
            derived.add("child_working")
        if "sexual" in signals:
            derived.add("child_commercial_sex")
        if signals & {"abduction", "sold", "missing"}:
            derived.add("child_away_from_family")
    from_answers = answers.indicators & ind.CODES
    present = from_answers | (found & ind.CODES) | derived
    indicator_codes = tuple(i.code for i in ind.INDICATORS if i.code in present)
    for code in indicator_codes:
        label = ind.by_code(code).label
        if code in from_answers:
            why.add(f"answer:{code}", format_lazy(_("screening answer: {}"), label))
        else:
            why.add(f"text:{code}", format_lazy(_("text suggests: {}"), label))

    coercion, conditions = present & _COERCION, present & _CONDITIONS
    child_found, smuggled = present & _CHILD, present & _SMUGGLING
    acts, sectors = signals & _ACTS, signals & _SECTORS
    confined = bool(present & _CONFINEMENT)
    violent = bool(present & _VIOLENCE) or "abduction" in signals
    exploitation = bool(coercion or conditions or child_found or acts or sectors)
    situation = bool(
        exploitation
        or present & _CONTEXT
        or smuggled
        or ("agent" in signals and "foreign" in signals)
        or "missing" in signals
    )
    for code in sorted(signals - {"danger_strong", "danger_weak", "work", "info", "referral"}):
        if situation or code == "children":
            why.add(f"signal:{code}", ind.SIGNALS[code][0])

    # A question that only names a sector or a country ("statistics on brick kilns?") asks
    # for information; it does not describe a situation.
    asks = answers.wants_information or "info" in signals or "?" in norm or "؟" in norm
    only_topics = not (present or acts or children or "missing" in signals)
    danger = answers.immediate_danger
    danger_words = "danger_strong" in signals or (
        "danger_weak" in signals and (violent or confined)
    )
    junk_text = _is_junk_text(words)
    empty = letters < 8
    if danger == Answer.YES:
        contact_class, urgency = ContactClass.CRISIS, Urgency.CRITICAL
        why.add("answer:immediate_danger", _("immediate danger: answered yes"))
    elif danger_words and danger != Answer.NO:
        contact_class, urgency = ContactClass.CRISIS, Urgency.CRITICAL
        if "danger_strong" in signals:
            why.add("signal:danger_strong", ind.SIGNALS["danger_strong"][0])
        else:
            why.add("rule:danger_with_force", _("urgent help asked with violence or confinement"))
    elif coercion or child_found or acts or (children and situation):
        contact_class, urgency = ContactClass.TIP, Urgency.NORMAL
        why.add("rule:coercion", _("a situation with force, fraud, coercion or children"))
        for rule, applies, reason in (
            ("urgency:children", children, _("children involved")),
            ("urgency:confinement", confined, _("the person is confined or cannot leave")),
            ("urgency:act", bool(acts & {"abduction", "sold"}), _("abduction or sale")),
            ("urgency:indicators", len(present) >= 3, _("three or more indicators")),
            (
                "urgency:victim",
                answers.caller_type == CallerType.VICTIM,
                _("the victim is reporting directly"),
            ),
            ("urgency:danger_words", danger_words, _("words of danger, though answered no")),
        ):
            if applies:
                urgency = Urgency.HIGH
                why.add(rule, reason)
    elif situation and not (only_topics and asks):
        contact_class, urgency = ContactClass.HIGH_RISK, Urgency.NORMAL
        why.add("rule:no_coercion", _("exploitation or smuggling without clear coercion"))
    elif answers.wants_referral or "referral" in signals:
        contact_class, urgency = ContactClass.REFERRAL_REQUEST, Urgency.NORMAL
        why.add("rule:referral", ind.SIGNALS["referral"][0])
    elif (
        (answers.persons_at_risk or 0) > 0 or answers.children_involved == Answer.YES
    ) and not junk_text:
        contact_class = ContactClass.TIP
        urgency = Urgency.HIGH if children else Urgency.NORMAL
        why.add("rule:answers_at_risk", _("persons or children at risk (screening answers)"))
    elif asks and not junk_text:  # "Hello? Anyone there?" asks nothing
        contact_class, urgency = ContactClass.INFORMATION_REQUEST, Urgency.LOW
        why.add("rule:information", ind.SIGNALS["info"][0])
    elif empty or junk_text:
        contact_class, urgency = ContactClass.NON_SUBSTANTIVE, Urgency.LOW
        if empty:
            why.add("rule:empty", _("no text, or too short"))
        else:
            why.add("rule:junk", _("only greetings, tests or gibberish"))
    else:
        contact_class, urgency = ContactClass.INFORMATION_REQUEST, Urgency.LOW
        why.add("rule:nothing_found", _("no indicators recognised: please review"))
    if urgency == Urgency.LOW and signals & {"danger_strong", "danger_weak"}:
        urgency = Urgency.NORMAL
        why.add("urgency:asks_help", _("asks for help: follow up"))

    case_types: list[str] = []
    if contact_class in (ContactClass.CRISIS, ContactClass.TIP, ContactClass.HIGH_RISK):
        foreign = answers.abroad is True or (
            answers.abroad is None and ("foreign" in signals or bool(smuggled))
        )
        bonded = "bonded" in signals or bool(present & _DEBT and signals & {"kiln", "agriculture"})
        internal_extra = (coercion - _BONDED_USUAL) or child_found or acts or (sectors - {"kiln"})
        if bonded:
            case_types.append(CaseType.BONDED_LABOUR.value)
        if exploitation and not foreign and (not bonded or internal_extra):
            case_types.append(CaseType.TRAFFICKING_INTERNAL.value)
        if exploitation and foreign:
            case_types.append(CaseType.TRAFFICKING_TRANSNATIONAL.value)
        if smuggled or ("agent" in signals and foreign and not exploitation):
            case_types.append(CaseType.SMUGGLING.value)
        if foreign and answers.abroad is True:
            why.add("answer:abroad", _("location abroad (screening answer)"))

    return Suggestion(
        contact_class=contact_class,
        urgency=urgency,
        case_types=tuple(case_types),
        indicators=indicator_codes,
        reasons=why.reasons(),
        language=detect_language(text or "") if text else "en",
        rules=why.rules(),
    )


# --- Measuring suggestions against operators' confirmations ----------------------------------


@dataclass(frozen=True)
class TriageAccuracy:
    count: int
    class_accuracy: float | None  # share of contacts whose class was confirmed unchanged
    urgency_accuracy: float | None
    case_type_jaccard: float | None  # mean Jaccard of case-type sets (both empty counts as 1)
    confusion: dict[str, dict[str, int]]  # confirmed class -> suggested class -> count


def suggestion_accuracy(pairs: Iterable[tuple]) -> TriageAccuracy:
    """Compare suggestions with confirmations.

    Each item: (suggested_class, confirmed_class, suggested_urgency, confirmed_urgency,
    suggested_types, confirmed_types). Undefined rates are None when there is nothing to count.
    """
    count = classes_ok = urgency_ok = 0
    jaccard = 0.0
    confusion: dict[str, Counter] = defaultdict(Counter)
    for s_class, c_class, s_urgency, c_urgency, s_types, c_types in pairs:
        count += 1
        classes_ok += str(s_class) == str(c_class)
        urgency_ok += (None if s_urgency is None else int(s_urgency)) == (
            None if c_urgency is None else int(c_urgency)
        )
        suggested, confirmed = {str(t) for t in s_types or ()}, {str(t) for t in c_types or ()}
        union = suggested | confirmed
        jaccard += len(suggested & confirmed) / len(union) if union else 1.0
        confusion[str(c_class)][str(s_class)] += 1
    return TriageAccuracy(
        count=count,
        class_accuracy=classes_ok / count if count else None,
        urgency_accuracy=urgency_ok / count if count else None,
        case_type_jaccard=jaccard / count if count else None,
        confusion={k: dict(v) for k, v in confusion.items()},
    )
