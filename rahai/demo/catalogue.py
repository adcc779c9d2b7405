"""The demo world's fixed parts: organisations, users, and the words demo passwords are made of.

Every organisation name ends in "(demo)" so synthetic data can never pass for a real agency's.
"""

from __future__ import annotations

from dataclasses import dataclass

from rahai.accounts.models import RoleCode
from rahai.orgs.models import JurisdictionLevel as Level
from rahai.orgs.models import OrganisationKind as Kind


@dataclass(frozen=True)
class OrgSpec:
    key: str
    name: str
    name_ur: str
    kind: str
    level: str
    district: str | None  # district code; the province follows from it
    province: str | None = None  # province code, for organisations without a district


ORGANISATIONS = [
    # Police stations: internal trafficking and bonded labour in their district.
    OrgSpec(
        "ps_shahdara",
        "Police Station Shahdara, Lahore (demo)",
        "تھانہ شاہدرہ، لاہور (ڈیمو)",
        Kind.POLICE_STATION,
        Level.DISTRICT,
        "LHR",
    ),
    OrgSpec(
        "ps_civil_lines_grw",
        "Police Station Civil Lines, Gujranwala (demo)",
        "تھانہ سول لائنز، گوجرانوالہ (ڈیمو)",
        Kind.POLICE_STATION,
        Level.DISTRICT,
        "GRW",
    ),
    OrgSpec(
        "ps_saddar_kso",
        "Police Station Saddar, Karachi South (demo)",
        "تھانہ صدر، کراچی جنوبی (ڈیمو)",
        Kind.POLICE_STATION,
        Level.DISTRICT,
        "KSO",
    ),
    OrgSpec(
        "ps_quetta_city",
        "Police Station Quetta City (demo)",
        "تھانہ کوئٹہ سٹی (ڈیمو)",
        Kind.POLICE_STATION,
        Level.DISTRICT,
        "QTA",
    ),
    OrgSpec(
        "ps_kot_radha_kishan",
        "Police Station Kot Radha Kishan, Kasur (demo)",
        "تھانہ کوٹ رادھا کشن، قصور (ڈیمو)",
        Kind.POLICE_STATION,
        Level.DISTRICT,
        "KSR",
    ),
    OrgSpec(
        "ps_sanghar",
        "Police Station Sanghar City (demo)",
        "تھانہ سانگھڑ سٹی (ڈیمو)",
        Kind.POLICE_STATION,
        Level.DISTRICT,
        "SGR",
    ),
    # FIA Anti-Human Trafficking Circles: transnational trafficking and smuggling.
    OrgSpec(
        "fia_lahore",
        "FIA Anti-Human Trafficking Circle, Lahore (demo)",
        "ایف آئی اے اینٹی ہیومن ٹریفکنگ سرکل، لاہور (ڈیمو)",
        Kind.FIA_AHTC,
        Level.PROVINCE,
        "LHR",
    ),
    OrgSpec(
        "fia_gujranwala",
        "FIA Anti-Human Trafficking Circle, Gujranwala (demo)",
        "ایف آئی اے اینٹی ہیومن ٹریفکنگ سرکل، گوجرانوالہ (ڈیمو)",
        Kind.FIA_AHTC,
        Level.PROVINCE,
        "GRW",
    ),
    OrgSpec(
        "fia_islamabad",
        "FIA Anti-Human Trafficking Circle, Islamabad (demo)",
        "ایف آئی اے اینٹی ہیومن ٹریفکنگ سرکل، اسلام آباد (ڈیمو)",
        Kind.FIA_AHTC,
        Level.NATIONAL,
        "ISB",
    ),
    OrgSpec(
        "fia_karachi",
        "FIA Anti-Human Trafficking Circle, Karachi (demo)",
        "ایف آئی اے اینٹی ہیومن ٹریفکنگ سرکل، کراچی (ڈیمو)",
        Kind.FIA_AHTC,
        Level.PROVINCE,
        "KSO",
    ),
    OrgSpec(
        "fia_quetta",
        "FIA Anti-Human Trafficking Circle, Quetta (demo)",
        "ایف آئی اے اینٹی ہیومن ٹریفکنگ سرکل، کوئٹہ (ڈیمو)",
        Kind.FIA_AHTC,
        Level.PROVINCE,
        "QTA",
    ),
    OrgSpec(
        "fia_peshawar",
        "FIA Anti-Human Trafficking Circle, Peshawar (demo)",
        "ایف آئی اے اینٹی ہیومن ٹریفکنگ سرکل، پشاور (ڈیمو)",
        Kind.FIA_AHTC,
        Level.PROVINCE,
        "PEW",
    ),
    # Prosecution, NGOs, shelter, legal aid.
    OrgSpec(
        "prosecution_pb",
        "Public Prosecution Department, Punjab (demo)",
        "محکمہ پبلک پراسیکیوشن، پنجاب (ڈیمو)",
        Kind.PROSECUTION,
        Level.PROVINCE,
        "LHR",
    ),
    OrgSpec(
        "ssdo",
        "SSDO, Sustainable Social Development Organization (demo)",
        "ایس ایس ڈی او، سسٹین ایبل سوشل ڈیولپمنٹ آرگنائزیشن (ڈیمو)",
        Kind.NGO,
        Level.NATIONAL,
        "ISB",
    ),
    OrgSpec(
        "shelter_lahore",
        "Dar-ul-Aman Lahore (demo)",
        "دارالامان لاہور (ڈیمو)",
        Kind.SHELTER,
        Level.DISTRICT,
        "LHR",
    ),
    OrgSpec(
        "legal_aid",
        "Haq Legal Aid Centre, Lahore (demo)",
        "حق لیگل ایڈ سینٹر، لاہور (ڈیمو)",
        Kind.LEGAL_AID,
        Level.PROVINCE,
        "LHR",
    ),
    # Government bodies and coordination.
    OrgSpec(
        "labour_pb",
        "Labour and Human Resource Department, Punjab (demo)",
        "محکمہ محنت و انسانی وسائل، پنجاب (ڈیمو)",
        Kind.LABOUR_DEPARTMENT,
        Level.PROVINCE,
        "LHR",
    ),
    OrgSpec(
        "dvc_kasur",
        "District Vigilance Committee, Kasur (demo)",
        "ضلعی ویجیلنس کمیٹی، قصور (ڈیمو)",
        Kind.DVC,
        Level.DISTRICT,
        "KSR",
    ),
    OrgSpec(
        "tip_punjab",
        "Punjab Provincial Anti-Trafficking Committee (demo)",
        "پنجاب صوبائی انسدادِ انسانی اسمگلنگ کمیٹی (ڈیمو)",
        Kind.TIP_COMMITTEE,
        Level.PROVINCE,
        "LHR",
    ),
    OrgSpec(
        "hotline",
        "National Anti-Trafficking Hotline (demo)",
        "قومی انسدادِ انسانی اسمگلنگ ہیلپ لائن (ڈیمو)",
        Kind.HOTLINE,
        Level.NATIONAL,
        "ISB",
    ),
    OrgSpec(
        "embassy_athens",
        "Embassy of Pakistan, Athens (demo)",
        "سفارت خانہ پاکستان، ایتھنز (ڈیمو)",
        Kind.EMBASSY,
        Level.NATIONAL,
        None,
    ),
    OrgSpec(
        "ncc_secretariat",
        "National Coordination Committee Secretariat, Islamabad (demo)",
        "قومی رابطہ کمیٹی سیکرٹریٹ، اسلام آباد (ڈیمو)",
        Kind.TIP_COMMITTEE,
        Level.NATIONAL,
        "ISB",
    ),
    # Courts, for the demo charges' trials and hearings (rahai.justice.demo).
    OrgSpec(
        "sessions_lahore",
        "Court of Sessions, Lahore (demo)",
        "سیشن کورٹ، لاہور (ڈیمو)",
        Kind.COURT,
        Level.DISTRICT,
        "LHR",
    ),
    OrgSpec(
        "magistrate_lahore",
        "Judicial Magistrate Section 30, Lahore (demo)",
        "جوڈیشل مجسٹریٹ دفعہ 30، لاہور (ڈیمو)",
        Kind.COURT,
        Level.DISTRICT,
        "LHR",
    ),
]
ORG_BY_KEY = {spec.key: spec for spec in ORGANISATIONS}
DEMO_ORG_NAMES = [spec.name for spec in ORGANISATIONS]


