"""Triage suggestions on Urdu-script, Roman Urdu and English reports (no database needed)."""

import time

import pytest
from django.utils import translation
from django.utils.functional import Promise

from rahai.cases.models import CaseType
from rahai.hotline.choices import Answer, CallerType, ContactClass, Urgency
from rahai.hotline.triage import (
    ScreeningAnswers,
    compile_keyword,
    detect_language,
    find_indicators,
    normalise,
    suggest,
    suggestion_accuracy,
)

C, U, T = ContactClass, Urgency, CaseType
INTERNAL, TRANSNATIONAL = T.TRAFFICKING_INTERNAL, T.TRAFFICKING_TRANSNATIONAL
SMUGGLING, BONDED = T.SMUGGLING, T.BONDED_LABOUR

# (text, class, urgency, case types, indicators that must be found)
CASES = {
    "crisis-urdu": (
        "میرے بھائی کو بھٹے پر کمرے میں بند کر کے رکھا ہے اور مارتے ہیں، ابھی مدد کریں",
        C.CRISIS,
        U.CRITICAL,
        {INTERNAL},
        {"restriction_of_movement", "physical_sexual_violence"},
    ),
    "crisis-roman": (
        "meri behan ko ghar mein band kar ke rakha hai, woh usay maarte hain, jaldi madad karo",
        C.CRISIS,
        U.CRITICAL,
        {INTERNAL},
        {"restriction_of_movement", "physical_sexual_violence"},
    ),
    "crisis-english": (
        "They locked my sister in a room and beat her. Please help right now.",
        C.CRISIS,
        U.CRITICAL,
        {INTERNAL},
        {"restriction_of_movement", "physical_sexual_violence"},
    ),
    "crisis-life-in-danger-urdu": (
        "ہماری بیٹی کی جان کو خطرہ ہے، بچاؤ",
        C.CRISIS,
        U.CRITICAL,
        set(),
        set(),
    ),
    "crisis-roman-abroad": (
        "meri jaan ka khatra hai, agent ne Libya mein kamre mein band kar rakha hai",
        C.CRISIS,
        U.CRITICAL,
        {TRANSNATIONAL},
        {"restriction_of_movement"},
    ),
    "bonded-urdu": (
        "ہمارا پورا خاندان اینٹوں کے بھٹے پر کام کرتا ہے۔ مالک نے پیشگی دی تھی اور اب کہتا ہے "
        "قرض ادا کیے بغیر نہیں جا سکتے",
        C.TIP,
        U.HIGH,
        {BONDED},
        {"debt_bondage", "cannot_leave", "believes_debt_bonded"},
    ),
    "bonded-roman": (
        "hum bhatta par kaam karte hain, maalik ne peshgi di thi, ab qarza utarne tak jane "
        "nahi deta",
        C.TIP,
        U.HIGH,
        {BONDED},
        {"debt_bondage", "cannot_leave"},
    ),
    "bonded-english": (
        "My uncle took a loan from the brick kiln owner and now the whole family works there "
        "to repay the debt",
        C.TIP,
        U.NORMAL,
        {BONDED},
        {"debt_bondage", "believes_debt_bonded"},
    ),
    "bonded-sindh-hari-roman": (
        "zamindar ne qarz ke badle hari family ko khet mein kaam par rakha hai, tankhwa nahi deta",
        C.TIP,
        U.NORMAL,
        {BONDED},
        {"debt_bondage", "withholding_of_wages"},
    ),
    "bonded-kiln-with-violence-is-also-internal": (
        "bhatte ka malik peshgi ke naam par mazdooron ko marta hai",
        C.TIP,
        U.NORMAL,
        {BONDED, INTERNAL},
        {"debt_bondage", "physical_sexual_violence"},
    ),
    "transnational-urdu": (
        "ایجنٹ نے دبئی میں نوکری کا جھانسہ دیا، وہاں پاسپورٹ لے لیا اور تنخواہ نہیں دیتے",
        C.TIP,
        U.HIGH,
        {TRANSNATIONAL},
        {"deception", "retention_of_documents", "withholding_of_wages"},
    ),
    "transnational-roman": (
        "agent ne Saudi mein acchi naukri ka wada kiya tha, ab wahan passport rakh liya hai aur "
        "ghar walon se baat nahi karne dete",
        C.TIP,
        U.HIGH,
        {TRANSNATIONAL},
        {"deception", "retention_of_documents", "limited_family_contact"},
    ),
    "smuggling-urdu": (
        "میرے بیٹے نے ایجنٹ کو پانچ لاکھ دیے، وہ ڈنکی لگا کر ایران کے راستے یونان جا رہا ہے",
        C.HIGH_RISK,
        U.NORMAL,
        {SMUGGLING},
        {"paid_agent_border_crossing"},
    ),
    "smuggling-roman": (
        "bhai ne agent ko 8 lakh diye aur dunki laga ke Iran se Turkey gaya",
        C.HIGH_RISK,
        U.NORMAL,
        {SMUGGLING},
        {"paid_agent_border_crossing"},
    ),
    "smuggling-english": (
        "My cousin paid an agent to take him to Italy by boat from Libya",
        C.HIGH_RISK,
        U.NORMAL,
        {SMUGGLING},
        {"paid_agent_border_crossing", "undocumented_irregular_route"},
    ),
    "smuggling-and-transnational": (
        "He went by dunki through Iran and the smugglers locked him in a house in Turkey and "
        "beat him to demand more money",
        C.TIP,
        U.HIGH,
        {SMUGGLING, TRANSNATIONAL},
        {"restriction_of_movement", "physical_sexual_violence", "paid_agent_border_crossing"},
    ),
    "child-domestic-urdu": (
        "دس سال کی بچی سے گھر کے کام کرواتے ہیں اور مارتے ہیں",
        C.TIP,
        U.HIGH,
        {INTERNAL},
        {"child_working", "physical_sexual_violence"},
    ),
    "child-hotel-roman": (
        "ek 12 saal ka bacha hotel par kaam karta hai, usko ghar walon se milne nahi dete",
        C.TIP,
        U.HIGH,
        {INTERNAL},
        {"child_working", "limited_family_contact"},
    ),
    "child-sex-english": (
        "A 15 year old girl is being forced into prostitution in a brothel",
        C.TIP,
        U.HIGH,
        {INTERNAL},
        {"child_commercial_sex"},
    ),
    "child-begging-roman": (
        "bachon se bheek mangwate hain",
        C.TIP,
        U.HIGH,
        {INTERNAL},
        {"child_working"},
    ),
    "child-vani-roman": (
        "jirga ne faisla kiya ke 12 saal ki bachi vani mein di jaye",
        C.TIP,
        U.HIGH,
        {INTERNAL},
        set(),
    ),
    "abduction-urdu": (
        "ہماری بیٹی کو اغوا کر کے لے گئے ہیں",
        C.TIP,
        U.HIGH,
        {INTERNAL},
        set(),
    ),
    "high-risk-kotha-roman": (
        "Lahore mein ek kotha chal raha hai",
        C.HIGH_RISK,
        U.NORMAL,
        {INTERNAL},
        set(),
    ),
    "info-urdu": (
        "انسانی اسمگلنگ کے قانون کے بارے میں معلومات چاہیے",
        C.INFORMATION_REQUEST,
        U.LOW,
        set(),
        set(),
    ),
    "info-roman": (
        "human trafficking ki report kaise karte hain? kya saza hai?",
        C.INFORMATION_REQUEST,
        U.LOW,
        set(),
        set(),
    ),
    "info-english": (
        "What is the punishment for human trafficking under PTPA 2018?",
        C.INFORMATION_REQUEST,
        U.LOW,
        set(),
        set(),
    ),
    "info-training": (
        "Can your team give an awareness training to our teachers",
        C.INFORMATION_REQUEST,
        U.LOW,
        set(),
        set(),
    ),
    "info-question-naming-a-sector": (
        "Hi, I am a journalist researching brick kilns, can you share statistics?",
        C.INFORMATION_REQUEST,
        U.LOW,
        set(),
        set(),
    ),
    "referral-english": (
        "I need a lawyer and a shelter for my sister",
        C.REFERRAL_REQUEST,
        U.NORMAL,
        set(),
        set(),
    ),
    "referral-urdu": (
        "مجھے وکیل اور دارالامان کی ضرورت ہے",
        C.REFERRAL_REQUEST,
        U.NORMAL,
        set(),
        set(),
    ),
    "nonsub-empty": ("", C.NON_SUBSTANTIVE, U.LOW, set(), set()),
    "nonsub-gibberish": ("asdfgh jkl qwrt", C.NON_SUBSTANTIVE, U.LOW, set(), set()),
    "nonsub-test": ("test", C.NON_SUBSTANTIVE, U.LOW, set(), set()),
    "nonsub-laughter": ("hahaha lol", C.NON_SUBSTANTIVE, U.LOW, set(), set()),
    "nonsub-salam-urdu": ("السلام علیکم", C.NON_SUBSTANTIVE, U.LOW, set(), set()),
    "nonsub-greeting-roman": ("aoa sir, hello hello", C.NON_SUBSTANTIVE, U.LOW, set(), set()),
    "nonsub-salam-roman": ("Assalam o alaikum", C.NON_SUBSTANTIVE, U.LOW, set(), set()),
    "nonsub-wrong-number": ("sorry wrong number", C.NON_SUBSTANTIVE, U.LOW, set(), set()),
    "nonsub-wrong-number-urdu": ("معذرت، غلط نمبر", C.NON_SUBSTANTIVE, U.LOW, set(), set()),
    "nonsub-hello-anyone": ("Hello? Anyone there?", C.NON_SUBSTANTIVE, U.LOW, set(), set()),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_text_rules(case):
    text, contact_class, urgency, case_types, must_find = CASES[case]
    result = suggest(text=text)
    assert (result.contact_class, result.urgency) == (contact_class, urgency), result.rules
    assert set(result.case_types) == case_types, result.rules
    assert all(type(t) is str for t in result.case_types)  # plain values, JSON-ready
    assert must_find <= set(result.indicators), result.indicators
    assert result.reasons and len(result.reasons) == len(result.rules)


@pytest.mark.parametrize(
    "text",
    [
        "hamara ghar Lahore mein hai, hamara beta school jata hai",
        "ہمارا گھر لاہور میں ہے اور ہمارا بیٹا اسکول جاتا ہے",
        "Mr Bhatti is my neighbour and he has a shop",
        "Thanks in advance for the reply",
        "During the lockdown my shop was closed",
        "usne gussay mein phone band kar diya",
        "mera bhai Dubai mein kaam karta hai aur bohat khush hai",
        "ہماری دکان بند ہے",
        "I was hit by a car last year and want compensation",
        "mar gaya hamara dada, dua karein",
    ],
)
def test_false_positive_guards(text):
    result = suggest(text=text)
    assert result.indicators == ()
    assert result.contact_class not in (C.CRISIS, C.TIP, C.HIGH_RISK)
    assert result.case_types == ()


def test_mara_is_a_whole_word_not_part_of_hamara():
    assert "physical_sexual_violence" not in find_indicators("hamara malik hamara khayal rakhta")
    assert "physical_sexual_violence" in find_indicators("malik ne usko mara")
    assert "physical_sexual_violence" in find_indicators("malik usko maarta hai")
    assert "physical_sexual_violence" not in find_indicators("ہمارا مالک")
    assert "physical_sexual_violence" in find_indicators("مالک نے اسے مارا")


def test_documents_need_someone_taking_them():
    assert "retention_of_documents" not in find_indicators("I have a passport and a visa")
    assert "retention_of_documents" in find_indicators("the employer took her passport")
    assert "retention_of_documents" in find_indicators("seth ne shanakhti card le liya")


def test_urdu_letter_variants_and_diacritics_are_unified():
    # Arabic yeh and kaf, as typed on Arabic keyboards.
    assert "retention_of_documents" in find_indicators("شناختي كارڈ لے ليا")
    # Zabar on qaf; Urdu digits.
    assert "restriction_of_movement" in find_indicators("اسے قَید کر رکھا ہے")
    assert "excessive_overtime" in find_indicators("۱۶ گھنٹے کام کرواتے ہیں")
    assert normalise("ﻗﺮﺽ") == normalise("قرض")


def test_sentence_break_stops_phrases():
    assert "retention_of_documents" not in find_indicators("He has no passport. We took a bus.")


def test_immediate_danger_answer_makes_a_crisis_without_text():
    result = suggest(answers=ScreeningAnswers(immediate_danger=Answer.YES))
    assert (result.contact_class, result.urgency) == (C.CRISIS, U.CRITICAL)
    assert "answer:immediate_danger" in result.rules


def test_answered_no_danger_overrides_danger_words():
    text = "They locked my sister in a room and beat her. Please help right now."
    result = suggest(text=text, answers=ScreeningAnswers(immediate_danger=Answer.NO))
    assert (result.contact_class, result.urgency) == (C.TIP, U.HIGH)
    assert "urgency:danger_words" in result.rules


def test_screening_indicators_alone():
    answers = ScreeningAnswers(indicators={"debt_bondage", "restriction_of_movement", "nonsense"})
    result = suggest(answers=answers)
    assert (result.contact_class, result.urgency) == (C.TIP, U.HIGH)
    assert result.indicators == ("restriction_of_movement", "debt_bondage")
    assert "answer:debt_bondage" in result.rules


def test_children_and_persons_answers_without_text_make_a_tip():
    answers = ScreeningAnswers(children_involved=Answer.YES, persons_at_risk=2)
    assert (suggest(answers=answers).contact_class, suggest(answers=answers).urgency) == (
        C.TIP,
        U.HIGH,
    )
    answers = ScreeningAnswers(persons_at_risk=1)
    assert suggest(answers=answers).urgency == U.NORMAL


def test_children_answered_no_overrides_child_words():
    text = "mere bache ghar par hain, main bhatte par kaam karta hoon aur peshgi li hai"
    assert "child_working" in suggest(text=text).indicators
    no = suggest(text=text, answers=ScreeningAnswers(children_involved=Answer.NO))
    assert "child_working" not in no.indicators


def test_referral_and_information_answers():
    assert suggest(answers=ScreeningAnswers(wants_referral=True)).contact_class == (
        C.REFERRAL_REQUEST
    )
    info = suggest(answers=ScreeningAnswers(wants_information=True))
    assert (info.contact_class, info.urgency) == (C.INFORMATION_REQUEST, U.LOW)


def test_victim_reporting_directly_raises_tip_urgency():
    text = "my employer has not paid my salary for four months and threatens me"
    assert suggest(text=text).urgency == U.NORMAL
    answers = ScreeningAnswers(caller_type=CallerType.VICTIM)
    assert suggest(text=text, answers=answers).urgency == U.HIGH


def test_abroad_answer_decides_internal_or_transnational():
    text = "She was promised a job as a nurse but they took her passport"
    assert suggest(text=text).case_types == (INTERNAL,)
    abroad = suggest(text=text, answers=ScreeningAnswers(abroad=True))
    assert abroad.case_types == (TRANSNATIONAL,)
    routed = "agent promised a job in Dubai but they took her passport"
    assert suggest(text=routed).case_types == (TRANSNATIONAL,)
    at_home = suggest(text=routed, answers=ScreeningAnswers(abroad=False))
    assert at_home.case_types == (INTERNAL,)


def test_help_alone_is_followed_up():
    result = suggest(text="help")
    assert result.contact_class == C.NON_SUBSTANTIVE
    assert result.urgency == U.NORMAL


def test_reasons_never_quote_the_report():
    text = (
        "Zarghuna Bibi from Qilla Saifullah, phone 0300-7654321, is locked in by Haji Sarwar "
        "and beaten; her CNIC 35202-1234567-1 was taken. Jaldi madad karein."
    )
    result = suggest(text=text)
    assert result.contact_class == C.CRISIS
    secrets = ["zarghuna", "qilla", "saifullah", "0300", "7654321", "sarwar", "35202", "1234567"]
    for language in ("en", "ur"):
        with translation.override(language):
            for reason in result.reasons:
                assert isinstance(reason, Promise)
                rendered = str(reason).casefold()
                assert rendered
                assert not any(secret in rendered for secret in secrets), rendered
    assert not any(secret in " ".join(result.rules) for secret in secrets)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("میرے بھائی کو بند کر کے رکھا ہے", "ur"),
        ("meri behan ko ghar mein band kar ke rakha hai", "ur"),
        ("bachao", "ur"),
        ("mujhe madad chahiye", "ur"),
        ("They locked my sister in a room", "en"),
        ("Please call me back about the kiln", "en"),
        ("", "en"),
    ],
)
def test_language(text, language):
    assert detect_language(text) == language
    assert suggest(text=text).language == language


