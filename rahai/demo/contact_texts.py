"""What synthetic reporters tell the hotline: narratives in Roman Urdu, Urdu script and English.

Each narrative is a list of sentences, so an SMS or WhatsApp sender can send it as two or three
messages that thread into one contact. ``{placeholders}`` are filled by ``rahai.demo.contacts``.
The patterns follow public reporting (brick kiln peshgi, child domestic workers, the land route
through Iran, the Libya boat route, Gulf sponsors); they name no one.

Only the ``crisis`` narratives may use words of danger or urgent help ("bachao", "help", "abhi",
"مدد"): Rahai's triage reads those words with violence or confinement as a crisis, and the demo
wants two or three crises, not a dozen. ``test_demo`` checks this.
"""

from __future__ import annotations

RU, UR, EN = "roman_urdu", "urdu", "english"

NARRATIVES: dict[str, dict[str, list[list[str]]]] = {
    "kiln": {
        RU: [
            [
                "Assalam o alaikum.",
                "{town} ({district}) ke paas ek bhatte par {n} khandan kaam karte hain.",
                "Malik ne {amount} rupay peshgi di thi aur kehta hai jab tak karz nahi utarta "
                "koi bahar nahi ja sakta.",
                "Bachay bhi inten banate hain.",
            ],
            [
                "Mera bhai aur uska khandan {town} ke bhatte par phanse hue hain.",
                "Munshi kehta hai {amount} ka karz hai.",
                "Tankhwa nahi dete aur ghar wapas nahi jane dete.",
            ],
        ],
        UR: [
            [
                "{district_ur} میں ایک اینٹوں کے بھٹے پر {n} خاندان پیشگی کے قرض میں پھنسے ہوئے ہیں۔",
                "بھٹہ مالک کہتا ہے جب تک قرض ادا نہیں ہوگا کوئی نہیں جا سکتا۔",
                "بچے بھی اینٹیں بناتے ہیں۔",
            ],
            [
                "میرے چچا کا خاندان {district_ur} کے ایک بھٹے پر کام کرتا ہے۔",
                "مالک نے {amount} روپے پیشگی دی تھی۔",
                "اب تنخواہ نہیں دیتا اور کہیں جانے نہیں دیتا۔",
            ],
        ],
        EN: [
            [
                "There is a brick kiln near {town}, {district} where about {n} families work.",
                "The owner gave them an advance (peshgi) of Rs {amount} and says nobody can leave "
                "until the debt is paid off.",
                "Children as young as {age} mould bricks there.",
            ],
        ],
    },
    "domestic": {
        RU: [
            [
                "{area} mein ek ghar mein {age} saal ki larki naukrani hai.",
                "Jab ghar wale bahar jate hain to usay andar band kar ke rakhte hain.",
                "Usay gharwalon se baat nahi karne dete aur tankhwa bhi nahi dete.",
            ],
            [
                "Hamare hamsaye ki kamwali bachi roz roti hai.",
                "Begum sahiba usay marti hain aur ghar se bahar nahi jane deti.",
                "Woh {origin} se aayi hai, {age} saal ki hogi.",
            ],
        ],
        UR: [
            [
                "{area} میں ایک گھر میں کم عمر ملازمہ ہے جسے گھر میں بند کر کے رکھتے ہیں۔",
                "وہ باہر نہیں جا سکتی اور گھر والوں سے بات نہیں کرنے دیتے۔",
                "کئی مہینوں سے تنخواہ نہیں ملی۔",
            ],
        ],
        EN: [
            [
                "My neighbours in {area}, {city} keep a young maid locked inside when they go out.",
                "She looks about {age} and has bruises on her arms.",
                "She says she has not been paid for months and is not allowed to call her family.",
            ],
        ],
    },
    "workshop": {
        RU: [
            [
                "{city} ki ek motorcycle workshop pe {age} saal ka bacha subah se raat tak kaam "
                "karta hai.",
                "Ustad usay marta hai aur paise nahi deta.",
                "Bacha kehta hai uske walidain {origin} mein hain aur usay ghar nahi jane dete.",
            ],
        ],
        UR: [
            [
                "{city_ur} میں ایک ورکشاپ پر {age} سالہ بچہ صبح سے رات تک کام کرتا ہے۔",
                "مالک اسے مارتا ہے اور پیسے نہیں دیتا۔",
            ],
        ],
        EN: [
            [
                "A boy of about {age} works at a car workshop in {city} from early morning till "
                "late at night.",
                "The owner beats him.",
                "The boy says he is not paid and cannot go home to his parents in {origin}.",
            ],
        ],
    },
    "agent_abroad": {
        RU: [
            [
                "Mera beta {name} {months} mahine pehle agent ke zariye Italy jane nikla tha.",
                "Agent ne {amount} rupay liye the.",
                "Ab woh {abroad_city} mein phansa hua hai, agent ke log usay ek kamre mein band "
                "rakhte hain aur humse aur paise mang rahe hain.",
            ],
            [
                "Mere bhai {name} ko agent ne dunki lagwa kar {country} bheja.",
                "{months} mahine se koi khabar nahi, aakhri baar {abroad_city} se call aayi thi.",
                "Agent ab phone nahi uthata.",
            ],
        ],
        UR: [
            [
                "میرا بیٹا {name_ur} ایجنٹ کو {amount} روپے دے کر یورپ جانے نکلا تھا۔",
                "اب وہ {abroad_city_ur} میں ایک گودام میں بند ہے اور ایجنٹ مزید پیسے مانگ رہے ہیں۔",
                "ہمارا اس سے کوئی رابطہ نہیں۔",
            ],
        ],
        EN: [
            [
                "My brother {name} left {origin} for Europe through an agent who took Rs {amount}.",
                "He crossed the border into {country} and called us from a house in {abroad_city}.",
                "The agents are holding the whole group there and demanding more money from the "
                "families.",
            ],
        ],
    },
    "marriage": {
        RU: [
            [
                "Hamare gaon {town} mein {age} saal ki bachi ki shadi {amount} rupay le kar ek "
                "bade umar ke aadmi se kar di gayi.",
                "Larki ko ab gharwalon se milne nahi dete.",
            ],
            [
                "{district} mein jirga ne jhagra khatam karne ke liye {age} saal ki bachi ko vani "
                "mein de diya.",
                "Nikah agle hafte hai.",
            ],
        ],
        UR: [
            [
                "ہمارے گاؤں میں {age} سالہ بچی کی زبردستی شادی پیسے لے کر کر دی گئی۔",
                "لڑکی کو گھر والوں سے ملنے نہیں دیتے۔",
            ],
        ],
        EN: [
            [
                "A {age} year old girl from our village near {town} was married off for Rs "
                "{amount} to a man twice her age.",
                "Her parents say they had no choice because of a debt.",
                "Now she is not allowed to visit them.",
            ],
        ],
    },
    "begging": {
        RU: [
            [
                "{city} ke {spot} signal pe roz subah ek van {n} bachon ko chhor jati hai jo bhik "
                "mangte hain.",
                "Sham ko ek aadmi sare paise le leta hai.",
                "Kuch bachon ke jism par zakhm hain.",
            ],
        ],
        UR: [
            [
                "{city_ur} میں {spot_ur} پر روز صبح ایک گاڑی {n} بچوں کو بھیک مانگنے کے لیے چھوڑ "
                "جاتی ہے۔",
                "شام کو ایک آدمی سارے پیسے لے لیتا ہے۔",
            ],
        ],
        EN: [
            [
                "Every morning a van drops about {n} children at {spot} in {city} to beg.",
                "A man collects all the money in the evening.",
                "Some of the children look injured and scared.",
            ],
        ],
    },
    "gulf": {
        RU: [
            [
                "Mera shohar {name} {gulf_city} mein driver hai.",
                "Kafeel ne uska passport rakh liya hai aur {months} mahine se tankhwa nahi di.",
                "Woh wapas aana chahta hai.",
            ],
        ],
        UR: [
            [
                "میرے شوہر {name_ur} {country_ur} میں ڈرائیور ہیں۔",
                "کفیل نے ان کا پاسپورٹ رکھ لیا ہے اور {months} مہینے سے تنخواہ نہیں دی۔",
            ],
        ],
        EN: [
            [
                "My husband {name} works as a driver in {gulf_city}.",
                "His sponsor has kept his passport and has not paid his salary for {months} months.",
                "He wants to come home but they will not let him leave.",
            ],
        ],
    },
    "referral": {
        RU: [
            [
                "Meri behan ko shohar ke ghar se nikal diya hai, usay darul aman mein jagah "
                "chahiye.",
                "Kisi vakil ka number de dein.",
            ],
        ],
        UR: [
            [
                "میرے بھائی کو بیرون ملک سے واپس آ کر کسی وکیل کی ضرورت ہے۔",
                "کسی این جی او یا دارالامان کا نمبر دے دیں۔",
            ],
        ],
        EN: [
            [
                "I was freed from a kiln last year and need a lawyer for my case in {district}.",
                "Can you refer me to legal aid?",
            ],
        ],
    },
    "information": {
        RU: [
            [
                "Mera beta Saudi Arabia kaam ke liye ja raha hai.",
                "Agent ka license kaise check karein?",
            ],
            ["Insani smuggling ki shikayat kahan darj karwayen?", "Malumat chahiye."],
        ],
        UR: [
            [
                "انسانی اسمگلنگ کے قانون کے بارے میں معلومات چاہیے۔",
                "شکایت کیسے درج کی جاتی ہے؟",
            ],
            ["بیرون ملک ملازمت کے لیے ایجنٹ کی تصدیق کیسے کریں؟"],
        ],
        EN: [
            [
                "What is the punishment for human trafficking under Pakistani law?",
                "I am a student doing research on it.",
            ],
            ["Do you give awareness sessions for schools in {district}?"],
        ],
    },
    "non_substantive": {
        RU: [["Assalam o alaikum"], ["Salam sir"], ["hahaha"], ["ok"]],
        UR: [["السلام علیکم"], ["ٹیسٹ"]],
        EN: [["test"], ["Hello"], ["testing 123"], ["asdfgh"]],
    },
    # --- the only narratives with words of danger -------------------------------------------
    "crisis_kiln": {
        RU: [
            [
                "Bachao!",
                "{town} ke bhatte par malik ke aadmi humein maar rahe hain.",
                "Humein ek kamre mein band kar diya hai, {n} log hain, bachay bhi.",
            ],
        ],
        UR: [
            [
                "خدا کے لیے بچاؤ۔",
                "{district_ur} کے بھٹے پر مالک کے آدمی ہمیں مار رہے ہیں۔",
                "ہمیں ایک کمرے میں بند کر دیا ہے۔",
            ],
        ],
        EN: [
            [
                "Please help us now.",
                "The kiln owner's men near {town} are beating us and have locked {n} of us in a "
                "room.",
                "Our lives are in danger.",
            ],
        ],
    },
    "crisis_domestic": {
        RU: [
            [
                "Meri behan ko {area} ke ek ghar mein band kar rakha hai.",
                "Abhi phone par ro rahi thi ke usay maar rahe hain.",
                "Jaldi madad karein, uski jan ko khatra hai.",
            ],
        ],
        UR: [
            [
                "میری بہن کو {area} کے ایک گھر میں بند کر رکھا ہے۔",
                "ابھی فون پر رو رہی تھی کہ اسے مار رہے ہیں۔",
                "خدا کے لیے بچاؤ۔",
            ],
        ],
        EN: [
            [
                "Please help, my sister is locked in a house in {area}, {city}.",
                "She just called crying that they are beating her.",
                "Her life is in danger.",
            ],
        ],
    },
    "crisis_abroad": {
        RU: [
            [
                "Mera bhai {abroad_city} mein agent ke logon ke paas band hai.",
                "Woh usay maar rahe hain aur video bhej kar paise mang rahe hain.",
                "Uski jan ko khatra hai, bachao.",
            ],
        ],
        UR: [
            [
                "میرا بھائی {abroad_city_ur} میں ایجنٹ کے لوگوں کے پاس بند ہے۔",
                "وہ اسے مار رہے ہیں اور پیسے مانگ رہے ہیں۔",
                "اس کی جان خطرے میں ہے۔",
            ],
        ],
        EN: [
            [
                "My brother is held by the agent's men in {abroad_city}.",
                "They are beating him and sending us videos to demand money.",
                "His life is in danger, please help now.",
            ],
        ],
    },
}