@dataclass(frozen=True)
class UserSpec:
    username: str
    first_name: str
    org: str
    roles: tuple[str, ...]
    staff: bool = False
    email: str = ""


# Sign-in accounts: each gets a generated password, shown once and kept in var/.
USERS = [
    UserSpec("operator", "Hotline operator", "hotline", (RoleCode.HOTLINE_OPERATOR,)),
    # Gets the hotline's crisis alerts (in the app and by email) while on duty.
    UserSpec(
        "hotline.supervisor",
        "Hotline supervisor",
        "hotline",
        (RoleCode.SUPERVISOR,),
        email="hotline.supervisor@example.org",
    ),
    UserSpec("investigator", "Police investigator", "ps_shahdara", (RoleCode.INVESTIGATOR,)),
    UserSpec("fia", "FIA investigator", "fia_lahore", (RoleCode.INVESTIGATOR,)),
    UserSpec("caseworker", "NGO caseworker", "ssdo", (RoleCode.CASEWORKER,)),
    UserSpec("shelter", "Shelter caseworker", "shelter_lahore", (RoleCode.CASEWORKER,)),
    UserSpec("prosecutor", "Prosecutor", "prosecution_pb", (RoleCode.PROSECUTOR,)),
    UserSpec("supervisor", "Provincial supervisor", "tip_punjab", (RoleCode.SUPERVISOR,)),
    # Keeps the Kasur District Vigilance Committee's records (members, meetings, minutes).
    UserSpec("dvc", "DVC secretary", "dvc_kasur", (RoleCode.SUPERVISOR,)),
    UserSpec("analyst", "Analyst", "ncc_secretariat", (RoleCode.ANALYST,)),
    UserSpec("admin", "Administrator", "ncc_secretariat", (RoleCode.ADMINISTRATOR,), staff=True),
    UserSpec("auditor", "Auditor", "ncc_secretariat", (RoleCode.AUDITOR,)),
]

