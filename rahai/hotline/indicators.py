"""Victim-identification indicators for hotline screening, as data.

The 11 ILO forced-labour indicators, the UNODC general trafficking indicators, child indicators
and smuggling indicators. Each has a stable ``code`` (stored on contacts, never renamed), its
``source``, a translatable label and screening question, a ``kind`` the triage rules reason with,
and ``keywords`` that :mod:`rahai.hotline.triage` looks for in English, Roman Urdu and Urdu script.
``SIGNALS`` holds the other keyword rules the triage uses: sectors (brick kiln, farm, domestic
work, begging, commercial sex), foreign routes, agents, abduction, sale, forced marriage, danger
words, children, and requests for information or a referral.

Keyword syntax (one keyword per ``;``): words separated by spaces must follow each other;
``a/b`` is either word, ``word*`` a word beginning so, ``~`` skips up to four words within one
sentence and ``?`` exactly one. Latin words match whole words only (so "mara" never matches
inside "hamara"); Urdu-script words of five letters or more also match inside a longer word.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ILO = "ilo"
UNODC = "unodc"
CHILD = "child"
SMUGGLING = "smuggling"
SOURCES = (ILO, UNODC, CHILD, SMUGGLING)

# Kinds: how the triage rules treat an indicator.
COERCION = "coercion"  # force, fraud or coercion: makes a situation a tip
CONDITIONS = "conditions"  # exploitative conditions without clear coercion: high-risk
CONTEXT = "context"  # points to trafficking but is not exploitation by itself
KINDS = (COERCION, CONDITIONS, CONTEXT, CHILD, SMUGGLING)


@dataclass(frozen=True)
class Indicator:
    code: str
    source: str
    kind: str
    label: Promise
    question: Promise
    keywords: tuple[str, ...] = ()


def parse_keywords(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


_DOCS_EN = "passport/passports/cnic/nic/id/card/documents/document/papers/kagzat/shanakhti"
_TAKE_EN = "taken/took/kept/keep/keeps/keeping/confiscate*/withh*/seize*/snatch*/hold*/chhin*"

INDICATORS: tuple[Indicator, ...] = (
    # --- ILO forced-labour indicators ---
    Indicator(
        "abuse_of_vulnerability",
        ILO,
        CONDITIONS,
        _("Abuse of vulnerability"),
        _("Did someone take advantage of their poverty, disability, age or lack of options?"),
        parse_keywords(
            "took advantage; taking advantage; no choice; no other choice; desperate; orphan*; "
            "disabled; disability; illiterate; helpless; majbur; majburi; majburan; yatim; "
            "mazur; anparh; an parh; bewa; مجبور; مجبوری; یتیم; معذور; ان پڑھ; بیوہ; بے بس"
        ),
    ),
    Indicator(
        "deception",
        ILO,
        COERCION,
        _("Deception"),
        _("Were they promised a different job, pay or conditions than they got?"),
        parse_keywords(
            "promise*; lied; lies; tricked; deceive*; deception; cheated; fraud*; fake job*; "
            "false promise*; misled; lured; jhansa; jhanse; jhansay; jhansey; dhoka; dhokha; "
            "dhoke; dhokay; dhokey; dhokhe; dhokhay; fareb; jhut; jhuta; jhute; wada kiya; "
            "wada kia; wade kiye; wade kie; wada karke; jhuta wada; jali naukri; جھانسہ; "
            "جھانسے; جھانسا; دھوکہ; دھوکا; دھوکے; فریب; جھوٹ; جھوٹا; جھوٹے; وعدہ; وعدے"
        ),
    ),
    Indicator(
        "restriction_of_movement",
        ILO,
        COERCION,
        _("Restriction of movement"),
        _("Are they locked in, confined or held somewhere?"),
        parse_keywords(
            "locked; lock up; lock in; locking; confine*; captive*; imprison*; chained; "
            "kept inside; caged; kaid; kaidi; band kar ke rakh*; band karke rakh*; "
            "band kar rakh*; band rakh*; mein band; andar band; tala laga*; zanjir*; "
            "قید*; میں بند; اندر بند; بند کر کے رکھ*; بند کرکے رکھ*; بند رکھ*; تالا; تالے; "
            "زنجیر*"
        ),
    ),
    Indicator(
        "isolation",
        ILO,
        COERCION,
        _("Isolation"),
        _("Are they kept from talking to anyone, or was their phone taken?"),
        parse_keywords(
            "isolat*; cut off; no phone; phone/mobile ~ taken/took/snatch*/confiscate*/chhin*; "
            "took ~ phone/mobile; phone/mobile ~ le/rakh liya/lia/liye/li; "
            "not allowed to talk/speak; kisi se baat/milne nahi; baat nahi karne de*; "
            "فون/موبائل ~ چھین*/لے; کسی سے ~ بات/ملنے نہیں; بات نہیں کرنے; تنہا"
        ),
    ),
    Indicator(
        "physical_sexual_violence",
        ILO,
        COERCION,
        _("Physical and sexual violence"),
        _("Have they been beaten, hurt or sexually abused?"),
        parse_keywords(
            "beat*; hit/hits/hitting ~ her/him/them/me/us/children/kids; slap*; tortur*; assault*; rape; raped; rapes; "
            "sexual abuse*; sexually abus*; physically abus*; molest*; sexual harass*; "
            "sexually harass*; whip*; violen*; mara; mare; marte; marta; marti; marty; "
            "martay; martey; mar khata/khate/khati; marpit; mar pit; pitai; pitayi; pitae; tashadud; ziyadti; "
            "zyadti; ziadti; zayadti; ziyadati; jinsi; تشدد; مارتے; مارتا; مارتی; مارا; مار; "
            "مارپیٹ; پٹائی; پیٹا; پیٹتے; زیادتی; ریپ; جنسی; ہراساں; زدوکوب; زد و کوب"
        ),
    ),
    Indicator(
        "intimidation_threats",
        ILO,
        COERCION,
        _("Intimidation and threats"),
        _("Have they or their family been threatened?"),
        parse_keywords(
            "threat*; intimidat*; blackmail*; will kill; kill ? family; kill you/us/him/her/them; "
            "forced; force* to; coerc*; dhamki; dhamkiyan; dhamkian; dhamkiyon; dhamka*; "
            "darate; daraya; darana; jan se mar*; mar denge; mar dalenge; mar dale*; mar dein*; "
            "zabardasti; police ke hawale; jhuta parcha; jhute parche; jhuta mukadma; "
            "jhute mukadme; دھمکی; دھمکیاں; دھمکا*; ڈراتے; ڈرایا; جان سے مار*; مار دیں گے; "
            "مار ڈالیں گے; زبردستی; جھوٹا پرچہ; جھوٹے مقدمے; بلیک میل*"
        ),
    ),
    Indicator(
        "retention_of_documents",
        ILO,
        COERCION,
        _("Retention of identity documents"),
        _("Has someone else got their ID card or passport?"),
        parse_keywords(
            f"{_DOCS_EN} ~ {_TAKE_EN}; {_TAKE_EN} ~ {_DOCS_EN}; "
            f"{_DOCS_EN} ~ le/rakh/jama/chhin liya/lia/liye/li/kar/kiya/kia/karwa*; "
            f"{_DOCS_EN} ~ wapas nahi; cnic taken; "
            "پاسپورٹ/شناختی/کارڈ/کاغذات/دستاویزات ~ لے/رکھ*/چھین*/جمع/ضبط; "
            "پاسپورٹ/شناختی/کارڈ/کاغذات ~ واپس نہیں"
        ),
    ),
    Indicator(
        "withholding_of_wages",
        ILO,
        COERCION,
        _("Withholding of wages"),
        _("Are their wages held back, cut or never paid?"),
        parse_keywords(
            "unpaid; not paid; wasnt paid; werent paid; never paid; "
            "withh* ~ wages/salary/pay; wages/salary/pay ~ withh*/stopped/held/deduct*; "
            "tankhwa/salary/pagar/ujrat ~ nahi/rok*/kat*/band; "
            "paise/paisa/mazduri/ujrat ~ nahi de*/di/diya/mil*; "
            "تنخواہ/اجرت ~ نہیں/روک*/کاٹ*/بند; پیسے/مزدوری ~ نہیں دیت*/دی*/مل*"
        ),
    ),
    Indicator(
        "debt_bondage",
        ILO,
        COERCION,
        _("Debt bondage"),
        _("Do they owe a debt or advance (peshgi) to the employer or an agent?"),
        parse_keywords(
            "debt*; loan*; took/taken/got/gave/given/received ~ advance/advances; "
            "advance ~ payment/money/salary/liya/lia/li/diya/di/le; salary advance; owe; owes; "
            "owed; owing; peshgi; bonded; karz*; udhar; پیشگی; قرض*; ادھار; بیگار"
        ),
    ),
    Indicator(
        "abusive_conditions",
        ILO,
        CONDITIONS,
        _("Abusive working and living conditions"),
        _("Are the work or living conditions dangerous or degrading?"),
        parse_keywords(
            "abusive conditions; inhuman*; dangerous work; unsafe; hazardous; bad conditions; "
            "terrible conditions; bure halat; halat kharab; insaniyat soz; انسانیت سوز; "
            "برے حالات; خطرناک کام"
        ),
    ),
    Indicator(
        "excessive_overtime",
        ILO,
        CONDITIONS,
        _("Excessive overtime"),
        _("Are they made to work far beyond normal hours?"),
        parse_keywords(
            "overtime; long hours; hours a day; day and night; din rat; subah se rat/sham; "
            "12/13/14/15/16/17/18/19/20/24 hours/ghante/ghantay/ghantey/گھنٹے; "
            "دن رات; صبح سے رات; گھنٹے کام"
        ),
    ),
    # --- UNODC general indicators ---
    Indicator(
        "cannot_leave",
        UNODC,
        COERCION,
        _("Cannot leave"),
        _("Can they leave the place or the job if they want to?"),
        parse_keywords(
            "not allowed to leave/go; cant leave; cannot leave; can not leave; unable to leave; "
            "not free to leave; cant go home; cannot go home; wont/dont/doesnt let ? leave/go; "
            "not let* ? leave/go; trapped; stuck; phans*; phas gaye; jane nahi de*; "
            "nahi jane de*; jane nahi diya; bahar nahi ja*; bahar jane nahi; nikalne nahi de*; "
            "nahi nikalne de*; wapas nahi ane de*; chorne nahi de*; nahi ja sak*; "
            "ja nahi sak*; جانے نہیں دیت*; نہیں جانے دیت*; باہر نہیں جانے; باہر جانے نہیں; "
            "نکلنے نہیں; واپس نہیں آنے; چھوڑنے نہیں; پھنس*; نہیں جا سکت*; جا نہیں سکت*"
        ),
    ),
    Indicator(
        "movement_controlled",
        UNODC,
        COERCION,
        _("Movement controlled"),
        _("Are they watched, guarded or always accompanied?"),
        parse_keywords(
            "watched; guard; guards; guarded; guarding; followed everywhere; escorted; "
            "monitored; never alone; nigrani; pehra; pehre; pahra; chowkidar; chokidar; "
            "akela nahi jane; نگرانی; پہرہ; پہرے; چوکیدار; اکیلے نہیں"
        ),
    ),
    Indicator(
        "fear_or_injuries",
        UNODC,
        COERCION,
        _("Fear or injuries"),
        _("Are they afraid, or do they have injuries?"),
        parse_keywords(
            "afraid; scared; fear*; terrified; frighten*; injur*; wound*; bruise*; scar; scars; "
            "burns; broken ~ arm/leg/bone*/hand; dar lag*; dar ke mare; darte; darti; darta; "
            "khauf*; khof; zakhm*; chot; choten; chotein; زخم*; زخمی; خوف*; ڈر; ڈرتے; ڈرتی; "
            "ڈرتا; سہمے; سہمی; چوٹ; چوٹیں"
        ),
    ),
    Indicator(
        "distrust_of_authorities",
        UNODC,
        CONTEXT,
        _("Distrust of authorities"),
        _("Are they afraid of or unwilling to go to the police or officials?"),
        parse_keywords(
            "afraid/scared of ~ police; dont trust ~ police; distrust; police ~ involved/bribe*; "
            "police se ~ dar*; police ~ mili/mile/sath/hisa; police par bharosa nahi; "
            "پولیس ~ ملی/ملے/ساتھ/رشوت; پولیس سے ~ ڈر*; بھروسہ نہیں; اعتماد نہیں"
        ),
    ),
    Indicator(
        "no_own_documents",
        UNODC,
        CONTEXT,
        _("No own ID or passport, or false documents"),
        _("Do they have their own ID card or passport? Are any documents false?"),
        parse_keywords(
            "fake/false/forged passport/documents/visa/id/cnic; jali passport/kagzat/visa/cnic; "
            "no passport; no id; no cnic; no shanakhti; جعلی; بغیر شناختی"
        ),
    ),
    Indicator(
        "unknown_address",
        UNODC,
        CONTEXT,
        _("Does not know home or work address"),
        _("Do they know the address where they live or work?"),
        parse_keywords(
            "dont/doesnt know where; do/does not know where; dont know the address; no address; "
            "pata nahi ~ kahan; kahan ~ pata nahi; address ~ nahi pata/malum; "
            "پتہ نہیں کہاں; پتا نہیں کہاں; معلوم نہیں کہاں; کہاں ~ پتہ نہیں"
        ),
    ),
    Indicator(
        "others_speak_for_them",
        UNODC,
        CONTEXT,
        _("Others speak for them"),
        _("Does someone else always speak or answer for them?"),
        parse_keywords(
            "speaks/speak/answers/answer/talks for ~ her/him/them; did all the talking; "
            "someone else ~ speaks/answers; khud baat nahi; bolne nahi de*; "
            "خود بات نہیں; بولنے نہیں دیت*"
        ),
    ),
    Indicator(
        "little_or_no_pay",
        UNODC,
        CONDITIONS,
        _("No or little pay"),
        _("Are they paid nothing, or very little?"),
        parse_keywords(
            "little pay; low pay; barely paid; no pay; without pay; no salary; no wages; "
            "bina tankhwa; bina paise; muft mein; kam tankhwa; bahut kam paise; "
            "بغیر تنخواہ; بہت کم پیسے; کم تنخواہ; مفت میں"
        ),
    ),
    Indicator(
        "excessive_hours_no_days_off",
        UNODC,
        CONDITIONS,
        _("Excessive hours, no days off"),
        _("Do they ever get a day off?"),
        parse_keywords(
            "no day/days off; no holiday*; no leave; never a day off; 7/seven days a week; "
            "chuti/chhuti ~ nahi; har roz kam; چھٹی ~ نہیں"
        ),
    ),
    Indicator(
        "substandard_housing",
        UNODC,
        CONDITIONS,
        _("Substandard housing"),
        _("Where do they sleep, and in what conditions?"),
        parse_keywords(
            "sleep*/sleeps on the floor; sleeps outside; no bed; overcrowded; no toilet; "
            "jhuggi; jhonpri; zamin/farsh par sot*/soti/sona; جھگی; جھونپڑی; فرش پر; "
            "زمین پر سوت*"
        ),
    ),
    Indicator(
        "no_medical_care",
        UNODC,
        CONDITIONS,
        _("No medical care"),
        _("Do they get medical care when ill or injured?"),
        parse_keywords(
            "no medical; no doctor; no treatment; not ~ see/to ~ doctor/hospital; "
            "ilaj/dawai/dawa/doctor/hospital/aspatal ~ nahi; علاج/دوائی/دوا/ڈاکٹر/ہسپتال ~ نہیں"
        ),
    ),
    Indicator(
        "limited_family_contact",
        UNODC,
        COERCION,
        _("Limited contact with family"),
        _("Can they contact or see their family?"),
        parse_keywords(
            "no contact with ~ family; cannot/cant contact ~ family; cant call ~ family/home; "
            "not allowed to call/meet/see/visit; no news; rabta ~ nahi; koi khabar nahi; "
            "gharwalon/gharwalo/ghar/family/parents/walidain ~ baat/milne/rabta ~ nahi; "
            "کوئی رابطہ نہیں; رابطہ ~ نہیں; گھر والوں ~ بات/ملنے ~ نہیں; کوئی خبر نہیں"
        ),
    ),
    Indicator(
        "believes_debt_bonded",
        UNODC,
        COERCION,
        _("Believes they are debt-bonded"),
        _("Do they believe they must work until a debt is paid off?"),
        parse_keywords(
            "pay/work off ~ debt/loan; repay*; until ~ debt/loan/advance; "
            "karz*/peshgi/udhar ~ utar*/chuka*/ada/khatam; jab tak ~ karz*/peshgi/udhar; "
            "قرض*/پیشگی/ادھار ~ اتار*/چکا*/ادا; جب تک ~ قرض*/پیشگی/ادھار"
        ),
    ),
    # --- Child indicators ---
    Indicator(
        "child_working",
        CHILD,
        CHILD,
        _("Child working"),
        _("Is a child (under 18) made to work?"),
        parse_keywords(
            "child labour/labor/labourer*/laborer*/worker*; bal mazdur*/mazduri; "
            "bachon se ~ kam/mazduri; child*/kid/kids/minor* ~ work*/labour/labor/employ*; "
            "چائلڈ لیبر; بچوں سے ~ کام/مزدوری"
        ),
    ),
    Indicator(
        "child_away_from_family",
        CHILD,
        CHILD,
        _("Child away from family"),
        _("Is a child living or working away from their family?"),
        parse_keywords(
            "street child*; runaway; separated from ~ family/parents; "
            "away from ~ family/parents/home; walidain se ~ dur/alag; والدین سے ~ دور/الگ"
        ),
    ),
    Indicator(
        "child_commercial_sex",
        CHILD,
        CHILD,
        _("Child in commercial sex"),
        _("Is a child being used for commercial sex?"),
        parse_keywords(
            "child prostitut*; child sex*; underage/minor* ~ sex*/prostitut*/brothel*/kotha; "
            "کمسن ~ جسم/کوٹھ*"
        ),
    ),
    # --- Smuggling indicators ---
    Indicator(
        "paid_agent_border_crossing",
        SMUGGLING,
        SMUGGLING,
        _("Paid an agent to cross a border irregularly"),
        _("Did they pay an agent to get them across a border without papers (dunki)?"),
        parse_keywords(
            "paid ~ agent*/smuggler*; agent/agents ~ paid/lakh/lac/lakhs/rupees/dollar*/euro*/"
            "paise/rakam/fee/fees; agent/agents ko ~ diye/diya/de; dunki; donkey route; "
            "donkey lag*; donkey se; smuggler; smugglers; smuggled; ڈنکی; "
            "ایجنٹ ~ لاکھ/پیسے/رقم/روپے; ایجنٹ کو ~ دی*/دیا; اسمگلر*; سمگلر*"
        ),
    ),
    Indicator(
        "undocumented_irregular_route",
        SMUGGLING,
        SMUGGLING,
        _("Travelling without documents on an irregular route (e.g. via Iran or Libya)"),
        _("Are they travelling without a visa or papers, overland or by boat?"),
        parse_keywords(
            "without ~ visa/documents/papers; bina ~ visa/kagzat; no visa; "
            "illegal*/ghair/gair ~ border/cross*/enter*/iran/europe/greece/italy/kanuni; "
            "border ~ cross*/par; cross* ~ border; boat; boats; kashti; kashtiyan; trawler; "
            "dinghy; taftan; zahedan; mashhad; maku; tobruk; benghazi; paidal ~ border/iran; "
            "sarhad ~ par; سرحد ~ پار; بارڈر ~ پار/کراس; بغیر ~ ویزا/ویزے/کاغذات; "
            "غیر قانونی; کشتی*; تفتان; زاہدان; مشہد; پیدل"
        ),
    ),
)

# --- Other keyword signals -------------------------------------------------------------------
# Not indicators: sectors, routes, agents, acts, danger words and the kind of request. Each is
# (reason shown to the operator, keywords); the triage rules decide what they mean together.

_AGES = "/".join(str(n) for n in range(1, 18))
SIGNALS: dict[str, tuple[Promise, str]] = {
    "danger_strong": (
        _("words of immediate danger"),
        "life ~ danger; in danger; save me/us/her/him/them; save ~ life/lives; bachao; "
        "bacha lo/lein/len; bachalo; jan ka/ko khatra; jan ~ khatre; khatre mein; isi wakt; "
        "بچاو; بچا لو; بچالو; جان ~ خطرہ/خطرے; خطرے میں; اسی وقت",
    ),
    "danger_weak": (
        _("asks for urgent help"),
        "help; madad; jaldi; abhi; urgent*; emergency; immediately; right now; right away; "
        "asap; foran; fauran; fori; ابھی; مدد; جلدی; فوری; فورا; ایمرجنسی",
    ),
    "children": (
        _("mentions children"),
        "child; children; childs; kid; kids; minor; minors; underage; under age; bacha; bache; "
        "bachi; bachiyan; bachon; bachiyon; kamsin; kam umar/umr; nabalig; nabaligh; "
        f"{_AGES} year/years/yr/yrs old; {_AGES} sala/sali/sale/سالہ; {_AGES} sal ka/ki/ke; "
        "بچہ; بچے; بچی; بچیاں; بچیوں; بچوں; کمسن; کم عمر; نابالغ",
    ),
    "kiln": (
        _("mentions a brick kiln"),
        "kiln*; brick*; bhata; bhate; bhatay; bhatey; bhaton; bhatha; "
        "bhati par/pe/per/pr/mein; inton; intain; intein; بھٹہ; بھٹے; بھٹا; بھٹوں; "
        "بھٹی پر/میں; اینٹ; اینٹوں; اینٹیں",
    ),
    "agriculture": (
        _("mentions farm work or a landlord"),
        "landlord*; zamindar*; wadera; wadere; waderay; wadero; jagirdar*; feudal*; hari; haris; "
        "farm; farms; fields; khet*; fasal; kapas; agricultur*; زمیندار*; وڈیرہ; وڈیرے; "
        "جاگیردار*; ہاری; کھیت*; فصل; زراعت",
    ),
    "domestic": (
        _("mentions domestic work"),
        "maid; maids; domestic work*; domestic servant*; domestic helper*; house help; servant; "
        "servants; naukrani; nokrani; naukar; nokar; ghar ka/ke kam; gharelu; kam wali; kamwali; "
        "mulazma; ملازمہ; گھریلو; نوکرانی; نوکر; گھر ~ کام; کام والی",
    ),
    "begging": (
        _("mentions begging"),
        "beg; begging; beggar*; bhik; bhikh; bhikari; bhikhari; gadagar*; بھیک; بھکاری; گداگر*",
    ),
    "sexual": (
        _("mentions commercial sexual exploitation"),
        "prostitut*; brothel*; sex work*; sex trade; sexual exploit*; sexually exploit*; "
        "red light; kotha; kothe; kothay; jism/jisam/ismat faroshi/farushi; dhanda karwa*; "
        "dhande par/pe/mein; ganda/gande dhanda/dhande; ghalat/galat kam/dhanda; mujra; "
        "جسم فروشی; عصمت فروشی; کوٹھا; کوٹھے; دھندہ کرو*; دھندے ~ پر/میں; غلط کام; "
        "جنسی استحصال; قحبہ",
    ),
    "forced_marriage": (
        _("mentions forced marriage (vani, swara)"),
        "forced marriage; forced to marry; forcibly married; child marriage; vani; swara; "
        "sawara; zabardasti shadi/nikah; shadi ~ zabardasti; jabri shadi; kam umri ki shadi; "
        "ونی; سوارہ; زبردستی شادی/نکاح; جبری شادی; کم عمری کی شادی",
    ),
    "abduction": (
        _("mentions abduction"),
        "kidnap*; abduct*; agwa; aghwa; agwah; aghwah; utha ~ le gaye/gayi; utha kar le; uthwa*; "
        "اغوا; اٹھا ~ لے; اٹھوا*",
    ),
    "sold": (
        _("mentions a person being sold"),
        "sold ~ her/him/them/me/us/to/girl/girls/boy/boys/child/children/daughter/son/wife/sister; "
        "selling/sell/sells ~ girls/children/women/kids/people/her/him/them/daughter; "
        "beti/beta/bete/bachi/bacha/bache/larki/larka/biwi/behan/use/usay/unko/mujhe ~ bech*/"
        "farokht; اسے/انہیں/مجھے/بیٹی/بیٹا/بچی/بچہ/بچے/بیوی/بہن/لڑکی/لڑکیاں/لڑکا/عورت ~ بیچ*/"
        "فروخت",
    ),
    "missing": (
        _("mentions a missing person"),
        "missing; disappeared; lapata; lapta; gumshuda; gum ho*; gum hai; koi pata nahi; "
        "لاپتہ; گمشدہ; گم ہو*; غائب",
    ),
    "foreign": (
        _("mentions a foreign country or route"),
        "abroad; overseas; foreign; iran; turkey; turkiye; greece; libya; italy; europe; spain; "
        "dubai; uae; emirates; saudi*; ksa; oman; muscat; qatar; doha; bahrain; kuwait; malaysia; "
        "thailand; australia; egypt; iraq; zahedan; mashhad; taftan; maku; benghazi; tobruk; "
        "pylos; bahar ~ mulk; berun ~ mulk; bairun mulk; mulk se bahar; pardes; visa; vilayat; "
        "ایران; ترکی; یونان; لیبیا; اٹلی; یورپ; اسپین; دبئی; دوبئی; امارات; سعودی*; عمان; "
        "مسقط; قطر; بحرین; کویت; ملائیشیا; ملیشیا; تھائی لینڈ; آسٹریلیا; مصر; عراق; زاہدان; "
        "مشہد; تفتان; بیرون ملک; باہر ملک; ملک سے باہر; پردیس; ویزا; ویزہ",
    ),
    "agent": (
        _("mentions an agent"),
        "agent; agents; recruiter*; dalal; ایجنٹ; ایجنٹوں; دلال",
    ),
    "work": (
        _("mentions work"),
        "work*; job; jobs; employ*; labour*; labor*; factory; factories; mine; mines; mining; "
        "fisher*; carpet*; bangle*; workshop; hotel; dhaba; kam kar*; kam pe/par/per/mein; "
        "kam karwa*; kam le*; mazdur*; mazduri; naukri; nokri; karkhana; karkhane; dukan; "
        "کام; مزدور*; مزدوری; نوکری; فیکٹری; کارخانہ; کارخانے; ورکشاپ; قالین; چوڑیاں",
    ),
    "bonded": (
        _("mentions advance pay (peshgi) or bonded labour"),
        "bonded; bondage; bandhua; bandhwa; bandua; jabri mashakat/mushakat; peshgi; begar; "
        "بیگار; پیشگی; جبری مشقت; بندھوا",
    ),
    "referral": (
        _("asks for a service or referral"),
        "shelter*; lawyer*; legal aid/help/assistance; advocate; vakil; wakil; dar ul aman; "
        "darul aman; darulaman; panah; panahgah; panah gah; counsel*; rehab*; refer; referral; "
        "refer me; ngo; ngos; social welfare; bait ul mal; baitulmal; وکیل; دارالامان; "
        "دار الامان; پناہ*; قانونی مدد; کونسلنگ; بیت المال; سماجی بہبود",
    ),
    "info": (
        _("asks a question or for information"),
        "how; what; where; when; which; why; can i; could i; information; info; details; "
        "guidance; tell me; kya; kaise; kaisay; kese; kesay; kahan; kidhar; kyun; kyon; kab; "
        "kitni; kitna; konsa; malumat; jankari; janna; batain; bataen; batayen; btayen; bataye; "
        "batayein; rehnumai; rahnumai; kanun; law; laws; punishment; saza; ptpa; rights; huquq; "
        "training; awareness; seminar; research; statistics; helpline; کیا; کیسے; کہاں; کیوں; "
        "کب; معلومات; بتائیں; بتا دیں; رہنمائی; قانون; سزا; حقوق; تربیت; آگاہی; ٹریننگ",
    ),
}

_BY_CODE = {indicator.code: indicator for indicator in INDICATORS}
CODES = frozenset(_BY_CODE)
INDICATOR_CHOICES: list[tuple[str, Promise]] = [(i.code, i.label) for i in INDICATORS]


def by_code(code: str) -> Indicator:
    """The indicator with this code; ``KeyError`` if there is none."""
    return _BY_CODE[code]


def codes_of_kind(*kinds: str) -> frozenset[str]:
    return frozenset(i.code for i in INDICATORS if i.kind in kinds)


def choices_by_source() -> list[tuple[str, list[tuple[str, Promise]]]]:
    """Grouped choices for a screening form: ILO, UNODC, child, smuggling."""
    titles = {
        ILO: _("ILO forced-labour indicators"),
        UNODC: _("UNODC trafficking indicators"),
        CHILD: _("Child indicators"),
        SMUGGLING: _("Smuggling indicators"),
    }
    return [
        (titles[source], [(i.code, i.label) for i in INDICATORS if i.source == source])
        for source in SOURCES
    ]