# What an SMS or WhatsApp sender writes first, before the report (its own message).
GREETINGS = {
    RU: ["Salam", "Assalam o alaikum", "AoA sir"],
    UR: ["السلام علیکم", "سلام"],
    EN: ["Hello", "Salam"],
}

# How an operator starts the notes of a call, by caller type.
CALL_OPENINGS = {
    "victim": "Caller is the person affected.",
    "family": "Caller is a family member.",
    "public": "Caller is a neighbour / member of the public.",
    "professional": "Caller is a teacher / health worker.",
    "unknown": "Caller did not say who they are.",
}

# An operator's note of a call with nothing to report.
CALL_NON_SUBSTANTIVE = [
    "Silent call, caller hung up.",
    "Prank call.",
    "Wrong number.",
    "Test call.",
]

EMAIL_SUBJECTS = {
    RU: "Shikayat",
    UR: "شکایت",
    EN: "Report",
}

WHEN = {
    RU: ["2 saal se", "pichle hafte se", "kal se", "kai mahine se", ""],
    UR: ["دو سال سے", "پچھلے ہفتے سے", "کل سے", "کئی مہینوں سے", ""],
    EN: ["for two years", "since last week", "since yesterday", "for some months", ""],
}

# Begging spots by city: (Roman, Urdu).
SPOTS = {
    "LHR": [("Kalma Chowk", "کلمہ چوک"), ("Liberty Chowk", "لبرٹی چوک")],
    "RWP": [("Committee Chowk", "کمیٹی چوک")],
    "KSO": [("Teen Talwar", "تین تلوار")],
    "ISB": [("Zero Point", "زیرو پوائنٹ")],
    "FSD": [("Ghanta Ghar", "گھنٹہ گھر")],
    "MUX": [("Chowk Kumharan", "چوک کمہاراں")],
}