# Organisations that own demo cases but have no sign-in account above get a "records desk"
# account with an unusable password: the services need an actor of the owning organisation.
DESK_ROLE = {
    "police_station": RoleCode.INVESTIGATOR,
    "fia_ahtc": RoleCode.INVESTIGATOR,
}
CASE_OWNERS = [
    "ps_shahdara",
    "ps_civil_lines_grw",
    "ps_saddar_kso",
    "ps_quetta_city",
    "ps_kot_radha_kishan",
    "ps_sanghar",
    "fia_lahore",
    "fia_gujranwala",
    "fia_islamabad",
    "fia_karachi",
    "fia_quetta",
    "fia_peshawar",
    "ssdo",
    "hotline",
]


def desk_username(org_key: str) -> str:
    return "desk." + org_key.replace("_", "-")


def actor_for(org_key: str) -> str:
    """The username that records cases for an owning organisation."""
    for spec in USERS:
        if spec.org == org_key and spec.roles[0] in (
            RoleCode.HOTLINE_OPERATOR,
            RoleCode.INVESTIGATOR,
            RoleCode.CASEWORKER,
        ):
            return spec.username
    return desk_username(org_key)


def desk_specs() -> list[UserSpec]:
    named = {spec.org for spec in USERS}
    return [
        UserSpec(desk_username(key), "Records desk", key, (DESK_ROLE[ORG_BY_KEY[key].kind],))
        for key in CASE_OWNERS
        if key not in named
    ]


# The restricted-case team: police and the NGO caseworker who supports child victims.
TEAM_NAME = "Child protection team"
TEAM_ORG = "ps_shahdara"
TEAM_MEMBERS = ("investigator", "caseworker")

# Partner organisations' users who write notes on cases shared with them.
PARTNER_AUTHORS = {"ssdo": "caseworker", "shelter_lahore": "shelter"}

# Short, concrete words for memorable passwords (three words and four digits).
PASSWORD_WORDS = (
    "apple",
    "badge",
    "basin",
    "berry",
    "blaze",
    "bloom",
    "brick",
    "brook",
    "cabin",
    "camel",
    "candle",
    "canyon",
    "cedar",
    "chalk",
    "cherry",
    "cider",
    "citrus",
    "clover",
    "cobalt",
    "comet",
    "copper",
    "coral",
    "cotton",
    "crane",
    "crystal",
    "dawn",
    "delta",
    "desert",
    "dune",
    "eagle",
    "ember",
    "falcon",
    "fern",
    "flint",
    "forest",
    "garden",
    "ginger",
    "glacier",
    "granite",
    "harbor",
    "hazel",
    "heron",
    "honey",
    "indigo",
    "island",
    "ivory",
    "jasmine",
    "kettle",
    "kite",
    "lagoon",
    "lantern",
    "lemon",
    "lilac",
    "linen",
    "lotus",
    "mango",
    "maple",
    "marble",
    "meadow",
    "melon",
    "meteor",
    "mint",
    "monsoon",
    "mosaic",
    "nectar",
    "oasis",
    "olive",
    "onyx",
    "orbit",
    "orchid",
    "otter",
    "paddle",
    "pebble",
    "pepper",
    "pine",
    "planet",
    "plum",
    "pomegranate",
    "quartz",
    "quill",
    "raven",
    "reed",
    "river",
    "saffron",
    "sandal",
    "shell",
    "silver",
    "sparrow",
    "spruce",
    "stone",
    "summit",
    "tamarind",
    "thunder",
    "tulip",
    "valley",
    "velvet",
    "walnut",
    "willow",
)
