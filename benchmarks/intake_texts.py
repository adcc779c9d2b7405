"""Synthetic hotline reports for ``benchmarks/hotline_intake.py``: web-form narratives and SMS
bodies in Urdu script, Roman Urdu and English, built from sentences like the ones the hotline
receives (brick kilns, domestic servitude, job fraud abroad, boats, begging rings, forced
marriage), with a share of crisis messages so the alert path runs too.

Every text ends with a marker (``#W0012-000345`` or ``#S...``) that the benchmark later finds in
the decrypted narrative or message body, to prove the stored report is the one acknowledged.
"""

from __future__ import annotations

import random

PLACES = [
    "Kasur",
    "Sheikhupura",
    "Rahim Yar Khan",
    "Gujranwala",
    "Sialkot",
    "Faisalabad",
    "Sanghar",
    "Mirpur Khas",
    "Karachi",
    "Lahore",
    "Mardan",
    "Quetta",
]

SENTENCES = {
    "ur": {
        "situation": [
            "میرے بھائی کو بھٹہ مالک نے پیشگی کے بدلے قید کر رکھا ہے اور گھر نہیں آنے دیتا۔",
            "ہمارے گاؤں کی تین لڑکیوں کو دبئی میں نوکری کا وعدہ کر کے لے گئے، اب ان سے کوئی رابطہ نہیں۔",
            "ایجنٹ نے پاسپورٹ اپنے پاس رکھ لیا ہے اور چار مہینے سے تنخواہ نہیں دی۔",
            "بچوں سے زبردستی بھیک منگوائی جاتی ہے اور رات کو ایک کمرے میں بند کر دیتے ہیں۔",
            "پورا خاندان اینٹوں کے بھٹے پر کام کرتا ہے، مالک کہتا ہے قرض ادا کیے بغیر کوئی نہیں جا سکتا۔",
            "ایک بارہ سال کی بچی ایک گھر میں ملازمہ ہے، اسے مارتے ہیں اور سکول نہیں جانے دیتے۔",
            "میری بہن کی زبردستی شادی کروائی جا رہی ہے، پیسے لے کر اسے بیچ رہے ہیں۔",
            "ایک ایجنٹ نے پچاس لڑکوں سے کشتی کے ذریعے یونان بھیجنے کے لیے پیسے لیے ہیں۔",
            "کارخانے میں مزدوروں کو باہر جانے نہیں دیتے اور ان کے شناختی کارڈ مالک کے پاس ہیں۔",
        ],
        "detail": [
            "یہ سب پچھلے ہفتے سے ہو رہا ہے۔",
            "وہاں تقریباً بیس مزدور ہیں جن میں بچے بھی شامل ہیں۔",
            "مالک کے ساتھ مسلح آدمی رہتے ہیں اور دھمکیاں دیتے ہیں۔",
            "ہم نے پولیس کو بتایا تھا لیکن کچھ نہیں ہوا۔",
            "مجھے نہیں معلوم کس سے بات کروں، براہ کرم رابطہ کریں۔",
            "وہ کہتے ہیں کہ اگر کسی کو بتایا تو گھر والوں کو نقصان پہنچائیں گے۔",
        ],
        "crisis": [
            "ابھی مدد کریں، وہ اسے مار رہے ہیں، اس کی جان کو خطرہ ہے۔",
            "بچاؤ، ہمیں کمرے میں بند کر رکھا ہے اور مارتے ہیں۔",
        ],
        "where": "جگہ: {place}۔",
    },
    "roman": {
        "situation": [
            "mere bhai ko bhatta malik ne peshgi ke badle qaid kar rakha hai aur ghar nahi aane deta.",
            "hamare gaon ki larkiyon ko Dubai mein naukri ka keh kar le gaye, ab rabta nahi ho raha.",
            "agent ne passport rakh liya hai aur chaar maheene se tankhwah nahi di.",
            "bachon se zabardasti bheek mangwate hain aur raat ko kamre mein band kar dete hain.",
            "hum sab bhatta par kaam karte hain, maalik kehta hai qarza utarne tak koi nahi ja sakta.",
            "12 saal ki bachi ek ghar mein kaam karti hai, usay maarte hain.",
            "agent ne kashti se Italy bhejne ke liye 25 lakh liye hain.",
            "meri behan ki zabardasti shadi karwa rahe hain, paise le kar bech rahe hain.",
        ],
        "detail": [
            "yeh pichle hafte se ho raha hai.",
            "wahan taqreeban 20 mazdoor hain, bachay bhi hain.",
            "maalik ke saath bandooq wale aadmi hain, dhamkiyan dete hain.",
            "police ko bataya tha magar kuch nahi hua.",
            "please mujh se rabta karein.",
        ],
        "crisis": [
            "jaldi madad karo, usay maar rahe hain, jaan ka khatra hai.",
            "Libya mein agent ne kamre mein band kar rakha hai, bachao.",
        ],
        "where": "jagah: {place}.",
    },
    "en": {
        "situation": [
            "My cousin was promised a job in Saudi Arabia, but the agent took his passport and he has not been paid for four months.",
            "The kiln owner gave the family an advance and now says nobody can leave until the debt is repaid.",
            "Children from the village are made to beg at the signal and are locked in a room at night.",
            "A 13-year-old girl works as a domestic servant in a house and is beaten by the employer.",
            "An agent is collecting money to send young men by boat to Italy through Libya.",
            "Three girls from our street were taken to Dubai for salon jobs and we cannot reach them.",
            "Workers at the factory are not allowed to go out and the owner keeps their ID cards.",
        ],
        "detail": [
            "This has been going on since last week.",
            "There are about twenty workers, including children.",
            "The owner has armed men who threaten them.",
            "We told the police but nothing happened.",
            "I do not know who to talk to, please contact me.",
        ],
        "crisis": [
            "They locked my sister in a room and beat her. Please help right now.",
            "He is being beaten right now and his life is in danger, please help.",
        ],
        "where": "Place: {place}.",
    },
}