# Cities abroad on the two irregular routes: (Roman, Urdu).
ABROAD_CITIES = {
    "IR": [("Zahedan", "زاہدان"), ("Mashhad", "مشہد")],
    "LY": [("Benghazi", "بن غازی"), ("Tobruk", "طبرق")],
}
COUNTRY_NAMES = {
    "IR": ("Iran", "ایران"),
    "LY": ("Libya", "لیبیا"),
    "SA": ("Saudi Arabia", "سعودی عرب"),
    "AE": ("the UAE", "متحدہ عرب امارات"),
    "QA": ("Qatar", "قطر"),
    "OM": ("Oman", "عمان"),
    "KW": ("Kuwait", "کویت"),
    "BH": ("Bahrain", "بحرین"),
}

# Titles of the cases the hotline opens from a contact.
CASE_TITLES = {
    "kiln": "Hotline: families held by peshgi at a brick kiln, {district}",
    "domestic": "Hotline: young domestic worker locked in, {city}",
    "workshop": "Hotline: boy working at a workshop, {city}",
    "agent_abroad": "Hotline: migrant from {origin} held by agents in {country}",
    "marriage": "Hotline: girl married off for money, {district}",
    "begging": "Hotline: children made to beg at {spot}, {city}",
    "gulf": "Hotline: worker's passport kept in {gulf_city}",
}