def test_long_text_is_fast():
    text = "agent ne Saudi mein passport rakh liya. ایجنٹ نے پاسپورٹ لے لیا۔ " * 400
    started = time.perf_counter()
    result = suggest(text=text)
    assert time.perf_counter() - started < 1.0
    assert "retention_of_documents" in result.indicators


def test_bad_keywords_are_rejected():
    assert compile_keyword("band kar* ~ rakh*")
    for bad in ("~ locked", "locked ~", "lock-up", ""):
        with pytest.raises(ValueError):
            compile_keyword(bad)


def test_suggestion_accuracy():
    pairs = [
        (C.TIP, C.TIP, U.HIGH, U.HIGH, [BONDED], [BONDED]),
        (C.TIP, C.CRISIS, U.HIGH, U.CRITICAL, [INTERNAL], [INTERNAL, BONDED]),
        ("high_risk", "high_risk", 3, 3, ["smuggling"], ["smuggling"]),
        (C.NON_SUBSTANTIVE, C.NON_SUBSTANTIVE, U.LOW, U.LOW, [], []),
    ]
    result = suggestion_accuracy(iter(pairs))
    assert result.count == 4
    assert result.class_accuracy == pytest.approx(0.75)
    assert result.urgency_accuracy == pytest.approx(0.75)
    assert result.case_type_jaccard == pytest.approx((1 + 0.5 + 1 + 1) / 4)
    assert result.confusion["crisis"] == {"tip": 1}
    assert result.confusion["tip"] == {"tip": 1}
    empty = suggestion_accuracy([])
    assert empty.count == 0 and empty.class_accuracy is None and empty.confusion == {}


def test_suggestion_feeds_accuracy():
    result = suggest(text="bhai ne agent ko 8 lakh diye aur dunki laga ke Iran gaya")
    pair = (result.contact_class, C.HIGH_RISK, result.urgency, U.NORMAL, result.case_types, [])
    accuracy = suggestion_accuracy([pair])
    assert (accuracy.class_accuracy, accuracy.urgency_accuracy) == (1.0, 1.0)
    assert accuracy.case_type_jaccard == 0.0