WEB_LANGUAGES = [("ur", 50), ("roman", 25), ("en", 25)]
SMS_LANGUAGES = [("roman", 45), ("ur", 35), ("en", 20)]
CRISIS_SHARE = 0.08


def _pick_language(rng: random.Random, weights) -> str:
    return rng.choices([w[0] for w in weights], weights=[w[1] for w in weights])[0]


def web_narrative(rng: random.Random, marker: str) -> tuple[str, str, bool]:
    """(narrative, form language "ur"/"en", crisis?) for one web-form report (~150-1,200 chars)."""
    language = _pick_language(rng, WEB_LANGUAGES)
    pool = SENTENCES[language]
    crisis = rng.random() < CRISIS_SHARE
    parts = rng.sample(pool["situation"], rng.randint(1, 3))
    parts += rng.sample(pool["detail"], rng.randint(1, 3))
    if rng.random() < 0.6:
        parts.append(pool["where"].format(place=rng.choice(PLACES)))
    if crisis:
        parts.insert(0, rng.choice(pool["crisis"]))
    parts.append(f"#{marker}")
    return " ".join(parts), ("en" if language == "en" else "ur"), crisis


def sms_body(rng: random.Random, marker: str, *, follow_up: bool) -> str:
    """One SMS (first message or a follow-up on the same thread), a few hundred chars at most."""
    language = _pick_language(rng, SMS_LANGUAGES)
    pool = SENTENCES[language]
    if follow_up:
        parts = [rng.choice(pool["detail"])]
        if rng.random() < 0.5:
            parts.append(pool["where"].format(place=rng.choice(PLACES)))
    elif rng.random() < CRISIS_SHARE:
        parts = [rng.choice(pool["crisis"])]
    else:
        parts = [rng.choice(pool["situation"])]
        if rng.random() < 0.4:
            parts.append(rng.choice(pool["detail"]))
    parts.append(f"#{marker}")
    return " ".join(parts)
